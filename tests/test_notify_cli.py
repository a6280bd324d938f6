"""`automations notify`, its settings, its nightly schedule entry, and the demo's outbox."""

from __future__ import annotations

import email
import shutil
import threading
from email import policy
from pathlib import Path

import pytest
from conftest import TODAY as DEMO_TODAY
from notify_support import TODAY, write_workspace

from automations.cli import main
from automations.config import load_settings
from automations.demo import demo_notifications
from automations.notify import NotifyBusy, run_notify
from automations.scheduler import build_scheduler, crontab_lines, run_moment
from jobs import all_jobs
from sheets_schema import REFERENCE_WORKBOOK
from sheets_schema.base import Severity

ARGS = ["--today", TODAY.isoformat()]


def test_dry_run_lists_and_records_nothing_then_a_run_writes_the_outbox(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    workspace = write_workspace(tmp_path / "ws")
    assert main(["notify", "--dry-run", "--workspace", str(workspace), *ARGS]) == 0
    out = capsys.readouterr().out
    assert "dry run: 6 messages would be sent" in out
    assert "[klaidos] info@panrvb.lt: Statistikos formoje yra klaidų" in out
    assert not (workspace / "siunciami_laiskai").exists()
    assert not (workspace / ".automations" / "notify" / "state.json").exists()

    assert main(["notify", "--workspace", str(workspace), *ARGS]) == 0
    assert "6 delivered, 0 failed (outbox:" in capsys.readouterr().out
    files = sorted((workspace / "siunciami_laiskai").glob("*.eml"))
    assert len(files) == 6
    message = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["From"] == "PAVB <pavb@pavb.lt>" and message["Reply-To"] == "pavb@pavb.lt"

    assert main(["notify", "--workspace", str(workspace), *ARGS]) == 0
    assert "nothing new to send" in capsys.readouterr().out
    assert len(list((workspace / "siunciami_laiskai").glob("*.eml"))) == 6


@pytest.mark.parametrize(("settings", "named"), [
    ('[smtp]\nhost = "smtp.example.lt"\npassword = "slaptas"\n', "AUTOMATIONS_SMTP__PASSWORD"),
    ('[notify]\nkinds = ["klaidos", "skrajutes"]\n', "notify.kinds: unknown skrajutes"),
    ('[notify]\ndeliver = "smtp"\n', "needs smtp.host"),
    ('[figures]\nstatistics_deadline = "02-30"\n', "figures.statistics_deadline"),
    ('[notify]\nsender = "PAVB"\n', "notify.sender"),
    ('[smtp]\nhost = "smtp.example.lt"\npassword_file = "/nonexistent/pavb-smtp"\n', "smtp.password_file"),
])
def test_unusable_settings_exit_2_naming_the_key(tmp_path: Path, settings: str, named: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    workspace = write_workspace(tmp_path / "ws", settings=settings)
    assert main(["notify", "--workspace", str(workspace), *ARGS]) == 2
    assert named in capsys.readouterr().err
    assert not (workspace / "siunciami_laiskai").exists()


def test_a_second_run_at_the_same_time_is_refused(tmp_path: Path) -> None:
    from filelock import FileLock

    workspace = write_workspace(tmp_path / "ws")
    settings = load_settings(workspace)
    (settings.state_path / "notify").mkdir(parents=True)
    with FileLock(str(settings.state_path / "notify" / "notify.lock")), pytest.raises(NotifyBusy):
        run_notify(settings, TODAY)


def test_notifications_follow_the_jobs_in_the_schedule_and_in_cron(tmp_path: Path) -> None:
    write_workspace(tmp_path, settings='[schedule]\ndefault = "02:00"\n[schedule.jobs]\nnuoma = ["02:00", "13:00"]\n')
    settings = load_settings(tmp_path)
    assert len(build_scheduler(settings, all_jobs()).get_jobs()) == 2
    lines = crontab_lines(settings, all_jobs())
    night = next(line for line in lines if line.startswith("0 2 * * * "))
    assert night.index(" run ") < night.index(" notify --workspace ") and "; " in night
    assert " notify --workspace" not in next(line for line in lines if line.startswith("0 13 * * * "))

    (tmp_path / "automations.toml").write_text('[notify]\ntimes = ["07:30"]\n', encoding="utf-8")
    lines = crontab_lines(load_settings(tmp_path), all_jobs())
    assert any(line.startswith("30 7 * * * ") and " run " not in line and " notify " in line for line in lines)
    (tmp_path / "automations.toml").write_text("[notify]\ntimes = []\n", encoding="utf-8")
    assert not any(" notify --workspace" in line for line in crontab_lines(load_settings(tmp_path), all_jobs()))


def test_a_failing_notification_run_never_stops_the_jobs_nor_the_scheduler(tmp_path: Path) -> None:
    workspace = write_workspace(tmp_path / "ws")
    state = workspace / ".automations" / "notify" / "state.json"
    state.parent.mkdir(parents=True)
    state.write_text("{damaged", encoding="utf-8")
    settings = load_settings(workspace)
    result: list[bool] = []
    worker = threading.Thread(target=lambda: result.append(run_moment(settings, [all_jobs()["regiono_statistika"]],
                                                                      True)))
    worker.start()
    worker.join(120)
    assert result == [False]
    assert list((workspace / "ataskaitos").glob("*/Regiono statistika/*.xlsx"))  # the job ran first


def test_the_demo_writes_messages_for_its_mistakes_and_missing_libraries(demo_run, tmp_path: Path) -> None:
    source, report = demo_run
    workspace = tmp_path / "demo"
    shutil.copytree(source, workspace)
    settings = load_settings(workspace)
    notified = demo_notifications(settings, report.results, DEMO_TODAY)
    assert notified.channel == "outbox" and notified.failed == 0
    messages = {}
    for path in sorted((workspace / "siunciami_laiskai").glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
        messages.setdefault(message["Subject"], []).append(message)
    subjects = list(messages)

    result = report.results[REFERENCE_WORKBOOK]
    answers = result.tabs["Formos atsakymai 1"].all_rows
    libraries = result.frame("Bibliotekos")
    names = dict(zip(libraries["kodas"], libraries["pavadinimas"], strict=True))
    names.pop("PAVB", None)  # the Library itself fills the form too; its name is every message's signature
    superseded = {problem.row for problem in result.problems if problem.rule == "pakeista"}
    wrong = {problem.row for problem in result.problems if problem.tab == "Formos atsakymai 1"
             and problem.severity is not Severity.NOTE and problem.row not in superseded
             and answers.loc[answers["_row"] == problem.row, "metai"].iloc[0] == 2025}
    assert len(wrong) == 3  # children > users, an unknown library, loans typed ten times too large
    for row in wrong:
        typed = answers.loc[answers["_row"] == row, "biblioteka"].iloc[0]
        library = names.get(typed) or next((name for code, name in names.items() if code.lower() == typed.lower()),
                                           typed)
        assert any(subject.endswith(f"– {library}") and not subject.startswith("Laukiame") for subject in subjects), \
            library
    submitted = set(answers.loc[answers["metai"] == 2025, "biblioteka"])
    active = libraries.loc[libraries["aktyvi"].fillna(True).astype(bool)]
    missing = [name for code, name in zip(active["kodas"], active["pavadinimas"], strict=True)
               if code not in submitted and name not in submitted and code.lower() not in submitted]
    assert len(missing) == 5
    for name in missing:
        assert f"Laukiame 2025 m. statistikos – {name}" in messages, name
    digest = [subject for subject in subjects if subject.startswith("Savaitės santrauka")]
    assert len(messages[digest[0]]) == 2  # both managers
    for subject, group in messages.items():
        for message in group:
            text = message.get_body(("plain",)).get_content()
            if "– " in subject and not subject.startswith(("Savaitės", "Projekto")):
                own = subject.rsplit("– ", 1)[1]
                others = [name for name in names.values() if name != own and name in text and name not in own]
                assert not others, (subject, others)  # a library's message names no other library
    assert any(subject.startswith("Projekto ") for subject in subjects)  # deadlines to the responsible staff
    assert run_notify(settings, DEMO_TODAY, transport=None, results=report.results).sent == 0


def test_every_notify_and_smtp_setting_is_documented() -> None:
    from automations.config import NotifySettings, SmtpSettings

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for prefix, model in (("notify", NotifySettings), ("smtp", SmtpSettings)):
        for name in model.model_fields:
            assert f"`{prefix}.{name}`" in readme, f"{prefix}.{name}"


def test_init_copies_the_letter_templates_and_jobs_lists_the_notifications(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--workspace", str(tmp_path)]) == 0
    copied = {path.name for path in (tmp_path / "sablonai" / "laiskai").iterdir()}
    assert {"klaidos.txt", "klaidos.html", "_parasas.txt", "savaitine_santrauka.html"} <= copied
    assert "# [smtp]" in (tmp_path / "automations.toml").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["jobs", "--workspace", str(tmp_path)]) == 0
    assert "automations notify`  [every day at 02:00, after the jobs]" in capsys.readouterr().out

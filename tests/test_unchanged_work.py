"""Skip unchanged work: a rerun with nothing changed writes nothing; a changed row re-renders its own documents."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from automations.config import load_settings
from automations.job import Job, JobContext
from automations.runner import run_jobs
from jobs import all_jobs

TODAY = dt.date(2026, 11, 22)
JOBS = ("kvalifikacija", "konsultacijos")


def _run(workspace: Path, *names: str, today: dt.date = TODAY, force: bool = False):
    return run_jobs(load_settings(workspace), [all_jobs()[name] for name in names], on_date=today, force=force)


def _state(workspace: Path) -> dict[Path, tuple[int, bytes]]:
    """Every output and manifest with its modification time and content."""
    files = [*(workspace / "ataskaitos").rglob("*"), *(workspace / ".automations" / "runs").glob("*.json")]
    return {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in files if path.is_file()}


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = tmp_path_factory.mktemp("unchanged") / "demo"
    shutil.copytree(demo_source, workspace)
    report = _run(workspace, *JOBS)
    assert report.ok and not any(run.skipped for run in report.jobs)
    return workspace


def test_an_unchanged_rerun_writes_nothing_not_even_its_manifests(produced: Path):
    before = _state(produced)
    again = _run(produced, *JOBS)
    assert [run.skipped for run in again.jobs] == [True, True] and again.ok
    assert again.results == {} and again.feedback == []  # nothing was even read
    assert _state(produced) == before


def test_force_and_another_report_date_run_again(produced: Path):
    forced = _run(produced, "konsultacijos", force=True)
    assert not forced.jobs[0].skipped and not any(item.written for item in forced.jobs[0].published)
    tomorrow = _run(produced, "konsultacijos", today=TODAY + dt.timedelta(days=1))
    assert not tomorrow.jobs[0].skipped


def test_a_changed_participant_re_renders_that_participants_certificate_only(produced: Path):
    book = load_workbook(produced / "kvalifikacija.xlsx")
    sheet = book["Dalyviai"]
    headers = [cell.value for cell in sheet[1]]
    attended, heard = headers.index("Dalyvavo") + 1, headers.index("Išklausyta, akad. val.") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if str(sheet.cell(r, attended).value).casefold() == "taip")
    name = sheet.cell(row, headers.index("Vardas, pavardė") + 1).value
    sheet.cell(row, heard).value = 1
    book.save(produced / "kvalifikacija.xlsx")
    certificates = sorted((produced / "ataskaitos" / "2026" / "Pažymėjimai").iterdir())
    times = {path: path.stat().st_mtime_ns for path in certificates}
    report = _run(produced, "kvalifikacija")
    assert report.ok and not report.jobs[0].skipped
    written = [item.path for item in report.jobs[0].published if item.written and "Pažymėjimai" in item.path]
    assert len(written) == 1 and name in written[0]
    changed = [path for path in certificates if path.stat().st_mtime_ns != times[path]]
    assert len(changed) == 1 and name in changed[0].name
    manifest = json.loads((produced / ".automations" / "runs" / "kvalifikacija.json").read_text("utf-8"))
    assert all(item["fingerprint"] for item in manifest["outputs"] if item["path"].endswith(".docx"))


def test_a_deleted_output_brings_its_job_back(produced: Path):
    _run(produced, "konsultacijos")
    report_path = next((produced / "ataskaitos" / "2026" / "Konsultacijos").glob("*.docx"))
    report_path.unlink()
    again = _run(produced, "konsultacijos")
    assert not again.jobs[0].skipped and report_path.exists()


def test_finished_documents_wait_on_disk_and_are_removed_after_publishing(demo_workspace: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    """A thousand certificates are never held in memory at once, and no scratch copy outlives the run."""
    import automations.job as job_module

    made: list[job_module.Output] = []
    original = job_module.JobContext._stored

    def recording(self, *args, **kwargs):
        output = original(self, *args, **kwargs)
        assert output.stored is not None and output.stored.is_file()  # on disk while the job goes on
        made.append(output)
        return output

    monkeypatch.setattr(job_module.JobContext, "_stored", recording)
    report = _run(demo_workspace, "kvalifikacija")
    assert report.ok and len(made) > 20
    published = {path.relative_to(demo_workspace / "ataskaitos").as_posix(): path
                 for path in (demo_workspace / "ataskaitos").rglob("*") if path.is_file()}
    for output in made:
        assert not output.stored.exists()  # the scratch copy is gone
        assert hashlib.sha256(published[output.path].read_bytes()).hexdigest() == output.sha256


def _cli_run(workspace: Path, *names: str) -> tuple[str, bool]:
    """`automations run` in a fresh interpreter: what it printed, and whether it loaded pandas."""
    script = ("import sys; from automations.cli import main; code = main(sys.argv[1:]); "
              "print('pandas loaded:', 'pandas' in sys.modules); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", script, "run", *names, "--workspace", str(workspace),
                           "--today", TODAY.isoformat()], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done.stdout, "pandas loaded: True" in done.stdout


def test_an_unchanged_run_is_decided_before_pandas_or_any_job_loads(produced: Path):
    _run(produced, *JOBS)
    before = _state(produced)
    printed, loaded = _cli_run(produced, *JOBS)
    assert not loaded
    assert [line.split(":")[0] for line in printed.splitlines() if "unchanged since its last run" in line] == list(JOBS)
    assert _state(produced) == before


def test_a_changed_input_makes_the_command_run_its_job(produced: Path):
    _run(produced, *JOBS)
    book = load_workbook(produced / "konsultacijos.xlsx")
    book.properties.title = "pakeista"  # other bytes, the same rows
    book.save(produced / "konsultacijos.xlsx")
    printed, loaded = _cli_run(produced, *JOBS)
    assert loaded
    assert "konsultacijos: ok" in printed and "kvalifikacija: unchanged since its last run" in printed


def test_an_unchanged_run_still_checks_the_output_folder(produced: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    from automations import files
    from automations.cli import main

    _run(produced, *JOBS)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    code = main(["run", *JOBS, "--workspace", str(produced), "--today", TODAY.isoformat()])
    assert code == 2 and "Permission denied" in capsys.readouterr().err


def test_a_job_given_up_on_makes_no_scratch_folder_afterwards(demo_workspace: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    finished = threading.Event()

    def late(ctx: JobContext) -> None:
        time.sleep(3.0)
        try:
            ctx.output("Procesai", "vėlai.txt", b"late")
        finally:
            finished.set()

    settings = load_settings(demo_workspace)
    settings.schedule.max_job_minutes = 0.025  # 1.5 s
    report = run_jobs(settings, [Job("velai", "test job", (), late)], on_date=TODAY)
    assert not report.ok and "did not finish" in report.jobs[0].error
    assert finished.wait(10)
    assert list(scratch.iterdir()) == []

"""The command line contract: jobs, init, run, schedule (and its lock), settings errors."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from openpyxl import load_workbook

from automations.cli import main
from automations.config import load_settings
from automations.scheduler import SchedulerBusy, build_scheduler, crontab_lines, jobs_by_time, serve
from jobs import Declared, _declaration, all_jobs, declared_jobs
from sheets_schema import WORKBOOK_NAMES, workbooks


def test_jobs_lists_every_job_with_its_schedule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["jobs", "--workspace", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for name in all_jobs():
        assert name in out
    assert "every day at 02:00" in out


def test_declared_jobs_agree_with_the_imported_jobs() -> None:
    """`automations jobs` reads the declarations without importing the jobs: the two must never differ."""
    assert [(job.name, job.description, job.order) for job in declared_jobs()] == [
        (job.name, job.description, job.order) for job in all_jobs().values()]


def test_a_declaration_not_written_literally_falls_back_to_the_imported_job(tmp_path: Path) -> None:
    module = tmp_path / "job.py"
    module.write_text('JOB = Job(name="a", description=DESCRIPTION, order=1)\n', encoding="utf-8")
    assert _declaration(module) is None
    module.write_text('JOB = Job(name="a", description="b", order=1)\n', encoding="utf-8")
    assert _declaration(module) == Declared("a", "b", 1)
    module.write_text('JOB: Job = Job(name="a", description="b", order=1)\n', encoding="utf-8")
    assert _declaration(module) is None
    module.write_text("HELPER = 1\n", encoding="utf-8")
    assert _declaration(module) is False
    assert _declaration(tmp_path / "a_package") is None


def test_listing_jobs_loads_neither_pandas_nor_the_documents(tmp_path: Path) -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys; from automations.cli import main; main(['jobs', '--workspace', "
         f"{str(tmp_path)!r}]); print(sorted(m for m in ('pandas', 'numpy', 'docx', 'docxtpl', 'matplotlib', "
         "'openpyxl', 'jobs.nuoma') if m in sys.modules))"],
        capture_output=True, text=True, check=True).stdout.splitlines()
    assert "regiono_statistika" in loaded[0]
    assert loaded[-1] == "[]"


def test_init_creates_blank_workbooks_with_headers_lists_and_notes(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--workspace", str(tmp_path)]) == 0
    for name, spec in workbooks().items():
        book = load_workbook(tmp_path / f"{name}.xlsx")
        for model in spec.tabs:
            sheet = book[model.tab]
            assert [cell.value for cell in sheet[1]][: len(model.headers())] == model.headers()
            assert sheet.freeze_panes == "A2"
            assert all(sheet.cell(row=1, column=i + 1).comment for i in range(len(model.headers())))
    events = load_workbook(tmp_path / "renginiai.xlsx")["Renginiai"]
    lists = [dv for dv in events.data_validations.dataValidation if dv.type == "list"]
    assert lists and all("Sąrašai" in dv.formula1 for dv in lists)
    assert (tmp_path / "sablonai" / "regiono_statistika.docx").exists()
    capsys.readouterr()


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["init", "--workspace", str(tmp_path)])
    (tmp_path / "renginiai.xlsx").write_bytes(b"mine")
    capsys.readouterr()
    assert main(["init", "--workspace", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"exists, left as it is: {tmp_path / 'renginiai.xlsx'}" in out
    assert (tmp_path / "renginiai.xlsx").read_bytes() == b"mine"
    assert len(WORKBOOK_NAMES) == 12


def test_bad_settings_name_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "automations.toml").write_text('backend = "ftp"\n[schedule]\ndefault = "25:00"\ncolour = 1\n')
    assert main(["jobs", "--workspace", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "backend" in err and "schedule.default" in err and "colour: unknown key" in err


def test_run_needs_known_jobs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "nope", "--workspace", str(tmp_path)]) == 2
    assert main(["run", "--workspace", str(tmp_path)]) == 2
    assert "unknown job: nope" in capsys.readouterr().err


def test_run_on_a_blank_workspace_succeeds_with_empty_reports(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    main(["init", "--workspace", str(tmp_path)])
    assert main(["run", "regiono_statistika", "--workspace", str(tmp_path), "--today", "2026-11-22"]) == 0
    assert (tmp_path / "ataskaitos/2026/Regiono statistika/Regiono statistika 2026.xlsx").exists()
    capsys.readouterr()


def test_run_with_a_missing_workbook_fails_that_job_cleanly(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    main(["init", "--workspace", str(tmp_path)])
    (tmp_path / "teritorijos_statistika.xlsx").unlink()
    assert main(["run", "regiono_statistika", "--workspace", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "regiono_statistika: FAILED: inputs could not be read" in out
    assert "Traceback" not in out
    assert (tmp_path / "ataskaitos/Klaidos/teritorijos_statistika.xlsx").exists()


def test_output_piped_into_a_reader_that_stops_early_ends_quietly(tmp_path: Path) -> None:
    flood = ("import automations.cli as cli\n"
             "cli.COMMANDS['jobs'] = lambda args, settings: [print('eilutė ' * 40) for _ in range(20000)] and 0\n"
             f"raise SystemExit(cli.main(['jobs', '--workspace', {str(tmp_path)!r}]))\n")
    writer = subprocess.Popen([sys.executable, "-c", flood], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout.readline().startswith("eilutė".encode())
    writer.stdout.close()  # like `| head -1`
    _, errors = writer.communicate(timeout=60)
    assert writer.returncode == 1
    assert b"Traceback" not in errors


def test_schedule_groups_jobs_by_time_and_prints_crontab(tmp_path: Path) -> None:
    (tmp_path / "automations.toml").write_text('[schedule]\ndefault = "02:00"\n[schedule.jobs]\n'
                                               'regiono_statistika = ["02:00", "13:30"]\n')
    settings = load_settings(tmp_path)
    groups = jobs_by_time(settings, all_jobs())
    assert [job.name for job in groups["13:30"]] == ["regiono_statistika"]
    assert len(groups["02:00"]) == len(all_jobs())
    assert len(build_scheduler(settings, all_jobs()).get_jobs()) == 2
    lines = crontab_lines(settings, all_jobs())
    assert any(line.startswith("30 13 * * * ") and "run regiono_statistika --workspace" in line for line in lines)


def test_a_second_scheduler_on_the_same_workspace_is_refused(tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    stop = threading.Event()
    first = threading.Thread(target=serve, args=(settings, {}, stop, 0.05))
    first.start()
    try:
        for _ in range(100):
            if (settings.state_path / "scheduler.lock").exists():
                break
            stop.wait(0.02)
        with pytest.raises(SchedulerBusy, match="already running"):
            serve(settings, {}, threading.Event(), 0.05)
    finally:
        stop.set()
        first.join(5)
    assert not first.is_alive()


def test_a_failing_job_does_not_stop_the_others_nor_the_scheduler(tmp_path: Path) -> None:
    from automations.job import Job
    from automations.scheduler import run_group

    main(["init", "--workspace", str(tmp_path)])

    def explode(ctx) -> None:
        raise RuntimeError("boom")

    broken = Job("broken", "always fails", ("renginiai",), explode)
    settings = load_settings(tmp_path)
    assert run_group(settings, [broken, all_jobs()["regiono_statistika"]]) is False
    assert list((tmp_path / "ataskaitos").glob("*/Regiono statistika/*.xlsx"))
    manifest = settings.state_path / "runs" / "broken.json"
    assert manifest.exists() and "RuntimeError: boom" in manifest.read_text(encoding="utf-8")

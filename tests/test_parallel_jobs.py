"""A run's jobs on every core: same documents as one after another, a dying worker fails only what it held."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from automations import parallel
from automations.config import load_settings
from automations.job import Job, JobContext
from automations.runner import run_jobs
from jobs import all_jobs

TODAY = dt.date(2026, 11, 22)
CHEAP = ("konsultacijos", "projektai", "veiklos_planas", "komisijos")


def _settings(workspace: Path, workers: int):
    settings = load_settings(workspace)
    settings.schedule.workers = workers
    return settings


def _outputs(workspace: Path) -> dict[str, bytes]:
    folder = workspace / "ataskaitos"
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_jobs_in_worker_processes_write_the_same_bytes_as_one_after_another(demo_source: Path, tmp_path: Path):
    copies = {}
    for workers in (1, 2):
        workspace = tmp_path / f"workers-{workers}"
        shutil.copytree(demo_source, workspace)
        report = run_jobs(_settings(workspace, workers), [all_jobs()[name] for name in CHEAP], on_date=TODAY)
        assert report.ok and [run.job for run in report.jobs] == list(CHEAP)
        assert all(run.published for run in report.jobs)
        copies[workers] = _outputs(workspace)
    assert len(copies[1]) >= 8 and copies[1] == copies[2]


def _pid_job(name: str, pause: float = 0.0, exit_code: int | None = None) -> Job:
    """A job that writes the id of the process it ran in (or kills that process)."""

    def produce(ctx: JobContext) -> None:
        time.sleep(pause)
        if exit_code is not None:
            os._exit(exit_code)
        ctx.output("Procesai", f"{name}.txt", str(os.getpid()).encode())

    return Job(name, "test job", (), produce)


def test_jobs_run_in_forked_workers_and_with_one_worker_here(demo_workspace: Path):
    jobs = [_pid_job("pirmas"), _pid_job("antras")]
    report = run_jobs(_settings(demo_workspace, 2), jobs, on_date=TODAY)
    assert report.ok
    folder = demo_workspace / "ataskaitos" / "2026" / "Procesai"
    pids = {int((folder / f"{job.name}.txt").read_text()) for job in jobs}
    assert os.getpid() not in pids
    report = run_jobs(_settings(demo_workspace, 1), jobs, on_date=TODAY, force=True)
    assert report.ok and {int((folder / f"{job.name}.txt").read_text()) for job in jobs} == {os.getpid()}


def test_a_process_that_dies_fails_its_own_job_only(demo_workspace: Path):
    jobs = [_pid_job("mirstantis", exit_code=3), *(_pid_job(name, pause=0.2) for name in ("a", "b", "c"))]
    report = run_jobs(_settings(demo_workspace, 2), jobs, on_date=TODAY)
    dying, *others = report.jobs
    assert not dying.ok and "exit code 3" in dying.error and "next run" in dying.error
    assert all(run.ok and run.published for run in others)
    assert not report.ok


def test_the_number_of_workers_is_not_part_of_what_a_job_depends_on(demo_workspace: Path):
    jobs = [all_jobs()[name] for name in CHEAP[:2]]
    assert run_jobs(_settings(demo_workspace, 2), jobs, on_date=TODAY).ok
    again = run_jobs(_settings(demo_workspace, 1), jobs, on_date=TODAY)
    assert [run.skipped for run in again.jobs] == [True, True]


@pytest.mark.parametrize(("setting", "jobs", "shareable", "expected"), [
    (1, 10, True, 1),  # one after another when asked
    (3, 10, True, 3),
    (8, 2, True, 2),  # never more workers than jobs
    (4, 10, False, 1),  # a backend whose connections must not be shared keeps the jobs in this process
    (0, 1, True, 1),
])
def test_how_many_workers(setting: int, jobs: int, shareable: bool, expected: int):
    assert parallel.workers_for(setting, jobs, shareable) == expected


def test_zero_workers_means_one_per_core():
    cores = len(os.sched_getaffinity(0))
    assert parallel.workers_for(0, 100, True) == cores


def test_steps_come_back_in_their_order_whatever_order_they_start_in():
    steps = [lambda index=index: (index, os.getpid()) for index in range(6)]
    results = parallel.run_all(steps, 2, costs=[0, 5, 1, 4, 2, 3], failed=lambda index, error: None)
    assert [index for index, _ in results] == list(range(6))
    assert os.getpid() not in {pid for _, pid in results}


def test_a_job_past_its_time_limit_in_a_worker_fails_and_the_others_finish(demo_workspace: Path):
    settings = _settings(demo_workspace, 2)
    settings.schedule.max_job_minutes = 0.05  # 3 s: the limit holds for reading the inputs too, on a busy machine
    started = time.monotonic()
    report = run_jobs(settings, [_pid_job("kabo", pause=30), _pid_job("veikia")], on_date=TODAY)
    assert time.monotonic() - started < 15  # the worker holding the hung job is not waited for
    hung, works = report.jobs
    assert not hung.ok and "job kabo did not finish within 3 s" in hung.error
    assert works.ok and works.published
    assert not (demo_workspace / "ataskaitos" / "2026" / "Procesai" / "kabo.txt").exists()


def test_an_interrupt_in_a_worker_stops_the_run_and_starts_nothing_more(tmp_path: Path):
    def interrupted():
        raise KeyboardInterrupt

    def later(index: int):
        time.sleep(0.3)
        (tmp_path / f"{index}.txt").write_text("ran")

    steps = [interrupted, *(lambda index=index: later(index) for index in range(20))]
    with pytest.raises(KeyboardInterrupt):
        parallel.run_all(steps, 2, costs=[1] + [0] * 20, failed=lambda index, error: None)
    time.sleep(0.5)
    assert len(list(tmp_path.glob("*.txt"))) <= 1  # at most the one started beside it; it was ended


def test_a_result_that_cannot_come_back_fails_that_step():
    steps = [lambda: 1, lambda: threading.Lock(), lambda: 3]
    results = parallel.run_all(steps, 2, costs=[0, 0, 0], failed=lambda index, error: f"failed: {error}")
    assert results[0] == 1 and results[2] == 3
    assert results[1].startswith("failed: its result could not be handed back")


def test_no_fork_while_another_thread_runs():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert parallel.workers_for(2, 10, True) == 1
    finally:
        release.set()
        other.join()
    assert parallel.workers_for(2, 10, True) == 2


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_when_the_run_is_killed(tmp_path: Path):
    script = f"""
import os, time
from pathlib import Path
from automations import parallel

def step(index):
    Path({str(tmp_path)!r}, f"{{os.getpid()}}-{{index}}").touch()
    time.sleep(1.5)

parallel.run_all([lambda index=index: step(index) for index in range(6)], 2, [0] * 6, lambda index, error: None)
"""
    run = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    run.kill()  # as a scheduler's stop or a timeout would: no clean-up in the parent
    run.wait()
    workers = {int(path.name.split("-")[0]) for path in tmp_path.iterdir()}
    assert len(workers) == 2
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_running(pid) for pid in workers)  # each finished the step it had and found no one to tell
    assert len(list(tmp_path.iterdir())) == 2  # and started no other

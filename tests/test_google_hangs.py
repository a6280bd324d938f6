"""Issue 13 item 1: a connection that never answers cannot hang a run, a job or the scheduler.

The imitation's ``stall_next`` reads a request and never answers it (nor applies it), as a
stalled Google connection does. Every request has a connect and read timeout; a timed-out
request is retried like a network error; a job that still runs past ``schedule.max_job_minutes``
is reported failed while the others go on, and the scheduler keeps its loop and its lock.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock

from automations import deadline
from automations.config import Schedule, Settings
from automations.job import Job, JobContext
from automations.runner import run_jobs


def _quick_timeouts(settings: Settings, seconds: float = 0.3) -> Settings:
    google = settings.google.model_copy(update={"connect_timeout_seconds": seconds, "read_timeout_seconds": seconds})
    return settings.model_copy(update={"google": google})


def _with_limit(settings: Settings, seconds: float) -> Settings:
    return settings.model_copy(update={"schedule": Schedule(max_job_minutes=seconds / 60)})


def test_a_stalled_sheets_request_times_out_and_is_retried(fake_google, make_google_backend, load_into_google,
                                                           small_workspace, sleeps) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.stall_next(1, match=lambda method, path, body: "/v4/spreadsheets/" in path)
    started = time.monotonic()
    sheets = make_google_backend(_quick_timeouts(settings)).read_tabs("renginiai", ["Renginiai"])
    assert sheets["Renginiai"].cells[0][0] == "Data"
    assert time.monotonic() - started < 5
    assert [entry.status for entry in fake_google.log[:3]] == [0, 200, 200]  # no answer, then metadata and values
    assert len(sleeps) == 1  # one backoff before the retry


def test_a_stalled_drive_request_times_out_and_is_retried(fake_google, make_google_backend, load_into_google,
                                                          small_workspace) -> None:
    settings, _ = load_into_google(small_workspace)
    fake_google.stall_next(1, match=lambda method, path, body: "/drive/v3/files" in path and method == "GET")
    published = make_google_backend(_quick_timeouts(settings)).publish("2026/Bandymas/a.txt", b"hello")
    assert published.written
    assert fake_google.log[0].status == 0 and fake_google.log[1].status == 200


def test_the_default_transport_gets_timeouts_too(tmp_path: Path) -> None:
    """gspread passes timeout=None: the backend sets both timeouts on whatever the transport builds."""
    from fake_google import anonymous_identity

    from automations.backends.google import GoogleBackend

    settings = Settings(backend="google")
    settings.google.connect_timeout_seconds, settings.google.read_timeout_seconds = 7.0, 42.0
    backend = GoogleBackend(settings, identity=anonymous_identity())
    assert backend.api.sheets().timeout == (7.0, 42.0)
    http = backend.api.service("drive", "v3")._http
    assert getattr(http, "http", http).timeout == 42.0


def _publishing_job(name: str, filename: str) -> Job:
    def produce(ctx: JobContext) -> None:
        ctx.output("Bandymas", filename, f"content of {filename}".encode())
    return Job(name, f"writes {filename}", (), produce)


def test_a_job_past_its_time_limit_fails_and_the_others_go_on(fake_google, make_google_backend, load_into_google,
                                                              small_workspace) -> None:
    settings, _ = load_into_google(small_workspace)
    settings = _with_limit(settings, 1.0)  # read timeout stays 120 s: only the job's limit can end this
    fake_google.stall_next(1, match=lambda method, path, body: b'"name": "a.txt"' in body)
    started = time.monotonic()
    report = run_jobs(settings, [_publishing_job("pirmas", "a.txt"), _publishing_job("antras", "b.txt")],
                      backend=make_google_backend(settings))
    assert time.monotonic() - started < 10
    first, second = report.jobs
    assert not first.ok and "did not finish within 1 s" in first.error and "max_job_minutes" in first.error
    assert second.ok and second.published[0].written
    names = {item.meta["name"] for item in fake_google.drive.files.values()}
    assert "b.txt" in names and "a.txt" not in names


def test_an_abandoned_step_stops_at_its_next_request() -> None:
    finished = threading.Event()
    reached: list[str] = []

    def slow() -> None:
        time.sleep(0.3)
        try:
            deadline.check("step")
            reached.append("went on")
        except deadline.TimeLimitExceeded:
            reached.append("stopped")
        finished.set()

    with pytest.raises(deadline.TimeLimitExceeded):
        deadline.run_with_limit(slow, 0.1, "slow step")
    assert finished.wait(2) and reached == ["stopped"]
    assert deadline.run_with_limit(lambda: 5, 1, "quick step") == 5
    with pytest.raises(ZeroDivisionError):
        deadline.run_with_limit(lambda: 1 / 0, 1, "failing step")


def test_the_scheduler_survives_a_hanging_job_and_releases_its_lock(tmp_path: Path, monkeypatch) -> None:
    import schedule

    from automations import scheduler
    from automations.config import load_settings

    # 0.6 s; the jobs run in this process, where the test sees what they did
    (tmp_path / "automations.toml").write_text("[schedule]\nmax_job_minutes = 0.01\nworkers = 1\n")
    settings = load_settings(tmp_path)
    release = threading.Event()
    ran: list[str] = []

    def hangs(ctx: JobContext) -> None:
        release.wait(30)

    def works(ctx: JobContext) -> None:
        ran.append("works")

    jobs = {"kabo": Job("kabo", "hangs", (), hangs), "veikia": Job("veikia", "works", (), works)}

    def every_second(settings: Settings, jobs: dict[str, Job]) -> schedule.Scheduler:
        plan = schedule.Scheduler()
        plan.every(1).seconds.do(scheduler.run_group, settings, list(jobs.values()))
        return plan

    monkeypatch.setattr(scheduler, "build_scheduler", every_second)
    stop = threading.Event()
    thread = threading.Thread(target=scheduler.serve, args=(settings, jobs, stop, 0.05))
    thread.start()
    try:
        deadline_at = time.monotonic() + 10
        while not ran and time.monotonic() < deadline_at:
            time.sleep(0.05)
        assert ran == ["works"]  # the run went on past the hanging job
    finally:
        stop.set()
        thread.join(10)
        release.set()
    assert not thread.is_alive()
    lock = FileLock(str(scheduler.lock_path(settings)))
    lock.acquire(timeout=0)  # free again: the next scheduler can start
    lock.release()

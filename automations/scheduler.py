"""The nightly scheduler: run jobs at the times in ``automations.toml``, unattended.

Jobs due at the same time run together (inputs validated once), and the e-mail
notifications follow them (``notify.times``, by default the jobs' default times). A failing
job is logged and the others still run; a failing run never stops the scheduler, and a job
that runs longer than ``schedule.max_job_minutes`` is reported failed while the run goes on
(see :mod:`automations.runner`), so one stalled connection cannot hold the workspace for
ever. A lock file in the
workspace keeps a second scheduler off the same workspace. Times are the machine's local
time; sites that prefer cron get the equivalent crontab lines from :func:`crontab_lines`.
"""

from __future__ import annotations

import logging
import shlex
import sys
import threading
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import schedule
from filelock import FileLock, Timeout

from automations.config import Settings
from automations.errors import OutputUnavailable

if TYPE_CHECKING:
    from automations.job import Job  # loads pandas; listing jobs needs none of it

log = logging.getLogger("automations")


class SchedulerBusy(Exception):
    """Another scheduler holds this workspace's lock."""


def jobs_by_time(settings: Settings, jobs: dict[str, Job]) -> dict[str, list[Job]]:
    groups: dict[str, list[Job]] = defaultdict(list)
    for job in jobs.values():
        for moment in settings.schedule.times_for(job.name):
            groups[moment].append(job)
    return dict(sorted(groups.items()))


def run_group(settings: Settings, jobs: list[Job]) -> bool:
    """One scheduled run; never raises, so the scheduler keeps going."""
    names = ", ".join(job.name for job in jobs)
    log.warning("scheduled run started: %s", names)
    try:
        from automations.runner import run_jobs  # the run machinery loads when a run is due

        report = run_jobs(settings, jobs)
    except OutputUnavailable as error:
        log.error("scheduled run of %s not started: %s", names, error)
        return False
    except Exception:
        log.exception("scheduled run of %s failed", names)
        return False
    for run in report.jobs:
        level = logging.WARNING if run.ok else logging.ERROR
        log.log(level, "job %s: %s in %.1f s, %d outputs (%d written)", run.job, "ok" if run.ok else run.error,
                run.seconds, len(run.published), sum(1 for item in run.published if item.written))
    if report.activity:
        log.warning("%s", report.activity)
    return report.ok


def notify_times(settings: Settings) -> list[str]:
    """When e-mail notifications go out: ``notify.times``, by default right after the jobs of ``schedule.default``."""
    times = settings.notify.times
    return list(settings.schedule.default if times is None else times)


def run_notifications(settings: Settings) -> bool:
    """The nightly notification run; never raises, and a failed message waits for the next night."""
    from automations.notify import run_notify

    try:
        report = run_notify(settings)
    except Exception:
        log.exception("scheduled notifications failed")
        return False
    log.log(logging.WARNING if report.ok else logging.ERROR, "notifications (%s): %d due, %d delivered, %d failed",
            report.channel, len(report.due), report.sent, report.failed)
    return report.ok


def run_moment(settings: Settings, jobs: list[Job], notify: bool) -> bool:
    """What is due at one time of day: the jobs, then the notifications, each whatever the other did."""
    ok = run_group(settings, jobs) if jobs else True
    if notify:
        ok = run_notifications(settings) and ok
    return ok


def moments(settings: Settings, jobs: dict[str, Job]) -> dict[str, tuple[list[Job], bool]]:
    """Every time of day with its jobs and whether notifications follow them."""
    groups = jobs_by_time(settings, jobs)
    notify = set(notify_times(settings))
    return {moment: (groups.get(moment, []), moment in notify) for moment in sorted(set(groups) | notify)}


def build_scheduler(settings: Settings, jobs: dict[str, Job]) -> schedule.Scheduler:
    scheduler = schedule.Scheduler()
    for moment, (group, notify) in moments(settings, jobs).items():
        scheduler.every().day.at(moment).do(run_moment, settings, group, notify)
    return scheduler


def lock_path(settings: Settings) -> Path:
    return settings.state_path / "scheduler.lock"


def serve(settings: Settings, jobs: dict[str, Job], stop: threading.Event | None = None,
          poll_seconds: float = 30.0) -> None:
    """Run until stopped (Ctrl+C, or ``stop`` set); refuse when another scheduler runs here."""
    settings.state_path.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path(settings)))
    try:
        lock.acquire(timeout=0)
    except Timeout as error:
        raise SchedulerBusy(f"another scheduler is already running on {settings.workspace} "
                            f"(lock {lock_path(settings)})") from error
    try:
        scheduler = build_scheduler(settings, jobs)
        for entry in scheduler.get_jobs():
            log.warning("scheduled: %s", entry)
        stop = stop or threading.Event()
        while not stop.is_set():
            scheduler.run_pending()
            idle = scheduler.idle_seconds
            stop.wait(min(poll_seconds, max(idle if idle is not None else poll_seconds, 0.5)))
    finally:
        lock.release()


def crontab_lines(settings: Settings, jobs: dict[str, Job]) -> list[str]:
    """The same plan for cron: one line per time, running that time's jobs together."""
    program = shlex.quote(str(Path(sys.argv[0]).resolve())) if sys.argv and sys.argv[0] else "automations"
    workspace = shlex.quote(str(settings.workspace))
    log_file = shlex.quote(str(settings.state_path / "cron.log"))
    lines = ["# m h dom mon dow  command   (PAVB automations; times are this machine's local time)"]
    for moment, (group, notify) in moments(settings, jobs).items():
        hour, minute = moment.split(":")
        commands = [f"{program} run {' '.join(job.name for job in group)} --workspace {workspace}"] if group else []
        if notify:  # after the jobs, whether or not they all succeeded
            commands.append(f"{program} notify --workspace {workspace}")
        lines.append(f"{int(minute)} {int(hour)} * * * " + "; ".join(f"{command} >> {log_file} 2>&1"
                                                                     for command in commands))
    return lines

"""Run jobs the same way everywhere: validate once, give feedback, produce, publish, record.

A failing job is logged with its traceback in the workspace log and reported in one line;
the other jobs still run. Reading the inputs, and then each job, is bounded by
``schedule.max_job_minutes``: a step that takes longer is reported failed and the run goes
on. Each job's run leaves a manifest (inputs with content hashes, problem counts, outputs
with hashes and whether they were written).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import time
import traceback
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from automations import __version__, deadline, parallel
from automations.backends import make_backend
from automations.backends.base import Backend, BackendError, Feedback, Published
from automations.config import Settings, today
from automations.domain.commissions import overdue_problems
from automations.domain.figures import Figures
from automations.domain.plan import typed_value_problems
from automations.domain.registry import WORKBOOKS, figures_for
from automations.fingerprint import basis as run_basis
from automations.fingerprint import job_fingerprint, last_manifest, unchanged
from automations.validation import WorkbookResult, validate_all

if TYPE_CHECKING:  # the jobs' machinery (templates, renderers) loads only when a job runs, not to validate
    from automations.job import Job, JobContext, Output

log = logging.getLogger("automations")


@dataclass
class JobRun:
    job: str
    ok: bool
    seconds: float
    published: list[Published] = field(default_factory=list)
    error: str = ""
    sent: list[Output] = field(default_factory=list)  # the documents behind ``published``, in order
    skipped: bool = False  # nothing it depends on changed since its last successful run: nothing done


@dataclass
class RunReport:
    results: dict[str, WorkbookResult]
    feedback: list[Published]
    jobs: list[JobRun]
    activity: str = ""  # what the run cost the backend (requests, waits), when it says

    @property
    def ok(self) -> bool:
        return all(run.ok for run in self.jobs)


def write_feedback(backend: Backend, results: dict[str, WorkbookResult]) -> list[Published]:
    """One feedback per workbook; identical feedback is not rewritten."""
    written = []
    for name, result in results.items():
        if result.unreadable and not result.problems:
            continue  # the backend could not reach it at all: there is nowhere to write
        layouts = {tab: data.layout for tab, data in result.tabs.items() if data.layout is not None}
        # a tab read through the Forms API has no cells of its own to mark: its problems are listed only
        sheets = {tab: data.raw for tab, data in result.tabs.items() if data.raw is not None and not data.form}
        feedback = Feedback(name, result.spec.title, result.problems, sheets, layouts)
        try:
            published = backend.write_feedback(feedback)
        except BackendError as error:
            log.error("feedback for %s could not be written: %s", name, error)
            continue
        if published is not None:
            written.append(published)
    return written


def validate_with_figures(settings: Settings, backend: Backend, names: list[str],
                          on_date: dt.date) -> tuple[dict[str, WorkbookResult], Figures]:
    """Validate the workbooks, then check what needs the figures (typed plan values against computed ones)."""
    results = validate_all(backend, names, settings.limits)
    figures = figures_for(results, on_date, settings.figures.suspect_rules, settings.figures.deadline())
    commissions = results.get("komisijos")
    if commissions is not None:  # overdue decisions are overdue as of the run's date, which validation does not know
        commissions.problems.extend(overdue_problems(commissions, on_date))
    plan = results.get("veiklos_planas")
    if plan is not None and set(WORKBOOKS) <= set(results):
        plan.problems.extend(typed_value_problems(plan.frame("Priemonės"), figures))
    return results, figures


def run_jobs(
    settings: Settings,
    jobs: list[Job],
    year: int | None = None,
    backend: Backend | None = None,
    on_date: dt.date | None = None,
    force: bool = False,
) -> RunReport:
    """Validate what the jobs need, write feedback, then run each job in isolation.

    A job whose inputs, program, templates, settings and report date are all as at its last
    successful run is skipped (unless ``force``): nothing is read for it and nothing written.
    """
    backend = backend or make_backend(settings)
    backend.preflight()  # OutputUnavailable before anything is read or written
    on_date = on_date or today()
    limit = settings.schedule.max_job_minutes * 60
    sources = {name: backend.source_fingerprint(name) for name in {name for job in jobs for name in job.workbooks}}
    fingerprints = {job.name: _fingerprint(settings, job, sources, on_date, year) for job in jobs}
    previous = {job.name: last_manifest(settings, job.name) for job in jobs}
    skipped = set() if force else {job.name for job in jobs
                                   if unchanged(fingerprints[job.name], previous[job.name], backend.still_published)}
    active = [job for job in jobs if job.name not in skipped]
    if not active:
        return RunReport({}, [], [JobRun(job.name, True, 0.0, skipped=True) for job in jobs], backend.activity() or "")
    needed = sorted({name for job in active for name in job.workbooks})

    def check_inputs() -> tuple[dict[str, WorkbookResult], Figures, list[Published]]:
        results, figures = validate_with_figures(settings, backend, needed, on_date)
        return results, figures, write_feedback(backend, results)

    try:
        results, figures, feedback = deadline.run_with_limit(check_inputs, limit, "reading the inputs")
    except deadline.TimeLimitExceeded as error:
        log.error("run stopped: %s", error)
        return RunReport({}, [], [JobRun(job.name, False, limit, error=str(error)) for job in jobs],
                         backend.activity() or "")
    basis = run_basis(settings)
    steps = [partial(_run_one, settings, backend, job, results, figures, year, on_date, limit,
                     Fingerprints(fingerprints[job.name], basis, previous[job.name])) for job in active]
    workers = parallel.workers_for(settings.schedule.workers, len(steps), backend.parallel_jobs)
    costs = [float((previous[job.name] or {}).get("seconds") or 0) for job in active]
    done = iter(parallel.run_all(steps, workers, costs, lambda index, error: _worker_died(active[index], error)))
    runs = [JobRun(job.name, True, 0.0, skipped=True) if job.name in skipped else next(done) for job in jobs]
    report = RunReport(results, feedback, runs, backend.activity() or "")
    if report.activity:
        log.info(report.activity)
    return report


def _worker_died(job: Job, error: BaseException) -> JobRun:
    message = f"the process running it stopped: {error}; the next run tries again"
    log.error("job %s failed: %s", job.name, message)
    return JobRun(job.name, False, 0.0, error=message)


def _produce(job: Job, context: JobContext, backend: Backend, run: JobRun) -> None:
    job.produce(context)
    failed = _publish_each(job, backend, context.outputs, run)
    if failed:
        run.ok, run.error = False, f"{len(failed)} of {len(context.outputs)} documents not written: {failed[0]}"
        log.error("job %s: %s", job.name, "; ".join(failed))


@dataclass(frozen=True)
class Fingerprints:
    """What a job's run is compared with: its own fingerprint, the run's basis, its last manifest."""

    job: str | None = None
    basis: str = ""
    previous: dict[str, Any] | None = None


def _fingerprint(settings: Settings, job: Job, sources: dict[str, str | None], on_date: dt.date,
                 year: int | None) -> str | None:
    """The job's fingerprint from its workbooks' digests (each workbook digested once per run)."""
    own = {name: sources[name] for name in job.workbooks}
    if any(source is None for source in own.values()):
        return None  # only reading the inputs would tell
    return job_fingerprint(settings, job.name, own, on_date, year)  # type: ignore[arg-type]


def _run_one(settings: Settings, backend: Backend, job: Job, results: dict[str, WorkbookResult], figures: Figures,
             year: int | None, on_date: dt.date, limit: float | None = None,
             prints: Fingerprints = Fingerprints()) -> JobRun:
    from automations.job import JobContext

    started = time.perf_counter()
    kept = {item["path"]: item for item in (prints.previous or {}).get("outputs", []) if item.get("fingerprint")}
    context = JobContext(settings, backend, year or settings.year(on_date), on_date, results, figures,
                         year is not None, basis=prints.basis, previous=kept)
    run = JobRun(job.name, ok=True, seconds=0.0)
    missing = [f"{name}: {results[name].unreadable}" for name in job.workbooks if results[name].unreadable]
    if missing:  # never replace good reports with empty ones because an input could not be read
        run.ok, run.error = False, "inputs could not be read: " + "; ".join(missing)
        log.error("job %s not run: %s", job.name, run.error)
        return run
    with contextlib.closing(context):  # its spooled documents are removed even when the run is interrupted
        try:
            deadline.run_with_limit(lambda: _produce(job, context, backend, run), limit, f"job {job.name}")
        except BackendError as error:
            run.ok, run.error = False, str(error)
            log.error("job %s failed: %s", job.name, error)
        except Exception as error:
            run.ok = False
            run.error = f"{type(error).__name__}: {error}"
            log.error("job %s failed: %s\n%s", job.name, run.error, traceback.format_exc())
        run.seconds = time.perf_counter() - started
        _write_manifest(settings, job, context, run, results, prints)
    return run


def _publish_each(job: Job, backend: Backend, outputs: list[Output], run: JobRun) -> list[str]:
    """Publish every document; one that cannot be written never keeps the others back."""
    failed = []
    for output in outputs:
        deadline.check(f"job {job.name}")  # a job given up on publishes nothing late
        try:
            if output.content is None:  # rendered from what it was last time and still published: kept
                run.published.append(Published(output.path, backend.location(output.path), False))
            else:
                run.published.append(backend.publish(output.path, output.content))
            run.sent.append(output)
        except BackendError as error:
            failed.append(str(error))
    return failed


def _input_hash(result: WorkbookResult) -> str:
    digest = hashlib.sha256()
    for tab, data in sorted(result.tabs.items()):
        digest.update(tab.encode())
        if data.raw is not None:
            digest.update(repr(data.raw.cells).encode())
    return digest.hexdigest()


def _write_manifest(settings: Settings, job: Job, context: JobContext, run: JobRun,
                    results: dict[str, WorkbookResult], prints: Fingerprints) -> None:
    manifest: dict[str, Any] = {
        "job": job.name,
        "fingerprint": prints.job,
        "finished": dt.datetime.now().isoformat(timespec="seconds"),
        "seconds": round(run.seconds, 3),
        "ok": run.ok,
        "error": run.error,
        "version": __version__,
        "year": context.year,
        "date": context.today.isoformat(),
        "inputs": {
            name: {"source": context.backend.describe(name), "sha256": _input_hash(results[name]),
                   "problems": results[name].counts()}
            for name in job.workbooks if name in results
        },
        "outputs": [
            {"path": item.path, "location": item.location, "written": item.written,
             "sha256": output.sha256,
             "fingerprint": output.fingerprint, "figures": [shown.as_dict() for shown in output.figures]}
            for item, output in zip(run.published, run.sent, strict=True)
        ],
    }
    folder = settings.state_path / "runs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{job.name}.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
    except OSError as error:
        log.warning("manifest for %s not written: %s", job.name, error)

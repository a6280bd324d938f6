"""One module per scheduled job; each exposes ``JOB``, a :class:`automations.job.Job`."""

from __future__ import annotations

import pkgutil
from functools import cache
from importlib import import_module

from automations.job import Job


@cache
def all_jobs() -> dict[str, Job]:
    """Every job by name, in the order `run --all` runs them."""
    found = []
    for module in pkgutil.iter_modules(__path__):
        job = getattr(import_module(f"{__name__}.{module.name}"), "JOB", None)
        if isinstance(job, Job):
            found.append(job)
    return {job.name: job for job in sorted(found, key=lambda job: (job.order, job.name))}

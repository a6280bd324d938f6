"""One module per scheduled job; each exposes ``JOB``, a :class:`automations.job.Job`."""

from __future__ import annotations

import ast
import pkgutil
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from automations.job import Job


@dataclass(frozen=True)
class Declared:
    """What `automations jobs` prints of a job, read from its module's ``JOB = Job(...)`` without running
    the module: importing the jobs loads pandas, the schemas and the domain (seconds), reading their
    source takes milliseconds. A test checks the two agree."""

    name: str
    description: str
    order: int


def _modules() -> list[str]:
    return [module.name for module in pkgutil.iter_modules(__path__)]


@cache
def all_jobs() -> dict[str, Job]:
    """Every job by name, in the order `run --all` runs them."""
    from automations.job import Job

    found = []
    for name in _modules():
        job = getattr(import_module(f"{__name__}.{name}"), "JOB", None)
        if isinstance(job, Job):
            found.append(job)
    return {job.name: job for job in sorted(found, key=lambda job: (job.order, job.name))}


def declared_jobs() -> list[Declared]:
    """Every job's name, description and order, in run order: from the literal keywords of each
    declaration, or, when one is not written literally, from the imported jobs."""
    found = [_declaration(Path(__path__[0]) / f"{name}.py") for name in _modules()]
    if None in found:
        return [Declared(job.name, job.description, job.order) for job in all_jobs().values()]
    return sorted((job for job in found if job is not False), key=lambda job: (job.order, job.name))


def _declaration(source: Path) -> Declared | bool | None:
    """The module's ``JOB = Job(name=..., description=..., order=...)``; False: the module never
    mentions a job; None: it may declare one some other way (or cannot be read), so import it."""
    try:
        text = source.read_text(encoding="utf-8")
        tree = ast.parse(text)
    except (OSError, SyntaxError, UnicodeDecodeError):
        return None
    for node in tree.body:
        if (isinstance(node, ast.Assign) and [getattr(target, "id", None) for target in node.targets] == ["JOB"]
                and isinstance(node.value, ast.Call)):
            keywords = {keyword.arg: keyword.value for keyword in node.value.keywords}
            try:
                return Declared(*(ast.literal_eval(keywords[key]) for key in ("name", "description", "order")))
            except (KeyError, ValueError):
                return None
    return None if "JOB" in text else False

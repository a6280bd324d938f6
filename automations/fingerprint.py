"""Fingerprints: has anything a job depends on changed since its last successful run?

A job's output depends on its input workbooks, the program (code, default templates), the
workspace's own templates, the settings and the report date. When none of these changed, an
hourly or repeated run has nothing to do: the job is skipped and nothing is written. Each
document also gets a fingerprint of what it is rendered from, so a changed participant row
re-renders that participant's certificate only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from automations import __version__
from automations.config import Settings

PACKAGES = ("automations", "jobs", "sheets_schema", "templates")
SOURCE_SUFFIXES = (".py", ".docx", ".txt", ".html")


def _files_digest(files: Iterable[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@cache
def program() -> str:
    """The code and default templates this process runs (a new release or an edit changes it)."""
    root = Path(__file__).resolve().parents[1]
    files = [path for package in PACKAGES for path in (root / package).rglob("*")
             if path.suffix in SOURCE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts]
    return f"{__version__}:{_files_digest(files, root)}"


def workspace_templates(settings: Settings) -> str:
    """The workspace's own edited templates (``sablonai/``)."""
    folder = settings.workspace / settings.templates_dir
    if not folder.is_dir():
        return "none"
    return _files_digest([path for path in folder.rglob("*") if path.is_file()], folder)


def settings_digest(settings: Settings) -> str:
    # how many processes share the work changes no document
    excluded = {"workspace": True, "schedule": {"workers"}}
    return hashlib.sha256(settings.model_dump_json(exclude=excluded).encode()).hexdigest()


def job_fingerprint(settings: Settings, job: str, sources: Mapping[str, str], on_date: dt.date,
                    year: int | None) -> str:
    """Everything a job's outputs depend on, as one digest."""
    parts = [basis(settings), settings_digest(settings), job, on_date.isoformat(), str(year),
             *(f"{name}={sources[name]}" for name in sorted(sources))]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def basis(settings: Settings) -> str:
    """What every document of a run is rendered with: the program and the workspace's templates."""
    return f"{program()}|{workspace_templates(settings)}"


def document_fingerprint(run_basis: str, template: str, context: object, properties: object) -> str:
    """What one document is rendered from: the run's basis and its own filled-in context."""
    parts = [run_basis, template, repr(context), repr(properties)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()

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
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from automations import __version__
from automations.config import Settings, WorkbookSource

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


def local_source(workspace: Path, source: WorkbookSource) -> str:
    """A local workbook's content digest: its file and the files its tabs are read from."""
    digest = hashlib.sha256()
    for name in (source.file or "", *sorted(source.tab_files.values())):
        digest.update(name.encode())
        try:
            digest.update(hashlib.sha256((workspace / name).read_bytes()).digest())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def local_still_published(path: Path, sha256: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def last_manifest(settings: Settings, job: str) -> dict[str, Any] | None:
    """The manifest of the job's last run, or None."""
    try:
        return json.loads((settings.state_path / "runs" / f"{job}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def unchanged(fingerprint: str | None, manifest: dict[str, Any] | None,
              still_published: Callable[[str, str], bool]) -> bool:
    """The last run succeeded from exactly these inputs, and everything it published is still there as it was."""
    if fingerprint is None or not manifest or not manifest.get("ok") or manifest.get("fingerprint") != fingerprint:
        return False
    return all(still_published(item["path"], item["sha256"]) for item in manifest.get("outputs", []))


def all_unchanged_locally(settings: Settings, jobs: Sequence[str], on_date: dt.date, year: int | None) -> bool:
    """Every job unchanged since its last run, on the local backend, decided without loading the jobs.

    The workbooks a job read are those its manifest lists; had the job's declaration changed, the
    program would have too, and so the fingerprint. An unchanged nightly run stops here, having
    loaded neither pandas nor a job.
    """
    if settings.backend != "local":
        return False
    manifests = [last_manifest(settings, job) for job in jobs]
    if any(manifest is None for manifest in manifests):
        return False
    names = {name for manifest in manifests for name in manifest.get("inputs", {})}  # type: ignore[union-attr]
    sources = {name: local_source(settings.workspace, settings.source(name)) for name in names}
    fingerprints = [job_fingerprint(settings, job, {name: sources[name] for name in manifest.get("inputs", {})},
                                    on_date, year) for job, manifest in zip(jobs, manifests, strict=True)]

    def published(path: str, sha256: str) -> bool:
        return local_still_published(settings.output_path / path, sha256)

    pairs = list(zip(fingerprints, manifests, strict=True))
    if not all(unchanged(fingerprint, manifest, lambda path, sha256: True) for fingerprint, manifest in pairs):
        return False  # an input changed: no published document needs reading
    return all(unchanged(fingerprint, manifest, published) for fingerprint, manifest in pairs)

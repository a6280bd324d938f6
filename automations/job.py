"""What a job is: a declaration (name, inputs, schedule) plus a function from data to documents.

A job's ``produce`` receives a :class:`JobContext` holding the validated frames of its
workbooks and returns :class:`Output` documents; it never reads or writes files itself, so
it runs the same on every backend and is tested on small frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from automations.backends.base import Backend
from automations.config import Settings
from automations.lt import safe_filename
from automations.render.docx import render_docx, template_path
from automations.validation import WorkbookResult
from sheets_schema.base import Problem


@dataclass(frozen=True)
class Output:
    path: str  # relative to the output folder: ``<year>/<subject>/<file>``
    content: bytes


@dataclass
class JobContext:
    settings: Settings
    backend: Backend
    year: int
    today: dt.date
    results: dict[str, WorkbookResult]
    year_given: bool = False  # --year was passed explicitly
    outputs: list[Output] = field(default_factory=list)

    def frame(self, workbook: str, tab: str) -> pd.DataFrame:
        """The rows of a tab that passed validation (python field names, plus ``_row``)."""
        return self.results[workbook].frame(tab).copy()

    def problems(self, workbook: str) -> list[Problem]:
        return self.results[workbook].problems

    @property
    def institution(self) -> Any:
        return self.settings.institution

    def output(self, subject: str, filename: str, content: bytes, year: int | None = None) -> Output:
        """Place a document under ``<year>/<subject>/``; names from user text are sanitised."""
        path = f"{year or self.year}/{safe_filename(subject)}/{safe_filename(filename)}"
        item = Output(path, content)
        self.outputs.append(item)
        return item

    def docx(self, template: str, context: dict[str, Any], properties: dict[str, str] | None = None) -> bytes:
        """Render a template, with the institution and today's date always available."""
        workspace_templates = self.settings.workspace / self.settings.templates_dir
        base = {"istaiga": self.institution.model_dump(), "siandien": self.today, "metai": self.year}
        return render_docx(template_path(template, workspace_templates), {**base, **context}, properties)

    def fetch(self, path: str) -> bytes | None:
        return self.backend.fetch(path)

    def listing(self, folder: str) -> list[str] | None:
        """Published outputs in ``<year>/<folder>`` (relative paths), or None when the backend cannot list."""
        return self.backend.list_outputs(f"{self.year}/{safe_filename(folder)}")


@dataclass(frozen=True)
class Job:
    name: str  # module, CLI argument, template prefix
    description: str  # one line, English, for `automations jobs`
    workbooks: tuple[str, ...]
    produce: Callable[[JobContext], None]
    order: int = 50  # position in `run --all` (jobs whose results others reuse come first)

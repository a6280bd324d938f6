"""What a job is: a declaration (name, inputs, schedule) plus a function from data to documents.

A job's ``produce`` receives a :class:`JobContext` holding the validated frames of its
workbooks and the run's figures, and returns :class:`Output` documents; it never reads or
writes files itself, so it runs the same on every backend and is tested on small frames.
Documents print figures by handing :class:`~automations.domain.figures.Measured` values to
``ctx.docx`` (anywhere in the context, table cells included) or by naming the cells of a
sheet that show them; every document's figures are recorded with it for the run manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pandas as pd

from automations import lt
from automations.backends.base import Backend
from automations.config import Settings
from automations.domain.figures import Figures, Measured, Phrase, Plain, Shown, shown_text
from automations.fingerprint import document_fingerprint
from automations.lt import safe_filename
from automations.render.docx import DocTable, render_docx, template_path
from automations.render.properties import stamp
from automations.render.xlsx import Sheet, workbook_bytes
from automations.validation import WorkbookResult
from sheets_schema.base import Problem
from sheets_schema.types import given


@dataclass(frozen=True)
class Rendered:
    """A document, the figures it prints, and (for Word documents) what it is rendered from.

    Rendering waits until the document is placed: one whose fingerprint equals the one its path
    had last time, and whose published copy is still that, is not rendered again.
    """

    make: Callable[[], bytes]
    figures: tuple[Shown, ...] = ()
    fingerprint: str | None = None

    @property
    def content(self) -> bytes:
        """The document's bytes, rendered now."""
        return self.make()


@dataclass(frozen=True)
class Output:
    """A finished document, waiting on disk (not in memory) until the job's documents are published."""

    path: str  # relative to the output folder: ``<year>/<subject>/<file>``
    stored: Path | None  # None: unchanged since the last run, kept as published
    sha256: str  # of the content (of the published copy when kept)
    figures: tuple[Shown, ...] = ()
    fingerprint: str | None = None

    @property
    def content(self) -> bytes | None:
        return self.stored.read_bytes() if self.stored is not None else None


@dataclass
class JobContext:
    settings: Settings
    backend: Backend
    year: int
    today: dt.date
    results: dict[str, WorkbookResult]
    figures: Figures
    year_given: bool = False  # --year was passed explicitly
    outputs: list[Output] = field(default_factory=list)
    basis: str = ""  # the program and templates every document is rendered with (see automations.fingerprint)
    previous: dict[str, dict[str, Any]] = field(default_factory=dict)  # last run's outputs by path
    _spool: tempfile.TemporaryDirectory | None = field(default=None, repr=False)
    _closed: bool = field(default=False, repr=False)

    def frame(self, workbook: str, tab: str) -> pd.DataFrame:
        """The rows of a tab that passed validation (python field names, plus ``_row``)."""
        return self.results[workbook].frame(tab).copy()

    def problems(self, workbook: str) -> list[Problem]:
        return self.results[workbook].problems

    @property
    def institution(self) -> Any:
        return self.settings.institution

    def output(self, subject: str, filename: str, content: bytes | Rendered, year: int | None = None,
               date: dt.date | None = None) -> Output:
        """Place a document under ``<year>/<subject>/``; names from user text are sanitised.

        A workbook or Word document made outside :meth:`docx` and :meth:`xlsx` gets the institution as
        author and ``date`` (default: the report date) in its properties here. A Word document
        rendered from exactly what it was rendered from last time, and still published as it was,
        is kept as it is instead of being rendered again.
        """
        path = f"{year or self.year}/{safe_filename(subject)}/{safe_filename(filename)}"
        if isinstance(content, bytes) and filename.endswith((".xlsx", ".docx")):
            content = stamp(content, self.institution.name, date or self.today, filename.rsplit(".", 1)[0])
        if not isinstance(content, Rendered):
            item = self._stored(path, content)
        elif self._unchanged(path, content.fingerprint):
            item = Output(path, None, self.previous[path]["sha256"], content.figures, content.fingerprint)
        else:
            item = self._stored(path, content.make(), content.figures, content.fingerprint)
        self.outputs.append(item)
        return item

    def _stored(self, path: str, content: bytes, figures: tuple[Shown, ...] = (),
                fingerprint: str | None = None) -> Output:
        """Spool a document to the run's scratch folder, so a thousand certificates never sit in memory."""
        if self._closed:  # a job given up on (time limit, interrupt) that is still running makes no new folder
            raise RuntimeError(f"{path}: the job's run is over, its documents are no longer taken")
        if self._spool is None:
            self._spool = tempfile.TemporaryDirectory(prefix="pavb-outputs-")  # removed by close() or on exit
        stored = Path(self._spool.name) / f"{len(self.outputs):06d}"
        stored.write_bytes(content)
        return Output(path, stored, hashlib.sha256(content).hexdigest(), figures, fingerprint)

    def close(self) -> None:
        """Remove the spooled documents (after they are published); no document is taken after this."""
        self._closed = True
        if self._spool is not None:
            self._spool.cleanup()
            self._spool = None

    def _unchanged(self, path: str, fingerprint: str | None) -> bool:
        before = self.previous.get(path)
        return (fingerprint is not None and before is not None and before.get("fingerprint") == fingerprint
                and self.backend.still_published(path, before["sha256"]))

    def figure(self, figure_id: str, year: int | None = None) -> Measured:
        return self.figures.get(figure_id, year or self.year)

    def docx(self, template: str, context: dict[str, Any], year: int | None = None, *, title: str | None = None,
             date: dt.date | None = None, properties: dict[str, Any] | None = None) -> Rendered:
        """Render a template, with the institution and today's date always available; figures become text.

        ``year`` is the year the document reports on (default: the run's), so a figure from another
        year says which year its data are from. ``title`` and ``date`` go into the document's
        properties with the institution as author: ``date`` is the day the document speaks for
        (a contract's application, a certificate's issue, an approved plan's approval) and defaults
        to the report date, so the same inputs on the same day give the same bytes; ``properties``
        add to them (a certificate its register entry).
        """
        workspace_templates = self.settings.workspace / self.settings.templates_dir
        base = {"istaiga": self.institution_context(), "siandien": self.today, "metai": year or self.year}
        shown: list[Shown] = []
        prepared = _reveal({**base, **context}, shown, year or self.year)
        stamped = {**self.document_properties(title or template.replace("_", " ").capitalize(), date),
                   **(properties or {})}
        path = template_path(template, workspace_templates)
        return Rendered(lambda: render_docx(path, prepared, stamped), tuple(shown),
                        document_fingerprint(self.basis, template, prepared, stamped) if self.basis else None)

    def xlsx(self, sheets: list[Sheet], title: str, date: dt.date | None = None) -> Rendered:
        """A workbook; the cells its sheets say show figures are checked against them and recorded."""
        shown = [_shown(measured, shown_text(measured)) for sheet in sheets for measured in _checked(sheet).values()]
        content = workbook_bytes(sheets, title=title, author=self.institution.name,
                                 created=dt.datetime.combine(date or self.today, dt.time()))
        return Rendered(lambda: content, tuple(shown))

    def document_properties(self, title: str, date: dt.date | None = None) -> dict[str, Any]:
        """Core properties of a document: the institution as author, its title, the day it speaks for."""
        day = date or self.today
        return {"author": self.institution.name, "last_modified_by": self.institution.short_name, "title": title,
                "created": day, "modified": day, "language": "lt-LT"}

    def institution_context(self) -> dict[str, Any]:
        """The institution's settings as templates use them, with the director's title agreeing in gender."""
        values = self.institution.model_dump()
        values["director"] = self.institution.director_name  # never the bare title where a name belongs
        values["director_title"] = (lt.role([values["director"]], lt.DIRECTOR) if values["director"]
                                    else "Direktorius")
        return values

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


def _shown(measured: Measured, text: str) -> Shown:
    return Shown(measured.id, measured.period.start, measured.period.end, measured.plain(), text)


def _reveal(value: Any, shown: list[Shown], year: int) -> Any:
    """The context with every figure replaced by the text a document prints, each recorded."""
    if isinstance(value, Measured):
        text = shown_text(value, year)
        shown.append(_shown(value, text))
        return text
    if isinstance(value, Plain):
        text = shown_text(value.measured)
        shown.append(_shown(value.measured, text))
        return text
    if isinstance(value, Phrase):
        return value.template.format(**{key: _reveal(item, shown, year) for key, item in value.values.items()})
    if isinstance(value, DocTable):
        return replace(value, headers=_reveal(value.headers, shown, year), rows=_reveal(value.rows, shown, year))
    if isinstance(value, list | tuple):
        return [_reveal(item, shown, year) for item in value]
    if isinstance(value, dict):
        return {key: _reveal(item, shown, year) for key, item in value.items()}
    return value


def _checked(sheet: Sheet) -> dict[tuple[int, str], Measured]:
    """A sheet's figure cells, each verified to hold its figure's value (a mismatch is a bug, not data)."""
    for (row, column), measured in sheet.figures.items():
        cell = sheet.frame[column].iloc[row]
        same = (not given(cell) and not given(measured.value)) or (
            given(cell) and given(measured.value) and abs(float(cell) - float(measured.value)) < 0.005)
        if not same:
            raise ValueError(f"sheet {sheet.name!r}, row {row}, column {column!r} shows {cell!r} "
                             f"but figure {measured.id} is {measured.value!r}")
    return sheet.figures

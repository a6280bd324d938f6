"""Word documents from editable templates (docxtpl, autoescaped), with tables and charts.

A template is a .docx staff may edit in Word; a workspace's ``sablonai/<name>.docx``
overrides the default in ``templates/``. Jobs pass plain values plus :class:`DocTable` and
:class:`DocImage` placeholders, which become real Word tables and pictures here.
"""

from __future__ import annotations

import functools
import io
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from automations import lt
from automations.render.zips import reproducible_zip

if TYPE_CHECKING:
    from collections.abc import Callable

DEFAULT_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@dataclass
class DocTable:
    """A table for a ``{{p name}}`` placeholder: headers, rows of display text, numeric columns right-aligned."""

    headers: list[str]
    rows: list[list[Any]]
    numeric: set[int] = field(default_factory=set)  # column indexes to right-align
    bold_last: bool = False  # a totals row
    widths_mm: list[float] | None = None


@dataclass
class DocImage:
    """A picture (PNG bytes) for a ``{{ name }}`` placeholder."""

    png: bytes
    width_mm: float = 160


def template_path(name: str, workspace_templates: Path | None = None) -> Path:
    """The workspace's edited copy when there is one, else the default."""
    if workspace_templates is not None:
        candidate = workspace_templates / f"{name}.docx"
        if candidate.exists():
            return candidate
    return DEFAULT_TEMPLATES / f"{name}.docx"


# Lithuanian filters every template may use (Word documents and e-mail messages alike)
TEMPLATE_FILTERS = {
    "data": lt.long_date,
    "trumpa_data": lt.short_date,
    "skaicius": lt.number,
    "eur": lt.money,
    "proc": lt.percent,
    "pokytis": lt.signed_percent,
    "zodziais": lt.money_in_words,
    # numeral and noun agree: {{ n|kiekis("vartotojas", "vartotojai", "vartotojų") }} → "21 vartotojas"
    "kiekis": lambda count, one, few, other: lt.count_phrase(count, one, few, other),
    "forma": lambda count, one, few, other: lt.plural(count, one, few, other),  # the noun alone
    # a word that agrees with a person: {{ vardas|pagal_lyti("Lektorius", "Lektorė") }}
    "pagal_lyti": lambda name, masculine, feminine, override=None: lt.by_gender(name, masculine, feminine, override),
    # the role word for the people a cell names: {{ lektorius|vaidmuo("lektorius") }} → "Lektorė" / "Lektoriai"
    "vaidmuo": lt.role_of,
    "savivaldybe": lt.municipality,  # "Anykščių rajono" → "Anykščių r. sav."
}


class _TemplateEnvironment(jinja2.Environment):
    """Autoescaped, with the Lithuanian filters, and each template part compiled once per process.

    docxtpl compiles every part of a template on every render; a night that fills the same
    certificate a thousand times would compile it a thousand times.
    """

    CACHED_PARTS = 256

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self.filters.update(TEMPLATE_FILTERS)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            if len(self._compiled) >= self.CACHED_PARTS:
                self._compiled.clear()
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


@functools.cache
def jinja_environment() -> jinja2.Environment:
    """The one environment every template is filled in (Word documents and e-mail messages alike)."""
    return _TemplateEnvironment()


def render_docx(template: Path, context: dict[str, Any], properties: dict[str, Any] | None = None) -> bytes:
    """Fill a template; user text is escaped, so it can never break the document's XML.

    The filled document is made fit for print (:func:`finish_document`: repeated header rows,
    rows kept whole, the table of contents written out), and ``properties`` are set on its core
    properties (author, title, dates; a certificate its register entry). A document without
    pictures is rendered from the template prepared once (:mod:`automations.render.render_once`),
    to the same bytes.
    """
    from docx.shared import Mm
    from docxtpl import (
        DocxTemplate,  # python-docx and docxtpl load with the first document, not to list jobs
        InlineImage,
    )

    from automations.render.docx_layout import core_properties, finish_document
    from automations.render.pictures import OutsideBody
    from automations.render.render_once import prepared

    once = prepared(template)
    if once is not None:
        pictures = once.pictures()
        try:
            return once.render(_prepare(context, lambda image: pictures.picture(image.png, image.width_mm)),
                               properties or {}, jinja_environment(), pictures)
        except OutsideBody:
            pass
    document = DocxTemplate(str(template))
    prepared_context = _prepare(
        context, lambda image: InlineImage(document, io.BytesIO(image.png), width=Mm(image.width_mm)))
    document.render(prepared_context, jinja_env=jinja_environment(), autoescape=True)
    finish_document(document.docx)
    core_properties(document.docx.core_properties, properties or {})
    buffer = io.BytesIO()
    document.save(buffer)
    return reproducible_zip(buffer.getvalue())


def _prepare(value: Any, picture: Callable[[DocImage], Any]) -> Any:
    """Tables become XML fragments and pictures what ``picture`` makes of them (they need the document)."""
    if isinstance(value, DocImage):
        return picture(value)
    if isinstance(value, DocTable):
        return table_fragment(value)
    if isinstance(value, list):
        return [_prepare(item, picture) for item in value]
    if isinstance(value, dict):
        return {key: _prepare(item, picture) for key, item in value.items()}
    return value


_TABLES = threading.Lock()


@functools.cache
def _table_factory() -> Any:
    from docx import Document

    return Document()  # python-docx's blank document: the section tables are sized to, and "Table Grid"


def table_fragment(spec: DocTable) -> Any:
    """A Word table as the XML a ``{{p name}}`` placeholder takes, built without a sub-document.

    A docxtpl sub-document opens a whole blank document per table; the table it made is the same
    as this one, built in one blank document kept for the purpose and moved out of it.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.shared import Mm, Pt
    from lxml import etree
    from markupsafe import Markup

    with _TABLES:
        table = _table_factory().add_table(rows=1, cols=len(spec.headers))
        table.style = "Table Grid"
        for index, text in enumerate(spec.headers):
            cell = table.rows[0].cells[index]
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(text))
            run.bold = True
            run.font.size = Pt(9)
        for row_number, row in enumerate(spec.rows):
            cells = table.add_row().cells
            last = spec.bold_last and row_number == len(spec.rows) - 1
            for index, value in enumerate(row):
                paragraph = cells[index].paragraphs[0]
                run = paragraph.add_run("" if value is None else str(value))
                run.font.size = Pt(9)
                run.bold = last
                if index in spec.numeric:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if spec.widths_mm:  # Word reads the cell widths, LibreOffice the table grid: set both
            table.autofit = False
            for column, width in zip(table.columns, spec.widths_mm, strict=False):
                column.width = Mm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, spec.widths_mm, strict=False):
                    cell.width = Mm(width)
        element = table._tbl
        element.getparent().remove(element)
    body = OxmlElement("w:body")
    body.append(element)
    return Markup(re.sub(r"</?w:body[^>]*>", "", etree.tostring(body, encoding="unicode")))

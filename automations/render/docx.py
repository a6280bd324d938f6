"""Word documents from editable templates (docxtpl, autoescaped), with tables and charts.

A template is a .docx staff may edit in Word; a workspace's ``sablonai/<name>.docx``
overrides the default in ``templates/``. Jobs pass plain values plus :class:`DocTable` and
:class:`DocImage` placeholders, which become real Word tables and pictures here.
"""

from __future__ import annotations

import functools
import io
import re
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
    properties (author, title, dates; a certificate its register entry). The document is rendered
    from the template prepared once (:mod:`automations.render.render_once`), to the bytes the
    general path (docxtpl on the whole package) gives; that path remains for the templates and
    the pictures render once leaves to it.
    """
    # python-docx and docxtpl load with the first document, not to list jobs
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

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


BLOCK_WIDTH_EMU = 5_486_400  # python-docx's blank page between its margins (6 in): a table's default width
EMU_PER_MM, EMU_PER_TWIP = 36_000, 635
TABLE_START = ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>{layout}'
               '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
               'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>')
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def table_fragment(spec: DocTable) -> Any:
    """A Word table as the XML a ``{{p name}}`` placeholder takes: header row in bold, 9-point text,
    numeric columns right-aligned, an optional bold totals row and fixed column widths.

    Written as text, element for element what python-docx's table API builds in its blank document
    (a test holds the two equal), because that API looks every cell up again for each row added:
    a table of a few hundred rows cost seconds.
    """
    from markupsafe import Markup

    columns = len(spec.headers)
    widths = [_twips(BLOCK_WIDTH_EMU // columns if columns else 0)] * columns
    for index, width in enumerate((spec.widths_mm or [])[:columns]):
        widths[index] = _twips(int(width * EMU_PER_MM))
    parts = [TABLE_START.format(layout='<w:tblLayout w:type="fixed"/>' if spec.widths_mm else "",
                                grid="".join(f'<w:gridCol w:w="{width}"/>' for width in widths))]
    parts.append(_row([f"<w:r/>{_run(str(text), True)}" for text in spec.headers], widths, set()))
    for number, row in enumerate(spec.rows):
        bold = spec.bold_last and number == len(spec.rows) - 1
        runs = [_run("" if value is None else str(value), bold) for value in row]
        if len(runs) > columns:
            raise IndexError(f"a table row has {len(runs)} cells, its header {columns}")
        parts.append(_row(runs + [""] * (columns - len(runs)), widths, spec.numeric & set(range(len(runs)))))
    parts.append("</w:tbl>")
    return Markup("".join(parts))


def _twips(emu: int) -> int:
    return round(emu / EMU_PER_TWIP)


def _row(runs: list[str], widths: list[int], right: set[int]) -> str:
    cells = []
    for index, (run, width) in enumerate(zip(runs, widths, strict=True)):
        paragraph = f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr>{run}</w:p>' if index in right else (
            f"<w:p>{run}</w:p>" if run else "<w:p/>")
        cells.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>{paragraph}</w:tc>')
    return f"<w:tr>{''.join(cells)}</w:tr>"


def _run(text: str, bold: bool) -> str:
    """A 9-point run as python-docx writes one: tabs as ``w:tab``, line breaks as ``w:br``, spaces kept."""
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    content = []
    for piece in re.split(r"(\t|\r|\n)", text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            escaped = piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{escaped}</w:t>")
    weight = "<w:b/>" if bold else '<w:b w:val="0"/>'
    return f'<w:r><w:rPr>{weight}<w:sz w:val="18"/></w:rPr>{"".join(content)}</w:r>'

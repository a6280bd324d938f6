"""Build the default Word templates: ``python -m templates.build``.

The .docx files in this folder are what staff edit in Word (copied into each workspace's
``sablonai/``); this script only recreates the defaults. Each ``build_<name>.py`` module
here defines ``build(folder)`` for its own templates, using the helpers below. Placeholders
are docxtpl (Jinja) tags; ``{{p name }}`` stands alone in its paragraph for a table.
"""

from __future__ import annotations

import io
import pkgutil
from importlib import import_module
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from automations.render.zips import reproducible_zip

FOLDER = Path(__file__).resolve().parent


def new_document(landscape: bool = False, page_numbers: bool = True) -> DocumentType:
    """A4, readable margins, Lithuanian proofing language, the institution in the header, page numbers below."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Mm(20))
    section.top_margin, section.bottom_margin = Mm(18), Mm(18)
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "lt-LT")
    normal.element.get_or_add_rPr().append(language)
    header = section.header.paragraphs[0]
    header.text = "{{ istaiga.name }}"
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    header.runs[0].font.size = Pt(8)
    if page_numbers:
        page_number_footer(section)
    return document


def page_number_footer(section) -> None:
    """``Puslapis 2 iš 5`` in the footer: PAGE and NUMPAGES fields every word processor fills."""
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Puslapis ", "PAGE"), (" iš ", "NUMPAGES")):
        run = footer.add_run(text)
        run.font.size = Pt(8)
        _field(footer, field, "1", 8)


def _field(paragraph, instruction: str, shown: str, size: float | None) -> None:
    """A complex field (begin, instruction, separate, cached result, end), one run each, as Word writes it."""
    for kind, text in (("begin", None), (None, f" {instruction} "), ("separate", None), ("text", shown),
                       ("end", None)):
        run = paragraph.add_run()
        if size:
            run.font.size = Pt(size)
        if kind in ("begin", "separate", "end"):
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif kind == "text":
            run.text = text
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)


def heading(document: DocumentType, text: str, level: int = 1, *, new_page: bool = False) -> None:
    """A heading; ``new_page`` starts it on a new page (no empty page when the one before is full)."""
    document.add_heading(text, level=level).paragraph_format.page_break_before = new_page or None


def paragraph(document: DocumentType, text: str = "", *, bold: bool = False, italic: bool = False,
              size: float | None = None, center: bool = False, right: bool = False) -> None:
    """One run per paragraph, so Jinja tags are never split by Word's run boundaries."""
    para = document.add_paragraph()
    run = para.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def title_block(document: DocumentType, title: str, subtitle: str | None = None) -> None:
    """The report title, its period and the date it was prepared, as every report opens."""
    paragraph(document, title, bold=True, size=16, center=True)
    if subtitle:
        paragraph(document, subtitle, bold=True, size=13, center=True)
    paragraph(document, "Parengta {{ siandien|data }}", italic=True, center=True)


def approval_block(document: DocumentType, approved: str) -> None:
    """PATVIRTINTA: the director's order that approved the document (a context dict with ``data`` and ``nr``),
    or blanks to fill in while it is not approved."""
    paragraph(document, "PATVIRTINTA", bold=True, right=True)
    paragraph(document, "{{ istaiga.name }}", size=9, right=True)
    paragraph(document, "{% if " + approved + " %}direktoriaus {{ " + approved + ".data|data }} įsakymu Nr. {{ "
                        + approved + ".nr }}{% else %}direktoriaus 20___ m. ______________ d. įsakymu "
                        "Nr. ______{% endif %}", size=9, right=True)


def table_of_contents(document: DocumentType) -> None:
    """A TOC field; rendering writes the headings into it as linked lines (see render/docx_layout.py), and Word
    refreshes it with page numbers when the document is opened (updateFields)."""
    _field(document.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', "Turinys atsiras sugeneravus dokumentą.", None)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def save(document: DocumentType, name: str, folder: Path = FOLDER) -> Path:
    path = folder / f"{name}.docx"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(reproducible_zip(buffer.getvalue()))
    return path


def build_all(folder: Path = FOLDER) -> list[Path]:
    built = []
    for module in pkgutil.iter_modules([str(FOLDER)]):
        if module.name.startswith("build_"):
            built.extend(import_module(f"templates.{module.name}").build(folder))
    return built


if __name__ == "__main__":
    for path in build_all():
        print(path)

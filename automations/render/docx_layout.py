"""Page craft for rendered Word documents: tables that survive page breaks, a readable table of contents.

Applied to every document after its template is filled, so an edited template gets the same
care: every table's first row repeats on each page (``tblHeader``) and no row is split
between pages (``cantSplit``); a heading, and a short label right before a table, stay with
what follows them. A table of contents field (``TOC``) gets its result written in: the
document's headings as text with internal links, so LibreOffice (which never fills the field)
and any viewer show it at once, while Word still refreshes it with page numbers (F9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocumentType
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

HEADING_LEVELS = {"heading 1": 1, "heading 2": 2, "heading 3": 3, "title": 1}  # style names as stored
LABEL_LENGTH = 140  # a paragraph this short right before a table is its caption: kept on the table's page
BOOKMARK_BASE = 7000  # bookmark ids of the table of contents, clear of any a template may hold


def finish_document(document: DocumentType) -> None:
    """Every table, heading and table of contents of a filled document made fit for print."""
    levels = heading_styles(document)
    finish_body(document.element.body, levels)
    fill_table_of_contents(document, levels)


def finish_body(body: Any, levels: dict[str, int]) -> None:
    """Tables, headings and captions of a filled body (``levels``: :func:`heading_styles`)."""
    for table in body.iter(qn("w:tbl")):
        _table_rows(table)
    for paragraph in body.iterchildren(qn("w:p")):
        if _level(paragraph, levels):
            _keep_next(paragraph)
    _captions(body)


def heading_styles(document: Any) -> dict[str, int]:
    """Heading level by style id, read from the styles part once.

    Asking python-docx for each paragraph's style searches the styles part every time, which
    was half of rendering a certificate.
    """
    levels = {}
    for style in document.styles.element.iter(qn("w:style")):
        name = style.find(qn("w:name"))
        level = HEADING_LEVELS.get((name.get(qn("w:val")) or "").lower()) if name is not None else None
        if level:
            levels[style.get(qn("w:styleId"))] = level
    return levels


def _level(paragraph: Any, levels: dict[str, int]) -> int | None:
    """The heading level of a ``w:p`` element, None for body text."""
    properties = paragraph.find(qn("w:pPr"))
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    return levels.get(style.get(qn("w:val"))) if style is not None else None


def _table_rows(table: Any) -> None:
    rows = table.findall(qn("w:tr"))
    for index, row in enumerate(rows):
        properties = row.find(qn("w:trPr"))
        if properties is None:
            properties = OxmlElement("w:trPr")
            row.insert(_after_row_extras(row), properties)
        if properties.find(qn("w:cantSplit")) is None:
            properties.insert(0, OxmlElement("w:cantSplit"))
        if index == 0 and properties.find(qn("w:tblHeader")) is None:
            properties.append(OxmlElement("w:tblHeader"))


def _after_row_extras(row: Any) -> int:
    """``w:trPr`` comes after ``w:tblPrEx`` when a row has one (schema order)."""
    return 1 if len(row) and row[0].tag == qn("w:tblPrEx") else 0


def _captions(body: Any) -> None:
    """A short paragraph right before a table keeps with it (a label such as "Pagal patalpas")."""
    previous = None
    for element in body:
        if element.tag == qn("w:tbl") and previous is not None and previous.tag == qn("w:p"):
            text = "".join(node.text or "" for node in previous.iter(qn("w:t")))
            if text.strip() and len(text) <= LABEL_LENGTH:
                _keep_next(previous)
        previous = element


def _keep_next(paragraph: Any) -> None:
    properties = paragraph.find(qn("w:pPr"))
    if properties is None:  # schema order: a paragraph's properties come first
        properties = OxmlElement("w:pPr")
        paragraph.insert(0, properties)
    if properties.find(qn("w:keepNext")) is not None:
        return
    style = properties.find(qn("w:pStyle"))  # schema order: the style first, then keepNext
    if style is not None:
        style.addnext(OxmlElement("w:keepNext"))
    else:
        properties.insert(0, OxmlElement("w:keepNext"))


# ------------------------------------------------------------------ table of contents
def _toc_field(body: Any) -> Any:
    """The paragraph holding a TOC field (begin, instruction, result and end in one paragraph), if any."""
    for paragraph in body.iter(qn("w:p")):
        instructions = "".join(node.text or "" for node in paragraph.iter(qn("w:instrText")))
        if instructions.strip().startswith("TOC"):
            return paragraph
    return None


def headings(document: DocumentType, levels: dict[str, int], after: Any = None) -> Iterator[tuple[int, Any]]:
    """(level, paragraph) of every heading with text, in order (those after ``after`` when given)."""
    started = after is None
    for paragraph in document.paragraphs:
        if not started:
            started = paragraph._p is after
            continue
        level = _level(paragraph._p, levels)
        if level and paragraph.text.strip():
            yield level, paragraph


def fill_table_of_contents(document: DocumentType, levels: dict[str, int]) -> None:
    """Write the headings into the TOC field's result: one linked line per heading (levels 1–2)."""
    field_paragraph = _toc_field(document.element.body)
    if field_paragraph is None:
        return
    entries = [(level, paragraph) for level, paragraph in headings(document, levels, field_paragraph)
               if level <= 2 and paragraph.text.strip() != "Turinys"]
    separate = next((char for char in field_paragraph.iter(qn("w:fldChar"))
                     if char.get(qn("w:fldCharType")) == "separate"), None)
    if separate is None:
        return
    for node in list(separate.itersiblings()):  # the old result (placeholder text, the field's end)
        separate.getparent().remove(node)
    for node in list(separate.getparent().itersiblings()):
        if node.tag in (qn("w:r"), qn("w:hyperlink")):
            field_paragraph.remove(node)
    anchor = field_paragraph
    for number, (level, paragraph) in enumerate(entries):
        name = f"_Toc{BOOKMARK_BASE + number}"
        _bookmark(paragraph._p, name, BOOKMARK_BASE + number)
        line = _entry(paragraph.text.strip(), name, level)
        anchor.addnext(line)
        anchor = line
    anchor.append(_field_char_run("end"))  # in the last line, not a paragraph of its own: a full page stays one


def _field_char_run(kind: str) -> Any:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _bookmark(paragraph: Any, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None:
        properties.addnext(start)
    else:
        paragraph.insert(0, start)
    paragraph.append(end)


def _entry(text: str, bookmark: str, level: int) -> Any:
    """One line of the contents: the heading's text, a link to it, indented by level."""
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "40")
    properties.append(spacing)
    indent = OxmlElement("w:ind")
    indent.set(qn("w:left"), str(int(Mm(6 * (level - 1)).twips)))
    properties.append(indent)
    paragraph.append(properties)
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    run_properties = OxmlElement("w:rPr")
    if level == 1:
        run_properties.append(OxmlElement("w:b"))
    run.append(run_properties)
    text_node = OxmlElement("w:t")
    text_node.set(qn("xml:space"), "preserve")
    text_node.text = text
    run.append(text_node)
    link.append(run)
    paragraph.append(link)
    return paragraph


# ------------------------------------------------------------------ properties
def core_properties(core: Any, properties: dict[str, Any]) -> None:
    """Author, title and dates a reader's file manager shows (on a python-docx ``CoreProperties``);
    python-docx's own defaults removed."""
    core.comments = ""  # "generated by python-docx"
    core.revision = 1
    for name, value in properties.items():
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            value = dt.datetime.combine(value, dt.time())
        setattr(core, name, value)

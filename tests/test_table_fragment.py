"""Generated Word tables: written as text, element for element what python-docx's table API builds."""

from __future__ import annotations

import re

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from automations.render.docx import DocTable, table_fragment


def built_with_python_docx(spec: DocTable) -> str:
    """The reference: the table made cell by cell through python-docx in its blank document."""
    table = Document().add_table(rows=1, cols=len(spec.headers))
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
    if spec.widths_mm:
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
    return re.sub(r"</?w:body[^>]*>", "", etree.tostring(body, encoding="unicode"))


CHARACTERS = st.characters(blacklist_categories=("Cs",), max_codepoint=0x24F).filter(
    lambda char: char in "\t\n\r" or ord(char) >= 32)
TEXT = st.text(CHARACTERS, max_size=12) | st.sampled_from(
    ["", " tarpas ", "a\tb", "eilutė\nkita", "Rock & <Roll>", "„Ąčęėįšųūž“", "1 234,50", "\r\n"])


@st.composite
def tables(draw: st.DrawFn) -> DocTable:
    columns = draw(st.integers(1, 7))
    headers = draw(st.lists(TEXT, min_size=columns, max_size=columns))
    rows = draw(st.lists(st.lists(st.one_of(st.none(), TEXT, st.integers(-10**6, 10**6)), max_size=columns),
                         max_size=6))
    numeric = draw(st.sets(st.integers(0, columns - 1)))
    widths = draw(st.none() | st.lists(st.floats(5, 120).map(lambda width: round(width, 1)), min_size=1,
                                       max_size=columns + 1))
    return DocTable(headers, rows, numeric, draw(st.booleans()), widths)


@given(tables())
@settings(max_examples=150, deadline=None)
def test_any_table_is_what_python_docx_builds(spec: DocTable) -> None:
    assert str(table_fragment(spec)) == built_with_python_docx(spec)


def test_a_report_table_with_totals_widths_and_hostile_text() -> None:
    spec = DocTable(["Biblioteka", "Lankytojai"], [["Rock & <Roll> </w:t>", "1 234"], ["Iš viso", None]],
                    numeric={1}, bold_last=True, widths_mm=[90, 30])
    fragment = str(table_fragment(spec))
    assert fragment == built_with_python_docx(spec)
    assert "Rock &amp; &lt;Roll&gt; &lt;/w:t&gt;" in fragment and '<w:tblLayout w:type="fixed"/>' in fragment

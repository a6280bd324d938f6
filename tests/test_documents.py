"""Every document the demo writes, opened as its readers would: page numbers, tables that survive page breaks,
a table of contents with the headings in it, honest document properties, numbers stored as numbers and no
Python leftovers (nan, <NA>, None, ISO timestamps) anywhere."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from automations.config import load_settings

NUMBER_AS_TEXT = re.compile(r"[−-]?\d[\d \u00a0]*(?:[.,]\d+)?")
LEFTOVER = re.compile(r"(?<![\w-])(?:nan|NaN|<NA>|None|NaT)(?![\w-])|\d{4}-\d\d-\d\dT\d\d:\d\d")


def _outputs(workspace: Path, suffix: str) -> list[Path]:
    return sorted((workspace / "ataskaitos").rglob(f"*{suffix}"))


def _sample(paths: list[Path]) -> list[Path]:
    """Every kind of document once or more: all but the hundreds of certificates and contracts, a few of those."""
    many = ("Pažymėjimai", "Nuomos sutartys", "Nuomos sąskaitos")
    rest = [p for p in paths if p.parent.name not in many]
    for folder in many:
        rest += [p for p in paths if p.parent.name == folder][:4]
    return rest


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        parts = [archive.read(name).decode("utf-8") for name in archive.namelist()
                 if name.startswith("word/") and name.endswith(".xml")]
    return " ".join(re.sub(r"<[^>]+>", " ", part) for part in parts)


@pytest.fixture(scope="module")
def docs(demo_run) -> tuple[Path, list[Path]]:
    workspace, report = demo_run
    assert report.ok, [run.error for run in report.jobs if not run.ok]
    return workspace, _sample(_outputs(workspace, ".docx"))


def test_every_report_and_contract_has_page_numbers_in_its_footer(docs):
    _, paths = docs
    for path in paths:
        document = Document(path)
        footer = " ".join(node.text or "" for section in document.sections
                          for node in section.footer._element.iter(qn("w:instrText")))
        if path.parent.name == "Pažymėjimai":  # one page, framed: no page number
            assert "PAGE" not in footer, path.name
            continue
        assert "PAGE" in footer and "NUMPAGES" in footer, path.name
        text = " ".join(p.text for section in document.sections for p in section.footer.paragraphs)
        assert "Puslapis" in text and " iš " in text, path.name


def test_every_table_repeats_its_header_row_and_keeps_rows_whole(docs):
    _, paths = docs
    tables = 0
    for path in paths:
        for table in Document(path).element.body.iter(qn("w:tbl")):
            rows = table.findall(qn("w:tr"))
            tables += 1
            assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None, path.name
            assert all(row.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for row in rows), path.name
    assert tables > 50


def test_headings_keep_with_the_next_paragraph(docs):
    _, paths = docs
    for path in paths:
        for paragraph in Document(path).paragraphs:
            if paragraph.style.name.startswith("Heading") and paragraph.text.strip():
                assert paragraph.paragraph_format.keep_with_next, (path.name, paragraph.text)


def test_annual_report_contents_list_the_headings_as_linked_text(docs):
    workspace, _ = docs
    path = _outputs(workspace, "Metinė veiklos ataskaita 2026.docx")[0]
    body = Document(path).element.body
    links = {link.get(qn("w:anchor")): "".join(t.text for t in link.iter(qn("w:t")))
             for link in body.iter(qn("w:hyperlink"))}
    marks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
    headings = [p.text for p in Document(path).paragraphs if p.style.name == "Heading 1" and p.text != "Turinys"]
    assert headings and set(headings) <= set(links.values())
    assert set(links) <= marks  # every line jumps to its heading
    for expected in ("Įvadas", "2. Bibliotekos vartotojai, fondas ir darbuotojai", "15. Finansai",
                     "16. Problemos ir 2027 m. prioritetai", "14. Veiklos plano vykdymas"):
        assert expected in links.values()
    instructions = " ".join(node.text for node in body.iter(qn("w:instrText")))
    assert "TOC" in instructions  # the field stays, for Word's page numbers
    assert "atsinaujins" not in _docx_text(path) and "atsiras" not in _docx_text(path)


def test_document_properties_name_the_institution_the_title_and_a_real_date(docs):
    workspace, paths = docs
    institution = load_settings(workspace).institution.name
    for path in paths:
        core = Document(path).core_properties
        assert core.author == institution, path.name
        assert core.title and core.title != "python-docx", path.name
        assert core.created.year >= 2025 and "python-docx" not in (core.comments or ""), path.name
    for path in _outputs(workspace, ".xlsx"):
        if path.parent.name == "Klaidos":
            continue
        properties = load_workbook(path, read_only=True).properties
        assert properties.creator == institution and properties.title, path.name
        assert properties.created.year >= 2025, path.name


def test_contract_properties_keep_their_own_date_so_reruns_write_nothing_new(docs):
    workspace, _ = docs
    contract = next(iter((workspace / "ataskaitos" / "2026" / "Nuomos sutartys").glob("Sutartis *.docx")))
    assert Document(contract).core_properties.created.date().isoformat() < "2026-11-22"


def test_workbooks_store_numbers_as_numbers(demo_run):
    workspace, _ = demo_run
    for path in _outputs(workspace, ".xlsx"):
        if path.parent.name == "Klaidos":  # the feedback quotes what was typed, as text
            continue
        for sheet in load_workbook(path, read_only=True).worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    assert not (isinstance(value, str) and NUMBER_AS_TEXT.fullmatch(value.strip())), (
                        path.name, sheet.title, value)


def test_no_python_leftovers_in_any_output(demo_run):
    workspace, _ = demo_run
    for path in _outputs(workspace, ".xlsx"):
        for sheet in load_workbook(path, read_only=True).worksheets:
            for row in sheet.iter_rows(values_only=True):
                for value in row:
                    assert not (isinstance(value, str) and LEFTOVER.search(value)), (path.name, sheet.title, value)
    for path in _sample(_outputs(workspace, ".docx")):
        found = LEFTOVER.search(_docx_text(path))
        assert found is None, (path.name, found and found.group())
    for path in _outputs(workspace, ".docx"):
        assert "−0,0 proc." not in _docx_text(path), path.name


def test_report_workbooks_print_on_pages_that_fit(demo_run):
    workspace, _ = demo_run
    for path in _outputs(workspace, ".xlsx"):
        if path.parent.name == "Klaidos":
            continue
        for sheet in load_workbook(path).worksheets:
            setup = sheet.page_setup
            assert sheet.sheet_properties.pageSetUpPr.fitToPage, (path.name, sheet.title)
            assert setup.fitToWidth in (None, 1) and setup.fitToHeight == 0, (path.name, sheet.title)
            assert setup.paperSize == 9 and setup.orientation in ("portrait", "landscape")
            assert sheet.print_title_rows, (path.name, sheet.title)
    wide = load_workbook(_outputs(workspace, "Regiono statistika 2025.xlsx")[0])["Bibliotekos"]
    assert wide.page_setup.orientation == "landscape"


def test_native_charts_state_their_axes_and_leave_future_months_blank(demo_run):
    workspace, _ = demo_run
    path = _outputs(workspace, "Renginių statistika 2026.xlsx")[0]
    with zipfile.ZipFile(path) as archive:
        charts = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/charts/chart")]
    assert charts
    for chart in charts:
        axes = re.findall(r"<c:(?:cat|val)Ax>.*?</c:(?:cat|val)Ax>", chart)
        assert axes and all('<c:delete val="0"/>' in axis for axis in axes)
        assert '<c:dispBlanksAs val="gap"/>' in chart
    months = load_workbook(path)["Mėnesiai"]
    header = next(row for row in months.iter_rows(values_only=True) if row and row[0] == "Mėnuo")
    rows = {row[0]: row for row in months.iter_rows(values_only=True) if row and row[0] in ("gruodis", "sausis")}
    assert rows["gruodis"][1] is None and rows["sausis"][1] is not None, header  # December is still ahead

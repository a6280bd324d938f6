"""How far a worksheet reaches, decided before calamine reads it (``xlsx_extent``).

The fast path reads the XML once in chunks; whatever the chunk size and however a writer
mixes explicit and implicit cell references, its verdict must be the walk's.
"""

from __future__ import annotations

import io
import re
import zipfile
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from automations.backends import xlsx_extent
from automations.backends.xlsx_extent import SheetTooLarge, check_member

MAX_ROWS, MAX_COLUMNS = 1000, 50  # up to AX
FRAGMENTS = ['<c r="A1">', "<c>", "<c/>", '<c s="1">', '<c s="1"/>', "<cols>", '<col min="1"/>', '<x:c r="A1">',
             "<cfRule>", "<x14:cfRule>", ":c ", "<v>1</v>", "</c>", "text", '<c  r="A1">', "<row>", '<c\tr="A1">',
             '<c\nr="A1">', '<c\r\nr="A1">', '<x:c\tr="A1">', "<x:c>", "<c r='A1'>"]
_NAME_ENDS = rb"[ >/\t\n\r]"


def exact_explicit(chunk: bytes) -> bool:
    """Every cell element (``c`` followed by whatever may end an element's name) starts with ``r="``
    after one space, and none is namespace-prefixed."""
    cells = len(re.findall(rb"<c" + _NAME_ENDS, chunk))
    return cells == chunk.count(b'<c r="') and not re.search(rb":c" + _NAME_ENDS, chunk)


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_the_three_scan_test_for_explicit_references_is_the_exact_one(parts: list[str]) -> None:
    chunk = "".join(parts).encode()
    assert xlsx_extent._explicit(chunk) == exact_explicit(chunk)


cells = st.tuples(
    st.sampled_from(["A", "Z", "AX", "AY", "XFD", "AAAA"]),  # within, at, beyond the 50 columns; beyond XFD
    st.sampled_from([1, 7, 999, 1000, 1001, 99999, 1048576]),
    st.booleans(),  # holds a value (else a formatted empty cell, which the reader ignores)
    st.booleans(),  # carries its reference (else its position is the one after the previous cell)
    st.sampled_from([" ", "\t", "\n"]),  # what separates the element's name from its attributes
    st.sampled_from(["c", "x:c"]),  # the element as most writers name it, or namespace-prefixed
)


def sheet_xml(sheet: list[tuple[str, int, bool, bool, str, str]]) -> bytes:
    body = []
    for column, row, valued, explicit, space, name in sheet:
        reference = f'{space}r="{column}{row}"' if explicit else ""
        body.append(f'<row r="{row}"><{name}{reference}><v>1</v></{name}></row>' if valued
                    else f'<row r="{row}"><{name}{reference} s="1"/></row>')
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(body)}</sheetData></worksheet>').encode()


def plain(column: str, row: int, explicit: bool = True) -> tuple[str, int, bool, bool, str, str]:
    """A valued cell as Excel writes it."""
    return column, row, True, explicit, " ", "c"


def verdict(check, xml: bytes) -> bool:
    """Whether ``check`` refuses the sheet as too large."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/worksheets/sheet1.xml", xml)
    with zipfile.ZipFile(archive) as book:
        try:
            check(book)
        except SheetTooLarge:
            return True
    return False


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, max_size=12), st.integers(min_value=8, max_value=300))
def test_the_fast_check_in_any_chunking_agrees_with_walking_the_xml(sheet: list, chunk: int) -> None:
    xml = sheet_xml(sheet)

    def walk(book: zipfile.ZipFile) -> None:
        with book.open("xl/worksheets/sheet1.xml") as stream:
            xlsx_extent._walk(stream, MAX_ROWS, MAX_COLUMNS)

    with mock.patch.object(xlsx_extent, "CHUNK", chunk):
        fast = verdict(lambda book: check_member(book, "xl/worksheets/sheet1.xml", MAX_ROWS, MAX_COLUMNS), xml)
    assert fast == verdict(walk, xml)


@pytest.mark.parametrize("chunk", [16, 64, 1 << 22])
def test_a_far_cell_early_and_an_implicit_cell_late_are_judged_as_the_walk_judges(chunk: int) -> None:
    """The first chunks alone look explicit and too large; a later cell without a reference sends the
    whole sheet to the walk, which counts positions the way the reader does."""
    xml = sheet_xml([plain("A", 1), plain("A", 5000), plain("B", 2, explicit=False)])
    with mock.patch.object(xlsx_extent, "CHUNK", chunk):
        assert verdict(lambda book: check_member(book, "xl/worksheets/sheet1.xml", MAX_ROWS, MAX_COLUMNS), xml)
    fine = sheet_xml([plain("A", 1), plain("A", 999), plain("B", 2, explicit=False)])
    with mock.patch.object(xlsx_extent, "CHUNK", chunk):
        assert not verdict(lambda book: check_member(book, "xl/worksheets/sheet1.xml", MAX_ROWS, MAX_COLUMNS), fine)


def test_a_sheet_walked_for_want_of_references_is_still_bounded_in_size() -> None:
    xml = sheet_xml([plain("A", row, explicit=False) for row in range(1, 40)])
    # read in small pieces, the missing references show before the size does: the walk must refuse it
    with mock.patch.object(xlsx_extent, "MAX_XML_BYTES", len(xml) // 2), mock.patch.object(xlsx_extent, "CHUNK", 64):
        assert verdict(lambda book: check_member(book, "xl/worksheets/sheet1.xml", MAX_ROWS, MAX_COLUMNS), xml)
    assert not verdict(lambda book: check_member(book, "xl/worksheets/sheet1.xml", MAX_ROWS, MAX_COLUMNS), xml)

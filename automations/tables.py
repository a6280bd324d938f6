"""Raw sheets as people leave them: find the header, skip title, blank and totals rows.

Backends hand over cells exactly as read (a title row above the header, stray spaces in
headers, extra columns, a typed "Iš viso" row at the bottom); this module turns that into
positions the validator can trust, and says in Lithuanian what it had to skip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter
from typing import Any

from automations.textclean import clean_text, clean_value
from sheets_schema.base import Problem, Severity, SheetModel, make_problem
from sheets_schema.types import is_blank

HEADER_SEARCH_ROWS = 10
_TOTALS_RE = re.compile(r"\s*(iš\s*viso|is\s*viso|viso|suma|bendra suma|total)\s*:?\s*", re.IGNORECASE)


@dataclass
class RawSheet:
    """One tab's cells as the backend read them (row 0 = the sheet's first row)."""

    title: str
    cells: list[list[Any]]


@dataclass
class SheetLayout:
    """Where the model's columns were found in a raw sheet."""

    header_index: int  # 0-based index of the header row in ``cells``
    columns: dict[str, int]  # python field name -> 0-based column index
    problems: list[Problem] = field(default_factory=list)
    usable: bool = True  # False when required headers are missing

    def header_row(self) -> int:
        return self.header_index + 1


def normalise_header(text: Any) -> str:
    """Headers compared as people see them: spacing, case and invisible characters do not matter."""
    return re.sub(r"\s+", " ", clean_text(str(text))).strip().casefold() if text is not None else ""


def locate_columns(sheet: RawSheet, model: type[SheetModel], workbook: str) -> SheetLayout:
    """Find the header row (the best match in the first rows) and map headers to columns."""
    wanted = {normalise_header(column.header): column.name for column in model.columns()}
    best_index, best_hits = 0, -1
    for index, row in enumerate(sheet.cells[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if normalise_header(cell) in wanted)
        if hits > best_hits:
            best_index, best_hits = index, hits
    header_cells = sheet.cells[best_index] if sheet.cells else []
    columns: dict[str, int] = {}
    for position, cell in enumerate(header_cells):
        name = wanted.get(normalise_header(cell))
        if name is not None and name not in columns:
            columns[name] = position
    layout = SheetLayout(best_index, columns)
    missing = [column.header for column in model.columns() if column.required and column.name not in columns]
    if not sheet.cells or best_hits <= 0:
        layout.usable = False
        layout.problems.append(make_problem(
            workbook, sheet.title, None, None, None, "nera_antrastes",
            "nerasta antraštės eilutė. Pirmoje eilutėje turi būti stulpeliai: " + ", ".join(model.headers()),
        ))
    elif missing:
        layout.usable = False
        layout.problems.append(make_problem(
            workbook, sheet.title, layout.header_row(), None, None, "truksta_stulpeliu",
            "trūksta privalomų stulpelių: " + ", ".join(f"„{name}“" for name in missing)
            + ". Lape turi būti stulpeliai: " + ", ".join(model.headers()),
        ))
    return layout


def data_rows(sheet: RawSheet, layout: SheetLayout, workbook: str) -> tuple[list[tuple[int, list[Any]]], list[Problem]]:
    """The rows below the header that hold data, with their sheet row numbers.

    Blank rows are skipped silently; a typed totals row is left out with a note, so it is
    never summed a second time. Every row returned reaches the last located column (short
    rows, as CSV files and Google leave them, are padded with None), so callers index freely.
    """
    notes: list[Problem] = []
    positions = sorted(set(layout.columns.values()))
    body = sheet.cells[layout.header_index + 1:]
    if not positions or not body:
        return [], notes
    width = positions[-1] + 1
    if min(map(len, body)) < width:
        body = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in body]
    pick = itemgetter(*positions) if len(positions) > 1 else lambda row: (row[positions[0]],)
    picked = list(map(pick, body))
    # blank is decided once per distinct value, then a row is blank when all its cells are (C speed)
    blanks = {value for value in set(chain.from_iterable(picked)) if is_blank(clean_value(value))}
    rows: list[tuple[int, list[Any]]] = []
    start = layout.header_index + 2
    for offset in [offset for offset, cells in enumerate(picked) if not blanks.issuperset(cells)]:
        row = body[offset]
        if _is_totals_row(row):
            notes.append(make_problem(
                workbook, sheet.title, start + offset, None, _first_text(row), "sumos_eilute",
                "eilutė „Iš viso“ atpažinta kaip sumų eilutė ir neskaičiuojama (sumas apskaičiuojame patys)",
                Severity.NOTE,
            ))
            continue
        rows.append((start + offset, row))
    return rows, notes


def _first_text(row: list[Any]) -> Any:
    return next((cell for cell in row if not is_blank(cell)), None)


def _is_totals_row(row: list[Any]) -> bool:
    for cell in row:
        if cell is None or cell == "":
            continue
        return isinstance(cell, str) and bool(_TOTALS_RE.fullmatch(cell))
    return False

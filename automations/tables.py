"""Raw sheets as people leave them: find the header, skip title, blank and totals rows.

Backends hand over cells exactly as read (a title row above the header, stray spaces in
headers, extra columns, a typed "Iš viso" row at the bottom); this module turns that into
positions the validator can trust, and says in Lithuanian what it had to skip.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from automations.textclean import clean_text
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


def header_cells(sheet: RawSheet, model: type[SheetModel]) -> list[Any]:
    """The cells of the row where ``model``'s headers are (a sheet whose other columns differ from tab to tab)."""
    if not sheet.cells:
        return []
    return list(sheet.cells[locate_columns(sheet, model, "").header_index])


def sheet_body(sheet: RawSheet, layout: SheetLayout) -> list[list[Any]]:
    """The rows below the header, each reaching the last located column.

    Short rows, as CSV files and Google leave them, are padded with None, so callers index
    every located column freely.
    """
    body = sheet.cells[layout.header_index + 1:]
    width = max(layout.columns.values(), default=-1) + 1
    if body and width and min(map(len, body)) < width:
        body = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in body]
    return body


def totals_rows(sheet: RawSheet, layout: SheetLayout, body: list[list[Any]], indexes: list[int],
                workbook: str) -> tuple[set[int], list[Problem]]:
    """Which body rows (of ``indexes``) are a typed "Iš viso" row, with a note for each.

    Such a row is left out, so it is never summed a second time. Only rows whose first cell
    is empty or a totals word can be one; the others are passed over without a look.
    """
    if not indexes:
        return set(), []
    firsts = {value for value in set(map(_first_cell, body)) if value is None or value == ""
              or (value.__class__ is str and _TOTALS_RE.fullmatch(value))}
    found: set[int] = set()
    notes: list[Problem] = []
    for index in [index for index in indexes if _first_cell(body[index]) in firsts]:
        row = body[index]
        if _is_totals_row(row):
            found.add(index)
            notes.append(make_problem(
                workbook, sheet.title, layout.header_index + 2 + index, None, _first_text(row), "sumos_eilute",
                "eilutė „Iš viso“ atpažinta kaip sumų eilutė ir neskaičiuojama (sumas apskaičiuojame patys)",
                Severity.NOTE,
            ))
    return found, notes


def _first_cell(row: list[Any]) -> Any:
    return row[0] if row else None


def _first_text(row: list[Any]) -> Any:
    return next((cell for cell in row if not is_blank(cell)), None)


def _is_totals_row(row: list[Any]) -> bool:
    for cell in row:
        if cell is None or cell == "":
            continue
        return isinstance(cell, str) and bool(_TOTALS_RE.fullmatch(cell))
    return False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading and validating allocate millions of small containers over sheets already in memory;
    the cyclic collector would walk every row list again on each of its passes (half the time
    on 100 000 rows) while finding nothing to free. It is switched back on afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""Feedback inside a Google spreadsheet: the ``Klaidos`` tab, plus a note and highlight per bad cell.

The Klaidos tab lists the problems as the local feedback workbook does, with one more column,
``Langelis``, naming the cell that was marked. Reading that column back next run tells which
notes and highlights to remove once a cell is fixed, without any state outside the sheet.
Only the ``note`` and background of the typed cells are ever written, never their values;
text goes in as ``stringValue``, which Sheets stores as typed data (like ``RAW``), never as
a formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from automations.backends.base import Feedback
from automations.backends.google_state import SheetInfo, SpreadsheetState
from automations.feedback import PROBLEM_COLUMNS, SEVERITY_ORDER, cell_marks, sorted_problems, summary_line
from sheets_schema.base import Problem, Severity

KLAIDOS = "Klaidos"
CELL_HEADER = "Langelis"
HEADER = [column.header for column in PROBLEM_COLUMNS] + [CELL_HEADER]
HEADER_ROWS = 5  # title, summary, explanation, blank, header
NO_PROBLEMS = "Klaidų nerasta: visi duomenys patikrinti ir tinka ataskaitoms."
EXPLANATION = ("Klaidos (raudona) neleidžia eilutės įtraukti į ataskaitas; įspėjimus (geltona) galima paaiškinti "
               "stulpelyje „Paaiškinimas“, jei jis yra. Pažymėti langeliai turi pastabą su paaiškinimu.")
COLOURS = {
    Severity.ERROR: {"red": 0.957, "green": 0.8, "blue": 0.8},
    Severity.WARNING: {"red": 1.0, "green": 0.949, "blue": 0.8},
    Severity.NOTE: {"red": 0.812, "green": 0.886, "blue": 0.953},
}
_REF_RE = re.compile(r"^'((?:[^']|'')+)'!([A-Z]+)(\d+)$")


@dataclass
class FeedbackPlan:
    grid: list[list[Any]]
    requests: list[dict[str, Any]] = field(default_factory=list)
    added: tuple[int, str, int, int] | None = None  # sheetId, title, rows, columns of a new Klaidos tab


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - 64
    return value - 1


def cell_ref(tab: str, row: int, col: int) -> str:
    return "'" + tab.replace("'", "''") + f"'!{column_letter(col)}{row + 1}"


def parse_ref(text: Any) -> tuple[str, int, int] | None:
    match = _REF_RE.match(str(text or "").strip())
    if not match:
        return None
    return match.group(1).replace("''", "'"), int(match.group(3)) - 1, column_index(match.group(2))


def _marks(feedback: Feedback, state: SpreadsheetState, unmarked: set[str]) -> dict[int, tuple[str, int, int]]:
    """Which cell each problem marks, by ``id(problem)``; tabs read elsewhere (Forms API) get none."""
    refs: dict[int, tuple[str, int, int]] = {}
    for tab, sheet in feedback.sheets.items():
        info = state.find(tab)
        if info is None or tab in unmarked:
            continue
        problems = [p for p in feedback.problems if p.tab == tab and p.row is not None]
        layout = feedback.layouts.get(tab)
        for (row, col), found in cell_marks(sheet, problems, layout.header_row() if layout else 1).items():
            for problem in found:
                refs[id(problem)] = (info.title, row, col if col is not None else 0)
    return refs


def klaidos_grid(feedback: Feedback, problems: list[Problem], refs: dict[int, tuple[str, int, int]]) -> list[list[Any]]:
    """The Klaidos tab's cells, as the local feedback workbook lays them out."""
    if not problems:
        return [[f"{feedback.title} ({feedback.workbook})"], [], [NO_PROBLEMS]]
    grid: list[list[Any]] = [[f"{feedback.title} ({feedback.workbook}): ką reikia pataisyti"],
                             [summary_line(problems)], [EXPLANATION], [], list(HEADER)]
    for problem in problems:
        item = problem.as_dict()
        ref = refs.get(id(problem))
        grid.append([item["tab"], item["row"] if item["row"] is not None else "", item["column"] or "",
                     "" if item["value"] is None else str(item["value"]), item["severity"], item["rule"],
                     item["message"], cell_ref(*ref) if ref else ""])
    return grid


def _normal(grid: list[list[Any]] | None) -> list[list[str]]:
    """Cells as text with trailing blanks trimmed, the way Sheets returns them."""
    rows = []
    for row in grid or []:
        cells = ["" if c is None else str(int(c)) if isinstance(c, float) and c.is_integer() else str(c) for c in row]
        while cells and cells[-1] == "":
            cells.pop()
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _previous_refs(grid: list[list[Any]] | None) -> set[tuple[str, int, int]]:
    rows = grid or []
    start = next((i for i, row in enumerate(rows) if len(row) > 7 and row[0] == HEADER[0] and row[7] == CELL_HEADER),
                 None)
    if start is None:
        return set()
    return {ref for row in rows[start + 1:] if len(row) > 7 and (ref := parse_ref(row[7])) is not None}


def _cell(value: Any, **extra: Any) -> dict[str, Any]:
    if value == "" or value is None:
        data: dict[str, Any] = {}
    elif isinstance(value, int | float) and not isinstance(value, bool):
        data = {"userEnteredValue": {"numberValue": value}}
    else:
        data = {"userEnteredValue": {"stringValue": str(value)}}
    if extra:
        data["userEnteredFormat"] = extra
    return data


def _mark_request(info: SheetInfo, row: int, col: int, note: str | None, colour: dict | None) -> dict[str, Any]:
    cell: dict[str, Any] = {}
    if note is not None:
        cell = {"note": note, "userEnteredFormat": {"backgroundColor": colour}}
    return {"updateCells": {
        "range": {"sheetId": info.sheet_id, "startRowIndex": row, "endRowIndex": row + 1,
                  "startColumnIndex": col, "endColumnIndex": col + 1},
        "rows": [{"values": [cell]}],
        "fields": "note,userEnteredFormat.backgroundColor",  # never userEnteredValue: people's cells stay as typed
    }}


def plan_feedback(feedback: Feedback, state: SpreadsheetState, unmarked: set[str]) -> FeedbackPlan:
    """The requests that bring the spreadsheet's feedback up to date; none when it already is."""
    problems = sorted_problems(feedback.problems)
    refs = _marks(feedback, state, unmarked)
    grid = klaidos_grid(feedback, problems, refs)
    plan = FeedbackPlan(grid)
    current: dict[tuple[str, int, int], list[Problem]] = {}
    for problem in problems:
        if id(problem) in refs:
            current.setdefault(refs[id(problem)], []).append(problem)
    stale = {ref for ref in _previous_refs(state.klaidos) - set(current) if state.find(ref[0]) is not None}
    if _normal(grid) == _normal(state.klaidos) and not stale:
        return plan
    klaidos = state.find(KLAIDOS)
    rows, columns = max(len(grid) + 20, 100), len(HEADER)
    grid_props = {"rowCount": rows, "columnCount": columns, "frozenRowCount": HEADER_ROWS if problems else 0}
    if klaidos is None:
        sheet_id = max((info.sheet_id for info in state.sheets.values()), default=0) + 1
        plan.added = (sheet_id, KLAIDOS, rows, columns)
        plan.requests.append({"addSheet": {"properties": {"sheetId": sheet_id, "title": KLAIDOS,
                                                          "gridProperties": grid_props}}})
    else:
        sheet_id = klaidos.sheet_id
        plan.requests.append({"updateSheetProperties": {
            "properties": {"sheetId": sheet_id, "gridProperties": grid_props},
            "fields": "gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount"}})
    plan.requests.append({"updateCells": {
        "range": {"sheetId": sheet_id},  # the whole tab: cells beyond the new rows are cleared
        "rows": [{"values": [_row_cell(grid, r, c, problems) for c in range(len(row))]} for r, row in enumerate(grid)],
        "fields": "userEnteredValue,userEnteredFormat,note",
    }})
    for ref, found in current.items():
        worst = min((p.severity for p in found), key=SEVERITY_ORDER.__getitem__)
        note = "\n".join(f"{p.severity}: {p.message}" for p in found)
        plan.requests.append(_mark_request(state.find(ref[0]), ref[1], ref[2], note, COLOURS[worst]))
    for ref in sorted(stale):
        plan.requests.append(_mark_request(state.find(ref[0]), ref[1], ref[2], None, None))
    return plan


def _row_cell(grid: list[list[Any]], row: int, col: int, problems: list[Problem]) -> dict[str, Any]:
    value = grid[row][col]
    if row == 0 or (problems and row == HEADER_ROWS - 1):
        return _cell(value, textFormat={"bold": True})
    if problems and row >= HEADER_ROWS and col == 4:
        return _cell(value, backgroundColor=COLOURS[problems[row - HEADER_ROWS].severity])
    return _cell(value)

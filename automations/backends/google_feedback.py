"""Feedback inside a Google spreadsheet: the feedback tab, plus a note and highlight per bad cell.

The feedback tab (``Klaidos``, or another title when people already have a ``Klaidos`` tab
of their own) lists the problems as the local feedback workbook does, with two more columns:
``Langelis`` names the marked cell and ``Buvusi spalva`` the colour it had before. Reading
them back next run tells which marks to take off once a cell is fixed and what to give
back, without any state outside the sheet. A messy first import can hold thousands of
problems of one kind; each rule lists and marks at most ``feedback_marks_per_rule`` cells per
tab and sums up the rest in one row. Text goes in as ``stringValue``, which Sheets stores as
typed data (like ``RAW``), never as a formula; people's values are never written.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from automations.backends.base import Feedback
from automations.backends.google_marks import (
    COLOURS,
    CellState,
    Ref,
    cell_ref,
    mark,
    original_background,
    parse_ref,
    unmark,
)
from automations.backends.google_state import CELL_HEADER, FEEDBACK_KEY, FEEDBACK_VALUE, NO_PROBLEMS, SpreadsheetState
from automations.feedback import PROBLEM_COLUMNS, SEVERITY_ORDER, cell_marks, sorted_problems, summary_line
from sheets_schema.base import Problem, Severity

ORIGINAL_HEADER = "Buvusi spalva"
HEADER = [column.header for column in PROBLEM_COLUMNS] + [CELL_HEADER, ORIGINAL_HEADER]
CELL_COL, ORIGINAL_COL = len(PROBLEM_COLUMNS), len(PROBLEM_COLUMNS) + 1
HEADER_ROWS = 5  # title, summary, explanation, blank, header
EXPLANATION = ("Klaidos (raudona) neleidžia eilutės įtraukti į ataskaitas; įspėjimus (geltona) galima paaiškinti "
               "stulpelyje „Paaiškinimas“, jei jis yra. Pažymėti langeliai turi pastabą su paaiškinimu.")
CHUNK_BYTES = 400_000  # one request of the feedback tab's content stays well under a batch's size limit


@dataclass
class Summary:
    """The problems of one rule in one tab beyond the cap, in one row."""

    tab: str
    rule: str
    columns: set[str]
    severity: Severity
    hidden: int
    total: int


def capped(problems: list[Problem], cap: int) -> tuple[list[Problem], list[Summary]]:
    """At most ``cap`` row problems per (tab, rule), in sorted order; the rest summed up per (tab, rule)."""
    listed, counts, rest = [], defaultdict(int), {}
    for problem in problems:
        key = (problem.tab, problem.rule)
        counts[key] += 1
        if problem.row is None or counts[key] <= cap:
            listed.append(problem)
            continue
        summary = rest.setdefault(key, Summary(problem.tab, problem.rule, set(), problem.severity, 0, 0))
        summary.hidden += 1
        summary.columns.add(problem.column or "")
        summary.severity = min(summary.severity, problem.severity, key=SEVERITY_ORDER.__getitem__)
    for key, summary in rest.items():
        summary.total = counts[key]
    return listed, list(rest.values())


def _summary_row(summary: Summary, cap: int) -> list[Any]:
    column = next(iter(summary.columns)) if len(summary.columns) == 1 else ""
    message = (f"… ir dar {summary.hidden} tokių pat problemų (iš viso {summary.total}): čia ir langeliuose parodyti "
               f"tik pirmieji {cap}. Pataisykite visas (dažnai – visą stulpelį) ir patikrinkite iš naujo.")
    return [summary.tab, "", column, "", str(summary.severity), summary.rule, message, "", ""]


def _marks(feedback: Feedback, state: SpreadsheetState, unmarked: set[str], listed: list[Problem]) -> dict[int, Ref]:
    """Which cell each listed problem marks, by ``id(problem)``; tabs read elsewhere (Forms API) get none."""
    refs: dict[int, Ref] = {}
    for tab, sheet in feedback.sheets.items():
        info = state.find(tab)
        if info is None or tab in unmarked or info is state.feedback:
            continue
        problems = [p for p in listed if p.tab == tab and p.row is not None]
        layout = feedback.layouts.get(tab)
        for (row, col), found in cell_marks(sheet, problems, layout.header_row() if layout else 1).items():
            for problem in found:
                refs[id(problem)] = (info.title, row, col if col is not None else 0)
    return refs


def previous_marks(grid: list[list[Any]] | None) -> dict[Ref, str]:
    """The cells an earlier run marked, with the colour each had before."""
    rows = grid or []
    start = next((i for i, row in enumerate(rows) if len(row) > CELL_COL and row[0] == HEADER[0]
                  and row[CELL_COL] == CELL_HEADER), None)
    found: dict[Ref, str] = {}
    for row in rows[start + 1:] if start is not None else []:
        ref = parse_ref(row[CELL_COL]) if len(row) > CELL_COL else None
        if ref is not None:
            original = str(row[ORIGINAL_COL]).strip() if len(row) > ORIGINAL_COL else ""
            found[ref] = found.get(ref) or original
    return found


def normal(grid: list[list[Any]] | None) -> list[list[str]]:
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


@dataclass
class FeedbackPlan:
    """What the feedback should look like, and whether the spreadsheet already shows exactly that."""

    grid: list[list[Any]]
    severities: dict[int, Severity]  # grid row -> severity colouring its Svarba cell
    current: dict[Ref, list[Problem]]
    stale: set[Ref]
    previous: dict[Ref, str]
    changed: bool
    refs_in_grid: dict[int, Ref] = field(default_factory=dict)  # grid row -> the cell it names

    @property
    def touched(self) -> set[Ref]:
        return set(self.current) | self.stale


def plan_feedback(feedback: Feedback, state: SpreadsheetState, unmarked: set[str], cap: int) -> FeedbackPlan:
    """The feedback tab's cells and the marks, compared with what the last run left."""
    problems = sorted_problems(feedback.problems)
    listed, summaries = capped(problems, cap)
    refs = _marks(feedback, state, unmarked, listed)
    previous = previous_marks(state.klaidos)
    current: dict[Ref, list[Problem]] = {}
    for problem in listed:
        if id(problem) in refs:
            current.setdefault(refs[id(problem)], []).append(problem)
    if not problems:
        grid: list[list[Any]] = [[f"{feedback.title} ({feedback.workbook})"], [], [NO_PROBLEMS]]
    else:
        grid = [[f"{feedback.title} ({feedback.workbook}): ką reikia pataisyti"], [summary_line(problems)],
                [EXPLANATION], [], list(HEADER)]
    plan = FeedbackPlan(grid, {}, current, set(), previous, False)
    for problem in listed:
        item, ref = problem.as_dict(), refs.get(id(problem))
        if ref is not None:
            plan.refs_in_grid[len(grid)] = ref
        plan.severities[len(grid)] = problem.severity
        grid.append([item["tab"], item["row"] if item["row"] is not None else "", item["column"] or "",
                     "" if item["value"] is None else str(item["value"]), item["severity"], item["rule"],
                     item["message"], cell_ref(*ref) if ref else "", previous.get(ref, "") if ref else ""])
    for summary in summaries:
        plan.severities[len(grid)] = summary.severity
        grid.append(_summary_row(summary, cap))
    plan.stale = {ref for ref in set(previous) - set(current) if state.find(ref[0]) is not None}
    plan.changed = (state.feedback is None or state.adopt or bool(plan.stale) or normal(grid) != normal(state.klaidos))
    return plan


def mark_requests(plan: FeedbackPlan, state: SpreadsheetState, cells: dict[Ref, CellState]) -> list[dict[str, Any]]:
    """Marks on the cells with problems and marks taken off fixed cells; records each new cell's own colour."""
    requests: list[dict[str, Any]] = []
    for row, ref in plan.refs_in_grid.items():
        if ref not in plan.previous:
            plan.grid[row][ORIGINAL_COL] = original_background(cells.get(ref, CellState()))
    for ref, found in plan.current.items():
        worst = min((p.severity for p in found), key=SEVERITY_ORDER.__getitem__)
        info = state.find(ref[0])
        request = mark(info.sheet_id, ref, cells.get(ref, CellState()), found, worst, ref in plan.previous)
        if request is not None:
            requests.append(request)
    for ref in sorted(plan.stale):
        request = unmark(state.find(ref[0]).sheet_id, ref, cells.get(ref, CellState()), plan.previous[ref])
        if request is not None:
            requests.append(request)
    return requests


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


def _row(plan: FeedbackPlan, row: int) -> dict[str, Any]:
    values = []
    for col, value in enumerate(plan.grid[row]):
        if row == 0 or (row == HEADER_ROWS - 1 and plan.grid[row] == HEADER):
            values.append(_cell(value, textFormat={"bold": True}))
        elif col == 4 and row in plan.severities:
            values.append(_cell(value, backgroundColor=COLOURS[plan.severities[row]]))
        else:
            values.append(_cell(value))
    return {"values": values}


def tab_requests(plan: FeedbackPlan, state: SpreadsheetState) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the tab's structure and ownership mark, its content): the content goes last, in chunks."""
    rows, columns = max(len(plan.grid) + 20, 100), len(HEADER)
    grid_props = {"rowCount": rows, "columnCount": columns, "frozenRowCount": HEADER_ROWS if len(plan.grid) > 3 else 0}
    structure: list[dict[str, Any]] = []
    info = state.feedback
    metadata = {"createDeveloperMetadata": {"developerMetadata": {
        "metadataKey": FEEDBACK_KEY, "metadataValue": FEEDBACK_VALUE, "visibility": "DOCUMENT"}}}
    if info is None:
        sheet_id = max((sheet.sheet_id for sheet in state.sheets.values()), default=0) + 1
        structure.append({"addSheet": {"properties": {"sheetId": sheet_id, "title": state.new_feedback_title(),
                                                      "gridProperties": grid_props}}})
    else:
        sheet_id = info.sheet_id
        structure.append({"updateSheetProperties": {
            "properties": {"sheetId": sheet_id, "gridProperties": grid_props},
            "fields": "gridProperties.rowCount,gridProperties.columnCount,gridProperties.frozenRowCount"}})
    if info is None or not info.ours:
        metadata["createDeveloperMetadata"]["developerMetadata"]["location"] = {"sheetId": sheet_id}
        structure.append(metadata)
    content: list[dict[str, Any]] = []
    fields = "userEnteredValue,userEnteredFormat,note"
    start, size, rows_data = 0, 0, []
    for row in range(len(plan.grid)):
        data = _row(plan, row)
        length = len(json.dumps(data))
        if rows_data and size + length > CHUNK_BYTES:
            content.append(_content(sheet_id, start, rows_data, fields))
            start, size, rows_data = row, 0, []
        rows_data.append(data)
        size += length
    content.append(_content(sheet_id, start, rows_data, fields))
    return structure, content


def _content(sheet_id: int, start: int, rows: list[dict[str, Any]], fields: str) -> dict[str, Any]:
    if start == 0:  # the whole tab: cells beyond these rows are cleared
        return {"updateCells": {"range": {"sheetId": sheet_id}, "rows": rows, "fields": fields}}
    return {"updateCells": {"start": {"sheetId": sheet_id, "rowIndex": start, "columnIndex": 0}, "rows": rows,
                            "fields": fields}}

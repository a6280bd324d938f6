"""The feedback workbook: every problem listed, and copies of the tabs with the bad cells marked.

Staff open ``Klaidos/<workbook>.xlsx`` next to their own sheet: the first tab lists what to
fix (row numbers as they see them), the other tabs repeat their data at the same row
numbers with each problem cell coloured and commented. With nothing to fix it says so.

The feedback folder is shared, so personal columns (names, e-mails, phones: a model's
``personal`` fields) are masked in the copies except in the cells that hold a problem, and
a workbook that still shows any personal value says "riboto naudojimo" at the top.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pandas as pd
import xlsxwriter

from automations import lt
from automations.backends.base import Feedback
from automations.render.xlsx import FIXED_CREATED, Column, Formats, Sheet, _write_sheet, kind_of, write_cell
from automations.tables import RawSheet, normalise_header
from automations.textclean import clean_text
from sheets_schema import workbook as workbook_spec
from sheets_schema.base import Problem, Severity, display_value, header

FEEDBACK_FOLDER = "Klaidos"
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.NOTE: 2}
PROBLEM_COLUMNS = [
    Column("tab", "Lapas", width=22),
    Column("row", "Eilutė", "int", width=8),
    Column("column", "Stulpelis", width=28),
    Column("value", "Reikšmė", width=22),
    Column("severity", "Svarba", width=11),
    Column("rule", "Taisyklė", width=18, hidden=True),  # the rule's code: for filters and machines
    Column("message", "Ką pataisyti", width=100),
]


def feedback_path(workbook: str) -> str:
    return f"{FEEDBACK_FOLDER}/{workbook}.xlsx"


def sorted_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.tab, p.row or 0, SEVERITY_ORDER[p.severity], p.column or ""))


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    rows = [problem.as_dict() for problem in sorted_problems(problems)]
    frame = pd.DataFrame(rows, columns=[column.key for column in PROBLEM_COLUMNS])
    frame["value"] = [shown_value(problem.value, problem.column) for problem in sorted_problems(problems)]
    return frame


EMPTY = "(tuščia)"
_ISO_MOMENT = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d)(?::\d\d(?:\.\d+)?)?")


def shown_value(value: object, column: object = None) -> str:
    """A problem's value as the person typed it, not as Python holds it: "(tuščia)" for an empty cell,
    "2026-01-29 12:33", "07:00", "104" for a whole amount, "250,00" in a money column (header with Eur)."""
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return EMPTY
    if isinstance(value, str):
        if not value.strip():
            return EMPTY
        moment = _ISO_MOMENT.fullmatch(value.strip())  # a date and time as a machine wrote it
        return f"{moment[1]} {moment[2]}" if moment else value
    if isinstance(value, bool):
        return "Taip" if value else "Ne"
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}" if (value.hour, value.minute) != (0, 0) else f"{value:%Y-%m-%d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, int | float | Decimal):
        if "eur" in str(column or "").casefold():
            return lt.number(value, 2)
        whole = Decimal(str(value)).normalize()
        if not whole.is_finite():  # inf typed as a number: shown as typed
            return str(value)
        decimals = max(-whole.as_tuple().exponent, 0)
        return lt.number(value, min(decimals, 4))
    return str(value)


def summary_line(problems: list[Problem]) -> str:
    counts = {severity: sum(1 for p in problems if p.severity is severity) for severity in Severity}
    return (f"Klaidų: {counts[Severity.ERROR]}, įspėjimų: {counts[Severity.WARNING]}, "
            f"pastabų: {counts[Severity.NOTE]}.")


MASK = "•••"
RESTRICTED = ("RIBOTO NAUDOJIMO: šiame faile yra asmens duomenų (tik langeliuose su klaidomis); neplatinkite ir "
              "neskelbkite, ištrinkite pataisę.")


def personal_columns(feedback: Feedback, tab: str) -> dict[str, int]:
    """Header -> raw column index of the tab's personal fields, as located in the sheet."""
    try:
        model = workbook_spec(feedback.workbook).tab(tab)
    except KeyError:
        return {}
    layout = feedback.layouts.get(tab)
    if layout is None:
        return {}
    return {header(model, name): layout.columns[name] for name in model.personal if name in layout.columns}


def holds_personal_data(feedback: Feedback) -> bool:
    """A problem in a personal column shows its value: the workbook is then restricted."""
    headers = {tab: personal_columns(feedback, tab) for tab in {p.tab for p in feedback.problems}}
    return any(p.column in headers.get(p.tab, {}) and p.value not in (None, "") for p in feedback.problems)


def feedback_workbook(feedback: Feedback) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": f"Klaidos: {feedback.title}", "created": FIXED_CREATED})
    formats = Formats(book)
    problems = feedback.problems
    if not problems:
        sheet = book.add_worksheet("Klaidos")
        sheet.set_column(0, 0, 90)
        sheet.write_string(0, 0, f"{feedback.title} ({feedback.workbook})", formats.get(bold=True, font_size=13))
        sheet.write_string(2, 0, "Klaidų nerasta: visi duomenys patikrinti ir tinka ataskaitoms.",
                           formats.get("text", "gerai", bold=True))
        book.close()
        return buffer.getvalue()
    styles = {index: str(problem.severity) for index, problem in enumerate(sorted_problems(problems))}
    restricted = [RESTRICTED] if holds_personal_data(feedback) else []
    _write_sheet(book, formats, Sheet(
        "Klaidos", problems_frame(problems), PROBLEM_COLUMNS,
        title=f"{feedback.title} ({feedback.workbook}): ką reikia pataisyti",
        notes=[*restricted, summary_line(problems),
               "Klaidos (raudona) neleidžia eilutės įtraukti į ataskaitas; įspėjimus (geltona) galima paaiškinti "
               "stulpelyje „Paaiškinimas“, jei jis yra."],
        cell_styles={(index, "severity"): style for index, style in styles.items()},
    ))
    by_tab: dict[str, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.row is not None and problem.tab in feedback.sheets:
            by_tab[problem.tab].append(problem)
    for tab, tab_problems in by_tab.items():
        layout = feedback.layouts.get(tab)
        sheet = feedback.sheets[tab]
        header_row = layout.header_row() if layout is not None else _guess_header_row(sheet, tab_problems)
        _write_marked_copy(book, formats, sheet, tab_problems, header_row,
                           set(personal_columns(feedback, tab).values()))
    book.close()
    return buffer.getvalue()


def _column_positions(sheet: RawSheet, header_row: int) -> dict[str, int]:
    header = sheet.cells[header_row - 1] if 0 < header_row <= len(sheet.cells) else []
    return {normalise_header(cell): index for index, cell in enumerate(header) if cell is not None}


CellKey = tuple[int, int | None]  # 0-based row, 0-based column or None for the whole row


def cell_marks(sheet: RawSheet, problems: list[Problem], header_row: int) -> dict[CellKey, list[Problem]]:
    """Problems by (0-based row, 0-based column or None for the whole row)."""
    positions = _column_positions(sheet, header_row)
    marks: dict[tuple[int, int | None], list[Problem]] = defaultdict(list)
    for problem in problems:
        column = positions.get(normalise_header(problem.column)) if problem.column else None
        marks[(problem.row - 1, column)].append(problem)
    return marks


def _write_marked_copy(book: xlsxwriter.Workbook, formats: Formats, sheet: RawSheet, problems: list[Problem],
                       header_row: int, personal: set[int]) -> None:
    out = book.add_worksheet(_copy_name(sheet.title))
    marks = cell_marks(sheet, problems, header_row)
    worst: dict[tuple[int, int | None], str] = {
        key: str(min((p.severity for p in found), key=SEVERITY_ORDER.__getitem__)) for key, found in marks.items()
    }
    width = max((len(row) for row in sheet.cells), default=0)
    for row_index, row in enumerate(sheet.cells):
        row_style = worst.get((row_index, None))
        for col_index in range(width):
            value = row[col_index] if col_index < len(row) else None
            if col_index in personal and row_index >= header_row and (row_index, col_index) not in marks:
                value = MASK if value not in (None, "") else value
            value = copy_value(value)
            style = worst.get((row_index, col_index), row_style)
            bold = row_index == header_row - 1
            kind = kind_of(value)
            write_cell(out, row_index, col_index, value, kind, formats.get(kind, style, bold))
    for (row_index, col_index), found in marks.items():
        text = "\n".join(f"{p.severity}: {p.message}" for p in found)
        out.write_comment(row_index, col_index if col_index is not None else 0, text, {"x_scale": 3, "y_scale": 2})
    out.freeze_panes(header_row, 0)
    out.set_column(0, max(width - 1, 0), 16)


def copy_value(value: Any) -> Any:
    """A raw cell as the marked copy can hold it: what Excel cannot store as it is goes in as text."""
    if value.__class__ is str:
        return clean_text(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | Decimal):
        finite = value.is_finite() if isinstance(value, Decimal) else (
            isinstance(value, int) or math.isfinite(value))
        return value if finite and abs(value) < 1e15 else display_value(value) if isinstance(value, int) else str(value)
    if isinstance(value, dt.date | dt.time) and (not isinstance(value, dt.date) or 1900 <= value.year <= 9999):
        return value
    return str(value)


def _guess_header_row(sheet: RawSheet, problems: list[Problem]) -> int:
    """The header row is the one naming most of the problem columns (title rows sit above it)."""
    wanted = {normalise_header(p.column) for p in problems if p.column}
    best, hits = 1, -1
    for index, row in enumerate(sheet.cells[:10]):
        count = sum(1 for cell in row if normalise_header(cell) in wanted)
        if count > hits:
            best, hits = index + 1, count
    return best


def _copy_name(title: str) -> str:
    cleaned = "".join(char for char in title if char not in "[]:*?/\\")
    return cleaned[:31] or "Lapas"

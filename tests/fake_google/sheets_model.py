"""In-memory spreadsheets: sheets, cells (entered, effective and formatted values), notes, formats."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from .a1 import GridRef, parse_cells, split_title
from .errors import ApiError

DEFAULT_PROPERTIES: dict[str, Any] = {
    "locale": "en_US",
    "autoRecalc": "ON_CHANGE",
    "timeZone": "Etc/GMT",
    "defaultFormat": {
        "backgroundColor": {"red": 1, "green": 1, "blue": 1},
        "padding": {"top": 2, "right": 3, "bottom": 2, "left": 3},
        "verticalAlignment": "BOTTOM",
        "wrapStrategy": "OVERFLOW_CELL",
        "textFormat": {"foregroundColor": {}, "fontFamily": "arial,sans,sans-serif", "fontSize": 10, "bold": False,
                       "italic": False, "strikethrough": False, "underline": False,
                       "foregroundColorStyle": {"rgbColor": {}}},
        "backgroundColorStyle": {"rgbColor": {"red": 1, "green": 1, "blue": 1}},
    },
    "spreadsheetTheme": {
        "primaryFontFamily": "Arial",
        "themeColors": [
            {"colorType": kind, "color": {"rgbColor": rgb}} for kind, rgb in [
                ("TEXT", {}), ("BACKGROUND", {"red": 1, "green": 1, "blue": 1}),
                ("ACCENT1", {"red": 0.25882354, "green": 0.52156866, "blue": 0.95686275}),
                ("ACCENT2", {"red": 0.91764706, "green": 0.2627451, "blue": 0.20784314}),
                ("ACCENT3", {"red": 0.9843137, "green": 0.7372549, "blue": 0.015686275}),
                ("ACCENT4", {"red": 0.20392157, "green": 0.65882355, "blue": 0.3254902}),
                ("ACCENT5", {"red": 1, "green": 0.42745098, "blue": 0.003921569}),
                ("ACCENT6", {"red": 0.27450982, "green": 0.7411765, "blue": 0.7764706}),
                ("LINK", {"red": 0.06666667, "green": 0.33333334, "blue": 0.8}),
            ]
        ],
    },
}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ARITHMETIC = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow,
               ast.USub, ast.UAdd)


def arithmetic(text: str) -> float | None:
    """``4/2`` or ``(1+2)*3``: the only formulas the imitation evaluates; None for anything else."""
    try:
        tree = ast.parse(text.strip().replace("^", "**"), mode="eval")
    except SyntaxError:
        return None
    if not all(isinstance(node, _ARITHMETIC) for node in ast.walk(tree)):
        return None
    if any(isinstance(node, ast.Constant) and not isinstance(node.value, int | float) for node in ast.walk(tree)):
        return None
    try:
        return float(eval(compile(tree, "<formula>", "eval"), {"__builtins__": {}}))
    except (ZeroDivisionError, OverflowError):
        return None


_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def json_number(value: float) -> int | float:
    """Sheets writes integral numbers without a fraction (``5``, not ``5.0``)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def format_number(value: float) -> str:
    """The "automatic" number format closely enough: ``1``, ``1.5``, ``0.3``."""
    number = json_number(value)
    if isinstance(number, int):
        return str(number)
    text = f"{value:.15g}"
    return text.upper() if "e" in text else text


@dataclass
class Cell:
    entered: dict[str, Any] | None = None  # userEnteredValue: {"stringValue": ...} etc.
    effective: dict[str, Any] | None = None
    formatted: str | None = None
    note: str | None = None
    format: dict[str, Any] | None = None  # userEnteredFormat
    is_date: bool = False  # entered as a date: FORMATTED_STRING renders it as typed

    def is_empty(self) -> bool:
        return self.entered is None and self.note is None and not self.format


def typed_value(value: Any, input_option: str) -> Cell | None:
    """What a written value becomes: RAW keeps text as text; USER_ENTERED parses it as a person's typing."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Cell({"boolValue": value}, {"boolValue": value}, "TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        return Cell({"numberValue": value}, {"numberValue": value}, format_number(value))
    text = str(value)
    if input_option == "USER_ENTERED":
        if text.startswith("'"):
            return Cell({"stringValue": text[1:]}, {"stringValue": text[1:]}, text[1:])
        if text.startswith("=") and len(text) > 1:
            result = arithmetic(text[1:])
            if result is None:  # the imitation has no formula engine beyond arithmetic
                return Cell({"formulaValue": text}, None, "")
            return Cell({"formulaValue": text}, {"numberValue": json_number(result)}, format_number(result))
        if _DATE_RE.match(text.strip()):
            day = dt.date.fromisoformat(text.strip())
            serial = (day - dt.date(1899, 12, 30)).days
            return Cell({"numberValue": serial}, {"numberValue": serial}, text.strip(), is_date=True)
        stripped = text.strip().replace(",", "")
        if _NUMBER_RE.match(stripped):
            number = float(stripped)
            entered = {"numberValue": json_number(number)}
            # typed thousands separators become the cell's number format, so it shows as typed
            return Cell(entered, dict(entered), text.strip() if "," in text else format_number(number))
        if text.strip().upper() in ("TRUE", "FALSE"):
            flag = text.strip().upper() == "TRUE"
            return Cell({"boolValue": flag}, {"boolValue": flag}, text.strip().upper())
    return Cell({"stringValue": text}, {"stringValue": text}, text)


def rendered(cell: Cell | None, option: str, date_option: str = "SERIAL_NUMBER") -> Any:
    """A cell as values.get returns it for a valueRenderOption and dateTimeRenderOption."""
    if cell is None or cell.entered is None:
        return ""
    if cell.is_date and date_option == "FORMATTED_STRING" and option != "FORMULA":
        return cell.formatted
    if option == "FORMULA" and "formulaValue" in cell.entered:
        return cell.entered["formulaValue"]
    if option in ("UNFORMATTED_VALUE", "FORMULA"):
        effective = cell.effective or {}
        for key in ("numberValue", "boolValue", "stringValue"):
            if key in effective:
                return json_number(effective[key]) if key == "numberValue" else effective[key]
        return ""
    return cell.formatted if cell.formatted is not None else ""


@dataclass
class Sheet:
    properties: dict[str, Any]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # merges, basicFilter, protectedRanges, groups

    @property
    def sheet_id(self) -> int:
        return self.properties["sheetId"]

    @property
    def title(self) -> str:
        return self.properties["title"]

    @property
    def rows(self) -> int:
        return self.properties["gridProperties"]["rowCount"]

    @property
    def cols(self) -> int:
        return self.properties["gridProperties"]["columnCount"]

    def resize(self, rows: int | None = None, cols: int | None = None) -> None:
        grid = self.properties["gridProperties"]
        if rows is not None:
            grid["rowCount"] = rows
        if cols is not None:
            grid["columnCount"] = cols
        self.cells = {(r, c): cell for (r, c), cell in self.cells.items() if r < self.rows and c < self.cols}

    def get(self, row: int, col: int) -> Cell | None:
        return self.cells.get((row, col))

    def set_value(self, row: int, col: int, cell: Cell | None) -> None:
        current = self.cells.get((row, col))
        if cell is None:
            if current is not None:
                current.entered = current.effective = current.formatted = None
                if current.is_empty():
                    del self.cells[(row, col)]
            return
        if current is not None:
            cell.note, cell.format = current.note, current.format
        self.cells[(row, col)] = cell


@dataclass
class Spreadsheet:
    spreadsheet_id: str
    properties: dict[str, Any]
    sheets: list[Sheet] = field(default_factory=list)
    named_ranges: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def new(cls, spreadsheet_id: str, title: str) -> Spreadsheet:
        properties = {"title": title, **copy.deepcopy(DEFAULT_PROPERTIES)}
        book = cls(spreadsheet_id, properties)
        book.sheets.append(Sheet({"sheetId": 0, "title": "Sheet1", "index": 0, "sheetType": "GRID",
                                  "gridProperties": {"rowCount": 1000, "columnCount": 26}}))
        return book

    def sheet_by_title(self, title: str) -> Sheet | None:
        return next((sheet for sheet in self.sheets if sheet.title == title), None)

    def sheet_by_id(self, sheet_id: int) -> Sheet:
        sheet = next((sheet for sheet in self.sheets if sheet.sheet_id == sheet_id), None)
        if sheet is None:
            raise ApiError(400, f"Invalid requests[0]: No grid with id: {sheet_id}")
        return sheet

    def reindex(self) -> None:
        self.sheets.sort(key=lambda sheet: sheet.properties["index"])
        for index, sheet in enumerate(self.sheets):
            sheet.properties["index"] = index

    def resolve(self, text: str) -> tuple[Sheet, GridRef]:
        """A range in A1 notation (or a sheet title, or a named range) -> its sheet and bounds."""
        title, cells = split_title(text)
        if title is None:
            whole = self.sheet_by_title(text)
            if whole is not None:
                return whole, GridRef(whole.title)
            named = next((item for item in self.named_ranges if item["name"] == text), None)
            if named is not None:
                grid = named["range"]
                sheet = self.sheet_by_id(grid.get("sheetId", 0))
                return sheet, GridRef(sheet.title, grid.get("startRowIndex"), grid.get("endRowIndex"),
                                      grid.get("startColumnIndex"), grid.get("endColumnIndex"))
            sheet = self.sheets[0]
        else:
            found = self.sheet_by_title(title)
            if found is None:
                raise ApiError(400, f"Unable to parse range: {text}")
            sheet = found
        ref = parse_cells(cells)
        if ref is None:
            named = next((item for item in self.named_ranges if item["name"] == cells), None)
            if named is None:
                raise ApiError(400, f"Unable to parse range: {text}")
            grid = named["range"]
            ref = GridRef(sheet.title, grid.get("startRowIndex"), grid.get("endRowIndex"),
                          grid.get("startColumnIndex"), grid.get("endColumnIndex"))
        ref.title = sheet.title
        return sheet, ref

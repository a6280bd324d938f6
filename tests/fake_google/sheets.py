"""Sheets v4 endpoints over the in-memory model: spreadsheets.get and the values collection."""

from __future__ import annotations

import copy
from typing import Any

from .a1 import GridRef, bounded, format_range
from .errors import ApiError, not_a_spreadsheet
from .fields import apply_mask, parse_mask
from .sheets_batch import batch_update
from .sheets_model import Sheet, Spreadsheet, json_number, rendered, typed_value


class SheetsApi:
    def __init__(self, books: dict[str, Spreadsheet], drive: Any = None) -> None:
        self.books = books
        self.drive = drive  # the Drive imitation: roles, and files that are not spreadsheets

    def book(self, spreadsheet_id: str) -> Spreadsheet:
        if spreadsheet_id not in self.books:
            if self.drive is not None and spreadsheet_id in self.drive.files:
                raise not_a_spreadsheet()  # e.g. an .xlsx file kept in Drive without converting it
            raise ApiError(404)
        return self.books[spreadsheet_id]

    def _require_editor(self, spreadsheet_id: str) -> None:
        """Viewers and commenters read a spreadsheet but every change answers 403."""
        if self.drive is not None and self.drive.role(spreadsheet_id) != "writer":
            raise ApiError(403, "The caller does not have permission")

    # routing -------------------------------------------------------------
    def handle(self, method: str, parts: list[str], query: dict[str, list[str]], body: Any) -> Any:
        """``parts`` is the path after ``/v4/spreadsheets/``."""
        head = parts[0]
        if method != "GET":
            self._require_editor(head.split(":")[0])
        if method == "GET" and len(parts) == 1:
            return self.get(self.book(head), query)
        if method == "POST" and len(parts) == 1 and head.endswith(":batchUpdate"):
            return batch_update(self.book(head.removesuffix(":batchUpdate")), body or {})
        book = self.book(head)
        if len(parts) == 2 and parts[1].startswith("values:"):
            action = parts[1].removeprefix("values:")
            if method == "GET" and action == "batchGet":
                return self.batch_get(book, query)
            if method == "POST" and action == "batchUpdate":
                return self.values_batch_update(book, body or {})
            if method == "POST" and action == "batchClear":
                return {"spreadsheetId": book.spreadsheet_id,
                        "clearedRanges": [self.clear(book, item) for item in (body or {}).get("ranges", [])]}
        if len(parts) >= 3 and parts[1] == "values":
            target = "/".join(parts[2:])
            if method == "GET":
                return self.values_get(book, target, query)
            if method == "PUT":
                return self.update(book, target, body, _one(query, "valueInputOption", "RAW"), query)
            if method == "POST" and target.endswith(":append"):
                return self.append(book, target.removesuffix(":append"), body, query)
            if method == "POST" and target.endswith(":clear"):
                return {"spreadsheetId": book.spreadsheet_id, "clearedRange": self.clear(book, target[:-6])}
        raise ApiError(404, "Method not found.")

    # spreadsheets.get -------------------------------------------------------
    def get(self, book: Spreadsheet, query: dict[str, list[str]]) -> Any:
        ranges = query.get("ranges", [])
        grid = _one(query, "includeGridData", "false").lower() == "true" or bool(ranges and "fields" in query)
        result: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id,
                                  "properties": copy.deepcopy(book.properties), "sheets": []}
        wanted: dict[int, list[GridRef]] = {}
        for text in ranges:
            sheet, ref = book.resolve(text)
            wanted.setdefault(sheet.sheet_id, []).append(ref)
        for sheet in book.sheets:
            if ranges and sheet.sheet_id not in wanted:
                continue
            entry: dict[str, Any] = {"properties": copy.deepcopy(sheet.properties)}
            for key in ("merges", "basicFilter", "protectedRanges", "columnGroups", "rowGroups", "developerMetadata"):
                if sheet.extra.get(key):
                    entry[key] = copy.deepcopy(sheet.extra[key])
            if grid:
                entry["data"] = [grid_data(sheet, ref) for ref in wanted.get(sheet.sheet_id, [GridRef(sheet.title)])]
            result["sheets"].append(entry)
        if book.named_ranges:
            result["namedRanges"] = copy.deepcopy(book.named_ranges)
        result["spreadsheetUrl"] = f"https://docs.google.com/spreadsheets/d/{book.spreadsheet_id}/edit"
        if "fields" in query:
            result = prune(apply_mask(result, parse_mask(query["fields"][0])))
        return result

    # values ---------------------------------------------------------------
    def value_range(self, book: Spreadsheet, text: str, query: dict[str, list[str]]) -> dict[str, Any]:
        sheet, ref = book.resolve(text)
        r1, r2, c1, c2 = bounded(ref, sheet.rows, sheet.cols)
        if r2 > sheet.rows or c2 > sheet.cols:
            raise ApiError(400, f"Range ({text}) exceeds grid limits. Max rows: {sheet.rows}, "
                                f"max columns: {sheet.cols}")
        option = _one(query, "valueRenderOption", "FORMATTED_VALUE")
        dates = _one(query, "dateTimeRenderOption", "SERIAL_NUMBER")
        rows = [[rendered(sheet.get(r, c), option, dates) for c in range(c1, c2)] for r in range(r1, r2)]
        if _one(query, "majorDimension", "ROWS") == "COLUMNS":
            rows = [list(column) for column in zip(*rows, strict=False)] if rows else []
        result: dict[str, Any] = {"range": format_range(sheet.title, r1, r2, c1, c2, ref.single),
                                  "majorDimension": _one(query, "majorDimension", "ROWS")}
        values = trim(rows)
        if values:
            result["values"] = values
        return result

    def values_get(self, book: Spreadsheet, text: str, query: dict[str, list[str]]) -> Any:
        return self.value_range(book, text, query)

    def batch_get(self, book: Spreadsheet, query: dict[str, list[str]]) -> Any:
        return {"spreadsheetId": book.spreadsheet_id,
                "valueRanges": [self.value_range(book, text, query) for text in query.get("ranges", [])]}

    def write(self, book: Spreadsheet, text: str, values: Any, option: str, major: str = "ROWS",
              start_row: int | None = None) -> dict[str, Any]:
        if not isinstance(values, list) or not all(isinstance(row, list) for row in values):
            message = f"Invalid value at 'data.values' (type.googleapis.com/google.protobuf.ListValue), \"{values}\""
            raise ApiError(400, message, details=[{"@type": "type.googleapis.com/google.rpc.BadRequest",
                                                   "fieldViolations": [{"field": "data.values",
                                                                        "description": message}]}])
        sheet, ref = book.resolve(text)
        rows = [list(column) for column in _transpose(values)] if major == "COLUMNS" else values
        r1 = ref.start_row or 0 if start_row is None else start_row
        c1 = ref.start_col or 0
        height, width = len(rows), max((len(row) for row in rows), default=0)
        if r1 + height > sheet.rows or c1 + width > sheet.cols:
            raise ApiError(400, f"Range ({text}) exceeds grid limits. Max rows: {sheet.rows}, "
                                f"max columns: {sheet.cols}")
        cells, used_rows, used_cols = 0, set(), set()
        for dr, row in enumerate(rows):
            for dc, value in enumerate(row):
                if value is None:  # null means "leave this cell alone"
                    continue
                sheet.set_value(r1 + dr, c1 + dc, typed_value(value, option))
                cells += 1
                used_rows.add(dr)
                used_cols.add(dc)
        result = {"spreadsheetId": book.spreadsheet_id}
        if height and width:
            result.update(updatedRange=format_range(sheet.title, r1, r1 + height, c1, c1 + width,
                                                    height == 1 and width == 1 and (ref.single or ref.end_row is None)),
                          updatedRows=len(used_rows), updatedColumns=len(used_cols), updatedCells=cells)
        return result

    def update(self, book: Spreadsheet, text: str, body: Any, option: str, query: dict[str, list[str]]) -> Any:
        body = body or {}
        result = self.write(book, text, body.get("values", []), option, body.get("majorDimension") or "ROWS")
        if _one(query, "includeValuesInResponse", "false").lower() == "true":
            result["updatedData"] = self.value_range(book, result.get("updatedRange", text), query)
        return result

    def values_batch_update(self, book: Spreadsheet, body: dict[str, Any]) -> Any:
        option = body.get("valueInputOption", "RAW")
        responses = [self.write(book, item["range"], item.get("values", []), option,
                                item.get("majorDimension") or "ROWS") for item in body.get("data", [])]
        titles = {item["updatedRange"].rpartition("!")[0] for item in responses if "updatedRange" in item}
        return {"spreadsheetId": book.spreadsheet_id,
                "totalUpdatedRows": sum(item.get("updatedRows", 0) for item in responses),
                "totalUpdatedColumns": max((item.get("updatedColumns", 0) for item in responses), default=0),
                "totalUpdatedCells": sum(item.get("updatedCells", 0) for item in responses),
                "totalUpdatedSheets": len(titles), "responses": responses}

    def append(self, book: Spreadsheet, text: str, body: Any, query: dict[str, list[str]]) -> Any:
        """Find the table at the range and write below its last row (``tableRange`` names the table)."""
        sheet, ref = book.resolve(text)
        r1, r2, c1, c2 = bounded(ref, sheet.rows, sheet.cols)
        filled = {(r, c) for (r, c), cell in sheet.cells.items()
                  if r1 <= r < r2 and c1 <= c < c2 and cell.entered is not None}
        result: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id}
        body = body or {}
        major = body.get("majorDimension") or "ROWS"
        values = body.get("values", [])
        start_row, start_col = r1, c1
        if filled:
            # the "table": the last run of filled cells in the lowest filled row, and the rows above it
            last = max(r for r, _ in filled)
            columns = sorted(c for r, c in filled if r == last)
            run_end = columns[-1]
            run_start = run_end
            while run_start - 1 in columns:
                run_start -= 1
            top = last
            while top - 1 >= r1 and any((top - 1, c) in filled for c in range(run_start, run_end + 1)):
                top -= 1
            result["tableRange"] = format_range(sheet.title, top, last + 1, run_start, run_end + 1)
            start_row, start_col = last + 1, run_start
        height = len(values) if major == "ROWS" else max((len(column) for column in values), default=0)
        if _one(query, "insertDataOption", "OVERWRITE") == "INSERT_ROWS" and filled:
            insert_rows(sheet, start_row, height)
        elif start_row + height > sheet.rows:
            sheet.resize(rows=start_row + height)
        target = format_range(sheet.title, start_row, start_row + 1, start_col, start_col + 1)
        result["updates"] = self.write(book, target, values, _one(query, "valueInputOption", "RAW"), major)
        return result

    def clear(self, book: Spreadsheet, text: str) -> str:
        sheet, ref = book.resolve(text)
        r1, r2, c1, c2 = bounded(ref, sheet.rows, sheet.cols)
        for (row, col) in list(sheet.cells):
            if r1 <= row < r2 and c1 <= col < c2:
                sheet.set_value(row, col, None)
        return format_range(sheet.title, r1, r2, c1, c2, ref.single)


def insert_rows(sheet: Sheet, at: int, count: int) -> None:
    sheet.cells = {((r + count) if r >= at else r, c): cell for (r, c), cell in sheet.cells.items()}
    sheet.properties["gridProperties"]["rowCount"] += count


def _one(query: dict[str, list[str]], key: str, default: str) -> str:
    return query.get(key, [default])[0]


def _transpose(values: list[list[Any]]) -> list[list[Any]]:
    width = max((len(column) for column in values), default=0)
    return [[column[i] if i < len(column) else None for column in values] for i in range(width)]


def trim(rows: list[list[Any]]) -> list[list[Any]]:
    """Trailing empty cells and rows are left out, as Google does."""
    out = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] == "":
            cells.pop()
        out.append(cells)
    while out and not out[-1]:
        out.pop()
    return out


def grid_data(sheet: Sheet, ref: GridRef) -> dict[str, Any]:
    r1, r2, c1, c2 = bounded(ref, sheet.rows, sheet.cols)
    rows = []
    for r in range(r1, r2):
        values = []
        for c in range(c1, c2):
            cell = sheet.get(r, c)
            data: dict[str, Any] = {}
            if cell is not None:
                if cell.entered is not None:
                    data["userEnteredValue"] = {k: json_number(v) for k, v in cell.entered.items()}
                if cell.effective is not None:
                    data["effectiveValue"] = {k: json_number(v) for k, v in cell.effective.items()}
                if cell.formatted is not None and cell.entered is not None:
                    data["formattedValue"] = cell.formatted
                if cell.format:
                    data["userEnteredFormat"] = copy.deepcopy(cell.format)
                if cell.note:
                    data["note"] = cell.note
            values.append(data)
        rows.append({"values": values})
    data: dict[str, Any] = {"rowData": rows,
                            "rowMetadata": [{"pixelSize": 21} for _ in range(r1, r2)],
                            "columnMetadata": [{"pixelSize": 100} for _ in range(c1, c2)]}
    if r1:
        data["startRow"] = r1
    if c1:
        data["startColumn"] = c1
    return data


def prune(value: Any) -> Any:
    """After masking, Google drops empty objects at the end of lists and empty lists altogether."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            item = prune(item)
            if key in ("values", "rowData") and isinstance(item, list):
                while item and item[-1] == {}:
                    item.pop()
                if not item:
                    continue
            out[key] = item
        return out
    if isinstance(value, list):
        return [prune(item) for item in value]
    return value

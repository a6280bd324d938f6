"""``spreadsheets:batchUpdate``: the structural requests gspread and the backend send."""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Callable
from typing import Any

from .errors import ApiError
from .fields import Mask, parse_mask
from .sheets_extra import EXTRA_HANDLERS, delete_dimension, insert_dimension
from .sheets_metadata import METADATA_HANDLERS
from .sheets_model import Cell, Sheet, Spreadsheet, format_number

Handler = Callable[[Spreadsheet, dict[str, Any]], dict[str, Any] | None]
_ids = random.Random(7)


def batch_update(book: Spreadsheet, body: dict[str, Any]) -> dict[str, Any]:
    replies = []
    work = copy.deepcopy(book)  # all or nothing, as Google applies a batch
    for index, request in enumerate(body.get("requests", [])):
        (kind, params), = request.items()
        handler = HANDLERS.get(kind)
        if handler is None:
            raise ApiError(400, f"Invalid requests[{index}]: the imitation does not support {kind}")
        try:
            reply = handler(work, params)
        except ApiError as error:
            raise ApiError(error.code, error.message.replace("requests[0]", f"requests[{index}]")) from None
        replies.append({kind: reply} if reply is not None else {})
    book.__dict__.update(work.__dict__)
    result: dict[str, Any] = {"spreadsheetId": book.spreadsheet_id, "replies": replies}
    if body.get("includeSpreadsheetInResponse"):
        result["updatedSpreadsheet"] = {"spreadsheetId": book.spreadsheet_id}
    return result


def _merge(target: dict[str, Any], source: dict[str, Any], fields: str | Mask) -> None:
    """Copy the masked fields (``*`` = all) from ``source`` into ``target``; absent or null ones are removed."""
    mask = parse_mask(fields) if isinstance(fields, str) else fields
    if not mask or "*" in mask:
        mask = {key: {} for key in source}
    for key, sub in mask.items():
        value = source.get(key) if isinstance(source, dict) else None
        twin = MIRRORED.get(key) or next((plain for plain, style in MIRRORED.items() if style == key), None)
        if twin is not None:
            target.pop(twin, None)  # backgroundColor and backgroundColorStyle are one property
        if sub and isinstance(value, dict):
            _merge(target.setdefault(key, {}), value, sub)
            if not target[key]:
                del target[key]
        elif value is None or value == {}:
            target.pop(key, None)
        else:
            value = normal_colours(copy.deepcopy(value))
            if value == {}:
                target.pop(key, None)
            else:
                target[key] = value


MIRRORED = {"backgroundColor": "backgroundColorStyle", "foregroundColor": "foregroundColorStyle",
            "tabColor": "tabColorStyle"}


def normal_colours(value: Any) -> Any:
    """Sheets keeps colours as 8-bit channels in float32, leaves zero channels out, mirrors ``*Style``."""
    if isinstance(value, dict):
        if value and set(value) <= {"red", "green", "blue", "alpha"}:
            return {key: float(f"{math.floor(channel * 255 + 1e-6) / 255:.8g}") if key != "alpha" else channel
                    for key, channel in value.items() if channel}
        out = {key: normal_colours(item) for key, item in value.items() if item is not None}
        for plain, style in MIRRORED.items():
            if plain in out and style not in out:
                out[style] = {"rgbColor": out[plain]}
            elif style in out and plain not in out and "rgbColor" in out[style]:
                out[plain] = out[style]["rgbColor"]
        return {key: item for key, item in out.items() if item != {"rgbColor": None}}
    if isinstance(value, list):
        return [normal_colours(item) for item in value]
    return value


def add_sheet(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    props = copy.deepcopy(params.get("properties", {}))
    title = props.get("title") or f"Sheet{len(book.sheets) + 1}"
    if book.sheet_by_title(title):
        raise ApiError(400, f"Invalid requests[0].addSheet: A sheet with the name \"{title}\" already exists. "
                            "Please enter another name.")
    sheet_id = props.get("sheetId")
    if sheet_id is None:
        sheet_id = _ids.randrange(1, 2**31 - 1)
    elif any(sheet.sheet_id == sheet_id for sheet in book.sheets):
        raise ApiError(400, f"Invalid requests[0].addSheet: A sheet with the id {sheet_id} already exists.")
    grid = {"rowCount": 1000, "columnCount": 26, **props.get("gridProperties", {})}
    index = props.get("index", len(book.sheets))
    for sheet in book.sheets:
        if sheet.properties["index"] >= index:
            sheet.properties["index"] += 1
    properties = {"sheetId": sheet_id, "title": title, "index": index, "sheetType": props.get("sheetType", "GRID"),
                  "gridProperties": grid}
    for key in ("hidden", "tabColor", "tabColorStyle", "rightToLeft"):
        if key in props:
            properties[key] = props[key]
    book.sheets.append(Sheet(properties))
    book.reindex()
    return {"properties": copy.deepcopy(properties)}


def delete_sheet(book: Spreadsheet, params: dict[str, Any]) -> None:
    sheet = book.sheet_by_id(params["sheetId"])
    if len(book.sheets) == 1:
        raise ApiError(400, "Invalid requests[0].deleteSheet: You can't remove all the sheets in a document.")
    book.sheets.remove(sheet)
    book.reindex()


def update_sheet_properties(book: Spreadsheet, params: dict[str, Any]) -> None:
    props = params.get("properties", {})
    sheet = book.sheet_by_id(props.get("sheetId", 0))
    before = copy.deepcopy(sheet.properties)
    _merge(sheet.properties, props, params.get("fields", "*"))
    sheet.properties["sheetId"] = before["sheetId"]
    sheet.properties.setdefault("gridProperties", before["gridProperties"])
    if sheet.properties.get("hidden") and all(other.properties.get("hidden") for other in book.sheets):
        raise ApiError(400, "Invalid requests[0].updateSheetProperties: You can't hide all the sheets in a document.")
    for key in [key for key, value in sheet.properties["gridProperties"].items() if value in (0, False)
                if key not in ("rowCount", "columnCount")]:
        del sheet.properties["gridProperties"][key]
    for key in [key for key, value in sheet.properties.items() if value is False]:
        del sheet.properties[key]
    if "index" in props and props["index"] != before["index"]:
        sheet.properties["index"] = props["index"] - 0.5  # "before the move" positions
        book.reindex()
    sheet.resize(sheet.properties["gridProperties"]["rowCount"], sheet.properties["gridProperties"]["columnCount"])


def update_spreadsheet_properties(book: Spreadsheet, params: dict[str, Any]) -> None:
    _merge(book.properties, params.get("properties", {}), params.get("fields", "*"))


def _cells_in(book: Spreadsheet, grid: dict[str, Any]) -> tuple[Sheet, int, int, int, int]:
    sheet = book.sheet_by_id(grid.get("sheetId", 0))
    r1, c1 = grid.get("startRowIndex", 0), grid.get("startColumnIndex", 0)
    r2, c2 = grid.get("endRowIndex", sheet.rows), grid.get("endColumnIndex", sheet.cols)
    if r2 > sheet.rows or c2 > sheet.cols:
        raise ApiError(400, f"Invalid requests[0]: GridRange exceeds grid limits. Max rows: {sheet.rows}, "
                            f"max columns: {sheet.cols}")
    return sheet, r1, r2, c1, c2


def _apply_cell(sheet: Sheet, row: int, col: int, data: dict[str, Any], fields: str) -> None:
    cell = sheet.cells.get((row, col)) or Cell()
    mask = parse_mask(fields)
    if not mask or "*" in mask:
        mask = {"userEnteredValue": {}, "note": {}, "userEnteredFormat": {}}
    if "userEnteredValue" in mask:
        entered = data.get("userEnteredValue")
        cell.entered = copy.deepcopy(entered) if entered else None
        if entered and "formulaValue" not in entered:
            cell.effective = copy.deepcopy(entered)
            (kind, value), = entered.items()
            cell.formatted = format_number(value) if kind == "numberValue" else (
                ("TRUE" if value else "FALSE") if kind == "boolValue" else str(value))
        else:
            cell.effective = None
            cell.formatted = "" if entered else None
    if "note" in mask:
        cell.note = data.get("note") or None
    if "userEnteredFormat" in mask:
        current = copy.deepcopy(cell.format or {})
        sub = mask["userEnteredFormat"]
        source = data.get("userEnteredFormat") or {}
        if sub:
            _merge(current, source, sub)
        else:
            current = copy.deepcopy(source)
        cell.format = _drop_empty(normal_colours(current)) or None
    if cell.is_empty():
        sheet.cells.pop((row, col), None)
    else:
        sheet.cells[(row, col)] = cell


def _drop_empty(value: dict[str, Any]) -> dict[str, Any]:
    return {k: (_drop_empty(v) if isinstance(v, dict) else v) for k, v in value.items()
            if not (isinstance(v, dict) and not _drop_empty(v))}


def update_cells(book: Spreadsheet, params: dict[str, Any]) -> None:
    fields = params.get("fields", "*")
    rows = params.get("rows", [])
    if "range" in params:
        sheet, r1, r2, c1, c2 = _cells_in(book, params["range"])
    else:
        start = params.get("start", {})
        sheet = book.sheet_by_id(start.get("sheetId", 0))
        r1, c1 = start.get("rowIndex", 0), start.get("columnIndex", 0)
        r2 = r1 + len(rows)
        c2 = c1 + max((len(row.get("values", [])) for row in rows), default=0)
    if r1 + len(rows) > sheet.rows:
        raise ApiError(400, "Invalid requests[0].updateCells: GridRange exceeds grid limits.")
    for r in range(r1, r2):
        row = rows[r - r1].get("values", []) if r - r1 < len(rows) else []
        for c in range(c1, c2):
            _apply_cell(sheet, r, c, row[c - c1] if c - c1 < len(row) else {}, fields)


def repeat_cell(book: Spreadsheet, params: dict[str, Any]) -> None:
    sheet, r1, r2, c1, c2 = _cells_in(book, params.get("range", {}))
    for r in range(r1, r2):
        for c in range(c1, c2):
            _apply_cell(sheet, r, c, params.get("cell", {}), params.get("fields", "*"))


def _listed(key: str) -> Handler:
    """Requests the imitation only records on the sheet (merges, filters): what metadata shows."""
    def handler(book: Spreadsheet, params: dict[str, Any]) -> None:
        grid = params.get("range", {})
        sheet = book.sheet_by_id(grid.get("sheetId", 0))
        if key == "merges":
            _, r1, r2, c1, c2 = _cells_in(book, grid)
            kind = params.get("mergeType", "MERGE_ALL")
            pieces = ([(r, r + 1, c1, c2) for r in range(r1, r2)] if kind == "MERGE_ROWS" else
                      [(r1, r2, c, c + 1) for c in range(c1, c2)] if kind == "MERGE_COLUMNS" else [(r1, r2, c1, c2)])
            sheet.extra["merges"] = [m for m in sheet.extra.get("merges", []) if not (
                m["startRowIndex"] < r2 and r1 < m["endRowIndex"] and m["startColumnIndex"] < c2
                and c1 < m["endColumnIndex"])]
            for a, b, c, d in pieces:
                sheet.extra.setdefault("merges", []).append(_grid(
                    {"sheetId": sheet.sheet_id, "startRowIndex": a, "endRowIndex": b, "startColumnIndex": c,
                     "endColumnIndex": d}))
                for (row, col) in list(sheet.cells):
                    if a <= row < b and c <= col < d and (row, col) != (a, c):
                        sheet.set_value(row, col, None)  # only the top-left value survives a merge
        elif key == "unmerge":
            _, r1, r2, c1, c2 = _cells_in(book, grid)
            sheet.extra["merges"] = [m for m in sheet.extra.get("merges", []) if not (
                m["startRowIndex"] < r2 and r1 < m["endRowIndex"] and m["startColumnIndex"] < c2
                and c1 < m["endColumnIndex"])]
        elif key == "basicFilter":
            target = params.get("filter", {}).get("range", grid)
            _, r1, r2, c1, c2 = _cells_in(book, target)
            sheet.extra["basicFilter"] = {"range": _grid({"sheetId": sheet.sheet_id, "startRowIndex": r1,
                                                          "endRowIndex": r2, "startColumnIndex": c1,
                                                          "endColumnIndex": c2})}
        elif key == "clearBasicFilter":
            sheet.extra.pop("basicFilter", None)
    return handler


def _grid(grid: dict[str, Any]) -> dict[str, Any]:
    """A GridRange as Google echoes it: ``sheetId`` 0 is a default and left out."""
    return {key: value for key, value in grid.items() if not (key == "sheetId" and value == 0)}


def _ignored(book: Spreadsheet, params: dict[str, Any]) -> None:
    return None


def add_named_range(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    named = copy.deepcopy(params["namedRange"])
    named.setdefault("namedRangeId", f"{_ids.randrange(10**9):x}")
    named["range"] = _grid(named.get("range", {}))
    book.named_ranges.append(named)
    return {"namedRange": copy.deepcopy(named)}


def delete_named_range(book: Spreadsheet, params: dict[str, Any]) -> None:
    book.named_ranges = [n for n in book.named_ranges if n["namedRangeId"] != params["namedRangeId"]]


def update_named_range(book: Spreadsheet, params: dict[str, Any]) -> None:
    for named in book.named_ranges:
        if named["namedRangeId"] == params["namedRange"]["namedRangeId"]:
            _merge(named, params["namedRange"], params.get("fields", "*"))
            named["range"] = _grid(named.get("range", {}))


HANDLERS: dict[str, Handler] = {
    "addSheet": add_sheet, "deleteSheet": delete_sheet, "updateSheetProperties": update_sheet_properties,
    "updateSpreadsheetProperties": update_spreadsheet_properties, "updateCells": update_cells,
    "repeatCell": repeat_cell, "mergeCells": _listed("merges"), "unmergeCells": _listed("unmerge"),
    "setBasicFilter": _listed("basicFilter"), "clearBasicFilter": _listed("clearBasicFilter"),
    "insertDimension": insert_dimension, "deleteDimension": delete_dimension,
    "addNamedRange": add_named_range, "deleteNamedRange": delete_named_range, "updateNamedRange": update_named_range,
    "updateDimensionProperties": _ignored, "autoResizeDimensions": _ignored, "setDataValidation": _ignored,
    **EXTRA_HANDLERS, **METADATA_HANDLERS,
}

"""Less common batchUpdate requests: sorting, copy/cut and paste, dimension groups, protected ranges."""

from __future__ import annotations

import copy
import random
from typing import Any

from .errors import ApiError
from .sheets_model import Cell, Sheet, Spreadsheet

_ids = random.Random(11)


def _bounds(sheet: Sheet, grid: dict[str, Any]) -> tuple[int, int, int, int]:
    return (grid.get("startRowIndex", 0), grid.get("endRowIndex", sheet.rows),
            grid.get("startColumnIndex", 0), grid.get("endColumnIndex", sheet.cols))


def _sort_key(cell: Cell | None) -> tuple[int, Any]:
    """Numbers before text before booleans; empty cells always last (as Sheets sorts)."""
    effective = (cell.effective or {}) if cell else {}
    if "numberValue" in effective:
        return (0, effective["numberValue"])
    if "stringValue" in effective:
        return (1, effective["stringValue"].lower())
    if "boolValue" in effective:
        return (2, effective["boolValue"])
    return (3, 0)


def sort_range(book: Spreadsheet, params: dict[str, Any]) -> None:
    grid = params["range"]
    sheet = book.sheet_by_id(grid.get("sheetId", 0))
    r1, r2, c1, c2 = _bounds(sheet, grid)
    rows = [{c: sheet.cells.get((r, c)) for c in range(c1, c2)} for r in range(r1, r2)]
    for spec in reversed(params.get("sortSpecs", [])):
        column = spec.get("dimensionIndex", 0)
        descending = spec.get("sortOrder") == "DESCENDING"
        filled = [row for row in rows if _sort_key(row[column])[0] < 3]
        empty = [row for row in rows if _sort_key(row[column])[0] == 3]
        rows = sorted(filled, key=lambda row, col=column: _sort_key(row[col]), reverse=descending) + empty
    for offset, row in enumerate(rows):
        for c, cell in row.items():
            if cell is None:
                sheet.cells.pop((r1 + offset, c), None)
            else:
                sheet.cells[(r1 + offset, c)] = cell


def _paste(book: Spreadsheet, source: dict[str, Any], target: dict[str, Any], cut: bool) -> None:
    from_sheet = book.sheet_by_id(source.get("sheetId", 0))
    to_sheet = book.sheet_by_id(target.get("sheetId", 0))
    r1, r2, c1, c2 = _bounds(from_sheet, source)
    t1, t2 = target.get("rowIndex", target.get("startRowIndex", 0)), target.get("columnIndex",
                                                                             target.get("startColumnIndex", 0))
    block = {(r - r1, c - c1): copy.deepcopy(from_sheet.cells.get((r, c)))
             for r in range(r1, r2) for c in range(c1, c2)}
    if cut:
        for key in [key for key in from_sheet.cells if r1 <= key[0] < r2 and c1 <= key[1] < c2]:
            del from_sheet.cells[key]
    for (dr, dc), cell in block.items():
        if cell is None:
            to_sheet.cells.pop((t1 + dr, t2 + dc), None)
        else:
            to_sheet.cells[(t1 + dr, t2 + dc)] = cell


def copy_paste(book: Spreadsheet, params: dict[str, Any]) -> None:
    _paste(book, params["source"], params["destination"], cut=False)


def cut_paste(book: Spreadsheet, params: dict[str, Any]) -> None:
    _paste(book, params["source"], params["destination"], cut=True)


def _groups_key(rng: dict[str, Any]) -> str:
    return "rowGroups" if rng["dimension"] == "ROWS" else "columnGroups"


def _dimension(rng: dict[str, Any]) -> dict[str, Any]:
    return {"dimension": rng["dimension"], "startIndex": rng["startIndex"], "endIndex": rng["endIndex"]}


def add_dimension_group(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    rng = params["range"]
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    grid = sheet.properties["gridProperties"]
    grid["rowGroupControlAfter" if rng["dimension"] == "ROWS" else "columnGroupControlAfter"] = True
    groups = sheet.extra.setdefault(_groups_key(rng), [])
    groups.append({"range": _dimension(rng), "depth": 1})
    return {"dimensionGroups": copy.deepcopy(groups)}


def delete_dimension_group(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    rng = params["range"]
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    key = _groups_key(rng)
    sheet.extra[key] = [group for group in sheet.extra.get(key, []) if group["range"] != _dimension(rng)]
    if not sheet.extra[key]:
        del sheet.extra[key]
    return {"dimensionGroups": copy.deepcopy(sheet.extra.get(key, []))} if sheet.extra.get(key) else {}


def add_protected_range(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    wanted = params["protectedRange"]
    grid = dict(wanted.get("range", {}))
    sheet = book.sheet_by_id(grid.get("sheetId", 0))
    if grid.get("sheetId") == 0:
        del grid["sheetId"]
    protected: dict[str, Any] = {"protectedRangeId": _ids.randrange(10**9, 2**31 - 1), "range": grid}
    if wanted.get("description"):
        protected["description"] = wanted["description"]
    if wanted.get("warningOnly"):
        protected["warningOnly"] = True
    protected["requestingUserCanEdit"] = True  # the requester always keeps edit rights
    protected["editors"] = {key: value for key, value in (wanted.get("editors") or {}).items() if value}
    sheet.extra.setdefault("protectedRanges", []).append(protected)
    return {"protectedRange": copy.deepcopy(protected)}


def delete_protected_range(book: Spreadsheet, params: dict[str, Any]) -> None:
    for sheet in book.sheets:
        ranges = sheet.extra.get("protectedRanges", [])
        kept = [item for item in ranges if item["protectedRangeId"] != params["protectedRangeId"]]
        if len(kept) != len(ranges):
            sheet.extra["protectedRanges"] = kept
            return
    raise ApiError(400, f"Invalid requests[0].deleteProtectedRange: No protected range with id: "
                        f"{params['protectedRangeId']}")


def insert_dimension(book: Spreadsheet, params: dict[str, Any]) -> None:
    rng = params["range"]
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    start, end = rng["startIndex"], rng["endIndex"]
    shift = end - start
    rows = rng["dimension"] == "ROWS"
    sheet.cells = {((r + shift if rows and r >= start else r), (c + shift if not rows and c >= start else c)): cell
                   for (r, c), cell in sheet.cells.items()}
    grid = sheet.properties["gridProperties"]
    grid["rowCount" if rows else "columnCount"] += shift


def delete_dimension(book: Spreadsheet, params: dict[str, Any]) -> None:
    rng = params["range"]
    sheet = book.sheet_by_id(rng.get("sheetId", 0))
    start, end = rng["startIndex"], rng["endIndex"]
    rows = rng["dimension"] == "ROWS"
    moved = {}
    for (r, c), cell in sheet.cells.items():
        index = r if rows else c
        if start <= index < end:
            continue
        new = index - (end - start) if index >= end else index
        moved[(new, c) if rows else (r, new)] = cell
    sheet.cells = moved
    sheet.properties["gridProperties"]["rowCount" if rows else "columnCount"] -= end - start


EXTRA_HANDLERS = {
    "sortRange": sort_range, "copyPaste": copy_paste, "cutPaste": cut_paste,
    "addDimensionGroup": add_dimension_group, "deleteDimensionGroup": delete_dimension_group,
    "addProtectedRange": add_protected_range, "deleteProtectedRange": delete_protected_range,
}

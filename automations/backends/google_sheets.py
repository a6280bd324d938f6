"""Google Sheets: read a workbook's tabs in two requests, write its feedback in as few as fit.

Reading asks for the sheet titles and the backend's developer metadata once
(``spreadsheets.get`` limited to those fields) and then for every wanted tab plus the
feedback tab in a single ``values:batchGet``, unformatted and with dates as serial numbers,
so nothing depends on the spreadsheet's locale. What was read is kept for the run.

Writing feedback changes nothing when the feedback is already there. Otherwise it reads the
notes and colours of the cells it will mark or unmark (one ``spreadsheets.get`` limited to
those cells), so people's own notes and colours are kept and given back, then sends the
changes as ``spreadsheets:batchUpdate`` requests of under 1 MB each: the tab's structure
first, the marks next, the tab's content last, so an interrupted write is redone in full by
the next run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from automations.backends.base import BackendError, Feedback, InputError, Published
from automations.backends.google_api import GoogleApi
from automations.backends.google_feedback import mark_requests, plan_feedback, tab_requests
from automations.backends.google_marks import CellState, Ref, column_letter, parse_cells
from automations.backends.google_state import FEEDBACK_KEY, KLAIDOS, SheetInfo, SpreadsheetState
from automations.tables import RawSheet

READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER",
               "majorDimension": "ROWS"}
META_FIELDS = ("properties.title,sheets(properties(sheetId,title,index,gridProperties(rowCount,columnCount)),"
               "developerMetadata(metadataKey,metadataValue))")
CELL_FIELDS = ("sheets(properties(title),data(startRow,startColumn,"
               "rowData(values(note,userEnteredFormat(backgroundColor)))))")
MAX_BATCH_BYTES = 900_000  # each batchUpdate body stays under 1 MB, far inside what Google processes in time


def quote_title(title: str) -> str:
    """A sheet title as an A1 range: always quoted, inner quotes doubled (Sheets accepts both forms)."""
    return "'" + title.replace("'", "''") + "'"


def split_batches(requests: list[dict[str, Any]], limit: int = MAX_BATCH_BYTES) -> list[list[dict[str, Any]]]:
    """Consecutive groups of requests whose JSON bodies each stay under ``limit`` bytes, order kept."""
    batches: list[list[dict[str, Any]]] = []
    size = limit + 1
    for request in requests:
        length = len(json.dumps(request)) + 2
        if length > limit:
            raise BackendError(f"one feedback request is {length} bytes, over the {limit} bytes a batch may hold")
        if size + length > limit:
            batches.append([])
            size = len('{"requests": []}')
        batches[-1].append(request)
        size += length
    return batches


class SheetsGateway:
    """Reads tabs and writes feedback for the spreadsheets of one run."""

    def __init__(self, api: GoogleApi) -> None:
        self.api = api
        self.states: dict[str, SpreadsheetState] = {}

    def _what(self, spreadsheet_id: str, workbook: str) -> str:
        return f"spreadsheet {spreadsheet_id} (workbook {workbook})"

    def _metadata(self, spreadsheet_id: str, workbook: str) -> SpreadsheetState:
        client = self.api.sheets()
        meta = self.api.call(lambda: client.fetch_sheet_metadata(spreadsheet_id, params={"fields": META_FIELDS}),
                             self._what(spreadsheet_id, workbook), "spreadsheet", quota="sheets.read")
        sheets: dict[str, SheetInfo] = {}
        for sheet in meta.get("sheets", []):
            props = sheet.get("properties", {})
            grid = props.get("gridProperties", {})
            ours = any(item.get("metadataKey") == FEEDBACK_KEY for item in sheet.get("developerMetadata", []))
            sheets[props["title"]] = SheetInfo(int(props.get("sheetId", 0)), props["title"],
                                               int(grid.get("rowCount", 0)), int(grid.get("columnCount", 0)), ours)
        title = meta.get("properties", {}).get("title", spreadsheet_id)
        return SpreadsheetState(spreadsheet_id, title, sheets)

    def _batch_get(self, state: SpreadsheetState, workbook: str, titles: list[str]) -> list[list[list[Any]]]:
        if not titles:
            return []
        client = self.api.sheets()
        ranges = [quote_title(title) for title in titles]
        answer = self.api.call(lambda: client.values_batch_get(state.spreadsheet_id, ranges, params=dict(READ_PARAMS)),
                               self._what(state.spreadsheet_id, workbook), "spreadsheet", quota="sheets.read")
        value_ranges = answer.get("valueRanges", [])
        if len(value_ranges) != len(ranges):
            raise BackendError(f"{self._what(state.spreadsheet_id, workbook)}: Google returned {len(value_ranges)} "
                               f"ranges for {len(ranges)} requested")
        return [item.get("values", []) for item in value_ranges]

    def read(self, workbook: str, spreadsheet_id: str, tabs: Sequence[str],
             every: bool = False) -> dict[str, RawSheet | InputError]:
        """The wanted tabs (a missing one is an InputError value) in one metadata and one values request;
        ``every``: all other tabs too (a workbook whose own rows name more tabs, read in the same request)."""
        state = self._metadata(spreadsheet_id, workbook)
        candidate = state.feedback_candidate()
        found = {tab: state.find(tab) for tab in tabs}
        if every:
            named = {info.title for info in found.values() if info is not None}
            found.update({title: info for title, info in state.sheets.items()
                          if title not in named and title != KLAIDOS})
        titles = list(dict.fromkeys(info.title for info in found.values() if info is not None))
        if candidate is not None and candidate.title not in titles:
            titles.append(candidate.title)
        values = dict(zip(titles, self._batch_get(state, workbook, titles), strict=True))
        if candidate is not None:
            state.settle_feedback(workbook, values[candidate.title])
        self.states[spreadsheet_id] = state
        result: dict[str, RawSheet | InputError] = {}
        for tab, info in found.items():
            if info is None:
                shown = [title for title, sheet in state.sheets.items() if sheet is not state.feedback]
                result[tab] = InputError(f"Google skaičiuoklėje „{state.title}“ nėra lapo „{tab}“ (yra: "
                                         f"{', '.join(shown)})", "nera_lapo")
            else:
                result[tab] = RawSheet(tab, [list(row) for row in values[info.title]])
        return result

    def _state_for_writing(self, workbook: str, spreadsheet_id: str) -> SpreadsheetState:
        state = self.states.get(spreadsheet_id)
        if state is None:  # feedback without a read in this run: learn the tabs and the old feedback
            state = self._metadata(spreadsheet_id, workbook)
            candidate = state.feedback_candidate()
            if candidate is not None:
                state.settle_feedback(workbook, self._batch_get(state, workbook, [candidate.title])[0])
            self.states[spreadsheet_id] = state
        return state

    def _cells(self, state: SpreadsheetState, workbook: str, refs: set[Ref]) -> dict[Ref, CellState]:
        """Notes and colours of the cells to mark or unmark: one request, one range per tab and column."""
        if not refs:
            return {}
        spans: dict[tuple[str, int], list[int]] = defaultdict(list)
        for title, row, col in refs:
            spans[(title, col)].append(row)
        ranges = [f"{quote_title(title)}!{column_letter(col)}{min(rows) + 1}:{column_letter(col)}{max(rows) + 1}"
                  for (title, col), rows in sorted(spans.items())]
        client = self.api.sheets()
        answer = self.api.call(
            lambda: client.fetch_sheet_metadata(state.spreadsheet_id, params={"ranges": ranges, "fields": CELL_FIELDS}),
            self._what(state.spreadsheet_id, workbook), "spreadsheet", quota="sheets.read")
        return parse_cells(answer)

    def write_feedback(self, feedback: Feedback, spreadsheet_id: str, unmarked_tabs: set[str]) -> Published:
        """Rewrite the feedback tab and the notes and highlights (nothing when they are already right)."""
        state = self._state_for_writing(feedback.workbook, spreadsheet_id)
        plan = plan_feedback(feedback, state, unmarked_tabs, self.api.settings.google.feedback_marks_per_rule)
        path = f"{KLAIDOS}/{feedback.workbook}"
        if not plan.changed:
            return Published(path, self._link(state), False)
        marks = mark_requests(plan, state, self._cells(state, feedback.workbook, plan.touched))
        structure, content = tab_requests(plan, state)
        client = self.api.sheets()
        what = self._what(spreadsheet_id, feedback.workbook)
        replies: list[dict[str, Any]] = []
        for batch in split_batches(structure + marks + content):
            answer = self.api.call(lambda batch=batch: client.batch_update(spreadsheet_id, {"requests": batch}),
                                   what, "spreadsheet", quota="sheets.write", write=True)
            replies.extend(answer.get("replies", []))
        self._remember(state, plan.grid, replies)
        return Published(path, self._link(state), True)

    def _remember(self, state: SpreadsheetState, grid: list[list[Any]], replies: list[dict[str, Any]]) -> None:
        added = next((reply["addSheet"]["properties"] for reply in replies if "addSheet" in reply), None)
        if added is not None:
            info = SheetInfo(added["sheetId"], added["title"], added["gridProperties"]["rowCount"],
                             added["gridProperties"]["columnCount"])
            state.sheets[info.title] = info
            state.feedback = info
        if state.feedback is not None:
            state.feedback.ours = True
        state.klaidos, state.adopt = grid, False

    def _link(self, state: SpreadsheetState) -> str:
        link = f"https://docs.google.com/spreadsheets/d/{state.spreadsheet_id}/edit"
        return link + (f"#gid={state.feedback.sheet_id}" if state.feedback else "")

"""Google Sheets: read a workbook's tabs in two requests, write its feedback in at most one.

Reading asks for the sheet titles once (``spreadsheets.get`` limited to sheet properties) and
then for every wanted tab plus the ``Klaidos`` tab in a single ``values:batchGet``, unformatted
and with dates as serial numbers, so nothing depends on the spreadsheet's locale. What was
read is kept for the run, so writing feedback needs no further reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from automations.backends.base import BackendError, Feedback, InputError, Published
from automations.backends.google_api import GoogleApi
from automations.backends.google_feedback import KLAIDOS, plan_feedback
from automations.backends.google_state import SheetInfo, SpreadsheetState
from automations.tables import RawSheet

READ_PARAMS = {"valueRenderOption": "UNFORMATTED_VALUE", "dateTimeRenderOption": "SERIAL_NUMBER",
               "majorDimension": "ROWS"}
META_FIELDS = "properties.title,sheets.properties(sheetId,title,index,gridProperties(rowCount,columnCount))"


def quote_title(title: str) -> str:
    """A sheet title as an A1 range: always quoted, inner quotes doubled (Sheets accepts both forms)."""
    return "'" + title.replace("'", "''") + "'"


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
                             self._what(spreadsheet_id, workbook), "spreadsheet")
        sheets: dict[str, SheetInfo] = {}
        for sheet in meta.get("sheets", []):
            props = sheet.get("properties", {})
            grid = props.get("gridProperties", {})
            sheets[props["title"]] = SheetInfo(int(props.get("sheetId", 0)), props["title"],
                                               int(grid.get("rowCount", 0)), int(grid.get("columnCount", 0)))
        title = meta.get("properties", {}).get("title", spreadsheet_id)
        return SpreadsheetState(spreadsheet_id, title, sheets)

    def _batch_get(self, state: SpreadsheetState, workbook: str, titles: list[str]) -> list[list[list[Any]]]:
        if not titles:
            return []
        client = self.api.sheets()
        ranges = [quote_title(title) for title in titles]
        answer = self.api.call(lambda: client.values_batch_get(state.spreadsheet_id, ranges, params=dict(READ_PARAMS)),
                               self._what(state.spreadsheet_id, workbook), "spreadsheet")
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
        found = {tab: state.find(tab) for tab in tabs}
        if every:
            named = {info.title for info in found.values() if info is not None}
            found.update({title: info for title, info in state.sheets.items()
                          if title not in named and title != KLAIDOS})
        titles = list(dict.fromkeys(info.title for info in found.values() if info is not None))
        klaidos = state.find(KLAIDOS)
        if klaidos is not None and klaidos.title not in titles:
            titles.append(klaidos.title)
        values = dict(zip(titles, self._batch_get(state, workbook, titles), strict=True))
        if klaidos is not None:
            state.klaidos = values[klaidos.title]
        self.states[spreadsheet_id] = state
        result: dict[str, RawSheet | InputError] = {}
        for tab, info in found.items():
            if info is None:
                result[tab] = InputError(f"Google skaičiuoklėje „{state.title}“ nėra lapo „{tab}“ (yra: "
                                         f"{', '.join(state.sheets)})", "nera_lapo")
            else:
                result[tab] = RawSheet(tab, [list(row) for row in values[info.title]])
        return result

    def _state_for_writing(self, workbook: str, spreadsheet_id: str) -> SpreadsheetState:
        state = self.states.get(spreadsheet_id)
        if state is None:  # feedback without a read in this run: learn the tabs and the old feedback
            state = self._metadata(spreadsheet_id, workbook)
            klaidos = state.find(KLAIDOS)
            if klaidos is not None:
                state.klaidos = self._batch_get(state, workbook, [klaidos.title])[0]
            self.states[spreadsheet_id] = state
        return state

    def write_feedback(self, feedback: Feedback, spreadsheet_id: str, unmarked_tabs: set[str]) -> Published:
        """Rewrite the Klaidos tab and the notes and highlights, all in one batchUpdate (none if unchanged)."""
        state = self._state_for_writing(feedback.workbook, spreadsheet_id)
        plan = plan_feedback(feedback, state, unmarked_tabs)
        link = f"https://docs.google.com/spreadsheets/d/{spreadsheet_id}/edit"
        if klaidos := state.find(KLAIDOS):
            link += f"#gid={klaidos.sheet_id}"
        path = f"{KLAIDOS}/{feedback.workbook}"
        if not plan.requests:
            return Published(path, link, False)
        client = self.api.sheets()
        self.api.call(lambda: client.batch_update(spreadsheet_id, {"requests": plan.requests}),
                      self._what(spreadsheet_id, feedback.workbook), "spreadsheet")
        state.klaidos = plan.grid
        if plan.added is not None:
            sheet_id, title, rows, columns = plan.added
            state.sheets[title] = SheetInfo(sheet_id, title, rows, columns)
        return Published(path, link, True)

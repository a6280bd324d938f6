"""What one read learned about a spreadsheet, shared by the reader and the feedback writer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class SheetInfo:
    sheet_id: int
    title: str
    rows: int
    columns: int


@dataclass
class SpreadsheetState:
    """What one read learned about a spreadsheet: its tabs and the feedback already in it."""

    spreadsheet_id: str
    title: str
    sheets: dict[str, SheetInfo]  # by exact title
    klaidos: list[list[Any]] | None = None  # the Klaidos tab's values; None when the tab is absent

    def find(self, tab: str) -> SheetInfo | None:
        """Titles match as the local backend matches them: spaces around and case do not matter."""
        wanted = tab.strip().casefold()
        return next((info for title, info in self.sheets.items() if title.strip().casefold() == wanted), None)

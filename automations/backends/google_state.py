"""What one read learned about a spreadsheet, shared by the reader and the feedback writer.

The feedback tab is recognised by the developer metadata the backend puts on it, not by its
title: people may rename it, and a tab they made themselves and called ``Klaidos`` is theirs.
A ``Klaidos`` tab without the metadata that still looks exactly like the backend's own (its
title row and header, written before the metadata existed) is adopted once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

KLAIDOS = "Klaidos"
FEEDBACK_KEY = "pavb-automations"  # developer metadata key on the tab the backend owns
FEEDBACK_VALUE = "klaidos"
OTHER_TITLE = "Klaidos (automatika)"  # when people already have a tab called Klaidos
CELL_HEADER = "Langelis"  # the feedback tab's column naming the marked cell
NO_PROBLEMS = "Klaidų nerasta: visi duomenys patikrinti ir tinka ataskaitoms."
OWN_TITLE_RE = re.compile(r"\((?P<workbook>[a-z_]+)\)(: ką reikia pataisyti)?$")


@dataclass
class SheetInfo:
    sheet_id: int
    title: str
    rows: int
    columns: int
    ours: bool = False  # carries the backend's developer metadata


@dataclass
class SpreadsheetState:
    """What one read learned about a spreadsheet: its tabs and the feedback already in it."""

    spreadsheet_id: str
    title: str
    sheets: dict[str, SheetInfo]  # by exact title
    klaidos: list[list[Any]] | None = None  # the feedback tab's values; None when there is no feedback tab
    feedback: SheetInfo | None = None  # the tab the backend owns (set once its values are known)
    adopt: bool = False  # a legacy feedback tab that still needs its developer metadata

    def find(self, tab: str) -> SheetInfo | None:
        """Titles match as the local backend matches them: spaces around and case do not matter."""
        wanted = tab.strip().casefold()
        return next((info for title, info in self.sheets.items() if title.strip().casefold() == wanted), None)

    def feedback_candidate(self) -> SheetInfo | None:
        """The tab that may hold our feedback: the one marked as ours, else one titled Klaidos (checked later)."""
        return next((info for info in self.sheets.values() if info.ours), None) or self.find(KLAIDOS)

    def settle_feedback(self, workbook: str, values: list[list[Any]] | None) -> None:
        """Decide, from the candidate's values, whether it is our feedback tab or a person's own."""
        candidate = self.feedback_candidate()
        if candidate is None:
            return
        if candidate.ours:
            self.feedback, self.klaidos = candidate, values or []
        elif looks_like_ours(values or [], workbook):
            self.feedback, self.klaidos, self.adopt = candidate, values or [], True

    def new_feedback_title(self) -> str:
        """``Klaidos``, or another free title when people already use that one."""
        title, number = KLAIDOS if self.find(KLAIDOS) is None else OTHER_TITLE, 1
        while self.find(title) is not None:
            number += 1
            title = f"{OTHER_TITLE[:-1]} {number})"
        return title


def looks_like_ours(values: list[list[Any]], workbook: str) -> bool:
    """A tab the backend wrote before it marked its tabs: its title row names the workbook, then our layout."""
    first = str(values[0][0]).strip() if values and values[0] else ""
    match = OWN_TITLE_RE.search(first)
    if not match or match.group("workbook") != workbook:
        return False
    texts = {str(cell).strip() for row in values[:6] for cell in row}
    return NO_PROBLEMS in texts or CELL_HEADER in texts

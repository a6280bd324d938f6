"""The territory libraries as e-mail recipients: their addresses, their form answers, the season.

A library is written to at the `El. paštas` of its `Bibliotekos` row and at the address the
form collected from whoever submitted its answer (`El. pašto adresas`). The statistics
season is the year being reported and its deadline: the statistics of year Y are due on
``figures.statistics_deadline`` (10 February by default) of year Y + 1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from automations.config import Settings
from automations.notify.inputs import Inputs
from automations.validation import load_references
from sheets_schema import REFERENCE_WORKBOOK
from sheets_schema.base import Severity
from sheets_schema.contacts import addresses
from sheets_schema.types import is_blank

ANSWERS_TAB = "Formos atsakymai 1"
LIBRARIES_TAB = "Bibliotekos"


@dataclass(frozen=True)
class Season:
    year: int  # the statistics being collected
    deadline: dt.date

    @property
    def opened(self) -> dt.date:
        """The day after the previous season's deadline: answers without a year typed after it belong here."""
        return _day_in(self.deadline.year - 1, self.deadline.month, self.deadline.day) + dt.timedelta(days=1)


@dataclass(frozen=True)
class Library:
    code: str
    name: str
    active: bool
    addresses: tuple[str, ...]  # the usable ones of its `El. paštas` cell


def _day_in(year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:  # 02-29 in a common year: the last day of February
        return dt.date(year, month, 28)


def statistics_season(settings: Settings, today: dt.date) -> Season:
    """This year's deadline and the year it collects (last year's statistics)."""
    month, day = settings.figures.deadline()
    deadline = _day_in(today.year, month, day)
    return Season(deadline.year - 1, deadline)


def form_readable(inputs: Inputs) -> bool:
    """Both the library list and the answers were read: otherwise nobody is told anything about them."""
    result = inputs.results.get(REFERENCE_WORKBOOK)
    if result is None or result.unreadable:
        return False
    return inputs.all_rows(REFERENCE_WORKBOOK, ANSWERS_TAB) is not None and \
        inputs.all_rows(REFERENCE_WORKBOOK, LIBRARIES_TAB) is not None


def libraries(inputs: Inputs) -> dict[str, Library]:
    """Every library of the valid `Bibliotekos` rows, by code."""
    frame = inputs.frame(REFERENCE_WORKBOOK, LIBRARIES_TAB)
    found: dict[str, Library] = {}
    for row in frame.to_dict("records"):
        active = True if is_blank(row.get("aktyvi")) else bool(row["aktyvi"])  # not filled in: still active
        found[row["kodas"]] = Library(row["kodas"], row["pavadinimas"], active, tuple(addresses(row.get("el_pastas"))))
    return found


@dataclass(frozen=True)
class Answer:
    """One form answer, valid or not, as far as it could be read."""

    row: int
    stamp: dt.datetime | None
    typed: str | None  # the `Biblioteka` cell
    code: str | None  # its library's code; None when the list does not know it
    year: int | None
    submitters: tuple[str, ...]  # the usable addresses of `El. pašto adresas`


def answers(inputs: Inputs) -> list[Answer]:
    """Every form answer (valid or not) with its library's code, in sheet order."""
    rows = inputs.all_rows(REFERENCE_WORKBOOK, ANSWERS_TAB)
    if rows is None or rows.empty:
        return []
    refs = load_references(inputs.results[REFERENCE_WORKBOOK])
    years = pd.to_numeric(rows["metai"], errors="coerce")
    found = []
    for row, stamp, typed, year, cell in zip(rows["_row"], rows["laiko_zyme"], rows["biblioteka"], years,
                                             rows["el_pastas"], strict=True):
        typed = typed if isinstance(typed, str) else None
        found.append(Answer(int(row), stamp if isinstance(stamp, dt.datetime) else None, typed,
                            refs.library_code(typed) if typed else None, int(year) if pd.notna(year) else None,
                            tuple(addresses(cell))))
    return found


def set_aside_rows(inputs: Inputs) -> set[int]:
    """Answer rows validation set aside without an error (an answer superseded by a later one)."""
    return {problem.row for problem in inputs.problems(REFERENCE_WORKBOOK)
            if problem.tab == ANSWERS_TAB and problem.row is not None and problem.drop_row
            and problem.severity is Severity.NOTE}


def latest_submitter(rows: Iterable[Answer]) -> list[str]:
    """The addresses the form collected with the most recent of ``rows`` that has one."""
    with_address = sorted((answer for answer in rows if answer.submitters),
                          key=lambda answer: (answer.stamp or dt.datetime.min, answer.row))
    return list(with_address[-1].submitters) if with_address else []


def recipients(*groups: list[str] | tuple[str, ...]) -> list[str]:
    """Addresses of several sources, each once (case-insensitively), in order."""
    seen: dict[str, str] = {}
    for group in groups:
        for address in group:
            seen.setdefault(address.casefold(), address)
    return list(seen.values())

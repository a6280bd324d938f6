"""What a profile says beside the numbers: the report's status, its open warnings and explanations, the contact.

A profile goes back to the library (and to the consultant preparing a visit), so it repeats what is
still open in the library's own answer for the year — the warnings nobody has explained yet, in the
feedback's words — and what the library wrote in `Paaiškinimas`. Only the library's institutional
address from `Bibliotekos` is printed; the form's collected address (a person's) never is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from automations.domain.figures import Figures
from automations.domain.territory import ANSWERS_TAB, WORKBOOK, accepted_answers, statistics
from sheets_schema.base import Problem, Severity
from sheets_schema.contacts import addresses
from sheets_schema.references import References

LIBRARIES_TAB = "Bibliotekos"


@dataclass
class Notes:
    """One library's status for the year, its open warnings and its explanation."""

    name: str
    municipality: str
    kind: str  # SVB / mokyklos biblioteka
    status: str  # territory.STATUS_*: nepateikta / yra klaidų / yra įspėjimų / tvarkinga
    contact: tuple[str, ...]  # the usable addresses of its `El. paštas`
    branches: int | None
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (column, what is wrong), in the feedback's words
    explanation: str | None = None


def detail(problem: Problem) -> tuple[str, str]:
    """A problem as a profile lists it: its column, and what is wrong without the sheet location."""
    return problem.column or "", problem.message.split(": ", 1)[-1]


def library_notes(figures: Figures, year: int) -> dict[str, Notes]:
    """Per active library code, what its profile says beside the numbers."""
    stats = statistics(figures, year)
    libraries = figures.frame(WORKBOOK, LIBRARIES_TAB)
    refs = References(libraries[["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"]])
    answers = accepted_answers(figures.frame(WORKBOOK, ANSWERS_TAB), refs)
    answers = answers.loc[answers["metai"] == year].sort_values(["laiko_zyme", "_row"]).groupby("kodas").tail(1)
    answer_rows = dict(zip(answers["kodas"], answers["_row"], strict=True))
    explained = dict(zip(answers["kodas"], answers["paaiskinimas"], strict=True))
    library_rows = dict(zip(libraries["kodas"], libraries["_row"], strict=True))
    result = figures.results.get(WORKBOOK)
    problems = [problem for problem in (result.problems if result is not None else [])
                if problem.severity is Severity.WARNING and problem.row is not None]
    identity = libraries.set_index("kodas")
    notes = {}
    for row in stats.libraries.itertuples():
        code = row.kodas
        branches = identity.at[code, "padaliniu_skaicius"] if code in identity.index else None
        notes[code] = Notes(row.pavadinimas, row.savivaldybe, row.tipas, row.busena,
                            tuple(addresses(identity.at[code, "el_pastas"])) if code in identity.index else (),
                            None if branches is None or pd.isna(branches) else int(branches),
                            _open(problems, answer_rows.get(code), library_rows.get(code)),
                            _text(explained.get(code)))
    return notes


def _open(problems: Iterable[Problem], answer_row: int | None, library_row: int | None) -> list[tuple[str, str]]:
    """The warnings on the library's answer for the year and on its `Bibliotekos` row."""
    return [detail(problem) for problem in problems
            if (problem.tab == ANSWERS_TAB and problem.row == answer_row)
            or (problem.tab == LIBRARIES_TAB and problem.row == library_row)]


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) or not str(value).strip() else " ".join(str(value).split())

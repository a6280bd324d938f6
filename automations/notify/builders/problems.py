"""To each territory library: the open problems of its own statistics answers, and „ačiū“ once fixed.

Only the library's own rows go into its message, never another library's. A row is open when
it belongs to the current statistics season and was not set aside for a later answer. An answer
naming a library that is not in `Bibliotekos` cannot be matched to a library, so it goes to the
address that submitted it, alone; it counts as corrected once that address has submitted a
later answer the list knows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from automations import lt
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy
from automations.notify.libraries import (
    ANSWERS_TAB,
    Answer,
    Season,
    answers,
    form_readable,
    latest_submitter,
    libraries,
    recipients,
    set_aside_rows,
    statistics_season,
)
from sheets_schema import REFERENCE_WORKBOOK
from sheets_schema.base import Problem, Severity, problem_detail

KIND = "klaidos"
KEY = f"{KIND}/{REFERENCE_WORKBOOK}"


def problem_letters(inputs: Inputs) -> Iterator[Letter | NoAddress]:
    """A problems letter per library and statistics year (and per unmatched submitter); „klaidų neliko“ after one.

    The key carries the year, so when a new season begins an old, never-fixed answer falls out
    of scope silently rather than earning a thank-you.
    """
    if not form_readable(inputs):
        return
    season = statistics_season(inputs.settings, inputs.today)
    rows = _open_rows(answers(inputs), season, set_aside_rows(inputs))
    by_row = _problems_by_row(inputs.problems(REFERENCE_WORKBOOK))
    by_code: dict[str, list[Answer]] = defaultdict(list)
    for row in rows:
        if row.code is not None:
            by_code[row.code].append(row)
    base = {"formos_nuoroda": inputs.notify.statistics_form_url, "terminas": season.deadline}
    for code, library in libraries(inputs).items():
        own = by_code.get(code, [])
        to = recipients(library.addresses, latest_submitter(own))
        for year in sorted({season.year, *(row.year or season.year for row in own)}):
            listed = _answers([row for row in own if (row.year or season.year) == year], by_row)
            context = {**base, "metai": year, "biblioteka": library.name}
            key = f"{KEY}/{year}/{code}"
            if not listed:  # sent only to an address told about problems under this key before
                yield from (Letter(KIND, key, address, "klaidu_neliko", context, Policy.FOLLOW_UP, library.name)
                            for address in to)
                continue
            if not to:
                yield NoAddress(KIND, library.name, "nėra bibliotekos el. pašto (lapas „Bibliotekos“) nei pateikėjo "
                                                    "adreso")
            context.update({"zinoma": True, **_counts(listed), "atsakymai": listed})
            yield from (Letter(KIND, key, address, "klaidos", context, Policy.ON_CHANGE, library.name)
                        for address in to)
    yield from _unmatched(rows, by_row, {**base, "metai": season.year})


def _unmatched(rows: list[Answer], by_row: dict[int, list[Problem]],
               base: dict[str, Any]) -> Iterator[Letter | NoAddress]:
    """Answers naming an unknown library: to whoever submitted them, each address its own rows only."""
    mine: dict[str, list[Answer]] = {address: [] for row in rows for address in row.submitters}
    for row in rows:
        if row.code is not None:
            continue
        if not row.submitters and by_row.get(row.row):
            yield NoAddress(KIND, f"atsakymas {row.row} eilutėje", "biblioteka nežinoma, pateikėjo adresas "
                                                                   "nesurinktas")
        for address in row.submitters:
            mine[address].append(row)
    for address in sorted(mine):
        listed = _answers(mine[address], by_row)
        key = f"{KEY}/{base['metai']}/?{address.casefold()}"
        if not listed:
            yield Letter(KIND, key, address, "klaidu_neliko", {**base, "biblioteka": None}, Policy.FOLLOW_UP,
                         "nežinoma biblioteka")
            continue
        typed = sorted({row.typed for row in mine[address] if row.typed})
        context = {**base, "biblioteka": ", ".join(typed), "zinoma": False, **_counts(listed), "atsakymai": listed}
        yield Letter(KIND, key, address, "klaidos", context, Policy.ON_CHANGE, "nežinoma biblioteka")


def _open_rows(rows: list[Answer], season: Season, set_aside: set[int]) -> list[Answer]:
    """This season's answers, without the ones set aside or replaced by a later answer."""
    current = [row for row in rows if row.row not in set_aside and (
        row.year >= season.year if row.year is not None
        else row.stamp is not None and row.stamp.date() >= season.opened)]
    complete = [row for row in current if row.code is not None and row.year is not None and row.stamp is not None]
    return [row for row in current if not _replaced(row, complete)]


def _replaced(row: Answer, complete: list[Answer]) -> bool:
    """An answer whose library or year could not be read is replaced by a later complete answer from the
    same library (or, when the library is unknown, from the same address)."""
    if (row.code is not None and row.year is not None) or row.stamp is None:
        return False
    later = [other for other in complete if other.stamp > row.stamp]
    if row.code is not None:
        return any(other.code == row.code for other in later)
    return any(set(row.submitters) & set(other.submitters) for other in later)


def _problems_by_row(problems: list[Problem]) -> dict[int, list[Problem]]:
    """Errors and warnings of the answers tab by row (notes need no action)."""
    found: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.tab == ANSWERS_TAB and problem.row is not None and problem.severity is not Severity.NOTE:
            found[problem.row].append(problem)
    return found


def _answers(rows: list[Answer], by_row: dict[int, list[Problem]]) -> list[dict[str, Any]]:
    """One entry per answer with problems: when it was submitted, its row, and each problem."""
    listed = []
    for row in sorted(rows, key=lambda row: row.row):
        problems = by_row.get(row.row, [])
        if not problems:
            continue
        listed.append({
            "eilute": row.row,
            "pateikta": row.stamp.strftime("%Y-%m-%d %H:%M") if row.stamp is not None else "",
            "metai": row.year,
            "problemos": [{"sunkumas": str(problem.severity), "klaida": problem.severity is Severity.ERROR,
                           "stulpelis": problem.column or "", "reiksme": shown_value(problem.value),
                           "kas_negerai": _sentence(problem_detail(problem))} for problem in problems],
        })
    return listed


def _counts(listed: list[dict[str, Any]]) -> dict[str, int]:
    problems = [problem for answer in listed for problem in answer["problemos"]]
    errors = sum(1 for problem in problems if problem["klaida"])
    return {"klaidu": errors, "ispejimu": len(problems) - errors}


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def shown_value(value: Any) -> str:
    """A cell's value as the library typed it, in Lithuanian notation; an empty cell says so."""
    if value is None or (isinstance(value, float) and value != value):
        return "(tuščia)"
    if isinstance(value, bool):
        return "Taip" if value else "Ne"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal):
        return lt.number(value, 0 if value == int(value) else 2)
    return str(value)

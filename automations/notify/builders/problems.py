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

import pandas as pd

from automations import lt
from automations.notify.inputs import Inputs
from automations.notify.letters import Letter, NoAddress, Policy
from automations.notify.libraries import (
    ANSWERS_TAB,
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
from sheets_schema.contacts import addresses

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
    rows["_metai"] = [int(year) if pd.notna(year) else season.year for year in pd.to_numeric(rows["metai"],
                                                                                               errors="coerce")]
    by_row = _problems_by_row(inputs.problems(REFERENCE_WORKBOOK))
    base = {"formos_nuoroda": inputs.notify.statistics_form_url, "terminas": season.deadline}
    for code, library in libraries(inputs).items():
        own = rows.loc[rows["kodas"] == code]
        to = recipients(library.addresses, latest_submitter(own))
        for year in sorted({season.year, *own["_metai"]}):
            listed = _answers(own.loc[own["_metai"] == year], by_row)
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


def _unmatched(rows: pd.DataFrame, by_row: dict[int, list[Problem]],
               base: dict[str, Any]) -> Iterator[Letter | NoAddress]:
    """Answers naming an unknown library: to whoever submitted them, each address its own rows only."""
    unknown = rows.loc[rows["kodas"].isna()]
    submitters = {address for cell in rows["el_pastas"] for address in addresses(cell)}
    grouped: dict[str, list[int]] = defaultdict(list)
    for row in unknown.to_dict("records"):
        found = addresses(row["el_pastas"])
        if not found and by_row.get(row["_row"]):
            yield NoAddress(KIND, f"atsakymas {row['_row']} eilutėje", "biblioteka nežinoma, pateikėjo adresas "
                                                                       "nesurinktas")
        for address in found:
            grouped[address].append(row["_row"])
    for address in sorted(submitters):
        own = unknown.loc[unknown["_row"].isin(grouped.get(address, []))]
        listed = _answers(own, by_row)
        key = f"{KEY}/{base['metai']}/?{address.casefold()}"
        if not listed:
            yield Letter(KIND, key, address, "klaidu_neliko", {**base, "biblioteka": None}, Policy.FOLLOW_UP,
                         "nežinoma biblioteka")
            continue
        typed = sorted({str(name) for name in own["biblioteka"] if isinstance(name, str)})
        context = {**base, "biblioteka": ", ".join(typed), "zinoma": False, **_counts(listed), "atsakymai": listed}
        yield Letter(KIND, key, address, "klaidos", context, Policy.ON_CHANGE, "nežinoma biblioteka")


def _open_rows(frame: pd.DataFrame, season: Season, set_aside: set[int]) -> pd.DataFrame:
    """This season's answers, without the ones replaced by a later answer."""
    if frame.empty:
        return frame.copy()
    years = pd.to_numeric(frame["metai"], errors="coerce")
    stamps = [stamp.date() if isinstance(stamp, dt.datetime) else None for stamp in frame["laiko_zyme"]]
    in_season = [year >= season.year if pd.notna(year) else (stamp is not None and stamp >= season.opened)
                 for year, stamp in zip(years, stamps, strict=True)]
    frame = frame.loc[pd.Series(in_season, index=frame.index, dtype=bool) & ~frame["_row"].isin(set_aside)]
    return frame.loc[[not _replaced(row, frame) for row in frame.to_dict("records")]].copy()


def _replaced(row: dict[str, Any], frame: pd.DataFrame) -> bool:
    """An answer whose library or year could not be read is replaced by a later complete answer from the
    same library (or, when the library is unknown, from the same address)."""
    if pd.notna(row["kodas"]) and pd.notna(row["metai"]):
        return False
    if not isinstance(row["laiko_zyme"], dt.datetime):
        return False
    later = frame.loc[frame["kodas"].notna() & frame["metai"].notna()]
    later = later.loc[[isinstance(s, dt.datetime) and s > row["laiko_zyme"] for s in later["laiko_zyme"]]]
    if pd.notna(row["kodas"]):
        return bool((later["kodas"] == row["kodas"]).any())
    mine = set(addresses(row["el_pastas"]))
    return bool(mine) and any(mine & set(addresses(cell)) for cell in later["el_pastas"])


def _problems_by_row(problems: list[Problem]) -> dict[int, list[Problem]]:
    """Errors and warnings of the answers tab by row (notes need no action)."""
    found: dict[int, list[Problem]] = defaultdict(list)
    for problem in problems:
        if problem.tab == ANSWERS_TAB and problem.row is not None and problem.severity is not Severity.NOTE:
            found[problem.row].append(problem)
    return found


def _answers(rows: pd.DataFrame, by_row: dict[int, list[Problem]]) -> list[dict[str, Any]]:
    """One entry per answer with problems: when it was submitted, its row, and each problem."""
    listed = []
    for row in rows.sort_values("_row").to_dict("records"):
        problems = by_row.get(int(row["_row"]), [])
        if not problems:
            continue
        stamp = row["laiko_zyme"]
        listed.append({
            "eilute": int(row["_row"]),
            "pateikta": stamp.strftime("%Y-%m-%d %H:%M") if isinstance(stamp, dt.datetime) else "",
            "metai": int(row["metai"]) if pd.notna(row["metai"]) else None,
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

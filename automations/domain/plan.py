"""The annual activity plan: goals → tasks → measures, and how far each measure has come.

Shared by the activity plan job and the annual report. A measure's actual value comes from
the figure registry whenever the registry can compute it: when `Automatinis rodiklis`
names a figure, or when the measure's indicator (or the measure itself) is worded as one
of a figure's names. A typed `Faktinė reikšmė` is then shown beside the computed value
only when the two differ (and the feedback says so); otherwise the typed value is used.
What is expected by a date: a measure due in quarter Q is expected in full once Q has
ended (nothing before); a measure for the whole year is expected in proportion to the
quarters completed (I – 25 %, II – 50 %, III – 75 %, IV – 100 %).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from automations import lt
from automations.domain.figures import Figures, Measured, Phrase, value_text
from automations.domain.registry import PLAN_NAMES, recognise
from automations.lt import QUARTERS
from sheets_schema.base import Problem, Severity, header, make_problem
from sheets_schema.types import given
from sheets_schema.veiklos_planas import Priemone

WHOLE_YEAR = "visi metai"
DONE = "įvykdyta"
ON_TRACK = "vykdoma pagal planą"
BEHIND = "atsilieka"
NO_DATA = "nėra duomenų"
AWAITING = "laukiama duomenų"
STATUSES = (DONE, ON_TRACK, BEHIND, NO_DATA, AWAITING)
STATUS_STYLES = {DONE: "gerai", ON_TRACK: "pastaba", BEHIND: "klaida", NO_DATA: "įspėjimas", AWAITING: "pastaba"}
MANUAL_SOURCE = "įrašyta ranka („Faktinė reikšmė“)"
_NUMBERING = re.compile(r"^\s*\d+(\.\d+)*\.?\s+")


def strip_number(text: Any) -> str:
    """``1.2. Plėtoti …`` → ``Plėtoti …``: the plan is renumbered from its order."""
    return _NUMBERING.sub("", str(text)).strip()


def completed_quarters(year: int, today: dt.date) -> int:
    if today.year > year:
        return 4
    if today.year < year:
        return 0
    return (today.month - 1) // 3


def expected_share(quarter: Any, year: int, today: dt.date) -> float:
    """Percent of the target expected to be reached by ``today``."""
    done = completed_quarters(year, today)
    if given(quarter) and quarter in QUARTERS:
        return 100.0 if done >= QUARTERS.index(quarter) + 1 else 0.0
    return done * 25.0


def numbered(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan in sheet order with ``nr_tikslo`` (1.), ``nr_uzdavinio`` (1.1.) and ``nr`` (1.1.1.)."""
    frame = plan.sort_values("_row").reset_index(drop=True)
    frame["tikslas_"] = frame["tikslas"].map(strip_number)
    frame["uzdavinys_"] = frame["uzdavinys"].map(strip_number)
    goals: dict[str, int] = {}
    tasks: dict[tuple[str, str], int] = {}
    counters: dict[tuple[str, str], int] = {}
    goal_no, task_no, measure_no = [], [], []
    for goal, task in zip(frame["tikslas_"], frame["uzdavinys_"], strict=True):
        g = goals.setdefault(goal.casefold(), len(goals) + 1)
        key = (goal.casefold(), task.casefold())
        t = tasks.setdefault(key, 1 + sum(1 for other in tasks if other[0] == key[0]))
        counters[key] = counters.get(key, 0) + 1
        goal_no.append(f"{g}.")
        task_no.append(f"{g}.{t}.")
        measure_no.append(f"{g}.{t}.{counters[key]}.")
    frame["nr_tikslo"], frame["nr_uzdavinio"], frame["nr"] = goal_no, task_no, measure_no
    order = frame["nr"].map(lambda n: tuple(int(p) for p in n.strip(".").split(".")))
    return frame.assign(_order=order).sort_values("_order").drop(columns="_order").reset_index(drop=True)


def figure_of(row: dict[str, Any]) -> str | None:
    """The registry figure a plan row measures: the one its `Automatinis rodiklis` names, or the one its
    indicator or measure is worded as."""
    if given(row.get("automatinis")):
        return PLAN_NAMES[row["automatinis"]]
    return recognise(row.get("rodiklis"), row.get("priemone"))


def baseline(row: dict[str, Any], figures: Figures, year: int) -> Measured | float | None:
    """Where a measure starts from: the typed `Bazinė reikšmė`, else for an automatic measure its figure one data
    year before the one the plan's actual value comes from (None when that year has no data)."""
    if given(row.get("bazine")):
        return float(row["bazine"])
    figure_id = figure_of(row)
    if figure_id is None:
        return None
    before = figures.get(figure_id, figures.get(figure_id, year).data_year - 1)
    return before if before.rows and not before.awaiting and given(before.value) else None


def baseline_cell(row: dict[str, Any], figures: Figures, year: int) -> Measured | str:
    """The baseline as the plan prints it: a figure (with its data year), a typed number, or "–"."""
    found = baseline(row, figures, year)
    return found if isinstance(found, Measured) else number_text(found, row.get("mato_vnt"))


def differs(typed: Any, measured: Measured) -> bool:
    """A typed actual value that does not agree with the computed one (to the cent)."""
    if not given(typed) or measured.awaiting or not given(measured.value):
        return False
    return round(float(typed), 2) != round(float(measured.value), 2)


def execution(plan: pd.DataFrame, figures: Figures, year: int) -> pd.DataFrame:
    """Each measure of ``year`` with actual value, % of target, expected share and status."""
    frame = numbered(plan.loc[pd.to_numeric(plan["metai"], errors="coerce") == year])
    today = figures.today
    columns: dict[str, list[Any]] = {name: [] for name in ("faktas", "saltinis", "eiluciu", "irasyta", "duomenu_metai",
                                                           "laukiama", "rodiklio_id")}
    for row in frame.to_dict("records"):
        figure_id = figure_of(row)
        if figure_id is None:
            typed = row["faktine"]
            values = (float(typed) if given(typed) else None, MANUAL_SOURCE, None, None, None, False, None)
        else:
            measured = figures.get(figure_id, year)
            value = None if measured.awaiting or not given(measured.value) else float(measured.value)
            values = (value, measured.source, measured.rows, row["faktine"] if differs(row["faktine"], measured)
                      else None, measured.data_year if measured.data_year != year else None, measured.awaiting,
                      figure_id)
        for name, value in zip(columns, values, strict=True):
            columns[name].append(value)
    for name, values in columns.items():  # object columns: a missing value stays None, never NaN
        frame[name] = pd.Series(values, index=frame.index, dtype=object)
    frame["planas"] = pd.to_numeric(frame["planine"], errors="coerce").astype(float)
    frame["proc"] = pd.Series([value / target * 100 if value is not None and target > 0 else None
                               for value, target in zip(frame["faktas"], frame["planas"], strict=True)],
                              index=frame.index, dtype=object)
    frame["tiketina"] = [expected_share(q, year, today) for q in frame["ketvirtis"]]
    frame["busena"] = [AWAITING if waiting else status(value, share, expected) for value, share, expected, waiting
                       in zip(frame["faktas"], frame["proc"], frame["tiketina"], frame["laukiama"], strict=True)]
    return frame


def status(actual: float | None, share: float | None, expected: float) -> str:
    if actual is None:
        return NO_DATA if expected > 0 else ON_TRACK
    if share is None:  # a target of 0: anything done is done
        return DONE
    if share >= 100:
        return DONE
    return ON_TRACK if share >= expected else BEHIND


NO_REASON = "priežastis nenurodyta (įrašykite ją veiklos plano stulpelyje „Pastabos“)"


def lagging_reasons(frame: pd.DataFrame) -> list[str]:
    """``1.3.3. Priemonė: why it lags`` for every lagging measure; an unexplained one says where to explain it."""
    return [f"{row.nr} {row.priemone}: {row.pastabos if given(row.pastabos) else NO_REASON}"
            for row in frame.itertuples() if row.busena == BEHIND]


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["busena"].value_counts()
    return {name: int(counts.get(name, 0)) for name in STATUSES}


def actual_cell(row: Any, figures: Figures, year: int) -> Phrase | str:
    """The actual value as plan documents print it: a computed one is the figure itself (with its data year
    when that is an earlier year's, "laukiama duomenų" while it cannot exist yet) and a differing typed value
    beside it."""
    if not given(row.rodiklio_id):
        return number_text(row.faktas, row.mato_vnt)
    typed = f" (įrašyta ranka: {number_text(row.irasyta, row.mato_vnt)})" if given(row.irasyta) else ""
    return Phrase("{value}{typed}", value=figures.get(row.rodiklio_id, year), typed=typed)


def figure_cells(frame: pd.DataFrame, figures: Figures, year: int) -> dict[tuple[int, str], Measured]:
    """The execution table's actual values that are figures (for the record of what a document shows)."""
    return {(position, "faktas"): figures.get(figure_id, year)
            for position, (figure_id, waiting) in enumerate(zip(frame["rodiklio_id"], frame["laukiama"], strict=True))
            if given(figure_id) and not waiting}


def number_text(value: Any, unit: Any = None) -> str:
    """Counts without decimals, money with two (the unit says which), other amounts as typed."""
    if not given(value):
        return "–"
    amount = float(value)
    if unit == "Eur":
        return lt.money(amount).removesuffix(" Eur")
    return lt.number(amount, 0 if amount == round(amount) else 2)


def grouped(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Goals with their tasks with their measures, for nested loops in a template."""
    goals: list[dict[str, Any]] = []
    for (goal_no, goal), by_goal in frame.groupby(["nr_tikslo", "tikslas_"], sort=False):
        tasks = [{"nr": task_no, "pavadinimas": task, "priemones": by_task}
                 for (task_no, task), by_task in by_goal.groupby(["nr_uzdavinio", "uzdavinys_"], sort=False)]
        goals.append({"nr": goal_no, "pavadinimas": goal, "uzdaviniai": tasks})
    return goals


def typed_value_problems(plan: pd.DataFrame, figures: Figures) -> list[Problem]:
    """A typed actual value that disagrees with the figure the suite computes: a warning on that cell."""
    problems = []
    for row in plan.to_dict("records"):
        year = pd.to_numeric(row["metai"], errors="coerce")
        figure_id = figure_of(row)
        if figure_id is None or not given(row["faktine"]) or pd.isna(year) or year > figures.today.year:
            continue
        measured = figures.get(figure_id, int(year))
        if differs(row["faktine"], measured):
            problems.append(make_problem(
                "veiklos_planas", Priemone.tab, int(row["_row"]), header(Priemone, "faktine"), row["faktine"],
                "automatinis_rodiklis",
                f"faktinė reikšmė apskaičiuojama iš duomenų („{measured.name}“, {measured.period.title}: "
                f"{value_text(measured.figure, measured.value)}); įrašyta {number_text(row['faktine'])} nesutampa. "
                "Ataskaitose rodoma apskaičiuota reikšmė, įrašytoji – šalia; ištrinkite ją arba patikrinkite duomenis",
                Severity.WARNING))
    return problems

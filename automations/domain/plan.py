"""The annual activity plan: goals → tasks → measures, and how far each measure has come.

Shared by the activity plan job and the annual report. A measure's actual value comes from
an automatic indicator when `Automatinis rodiklis` names one, else from `Faktinė reikšmė`.
What is expected by a date: a measure due in quarter Q is expected in full once Q has
ended (nothing before); a measure for the whole year is expected in proportion to the
quarters completed (I – 25 %, II – 50 %, III – 75 %, IV – 100 %).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from automations.domain.registry import Measured
from automations.lt import QUARTERS
from sheets_schema.types import given

WHOLE_YEAR = "visi metai"
DONE = "įvykdyta"
ON_TRACK = "vykdoma pagal planą"
BEHIND = "atsilieka"
NO_DATA = "nėra duomenų"
STATUSES = (DONE, ON_TRACK, BEHIND, NO_DATA)
STATUS_STYLES = {DONE: "gerai", ON_TRACK: "pastaba", BEHIND: "klaida", NO_DATA: "įspėjimas"}
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


def execution(plan: pd.DataFrame, figures: dict[str, Measured], year: int, today: dt.date) -> pd.DataFrame:
    """Each measure of ``year`` with actual value, % of target, expected share and status."""
    frame = numbered(plan.loc[pd.to_numeric(plan["metai"], errors="coerce") == year])
    actual, source, rows = [], [], []
    for auto, typed in zip(frame["automatinis"], frame["faktine"], strict=True):
        if given(auto) and auto in figures:
            measured = figures[auto]
            actual.append(None if measured.value is None else float(measured.value))
            source.append(measured.source)
            rows.append(measured.rows)
        else:
            actual.append(float(typed) if given(typed) else None)
            source.append(MANUAL_SOURCE)
            rows.append(None)
    # object columns: a missing value stays None (pandas would turn it into NaN in a float column)
    frame["faktas"] = pd.Series(actual, index=frame.index, dtype=object)
    frame["saltinis"], frame["eiluciu"] = source, pd.Series(rows, index=frame.index, dtype=object)
    frame["planas"] = pd.to_numeric(frame["planine"], errors="coerce").astype(float)
    frame["proc"] = pd.Series([value / target * 100 if value is not None and target > 0 else None
                               for value, target in zip(actual, frame["planas"], strict=True)],
                              index=frame.index, dtype=object)
    frame["tiketina"] = [expected_share(q, year, today) for q in frame["ketvirtis"]]
    frame["busena"] = [status(value, share, expected)
                       for value, share, expected in zip(actual, frame["proc"], frame["tiketina"], strict=True)]
    return frame


def status(actual: float | None, share: float | None, expected: float) -> str:
    if actual is None:
        return NO_DATA if expected > 0 else ON_TRACK
    if share is None:  # a target of 0: anything done is done
        return DONE
    if share >= 100:
        return DONE
    return ON_TRACK if share >= expected else BEHIND


def status_counts(frame: pd.DataFrame) -> dict[str, int]:
    counts = frame["busena"].value_counts()
    return {name: int(counts.get(name, 0)) for name in STATUSES}


def grouped(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Goals with their tasks with their measures, for nested loops in a template."""
    goals: list[dict[str, Any]] = []
    for (goal_no, goal), by_goal in frame.groupby(["nr_tikslo", "tikslas_"], sort=False):
        tasks = [{"nr": task_no, "pavadinimas": task, "priemones": by_task}
                 for (task_no, task), by_task in by_goal.groupby(["nr_uzdavinio", "uzdavinys_"], sort=False)]
        goals.append({"nr": goal_no, "pavadinimas": goal, "uzdaviniai": tasks})
    return goals

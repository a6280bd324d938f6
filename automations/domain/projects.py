"""Projects: which matter for a year, their budgets and their coming deadlines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from automations.domain.figures import Figure, Figures
from automations.domain.rows import overlapping, within
from automations.periods import Period
from automations.summary import grouped
from sheets_schema.projektai import BUDGET_TOLERANCE
from sheets_schema.types import given

OPEN_STATES = ("rengiama", "pateikta", "finansuota", "vykdoma")
RUNNING = ("vykdoma", "baigta")
DEADLINE_DAYS = 60
MATCH, MISMATCH, INCOMPLETE = "sutampa", "nesutampa", "trūksta sumų"


def relevant_projects(projects: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Projects that matter for the period: running in it, applied for in it, or still open."""
    running = set(overlapping(projects, "pradzia", "pabaiga", period).index)
    applied = set(within(projects, "paraiskos_data", period).index)
    still_open = set(projects.index[projects["busena"].isin(OPEN_STATES)])
    return projects.loc[sorted(running | applied | still_open)]


def budget_check(projects: pd.DataFrame) -> pd.DataFrame:
    """Grant + own contribution against the budget (within the schema's tolerance)."""
    frame = projects.copy()
    sums, gaps, states = [], [], []
    for budget, grant, own in zip(frame["biudzetas"], frame["skirta"], frame["nuosavas_inasas"], strict=True):
        complete = given(budget) and given(grant) and given(own)
        total = Decimal(grant) + Decimal(own) if complete else None
        gap = Decimal(budget) - total if complete else None
        sums.append(total)
        gaps.append(gap)
        states.append(INCOMPLETE if gap is None else MATCH if abs(gap) <= BUDGET_TOLERANCE else MISMATCH)
    frame["suma"], frame["skirtumas"], frame["biudzeto_busena"] = sums, gaps, states
    return frame


def deadlines(projects: pd.DataFrame, today: dt.date, days: int = DEADLINE_DAYS) -> pd.DataFrame:
    """Report deadlines and project ends from today to ``days`` ahead, soonest first."""
    last = today + dt.timedelta(days=days)
    rows = []
    for project in projects.loc[projects["busena"] != "nefinansuota"].to_dict("records"):
        for column, kind in (("ataskaitos_terminas", "ataskaitos terminas"), ("pabaiga", "projekto pabaiga")):
            day = project[column]
            if given(day) and today <= day <= last:
                rows.append({"data": day, "liko_dienu": (day - today).days, "kas": kind,
                             "pavadinimas": project["pavadinimas"], "finansuotojas": project["finansuotojas"],
                             "busena": project["busena"], "atsakingas": project["atsakingas"]})
    frame = pd.DataFrame(rows, columns=["data", "liko_dienu", "kas", "pavadinimas", "finansuotojas", "busena",
                                        "atsakingas"])
    return frame.sort_values(["data", "pavadinimas"], kind="stable").reset_index(drop=True)


def projects_by(projects: pd.DataFrame, column: str) -> pd.DataFrame:
    """Projects and their money per status or funder."""
    values = {"projektai": ("_row", "count"), "biudzetas": ("biudzetas", "sum"), "skirta": ("skirta", "sum"),
              "nuosavas_inasas": ("nuosavas_inasas", "sum")}
    frame = projects.copy()
    for money in ("biudzetas", "skirta", "nuosavas_inasas"):
        frame[money] = [float(v) if given(v) else 0.0 for v in frame[money]]
    return grouped(frame, column, values, order="desc")


def running_projects(figures: Figures, period: Period) -> pd.DataFrame:
    projects = figures.frame("projektai", "Projektai")
    return overlapping(projects.loc[projects["busena"].isin(RUNNING)], "pradzia", "pabaiga", period)


FIGURES = (
    Figure("projektai.vykdomi", "Vykdomi projektai",
           "projektai, kurių „Būsena“ – vykdoma arba baigta ir kurių Pradžia–Pabaiga apima bent vieną metų dieną "
           "iki ataskaitos dienos", "vnt.", "projektai", "Projektai", select=running_projects, date_column="pradzia",
           plan_names=("Vykdomi projektai",)),
)

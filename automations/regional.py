"""Methodological consultations and projects, counted once for their own jobs and the annual report."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd

from automations import lt
from automations.indicators import in_year, overlaps_year
from automations.summary import grouped
from automations.training import given
from sheets_schema.projektai import BUDGET_TOLERANCE
from sheets_schema.references import References

CONSULTATION_VALUES = {"konsultacijos": ("_row", "count"), "minutes": ("trukme", "sum"),
                       "bibliotekos": ("kodas", "nunique")}
OPEN_STATES = ("rengiama", "pateikta", "finansuota", "vykdoma")
DEADLINE_DAYS = 60
MATCH, MISMATCH, INCOMPLETE = "sutampa", "nesutampa", "trūksta sumų"


# ------------------------------------------------------------------ consultations
def consultations(frame: pd.DataFrame, refs: References, year: int) -> pd.DataFrame:
    """The year's consultations with the library's code, name, municipality and type."""
    rows = in_year(frame, "data", year).copy()
    rows["kodas"] = rows["biblioteka"].map(refs.library_code)
    identity = refs.libraries.set_index("kodas")
    for column in ("pavadinimas", "savivaldybe", "tipas"):
        rows[column] = [identity.at[code, column] if given(code) else None for code in rows["kodas"]]
    rows["menuo"] = rows["data"].map(lambda day: day.month)
    return rows.reset_index(drop=True)


def consultations_by(rows: pd.DataFrame, columns: str | list[str]) -> pd.DataFrame:
    """Consultations, minutes and libraries reached per category, most first."""
    return grouped(rows, columns, CONSULTATION_VALUES, order="desc")


def without_consultations(rows: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Active territory libraries that received no consultation in the year."""
    libraries = refs.libraries
    active = libraries.loc[libraries["aktyvi"].map(lambda v: v is None or pd.isna(v) or bool(v))]
    missing = active.loc[~active["kodas"].isin(set(rows["kodas"].dropna()))]
    return lt.sort_frame(missing, "savivaldybe", "pavadinimas")


# ------------------------------------------------------------------ projects
def relevant_projects(projects: pd.DataFrame, year: int) -> pd.DataFrame:
    """Projects that matter for the year: running in it, applied for in it, or still open."""
    running = set(overlaps_year(projects, "pradzia", "pabaiga", year).index)
    applied = set(in_year(projects, "paraiskos_data", year).index)
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

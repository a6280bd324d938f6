"""Methodological consultations: given, libraries reached, visits to libraries, and who got none.

A consultation counts when its date has come (up to the report date). A visit to a library
is a day a consultant was there (`Būdas` – vietoje bibliotekoje): several consultations on
the same day in the same library are one visit.
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.figures import Figure, Figures
from automations.domain.rows import within
from automations.periods import Period
from sheets_schema.references import References
from sheets_schema.teritorijos_statistika import COUNTY_LIBRARY
from sheets_schema.types import given

WORKBOOK = "konsultacijos"
ON_SITE = "vietoje bibliotekoje"


def consultations(frame: pd.DataFrame, refs: References, period: Period) -> pd.DataFrame:
    """The period's consultations with the library's code, name, municipality and type."""
    rows = within(frame, "data", period).copy()
    rows["kodas"] = rows["biblioteka"].map(refs.library_code)
    identity = refs.libraries.set_index("kodas")
    for column in ("pavadinimas", "savivaldybe", "tipas"):
        by_code = identity[column].to_dict()
        rows[column] = [by_code[code] if given(code) else None for code in rows["kodas"]]
    rows["menuo"] = rows["data"].map(lambda day: day.month)
    return rows.reset_index(drop=True)


def without_consultations(rows: pd.DataFrame, refs: References) -> pd.DataFrame:
    """Active territory libraries that received no consultation in the rows' period."""
    libraries = refs.libraries.loc[refs.libraries["tipas"] != COUNTY_LIBRARY]  # the Library consults, not is consulted
    active = libraries.loc[libraries["aktyvi"].map(lambda v: v is None or pd.isna(v) or bool(v))]
    missing = active.loc[~active["kodas"].isin(set(rows["kodas"].dropna()))]
    return lt.sort_frame(missing, "savivaldybe", "pavadinimas")


def given_consultations(figures: Figures, period: Period) -> pd.DataFrame:
    return consultations(figures.frame(WORKBOOK, "Konsultacijos"), figures.references(), period)


def libraries_without(figures: Figures, period: Period) -> pd.DataFrame:
    return without_consultations(given_consultations(figures, period), figures.references())


def _libraries(rows: pd.DataFrame) -> int:
    return int(rows["kodas"].nunique()) if len(rows) else 0


def _visits(rows: pd.DataFrame) -> int:
    return len({(day, code) for day, code in zip(rows["data"], rows["kodas"], strict=True)})


def _minutes(rows: pd.DataFrame) -> int:
    return int(pd.to_numeric(rows["trukme"], errors="coerce").fillna(0).sum()) if len(rows) else 0


GIVEN = "lapo „Konsultacijos“ eilutės, kurių data – metuose iki ataskaitos dienos"
FIGURES = (
    Figure("konsultacijos.suteiktos", "Suteiktos konsultacijos", GIVEN, "vnt.", WORKBOOK, "Konsultacijos",
           select=given_consultations, plan_names=("Suteiktos konsultacijos",)),
    Figure("konsultacijos.minutes", "Konsultacijų trukmė, min", f"„Trukmė, min“ suma; {GIVEN}", "min",
           WORKBOOK, "Konsultacijos", select=given_consultations, measure=_minutes),
    Figure("konsultacijos.bibliotekos", "Konsultuotos bibliotekos", f"skirtingos bibliotekos; {GIVEN}", "vnt.",
           WORKBOOK, "Konsultacijos", select=given_consultations, measure=_libraries,
           plan_names=("Konsultuotos bibliotekos",)),
    Figure("konsultacijos.isvykos", "Metodinės išvykos į bibliotekas",
           f"skirtingos dienos ir bibliotekos, kai „Būdas“ – {ON_SITE}; {GIVEN}", "vnt.", WORKBOOK, "Konsultacijos",
           select=given_consultations, where=lambda rows: rows["budas"] == ON_SITE, measure=_visits,
           plan_names=("Metodinės išvykos į bibliotekas",),
           aliases=("Metodinių išvykų skaičius", "Lankytis teritorijos bibliotekose", "Išvykų į bibliotekas skaičius")),
    Figure("konsultacijos.be_konsultaciju", "Bibliotekos be konsultacijų",
           "aktyvios teritorijos bibliotekos, metuose iki ataskaitos dienos negavusios nė vienos konsultacijos",
           "vnt.", "teritorijos_statistika", "Bibliotekos", select=libraries_without, date_column=None),
)

"""Methodological consultations, counted once for their own job and the annual report."""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.rows import in_year
from automations.summary import grouped
from sheets_schema.references import References
from sheets_schema.types import given

CONSULTATION_VALUES = {"konsultacijos": ("_row", "count"), "minutes": ("trukme", "sum"),
                       "bibliotekos": ("kodas", "nunique")}


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

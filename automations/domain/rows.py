"""Reading validated tabs for counting: the kept rows of a tab, rows of a year, sums.

Every subject module counts from these, so "the rows of 2026" means the same everywhere.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations.validation import WorkbookResult
from sheets_schema import workbook as workbook_spec
from sheets_schema.references import References
from sheets_schema.types import given

Results = dict[str, WorkbookResult]


def tab_frame(results: Results, workbook: str, tab: str) -> pd.DataFrame:
    """The kept rows of a tab; an empty frame with the right columns when it was not read."""
    if workbook in results:
        return results[workbook].frame(tab).copy()
    model = workbook_spec(workbook).tab(tab)
    return pd.DataFrame(columns=[*model.model_fields, "_row"])


def in_year(frame: pd.DataFrame, column: str, year: int) -> pd.DataFrame:
    return frame.loc[frame[column].map(lambda day: given(day) and day.year == year).astype(bool)]


def overlaps_year(frame: pd.DataFrame, start: str, end: str, year: int) -> pd.DataFrame:
    """Rows whose [start, end] touches the year (an open end runs on; no start is left out)."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    keep = [given(a) and a <= last and (not given(b) or b >= first) for a, b in zip(frame[start], frame[end],
                                                                                     strict=True)]
    return frame.loc[pd.Series(keep, index=frame.index, dtype=bool)]


def total(frame: pd.DataFrame, column: str) -> int:
    return int(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum())


def references(results: Results) -> References:
    libraries = tab_frame(results, "teritorijos_statistika", "Bibliotekos")
    return References(libraries[["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"]].copy())

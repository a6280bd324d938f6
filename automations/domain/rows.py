"""Reading validated tabs for counting: the kept rows of a tab, rows of a period, sums.

Every subject module counts from these, so "the rows of 2026 up to today" means the same
everywhere.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from automations.periods import Period
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


def within(frame: pd.DataFrame, column: str, period: Period) -> pd.DataFrame:
    """Rows whose date in ``column`` falls in the period (blank dates never do)."""
    return frame.loc[period.mask(frame[column])] if len(frame) else frame


def overlapping(frame: pd.DataFrame, start: str, end: str, period: Period) -> pd.DataFrame:
    """Rows whose [start, end] touches the period (an open end runs on; no start is left out)."""
    keep = [given(a) and a <= period.end and (not given(b) or b >= period.start)
            for a, b in zip(frame[start], frame[end], strict=True)]
    return frame.loc[pd.Series(keep, index=frame.index, dtype=bool)]


def total(frame: pd.DataFrame, column: str) -> int:
    """A count column summed; blanks and ``nežinoma`` add nothing."""
    return int(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum())


def summed(column: str):
    """A measure: the column's sum over the rows (blank adds nothing)."""
    return lambda rows: total(rows, column)


def money_total(values: pd.Series) -> Decimal:
    """Money summed as Decimal, to the cent, so every document adds the same cents."""
    return sum((Decimal(value) for value in values if given(value)), Decimal("0.00"))


def references(results: Results) -> References:
    libraries = tab_frame(results, "teritorijos_statistika", "Bibliotekos")
    return References(libraries[["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"]].copy())

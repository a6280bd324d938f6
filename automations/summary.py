"""Counting rows the way the department's reports do: by month, by category, with a totals row.

Values are named pandas aggregations, e.g. ``{"renginiai": ("_row", "count"),
"dalyviai": ("dalyviai", "sum")}``; summed columns are read as numbers first (blank = 0), and
every month of the period appears even when nothing happened in it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from automations import lt
from automations.periods import Period

Aggregations = dict[str, tuple[str, str]]
TOTAL = "Iš viso"


def _numeric(frame: pd.DataFrame, values: Aggregations) -> pd.DataFrame:
    frame = frame.copy()
    for column, how in values.values():
        if how == "sum":
            frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0)
    return frame


def _empty(columns: list[str], values: Aggregations) -> pd.DataFrame:
    return pd.DataFrame({**{column: pd.Series(dtype=object) for column in columns},
                         **{name: pd.Series(dtype="int64") for name in values}})


def grouped(frame: pd.DataFrame, by: str | list[str], values: Aggregations, order: str = "lt") -> pd.DataFrame:
    """One row per category; ``order`` "lt" sorts by the Lithuanian alphabet, "desc" by the first value."""
    keys = [by] if isinstance(by, str) else list(by)
    present = frame.dropna(subset=keys)
    if present.empty:
        return _empty(keys, values)
    table = _numeric(present, values).groupby(keys, sort=False).agg(**values).reset_index()
    if order == "desc":
        first = next(iter(values))
        table = table.assign(_key=table[keys[0]].map(lt.sort_key)).sort_values(
            [first, "_key"], ascending=[False, True], kind="stable").drop(columns="_key")
    else:
        table = table.sort_values(keys, key=lambda column: column.map(lt.sort_key), kind="stable")
    return table.reset_index(drop=True)


def by_month(frame: pd.DataFrame, date_column: str, period: Period, values: Aggregations) -> pd.DataFrame:
    """Every month of ``period`` with its values (0 when nothing happened); ``menuo`` names the month."""
    months = period.months()
    inside = frame.loc[period.mask(frame[date_column])] if len(frame) else frame
    inside = _numeric(inside, values).assign(
        _ym=[(day.year, day.month) for day in inside[date_column]] if len(inside) else [])
    table = inside.groupby("_ym").agg(**values) if len(inside) else pd.DataFrame(columns=list(values))
    table = table.reindex(months, fill_value=0)
    one_year = len({year for year, _ in months}) == 1
    labels = [lt.month_name(m) if one_year else lt.month_title(y, m) for y, m in months]
    table = table.reset_index(drop=True)
    table.insert(0, "menuo", labels)
    for name in values:
        table[name] = pd.to_numeric(table[name], errors="coerce").fillna(0)
        if (table[name] == table[name].round()).all():
            table[name] = table[name].astype("int64")
    return table


def with_total(frame: pd.DataFrame, label_column: str, label: str = TOTAL) -> pd.DataFrame:
    """The table with a last row summing every numeric column (other columns blank)."""
    total: dict[str, Any] = {column: None for column in frame.columns}
    for column in frame.columns:
        if column != label_column and pd.api.types.is_numeric_dtype(frame[column]):
            total[column] = frame[column].sum()
    total[label_column] = label
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def share(part: pd.Series, whole: pd.Series, scale: float = 100) -> pd.Series:
    """``part / whole`` (× 100 for percent) where ``whole`` is positive, else blank."""
    whole = pd.to_numeric(whole, errors="coerce")
    return (pd.to_numeric(part, errors="coerce") / whole.where(whole > 0) * scale).astype(float)

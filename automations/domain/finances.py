"""The year's income and expenditure, as typed into `veiklos_planas` / `Finansai` (no other sheet holds them).

Finances are reported for whole years: a row counts for the year in its `Metai` column,
whatever the report date, and the annual report prints them once they are typed.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from automations.domain.figures import Figure, Figures
from automations.domain.rows import money_total
from automations.periods import Period

WORKBOOK = "veiklos_planas"
TAB = "Finansai"
INCOME, EXPENDITURE = "pajamos", "išlaidos"


def of_year(figures: Figures, period: Period) -> pd.DataFrame:
    rows = figures.frame(WORKBOOK, TAB)
    return rows.loc[pd.to_numeric(rows["metai"], errors="coerce") == period.start.year]


def _sum(column: str):
    return lambda rows: money_total(rows[column]) if len(rows) else Decimal("0.00")


def _kind(kind: str):
    return lambda rows: rows["rusis"] == kind


YEAR_TEXT = "lapo „Finansai“ eilutės, kurių „Metai“ – ataskaitos metai"


def _finance(figure_id: str, name: str, kind: str, column: str, header: str) -> Figure:
    return Figure(figure_id, name, f"„{header}“ suma; „Rūšis“ – {kind}; {YEAR_TEXT}", "Eur", WORKBOOK, TAB,
                  select=of_year, where=_kind(kind), measure=_sum(column), kind="money", date_column=None)


FIGURES = (
    _finance("finansai.pajamos", "Gautos lėšos", INCOME, "faktas", "Faktas, Eur"),
    _finance("finansai.pajamos_planas", "Planuotos lėšos", INCOME, "planas", "Planas, Eur"),
    _finance("finansai.islaidos", "Panaudotos lėšos", EXPENDITURE, "faktas", "Faktas, Eur"),
    _finance("finansai.islaidos_planas", "Planuotos išlaidos", EXPENDITURE, "planas", "Planas, Eur"),
)

"""Visitors of the Library's buildings and of the J. Urbšys homestead in Zaosė.

Zaosė is a museum homestead far from the Library, so "library visitors" never include it:
the Library's visitors (its buildings) and Zaosė's are two named figures, and a third
names both together. A day with visitors is a date on which at least one visitor was
counted; days are counted per place and never summed across places (two buildings open on
the same day make one day of the Library).
"""

from __future__ import annotations

import pandas as pd

from automations.domain.figures import Figure, Figures, Table
from automations.domain.rows import summed, within
from automations.periods import Period
from automations.summary import share
from sheets_schema.renginiai import PLACES

WORKBOOK = "lankytojai"
ZAOSE = PLACES[3]
BUILDINGS = tuple(place for place in PLACES if place != ZAOSE)


def log_rows(figures: Figures, period: Period) -> pd.DataFrame:
    rows = within(figures.frame(WORKBOOK, "Lankytojai"), "data", period).copy()
    rows["_n"] = pd.to_numeric(rows["is_viso"], errors="coerce").fillna(0)
    return rows


def in_library(rows: pd.DataFrame) -> pd.Series:
    return rows["vieta"].isin(BUILDINGS)


def in_zaose(rows: pd.DataFrame) -> pd.Series:
    return rows["vieta"] == ZAOSE


def days_with_visitors(rows: pd.DataFrame) -> int:
    """Distinct dates with at least one visitor (never a sum over places)."""
    return int(rows.loc[rows["_n"] > 0, "data"].nunique()) if len(rows) else 0


LOGGED = "lankytojų žurnalo eilutės, kurių data – metuose iki ataskaitos dienos"
BUILDINGS_TEXT = f"vietos: {', '.join(BUILDINGS)}"


def _log(figure_id: str, name: str, definition: str, unit: str, **extra) -> Figure:
    return Figure(figure_id, name, definition, unit, WORKBOOK, "Lankytojai", **extra)


FIGURES = (
    _log("lankytojai.biblioteka", "Bibliotekos lankytojai (be Zaosės)",
         f"„Lankytojai iš viso“ suma; {BUILDINGS_TEXT}; {LOGGED}", "asm.", select=log_rows, where=in_library,
         measure=summed("is_viso"), plan_names=("Bibliotekos lankytojai (be Zaosės)",),
         aliases=("Bibliotekos lankytojų skaičius",)),
    _log("lankytojai.biblioteka_vaikai", "Bibliotekos lankytojai vaikai (be Zaosės)",
         f"„iš jų vaikai“ suma; {BUILDINGS_TEXT}; {LOGGED}", "asm.", select=log_rows, where=in_library,
         measure=summed("vaikai")),
    _log("lankytojai.biblioteka_renginiuose", "Bibliotekos lankytojai renginiuose (be Zaosės)",
         f"„iš jų renginiuose“ suma; {BUILDINGS_TEXT}; {LOGGED}", "asm.", select=log_rows, where=in_library,
         measure=summed("renginiuose")),
    _log("lankytojai.biblioteka_dienos", "Bibliotekos dienos su lankytojais",
         f"skirtingos datos, kai bent vienoje bibliotekos vietoje buvo lankytojų; {BUILDINGS_TEXT}; {LOGGED}", "d.",
         select=log_rows, where=in_library, measure=days_with_visitors),
    _log("lankytojai.zaose", "J. Urbšio sodybos (Zaosė) lankytojai",
         f"„Lankytojai iš viso“ suma; vieta – {ZAOSE}; {LOGGED}", "asm.", select=log_rows, where=in_zaose,
         measure=summed("is_viso"), plan_names=("Zaosės lankytojai",)),
    _log("lankytojai.zaose_vaikai", "J. Urbšio sodybos (Zaosė) lankytojai vaikai",
         f"„iš jų vaikai“ suma; vieta – {ZAOSE}; {LOGGED}", "asm.", select=log_rows, where=in_zaose,
         measure=summed("vaikai")),
    _log("lankytojai.zaose_renginiuose", "J. Urbšio sodybos (Zaosė) lankytojai renginiuose",
         f"„iš jų renginiuose“ suma; vieta – {ZAOSE}; {LOGGED}", "asm.", select=log_rows, where=in_zaose,
         measure=summed("renginiuose")),
    _log("lankytojai.zaose_dienos", "J. Urbšio sodybos (Zaosė) dienos su lankytojais",
         f"skirtingos datos, kai sodyboje buvo bent vienas lankytojas; vieta – {ZAOSE}; {LOGGED}", "d.",
         select=log_rows, where=in_zaose, measure=days_with_visitors, plan_names=("Zaosės dienos su lankytojais",)),
    _log("lankytojai.su_zaose", "Lankytojai su J. Urbšio sodyba (Zaosė)",
         f"„Lankytojai iš viso“ suma visose vietose (su Zaose); {LOGGED}", "asm.", select=log_rows,
         measure=summed("is_viso")),
)


LIBRARY = {"lankytojai": "lankytojai.biblioteka", "vaikai": "lankytojai.biblioteka_vaikai",
           "renginiuose": "lankytojai.biblioteka_renginiuose", "dienos": "lankytojai.biblioteka_dienos"}
ZAOSE_FIGURES = {"lankytojai": "lankytojai.zaose", "vaikai": "lankytojai.zaose_vaikai",
                 "renginiuose": "lankytojai.zaose_renginiuose", "dienos": "lankytojai.zaose_dienos"}
LIBRARY_TOTAL = "Biblioteka iš viso (be Zaosės)"


def average(frame: pd.DataFrame) -> pd.DataFrame:
    """Visitors per day with visitors."""
    return frame.assign(vidurkis=share(frame["lankytojai"], frame["dienos"], 1))


def places_table(figures: Figures, year: int) -> Table:
    """The Library's buildings and their total (the Library's figures), then Zaosė on its own line."""
    library = figures.breakdown(LIBRARY, year, "vieta", categories=BUILDINGS, total_label=LIBRARY_TOTAL)
    zaose = {column: figures.get(figure_id, year) for column, figure_id in ZAOSE_FIGURES.items()}
    row = len(library.frame)
    frame = pd.concat([library.frame, pd.DataFrame([{"vieta": ZAOSE, **{c: m.value for c, m in zaose.items()}}])],
                      ignore_index=True)
    for column in LIBRARY:
        frame[column] = frame[column].astype("Int64")
    cells = {**library.cells, **{(row, column): measured for column, measured in zaose.items()}}
    return Table(average(frame), cells)

"""Events and exhibitions counted for a period: by month, type, audience, form and organiser.

Only events that took place (`Būsena` = įvyko) are counted; planned events whose date has
passed are listed apart, because their status (and attendance) has not been filled in yet.
"""

from __future__ import annotations

import pandas as pd

from automations.periods import Period
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from automations.summary import Aggregations, by_month, grouped, share, with_total

EVENT_VALUES: Aggregations = {
    "renginiai": ("_row", "count"),
    "dalyviai": ("dalyviai", "sum"),
    "vaikai": ("vaikai", "sum"),
    "virtualus": ("virtualus_dalyviai", "sum"),
    "transliacijos": ("transliacija", "sum"),
}
VALUE_COLUMNS = [
    Column("renginiai", "Renginiai", "int", 11), Column("dalyviai", "Dalyviai", "int", 11),
    Column("vaikai", "Iš jų vaikai", "int", 11), Column("vidurkis", "Dalyvių vidurkis", "dec1", 11),
    Column("virtualus", "Virtualūs dalyviai", "int", 12), Column("transliacijos", "Tiesioginės transliacijos",
                                                                 "int", 13),
]
GROUPINGS = (  # sheet name, field, header
    ("Tipai", "tipas", "Renginio tipas"),
    ("Tikslinės grupės", "tiksline_grupe", "Tikslinė grupė"),
    ("Forma", "forma", "Forma"),
    ("Organizatoriai", "organizatorius", "Organizatorius"),
)


def held_events(events: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Events that took place in the period (the ones with attendance)."""
    held = events.loc[(events["busena"] == "įvyko") & period.mask(events["data"])].copy()
    held["transliacija"] = held["transliacija"].map(lambda value: 1 if value is True else 0)
    return held


def _with_average(table: pd.DataFrame, label: str) -> pd.DataFrame:
    table = with_total(table, label)
    table["vidurkis"] = share(table["dalyviai"], table["renginiai"], 1)
    return table


def monthly_events(held: pd.DataFrame, period: Period) -> pd.DataFrame:
    return _with_average(by_month(held, "data", period, EVENT_VALUES), "menuo")


def events_by(held: pd.DataFrame, field: str) -> pd.DataFrame:
    return _with_average(grouped(held, field, EVENT_VALUES, order="desc"), field)


def broadcasts(held: pd.DataFrame) -> pd.DataFrame:
    live = held.loc[held["transliacija"] == 1].sort_values(["data", "pradzia"])
    table = live[["data", "pavadinimas", "vieta", "dalyviai", "virtualus_dalyviai"]].reset_index(drop=True)
    for column in ("dalyviai", "virtualus_dalyviai"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    return with_total(table, "pavadinimas")


def exhibitions_in(exhibitions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Exhibitions open on at least one day of the period, with their visitors."""
    chosen = exhibitions.loc[(exhibitions["nuo"] <= period.end) & (exhibitions["iki"] >= period.start)]
    columns = ["pavadinimas", "tipas", "autorius", "vieta", "nuo", "iki", "eksponatu_sk", "lankytojai"]
    table = chosen.sort_values(["nuo", "pavadinimas"])[columns].reset_index(drop=True)
    for column in ("eksponatu_sk", "lankytojai"):
        table[column] = pd.to_numeric(table[column], errors="coerce").astype("Int64")
    return with_total(table, "pavadinimas")


def overdue(events: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Planned events whose day has passed: their status and attendance still need filling in."""
    late = events.loc[(events["busena"] == "planuojamas") & period.mask(events["data"])]
    return late.sort_values(["data", "pradzia"])[["_row", "data", "pavadinimas", "organizatorius", "atsakingas"]]


def summary_rows(held: pd.DataFrame, shows: pd.DataFrame, late: pd.DataFrame) -> pd.DataFrame:
    number = lambda column: int(pd.to_numeric(held[column], errors="coerce").fillna(0).sum())  # noqa: E731
    rows = [
        ("Įvykę renginiai", len(held)), ("Renginių dalyviai", number("dalyviai")), ("Iš jų vaikai", number("vaikai")),
        ("Virtualūs dalyviai", number("virtualus_dalyviai")),
        ("Tiesioginės transliacijos", int(held["transliacija"].sum())),
        ("Kontaktiniai renginiai", int((held["forma"] == "kontaktinis").sum())),
        ("Nuotoliniai renginiai", int((held["forma"] == "nuotolinis").sum())),
        ("Mišrūs renginiai", int((held["forma"] == "mišrus").sum())),
        ("Parodos", len(shows) - 1), ("Parodų lankytojai", int(shows["lankytojai"].iloc[-1] or 0)),
        ("Praėję renginiai be būsenos „įvyko“", len(late)),
    ]
    return pd.DataFrame(rows, columns=["rodiklis", "reiksme"])


def statistics_workbook(events: pd.DataFrame, exhibitions: pd.DataFrame, period: Period) -> bytes:
    held = held_events(events, period)
    shows, late = exhibitions_in(exhibitions, period), overdue(events, period)
    months = monthly_events(held, period)
    sheets = [
        Sheet("Santrauka", summary_rows(held, shows, late),
              [Column("rodiklis", "Rodiklis", width=40), Column("reiksme", "Reikšmė", "int", 12)],
              title=f"Renginiai ir parodos, {period.title}", autofilter=False,
              notes=["Skaičiuojami renginiai, kurių būsena „įvyko“; atšaukti ir planuojami – ne."]),
        Sheet("Mėnesiai", months, [Column("menuo", "Mėnuo", width=16), *VALUE_COLUMNS],
              title=f"Renginiai pagal mėnesius, {period.title}", bold_rows={len(months) - 1},
              charts=[Chart("column", "Renginių dalyviai pagal mėnesius", "menuo", ["dalyviai", "virtualus"],
                            "Dalyviai")]),
    ]
    for name, field, header in GROUPINGS:
        table = events_by(held, field)
        sheets.append(Sheet(name, table, [Column(field, header, width=30), *VALUE_COLUMNS],
                            title=f"Renginiai: {header.lower()}, {period.title}", bold_rows={len(table) - 1}))
    live = broadcasts(held)
    sheets.append(Sheet("Transliacijos", live, [
        Column("data", "Data", "date", 12), Column("pavadinimas", "Renginys", width=50), Column("vieta",
                                                                                                "Vieta", width=24),
        Column("dalyviai", "Dalyviai vietoje", "int", 11), Column("virtualus_dalyviai", "Virtuali auditorija",
                                                                  "int", 12)],
        title=f"Tiesioginės transliacijos, {period.title}", bold_rows={len(live) - 1}))
    sheets.append(Sheet("Parodos", shows, [
        Column("pavadinimas", "Paroda", width=44), Column("tipas", "Tipas", width=14),
        Column("autorius", "Autorius / kuratorius", width=24), Column("vieta", "Vieta", width=24),
        Column("nuo", "Nuo", "date", 12), Column("iki", "Iki", "date", 12), Column("eksponatu_sk", "Eksponatai",
                                                                                   "int", 10),
        Column("lankytojai", "Lankytojai", "int", 11)],
        title=f"Parodos, {period.title}", bold_rows={len(shows) - 1}))
    sheets.append(Sheet("Neatnaujinta", late.reset_index(drop=True), [
        Column("_row", "Eilutė", "int", 8), Column("data", "Data", "date", 12), Column("pavadinimas",
                                                                                       "Renginys", width=50),
        Column("organizatorius", "Organizatorius", width=24), Column("atsakingas", "Atsakingas", width=20)],
        title="Praėję renginiai, kurių būsena vis dar „planuojamas“",
        notes=["Įrašykite būseną „įvyko“ ir dalyvių skaičių arba „atšauktas“."]))
    return workbook_bytes(sheets, title=f"Renginių statistika {period.tag}")

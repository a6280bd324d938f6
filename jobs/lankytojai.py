"""`lankytojai`: visitors of the Library's places, excursions and delegations, and the Zaosė homestead.

Reads ``lankytojai`` (the daily visitor log; parts ≤ totals, repeated days and unusual counts
are checked by the schema) and the `Ekskursijos` tab of ``renginiai``. Writes one workbook
for the year so far: visitors per place and month (the Library's buildings together, the
J. Urbšys homestead in Zaosė apart), children and event visitors, excursions by group type,
foreign delegations by country, the busiest days, and a chart of visitors by month.
"""

from __future__ import annotations

import pandas as pd
from babel import Locale

from automations import lt
from automations.job import Job, JobContext
from automations.periods import Period, year_so_far
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from automations.summary import Aggregations, by_month, grouped, share, with_total
from sheets_schema.renginiai import PLACES

VISITORS = "lankytojai"
EVENTS = "renginiai"
SUBJECT = "Lankytojai"
ZAOSE = "J. Urbšio sodyba (Zaosė)"
LIBRARY = tuple(place for place in PLACES if place != ZAOSE)
LIBRARY_TOTAL = "Biblioteka iš viso (be Zaosės)"
DELEGATION = "užsienio delegacija"
BUSIEST = 10  # days per place
VALUES: Aggregations = {
    "lankytojai": ("is_viso", "sum"), "vaikai": ("vaikai", "sum"), "renginiuose": ("renginiuose", "sum"),
    "ekskursijos": ("ekskursijos", "sum"), "ekskursiju_dalyviai": ("ekskursiju_dalyviai", "sum"),
    "darbo_dienos": ("_open", "sum"),
}
VALUE_COLUMNS = [
    Column("lankytojai", "Lankytojai", "int", 11), Column("vaikai", "Iš jų vaikai", "int", 11),
    Column("renginiuose", "Iš jų renginiuose", "int", 11), Column("ekskursijos", "Ekskursijos", "int", 11),
    Column("ekskursiju_dalyviai", "Ekskursijų dalyviai", "int", 11),
    Column("darbo_dienos", "Dienos su lankytojais", "int", 11), Column("vidurkis", "Vidutiniškai per dieną",
                                                                       "dec1", 12),
]


def _log(log: pd.DataFrame, period: Period) -> pd.DataFrame:
    inside = log.loc[period.mask(log["data"])].copy()
    inside["_open"] = (pd.to_numeric(inside["is_viso"], errors="coerce").fillna(0) > 0).astype(int)
    return inside


def _average(table: pd.DataFrame) -> pd.DataFrame:
    table["vidurkis"] = share(table["lankytojai"], table["darbo_dienos"], 1)
    return table


def places_table(log: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The Library's buildings, their total, then Zaosė on its own line (never in the total)."""
    inside = _log(log, period)
    table = grouped(inside, "vieta", VALUES).set_index("vieta").reindex(list(PLACES), fill_value=0)
    table = table.rename_axis("vieta").reset_index()
    library = with_total(table.loc[table["vieta"].isin(LIBRARY)], "vieta", LIBRARY_TOTAL)
    return _average(pd.concat([library, table.loc[table["vieta"] == ZAOSE]], ignore_index=True))


def monthly_by_place(log: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Visitors per month: one column per place, the Library's total, and Zaosė last."""
    inside = _log(log, period)
    table = by_month(inside, "data", period, {"_": ("_row", "count")})[["menuo"]]
    for number, place in enumerate(PLACES):
        table[f"vieta{number}"] = by_month(inside.loc[inside["vieta"] == place], "data", period,
                                           {"n": ("is_viso", "sum")})["n"]
    table["biblioteka"] = table[[f"vieta{i}" for i, place in enumerate(PLACES) if place != ZAOSE]].sum(axis=1)
    return with_total(table, "menuo")


def month_place_rows(log: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Every month × place with all the figures (the monthly statistics)."""
    inside = _log(log, period)
    frames = [_average(by_month(inside.loc[inside["vieta"] == place], "data", period, VALUES).assign(vieta=place))
              for place in PLACES]
    return pd.concat(frames, ignore_index=True)


def excursions_by_type(excursions: pd.DataFrame, period: Period) -> pd.DataFrame:
    inside = excursions.loc[period.mask(excursions["data"])]
    table = grouped(inside, "grupes_tipas", {"grupes": ("_row", "count"), "dalyviai": ("dalyviai", "sum")}, "desc")
    return with_total(table, "grupes_tipas")


def delegations(excursions: pd.DataFrame, period: Period) -> pd.DataFrame:
    """Foreign delegations by country (Lithuanian country names)."""
    inside = excursions.loc[period.mask(excursions["data"]) & (excursions["grupes_tipas"] == DELEGATION)]
    inside = inside.assign(salis=inside["salis"].fillna("LT"))
    table = grouped(inside, "salis", {"delegacijos": ("_row", "count"), "dalyviai": ("dalyviai", "sum")}, "desc")
    names = Locale("lt").territories
    table.insert(1, "salies_pavadinimas", [names.get(code, code) for code in table["salis"]])
    return with_total(table, "salis")


def busiest_days(log: pd.DataFrame, period: Period, count: int = BUSIEST) -> pd.DataFrame:
    inside = _log(log, period)
    inside = inside.assign(_n=pd.to_numeric(inside["is_viso"], errors="coerce"))
    rows = []
    for place in PLACES:
        days = inside.loc[(inside["vieta"] == place) & (inside["_n"] > 0)].sort_values(["_n", "data"],
                                                                                         ascending=[False, True])
        for rank, row in enumerate(days.head(count).to_dict("records"), start=1):
            rows.append({"vieta": place, "vieta_nr": rank, "data": row["data"],
                         "savaites_diena": lt.weekday(row["data"]),
                         "lankytojai": int(row["_n"]), "renginiuose": row["renginiuose"]})
    return pd.DataFrame(rows, columns=["vieta", "vieta_nr", "data", "savaites_diena", "lankytojai", "renginiuose"])


def visitors_workbook(log: pd.DataFrame, excursions: pd.DataFrame, period: Period) -> bytes:
    places = places_table(log, period)
    months = monthly_by_place(log, period)
    place_columns = [Column(f"vieta{i}", place, "int", 14) for i, place in enumerate(PLACES)]
    library_columns = [c for c in place_columns if c.header != ZAOSE]
    detail = month_place_rows(log, period)
    types, countries = excursions_by_type(excursions, period), delegations(excursions, period)
    sheets = [
        Sheet("Vietos", places, [Column("vieta", "Vieta", width=36), *VALUE_COLUMNS],
              title=f"Lankytojai pagal vietas, {period.title}", bold_rows={len(places) - 2},
              notes=["J. Urbšio sodyba (Zaosė) skaičiuojama atskirai ir į bibliotekos sumą neįtraukiama."]),
        Sheet("Mėnesiai", months, [Column("menuo", "Mėnuo", width=14), *library_columns,
                                   Column("biblioteka", LIBRARY_TOTAL, "int", 16),
                                   *[c for c in place_columns if c.header == ZAOSE]],
              title=f"Lankytojai pagal mėnesius, {period.title}", bold_rows={len(months) - 1},
              charts=[Chart("column", "Lankytojai pagal mėnesius ir vietas", "menuo",
                            [c.key for c in place_columns], "Lankytojai", anchor="H3")]),
        Sheet("Mėnesiai ir vietos", detail, [Column("menuo", "Mėnuo", width=14), Column("vieta", "Vieta", width=36),
                                             *VALUE_COLUMNS], title=f"Mėnesio statistika pagal vietas, {period.title}"),
        Sheet("Zaosė", detail.loc[detail["vieta"] == ZAOSE].reset_index(drop=True),
              [Column("menuo", "Mėnuo", width=14), *VALUE_COLUMNS], title=f"{ZAOSE}: lankytojai, {period.title}",
              charts=[Chart("column", "Zaosės lankytojai pagal mėnesius", "menuo", ["lankytojai"], "Lankytojai")]),
        Sheet("Ekskursijos", types, [Column("grupes_tipas", "Grupės tipas", width=24),
                                     Column("grupes", "Ekskursijos", "int", 11), Column("dalyviai", "Dalyviai",
                                                                                        "int", 11)],
              title=f"Ekskursijos pagal grupių tipus, {period.title}", bold_rows={len(types) - 1}),
        Sheet("Delegacijos", countries, [Column("salis", "Šalies kodas", width=12),
                                         Column("salies_pavadinimas", "Šalis", width=22),
                                         Column("delegacijos", "Delegacijos", "int", 11),
                                         Column("dalyviai", "Dalyviai", "int", 11)],
              title=f"Užsienio delegacijos pagal šalis, {period.title}", bold_rows={len(countries) - 1}),
        Sheet("Judriausios dienos", busiest_days(log, period), [
            Column("vieta", "Vieta", width=36), Column("vieta_nr", "Eilės nr.", "int", 8),
            Column("data", "Data", "date", 12), Column("savaites_diena", "Savaitės diena", width=15),
            Column("lankytojai", "Lankytojai", "int", 11), Column("renginiuose", "Iš jų renginiuose", "int", 11)],
              title=f"Judriausios dienos ({BUSIEST} kiekvienoje vietoje), {period.title}"),
    ]
    return workbook_bytes(sheets, title=f"Lankytojų statistika {period.tag}")


def produce(ctx: JobContext) -> None:
    period = year_so_far(ctx.year, ctx.today)
    workbook = visitors_workbook(ctx.frame(VISITORS, "Lankytojai"), ctx.frame(EVENTS, "Ekskursijos"), period)
    ctx.output(SUBJECT, f"Lankytojų statistika {ctx.year}.xlsx", workbook, ctx.year)


JOB = Job(
    name="lankytojai",
    description="Visitors: per place and month (Zaosė apart), excursions, delegations, busiest days, chart",
    workbooks=(VISITORS, EVENTS),
    produce=produce,
    order=25,
)

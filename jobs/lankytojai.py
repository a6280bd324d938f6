"""`lankytojai`: visitors of the Library's places, excursions and delegations, and the Zaosė homestead.

Reads ``lankytojai`` (the daily visitor log; parts ≤ totals, repeated days and unusual counts
are checked by the schema) and the `Ekskursijos` tab of ``renginiai``. Writes one workbook
for the year so far, every total a figure of the registry: visitors per place and month
(the Library's buildings together, the J. Urbšys homestead in Zaosė apart and never in the
Library's total), children and event visitors, days with visitors, excursions by place and
group type, foreign delegations by country, the busiest days, and a chart by month.
"""

from __future__ import annotations

import pandas as pd
from babel import Locale

from automations import lt
from automations.domain.documents import figure_sheet
from automations.domain.figures import Figures, Table
from automations.domain.visitors import BUILDINGS, ZAOSE, ZAOSE_FIGURES, average, places_table
from automations.job import Job, JobContext
from automations.render.xlsx import Chart, Column, Sheet
from sheets_schema.renginiai import PLACES

VISITORS = "lankytojai"
EVENTS = "renginiai"
SUBJECT = "Lankytojai"
BUSIEST = 10  # days per place
SUMMARY = ("lankytojai.biblioteka", "lankytojai.biblioteka_dienos", "lankytojai.zaose", "lankytojai.zaose_dienos",
           "lankytojai.su_zaose", "ekskursijos.ivykusios", "ekskursijos.dalyviai", "ekskursijos.delegacijos",
           "ekskursijos.suplanuotos")
VALUE_COLUMNS = [
    Column("lankytojai", "Lankytojai", "int", 11), Column("vaikai", "Iš jų vaikai", "int", 11),
    Column("renginiuose", "Iš jų renginiuose", "int", 11), Column("dienos", "Dienos su lankytojais", "int", 11),
    Column("vidurkis", "Vidutiniškai per dieną su lankytojais", "dec1", 13)]
TOURS = {"grupes": "ekskursijos.ivykusios", "dalyviai": "ekskursijos.dalyviai"}
TOUR_COLUMNS = [Column("grupes", "Ekskursijos", "int", 11), Column("dalyviai", "Dalyviai", "int", 11)]


def monthly_by_place(figures: Figures, year: int) -> pd.DataFrame:
    """Visitors per month (months after the report date blank): one column per place, the Library's total."""
    period = figures.period(year)
    rows = figures.rows("lankytojai.su_zaose", year)
    months = pd.Series([day.month for day in rows["data"]], index=rows.index, dtype="int64")
    table = pd.DataFrame({"menuo": [lt.month_name(month) for month in range(1, 13)]})
    started = [pd.Timestamp(year, month, 1).date() <= period.end for month in range(1, 13)]
    for number, place in enumerate(PLACES):
        sums = rows.loc[rows["vieta"] == place].groupby(months)["_n"].sum()
        table[f"vieta{number}"] = pd.array([int(sums.get(month, 0)) if open_ else None
                                            for month, open_ in zip(range(1, 13), started, strict=True)],
                                           dtype="Int64")
    table["biblioteka"] = table[[f"vieta{i}" for i, place in enumerate(PLACES) if place != ZAOSE]].sum(
        axis=1, min_count=1).astype("Int64")
    return table


def delegations(figures: Figures, year: int) -> Table:
    """Foreign delegations by country (Lithuanian country names)."""
    table = figures.breakdown({"delegacijos": "ekskursijos.delegacijos", "dalyviai": "ekskursijos.delegaciju_dalyviai"},
                              year, "salis", order="desc")
    names = Locale("lt").territories
    table.frame.insert(1, "salies_pavadinimas", [names.get(code, "") if code != "Iš viso" else ""
                                                  for code in table.frame["salis"]])
    return table


def busiest_days(figures: Figures, year: int, count: int = BUSIEST) -> pd.DataFrame:
    rows = figures.rows("lankytojai.su_zaose", year)
    found = []
    for place in PLACES:
        days = rows.loc[(rows["vieta"] == place) & (rows["_n"] > 0)].sort_values(["_n", "data"],
                                                                                 ascending=[False, True])
        for rank, row in enumerate(days.head(count).to_dict("records"), start=1):
            found.append({"vieta": place, "vieta_nr": rank, "data": row["data"],
                          "savaites_diena": lt.weekday(row["data"]), "lankytojai": int(row["_n"]),
                          "renginiuose": row["renginiuose"]})
    return pd.DataFrame(found, columns=["vieta", "vieta_nr", "data", "savaites_diena", "lankytojai", "renginiuose"])


def visitors_sheets(figures: Figures, year: int) -> list[Sheet]:
    period = figures.period(year)
    places = places_table(figures, year)
    months = monthly_by_place(figures, year)
    place_columns = [Column(f"vieta{i}", place, "int", 14) for i, place in enumerate(PLACES)]
    by_place = figures.breakdown(TOURS, year, "vieta", categories=PLACES)
    by_type = figures.breakdown(TOURS, year, "grupes_tipas", order="desc")
    countries = delegations(figures, year)
    zaose_months = figures.by_month(ZAOSE_FIGURES, year)
    return [
        figure_sheet("Santrauka", [figures.get(figure_id, year) for figure_id in SUMMARY],
                     f"Lankytojai ir ekskursijos, {period.title}",
                     ["Bibliotekos lankytojai – jos pastatuose; J. Urbšio sodyba (Zaosė) skaičiuojama atskirai. Diena "
                      "su lankytojais – data, kai buvo bent vienas lankytojas (dienos tarp vietų nesumuojamos)."]),
        Sheet("Vietos", places.frame, [Column("vieta", "Vieta", width=36), *VALUE_COLUMNS],
              title=f"Lankytojai pagal vietas, {period.title}", bold_rows={len(BUILDINGS)}, figures=places.cells,
              notes=["J. Urbšio sodyba (Zaosė) skaičiuojama atskirai ir į bibliotekos sumą neįtraukiama."]),
        Sheet("Mėnesiai", months, [Column("menuo", "Mėnuo", width=14),
                                   *[c for c in place_columns if c.header != ZAOSE],
                                   Column("biblioteka", "Biblioteka iš viso (be Zaosės)", "int", 16),
                                   *[c for c in place_columns if c.header == ZAOSE]],
              title=f"Lankytojai pagal mėnesius, {period.title}",
              charts=[Chart("column", "Lankytojai pagal mėnesius ir vietas", "menuo",
                            [c.key for c in place_columns], "Lankytojai", anchor="H3")]),
        Sheet("Zaosė", average(zaose_months.frame), [Column("menuo", "Mėnuo", width=14), *VALUE_COLUMNS],
              title=f"{ZAOSE}: lankytojai, {period.title}", bold_rows={12}, figures=zaose_months.cells,
              charts=[Chart("column", "Zaosės lankytojai pagal mėnesius", "menuo", ["lankytojai"], "Lankytojai")]),
        Sheet("Ekskursijos", by_place.frame, [Column("vieta", "Vieta", width=36), *TOUR_COLUMNS],
              title=f"Ekskursijos pagal vietas, {period.title}", bold_rows={len(by_place.frame) - 1},
              figures=by_place.cells),
        Sheet("Grupių tipai", by_type.frame, [Column("grupes_tipas", "Grupės tipas", width=24), *TOUR_COLUMNS],
              title=f"Ekskursijos pagal grupių tipus, {period.title}", bold_rows={len(by_type.frame) - 1},
              figures=by_type.cells),
        Sheet("Delegacijos", countries.frame, [Column("salis", "Šalies kodas", width=12),
                                               Column("salies_pavadinimas", "Šalis", width=22),
                                               Column("delegacijos", "Delegacijos", "int", 11),
                                               Column("dalyviai", "Dalyviai", "int", 11)],
              title=f"Užsienio delegacijos pagal šalis, {period.title}", bold_rows={len(countries.frame) - 1},
              figures=countries.cells),
        Sheet("Judriausios dienos", busiest_days(figures, year), [
            Column("vieta", "Vieta", width=36), Column("vieta_nr", "Eilės nr.", "int", 8),
            Column("data", "Data", "date", 12), Column("savaites_diena", "Savaitės diena", width=15),
            Column("lankytojai", "Lankytojai", "int", 11), Column("renginiuose", "Iš jų renginiuose", "int", 11)],
              title=f"Judriausios dienos ({BUSIEST} kiekvienoje vietoje), {period.title}"),
    ]


def produce(ctx: JobContext) -> None:
    sheets = visitors_sheets(ctx.figures, ctx.year)
    ctx.output(SUBJECT, f"Lankytojų statistika {ctx.year}.xlsx", ctx.xlsx(sheets, f"Lankytojų statistika {ctx.year}"),
               ctx.year)


JOB = Job(
    name="lankytojai",
    description="Visitors: per place and month (Zaosė apart), excursions, delegations, busiest days, chart",
    workbooks=(VISITORS, EVENTS),
    produce=produce,
    order=25,
)

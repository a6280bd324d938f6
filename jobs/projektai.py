"""`projektai`: the project portfolio: upcoming deadlines first, then status, funders and budgets.

A manager opens the overview to see what is due: report deadlines and project ends within
the next 60 days come first. Budgets are checked (grant + own contribution = budget, within
1 Eur); a mismatch is a validation warning and is marked again here.
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.projects import DEADLINE_DAYS, MISMATCH, budget_check, deadlines, projects_by, relevant_projects
from automations.job import Job, JobContext
from automations.periods import Period
from automations.render.charts import bar_chart
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Column, Sheet, workbook_bytes
from automations.summary import with_total
from sheets_schema.types import given

WORKBOOK = "projektai"
SUBJECT = "Projektai"
MONEY_COLUMNS = [Column("biudzetas", "Biudžetas, Eur", "money", 14), Column("skirta", "Skirta, Eur", "money", 14),
                 Column("nuosavas_inasas", "Nuosavas įnašas, Eur", "money", 14)]
DEADLINE_COLUMNS = [Column("data", "Data", "date", 12), Column("liko_dienu", "Liko dienų", "int", 9),
                    Column("kas", "Kas", width=18), Column("pavadinimas", "Projektas", width=50),
                    Column("finansuotojas", "Finansuotojas", width=24), Column("busena", "Būsena", width=12),
                    Column("atsakingas", "Atsakingas", width=22)]
PROJECT_COLUMNS = [Column("pavadinimas", "Projektas", width=50), Column("finansuotojas", "Finansuotojas", width=24),
                   Column("kvietimas", "Kvietimas", width=26), Column("vaidmuo", "Vaidmuo", width=12),
                   Column("busena", "Būsena", width=12), Column("paraiskos_data", "Paraiškos data", "date", 12),
                   Column("pradzia", "Pradžia", "date", 12), Column("pabaiga", "Pabaiga", "date", 12), *MONEY_COLUMNS,
                   Column("skirtumas", "Biudžetas − (skirta + įnašas)", "money", 16),
                   Column("biudzeto_busena", "Biudžetas", width=13),
                   Column("ataskaitos_terminas", "Ataskaitos terminas", "date", 13),
                   Column("atsakingas", "Atsakingas", width=22)]


def portfolio(projects: pd.DataFrame, period: Period) -> pd.DataFrame:
    """The period's projects with the budget check, by status then title."""
    frame = budget_check(relevant_projects(projects, period))
    order = {state: index for index, state in enumerate(("vykdoma", "finansuota", "pateikta", "rengiama", "baigta",
                                                         "nefinansuota"))}
    frame = frame.assign(_order=frame["busena"].map(order), _title=frame["pavadinimas"].map(lt.sort_key))
    return frame.sort_values(["_order", "_title"]).drop(columns=["_order", "_title"]).reset_index(drop=True)


def overview_workbook(due: pd.DataFrame, projects: pd.DataFrame, statuses: pd.DataFrame, funders: pd.DataFrame,
                      year: int, today_text: str) -> bytes:
    warn = {i: "įspėjimas" for i, state in enumerate(projects["biudzeto_busena"]) if state == MISMATCH}
    urgent = {i: "klaida" for i, left in enumerate(due["liko_dienu"]) if left <= 14}
    count_columns = [Column("projektai", "Projektai", "int", 10), *MONEY_COLUMNS]
    return workbook_bytes([
        Sheet("Artėjantys terminai", due, DEADLINE_COLUMNS, row_styles=urgent,
              title=f"Ataskaitų terminai ir projektų pabaigos per {DEADLINE_DAYS} d. nuo {today_text}",
              notes=["Raudonai – liko 14 dienų ar mažiau."]),
        Sheet("Projektai", projects, PROJECT_COLUMNS, row_styles=warn, title=f"Projektai, {year} m.",
              notes=["Geltonai – skirta suma ir nuosavas įnašas kartu nesudaro biudžeto (daugiau nei 1 Eur)."]),
        Sheet("Pagal būseną", statuses, [Column("busena", "Būsena", width=16), *count_columns],
              title=f"Projektai pagal būseną, {year} m.", bold_rows={len(statuses) - 1}),
        Sheet("Pagal finansuotoją", funders, [Column("finansuotojas", "Finansuotojas", width=26), *count_columns],
              title=f"Projektai pagal finansuotoją, {year} m.", bold_rows={len(funders) - 1}),
    ], title=f"Projektų apžvalga {year}")


def _money(value: object) -> str:
    return lt.money(value) if given(value) else ""


def money_table(frame: pd.DataFrame, field: str, header: str) -> DocTable:
    rows = [[row[field], lt.number(row["projektai"]), _money(row["biudzetas"]), _money(row["skirta"]),
             _money(row["nuosavas_inasas"])] for row in frame.to_dict("records")]
    return DocTable([header, "Projektai", "Biudžetas", "Skirta", "Nuosavas įnašas"], rows, numeric={1, 2, 3, 4},
                    bold_last=True)


def overview_context(due: pd.DataFrame, projects: pd.DataFrame, statuses: pd.DataFrame, funders: pd.DataFrame,
                     year: int) -> dict:
    mismatched = projects.loc[projects["biudzeto_busena"] == MISMATCH]
    funded = funders.iloc[:-1]
    return {
        "terminai": DocTable(["Data", "Liko d.", "Kas", "Projektas", "Atsakingas"],
                             [[lt.long_date(r.data), r.liko_dienu, r.kas, r.pavadinimas,
                               r.atsakingas if given(r.atsakingas) else ""] for r in due.itertuples()],
                             numeric={1}, widths_mm=[38, 14, 30, 70, 28]),
        "terminu_sk": len(due),
        "dienos": DEADLINE_DAYS,
        "busenos": money_table(statuses, "busena", "Būsena"),
        "finansuotojai": money_table(funders, "finansuotojas", "Finansuotojas"),
        "projektai": DocTable(["Projektas", "Finansuotojas", "Būsena", "Laikotarpis", "Biudžetas", "Skirta"],
                              [[r.pavadinimas, r.finansuotojas, r.busena,
                                f"{lt.short_date(r.pradzia) if given(r.pradzia) else '…'} – "
                                f"{lt.short_date(r.pabaiga) if given(r.pabaiga) else '…'}",
                                _money(r.biudzetas), _money(r.skirta)] for r in projects.itertuples()],
                              numeric={4, 5}),
        "neatitikimai": [f"{r.pavadinimas}: biudžetas {_money(r.biudzetas)}, skirta {_money(r.skirta)} ir nuosavas "
                         f"įnašas {_money(r.nuosavas_inasas)} (skiriasi {_money(abs(r.skirtumas))})"
                         for r in mismatched.itertuples()],
        "grafikas": DocImage(bar_chart(list(funded["finansuotojas"]), {"Skirta, Eur": list(funded["skirta"])},
                                       f"Skirtas finansavimas pagal finansuotoją, {year} m.", "Eur"), 150),
    }


def produce(ctx: JobContext) -> None:
    all_projects = ctx.frame(WORKBOOK, "Projektai")
    due = deadlines(all_projects, ctx.today)
    projects = portfolio(all_projects, ctx.figures.period(ctx.year))
    statuses = with_total(projects_by(projects, "busena"), "busena")
    funders = with_total(projects_by(projects, "finansuotojas"), "finansuotojas")
    ctx.output(SUBJECT, f"Projektų apžvalga {ctx.year}.xlsx",
               overview_workbook(due, projects, statuses, funders, ctx.year, lt.long_date(ctx.today)))
    ctx.output(SUBJECT, f"Projektų apžvalga {ctx.year}.docx",
               ctx.docx("projektai", overview_context(due, projects, statuses, funders, ctx.year),
                        title=f"Projektų apžvalga {ctx.year}"))


JOB = Job(
    name="projektai",
    description="Projects overview: deadlines in the next 60 days first, status, funders and budget checks",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=60,
)

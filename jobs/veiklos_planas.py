"""`veiklos_planas`: the annual activity plan (goal → task → measure) and how far it has been carried out.

Actual values of measures with `Automatinis rodiklis` come from :mod:`automations.domain.registry`
(the same figures the annual report shows); the others from `Faktinė reikšmė`. Each measure
gets its % of target, the share expected by today and a status (see :mod:`automations.domain.plan`).
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.plan import (
    STATUS_STYLES,
    WHOLE_YEAR,
    completed_quarters,
    execution,
    grouped,
    numbered,
    status_counts,
)
from automations.domain.registry import WORKBOOKS, compute_all
from automations.job import Job, JobContext
from automations.render.docx import DocTable
from automations.render.xlsx import Column, Sheet, workbook_bytes
from sheets_schema.types import given

WORKBOOK = "veiklos_planas"
SUBJECT = "Veiklos planas"
PLAN_COLUMNS = [
    Column("nr", "Nr.", width=8), Column("tikslas_", "Tikslas", width=36), Column("uzdavinys_", "Uždavinys", width=36),
    Column("priemone", "Priemonė", width=40), Column("rodiklis", "Rodiklis", width=30),
    Column("mato_vnt", "Mato vnt.", width=9), Column("planine", "Planinė reikšmė", "dec2", 12),
    Column("ketvirtis", "Įvykdymo terminas", width=12),
    Column("atsakingas_padalinys", "Atsakingas padalinys", width=30), Column("lesos", "Lėšos, Eur", "money", 13),
    Column("finansavimo_saltinis", "Finansavimo šaltinis", width=20),
    Column("automatinis", "Automatinis rodiklis", width=26)]
EXECUTION_COLUMNS = [
    Column("nr", "Nr.", width=8), Column("priemone", "Priemonė", width=40), Column("rodiklis", "Rodiklis", width=30),
    Column("mato_vnt", "Mato vnt.", width=9), Column("ketvirtis", "Terminas", width=10),
    Column("planas", "Planinė reikšmė", "dec2", 12), Column("faktas", "Faktinė reikšmė", "dec2", 12),
    Column("proc", "Įvykdyta, proc.", "percent", 11), Column("tiketina", "Tikėtina iki šiol, proc.", "percent", 12),
    Column("busena", "Būsena", width=20), Column("saltinis", "Faktinės reikšmės šaltinis", width=60),
    Column("eiluciu", "Eilučių", "int", 9), Column("atsakingas_padalinys", "Atsakingas padalinys", width=30)]


def term(quarter: object) -> str:
    return f"{quarter} ketv." if given(quarter) and quarter != WHOLE_YEAR else WHOLE_YEAR


def value_text(value: object, unit: object = None) -> str:
    if not given(value):
        return "–"
    amount = float(value)
    text = lt.money(amount) if unit == "Eur" else lt.number(amount, 0 if amount == round(amount) else 2)
    return text.removesuffix(" Eur") if unit == "Eur" else text


def plan_tables(frame: pd.DataFrame) -> list[dict]:
    """Goals → tasks, each task with a table of its measures (the form of an institution's plan)."""
    goals = grouped(frame)
    for goal in goals:
        for task in goal["uzdaviniai"]:
            rows = [[r.nr, r.priemone, r.rodiklis, r.mato_vnt if given(r.mato_vnt) else "",
                     value_text(r.planine, r.mato_vnt), term(r.ketvirtis), r.atsakingas_padalinys,
                     lt.money(r.lesos) if given(r.lesos) else "",
                     r.finansavimo_saltinis if given(r.finansavimo_saltinis) else ""]
                    for r in task.pop("priemones").itertuples()]
            task["lentele"] = DocTable(["Nr.", "Priemonė", "Rodiklis", "Mato vnt.", "Planinė reikšmė",
                                        "Terminas", "Atsakingas padalinys", "Lėšos", "Finansavimo šaltinis"],
                                       rows, numeric={4, 7}, widths_mm=[14, 55, 45, 16, 20, 18, 40, 22, 27])
    return goals


def execution_tables(frame: pd.DataFrame) -> list[dict]:
    goals = grouped(frame)
    for goal in goals:
        for task in goal["uzdaviniai"]:
            rows = [[r.nr, r.priemone, r.rodiklis, value_text(r.planas, r.mato_vnt),
                     value_text(r.faktas, r.mato_vnt), lt.percent(r.proc) if given(r.proc) else "–",
                     lt.percent(r.tiketina, 0), r.busena, "automatiškai" if given(r.automatinis) else "ranka"]
                    for r in task.pop("priemones").itertuples()]
            task["lentele"] = DocTable(["Nr.", "Priemonė", "Rodiklis", "Planas", "Faktas", "Įvykdyta",
                                        "Tikėtina", "Būsena", "Faktas įrašytas"], rows, numeric={3, 4, 5, 6},
                                       widths_mm=[14, 60, 50, 20, 20, 20, 18, 30, 25])
    return goals


def plan_workbook(plan: pd.DataFrame, year: int) -> bytes:
    total = sum(float(v) for v in plan["lesos"] if given(v))
    return workbook_bytes([Sheet("Planas", plan, PLAN_COLUMNS, title=f"{year} m. veiklos planas",
                                 notes=[f"Priemonių: {len(plan)}; lėšos iš viso: {lt.money(total)}."])],
                          title=f"Veiklos planas {year}")


def execution_workbook(done: pd.DataFrame, year: int, today_text: str) -> bytes:
    counts = status_counts(done)
    return workbook_bytes([Sheet(
        "Vykdymas", done, EXECUTION_COLUMNS, title=f"{year} m. veiklos plano vykdymas ({today_text})",
        notes=["; ".join(f"{name}: {count}" for name, count in counts.items()),
               "Tikėtina: ketvirčio priemonė – 100 proc. tam ketvirčiui pasibaigus; visų metų priemonė – 25 proc. "
               "už kiekvieną pasibaigusį ketvirtį."],
        cell_styles={(i, "busena"): STATUS_STYLES[s] for i, s in enumerate(done["busena"])})],
        title=f"Veiklos plano vykdymas {year}")


def produce(ctx: JobContext) -> None:
    year = ctx.year
    plan = ctx.frame(WORKBOOK, "Priemonės")
    this_year = numbered(plan.loc[pd.to_numeric(plan["metai"], errors="coerce") == year])
    done = execution(plan, compute_all(ctx.results, year), year, ctx.today)
    money = sum(float(v) for v in this_year["lesos"] if given(v))
    ctx.output(SUBJECT, f"Veiklos planas {year}.xlsx", plan_workbook(this_year, year))
    ctx.output(SUBJECT, f"Veiklos planas {year}.docx", ctx.docx("veiklos_planas", {
        "tikslai": plan_tables(this_year), "priemoniu_sk": len(this_year), "lesos": lt.money(money)}))
    ctx.output(SUBJECT, f"Veiklos plano vykdymas {year}.xlsx", execution_workbook(done, year, lt.long_date(ctx.today)))
    counts = status_counts(done)
    ctx.output(SUBJECT, f"Veiklos plano vykdymas {year}.docx", ctx.docx("veiklos_plano_vykdymas", {
        "tikslai": execution_tables(done), "busenos": DocTable(["Būsena", "Priemonės"], [
            [name, count] for name, count in counts.items()], numeric={1}),
        "priemoniu_sk": len(done), "ketvirciai": completed_quarters(year, ctx.today)}))


JOB = Job(
    name="veiklos_planas",
    description="Annual activity plan (goal → task → measure) and its execution, with automatic indicators",
    workbooks=(WORKBOOK, *WORKBOOKS),
    produce=produce,
    order=80,
)

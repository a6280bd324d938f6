"""`veiklos_planas`: the annual activity plan (goal → task → measure) and how far it has been carried out.

Actual values come from the figure registry whenever it can compute them (the same figures
the annual report shows), otherwise from `Faktinė reikšmė`. Each measure gets its % of
target, the share expected by today and a status (see :mod:`automations.domain.plan`).
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.annual_review import approval
from automations.domain.figures import Figures, Measured
from automations.domain.plan import (
    DONE,
    STATUS_STYLES,
    WHOLE_YEAR,
    actual_cell,
    baseline,
    baseline_cell,
    completed_quarters,
    execution,
    figure_cells,
    grouped,
    lagging_reasons,
    number_text,
    numbered,
    status_counts,
)
from automations.domain.registry import WORKBOOKS
from automations.job import Job, JobContext
from automations.render.docx import DocTable
from automations.render.xlsx import Column, Sheet
from sheets_schema.types import given

WORKBOOK = "veiklos_planas"
SUBJECT = "Veiklos planas"
PLAN_COLUMNS = [
    Column("nr", "Nr.", width=8), Column("tikslas_", "Tikslas", width=36), Column("uzdavinys_", "Uždavinys", width=36),
    Column("priemone", "Priemonė", width=40), Column("rodiklis", "Rodiklis", width=30),
    Column("mato_vnt", "Mato vnt.", width=9), Column("bazine_", "Bazinė reikšmė", "dec2", 12),
    Column("planine", "Planinė reikšmė", "dec2", 12), Column("ketvirtis", "Įvykdymo terminas", width=12),
    Column("atsakingas_padalinys", "Atsakingas padalinys", width=30), Column("lesos", "Lėšos, Eur", "money", 13),
    Column("finansavimo_saltinis", "Finansavimo šaltinis", width=20),
    Column("automatinis", "Automatinis rodiklis", width=26)]
EXECUTION_COLUMNS = [
    Column("nr", "Nr.", width=8), Column("priemone", "Priemonė", width=40), Column("rodiklis", "Rodiklis", width=30),
    Column("mato_vnt", "Mato vnt.", width=9), Column("ketvirtis", "Terminas", width=10),
    Column("planas", "Planinė reikšmė", "dec2", 12), Column("faktas", "Faktinė reikšmė", "dec2", 12),
    Column("duomenu_metai", "Duomenų metai", "int", 9), Column("irasyta", "Įrašyta ranka (nesutampa)", "dec2", 12),
    Column("proc", "Įvykdyta, proc.", "percent", 11), Column("tiketina", "Tikėtina iki šiol, proc.", "percent", 12),
    Column("busena", "Būsena", width=20), Column("saltinis", "Faktinės reikšmės šaltinis", width=60),
    Column("eiluciu", "Eilučių", "int", 9), Column("atsakingas_padalinys", "Atsakingas padalinys", width=30)]


def term(quarter: object) -> str:
    return f"{quarter} ketv." if given(quarter) and quarter != WHOLE_YEAR else WHOLE_YEAR


def plan_tables(frame: pd.DataFrame, figures: Figures, year: int) -> list[dict]:
    """Goals → tasks, each task with a table of its measures (the form of an institution's plan)."""
    goals = grouped(frame)
    for goal in goals:
        for task in goal["uzdaviniai"]:
            rows = [[r["nr"], r["priemone"], r["rodiklis"], r["mato_vnt"] if given(r["mato_vnt"]) else "",
                     baseline_cell(r, figures, year), number_text(r["planine"], r["mato_vnt"]), term(r["ketvirtis"]),
                     r["atsakingas_padalinys"], lt.money(r["lesos"]) if given(r["lesos"]) else "",
                     r["finansavimo_saltinis"] if given(r["finansavimo_saltinis"]) else ""]
                    for r in task.pop("priemones").to_dict("records")]
            task["lentele"] = DocTable(["Nr.", "Priemonė", "Rodiklis", "Mato vnt.", "Bazinė reikšmė",
                                        "Planinė reikšmė", "Terminas", "Atsakingas padalinys", "Lėšos",
                                        "Finansavimo šaltinis"], rows, numeric={4, 5, 8},
                                       widths_mm=[13, 47, 38, 14, 24, 20, 20, 35, 21, 25])
    return goals


def reason(row: object) -> str:
    """Where the actual value comes from, and why a lagging measure lags (the plan's `Pastabos`)."""
    source = "apskaičiuota iš duomenų" if given(row.rodiklio_id) else "įrašyta ranka"
    return f"{source}; {row.pastabos}" if given(row.pastabos) and row.busena != DONE else source


def execution_tables(frame: pd.DataFrame, figures: Figures, year: int) -> list[dict]:
    goals = grouped(frame)
    for goal in goals:
        for task in goal["uzdaviniai"]:
            rows = [[r.nr, r.priemone, r.rodiklis, number_text(r.planas, r.mato_vnt), actual_cell(r, figures, year),
                     lt.percent(r.proc) if given(r.proc) else "–", lt.percent(r.tiketina, 0), r.busena,
                     reason(r)] for r in task.pop("priemones").itertuples()]
            task["lentele"] = DocTable(["Nr.", "Priemonė", "Rodiklis", "Planas", "Faktas", "Įvykdyta",
                                        "Tikėtina", "Būsena", "Pastabos"], rows, numeric={3, 4, 5, 6},
                                       widths_mm=[14, 52, 42, 20, 28, 18, 16, 26, 40])
    return goals


def plan_sheet(plan: pd.DataFrame, figures: Figures, year: int) -> Sheet:
    """The plan as a table; a baseline computed from data is that figure (recorded as such)."""
    total = sum(float(v) for v in plan["lesos"] if given(v))
    found = [baseline(row, figures, year) for row in plan.to_dict("records")]
    frame = plan.assign(bazine_=[item.value if isinstance(item, Measured) else item for item in found])
    cells = {(position, "bazine_"): item for position, item in enumerate(found) if isinstance(item, Measured)}
    return Sheet("Planas", frame, PLAN_COLUMNS, title=f"{year} m. veiklos planas", figures=cells,
                 notes=[f"Priemonių: {len(plan)}; lėšos iš viso: {lt.money(total)}."])


def execution_sheets(done: pd.DataFrame, figures: Figures, year: int) -> list[Sheet]:
    counts = status_counts(done)
    today_text = lt.long_date(figures.today)
    return [Sheet(
        "Vykdymas", done, EXECUTION_COLUMNS, title=f"{year} m. veiklos plano vykdymas ({today_text})",
        notes=["; ".join(f"{name}: {count}" for name, count in counts.items()),
               "Tikėtina: ketvirčio priemonė – 100 proc. tam ketvirčiui pasibaigus; visų metų priemonė – 25 proc. "
               "už kiekvieną pasibaigusį ketvirtį."],
        cell_styles={(i, "busena"): STATUS_STYLES[s] for i, s in enumerate(done["busena"])},
        figures=figure_cells(done, figures, year))]


def produce(ctx: JobContext) -> None:
    year = ctx.year
    plan = ctx.frame(WORKBOOK, "Priemonės")
    this_year = numbered(plan.loc[pd.to_numeric(plan["metai"], errors="coerce") == year])
    done = execution(plan, ctx.figures, year)
    money = sum(float(v) for v in this_year["lesos"] if given(v))
    approved = approval(ctx.figures, year, "veiklos planas")
    day = approved["data"] if approved else None  # an approved plan stays as approved: no nightly "prepared today"
    ctx.output(SUBJECT, f"Veiklos planas {year}.xlsx",
               ctx.xlsx([plan_sheet(this_year, ctx.figures, year)], f"Veiklos planas {year}", date=day))
    ctx.output(SUBJECT, f"Veiklos planas {year}.docx", ctx.docx("veiklos_planas", {
        "tikslai": plan_tables(this_year, ctx.figures, year), "priemoniu_sk": len(this_year),
        "lesos": lt.money(money), "patvirtinimas": approved}, title=f"{year} metų veiklos planas", date=day))
    ctx.output(SUBJECT, f"Veiklos plano vykdymas {year}.xlsx",
               ctx.xlsx(execution_sheets(done, ctx.figures, year), f"Veiklos plano vykdymas {year}"))
    counts = status_counts(done)
    ctx.output(SUBJECT, f"Veiklos plano vykdymas {year}.docx", ctx.docx("veiklos_plano_vykdymas", {
        "tikslai": execution_tables(done, ctx.figures, year), "busenos": DocTable(["Būsena", "Priemonės"], [
            [name, count] for name, count in counts.items()], numeric={1}),
        "priemoniu_sk": len(done), "ketvirciai": completed_quarters(year, ctx.today),
        "atsilieka": lagging_reasons(done)}, title=f"{year} metų veiklos plano vykdymas"))


JOB = Job(
    name="veiklos_planas",
    description="Annual activity plan (goal → task → measure) and its execution, with automatic indicators",
    workbooks=(WORKBOOK, *WORKBOOKS),
    produce=produce,
    order=80,
)

"""`metine_ataskaita`: the Library's annual activity report, and the registry of the figures it stands on.

Sections follow a Lithuanian library's annual report: key figures against the same stretch
of last year, territory statistics, events, visitors and Zaosė, rentals, qualification
improvement, consultations, projects, publicity, plan execution, and an appendix naming
the source and definition of every figure printed. A companion workbook publishes the
whole figure registry: every figure, its definition, value, data year and rows counted.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from automations import lt
from automations.domain import annual
from automations.domain import annual_review as review
from automations.domain.figures import Figures, Measured, held_out_note, shown_text
from automations.domain.plan import actual_cell, execution, lagging_reasons, number_text, status_counts
from automations.domain.registry import WORKBOOKS, every
from automations.job import Job, JobContext
from automations.render.docx import DocTable
from automations.render.xlsx import Column, Sheet
from sheets_schema.types import given

SUBJECT = "Metinė ataskaita"
REGISTRY_COLUMNS = [
    Column("id", "Rodiklio id", width=30), Column("rodiklis", "Rodiklis", width=40),
    Column("reiksme", "Reikšmė", "dec2", 14), Column("vnt", "Mato vnt.", width=9),
    Column("laikotarpis", "Laikotarpis (duomenų metai)", width=28),
    Column("eilutes", "Suskaičiuota eilučių", "int", 11),
    Column("pernai", "Pernai (ta pati metų dalis; teritorijoje – tos pačios bibliotekos)", "dec2", 16),
    Column("pokytis", "Pokytis, proc.", "percent", 10),
    Column("tikrinami", "Neįtraukti tikrinami duomenys", width=40), Column("saltinis", "Darbaknygė / lapas", width=30),
    Column("apibrezimas", "Kas skaičiuojama", width=90)]


def plan_section(figures: Figures, year: int) -> dict[str, Any]:
    done = execution(figures.frame("veiklos_planas", "Priemonės"), figures, year)
    counts = status_counts(done)
    rows = [[r.nr, r.priemone, number_text(r.planas, r.mato_vnt), actual_cell(r, figures, year),
             lt.percent(r.proc) if given(r.proc) else "–", r.busena] for r in done.itertuples()]
    lagging = lagging_reasons(done)
    return {"plano_busenos": DocTable(["Būsena", "Priemonės"], [[k, v] for k, v in counts.items()], numeric={1}),
            "plano_busenos_sk": counts,
            "plano_priemones": len(done), "plano_atsilikimo_priezastys": lagging,
            "plano_vykdymas": DocTable(["Nr.", "Priemonė", "Planas", "Faktas", "Įvykdyta", "Būsena"], rows,
                                       numeric={2, 3, 4}, widths_mm=[14, 62, 20, 34, 18, 28])}


def appendix(context: dict[str, Any], year: int) -> DocTable:
    """The source and definition of every figure the report prints, once each."""
    seen: dict[tuple, Measured] = {}
    for measured in annual.measures_in(context):
        seen.setdefault((measured.id, measured.period), measured)
    rows = [[m.name, shown_text(m, year), m.period.title, f"{m.figure.workbook} / {m.figure.tab}",
             m.figure.definition, lt.number(m.rows)] for m in seen.values()]
    return DocTable(["Rodiklis", "Reikšmė", "Laikotarpis", "Šaltinis", "Kas skaičiuojama", "Eilučių"], rows,
                    numeric={1, 5}, widths_mm=[34, 22, 24, 26, 60, 14])


def registry_frame(figures: Figures, year: int) -> pd.DataFrame:
    rows = []
    for measured in every(figures, year):
        comparison = figures.compared(measured.id, year)
        previous = comparison.previous
        rows.append({"id": measured.id, "rodiklis": measured.name, "reiksme": measured.plain(),
                     "vnt": measured.figure.unit,
                     "laikotarpis": "laukiama duomenų" if measured.awaiting else measured.period.title,
                     "eilutes": measured.rows, "pernai": None if previous is None else float(previous),
                     "pokytis": comparison.change, "tikrinami": held_out_note(measured),
                     "saltinis": f"{measured.figure.workbook} / {measured.figure.tab}",
                     "apibrezimas": measured.figure.definition})
    return pd.DataFrame(rows, columns=[column.key for column in REGISTRY_COLUMNS])


def registry_sheets(figures: Figures, year: int) -> list[Sheet]:
    frame = registry_frame(figures, year)
    measures = every(figures, year)
    cells = {(row, "reiksme"): m for row, m in enumerate(measures) if not m.awaiting}
    return [Sheet("Rodikliai", frame, REGISTRY_COLUMNS, figures=cells,
                  title=f"Rodiklių registras, {year} m. (duomenys iki {lt.long_date(figures.today)})",
                  notes=["Kiekvienas dokumentuose rodomas skaičius apibrėžtas vieną kartą: kas skaičiuojama, iš kurios "
                         "darbaknygės ir lapo, kiek eilučių. Skaičiuojamos tik eilutės be klaidų; einamųjų metų "
                         "rodikliai – iki ataskaitos dienos.",
                         "Pokytis lygina tą pačią laikotarpio dalį (teritorijos statistikoje – tas pačias bibliotekas, "
                         "priimtas abiem metais)."])]


def report_context(ctx: JobContext) -> dict[str, Any]:
    figures, year = ctx.figures, ctx.year
    context: dict[str, Any] = {"pernai": year - 1, "rodikliai": annual.key_figures(figures, year),
                               "santrauka": annual.summary(figures, year), "duomenys_iki": figures.period(year).end}
    for section in annual.SECTIONS:
        context.update(section(figures, year))
    context.update(plan_section(figures, year))
    context.update(review.introduction_section(figures, year))
    context.update(review.own_library_section(figures, year))
    context.update(review.finance_section(figures, year))
    context.update(review.review_section(figures, year, context["plano_busenos_sk"].get("atsilieka", 0)))
    context["saltiniai"] = appendix(context, year)
    return context


def produce(ctx: JobContext) -> None:
    ctx.output(SUBJECT, f"Metinė veiklos ataskaita {ctx.year}.docx",
               ctx.docx("metine_ataskaita", report_context(ctx), title=f"{ctx.year} metų veiklos ataskaita"))
    ctx.output(SUBJECT, f"Rodiklių registras {ctx.year}.xlsx",
               ctx.xlsx(registry_sheets(ctx.figures, ctx.year), f"Rodiklių registras {ctx.year}"))


JOB = Job(
    name="metine_ataskaita",
    description="Annual activity report with key figures, every department's results, charts, figure sources "
                "and the published figure registry",
    workbooks=(*WORKBOOKS, "veiklos_planas"),
    produce=produce,
    order=90,
)

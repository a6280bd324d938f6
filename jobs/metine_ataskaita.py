"""`metine_ataskaita`: the Library's annual activity report, and where each of its figures comes from.

Sections follow a Lithuanian library's annual report: key figures against last year,
territory statistics, events, visitors and Zaosė, rentals, qualification improvement,
consultations, projects, publicity, plan execution, and an appendix of sources. A companion
workbook lists every figure with its workbook, tab, filter and the rows it counts.
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain import annual
from automations.domain.annual import Sources, cell, change
from automations.domain.plan import execution, status_counts
from automations.domain.registry import WORKBOOKS, Measured, compute_all
from automations.job import Job, JobContext
from automations.render.docx import DocTable
from automations.render.xlsx import Column, Sheet, workbook_bytes
from sheets_schema.types import given

SUBJECT = "Metinė ataskaita"
KEY_FIGURES = ("Įvykę renginiai", "Renginių dalyviai", "Parodos", "Ekskursijos", "Ekskursijų dalyviai",
               "Zaosės lankytojai", "Nuomos užsakymai", "Nuomos pajamos, Eur", "Įvykę mokymai", "Apmokyti asmenys",
               "Suteiktos konsultacijos", "Publikacijos", "Vykdomi projektai")
SECTIONS = (annual.territory_section, annual.events_section, annual.visitors_section, annual.rentals_section,
            annual.training_section, annual.consultations_section, annual.projects_section, annual.publicity_section)
SOURCE_COLUMNS = [Column("skyrius", "Skyrius", width=30), Column("rodiklis", "Rodiklis", width=40),
                  Column("reiksme", "Reikšmė", "dec2", 14), Column("darbaknyge", "Darbaknygė", width=22),
                  Column("lapas", "Lapas", width=20), Column("filtras", "Filtras", width=70),
                  Column("eilutes", "Eilučių", "int", 9)]


def figure_text(name: str, figure: Measured) -> str:
    if figure.value is None:
        return "–"
    return lt.money(figure.value) if name.endswith("Eur") else lt.number(figure.value)


def key_figures(now: dict[str, Measured], before: dict[str, Measured], year: int, sources: Sources) -> DocTable:
    """This year against last year; a year without any rows is shown as no data, not as 0."""
    rows = []
    for name in KEY_FIGURES:
        current, previous = sources.measured("Pagrindiniai rodikliai", f"{name}, {year} m.", now[name]), before[name]
        sources.measured("Pagrindiniai rodikliai", f"{name}, {year - 1} m.", previous)
        known = previous.rows > 0
        rows.append([name, figure_text(name, previous) if known else "nėra duomenų", figure_text(name, current),
                     cell(change(current.value, previous.value), "change") if known else "–"])
    return DocTable(["Rodiklis", f"{year - 1} m.", f"{year} m.", "Pokytis"], rows, numeric={1, 2, 3})


def plan_section(done: pd.DataFrame, sources: Sources, year: int) -> dict:
    counts = status_counts(done)
    for name, count in counts.items():
        sources.add("Veiklos plano vykdymas", f"Priemonės: {name}", count, "veiklos_planas", "Priemonės",
                    f"Metai = {year}", len(done))
    rows = [[r.nr, r.priemone, cell(r.planas, "dec1" if r.planas != round(r.planas) else "int"),
             cell(r.faktas, "dec1" if given(r.faktas) and r.faktas != round(r.faktas) else "int"),
             cell(r.proc, "percent"), r.busena] for r in done.itertuples()]
    return {"plano_busenos": DocTable(["Būsena", "Priemonės"], [[k, v] for k, v in counts.items()], numeric={1}),
            "plano_priemones": len(done),
            "plano_vykdymas": DocTable(["Nr.", "Priemonė", "Planas", "Faktas", "Įvykdyta", "Būsena"], rows,
                                       numeric={2, 3, 4}, widths_mm=[14, 70, 20, 20, 22, 30])}


def summary_text(now: dict[str, Measured], year: int) -> str:
    def value(name: str) -> str:
        return figure_text(name, now[name])

    return (f"{year} m. įvykusių renginių – {value('Įvykę renginiai')}, jų dalyvių – {value('Renginių dalyviai')}; "
            f"parodų – {value('Parodos')}; ekskursijų – {value('Ekskursijos')} ({value('Ekskursijų dalyviai')} "
            f"dalyvių). J. Urbšio sodybos Zaosėje lankytojų – {value('Zaosės lankytojai')}. Kvalifikacijos "
            f"tobulinimo renginių – {value('Įvykę mokymai')}, juose tobulinosi bibliotekininkų – "
            f"{value('Apmokyti asmenys')}; metodinių konsultacijų – {value('Suteiktos konsultacijos')}.")


def sources_workbook(sources: Sources, year: int) -> bytes:
    frame = sources.frame()
    return workbook_bytes([Sheet("Šaltiniai", frame, SOURCE_COLUMNS, title=f"Metinės ataskaitos šaltiniai, {year} m.",
                                 notes=["Kiekvienas ataskaitos skaičius: iš kurios darbaknygės ir lapo, kokiu filtru "
                                        "ir kiek eilučių suskaičiuota. Skaičiuojamos tik eilutės be klaidų."])],
                          title=f"Metinės ataskaitos šaltiniai {year}")


def report_context(ctx: JobContext, sources: Sources) -> dict:
    year = ctx.year
    now, before = compute_all(ctx.results, year), compute_all(ctx.results, year - 1)
    context: dict = {"pernai": year - 1, "rodikliai": key_figures(now, before, year, sources),
                     "santrauka": summary_text(now, year), "duomenys_iki": ctx.today}
    for section in SECTIONS:
        context.update(section(ctx.results, year, sources))
    done = execution(ctx.frame("veiklos_planas", "Priemonės"), now, year, ctx.today)
    context.update(plan_section(done, sources, year))
    appendix = sources.frame()
    context["saltiniai"] = DocTable(["Skyrius", "Rodiklis", "Šaltinis", "Filtras", "Eilučių"],
                                    [[r.skyrius, r.rodiklis, f"{r.darbaknyge} / {r.lapas}", r.filtras,
                                      lt.number(r.eilutes)] for r in appendix.itertuples()],
                                    numeric={4}, widths_mm=[30, 40, 35, 60, 15])
    return context


def produce(ctx: JobContext) -> None:
    sources = Sources()
    context = report_context(ctx, sources)
    ctx.output(SUBJECT, f"Metinė veiklos ataskaita {ctx.year}.docx", ctx.docx("metine_ataskaita", context))
    ctx.output(SUBJECT, f"Metinės ataskaitos šaltiniai {ctx.year}.xlsx", sources_workbook(sources, ctx.year))


JOB = Job(
    name="metine_ataskaita",
    description="Annual activity report with key figures, every department's results, charts and a source appendix",
    workbooks=(*WORKBOOKS, "veiklos_planas"),
    produce=produce,
    order=90,
)

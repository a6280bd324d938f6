"""`viesinimas`: the communication report for the last month and for the year so far.

Reads ``viesinimas`` (`Publikacijos`, `Turinio planas`). Writes a workbook per period
(publications by channel, type and initiator, reach and engagement, the events with the
most coverage, content-plan execution, native charts) and a short Word report with charts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations import lt
from automations.domain.documents import doc_table, figure_sheet
from automations.domain.figures import Figures, Table
from automations.job import Job, JobContext
from automations.periods import Period, report_month
from automations.render.charts import bar_chart
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Chart, Column, Sheet
from automations.summary import by_month, share, with_total
from sheets_schema.types import text_key

WORKBOOK = "viesinimas"
SUBJECT = "Viešinimas"
TOP_EVENTS = 10
PUBLICITY = {"publikacijos": "viesinimas.publikacijos", "pasiekiamumas": "viesinimas.pasiekiamumas",
             "isitraukimas": "viesinimas.isitraukimas"}
VALUE_COLUMNS = [Column("publikacijos", "Publikacijos", "int", 12), Column("pasiekiamumas", "Pasiekiamumas", "int", 14),
                 Column("isitraukimas", "Įsitraukimas", "int", 13),
                 Column("isitraukimo_proc", "Įsitraukimas, proc. pasiekiamumo", "percent", 14)]
PLAN_STATES = ("publikuota", "atšaukta")
SUMMARY = ("viesinimas.publikacijos", "viesinimas.pasiekiamumas", "viesinimas.isitraukimas",
           "viesinimas.ziniasklaidos", "viesinimas.naujienlaiskiai")


def _rate(table: Table) -> Table:
    table.frame["isitraukimo_proc"] = share(table.frame["isitraukimas"], table.frame["pasiekiamumas"])
    return table


def publications_by(figures: Figures, period: Period, field: str) -> Table:
    return _rate(figures.breakdown(PUBLICITY, period.start.year, field, order="desc", period=period))


def top_events(publications: pd.DataFrame, period: Period, count: int = TOP_EVENTS) -> pd.DataFrame:
    """Events with the most publications (then reach); titles typed differently count as one."""
    inside = publications.loc[period.mask(publications["data"])].dropna(subset=["susijes_renginys"])
    inside = inside.assign(_key=inside["susijes_renginys"].map(text_key))
    rows = []
    for _, group in inside.groupby("_key"):
        rows.append({"renginys": group["susijes_renginys"].iloc[0], "publikacijos": len(group),
                     "kanalai": ", ".join(lt.sorted_lt(group["kanalas"].unique())),
                     "ziniasklaida": int((group["iniciatorius"] == "žiniasklaida").sum()),
                     "pasiekiamumas": int(pd.to_numeric(group["pasiekiamumas"], errors="coerce").fillna(0).sum())})
    table = pd.DataFrame(rows, columns=["renginys", "publikacijos", "kanalai", "ziniasklaida", "pasiekiamumas"])
    table = table.assign(_title=table["renginys"].map(lt.sort_key)).sort_values(
        ["publikacijos", "pasiekiamumas", "_title"], ascending=[False, False, True])
    return table.drop(columns="_title").head(count).reset_index(drop=True)


def plan_execution(plan: pd.DataFrame, period: Period, today: dt.date) -> pd.DataFrame:
    """Planned vs published vs cancelled per month; execution = published / (planned − cancelled)."""
    inside = plan.loc[period.mask(plan["planuojama_data"])].copy()
    state = inside["busena"].fillna("planuojama")
    inside["_published"] = (state == "publikuota").astype(int)
    inside["_cancelled"] = (state == "atšaukta").astype(int)
    inside["_late"] = ((~state.isin(PLAN_STATES)) & (inside["planuojama_data"] < today)).astype(int)
    table = by_month(inside, "planuojama_data", period, {
        "suplanuota": ("_row", "count"), "publikuota": ("_published", "sum"), "atsaukta": ("_cancelled", "sum"),
        "veluoja": ("_late", "sum")})
    table = with_total(table, "menuo")
    table["vykdymas"] = share(table["publikuota"], table["suplanuota"] - table["atsaukta"])
    return table


PLAN_COLUMNS = [Column("suplanuota", "Suplanuota", "int", 11), Column("publikuota", "Publikuota", "int", 11),
                Column("atsaukta", "Atšaukta", "int", 10),
                Column("veluoja", "Nepublikuota laiku", "int", 12), Column("vykdymas", "Įvykdyta, proc.",
                                                                           "percent", 11)]


def report_sheets(figures: Figures, publications: pd.DataFrame, plan: pd.DataFrame, period: Period,
                  today: dt.date) -> list[Sheet]:
    year = period.start.year
    sheets = [figure_sheet("Santrauka", [figures.get(figure_id, year, period) for figure_id in SUMMARY],
                           f"Viešinimas, {period.title}")]
    if len(period.months()) > 1:
        months = _rate(figures.by_month(PUBLICITY, year, period))
        sheets.append(Sheet("Mėnesiai", months.frame, [Column("menuo", "Mėnuo", width=14), *VALUE_COLUMNS],
                            title=f"Publikacijos pagal mėnesius, {period.title}", bold_rows={12}, figures=months.cells,
                            charts=[Chart("column", "Publikacijos pagal mėnesius", "menuo", ["publikacijos"])]))
    for name, field, header in (("Kanalai", "kanalas", "Kanalas"), ("Tipai", "tipas", "Tipas"),
                                ("Iniciatoriai", "iniciatorius", "Iniciatorius")):
        table = publications_by(figures, period, field)
        sheets.append(Sheet(name, table.frame, [Column(field, header, width=22), *VALUE_COLUMNS],
                            title=f"Publikacijos: {header.lower()}, {period.title}", bold_rows={len(table.frame) - 1},
                            figures=table.cells,
                            charts=[Chart("bar", f"Pasiekiamumas: {header.lower()}", field, ["pasiekiamumas"])]
                            if name == "Kanalai" else []))
    sheets.append(Sheet("Renginiai", top_events(publications, period), [
        Column("renginys", "Renginys", width=50), Column("publikacijos", "Publikacijos", "int", 12),
        Column("ziniasklaida", "Iš jų žiniasklaidos", "int", 12), Column("pasiekiamumas", "Pasiekiamumas", "int", 14),
        Column("kanalai", "Kanalai", width=40)], title=f"Daugiausia viešinti renginiai, {period.title}"))
    execution = plan_execution(plan, period, today)
    sheets.append(Sheet("Turinio planas", execution, [Column("menuo", "Mėnuo", width=14), *PLAN_COLUMNS],
                        title=f"Turinio plano vykdymas, {period.title}", bold_rows={len(execution) - 1},
                        notes=["Įvykdyta, proc. = publikuota / (suplanuota − atšaukta)."]))
    listing = figures.rows("viesinimas.publikacijos", year, period).sort_values(["data", "_row"])
    sheets.append(Sheet("Publikacijos", listing.reset_index(drop=True), [
        Column("data", "Data", "date", 12), Column("kanalas", "Kanalas", width=18),
        Column("ziniasklaidos_priemone", "Žiniasklaidos priemonė", width=20), Column("tipas", "Tipas", width=18),
        Column("pavadinimas", "Pavadinimas", width=50), Column("susijes_renginys", "Susijęs renginys", width=40),
        Column("pasiekiamumas", "Pasiekiamumas", "int", 13), Column("isitraukimas", "Įsitraukimas", "int", 12),
        Column("iniciatorius", "Iniciatorius", width=13), Column("nuoroda", "Nuoroda", width=40)],
        title=f"Publikacijos, {period.title}"))
    return sheets


def period_context(figures: Figures, publications: pd.DataFrame, plan: pd.DataFrame, period: Period,
                   today: dt.date) -> dict:
    year = period.start.year
    channels = publications_by(figures, period, "kanalas")
    execution = plan_execution(plan, period, today)
    events = top_events(publications, period, 5)
    body = channels.body()
    return {
        "pavadinimas": period.title,
        **{key: figures.get(figure_id, year, period) for key, figure_id in (
            ("publikacijos", "viesinimas.publikacijos"), ("pasiekiamumas", "viesinimas.pasiekiamumas"),
            ("isitraukimas", "viesinimas.isitraukimas"), ("ziniasklaidos", "viesinimas.ziniasklaidos"))},
        "planuota": lt.number(int(execution["suplanuota"].iloc[-1])),
        "publikuota": lt.number(int(execution["publikuota"].iloc[-1])),
        "atsaukta": lt.number(int(execution["atsaukta"].iloc[-1])),
        "vykdymas": lt.percent(execution["vykdymas"].iloc[-1]) or "nėra duomenų",
        "kanalai": doc_table(channels, [("kanalas", "Kanalas", "text"), ("publikacijos", "Publikacijos", "int"),
                                        ("pasiekiamumas", "Pasiekiamumas", "int"),
                                        ("isitraukimas", "Įsitraukimas", "int")], bold_last=True),
        "renginiai": DocTable(["Renginys", "Publikacijos", "Pasiekiamumas"],
                              [[r.renginys, lt.number(r.publikacijos), lt.number(r.pasiekiamumas)]
                               for r in events.itertuples()], numeric={1, 2}),
        "grafikas": DocImage(bar_chart(list(body["kanalas"]), {"Publikacijos": [int(v) for v in body["publikacijos"]]},
                                       f"Publikacijos pagal kanalus, {period.title}", horizontal=True), 150),
    }


def produce(ctx: JobContext) -> None:
    publications, plan = ctx.frame(WORKBOOK, "Publikacijos"), ctx.frame(WORKBOOK, "Turinio planas")
    month, year = report_month(ctx.year, ctx.today), ctx.figures.period(ctx.year)
    ctx.output(SUBJECT, f"Viešinimo ataskaita {month.tag}.xlsx",
               ctx.xlsx(report_sheets(ctx.figures, publications, plan, month, ctx.today),
                        f"Viešinimo ataskaita {month.tag}"), month.start.year)
    ctx.output(SUBJECT, f"Viešinimo ataskaita {year.tag}.xlsx",
               ctx.xlsx(report_sheets(ctx.figures, publications, plan, year, ctx.today),
                        f"Viešinimo ataskaita {year.tag}"), ctx.year)
    context = {"menuo": period_context(ctx.figures, publications, plan, month, ctx.today),
               "metai_iki_siol": period_context(ctx.figures, publications, plan, year, ctx.today)}
    ctx.output(SUBJECT, f"Viešinimo ataskaita {month.tag}.docx", ctx.docx(
        "viesinimas", context, title=f"Viešinimo ataskaita {month.tag}"), month.start.year)


JOB = Job(
    name="viesinimas",
    description="Publicity: monthly and year-to-date communication report (xlsx with charts, short docx)",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=40,
)

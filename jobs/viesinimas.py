"""`viesinimas`: the communication report for the last month and for the year so far.

Reads ``viesinimas`` (`Publikacijos`, `Turinio planas`). Writes a workbook per period
(publications by channel, type and initiator, reach and engagement, the events with the
most coverage, content-plan execution, native charts) and a short Word report with charts.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations import lt
from automations.job import Job, JobContext
from automations.periods import Period, report_month, year_so_far
from automations.render.charts import bar_chart
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from automations.summary import Aggregations, by_month, grouped, share, with_total
from sheets_schema.types import text_key

WORKBOOK = "viesinimas"
SUBJECT = "Viešinimas"
TOP_EVENTS = 10
VALUES: Aggregations = {"publikacijos": ("_row", "count"), "pasiekiamumas": ("pasiekiamumas", "sum"),
                        "isitraukimas": ("isitraukimas", "sum")}
VALUE_COLUMNS = [Column("publikacijos", "Publikacijos", "int", 12), Column("pasiekiamumas", "Pasiekiamumas", "int", 14),
                 Column("isitraukimas", "Įsitraukimas", "int", 13),
                 Column("isitraukimo_proc", "Įsitraukimas, proc. pasiekiamumo", "percent", 14)]
PLAN_STATES = ("publikuota", "atšaukta")


def _rate(table: pd.DataFrame) -> pd.DataFrame:
    table["isitraukimo_proc"] = share(table["isitraukimas"], table["pasiekiamumas"])
    return table


def publications_by(publications: pd.DataFrame, period: Period, field: str) -> pd.DataFrame:
    inside = publications.loc[period.mask(publications["data"])]
    inside = inside.assign(**{field: inside[field].fillna("nenurodyta")})
    return _rate(with_total(grouped(inside, field, VALUES, "desc"), field))


def monthly(publications: pd.DataFrame, period: Period) -> pd.DataFrame:
    return _rate(with_total(by_month(publications, "data", period, VALUES), "menuo"))


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


def report_workbook(publications: pd.DataFrame, plan: pd.DataFrame, period: Period, today: dt.date) -> bytes:
    sheets = []
    if len(period.months()) > 1:
        months = monthly(publications, period)
        sheets.append(Sheet("Mėnesiai", months, [Column("menuo", "Mėnuo", width=14), *VALUE_COLUMNS],
                            title=f"Publikacijos pagal mėnesius, {period.title}", bold_rows={len(months) - 1},
                            charts=[Chart("column", "Publikacijos pagal mėnesius", "menuo", ["publikacijos"])]))
    for name, field, header in (("Kanalai", "kanalas", "Kanalas"), ("Tipai", "tipas", "Tipas"),
                                ("Iniciatoriai", "iniciatorius", "Iniciatorius")):
        table = publications_by(publications, period, field)
        sheets.append(Sheet(name, table, [Column(field, header, width=22), *VALUE_COLUMNS],
                            title=f"Publikacijos: {header.lower()}, {period.title}", bold_rows={len(table) - 1},
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
    listing = publications.loc[period.mask(publications["data"])].sort_values(["data", "_row"])
    sheets.append(Sheet("Publikacijos", listing.reset_index(drop=True), [
        Column("data", "Data", "date", 12), Column("kanalas", "Kanalas", width=18),
        Column("ziniasklaidos_priemone", "Žiniasklaidos priemonė", width=20), Column("tipas", "Tipas", width=18),
        Column("pavadinimas", "Pavadinimas", width=50), Column("susijes_renginys", "Susijęs renginys", width=40),
        Column("pasiekiamumas", "Pasiekiamumas", "int", 13), Column("isitraukimas", "Įsitraukimas", "int", 12),
        Column("iniciatorius", "Iniciatorius", width=13), Column("nuoroda", "Nuoroda", width=40)],
        title=f"Publikacijos, {period.title}"))
    return workbook_bytes(sheets, title=f"Viešinimo ataskaita {period.tag}")


def _total(table: pd.DataFrame, column: str) -> int:
    return int(table[column].iloc[-1])


def period_context(publications: pd.DataFrame, plan: pd.DataFrame, period: Period, today: dt.date) -> dict:
    channels = publications_by(publications, period, "kanalas")
    initiators = publications_by(publications, period, "iniciatorius")
    execution = plan_execution(plan, period, today)
    media = initiators.loc[initiators["iniciatorius"] == "žiniasklaida", "publikacijos"]
    events = top_events(publications, period, 5)
    return {
        "pavadinimas": period.title, "publikacijos": lt.number(_total(channels, "publikacijos")),
        "pasiekiamumas": lt.number(_total(channels, "pasiekiamumas")),
        "isitraukimas": lt.number(_total(channels, "isitraukimas")),
        "ziniasklaidos": lt.number(int(media.iloc[0]) if len(media) else 0),
        "planuota": lt.number(_total(execution, "suplanuota")), "publikuota": lt.number(_total(execution,
                                                                                               "publikuota")),
        "atsaukta": lt.number(_total(execution, "atsaukta")),
        "vykdymas": lt.percent(execution["vykdymas"].iloc[-1]) or "nėra duomenų",
        "kanalai": DocTable(["Kanalas", "Publikacijos", "Pasiekiamumas", "Įsitraukimas"],
                            [[r.kanalas, lt.number(r.publikacijos), lt.number(r.pasiekiamumas),
                              lt.number(r.isitraukimas)] for r in channels.itertuples()], numeric={1, 2, 3},
                            bold_last=True),
        "renginiai": DocTable(["Renginys", "Publikacijos", "Pasiekiamumas"],
                              [[r.renginys, lt.number(r.publikacijos), lt.number(r.pasiekiamumas)]
                               for r in events.itertuples()], numeric={1, 2}),
        "grafikas": DocImage(bar_chart(list(channels["kanalas"].iloc[:-1]),
                                       {"Publikacijos": list(channels["publikacijos"].iloc[:-1])},
                                       f"Publikacijos pagal kanalus, {period.title}", horizontal=True), 150),
    }


def produce(ctx: JobContext) -> None:
    publications, plan = ctx.frame(WORKBOOK, "Publikacijos"), ctx.frame(WORKBOOK, "Turinio planas")
    month, year = report_month(ctx.year, ctx.today), year_so_far(ctx.year, ctx.today)
    ctx.output(SUBJECT, f"Viešinimo ataskaita {month.tag}.xlsx",
               report_workbook(publications, plan, month, ctx.today), month.start.year)
    ctx.output(SUBJECT, f"Viešinimo ataskaita {year.tag}.xlsx",
               report_workbook(publications, plan, year, ctx.today), ctx.year)
    context = {"menuo": period_context(publications, plan, month, ctx.today),
               "metai_iki_siol": period_context(publications, plan, year, ctx.today)}
    ctx.output(SUBJECT, f"Viešinimo ataskaita {month.tag}.docx", ctx.docx("viesinimas", context), month.start.year)


JOB = Job(
    name="viesinimas",
    description="Publicity: monthly and year-to-date communication report (xlsx with charts, short docx)",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=40,
)

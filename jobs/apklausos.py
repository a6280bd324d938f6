"""`apklausos`: a report, a workbook and a page per library for every user-needs survey of the year.

Works for any survey: the questions and their kinds come from each answer tab (see
:mod:`automations.domain.survey_questions`); the tables from :mod:`automations.domain.survey_report`.
The year's survey figures (surveys carried out, respondents, libraries) come from the registry
and are published in `Apklausos <year>.xlsx`. Nobody's name or address reaches a document.
"""

from __future__ import annotations

import logging

from automations import lt
from automations.domain import survey_report as report
from automations.domain import surveys as domain
from automations.domain.documents import doc_table, figure_sheet
from automations.domain.survey_questions import MULTIPLE, NUMBER, SCALE, SINGLE, Result
from automations.domain.survey_report import SurveyTables
from automations.job import Job, JobContext
from automations.render.charts import bar_chart
from automations.render.docx import DocImage
from automations.render.xlsx import Chart, Column, Sheet
from jobs.apklausos_sheets import survey_sheets
from sheets_schema.types import given

log = logging.getLogger("automations")
SUBJECT = "Apklausos"
FIGURES = {"respondentai": "apklausos.respondentai", "bibliotekos": "apklausos.bibliotekos"}
SUMMARY = ("apklausos.atliktos", "apklausos.respondentai", "apklausos.bibliotekos")
TOP_LIBRARIES = 15


def short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def question_note(result: Result) -> str:
    parts = [f"Klausimo tipas: {result.question.kind}; atsakė {lt.number(result.answered)} iš "
             f"{lt.number(result.scope)}."]
    if result.question.added is not None:
        parts.append(f"Klausimas pridėtas apklausai vykstant ({result.question.added:%Y-%m-%d}): vertinami tik nuo "
                     "tada gauti atsakymai.")
    if result.question.kind == MULTIPLE:
        parts.append("Buvo galima pasirinkti kelis variantus, todėl dalių suma gali viršyti 100 proc.")
    if result.mean is not None and result.question.kind == SCALE:
        parts.append(f"Vidurkis – {lt.number(result.mean, 2)}, vertino 4–5 – {lt.percent(result.top_share)}.")
    return " ".join(parts)


def question_block(number: int, result: Result) -> dict:
    kind = result.question.kind
    block: dict = {"nr": number, "antraste": result.question.header, "pastaba": question_note(result),
                   "grafikas": None, "pagal_amziu": None}
    if kind == SCALE:
        block["lentele"] = doc_table(result.table, [("reiksme", "Vertinimas", "int"), ("atsakymai", "Atsakymai", "int"),
                                                    ("dalis", "Dalis", "percent")])
        block["pagal_amziu"] = doc_table(result.by_age, [("amziaus_grupe", "Amžiaus grupė", "text"),
                                                         ("atsakymai", "Atsakymai", "int"),
                                                         ("vidurkis", "Vidurkis", "dec2"),
                                                         ("dalis_4_5", "4–5, proc.", "percent")])
    elif kind in (SINGLE, MULTIPLE):
        block["lentele"] = doc_table(result.table, [("variantas", "Variantas", "text"),
                                                    ("atsakymai", "Atsakymai", "int"),
                                                    ("dalis", "Dalis atsakiusiųjų", "percent")])
        top = result.table.head(12)
        block["grafikas"] = DocImage(bar_chart([short(str(v), 40) for v in top["variantas"]],
                                               {"Atsakymai": list(top["atsakymai"])}, short(result.question.header),
                                               horizontal=True), 140)
        ages = [column for column in result.by_age.columns if column != "variantas"]
        block["pagal_amziu"] = doc_table(result.by_age, [("variantas", "Variantas", "text"),
                                                         *((age, age, "percent") for age in ages)],
                                         widths_mm=[60, *[110 / len(ages)] * len(ages)])
    else:  # numbers
        block["lentele"] = doc_table(result.table, [("rodiklis", "Rodiklis", "text"), ("reiksme", "Reikšmė", "dec2")])
    return block


def open_blocks(tables: SurveyTables) -> list[dict]:
    blocks = []
    for question, group in tables.open_answers.groupby("klausimas", sort=False):
        libraries = [{"biblioteka": library, "atsakymai": list(answers["atsakymas"])}
                     for library, answers in group.groupby("biblioteka", sort=False)]
        words = ", ".join(f"{word} ({count})" for word, count in tables.words.get(question, [])) or "–"
        blocks.append({"antraste": question, "zodziai": words, "bibliotekos": libraries})
    return blocks


def report_context(tables: SurveyTables) -> dict:
    survey = tables.survey
    scales = tables.scales
    closed = [r for r in tables.results if r.question.kind in (SCALE, SINGLE, MULTIPLE, NUMBER)]
    previous_means = {row["klausimas"]: row["vidurkis_pernai"] for row in tables.comparison.to_dict("records")}
    series = {"Šiemet": list(scales["vidurkis"])}
    if previous_means:
        series = {tables.previous.title: [previous_means.get(q) for q in scales["klausimas"]], survey.title:
                  list(scales["vidurkis"])}
    return {
        "pavadinimas": survey.title, "kodas": survey.code, "laikotarpis": lt.date_range(survey.start, survey.end),
        "tiksline_grupe": survey.target, "atsakingas": survey.responsible,
        "santrauka": (f"Gauta atsakymų – {lt.number(len(survey.answers))} iš {lt.number(len(tables.libraries))} "
                      f"bibliotekų vartotojų; klausimų – {lt.number(len(tables.results))}."),
        "ankstesne": tables.previous.title if tables.previous is not None else None,
        "savivaldybes": doc_table(tables.municipalities, [("savivaldybe", "Savivaldybė", "text"),
                                                          ("atsakymai", "Atsakymai", "int"),
                                                          ("dalis", "Dalis", "percent"),
                                                          ("atsake_proc", "Atsakė, proc.", "dec2")]),
        "bibliotekos": doc_table(tables.libraries.head(TOP_LIBRARIES), [
            ("biblioteka", "Biblioteka", "text"), ("savivaldybe", "Savivaldybė", "text"),
            ("atsakymai", "Atsakymai", "int"), ("atsake_proc", "Atsakė, proc.", "dec2")], widths_mm=[70, 40, 25, 25]),
        "amzius": doc_table(tables.ages, [("amziaus_grupe", "Amžiaus grupė", "text"), ("atsakymai", "Atsakymai", "int"),
                                          ("dalis", "Dalis", "percent")]),
        "grafikas_savaites": DocImage(bar_chart([lt.short_date(w) for w in tables.weeks["savaite"]],
                                                {"Atsakymai": list(tables.weeks["atsakymai"])},
                                                "Atsakymai pagal savaites (nuo pirmadienio)", "Atsakymai"), 150),
        "skales": doc_table(scales, [("klausimas", "Klausimas", "text"), ("atsakymai", "Atsakė", "int"),
                                     ("vidurkis", "Vidurkis", "dec2"), ("dalis_4_5", "4–5, proc.", "percent")],
                            widths_mm=[100, 20, 20, 25]) if len(scales) else None,
        "grafikas_skales": DocImage(bar_chart([short(q, 45) for q in scales["klausimas"]], series,
                                              "Vertinimų vidurkiai (1–5)", horizontal=True), 160)
        if len(scales) else None,
        "palyginimas": doc_table(tables.comparison, [
            ("klausimas", "Klausimas", "text"), ("vidurkis_pernai", "Vidurkis anksčiau", "dec2"),
            ("vidurkis", "Vidurkis dabar", "dec2"), ("vidurkio_pokytis", "Pokytis", "dec2"),
            ("dalis_pernai", "4–5 anksčiau, proc.", "percent"), ("dalis", "4–5 dabar, proc.", "percent")],
            widths_mm=[70, 20, 20, 17, 22, 22]) if len(tables.comparison) else None,
        "klausimai": [question_block(number, result) for number, result in enumerate(closed, start=1)],
        "atviri": open_blocks(tables),
    }


def library_context(tables: SurveyTables, row: dict, summary: dict) -> dict:
    survey = tables.survey
    scales = [{"klausimas": short(header, 70), "jusu": lt.number(mine, 2), "visi": lt.number(everyone, 2),
               "dalis": lt.percent(top)} for header, mine, top, everyone in summary["scales"]]
    choices = [f"{short(header, 80)} – " + "; ".join(f"{option} ({lt.percent(share)})" for option, share in
                                                   zip(top["variantas"], top["dalis"], strict=True))
               for header, top in summary["choices"]]
    return {"biblioteka": row["biblioteka"], "pavadinimas": survey.title,
            "laikotarpis": lt.date_range(survey.start, survey.end), "atsakymai": lt.number(row["atsakymai"]),
            "visi_atsakymai": lt.number(len(survey.answers)),
            "atsake_proc": lt.percent(row["atsake_proc"], 2) if given(row["atsake_proc"]) else None,
            "skales": scales,
            "pasirinkimai": choices, "zodziai": ", ".join(word for word, _ in summary["words"])}


def year_sheets(ctx: JobContext) -> list[Sheet]:
    figures, year = ctx.figures, ctx.year
    by_survey = figures.breakdown(FIGURES, year, ["apklausa", "pavadinimas"])
    months = figures.by_month({"respondentai": "apklausos.respondentai"}, year)
    return [
        figure_sheet("Santrauka", [figures.get(figure_id, year) for figure_id in SUMMARY],
                     f"Vartotojų poreikių apklausos, {figures.period(year).title}",
                     ["Skaičiuojami priimti atsakymai (be klaidų ir be dvigubų pateikimų), gauti per metus iki "
                      "ataskaitos dienos."]),
        Sheet("Apklausos", by_survey.frame, [Column("apklausa", "Kodas", width=14),
                                             Column("pavadinimas", "Apklausa", width=50),
                                             Column("respondentai", "Atsakymai", "int", 12),
                                             Column("bibliotekos", "Bibliotekos", "int", 12)],
              title=f"Atsakymai pagal apklausas, {year} m.", bold_rows={len(by_survey.frame) - 1},
              figures=by_survey.cells),
        Sheet("Mėnesiai", months.frame, [Column("menuo", "Mėnuo", width=14),
                                         Column("respondentai", "Atsakymai", "int")],
              title=f"Atsakymai pagal mėnesius, {year} m.", bold_rows={12}, figures=months.cells,
              charts=[Chart("column", "Apklausų atsakymai pagal mėnesius", "menuo", ["respondentai"])]),
    ]


def produce(ctx: JobContext) -> None:
    every = domain.all_surveys(ctx.figures)
    users = domain.registered_users(ctx.figures, ctx.year)
    for survey in domain.of_year(every, ctx.year, ctx.today):
        if not survey.readable or survey.answers.empty:
            log.info("apklausos: %s has no answers to report yet", survey.code)
            continue
        tables = report.tables(survey, domain.previous_run(survey, every), users)
        name = f"{survey.code} {survey.title}"
        ctx.output(SUBJECT, f"{name}.docx", ctx.docx("apklausos_ataskaita", report_context(tables)))
        ctx.output(SUBJECT, f"{name}.xlsx", ctx.xlsx(survey_sheets(tables), name))
        for row in tables.libraries.to_dict("records"):
            summary = report.library_summary(tables, row["kodas"]) if given(row["kodas"]) else None
            if summary is not None:
                ctx.output(f"{SUBJECT} {survey.code} bibliotekoms", f"{row['biblioteka']}.docx",
                           ctx.docx("apklausos_biblioteka", library_context(tables, row, summary)))
    ctx.output(SUBJECT, f"Apklausos {ctx.year}.xlsx", ctx.xlsx(year_sheets(ctx), f"Apklausos {ctx.year}"))


JOB = Job(
    name="apklausos",
    description="User-needs surveys: report with charts, workbook of every table, a page per library, year figures",
    workbooks=(domain.WORKBOOK, "teritorijos_statistika"),
    produce=produce,
    order=60,
)

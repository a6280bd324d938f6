"""`konsultacijos`: methodological consultations of the year, and the libraries that received none.

Counts come from :mod:`automations.domain.consultations` (the annual report uses the same functions).
A consultation naming a library that is not on the territory list is an error in validation
and stays out of every count until fixed.
"""

from __future__ import annotations

from automations import lt
from automations.domain.documents import doc_table, figure_sheet
from automations.domain.figures import Figures, Phrase, Table
from automations.job import Job, JobContext
from automations.render.charts import bar_chart
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Chart, Column, Sheet

WORKBOOK = "konsultacijos"
SUBJECT = "Konsultacijos"
VALUE_COLUMNS = [Column("konsultacijos", "Konsultacijos", "int", 13), Column("minutes", "Trukmė, min", "int", 12),
                 Column("bibliotekos", "Bibliotekos", "int", 11)]
GROUPINGS = (  # sheet, field(s), headers
    ("Savivaldybės", ["savivaldybe"], ["Savivaldybė"]),
    ("Bibliotekos", ["pavadinimas", "savivaldybe"], ["Biblioteka", "Savivaldybė"]),
    ("Temos", ["tema"], ["Tema"]),
    ("Būdai", ["budas"], ["Būdas"]),
)


CONSULTATIONS = {"konsultacijos": "konsultacijos.suteiktos", "minutes": "konsultacijos.minutes",
                 "bibliotekos": "konsultacijos.bibliotekos"}
SUMMARY = ("konsultacijos.suteiktos", "konsultacijos.minutes", "konsultacijos.bibliotekos", "konsultacijos.isvykos",
           "konsultacijos.be_konsultaciju")


def tables(figures: Figures, year: int) -> dict[str, Table]:
    """Every breakdown the summary shows, the totals row being the figures (libraries reached counted once)."""
    result = {sheet: figures.breakdown(CONSULTATIONS, year, fields if len(fields) > 1 else fields[0], order="desc")
              for sheet, fields, _ in GROUPINGS}
    result["Mėnesiai"] = figures.by_month({"konsultacijos": "konsultacijos.suteiktos",
                                          "minutes": "konsultacijos.minutes"}, year)
    return result


def summary_sheets(figures: Figures, frames: dict[str, Table], year: int) -> list[Sheet]:
    period = figures.period(year)
    sheets = [figure_sheet("Santrauka", [figures.get(figure_id, year) for figure_id in SUMMARY],
                           f"Metodinės konsultacijos, {period.title}",
                           ["Skaičiuojamos konsultacijos be klaidų; „Bibliotekos“ – kiek skirtingų bibliotekų "
                            "konsultuota; metodinė išvyka – diena, kai konsultuota vietoje bibliotekoje."])]
    for sheet, fields, headers in GROUPINGS:
        table = frames[sheet]
        label = [Column(field, header, width=46 if field == "pavadinimas" else 26,
                        shown=lt.municipality if field == "savivaldybe" else None)
                 for field, header in zip(fields, headers, strict=True)]
        sheets.append(Sheet(sheet, table.frame, [*label, *VALUE_COLUMNS],
                            title=f"Konsultacijos: {headers[0].lower()}, {period.title}",
                            bold_rows={len(table.frame) - 1}, figures=table.cells))
    months = frames["Mėnesiai"]
    sheets.append(Sheet("Mėnesiai", months.frame, [Column("menuo", "Mėnuo", width=14), *VALUE_COLUMNS[:2]],
                        title=f"Konsultacijos pagal mėnesius, {period.title}", bold_rows={12}, figures=months.cells,
                        charts=[Chart("column", "Konsultacijos pagal mėnesius", "menuo", ["konsultacijos"])]))
    sheets.append(Sheet("Be konsultacijų", figures.rows("konsultacijos.be_konsultaciju", year), [
        Column("kodas", "Kodas", width=14), Column("pavadinimas", "Biblioteka", width=50),
        Column("savivaldybe", "Savivaldybė", width=22, shown=lt.municipality), Column("tipas", "Tipas", width=20)],
        title=f"Teritorijos bibliotekos, {period.title} negavusios konsultacijų"))
    return sheets


def consultation_table(table: Table, headers: list[str], fields: list[str]) -> DocTable:
    spec = [*((field, header, "municipality" if field == "savivaldybe" else "text")
              for field, header in zip(fields, headers, strict=True)),
            ("konsultacijos", "Konsultacijos", "int"), ("minutes", "Trukmė, min", "int")]
    return doc_table(table, spec, bold_last=True)


def report_context(figures: Figures, frames: dict[str, Table], year: int) -> dict:
    months = frames["Mėnesiai"].body()
    top = frames["Temos"].body().head(3)
    missing = figures.rows("konsultacijos.be_konsultaciju", year)
    summary = Phrase("{laikotarpis} suteikta metodinių konsultacijų – {suteikta}, konsultuota teritorijos bibliotekų – "
                     "{bibliotekos}, metodinių išvykų į bibliotekas – {isvykos}, konsultacijų trukmė iš viso – "
                     "{minutes} min.{temos}",
                     laikotarpis=figures.period(year).title, suteikta=figures.get("konsultacijos.suteiktos", year),
                     bibliotekos=figures.get("konsultacijos.bibliotekos", year),
                     isvykos=figures.get("konsultacijos.isvykos", year),
                     minutes=figures.get("konsultacijos.minutes", year),
                     temos=f" Dažniausios temos: {', '.join(top['tema'])}." if len(top) else "")
    return {
        "santrauka": summary,
        "savivaldybes": consultation_table(frames["Savivaldybės"], ["Savivaldybė"], ["savivaldybe"]),
        "temos": consultation_table(frames["Temos"], ["Tema"], ["tema"]),
        "budai": consultation_table(frames["Būdai"], ["Būdas"], ["budas"]),
        "menesiai": consultation_table(frames["Mėnesiai"], ["Mėnuo"], ["menuo"]),
        "grafikas": DocImage(bar_chart(list(months["menuo"]), {"Konsultacijos": list(months["konsultacijos"])},
                                       f"Konsultacijos pagal mėnesius, {year} m.", "Konsultacijos"), 150),
        "be_konsultaciju": [f"{r.pavadinimas} ({lt.municipality(r.savivaldybe)})" for r in missing.itertuples()],
    }


def produce(ctx: JobContext) -> None:
    frames = tables(ctx.figures, ctx.year)
    ctx.output(SUBJECT, f"Konsultacijos {ctx.year}.xlsx",
               ctx.xlsx(summary_sheets(ctx.figures, frames, ctx.year), f"Konsultacijos {ctx.year}"))
    ctx.output(SUBJECT, f"Konsultacijų suvestinė {ctx.year}.docx",
               ctx.docx("konsultacijos", report_context(ctx.figures, frames, ctx.year),
                        title=f"Konsultacijų suvestinė {ctx.year}"))


JOB = Job(
    name="konsultacijos",
    description="Methodological consultations by library, municipality, topic, mode and month; who received none",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=60,
)

"""`konsultacijos`: methodological consultations of the year, and the libraries that received none.

Counts come from :mod:`automations.domain.consultations` (the annual report uses the same functions).
A consultation naming a library that is not on the territory list is an error in validation
and stays out of every count until fixed.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from automations import lt
from automations.domain.consultations import consultations, consultations_by, without_consultations
from automations.domain.rows import references
from automations.job import Job, JobContext
from automations.periods import Period
from automations.render.charts import bar_chart
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from automations.summary import by_month, with_total

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


def tables(rows: pd.DataFrame, year: int) -> dict[str, pd.DataFrame]:
    """Every breakdown the summary shows, each with a totals row (libraries reached counted once)."""
    result = {}
    for sheet, fields, _ in GROUPINGS:
        table = with_total(consultations_by(rows, fields), fields[0])
        table.loc[table.index[-1], "bibliotekos"] = rows["kodas"].nunique()
        result[sheet] = table
    period = Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} m.", str(year))
    months = by_month(rows, "data", period, {"konsultacijos": ("_row", "count"), "minutes": ("trukme", "sum")})
    result["Mėnesiai"] = with_total(months, "menuo")
    return result


def summary_workbook(frames: dict[str, pd.DataFrame], missing: pd.DataFrame, year: int) -> bytes:
    sheets = []
    for sheet, fields, headers in GROUPINGS:
        frame = frames[sheet]
        label = [Column(field, header, width=46 if field == "pavadinimas" else 26)
                 for field, header in zip(fields, headers, strict=True)]
        sheets.append(Sheet(sheet, frame, [*label, *VALUE_COLUMNS], title=f"Konsultacijos: {headers[0].lower()}, "
                            f"{year} m.", bold_rows={len(frame) - 1}))
    months = frames["Mėnesiai"]
    sheets.append(Sheet("Mėnesiai", months, [Column("menuo", "Mėnuo", width=14), *VALUE_COLUMNS[:2]],
                        title=f"Konsultacijos pagal mėnesius, {year} m.", bold_rows={len(months) - 1},
                        charts=[Chart("column", "Konsultacijos pagal mėnesius", "menuo", ["konsultacijos"])]))
    sheets.append(Sheet("Be konsultacijų", missing, [
        Column("kodas", "Kodas", width=14), Column("pavadinimas", "Biblioteka", width=50),
        Column("savivaldybe", "Savivaldybė", width=22), Column("tipas", "Tipas", width=20)],
        title=f"Teritorijos bibliotekos, {year} m. negavusios konsultacijų"))
    sheets[0].notes = ["Skaičiuojamos konsultacijos be klaidų; „Bibliotekos“ – kiek skirtingų bibliotekų konsultuota."]
    return workbook_bytes(sheets, title=f"Konsultacijos {year}")


def doc_table(frame: pd.DataFrame, headers: list[str], fields: list[str]) -> DocTable:
    rows = [[*(row[field] for field in fields), lt.number(row["konsultacijos"]), lt.number(row["minutes"])]
            for row in frame.to_dict("records")]
    return DocTable([*headers, "Konsultacijos", "Trukmė, min"], rows, numeric={len(fields), len(fields) + 1},
                    bold_last=True)


def report_context(rows: pd.DataFrame, frames: dict[str, pd.DataFrame], missing: pd.DataFrame, year: int) -> dict:
    months = frames["Mėnesiai"].iloc[:-1]
    top = frames["Temos"].iloc[:-1].head(3)
    summary = (f"{year} m. suteikta metodinių konsultacijų – {lt.number(len(rows))}, konsultuota teritorijos "
               f"bibliotekų – {lt.number(rows['kodas'].nunique())}, konsultacijų trukmė iš viso – "
               f"{lt.number(pd.to_numeric(rows['trukme']).sum())} min. "
               + (f"Dažniausios temos: {', '.join(top['tema'])}." if len(top) else ""))
    return {
        "santrauka": summary,
        "savivaldybes": doc_table(frames["Savivaldybės"], ["Savivaldybė"], ["savivaldybe"]),
        "temos": doc_table(frames["Temos"], ["Tema"], ["tema"]),
        "budai": doc_table(frames["Būdai"], ["Būdas"], ["budas"]),
        "menesiai": doc_table(frames["Mėnesiai"], ["Mėnuo"], ["menuo"]),
        "grafikas": DocImage(bar_chart(list(months["menuo"]), {"Konsultacijos": list(months["konsultacijos"])},
                                       f"Konsultacijos pagal mėnesius, {year} m.", "Konsultacijos"), 150),
        "be_konsultaciju": [f"{r.pavadinimas} ({r.savivaldybe})" for r in missing.itertuples()],
    }


def produce(ctx: JobContext) -> None:
    refs = references(ctx.results)
    rows = consultations(ctx.frame(WORKBOOK, "Konsultacijos"), refs, ctx.year)
    frames = tables(rows, ctx.year)
    missing = without_consultations(rows, refs)
    ctx.output(SUBJECT, f"Konsultacijos {ctx.year}.xlsx", summary_workbook(frames, missing, ctx.year))
    ctx.output(SUBJECT, f"Konsultacijų suvestinė {ctx.year}.docx",
               ctx.docx("konsultacijos", report_context(rows, frames, missing, ctx.year)))


JOB = Job(
    name="konsultacijos",
    description="Methodological consultations by library, municipality, topic, mode and month; who received none",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=60,
)

"""`regiono_statistika`: the territory libraries' yearly statistics, consolidated and analysed.

Reads the form answers of ``teritorijos_statistika`` (latest submission per library and
year, rows with errors left out and flagged), and writes the statistics workbook (per
library, municipality, county and territory, indicators, last year's values and change,
a status board, charts) and a short analytical report in Word.
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.territory import (
    ANSWERS_TAB,
    FIGURES,
    KEY_FIGURES,
    STATUS_CLEAN,
    STATUS_ERRORS,
    STATUS_MISSING,
    STATUS_WARNINGS,
    TerritoryStatistics,
    change,
    consolidate,
    label,
    latest_year,
    libraries_with,
    users_chart,
)
from automations.job import Job, JobContext
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes

WORKBOOK = "teritorijos_statistika"
SUBJECT = "Regiono statistika"
STATUS_STYLES = {STATUS_MISSING: "klaida", STATUS_ERRORS: "klaida", STATUS_WARNINGS: "įspėjimas",
                 STATUS_CLEAN: "gerai"}
INDICATOR_COLUMNS = [
    Column("vartotoju_proc", "Registruoti vartotojai, proc. gyventojų", "percent", 14),
    Column("apsilankymai_gyv", "Apsilankymai 1 gyventojui", "dec2", 14),
    Column("isduotis_vart", "Išduotis 1 vartotojui", "dec1", 12),
    Column("dalyviai_renginiui", "Dalyviai 1 renginiui", "dec1", 12),
]
MIN_BASE_FOR_CHANGE = 100  # changes from tiny bases say nothing; keep them out of the top lists


def _key_columns() -> list[Column]:
    columns = []
    for key in KEY_FIGURES:
        columns += [Column(key, label(key), "int", 13), Column(f"{key}_pernai", f"{label(key)} (pernai)", "int", 13),
                    Column(f"{key}_pokytis", f"{label(key)}: pokytis, proc.", "percent", 12)]
    return columns


def _other_columns() -> list[Column]:
    kinds = {"etatai": "dec2"}
    return [Column(key, label(key), kinds.get(key, "int"), 13) for key in FIGURES if key not in KEY_FIGURES]


def statistics_workbook(stats: TerritoryStatistics) -> bytes:
    year = stats.year
    libraries = lt.sort_frame(stats.libraries, "savivaldybe", "tipas", "pavadinimas")
    identity = [Column("kodas", "Kodas", width=13), Column("pavadinimas", "Biblioteka", width=45),
                Column("savivaldybe", "Savivaldybė", width=18), Column("tipas", "Tipas", width=16),
                Column("busena", "Būsena", width=14)]
    library_sheet = Sheet(
        "Bibliotekos", libraries, identity + _key_columns() + _other_columns(),
        title=f"Teritorijos bibliotekų statistika, {year} m.",
        notes=["Skaičiuojami tik priimti atsakymai: naujausias kiekvienos bibliotekos atsakymas, be klaidų."],
        cell_styles={(i, "busena"): STATUS_STYLES[s] for i, s in enumerate(libraries["busena"])},
    )
    munis = stats.municipalities.copy()
    munis["tipas"] = munis["tipas"].replace({"mokyklos biblioteka": "Mokyklų bibliotekos"})
    munis = lt.sort_frame(munis, "savivaldybe", "tipas")
    level_columns = [Column("pateike", "Pateikė ataskaitą", "int", 10), *_key_columns(),
                     Column("gyventojai", "Gyventojai", "int", 12), *INDICATOR_COLUMNS]
    muni_sheet = Sheet(
        "Savivaldybės", munis,
        [Column("savivaldybe", "Savivaldybė", width=20), Column("tipas", "Bibliotekos", width=20),
         Column("apskritis", "Apskritis", width=12), *level_columns],
        title=f"Savivaldybės: SVB, mokyklų bibliotekos ir kartu, {year} m.",
        bold_rows={i for i, kind in enumerate(munis["tipas"]) if kind == "Iš viso"},
    )
    counties = stats.counties.copy()
    total = stats.territory.to_frame().T.assign(apskritis="Teritorija iš viso")
    for key in KEY_FIGURES:
        total[f"{key}_pernai"] = stats.previous_territory.get(key)
        before = total[f"{key}_pernai"].where(total[f"{key}_pernai"] > 0)
        total[f"{key}_pokytis"] = (total[key] - before) / before * 100
    counties = pd.concat([counties, total], ignore_index=True)
    county_sheet = Sheet("Apskritys", counties, [Column("apskritis", "Apskritis", width=22), *level_columns],
                         title=f"Apskritys ir visa teritorija, {year} m.", bold_rows={len(counties) - 1})
    together = stats.together()
    chart_sheet = Sheet(
        "Rodikliai", together,
        [Column("savivaldybe", "Savivaldybė", width=20),
         Column("registruoti_vartotojai", label("registruoti_vartotojai"), "int", 14),
         Column("registruoti_vartotojai_pernai", f"{label('registruoti_vartotojai')} (pernai)", "int", 14),
         *INDICATOR_COLUMNS],
        title=f"Rodikliai pagal savivaldybes, {year} m.",
        charts=[
            Chart("column", f"Registruoti vartotojai: {year - 1} ir {year} m.", "savivaldybe",
                  ["registruoti_vartotojai_pernai", "registruoti_vartotojai"], "Vartotojai", anchor="H3"),
            Chart("bar", "Apsilankymai vienam gyventojui", "savivaldybe", ["apsilankymai_gyv"], anchor="H22"),
        ],
    )
    board = lt.sort_frame(stats.libraries, "busena", "savivaldybe", "pavadinimas")
    counts = board["busena"].value_counts()
    board_sheet = Sheet(
        "Būsena", board, identity, title=f"Ataskaitų būsena, {year} m.",
        notes=["; ".join(f"{status}: {int(counts.get(status, 0))}"
                         for status in (STATUS_CLEAN, STATUS_WARNINGS, STATUS_ERRORS, STATUS_MISSING))],
        row_styles={i: STATUS_STYLES[s] for i, s in enumerate(board["busena"])},
    )
    return workbook_bytes([county_sheet, muni_sheet, chart_sheet, library_sheet, board_sheet],
                          title=f"Regiono statistika {year}")


def biggest_changes(libraries: pd.DataFrame, rising: bool, count: int = 5) -> pd.DataFrame:
    """The largest relative changes of key figures across libraries (bases under 100 left out)."""
    rows = []
    for key in KEY_FIGURES:
        frame = libraries.loc[libraries[f"{key}_pernai"] >= MIN_BASE_FOR_CHANGE]
        for record in frame.dropna(subset=[f"{key}_pokytis"]).to_dict("records"):
            rows.append({"pavadinimas": record["pavadinimas"], "rodiklis": label(key),
                         "pernai": record[f"{key}_pernai"], "dabar": record[key], "pokytis": record[f"{key}_pokytis"]})
    frame = pd.DataFrame(rows, columns=["pavadinimas", "rodiklis", "pernai", "dabar", "pokytis"])
    frame = frame.loc[frame["pokytis"] > 0] if rising else frame.loc[frame["pokytis"] < 0]
    return frame.sort_values("pokytis", ascending=not rising).head(count)


def _change_table(frame: pd.DataFrame, year: int) -> DocTable:
    return DocTable(["Biblioteka", "Rodiklis", f"{year - 1} m.", f"{year} m.", "Pokytis"],
                    [[r.pavadinimas, r.rodiklis, lt.number(r.pernai), lt.number(r.dabar), lt.signed_percent(r.pokytis)]
                     for r in frame.itertuples()], numeric={2, 3, 4}, widths_mm=[62, 38, 22, 22, 26])


def analysis_context(stats: TerritoryStatistics) -> dict:
    year, now, before = stats.year, stats.territory, stats.previous_territory
    headline = [[label(key), lt.number(before.get(key)), lt.number(now.get(key)),
                 lt.signed_percent(change(now.get(key), before.get(key)))] for key in KEY_FIGURES]
    headline += [["Registruoti vartotojai, proc. gyventojų", lt.percent(before.get("vartotoju_proc")),
                  lt.percent(now.get("vartotoju_proc")), ""],
                 ["Apsilankymai 1 gyventojui", lt.number(before.get("apsilankymai_gyv"), 2),
                  lt.number(now.get("apsilankymai_gyv"), 2), ""]]
    libraries = stats.libraries
    together = stats.together()
    submitted = int(now.get("pateike") or 0)
    summary = (f"{year} m. ataskaitas pateikė ir priimtos {submitted} iš {len(libraries)} teritorijos bibliotekų. "
               f"Jos turėjo {lt.number(now.get('registruoti_vartotojai'))} registruotų vartotojų "
               f"({lt.percent(now.get('vartotoju_proc'))} gyventojų), sulaukė "
               f"{lt.number(now.get('apsilankymai'))} apsilankymų ir išdavė {lt.number(now.get('isduotis'))} "
               f"fiz. vnt. dokumentų.")
    return {
        "metai": year,
        "pernai": year - 1,
        "santrauka": summary,
        "rodikliai": DocTable(["Rodiklis", f"{year - 1} m.", f"{year} m.", "Pokytis"], headline, numeric={1, 2, 3}),
        "augimai": _change_table(biggest_changes(libraries, True), year),
        "kritimai": _change_table(biggest_changes(libraries, False), year),
        "savivaldybes": DocTable(
            ["Savivaldybė", "Vartotojai", "Proc. gyventojų", "Apsilankymai 1 gyv.", "Išduotis 1 vart."],
            [[r.savivaldybe, lt.number(r.registruoti_vartotojai), lt.percent(r.vartotoju_proc),
              lt.number(r.apsilankymai_gyv, 2), lt.number(r.isduotis_vart, 1)] for r in together.itertuples()],
            numeric={1, 2, 3, 4}),
        "nepateike": libraries_with(stats, STATUS_MISSING),
        "su_klaidomis": libraries_with(stats, STATUS_ERRORS),
        "su_ispejimais": libraries_with(stats, STATUS_WARNINGS),
        "grafikas": DocImage(users_chart(stats), 160),
    }


def produce(ctx: JobContext) -> None:
    result = ctx.results[WORKBOOK]
    answers = ctx.frame(WORKBOOK, ANSWERS_TAB)
    year = ctx.year if ctx.year_given else latest_year(answers, ctx.year)
    stats = consolidate(ctx.frame(WORKBOOK, "Bibliotekos"), ctx.frame(WORKBOOK, "Savivaldybės"), answers,
                        result.tabs[ANSWERS_TAB].all_rows if ANSWERS_TAB in result.tabs else None,
                        result.problems, year)
    ctx.output(SUBJECT, f"Regiono statistika {year}.xlsx", statistics_workbook(stats), year)
    ctx.output(SUBJECT, f"Regiono statistikos analizė {year}.docx",
               ctx.docx("regiono_statistika", analysis_context(stats)), year)


JOB = Job(
    name="regiono_statistika",
    description="Regional statistics: territory libraries' yearly figures consolidated, checked and analysed",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=10,
)

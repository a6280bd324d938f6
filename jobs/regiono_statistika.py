"""`regiono_statistika`: the territory libraries' yearly statistics, consolidated and analysed.

Reads the form answers of ``teritorijos_statistika`` (latest submission per library and
year, rows with errors left out and flagged), and writes the statistics workbook (per
library, municipality, county and territory, indicators, last year's values and the
like-for-like change, a status board, charts) and a short analytical report in Word. The
totals are the registry's territory figures: suspect values left out and named.
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.figures import Figures, Phrase, Plain, held_out_note
from automations.domain.territory import (
    ANSWERS_TAB,
    FIGURES_FIELDS,
    KEY_FIGURES,
    STATUS_CLEAN,
    STATUS_ERRORS,
    STATUS_MISSING,
    STATUS_WARNINGS,
    TOGETHER,
    TerritoryStatistics,
    label,
    latest_year,
    libraries_with,
    measured,
    statistics,
    submitted,
    users_chart,
)
from automations.job import Job, JobContext
from automations.render.docx import DocImage, DocTable
from automations.render.xlsx import Chart, Column, Sheet

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


def _key_columns(levels: bool = False) -> list[Column]:
    """Each key figure, last year's, and the change; on levels also the libraries compared and their last year."""
    columns = []
    for key in KEY_FIGURES:
        columns += [Column(key, label(key), "int", 13), Column(f"{key}_pernai", f"{label(key)} (pernai)", "int", 13)]
        if levels:
            columns += [Column(f"{key}_lyginama", f"{label(key)}: palygintos bibliotekos", "int", 11),
                        Column(f"{key}_pernai_lyg", f"{label(key)}: jų pernai", "int", 13)]
        columns.append(Column(f"{key}_pokytis", f"{label(key)}: pokytis, proc.", "percent", 12))
    return columns


def _other_columns() -> list[Column]:
    kinds = {"etatai": "dec2"}
    return [Column(key, label(key), kinds.get(key, "int"), 13) for key in FIGURES_FIELDS if key not in KEY_FIGURES]


LEVEL_NOTE = ("Sumose – tik priimtos ataskaitos; nepaaiškinti įtartini skaičiai (santykis už ribų, pokytis daugiau nei "
              "±30 proc.) į sumas neįtraukiami, kol bus paaiškinti. Pokytis lygina tas pačias bibliotekas, priimtas "
              "abiem metais (stulpeliai „palygintos bibliotekos“ ir „jų pernai“).")


def territory_row(figures: Figures, stats: TerritoryStatistics) -> pd.DataFrame:
    """The territory's line: the registry's figures, with last year's and the like-for-like change."""
    row = stats.territory.to_frame().T.assign(apskritis="Teritorija iš viso")
    for key in KEY_FIGURES:
        comparison = stats.comparisons[key]
        row[f"{key}_pernai"] = stats.previous_territory.get(key)
        row[f"{key}_lyginama"] = comparison.units
        row[f"{key}_pernai_lyg"] = comparison.previous
        row[f"{key}_pokytis"] = comparison.change
    return row


def municipalities_named(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its municipalities as documents name them ("Anykščių r. sav.")."""
    return frame.assign(savivaldybe=frame["savivaldybe"].map(lt.municipality))


def statistics_sheets(figures: Figures, stats: TerritoryStatistics) -> list[Sheet]:
    year = stats.year
    libraries = municipalities_named(lt.sort_frame(stats.libraries, "savivaldybe", "tipas", "pavadinimas"))
    identity = [Column("kodas", "Kodas", width=13), Column("pavadinimas", "Biblioteka", width=45),
                Column("savivaldybe", "Savivaldybė", width=18), Column("tipas", "Tipas", width=16),
                Column("busena", "Būsena", width=14)]
    suspect = {(i, name): "įspėjimas" for i, code in enumerate(libraries["kodas"]) for name in FIGURES_FIELDS
               if (code, name) in stats.suspect}
    library_sheet = Sheet(
        "Bibliotekos", libraries, identity + _key_columns() + _other_columns(),
        title=f"Teritorijos bibliotekų statistika, {year} m.",
        notes=["Skaičiuojami tik priimti atsakymai: naujausias kiekvienos bibliotekos atsakymas, be klaidų. "
               "Geltonai – nepaaiškinti įtartini skaičiai, į sumas neįtraukti."],
        cell_styles={**{(i, "busena"): STATUS_STYLES[s] for i, s in enumerate(libraries["busena"])}, **suspect},
    )
    munis = stats.municipalities.copy()
    munis["tipas"] = munis["tipas"].replace({"mokyklos biblioteka": "Mokyklų bibliotekos"})
    munis = municipalities_named(lt.sort_frame(munis, "savivaldybe", "tipas"))
    level_columns = [Column("pateike", "Priimtos ataskaitos", "int", 10), *_key_columns(levels=True),
                     Column("gyventojai", "Gyventojai", "int", 12), *INDICATOR_COLUMNS]
    muni_sheet = Sheet(
        "Savivaldybės", munis,
        [Column("savivaldybe", "Savivaldybė", width=20), Column("tipas", "Bibliotekos", width=20),
         Column("apskritis", "Apskritis", width=12), *level_columns],
        title=f"Savivaldybės: SVB, mokyklų bibliotekos ir kartu, {year} m.", notes=[LEVEL_NOTE],
        bold_rows={i for i, kind in enumerate(munis["tipas"]) if kind == TOGETHER},
    )
    counties = pd.concat([stats.counties, territory_row(figures, stats)], ignore_index=True)
    last = len(counties) - 1
    shown = {(last, "pateike"): submitted(figures, year),
             **{(last, key): measured(figures, key, year) for key in KEY_FIGURES}}
    notes = [LEVEL_NOTE, *(f"{m.name}: {held_out_note(m)}" for m in shown.values() if m.held_out)]
    county_sheet = Sheet("Apskritys", counties, [Column("apskritis", "Apskritis", width=22), *level_columns],
                         title=f"Apskritys ir visa teritorija, {year} m.", bold_rows={last}, notes=notes,
                         figures=shown)
    together = municipalities_named(stats.together())
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
    board = municipalities_named(lt.sort_frame(stats.libraries, "busena", "savivaldybe", "pavadinimas"))
    counts = board["busena"].value_counts()
    board_sheet = Sheet(
        "Būsena", board, identity, title=f"Ataskaitų būsena, {year} m.",
        notes=["; ".join(f"{status}: {int(counts.get(status, 0))}"
                         for status in (STATUS_CLEAN, STATUS_WARNINGS, STATUS_ERRORS, STATUS_MISSING))],
        row_styles={i: STATUS_STYLES[s] for i, s in enumerate(board["busena"])},
    )
    return [county_sheet, muni_sheet, chart_sheet, library_sheet, board_sheet]


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


def headline(figures: Figures, stats: TerritoryStatistics) -> tuple[DocTable, list[str]]:
    """Key figures: last year's total, this year's, the like-for-like change; notes for what was left out."""
    year, rows, notes = stats.year, [], []
    for key in KEY_FIGURES:
        now = measured(figures, key, year)
        comparison = now.comparison
        rows.append([label(key), lt.number(stats.previous_territory.get(key)), Plain(now),
                     lt.signed_percent(comparison.change) if comparison and comparison.change is not None else "–",
                     lt.number(comparison.units) if comparison else "–"])
        if now.held_out:
            notes.append(f"{label(key)}: {held_out_note(now)}.")
    rows += [["Registruoti vartotojai, proc. gyventojų", lt.percent(stats.previous_territory.get("vartotoju_proc")),
              lt.percent(stats.territory.get("vartotoju_proc")), "", ""],
             ["Apsilankymai 1 gyventojui", lt.number(stats.previous_territory.get("apsilankymai_gyv"), 2),
              lt.number(stats.territory.get("apsilankymai_gyv"), 2), "", ""]]
    table = DocTable(["Rodiklis", f"{year - 1} m.", f"{year} m.", "Pokytis*", "Palygintos bibliotekos"], rows,
                     numeric={1, 2, 3, 4}, widths_mm=[60, 28, 28, 24, 30])
    return table, notes


def analysis_context(figures: Figures, stats: TerritoryStatistics) -> dict:
    year, now = stats.year, stats.territory
    libraries = stats.libraries
    together = stats.together()
    table, notes = headline(figures, stats)
    comparison = stats.comparisons["registruoti_vartotojai"]
    summary = Phrase("{year} m. priimta teritorijos bibliotekų ataskaitų – {submitted} iš {total}. Šių bibliotekų "
                     "registruotų vartotojų – {users} ({share} gyventojų), apsilankymų – {visits}, išduota dokumentų – "
                     "{loans} fiz. vnt.", year=year, submitted=submitted(figures, year), total=len(libraries),
                     users=measured(figures, "registruoti_vartotojai", year),
                     share=lt.percent(now.get("vartotoju_proc")), visits=measured(figures, "apsilankymai", year),
                     loans=measured(figures, "isduotis", year))
    units = lt.count_phrase(comparison.units or 0, "biblioteka", "bibliotekos", "bibliotekų")
    compared = (f"* Pokytis apskaičiuotas tų pačių bibliotekų, priimtų ir {year - 1}, ir {year} m., duomenimis "
                f"({units}); stulpelyje „{year - 1} m.“ – visų tų metų priimtų ataskaitų suma."
                + (f" Tik vienų metų duomenis turi: {', '.join(comparison.missing)}." if comparison.missing else ""))
    return {
        "metai": year,
        "pernai": year - 1,
        "santrauka": summary,
        "rodikliai": table,
        "palyginimas": compared,
        "tikrinami": notes,
        "augimai": _change_table(biggest_changes(libraries, True), year),
        "kritimai": _change_table(biggest_changes(libraries, False), year),
        "savivaldybes": DocTable(
            ["Savivaldybė", "Vartotojai", "Proc. gyventojų", "Apsilankymai 1 gyv.", "Išduotis 1 vart."],
            [[lt.municipality(r.savivaldybe), lt.number(r.registruoti_vartotojai), lt.percent(r.vartotoju_proc),
              lt.number(r.apsilankymai_gyv, 2), lt.number(r.isduotis_vart, 1)] for r in together.itertuples()],
            numeric={1, 2, 3, 4}),
        "nepateike": libraries_with(stats, STATUS_MISSING),
        "su_klaidomis": libraries_with(stats, STATUS_ERRORS),
        "su_ispejimais": libraries_with(stats, STATUS_WARNINGS),
        "grafikas": DocImage(users_chart(stats), 160),
    }


def produce(ctx: JobContext) -> None:
    answers = ctx.frame(WORKBOOK, ANSWERS_TAB)
    year = ctx.year if ctx.year_given else latest_year(answers, ctx.year)
    stats = statistics(ctx.figures, year)
    ctx.output(SUBJECT, f"Regiono statistika {year}.xlsx",
               ctx.xlsx(statistics_sheets(ctx.figures, stats), f"Regiono statistika {year}"), year)
    ctx.output(SUBJECT, f"Regiono statistikos analizė {year}.docx",
               ctx.docx("regiono_statistika", analysis_context(ctx.figures, stats), year=year,
                        title=f"Regiono statistikos analizė {year}"), year)


JOB = Job(
    name="regiono_statistika",
    description="Regional statistics: territory libraries' yearly figures consolidated, checked and analysed",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=10,
)

"""The survey workbook: every table of one survey's report, one sheet per kind of table.

Question tables are in long form (one row per question and option) so a sheet filters by
question; nothing in the workbook says who answered.
"""

from __future__ import annotations

import pandas as pd

from automations import lt
from automations.domain.survey_questions import AGE_GROUPS, NO_AGE, SCALE, Result
from automations.domain.survey_report import SurveyTables
from automations.render.xlsx import Chart, Column, Sheet

PERCENT_NOTE = "Dalys – procentais nuo atsakiusiųjų į klausimą; pasirinkus kelis variantus, suma gali viršyti 100."


def _questions(results: list[Result]) -> pd.DataFrame:
    return pd.DataFrame([{"nr": n, "klausimas": r.question.header, "tipas": r.question.kind,
                          "pridetas": r.question.added, "galejo": r.scope, "atsake": r.answered, "vidurkis": r.mean}
                         for n, r in enumerate(results, start=1)],
                        columns=["nr", "klausimas", "tipas", "pridetas", "galejo", "atsake", "vidurkis"])


def _distribution(results: list[Result]) -> pd.DataFrame:
    rows = []
    for number, result in enumerate(results, start=1):
        if result.question.kind == SCALE:
            rows += [{"nr": number, "klausimas": result.question.header, "variantas": int(r.reiksme),
                      "atsakymai": r.atsakymai, "dalis": r.dalis} for r in result.table.itertuples()]
        elif "variantas" in result.table:
            rows += [{"nr": number, "klausimas": result.question.header, "variantas": r.variantas,
                      "atsakymai": r.atsakymai, "dalis": r.dalis} for r in result.table.itertuples()]
        elif "rodiklis" in result.table:
            rows += [{"nr": number, "klausimas": result.question.header, "variantas": r.rodiklis,
                      "atsakymai": None, "dalis": None, "reiksme": r.reiksme} for r in result.table.itertuples()]
    return pd.DataFrame(rows, columns=["nr", "klausimas", "variantas", "atsakymai", "dalis", "reiksme"])


def _by_age(results: list[Result]) -> pd.DataFrame:
    """Scale questions: mean and share of 4–5 per age group; choices: share choosing each option per group."""
    groups = [*AGE_GROUPS, NO_AGE]
    rows = []
    for number, result in enumerate(results, start=1):
        if result.by_age is None:
            continue
        base = {"nr": number, "klausimas": result.question.header}
        if result.question.kind == SCALE:
            ages = result.by_age.set_index("amziaus_grupe")
            for label, column in (("vidurkis", "vidurkis"), ("4–5, proc.", "dalis_4_5"), ("atsakė", "atsakymai")):
                rows.append({**base, "rodiklis": label, **{g: ages[column].get(g) for g in groups}})
        else:
            for record in result.by_age.to_dict("records"):
                rows.append({**base, "rodiklis": f"{record['variantas']}, proc.",
                             **{g: record.get(g) for g in groups}})
    return pd.DataFrame(rows, columns=["nr", "klausimas", "rodiklis", *groups])


def _words(tables: SurveyTables) -> pd.DataFrame:
    return pd.DataFrame([{"klausimas": question, "zodis": word, "kartai": count}
                         for question, found in tables.words.items() for word, count in found],
                        columns=["klausimas", "zodis", "kartai"])


def survey_sheets(tables: SurveyTables) -> list[Sheet]:
    survey, results = tables.survey, tables.results
    about = pd.DataFrame([("Kodas", survey.code), ("Pavadinimas", survey.title),
                          ("Laikotarpis", f"{lt.short_date(survey.start)} – {lt.short_date(survey.end)}"),
                          ("Tikslinė grupė", survey.target or ""), ("Atsakymų lapas", survey.tab),
                          ("Atsakymai", len(survey.answers)),
                          ("Ankstesnė banga", tables.previous.title if tables.previous is not None else "–")],
                         columns=["kas", "reiksme"])
    pct = [Column("atsakymai", "Atsakymai", "int", 11), Column("dalis", "Dalis, proc.", "percent", 11)]
    sheets = [
        Sheet("Apklausa", about, [Column("kas", "", width=20), Column("reiksme", "", "int", 60)], title=survey.title,
              autofilter=False),
        Sheet("Bibliotekos", tables.libraries, [
            Column("kodas", "Kodas", width=14), Column("biblioteka", "Biblioteka", width=48),
            Column("savivaldybe", "Savivaldybė", width=20), Column("atsakymai", "Atsakymai", "int", 11),
            Column("vartotojai", "Registruoti vartotojai", "int", 12),
            Column("atsake_proc", "Atsakė, proc. vartotojų", "dec2", 12)], title="Atsakymai pagal bibliotekas",
            notes=["Registruoti vartotojai – naujausi priimti teritorijos statistikos duomenys; tuščia – nežinoma."]),
        Sheet("Savivaldybės", tables.municipalities, [Column("savivaldybe", "Savivaldybė", width=24), *pct,
                                                      Column("atsake_proc", "Atsakė, proc. vartotojų", "dec2", 12)],
              title="Atsakymai pagal savivaldybes"),
        Sheet("Amžius", tables.ages, [Column("amziaus_grupe", "Amžiaus grupė", width=18), *pct],
              title="Atsakymai pagal amžiaus grupes"),
        Sheet("Lytis", tables.genders, [Column("lytis", "Lytis", width=24), *pct], title="Atsakymai pagal lytį"),
        Sheet("Savaitės", tables.weeks, [Column("savaite", "Savaitė nuo", "date", 13), pct[0]],
              title="Atsakymai pagal savaites", charts=[Chart("column", "Atsakymai pagal savaites", "savaite",
                                                              ["atsakymai"])]),
        Sheet("Klausimai", _questions(results), [
            Column("nr", "Nr.", "int", 6), Column("klausimas", "Klausimas", width=60),
            Column("tipas", "Tipas", width=18),
            Column("pridetas", "Pridėtas", "datetime", 16), Column("galejo", "Galėjo atsakyti", "int", 11),
            Column("atsake", "Atsakė", "int", 9), Column("vidurkis", "Vidurkis", "dec2", 10)],
            title="Klausimai ir jų tipai",
            notes=["„Pridėtas“ – klausimas atsirado apklausai vykstant; jo rezultatai skaičiuojami iš atsakymų, gautų "
                   "nuo tada („Galėjo atsakyti“)."]),
        Sheet("Skalės", tables.scales, [Column("klausimas", "Klausimas", width=60),
                                        Column("atsakymai", "Atsakė", "int"),
                                        Column("vidurkis", "Vidurkis", "dec2"),
                                        Column("dalis_4_5", "4–5, proc.", "percent"),
                                        Column("vidurkis_pernai", "Vidurkis anksčiau", "dec2")],
              title="Vertinimai skalėje nuo 1 iki 5"),
        Sheet("Atsakymai", _distribution(results), [
            Column("nr", "Nr.", "int", 6), Column("klausimas", "Klausimas", width=50),
            Column("variantas", "Variantas / rodiklis", "int", 40),  # a scale's points are numbers, options text
            *pct, Column("reiksme", "Reikšmė", "dec2", 10)],
            title="Atsakymų pasiskirstymas pagal klausimus", notes=[PERCENT_NOTE]),
        Sheet("Pagal amžių", _by_age(results), [
            Column("nr", "Nr.", "int", 6), Column("klausimas", "Klausimas", width=50),
            Column("rodiklis", "Rodiklis", width=36), *(Column(g, g, "dec2", 12) for g in (*AGE_GROUPS, NO_AGE))],
            title="Uždari klausimai pagal amžiaus grupes"),
    ]
    if len(tables.comparison):
        sheets.append(Sheet("Palyginimas", tables.comparison, [
            Column("klausimas", "Klausimas", width=60), Column("vidurkis_pernai", "Vidurkis anksčiau", "dec2"),
            Column("vidurkis", "Vidurkis dabar", "dec2"), Column("vidurkio_pokytis", "Pokytis", "dec2"),
            Column("dalis_pernai", "4–5 anksčiau, proc.", "percent"), Column("dalis", "4–5 dabar, proc.", "percent"),
            Column("dalies_pokytis", "Pokytis, proc. p.", "dec1")],
            title=f"Palyginimas su „{tables.previous.title}“" if tables.previous is not None else "Palyginimas"))
    sheets += [
        Sheet("Atviri atsakymai", tables.open_answers, [Column("biblioteka", "Biblioteka", width=44),
                                                        Column("klausimas", "Klausimas", width=40),
                                                        Column("atsakymas", "Atsakymas", width=90)],
              title="Atviri atsakymai pagal bibliotekas",
              notes=["Vardai, el. pašto adresai ir telefonai pakeisti žymomis."]),
        Sheet("Dažni žodžiai", _words(tables), [Column("klausimas", "Klausimas", width=50),
                                                Column("zodis", "Žodis", width=20),
                                                Column("kartai", "Atsakymų", "int")],
              title="Dažniausi žodžiai atviruose atsakymuose"),
    ]
    return sheets

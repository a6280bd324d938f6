"""`apdovanojimai`: scoring sheets for each juror, missing scores, and after the scoring deadline the results,
the results protocol and numbered diplomas.

Scoring lives in :mod:`automations.domain.awards`. Nominees' personal details appear only where
they must: in the results protocol, on the diplomas, and in each juror's own scoring sheet (the
candidates that juror scores); every other document names candidates by their number (``K-07``).
Diploma numbers (``PAVB-AD-<year>-NN``) are kept in a register, as certificates are.
"""

from __future__ import annotations

import logging

import pandas as pd

from automations import lt
from automations.domain import awards as domain
from automations.domain.awards import Awards
from automations.domain.documents import doc_table, figure_sheet
from automations.job import Job, JobContext
from automations.register import Entry, RegisterError, assign_numbers, issued, read_register, register_workbook
from automations.render.xlsx import Column, Sheet, workbook_bytes
from sheets_schema.apdovanojimai import CATEGORIES, same_library
from sheets_schema.types import given, text_key

log = logging.getLogger("automations")
SUBJECT = "Apdovanojimai"
PREFIX = "PAVB-AD"
REGISTER_HEADERS = ("Nr.", "Konkursas / nominacija", "Laimėtojas", "Biblioteka", "Išdavimo data", "Būsena")
RESTRICTED = "RIBOTO NAUDOJIMO: kandidatų duomenys tik vertinimui; neplatinti."


def scoring_workbook(awards: Awards, juror: dict, refs) -> bytes:
    """One juror's sheet: rows to copy into `Vertinimai` (scores already given filled in), candidates, criteria."""
    done = {(k, c): b for j, k, c, b in zip(awards.scores["vertintojas"], awards.scores["_key"],
                                              awards.scores["_criterion"], awards.scores["balas"], strict=True)
            if text_key(j) == text_key(juror["vertintojas"])}
    mine = awards.candidates.loc[[not same_library(refs, juror["biblioteka"], lib)
                                  for lib in awards.candidates["biblioteka"]]]
    ambiguous = domain.ambiguous_names(awards.candidates)
    rows = [{"konkursas": awards.contest.name, "vertintojas": juror["vertintojas"],
             "biblioteka": juror["biblioteka"], "kandidatas": domain.label(c, ambiguous), "kriterijus": k["kriterijus"],
             "balas": done.get((c["_key"], text_key(k["kriterijus"]))), "komentaras": None}
            for c in mine.to_dict("records") for k in awards.criteria.to_dict("records")]
    criteria = awards.criteria.assign(ribos=[f"{lo}–{hi}" for lo, hi in zip(awards.criteria["balai_nuo"],
                                                                          awards.criteria["balai_iki"], strict=True)])
    return workbook_bytes([
        Sheet("Vertinimas", pd.DataFrame(rows, columns=["konkursas", "vertintojas", "biblioteka", "kandidatas",
                                                       "kriterijus", "balas", "komentaras"]), [
            Column("konkursas", "Konkursas", width=16), Column("vertintojas", "Vertintojas", width=22),
            Column("biblioteka", "Vertintojo biblioteka", width=30), Column("kandidatas", "Kandidatas", width=30),
            Column("kriterijus", "Kriterijus", width=36), Column("balas", "Balas", "int", 8),
            Column("komentaras", "Komentaras", width=40)],
            title=f"{awards.contest.name}: vertinimo lapas – {juror['vertintojas']}",
            notes=[f"Įrašykite balus iki {lt.long_date(awards.contest.scoring_deadline)}; eilutes galima tiesiai "
                   "nukopijuoti į lapą „Vertinimai“. Jūsų bibliotekos kandidatų čia nėra: jų nevertinate.",
                   RESTRICTED]),
        Sheet("Kandidatai", mine, [Column("nr", "Nr.", width=7), Column("kategorija", "Kategorija", width=24),
                                   Column("kandidatas", "Kandidatas", width=30), Column("biblioteka", "Biblioteka",
                                                                                       width=44),
                                   Column("pareigos", "Pareigos", width=22), Column("pagrindimas", "Pagrindimas",
                                                                                    width=90)],
              title="Vertinami kandidatai", notes=[RESTRICTED]),
        Sheet("Kriterijai", criteria, [Column("kriterijus", "Kriterijus", width=40), Column("svoris", "Svoris", "dec2"),
                                       Column("ribos", "Balai", width=10)], title="Vertinimo kriterijai"),
    ], title=f"Vertinimo lapas {awards.contest.name}")


def missing_workbook(awards: Awards, lacking: pd.DataFrame, today) -> bytes:
    days = (awards.contest.scoring_deadline - today).days
    state = (f"Iki vertinimo termino ({lt.short_date(awards.contest.scoring_deadline)}) liko {days} d." if days >= 0
             else f"Vertinimo terminas ({lt.short_date(awards.contest.scoring_deadline)}) praėjo.")
    per_juror = lacking.groupby("vertintojas").agg(kandidatai=("nr", "nunique"), balai=("kiek", "sum")).reset_index()
    return workbook_bytes([
        Sheet("Vertintojai", per_juror, [Column("vertintojas", "Vertintojas", width=28),
                                         Column("kandidatai", "Neįvertinti kandidatai", "int", 14),
                                         Column("balai", "Trūksta balų", "int", 12)],
              title=f"{awards.contest.name}: trūkstami vertinimai", notes=[state] if len(lacking) else
              [state, "Visi vertinimai pateikti."]),
        Sheet("Kas ko nevertino", lacking, [Column("vertintojas", "Vertintojas", width=28), Column("nr", "Kandidatas",
                                                                                                 width=11),
                                           Column("kategorija", "Kategorija", width=24),
                                           Column("truksta", "Trūksta kriterijų", width=60)],
              title="Kuris vertintojas kurio kandidato dar neįvertino",
              notes=["Kandidatai nurodyti numeriais (žr. vertinimo lapų „Kandidatai“)."]),
    ], title=f"Trūkstami vertinimai {awards.contest.name}")


def results_sheets(ctx: JobContext, awards: Awards, lacking: pd.DataFrame) -> list[Sheet]:
    names = list(awards.criteria["kriterijus"])
    conflicts = awards.scores.loc[awards.scores["konfliktas"]].merge(awards.candidates[["_key", "nr"]], on="_key")
    year = ctx.year
    return [
        figure_sheet("Santrauka", [ctx.figures.get(f, year) for f in ("apdovanojimai.nominacijos",
                                                                      "apdovanojimai.apdovanoti")],
                     f"Apdovanojimai, {ctx.figures.period(year).title}"),
        Sheet("Rezultatai", awards.results, [
            Column("kategorija", "Kategorija", width=24), Column("vieta", "Vieta", "int", 7),
            Column("nr", "Kandidatas", width=11),
            *(Column(f"sv:{n}", f"{n} (svertinis)", "dec2", 14) for n in names),
            Column("bendras", "Bendras balas", "dec2", 11), Column("vertintojai", "Vertino narių", "int", 9),
            Column("lygus", "Lygūs balai", width=9), Column("laimetojas", "Laimėtojas", width=11)],
            title=f"{awards.contest.name}: rezultatai", row_styles={i: "gerai" for i, w in
                                                                      enumerate(awards.results["laimetojas"]) if w},
            notes=["Kandidatai – numeriais; vardai – rezultatų protokole. Svertinis – narių balų vidurkis × svoris."]),
        Sheet("Vidurkiai", awards.results, [Column("kategorija", "Kategorija", width=24),
                                            Column("nr", "Kandidatas", width=11),
                                            *(Column(f"vid:{n}", n, "dec2", 14) for n in names)],
              title="Kriterijų vidurkiai (be svorio)"),
        Sheet("Neįskaičiuoti", conflicts, [Column("vertintojas", "Vertintojas", width=26), Column("nr", "Kandidatas"),
                                           Column("kriterijus", "Kriterijus", width=36),
                                           Column("balas", "Balas", "int")],
              title="Neįskaičiuoti balai: vertintojas ir kandidatas iš tos pačios bibliotekos"),
        Sheet("Trūkstami", lacking, [Column("vertintojas", "Vertintojas", width=26), Column("nr", "Kandidatas"),
                                     Column("truksta", "Trūksta kriterijų", width=60)],
              title="Iki termino nepateikti vertinimai"),
    ]


def protocol_context(awards: Awards, lacking: pd.DataFrame) -> dict:
    names = list(awards.criteria["kriterijus"])
    people = awards.results.merge(awards.candidates[["_key", "kandidatas", "biblioteka"]], on="_key")
    categories = []
    for category in [c for c in CATEGORIES if c in set(people["kategorija"])]:
        rows = people.loc[people["kategorija"] == category]
        rows = rows.assign(vieta_txt=[f"{int(v)}{'*' if tie else ''}" if given(v) else "–"
                                      for v, tie in zip(rows["vieta"], rows["lygus"], strict=True)],
                           mark=["laimėtojas" if won else "" for won in rows["laimetojas"]])
        spec = [("vieta_txt", "Vieta", "text"), ("kandidatas", "Kandidatas", "text"),
                ("biblioteka", "Biblioteka", "text"), *((f"sv:{n}", n, "dec2") for n in names),
                ("bendras", "Bendras", "dec2"), ("mark", "", "text")]
        widths = [14, 45, 60, *[96 / max(len(names), 1)] * len(names), 18, 22]
        categories.append({"kategorija": category[0].upper() + category[1:],
                           "lentele": doc_table(rows, spec, widths_mm=widths)})
    ties = [f"{r.kategorija}, {int(r.vieta)} vieta: " + ", ".join(group["kandidatas"])
            for r, group in ((g.iloc[0], g) for _, g in people.loc[people["lygus"]].groupby(["kategorija", "vieta"]))]
    conflicts = awards.scores.loc[awards.scores["konfliktas"]].merge(
        awards.candidates[["_key", "kandidatas"]].rename(columns={"kandidatas": "vardas"}), on="_key")
    return {
        "konkursas": awards.contest.name, "nominaciju_terminas": awards.contest.nominations_deadline,
        "vertinimo_terminas": awards.contest.scoring_deadline, "apdovanojimo_data": awards.contest.award_date,
        "kandidatu": len(awards.candidates), "laimetoju_sk": awards.contest.winners,
        "komisija": [{"vardas": j["vertintojas"], "biblioteka": j["biblioteka"] or "", "vaidmuo": j["vaidmuo"]}
                     for j in awards.jury.to_dict("records")],
        "kriterijai": [{"kriterijus": k["kriterijus"], "svoris": lt.number(k["svoris"], 2),
                        "balai": f"{k['balai_nuo']}–{k['balai_iki']}"} for k in awards.criteria.to_dict("records")],
        "kategorijos": categories, "lygus": ties,
        "konfliktai": [f"{j} – {c}" for (j, c), _ in conflicts.groupby(["vertintojas", "vardas"], sort=True)],
        "truksta": [f"{j} – {lt.count_phrase(int(n), 'kandidatas', 'kandidatai', 'kandidatų')}"
                    for j, n in lacking.groupby("vertintojas")["nr"].nunique().items()],
        "laimetojai": [f"{r.kategorija[0].upper() + r.kategorija[1:]}: {r.kandidatas} ({r.biblioteka})"
                       for r in awards.winners.itertuples()],
    }


def winner_entries(awards: Awards) -> list[Entry]:
    """This contest's winners in the order new numbers are given: category, place, name."""
    day = awards.contest.award_date or awards.contest.scoring_deadline
    winners = awards.winners.assign(_order=awards.winners["kategorija"].map(CATEGORIES.index),
                                    _name=awards.winners["kandidatas"].map(lt.sort_key))
    return [Entry("", f"{awards.contest.name} / {r.kategorija}", r.kandidatas, r.biblioteka, day)
            for r in winners.sort_values(["_order", "vieta", "_name"]).itertuples()]


def diplomas(ctx: JobContext, year: int, decided: list[Awards]) -> None:
    """A diploma per winner of the year's decided contests, numbered once and for good (one register a year);
    an unreadable register stops only this part."""
    path = f"{year}/{SUBJECT}/Diplomų registras {year}.xlsx"
    try:
        previous = read_register(ctx.fetch(path))
    except RegisterError as error:
        log.error("apdovanojimai: diplomas not issued, fix or restore %s: %s", path, error)
        return
    entries = assign_numbers(previous, [e for a in decided for e in winner_entries(a)], PREFIX, year, digits=2)
    for entry in issued(entries):
        contest, category = entry.code.split(" / ", 1)
        ctx.output(f"Diplomai {year}", f"{entry.number} {entry.name}.docx", ctx.docx("apdovanojimai_diplomas", {
            "numeris": entry.number, "kandidatas": entry.name, "biblioteka": entry.library, "konkursas": contest,
            "kategorija": category[0].upper() + category[1:], "data": entry.issued}), year=year)
    ctx.output(SUBJECT, f"Diplomų registras {year}.xlsx",
               register_workbook(entries, f"Apdovanojimų diplomų registras, {year} m.", REGISTER_HEADERS), year=year)


def produce(ctx: JobContext) -> None:
    refs = ctx.figures.references()
    decided: dict[int, list[Awards]] = {}
    for awards in domain.every_contest(ctx.figures):
        contest = awards.contest
        if ctx.year not in (contest.nominations_deadline.year, contest.scoring_deadline.year):
            continue
        for juror in awards.jury.to_dict("records"):
            ctx.output(f"Vertinimo lapai {contest.name}", f"{juror['vertintojas']}.xlsx",
                       scoring_workbook(awards, juror, refs))
        lacking = domain.missing(awards.candidates, awards.jury, awards.criteria, awards.scores, refs)
        ctx.output(SUBJECT, f"Trūkstami vertinimai {contest.name}.xlsx", missing_workbook(awards, lacking, ctx.today))
        if not contest.decided(ctx.today):
            continue
        if awards.results.empty:
            log.warning("apdovanojimai: %s has no usable criteria (weights must sum to 1); no results", contest.name)
            continue
        ctx.output(SUBJECT, f"Vertinimo rezultatai {contest.name}.xlsx",
                   ctx.xlsx(results_sheets(ctx, awards, lacking), f"Vertinimo rezultatai {contest.name}"))
        ctx.output(SUBJECT, f"Rezultatų protokolas {contest.name}.docx",
                   ctx.docx("apdovanojimai_protokolas", protocol_context(awards, lacking)))
        decided.setdefault(contest.year, []).append(awards)
    for year, contests in decided.items():
        diplomas(ctx, year, contests)


JOB = Job(
    name="apdovanojimai",
    description="Awards: scoring sheets per juror, missing scores, weighted results, protocol and numbered diplomas",
    workbooks=(domain.WORKBOOK,),
    produce=produce,
    order=60,
)

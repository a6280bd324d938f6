"""`kvalifikacija`: training schedule (xlsx, docx, .ics), certificates, training hours, needs and next year's plan.

Counting lives in :mod:`automations.domain.training` (shared with the activity plan and the annual
report); numbering certificates in :mod:`automations.register`. Names of participants appear
only on their certificates, in the certificate register and in the restricted hours list.
"""

from __future__ import annotations

import datetime as dt
import logging
import re

import pandas as pd

from automations import lt
from automations.config import CertificateSettings
from automations.domain import training
from automations.domain.documents import figure_sheet
from automations.domain.figures import Figures
from automations.domain.rows import references
from automations.job import Job, JobContext
from automations.register import (
    Entry,
    RegisterError,
    assign_numbers,
    certificate_properties,
    entry_key,
    issued,
    read_register,
    recover,
    register_workbook,
)
from automations.render.charts import bar_chart
from automations.render.docx import DocImage, DocTable
from automations.render.ics import calendar_bytes
from automations.render.xlsx import Column, Sheet, workbook_bytes
from sheets_schema.references import References
from sheets_schema.types import text_key

log = logging.getLogger("automations")
WORKBOOK = "kvalifikacija"
SUBJECT = "Kvalifikacija"
CERTIFICATES = "Pažymėjimai"
PREFIX = "PAVB-KT"
LOCATIVE = {"seminaras": "seminare", "mokymai": "mokymuose", "kursai": "kursuose", "konferencija": "konferencijoje",
            "stažuotė": "stažuotėje", "pažintinis vizitas": "pažintiniame vizite",
            "darbo stebėjimas": "darbo stebėjimo vizite"}
SCHEDULE_COLUMNS = [
    Column("kodas", "Kodas", width=13), Column("data_nuo", "Data nuo", "date", 11),
    Column("pabaigos_data", "Data iki", "date", 11), Column("laikas", "Laikas", width=12),
    Column("pavadinimas", "Pavadinimas", width=44), Column("forma", "Forma", width=14),
    Column("budas", "Būdas", width=12), Column("vieta", "Vieta", width=28),
    Column("trukme", "Trukmė, akad. val.", "dec1", 10), Column("kompetenciju_sritis", "Kompetencijų sritis", width=26),
    Column("tiksline_grupe", "Tikslinė grupė", width=26),
    Column("vietu_skaicius", "Vietų", "int", 8), Column("registruota", "Užsiregistravo", "int", 10),
    Column("liko_vietu", "Liko vietų", "int", 9)]
MUNICIPALITY = Column("savivaldybe", "Savivaldybė", width=24, shown=lt.municipality)
HOURS_FIGURES = ("mokymai.ivyke", "mokymai.asmenys", "mokymai.dalyvavimai", "mokymai.valandos")
HOURS_COLUMNS = [Column("dalyviai", "Dalyvavimai", "int", 12), Column("asmenys", "Apmokyti asmenys", "int", 12),
                 Column("valandos", "Akad. val.", "dec1", 11)]


def quarter_title(year: int, quarter: int) -> str:
    return f"{year} m. {lt.QUARTERS[quarter - 1]} ketvirtis"


def schedule_sheet(name: str, frame: pd.DataFrame, title: str) -> Sheet:
    full = {i: "įspėjimas" for i, left in enumerate(frame["liko_vietu"]) if training.given(left) and left <= 0}
    return Sheet(name, frame, SCHEDULE_COLUMNS, title=title, row_styles=full,
                 notes=["Liko vietų = vietų skaičius − užsiregistravusieji; geltonai – vietų nebeliko."])


def schedule_table(frame: pd.DataFrame) -> DocTable:
    rows = [[r.datos, r.laikas, f"{r.pavadinimas} ({r.kodas})", f"{r.forma}, {r.budas}",
             r.vieta if training.given(r.vieta) else "", training.hours_text(r.trukme),
             r.tiksline_grupe if training.given(r.tiksline_grupe) else "",
             "" if not training.given(r.liko_vietu) else lt.number(max(r.liko_vietu, 0))]
            for r in frame.itertuples()]
    return DocTable(["Data", "Laikas", "Renginys", "Forma, būdas", "Vieta", "Akad. val.", "Tikslinė grupė",
                     "Liko vietų"], rows, numeric={5, 7}, widths_mm=[34, 20, 70, 30, 40, 15, 35, 15])


def certificate_entries(attended: pd.DataFrame, today: dt.date) -> list[Entry]:
    """This run's certificates, in the order new numbers are given: by training date, code, name."""
    granted = attended.loc[attended["pazymejimas"].map(lambda v: training.given(v) and bool(v))
                           & attended["pabaigos_data"].map(lambda day: day <= today)]
    granted = granted.assign(_name=granted["vardas_pavarde"].map(lt.person_key))  # surname first
    granted = granted.sort_values(["pabaigos_data", "kodas", "_name"])
    return [Entry("", r.kodas, r.vardas_pavarde, r.bibliotekos_pavadinimas, r.pabaigos_data)
            for r in granted.itertuples()]


def certificate_context(entry: Entry, course: dict) -> dict:
    """What a certificate says: who, which training (organiser, place, dates), the hours heard of the programme."""
    lecturer = course["lektorius"] if training.given(course["lektorius"]) else ""
    return {"numeris": entry.number, "vardas": entry.name, "biblioteka": entry.library,
            "forma_vietininkas": LOCATIVE.get(course["forma"], "renginyje"), "pavadinimas": course["pavadinimas"],
            "datos": lt.date_range(course["data_nuo"], course["pabaigos_data"]),
            "vieta": place_text(course["budas"], course["vieta"]),
            "valandos": heard_text(course["valandos"], course["trukme"]),
            "sritis": course["kompetenciju_sritis"], "lektorius": lecturer,
            "lektorius_vaidmuo": training.lecturer_role(course) if lecturer else "",
            "organizatorius": course["organizatorius"] if training.given(course.get("organizatorius")) else "",
            "isduota": entry.issued}


def place_text(mode: str, place: object) -> str:
    """``nuotoliniu būdu (Zoom)``, ``PAVB Konferencijų salė ir nuotoliniu būdu`` or the place itself."""
    where = str(place).strip() if training.given(place) else ""
    if mode == "nuotolinis":
        return f"nuotoliniu būdu ({where})" if where else "nuotoliniu būdu"
    if mode == "mišrus":
        return f"{where} ir nuotoliniu būdu" if where else "kontaktiniu ir nuotoliniu būdu"
    return where


def heard_text(heard: object, programme: object) -> str:
    """``išklausė 8 akad. val. programą`` or ``išklausė 3 akad. val. iš 7 akad. val. programos``."""
    total = training.hours_text(programme)
    if not training.given(heard) or float(heard) >= float(programme):
        return f"išklausė {total} akad. val. programą"
    return f"išklausė {training.hours_text(heard)} akad. val. iš {total} akad. val. programos"


def own_training(organiser: object, institution: object) -> bool:
    """A training the Library organised: no other organiser named, or the Library's own name or short name."""
    if not training.given(organiser) or not str(organiser).strip():
        return True
    text = text_key(organiser)
    names = (institution.short_name, institution.name)
    return any(re.search(rf"(?<!\w){re.escape(text_key(name))}(?!\w)", text) for name in names if name)


def certified(attended: pd.DataFrame, institution: object, rules: CertificateSettings) -> pd.DataFrame:
    """Participations that earn the Library's numbered certificate: its own trainings (or every one, when
    configured), with at least ``min_attendance`` percent of the programme's hours heard."""
    if attended.empty:
        return attended
    own = attended["organizatorius"].map(lambda organiser: own_training(organiser, institution))
    share = [float(heard) / float(total) * 100 if training.given(total) and float(total) > 0 else 100.0
             for heard, total in zip(attended["valandos"], attended["trukme"], strict=True)]
    keep = (own | rules.other_organisers) & pd.Series([value + 1e-9 >= rules.min_attendance for value in share],
                                                       index=attended.index)
    return attended.loc[keep]


def hours_sheets(figures: Figures, year: int) -> list[Sheet]:
    attended = figures.rows("mokymai.dalyvavimai", year)
    summary = figure_sheet("Santrauka", [figures.get(figure_id, year) for figure_id in HOURS_FIGURES],
                           f"Kvalifikacijos tobulinimas, {figures.period(year).title}")
    municipalities = training.hours_by(attended, ["savivaldybe"])
    libraries = training.hours_by(attended, ["bibliotekos_pavadinimas", "savivaldybe"])
    courses = training.hours_by(attended, ["kodas", "pavadinimas"])
    areas = training.hours_by(attended, ["kompetenciju_sritis"])
    note = [f"Mokymai, pasibaigę {figures.period(year).title}; skaičiuojami dalyviai, kurių „Dalyvavo“ – Taip. "
            "Akad. val. – išklausytos valandos (jei neįrašytos – mokymų trukmė). Asmenų vardų šiame faile nėra."]
    return [
        summary,
        Sheet("Savivaldybės", municipalities, [MUNICIPALITY, *HOURS_COLUMNS],
              title=f"Mokymų valandos pagal savivaldybes, {year} m.", notes=note),
        Sheet("Bibliotekos", libraries, [Column("bibliotekos_pavadinimas", "Biblioteka", width=50),
                                         MUNICIPALITY, *HOURS_COLUMNS],
              title=f"Mokymų valandos pagal bibliotekas, {year} m.", notes=note),
        Sheet("Mokymai", courses, [Column("kodas", "Kodas", width=13), Column("pavadinimas", "Mokymai", width=50),
                                   *HOURS_COLUMNS], title=f"Dalyviai ir valandos pagal mokymus, {year} m."),
        Sheet("Sritys", areas, [Column("kompetenciju_sritis", "Kompetencijų sritis", width=32), *HOURS_COLUMNS],
              title=f"Mokymų valandos pagal kompetencijų sritis, {year} m."),
    ]


def people_workbook(attended: pd.DataFrame, year: int) -> bytes:
    people = attended.groupby("asmuo").agg(
        vardas=("vardas_pavarde", "first"), biblioteka=("bibliotekos_pavadinimas", "first"),
        savivaldybe=("savivaldybe", "first"), mokymai=("_kodas", "nunique"), valandos=("valandos", "sum"))
    people = lt.sort_people(people, "vardas")
    detail = attended.sort_values(["vardas_pavarde", "pabaigos_data"], key=lambda c: c.map(
        lambda v: lt.person_key(v) if isinstance(v, str) else v))
    return workbook_bytes([
        Sheet("Asmenys", people, [Column("vardas", "Vardas, pavardė", width=28),
                                  Column("biblioteka", "Biblioteka", width=48),
                                  MUNICIPALITY,
                                  Column("mokymai", "Mokymai", "int", 10),
                                  Column("valandos", "Akad. val.", "dec1", 11)],
              title=f"Mokymų valandos asmenims, {year} m.",
              notes=["RIBOTO NAUDOJIMO: asmens duomenys; neplatinti ir neskelbti."]),
        Sheet("Dalyvavimai", detail, [Column("vardas_pavarde", "Vardas, pavardė", width=28),
                                      Column("bibliotekos_pavadinimas", "Biblioteka", width=44),
                                      Column("kodas", "Kodas", width=13), Column("pavadinimas", "Mokymai", width=44),
                                      Column("pabaigos_data", "Data", "date", 11),
                                      Column("valandos", "Akad. val.", "dec1", 10)],
              title="Kiekvienas dalyvavimas"),
    ], title=f"Mokymų valandos asmenims {year}")


def needs_outputs(ctx_year: int, answers: pd.DataFrame, refs: References, done: pd.DataFrame) -> tuple[bytes, dict]:
    """The needs-analysis workbook and the draft plan's template context."""
    year = training.survey_year(answers, ctx_year)
    long = training.needs_long(answers, refs, year)
    ranked = training.rank_areas(long)
    kinds = training.crosstab(long, "tipas", ["SVB", "mokyklos biblioteka", training.UNKNOWN_TYPE])
    quarters = training.crosstab(long, "ketvirtis", [*lt.QUARTERS, "nenurodyta"])
    plan = training.draft_plan(ranked, long, done, ctx_year + 1)
    rank_columns = [Column("vieta", "Vieta", "int", 7), Column("sritis", "Kompetencijų sritis", width=34),
                    Column("paminejimai", "Atsakymai", "int", 10), Column("dalis", "Proc. atsakiusiųjų", "percent", 11),
                    Column("pirmas_prioritetas", "1 prioritetas", "int", 10),
                    Column("vid_prioritetas", "Vid. prioritetas", "dec1", 10), Column("balai", "Balai", "int", 8)]
    plan_columns = [Column("ketvirtis", "Ketvirtis", width=9), Column("sritis", "Kompetencijų sritis", width=34),
                    Column("forma", "Siūloma forma", width=26), Column("paminejimai", "Atsakymai", "int", 10),
                    Column("balai", "Balai", "int", 8), Column("mokymai_siemet", f"Mokymai {ctx_year} m.", "int", 10),
                    Column("apmokyta_siemet", f"Apmokyta {ctx_year} m.", "int", 10)]
    book = workbook_bytes([
        Sheet("Sritys", ranked, rank_columns, title=f"Mokymų poreikiai pagal sritis ({year} m. apklausa)",
              notes=[f"Atsakymų: {long['atsakymas'].nunique()}. "
                     "Balai: 1 prioritetas – 3, 2 – 2, 3 ar nenurodytas – 1."]),
        Sheet("Bibliotekų tipai", kinds, title="Sritys pagal bibliotekų tipą (atsakymų skaičius)"),
        Sheet("Ketvirčiai", quarters, title="Sritys pagal pageidaujamą ketvirtį (atsakymų skaičius)"),
        Sheet(f"Planas {ctx_year + 1}", plan, plan_columns, title=f"{ctx_year + 1} m. mokymų plano projektas"),
        Sheet("Šiemet įvykę", done, [Column("sritis", "Kompetencijų sritis", width=34),
                                     Column("mokymai", "Mokymai", "int", 10),
                                     Column("asmenys", "Apmokyti asmenys", "int", 12),
                                     Column("valandos", "Akad. val.", "dec1", 10)],
              title=f"Kas jau įvyko {ctx_year} m."),
    ], title=f"Mokymų poreikių analizė {ctx_year}")
    top = ranked.head(3)["sritis"].tolist()
    context = {
        "kiti_metai": ctx_year + 1, "per_ketvirti": training.PLAN_PER_QUARTER,
        "santrauka": (f"{year} m. apklausos atsakymų – {long['atsakymas'].nunique()}. "
                      + (f"Labiausiai pageidaujamos sritys: {', '.join(top)}." if top else "Atsakymų dar nėra.")),
        "reitingas": DocTable(["Vieta", "Sritis", "Atsakymai", "Proc.", "1 prioritetas", "Balai"],
                              [[r.vieta, r.sritis, r.paminejimai, lt.percent(r.dalis), r.pirmas_prioritetas, r.balai]
                               for r in ranked.itertuples()], numeric={0, 2, 3, 4, 5}),
        "pagal_tipa": DocTable(list(kinds.columns), kinds.values.tolist(), numeric=set(range(1, kinds.shape[1]))),
        "pagal_ketvirti": DocTable(list(quarters.columns), quarters.values.tolist(),
                                   numeric=set(range(1, quarters.shape[1]))),
        "planas": DocTable(["Ketvirtis", "Sritis", "Siūloma forma", "Atsakymai", "Šiemet"],
                           [[r.ketvirtis, r.sritis, r.forma, r.paminejimai, r.pastaba] for r in plan.itertuples()],
                           numeric={3}),
        "grafikas": DocImage(bar_chart(ranked["sritis"].tolist(), {"Balai": ranked["balai"].tolist()},
                                       "Mokymų poreikiai pagal sritis", horizontal=True), 160),
    }
    return book, context


def certificates(ctx: JobContext, attended: pd.DataFrame) -> None:
    """Certificates and the register; the register is checked against the certificates already issued.

    A register that was deleted, cut short or cannot be read is rebuilt from the certificates
    in the output folder (each carries its line), so no number is ever given twice. Only when
    the backend cannot list its outputs and the register is unreadable are no certificates issued.
    """
    path = f"{ctx.year}/{SUBJECT}/Pažymėjimų registras {ctx.year}.xlsx"
    current = certificate_entries(attended, ctx.today)
    files = ctx.listing(CERTIFICATES)
    try:
        previous = read_register(ctx.fetch(path))
    except RegisterError as error:
        if files is None:
            log.error("kvalifikacija: certificates not issued, fix or restore %s: %s", path, error)
            return
        log.warning("kvalifikacija: %s is damaged (%s); rebuilt from the certificates already issued", path, error)
        previous = []
    if files is not None:
        previous = recover(previous, files, ctx.fetch, current, PREFIX, ctx.year)
    entries = assign_numbers(previous, current, PREFIX, ctx.year)
    keys = [entry_key(code, name, library) for code, name, library in zip(
        attended["kodas"], attended["vardas_pavarde"], attended["bibliotekos_pavadinimas"], strict=True)]
    courses = attended.assign(_key=keys).drop_duplicates("_key").set_index("_key").to_dict("index")
    for entry in issued(entries):
        course = courses[entry.key]
        content = ctx.docx("pazymejimas", certificate_context(entry, course), title=f"Pažymėjimas {entry.number}",
                           date=entry.issued, properties=certificate_properties(entry))
        ctx.output(CERTIFICATES, f"{entry.number} {entry.name}.docx", content)
    ctx.output(SUBJECT, f"Pažymėjimų registras {ctx.year}.xlsx",
               register_workbook(entries, f"Kvalifikacijos tobulinimo pažymėjimų registras, {ctx.year} m."),
               date=max((entry.issued for entry in entries if entry.issued), default=None))


def produce(ctx: JobContext) -> None:
    trainings, people = ctx.frame(WORKBOOK, "Mokymai"), ctx.frame(WORKBOOK, "Dalyviai")
    refs = references(ctx.results)
    year = ctx.year
    next_year, quarter = training.coming_quarter(ctx.today)
    q_start, q_end = training.quarter_bounds(next_year, quarter)
    coming = training.schedule(trainings, people, q_start, q_end)
    whole = training.schedule(trainings, people, dt.date(year, 1, 1), dt.date(year, 12, 31))
    title = quarter_title(next_year, quarter)
    ctx.output(SUBJECT, f"Mokymų grafikas {year}.xlsx", workbook_bytes(
        [schedule_sheet("Ateinantis ketvirtis", coming, f"Mokymų grafikas: {title}"),
         schedule_sheet(f"{year} m.", whole, f"Mokymų grafikas: {year} m.")], title=f"Mokymų grafikas {year}"))
    feed = "Mokymų kalendorius.ics"
    ctx.output(SUBJECT, f"Mokymų grafikas {title}.docx", ctx.docx("mokymu_grafikas", {
        "ketvirtis": title, "ateinantys": len(coming), "lentele_ketvirtis": schedule_table(coming),
        "lentele_metai": schedule_table(whole), "kalendorius": feed}, title=f"Mokymų grafikas {title}"))
    in_feed = pd.concat([whole, coming]).drop_duplicates("_kodas")
    ctx.output(SUBJECT, feed, calendar_bytes(f"{ctx.institution.short_name} mokymai",
                                             training.calendar_events(in_feed)))
    attended = ctx.figures.rows("mokymai.dalyvavimai", year)
    ctx.output(SUBJECT, f"Mokymų valandos {year}.xlsx", ctx.xlsx(hours_sheets(ctx.figures, year),
                                                                   f"Mokymų valandos {year}"))
    ctx.output(SUBJECT, "Mokymų valandos asmenims (riboto naudojimo).xlsx", people_workbook(attended, year))
    book, plan = needs_outputs(year, ctx.frame(WORKBOOK, "Poreikiai"), refs, training.covered(attended))
    ctx.output(SUBJECT, f"Mokymų poreikių analizė {year}.xlsx", book)
    ctx.output(SUBJECT, f"Mokymų plano projektas {year + 1}.docx", ctx.docx(
        "mokymu_planas", plan, title=f"Mokymų plano projektas {year + 1}"))
    certificates(ctx, certified(attended, ctx.institution, ctx.settings.certificates))


JOB = Job(
    name="kvalifikacija",
    description="Trainings: schedule with calendar feed, numbered certificates, hours, needs analysis and draft plan",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=50,
)

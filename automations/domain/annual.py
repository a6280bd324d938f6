"""The annual report's sections, every number a figure of the registry.

Each ``*_section`` function returns part of the report's template context. Numbers are
:class:`~automations.domain.figures.Measured` values (or tables whose totals are), so the
job context prints and records them the way every other document does; the report's source
appendix lists exactly the figures its context holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from automations import lt
from automations.domain import commissions, territory
from automations.domain.documents import doc_table
from automations.domain.figures import Figures, Measured, Phrase, Plain, held_out_note
from automations.domain.projects import projects_by, relevant_projects
from automations.domain.visitors import places_table
from automations.render.charts import bar_chart, line_chart
from automations.render.docx import DocImage, DocTable
from automations.summary import with_total
from sheets_schema.apdovanojimai import CATEGORIES

KEY_FIGURES = ("renginiai.ivyke", "renginiai.dalyviai", "renginiai.transliacijos", "parodos.veikusios",
               "ekskursijos.ivykusios", "ekskursijos.dalyviai", "lankytojai.biblioteka", "lankytojai.zaose",
               "lankytojai.zaose_dienos", "nuoma.ivykdyti", "nuoma.pajamos_be_pvm", "nuoma.pajamos_su_pvm",
               "mokymai.ivyke", "mokymai.asmenys", "konsultacijos.suteiktos", "konsultacijos.isvykos",
               "viesinimas.publikacijos", "viesinimas.naujienlaiskiai", "projektai.vykdomi")
NO_DATA = "nėra duomenų"


def key_figures(figures: Figures, year: int) -> DocTable:
    """This year against the same stretch of last year; a year without any rows is "no data", not 0."""
    period = figures.period(year)
    before = figures.same_period_before(period)
    rows = []
    for figure_id in KEY_FIGURES:
        now, previous = figures.get(figure_id, year), figures.previous(figure_id, year)
        known = previous.rows > 0
        change = figures.compared(figure_id, year).change if known else None
        rows.append([now.name, Plain(previous) if known else NO_DATA, Plain(now),
                     lt.signed_percent(change) if change is not None else "–"])
    return DocTable(["Rodiklis", before.title, period.title, "Pokytis"], rows, numeric={1, 2, 3},
                    widths_mm=[70, 34, 34, 22])


def summary(figures: Figures, year: int) -> Phrase:
    def get(figure_id: str) -> Measured:
        return figures.get(figure_id, year)

    ahead = figures.period(year).end < pd.Timestamp(year, 12, 31).date()
    rest = (" Iki metų pabaigos dar suplanuota renginių – {planned}, ekskursijų – {tours}; patvirtinta būsimų nuomos "
            "užsakymų – {bookings}." if ahead else "")
    return Phrase(
        "{period} įvyko renginių – {events}, jų dalyvių – {attendees}; veikė parodų – {shows}; įvyko ekskursijų – "
        "{excursions}, jų dalyvių – {participants}. Bibliotekos lankytojų (be J. Urbšio sodybos) – {visitors}; "
        "J. Urbšio sodyboje Zaosėje lankytojų – {zaose}. Kvalifikacijos tobulinimo renginių – {trainings}, juose "
        "tobulinosi bibliotekininkų – {trained}; metodinių konsultacijų – {consultations}." + rest,
        period=figures.period(year).title, events=get("renginiai.ivyke"), attendees=get("renginiai.dalyviai"),
        shows=get("parodos.veikusios"), excursions=get("ekskursijos.ivykusios"),
        participants=get("ekskursijos.dalyviai"), visitors=get("lankytojai.biblioteka"), zaose=get("lankytojai.zaose"),
        trainings=get("mokymai.ivyke"), trained=get("mokymai.asmenys"), consultations=get("konsultacijos.suteiktos"),
        planned=get("renginiai.suplanuoti"), tours=get("ekskursijos.suplanuotos"), bookings=get("nuoma.patvirtinti"))


def territory_section(figures: Figures, year: int) -> dict[str, Any]:
    shown = territory.data_year(figures, year)
    if territory.statistics(figures, shown).submitted == 0:
        return {"teritorija": False, "teritorijos_metai": shown}
    stats = territory.statistics(figures, shown)
    awaiting = not territory.collected(figures, shown)
    rows, notes = [], []
    for key in territory.KEY_FIGURES:
        now = territory.measured(figures, key, shown, awaiting)
        change = now.comparison.change if now.comparison else None
        rows.append([territory.label(key), lt.number(stats.previous_territory.get(key)), Plain(now),
                     lt.signed_percent(change) if change is not None else "–"])
        if now.held_out:
            notes.append(f"{territory.label(key)}: {held_out_note(now)}.")
    comparison = stats.comparisons["registruoti_vartotojai"]
    together = stats.together()
    return {
        "teritorija": True, "teritorijos_metai": shown,
        "pateike": Plain(territory.submitted(figures, shown, awaiting)),
        "bibliotekos": len(stats.libraries),
        "su_ispejimais": territory.libraries_with(stats, territory.STATUS_WARNINGS),
        "teritorijos_rodikliai": DocTable(["Rodiklis", f"{shown - 1} m.", f"{shown} m.", "Pokytis*"], rows,
                                          numeric={1, 2, 3}),
        "teritorijos_pastabos": [
            f"* Pokytis – tų pačių {lt.count_phrase(comparison.units or 0, 'bibliotekos', 'bibliotekų', 'bibliotekų')},"
            f" priimtų ir {shown - 1}, ir {shown} m., duomenimis."
            + (f" Tik vienų metų duomenis turi: {', '.join(comparison.missing)}." if comparison.missing else ""),
            *notes],
        "savivaldybes": doc_table(together, [("savivaldybe", "Savivaldybė", "municipality"),
                                             ("registruoti_vartotojai", "Vartotojai", "int"),
                                             ("vartotoju_proc", "Proc. gyventojų", "percent"),
                                             ("apsilankymai", "Apsilankymai", "int"), ("isduotis", "Išduotis", "int"),
                                             ("renginiai", "Renginiai", "int")]),
        "grafikas_teritorija": DocImage(territory.users_chart(stats), 160),
    }


def events_section(figures: Figures, year: int) -> dict[str, Any]:
    by_type = figures.breakdown({"renginiai": "renginiai.ivyke", "dalyviai": "renginiai.dalyviai"}, year, "tipas",
                                order="desc")
    months = figures.by_month({"dalyviai": "renginiai.dalyviai"}, year)
    shows = figures.breakdown({"parodos": "parodos.veikusios", "lankytojai": "parodos.lankytojai"}, year, "tipas",
                              order="desc")
    groups = figures.breakdown({"ekskursijos": "ekskursijos.ivykusios", "dalyviai": "ekskursijos.dalyviai"}, year,
                               "grupes_tipas", order="desc")
    return {
        "renginiai_pagal_tipa": doc_table(by_type, [("tipas", "Tipas", "text"), ("renginiai", "Renginiai", "int"),
                                                    ("dalyviai", "Dalyviai", "int")], bold_last=True),
        "parodos_pagal_tipa": doc_table(shows, [("tipas", "Tipas", "text"), ("parodos", "Parodos", "int"),
                                                ("lankytojai", "Lankytojai", "int")], bold_last=True),
        "ekskursijos_pagal_grupe": doc_table(groups, [("grupes_tipas", "Grupė", "text"),
                                                      ("ekskursijos", "Ekskursijos", "int"),
                                                      ("dalyviai", "Dalyviai", "int")], bold_last=True),
        "uzsienio_grupes": figures.get("ekskursijos.uzsienio_grupes", year),
        "grafikas_renginiai": DocImage(bar_chart(list(months.body()["menuo"]),
                                                 {"Dalyviai": list(months.body()["dalyviai"])},
                                                 f"Renginių dalyviai pagal mėnesius, {figures.period(year).title}",
                                                 "Dalyviai"), 150),
    }


def visitors_section(figures: Figures, year: int) -> dict[str, Any]:
    places = places_table(figures, year)
    zaose = figures.by_month({"lankytojai": "lankytojai.zaose"}, year).body()
    return {
        "lankytojai_pagal_vieta": doc_table(places, [("vieta", "Vieta", "text"), ("dienos", "Dienos su lankytojais",
                                                                                  "int"),
                                                     ("lankytojai", "Lankytojai", "int"),
                                                     ("vaikai", "Iš jų vaikai", "int")]),
        "grafikas_zaose": DocImage(line_chart(list(zaose["menuo"]), {"Lankytojai": list(zaose["lankytojai"])},
                                              f"J. Urbšio sodybos lankytojai pagal mėnesius, {year} m.",
                                              "Lankytojai"), 150),
    }


RENTAL = {"uzsakymai": "nuoma.ivykdyti", "valandos": "nuoma.valandos", "neto": "nuoma.pajamos_be_pvm",
          "bruto": "nuoma.pajamos_su_pvm"}
RENTAL_SPEC = [("uzsakymai", "Užsakymai", "int"), ("valandos", "Valandos", "dec1"),
               ("neto", "Pajamos be PVM", "money"), ("bruto", "Pajamos su PVM", "money")]


def rentals_section(figures: Figures, year: int) -> dict[str, Any]:
    rooms = figures.breakdown(RENTAL, year, "patalpa", order="desc")
    kinds = figures.breakdown(RENTAL, year, "nuomininko_tipas", order="desc")
    return {"nuoma_pagal_patalpa": doc_table(rooms, [("patalpa", "Patalpa", "text"), *RENTAL_SPEC], bold_last=True),
            "nuoma_pagal_nuomininka": doc_table(kinds, [("nuomininko_tipas", "Nuomininkas", "text"), *RENTAL_SPEC],
                                                bold_last=True),
            "nuoma_patvirtinta": figures.get("nuoma.patvirtinti", year),
            "nuoma_patvirtinta_suma": figures.get("nuoma.patvirtintos_pajamos_be_pvm", year)}


def training_section(figures: Figures, year: int) -> dict[str, Any]:
    values = {"mokymai": "mokymai.ivyke", "asmenys": "mokymai.asmenys", "valandos": "mokymai.valandos"}
    areas = figures.breakdown(values, year, "kompetenciju_sritis", order="desc")
    municipalities = figures.breakdown({"dalyviai": "mokymai.dalyvavimai", **values}, year, "savivaldybe",
                                       order="desc")
    hours: list[tuple[str, str, str]] = [("asmenys", "Apmokyti asmenys", "int"), ("valandos", "Akad. val.", "dec1")]
    return {
        "dalyvavimai": figures.get("mokymai.dalyvavimai", year), "akad_val": figures.get("mokymai.valandos", year),
        "mokymai_pagal_sriti": doc_table(areas, [("kompetenciju_sritis", "Kompetencijų sritis", "text"),
                                                 ("mokymai", "Mokymai", "int"), *hours], bold_last=True),
        "mokymai_pagal_savivaldybe": doc_table(municipalities, [("savivaldybe", "Savivaldybė", "municipality"),
                                                                ("dalyviai", "Dalyvavimai", "int"), *hours],
                                               bold_last=True),
    }


def consultations_section(figures: Figures, year: int) -> dict[str, Any]:
    values = {"konsultacijos": "konsultacijos.suteiktos", "minutes": "konsultacijos.minutes"}
    topics = figures.breakdown(values, year, "tema", order="desc")
    modes = figures.breakdown(values, year, "budas", order="desc")
    spec = [("konsultacijos", "Konsultacijos", "int"), ("minutes", "Trukmė, min", "int")]
    return {
        "konsultuota_bibliotekos": figures.get("konsultacijos.bibliotekos", year),
        "be_konsultaciju": figures.get("konsultacijos.be_konsultaciju", year),
        "konsultacijos_pagal_tema": doc_table(topics, [("tema", "Tema", "text"), *spec], True),
        "konsultacijos_pagal_buda": doc_table(modes, [("budas", "Būdas", "text"), *spec], True),
        "grafikas_konsultacijos": DocImage(bar_chart(list(topics.body()["tema"]),
                                                     {"Konsultacijos": list(topics.body()["konsultacijos"])},
                                                     f"Konsultacijos pagal temas, {year} m.", horizontal=True), 150),
    }


def projects_section(figures: Figures, year: int) -> dict[str, Any]:
    projects = relevant_projects(figures.frame("projektai", "Projektai"), figures.period(year))
    statuses = with_total(projects_by(projects, "busena"), "busena")
    return {"vykdomi_projektai": figures.get("projektai.vykdomi", year),
            "projektai_pagal_busena": doc_table(statuses, [
                ("busena", "Būsena", "text"), ("projektai", "Projektai", "int"), ("biudzetas", "Biudžetas", "money"),
                ("skirta", "Skirta", "money"), ("nuosavas_inasas", "Nuosavas įnašas", "money")], bold_last=True)}


def publicity_section(figures: Figures, year: int) -> dict[str, Any]:
    channels = figures.breakdown({"publikacijos": "viesinimas.publikacijos",
                                  "pasiekiamumas": "viesinimas.pasiekiamumas",
                                  "isitraukimas": "viesinimas.isitraukimas"}, year, "kanalas", order="desc")
    return {
        "viesinimas_pagal_kanala": doc_table(channels, [
            ("kanalas", "Kanalas", "text"), ("publikacijos", "Publikacijos", "int"),
            ("pasiekiamumas", "Pasiekiamumas", "int"), ("isitraukimas", "Įsitraukimas", "int")], bold_last=True),
        "grafikas_viesinimas": DocImage(bar_chart(list(channels.body()["kanalas"]),
                                                  {"Publikacijos": list(channels.body()["publikacijos"])},
                                                  f"Publikacijos pagal kanalus, {year} m.", "Publikacijos"), 150),
    }


def surveys_section(figures: Figures, year: int) -> dict[str, Any]:
    """User-needs surveys: the year's surveys, respondents and ratings, per survey."""
    get = lambda figure_id: figures.get(figure_id, year)  # noqa: E731
    values = {"respondentai": "apklausos.respondentai", "bibliotekos": "apklausos.bibliotekos",
              "vidurkis": "apklausos.vidurkis", "vertinimai_4_5": "apklausos.vertinimai_4_5"}
    table = figures.breakdown(values, year, ["apklausa", "pavadinimas"])
    return {
        "apklausos": bool(get("apklausos.respondentai").value),
        "apklausu_santrauka": Phrase(
            "{period} atlikta vartotojų poreikių apklausų – {surveys}; gauta atsakymų – {answers} iš {libraries} "
            "teritorijos bibliotekų vartotojų. Skalės (1–5) klausimų vertinimų vidurkis – {mean}, vertino 4 arba 5 – "
            "{top} proc.", period=figures.period(year).title, surveys=get("apklausos.atliktos"),
            answers=get("apklausos.respondentai"), libraries=get("apklausos.bibliotekos"),
            mean=get("apklausos.vidurkis"), top=get("apklausos.vertinimai_4_5")),
        "apklausos_lentele": doc_table(table, [("apklausa", "Kodas", "text"), ("pavadinimas", "Apklausa", "text"),
                                               ("respondentai", "Atsakymai", "int"),
                                               ("bibliotekos", "Bibliotekos", "int"), ("vidurkis", "Vidurkis", "dec1"),
                                               ("vertinimai_4_5", "4–5, proc.", "dec1")], bold_last=True,
                                       widths_mm=[24, 66, 22, 22, 18, 18]),
    }


def commissions_section(figures: Figures, year: int) -> dict[str, Any]:
    """Commissions and working groups: meetings, attendance, decisions, per body."""
    get = lambda figure_id: figures.get(figure_id, year)  # noqa: E731
    return {
        "komisiju_santrauka": Phrase(
            "{period} veikė komisijų, darbo grupių ir tarybų – {bodies}; įvyko jų posėdžių – {held} (lankomumas "
            "{rate} proc.), priimta sprendimų – {taken}, iš jų įvykdyta – {done}; ataskaitos dieną vėlavo "
            "įvykdyti – {late}.", period=figures.period(year).title, bodies=get("komisijos.veikiancios"),
            held=get("komisijos.posedziai"), rate=get("komisijos.lankomumas"), taken=get("komisijos.sprendimai"),
            done=get("komisijos.ivykdyti"), late=get("komisijos.veluojantys")),
        "komisijos_lentele": doc_table(commissions.per_body(figures, year), [
            ("komisija_pav", "Komisija / darbo grupė", "text"), ("posedziai", "Posėdžiai", "int"),
            ("lankomumas", "Lankomumas, proc.", "dec1"), ("sprendimai", "Sprendimai", "int"),
            ("ivykdyti", "Įvykdyti", "int")], bold_last=True, widths_mm=[80, 20, 24, 22, 20]),
    }


def awards_section(figures: Figures, year: int) -> dict[str, Any]:
    """Awards for librarians: nominations and winners per category (no names: the protocol has them)."""
    nominations = figures.breakdown({"nominacijos": "apdovanojimai.nominacijos"}, year, "kategorija",
                                    categories=CATEGORIES)
    winners = figures.breakdown({"apdovanoti": "apdovanojimai.apdovanoti"}, year, "kategorija", categories=CATEGORIES)
    return {
        "apdovanojimu_santrauka": Phrase(
            "{period} pateikta nominacijų – {nominations}; apdovanota specialistų – {winners}.",
            period=figures.period(year).title, nominations=figures.get("apdovanojimai.nominacijos", year),
            winners=figures.get("apdovanojimai.apdovanoti", year)),
        "apdovanojimai_lentele": doc_table(nominations.beside(winners, ["apdovanoti"]), [
            ("kategorija", "Nominacija", "text"), ("nominacijos", "Kandidatai", "int"),
            ("apdovanoti", "Apdovanoti", "int")], bold_last=True, widths_mm=[80, 25, 25]),
    }


SECTIONS = (territory_section, events_section, visitors_section, rentals_section, training_section,
            consultations_section, projects_section, publicity_section, surveys_section, commissions_section,
            awards_section)


def measures_in(value: Any) -> Iterator[Measured]:
    """Every figure a context holds, wherever it sits (for the report's source appendix)."""
    if isinstance(value, Measured):
        yield value
    elif isinstance(value, Plain):
        yield value.measured
    elif isinstance(value, Phrase):
        yield from measures_in(value.values)
    elif isinstance(value, DocTable):
        yield from measures_in(value.rows)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from measures_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from measures_in(item)

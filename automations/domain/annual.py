"""The annual report's sections: tables, charts, and the source of every figure they show.

Each ``*_section`` function takes the validated workbooks and returns part of the report's
template context; whatever number it shows is also recorded in :class:`Sources` (which
workbook and tab, which filter, how many rows), the report's source appendix and workbook.
The counting itself is shared: :mod:`automations.domain.registry`, :mod:`automations.domain.training`,
:mod:`automations.domain.consultations`, :mod:`automations.domain.territory`, :mod:`automations.domain.plan`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from automations import lt
from automations.domain.consultations import consultations, consultations_by, without_consultations
from automations.domain.projects import projects_by, relevant_projects
from automations.domain.registry import (
    ZAOSE,
    Measured,
    Results,
    done_bookings,
    held_events,
    in_year,
    overlaps_year,
    references,
    tab_frame,
    territory_statistics,
    training_attendance,
)
from automations.domain.territory import (
    ANSWERS_TAB,
    KEY_FIGURES,
    STATUS_WARNINGS,
    change,
    label,
    libraries_with,
    users_chart,
)
from automations.domain.training import hours_by
from automations.periods import Period
from automations.render.charts import bar_chart, line_chart
from automations.render.docx import DocImage, DocTable
from automations.summary import by_month, grouped, with_total
from sheets_schema.types import given

Spec = list[tuple[str, str, str]]  # (column, header, kind)


@dataclass
class Sources:
    """Every figure the report shows, with where it came from."""

    entries: list[dict[str, Any]] = field(default_factory=list)

    def add(self, section: str, name: str, value: Any, workbook: str, tab: str, filter_text: str, rows: int) -> Any:
        self.entries.append({"skyrius": section, "rodiklis": name, "reiksme": _plain(value), "darbaknyge": workbook,
                             "lapas": tab, "filtras": filter_text, "eilutes": int(rows)})
        return value

    def measured(self, section: str, name: str, figure: Measured) -> Measured:
        self.add(section, name, figure.value, figure.workbook, figure.tab, figure.filter, figure.rows)
        return figure

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.entries, columns=["skyrius", "rodiklis", "reiksme", "darbaknyge", "lapas", "filtras",
                                                   "eilutes"])


def _plain(value: Any) -> Any:
    return None if not given(value) else float(value) if not isinstance(value, int | str) else value


def cell(value: Any, kind: str) -> str:
    """A value as the report prints it."""
    if not given(value):
        return "–"
    return {"int": lambda v: lt.number(v), "dec1": lambda v: lt.number(v, 1), "money": lt.money,
            "percent": lt.percent, "change": lt.signed_percent}.get(kind, str)(value)


def doc_table(frame: pd.DataFrame, spec: Spec, bold_last: bool = False) -> DocTable:
    rows = [[cell(row[key], kind) for key, _, kind in spec] for row in frame.to_dict("records")]
    numeric = {index for index, (_, _, kind) in enumerate(spec) if kind != "text"}
    return DocTable([header for _, header, _ in spec], rows, numeric=numeric, bold_last=bold_last)


def whole_year(year: int) -> Period:
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"{year} m.", str(year))


def _total(frame: pd.DataFrame, column: str) -> float:
    return float(pd.to_numeric(frame[column], errors="coerce").fillna(0).sum())


def territory_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    stats = territory_statistics(results, year)
    submitted = int(stats.territory.get("pateike") or 0) if stats is not None else 0
    if not submitted:
        return {"teritorija": False, "teritorijos_metai": year}
    now, before, section = stats.territory, stats.previous_territory, "Teritorijos bibliotekų statistika"
    for key in KEY_FIGURES:
        sources.add(section, f"{label(key)}, {stats.year} m.", now.get(key), "teritorijos_statistika", ANSWERS_TAB,
                    f"priimti {stats.year} m. atsakymai (naujausias kiekvienos bibliotekos, be klaidų)", submitted)
    rows = [[label(key), cell(before.get(key), "int"), cell(now.get(key), "int"),
             cell(change(now.get(key), before.get(key)), "change")] for key in KEY_FIGURES]
    together = stats.together()
    return {
        "teritorija": True, "teritorijos_metai": stats.year, "pateike": submitted, "bibliotekos": len(stats.libraries),
        "su_ispejimais": libraries_with(stats, STATUS_WARNINGS),
        "teritorijos_rodikliai": DocTable(["Rodiklis", f"{stats.year - 1} m.", f"{stats.year} m.", "Pokytis"], rows,
                                          numeric={1, 2, 3}),
        "savivaldybes": doc_table(together, [("savivaldybe", "Savivaldybė", "text"),
                                             ("registruoti_vartotojai", "Vartotojai", "int"),
                                             ("vartotoju_proc", "Proc. gyventojų", "percent"),
                                             ("apsilankymai", "Apsilankymai", "int"), ("isduotis", "Išduotis", "int"),
                                             ("renginiai", "Renginiai", "int")]),
        "grafikas_teritorija": DocImage(users_chart(stats), 160),
    }


def events_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    section = "Renginiai, parodos ir ekskursijos"
    held = held_events(results, year)
    values = {"renginiai": ("_row", "count"), "dalyviai": ("dalyviai", "sum")}
    by_type = with_total(grouped(held, "tipas", values, order="desc"), "tipas")
    months = by_month(held, "data", whole_year(year), values)
    sources.add(section, "Renginiai pagal tipą (lentelė)", len(held), "renginiai", "Renginiai",
                f"Būsena = įvyko, Data {year} m.", len(held))
    shows = overlaps_year(tab_frame(results, "renginiai", "Parodos"), "nuo", "iki", year)
    show_types = with_total(grouped(shows, "tipas", {"parodos": ("_row", "count"),
                                                     "lankytojai": ("lankytojai", "sum")}, order="desc"), "tipas")
    sources.add(section, "Parodų lankytojai", _total(shows, "lankytojai"), "renginiai", "Parodos",
                f"„Lankytojai“ suma, veikė {year} m.", len(shows))
    tours = in_year(tab_frame(results, "renginiai", "Ekskursijos"), "data", year)
    groups = with_total(grouped(tours, "grupes_tipas", {"ekskursijos": ("_row", "count"),
                                                        "dalyviai": ("dalyviai", "sum")}, order="desc"), "grupes_tipas")
    foreign = tours.loc[tours["salis"].map(lambda c: given(c) and c != "LT")]
    sources.add(section, "Užsienio grupės ir delegacijos", len(foreign), "renginiai", "Ekskursijos",
                f"Šalis ne LT, Data {year} m.", len(foreign))
    return {
        "renginiai_pagal_tipa": doc_table(by_type, [("tipas", "Tipas", "text"), ("renginiai", "Renginiai", "int"),
                                                    ("dalyviai", "Dalyviai", "int")], bold_last=True),
        "parodos_pagal_tipa": doc_table(show_types, [("tipas", "Tipas", "text"), ("parodos", "Parodos", "int"),
                                                     ("lankytojai", "Lankytojai", "int")], bold_last=True),
        "ekskursijos_pagal_grupe": doc_table(groups, [("grupes_tipas", "Grupė", "text"),
                                                      ("ekskursijos", "Ekskursijos", "int"),
                                                      ("dalyviai", "Dalyviai", "int")], bold_last=True),
        "uzsienio_grupes": len(foreign),
        "grafikas_renginiai": DocImage(bar_chart(list(months["menuo"]), {"Dalyviai": list(months["dalyviai"])},
                                                 f"Renginių dalyviai pagal mėnesius, {year} m.", "Dalyviai"), 150),
    }


def visitors_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    log = in_year(tab_frame(results, "lankytojai", "Lankytojai"), "data", year)
    values = {"dienos": ("_row", "count"), "lankytojai": ("is_viso", "sum"), "vaikai": ("vaikai", "sum")}
    places = with_total(grouped(log, "vieta", values, order="desc"), "vieta")
    sources.add("Lankytojai", "Lankytojai pagal vietas (iš viso)", _total(log, "is_viso"), "lankytojai", "Lankytojai",
                f"„Lankytojai iš viso“ suma, Data {year} m.", len(log))
    zaose = by_month(log.loc[log["vieta"] == ZAOSE], "data", whole_year(year), {"lankytojai": ("is_viso", "sum")})
    return {
        "lankytojai_pagal_vieta": doc_table(places, [("vieta", "Vieta", "text"), ("dienos", "Dienos", "int"),
                                                     ("lankytojai", "Lankytojai", "int"),
                                                     ("vaikai", "Iš jų vaikai", "int")], bold_last=True),
        "grafikas_zaose": DocImage(line_chart(list(zaose["menuo"]), {"Lankytojai": list(zaose["lankytojai"])},
                                              f"J. Urbšio sodybos lankytojai pagal mėnesius, {year} m.",
                                              "Lankytojai"), 150),
    }


def rentals_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    done = done_bookings(results, year)
    done["valandos"] = [(dt.datetime.combine(day, end) - dt.datetime.combine(day, start)).seconds / 3600
                        for day, start, end in zip(done["data"], done["nuo"], done["iki"], strict=True)]
    done["pajamos"] = done["bruto"].map(float)
    values = {"uzsakymai": ("_row", "count"), "valandos": ("valandos", "sum"), "pajamos": ("pajamos", "sum")}
    rooms = with_total(grouped(done, "patalpa", values, order="desc"), "patalpa")
    kinds = with_total(grouped(done, "nuomininko_tipas", values, order="desc"), "nuomininko_tipas")
    sources.add("Patalpų nuoma", "Nuomos valandos", _total(done, "valandos"), "nuoma", "Užsakymai",
                f"Nuo–Iki, Būsena = įvykdyta, Data {year} m.", len(done))
    spec: Spec = [("uzsakymai", "Užsakymai", "int"), ("valandos", "Valandos", "dec1"), ("pajamos", "Pajamos", "money")]
    return {"nuoma_pagal_patalpa": doc_table(rooms, [("patalpa", "Patalpa", "text"), *spec], bold_last=True),
            "nuoma_pagal_nuomininka": doc_table(kinds, [("nuomininko_tipas", "Nuomininkas", "text"), *spec],
                                                bold_last=True)}


def training_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    attended = training_attendance(results, year)
    hours = sources.add("Kvalifikacijos tobulinimas", "Išklausyta akad. val.", _total(attended, "valandos"),
                        "kvalifikacija", "Dalyviai", f"„Išklausyta“ (arba mokymų trukmė), „Dalyvavo“ = Taip, "
                        f"mokymai {year} m.", len(attended))
    areas = attended.groupby("kompetenciju_sritis").agg(mokymai=("_kodas", "nunique"), asmenys=("asmuo", "nunique"),
                                                        valandos=("valandos", "sum")).reset_index()
    areas = with_total(areas.sort_values("valandos", ascending=False), "kompetenciju_sritis")
    areas.loc[areas.index[-1], ["mokymai", "asmenys"]] = [attended["_kodas"].nunique(), attended["asmuo"].nunique()]
    municipalities = with_total(hours_by(attended, ["savivaldybe"]), "savivaldybe")
    municipalities.loc[municipalities.index[-1], "asmenys"] = attended["asmuo"].nunique()
    hours_spec: Spec = [("asmenys", "Apmokyti asmenys", "int"), ("valandos", "Akad. val.", "dec1")]
    return {
        "dalyvavimai": len(attended), "akad_val": cell(hours, "dec1"),
        "mokymai_pagal_sriti": doc_table(areas, [("kompetenciju_sritis", "Kompetencijų sritis", "text"),
                                                 ("mokymai", "Mokymai", "int"), *hours_spec], bold_last=True),
        "mokymai_pagal_savivaldybe": doc_table(municipalities, [("savivaldybe", "Savivaldybė", "text"),
                                                                ("dalyviai", "Dalyvavimai", "int"), *hours_spec],
                                               bold_last=True),
    }


def consultations_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    refs = references(results)
    rows = consultations(tab_frame(results, "konsultacijos", "Konsultacijos"), refs, year)
    topics = consultations_by(rows, "tema")
    missing = without_consultations(rows, refs)
    reached = sources.add("Metodinės konsultacijos", "Konsultuotos bibliotekos", rows["kodas"].nunique(),
                          "konsultacijos", "Konsultacijos", f"skirtingos bibliotekos, Data {year} m.", len(rows))
    sources.add("Metodinės konsultacijos", "Bibliotekos be konsultacijų", len(missing), "teritorijos_statistika",
                "Bibliotekos", f"aktyvios bibliotekos, negavusios konsultacijų {year} m.", len(refs.libraries))
    spec: Spec = [("konsultacijos", "Konsultacijos", "int"), ("minutes", "Trukmė, min", "int")]
    return {
        "konsultuota_bibliotekos": reached, "be_konsultaciju": len(missing),
        "konsultacijos_pagal_tema": doc_table(with_total(topics, "tema"), [("tema", "Tema", "text"), *spec], True),
        "konsultacijos_pagal_buda": doc_table(with_total(consultations_by(rows, "budas"), "budas"),
                                              [("budas", "Būdas", "text"), *spec], True),
        "grafikas_konsultacijos": DocImage(bar_chart(list(topics["tema"]),
                                                     {"Konsultacijos": list(topics["konsultacijos"])},
                                                     f"Konsultacijos pagal temas, {year} m.", horizontal=True), 150),
    }


def projects_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    projects = relevant_projects(tab_frame(results, "projektai", "Projektai"), year)
    statuses = with_total(projects_by(projects, "busena"), "busena")
    sources.add("Projektai", "Projektai pagal būseną (lentelė)", len(projects), "projektai", "Projektai",
                f"vyko, pateikti {year} m. arba dar neužbaigti", len(projects))
    return {"projektai_pagal_busena": doc_table(statuses, [
        ("busena", "Būsena", "text"), ("projektai", "Projektai", "int"), ("biudzetas", "Biudžetas", "money"),
        ("skirta", "Skirta", "money"), ("nuosavas_inasas", "Nuosavas įnašas", "money")], bold_last=True)}


def publicity_section(results: Results, year: int, sources: Sources) -> dict[str, Any]:
    pubs = in_year(tab_frame(results, "viesinimas", "Publikacijos"), "data", year)
    values = {"publikacijos": ("_row", "count"), "pasiekiamumas": ("pasiekiamumas", "sum"),
              "isitraukimas": ("isitraukimas", "sum")}
    channels = grouped(pubs, "kanalas", values, order="desc")
    sources.add("Viešinimas", "Pasiekiamumas", _total(pubs, "pasiekiamumas"), "viesinimas", "Publikacijos",
                f"„Pasiekiamumas“ suma, Data {year} m.", len(pubs))
    return {
        "viesinimas_pagal_kanala": doc_table(with_total(channels, "kanalas"), [
            ("kanalas", "Kanalas", "text"), ("publikacijos", "Publikacijos", "int"),
            ("pasiekiamumas", "Pasiekiamumas", "int"), ("isitraukimas", "Įsitraukimas", "int")], bold_last=True),
        "grafikas_viesinimas": DocImage(bar_chart(list(channels["kanalas"]),
                                                  {"Publikacijos": list(channels["publikacijos"])},
                                                  f"Publikacijos pagal kanalus, {year} m.", "Publikacijos"), 150),
    }

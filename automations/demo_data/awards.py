"""`apdovanojimai`: the year's "Ad astra" contest: 30 candidates, 7 jurors, four weighted criteria.

The scoring deadline has just passed (results, protocol and diplomas are due) and one juror
still has candidates unscored; two candidates of the "kita" category share the first place.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import Rows, at, people
from automations.demo_data.territory import Library

CRITERIA = (("Veiklos inovatyvumas", "0,4"), ("Nauda bendruomenei", "0,3"), ("Bendradarbiavimas", 0.2),
            ("Profesinis tobulėjimas", "10 %"))
CATEGORY_SIZES = (("metų bibliotekininkas", 10), ("metų biblioteka", 6), ("jaunasis bibliotekininkas", 7),
                  ("metų projektas", 5), ("kita", 2))
PROJECTS = ("Skaitymo iššūkis „Vasara su knyga“", "Kaimo bibliotekų kraštotyros žemėlapis",
            "Senjorų skaitmeninis klubas",
            "Bibliotekų naktis regione", "Jaunimo erdvė „Atrakinta“", "Knygų kelionės į mokyklas")
REASONS = ("Sukūrė ir įgyvendino naują skaitymo skatinimo programą vaikams",
           "Subūrė bendruomenę aplink bibliotekos kraštotyros veiklą",
           "Aktyviai dalyvauja projektuose ir dalijasi patirtimi su kolegomis",
           "Atnaujino bibliotekos erdves ir pritraukė naujų vartotojų",
           "Organizuoja skaitmeninio raštingumo užsiėmimus senjorams",
           "Nuolat tobulina kvalifikaciją ir taiko naujas darbo formas")
JURY = ("pirmininkas", "sekretorius", "narys", "narys", "narys", "narys", "narys")


def _candidates(rng: random.Random, libs: list[Library], jury: list[Library]) -> list[tuple[str, str, Library]]:
    """Candidates by category; the first two from jurors' libraries (the chair's and the fourth juror's)."""
    names = iter(people(rng, 40))
    found = []
    for category, size in CATEGORY_SIZES:
        for index in range(size):
            lib = (jury[0], jury[3])[len(found)] if len(found) < 2 else rng.choice(libs)
            candidate = {"metų biblioteka": lib.name, "metų projektas": PROJECTS[index % len(PROJECTS)]}.get(
                category, next(names))
            found.append((category, candidate, lib))
    return found


def award_rows(rng: random.Random, today: dt.date, libs: list[Library]) -> Rows:
    contest = f"Ad astra {today.year}"
    nominations_deadline = today - dt.timedelta(days=50)
    scoring_deadline = today - dt.timedelta(days=8)
    active = [lib for lib in libs if lib.active]
    svb = [lib for lib in active if lib.kind == "SVB"]
    jury_libs = rng.sample(svb, len(JURY))
    jurors = people(rng, len(JURY))
    rows: Rows = {
        "Konkursai": [{"Konkursas": contest, "Nominacijų terminas": nominations_deadline,
                       "Vertinimo terminas": scoring_deadline, "Apdovanojimo data": today + dt.timedelta(days=12),
                       "Laimėtojų sk. kategorijoje": 1}],
        "Kriterijai": [{"Konkursas": contest, "Kriterijus": name, "Svoris": weight, "Balai nuo": 1, "Balai iki": 10}
                       for name, weight in CRITERIA],
        "Vertintojai": [{"Konkursas": contest, "Vertintojas": name, "Vertintojo biblioteka": lib.name,
                         "Pareigos": "direktorė", "Vaidmuo": role, "El. paštas": None}
                        for name, lib, role in zip(jurors, jury_libs, JURY, strict=True)],
    }
    candidates = _candidates(rng, active, jury_libs)
    nominations = []
    for number, (category, candidate, lib) in enumerate(candidates):
        stamp = at(nominations_deadline - dt.timedelta(days=40 - number), rng.randint(8, 17), rng.randrange(60))
        nominations.append({"Laiko žymė": stamp, "Konkursas": contest, "Kategorija": category, "Kandidatas": candidate,
                            "Biblioteka": lib.name if rng.random() < 0.8 else lib.code,
                            "Pareigos": None if category in ("metų biblioteka", "metų projektas")
                            else rng.choice(("vyr. bibliotekininkė", "bibliotekininkė", "filialo vedėja")),
                            "Pagrindimas": rng.choice(REASONS), "Teikėjas": people(rng, 1)[0],
                            "Teikėjo el. paštas": None})
    # the same candidate nominated again by another library (merged: both nominators kept; a note)
    nominations.insert(5, dict(nominations[2], **{"Laiko žymė": nominations[2]["Laiko žymė"] + dt.timedelta(days=3),
                                                  "Teikėjas": people(rng, 1)[0]}))
    # MISTAKE (warning): a nomination that came in two days after the deadline
    nominations[-1]["Laiko žymė"] = at(nominations_deadline + dt.timedelta(days=2), 11, 5)
    rows["Nominacijos"] = nominations
    rows["Vertinimai"] = _scores(rng, contest, candidates, jurors, jury_libs)
    return rows


def _scores(rng: random.Random, contest: str, candidates: list, jurors: list[str], libs: list[Library]
            ) -> list[dict[str, Any]]:
    rows = []
    quality = {candidate: rng.uniform(5.5, 8.5) for _, candidate, _ in candidates}
    tie = [candidate for category, candidate, _ in candidates if category == "kita"]
    for juror, lib in zip(jurors, libs, strict=True):
        for category, candidate, home in candidates:
            if home.code == lib.code and juror != jurors[0]:
                continue  # jurors do not score their own library's candidates
            # MISTAKE (warning): the chair scores a candidate of the chair's own library (excluded, reported)
            if juror == jurors[-1] and category == "metų projektas":
                continue  # one juror has not scored the project category yet (missing scores)
            for name, _ in CRITERIA:
                base = quality[tie[0]] if candidate in tie else quality[candidate]
                score = max(1, min(10, round(rng.gauss(base, 1.2)) if candidate not in tie else round(base)))
                rows.append({"Konkursas": contest, "Vertintojas": juror, "Vertintojo biblioteka": lib.name,
                             "Kandidatas": candidate, "Kriterijus": name, "Balas": score, "Komentaras": None})
    # MISTAKE: a score outside the criterion's range 1–10 (error)
    rows[11]["Balas"] = 12
    return rows

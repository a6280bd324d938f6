"""`kvalifikacija`: trainings for the territory's librarians, their participants and the needs survey."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import REGIONAL_STAFF, Rows, ascii_slug, at, people, typed_date, typed_dec, weighted
from automations.demo_data.territory import Library

TITLES = {
    "skaitmeninis raštingumas": ("Skaitmeninės paslaugos bibliotekoje", "Canva bibliotekininkams",
                                 "Debesijos įrankiai kasdieniame darbe"),
    "medijų ir informacinis raštingumas": ("Melagienų atpažinimas: užsiėmimai vartotojams",
                                           "Medijų raštingumo savaitės idėjos"),
    "dirbtinis intelektas": ("Dirbtinis intelektas bibliotekininko darbe", "DI įrankiai renginių komunikacijai",
                             "Kaip kalbėti su vartotojais apie dirbtinį intelektą"),
    "skaitymo skatinimas": ("Skaitymo skatinimo metodai darbui su paaugliais", "Garsiniai skaitymai vaikams"),
    "paslaugos vaikams ir jaunimui": ("Jaunimo erdvės bibliotekoje", "STEAM užsiėmimai vaikams"),
    "fondo formavimas ir LIBIS": ("LIBIS katalogavimo modulio naujovės", "Fondo komplektavimas ir nurašymas"),
    "kraštotyra ir paveldas": ("Kraštotyros darbų skaitmeninimas", "Juozo Urbšio paveldas edukacijose"),
    "projektų vadyba": ("Paraiškų Lietuvos kultūros tarybai rengimas", "Erasmus+ galimybės bibliotekoms"),
    "vadyba ir lyderystė": ("Komandos motyvacija ir pokyčių valdymas", "Strateginis planavimas bibliotekoje"),
    "komunikacija": ("Socialinių tinklų komunikacija", "Bendravimas su sudėtingais lankytojais"),
    "prieinamumas": ("Bibliotekos paslaugos žmonėms su negalia", "Lengvai suprantama kalba"),
    "kita": ("Statistinės ataskaitos pagal ISO 2789:2022", "Asmens duomenų apsauga bibliotekoje"),
}
# form: weight, hours range, multi-day
FORMS = {"seminaras": (10, (2, 8), False), "mokymai": (7, (4, 8), False), "kursai": (3, (16, 40), True),
         "konferencija": (3, (6, 8), False), "stažuotė": (2, (16, 24), True),
         "pažintinis vizitas": (3, (6, 8), False), "darbo stebėjimas": (2, (4, 8), False)}
POSITIONS_SVB = ("vyr. bibliotekininkė", "bibliotekininkė", "filialo vedėja", "skyriaus vedėja", "metodininkė",
                 "direktoriaus pavaduotoja")
POSITIONS_SCHOOL = ("mokyklos bibliotekininkė", "bibliotekos vedėja", "bibliotekininkė")
WISHED_FORMS = ("nuotoliniai mokymai", "kontaktiniai mokymai PAVB", "išvažiuojamieji mokymai", "mišrus",
                "praktinės dirbtuvės")


def _training(rng: random.Random, code: str, day: dt.date, form: str) -> dict[str, Any]:
    _, (low, high), multi = FORMS[form]
    area = rng.choice(list(TITLES))
    hours = rng.randint(low, high) if not multi else rng.choice(range(low, high + 1, 8))
    if form == "seminaras" and rng.random() < 0.3:
        hours += 0.5
    mode = weighted(rng, (("kontaktinis", 6), ("nuotolinis", 3), ("mišrus", 1)))
    if form in ("stažuotė", "pažintinis vizitas", "darbo stebėjimas"):
        mode = "kontaktinis"
    end_day = day + dt.timedelta(days=max(1, round(hours / 8)) - 1) if multi else None
    place = {"stažuotė": rng.choice(("Rygos centrinė biblioteka", "Tartu viešoji biblioteka")),
             "pažintinis vizitas": rng.choice(("Utenos A. ir M. Miškinių viešoji biblioteka",
                                               "Kauno apskrities viešoji biblioteka")),
             "darbo stebėjimas": "Lietuvos nacionalinė Martyno Mažvydo biblioteka"}.get(
        form, "Zoom" if mode == "nuotolinis" else "PAVB Konferencijų salė")
    start = dt.time(rng.choice((9, 10, 13)), 0)
    minutes = min(hours * 45 + 30, 7 * 60) if not multi else 7 * 60
    end = (dt.datetime.combine(day, start) + dt.timedelta(minutes=minutes)).time()
    return {
        "Kodas": code, "Pavadinimas": rng.choice(TITLES[area]), "Forma": form, "Būdas": mode,
        "Organizatorius": weighted(rng, (("PAVB Regiono bibliotekų strateginės plėtros skyrius", 8),
                                         ("Lietuvos nacionalinė Martyno Mažvydo biblioteka", 1),
                                         ("Lietuvos bibliotekininkų draugija", 1))),
        "Lektorius": rng.choice(REGIONAL_STAFF) if rng.random() < 0.3 else people(rng, 1, 0.6)[0],
        "Kompetencijų sritis": area, "Data nuo": typed_date(rng, day, 0.08), "Data iki": end_day,
        "Pradžia": start, "Pabaiga": end, "Vieta": place, "Trukmė, akad. val.": typed_dec(rng, hours, 0.3),
        "Tikslinė grupė": rng.choice(("SVB bibliotekininkai", "mokyklų bibliotekininkai", "bibliotekų vadovai",
                                      "visi teritorijos bibliotekininkai")),
        "Vietų skaičius": rng.choice((20, 25, 30, 35, 40)),
        "Pažymėjimas": "Ne" if form == "konferencija" and rng.random() < 0.5 else "Taip",
        "_day": day, "_end": end_day or day, "_hours": hours,
    }


def trainings(rng: random.Random, today: dt.date) -> list[dict[str, Any]]:
    year = today.year
    forms = list(FORMS)
    days = [dt.date(year, 1, 14) + dt.timedelta(days=round(i * 330 / 30) + rng.randint(0, 4)) for i in range(30)]
    rows = []
    for number, day in enumerate(sorted(days), start=1):
        day = day if day.month not in (7, 8) else dt.date(year, 9, rng.randint(2, 25))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        form = rng.choices(forms, weights=[FORMS[f][0] for f in forms])[0]
        rows.append(_training(rng, f"KT-{year}-{number:03d}", day, form))
    rows.sort(key=lambda r: r["_day"])
    for number, row in enumerate(rows, start=1):
        row["Kodas"] = f"KT-{year}-{number:03d}"
    for number in range(1, 6):  # next year's first quarter, already planned
        day = dt.date(year + 1, 1, 12) + dt.timedelta(days=number * 14 + rng.randint(0, 3))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        rows.append(_training(rng, f"KT-{year + 1}-{number:03d}", day, rng.choice(("seminaras", "mokymai", "kursai"))))
    return rows


def librarians(rng: random.Random, libs: list[Library]) -> list[dict[str, str]]:
    """A pool of ~230 librarians who come to trainings (fake names)."""
    active = [lib for lib in libs if lib.active]
    pool = []
    for name in people(rng, 230):
        lib = rng.choice([lib for lib in active if lib.kind == "SVB"] * 9 + active)
        pool.append({"name": name, "library": lib.code if rng.random() < 0.6 else lib.name,
                     "position": rng.choice(POSITIONS_SVB if lib.kind == "SVB" else POSITIONS_SCHOOL),
                     "email": f"{ascii_slug(name)}@{rng.choice(('gmail.com', 'biblioteka.lt', 'takas.lt'))}"})
    return pool


def participants(rng: random.Random, today: dt.date, courses: list[dict], pool: list[dict]) -> list[dict[str, Any]]:
    rows = []
    for course in courses:
        if course["_end"] >= today:
            continue
        count = rng.randint(8, min(35, course["Vietų skaičius"]))
        for person in rng.sample(pool, count):
            attended = weighted(rng, (("Taip", 92), ("Ne", 5), (None, 3)))
            hours = course["_hours"]
            heard = None
            if attended == "Taip":
                heard = hours if rng.random() < 0.9 else max(1, hours // 2)
                heard = typed_dec(rng, heard, 0.2) if heard != int(heard) else heard
            rows.append({"Mokymų kodas": course["Kodas"], "Vardas, pavardė": person["name"],
                         "Biblioteka": person["library"], "Pareigos": person["position"],
                         "El. paštas": person["email"] if rng.random() < 0.7 else None, "Dalyvavo": attended,
                         "Išklausyta, akad. val.": heard})
    # MISTAKE: a participant registered under a training code that does not exist (error)
    ghost = dict(rows[len(rows) // 4], **{"Mokymų kodas": f"KT-{today.year}-{len(courses) + 12:03d}"})
    ghost["Vardas, pavardė"] = people(rng, 1)[0]
    rows.insert(len(rows) // 4 + 1, ghost)
    # MISTAKE: the same person entered twice in one training (error: repeated row)
    twice = len(rows) // 2
    rows.insert(twice + 3, dict(rows[twice]))
    return rows


def needs(rng: random.Random, today: dt.date, libs: list[Library]) -> list[dict[str, Any]]:
    """~150 answers of the autumn training-needs survey."""
    year = today.year
    end = min(today - dt.timedelta(days=1), dt.date(year, 10, 20))
    start = max(dt.date(year, 1, 2), end - dt.timedelta(days=45))
    span = max(1, (end - start).days)
    areas = list(TITLES)
    weights = (8, 5, 9, 6, 6, 5, 3, 4, 4, 5, 3, 1)
    active = [lib for lib in libs if lib.active]
    rows = []
    for _ in range(150):
        lib = rng.choice(active)
        if lib.kind == "SVB" and rng.random() < 0.5:
            where = f"{lib.name}, {rng.choice(('centrinė biblioteka', 'vaikų skyrius', 'filialas'))}"
        else:
            where = lib.code if rng.random() < 0.4 else lib.name
        chosen: list[str] = []
        for _ in range(rng.randint(1, 3)):
            area = rng.choices(areas, weights=weights)[0]
            if area not in chosen:
                chosen.append(area)
        chosen.sort(key=areas.index)
        day = start + dt.timedelta(days=rng.randint(0, span))
        rows.append({"Laiko žymė": at(day, rng.randint(8, 20), rng.randint(0, 59), rng.randint(0, 59)),
                     "Biblioteka / padalinys": where,
                     "Pareigos": rng.choice(POSITIONS_SVB if lib.kind == "SVB" else POSITIONS_SCHOOL),
                     "Kompetencijų sritys": ", ".join(chosen), "Prioritetas": rng.choice(("1", "2", "2", "3")),
                     "Pageidaujama forma": rng.choice(WISHED_FORMS),
                     "Pageidaujamas ketvirtis": rng.choice(("I", "I", "II", "III", "IV")),
                     "Komentaras": rng.choice((None, None, None, "Daugiau praktinių užduočių.",
                                               "Norėtųsi mokymų mūsų rajone.", "Patogiausia nuotoliniu būdu.",
                                               "Reikia mokymų apie naująją LIBIS versiją."))})
    rows.sort(key=lambda r: r["Laiko žymė"])
    return rows


def training_rows(rng: random.Random, today: dt.date, libs: list[Library]) -> Rows:
    courses = trainings(rng, today)
    people_rows = participants(rng, today, courses, librarians(rng, libs))
    return {"Mokymai": [{k: v for k, v in c.items() if not k.startswith("_")} for c in courses],
            "Dalyviai": people_rows, "Poreikiai": needs(rng, today, libs)}

"""A small hand-made workspace with rows in several years for EVERY input workbook.

The seeded demo has earlier years only for the territory statistics and the plan, so a
dropped year filter elsewhere would go unnoticed. Here every workbook has rows in the report
year 2026 (up to the report date 2026-11-22), in 2025 (some of them after 22 November, so the
"same stretch of last year" differs from the whole of 2025), and rows after the report date
(December 2026, 2027) that no figure of 2026 may count. The values are small literals, so
``tests/test_multiyear.py`` can state every expected figure as a number written in the test.

Territory statistics arrive the next February: on 2026-11-22 the latest year shown is 2025 and
its "last year" is 2024, so that workbook has 2024, 2025 and one early 2026 answer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from automations.workspace import create_workspace

TODAY = dt.date(2026, 11, 22)
YEAR = 2026
D = dt.date
Rows = dict[str, list[dict[str, Any]]]

PAVB = "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka"
RAJONAS = "Panevėžio rajono savivaldybės viešoji biblioteka"
BIRZAI = "Biržų rajono savivaldybės viešoji biblioteka"


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


def _form(stamp: dt.datetime, library: str, year: int, users: int, visits: int, loans: int, stock: int,
          events: int, attendees: int, staff: int, scale: int) -> dict[str, Any]:
    """One yearly statistics answer; the smaller fields follow from ``scale`` so every one differs by year."""
    return {"Laiko žymė": stamp, "El. pašto adresas": "statistika@example.lt", "Biblioteka": library,
            "Metai": year, "Registruoti vartotojai": users, "iš jų vaikai (iki 14 m.)": 30 * scale,
            "Naujai užregistruoti vartotojai": 10 * scale, "Apsilankymai (fiziniai)": visits,
            "Virtualūs apsilankymai": 200 * scale, "Išduotis (fiz. vnt.)": loans, "iš jos vaikams": 50 * scale,
            "Fondas metų pabaigoje (fiz. vnt.)": stock, "Gauta per metus (fiz. vnt.)": 20 * scale,
            "Nurašyta per metus (fiz. vnt.)": 10 * scale, "Renginiai": events, "Renginių dalyviai": attendees,
            "Parodos": 2 * scale, "Mokymai vartotojams": scale, "Mokymų dalyviai": 5 * scale,
            "Darbuotojai (asm.)": staff, "Etatai": staff - 0.5, "Profesionalūs bibliotekininkai": staff - 1,
            "Kvalifikaciją tobulinę darbuotojai": staff - 2, "Vartotojų kompiuterizuotos darbo vietos": scale + 1}


def territory() -> Rows:
    libraries = [
        {"Kodas": "PAVB", "Pavadinimas": PAVB, "Savivaldybė": "Panevėžio miesto", "Tipas": "apskrities biblioteka",
         "Padalinių skaičius": 0, "Aktyvi": "Taip", "El. paštas": "pavb@example.lt"},
        {"Kodas": "PRSVB", "Pavadinimas": RAJONAS, "Savivaldybė": "Panevėžio rajono", "Tipas": "SVB",
         "Padalinių skaičius": 3, "Aktyvi": "Taip", "El. paštas": "rajonas@example.lt"},
        {"Kodas": "BRSVB", "Pavadinimas": BIRZAI, "Savivaldybė": "Biržų rajono", "Tipas": "SVB",
         "Padalinių skaičius": 2, "Aktyvi": "Taip", "El. paštas": "birzai@example.lt"},
    ]
    people = [{"Savivaldybė": place, "Apskritis": "Panevėžio", "Metai": year, "Gyventojai": count}
              for place, counts in (("Panevėžio miesto", (85000, 84000, 83000)),
                                    ("Panevėžio rajono", (35000, 34500, 34000)),
                                    ("Biržų rajono", (23000, 22600, 22200)))
              for year, count in zip((2024, 2025, 2026), counts, strict=True)]
    answers = [
        # library, year: users, visits, loans, stock, events, attendees, staff, scale
        _form(at(D(2025, 1, 20), 10), RAJONAS, 2024, 1000, 10000, 20000, 50000, 100, 2000, 10, 1),
        _form(at(D(2025, 1, 21), 10), BIRZAI, 2024, 500, 4000, 9000, 30000, 40, 800, 6, 2),
        _form(at(D(2025, 1, 22), 10), PAVB, 2024, 20000, 150000, 300000, 600000, 400, 12000, 90, 10),
        _form(at(D(2026, 1, 20), 10), RAJONAS, 2025, 1100, 11000, 21000, 51000, 110, 2200, 11, 3),
        _form(at(D(2026, 1, 21), 10), BIRZAI, 2025, 550, 4400, 9900, 31000, 44, 880, 7, 4),
        _form(at(D(2026, 1, 22), 10), PAVB, 2025, 21000, 160000, 310000, 610000, 420, 12600, 92, 11),
        # data of 2026 sent early: statistics of 2026 are not shown before their deadline (10 February 2027)
        _form(at(D(2026, 11, 20), 10), RAJONAS, 2026, 1200, 12000, 22000, 52000, 120, 2400, 12, 5),
    ]
    return {"Bibliotekos": libraries, "Savivaldybės": people, "Formos atsakymai 1": answers}


def _event(day: dt.date, title: str, state: str, people: int | None = None, children: int | None = None,
           online: int | None = None, live: str = "Ne") -> dict[str, Any]:
    return {"Data": day, "Pradžia": dt.time(17, 0), "Pabaiga": dt.time(18, 30), "Pavadinimas": title,
            "Tipas": "paskaita", "Forma": "kontaktinis", "Vieta": "Centriniai rūmai", "Organizatorius": "PAVB",
            "Tikslinė grupė": "visi", "Dalyviai": people, "iš jų vaikai": children, "Virtualūs dalyviai": online,
            "Tiesioginė transliacija": live, "Įėjimas": "nemokamas", "Atsakingas": "Aistė Vaitkutė",
            "Būsena": state}


def _show(title: str, start: dt.date, end: dt.date, visitors: int) -> dict[str, Any]:
    return {"Pavadinimas": title, "Tipas": "spaudinių", "Vieta": "Centriniai rūmai", "Nuo": start, "Iki": end,
            "Eksponatų sk.": 30, "Lankytojai": visitors, "Organizatorius": "PAVB"}


def _tour(day: dt.date, group_type: str, people: int, country: str = "LT") -> dict[str, Any]:
    return {"Data": day, "Laikas": dt.time(11, 0), "Vieta": "Centriniai rūmai", "Grupė": f"Grupė {day.isoformat()}",
            "Grupės tipas": group_type, "Šalis": country, "Kalba": "lietuvių", "Dalyviai": people,
            "Gidas": "Mantas Jonaitis", "Trukmė, min": 45}


def events() -> Rows:
    return {
        "Renginiai": [
            _event(D(2025, 3, 10), "Paskaita 2025 pavasarį", "įvyko", 40, 10, 5, "Taip"),
            _event(D(2025, 12, 5), "Paskaita 2025 gruodį", "įvyko", 30, 3, 0),  # after 22 Nov 2025
            _event(D(2026, 2, 14), "Paskaita 2026 vasarį", "įvyko", 25, 5, 0),
            _event(D(2026, 10, 1), "Paskaita 2026 spalį", "įvyko", 50, 20, 12, "Taip"),
            _event(D(2026, 11, 20), "Paskaita be būsenos", "planuojamas"),  # past, state not updated
            _event(D(2026, 12, 10), "Paskaita 2026 gruodį", "planuojamas"),
            _event(D(2027, 1, 15), "Paskaita 2027 sausį", "planuojamas"),
        ],
        "Parodos": [
            _show("Paroda 2025 pavasarį", D(2025, 1, 10), D(2025, 6, 30), 100),
            _show("Paroda per Naujuosius", D(2025, 11, 1), D(2026, 2, 28), 200),
            _show("Paroda 2026 vasarą", D(2026, 5, 1), D(2026, 6, 30), 150),
            _show("Paroda 2026 gruodį", D(2026, 12, 1), D(2027, 1, 31), 0),
        ],
        "Ekskursijos": [
            _tour(D(2025, 4, 10), "mokiniai", 25),
            _tour(D(2025, 9, 1), "užsienio delegacija", 12, "LV"),
            _tour(D(2026, 3, 3), "mokiniai", 20),
            _tour(D(2026, 6, 6), "užsienio delegacija", 8, "PL"),
            _tour(D(2026, 7, 7), "turistai", 15, "DE"),
            _tour(D(2026, 12, 12), "mokiniai", 30),
            _tour(D(2027, 2, 2), "senjorai", 10),
        ],
    }


def _log(day: dt.date, place: str, total: int, children: int, at_events: int) -> dict[str, Any]:
    return {"Data": day, "Vieta": place, "Lankytojai iš viso": total, "iš jų vaikai": children,
            "iš jų renginiuose": at_events, "Skaičiavimo būdas": "rankinis"}


CENTRAL, CHILDREN, MILTINIS, ZAOSE = ("Centriniai rūmai", "Vaikų ir jaunimo skyrius",
                                      "J. Miltinio palikimo studijų centras", "J. Urbšio sodyba (Zaosė)")


def visitors() -> Rows:
    return {"Lankytojai": [
        _log(D(2025, 5, 5), CENTRAL, 100, 20, 10),
        _log(D(2025, 7, 7), ZAOSE, 50, 5, 0),
        _log(D(2025, 12, 20), CENTRAL, 70, 7, 0),  # after 22 Nov 2025
        _log(D(2026, 1, 15), CENTRAL, 120, 30, 25),
        _log(D(2026, 1, 15), CHILDREN, 60, 40, 0),
        _log(D(2026, 8, 8), ZAOSE, 80, 10, 20),
        _log(D(2026, 11, 22), MILTINIS, 15, 0, 0),  # the report date itself counts
    ]}


def _booking(number: str, day: dt.date, state: str, start: int, end: int, tenant: str, kind: str,
             vat: str) -> dict[str, Any]:
    return {"Užsakymo Nr.": number, "Paraiškos data": day - dt.timedelta(days=30), "Būsena": state,
            "Nuomininkas": tenant, "Nuomininko tipas": kind, "Įmonės kodas": "123456789",
            "Kontaktinis asmuo": "Rasa Rimkienė", "El. paštas": "rasa@example.lt", "Telefonas": "+370 600 00000",
            "Patalpa": "Konferencijų salė", "Paskirtis": "Seminaras", "Data": day, "Nuo": dt.time(start, 0),
            "Iki": dt.time(end, 0), "Dalyvių sk.": 20, "Lengvata": "nėra", "PVM tarifas": vat,
            "Sutarties Nr.": number.replace("NUOM", "S") if state != "paraiška" else None, "Atstovas": "Rasa Rimkienė",
            "Atstovo pareigos": "direktorė", "Atstovavimo pagrindas": "įstatai",
            "Nuomininko adresas": "Laisvės a. 1, Panevėžys"}


def rentals() -> Rows:
    return {
        "Patalpos": [{"Patalpa": "Konferencijų salė", "Adresas": "Respublikos g. 14, Panevėžys", "Vietų skaičius": 80,
                      "Tarifas, Eur/val.": 50, "Savaitgalio koeficientas": 1.5, "Jaunimo erdvė": "Ne",
                      "Įranga": "projektorius"}],
        "Užsakymai": [  # every date a Tuesday: no weekend factor
            _booking("NUOM-2025-001", D(2025, 6, 10), "įvykdyta", 10, 12, "UAB Šviesa", "juridinis asmuo", "21 %"),
            _booking("NUOM-2025-002", D(2025, 12, 16), "įvykdyta", 10, 14, "UAB Šviesa", "juridinis asmuo", "21 %"),
            _booking("NUOM-2026-001", D(2026, 3, 10), "įvykdyta", 10, 13, "UAB Šviesa", "juridinis asmuo", "21 %"),
            _booking("NUOM-2026-002", D(2026, 9, 15), "įvykdyta", 14, 16, "Asociacija Knyga", "NVO", "0 %"),
            _booking("NUOM-2026-003", D(2026, 11, 10), "patvirtinta", 10, 12, "UAB Šviesa", "juridinis asmuo", "21 %"),
            _booking("NUOM-2026-004", D(2026, 12, 8), "patvirtinta", 10, 12, "UAB Šviesa", "juridinis asmuo", "21 %"),
            _booking("NUOM-2027-001", D(2027, 1, 12), "patvirtinta", 10, 12, "UAB Šviesa", "juridinis asmuo", "21 %"),
        ],
    }


def _training(code: str, start: dt.date, end: dt.date | None, hours: float, area: str) -> dict[str, Any]:
    return {"Kodas": code, "Pavadinimas": f"Mokymai {code}", "Forma": "seminaras", "Būdas": "kontaktinis",
            "Organizatorius": "PAVB", "Lektorius": "Dalia Urbonienė", "Kompetencijų sritis": area, "Data nuo": start,
            "Data iki": end, "Pradžia": dt.time(10, 0), "Pabaiga": dt.time(15, 0), "Vieta": "PAVB",
            "Trukmė, akad. val.": hours, "Tikslinė grupė": "bibliotekininkai", "Vietų skaičius": 20,
            "Pažymėjimas": "Taip", "Lektoriaus lytis": "moteris"}


def _participant(code: str, name: str, library: str, attended: str | None, heard: float | None = None
                 ) -> dict[str, Any]:
    return {"Mokymų kodas": code, "Vardas, pavardė": name, "Biblioteka": library, "Pareigos": "bibliotekininkė",
            "El. paštas": None, "Dalyvavo": attended, "Išklausyta, akad. val.": heard}


def _need(stamp: dt.datetime, library: str, areas: str, priority: str, quarter: str) -> dict[str, Any]:
    return {"Laiko žymė": stamp, "Biblioteka / padalinys": library, "Pareigos": "bibliotekininkė",
            "Kompetencijų sritys": areas, "Prioritetas": priority, "Pageidaujama forma": "seminaras",
            "Pageidaujamas ketvirtis": quarter}


def training() -> Rows:
    return {
        "Mokymai": [
            _training("KT-2025-001", D(2025, 4, 1), None, 6, "dirbtinis intelektas"),
            # ends on 2 January 2026: counts in 2026
            _training("KT-2025-002", D(2025, 12, 29), D(2026, 1, 2), 4, "projektų vadyba"),
            _training("KT-2026-001", D(2026, 3, 10), D(2026, 3, 11), 8, "skaitmeninis raštingumas"),
            _training("KT-2026-002", D(2026, 12, 1), None, 4, "skaitymo skatinimas"),
        ],
        "Dalyviai": [
            _participant("KT-2025-001", "Rūta Kazlauskienė", RAJONAS, "Taip"),
            _participant("KT-2025-001", "Asta Petrauskienė", BIRZAI, "Taip"),
            _participant("KT-2025-001", "Inga Butkutė", BIRZAI, "Ne"),
            _participant("KT-2025-002", "Rūta Kazlauskienė", RAJONAS, "Taip"),
            _participant("KT-2026-001", "Rūta Kazlauskienė", RAJONAS, "Taip"),
            _participant("KT-2026-001", "Vilma Rimkutė", RAJONAS, "Taip", 6),
            _participant("KT-2026-001", "Asta Petrauskienė", BIRZAI, "Taip"),
            _participant("KT-2026-002", "Inga Butkutė", BIRZAI, None),
            _participant("KT-2026-002", "Vilma Rimkutė", RAJONAS, None),
        ],
        "Poreikiai": [
            _need(at(D(2025, 10, 1), 9), RAJONAS, "dirbtinis intelektas", "1", "I"),
            _need(at(D(2026, 10, 5), 9), RAJONAS, "skaitmeninis raštingumas", "1", "II"),
            _need(at(D(2026, 10, 6), 9), BIRZAI, "skaitmeninis raštingumas, projektų vadyba", "2", "II"),
        ],
    }


def _consultation(day: dt.date, library: str, topic: str, mode: str, minutes: int) -> dict[str, Any]:
    return {"Data": day, "Biblioteka": library, "Tema": topic, "Būdas": mode, "Trukmė, min": minutes,
            "Konsultantas": "Jolanta Kriaučiūnienė", "Gavėjo pareigos": "direktorė", "Rezultatas": "Išspręsta"}


def consultations() -> Rows:
    return {"Konsultacijos": [
        _consultation(D(2025, 5, 5), RAJONAS, "LIBIS", "telefonu", 30),
        _consultation(D(2025, 11, 30), BIRZAI, "renginiai", "vietoje bibliotekoje", 120),  # after 22 Nov 2025
        _consultation(D(2026, 2, 2), RAJONAS, "statistika ir ataskaitos", "vietoje bibliotekoje", 90),
        _consultation(D(2026, 2, 2), RAJONAS, "LIBIS", "el. paštu", 15),
        _consultation(D(2026, 6, 6), RAJONAS, "teisės aktai", "telefonu", 20),
    ]}


def _project(title: str, state: str, start: dt.date, end: dt.date, budget: int, granted: int,
             applied: dt.date) -> dict[str, Any]:
    return {"Pavadinimas": title, "Finansuotojas": "Lietuvos kultūros taryba", "Kvietimas": "Kvietimas",
            "Vaidmuo": "vykdytojas", "Partneriai": None, "Būsena": state, "Paraiškos data": applied,
            "Pradžia": start, "Pabaiga": end, "Biudžetas, Eur": budget, "Skirta, Eur": granted,
            "Nuosavas įnašas, Eur": budget - granted, "Ataskaitos terminas": end + dt.timedelta(days=30),
            "Atsakingas": "Vilma Gudelienė"}


def projects() -> Rows:
    return {"Projektai": [
        _project("Projektas 2023–2024", "baigta", D(2023, 1, 1), D(2024, 12, 31), 10000, 8000, D(2022, 11, 1)),
        _project("Projektas 2024–2025", "baigta", D(2024, 1, 1), D(2025, 6, 30), 12000, 10000, D(2023, 11, 1)),
        _project("Projektas 2025–2026", "vykdoma", D(2025, 9, 1), D(2026, 8, 31), 20000, 15000, D(2025, 5, 1)),
        _project("Projektas 2026–2027", "vykdoma", D(2026, 3, 1), D(2027, 2, 28), 6000, 5000, D(2025, 12, 1)),
        _project("Projektas 2026", "baigta", D(2026, 4, 1), D(2026, 10, 31), 3000, 2500, D(2026, 1, 15)),
        _project("Projektas 2027", "finansuota", D(2027, 1, 1), D(2027, 12, 31), 5000, 4000, D(2026, 10, 1)),
    ]}


def _post(day: dt.date, channel: str, kind: str, reach: int, engagement: int, initiator: str) -> dict[str, Any]:
    return {"Data": day, "Kanalas": channel, "Žiniasklaidos priemonė": None, "Tipas": kind,
            "Pavadinimas": f"Publikacija {day.isoformat()}", "Nuoroda": None, "Susijęs renginys": None,
            "Pasiekiamumas": reach, "Įsitraukimas": engagement, "Iniciatorius": initiator}


def publicity() -> Rows:
    return {
        "Publikacijos": [
            _post(D(2025, 3, 3), "Facebook", "įrašas", 1000, 100, "biblioteka"),
            _post(D(2025, 12, 12), "naujienlaiškis", "anonsas", 500, 20, "biblioteka"),  # after 22 Nov 2025
            _post(D(2026, 1, 20), "regioninė spauda", "straipsnis", 3000, 0, "žiniasklaida"),
            _post(D(2026, 4, 4), "naujienlaiškis", "anonsas", 800, 40, "biblioteka"),
            _post(D(2026, 11, 21), "Facebook", "įrašas", 1500, 300, "biblioteka"),
        ],
        "Turinio planas": [
            {"Planuojama data": D(2026, 12, 3), "Kanalas": "Facebook", "Tema": "Gruodžio renginiai",
             "Formatas": "įrašas", "Atsakingas": "Aistė Vaitkutė", "Būsena": "planuojama"},
        ],
    }


def _measure(year: int, number: str, measure: str, indicator: str, planned: float, auto: str | None,
             actual: float | None = None, baseline: float | None = None) -> dict[str, Any]:
    return {"Metai": year, "Tikslas": f"{number[0]}. Tikslas", "Uždavinys": f"{number[:3]} Uždavinys",
            "Priemonė": f"{number} {measure}", "Rodiklis": indicator, "Mato vnt.": "vnt.", "Planinė reikšmė": planned,
            "Faktinė reikšmė": actual, "Automatinis rodiklis": auto, "Ketvirtis": "visi metai",
            "Atsakingas padalinys": "Komunikacijos skyrius", "Bazinė reikšmė": baseline}


def plan() -> Rows:
    return {
        "Priemonės": [
            _measure(2025, "1.1.1", "Renginiai 2025", "Įvykę renginiai", 3, "Įvykę renginiai"),
            _measure(2026, "1.1.1", "Renginiai", "Įvykę renginiai", 4, "Įvykę renginiai"),
            _measure(2026, "1.1.2", "Zaosės lankytojai", "Zaosės lankytojai", 100, "Zaosės lankytojai"),
            _measure(2026, "1.1.3", "Ekskursijų dalyviai", "Ekskursijų dalyviai", 40, "Ekskursijų dalyviai",
                     baseline=30),
            _measure(2026, "2.1.1", "Leidinys", "Išleisti leidiniai", 2, None, actual=1),
            _measure(2027, "1.1.1", "Renginiai 2027", "Įvykę renginiai", 6, "Įvykę renginiai"),
        ],
        "Finansai": [
            {"Metai": year, "Rūšis": kind, "Straipsnis": item, "Planas, Eur": planned, "Faktas, Eur": actual}
            for year, kind, item, planned, actual in (
                (2025, "pajamos", "Savivaldybės lėšos", 100000, 99000.5),
                (2025, "išlaidos", "Darbo užmokestis", 80000, 79000),
                (2026, "pajamos", "Savivaldybės lėšos", 110000, 105000.25),
                (2026, "pajamos", "Nuomos pajamos", 2000, 1500),
                (2026, "išlaidos", "Darbo užmokestis", 90000, 85000.75),
                (2027, "pajamos", "Savivaldybės lėšos", 120000, 0),
            )
        ],
        "Ataskaitos tekstai": [
            {"Metai": 2025, "Skyrius": "įvadas", "Tekstas": "Įvadas 2025 metų ataskaitai."},
            {"Metai": 2026, "Skyrius": "įvadas", "Tekstas": "Įvadas 2026 metų ataskaitai."},
        ],
        "Tvirtinimas": [
            {"Metai": 2025, "Dokumentas": "veiklos planas", "Data": D(2025, 1, 15), "Nr.": "V-2025-1",
             "Tvirtino": "Vida Bukauskienė"},
            {"Metai": 2026, "Dokumentas": "veiklos planas", "Data": D(2026, 1, 14), "Nr.": "V-2026-1",
             "Tvirtino": "Vida Bukauskienė"},
        ],
    }


SCALE_QUESTION = "Kaip vertinate bibliotekos darbo laiką? (1–5)"


def _answer(stamp: dt.datetime, library: str, rating: int) -> dict[str, Any]:
    return {"Laiko žymė": stamp, "Biblioteka": library, "Amžiaus grupė": "30–64", "Lytis": "moteris",
            SCALE_QUESTION: rating}


def surveys() -> Rows:
    return {
        "Apklausos": [
            {"Kodas": "APK-2025-01", "Pavadinimas": "Vartotojų pasitenkinimo tyrimas 2025", "Nuo": D(2025, 3, 1),
             "Iki": D(2025, 3, 31), "Tikslinė grupė": "vartotojai", "Atsakymų lapas": "Formos atsakymai 1",
             "Atsakingas": "Rasa Dambrauskienė"},
            {"Kodas": "APK-2026-01", "Pavadinimas": "Vartotojų pasitenkinimo tyrimas 2026", "Nuo": D(2026, 3, 1),
             "Iki": D(2026, 3, 31), "Tikslinė grupė": "vartotojai", "Atsakymų lapas": "Formos atsakymai 2",
             "Atsakingas": "Rasa Dambrauskienė"},
            # next year's run, already registered: never 2026's "previous run", its answer never counted
            {"Kodas": "APK-2027-01", "Pavadinimas": "Vartotojų pasitenkinimo tyrimas 2027", "Nuo": D(2027, 3, 1),
             "Iki": D(2027, 3, 31), "Tikslinė grupė": "vartotojai", "Atsakymų lapas": "Formos atsakymai 3",
             "Atsakingas": "Rasa Dambrauskienė"},
        ],
        "Formos atsakymai 1": [_answer(at(D(2025, 3, 2), 10), RAJONAS, 3), _answer(at(D(2025, 3, 3), 11), BIRZAI, 4)],
        "Formos atsakymai 2": [_answer(at(D(2026, 3, 2), 10), RAJONAS, 5), _answer(at(D(2026, 3, 3), 11), RAJONAS, 4),
                               _answer(at(D(2026, 3, 4), 12), RAJONAS, 2)],
        "Formos atsakymai 3": [_answer(at(D(2027, 3, 2), 10), BIRZAI, 1)],
    }


def _member(body: str, name: str, role: str, start: dt.date) -> dict[str, Any]:
    return {"Komisija": body, "Vardas, pavardė": name, "Biblioteka": PAVB, "Pareigos": "specialistė", "Vaidmuo": role,
            "Nuo": start, "Iki": None, "El. paštas": None}


def _meeting(body: str, number: int, day: dt.date, state: str, present: str | None) -> dict[str, Any]:
    return {"Komisija": body, "Nr.": number, "Data": day, "Pradžia": dt.time(10, 0), "Vieta / būdas": "PAVB",
            "Darbotvarkė": f"Posėdis {number}", "Dalyvavo": present, "Būsena": state}


def _decision(body: str, meeting: int, text: str, deadline: dt.date, state: str) -> dict[str, Any]:
    return {"Komisija": body, "Posėdžio Nr.": meeting, "Sprendimas": text, "Atsakingas": "Rasa Dambrauskienė",
            "Terminas": deadline, "Būsena": state}


ALL_THREE = "Rasa Dambrauskienė; Vilma Gudelienė; Darius Malinauskas"


def commissions() -> Rows:
    members = [_member(body, name, role, start)
               for body, start in (("FK", D(2024, 1, 10)), ("DG25", D(2025, 1, 10)))
               for name, role in (("Rasa Dambrauskienė", "pirmininkas"), ("Vilma Gudelienė", "sekretorius"),
                                  ("Darius Malinauskas", "narys"))]
    return {
        "Komisijos": [
            {"Kodas": "FK", "Pavadinimas": "Fondo komisija", "Tipas": "komisija", "Sudaryta": D(2024, 1, 10),
             "Įsakymas": "V-1", "Pirmininkas": "Rasa Dambrauskienė", "Sekretorius": "Vilma Gudelienė",
             "Veikia iki": None},
            {"Kodas": "DG25", "Pavadinimas": "Jubiliejaus darbo grupė", "Tipas": "darbo grupė",
             "Sudaryta": D(2025, 1, 10), "Įsakymas": "V-2", "Pirmininkas": "Rasa Dambrauskienė",
             "Sekretorius": "Vilma Gudelienė", "Veikia iki": D(2025, 12, 31)},
        ],
        "Nariai": members,
        "Posėdžiai": [
            _meeting("FK", 1, D(2025, 5, 5), "įvyko", ALL_THREE),
            _meeting("DG25", 1, D(2025, 6, 6), "įvyko", "Rasa Dambrauskienė; Vilma Gudelienė"),
            _meeting("FK", 2, D(2026, 2, 2), "įvyko", ALL_THREE),
            _meeting("FK", 3, D(2026, 10, 10), "įvyko", "Rasa Dambrauskienė"),
            _meeting("FK", 4, D(2026, 11, 15), "įvyko", ALL_THREE),
            _meeting("FK", 5, D(2026, 12, 12), "planuojamas", None),
        ],
        "Sprendimai": [
            _decision("FK", 1, "Nurašyti senus leidinius", D(2025, 6, 30), "įvykdyta"),
            _decision("DG25", 1, "Parengti jubiliejaus planą", D(2025, 9, 1), "neįvykdyta"),
            _decision("FK", 2, "Užsakyti periodiką", D(2026, 3, 1), "įvykdyta"),
            _decision("FK", 2, "Atnaujinti fondo taisykles", D(2026, 12, 31), "vykdoma"),
            _decision("FK", 3, "Patikrinti fondą", D(2026, 11, 1), "vykdoma"),
        ],
    }


def _contest(name: str, nominate_by: dt.date, score_by: dt.date, candidates: int, winners: int) -> Rows:
    """One contest: ``candidates`` in one category (scores 9, 7, 5), one juror, one criterion."""
    people = [(20, f"Laima {name[-4:]}ienė", RAJONAS, 9), (10, f"Eglė {name[-4:]}aitė", BIRZAI, 7),
              (5, f"Rima {name[-4:]}utė", BIRZAI, 5)][:candidates]
    return {
        "Konkursai": [{"Konkursas": name, "Nominacijų terminas": nominate_by, "Vertinimo terminas": score_by,
                       "Apdovanojimo data": score_by + dt.timedelta(days=10), "Laimėtojų sk. kategorijoje": winners}],
        "Nominacijos": [{"Laiko žymė": at(nominate_by - dt.timedelta(days=days), 12), "Konkursas": name,
                         "Kategorija": "metų bibliotekininkas", "Kandidatas": candidate, "Biblioteka": library,
                         "Pareigos": "bibliotekininkė", "Pagrindimas": "Puikus darbas", "Teikėjas": "Vida Bukauskienė",
                         "Teikėjo el. paštas": None}
                        for days, candidate, library, _ in people],
        "Kriterijai": [{"Konkursas": name, "Kriterijus": "Indėlis", "Svoris": 1, "Balai nuo": 1, "Balai iki": 10}],
        "Vertintojai": [{"Konkursas": name, "Vertintojas": "Vida Bukauskienė", "Vertintojo biblioteka": PAVB,
                         "Pareigos": "direktorė", "Vaidmuo": "pirmininkas", "El. paštas": None}],
        "Vertinimai": [{"Konkursas": name, "Vertintojas": "Vida Bukauskienė", "Vertintojo biblioteka": PAVB,
                        "Kandidatas": candidate, "Kriterijus": "Indėlis", "Balas": score}
                       for _, candidate, _, score in people],
    }


def awards() -> Rows:
    rows: Rows = {}
    for part in (_contest("Metų bibliotekininkas 2025", D(2025, 9, 1), D(2025, 10, 1), 2, 1),
                 _contest("Metų bibliotekininkas 2026", D(2026, 9, 1), D(2026, 10, 1), 3, 2),
                 _contest("Metų bibliotekininkas 2027", D(2027, 9, 1), D(2027, 10, 1), 2, 1)):
        for tab, tab_rows in part.items():
            rows.setdefault(tab, []).extend(tab_rows)
    return rows


def multiyear_rows() -> dict[str, Rows]:
    """Every input workbook's rows, as staff would have typed them."""
    return {"teritorijos_statistika": territory(), "renginiai": events(), "lankytojai": visitors(),
            "nuoma": rentals(), "kvalifikacija": training(), "konsultacijos": consultations(),
            "projektai": projects(), "viesinimas": publicity(), "veiklos_planas": plan(), "apklausos": surveys(),
            "komisijos": commissions(), "apdovanojimai": awards()}


def build_multiyear(workspace: Path) -> Path:
    """The workspace, written with the project's own blank-workbook writer (headers from the schemas)."""
    create_workspace(workspace, multiyear_rows(), report_year=YEAR)
    return workspace

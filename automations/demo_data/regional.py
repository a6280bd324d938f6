"""`konsultacijos`, `projektai` and `veiklos_planas`: the regional department's own sheets."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import REGIONAL_STAFF, Rows, days_between, typed_date, typed_dec, typed_int
from automations.demo_data.territory import Library

TOPICS = ("statistika ir ataskaitos", "LIBIS", "fondo formavimas", "renginiai", "skaitymo skatinimas",
          "projektų rengimas", "kraštotyra ir skaitmeninimas", "teisės aktai", "asmens duomenys", "vadyba",
          "erdvių pritaikymas", "kita")
MODES = {"telefonu": (5, 30, 35), "el. paštu": (10, 40, 30), "nuotoliniu": (30, 90, 15),
         "vietoje bibliotekoje": (60, 240, 10), "PAVB patalpose": (30, 120, 10)}
RESULTS = ("Suteikta informacija", "Išsiųsti metodiniai nurodymai", "Patikslinta statistinė ataskaita",
           "Sutarta dėl vizito", "Problema išspręsta", "Rekomenduota dalyvauti mokymuose",
           "Parengtas paraiškos projektas", "Pateikti teisės aktų pavyzdžiai", None)
RECEIVERS = ("direktorė", "direktoriaus pavaduotoja", "vyr. bibliotekininkė", "bibliotekininkė",
             "mokyklos bibliotekininkė", "filialo vedėja", "metodininkė")


def consultations(rng: random.Random, today: dt.date, libs: list[Library]) -> list[dict[str, Any]]:
    """~500 consultations; a handful of libraries asked for none this year."""
    year = today.year
    active = [lib for lib in libs if lib.active]
    quiet = set(rng.sample([lib.code for lib in active if lib.kind != "SVB"], 6))
    asking = [lib for lib in active if lib.code not in quiet]
    weights = [12 if lib.kind == "SVB" else 1 for lib in asking]
    workdays = [d for d in days_between(dt.date(year, 1, 2), today - dt.timedelta(days=1)) if d.weekday() < 5]
    count = round(500 * len(workdays) / 235) if today.month < 12 else 500
    rows = []
    for day in sorted(rng.choice(workdays) for _ in range(max(count, 1))):
        lib = rng.choices(asking, weights=weights)[0]
        statistics = 6 if day.month in (1, 2) else 0.6
        topic = rng.choices(TOPICS, weights=(statistics, 3, 2, 1.5, 1, 1.2, 1, 0.8, 0.6, 0.8, 0.4, 0.6))[0]
        mode = rng.choices(list(MODES), weights=[m[2] for m in MODES.values()])[0]
        low, high, _ = MODES[mode]
        rows.append({"Data": typed_date(rng, day, 0.05),
                     "Biblioteka": lib.code if rng.random() < 0.7 else lib.name, "Tema": topic, "Būdas": mode,
                     "Trukmė, min": rng.randrange(low, high + 1, 5) if rng.random() < 0.92 else None,
                     "Konsultantas": rng.choice(REGIONAL_STAFF), "Gavėjo pareigos": rng.choice(RECEIVERS),
                     "Rezultatas": rng.choice(RESULTS)})
    # MISTAKE: a branch library typed that is not in the territory list (error: unknown library)
    rows[len(rows) // 3]["Biblioteka"] = "Zarasų r. Antazavės filialas"
    # MISTAKE (warning): a whole-day visit entered as 540 min, longer than a working day
    visit = next(r for r in rows[len(rows) // 2:] if r["Būdas"] == "vietoje bibliotekoje")
    visit["Trukmė, min"] = 540
    return rows


def projects(rng: random.Random, today: dt.date) -> list[dict[str, Any]]:
    """~12 projects; some report deadlines fall within 60 days after today."""
    year = today.year
    d = dt.date

    def soon(days: int) -> dt.date:
        return today + dt.timedelta(days=days)

    # title, funder, call, role, partners, status, applied, start, end, budget, granted, deadline
    data = [
        ("Skaitymo skatinimo programa „Knygų kelias regione“", "Lietuvos kultūros taryba", "Skaitymo skatinimas",
         "vykdytojas", "12 teritorijos SVB", "vykdoma", d(year - 1, 11, 10), d(year, 2, 1), d(year, 12, 15),
         18_400, 14_700, soon(rng.randint(10, 30))),
        ("Juozo Urbšio sodybos edukacinės programos", "Kultūros ministerija", "Memorialinių sodybų veikla",
         "vykdytojas", None, "vykdoma", d(year - 1, 12, 1), d(year, 3, 1), d(year, 11, 30), 9_800, 7_800,
         soon(rng.randint(20, 45))),
        ("Erasmus+ „Libraries for Adult Learners“", "Erasmus+", "KA210-ADU", "partneris",
         "Daugpilio centrinė biblioteka (LV), Lomžos viešoji biblioteka (PL)", "vykdoma", d(year - 2, 3, 20),
         d(year - 1, 9, 1), d(year + 1, 8, 31), 60_000, 60_000, soon(rng.randint(35, 58))),
        ("Interreg „Baltic Reading Routes“", "Interreg", "Latvija–Lietuva 2021–2027", "partneris",
         "Rēzeknės centrinė biblioteka", "finansuota", d(year, 3, 15), d(year + 1, 1, 1), d(year + 2, 6, 30),
         148_000, 125_800, d(year + 1, 7, 15)),
        ("Regiono bibliotekininkų kompetencijų tobulinimas", "LNB", "Bibliotekų darbuotojų kvalifikacija",
         "vykdytojas", None, "baigta", d(year - 1, 12, 5), d(year, 2, 15), d(year, 10, 31), 6_200, 5_000,
         d(year, 11, 30) if d(year, 11, 30) > today else soon(25)),
        ("Kino klubas bibliotekoje", "savivaldybė", "Kultūros projektų konkursas", "vykdytojas",
         "Panevėžio kino studija", "baigta", d(year - 1, 12, 15), d(year, 2, 1), d(year, 6, 30), 3_500, 2_800,
         d(year, 7, 31)),
        ("Skaitmeninis Panevėžio kraštotyros archyvas", "Lietuvos kultūros taryba", "Kultūros paveldo skaitmeninimas",
         "vykdytojas", "Panevėžio kraštotyros muziejus", "pateikta", soon(-40), d(year + 1, 3, 1),
         d(year + 1, 12, 15), 24_000, None, None),
        ("Bibliotekų erdvės jaunimui", "Lietuvos kultūros taryba", "Jaunimo kultūra", "vykdytojas", None,
         "nefinansuota", d(year, 2, 20), None, None, 12_000, None, None),
        ("Senjorų skaitmeninio raštingumo dirbtuvės", "savivaldybė", "Socialinių iniciatyvų konkursas",
         "vykdytojas", "Trečiojo amžiaus universitetas", "vykdoma", d(year, 1, 20), d(year, 4, 1),
         d(year + 1, 3, 31), 4_600, 4_000, soon(rng.randint(15, 40))),
        ("Kūrybinės rašymo dirbtuvės paaugliams", "Lietuvos kultūros taryba", "Vaikų ir jaunimo kultūra",
         "vykdytojas", None, "rengiama", None, d(year + 1, 4, 1), d(year + 1, 11, 30), 7_500, None, None),
        ("Šiaurės šalių literatūros savaitė", "kita", "Šiaurės ministrų tarybos biuras", "partneris",
         "Šiaurės ministrų tarybos biuras Lietuvoje", "baigta", d(year - 1, 10, 1), d(year, 11, 10), d(year, 11, 16),
         2_400, 2_000, soon(rng.randint(5, 50))),
        ("Atviros bibliotekos naktis", "Kultūros ministerija", "Bibliotekų renginiai", "vykdytojas", None,
         "vykdoma", d(year, 1, 15), d(year, 4, 1), d(year, 12, 31), 5_300, 4_300, d(year + 1, 1, 31)),
    ]
    rows = []
    for index, (title, funder, call, role, partners, status, applied, start, end, budget, granted,
                deadline) in enumerate(data):
        own = budget - granted if granted is not None else None
        if index == 8:
            # MISTAKE: granted + own contribution do not add up to the budget (warning)
            own = (budget - granted) - 350
        rows.append({"Pavadinimas": title, "Finansuotojas": funder, "Kvietimas": call, "Vaidmuo": role,
                     "Partneriai": partners, "Būsena": status, "Paraiškos data": applied, "Pradžia": start,
                     "Pabaiga": end, "Biudžetas, Eur": typed_int(rng, budget, 0.3),
                     "Skirta, Eur": granted, "Nuosavas įnašas, Eur": own, "Ataskaitos terminas": deadline,
                     "Atsakingas": rng.choice(REGIONAL_STAFF)})
    return rows


# goal → task → (measure, indicator, unit, planned, automatic figure or None, quarter, department, funds)
COMM, REG, SERVICE, KIDS = ("Komunikacijos skyrius", "Regiono bibliotekų strateginės plėtros skyrius",
                            "Skaitytojų aptarnavimo skyrius", "Vaikų ir jaunimo skyrius")
PLAN = {
    "1. Užtikrinti kokybiškas, šiuolaikiškas ir visiems prieinamas bibliotekos paslaugas": {
        "1.1. Plėtoti kultūrinę ir edukacinę veiklą": [
            ("Organizuoti renginius įvairioms amžiaus grupėms", "Įvykusių renginių skaičius", "vnt.", 560,
             "Įvykę renginiai", "visi metai", COMM, 12_000),
            ("Pritraukti lankytojus į renginius", "Renginių dalyvių skaičius", "asm.", 24_000, "Renginių dalyviai",
             "visi metai", COMM, None),
            ("Rengti spaudinių, dailės ir fotografijos parodas", "Parodų skaičius", "vnt.", 110, "Parodos",
             "visi metai", COMM, 3_000),
            ("Vesti ekskursijas grupėms ir delegacijoms", "Ekskursijų skaičius", "vnt.", 120, "Ekskursijos",
             "visi metai", COMM, None),
            ("Vykdyti vaikų edukacinius užsiėmimus vasarą", "Užsiėmimų skaičius", "vnt.", 40, None, "III", KIDS,
             1_500),
        ],
        "1.2. Populiarinti Juozo Urbšio sodybą Zaosėje": [
            ("Sodybos lankymas sezono metu", "Lankytojų skaičius", "asm.", 2_500, "Zaosės lankytojai", "visi metai",
             COMM, 4_000),
            ("Vasaros renginių ciklas sodyboje", "Renginių skaičius", "vnt.", 6, None, "III", COMM, 2_500),
        ],
        "1.3. Didinti bibliotekos erdvių panaudojimą": [
            ("Nuomoti bibliotekos patalpas renginiams", "Įvykdytų užsakymų skaičius", "vnt.", 60,
             "Nuomos užsakymai", "visi metai", COMM, None),
            ("Gauti pajamų už patalpų nuomą", "Nuomos pajamos", "Eur", 9_000, "Nuomos pajamos, Eur", "visi metai",
             COMM, None),
            ("Atnaujinti jaunimo erdvę „Erdvė 14–29“", "Atnaujinta erdvė", "vnt.", 1, None, "II", KIDS, 8_000),
        ],
        "1.4. Gerinti paslaugų prieinamumą": [
            ("Įsigyti didžiųjų raidžių ir garsinių knygų", "Įsigyta leidinių", "egz.", 300, None, "visi metai",
             SERVICE, 2_400),
            ("Atlikti vartotojų pasitenkinimo tyrimą", "Patenkintų vartotojų dalis", "proc.", 85, None, "IV",
             SERVICE, None),
        ],
    },
    "2. Stiprinti regiono bibliotekų metodinę ir strateginę plėtrą": {
        "2.1. Tobulinti bibliotekininkų kvalifikaciją": [
            ("Organizuoti kvalifikacijos tobulinimo renginius", "Įvykusių mokymų skaičius", "vnt.", 28,
             "Įvykę mokymai", "visi metai", REG, 6_000),
            ("Apmokyti teritorijos bibliotekininkus", "Apmokytų asmenų skaičius", "asm.", 220, "Apmokyti asmenys",
             "visi metai", REG, None),
            ("Atlikti mokymų poreikių tyrimą", "Apklausos dalyviai", "asm.", 120, None, "III", REG, None),
            ("Parengti kitų metų mokymų planą", "Parengtas planas", "vnt.", 1, None, "IV", REG, None),
        ],
        "2.2. Teikti metodinę pagalbą": [
            ("Konsultuoti teritorijos bibliotekas", "Suteiktų konsultacijų skaičius", "vnt.", 450,
             "Suteiktos konsultacijos", "visi metai", REG, None),
            ("Lankytis teritorijos bibliotekose", "Metodinių išvykų skaičius", "vnt.", 24, None, "visi metai", REG,
             1_200),
            ("Parengti analitines apžvalgas", "Parengtų apžvalgų skaičius", "vnt.", 4, None, "visi metai", REG, None),
        ],
        "2.3. Rinkti ir analizuoti regiono bibliotekų statistiką": [
            ("Surinkti teritorijos bibliotekų statistiką", "Registruotų vartotojų skaičius teritorijoje", "asm.",
             130_000, "Teritorijos registruoti vartotojai", "I", REG, None),
            ("Stebėti bibliotekų lankomumą", "Apsilankymų skaičius teritorijoje", "vnt.", 1_800_000,
             "Teritorijos apsilankymai", "I", REG, None),
            ("Stebėti dokumentų išduotį", "Išduotis teritorijoje", "fiz. vnt.", 2_300_000, "Teritorijos išduotis",
             "I", REG, None),
            ("Skatinti renginių veiklą teritorijoje", "Renginių skaičius teritorijoje", "vnt.", 18_000,
             "Teritorijos renginiai", "I", REG, None),
        ],
        "2.4. Rengti ir vykdyti projektus": [
            ("Teikti paraiškas ir vykdyti projektus", "Vykdomų projektų skaičius", "vnt.", 6, "Vykdomi projektai",
             "visi metai", REG, None),
            ("Organizuoti „Ad astra“ apdovanojimus", "Apdovanotų specialistų skaičius", "asm.", 5, None, "IV", REG,
             1_000),
        ],
    },
    "3. Didinti bibliotekos veiklos matomumą": {
        "3.1. Vykdyti nuoseklią komunikaciją": [
            ("Skelbti informaciją apie veiklą", "Publikacijų skaičius", "vnt.", 380, "Publikacijos", "visi metai",
             COMM, None),
            ("Didinti sekėjų skaičių socialiniuose tinkluose", "Naujų sekėjų skaičius", "asm.", 1_200, None,
             "visi metai", COMM, 600),
            ("Transliuoti renginius internetu", "Transliacijų skaičius", "vnt.", 40, None, "visi metai", COMM, None),
            ("Išleisti naujienlaiškius", "Naujienlaiškių skaičius", "vnt.", 12, None, "visi metai", COMM, None),
        ],
    },
}


def plan_rows(rng: random.Random, today: dt.date) -> list[dict[str, Any]]:
    year = today.year
    rows = []
    for goal, tasks in PLAN.items():
        for task, measures in tasks.items():
            for measure, indicator, unit, planned, auto, quarter, department, funds in measures:
                actual: Any = None
                quarter_done = (quarter == "visi metai"
                                or ("I", "II", "III", "IV").index(quarter) < (today.month - 1) // 3)
                if auto is None and quarter_done:
                    actual = typed_dec(rng, round(planned * rng.uniform(0.8, 1.15)), 0.2)
                    if planned <= 5:
                        actual = planned if rng.random() < 0.7 else max(0, planned - 1)
                    if quarter == "visi metai" and rng.random() < 0.3:
                        actual = None  # the year is not over: filled in December
                rows.append({"Metai": year, "Tikslas": goal, "Uždavinys": task, "Priemonė": measure,
                             "Rodiklis": indicator, "Mato vnt.": unit, "Planinė reikšmė": typed_int(rng, planned, 0.3),
                             "Faktinė reikšmė": actual, "Automatinis rodiklis": auto, "Ketvirtis": quarter,
                             "Atsakingas padalinys": department,
                             "Lėšos, Eur": typed_dec(rng, funds, 0.2) if funds else None,
                             "Finansavimo šaltinis": ("Valstybės biudžetas" if rng.random() < 0.7 else "Projekto lėšos")
                             if funds else None, "Pastabos": None})
    # MISTAKE (warning): an actual value typed although the figure is computed automatically
    typed = next(r for r in rows if r["Automatinis rodiklis"] == "Parodos")
    typed["Faktinė reikšmė"], typed["Pastabos"] = 104, "Įrašyta rankiniu būdu spalio mėn."
    # MISTAKE (error): a count of events typed with a fraction
    summer = next(r for r in rows if r["Priemonė"] == "Vasaros renginių ciklas sodyboje")
    summer["Faktinė reikšmė"] = "6,3"
    return rows


def regional_rows(rng: random.Random, today: dt.date, libs: list[Library]) -> dict[str, Rows]:
    return {
        "konsultacijos": {"Konsultacijos": consultations(rng, today, libs)},
        "projektai": {"Projektai": projects(rng, today)},
        "veiklos_planas": {"Priemonės": plan_rows(rng, today)},
    }

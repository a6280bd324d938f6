"""`apklausos`: a users' satisfaction survey run last year and this year, and a youth-needs survey.

This year's satisfaction survey gains a question while it runs (the e-services scale appears
after about a fifth of the answers); the youth survey collects e-mail addresses. Answers
come mostly from the municipal (SVB) libraries, as in real surveys.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import REGIONAL_STAFF, Rows, weighted
from automations.demo_data.territory import Library

AGES = (("iki 14", 1), ("14–29", 2), ("30–64", 5), ("65 ir daugiau", 3))
YOUTH_AGES = (("iki 14", 3), ("14–29", 8), ("30–64", 0.3))
GENDERS = (("moteris", 6), ("vyras", 3), ("kita / nenoriu sakyti", 0.4))
SATISFACTION_SCALES = ("Kaip vertinate bibliotekos darbo laiką? (1–5)", "Kaip vertinate darbuotojų paslaugumą? (1–5)",
                       "Kaip vertinate knygų ir kitų dokumentų pasirinkimą? (1–5)",
                       "Kaip vertinate bibliotekos renginius? (1–5)",
                       "Kaip vertinate patalpas ir jų jaukumą? (1–5)",
                       "Kaip vertinate kompiuterių ir interneto prieigą? (1–5)")
ADDED = "Kaip vertinate elektronines paslaugas (e. katalogą, rezervavimą)? (1–5)"
VISITS = ("Kaip dažnai lankotės bibliotekoje?", (("kas savaitę", 3), ("kelis kartus per mėnesį", 4),
                                                  ("kartą per mėnesį", 2), ("rečiau", 1.5)))
SERVICES = ("Kokiomis paslaugomis naudojatės?", (("knygų išdavimas", 9), ("periodika", 3), ("renginiai", 4),
                                                 ("kompiuteriai ir internetas", 2.5), ("edukaciniai užsiėmimai", 1.5),
                                                 ("spausdinimas ir kopijavimas", 2)))
BOOKS = "Kiek knygų perskaitėte per paskutinius 3 mėnesius?"
WISHES = (("Norėčiau daugiau", "Trūksta", "Reikėtų daugiau", "Būtų gerai turėti daugiau", "Pageidautume"),
          ("naujų knygų", "garsinių knygų", "knygų anglų kalba", "renginių vaikams", "renginių senjorams",
           "vietų skaityti", "kompiuterių", "žurnalų", "stalo žaidimų", "edukacijų šeimoms"),
          ("", " ypač savaitgaliais", " mūsų filiale", " vakarais", " vasarą", " kaime", " ir greitesnio interneto",
           " ir ilgesnio darbo laiko šeštadieniais", " nes dabar jų mažai"))
PRAISE = ("Labai patinka, nieko nekeisčiau", "Ačiū bibliotekininkei Rūtai Kazlauskienei už pagalbą",
          "Patalpoms reikėtų remonto", "Viskas puiku, ačiū darbuotojams")
YOUTH_SCALES = ("Ar jaučiatės laukiami bibliotekoje? (1–5)", "Kaip vertinate jaunimo erdvę? (1–5)")
ACTIVITIES = ("Kokių veiklų norėtumėte bibliotekoje?", (("stalo žaidimai", 5), ("kino vakarai", 4),
                                                         ("kūrybinės dirbtuvės", 3), ("karjeros konsultacijos", 2),
                                                         ("programavimo ar robotikos užsiėmimai", 3),
                                                         ("ramios vietos mokytis", 4),
                                                         ("susitikimai su rašytojais", 1)))
CHANNELS = ("Iš kur sužinote apie bibliotekos renginius?", (("socialiniai tinklai", 6), ("draugai", 3),
                                                             ("mokykla", 3), ("bibliotekos svetainė", 1),
                                                             ("plakatai", 1)))
MISSING = (("Trūksta", "Norėtųsi", "Labai trūksta", "Reikia"),
           ("vietos susitikti su draugais", "stalo žaidimų", "kino vakarų", "komiksų ir mangų", "lizdų telefonams "
            "krauti", "ramios vietos mokytis", "muzikos užsiėmimų", "naujų fantastikos knygų"),
           ("", " po pamokų", " savaitgaliais", " mūsų mieste", " vakarais"))
CONTACT = "Parašykite man: jaunimas.klubas@gmail.com, norėčiau organizuoti renginį"


def _scale(rng: random.Random, mean: float) -> int:
    return max(1, min(5, round(rng.gauss(mean, 0.9))))


def _wish(rng: random.Random) -> str:
    """An open answer: varied, as people write them (a few typed the same words)."""
    if rng.random() < 0.12:
        return rng.choice(PRAISE)
    start, what, detail = (rng.choice(part) for part in WISHES)
    return f"{start} {what}{detail}" + rng.choice((".", "", "!"))


def _choices(rng: random.Random, options: tuple, several: bool) -> str:
    names = [name for name, _ in options]
    if not several:
        return weighted(rng, options)
    picked = {weighted(rng, options) for _ in range(rng.choice((1, 1, 2, 2, 3)))}
    return ", ".join(name for name in names if name in picked)


def _stamps(rng: random.Random, start: dt.date, end: dt.date, count: int, today: dt.date) -> list[dt.datetime]:
    last = min(end, today - dt.timedelta(days=1))
    if last < start:
        return []
    days = (last - start).days + 1
    return sorted(dt.datetime.combine(start + dt.timedelta(days=rng.randrange(days)),
                                      dt.time(rng.randint(8, 20), rng.randrange(60), rng.randrange(60)))
                  for _ in range(count * days // ((end - start).days + 1)))


def _library(rng: random.Random, libs: list[Library]) -> str:
    lib = rng.choices(libs, weights=[12 if lib.kind == "SVB" else 1 for lib in libs])[0]
    return lib.name if rng.random() < 0.85 else lib.code


def satisfaction(rng: random.Random, libs: list[Library], stamps: list[dt.datetime], shift: float,
                 added: bool) -> list[dict[str, Any]]:
    rows = []
    for index, stamp in enumerate(stamps):
        row: dict[str, Any] = {"Laiko žymė": stamp, "Biblioteka": _library(rng, libs),
                               "Amžiaus grupė": weighted(rng, AGES) if rng.random() < 0.96 else None,
                               "Lytis": weighted(rng, GENDERS) if rng.random() < 0.9 else None}
        for number, question in enumerate(SATISFACTION_SCALES):
            row[question] = _scale(rng, 4.1 + shift - 0.15 * number) if rng.random() < 0.95 else None
        row[VISITS[0]] = _choices(rng, VISITS[1], False)
        row[SERVICES[0]] = _choices(rng, SERVICES[1], True)
        row[BOOKS] = rng.choice((0, 1, 2, 3, 3, 4, 5, 6, 8, 10, 12, 15)) if rng.random() < 0.8 else None
        row["Ką bibliotekoje norėtumėte pakeisti ar patobulinti?"] = _wish(rng) if rng.random() < 0.3 else None
        if added:  # the question the form gained after about a fifth of the answers
            row[ADDED] = _scale(rng, 3.6) if index >= len(stamps) // 5 and rng.random() < 0.9 else None
        rows.append(row)
    return rows


def youth(rng: random.Random, libs: list[Library], stamps: list[dt.datetime]) -> list[dict[str, Any]]:
    rows = []
    for stamp in stamps:
        row: dict[str, Any] = {"Laiko žymė": stamp,
                               "El. pašto adresas": f"jaunimas{rng.randrange(10_000):04d}@mokinys.lt"
                               if rng.random() < 0.6 else None,
                               "Biblioteka": _library(rng, libs), "Amžiaus grupė": weighted(rng, YOUTH_AGES),
                               "Lytis": weighted(rng, GENDERS)}
        for question in YOUTH_SCALES:
            row[question] = _scale(rng, 3.8)
        row[ACTIVITIES[0]] = _choices(rng, ACTIVITIES[1], True)
        row[CHANNELS[0]] = _choices(rng, CHANNELS[1], False)
        start, what, when = (rng.choice(part) for part in MISSING)
        row["Ko trūksta jūsų bibliotekoje?"] = f"{start} {what}{when}" if rng.random() < 0.35 else None
        rows.append(row)
    return rows


def survey_rows(rng: random.Random, today: dt.date, libs: list[Library]) -> Rows:
    year = today.year
    active = [lib for lib in libs if lib.active]
    d = dt.date
    register = [
        (f"APK-{year - 1}-01", f"Vartotojų pasitenkinimo tyrimas {year - 1}", d(year - 1, 3, 1),
         d(year - 1, 4, 15), "bibliotekų vartotojai", "Formos atsakymai 1"),
        (f"APK-{year}-01", f"Vartotojų pasitenkinimo tyrimas {year}", d(year, 3, 2), d(year, 4, 30),
         "bibliotekų vartotojai", "Formos atsakymai 2"),
        (f"APK-{year}-02", f"Jaunimo poreikiai bibliotekoje {year}", d(year, 9, 15), d(year, 10, 31),
         "14–29 metų jaunimas", "Formos atsakymai 3"),
    ]
    rows: Rows = {"Apklausos": [{"Kodas": code, "Pavadinimas": title, "Nuo": start, "Iki": end, "Tikslinė grupė": group,
                                 "Formos ID": None, "Atsakymų lapas": tab, "Atsakingas": REGIONAL_STAFF[index % 2]}
                                for index, (code, title, start, end, group, tab) in enumerate(register)]}
    last = satisfaction(rng, active, _stamps(rng, register[0][2], register[0][3], 520, today), 0.0, False)
    now = satisfaction(rng, active, _stamps(rng, register[1][2], register[1][3], 820, today), 0.15, True)
    young = youth(rng, active, _stamps(rng, register[2][2], register[2][3], 310, today))
    if len(now) > 40:
        # MISTAKE: a scale answer outside 1–5 (error)
        now[17][SATISFACTION_SCALES[1]] = 6
        # MISTAKE: a library that is not on the territory list (error)
        now[29]["Biblioteka"] = "Kupiškio r. Noriūnų filialas"
        # MISTAKE (warning): the same answers submitted again 20 seconds later (a double click)
        twice = dict(now[35], **{"Laiko žymė": now[35]["Laiko žymė"] + dt.timedelta(seconds=20)})
        now.insert(36, twice)
    if len(young) > 10:  # someone wrote an address into an open answer: the report masks it
        young[7]["Ko trūksta jūsų bibliotekoje?"] = CONTACT
    if len(last) > 10:
        # MISTAKE (warning): an answer submitted the day after the survey closed
        late = dict(last[-1], **{"Laiko žymė": dt.datetime.combine(register[0][3] + dt.timedelta(days=1),
                                                                   dt.time(9, 12))})
        last.append(late)
    rows["Formos atsakymai 1"], rows["Formos atsakymai 2"], rows["Formos atsakymai 3"] = last, now, young
    return rows

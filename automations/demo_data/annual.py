"""What the annual report needs beyond the other sheets: the Library's own statistics form, its finances,
the texts only people write, the approvals, and the plan's baselines and reasons.

Drawn from their own random generator after the rest, so every other demo value stays as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import Rows, at, typed_int

OWN_CODE = "PAVB"
OWN_NAME = "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka"
# the Library's own yearly form, three years ago; later years drift a few percent
OWN_BASE = {"Registruoti vartotojai": 14_200, "iš jų vaikai (iki 14 m.)": 3_900,
            "Naujai užregistruoti vartotojai": 2_100, "Apsilankymai (fiziniai)": 176_000,
            "Virtualūs apsilankymai": 412_000, "Išduotis (fiz. vnt.)": 262_000, "iš jos vaikams": 61_000,
            "Fondas metų pabaigoje (fiz. vnt.)": 486_000, "Gauta per metus (fiz. vnt.)": 9_400,
            "Nurašyta per metus (fiz. vnt.)": 12_100, "Renginiai": 610, "Renginių dalyviai": 24_800, "Parodos": 128,
            "Mokymai vartotojams": 190, "Mokymų dalyviai": 2_300, "Darbuotojai (asm.)": 96, "Etatai": 88.5,
            "Profesionalūs bibliotekininkai": 63, "Kvalifikaciją tobulinę darbuotojai": 78,
            "Vartotojų kompiuterizuotos darbo vietos": 58}


def own_library(rng: random.Random, today: dt.date) -> dict[str, list[dict[str, Any]]]:
    """The Library's row in `Bibliotekos` and its answers to the yearly form (the last three years)."""
    library = {"Kodas": OWN_CODE, "Pavadinimas": OWN_NAME, "Savivaldybė": "Panevėžio miesto",
               "Tipas": "apskrities biblioteka", "Padalinių skaičius": 3, "Aktyvi": "Taip",
               "El. paštas": "statistika@pavb.lt"}
    answers = []
    values = dict(OWN_BASE)
    for year in range(today.year - 3, today.year):
        stamp = at(dt.date(year + 1, 1, 20) + dt.timedelta(days=rng.randint(0, 10)), 10, rng.randint(0, 59), 0)
        answers.append({"Laiko žymė": stamp, "El. pašto adresas": "statistika@pavb.lt", "Biblioteka": OWN_CODE,
                        "Metai": year, **{key: typed_int(rng, round(value), 0.1) if key != "Etatai" else value
                                          for key, value in values.items()}, "Paaiškinimas": None})
        values = {key: (round(value * rng.uniform(0.97, 1.06)) if key != "Etatai" else value + 0.75)
                  for key, value in values.items()}
    return {"Bibliotekos": [library], "Formos atsakymai 1": answers}


def finances(today: dt.date) -> list[dict[str, Any]]:
    """The year's income and expenditure, as the accountant would type them."""
    year = today.year
    income = (("Valstybės biudžeto asignavimai", 2_416_000, 2_416_000), ("Pajamos už paslaugas", 38_000, 41_260.5),
              ("Projektų lėšos", 96_000, 88_430), ("Parama (1,2 proc. GPM ir rėmėjai)", 6_000, 7_915.35))
    spending = (("Darbo užmokestis ir socialinis draudimas", 2_050_000, 2_049_310.12),
                ("Dokumentų fondo komplektavimas", 140_000, 139_874.66), ("Prekės ir paslaugos", 262_000, 248_905.2),
                ("Projektų išlaidos", 96_000, 86_120.4), ("Ilgalaikis turtas", 8_000, 7_620))
    return ([{"Metai": year, "Rūšis": "pajamos", "Straipsnis": name, "Planas, Eur": plan, "Faktas, Eur": fact}
             for name, plan, fact in income]
            + [{"Metai": year, "Rūšis": "išlaidos", "Straipsnis": name, "Planas, Eur": plan, "Faktas, Eur": fact}
               for name, plan, fact in spending])


TEXTS = {
    "įvadas": ("Biblioteka – Panevėžio ir Utenos apskričių teritorijos bibliotekų metodinis centras ir viena "
               "didžiausių regiono kultūros įstaigų. Metais daugiausia dėmesio skirta skaitymo skatinimui, "
               "skaitmeninio raštingumo mokymams ir teritorijos bibliotekų specialistų kvalifikacijai.",
               "Ataskaitoje apžvelgiami Bibliotekos ir teritorijos bibliotekų veiklos rezultatai, jų palyginimas su "
               "praėjusiais metais, finansai, kilusios problemos ir kitų metų prioritetai."),
    "problemos": ("Centrinių rūmų šildymo sistemos remontas trims savaitėms apribojo renginių ir nuomos galimybes.",
                  "Trūksta specialistų, galinčių vesti dirbtinio intelekto ir duomenų raštingumo mokymus.",
                  "Mažėjantis gyventojų skaičius rajonuose lemia mažesnį registruotų vartotojų skaičių."),
    "prioritetai": ("Plėsti skaitmeninio raštingumo ir dirbtinio intelekto mokymus teritorijos bibliotekoms.",
                    "Atnaujinti Vaikų ir jaunimo skyriaus erdves ir pritaikyti jas neįgaliesiems.",
                    "Parengti regiono bibliotekų veiklos stebėsenos rodiklių rinkinį."),
}


def texts(today: dt.date) -> list[dict[str, Any]]:
    return [{"Metai": today.year, "Skyrius": section, "Tekstas": text}
            for section, items in TEXTS.items() for text in items]


def approvals(today: dt.date) -> list[dict[str, Any]]:
    """The plan approved in January; the report is approved only after the year (not yet in the demo)."""
    return [{"Metai": today.year, "Dokumentas": "veiklos planas", "Data": dt.date(today.year, 1, 20), "Nr.": "V-8",
             "Tvirtino": "direktorė Vida Bukauskienė"},
            {"Metai": today.year - 1, "Dokumentas": "veiklos ataskaita", "Data": dt.date(today.year, 1, 28),
             "Nr.": "V-14", "Tvirtino": "direktorė Vida Bukauskienė"}]


REASONS = ("Dalis veiklų perkelta į IV ketvirtį dėl patalpų remonto.", "Atsisakė partneris; ieškoma kito.",
           "Sumažėjo finansavimas; priemonė vykdoma mažesne apimtimi.")


def plan_extras(rng: random.Random, rows: list[dict[str, Any]]) -> None:
    """Baselines for measures typed by hand (automatic ones take last year's figure) and reasons for lagging."""
    for row in rows:
        planned = float(str(row["Planinė reikšmė"]).replace(" ", "").replace("\u00a0", ""))
        if row["Automatinis rodiklis"] is None and planned > 5:
            row["Bazinė reikšmė"] = round(planned * rng.uniform(0.82, 0.98))
        actual = row["Faktinė reikšmė"]
        if actual is not None and row["Pastabos"] is None and _number(actual) < planned * 0.9:
            row["Pastabos"] = rng.choice(REASONS)


def _number(value: Any) -> float:
    try:
        return float(str(value).replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except ValueError:
        return 0.0


def in_submission_order(answers: list[dict[str, Any]], more: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``answers`` with ``more`` slotted in by submission time, as a form's response sheet holds them."""
    merged = list(answers)
    for answer in more:
        stamp = answer["Laiko žymė"]
        place = next((index for index, row in enumerate(merged)
                      if isinstance(row["Laiko žymė"], dt.datetime) and row["Laiko žymė"] > stamp), len(merged))
        merged.insert(place, answer)
    return merged


def annual_rows(rng: random.Random, today: dt.date, rows: dict[str, Rows]) -> None:
    """Add the annual report's inputs to the demo rows (in place)."""
    own = own_library(rng, today)
    territory = rows["teritorijos_statistika"]
    territory["Bibliotekos"] = [*territory["Bibliotekos"], *own["Bibliotekos"]]
    territory["Formos atsakymai 1"] = in_submission_order(territory["Formos atsakymai 1"], own["Formos atsakymai 1"])
    plan = rows["veiklos_planas"]
    plan_extras(rng, plan["Priemonės"])
    plan.update({"Finansai": finances(today), "Ataskaitos tekstai": texts(today), "Tvirtinimas": approvals(today)})

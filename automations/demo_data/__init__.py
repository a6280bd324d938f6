"""Per-workbook generators of the demo workspace; :mod:`automations.demo` puts them together.

Every generator takes its own ``random.Random`` (derived from the seed and the workbook's
name, never the clock or the global generator) and ``today``, and returns
``{tab: [ {header: value, ...}, ... ]}`` with values as a person would type them.
Deliberate mistakes are few and each is marked with a ``# MISTAKE:`` comment.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Sequence
from typing import Any

Rows = dict[str, list[dict[str, Any]]]

NBSP = "\u00a0"


def rng_for(seed: int, part: str) -> random.Random:
    """An independent, reproducible stream per workbook (str seeds hash with SHA-512, not ``hash()``)."""
    return random.Random(f"{seed}/{part}")


def spaced(value: int, sep: str = " ") -> str:
    """``12345`` → ``12 345``, as people type thousands."""
    return f"{value:,}".replace(",", sep)


def typed_int(rng: random.Random, value: int, p: float = 0.15) -> int | str:
    """Usually a number cell; sometimes text with a (no-break) space thousands separator."""
    if value >= 1000 and rng.random() < p:
        return spaced(value, rng.choice((" ", NBSP)))
    return value


def typed_dec(rng: random.Random, value: float, p: float = 0.3) -> float | str:
    """Usually a number cell; sometimes text with a decimal comma (``3,5``)."""
    if rng.random() < p:
        text = f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
        return text.replace(".", ",")
    return value


def typed_date(rng: random.Random, value: dt.date, p: float = 0.08) -> dt.date | str:
    """Usually a date cell; sometimes typed as text ``2026.03.05``, ``2026-03-05`` or ``2026/03/05``."""
    if rng.random() < p:
        return value.strftime(rng.choice(("%Y.%m.%d", "%Y-%m-%d", "%Y/%m/%d")))
    return value


def ascii_slug(text: str, sep: str = ".") -> str:
    """``Rūta Žukauskienė`` → ``ruta.zukauskiene`` (for e-mail addresses)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return sep.join(part for part in "".join(c if c.isalnum() else " " for c in plain.lower()).split())


def weighted(rng: random.Random, pairs: Sequence[tuple[Any, float]]) -> Any:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]


def at(day: dt.date, hour: int, minute: int = 0, second: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second))


FEMALE_NAMES = (
    "Rūta", "Asta", "Jolanta", "Vilma", "Daiva", "Rasa", "Inga", "Laima", "Loreta", "Irena", "Dalia", "Aušra",
    "Kristina", "Jurgita", "Eglė", "Ramunė", "Vida", "Birutė", "Giedrė", "Lina", "Neringa", "Aldona", "Violeta",
    "Gintarė", "Audronė", "Danutė", "Sigita", "Renata", "Indrė", "Aistė", "Simona", "Miglė", "Živilė", "Reda",
)
MALE_NAMES = (
    "Tomas", "Mindaugas", "Darius", "Andrius", "Vytautas", "Jonas", "Rimantas", "Gintaras", "Saulius", "Marius",
    "Arūnas", "Donatas", "Paulius", "Kęstutis", "Linas", "Žydrūnas", "Algirdas", "Mantas",
)
# (male, married female, unmarried female)
SURNAMES = (
    ("Kazlauskas", "Kazlauskienė", "Kazlauskaitė"), ("Petrauskas", "Petrauskienė", "Petrauskaitė"),
    ("Jankauskas", "Jankauskienė", "Jankauskaitė"), ("Stankevičius", "Stankevičienė", "Stankevičiūtė"),
    ("Vasiliauskas", "Vasiliauskienė", "Vasiliauskaitė"), ("Žukauskas", "Žukauskienė", "Žukauskaitė"),
    ("Butkus", "Butkienė", "Butkutė"), ("Paulauskas", "Paulauskienė", "Paulauskaitė"),
    ("Urbonas", "Urbonienė", "Urbonaitė"), ("Kavaliauskas", "Kavaliauskienė", "Kavaliauskaitė"),
    ("Baranauskas", "Baranauskienė", "Baranauskaitė"), ("Navickas", "Navickienė", "Navickaitė"),
    ("Ramanauskas", "Ramanauskienė", "Ramanauskaitė"), ("Savickas", "Savickienė", "Savickaitė"),
    ("Žilinskas", "Žilinskienė", "Žilinskaitė"), ("Rimkus", "Rimkienė", "Rimkutė"),
    ("Mockus", "Mockienė", "Mockutė"), ("Bagdonas", "Bagdonienė", "Bagdonaitė"),
    ("Pocius", "Pocienė", "Pociūtė"), ("Vaitkus", "Vaitkienė", "Vaitkutė"),
    ("Sakalauskas", "Sakalauskienė", "Sakalauskaitė"), ("Jonaitis", "Jonaitienė", "Jonaitytė"),
    ("Čepulis", "Čepulienė", "Čepulytė"), ("Grigas", "Grigienė", "Grigaitė"),
    ("Šimkus", "Šimkienė", "Šimkutė"), ("Daukša", "Daukšienė", "Daukšaitė"),
    ("Lukošius", "Lukošienė", "Lukošiūtė"), ("Kairys", "Kairienė", "Kairytė"),
    ("Malinauskas", "Malinauskienė", "Malinauskaitė"), ("Gudelis", "Gudelienė", "Gudelytė"),
    ("Ūselis", "Ūselienė", "Ūselytė"), ("Valančius", "Valančienė", "Valančiūtė"),
    ("Bernotas", "Bernotienė", "Bernotaitė"), ("Kriaučiūnas", "Kriaučiūnienė", "Kriaučiūnaitė"),
    ("Morkūnas", "Morkūnienė", "Morkūnaitė"), ("Dambrauskas", "Dambrauskienė", "Dambrauskaitė"),
)


def person(rng: random.Random, female_share: float = 0.85) -> str:
    """A fake but Lithuanian name, ``Vardas Pavardė``; librarians are mostly women."""
    male, married, unmarried = rng.choice(SURNAMES)
    if rng.random() < female_share:
        return f"{rng.choice(FEMALE_NAMES)} {married if rng.random() < 0.7 else unmarried}"
    return f"{rng.choice(MALE_NAMES)} {male}"


def people(rng: random.Random, count: int, female_share: float = 0.85) -> list[str]:
    """``count`` distinct names."""
    chosen: list[str] = []
    while len(chosen) < count:
        name = person(rng, female_share)
        if name not in chosen:
            chosen.append(name)
    return chosen


# PAVB staff who appear as organisers, guides and consultants (fake names).
COMMUNICATION_STAFF = ("Aistė Vaitkutė", "Mantas Jonaitis", "Indrė Bernotaitė", "Giedrė Morkūnienė")
REGIONAL_STAFF = ("Jolanta Kriaučiūnienė", "Rasa Dambrauskienė", "Vilma Gudelienė", "Darius Malinauskas")

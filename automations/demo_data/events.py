"""`renginiai` (events, exhibitions, excursions) and `lankytojai` (the daily visitor log)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from automations.demo_data import COMMUNICATION_STAFF, Rows, ascii_slug, days_between, person, typed_date, weighted
from automations.demo_data.texts import (
    ACTIONS,
    BOOKS,
    CONCERTS,
    CONFERENCES,
    DELEGATIONS,
    EDUCATION,
    EXHIBITION_KIND,
    EXHIBITION_NAMES,
    FILMS,
    KINDERGARTENS,
    OTHER,
    PARTNERS,
    QUIZZES,
    TOPICS,
)

CENTRAL, CHILDREN, MILTINIS, ZAOSE = ("Centriniai rūmai", "Vaikų ir jaunimo skyrius",
                                      "J. Miltinio palikimo studijų centras", "J. Urbšio sodyba (Zaosė)")
ROOMS = {  # where events happen → the building whose visitor log counts them
    "Konferencijų salė": CENTRAL, "Parodų salė": CENTRAL, "Muzikos skyrius": CENTRAL, "Kino salė": CENTRAL,
    "Vaikų ir jaunimo skyrius": CHILDREN, "Erdvė 14–29": CHILDREN, MILTINIS: MILTINIS, ZAOSE: ZAOSE,
}
ONLINE = ("YouTube", "Facebook", "Zoom")
DEPARTMENTS = ("Komunikacijos skyrius", "Vaikų ir jaunimo skyrius", "Muzikos skyrius",
               "Kraštotyros ir bibliografijos skyrius", "Skaitytojų aptarnavimo skyrius",
               "Regiono bibliotekų strateginės plėtros skyrius", MILTINIS)
ADULT_ROOMS = ("Konferencijų salė", "Parodų salė", "Muzikos skyrius")

# type: weight, audiences, rooms, start times, minutes, attendees (min, max), organisers
TYPES: dict[str, tuple] = {
    "susitikimas su autoriumi": (9, ("suaugusieji", "visi", "senjorai"), ADULT_ROOMS, ("17:00", "17:30", "18:00"),
                                 (60, 90), (20, 90), (0, 4)),
    "knygos pristatymas": (9, ("suaugusieji", "visi"), (*ADULT_ROOMS, MILTINIS), ("17:00", "17:30"), (60, 90),
                           (20, 80), (0, 3)),
    "paskaita": (12, ("suaugusieji", "senjorai", "jaunimas", "visi"), ("Konferencijų salė", "Parodų salė", MILTINIS),
                 ("11:00", "13:00", "15:00", "17:00"), (45, 90), (12, 60), (0, 3, 4)),
    "seminaras": (6, ("specialistai",), ("Konferencijų salė",), ("10:00",), (180, 300), (15, 60), (5, 0)),
    "konferencija": (1.2, ("specialistai", "visi"), ("Konferencijų salė",), ("10:00",), (300, 360), (60, 200), (5, 0)),
    "edukacinis užsiėmimas": (22, ("vaikai", "šeimos", "jaunimas"), ("Vaikų ir jaunimo skyrius", "Erdvė 14–29"),
                              ("10:00", "11:00", "12:30", "14:00"), (45, 90), (10, 30), (1,)),
    "literatūros vakaras": (5, ("suaugusieji", "senjorai"), (*ADULT_ROOMS, MILTINIS), ("17:30", "18:00"), (90, 120),
                            (20, 70), (0, 2, 4)),
    "koncertas": (5, ("visi", "šeimos", "senjorai"), ("Konferencijų salė", "Muzikos skyrius"), ("17:00", "18:00"),
                  (60, 90), (40, 120), (2,)),
    "kino peržiūra": (4, ("visi", "jaunimas", "senjorai"), ("Kino salė",), ("13:00", "17:30", "18:00"), (90, 120),
                      (15, 50), (2, 4)),
    "protmūšis": (3, ("jaunimas", "suaugusieji"), ("Erdvė 14–29", "Konferencijų salė"), ("18:00",), (90, 120),
                  (20, 60), (1, 0)),
    "akcija": (2, ("visi", "vaikai", "šeimos"), ("Vaikų ir jaunimo skyrius", "Konferencijų salė"),
               ("10:00", "12:00"), (120, 240), (30, 120), (0, 1)),
    "kita": (5, ("šeimos", "senjorai", "jaunimas", "suaugusieji"), ("Parodų salė", "Erdvė 14–29", "Muzikos skyrius"),
             ("11:00", "15:00", "17:00"), (60, 120), (10, 40), (0, 1, 4)),
}
ZAOSE_EVENTS = ("Vasaros popietė Juozo Urbšio sodyboje", "Edukacija „Diplomato sodyba“", "Zaosės vasaros šventė",
                "Joninės Zaosėje", "Muziejų naktis Zaosėje", "Rudens skaitymai sodyboje", "Kraštiečių susitikimas")


@dataclass
class Event:
    date: dt.date
    start: dt.time
    end: dt.time | None
    title: str
    kind: str
    form: str
    place: str
    organiser: str
    audience: str
    status: str
    attendees: int | None = None
    children: int | None = None
    virtual: int | None = None

    @property
    def building(self) -> str | None:
        return ROOMS.get(self.place)


SEASONS = {"Kalėd": (12,), "Advent": (11, 12), "Velyk": (3, 4), "Užgavėn": (2, 3), "Vasaros": (6, 7, 8),
           "Kovo 11": (3,), "bibliotekų savaitė": (4,), "kalbos dienos": (2, 3), "Metų knygos": (1, 2)}


def _in_season(title: str, month: int) -> bool:
    return all(month in months for word, months in SEASONS.items() if word in title)


def _title(rng: random.Random, kind: str, day: dt.date, used: set[str] | None) -> str:
    """A title for the kind of event; recurring formats repeat, unless ``used`` asks for a new one."""
    seasonal = ""
    for _ in range(40):
        title = {
            "susitikimas su autoriumi":
                lambda: f"Susitikimas su autoriumi: {person(rng, 0.6)} ir „{rng.choice(BOOKS)}“",
            "knygos pristatymas": lambda: f"Knygos „{rng.choice(BOOKS)}“ pristatymas",
            "paskaita": lambda: f"Paskaita „{rng.choice(TOPICS)}“",
            "seminaras": lambda: f"Seminaras „{rng.choice(TOPICS)}“",
            "konferencija": lambda: f"Konferencija „{rng.choice(CONFERENCES)}“",
            "edukacinis užsiėmimas": lambda: f"Edukacinis užsiėmimas „{rng.choice(EDUCATION)}“",
            "literatūros vakaras": lambda: f"{rng.choice(('Literatūros', 'Poezijos'))} vakaras „{rng.choice(BOOKS)}“",
            "koncertas": lambda: rng.choice(CONCERTS),
            "kino peržiūra": lambda: f"Kino vakaras. {rng.choice(FILMS)}",
            "protmūšis": lambda: f"Protmūšis „{rng.choice(QUIZZES)}“",
            "akcija": lambda: f"Akcija „{rng.choice(ACTIONS)}“",
            "kita": lambda: rng.choice(OTHER),
        }[kind]()
        if not _in_season(title, day.month):
            continue
        seasonal = title
        if used is None or title not in used:
            break
    else:
        title = seasonal
    if used is not None:
        if title in used:  # a recurring format among upcoming events: told apart as staff would
            lecturer = person(rng, 0.6)
            title = (f"{title}. Lektorė {lecturer}" if lecturer.endswith("ė") else f"{title}. Lektorius {lecturer}") \
                if kind in ("paskaita", "seminaras") else f"{title} ({day.day} d.)"
        used.add(title)
    return title


def _day_weight(day: dt.date) -> float:
    weekday = (1.0, 1.0, 1.0, 1.1, 1.0, 0.35, 0.0)[day.weekday()]
    month = {6: 0.6, 7: 0.35, 8: 0.45, 12: 1.3}.get(day.month, 1.0)
    return weekday * month


def _time(text: str) -> dt.time:
    hour, minute = text.split(":")
    return dt.time(int(hour), int(minute))


def _plus(start: dt.time, minutes: int) -> dt.time:
    moment = dt.datetime.combine(dt.date(2000, 1, 1), start) + dt.timedelta(minutes=minutes)
    return moment.time()


def make_events(rng: random.Random, today: dt.date, exhibitions: list[dict[str, Any]]) -> list[Event]:
    """~600 events over the year (and the month after today), held before today, planned after."""
    year = today.year
    last = max(dt.date(year, 12, 30), today + dt.timedelta(days=45))
    days = days_between(dt.date(year, 1, 2), last)
    target = round(600 * len(days) / 365)
    chosen = rng.choices(days, weights=[_day_weight(d) for d in days], k=target)
    # the month after today must have a full programme (40+ events)
    upcoming = [d for d in days if today <= d <= today + dt.timedelta(days=30) and _day_weight(d) > 0]
    while upcoming and sum(today <= d <= today + dt.timedelta(days=30) for d in chosen) < 46:
        chosen.append(rng.choice(upcoming))
    kinds = list(TYPES)
    used: set[str] = set()
    taken: set[tuple] = set()
    events: list[Event] = []

    def add(event: Event) -> None:
        key = (event.date, event.start, event.place)
        if key in taken:
            return
        taken.add(key)
        events.append(event)

    for day in sorted(chosen):
        kind = rng.choices(kinds, weights=[TYPES[k][0] for k in kinds])[0]
        _, audiences, rooms, starts, minutes, _, organisers = TYPES[kind]
        form = weighted(rng, (("kontaktinis", 82), ("mišrus", 10), ("nuotolinis", 8))) \
            if kind in ("paskaita", "seminaras", "konferencija", "susitikimas su autoriumi") else "kontaktinis"
        place = rng.choice(ONLINE) if form == "nuotolinis" else rng.choice(rooms)
        start = _time(rng.choice(starts))
        add(Event(day, start, _plus(start, rng.choice(range(minutes[0], minutes[1] + 1, 15))),
                  _title(rng, kind, day, used if day >= today else None), kind, form, place,
                  DEPARTMENTS[rng.choice(organisers)],
                  rng.choice(audiences), "įvyko" if day < today else "planuojamas"))
    for show in exhibitions:  # openings of art and photography exhibitions
        if show["Tipas"] in ("dailės", "fotografijos") and show["Vieta"] in ROOMS and rng.random() < 0.6:
            opening = show["_nuo"]
            if opening.weekday() < 6:
                add(Event(opening, dt.time(17, 0), dt.time(18, 0), f"Parodos „{show['_name']}“ atidarymas",
                          "parodos atidarymas", "kontaktinis", show["Vieta"], "Komunikacijos skyrius", "visi",
                          "įvyko" if opening < today else "planuojamas"))
    summer_weekends = [d for d in days_between(dt.date(year, 5, 2), dt.date(year, 9, 27)) if d.weekday() >= 5]
    for title, day in zip(ZAOSE_EVENTS, sorted(rng.sample(summer_weekends, len(ZAOSE_EVENTS))), strict=True):
        # summer events at the homestead make the visitor peaks there
        add(Event(day, dt.time(12, 0), dt.time(15, 0), title, "kita", "kontaktinis", ZAOSE, "Komunikacijos skyrius",
                  "visi", "įvyko" if day < today else "planuojamas"))
    events.sort(key=lambda e: (e.date, e.start, e.place))
    for event in events:
        if rng.random() < 0.03:
            event.status = "atšauktas"
        if event.status != "įvyko":
            continue
        low, high = TYPES.get(event.kind, (0, 0, 0, 0, 0, (30, 90)))[5]
        if event.place == ZAOSE:
            low, high = 80, 150
        event.attendees = 0 if event.form == "nuotolinis" else rng.randint(low, high)
        if event.audience in ("vaikai", "šeimos"):
            event.children = round(event.attendees * rng.uniform(0.5, 0.9))
        if event.form != "kontaktinis":
            event.virtual = rng.randint(40, 900)
    return events


def exhibitions(rng: random.Random, today: dt.date) -> list[dict[str, Any]]:
    """~120 exhibitions across the year; a few open next month."""
    year = today.year
    rows: list[dict[str, Any]] = []
    names = list(EXHIBITION_NAMES)
    places = {"spaudinių": ("Skaitykla", "Vaikų ir jaunimo skyrius", "Muzikos skyrius", "II a. fojė"),
              "dailės": ("Parodų salė", "II a. fojė", MILTINIS), "fotografijos": ("Parodų salė", "II a. fojė", ZAOSE),
              "virtuali": ("www.pavb.lt",), "kraštotyros": ("Kraštotyros skaitykla", ZAOSE, "II a. fojė")}
    for index in range(120):
        kind = weighted(rng, (("spaudinių", 45), ("dailės", 20), ("fotografijos", 15), ("virtuali", 8),
                              ("kraštotyros", 12)))
        start = dt.date(year, 1, 5) + dt.timedelta(days=round(index * 350 / 120) + rng.randint(-3, 3))
        if index >= 116:  # openings planned for the month after today
            start = today + dt.timedelta(days=rng.randint(5, 35))
        end = start + dt.timedelta(days=rng.randint(14, 30) if kind == "spaudinių" else rng.randint(28, 60))
        if kind == "spaudinių":
            name = f"{rng.choice(BOOKS)}: knygos ir skaitytojai" if rng.random() < 0.3 else rng.choice(TOPICS)
        else:
            name = names.pop(rng.randrange(len(names))) if names else f"{rng.choice(BOOKS)}"
        if index == 10:
            name = f"Juozui Urbšiui – {year - 1896}"
            kind = "kraštotyros"
        place = rng.choice(places[kind])
        rows.append({
            "Pavadinimas": f"{EXHIBITION_KIND[kind]} „{name}“", "Tipas": kind,
            "Autorius / kuratorius": person(rng, 0.6) if kind in ("dailės", "fotografijos") or rng.random() < 0.4
            else None,
            "Vieta": place, "Nuo": typed_date(rng, start, 0.05), "Iki": typed_date(rng, end, 0.05),
            "Eksponatų sk.": rng.randint(15, 120), "Lankytojai": rng.randint(150, 2400) if end < today else None,
            "Organizatorius": rng.choice(DEPARTMENTS[:5]),
            "Nuoroda": f"https://www.pavb.lt/parodos/{ascii_slug(name, '-')}" if rng.random() < 0.4 else None,
            "_nuo": start, "_name": name,
        })
    return rows


def excursions(rng: random.Random, today: dt.date, schools: list[str]) -> list[dict[str, Any]]:
    """~130 excursions; 10 foreign delegations; Zaosė mostly May–October."""
    year = today.year
    rows: list[dict[str, Any]] = []
    delegations = list(DELEGATIONS)
    workdays = [d for d in days_between(dt.date(year, 1, 8), min(today + dt.timedelta(days=25), dt.date(year, 12, 22)))
                if d.weekday() < 5 and d.month not in (7,)]
    for index in range(130):
        day = rng.choice(workdays)
        place = weighted(rng, ((CENTRAL, 55), (CHILDREN, 25), (MILTINIS, 8), (ZAOSE, 12)))
        if place == ZAOSE and not 5 <= day.month <= 10:
            place = CENTRAL
        group_type = weighted(rng, (("mokiniai", 45), ("ikimokyklinukai", 14), ("studentai", 8), ("senjorai", 10),
                                    ("bibliotekininkai", 8), ("turistai", 8), ("kita", 7)))
        country, language = None, "lietuvių"
        if index % 13 == 5 and delegations:
            group, country, language = delegations.pop(0)
            group_type = "užsienio delegacija"
        elif group_type == "mokiniai":
            group = f"{rng.choice(schools)} {rng.randint(1, 12)}{rng.choice('abcd')} kl. mokiniai"
        elif group_type == "ikimokyklinukai":
            group = f"Panevėžio lopšelio-darželio {rng.choice(KINDERGARTENS)} ugdytiniai"
        else:
            group = {"studentai": "Panevėžio kolegijos studentai",
                     "senjorai": "Trečiojo amžiaus universiteto klausytojai",
                     "bibliotekininkai": f"{rng.choice(('Biržų', 'Kupiškio', 'Utenos', 'Molėtų', 'Zarasų'))} r. "
                                         "bibliotekininkai",
                     "turistai": f"Turistų grupė iš {rng.choice(('Kauno', 'Vilniaus', 'Klaipėdos', 'Šiaulių'))}",
                     "kita": rng.choice(("Bendruomenės „Šviesa“ nariai", "Panevėžio rotariečiai",
                                         "Ukrainiečių bendruomenės nariai"))}[group_type]
        rows.append({
            "Data": typed_date(rng, day, 0.05), "Laikas": dt.time(rng.choice((9, 10, 11, 12, 13)), rng.choice((0, 30))),
            "Vieta": place, "Grupė": group, "Grupės tipas": group_type,
            "Šalis": country if country else ("LT" if rng.random() < 0.15 else None), "Kalba": language,
            "Dalyviai": rng.randint(5, 15) if country else rng.randint(10, 35),
            "Gidas": rng.choice(COMMUNICATION_STAFF),
            "Trukmė, min": rng.choice((90, 120)) if place == ZAOSE else rng.choice((45, 60, 60, 90)), "_day": day,
        })
    rows.sort(key=lambda r: (r["_day"], r["Laikas"]))
    return rows


def event_row(rng: random.Random, e: Event) -> dict[str, Any]:
    paid = e.kind in ("koncertas", "kino peržiūra") and rng.random() < 0.45
    entry = "mokamas" if paid else "registracija" if e.kind in ("edukacinis užsiėmimas", "seminaras") else "nemokamas"
    price = rng.choice((3, 5, 5, 7, 10)) if paid else None
    return {
        "Data": typed_date(rng, e.date, 0.04), "Pradžia": e.start, "Pabaiga": e.end, "Pavadinimas": e.title,
        "Tipas": e.kind, "Forma": e.form, "Vieta": e.place, "Organizatorius": e.organiser,
        "Partneriai": rng.choice(PARTNERS) if rng.random() < 0.2 else None, "Tikslinė grupė": e.audience,
        "Dalyviai": e.attendees, "iš jų vaikai": e.children, "Virtualūs dalyviai": e.virtual,
        "Tiesioginė transliacija": "Taip" if e.form != "kontaktinis" else ("Ne" if rng.random() < 0.5 else None),
        "Įėjimas": entry, "Kaina, Eur": (f"{price},00" if rng.random() < 0.4 else price) if price else None,
        "Nuoroda": f"https://www.pavb.lt/renginiai/{ascii_slug(e.title, '-')}" if rng.random() < 0.3 else None,
        "Atsakingas": rng.choice(COMMUNICATION_STAFF),
        "Būsena": e.status,
        "Paaiškinimas": rng.choice(("Atšaukta dėl lektoriaus ligos.", "Atšaukta: per mažai užsiregistravusių.",
                                    "Perkelta į kitą datą.")) if e.status == "atšauktas" else None,
    }


def events_rows(rng: random.Random, today: dt.date, schools: list[str]) -> tuple[Rows, list[Event], list[dict]]:
    shows = exhibitions(rng, today)
    events = make_events(rng, today, shows)
    tours = excursions(rng, today, schools)
    rows = [event_row(rng, e) for e in events]
    held = [i for i, e in enumerate(events) if e.status == "įvyko" and e.form == "kontaktinis"
            and e.kind not in ("parodos atidarymas",) and e.place != ZAOSE]
    end_wrong, no_count, twice = (held[len(held) // 5], held[len(held) // 2], held[2 * len(held) // 3])
    # MISTAKE: end typed as „7:00“ meaning 19:00 → end before start (error)
    rows[end_wrong]["Pradžia"], rows[end_wrong]["Pabaiga"] = dt.time(17, 30), "7:00"
    # MISTAKE: a held event whose attendance was never filled in (error)
    rows[no_count]["Dalyviai"], rows[no_count]["iš jų vaikai"] = None, None
    # MISTAKE: the same event typed twice by two colleagues (warning: repeated event)
    rows.insert(twice + 1, dict(rows[twice], Pavadinimas=rows[twice]["Pavadinimas"] + ".",
                                Atsakingas=rng.choice(COMMUNICATION_STAFF)))
    shows_out = [{k: v for k, v in s.items() if not k.startswith("_")} for s in shows]
    tours_out = [{k: v for k, v in t.items() if not k.startswith("_")} for t in tours]
    return {"Renginiai": rows, "Parodos": shows_out, "Ekskursijos": tours_out}, events, tours

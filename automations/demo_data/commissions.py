"""`komisijos`: four bodies the regional department coordinates, with a year of meetings and decisions.

Meetings before ``today`` are held (attendance typed as names), the rest planned; a member of
the council leaves mid-year and another joins, so who is in office depends on the meeting date.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import REGIONAL_STAFF, Rows, ascii_slug, people, typed_date
from automations.demo_data.territory import Library

ORDER = "PAVB direktoriaus {year} m. sausio {day} d. įsakymas Nr. V-{number}"
# code, name, type, members, meetings a year, agenda pool
BODIES = (
    ("KOM-01", "Regiono bibliotekų metodinė taryba", "taryba", 11, 5,
     ("Regiono bibliotekų metinės statistikos aptarimas", "Metinio veiklos plano projektas",
      "Bibliotekų paslaugų kokybės vertinimas", "Vartotojų apklausos rezultatai",
      "Bendri renginiai regione", "Kvalifikacijos tobulinimo poreikiai", "Kiti klausimai")),
    ("KOM-02", "Bibliotekininkų kvalifikacijos tobulinimo darbo grupė", "darbo grupė", 7, 4,
     ("Mokymų programos svarstymas", "Lektorių atranka", "Mokymų poreikių apklausos klausimynas",
      "Stažuočių planas", "Kiti klausimai")),
    ("KOM-03", "„Ad astra“ apdovanojimų vertinimo komisija", "komisija", 7, 3,
     ("Nuostatų ir vertinimo kriterijų tvirtinimas", "Nominacijų aptarimas", "Vertinimo rezultatai",
      "Apdovanojimų renginio organizavimas")),
    ("KOM-04", "Kraštotyros ir skaitmeninimo darbo grupė", "darbo grupė", 6, 4,
     ("Kraštotyros darbų skaitmeninimo eiga", "Metaduomenų standartas", "Bendradarbiavimas su muziejais",
      "Kiti klausimai")),
)
DECISIONS = ("Parengti ir išsiųsti bibliotekoms rekomendacijas", "Suderinti priemonių planą su savivaldybėmis",
             "Pateikti pasiūlymus iki termino", "Organizuoti pasitarimą nuotoliniu būdu",
             "Parengti informaciją interneto svetainei", "Atnaujinti darbo reglamentą",
             "Surinkti bibliotekų pastabas", "Parengti ataskaitą direktoriui")
ROLES = ("pirmininkas", "sekretorius", "pirmininko pavaduotojas")


def _members(rng: random.Random, code: str, size: int, libs: list[Library], year: int) -> list[dict[str, Any]]:
    svb = [lib for lib in libs if lib.kind == "SVB"]
    names = people(rng, size)
    rows = []
    for index, name in enumerate(names):
        lib_name = "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka" if index < 2 else \
            rng.choice(svb).name
        if index == 0:
            name = REGIONAL_STAFF[BODIES.index(next(b for b in BODIES if b[0] == code)) % len(REGIONAL_STAFF)]
        rows.append({"Komisija": code, "Vardas, pavardė": name, "Biblioteka": lib_name,
                     "Pareigos": "metodininkė" if index < 2 else rng.choice(("direktorė", "vyr. bibliotekininkė",
                                                                             "skyriaus vedėja", "bibliotekininkė")),
                     "Vaidmuo": ROLES[index] if index < len(ROLES) else "narys",
                     "Nuo": dt.date(year - 1, 1, 15), "Iki": None,
                     "El. paštas": f"{ascii_slug(name)}@biblioteka.lt" if rng.random() < 0.85 else None})
    return rows


def _weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _meeting_days(rng: random.Random, year: int, count: int, today: dt.date, offset: int) -> list[dt.date]:
    """Meetings spread over the year, and always a next one within a month of today (the invitations)."""
    days = [_weekday(dt.date(year, 1, 20) + dt.timedelta(days=round(index * 320 / max(count - 1, 1))
                                                         + rng.randint(0, 6))) for index in range(count)]
    if not any(today <= day <= today + dt.timedelta(days=30) for day in days):
        days = sorted([*[day for day in days if day < today], _weekday(today + dt.timedelta(days=6 + 3 * offset))])
    return days


def commission_rows(rng: random.Random, today: dt.date, libs: list[Library]) -> Rows:
    year = today.year
    bodies, members, meetings, decisions = [], [], [], []
    for number, (code, name, kind, size, count, agenda) in enumerate(BODIES, start=1):
        body_members = _members(rng, code, size, libs, year)
        bodies.append({"Kodas": code, "Pavadinimas": name, "Tipas": kind, "Sudaryta": dt.date(year - 1, 1, 15),
                       "Įsakymas": ORDER.format(year=year - 1, day=15, number=10 + number),
                       "Pirmininkas": body_members[0]["Vardas, pavardė"],
                       "Sekretorius": body_members[1]["Vardas, pavardė"], "Veikia iki": dt.date(year + 2, 12, 31)})
        if code == "KOM-01":  # a member leaves in June and a new one joins
            body_members[-1]["Iki"] = dt.date(year, 6, 30)
            newcomer = dict(body_members[-1], **{"Vardas, pavardė": people(rng, 1)[0], "Nuo": dt.date(year, 7, 1),
                                                 "Iki": None})
            newcomer["El. paštas"] = f"{ascii_slug(newcomer['Vardas, pavardė'])}@biblioteka.lt"
            body_members.append(newcomer)
        members += body_members
        for nr, day in enumerate(_meeting_days(rng, year, count, today, number), start=1):
            items = [agenda[0], *rng.sample(agenda[1:-1], min(2, len(agenda) - 2)), agenda[-1]]
            status = "įvyko" if day < today else "planuojamas"
            if code == "KOM-04" and nr == 2 and day < today:
                status = "atšauktas"  # called off: no attendance, no decisions
            office = [m["Vardas, pavardė"] for m in body_members
                      if m["Nuo"] <= day and (m["Iki"] is None or m["Iki"] >= day)]
            present = [n for n in office if rng.random() < 0.82] if status == "įvyko" else []
            if status == "įvyko" and len(present) <= len(office) // 2:
                present = office[: len(office) // 2 + 1]
            if status == "įvyko" and rng.random() < 0.3:
                present.append(people(rng, 1)[0])  # a guest
            meetings.append({"Komisija": code, "Nr.": nr, "Data": typed_date(rng, day, 0.05),
                             "Pradžia": dt.time(rng.choice((10, 13, 14)), 0),
                             "Vieta / būdas": rng.choice(("PAVB, Respublikos g. 14, Panevėžys, 204 kab.",
                                                          "https://meet.google.com/pav-bkom-" + code[-2:] + str(nr))),
                             "Darbotvarkė": "\n".join(items), "Dalyvavo": ", ".join(present) or None,
                             "Būsena": status, "_day": day})
            if status != "įvyko":
                continue
            for _ in range(rng.randint(1, 3)):
                deadline = day + dt.timedelta(days=rng.choice((14, 30, 45, 60, 90)))
                state = "įvykdyta" if deadline < today - dt.timedelta(days=20) and rng.random() < 0.85 else \
                    rng.choice(("neįvykdyta", "vykdoma", "įvykdyta"))
                decisions.append({"Komisija": code, "Posėdžio Nr.": nr, "Sprendimas": rng.choice(DECISIONS),
                                  "Atsakingas": rng.choice(body_members)["Vardas, pavardė"],
                                  "Terminas": deadline, "Būsena": state, "Pastabos": None})
    _plant_mistakes(members, meetings, decisions, today)
    for meeting in meetings:
        meeting.pop("_day")
    return {"Komisijos": bodies, "Nariai": members, "Posėdžiai": meetings, "Sprendimai": decisions}


def _plant_mistakes(members: list[dict], meetings: list[dict], decisions: list[dict], today: dt.date) -> None:
    # MISTAKE: a member of the methodical council typed twice (error)
    members.insert(3, dict(members[2]))
    # MISTAKE (warning): a held meeting of a working group where only two of seven came (no quorum)
    held = [m for m in meetings if m["Komisija"] == "KOM-02" and m["Būsena"] == "įvyko"]
    if held:
        held[0]["Dalyvavo"] = ", ".join(next(r for r in members if r["Komisija"] == "KOM-02" and r["Vaidmuo"] == role)
                                        ["Vardas, pavardė"] for role in ("pirmininkas", "sekretorius"))
    # MISTAKE (warning): two decisions past their deadline and not done (overdue)
    for decision, state in zip([d for d in decisions if d["Terminas"] < today - dt.timedelta(days=5)][-2:],
                               ("vykdoma", "neįvykdyta"), strict=False):
        decision["Būsena"] = state
    # MISTAKE: a decision recorded for a meeting number that does not exist (error)
    if decisions:
        decisions.append(dict(decisions[0], **{"Posėdžio Nr.": 9, "Sprendimas": "Paskelbti konkurso nuostatus"}))

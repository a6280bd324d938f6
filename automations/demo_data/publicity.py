"""`viesinimas`: what was published in the year, and the content plan around upcoming events."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations.demo_data import COMMUNICATION_STAFF, Rows, ascii_slug, typed_int, weighted
from automations.demo_data.events import Event
from automations.demo_data.texts import BOOKS, TOPICS

MEDIA = {
    "regioninė spauda": ("Sekundė", "Panevėžio balsas", "Panevėžio kraštas", "Tau", "Utenos diena"),
    "nacionalinė spauda": ("Lietuvos rytas", "Literatūra ir menas", "Šiaurės Atėnai"),
    "interneto portalas": ("panskliautas.lt", "15min.lt", "lrt.lt", "delfi.lt", "ve.lt"),
    "radijas": ("LRT radijas", "Radijas „Pulsas“", "Žinių radijas"),
    "televizija": ("LRT televizija", "Panevėžio televizija", "TV3 žinios"),
}
REACH = {  # channel: (reach range, engagement share range) — None where it is not measured
    "Facebook": ((600, 9000), (0.02, 0.09)), "Instagram": ((250, 3200), (0.03, 0.12)),
    "pavb.lt": ((120, 2200), None), "YouTube": ((80, 1600), (0.01, 0.06)), "naujienlaiškis": ((2700, 3300), None),
    "interneto portalas": ((1000, 15000), None),
}
GENERAL = (
    "Savaitės knygų rekomendacijos", "Naujos knygos bibliotekoje", "Bibliotekos darbo laikas per šventes",
    "Skaitytojų klausimai: kaip pratęsti knygas internetu", "Kviečiame registruotis į kompiuterinio raštingumo kursus",
    "Metų knygos rinkimai", "Kalėdinis bibliotekos sveikinimas", "Apžvalga: metai bibliotekoje",
)


def _publication(rng: random.Random, day: dt.date, channel: str, kind: str, title: str,
                 event: str | None) -> dict[str, Any]:
    reach = engagement = None
    if channel in REACH:
        (low, high), share = REACH[channel]
        reach = rng.randint(low, high)
        engagement = round(reach * rng.uniform(*share)) if share else None
    media = rng.choice(MEDIA[channel]) if channel in MEDIA else None
    link = None
    if channel == "pavb.lt":
        link = f"https://www.pavb.lt/naujienos/{ascii_slug(title, '-')[:60]}"
    elif channel == "Facebook" and rng.random() < 0.5:
        link = f"https://www.facebook.com/pavb.lt/posts/{rng.randint(10**15, 10**16 - 1)}"
    return {"Data": day, "Kanalas": channel, "Žiniasklaidos priemonė": media, "Tipas": kind, "Pavadinimas": title,
            "Nuoroda": link, "Susijęs renginys": event, "Pasiekiamumas": typed_int(rng, reach, 0.1) if reach else None,
            "Įsitraukimas": engagement,
            "Iniciatorius": "žiniasklaida" if kind in ("interviu", "reportažas") and channel in MEDIA else "biblioteka"}


def publications(rng: random.Random, today: dt.date, events: list[Event]) -> list[dict[str, Any]]:
    year = today.year
    rows: list[dict[str, Any]] = []
    held = [e for e in events if e.status == "įvyko" and e.date.year == year]
    for event in rng.sample(held, min(len(held), 175)):
        before = max(dt.date(year, 1, 1), event.date - dt.timedelta(days=rng.randint(2, 10)))
        rows.append(_publication(rng, before, weighted(rng, (("Facebook", 5), ("pavb.lt", 4), ("Instagram", 2))),
                                 "anonsas", event.title, event.title))
        if rng.random() < 0.55:
            after = event.date + dt.timedelta(days=rng.randint(0, 3))
            channel = weighted(rng, (("Facebook", 5), ("pavb.lt", 3), ("regioninė spauda", 1),
                                     ("interneto portalas", 1)))
            kind = "reportažas" if channel in MEDIA or rng.random() < 0.3 else "įrašas"
            title = f"Įvyko: {event.title}" if kind == "įrašas" else f"{event.title} – akimirkos ir įspūdžiai"
            rows.append(_publication(rng, min(after, today), channel, kind, title, event.title))
        if event.form != "kontaktinis" and rng.random() < 0.8:
            rows.append(_publication(rng, event.date, "YouTube", "tiesioginė transliacija", event.title, event.title))
    days = [dt.date(year, 1, 2) + dt.timedelta(days=i) for i in range((today - dt.date(year, 1, 2)).days)]
    while len(rows) < 400 and days:
        day = rng.choice(days)
        channel = weighted(rng, (("Instagram", 4), ("Facebook", 4), ("pavb.lt", 2), ("naujienlaiškis", 1),
                                 ("regioninė spauda", 2), ("radijas", 1), ("televizija", 0.5),
                                 ("nacionalinė spauda", 0.5)))
        if channel in ("regioninė spauda", "radijas", "televizija", "nacionalinė spauda"):
            kind = weighted(rng, (("interviu", 3), ("straipsnis", 3), ("pranešimas spaudai", 4)))
            title = rng.choice((f"Bibliotekoje – paskaita apie „{rng.choice(TOPICS).lower()}“",
                                "Bibliotekos direktorė apie skaitymo įpročius", "Regiono bibliotekos keičiasi",
                                f"Knygos „{rng.choice(BOOKS)}“ autorius viešės Panevėžyje",
                                "Juozo Urbšio sodyba laukia lankytojų"))
        elif channel == "naujienlaiškis":
            kind, title = "įrašas", f"Naujienlaiškis: {day:%Y-%m} mėn. naujienos"
        else:
            kind = "įrašas"
            title = rng.choice((f"Rekomenduojame: „{rng.choice(BOOKS)}“", rng.choice(GENERAL),
                                f"Knygų paroda „{rng.choice(BOOKS)}“"))
        rows.append(_publication(rng, day, channel, kind, title, None))
    rows.sort(key=lambda r: (r["Data"], r["Kanalas"]))
    # MISTAKE: engagement typed with an extra digit, larger than reach (error)
    bad = next(r for r in rows[len(rows) // 2:] if r["Kanalas"] == "Facebook" and r["Įsitraukimas"])
    bad["Įsitraukimas"] = int(str(bad["Pasiekiamumas"]).replace(" ", "").replace("\u00a0", "")) * 10 + 7
    return rows


def content_plan(rng: random.Random, today: dt.date, events: list[Event]) -> list[dict[str, Any]]:
    """~80 planned items, most about upcoming events; several upcoming events get none."""
    upcoming = [e for e in events if e.date > today and e.status == "planuojamas"]
    covered = upcoming[:] if len(upcoming) < 10 else rng.sample(upcoming, round(len(upcoming) * 0.55))
    rows: list[dict[str, Any]] = []
    for event in sorted(covered, key=lambda e: (e.date, e.start)):
        span = (event.date - today).days
        for channel, fmt, lead in rng.sample((("Facebook", "įrašas", 7), ("pavb.lt", "straipsnis", 10),
                                               ("Instagram", "istorija", 1), ("naujienlaiškis", "anonsas", 14),
                                               ("regioninė spauda", "pranešimas spaudai", 8)), rng.randint(1, 2)):
            day = event.date - dt.timedelta(days=min(lead, span - 1))
            rows.append({"Planuojama data": day, "Kanalas": channel,
                         "Tema": f"{'Priminimas' if lead <= 1 else 'Anonsas'}: {event.title}", "Formatas": fmt,
                         "Atsakingas": rng.choice(COMMUNICATION_STAFF),
                         "Būsena": weighted(rng, (("planuojama", 5), ("rengiama", 3), ("suderinta", 2))),
                         "Susijęs renginys": event.title})
            if len(rows) >= 72:
                break
        if len(rows) >= 72:
            break
    for topic in GENERAL[:8]:
        day = today + dt.timedelta(days=rng.randint(1, 35))
        rows.append({"Planuojama data": day, "Kanalas": rng.choice(("Facebook", "pavb.lt", "Instagram")),
                     "Tema": topic, "Formatas": "įrašas", "Atsakingas": rng.choice(COMMUNICATION_STAFF),
                     "Būsena": "planuojama", "Susijęs renginys": None})
    rows.sort(key=lambda r: (r["Planuojama data"], r["Kanalas"]))
    return rows


def publicity_rows(rng: random.Random, today: dt.date, events: list[Event]) -> Rows:
    return {"Publikacijos": publications(rng, today, events), "Turinio planas": content_plan(rng, today, events)}

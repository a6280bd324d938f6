"""Generated inputs shared by the benchmarks: events as the Communication department types them."""

from __future__ import annotations

import datetime as dt
import random

from automations.tables import RawSheet
from sheets_schema import workbook

TYPES = ["paskaita", "knygos pristatymas", "edukacinis užsiėmimas", "koncertas", "susitikimas su autoriumi"]
AUDIENCES = ["vaikai", "jaunimas", "suaugusieji", "senjorai", "visi"]
TOPICS = ["Knygų naktis", "Skaitymo iššūkis", "Kraštotyros popietė", "Poezijos vakaras", "Kino klubas",
          "Skaitmeninio raštingumo dirbtuvės", "Susitikimas su rašytoju", "Edukacija vaikams", "Protmūšis"]



def events_sheet(count: int, rng: random.Random) -> RawSheet:
    model = workbook("renginiai").tab("Renginiai")
    headers = model.headers()
    rows = [headers]
    start = dt.date(2026, 1, 1)
    for index in range(count):
        day = start + dt.timedelta(days=rng.randrange(365))
        hour = rng.randrange(9, 19)
        held = day < dt.date(2026, 11, 22)
        values = {
            "Data": day.isoformat() if index % 3 else day, "Pradžia": f"{hour}:00", "Pabaiga": f"{hour + 2}:00",
            "Pavadinimas": f"{rng.choice(TOPICS)}: {rng.choice(TOPICS).lower()} ({index})",
            "Tipas": rng.choice(TYPES), "Forma": "kontaktinis",
            "Vieta": f"Biblioteka {index % 600}", "Organizatorius": "Komunikacijos skyrius",
            "Tikslinė grupė": rng.choice(AUDIENCES), "Dalyviai": str(rng.randrange(10, 120)) if held else None,
            "Įėjimas": "nemokamas", "Būsena": "įvyko" if held else "planuojamas",
        }
        rows.append([values.get(header) for header in headers])
    return RawSheet("Renginiai", rows)

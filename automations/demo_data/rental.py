"""`nuoma`: the price list of rooms and ~85 bookings of the year."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from automations import lt
from automations.demo_data import Rows, ascii_slug, person, typed_date, weighted

ADDRESS = "Respublikos g. 14, Panevėžys"
YOUTH_ROOM = "Erdvė 14–29"
EQUIPMENT = {"Konferencijų salė": "multimedijos projektorius, ekranas, įgarsinimo sistema, 2 mikrofonai",
             "Seminarų klasė": "interaktyvusis ekranas, lenta", "Erdvė 14–29": "televizorius, žaidimų konsolė",
             "Kino salė": "kino projektorius, ekranas, įgarsinimo sistema",
             "Kompiuterių klasė": "16 kompiuterių, projektorius"}
STREETS = ("Ukmergės g.", "Klaipėdos g.", "Smėlynės g.", "Vasario 16-osios g.", "Kranto g.", "Marijonų g.",
           "Basanavičiaus g.", "Aukštaičių g.")
POSITIONS = {"juridinis asmuo": ("direktorius", "direktorė", "įstatai"),
             "biudžetinė įstaiga": ("direktorius", "direktorė", "nuostatai"),
             "NVO": ("pirmininkas", "pirmininkė", "įstatai")}
# room, seats, Eur/h, weekend factor, youth space
ROOMS = (
    ("Konferencijų salė", 80, 45, 1.3, False),
    ("Seminarų klasė", 24, 25, 1.2, False),
    (YOUTH_ROOM, 30, 20, None, True),
    ("Parodų salė", 60, 35, 1.5, False),
    ("Kino salė", 50, 40, 1.2, False),
    ("Kompiuterių klasė", 16, 30, None, False),
)
# name, type, company code, VAT code
RENTERS = (
    ("UAB „Aukštaitijos mokymų centras“", "juridinis asmuo", "302514786", "LT100005147812"),
    ("UAB „Nevėžio konsultacijos“", "juridinis asmuo", "304218957", "LT100010238516"),
    ("UAB „Panevėžio versmė“", "juridinis asmuo", "168524973", "LT685249719"),
    ("UAB „Baltic Event Solutions“", "juridinis asmuo", "305671240", "LT100013562417"),
    ("MB „Kūrybinės idėjos“", "juridinis asmuo", "306114582", None),
    ("AB „Šiaurės energija“", "juridinis asmuo", "147852369", "LT478523610"),
    ("Panevėžio rajono savivaldybės administracija", "biudžetinė įstaiga", "188780146", None),
    ("Panevėžio kolegija", "biudžetinė įstaiga", "111965131", None),
    ("Valstybinė mokesčių inspekcija", "biudžetinė įstaiga", "188659752", None),
    ("Panevėžio pedagogų švietimo centras", "biudžetinė įstaiga", "190260419", None),
    ("Asociacija „Panevėžio jaunimo organizacijų sąjunga“", "NVO", "302887456", None),
    ("VšĮ „Kultūros tiltai“", "NVO", "305512098", None),
    ("Lietuvos neregių sąjungos Panevėžio filialas", "NVO", "190712345", None),
    ("Labdaros ir paramos fondas „Gerumo ratas“", "NVO", "304987612", None),
)
PURPOSES = {
    "juridinis asmuo": ("Darbuotojų mokymai", "Seminaras klientams", "Įmonės strateginė sesija", "Produkto pristatymas",
                        "Konferencija"),
    "biudžetinė įstaiga": ("Pasitarimas", "Mokymai specialistams", "Konferencija", "Seminaras mokytojams"),
    "NVO": ("Bendruomenės susirinkimas", "Jaunimo forumas", "Labdaros renginys", "Narių susitikimas"),
    "fizinis asmuo": ("Knygos pristatymas", "Šeimos šventė", "Kūrybinės dirbtuvės", "Meno kūrinių pristatymas"),
}


def rooms_rows() -> list[dict[str, Any]]:
    return [{"Patalpa": name, "Adresas": ADDRESS, "Vietų skaičius": seats, "Tarifas, Eur/val.": rate,
             "Savaitgalio koeficientas": factor, "Jaunimo erdvė": "Taip" if youth else "Ne",
             "Įranga": EQUIPMENT.get(name)} for name, seats, rate, factor, youth in ROOMS]


def _address(rng: random.Random, home: bool) -> str:
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    if home:
        return f"{street}-{rng.randint(1, 40)}, Panevėžys"
    return f"{street}, LT-{rng.randint(35100, 37400)} Panevėžys"


def add_signatories(rng: random.Random, rows: list[dict[str, Any]]) -> None:
    """Who signs for each organisation (its head under its articles, or the contact person by a power of
    attorney) and the renters' addresses; drawn after everything else, so other values stay as they were."""
    heads: dict[str, tuple[str, str, str, str]] = {}  # organisation -> head, position, basis, registered address
    for row in rows:
        kind, renter = row["Nuomininko tipas"], row["Nuomininkas"]
        if kind == "fizinis asmuo":
            row["Nuomininko adresas"] = _address(rng, home=True)
            continue
        if renter not in heads:
            head = person(rng, 0.5)
            male, female, basis = POSITIONS[kind]
            heads[renter] = (head, lt.by_gender(head, male, female), basis, _address(rng, home=False))
        head, position, basis, seat = heads[renter]
        row["Nuomininko adresas"] = seat
        if rng.random() < 0.2:  # the contact person signs with a power of attorney
            contact = row["Kontaktinis asmuo"]
            head, position, basis = contact, lt.by_gender(contact, "projektų vadovas", "projektų vadovė"), "įgaliojimas"
        row.update({"Atstovas": head, "Atstovo pareigos": position, "Atstovavimo pagrindas": basis})
    for row in rows:
        for key in ("Atstovas", "Atstovo pareigos", "Atstovavimo pagrindas", "Nuomininko adresas"):
            row.setdefault(key, None)


def _phone(rng: random.Random) -> str:
    digits = f"6{rng.randint(0, 9_999_999):07d}"
    return rng.choice((f"+370{digits}", f"+370 {digits[:3]} {digits[3:]}", f"+370 {digits}"))


def rental_rows(rng: random.Random, today: dt.date) -> Rows:
    year = today.year
    days = [dt.date(year, 1, 10) + dt.timedelta(days=i) for i in range(350)]
    days = [d for d in days if d.month not in (7, 8) or rng.random() < 0.3]
    booked: dict[tuple[str, dt.date], list[tuple[int, int]]] = {}
    bookings: list[dict[str, Any]] = []
    while len(bookings) < 86:
        day = rng.choice(days)
        room, seats, _, _, youth = weighted(rng, [(r, w) for r, w in zip(ROOMS, (30, 20, 12, 12, 10, 8), strict=True)])
        start = rng.choice((9, 10, 13, 14, 16) if youth else (9, 10, 11, 13, 14, 17))
        hours = rng.randint(2, 3) if youth else rng.randint(2, 6)
        if youth:
            hours = min(hours, 19 - start)
        if any(start < e and s < start + hours for s, e in booked.get((room, day), [])):
            continue
        booked.setdefault((room, day), []).append((start, start + hours))
        if youth:
            renter, kind, code, vat = rng.choice([r for r in RENTERS if r[1] == "NVO"] + [("", "fizinis asmuo", None,
                                                                                              None)])
        else:
            renter, kind, code, vat = weighted(rng, [(r, 3 if r[1] == "juridinis asmuo" else 2) for r in RENTERS]
                                               + [(("", "fizinis asmuo", None, None), 5)])
        contact = person(rng, 0.6)
        if kind == "fizinis asmuo":
            renter = contact
        lead = rng.randint(32, 75) if youth else rng.randint(7, 60)
        applied = day - dt.timedelta(days=lead)
        if day < today:
            status = weighted(rng, (("įvykdyta", 90), ("atšaukta", 10)))
        else:
            status = weighted(rng, (("paraiška", 30), ("patvirtinta", 30), ("sutartis pasirašyta", 30),
                                    ("atšaukta", 6)))
        if applied >= today:
            applied, status = today - dt.timedelta(days=rng.randint(0, 3)), "paraiška"
        discount = "nėra"
        if youth and rng.random() < 0.7:
            discount = rng.choice(("jaunimas 14–29", "jaunimas 14-29"))  # the hyphen spelling is tolerated
        elif kind == "NVO" and rng.random() < 0.4:
            discount = rng.choice(("labdaros organizacija", "partnerio renginys"))
        domain = "gmail.com" if kind == "fizinis asmuo" else f"{ascii_slug(renter.split('„')[-1], '')[:14]}.lt"
        bookings.append({
            "_day": day, "_start": start, "_applied": applied, "Užsakymo Nr.": "",
            "Paraiškos data": typed_date(rng, applied, 0.06),
            "Būsena": status, "Nuomininkas": renter, "Nuomininko tipas": kind, "Įmonės kodas": code,
            "PVM mokėtojo kodas": vat, "Kontaktinis asmuo": contact,
            "El. paštas": f"{ascii_slug(contact)}@{domain}" if rng.random() < 0.9 else None,
            "Telefonas": _phone(rng) if rng.random() < 0.85 else None, "Patalpa": room,
            "Paskirtis": rng.choice(PURPOSES[kind]) if not youth else rng.choice(("Jaunimo susitikimas",
                                                                                 "Kūrybinės dirbtuvės jaunimui",
                                                                                 "Jaunimo diskusija")),
            "Data": day, "Nuo": dt.time(start, 0), "Iki": dt.time(start + hours, 0),
            "Dalyvių sk.": rng.randint(max(4, seats // 4), seats), "Lengvata": discount,
            "PVM tarifas": "21 %" if vat and rng.random() < 0.6 else "0 %",
            "Sutarties Nr.": None, "Apmokėta": None, "Pastabos": None,
        })
    bookings.sort(key=lambda b: (b["_applied"], b["_day"], b["_start"], b["Patalpa"]))
    contract = 0
    for number, booking in enumerate(bookings, start=1):
        booking["Užsakymo Nr."] = f"NUOM-{year}-{number:03d}"
        if booking["Būsena"] in ("sutartis pasirašyta", "įvykdyta"):
            contract += 1
            booking["Sutarties Nr."] = f"NS-{year}-{contract:03d}"
        if booking["Būsena"] == "įvykdyta":
            paid = booking["_day"] + dt.timedelta(days=rng.randint(1, 20))
            booking["Apmokėta"] = typed_date(rng, paid, 0.1) if paid < today else None
        if booking["Būsena"] == "atšaukta":
            booking["Pastabos"] = rng.choice(("Nuomininkas atsisakė.", "Renginys perkeltas.", "Neapmokėtas avansas."))
    rows = [{k: v for k, v in b.items() if not k.startswith("_")} for b in bookings]
    active = [i for i, b in enumerate(bookings) if b["Būsena"] != "atšaukta" and b["Patalpa"] == "Seminarų klasė"]
    big = next(i for i, b in enumerate(bookings) if b["Būsena"] != "atšaukta" and b["Patalpa"] == "Konferencijų salė")
    # MISTAKE: more participants than seats in the conference hall (error)
    rows[big]["Dalyvių sk."] = 95
    # MISTAKE: the seminar room booked twice for overlapping hours (both bookings get an error)
    first = rows[active[len(active) // 2]]
    clash = dict(first, **{"Užsakymo Nr.": f"NUOM-{year}-{len(rows) + 1:03d}", "Nuomininkas": RENTERS[7][0],
                           "Nuomininko tipas": RENTERS[7][1], "Įmonės kodas": RENTERS[7][2], "PVM mokėtojo kodas": None,
                           "Kontaktinis asmuo": "Laima Urbonienė", "El. paštas": "laima.urboniene@panko.lt",
                           "Paskirtis": "Seminaras mokytojams", "Iki": dt.time(first["Nuo"].hour + 2, 0),
                           "Dalyvių sk.": 20, "Lengvata": "nėra", "PVM tarifas": "0 %"})
    if clash["Sutarties Nr."]:
        clash["Sutarties Nr."] = f"NS-{year}-{contract + 1:03d}"
    rows.append(clash)
    # MISTAKE: an e-mail address typed without the domain ending (error)
    odd = next(r for r in rows[len(rows) // 3:] if r["El. paštas"] and r is not first)
    odd["El. paštas"] = odd["El. paštas"].rsplit(".", 1)[0]
    add_signatories(random.Random(rng.getrandbits(32)), rows)
    return {"Patalpos": rooms_rows(), "Užsakymai": rows}

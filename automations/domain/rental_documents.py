"""What rental documents need: the institution's requisites, the parties as a contract names them, the
template context, and the numbers of VAT invoices.

A contract or an invoice with a blank bank account or an unnamed signatory cannot go out, so
:func:`missing_requisites` says which ``institution.*`` settings are still empty before any is
issued. The renter is named as the law wants it: a legal person by name, code, seat and the
person who signs for it (with position and the basis of authority); a private person by name
and address (identity checked from a document at signing, never recorded). The contact person
is only a contact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from automations import lt
from automations.domain.rentals import Price
from automations.periods import working_days_before
from automations.register import Entry
from automations.render.docx import DocTable
from automations.render.xlsx import Column, Sheet
from sheets_schema.nuoma import LEGAL_ENTITIES
from sheets_schema.types import given

BLANK = "______________________"
PAYMENT_WORKING_DAYS = 5  # the advance is paid at the latest this many working days before the event
ADVANCE_PREFIX = "AS-"
VAT_PREFIX = "PVM"  # VAT invoices: PVM-2026-0001, a series of their own
VAT_DOCUMENT = "PVM sąskaita faktūra"
# what each requisite is, for the message that asks for it
REQUISITES = {
    "bank_account": "banko sąskaitos numeris (IBAN), į kurį mokama",
    "bank": "banko pavadinimas",
    "director": "direktoriaus vardas ir pavardė (pasirašo sutartis)",
    "director_basis": "kuo vadovaudamasis veikia direktorius, pvz. „Bibliotekos nuostatus“",
}
VAT_REQUISITE = {"vat_code": "Bibliotekos PVM mokėtojo kodas (kai bent vienam užsakymui taikomas PVM)"}
BASIS = {"įstatai": "įstatus", "nuostatai": "nuostatus", "įgaliojimas": "įgaliojimą"}  # after "pagal"


def missing_requisites(institution: Any, vat: bool) -> dict[str, str]:
    """``institution.<key>`` → what it is, for every requisite a contract or invoice would print blank."""
    values = {**institution.model_dump(), "director": institution.director_name}
    wanted = {**REQUISITES, **(VAT_REQUISITE if vat else {})}
    return {f"institution.{key}": meaning for key, meaning in wanted.items() if not str(values.get(key) or "").strip()}


def _text(booking: dict, key: str) -> str:
    value = booking.get(key)
    return str(value) if given(value) else ""


def acting(name: str, position: str, basis: str) -> str:
    """``direktorė Rasa Kairytė, veikianti pagal įstatus``: who signs, agreeing in gender."""
    if not name:
        return BLANK
    who = f"{position.strip().lower()} {name}" if position.strip() else name
    verb = lt.by_gender(name, "veikiantis", "veikianti")
    return f"{who}, {verb} pagal {basis}" if basis else who


@dataclass(frozen=True)
class Party:
    """The renter as a contract names it."""

    description: str  # UAB „X“, juridinio asmens kodas …, buveinė … / Vardas Pavardė, gyvenantis …
    signer: str  # direktorius Jonas Jonaitis, veikiantis pagal įstatus (legal persons only)
    signature: str  # the name under the signature line


def renter(booking: dict) -> Party:
    name, address = _text(booking, "nuomininkas"), _text(booking, "nuomininko_adresas")
    if booking["nuomininko_tipas"] not in LEGAL_ENTITIES:
        lives, whose = lt.by_gender(name, "gyvenantis", "gyvenanti"), lt.by_gender(name, "kurio", "kurios")
        return Party(f"{name}, {lives} {address or BLANK}, {whose} asmens tapatybė patikrinama pagal asmens "
                     "tapatybės dokumentą pasirašant sutartį", "", name)
    code = _text(booking, "imones_kodas")
    parts = [name, f"juridinio asmens kodas {code or BLANK}"]
    if address:
        parts.append(f"buveinė {address}")
    representative, position = _text(booking, "atstovas"), _text(booking, "atstovo_pareigos")
    basis = BASIS.get(_text(booking, "atstovavimo_pagrindas"), "")
    signature = " ".join(part for part in (position.capitalize(), representative) if part) or BLANK
    return Party(", ".join(parts), acting(representative, position, basis), signature)


def lessor(institution: Any) -> dict[str, str]:
    """The Library as the lessor: who signs for it and under what."""
    name = institution.director_name
    title = lt.role([name], lt.DIRECTOR) if name else "Direktorius"
    return {"nuomotojo_atstovas": acting(name, title, institution.director_basis),
            "nuomotojo_parasas": f"{title} {name}".strip(),
            "saskaita_israse": institution.invoice_issuer or f"{title.lower()} {name}".strip()}


def discount_text(booking: dict, price: Price) -> str:
    if not price.discount_rate:
        return ""
    return f"{booking['lengvata']} ({lt.percent(price.discount_rate * 100, 0)})"


def price_lines(booking: dict, room: dict, price: Price) -> DocTable:
    hours = hours_text(price)
    lines = [[f"Patalpos „{room['patalpa']}“ nuoma {booking['data']:%Y-%m-%d} "
              f"{booking['nuo']:%H:%M}–{booking['iki']:%H:%M}"
              + (f" (savaitgalio koeficientas {lt.number(price.factor, 1)})" if price.factor != 1 else ""),
              hours, lt.number(price.rate * price.factor, 2), lt.number(price.base, 2)]]
    if price.discount:
        lines.append([f"Nuolaida: {discount_text(booking, price)}", "", "", "−" + lt.number(price.discount, 2)])
    return DocTable(["Paslauga", "Kiekis, val.", "Kaina, Eur/val.", "Suma, Eur"], lines, numeric={1, 2, 3},
                    widths_mm=[95, 22, 25, 28])


def hours_text(price: Price) -> str:
    return lt.number(price.hours, 2).rstrip("0").rstrip(",")


def document_context(booking: dict, room: dict, price: Price, institution: Any) -> dict:
    """Everything the contract, the free-use agreement and the invoices show (the renter's contacts included)."""
    party = renter(booking)
    text = {key: _text(booking, key) for key in (
        "nuomininkas", "imones_kodas", "pvm_kodas", "kontaktinis_asmuo", "el_pastas", "telefonas", "sutarties_nr",
        "paskirtis", "nuomininko_adresas")}
    due = max(working_days_before(booking["data"], PAYMENT_WORKING_DAYS), booking["paraiskos_data"])
    equipment = room.get("iranga")
    return {
        "uzsakymo_nr": booking["uzsakymo_nr"], "saskaitos_nr": ADVANCE_PREFIX + booking["uzsakymo_nr"],
        "saskaitos_data": booking["paraiskos_data"], **text,
        "juridinis": booking["nuomininko_tipas"] in LEGAL_ENTITIES, "nuomininko_tipas": booking["nuomininko_tipas"],
        "nuomininko_duomenys": party.description, "pasirasantis": party.signer, "nuomininko_parasas": party.signature,
        **lessor(institution),
        "patalpa": room["patalpa"], "adresas": room["adresas"], "vietos": room["vietu_skaicius"],
        "iranga": str(equipment) if given(equipment) else "",
        "data": booking["data"], "savaites_diena": lt.weekday(booking["data"]),
        "laikas": f"{booking['nuo']:%H:%M}–{booking['iki']:%H:%M}", "valandos": hours_text(price),
        "dalyviai": booking["dalyviu_sk"] if given(booking["dalyviu_sk"]) else "",
        "tarifas": price.rate, "koeficientas": lt.number(price.factor, 1), "savaitgalis": price.factor != 1,
        "nuolaida": discount_text(booking, price), "lengvata": booking["lengvata"] if price.discount_rate else "",
        "nuolaidos_proc": lt.percent(price.discount_rate * 100, 0), "nuolaidos_suma": price.discount,
        "bazine": price.base, "neto": price.net, "pvm": price.vat, "bruto": price.gross,
        "pvm_tarifas": lt.percent(price.vat_rate * 100, 0), "be_pvm": price.vat_exempt,
        "nemokamai": price.gross == 0, "apmoketi_iki": due,
        "apmoketa": booking["apmoketa"] if given(booking.get("apmoketa")) else None,
        "eilutes": price_lines(booking, room, price), "mokejimo_dienos": payment_days(),
    }


def payment_days() -> str:
    """After "likus" the dative: likus 1 darbo dienai, 5 darbo dienoms, 10 darbo dienų."""
    return lt.count_phrase(PAYMENT_WORKING_DAYS, "darbo dienai", "darbo dienoms", "darbo dienų")


# ------------------------------------------------------------------ VAT invoices
def needs_vat_invoice(booking: dict, price: Price) -> bool:
    """A booking carried out with VAT charged gets a VAT invoice."""
    return booking["busena"] == "įvykdyta" and price.vat > 0


def vat_entries(bookings: list[dict]) -> list[Entry]:
    """This run's VAT invoices in the order new numbers are given: by the day of the service, booking number."""
    ordered = sorted(bookings, key=lambda b: (b["data"], b["uzsakymo_nr"]))
    return [Entry("", b["uzsakymo_nr"], VAT_DOCUMENT, renter_shown(b), b["data"]) for b in ordered]


def renter_shown(row: dict) -> str:
    """What registers and reports may say about a renter: the organisation, never a private person's name."""
    return row["nuomininkas"] if row["nuomininko_tipas"] in LEGAL_ENTITIES else "Fizinis asmuo"


REGISTER_HEADERS = ("Nr.", "Užsakymo Nr.", "Dokumentas", "Pirkėjas", "Išrašymo data", "Būsena")


def vat_register_sheet(entries: list[Entry], year: int) -> Sheet:
    """The VAT invoice register, laid out as :func:`automations.register.read_register` reads it back."""
    frame = pd.DataFrame([(e.number, e.code, e.name, e.library, e.issued, e.status) for e in entries],
                         columns=["nr", "uzsakymas", "dokumentas", "pirkejas", "data", "busena"])
    columns = [Column(key, header, "date" if key == "data" else "text", width)
               for key, header, width in zip(frame.columns, REGISTER_HEADERS, (16, 15, 20, 44, 13, 20), strict=True)]
    return Sheet("Registras", frame, columns, title=f"PVM sąskaitų faktūrų registras, {year} m.",
                 notes=["Numeriai nekeičiami ir pakartotinai nenaudojami; registrą tvarko automatika, ranka jo "
                        "nekeiskite. Sąskaita, kurios užsakymas nebe „įvykdyta“, lieka registre pažymėta."])

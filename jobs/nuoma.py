"""`nuoma`: rental of library spaces: contracts, advance invoices, room schedules, income.

Reads ``nuoma`` (the `Patalpos` price list and the `Užsakymai` bookings; overlaps, capacity,
codes and youth-space rules are checked by the schema). For every confirmed booking it
writes a rental contract and an advance invoice named after the booking number; then the
room schedule for the next 60 days and the rental income report. Renters' contact details
appear only in their own contract and invoice; elsewhere a private person is "Fizinis asmuo".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pandas as pd

from automations import lt
from automations.domain.rentals import Price, rental_price
from automations.job import Job, JobContext
from automations.periods import Period, working_days_before, year_so_far
from automations.render.docx import DocTable
from automations.render.week_grid import Slot, week_grid
from automations.render.xlsx import Chart, Column, Sheet, workbook_bytes
from sheets_schema.nuoma import LEGAL_ENTITIES
from sheets_schema.types import text_key

WORKBOOK = "nuoma"
SUBJECT = "Nuoma"
CONTRACTS = "Nuomos sutartys"
INVOICES = "Nuomos sąskaitos"
CONFIRMED = ("patvirtinta", "sutartis pasirašyta", "įvykdyta")
SCHEDULE_DAYS = 60
PAYMENT_WORKING_DAYS = 5  # the advance is paid at the latest this many working days before the event
PRIVATE = "Fizinis asmuo"
INVOICE_PREFIX = "AS-"


def renter_shown(row: dict) -> str:
    """What reports may say about a renter: the organisation, never a private person's name."""
    return row["nuomininkas"] if row["nuomininko_tipas"] in LEGAL_ENTITIES else PRIVATE


def _given(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def room_index(rooms: pd.DataFrame) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for room in rooms.to_dict("records"):
        found.setdefault(text_key(room["patalpa"]), room)
    return found


def price_of(booking: dict, room: dict) -> Price:
    return rental_price(booking["data"], booking["nuo"], booking["iki"], room["tarifas"],
                        room["savaitgalio_koeficientas"], booking["lengvata"],
                        bool(room["jaunimo_erdve"]) if _given(room["jaunimo_erdve"]) else False,
                        booking["pvm_tarifas"])


def priced_bookings(bookings: pd.DataFrame, rooms: pd.DataFrame) -> list[tuple[dict, dict, Price]]:
    """Every booking whose room is in the price list, with its price, by date and time."""
    index = room_index(rooms)
    found = []
    for booking in bookings.sort_values(["data", "nuo", "uzsakymo_nr"]).to_dict("records"):
        room = index.get(text_key(booking["patalpa"]))
        if room is not None:
            found.append((booking, room, price_of(booking, room)))
    return found


def discount_text(booking: dict, price: Price) -> str:
    if not price.discount_rate:
        return ""
    return f"{booking['lengvata']} ({lt.percent(price.discount_rate * 100, 0)})"


def document_context(booking: dict, room: dict, price: Price) -> dict:
    """Everything the contract and the invoice templates show (the renter's contacts included)."""
    hours = lt.number(price.hours, 2).rstrip("0").rstrip(",")
    lines = [[f"Patalpos „{room['patalpa']}“ nuoma {booking['data']:%Y-%m-%d} "
              f"{booking['nuo']:%H:%M}–{booking['iki']:%H:%M}"
              + (f" (savaitgalio koeficientas {lt.number(price.factor, 1)})" if price.factor != 1 else ""),
              hours, lt.number(price.rate * price.factor, 2), lt.number(price.base, 2)]]
    if price.discount:
        lines.append([f"Nuolaida: {discount_text(booking, price)}", "", "", "−" + lt.number(price.discount, 2)])
    legal = booking["nuomininko_tipas"] in LEGAL_ENTITIES
    text = {key: booking[key] if _given(booking[key]) else "" for key in (
        "nuomininkas", "imones_kodas", "pvm_kodas", "kontaktinis_asmuo", "el_pastas", "telefonas", "sutarties_nr",
        "paskirtis")}
    due = max(working_days_before(booking["data"], PAYMENT_WORKING_DAYS), booking["paraiskos_data"])
    return {
        "uzsakymo_nr": booking["uzsakymo_nr"], "saskaitos_nr": INVOICE_PREFIX + booking["uzsakymo_nr"],
        "saskaitos_data": booking["paraiskos_data"], **text, "juridinis": legal,
        "nuomininko_tipas": booking["nuomininko_tipas"], "patalpa": room["patalpa"], "adresas": room["adresas"],
        "vietos": room["vietu_skaicius"], "data": booking["data"], "savaites_diena": lt.weekday(booking["data"]),
        "laikas": f"{booking['nuo']:%H:%M}–{booking['iki']:%H:%M}", "valandos": hours,
        "dalyviai": booking["dalyviu_sk"] if _given(booking["dalyviu_sk"]) else "",
        "tarifas": price.rate, "koeficientas": lt.number(price.factor, 1), "savaitgalis": price.factor != 1,
        "nuolaida": discount_text(booking, price), "lengvata": booking["lengvata"] if price.discount_rate else "",
        "nuolaidos_proc": lt.percent(price.discount_rate * 100, 0), "nuolaidos_suma": price.discount,
        "bazine": price.base,
        "neto": price.net, "pvm": price.vat, "bruto": price.gross, "pvm_tarifas": lt.percent(price.vat_rate * 100, 0),
        "be_pvm": price.vat_exempt, "nemokamai": price.gross == 0, "apmoketi_iki": due,
        "eilutes": DocTable(["Paslauga", "Kiekis, val.", "Kaina, Eur/val.", "Suma, Eur"], lines, numeric={1, 2, 3},
                            widths_mm=[95, 22, 25, 28]),
    }


# ------------------------------------------------------------------ schedule
def schedule_sheets(bookings: pd.DataFrame, rooms: pd.DataFrame, today: dt.date) -> list[Sheet]:
    """A week-by-hour grid per room for the next 60 days, and the list of those bookings."""
    last = today + dt.timedelta(days=SCHEDULE_DAYS - 1)
    window = bookings.loc[(bookings["busena"] != "atšaukta") & (bookings["data"] >= today)
                          & (bookings["data"] <= last)].sort_values(["data", "nuo", "uzsakymo_nr"])
    window = window.assign(_room=window["patalpa"].map(text_key), nuomininkas=[
        renter_shown(row) for row in window.to_dict("records")])
    legend = ["Žalia – patvirtintas užsakymas, mėlyna – dar tik paraiška; atšaukti nerodomi.",
              f"Laikotarpis: {lt.long_date(today)} – {lt.long_date(last)}"]
    sheets = []
    for key, room in room_index(rooms).items():
        slots = [Slot(row["data"], row["nuo"], row["iki"],
                      f"{row['uzsakymo_nr']} · {row['nuomininkas']} · {row['paskirtis']} "
                      f"({row['nuo']:%H:%M}–{row['iki']:%H:%M})", row["uzsakymo_nr"],
                      "gerai" if row["busena"] in CONFIRMED else "pastaba")
                 for row in window.loc[window["_room"] == key].to_dict("records")]
        sheets.append(week_grid(room["patalpa"], f"{room['patalpa']}: užimtumas {SCHEDULE_DAYS} dienų",
                                slots, today, last, notes=legend))
    columns = [
        Column("data", "Data", "date", 12), Column("nuo", "Nuo", "time", 8), Column("iki", "Iki", "time", 8),
        Column("patalpa", "Patalpa", width=20), Column("uzsakymo_nr", "Užsakymo Nr.", width=15),
        Column("nuomininkas", "Nuomininkas", width=36), Column("paskirtis", "Paskirtis", width=30),
        Column("dalyviu_sk", "Dalyviai", "int", 9), Column("busena", "Būsena", width=18)]
    shown = window[[column.key for column in columns]].reset_index(drop=True)  # no contact details, even hidden
    listing = Sheet("Užsakymai", shown, columns, title=f"Užsakymai {lt.long_date(today)} – {lt.long_date(last)}")
    return [listing, *sheets]


# ------------------------------------------------------------------ income
MONEY_KEYS = ("neto", "pvm", "bruto", "apmoketa")


def income_rows(priced: list[tuple[dict, dict, Price]], period: Period) -> pd.DataFrame:
    """One row per confirmed booking of the period: what reports may show, with Decimal amounts."""
    rows = []
    for booking, room, price in priced:
        if booking["busena"] in CONFIRMED and booking["data"] in period:
            rows.append({"uzsakymo_nr": booking["uzsakymo_nr"], "data": booking["data"], "menuo": booking["data"].month,
                         "patalpa": room["patalpa"], "nuomininkas": renter_shown(booking),
                         "nuomininko_tipas": booking["nuomininko_tipas"], "valandos": price.hours,
                         "tarifas": price.rate, "koeficientas": price.factor,
                         "nuolaida": discount_text(booking, price), "neto": price.net, "pvm": price.vat,
                         "bruto": price.gross, "apmoketa": price.gross if _given(booking["apmoketa"]) else Decimal(0),
                         "busena": booking["busena"]})
    return pd.DataFrame(rows, columns=["uzsakymo_nr", "data", "menuo", "patalpa", "nuomininkas", "nuomininko_tipas",
                                       "valandos", "tarifas", "koeficientas", "nuolaida", *MONEY_KEYS, "busena"])


def income_by(rows: pd.DataFrame, key: str, labels: list | None = None) -> pd.DataFrame:
    """Bookings, hours and Decimal sums per ``key`` value, with a totals row."""
    sums: dict[Any, dict[str, Any]] = defaultdict(lambda: {"uzsakymai": 0, "valandos": Decimal(0),
                                                         **{money: Decimal(0) for money in MONEY_KEYS}})
    for label in labels or []:
        sums[label]
    for row in rows.to_dict("records"):
        entry = sums[row[key]]
        entry["uzsakymai"] += 1
        for name in ("valandos", *MONEY_KEYS):
            entry[name] += row[name]
    order = labels if labels is not None else lt.sorted_lt(sums)
    table = [{key: label, **sums[label]} for label in order]
    total = {key: "Iš viso", "uzsakymai": sum(item["uzsakymai"] for item in table),
             **{name: sum((item[name] for item in table), Decimal(0)) for name in ("valandos", *MONEY_KEYS)}}
    return pd.DataFrame([*table, total])


INCOME_COLUMNS = [Column("uzsakymai", "Užsakymai", "int", 10), Column("valandos", "Valandos", "dec1", 10),
                  Column("neto", "Suma be PVM", "money", 14), Column("pvm", "PVM", "money", 12),
                  Column("bruto", "Suma su PVM", "money", 14), Column("apmoketa", "Iš jos apmokėta", "money", 14)]


def income_workbook(priced: list[tuple[dict, dict, Price]], period: Period) -> bytes:
    rows = income_rows(priced, period)
    months = income_by(rows, "menuo", list(range(1, 13)))
    months["menuo"] = [lt.month_name(m) if isinstance(m, int) else m for m in months["menuo"]]
    sheets = [Sheet("Mėnesiai", months, [Column("menuo", "Mėnuo", width=14), *INCOME_COLUMNS],
                    title=f"Patalpų nuomos pajamos pagal mėnesius, {period.title}", bold_rows={len(months) - 1},
                    notes=["Skaičiuojami patvirtinti, pasirašyti ir įvykdyti užsakymai (ir būsimi šių metų)."],
                    charts=[Chart("column", "Nuomos pajamos su PVM", "menuo", ["bruto"], "Eur")])]
    for name, key, header in (("Patalpos", "patalpa", "Patalpa"), ("Nuomininkai", "nuomininko_tipas",
                                                                    "Nuomininko tipas")):
        table = income_by(rows, key)
        sheets.append(Sheet(name, table, [Column(key, header, width=24), *INCOME_COLUMNS],
                            title=f"Nuomos pajamos: {header.lower()}, {period.title}", bold_rows={len(table) - 1}))
    detail = rows.sort_values(["data", "uzsakymo_nr"]).reset_index(drop=True)
    sheets.append(Sheet("Užsakymai", detail, [
        Column("uzsakymo_nr", "Užsakymo Nr.", width=15), Column("data", "Data", "date", 12),
        Column("patalpa", "Patalpa", width=20), Column("nuomininkas", "Nuomininkas", width=36),
        Column("nuomininko_tipas", "Nuomininko tipas", width=18), Column("valandos", "Valandos", "dec2", 9),
        Column("tarifas", "Tarifas, Eur/val.", "money", 12), Column("koeficientas", "Koeficientas", "dec1", 10),
        Column("nuolaida", "Lengvata", width=26), *INCOME_COLUMNS[2:], Column("busena", "Būsena", width=18)],
        title=f"Užsakymai, {period.title}"))
    return workbook_bytes(sheets, title=f"Nuomos pajamos {period.tag}")


def produce(ctx: JobContext) -> None:
    rooms, bookings = ctx.frame(WORKBOOK, "Patalpos"), ctx.frame(WORKBOOK, "Užsakymai")
    priced = priced_bookings(bookings, rooms)
    for booking, room, price in priced:
        if booking["busena"] not in CONFIRMED:
            continue
        context = document_context(booking, room, price)
        number, year = booking["uzsakymo_nr"], booking["data"].year
        ctx.output(CONTRACTS, f"Sutartis {number}.docx", ctx.docx("nuomos_sutartis", context), year)
        ctx.output(INVOICES, f"Sąskaita {number}.docx", ctx.docx("nuomos_saskaita", context), year)
    ctx.output(SUBJECT, "Patalpų užimtumas.xlsx",
               workbook_bytes(schedule_sheets(bookings, rooms, ctx.today), title="Patalpų užimtumas"), ctx.today.year)
    period = year_so_far(ctx.year, dt.date(ctx.year, 12, 31))
    ctx.output(SUBJECT, f"Nuomos pajamos {ctx.year}.xlsx", income_workbook(priced, period), ctx.year)


JOB = Job(
    name="nuoma",
    description="Space rentals: contracts and advance invoices, 60-day room schedule, rental income report",
    workbooks=(WORKBOOK,),
    produce=produce,
    order=30,
)

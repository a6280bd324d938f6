"""Rentals: prices to the cent (hours × hourly rate × weekend factor, discounts, VAT) and their figures.

Money is ``Decimal`` all the way and rounded half up to the cent once per amount (net, then
VAT on the rounded net, gross = net + VAT), so contract, invoice and income report always
agree with each other and with a calculator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from automations.domain.figures import Figure, Figures
from automations.domain.rows import money_total, within
from automations.periods import Period, rest_of_year
from sheets_schema.nuoma import YOUTH_DISCOUNT  # free of charge, but only in a youth space
from sheets_schema.types import given, text_key

CENT = Decimal("0.01")
ONE = Decimal("1")
VAT_RATES = {"0 %": Decimal("0"), "21 %": Decimal("0.21")}
HALF_PRICE_DISCOUNTS = ("partnerio renginys", "labdaros organizacija")
HALF_PRICE = Decimal("0.50")  # the share knocked off for partners' events and charities (director's order)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def to_decimal(value: Any, default: Decimal | None = None) -> Decimal | None:
    """A sheet value as Decimal; blanks (None, NaN) give ``default``."""
    if value is None or (isinstance(value, float) and value != value):
        return default
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass(frozen=True)
class Price:
    minutes: int
    rate: Decimal  # Eur per hour, without VAT
    factor: Decimal  # weekend factor actually applied (1 on weekdays)
    base: Decimal  # hours × rate × factor, to the cent
    discount_rate: Decimal  # share taken off: 0, 0.5 or 1
    discount: Decimal
    net: Decimal
    vat_rate: Decimal
    vat: Decimal
    gross: Decimal

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60

    @property
    def vat_exempt(self) -> bool:
        return self.vat_rate == 0


def discount_rate(discount: str | None, youth_space: bool) -> Decimal:
    """The youth discount makes a youth space free; partners and charities pay half."""
    if discount == YOUTH_DISCOUNT:
        return ONE if youth_space else Decimal(0)
    if discount in HALF_PRICE_DISCOUNTS:
        return HALF_PRICE
    return Decimal(0)


def rental_price(day: dt.date, start: dt.time, end: dt.time, rate: Any, weekend_factor: Any = None,
                 discount: str | None = None, youth_space: bool = False, vat: str | None = None) -> Price:
    """The price of one booking; an empty weekend factor is 1,0 and an empty VAT rate is 0 %."""
    minutes = max((end.hour * 60 + end.minute) - (start.hour * 60 + start.minute), 0)
    hourly = to_decimal(rate, Decimal(0))
    factor = to_decimal(weekend_factor, ONE) if day.weekday() >= 5 else ONE
    base = cents(Decimal(minutes) / 60 * hourly * factor)
    taken = discount_rate(discount, youth_space)
    reduction = cents(base * taken)
    net = base - reduction
    vat_rate = VAT_RATES.get(vat or "0 %", Decimal(0))
    tax = cents(net * vat_rate)
    return Price(minutes, hourly, factor, base, taken, reduction, net, vat_rate, tax, net + tax)


# ------------------------------------------------------------------ bookings and their figures
WORKBOOK = "nuoma"
DONE = "įvykdyta"
CONFIRMED = ("patvirtinta", "sutartis pasirašyta", DONE)


def room_index(rooms: pd.DataFrame) -> dict[str, dict]:
    """Rooms of the price list by their name as people type it (spacing and capitals ignored)."""
    found: dict[str, dict] = {}
    for room in rooms.to_dict("records"):
        found.setdefault(text_key(room["patalpa"]), room)
    return found


def price_of(booking: dict, room: dict) -> Price:
    youth = given(room.get("jaunimo_erdve")) and bool(room["jaunimo_erdve"])
    discount = booking.get("lengvata") if given(booking.get("lengvata")) else None
    vat = booking.get("pvm_tarifas") if given(booking.get("pvm_tarifas")) else None
    return rental_price(booking["data"], booking["nuo"], booking["iki"], room["tarifas"],
                        room.get("savaitgalio_koeficientas"), discount, youth, vat)


def priced(bookings: pd.DataFrame, rooms: pd.DataFrame) -> pd.DataFrame:
    """Bookings whose room is in the price list, by date and time, with the price and its parts.

    A booking of a room missing from the price list is flagged by validation and earns nothing.
    """
    index = room_index(rooms)
    ordered = bookings.sort_values(["data", "nuo", "uzsakymo_nr"])
    records = []
    for booking in ordered.to_dict("records"):
        room = index.get(text_key(booking["patalpa"]))
        if room is None:
            continue
        price = price_of(booking, room)
        records.append({**booking, "patalpa": room["patalpa"], "_room": room, "_price": price,
                        "valandos": price.hours, "neto": price.net, "pvm": price.vat, "bruto": price.gross})
    return pd.DataFrame(records, columns=[*bookings.columns, "_room", "_price", "valandos", "neto", "pvm", "bruto"])


def all_priced(figures: Figures) -> pd.DataFrame:
    return figures.memo("priced bookings", lambda: priced(figures.frame(WORKBOOK, "Užsakymai"),
                                                          figures.frame(WORKBOOK, "Patalpos")))


def completed(figures: Figures, period: Period) -> pd.DataFrame:
    rows = all_priced(figures)
    return within(rows.loc[rows["busena"] == DONE], "data", period)


def confirmed_ahead(figures: Figures, period: Period) -> pd.DataFrame:
    rows = all_priced(figures)
    return within(rows.loc[rows["busena"].isin(CONFIRMED)], "data", rest_of_year(period))


def not_closed(figures: Figures, period: Period) -> pd.DataFrame:
    """Confirmed bookings whose day has passed but which are not marked carried out."""
    rows = all_priced(figures)
    return within(rows.loc[rows["busena"].isin(CONFIRMED[:2])], "data", period)


def money(column: str):
    return lambda rows: money_total(rows[column]) if len(rows) else Decimal("0.00")


def _hours(rows: pd.DataFrame) -> Decimal:
    return sum(rows["valandos"], Decimal(0)) if len(rows) else Decimal(0)


DONE_TEXT = f"užsakymai, kurių „Būsena“ – {DONE}, o data – metuose iki ataskaitos dienos"
AHEAD_TEXT = ("užsakymai, kurių „Būsena“ – patvirtinta, sutartis pasirašyta arba įvykdyta, o data – po ataskaitos "
              "dienos, tų pačių metų")
PRICE_TEXT = "kaina pagal kainoraštį: valandos × tarifas × savaitgalio koeficientas, atėmus lengvatą"


def _booking(figure_id: str, name: str, definition: str, unit: str = "Eur", **extra) -> Figure:
    kind = "money" if unit == "Eur" else "amount" if unit == "val." else "count"
    return Figure(figure_id, name, definition, unit, WORKBOOK, "Užsakymai", kind=kind, **extra)


FIGURES = (
    _booking("nuoma.ivykdyti", "Įvykdyti nuomos užsakymai", DONE_TEXT, "vnt.", select=completed,
             plan_names=("Nuomos užsakymai",)),
    _booking("nuoma.valandos", "Nuomos valandos", f"„Nuo“–„Iki“ valandų suma; {DONE_TEXT}", "val.", select=completed,
             measure=_hours),
    _booking("nuoma.pajamos_be_pvm", "Nuomos pajamos be PVM", f"{PRICE_TEXT}, be PVM; {DONE_TEXT}",
             select=completed, measure=money("neto"), plan_names=("Nuomos pajamos be PVM, Eur", "Nuomos pajamos, Eur")),
    _booking("nuoma.pvm", "Nuomos PVM", f"PVM nuo kainos be PVM (0 arba 21 proc.); {DONE_TEXT}", select=completed,
             measure=money("pvm")),
    _booking("nuoma.pajamos_su_pvm", "Nuomos pajamos su PVM", f"{PRICE_TEXT}, su PVM; {DONE_TEXT}", select=completed,
             measure=money("bruto"), plan_names=("Nuomos pajamos su PVM, Eur",)),
    _booking("nuoma.patvirtinti", "Patvirtinti būsimi nuomos užsakymai", AHEAD_TEXT, "vnt.", select=confirmed_ahead),
    _booking("nuoma.patvirtintos_pajamos_be_pvm", "Patvirtintų būsimų užsakymų pajamos be PVM",
             f"{PRICE_TEXT}, be PVM; {AHEAD_TEXT}", select=confirmed_ahead, measure=money("neto")),
    _booking("nuoma.patvirtintos_pajamos_su_pvm", "Patvirtintų būsimų užsakymų pajamos su PVM",
             f"{PRICE_TEXT}, su PVM; {AHEAD_TEXT}", select=confirmed_ahead, measure=money("bruto")),
    _booking("nuoma.neuzdaryti", "Praėję užsakymai be būsenos „įvykdyta“",
             "užsakymai, kurių „Būsena“ – patvirtinta arba sutartis pasirašyta, nors data jau praėjo", "vnt.",
             select=not_closed),
)

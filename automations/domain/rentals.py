"""Rental prices to the cent: hours × hourly rate × weekend factor, discounts, VAT.

Money is ``Decimal`` all the way and rounded half up to the cent once per amount (net, then
VAT on the rounded net, gross = net + VAT), so contract, invoice and income report always
agree with each other and with a calculator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sheets_schema.nuoma import YOUTH_DISCOUNT  # free of charge, but only in a youth space

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

"""Lithuanian conventions for everything staff read: dates, numbers, money, words, sorting.

Babel carries the CLDR data (genitive month names, no-break space grouping, decimal comma),
num2words the amounts in words; this module only fixes the house style on top.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

from automations.textclean import clean_text

LOCALE = "lt_LT"
_PLURAL_RULE = Locale.parse(LOCALE).plural_form
MONTHS_NOMINATIVE = (
    "sausis", "vasaris", "kovas", "balandis", "gegužė", "birželis",
    "liepa", "rugpjūtis", "rugsėjis", "spalis", "lapkritis", "gruodis",
)
WEEKDAYS = ("pirmadienis", "antradienis", "trečiadienis", "ketvirtadienis", "penktadienis", "šeštadienis",
            "sekmadienis")
QUARTERS = ("I", "II", "III", "IV")

# The Lithuanian alphabet: y sorts with i, and the letters with diacritics follow their base.
_ALPHABET = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž"
_ORDER = {letter: index for index, letter in enumerate(_ALPHABET)}


def long_date(value: dt.date | None) -> str:
    """``2026 m. lapkričio 22 d.``, as in letters and documents."""
    if value is None:
        return ""
    return format_date(value, format="y 'm'. MMMM d 'd'.", locale=LOCALE)


def short_date(value: dt.date | None) -> str:
    """``2026-11-22``, as in tables."""
    return value.isoformat() if value is not None else ""


def date_range(start: dt.date, end: dt.date | None) -> str:
    """``2026 m. kovo 5–7 d.`` or across months ``2026 m. kovo 30 d. – balandžio 2 d.``."""
    if end is None or end == start:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year} m. {format_date(start, 'MMMM', locale=LOCALE)} {start.day}–{end.day} d."
    if start.year == end.year:
        return f"{long_date(start)} – {format_date(end, 'MMMM', locale=LOCALE)} {end.day} d."
    return f"{long_date(start)} – {long_date(end)}"


def month_name(month: int) -> str:
    return MONTHS_NOMINATIVE[month - 1]


def month_title(year: int, month: int) -> str:
    """``2026 m. gruodis``: a heading for a month."""
    return f"{year} m. {MONTHS_NOMINATIVE[month - 1]}"


def weekday(value: dt.date) -> str:
    return WEEKDAYS[value.weekday()]


def quarter(value: dt.date) -> str:
    return QUARTERS[(value.month - 1) // 3]


def number(value: Any, decimals: int = 0) -> str:
    """``1 234`` / ``3,5`` with a no-break space for thousands; blanks stay blank.

    Never raises: a figure beyond what decimal rounding holds (1e308) is shown as it is,
    since a message about a mistyped cell must not stop the job that writes it.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    try:
        return format_decimal(value, format=pattern, locale=LOCALE)
    except (ArithmeticError, ValueError, TypeError):
        return str(value) if not isinstance(value, int) or value.bit_length() < 10_000 else "(labai didelis skaičius)"


def percent(value: Any, decimals: int = 1) -> str:
    """``33,7 proc.`` (the value is already in percent)."""
    text = number(value, decimals)
    return f"{text} proc." if text else ""


def signed_percent(value: Any, decimals: int = 1) -> str:
    """``+12,5 proc.`` / ``−3,0 proc.`` for changes."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    sign = "+" if value > 0 else ("−" if value < 0 else "")
    return f"{sign}{number(abs(value), decimals)} proc."


def money(value: Any) -> str:
    """``1 234,50 Eur``."""
    if value is None:
        return ""
    return f"{number(Decimal(str(value)).quantize(Decimal('0.01'), ROUND_HALF_UP), 2)} Eur"


def money_in_words(value: Decimal | float) -> str:
    """``vienas šimtas dvidešimt trys eurai 45 ct`` for contracts and invoices."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    euros = int(amount)
    cents = int((amount - euros) * 100)
    words = num2words(euros, lang="lt")
    return f"{words} {_euro_word(euros)} {cents:02d} ct"


def _euro_word(amount: int) -> str:
    if amount % 10 == 0 or 11 <= amount % 100 <= 19:
        return "eurų"
    return "euras" if amount % 10 == 1 else "eurai"


def sort_key(text: Any) -> tuple:
    """Sort by the Lithuanian alphabet (``Č`` after ``C``, ``Š`` after ``S``, ``Ž`` last)."""
    return tuple(_ORDER.get(char, 100 + ord(char)) for char in str(text).casefold())


def sorted_lt(values, key=lambda value: value) -> list:
    return sorted(values, key=lambda item: sort_key(key(item)))


def sort_frame(frame: Any, *columns: str) -> Any:
    """A pandas frame's rows in Lithuanian alphabetical order of ``columns``, renumbered from 0."""
    return frame.sort_values(list(columns), key=lambda column: column.map(sort_key)).reset_index(drop=True)


_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)),
                              *(f"LPT{n}" for n in range(1, 10))})


NAME_BYTES = 200  # file systems allow 255 bytes per name (UTF-8: an emoji is 4); leave room for tools that add to it
_EXTENSION = re.compile(r"(.+?)(\.[A-Za-z0-9]{1,5})")


def safe_filename(text: str, limit: int = 120) -> str:
    """A file name from user text: no path separators, control, invisible or reserved characters.

    Shortened to ``limit`` characters and :data:`NAME_BYTES` bytes from the end of the name,
    keeping the extension (and so a number at the start). Bidirectional controls are removed,
    so a name cannot disguise its extension. Outputs also land on Windows network drives, so
    device names (``NUL``, ``COM1``) are prefixed too.
    """
    cleaned = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', " ", clean_text(str(text)))
    cleaned = re.sub(r"\s+", " ", cleaned).strip(" .") or "be pavadinimo"
    if cleaned.split(".")[0].strip().upper() in _WINDOWS_DEVICES:
        cleaned = f"_{cleaned}"
    match = _EXTENSION.fullmatch(cleaned)
    stem, extension = (match[1], match[2]) if match else (cleaned, "")
    room = NAME_BYTES - len(extension.encode())
    stem = stem[:max(limit - len(extension), 1)].encode()[:room].decode("utf-8", "ignore").rstrip(" .")
    return f"{stem}{extension}" if stem else "be pavadinimo"


def plural(count: int | float, one: str, few: str, other: str) -> str:
    """The noun form a Lithuanian numeral takes (CLDR rules, as babel knows them).

    ``one``: 1, 21, 101 (vartotojas); ``few``: 2–9, 22… (vartotojai); ``other``: 0, 10–20,
    30… (vartotojų). Fractions take the genitive singular, as ``one``'s genitive is not
    known here; callers counting whole things never meet them.
    """
    form = _PLURAL_RULE(abs(count))
    return one if form == "one" else few if form == "few" else other


def count_phrase(count: int, one: str, few: str, other: str) -> str:
    """``135 881 registruotas vartotojas`` → ``1 vartotojas``, ``2 vartotojai``, ``10 vartotojų``."""
    return f"{number(count)} {plural(count, one, few, other)}"

"""Cell types shared by every sheet: what staff type, parsed once, with Lithuanian messages.

Each type is an ``Annotated`` alias whose ``BeforeValidator`` accepts what a real sheet
contains (date cells, ``2026.03.05``, ``1 234``, ``3,5``, ``Taip``, Google's serial numbers)
and raises a ``PydanticCustomError`` whose message already says, in Lithuanian, what is
expected. The parsers never raise anything else, so a bad cell can only become a message.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

UNKNOWN_WORDS = frozenset({"nežinoma", "nezinoma", "nežinomas", "n/d"})
TRUE_WORDS = frozenset({"taip", "t", "true", "yes", "1", "✓", "x"})
FALSE_WORDS = frozenset({"ne", "n", "false", "no", "0"})

# Google Sheets (and Excel) count days from 1899-12-30 when dates are read unformatted.
SERIAL_EPOCH = dt.datetime(1899, 12, 30)
_SERIAL_RANGE = (1.0, 2958465.0)  # 1899-12-31 .. 9999-12-31
_DATE_RE = re.compile(r"^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?$")
_DATETIME_RE = re.compile(
    r"^(\d{4})[-./](\d{1,2})[-./](\d{1,2})[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?"
    r"(?:\s*(?:GMT|UTC)?[+-]\d{1,2}(?::?\d{2})?)?$"
)
_TIME_RE = re.compile(r"^(\d{1,2})\s*[:.]\s*(\d{2})(?:\s*:\s*(\d{2}))?$")
MAX_AMOUNT = Decimal(10) ** 12  # beyond any budget, price or figure a library types
MAX_COUNT = 10**9  # beyond any count a library types (Lithuania lends ~20 million items a year)
DEFAULT_YEARS = (1990, 2100)  # dates outside are typing mistakes (a year typed into a date cell: 1905-07-18)
_YEARS: ContextVar[tuple[int, int]] = ContextVar("plausible_years", default=DEFAULT_YEARS)
_SHOWN_CHARS = 60  # a value quoted in a message is cut to this length
_NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")


def _fail(code: str, message: str, value: Any) -> PydanticCustomError:
    return PydanticCustomError(code, message, {"value": shown(value)})


def shown(value: Any) -> Any:
    """A value as a message quotes it: a pasted page or a 400-digit number is cut, not repeated whole."""
    if value.__class__ is str and len(value) > _SHOWN_CHARS:
        return f"{value[:_SHOWN_CHARS]}… ({len(value)} simbolių)"
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"{int(value.bit_length() * 0.30103) + 1} skaitmenų skaičius"  # str() refuses > 4300 digits
    return value


def _text(value: Any) -> str:
    return str(value).strip()


def is_blank(value: Any) -> bool:
    """True for what a person means by an empty cell (None, NaN, only spaces)."""
    if value is None:
        return True
    if value.__class__ is str:
        return not value.strip()
    if isinstance(value, Decimal):
        return value.is_nan()  # comparing a signalling NaN raises
    return value != value  # NaN is the only value unequal to itself


def given(value: Any) -> bool:
    """A value a rule can compare: not missing, not NaN (frames hold NaN for empty numbers)."""
    return value is not None and not _isna(value)


def _isna(value: Any) -> bool:
    """pandas' idea of missing (NaN, NaT, NA)."""
    return bool(_pandas_isna()(value))


@cache
def _pandas_isna() -> Any:
    """``pd.isna``, loaded when a frame value is first asked about: reading and parsing cells does
    not need pandas, so files start being read before it loads."""
    import pandas as pd

    return pd.isna


def text_key(text: Any) -> str:
    """Names compared the way people mean them: spacing and capitals do not matter; missing is ""."""
    if text.__class__ is not str:
        if text is None or _isna(text):
            return ""
        text = str(text)
    return " ".join(text.split()).casefold()


SAME_TEXT_RATIO = 0.85  # difflib ratio above which two titles are taken for the same thing typed twice


def similar_text(first: str, second: str, ratio: float = SAME_TEXT_RATIO) -> bool:
    """Near-identical titles (a typo, a missing quote); the cheap upper bounds are tried first."""
    matcher = SequenceMatcher(None, first, second)
    return matcher.real_quick_ratio() >= ratio and matcher.quick_ratio() >= ratio and matcher.ratio() >= ratio


def is_unknown(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in UNKNOWN_WORDS


# ---------------------------------------------------------------- dates and times
def _serial_to_datetime(value: float) -> dt.datetime:
    return SERIAL_EPOCH + dt.timedelta(days=value)


@lru_cache(maxsize=65536)
def _parse_date_text(text: str) -> dt.date:
    match = _DATE_RE.match(text)
    if match:
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    else:
        match = _DATETIME_RE.match(text)
        if match:
            try:
                return dt.date(*(int(part) for part in match.groups()[:3]))
            except ValueError:
                pass
    raise _fail("data", "„{value}“ nėra data: įrašykite datą kaip 2026-03-05", text)


def parse_date(value: Any) -> dt.date:
    """A date cell, a Sheets serial number, or ``2026-03-05`` / ``2026.03.05`` / ``2026/03/05``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _fail("data", "„{value}“ nėra data: įrašykite datą kaip 2026-03-05", value)
    if isinstance(value, int | float):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _serial_to_datetime(float(value)).date()
        raise _fail("data", "„{value}“ nėra data: įrašykite datą kaip 2026-03-05", value)
    return _parse_date_text(_text(value))


@lru_cache(maxsize=65536)
def _parse_datetime_text(text: str) -> dt.datetime:
    match = _DATETIME_RE.match(text)
    if match:
        year, month, day, hour, minute, second, ampm = match.groups()
        hour_n = int(hour)
        if ampm:
            hour_n = hour_n % 12 + (12 if ampm.lower() == "pm" else 0)
        try:
            return dt.datetime(int(year), int(month), int(day), hour_n, int(minute), int(second or 0))
        except ValueError:
            pass
    try:
        return dt.datetime.combine(_parse_date_text(text), dt.time())
    except PydanticCustomError:
        pass
    raise _fail("laikas", "„{value}“ nėra data ir laikas: tikėtasi 2026-03-05 14:30:00", text)


def parse_datetime(value: Any) -> dt.datetime:
    """A form's ``Laiko žymė``: a date-time cell, a serial number or ``2026-01-15 10:23:45``."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _serial_to_datetime(float(value)).replace(microsecond=0)
        raise _fail("laikas", "„{value}“ nėra data ir laikas: tikėtasi 2026-03-05 14:30:00", value)
    return _parse_datetime_text(_text(value))


@lru_cache(maxsize=4096)
def _parse_time_text(text: str) -> dt.time:
    match = _TIME_RE.match(text)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute)
    raise _fail("laikas", "„{value}“ nėra laikas: įrašykite valandas ir minutes kaip 14:30", text)


def parse_time(value: Any) -> dt.time:
    """``14:30``, ``9.00``, a time cell, or a day fraction as Sheets sends it unformatted."""
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.date):  # a date-formatted cell at midnight (openpyxl gave a datetime)
        return dt.time()
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.timedelta) and dt.timedelta() <= value < dt.timedelta(days=1):  # an [h]:mm cell
        return parse_time(value.total_seconds() / 86400)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 0 <= value < 1:
            minutes = round(value * 86400) // 60  # to the second (float noise), then seconds dropped as for time cells
            if minutes < 24 * 60:
                return dt.time(minutes // 60, minutes % 60)
        raise _fail("laikas", "„{value}“ nėra laikas: įrašykite valandas ir minutes kaip 14:30", value)
    return _parse_time_text(_text(value))


# ---------------------------------------------------------------- numbers
@lru_cache(maxsize=65536)
def _parse_decimal_text(text: str) -> Decimal:
    cleaned = text.translate(_NUMBER_SPACES).replace(",", ".")
    if cleaned.count(".") > 1 or not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)", cleaned):
        raise _fail("skaicius", "„{value}“ nėra skaičius: įrašykite pvz. 1234 arba 3,5", text)
    try:
        return Decimal(cleaned)
    except InvalidOperation as error:  # pragma: no cover - the regex already guards this
        raise _fail("skaicius", "„{value}“ nėra skaičius: įrašykite pvz. 1234 arba 3,5", text) from error


def _to_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise _fail("skaicius", "„{value}“ nėra skaičius: įrašykite pvz. 1234 arba 3,5", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if math.isinf(value) or math.isnan(value):
            raise _fail("skaicius", "„{value}“ nėra skaičius: įrašykite pvz. 1234 arba 3,5", value)
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _fail("skaicius", "„{value}“ nėra skaičius: įrašykite pvz. 1234 arba 3,5", value)
        return value
    return _parse_decimal_text(_text(value))


def _too_big(value: Any) -> PydanticCustomError:
    return _fail("per_didelis", "„{value}“ per didelis skaičius: patikrinkite, ar neįrašyta per daug skaitmenų",
                 value)


def parse_count(value: Any) -> int:
    """A whole number ≥ 0; ``1 234`` with (no-break) spaces; ``12,0`` is fine, ``12,5`` is not.

    Bounded: one mistyped 1e308 must become a message on its cell, not an overflow in a
    ratio or a formatter that stops every job reading the sheet.
    """
    number = _to_decimal(value)
    if abs(number) > MAX_COUNT:  # before any rounding: a 400-digit number overflows decimal's context
        raise _too_big(value)
    if number != number.to_integral_value():
        raise _fail("sveikas", "„{value}“ turi būti sveikasis skaičius (be trupmenos)", value)
    if number < 0:
        raise _fail("neigiamas", "„{value}“ negali būti neigiamas skaičius", value)
    return int(number)


def parse_amount(value: Any) -> Decimal:
    """A decimal ≥ 0 kept as ``Decimal`` to the cent (money must not drift through floats)."""
    number = _to_decimal(value)
    if number < 0:
        raise _fail("neigiamas", "„{value}“ negali būti neigiamas skaičius", value)
    if number >= MAX_AMOUNT:
        raise _too_big(value)
    return number.quantize(Decimal("0.01"))


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = _text(value).casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise _fail("taip_ne", "„{value}“: įrašykite „Taip“ arba „Ne“", value)


@lru_cache(maxsize=65536)
def _clean_text(text: str) -> str:
    stripped = text.strip()
    if "  " not in stripped and stripped.isprintable():  # no tab, newline or odd space: nothing to fold
        return stripped
    return re.sub(r"\s+", " ", stripped)


def parse_text(value: Any) -> str:
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and value.bit_length() > 200:
        raise _too_big(value)
    return re.sub(r"\s+", " ", _text(value))


def _strict(parser):
    """Wrap a parser so ``nežinoma`` gets a clear refusal instead of a type error."""

    def validate(value: Any) -> Any:
        if value.__class__ is str and value.strip().casefold() in UNKNOWN_WORDS:
            raise _fail("nezinoma", "„{value}“ čia netinka: šis laukas turi būti užpildytas tikra reikšme", value)
        return parser(value)

    return validate


def _allow_unknown(parser):
    """``nežinoma`` means the library does not know: kept as None, never counted as 0."""

    def validate(value: Any) -> Any:
        if value.__class__ is str and value.strip().casefold() in UNKNOWN_WORDS:
            return None
        return parser(value)

    return validate


@contextmanager
def plausible_years(first: int, last: int) -> Iterator[None]:
    """Dates outside ``first``–``last`` are refused while validating (setting ``limits.years``)."""
    token = _YEARS.set((first, last))
    try:
        yield
    finally:
        _YEARS.reset(token)


def _plausible(parser):
    """A date far from today is a typing mistake: ``2026`` typed into a date-formatted cell is 1905-07-18."""

    def validate(value: Any) -> Any:
        parsed = parser(value)
        first, last = _YEARS.get()
        if first <= parsed.year <= last:
            return parsed
        if isinstance(value, int | float) and not isinstance(value, bool) and first <= value <= last:
            raise _fail("data_ribos", "„{value}“ atrodo kaip metai, o ne data: įrašykite visą datą, pvz. 2026-03-05",
                        value)
        day = parsed.date() if isinstance(parsed, dt.datetime) else parsed
        raise PydanticCustomError(
            "data_ribos", "data {date} neįtikima (tikimasi {first}–{last} m.): ar langelyje nebuvo įrašyti tik metai "
            "ar kitas skaičius? Įrašykite datą kaip 2026-03-05",
            {"date": day.isoformat(), "first": first, "last": last, "value": shown(value)})

    return validate


Date = Annotated[dt.date, BeforeValidator(_strict(_plausible(parse_date)))]
DateTime = Annotated[dt.datetime, BeforeValidator(_strict(_plausible(parse_datetime)))]
Time = Annotated[dt.time, BeforeValidator(_strict(parse_time))]
Count = Annotated[int, BeforeValidator(_strict(parse_count))]
CountOrUnknown = Annotated[int | None, BeforeValidator(_allow_unknown(parse_count))]
Amount = Annotated[Decimal, BeforeValidator(_strict(parse_amount))]
AmountOrUnknown = Annotated[Decimal | None, BeforeValidator(_allow_unknown(parse_amount))]
YesNo = Annotated[bool, BeforeValidator(_strict(parse_bool))]
Text = Annotated[str, BeforeValidator(parse_text)]


def choice(*allowed: str) -> Any:
    """An enum column: matched ignoring case and stray spaces, stored in its canonical spelling."""
    lookup = {re.sub(r"\s+", "", value).casefold(): value for value in allowed}
    listed = ", ".join(allowed)
    exact = frozenset(allowed)

    def validate(value: Any) -> str:
        if value in exact:  # the common case: picked from the drop-down list
            return value
        text = parse_text(value)
        canonical = lookup.get(re.sub(r"\s+", "", text).casefold())
        if canonical is None:
            raise PydanticCustomError(
                "reiksme", "„{value}“ nėra leistina reikšmė; galimos: {allowed}", {"value": text, "allowed": listed}
            )
        return canonical

    return Annotated[Literal[allowed], BeforeValidator(validate)]  # type: ignore[valid-type]


def public_link(value: Any) -> str:
    """A link fit for a published document or calendar: http(s) only, else "".

    The schema warns about anything else, but a ``javascript:`` or ``file:`` link typed into
    a sheet must never reach the public calendar feed or the programme, warned or not.
    """
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if text.lower().startswith("www."):
        text = f"https://{text}"
    try:
        parts = urlsplit(text)
    except ValueError:
        return ""
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc or not text.isprintable() or " " in text:
        return ""
    return text

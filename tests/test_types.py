"""Cell parsers: every input gives either a value or a Lithuanian message, never an exception."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from sheets_schema.types import (
    Amount,
    Count,
    CountOrUnknown,
    Date,
    DateTime,
    Time,
    YesNo,
    choice,
    parse_amount,
    parse_bool,
    parse_count,
    parse_date,
    parse_datetime,
    parse_time,
    similar_text,
    text_key,
)

PARSERS = [parse_date, parse_datetime, parse_time, parse_count, parse_amount, parse_bool]
ANY_CELL = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text(),
    st.dates(), st.datetimes(), st.times(), st.decimals(allow_nan=True, allow_infinity=True),
)


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
@given(value=ANY_CELL)
def test_parsers_return_a_value_or_a_lithuanian_message(parser, value) -> None:
    try:
        parser(value)
    except PydanticCustomError as error:
        assert error.message()
        assert any(char in error.message() for char in "„ąčęėįšųūž") or "įrašykite" in error.message()


@pytest.mark.parametrize("text", ["2026-03-05", "2026.03.05", "2026/03/05", "2026-3-5", " 2026.03.05. ",
                                  "2026-03-05 00:00:00"])
def test_dates_as_staff_type_them(text: str) -> None:
    assert parse_date(text) == dt.date(2026, 3, 5)


def test_sheets_serial_numbers_are_days_since_1899_12_30() -> None:
    assert parse_date(46086) == dt.date(2026, 3, 5)
    assert parse_datetime(46086.5) == dt.datetime(2026, 3, 5, 12, 0)
    assert parse_time(0.5625) == dt.time(13, 30)


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 1, 1)))
def test_date_round_trips_through_every_typed_form(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    for form in (day, day.isoformat(), day.strftime("%Y.%m.%d"), day.strftime("%Y/%m/%d"), serial):
        assert parse_date(form) == day


@pytest.mark.parametrize("text", ["2026-02-30", "kovo 5", "05.03", "2026-13-01", ""])
def test_impossible_dates_are_explained(text: str) -> None:
    with pytest.raises(PydanticCustomError) as error:
        parse_date(text)
    assert "2026-03-05" in error.value.message()


@pytest.mark.parametrize(("text", "expected"), [("1 234", 1234), ("1\u00a0234", 1234), ("12,0", 12), (7.0, 7),
                                                 ("0", 0)])
def test_counts_with_lithuanian_spacing(text, expected) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(("text", "rule"), [("12,5", "sveikas"), ("-3", "neigiamas"), ("12a", "skaicius"),
                                            ("1.234.5", "skaicius")])
def test_bad_counts_name_the_problem(text, rule) -> None:
    with pytest.raises(PydanticCustomError) as error:
        parse_count(text)
    assert error.value.type == rule


@given(st.integers(min_value=0, max_value=10**9))
def test_counts_round_trip_with_no_break_space_grouping(number: int) -> None:
    typed = f"{number:,}".replace(",", "\u00a0")
    assert parse_count(typed) == number


def test_amounts_keep_cents_exactly() -> None:
    assert parse_amount("1 234,5") == Decimal("1234.50")
    assert parse_amount(0.1 + 0.2) == Decimal("0.30")


@pytest.mark.parametrize(("value", "expected"), [("Taip", True), ("ne", False), (True, True), ("TAIP ", True),
                                                 (0, False)])
def test_yes_no(value, expected) -> None:
    assert parse_bool(value) is expected


class Row(BaseModel):
    kiekis: Count
    nezinomas: CountOrUnknown = None
    suma: Amount | None = None
    data: Date | None = None
    laikas: Time | None = None
    zyme: DateTime | None = None
    ar: YesNo | None = None
    tipas: choice("kontaktinis", "nuotolinis", "mišrus") | None = None


def test_unknown_is_none_not_zero_and_only_where_allowed() -> None:
    assert Row(kiekis=1, nezinomas="nežinoma").nezinomas is None
    with pytest.raises(ValidationError) as error:
        Row(kiekis="nežinoma")
    assert "netinka" in str(error.value)


def test_choices_ignore_case_and_spacing_but_store_the_canonical_spelling() -> None:
    assert Row(kiekis=1, tipas="  Mišrus ").tipas == "mišrus"
    with pytest.raises(ValidationError) as error:
        Row(kiekis=1, tipas="gyvai")
    assert "galimos: kontaktinis, nuotolinis, mišrus" in str(error.value)


@given(st.text())
def test_choice_never_raises_anything_but_a_validation_error(text: str) -> None:
    with contextlib.suppress(ValidationError):
        Row(kiekis=1, tipas=text)


def test_text_keys_ignore_spacing_and_case_and_treat_missing_as_empty() -> None:
    assert text_key("  Konferencijų\u00a0 SALĖ ") == text_key("konferencijų salė") == "konferencijų salė"
    assert text_key(None) == text_key(float("nan")) == text_key("   ") == ""
    assert text_key(2026) == "2026"


@given(st.one_of(st.none(), st.text(), st.integers(), st.floats(allow_nan=True)))
def test_text_key_is_idempotent_and_never_raises(value) -> None:
    key = text_key(value)
    assert text_key(key) == key


def test_similar_text_takes_a_typo_but_not_another_title() -> None:
    assert similar_text("poezijos vakaras „ruduo“", "poezijos vakaras ruduo")
    assert not similar_text("poezijos vakaras", "kino klubas")

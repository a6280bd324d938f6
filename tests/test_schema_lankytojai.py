import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.lankytojai import WORKBOOK, Lankytojai
from sheets_schema.references import References
from sheets_schema.spec import RuleContext

DAY = {"Data": "2026-06-14", "Vieta": "J. Urbšio sodyba (Zaosė)", "Lankytojai iš viso": "120"}


def issues(**changes):
    return {(i.field, i.rule, i.severity) for i in Lankytojai.model_validate({**DAY, **changes}).checks()}


def test_good_day():
    assert issues(**{"iš jų vaikai": "40", "iš jų renginiuose": "60", "Ekskursijos": "2",
                     "Ekskursijų dalyviai": "45", "Skaičiavimo būdas": "rankinis"}) == set()


@pytest.mark.parametrize("header, field", [
    ("iš jų vaikai", "vaikai"), ("iš jų renginiuose", "renginiuose"), ("Ekskursijų dalyviai", "ekskursiju_dalyviai"),
])
def test_parts_not_above_total(header, field):
    assert (field, "dalis_didesne", Severity.ERROR) in issues(**{header: "121", "Ekskursijos": "3"})


def test_excursion_participants_need_excursions():
    assert issues(**{"Ekskursijų dalyviai": "25"}) == {("ekskursijos", "truksta_ekskursiju", Severity.ERROR)}
    assert issues(**{"Ekskursijų dalyviai": "25", "Ekskursijos": "0"}) == {
        ("ekskursijos", "truksta_ekskursiju", Severity.ERROR)}
    assert issues(**{"Ekskursijų dalyviai": "0"}) == set()


def test_place_is_one_of_four():
    with pytest.raises(ValidationError):
        Lankytojai.model_validate({**DAY, "Vieta": "Zaosė"})


def log(*rows):
    names = list(Lankytojai.model_fields)
    return pd.DataFrame([{**dict.fromkeys(names), "_row": index + 2, "_valid": True, **row}
                         for index, row in enumerate(rows)])


def run(frame):
    ctx = RuleContext(WORKBOOK, {"Lankytojai": frame})
    return [(p.rule, p.row, p.severity) for p in WORKBOOK.rules(ctx, References())]


ZAOSE = "J. Urbšio sodyba (Zaosė)"


def season(counts, place=ZAOSE):
    start = dt.date(2026, 5, 1)
    return [{"data": start + dt.timedelta(days=day), "vieta": place, "is_viso": count}
            for day, count in enumerate(counts)]


def test_same_day_and_place_twice_is_an_error_on_the_later_row():
    rows = [*season([10, 12]), {"data": dt.date(2026, 5, 1), "vieta": ZAOSE, "is_viso": 11},
            {"data": dt.date(2026, 5, 1), "vieta": "Centriniai rūmai", "is_viso": 300}]
    assert run(log(*rows)) == [("pasikartoja", 4, Severity.ERROR)]


def test_day_far_outside_the_usual_range_is_a_warning():
    counts = [0, 5, 10, 20, 30, 40, 35, 25, 15, 60, 80, 100, 45, 0, 0, 12, 30, 50, 70, 90, 2500]
    found = run(log(*season(counts)))
    assert found == [("neiprastai_daug", 22, Severity.WARNING)]


def test_no_warning_with_fewer_than_20_days_or_below_the_floor():
    assert run(log(*season([1] * 18 + [500]))) == []
    assert run(log(*season([0] * 19 + [1] * 5 + [50]))) == []
    assert run(log(*season([0] * 19 + [1] * 5 + [51]))) == [("neiprastai_daug", 26, Severity.WARNING)]


def test_ranges_are_per_place_and_skip_invalid_rows():
    rows = season([300] * 25, place="Centriniai rūmai") + season([10] * 25)
    assert run(log(*rows)) == []
    rows = [*season([10] * 25), {"data": dt.date(2027, 1, 1), "vieta": ZAOSE, "is_viso": 900, "_valid": False}]
    assert run(log(*rows)) == []

import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.nuoma import WORKBOOK, Patalpa, Uzsakymas
from sheets_schema.references import References
from sheets_schema.spec import RuleContext

BOOKING = {
    "Užsakymo Nr.": "NUOM-2026-001", "Paraiškos data": "2026-01-10", "Būsena": "patvirtinta",
    "Nuomininkas": "UAB „Aukštaitijos knyga“", "Nuomininko tipas": "juridinis asmuo", "Įmonės kodas": "123456789",
    "Patalpa": "Konferencijų salė", "Paskirtis": "seminaras", "Data": "2026-03-05", "Nuo": "10:00", "Iki": "14:00",
    "Atstovas": "Jonas Jonaitis", "Atstovo pareigos": "direktorius", "Atstovavimo pagrindas": "įstatai",
}


def issues(**changes):
    return {(i.field, i.rule, i.severity) for i in Uzsakymas.model_validate({**BOOKING, **changes}).checks()}


def test_good_booking():
    booking = Uzsakymas.model_validate(BOOKING)
    assert list(booking.checks()) == []
    assert booking.nuo == dt.time(10)


def test_a_contract_needs_its_signatory_and_a_private_tenants_address():
    assert ("atstovas", "truksta_atstovo", Severity.WARNING) in issues(Atstovas=None)
    assert issues(Atstovas=None, **{"Būsena": "paraiška"}) == set()  # no contract yet
    private = {"Nuomininkas": "Jonas Jonaitis", "Nuomininko tipas": "fizinis asmuo", "Įmonės kodas": None,
               "Atstovas": None}
    assert issues(**private) == {("nuomininko_adresas", "truksta_adreso", Severity.WARNING)}
    assert issues(**private, **{"Nuomininko adresas": "Ukmergės g. 3-4, Panevėžys"}) == set()


@pytest.mark.parametrize("number", ["NUOM-26-001", "nuom-2026-001", "NUOM-2026-1", "2026-001"])
def test_order_number_format(number):
    assert issues(**{"Užsakymo Nr.": number}) == {("uzsakymo_nr", "numerio_formatas", Severity.ERROR)}


def test_end_after_start():
    assert issues(Iki="10:00") == {("iki", "pabaiga_ankstesne", Severity.ERROR)}


def test_company_code_required_for_legal_entities_only():
    for kind in ("juridinis asmuo", "biudžetinė įstaiga", "NVO"):
        assert issues(**{"Nuomininko tipas": kind, "Įmonės kodas": None}) == {
            ("imones_kodas", "truksta_kodo", Severity.ERROR)}
    private = {"Nuomininko tipas": "fizinis asmuo", "Įmonės kodas": None, "Nuomininko adresas": "Ukmergės g. 3"}
    assert issues(**private) == set()


@pytest.mark.parametrize("header, typed, stored", [
    ("Įmonės kodas", "123 456 789", "123456789"),
    ("Įmonės kodas", 123456789.0, "123456789"),
    ("PVM mokėtojo kodas", "lt123456789", "LT123456789"),
    ("PVM mokėtojo kodas", "LT 123456789012", "LT123456789012"),
    ("Telefonas", "+370 612 34567", "+37061234567"),
    ("Telefonas", "+370-612-34567", "+37061234567"),
    ("El. paštas", "jonas@imone.lt", "jonas@imone.lt"),
])
def test_contact_formats_are_normalised(header, typed, stored):
    booking = Uzsakymas.model_validate({**BOOKING, header: typed})
    assert booking.model_dump(by_alias=True)[header] == stored


@pytest.mark.parametrize("header, typed", [
    ("Įmonės kodas", "12345678"), ("Įmonės kodas", "1234567890"), ("PVM mokėtojo kodas", "123456789"),
    ("PVM mokėtojo kodas", "LT1234567890"), ("Telefonas", "861234567"), ("Telefonas", "+3706123456"),
    ("El. paštas", "jonas.imone.lt"), ("El. paštas", "jonas@imone"),
])
def test_bad_contact_formats_are_errors(header, typed):
    with pytest.raises(ValidationError) as error:
        Uzsakymas.model_validate({**BOOKING, header: typed})
    assert error.value.errors()[0]["loc"] == (header,)


def test_contract_number_required_once_signed():
    for state in ("sutartis pasirašyta", "įvykdyta"):
        assert issues(Būsena=state) == {("sutarties_nr", "truksta_sutarties", Severity.ERROR)}
    assert issues(Būsena="įvykdyta", **{"Sutarties Nr.": "S-14"}) == set()


def test_enums_with_dash_and_percent():
    booking = Uzsakymas.model_validate({**BOOKING, "Lengvata": "Jaunimas 14-29", "PVM tarifas": "21%"})
    assert (booking.lengvata, booking.pvm_tarifas) == ("jaunimas 14–29", "21 %")
    with pytest.raises(ValidationError):
        Uzsakymas.model_validate({**BOOKING, "PVM tarifas": "9 %"})


def test_room_weekend_factor_stays_empty():
    room = Patalpa.model_validate({"Patalpa": "Salė", "Adresas": "Respublikos g. 14", "Vietų skaičius": "80",
                                   "Tarifas, Eur/val.": "40,00"})
    assert room.savaitgalio_koeficientas is None


def tab(model, *rows):
    names = list(model.model_fields)
    return pd.DataFrame([{**dict.fromkeys(names), "_row": index + 2, "_valid": True, **row}
                         for index, row in enumerate(rows)])


ROOMS = tab(
    Patalpa,
    {"patalpa": "Konferencijų salė", "vietu_skaicius": 80, "jaunimo_erdve": False},
    {"patalpa": "Jaunimo erdvė", "vietu_skaicius": 20, "jaunimo_erdve": True},
)
DAY = dt.date(2026, 3, 5)


def booking(number, **values):
    return {"uzsakymo_nr": f"NUOM-2026-{number:03d}", "busena": "patvirtinta", "patalpa": "Konferencijų salė",
            "data": DAY, "paraiskos_data": dt.date(2026, 1, 10), "nuo": dt.time(10), "iki": dt.time(12), **values}


def run(*bookings, rooms=ROOMS):
    ctx = RuleContext(WORKBOOK, {"Patalpos": rooms, "Užsakymai": tab(Uzsakymas, *bookings)})
    return [(p.rule, p.row, p.severity) for p in WORKBOOK.rules(ctx, References())], ctx


def test_overlap_flags_both_rows_naming_the_other():
    found, _ = run(booking(1), booking(2, nuo=dt.time(11), iki=dt.time(13), patalpa="konferencijų salė"),
                   booking(3, nuo=dt.time(12), iki=dt.time(14)))
    assert found == [("persidengia", 2, Severity.ERROR), ("persidengia", 3, Severity.ERROR),
                     ("persidengia", 3, Severity.ERROR), ("persidengia", 4, Severity.ERROR)]
    ctx = RuleContext(WORKBOOK, {"Patalpos": ROOMS, "Užsakymai": tab(Uzsakymas, booking(1), booking(2))})
    messages = [p.message for p in WORKBOOK.rules(ctx, References())]
    assert "NUOM-2026-002 (3 eilutė, 10:00–12:00)" in messages[0]
    assert "NUOM-2026-001 (2 eilutė, 10:00–12:00)" in messages[1]


def test_no_overlap_when_cancelled_other_day_or_other_room():
    found, _ = run(booking(1), booking(2, busena="atšaukta"), booking(3, data=dt.date(2026, 3, 6)),
                   booking(4, patalpa="Jaunimo erdvė", paraiskos_data=dt.date(2026, 1, 1)))
    assert found == []


def test_unknown_room_and_duplicate_number():
    found, _ = run(booking(1, patalpa="Kiemas"), booking(1, data=dt.date(2026, 4, 1)))
    assert found == [("pasikartoja", 3, Severity.ERROR), ("nezinoma_patalpa", 2, Severity.ERROR)]


def test_capacity():
    assert run(booking(1, dalyviu_sk=81))[0] == [("per_daug_dalyviu", 2, Severity.ERROR)]
    assert run(booking(1, dalyviu_sk=80))[0] == []


def test_youth_space_rules():
    youth = {"patalpa": "Jaunimo erdvė", "lengvata": "jaunimas 14–29"}
    assert run(booking(1, **youth, paraiskos_data=dt.date(2026, 2, 1)))[0] == []
    assert run(booking(1, **youth, paraiskos_data=dt.date(2026, 2, 1), iki=dt.time(19, 30)))[0] == [
        ("jaunimo_erdve_vakare", 2, Severity.ERROR)]
    assert run(booking(1, **youth, paraiskos_data=dt.date(2026, 2, 4)))[0] == [
        ("jaunimo_erdve_per_velai", 2, Severity.WARNING)]
    assert run(booking(1, lengvata="jaunimas 14–29"))[0] == [("jaunimo_lengvata", 2, Severity.WARNING)]

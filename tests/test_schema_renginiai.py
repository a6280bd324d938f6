import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.references import References
from sheets_schema.renginiai import WORKBOOK, Ekskursija, Paroda, Renginys
from sheets_schema.spec import RuleContext

EVENT = {
    "Data": "2026-03-05", "Pradžia": "17:30", "Pabaiga": "19:00", "Pavadinimas": "Knygos „Upė“ pristatymas",
    "Tipas": "knygos pristatymas", "Forma": "kontaktinis", "Vieta": "Konferencijų salė",
    "Organizatorius": "Komunikacijos skyrius", "Tikslinė grupė": "suaugusieji", "Būsena": "įvyko",
    "Dalyviai": "45", "iš jų vaikai": "3",
}


def issues(model, **changes):
    return {(issue.field, issue.rule, issue.severity) for issue in model.model_validate(changes).checks()}


def event_issues(**changes):
    return issues(Renginys, **{**EVENT, **changes})


def test_good_event_has_no_issues():
    event = Renginys.model_validate(EVENT)
    assert event.pradzia == dt.time(17, 30)
    assert list(event.checks()) == []


def test_end_before_start_is_an_error_with_both_times():
    found = list(Renginys.model_validate({**EVENT, "Pabaiga": "12:00", "Pradžia": "14:00"}).checks())
    assert [(i.field, i.severity) for i in found] == [("pabaiga", Severity.ERROR)]
    assert found[0].message == "pabaiga (12:00) turi būti vėliau nei pradžia (14:00)"


def test_held_event_needs_participants():
    assert ("dalyviai", "truksta_dalyviu", Severity.ERROR) in event_issues(**{"Dalyviai": None, "iš jų vaikai": None})
    assert event_issues(**{"Dalyviai": None, "iš jų vaikai": None, "Būsena": "planuojamas"}) == set()


def test_online_event_with_physical_participants():
    found = list(Renginys.model_validate({**EVENT, "Forma": "nuotolinis", "iš jų vaikai": None}).checks())
    assert [(i.rule, i.severity) for i in found] == [("nuotolinis_dalyviai", Severity.ERROR)]
    assert "nuotoliniame renginyje fizinių dalyvių turi būti 0" in found[0].message
    assert event_issues(**{"Forma": "nuotolinis", "Dalyviai": "0", "iš jų vaikai": "0"}) == set()


def test_children_not_above_participants_and_paid_entry_needs_price():
    assert ("vaikai", "dalis_didesne", Severity.ERROR) in event_issues(**{"iš jų vaikai": "50"})
    assert ("kaina", "truksta_kainos", Severity.ERROR) in event_issues(**{"Įėjimas": "Mokamas"})
    assert event_issues(**{"Įėjimas": "mokamas", "Kaina, Eur": "5,50"}) == set()


@pytest.mark.parametrize("link, ok", [
    ("https://www.pavb.lt/renginiai/1", True), ("www.pavb.lt", True), ("HTTP://pavb.lt/x", True),
    ("pavb.lt", False), ("žr. Facebook", False),
])
def test_link_must_look_like_url(link, ok):
    expected = set() if ok else {("nuoroda", "nuoroda", Severity.WARNING)}
    assert event_issues(Nuoroda=link) == expected


def test_unknown_enum_value_is_a_type_error():
    with pytest.raises(ValidationError, match="nėra leistina reikšmė"):
        Renginys.model_validate({**EVENT, "Tipas": "šventė"})


def test_exhibition_ends_not_before_it_starts():
    base = {"Pavadinimas": "Senieji žemėlapiai", "Tipas": "kraštotyros", "Vieta": "II a. fojė",
            "Nuo": "2026-03-01", "Iki": "2026-03-01"}
    assert issues(Paroda, **base) == set()
    assert issues(Paroda, **{**base, "Iki": "2026-02-28"}) == {("iki", "pabaiga_ankstesne", Severity.ERROR)}


EXCURSION = {"Data": "2026-05-12", "Vieta": "j. urbšio sodyba (zaosė)", "Grupė": "Rygos bibliotekininkai",
             "Grupės tipas": "užsienio delegacija", "Dalyviai": "18"}


def test_excursion_place_and_country():
    trip = Ekskursija.model_validate({**EXCURSION, "Šalis": " lv "})
    assert trip.vieta == "J. Urbšio sodyba (Zaosė)"
    assert trip.salis == "LV"
    assert list(trip.checks()) == []
    with pytest.raises(ValidationError, match="nėra šalies kodas"):
        Ekskursija.model_validate({**EXCURSION, "Šalis": "Latvija"})
    with pytest.raises(ValidationError, match="nėra šalies kodas"):
        Ekskursija.model_validate({**EXCURSION, "Šalis": "EU"})
    with pytest.raises(ValidationError, match="nėra leistina reikšmė"):
        Ekskursija.model_validate({**EXCURSION, "Vieta": "Zaosė"})


def test_foreign_delegation_from_lithuania_is_a_warning():
    warning = {("salis", "delegacijos_salis", Severity.WARNING)}
    assert issues(Ekskursija, **EXCURSION) == warning
    assert issues(Ekskursija, **EXCURSION, **{"Šalis": "LT"}) == warning
    assert issues(Ekskursija, **{**EXCURSION, "Grupės tipas": "mokiniai"}) == set()


def events(*rows):
    names = list(Renginys.model_fields)
    return pd.DataFrame([{**dict.fromkeys(names), "_row": index + 2, "_valid": True, **row}
                         for index, row in enumerate(rows)])


def run(frame):
    return list(WORKBOOK.rules(RuleContext(WORKBOOK, {"Renginiai": frame}), References()))


def test_event_typed_twice_is_a_warning_on_the_later_row():
    day, start = dt.date(2026, 3, 5), dt.time(17, 30)
    frame = events(
        {"data": day, "pradzia": start, "vieta": "Konferencijų salė", "pavadinimas": "Knygos „Upė“ pristatymas"},
        {"data": day, "pradzia": start, "vieta": "Konferencijų salė", "pavadinimas": "Protmūšis"},
        {"data": day, "pradzia": start, "vieta": "konferencijų  salė", "pavadinimas": "knygos „Upė“ pristatymas."},
        {"data": day, "pradzia": dt.time(18), "vieta": "Konferencijų salė", "pavadinimas": "Knygos „Upė“ pristatymas"},
    )
    found = run(frame)
    assert [(p.rule, p.row, p.severity, p.column) for p in found] == [
        ("dubliuotas_renginys", 4, Severity.WARNING, "Pavadinimas")]
    assert "žr. 2 eilutę" in found[0].message


def test_different_titles_on_the_same_slot_are_fine():
    day, start = dt.date(2026, 3, 5), dt.time(10)
    slot = {"data": day, "pradzia": start, "vieta": "Salė"}
    assert run(events({**slot, "pavadinimas": "Seminaras apie LIBIS"},
                      {**slot, "pavadinimas": "Kūrybinės dirbtuvės vaikams"})) == []

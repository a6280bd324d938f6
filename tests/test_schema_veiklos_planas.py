from decimal import Decimal

import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.veiklos_planas import AUTO_FIGURES, WORKBOOK, Finansai, Priemone, Tekstas, Tvirtinimas

ROW = {"Metai": "2026", "Tikslas": "Skatinti skaitymą", "Uždavinys": "Rengti renginius",
       "Priemonė": "Renginiai vaikams", "Rodiklis": "Įvykusių renginių skaičius", "Planinė reikšmė": "600",
       "Atsakingas padalinys": "Komunikacijos skyrius"}


def test_good_rows():
    row = Priemone.model_validate({**ROW, "Automatinis rodiklis": "įvykę renginiai", "Ketvirtis": "visi metai"})
    assert (row.automatinis, row.planine, row.faktine) == ("Įvykę renginiai", Decimal("600.00"), None)
    assert list(row.checks()) == []
    assert Priemone.model_validate({**ROW, "Faktinė reikšmė": "nežinoma"}).faktine is None
    assert list(Priemone.model_validate({**ROW, "Faktinė reikšmė": "612"}).checks()) == []


def test_auto_figures_are_the_listed_names():
    assert len(AUTO_FIGURES) == 33
    assert {"Nuomos pajamos, Eur", "Nuomos pajamos be PVM, Eur", "Zaosės lankytojai", "Tiesioginės transliacijos",
            "Naujienlaiškiai", "Metodinės išvykos į bibliotekas"} <= set(AUTO_FIGURES)
    with pytest.raises(ValidationError, match="nėra leistina reikšmė"):
        Priemone.model_validate({**ROW, "Automatinis rodiklis": "Lankytojai"})
    with pytest.raises(ValidationError):
        Priemone.model_validate({**ROW, "Ketvirtis": "V"})
    assert WORKBOOK.tabs == (Priemone, Finansai, Tekstas, Tvirtinimas)


def test_report_inputs_finances_texts_and_approvals():
    money = Finansai.model_validate({"Metai": "2026", "Rūšis": "pajamos", "Straipsnis": "Parama",
                                     "Faktas, Eur": "1 234,50"})
    assert (money.rusis, money.faktas, money.planas) == ("pajamos", Decimal("1234.50"), None)
    with pytest.raises(ValidationError):
        Finansai.model_validate({"Metai": "2026", "Rūšis": "dotacija", "Straipsnis": "x", "Faktas, Eur": "1"})
    assert Tekstas.model_validate({"Metai": "2026", "Skyrius": "Problemos", "Tekstas": "Remontas."}).skyrius == \
        "problemos"
    approved = Tvirtinimas.model_validate({"Metai": "2026", "Dokumentas": "veiklos planas", "Data": "2026-01-20",
                                           "Nr.": "V-8"})
    assert approved.numeris == "V-8" and approved.data.isoformat() == "2026-01-20"
    baseline = Priemone.model_validate({**ROW, "Mato vnt.": "vnt.", "Bazinė reikšmė": "5,5"})
    assert [i.field for i in baseline.checks()] == ["bazine"]  # a count is whole, the baseline too


def test_counts_of_whole_things_are_whole_numbers():
    row = Priemone.model_validate({**ROW, "Mato vnt.": "vnt.", "Planinė reikšmė": "6", "Faktinė reikšmė": "6,3"})
    issues = list(row.checks())
    assert [(i.field, i.rule, i.severity) for i in issues] == [("faktine", "sveikas_skaicius", Severity.ERROR)]
    assert "6,30" in issues[0].message and "vnt." in issues[0].message
    assert list(Priemone.model_validate({**ROW, "Mato vnt.": "asm.", "Planinė reikšmė": "2,5"}).checks())
    assert not list(Priemone.model_validate({**ROW, "Mato vnt.": "proc.", "Faktinė reikšmė": "85,5"}).checks())
    assert not list(Priemone.model_validate({**ROW, "Mato vnt.": "Eur", "Faktinė reikšmė": "8307,25"}).checks())

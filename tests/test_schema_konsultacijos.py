import datetime as dt

import pandas as pd
import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.konsultacijos import WORKBOOK, Konsultacija
from sheets_schema.references import References
from sheets_schema.spec import RuleContext

ROW = {"Data": "2026-02-03", "Biblioteka": "BRZ-SVB", "Tema": "statistika ir ataskaitos", "Būdas": "telefonu",
       "Trukmė, min": "30", "Konsultantas": "R. Petrauskienė"}
LIBRARIES = pd.DataFrame([{"kodas": "BRZ-SVB", "pavadinimas": "Biržų rajono savivaldybės J. Bielinio viešoji "
                           "biblioteka", "savivaldybe": "Biržų rajono", "tipas": "SVB", "aktyvi": True}])


def test_good_consultation():
    row = Konsultacija.model_validate(ROW)
    assert row.data == dt.date(2026, 2, 3)
    assert list(row.checks()) == []


def test_long_consultation_is_a_warning():
    assert list(Konsultacija.model_validate({**ROW, "Trukmė, min": "480"}).checks()) == []
    found = list(Konsultacija.model_validate({**ROW, "Trukmė, min": "600"}).checks())
    assert [(i.field, i.rule, i.severity) for i in found] == [("trukme", "per_ilga", Severity.WARNING)]


def test_enums():
    assert Konsultacija.model_validate({**ROW, "Tema": "libis", "Būdas": "pavb patalpose"}).budas == "PAVB patalpose"
    with pytest.raises(ValidationError):
        Konsultacija.model_validate({**ROW, "Būdas": "paštu"})


def run(libraries, refs):
    frame = pd.DataFrame([{"_row": index + 2, "_valid": True, "biblioteka": library}
                          for index, library in enumerate(libraries)])
    return list(WORKBOOK.rules(RuleContext(WORKBOOK, {"Konsultacijos": frame}), refs))


def test_library_must_be_known_when_the_list_is_loaded():
    found = run(["BRZ-SVB", "biržų rajono savivaldybės j. bielinio viešoji biblioteka", "Biržų SVB"],
                References(LIBRARIES))
    assert [(p.rule, p.row, p.severity) for p in found] == [("nezinoma_biblioteka", 4, Severity.ERROR)]
    assert "„Biržų SVB“" in found[0].message
    assert run(["Biržų SVB"], References()) == []

from decimal import Decimal

import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.veiklos_planas import AUTO_FIGURES, WORKBOOK, Priemone

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
    assert len(AUTO_FIGURES) == 17
    assert "Nuomos pajamos, Eur" in AUTO_FIGURES and "Zaosės lankytojai" in AUTO_FIGURES
    with pytest.raises(ValidationError, match="nėra leistina reikšmė"):
        Priemone.model_validate({**ROW, "Automatinis rodiklis": "Lankytojai"})
    with pytest.raises(ValidationError):
        Priemone.model_validate({**ROW, "Ketvirtis": "V"})
    assert WORKBOOK.tabs == (Priemone,)


def test_manual_value_next_to_an_automatic_figure_is_a_warning():
    row = Priemone.model_validate({**ROW, "Automatinis rodiklis": "Zaosės lankytojai", "Faktinė reikšmė": "3 100"})
    issues = list(row.checks())
    assert [(i.field, i.rule, i.severity) for i in issues] == [("faktine", "automatinis_rodiklis", Severity.WARNING)]
    assert "3\u00a0100,00" in issues[0].message

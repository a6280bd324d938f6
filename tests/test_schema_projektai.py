import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.projektai import WORKBOOK, Projektas

PROJECT = {"Pavadinimas": "Skaitymo vasara", "Finansuotojas": "Lietuvos kultūros taryba", "Vaidmuo": "vykdytojas",
           "Būsena": "vykdoma", "Pradžia": "2026-03-01", "Pabaiga": "2026-11-30", "Biudžetas, Eur": "12 000",
           "Skirta, Eur": "10 000", "Nuosavas įnašas, Eur": "2 000,00"}


def found(**changes):
    return [(i.field, i.rule, i.severity) for i in Projektas.model_validate({**PROJECT, **changes}).checks()]


def test_good_project():
    assert found() == []
    assert found(**{"Nuosavas įnašas, Eur": "2 001"}) == []  # within 1 Eur
    assert WORKBOOK.tabs == (Projektas,)


def test_end_after_start():
    assert found(Pabaiga="2026-03-01") == [("pabaiga", "pabaiga_ankstesne", Severity.ERROR)]


def test_budget_does_not_add_up_is_a_warning_with_amounts():
    issues = list(Projektas.model_validate({**PROJECT, "Nuosavas įnašas, Eur": "1 500"}).checks())
    assert [(i.field, i.rule, i.severity) for i in issues] == [
        ("nuosavas_inasas", "biudzetas_nesutampa", Severity.WARNING)]
    assert "10\u00a0000,00 Eur" in issues[0].message
    assert "1\u00a0500,00 Eur" in issues[0].message
    assert "12\u00a0000,00 Eur" in issues[0].message
    assert found(**{"Nuosavas įnašas, Eur": None}) == []


def test_granted_above_budget_is_an_error():
    assert found(**{"Skirta, Eur": "12 500"}) == [("skirta", "skirta_virsija", Severity.ERROR)]


def test_funder_enum():
    with pytest.raises(ValidationError):
        Projektas.model_validate({**PROJECT, "Finansuotojas": "ES"})
    assert Projektas.model_validate({**PROJECT, "Finansuotojas": "erasmus+"}).finansuotojas == "Erasmus+"

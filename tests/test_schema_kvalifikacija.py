import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from pydantic import ValidationError

from sheets_schema.base import Severity
from sheets_schema.kvalifikacija import COMPETENCE_AREAS, WORKBOOK, Dalyvis, Mokymai, Poreikis
from sheets_schema.references import References
from sheets_schema.spec import RuleContext

TRAINING = {
    "Kodas": "KT-2026-001", "Pavadinimas": "Dirbtinis intelektas bibliotekoje", "Forma": "seminaras",
    "Būdas": "Nuotolinis", "Kompetencijų sritis": "dirbtinis intelektas", "Data nuo": "2026.03.05",
    "Trukmė, akad. val.": "6", "Pradžia": "10:00", "Pabaiga": "14:30",
}


def issues(**changes):
    return {(i.field, i.rule, i.severity) for i in Mokymai.model_validate({**TRAINING, **changes}).checks()}


def test_good_training():
    training = Mokymai.model_validate(TRAINING)
    assert (training.budas, training.data_nuo, training.trukme) == ("nuotolinis", dt.date(2026, 3, 5), Decimal(6))
    assert list(training.checks()) == []


def test_training_row_checks():
    assert issues(Kodas="KT-26-1") == {("kodas", "kodo_formatas", Severity.ERROR)}
    assert issues(**{"Data iki": "2026-03-04"}) == {("data_iki", "pabaiga_ankstesne", Severity.ERROR)}
    assert issues(**{"Data iki": "2026-03-05"}) == set()
    assert issues(Pabaiga="10:00") == {("pabaiga", "pabaiga_ankstesne", Severity.ERROR)}
    assert issues(Pabaiga=None) == set()
    assert issues(**{"Trukmė, akad. val.": "0"}) == {("trukme", "trukme_nulis", Severity.ERROR)}


FORM = {"Laiko žymė": "2026-01-15 10:23:45", "Biblioteka / padalinys": "Biržų r. SVB"}


def test_needs_survey_areas_are_canonical():
    answer = Poreikis.model_validate({**FORM, "Kompetencijų sritys": "Komunikacija,  DIRBTINIS intelektas, "
                                      "komunikacija", "Prioritetas": 1.0, "Pageidaujamas ketvirtis": "ii"})
    assert answer.kompetenciju_sritys == "dirbtinis intelektas, komunikacija"
    assert (answer.prioritetas, answer.ketvirtis) == ("1", "II")
    assert answer.laiko_zyme == dt.datetime(2026, 1, 15, 10, 23, 45)
    assert Poreikis.form is True
    assert len(COMPETENCE_AREAS) == 12


def test_needs_survey_unknown_area_lists_the_allowed_ones():
    with pytest.raises(ValidationError) as error:
        Poreikis.model_validate({**FORM, "Kompetencijų sritys": "komunikacija, šokiai"})
    message = error.value.errors()[0]["msg"]
    assert message.startswith("„šokiai“ nėra kompetencijų sritis; galimos: skaitmeninis raštingumas")
    with pytest.raises(ValidationError):
        Poreikis.model_validate({**FORM, "Kompetencijų sritys": "komunikacija", "Prioritetas": "4"})


def tab(model, *rows):
    names = list(model.model_fields)
    return pd.DataFrame([{**dict.fromkeys(names), "_row": index + 2, "_valid": True, **row}
                         for index, row in enumerate(rows)])


TRAININGS = tab(
    Mokymai,
    {"kodas": "KT-2026-001", "trukme": Decimal(6), "vietu_skaicius": 2},
    {"kodas": "KT-2026-002", "trukme": Decimal(16), "vietu_skaicius": None},
)
LIBRARIES = pd.DataFrame([
    {"kodas": "BRZ-SVB", "pavadinimas": "Biržų rajono savivaldybės J. Bielinio viešoji biblioteka",
     "savivaldybe": "Biržų rajono", "tipas": "SVB", "aktyvi": True},
])


def person(name, code="KT-2026-001", **values):
    return {"mokymu_kodas": code, "vardas_pavarde": name, "biblioteka": "BRZ-SVB", **values}


def run(*people, refs=None, trainings=TRAININGS):
    ctx = RuleContext(WORKBOOK, {"Mokymai": trainings, "Dalyviai": tab(Dalyvis, *people)})
    return [(p.rule, p.row, p.severity) for p in WORKBOOK.rules(ctx, refs or References(LIBRARIES))]


def test_participants_fit():
    assert run(person("Ona Jonaitė", isklausyta=Decimal(6)), person("Petras Petraitis", "kt-2026-001 ")) == []


def test_unknown_training_and_too_many_hours():
    assert run(person("Ona Jonaitė", "KT-2026-009"), person("Jonas Jonaitis", isklausyta=Decimal("6.5"))) == [
        ("nezinomi_mokymai", 2, Severity.ERROR), ("isklausyta_per_daug", 3, Severity.ERROR)]


def test_same_person_twice_in_one_training():
    found = run(person("Ona Jonaitė"), person("Ona Jonaitė", "KT-2026-002"), person("ona  jonaitė"))
    assert found == [("pasikartoja", 4, Severity.ERROR)]


def test_one_capacity_warning_on_the_first_row_beyond():
    found = run(person("A A"), person("B B"), person("C C"), person("D D"), person("E E", "KT-2026-002"))
    assert found == [("per_daug_dalyviu", 4, Severity.WARNING)]


def test_unknown_library_is_a_warning_only_with_references():
    assert run(person("A A", biblioteka="Rygos centrinė biblioteka")) == [
        ("nezinoma_biblioteka", 2, Severity.WARNING)]
    assert run(person("A A", biblioteka="biržų rajono savivaldybės j. bielinio viešoji biblioteka")) == []
    assert run(person("A A", biblioteka="Rygos centrinė biblioteka"), refs=References()) == []


def test_duplicate_training_code():
    trainings = tab(Mokymai, {"kodas": "KT-2026-001", "trukme": Decimal(6)}, {"kodas": "KT-2026-001"})
    assert run(trainings=trainings) == [("pasikartoja", 3, Severity.ERROR)]

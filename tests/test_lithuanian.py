"""Lithuanian grammar the documents rely on: numerals agree with nouns, words agree with a person's gender,
people sort by surname with Lithuanian collation, municipalities and changes read right."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from automations import lt
from automations.render.docx import jinja_environment

USERS = ("registruotas vartotojas", "registruoti vartotojai", "registruotų vartotojų")


@pytest.mark.parametrize("count, expected", [
    (1, "1 registruotas vartotojas"), (2, "2 registruoti vartotojai"), (10, "10 registruotų vartotojų"),
    (11, "11 registruotų vartotojų"), (21, "21 registruotas vartotojas"), (22, "22 registruoti vartotojai"),
    (101, "101 registruotas vartotojas"), (111, "111 registruotų vartotojų"),
    (135_881, "135\u00a0881 registruotas vartotojas"), (135_880, "135\u00a0880 registruotų vartotojų"),
])
def test_numerals_agree_with_nouns(count: int, expected: str):
    assert lt.count_phrase(count, *USERS) == expected


def test_templates_use_the_same_helper():
    template = jinja_environment().from_string("{{ n|kiekis('vartotojas', 'vartotojai', 'vartotojų') }}; "
                                               "{{ n|forma('diena', 'dienos', 'dienų') }}")
    assert template.render(n=21) == "21 vartotojas; diena"
    assert template.render(n=14) == "14 vartotojų; dienų"


@given(st.integers(min_value=0, max_value=10**7))
def test_plural_follows_the_cldr_rules(count: int):
    form = lt.plural(count, "one", "few", "other")
    ones, tens = count % 10, count % 100
    if 11 <= tens <= 19 or ones == 0:
        assert form == "other"
    else:
        assert form == ("one" if ones == 1 else "few")


REAL_NAMES = {
    "Simona Mockutė": lt.FEMALE, "Jolanta Kriaučiūnienė": lt.FEMALE, "Aušra Vaitkutė": lt.FEMALE,
    "Violeta Kairytė": lt.FEMALE, "Ramunė Valančiūtė": lt.FEMALE, "Rūta Gudelienė": lt.FEMALE,
    "Eglė Kazlauskienė": lt.FEMALE, "Lina Žukauskaitė": lt.FEMALE, "Miglė Ūselienė": lt.FEMALE,
    "Gabrielė Petkevičaitė-Bitė": lt.FEMALE, "Rasa Petrauskė": lt.FEMALE,  # the newer neutral surname form
    "Žydrūnas Daukša": lt.MALE, "Kęstutis Čepulis": lt.MALE, "Arūnas Kairys": lt.MALE,
    "Mantas Žukauskas": lt.MALE, "Algirdas Malinauskas": lt.MALE, "Andrius Vasiliauskas": lt.MALE,
    "Juozas Urbšys": lt.MALE, "Jogaila Kuzma": lt.MALE, "Juozas Miltinis": lt.MALE,
    "Anna Smith": lt.FEMALE, "Mindaugas Jagela": lt.MALE,
}


@pytest.mark.parametrize("name, expected", REAL_NAMES.items())
def test_gender_from_real_lithuanian_names(name: str, expected: str):
    assert lt.gender(name) == expected


def test_an_explicit_column_overrides_the_name():
    assert lt.by_gender("Kim Lee", "Lektorius", "Lektorė", "moteris") == "Lektorė"
    assert lt.by_gender("Simona Mockutė", "Lektorius", "Lektorė", "vyras") == "Lektorius"
    assert lt.by_gender("Simona Mockutė", "Lektorius", "Lektorė") == "Lektorė"


def test_roles_of_one_or_several_people():
    assert lt.role_of("Simona Mockutė", "lektorius") == "Lektorė"
    assert lt.role_of("Simona Mockutė ir Rasa Kairytė", "lektorius") == "Lektorės"
    assert lt.role_of("Simona Mockutė, Tomas Petrauskas", "lektorius") == "Lektoriai"
    assert lt.role_of("Rasa Kairytė", "autorius") == "Autorė" and lt.role_of("Rasa Kairytė", "dalyvis") == "Dalyvė"
    assert jinja_environment().from_string("{{ x|vaidmuo('lektorius') }}").render(x="Tomas Savickas") == "Lektorius"


def test_people_sort_by_surname_then_first_name_in_lithuanian_order():
    people = ["Linas Žukas", "Lina Žukaitė", "Jonas Čepulis", "Rasa Cibulskytė", "Yla Ignatavičiūtė",
              "Ieva Ivanauskaitė", "„Aušra“ Bitė", "Lina Ąžuolienė", "Lina Ąžuolienė-Adomaitienė", "Šarūnas Sakalas",
              "Saulius Šimkus", "Linas Žukaitė", "Lina Žukas"]
    ordered = sorted(people, key=lt.person_key)
    assert ordered == ["Lina Ąžuolienė", "Lina Ąžuolienė-Adomaitienė", "„Aušra“ Bitė", "Rasa Cibulskytė",
                       "Jonas Čepulis", "Yla Ignatavičiūtė", "Ieva Ivanauskaitė", "Šarūnas Sakalas",
                       "Saulius Šimkus", "Lina Žukaitė", "Linas Žukaitė", "Lina Žukas", "Linas Žukas"]


def test_collation_of_plain_text():
    words = ["Žalias", "zebras", "Čiurlionis", "cukrus", "yla", "ir", "Šaulys", "sala", "„Aušra“", "Lina", "Linas"]
    assert lt.sorted_lt(words) == ["„Aušra“", "cukrus", "Čiurlionis", "yla", "ir", "Lina", "Linas", "sala",
                                   "Šaulys", "zebras", "Žalias"]


def test_fallback_order_without_icu_agrees_on_the_letters():
    words = ["Žalias", "zebras", "Čiurlionis", "cukrus", "Šaulys", "sala", "Lina", "Linas", "„Aušra“"]
    assert sorted(words, key=lt._fallback_key) == ["„Aušra“", "cukrus", "Čiurlionis", "Lina", "Linas", "sala",
                                                   "Šaulys", "zebras", "Žalias"]


@pytest.mark.parametrize("given_name, expected", [
    ("Anykščių rajono", "Anykščių r. sav."), ("Visagino", "Visagino sav."),
    ("Panevėžio miesto", "Panevėžio m. sav."), ("Panevėžio rajono", "Panevėžio r. sav."),
    ("Visagino sav.", "Visagino sav."), (None, ""),
])
def test_municipalities_are_named_as_municipalities(given_name, expected: str):
    assert lt.municipality(given_name) == expected


def test_changes_and_admission_read_right():
    assert lt.signed_percent(-0.04) == "0,0 proc." and lt.signed_percent(0.04) == "0,0 proc."
    assert lt.signed_percent(-3) == "−3,0 proc." and lt.signed_percent(12.46) == "+12,5 proc."
    assert lt.admission("mokamas", 5) == "Įėjimas mokamas, bilieto kaina – 5,00 Eur"
    assert lt.admission("nemokamas") == "Įėjimas nemokamas"
    assert lt.admission("registracija") == "Įėjimas nemokamas, būtina registracija"

"""Survey questions of any form: kinds from header and answers, results recounted by hand on small frames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from automations.domain.survey_questions import (
    MULTIPLE,
    NUMBER,
    OPEN,
    SCALE,
    SINGLE,
    Question,
    analyse,
    classify,
    compare,
    questions,
)
from automations.domain.survey_text import clean, frequent_words

START = dt.datetime(2026, 3, 2, 9, 0)


def answers(**columns: list) -> pd.DataFrame:
    """Answers one hour apart, with the given question columns (and age groups if given)."""
    count = len(next(iter(columns.values())))
    frame = pd.DataFrame({"laiko_zyme": [START + dt.timedelta(hours=i) for i in range(count)],
                          "amziaus_grupe": columns.pop("ages", [None] * count), **columns})
    frame["_row"] = range(2, count + 2)
    return frame


def test_scale_mean_distribution_and_share_of_4_and_5_over_those_who_answered():
    frame = answers(q01=[5, 4, 3, 5, 1, None], ages=["14–29", "14–29", "30–64", "30–64", "65 ir daugiau", None])
    result = analyse(Question("q01", "Kaip vertinate? (1–5)", SCALE), frame)
    assert (result.scope, result.answered) == (6, 5)
    assert result.mean == pytest.approx(18 / 5)
    assert result.top_share == pytest.approx(60.0)  # 5, 4, 5 of five answers
    assert result.table["atsakymai"].tolist() == [1, 0, 1, 1, 2]
    assert result.table["dalis"].tolist() == pytest.approx([20, 0, 20, 20, 40])
    ages = result.by_age.set_index("amziaus_grupe")
    assert ages.loc["14–29", "vidurkis"] == pytest.approx(4.5) and ages.loc["14–29", "dalis_4_5"] == 100
    assert ages.loc["30–64", "vidurkis"] == pytest.approx(4.0) and ages.loc["30–64", "dalis_4_5"] == 50
    assert ages.loc["iki 14", "atsakymai"] == 0 and pd.isna(ages.loc["iki 14", "vidurkis"])


def test_a_checkbox_answer_is_split_on_commas_and_shares_are_of_those_who_answered():
    picks = ["knygos, renginiai", "knygos", "renginiai, internetas, knygos", None, "internetas"]
    frame = answers(q02=picks, ages=["30–64", "30–64", "14–29", "30–64", "14–29"])
    result = analyse(Question("q02", "Kuo naudojatės?", MULTIPLE), frame)
    assert result.answered == 4
    assert result.table.to_dict("records") == [
        {"variantas": "knygos", "atsakymai": 3, "dalis": 75.0},
        {"variantas": "internetas", "atsakymai": 2, "dalis": 50.0},
        {"variantas": "renginiai", "atsakymai": 2, "dalis": 50.0}]
    by_age = result.by_age.set_index("variantas")
    assert by_age.loc["knygos", "30–64"] == 100.0 and by_age.loc["knygos", "14–29"] == 50.0
    assert by_age.loc["internetas", "14–29"] == 100.0 and by_age.loc["internetas", "30–64"] == 0.0


def test_a_question_added_mid_survey_is_reported_over_the_answers_that_had_it():
    frame = answers(q03=[None] * 6 + [5, 4, None, 2])  # appeared with the 7th answer; one left it blank since
    [question] = questions([("q03", "Kaip vertinate e. paslaugas? (1–5)")], frame)
    assert question.added == START + dt.timedelta(hours=6)
    result = analyse(question, frame)
    assert (result.scope, result.answered) == (4, 3)
    assert result.mean == pytest.approx(11 / 3)
    # an optional question the first few simply skipped is not "added": two blanks are not enough
    [skipped] = questions([("q03", "Kaip vertinate? (1–5)")], answers(q03=[None, None, 3, 4, 5, 4, 3]))
    assert skipped.added is None


@pytest.mark.parametrize(("header", "values", "kind"), [
    ("Kaip vertinate darbo laiką? (1–5)", [4, 5, 3], SCALE),
    ("Paslaugumas (1-5) [Darbuotojai]", [4], SCALE),
    ("Kiek knygų perskaitėte?", [3, "12", "2,5", 0], NUMBER),
    ("Kaip dažnai lankotės?", ["kas savaitę", "rečiau", "kas savaitę", "rečiau", "kas savaitę"], SINGLE),
    ("Ar patiko?", ["Taip, labai", "Ne", "Taip, labai", "Ne", "Taip, labai", "Ne"], SINGLE),  # options with commas
    ("Kuo naudojatės?", ["knygos, renginiai", "knygos", "renginiai", "knygos, renginiai", "knygos"], MULTIPLE),
    ("Ką pakeistumėte?", ["Daugiau knygų", "Ilgesnis darbo laikas šeštadieniais", "Nieko", "Remontą"], OPEN),
    ("Pastabos", [], OPEN),
])
def test_kinds_are_recognised_from_header_and_answers(header, values, kind):
    assert classify(header, values) == kind


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.sampled_from(["knygos", "renginiai", "internetas", "periodika"]), min_size=1),
                min_size=12, max_size=60))
@example(picked=[{"knygos"}] * 10 + [{"internetas"}, {"knygos", "renginiai"}])  # two options picked once each
def test_any_checkbox_export_is_a_choice_question_whose_counts_add_up(picked):
    cells = [", ".join(sorted(choice)) for choice in picked]
    kind = classify("Kuo naudojatės?", cells)
    assert kind in (SINGLE, MULTIPLE)
    if any(len(choice) > 1 for choice in picked) and len(set(cells)) > len(set().union(*picked)):
        assert kind == MULTIPLE
    result = analyse(Question("q01", "Kuo naudojatės?", MULTIPLE), answers(q01=cells))
    assert result.table["atsakymai"].sum() == sum(len(choice) for choice in picked)


def test_the_previous_run_is_compared_question_by_question():
    now = [analyse(Question("q01", "Darbo laikas (1–5)", SCALE), answers(q01=[5, 5, 4, 2])),
           analyse(Question("q02", "Nauja (1–5)", SCALE), answers(q02=[3]))]
    before = [analyse(Question("q09", "Darbo  laikas (1–5)", SCALE), answers(q09=[4, 3, 3, 2]))]
    [row] = compare(now, before).to_dict("records")
    assert row["klausimas"] == "Darbo laikas (1–5)"
    assert (row["vidurkis_pernai"], row["vidurkis"], row["vidurkio_pokytis"]) == pytest.approx((3.0, 4.0, 1.0))
    assert (row["dalis_pernai"], row["dalis"]) == pytest.approx((25.0, 75.0))


def test_open_answers_lose_addresses_phones_and_names_and_keep_their_words():
    text = "Ačiū Rūtai Kazlauskienei! Rašykite jonas.jonaitis@gmail.com arba +370 612 34567, Tomas Petrauskas žino"
    masked = clean(text)
    assert "@" not in masked and "612" not in masked and "Kazlauskien" not in masked and "Petrausk" not in masked
    assert masked.count("[vardas]") == 2 and "[el. paštas]" in masked and "[telefonas]" in masked
    assert frequent_words(["Norėčiau daugiau naujų knygų ir renginių", "naujų knygų, naujų", "renginių vaikams"]) == [
        ("knygų", 2), ("naujų", 2), ("renginių", 2), ("vaikams", 1)]  # stop-words out; once per answer


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="abcčdeėfgh.-_", min_size=1, max_size=12), st.sampled_from(["gmail.com", "pavb.lt"]),
       st.text(max_size=30).map(lambda text: text.replace("@", "")))  # the text around holds no "@" of its own
def test_no_email_address_survives_cleaning(local, domain, around):
    assert "@" not in clean(f"{around} {local}@{domain} {around}").replace(around, "")

"""The figure registry's rules on small frames: as of the report date, like for like, suspect values, data year."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from figures_support import StubResult, figures, rows

from automations.domain import territory
from automations.domain.figures import Measured, held_out_note, shown_text
from automations.domain.registry import PLAN_NAMES, REGISTRY, markdown, recognise
from sheets_schema.base import Severity, make_problem
from sheets_schema.veiklos_planas import AUTO_FIGURES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_a_december_excursion_counts_once_it_has_happened():
    tours = rows({"data": dt.date(2026, 3, 3), "dalyviai": 20, "vieta": "Centriniai rūmai", "grupes_tipas": "mokiniai"},
                 {"data": dt.date(2026, 12, 10), "dalyviai": 25, "vieta": "Centriniai rūmai",
                  "grupes_tipas": "mokiniai"})
    november = figures(dt.date(2026, 11, 29), renginiai={"Ekskursijos": tours})
    assert (november.get("ekskursijos.ivykusios", 2026).value, november.get("ekskursijos.dalyviai", 2026).value) == (
        1, 20)
    assert november.get("ekskursijos.suplanuotos", 2026).value == 1  # December's is planned, a figure of its own
    january = figures(dt.date(2027, 1, 5), renginiai={"Ekskursijos": tours})
    assert (january.get("ekskursijos.ivykusios", 2026).value, january.get("ekskursijos.dalyviai", 2026).value) == (
        2, 45)
    assert january.get("ekskursijos.suplanuotos", 2026).value == 0


def test_held_events_are_held_by_the_report_date_and_compared_with_the_same_stretch_of_last_year():
    events = rows(*[{"data": dt.date(2025, month, 10), "busena": "įvyko", "dalyviai": 10, "transliacija": False}
                    for month in range(1, 13)],
                  *[{"data": dt.date(2026, month, 10), "busena": "įvyko", "dalyviai": 10, "transliacija": False}
                    for month in range(1, 12)],
                  {"data": dt.date(2026, 12, 10), "busena": "įvyko", "dalyviai": 10, "transliacija": False},
                  {"data": dt.date(2026, 12, 12), "busena": "planuojamas", "dalyviai": None, "transliacija": False})
    counted = figures(dt.date(2026, 11, 29), renginiai={"Renginiai": events})
    assert counted.get("renginiai.ivyke", 2026).value == 11  # a "held" event dated 10 December has not happened
    previous = counted.previous("renginiai.ivyke", 2026)
    assert (previous.value, previous.period.end) == (11, dt.date(2025, 11, 29))  # not the whole of 2025
    assert counted.compared("renginiai.ivyke", 2026).change == 0
    assert counted.get("renginiai.suplanuoti", 2026).value == 1


def _libraries(count: int) -> pd.DataFrame:
    return rows(*[{"kodas": f"L{n:03d}", "pavadinimas": f"Biblioteka {n:03d}",
                   "savivaldybe": "Biržų rajono" if n % 2 else "Utenos rajono",
                   "tipas": "SVB" if n < 2 else "mokyklos biblioteka", "aktyvi": True} for n in range(count)])


def _answers(values: dict[int, dict[str, int]]) -> pd.DataFrame:
    """{year: {library code: registered users}} as accepted answers (loans = 10 × users)."""
    return rows(*[{"biblioteka": code, "metai": year, "registruoti_vartotojai": users, "isduotis": users * 10,
                   "laiko_zyme": dt.datetime(year + 1, 1, 20)}
                  for year, by_code in values.items() for code, users in by_code.items()])


def test_a_change_compares_the_libraries_accepted_in_both_years():
    libraries = _libraries(115)
    earlier = {f"L{n:03d}": 100 for n in range(115)}
    later = {f"L{n:03d}": 101 for n in range(109)}  # six libraries have not reported (or were rejected)
    counted = figures(dt.date(2026, 11, 29), teritorijos_statistika={
        "Bibliotekos": libraries, "Formos atsakymai 1": _answers({2024: earlier, 2025: later})})
    users = counted.get("teritorija.registruoti_vartotojai", 2026)
    assert (users.value, users.data_year) == (109 * 101, 2025)
    assert users.comparison.units == 109 and users.comparison.previous == 109 * 100
    assert users.comparison.change == pytest.approx(1.0)  # not (11 009 − 11 500) / 11 500 = −4,3 %
    assert len(users.comparison.missing) == 6 and "Biblioteka 114" in users.comparison.missing
    stats = territory.statistics(counted, 2025)
    biržai = stats.municipalities.set_index(["savivaldybe", "tipas"]).loc[("Biržų rajono", territory.TOGETHER)]
    odd_reporting = [n for n in range(109) if n % 2]
    assert biržai["registruoti_vartotojai_lyginama"] == len(odd_reporting)
    assert biržai["registruoti_vartotojai_pokytis"] == pytest.approx(1.0)


def _suspect(row: int, column: str = "Išduotis (fiz. vnt.)") -> list:
    return [make_problem("teritorijos_statistika", "Formos atsakymai 1", row, column, 0, "metinis_pokytis",
                         "pokytis", Severity.WARNING)]


def test_an_unexplained_suspect_value_stays_out_of_totals_and_is_named():
    libraries = _libraries(3)
    answers = _answers({2024: {"L000": 100, "L001": 200, "L002": 300}, 2025: {"L000": 110, "L001": 220, "L002": 330}})
    typo_row = int(answers.loc[(answers["biblioteka"] == "L001") & (answers["metai"] == 2025), "_row"].iloc[0])
    answers.loc[answers["_row"] == typo_row, "isduotis"] = 22_000  # a typo: 100 × last year's
    workbook = {"Bibliotekos": libraries, "Formos atsakymai 1": answers}
    warned = StubResult("teritorijos_statistika", workbook, _suspect(typo_row))
    counted = figures(dt.date(2026, 11, 29), teritorijos_statistika=warned)
    loans = counted.get("teritorija.isduotis", 2026)
    assert loans.value == 1_100 + 3_300 and loans.held_out == ("Biblioteka 001",)
    assert loans.comparison.units == 2 and loans.comparison.change == pytest.approx(10.0)
    assert shown_text(loans) == "4\u00a0400*"
    assert held_out_note(loans) == "* be 1 bibliotekos, kurios duomenys tikrinami: Biblioteka 001"
    assert counted.get("teritorija.registruoti_vartotojai", 2026).value == 660  # only the flagged value is held out
    # once `Paaiškinimas` is filled, validation clears the warning and the value counts
    explained = figures(dt.date(2026, 11, 29), teritorijos_statistika=StubResult("teritorijos_statistika", workbook))
    assert explained.get("teritorija.isduotis", 2026).value == 1_100 + 22_000 + 3_300
    assert explained.get("teritorija.isduotis", 2026).held_out == ()
    # and a warning of another kind (exactly last year's value) does not hold a value out
    same = StubResult("teritorijos_statistika", workbook,
                      [make_problem("teritorijos_statistika", "Formos atsakymai 1", typo_row, "Išduotis (fiz. vnt.)",
                                    0, "kaip_pernai", "tas pats", Severity.WARNING)])
    assert figures(dt.date(2026, 11, 29), teritorijos_statistika=same).get("teritorija.isduotis", 2026).held_out == ()


def test_territory_figures_say_their_data_year_and_wait_for_statistics_not_yet_due():
    workbook = {"Bibliotekos": _libraries(2), "Formos atsakymai 1": _answers({2025: {"L000": 100, "L001": 50}})}
    november = figures(dt.date(2026, 11, 29), teritorijos_statistika=workbook).get("teritorija.registruoti_vartotojai",
                                                                                 2026)
    assert shown_text(november, 2026) == "150 (2025 m. duomenys)" and shown_text(november, 2025) == "150"
    january = figures(dt.date(2026, 1, 20), teritorijos_statistika=workbook).get("teritorija.registruoti_vartotojai",
                                                                               2026)
    assert january.awaiting and shown_text(january, 2026) == "laukiama duomenų"
    after = figures(dt.date(2027, 2, 11), teritorijos_statistika=workbook).get("teritorija.registruoti_vartotojai",
                                                                               2026)
    assert after.data_year == 2026 and after.value is None  # 2026's are due and none arrived: no data, not 0


def test_counts_print_without_decimals_and_money_with_two():
    period = figures(dt.date(2026, 11, 29)).period(2026)
    assert shown_text(Measured(REGISTRY["renginiai.ivyke"], 1234, period, 1234)) == "1\u00a0234"
    money = Measured(REGISTRY["nuoma.pajamos_be_pvm"], 8307.25, period, 64)
    assert shown_text(money) == "8\u00a0307,25 Eur"


def test_every_plan_name_is_one_figure_and_indicator_wordings_are_recognised():
    assert set(PLAN_NAMES) == set(AUTO_FIGURES) and set(PLAN_NAMES.values()) <= set(REGISTRY)
    assert recognise("Transliacijų skaičius") == "renginiai.transliacijos"
    assert recognise(" naujienlaiškių   SKAIČIUS ") == "viesinimas.naujienlaiskiai"
    assert recognise("Metodinių išvykų skaičius") == "konsultacijos.isvykos"
    assert recognise("Parengtas planas", "Parengti kitų metų mokymų planą") == "mokymai.planas_parengtas"
    assert recognise("Užsiėmimų skaičius", "Vykdyti vaikų edukacinius užsiėmimus vasarą") is None


def test_the_readme_lists_every_figure_as_the_registry_defines_it():
    text = README.read_text(encoding="utf-8")
    listed = re.search(r"<!-- figures:start -->\n(.*)\n<!-- figures:end -->", text, re.S).group(1)
    assert listed == markdown(), "run `automations figures --markdown` and paste it into README.md"
    assert all(f"`{figure_id}`" in listed for figure_id in REGISTRY)

"""Peers and profiles on small hand-made statistics: quartiles, ranks, held-out values, trends, what to look at."""

from __future__ import annotations

import statistics as stat

import pandas as pd
import pytest
from figures_support import figures
from hypothesis import given
from hypothesis import strategies as st
from profiles_support import SCHOOLS, TODAY, answer, suspect, territory
from pydantic import ValidationError

from automations.config import PeerSettings
from automations.domain import peers, profiles
from automations.domain.territory import TOGETHER, statistics
from jobs.profiliai_word import fit, indicator_rows, trend_chart


def _by_hand(values: dict[str, float]) -> tuple[list[float], dict[str, int]]:
    """Quartiles by the standard library and ranks by counting the larger values: a second count."""
    quartiles = stat.quantiles(sorted(values.values()), n=4, method="inclusive")
    ranks = {code: 1 + sum(other > value for other in values.values()) for code, value in values.items()}
    return quartiles, ranks


def test_quartiles_and_ranks_with_ties_and_a_held_out_suspect_value() -> None:
    users = dict(zip(SCHOOLS, (300, 450, 450, 500, 620, 700, 800, 999), strict=True))
    answers = [answer(code, 2025, registruoti_vartotojai=value) for code, value in users.items()]
    stub = territory(answers, SCHOOLS, [suspect(answers, "BIR-MOK-08", 2025, "Registruoti vartotojai")])
    found = profiles.profiles(profiles.library_level(figures(TODAY, teritorijos_statistika=stub), 2025), 2025, {}, 10)
    counted = {code: value for code, value in users.items() if code != "BIR-MOK-08"}  # the suspect one is held out
    (q1, median, q3), ranks = _by_hand(counted)
    for code, value in counted.items():
        line = found[code].lines[0]
        assert line.indicator.key == "registruoti_vartotojai" and line.value == value
        place = line.placement
        assert (place["q1"], place["mediana"], place["q3"]) == pytest.approx((q1, median, q3))
        assert place["grupeje"] == 7 and place["vieta"] == ranks[code]
        expected = 1 if value < q1 else 2 if value < median else 4 if value > q3 else 3
        assert place["ketvirtis"] == expected, code
    assert found["BIR-MOK-02"].lines[0].placement["vieta"] == found["BIR-MOK-03"].lines[0].placement["vieta"] == 5
    held = found["BIR-MOK-08"]
    users_line = held.lines[0]
    loans_per_user = next(line for line in held.lines if line.indicator.key == "isduotis_vart")
    assert users_line.held_out and users_line.value == 999 and users_line.placement["vieta"] is None
    assert loans_per_user.held_out and loans_per_user.placement["ketvirtis"] is None  # a ratio of a held-out value
    assert indicator_rows(held)[0][1] == "999*" and indicator_rows(held)[0][7] == "tikrinama"
    loans = next(line for line in held.lines if line.indicator.key == "isduotis")
    assert not loans.held_out and loans.placement["grupeje"] == 8  # its other values still compare


@given(st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=15))
def test_placements_agree_with_a_brute_force_count(values: list[int]) -> None:
    units = [f"L{index}" for index in range(len(values))]
    frame = pd.DataFrame({"registruoti_vartotojai": values}, index=units, dtype=float)
    placed = peers.placements(frame, pd.Series("grupė", index=units), [peers.INDICATORS["registruoti_vartotojai"]])
    quartiles = stat.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
    for record in placed.to_dict("records"):
        value = frame.at[record["vienetas"], "registruoti_vartotojai"]
        assert record["vieta"] == 1 + sum(other > value for other in values)
        assert [record["q1"], record["mediana"], record["q3"]] == pytest.approx(quartiles)
        assert record["ketvirtis"] == peers.quarter_of(value, *quartiles)


def test_a_library_with_two_years_of_data_gets_a_two_year_trend() -> None:
    answers = [answer(code, year) for code in SCHOOLS[:4] for year in range(2021, 2026)]
    answers += [answer("BIR-MOK-05", 2024, registruoti_vartotojai=400), answer("BIR-MOK-05", 2025)]
    stub = territory(answers, SCHOOLS[:5])
    found = profiles.profiles(profiles.library_level(figures(TODAY, teritorijos_statistika=stub), 2025), 2025, {}, 10)
    new = found["BIR-MOK-05"]
    assert new.years == [2021, 2022, 2023, 2024, 2025]
    assert new.trend["registruoti_vartotojai"] == [None, None, None, 400, 500]
    users = new.lines[0]
    assert users.change_year == pytest.approx(25.0) and users.change_base is None and users.base_year is None
    assert trend_chart(new).png.startswith(b"\x89PNG")
    old = found["BIR-MOK-01"].lines[0]
    assert (old.base_year, old.change_base) == (2021, 0.0)


def _school_indicators(raw: dict[str, float]) -> dict[str, float]:
    """A school library's indicators from its form fields, written out by hand."""
    users = raw["registruoti_vartotojai"]
    return {"Registruoti vartotojai": users, "Vaikai vartotojai (iki 14 m.)": raw["vaikai_vartotojai"],
            "Apsilankymai (fiziniai)": raw["apsilankymai"], "Virtualūs apsilankymai": raw["virtualus_apsilankymai"],
            "Išduotis (fiz. vnt.)": raw["isduotis"], "Renginiai": raw["renginiai"],
            "Renginių dalyviai": raw["renginiu_dalyviai"], "Fondas metų pabaigoje (fiz. vnt.)": raw["fondas"],
            "Gauta per metus (fiz. vnt.)": raw["gauta"], "Darbuotojai (asm.)": raw["darbuotojai"],
            "Vartotojų kompiuterizuotos darbo vietos": raw["kompiuterizuotos_vietos"],
            "Vaikai, proc. vartotojų": raw["vaikai_vartotojai"] / users * 100,
            "Apsilankymai 1 vartotojui": raw["apsilankymai"] / users,
            "Virtualūs apsilankymai 1 vartotojui": raw["virtualus_apsilankymai"] / users,
            "Išduotis 1 vartotojui": raw["isduotis"] / users,
            "Renginių dalyviai 1 vartotojui": raw["renginiu_dalyviai"] / users,
            "Fondas 1 vartotojui (fiz. vnt.)": raw["fondas"] / users}


def test_what_to_look_at_is_exactly_the_lowest_quarter_and_the_falls() -> None:
    this_year = {  # registered users, loans, events, virtual visits, computers in 2025
        "BIR-MOK-01": (500, 2000, 30, 420, 2), "BIR-MOK-02": (520, 6000, 22, 300, 4),
        "BIR-MOK-03": (480, 5500, 25, 350, 5), "BIR-MOK-04": (510, 7000, 24, 330, 4),
        "BIR-MOK-05": (530, 8000, 26, 390, 6), "BIR-MOK-06": (490, 6500, 21, 310, 4),
        "BIR-MOK-07": (505, 4000, 23, 360, 3), "BIR-MOK-08": (515, 4900, 27, 380, 4)}
    fields = ("registruoti_vartotojai", "isduotis", "renginiai", "virtualus_apsilankymai", "kompiuterizuotos_vietos")
    answers = [answer(code, 2024, kompiuterizuotos_vietos=values[4]) for code, values in this_year.items()]
    answers += [answer(code, 2025, **dict(zip(fields, values, strict=True))) for code, values in this_year.items()]
    stub = territory(answers, list(this_year))
    found = profiles.profiles(profiles.library_level(figures(TODAY, teritorijos_statistika=stub), 2025), 2025, {}, 10)
    raw = {(answer["biblioteka"], answer["metai"]): answer for answer in answers}
    now = {code: _school_indicators(raw[code, 2025]) for code in this_year}
    chosen = "BIR-MOK-01"
    before = _school_indicators(raw[chosen, 2024])
    expected = set()
    for name, value in now[chosen].items():
        q1 = stat.quantiles([now[code][name] for code in this_year], n=4, method="inclusive")[0]
        if value < q1 - 1e-9 or (value - before[name]) / before[name] * 100 < -10:
            expected.add(name)
    listed = {item.split(":")[0] for item in found[chosen].attention}
    assert listed == expected
    assert {"Išduotis (fiz. vnt.)", "Išduotis 1 vartotojui"} <= listed  # 2 000 loans: the lowest, and −60 %
    assert "Virtualūs apsilankymai" in listed  # −16 % though not among the lowest
    assert "Vartotojų kompiuterizuotos darbo vietos" in listed  # the fewest, though as many as last year
    assert "Renginiai" not in listed  # the most events of all, and up 50 %


def test_a_municipalitys_change_is_the_registrys_like_for_like_change() -> None:
    codes = ["BIR-SVB", *SCHOOLS[:5]]
    answers = [answer(code, year, registruoti_vartotojai=500 + 10 * index + (year - 2024) * 7)
               for index, code in enumerate(codes) for year in (2024, 2025)
               if not (code == "BIR-MOK-05" and year == 2024)]  # a library counted in 2025 only
    counted = figures(TODAY, teritorijos_statistika=territory(answers, codes))
    municipality = profiles.municipality_level(counted, 2025)
    change = profiles.change(municipality, peers.INDICATORS["registruoti_vartotojai"], 2025, 2024)
    registry = statistics(counted, 2025).municipalities.set_index(["savivaldybe", "tipas"])
    assert change["Biržų rajono"] == pytest.approx(registry.loc[("Biržų rajono", TOGETHER),
                                                                "registruoti_vartotojai_pokytis"])
    profile = profiles.profiles(municipality, 2025, {}, 10)["Biržų rajono"]
    assert profile.lines[0].value == registry.loc[("Biržų rajono", TOGETHER), "registruoti_vartotojai"]


def test_size_bands_split_a_kind_and_bad_bands_are_refused() -> None:
    kinds = pd.Series(["mokyklos biblioteka"] * 3 + ["SVB"], index=["a", "b", "c", "d"])
    sizes = pd.Series([350, 500, None, 9000], index=kinds.index, dtype=object)
    groups = peers.peer_groups(kinds, sizes, {"mokyklos biblioteka": [400, 600]})
    assert list(groups) == ["Mokyklų bibliotekos, iki 399 vartotojų", "Mokyklų bibliotekos, 400–599 vartotojų",
                            "Mokyklų bibliotekos, iki 399 vartotojų", "Savivaldybių viešosios bibliotekos"]
    assert PeerSettings(size_bands={"savivaldybė": [30_000]}).size_bands
    for bad in ({"mokykla": [400]}, {"SVB": [600, 400]}, {"SVB": []}, {"SVB": [0]}):
        with pytest.raises(ValidationError):
            PeerSettings(size_bands=bad)


def test_long_lists_are_cut_to_what_page_two_holds() -> None:
    attention = [f"Rodiklis {n}: apatinis grupės ketvirtis (12 iš 12); per metus −20,0 proc." for n in range(21)]
    warnings = [f"Biblioteka {n}: pokytis nuo 2024 m. yra +45 proc.; patikrinkite arba paaiškinkite" for n in range(30)]
    shown_warnings, shown_explanations = fit(len(attention), warnings, ["Paaiškinimas " * 40])
    assert len(shown_warnings) < len(warnings) and shown_warnings[-1].startswith("… ir dar ")
    assert "įspėjim" in shown_warnings[-1]
    assert shown_explanations == ["… ir dar 1 paaiškinimas (visi – formos atsakymų stulpelyje „Paaiškinimas“)"]
    few, explanations = fit(3, warnings[:2], ["Remontas."])
    assert few == warnings[:2] and explanations == ["Remontas."]

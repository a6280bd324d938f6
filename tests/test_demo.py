"""The seeded demo workspace: reproducible, believable, and its planted mistakes are found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from automations.backends.local import LocalBackend
from automations.config import load_settings
from automations.demo import build_demo, demo_rows
from automations.runner import validate_with_figures
from sheets_schema import WORKBOOK_NAMES, workbooks
from sheets_schema.base import Severity

TODAY = dt.date(2026, 11, 22)

# (tab, rule) of every error planted on purpose; no other error may appear.
PLANTED_ERRORS = {
    "teritorijos_statistika": {("Formos atsakymai 1", "dalis_didesne"), ("Formos atsakymai 1", "nezinoma_biblioteka")},
    "renginiai": {("Renginiai", "pabaiga_ankstesne"), ("Renginiai", "truksta_dalyviu")},
    "lankytojai": {("Lankytojai", "pasikartoja"), ("Lankytojai", "dalis_didesne")},
    "nuoma": {("Užsakymai", "persidengia"), ("Užsakymai", "per_daug_dalyviu"), ("Užsakymai", "el_pastas")},
    "kvalifikacija": {("Dalyviai", "nezinomi_mokymai"), ("Dalyviai", "pasikartoja")},
    "konsultacijos": {("Konsultacijos", "nezinoma_biblioteka")},
    "projektai": set(),
    "viesinimas": {("Publikacijos", "dalis_didesne")},
    "veiklos_planas": {("Priemonės", "sveikas_skaicius")},
    "apklausos": {("Formos atsakymai 2", "skale"), ("Formos atsakymai 2", "nezinoma_biblioteka")},
    "komisijos": {("Nariai", "narys_dukart"), ("Sprendimai", "nera_posedzio")},
    "apdovanojimai": {("Vertinimai", "balas_uz_ribu")},
}
PLANTED_WARNINGS = {
    "teritorijos_statistika": {("Formos atsakymai 1", "santykis"), ("Formos atsakymai 1", "metinis_pokytis")},
    "renginiai": {("Renginiai", "dubliuotas_renginys")},
    "konsultacijos": {("Konsultacijos", "per_ilga")},
    "projektai": {("Projektai", "biudzetas_nesutampa")},
    "veiklos_planas": {("Priemonės", "automatinis_rodiklis")},
    "apklausos": {("Formos atsakymai 2", "pateikta_dukart"), ("Formos atsakymai 1", "ne_apklausos_laiku")},
    "komisijos": {("Posėdžiai", "nera_kvorumo"), ("Sprendimai", "veluoja")},
    "apdovanojimai": {("Vertinimai", "interesu_konfliktas"), ("Nominacijos", "po_termino")},
}


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = tmp_path_factory.mktemp("demo")
    build_demo(workspace, 2026, TODAY)
    return workspace


@pytest.fixture(scope="module")
def results(demo_workspace: Path) -> dict:
    settings = load_settings(demo_workspace)
    return validate_with_figures(settings, LocalBackend(settings), list(WORKBOOK_NAMES), TODAY)[0]


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    first = demo_rows(2026, TODAY)
    assert first == demo_rows(2026, TODAY)
    assert first != demo_rows(2027, TODAY)


def test_rows_cover_every_workbook_and_use_exact_headers() -> None:
    rows = demo_rows(2026, TODAY)
    specs = workbooks()
    assert set(rows) == set(specs)
    for name, tabs in rows.items():
        spec = specs[name]
        for tab, tab_rows in tabs.items():
            headers = set(spec.tab(tab).headers())
            assert tab_rows, (name, tab)
            for row in tab_rows:
                if spec.linked is not None and tab not in {model.tab for model in spec.tabs}:
                    assert set(spec.linked.template.required_headers()) <= set(row), (name, tab)  # + its questions
                else:
                    assert set(row) <= headers, (name, tab, set(row) - headers)


def test_sizes_and_shape_follow_the_domain() -> None:
    rows = demo_rows(2026, TODAY)
    territory = rows["teritorijos_statistika"]
    assert len(territory["Savivaldybės"]) == 60  # 12 municipalities × 5 years
    assert {answer["Metai"] for answer in territory["Formos atsakymai 1"]} == set(range(2021, 2026))
    assert 100 <= len(territory["Bibliotekos"]) <= 140
    events = rows["renginiai"]["Renginiai"]
    assert 500 <= len(events) <= 1000
    month_after = [e for e in events if isinstance(e["Data"], dt.date)
                   and TODAY <= e["Data"] <= TODAY + dt.timedelta(days=30)]
    assert len(month_after) >= 40
    assert all(e["Būsena"] in ("planuojamas", "atšauktas") for e in month_after)
    delegations = [x for x in rows["renginiai"]["Ekskursijos"] if x["Grupės tipas"] == "užsienio delegacija"]
    assert len(delegations) == 10
    zaose = sum(r["Lankytojai iš viso"] for r in rows["lankytojai"]["Lankytojai"]
                if r["Vieta"] == "J. Urbšio sodyba (Zaosė)")
    assert 1500 <= zaose <= 4000
    planned_titles = {r["Susijęs renginys"] for r in rows["viesinimas"]["Turinio planas"] if r["Susijęs renginys"]}
    upcoming = {e["Pavadinimas"] for e in events if e["Būsena"] == "planuojamas"}
    assert planned_titles <= upcoming
    assert len(upcoming - planned_titles) >= 5


def test_every_workbook_is_written(demo_workspace: Path) -> None:
    for name in WORKBOOK_NAMES:
        assert (demo_workspace / f"{name}.xlsx").stat().st_size > 0


def test_planted_mistakes_are_found_and_nothing_else_is_an_error(results: dict) -> None:
    rows = demo_rows(2026, TODAY)
    for name in WORKBOOK_NAMES:
        result = results[name]
        errors = {(p.tab, p.rule) for p in result.problems if p.severity is Severity.ERROR}
        assert errors == PLANTED_ERRORS[name], (name, [p.message for p in result.problems
                                                       if p.severity is Severity.ERROR])
        warnings = {(p.tab, p.rule) for p in result.problems if p.severity is Severity.WARNING}
        assert PLANTED_WARNINGS.get(name, set()) <= warnings, (name, warnings)
        error_rows = {(p.tab, p.row) for p in result.problems if p.severity is Severity.ERROR}
        total = sum(len(tab_rows) for tab_rows in rows[name].values())
        assert len(error_rows) < 0.05 * total, (name, len(error_rows), total)


def test_resubmitted_form_keeps_only_the_latest_answer(results: dict) -> None:
    territory = results["teritorijos_statistika"]
    superseded = [p for p in territory.problems if p.rule == "pakeista"]
    assert len(superseded) == 1 and superseded[0].severity is Severity.NOTE
    answers = territory.frame("Formos atsakymai 1")
    assert superseded[0].row not in set(answers["_row"])
    # „12 345“ typed as text and „nežinoma“ are valid
    assert answers["apsilankymai"].notna().all()
    assert answers["virtualus_apsilankymai"].isna().sum() >= 1


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    build_demo(tmp_path / "a", 2026, TODAY)
    build_demo(tmp_path / "b", 2026, TODAY)
    for name in WORKBOOK_NAMES:
        assert (tmp_path / "a" / f"{name}.xlsx").read_bytes() == (tmp_path / "b" / f"{name}.xlsx").read_bytes(), name


@pytest.mark.parametrize("today", [dt.date(2026, 1, 20), dt.date(2026, 6, 15), dt.date(2026, 12, 28)])
def test_other_days_of_the_year_build(today: dt.date) -> None:
    rows = demo_rows(5, today)
    assert all(tabs for tabs in rows.values())


def test_the_regional_departments_own_work_has_its_demo_sizes() -> None:
    rows = demo_rows(2026, TODAY)
    register = rows["apklausos"]["Apklausos"]
    titles = [" ".join(r["Pavadinimas"].split()[:-1]) for r in register]
    assert len(set(titles)) == 2 and titles.count("Vartotojų pasitenkinimo tyrimas") == 2  # one survey run twice
    assert all(300 <= len(rows["apklausos"][r["Atsakymų lapas"]]) <= 3000 for r in register)
    commissions = rows["komisijos"]
    assert len(commissions["Komisijos"]) == 4
    months = {(m["Komisija"], m["Data"].month) for m in commissions["Posėdžiai"] if isinstance(m["Data"], dt.date)}
    spread = {month for _, month in months}
    assert len(spread) >= 6 and min(spread) == 1 and max(spread) == 12 and commissions["Sprendimai"]  # a year of them
    awards = rows["apdovanojimai"]
    nominated = {(n["Kategorija"], n["Kandidatas"]) for n in awards["Nominacijos"]}
    assert len(awards["Konkursai"]) == 1 and len(nominated) == 30 and len(awards["Nominacijos"]) == 31
    assert len(awards["Vertintojai"]) == 7

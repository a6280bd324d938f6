"""The annual report: sections in order, a table of contents, charts, figures checked against the inputs."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest
from demo_errors import error_rows  # the demo's broken rows, written out
from docx import Document
from regional_support import (
    doc_number,
    doc_tables,
    doc_text,
    headings,
    independent_figures,
    libraries,
    norm,
    num,
    published,
    run_once,
    sheet_rows,
    table,
)

from automations.domain.documents import cell, doc_table
from automations.domain.figures import Measured, Table
from automations.domain.registry import REGISTRY
from automations.periods import year_so_far

TODAY = dt.date(2026, 11, 22)
YEAR = 2026
FOLDER = Path("ataskaitos") / str(YEAR) / "Metinė ataskaita"
REPORT = FOLDER / f"Metinė veiklos ataskaita {YEAR}.docx"
SECTIONS = ["Įvadas", "1. Pagrindiniai veiklos rodikliai", "2. Bibliotekos vartotojai, fondas ir darbuotojai",
            "3. Teritorijos bibliotekų statistika", "4. Renginiai, parodos ir ekskursijos",
            "5. Lankytojai ir J. Urbšio sodyba Zaosėje", "6. Patalpų nuoma", "7. Kvalifikacijos tobulinimas",
            "8. Metodinės konsultacijos", "9. Projektai", "10. Viešinimas", "11. Vartotojų poreikių apklausos",
            "12. Komisijos ir darbo grupės", "13. Bibliotekininkų apdovanojimai", "14. Veiklos plano vykdymas",
            "15. Finansai", "16. Problemos ir 2027 m. prioritetai", "Priedas. Duomenų šaltiniai"]


def test_cells_and_tables_whose_totals_are_figures():
    assert [cell(1234, "int"), cell(2.5, "dec1"), cell(None, "int"), cell(-3, "change")] == [
        "1\u00a0234", "2,5", "–", "−3,0 proc."]
    rendered = doc_table(pd.DataFrame({"a": ["x"], "b": [1500]}), [("a", "A", "text"), ("b", "B", "int")])
    assert rendered.rows == [["x", "1\u00a0500"]] and rendered.numeric == {1}
    held = Measured(REGISTRY["renginiai.ivyke"], 3, year_so_far(2026, TODAY), 3)
    table = Table(pd.DataFrame({"a": ["x", "Iš viso"], "b": [3, 3]}), {(1, "b"): held})
    rendered = doc_table(table, [("a", "A", "text"), ("b", "B", "int")])
    assert rendered.rows == [["x", "3"], ["Iš viso", held]]  # the totals cell stays the figure for the renderer


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("metine") / "demo"
    shutil.copytree(demo_source, workspace)
    return (workspace, run_once(workspace, "metine_ataskaita", today=TODAY),
            run_once(workspace, "metine_ataskaita", today=TODAY))


def test_report_and_sources_published_and_rerun_writes_nothing(produced):
    _, report, again = produced
    assert set(published(report, "metine_ataskaita")) == {
        f"{YEAR}/Metinė ataskaita/Metinė veiklos ataskaita {YEAR}.docx",
        f"{YEAR}/Metinė ataskaita/Rodiklių registras {YEAR}.xlsx"}
    assert not any(item.written for item in published(again, "metine_ataskaita").values())


def test_sections_in_order_with_a_table_of_contents_and_charts(produced):
    workspace, _, _ = produced
    found = [h for h in headings(workspace / REPORT) if h in SECTIONS]
    assert found == SECTIONS
    document = Document(workspace / REPORT)
    assert 'TOC \\o "1-2"' in document.element.body.xml
    assert len(document.inline_shapes) >= 4
    assert "{{" not in "\n".join(p.text for p in document.paragraphs)


def test_key_figures_match_an_independent_recount(produced):
    workspace, report, _ = produced
    expected = independent_figures(workspace, report, YEAR, TODAY)
    key = doc_tables(workspace / REPORT)[0]
    assert key[0] == ["Rodiklis", "2025 m. (iki lapkričio 22 d.)", "2026 m. (iki lapkričio 22 d.)", "Pokytis"]
    shown = {row[0]: row for row in key[1:]}
    for figure_id, value in expected.items():
        assert doc_number(shown[REGISTRY[figure_id].name][2]) == pytest.approx(value, abs=0.005), figure_id
    assert shown["Įvykę renginiai"][1] == "nėra duomenų"  # the demo has no events of last year


def _latest_answers(workspace: Path, year: int) -> dict[str, tuple]:
    """Each active library's latest answer for ``year``: code → (timestamp, sheet row, row, library)."""
    libs = libraries(workspace)
    latest: dict[str, tuple] = {}
    for number, row in sheet_rows(workspace / "teritorijos_statistika.xlsx", "Formos atsakymai 1"):
        lib = libs.get(norm(row["Biblioteka"]))
        if lib is None or str(lib["Aktyvi"]).casefold() == "ne" or num(row["Metai"]) != year:
            continue
        if lib["Kodas"] not in latest or row["Laiko žymė"] >= latest[lib["Kodas"]][0]:
            latest[lib["Kodas"]] = (row["Laiko žymė"], number, row, lib)
    return latest


def test_territory_totals_come_from_the_latest_accepted_answers(produced):
    workspace, report, _ = produced
    errors = error_rows(report, "teritorijos_statistika", "Formos atsakymai 1")
    latest = _latest_answers(workspace, YEAR - 1)
    users = sum(num(row["Registruoti vartotojai"]) or 0 for _, number, row, _ in latest.values()
                if number not in errors)
    territory = next(t for t in doc_tables(workspace / REPORT) if t[0][0] == "Rodiklis" and t[0][2] == f"{YEAR - 1} m."
                     and t[1][0] == "Registruoti vartotojai")
    assert doc_number(territory[1][2]) == users  # no registered-users value of the demo is suspect


def test_accepted_answers_with_unexplained_warnings_are_named(produced):
    workspace, report, _ = produced
    problems = report.results["teritorijos_statistika"].problems
    warned = {p.row for p in problems if p.tab == "Formos atsakymai 1" and p.severity == "įspėjimas"}
    errors = error_rows(report, "teritorijos_statistika", "Formos atsakymai 1")
    expected = {lib["Pavadinimas"] for _, number, _, lib in _latest_answers(workspace, YEAR - 1).values()
                if number in warned and number not in errors}
    assert expected  # the demo's typo'd loans figure
    sentence = next(p for p in doc_text(workspace / REPORT).splitlines() if "nepaaiškintais įspėjimais" in p)
    named = {lib["Pavadinimas"] for lib in libraries(workspace).values() if f"{lib['Pavadinimas']} (" in sentence}
    assert named == expected


def test_every_figure_has_a_source_with_rows_counted(produced):
    workspace, report, _ = produced
    rows = table(workspace / FOLDER / f"Rodiklių registras {YEAR}.xlsx", "Rodikliai", "Rodiklio id")
    assert [row["Rodiklio id"] for row in rows] == list(REGISTRY)
    assert all(row["Darbaknygė / lapas"] and row["Kas skaičiuojama"] and row["Suskaičiuota eilučių"] is not None
               for row in rows)
    events = next(row for row in rows if row["Rodiklio id"] == "renginiai.ivyke")
    expected = independent_figures(workspace, report, YEAR, TODAY)["renginiai.ivyke"]
    assert (events["Reikšmė"], events["Suskaičiuota eilučių"], events["Darbaknygė / lapas"]) == (
        expected, expected, "renginiai / Renginiai")
    appendix = doc_tables(workspace / REPORT)[-1]
    assert appendix[0] == ["Rodiklis", "Reikšmė", "Laikotarpis", "Šaltinis", "Kas skaičiuojama", "Eilučių"]
    named = {row[0] for row in appendix[1:]}
    assert {"Įvykę renginiai", "Teritorijos registruoti vartotojai", "Apmokyti asmenys", "Suteiktos konsultacijos",
            "Nuomos pajamos be PVM"} <= named

"""The projects overview: deadlines within 60 days come first; status, funders and budget checks."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from regional_support import day, doc_tables, num, published, run_once, sheet_rows, table

from automations import lt
from automations.domain.projects import MATCH, MISMATCH, budget_check, deadlines, relevant_projects
from automations.periods import year_so_far

TODAY = dt.date(2026, 11, 22)
YEAR = 2026
FOLDER = Path("ataskaitos") / str(YEAR) / "Projektai"


def _projects(*rows: dict) -> pd.DataFrame:
    base = dict.fromkeys(["pavadinimas", "finansuotojas", "busena", "paraiskos_data", "pradzia", "pabaiga",
                          "biudzetas", "skirta", "nuosavas_inasas", "ataskaitos_terminas", "atsakingas"])
    return pd.DataFrame([{**base, "_row": index + 2, **row} for index, row in enumerate(rows)])


def test_deadlines_within_sixty_days_soonest_first():
    frame = _projects(
        {"pavadinimas": "A", "busena": "vykdoma", "pabaiga": dt.date(2027, 1, 21), "ataskaitos_terminas":
         dt.date(2026, 12, 1)},
        {"pavadinimas": "B", "busena": "nefinansuota", "ataskaitos_terminas": dt.date(2026, 11, 30)},
        {"pavadinimas": "C", "busena": "baigta", "ataskaitos_terminas": dt.date(2026, 11, 22)},
        {"pavadinimas": "D", "busena": "vykdoma", "ataskaitos_terminas": dt.date(2026, 11, 21)})
    due = deadlines(frame, TODAY)
    assert list(zip(due["pavadinimas"], due["kas"], due["liko_dienu"], strict=True)) == [
        ("C", "ataskaitos terminas", 0), ("A", "ataskaitos terminas", 9), ("A", "projekto pabaiga", 60)]


def test_budget_check_and_relevant_projects():
    frame = _projects(
        {"biudzetas": Decimal(1000), "skirta": Decimal(800), "nuosavas_inasas": Decimal("200.50"), "busena": "baigta",
         "pradzia": dt.date(2026, 1, 1), "pabaiga": dt.date(2026, 5, 1)},
        {"biudzetas": Decimal(1000), "skirta": Decimal(800), "nuosavas_inasas": Decimal(100), "busena": "baigta",
         "pradzia": dt.date(2024, 1, 1), "pabaiga": dt.date(2024, 5, 1)},
        {"biudzetas": Decimal(1000), "busena": "rengiama"})
    checked = budget_check(frame)
    assert list(checked["biudzeto_busena"]) == [MATCH, MISMATCH, "trūksta sumų"]
    assert checked.at[1, "skirtumas"] == Decimal(100)
    assert list(relevant_projects(frame, year_so_far(2026, TODAY)).index) == [0, 2]


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    workspace = tmp_path_factory.mktemp("projektai") / "demo"
    shutil.copytree(demo_source, workspace)
    return workspace, run_once(workspace, "projektai", today=TODAY), run_once(workspace, "projektai", today=TODAY)


def _independent_deadlines(workspace: Path) -> list[tuple[dt.date, str, str]]:
    found = []
    for _, row in sheet_rows(workspace / "projektai.xlsx", "Projektai"):
        if row["Būsena"] == "nefinansuota":
            continue
        for header, kind in (("Ataskaitos terminas", "ataskaitos terminas"), ("Pabaiga", "projekto pabaiga")):
            when = day(row[header])
            if when and TODAY <= when <= TODAY + dt.timedelta(days=60):
                found.append((when, kind, row["Pavadinimas"]))
    return sorted(found, key=lambda item: (item[0], item[2]))


def test_deadlines_are_at_the_top_of_the_document(produced):
    workspace, report, again = produced
    paths = published(report, "projektai")
    assert f"{YEAR}/Projektai/Projektų apžvalga {YEAR}.docx" in paths
    assert not any(item.written for item in published(again, "projektai").values())
    expected = _independent_deadlines(workspace)
    assert expected
    path = workspace / FOLDER / f"Projektų apžvalga {YEAR}.docx"
    headings = [p.text for p in Document(path).paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "1. Artėjantys terminai"
    first_table = doc_tables(path)[0]
    assert first_table[0][:3] == ["Data", "Liko d.", "Kas"]
    assert [(row[0], row[2], row[3]) for row in first_table[1:]] == [
        (lt.long_date(when), kind, title) for when, kind, title in expected]
    sheet = table(workspace / FOLDER / f"Projektų apžvalga {YEAR}.xlsx", "Artėjantys terminai", "Data")
    assert [row["Liko dienų"] for row in sheet] == [(when - TODAY).days for when, _, _ in expected]


def test_budget_mismatch_is_reported(produced):
    workspace, _, _ = produced
    mismatched = []
    for _, row in sheet_rows(workspace / "projektai.xlsx", "Projektai"):
        budget, grant, own = (num(row[h]) for h in ("Biudžetas, Eur", "Skirta, Eur", "Nuosavas įnašas, Eur"))
        if None not in (budget, grant, own) and abs(grant + own - budget) > 1:
            mismatched.append(row["Pavadinimas"])
    assert mismatched
    text = "\n".join(p.text for p in Document(workspace / FOLDER / f"Projektų apžvalga {YEAR}.docx").paragraphs)
    assert all(f"• {title}:" in text for title in mismatched)
    sheet = table(workspace / FOLDER / f"Projektų apžvalga {YEAR}.xlsx", "Projektai", "Projektas")
    assert {row["Projektas"] for row in sheet if row["Biudžetas"] == MISMATCH} == set(mismatched)

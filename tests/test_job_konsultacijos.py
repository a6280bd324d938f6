"""The consultations summary: counts by municipality, topic, mode and month; libraries that got none."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from demo_errors import error_rows  # the demo's broken rows, written out
from figures_support import figures, rows
from regional_support import (
    day,
    doc_tables,
    doc_text,
    libraries,
    municipality,
    norm,
    published,
    run_once,
    sheet_rows,
    table,
)

from automations.domain.consultations import consultations, without_consultations
from automations.periods import Period
from sheets_schema.references import References

YEAR = 2026
FOLDER = Path("ataskaitos") / str(YEAR) / "Konsultacijos"
REFS = References(pd.DataFrame([
    {"kodas": "BIR-SVB", "pavadinimas": "Biržų SVB", "savivaldybe": "Biržų rajono", "tipas": "SVB", "aktyvi": True},
    {"kodas": "BIR-MOK-01", "pavadinimas": "Biržų gimnazijos biblioteka", "savivaldybe": "Biržų rajono",
     "tipas": "mokyklos biblioteka", "aktyvi": True},
    {"kodas": "BIR-MOK-02", "pavadinimas": "Uždaryta biblioteka", "savivaldybe": "Biržų rajono",
     "tipas": "mokyklos biblioteka", "aktyvi": False},
]))


def test_consultations_of_the_year_by_topic_and_libraries_without():
    frame = rows({"data": dt.date(2026, 1, 5), "biblioteka": "BIR-SVB", "tema": "LIBIS", "budas": "telefonu",
                  "trukme": 10},
                 {"data": dt.date(2026, 2, 1), "biblioteka": "biržų svb", "tema": "LIBIS", "budas": "telefonu",
                  "trukme": None},
                 {"data": dt.date(2025, 12, 30), "biblioteka": "BIR-MOK-01", "tema": "kita", "budas": "telefonu",
                  "trukme": 30},
                 {"data": dt.date(2026, 3, 1), "biblioteka": "BIR-MOK-01", "tema": "kita", "budas": "telefonu",
                  "trukme": 30})  # after the report date: not given yet
    period = Period(dt.date(2026, 1, 1), dt.date(2026, 2, 15), "2026 m.", "2026")
    given = consultations(frame, REFS, period)
    assert list(given["kodas"]) == ["BIR-SVB", "BIR-SVB"] and list(given["menuo"]) == [1, 2]
    assert list(without_consultations(given, REFS)["kodas"]) == ["BIR-MOK-01"]  # the inactive one is not listed
    counted = figures(dt.date(2026, 2, 15), konsultacijos={"Konsultacijos": frame},
                      teritorijos_statistika={"Bibliotekos": REFS.libraries.assign(_row=range(2, 5))})
    topics = counted.breakdown({"konsultacijos": "konsultacijos.suteiktos", "minutes": "konsultacijos.minutes",
                                "bibliotekos": "konsultacijos.bibliotekos"}, 2026, "tema")
    assert topics.frame.to_dict("records") == [{"tema": "LIBIS", "konsultacijos": 2, "minutes": 10, "bibliotekos": 1},
                                               {"tema": "Iš viso", "konsultacijos": 2, "minutes": 10,
                                                "bibliotekos": 1}]
    assert counted.get("konsultacijos.be_konsultaciju", 2026).value == 1


@pytest.fixture(scope="module")
def produced(demo_source: Path, tmp_path_factory: pytest.TempPathFactory):
    import shutil

    workspace = tmp_path_factory.mktemp("konsultacijos") / "demo"
    shutil.copytree(demo_source, workspace)
    return workspace, run_once(workspace, "konsultacijos"), run_once(workspace, "konsultacijos")


def _independent(workspace: Path, report) -> tuple[Counter, Counter, set[str]]:
    libs = libraries(workspace)
    errors = error_rows(report, "konsultacijos", "Konsultacijos")
    by_municipality, by_topic, reached = Counter(), Counter(), set()
    for number, row in sheet_rows(workspace / "konsultacijos.xlsx", "Konsultacijos"):
        lib = libs.get(norm(row["Biblioteka"]))
        if number in errors or lib is None or day(row["Data"]).year != YEAR:
            continue
        by_municipality[municipality(lib["Savivaldybė"])] += 1
        by_topic[row["Tema"]] += 1
        reached.add(lib["Kodas"])
    return by_municipality, by_topic, reached


def test_summary_matches_an_independent_count(produced):
    workspace, report, again = produced
    paths = published(report, "konsultacijos")
    assert set(paths) == {f"{YEAR}/Konsultacijos/Konsultacijos {YEAR}.xlsx",
                          f"{YEAR}/Konsultacijos/Konsultacijų suvestinė {YEAR}.docx"}
    assert not any(item.written for item in published(again, "konsultacijos").values())
    by_municipality, by_topic, reached = _independent(workspace, report)
    book = workspace / FOLDER / f"Konsultacijos {YEAR}.xlsx"
    sheet = {row["Savivaldybė"]: row["Konsultacijos"] for row in table(book, "Savivaldybės", "Savivaldybė")}
    assert sheet.pop("Iš viso") == sum(by_municipality.values())
    assert sheet == dict(by_municipality)
    topics = {row["Tema"]: row["Konsultacijos"] for row in table(book, "Temos", "Tema")}
    topics.pop("Iš viso")
    assert topics == dict(by_topic)
    months = table(book, "Mėnesiai", "Mėnuo")
    assert len(months) == 13 and months[-1]["Konsultacijos"] == sum(by_topic.values())
    active = {lib["Kodas"] for lib in libraries(workspace).values() if str(lib["Aktyvi"]).casefold() != "ne"}
    missing = {row["Kodas"] for row in table(book, "Be konsultacijų", "Kodas")}
    assert missing == active - reached and missing


def test_document_states_the_totals_and_lists_the_libraries_without(produced):
    workspace, report, _ = produced
    by_municipality, _, _ = _independent(workspace, report)
    path = workspace / FOLDER / f"Konsultacijų suvestinė {YEAR}.docx"
    text = doc_text(path)
    total = sum(by_municipality.values())
    assert f"suteikta metodinių konsultacijų – {total}" in text.replace("\u00a0", " ")
    assert doc_tables(path)[0][-1][:2] == ["Iš viso", str(total)]
    missing = table(workspace / FOLDER / f"Konsultacijos {YEAR}.xlsx", "Be konsultacijų", "Kodas")
    assert all(f"• {row['Biblioteka']}" in text for row in missing)

"""The regional statistics job: every figure rebuilt independently from the input workbook."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from demo_errors import error_rows  # the demo's broken rows, written out
from docx import Document
from openpyxl import load_workbook
from regional_support import municipality as short_name

from jobs.regiono_statistika import biggest_changes

YEAR = 2025
OUTPUT = Path("ataskaitos/2025/Regiono statistika")


def _rows(path: Path, tab: str) -> list[dict]:
    sheet = load_workbook(path, data_only=True)[tab]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:] if any(v is not None for v in row)]


def _number(value) -> float | None:
    if value is None or (isinstance(value, str) and value.strip().casefold() == "nežinoma"):
        return None
    if isinstance(value, str):
        return float(value.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    return float(value)


def independent_totals(workspace: Path, error_rows: set[int], year: int) -> dict:
    """Latest answer per library and year, rows with errors left out, summed per municipality."""
    source = workspace / "teritorijos_statistika.xlsx"
    libraries = _rows(source, "Bibliotekos")
    lookup = {}
    for lib in libraries:
        if lib["Tipas"] == "apskrities biblioteka":  # the Library's own answer is not the territory's
            continue
        lookup[lib["Kodas"].strip().casefold()] = lib
        lookup[" ".join(lib["Pavadinimas"].split()).casefold()] = lib
    latest: dict[tuple, tuple] = {}
    for index, row in enumerate(_rows(source, "Formos atsakymai 1"), start=2):
        lib = lookup.get(" ".join(str(row["Biblioteka"]).split()).casefold())
        if lib is None or str(row["Metai"]).strip() != str(year):
            continue
        stamp = row["Laiko žymė"]
        key = lib["Kodas"]
        if key not in latest or stamp >= latest[key][0]:
            latest[key] = (stamp, index, row, lib)
    users = defaultdict(float)
    for _, index, row, lib in latest.values():
        if index in error_rows:
            continue
        users[short_name(lib["Savivaldybė"])] += _number(row["Registruoti vartotojai"]) or 0
    return users


@pytest.fixture(scope="module")
def produced(demo_run):
    workspace, report = demo_run
    errors = error_rows(report, "teritorijos_statistika", "Formos atsakymai 1")
    return workspace, errors, report


def _header_and_rows(sheet, first: str) -> tuple[list, list]:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == first)
    return list(rows[start]), rows[start + 1:]


def test_job_ran_and_published_both_documents(produced) -> None:
    _, _, report = produced
    run = next(run for run in report.jobs if run.job == "regiono_statistika")
    assert run.ok, run.error
    assert {item.path for item in run.published} == {
        f"{YEAR}/Regiono statistika/Regiono statistika {YEAR}.xlsx",
        f"{YEAR}/Regiono statistika/Regiono statistikos analizė {YEAR}.docx",
    }


def test_municipality_and_territory_totals_match_an_independent_recount(produced) -> None:
    workspace, errors, _ = produced
    expected = independent_totals(workspace, errors, YEAR)
    book = load_workbook(workspace / OUTPUT / f"Regiono statistika {YEAR}.xlsx")
    header, rows = _header_and_rows(book["Savivaldybės"], "Savivaldybė")
    users_col = header.index("Registruoti vartotojai")
    together = {row[0]: row[users_col] for row in rows if row[1] == "Iš viso"}
    assert set(together) == set(expected) | {m for m in together if together[m] is None}
    for municipality, users in expected.items():
        assert together[municipality] == pytest.approx(users), municipality
    header, rows = _header_and_rows(book["Apskritys"], "Apskritis")
    total_row = next(row for row in rows if row[0] == "Teritorija iš viso")
    assert total_row[header.index("Registruoti vartotojai")] == pytest.approx(sum(expected.values()))


def test_status_board_counts_every_active_library_once(produced) -> None:
    workspace, _, _ = produced
    libraries = [lib for lib in _rows(workspace / "teritorijos_statistika.xlsx", "Bibliotekos")
                 if str(lib["Aktyvi"]).strip().casefold() != "ne" and lib["Tipas"] != "apskrities biblioteka"]
    board = load_workbook(workspace / OUTPUT / f"Regiono statistika {YEAR}.xlsx")["Būsena"]
    statuses = [row[4] for row in board.iter_rows(min_row=5, values_only=True) if row[0]]
    assert len(statuses) == len(libraries)
    assert {"tvarkinga", "nepateikta", "yra klaidų"} <= set(statuses)
    assert board.freeze_panes is not None


def test_workbook_has_native_charts_and_lithuanian_number_formats(produced) -> None:
    workspace, _, _ = produced
    path = workspace / OUTPUT / f"Regiono statistika {YEAR}.xlsx"
    import zipfile

    names = zipfile.ZipFile(path).namelist()
    assert len([name for name in names if name.startswith("xl/charts/chart")]) >= 2
    sheet = load_workbook(path)["Savivaldybės"]
    top = next(row for row in sheet.iter_rows() if row[0].value == "Savivaldybė")
    formats = {cell.value: sheet.cell(row=cell.row + 1, column=cell.column).number_format for cell in top}
    assert formats["Registruoti vartotojai"] == "#,##0"
    assert formats["Registruoti vartotojai: pokytis, proc."] == '0.0" proc."'


def test_analysis_report_reads_in_lithuanian_with_real_figures(produced) -> None:
    workspace, errors, _ = produced
    document = Document(workspace / OUTPUT / f"Regiono statistikos analizė {YEAR}.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Parengta 2026 m. lapkričio 22 d." in text
    total = sum(independent_totals(workspace, errors, YEAR).values())
    assert total == int(total)
    assert f"registruotų vartotojų – {int(total):,}".replace(",", "\u00a0") in text  # 12 345 with a no-break space
    assert "Ataskaitos nepateikė:" in text and "•" in text
    assert len(document.tables) >= 4
    assert document.inline_shapes, "the report carries a chart"
    headline = document.tables[0]
    assert headline.rows[0].cells[1].text == f"{YEAR - 1} m."


def test_biggest_changes_ignore_tiny_bases() -> None:
    frame = pd.DataFrame({
        "pavadinimas": ["A", "B", "C"],
        **{f"{key}_pernai": [1000, 50, 1000] for key in ("registruoti_vartotojai", "apsilankymai", "isduotis",
                                                         "renginiai", "renginiu_dalyviai")},
        **{key: [1500, 500, 900] for key in ("registruoti_vartotojai", "apsilankymai", "isduotis", "renginiai",
                                             "renginiu_dalyviai")},
    })
    for key in ("registruoti_vartotojai", "apsilankymai", "isduotis", "renginiai", "renginiu_dalyviai"):
        frame[f"{key}_pokytis"] = (frame[key] - frame[f"{key}_pernai"]) / frame[f"{key}_pernai"] * 100
    rises = biggest_changes(frame, rising=True)
    assert set(rises["pavadinimas"]) == {"A"} and rises["pokytis"].max() == pytest.approx(50)
    falls = biggest_changes(frame, rising=False)
    assert set(falls["pavadinimas"]) == {"C"}


def test_rerun_writes_nothing(demo_workspace: Path, run_job) -> None:
    first = run_job(demo_workspace, "regiono_statistika")
    second = run_job(demo_workspace, "regiono_statistika")
    assert any(item.written for item in first.jobs[0].published)
    assert not any(item.written for item in second.jobs[0].published)
    assert not any(item.written for item in second.feedback)


def test_explicit_year_with_no_answers_still_gives_documents(demo_workspace: Path, run_job) -> None:
    report = run_job(demo_workspace, "regiono_statistika", year=2019, today=dt.date(2026, 11, 22))
    assert report.jobs[0].ok, report.jobs[0].error
    board = load_workbook(demo_workspace / "ataskaitos/2019/Regiono statistika/Regiono statistika 2019.xlsx")["Būsena"]
    assert {row[4] for row in board.iter_rows(min_row=5, values_only=True) if row[0]} == {"nepateikta"}

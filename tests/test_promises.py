"""The README's promises, each with a scenario of its own that fails when the promise breaks.

Expected values are literal or recounted here by hand; nothing below asks the project's own
validator or period helpers what the answer should be.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hostile_support import ROOM, blank_workspace, booking, problems, row_of, run_cli, write_book

from automations.backends.local import LocalBackend
from automations.config import load_settings

STATS = "teritorijos_statistika"
LIBRARY = ["BIR-SVB", "Biržų r. savivaldybės viešoji biblioteka", "Biržų rajono", "SVB", 10, "Taip"]
POPULATION = ["Biržų rajono", "Panevėžio", 2025, 22000]


def _answer(stamp: dt.datetime, year: int, users: object, **more: object) -> list:
    base = {"Laiko žymė": stamp, "Biblioteka": "BIR-SVB", "Metai": year, "Registruoti vartotojai": users,
            "iš jų vaikai (iki 14 m.)": 1000, "Apsilankymai (fiziniai)": 90000, "Išduotis (fiz. vnt.)": 150000,
            "Fondas metų pabaigoje (fiz. vnt.)": 200000, "Renginiai": 900, "Renginių dalyviai": 20000,
            "Darbuotojai (asm.)": 30, **more}
    return row_of(STATS, "Formos atsakymai 1", **base)


def _statistics(workspace: Path, *answers: list) -> None:
    write_book(workspace / f"{STATS}.xlsx", STATS, {"Bibliotekos": [row_of(STATS, "Bibliotekos", **dict(zip(
        ["Kodas", "Pavadinimas", "Savivaldybė", "Tipas", "Padalinių skaičius", "Aktyvi"], LIBRARY, strict=True)))],
        "Savivaldybės": [row_of(STATS, "Savivaldybės", **dict(zip(["Savivaldybė", "Apskritis", "Metai", "Gyventojai"],
                                                                   POPULATION, strict=True)))],
        "Formos atsakymai 1": list(answers)})


def _users_total(workspace: Path, capsys) -> object:
    code, out, err = run_cli(capsys, "run", "regiono_statistika", "--year", "2025", "--workspace", str(workspace))
    assert code == 0, out + err
    from openpyxl import load_workbook

    rows = list(load_workbook(workspace / "ataskaitos/2025/Regiono statistika/Regiono statistika 2025.xlsx",
                              data_only=True)["Apskritys"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Apskritis")
    total = next(row for row in rows if row[0] == "Teritorija iš viso")
    return total[header.index("Registruoti vartotojai")]


# ---------------------------------------------------------------- rentals
def test_back_to_back_bookings_are_not_an_overlap_but_a_shared_minute_is(tmp_path: Path, capsys):
    workspace = blank_workspace(tmp_path)
    write_book(workspace / "nuoma.xlsx", "nuoma", {"Patalpos": [ROOM], "Užsakymai": [
        booking(1, Data=dt.date(2026, 12, 7), Nuo="10:00", Iki="12:00", Būsena="patvirtinta"),
        booking(2, Data=dt.date(2026, 12, 7), Nuo="12:00", Iki="14:00", Būsena="patvirtinta"),
        booking(3, Data=dt.date(2026, 12, 8), Nuo="10:00", Iki="12:01", Būsena="patvirtinta"),
        booking(4, Data=dt.date(2026, 12, 8), Nuo="12:00", Iki="14:00", Būsena="patvirtinta")]})
    found = [(p["row"], p["rule"]) for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    assert sorted(found) == [(4, "persidengia"), (5, "persidengia")]


# ---------------------------------------------------------------- the statistics form
def test_the_latest_answer_wins_even_when_answers_are_out_of_order(tmp_path: Path, capsys):
    workspace = blank_workspace(tmp_path)
    _statistics(workspace,
                _answer(dt.datetime(2026, 1, 20, 12, 0), 2025, 5000),  # the correction, typed above
                _answer(dt.datetime(2026, 1, 10, 9, 0), 2025, 50000))  # the first, mistyped answer, below
    assert _users_total(workspace, capsys) == 5000
    superseded = [(p["row"], p["rule"]) for p in problems(capsys, workspace) if p["rule"] == "pakeista"]
    assert superseded == [(3, "pakeista")]


def test_with_the_same_timestamp_the_answer_lower_in_the_sheet_wins(tmp_path: Path, capsys):
    workspace = blank_workspace(tmp_path)
    moment = dt.datetime(2026, 1, 20, 12, 0)
    _statistics(workspace, _answer(moment, 2025, 4000), _answer(moment, 2025, 6000))
    assert _users_total(workspace, capsys) == 6000


def test_unknown_is_never_counted_as_zero(tmp_path: Path, capsys):
    workspace = blank_workspace(tmp_path)
    _statistics(workspace, _answer(dt.datetime(2026, 1, 20), 2025, "nežinoma"))
    assert _users_total(workspace, capsys) is None  # blank, not 0
    settings = load_settings(workspace)
    from automations.runner import validate_with_figures

    _, figures = validate_with_figures(settings, LocalBackend(settings), [STATS], dt.date(2026, 11, 22))
    users = figures.get("teritorija.registruoti_vartotojai", 2026)
    assert users.value is None and users.rows == 0
    assert figures.get("teritorija.isduotis", 2026).rows == 1


def test_an_explanation_clears_row_and_cross_row_warnings_alike(tmp_path: Path, capsys):
    workspace = blank_workspace(tmp_path)
    last_year = _answer(dt.datetime(2025, 1, 20), 2024, 5000)
    # loans per user 2 (band 3–60: a row warning) and users +100 % on last year (±30 %: a cross-row warning)
    unexplained = _answer(dt.datetime(2026, 1, 20), 2025, 10000, **{"Išduotis (fiz. vnt.)": 20000})
    _statistics(workspace, last_year, unexplained)
    warned = {p["rule"] for p in problems(capsys, workspace) if p["severity"] == "įspėjimas" and p["row"] == 3}
    assert {"santykis", "metinis_pokytis"} <= warned
    explained = _answer(dt.datetime(2026, 1, 20), 2025, 10000, **{"Išduotis (fiz. vnt.)": 20000,
                                                                  "Paaiškinimas": "Prijungta filialų sistema"})
    _statistics(workspace, last_year, explained)
    assert not [p for p in problems(capsys, workspace) if p["severity"] == "įspėjimas" and p["row"] == 3]


# ---------------------------------------------------------------- outputs
def test_an_output_is_never_half_written(tmp_path: Path, monkeypatch):
    """A crash between writing and putting in place (here: the rename fails) leaves yesterday's file."""
    workspace = blank_workspace(tmp_path)
    backend = LocalBackend(load_settings(workspace))
    backend.publish("2026/Testas/ataskaita.xlsx", b"yesterday's complete report")
    target = workspace / "ataskaitos/2026/Testas/ataskaita.xlsx"

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(Exception, match="No space left"):
        backend.publish("2026/Testas/ataskaita.xlsx", b"today's report, cut short by the cra")
    assert target.read_bytes() == b"yesterday's complete report"
    assert [path.name for path in target.parent.iterdir()] == ["ataskaita.xlsx"]  # no leftover beside it


def test_a_job_whose_input_cannot_be_read_fails_and_leaves_the_previous_report(tmp_path: Path, capsys):
    workspace = blank_workspace(tmp_path)
    report = workspace / "ataskaitos/2026/Projektai/Projektų apžvalga 2026.xlsx"
    report.parent.mkdir(parents=True)
    report.write_bytes(b"last night's good report")
    (workspace / "projektai.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    code, out, err = run_cli(capsys, "run", "projektai", "--workspace", str(workspace))
    assert code == 1 and "projektai: FAILED" in out and "Traceback" not in err
    assert report.read_bytes() == b"last night's good report"

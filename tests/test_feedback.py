"""Feedback workbooks: problems listed, copies of the tabs with the bad cells marked, all-clear state."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from tests_support import messy_statistics

from automations.backends.base import Feedback
from automations.backends.local import LocalBackend
from automations.config import load_settings
from automations.feedback import feedback_workbook
from automations.runner import write_feedback
from automations.tables import RawSheet
from automations.validation import validate_all
from automations.workspace import create_workspace
from sheets_schema.base import make_problem


def _feedback(workspace: Path, name: str):
    return load_workbook(workspace / "ataskaitos" / "Klaidos" / f"{name}.xlsx")


def test_problem_list_and_marked_copy(tmp_path: Path) -> None:
    create_workspace(tmp_path)
    (tmp_path / "teritorijos_statistika.xlsx").unlink()
    messy_statistics(tmp_path / "teritorijos_statistika.xlsx")
    backend = LocalBackend(load_settings(tmp_path))
    written = write_feedback(backend, validate_all(backend, ["teritorijos_statistika"]))
    assert written and written[0].path == "Klaidos/teritorijos_statistika.xlsx"
    book = _feedback(tmp_path, "teritorijos_statistika")
    listing = book["Klaidos"]
    header = [cell.value for cell in listing[5]]
    assert header == ["Lapas", "Eilutė", "Stulpelis", "Reikšmė", "Svarba", "Taisyklė", "Ką pataisyti"]
    rows = [row[:5] for row in listing.iter_rows(min_row=6, values_only=True) if row[0]]
    assert ("Formos atsakymai 1", 5, "iš jų vaikai (iki 14 m.)", "9\u00a0000", "klaida") in rows
    copy = book["Formos atsakymai 1"]
    # the copy keeps the sheet's own row numbers: row 5, column F (children) is marked and commented
    cell = copy["F5"]
    assert cell.value == 9000
    assert cell.fill.fgColor.rgb.endswith("F8CBAD")
    assert "negali būti didesnis" in cell.comment.text
    assert copy["A1"].value == "Statistikos ataskaitos 2025 m. (forma)"


def test_all_clear_when_nothing_is_wrong(tmp_path: Path) -> None:
    create_workspace(tmp_path)
    backend = LocalBackend(load_settings(tmp_path))
    write_feedback(backend, validate_all(backend, ["renginiai"]))
    sheet = _feedback(tmp_path, "renginiai")["Klaidos"]
    assert "Klaidų nerasta" in sheet["A3"].value


def test_formula_looking_user_text_stays_text(tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://x","y")'
    sheet = RawSheet("Bibliotekos", [["Kodas", "Pavadinimas"], [formula, "=1+1"]])
    problem = make_problem("teritorijos_statistika", "Bibliotekos", 2, "Kodas", formula, "x", "netinka")
    path = tmp_path / "klaidos.xlsx"
    path.write_bytes(feedback_workbook(Feedback("teritorijos_statistika", "Statistika", [problem],
                                                {"Bibliotekos": sheet})))
    book = load_workbook(path)
    cells = [cell for ws in book for row in ws.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert len(cells) == 3 and all(cell.data_type == "s" for cell in cells)

"""Validation of real-world sheets: messy layouts, bad cells, unreadable files; nothing crashes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook
from tests_support import ANSWER_HEADERS, answer, messy_statistics

from automations.backends.local import LocalBackend
from automations.cli import main
from automations.config import load_settings
from automations.validation import validate_all, validate_workbook
from automations.workspace import create_workspace
from sheets_schema import WORKBOOK_NAMES, workbook
from sheets_schema.base import Severity


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    create_workspace(tmp_path)
    (tmp_path / "teritorijos_statistika.xlsx").unlink()
    messy_statistics(tmp_path / "teritorijos_statistika.xlsx")
    return tmp_path


def validate(workspace: Path, name: str = "teritorijos_statistika"):
    return validate_workbook(workbook(name), LocalBackend(load_settings(workspace)))


def by_rule(result, rule: str):
    return [problem for problem in result.problems if problem.rule == rule]


def test_messy_layout_is_read_and_every_problem_located(workspace: Path) -> None:
    result = validate(workspace)
    answers = result.frame("Formos atsakymai 1")
    # title row 1, header row 2, the blank row 4 is skipped; row 3 is superseded by row 6;
    # row 5 has children > users; row 7 has a bad year and an unknown library; row 8 is a totals row
    assert sorted(answers["_row"]) == [6]
    assert answers.loc[0, "renginiai"] == 1250
    superseded = by_rule(result, "pakeista")
    assert [(p.row, p.severity) for p in superseded] == [(3, Severity.NOTE)]
    assert "6 eilutė" in superseded[0].message
    children = by_rule(result, "dalis_didesne")
    assert children[0].row == 5 and children[0].column == "iš jų vaikai (iki 14 m.)" and children[0].value == 9000
    assert "negali būti didesnis" in children[0].message and "5 eilutė" in children[0].message
    year = [p for p in result.problems if p.column == "Metai"]
    assert year[0].row == 7 and year[0].value == "2025 m." and "skaičius" in year[0].message
    totals = by_rule(result, "sumos_eilute")
    assert totals[0].row == 8 and totals[0].severity is Severity.NOTE


def test_messages_name_sheet_row_column_value_and_expectation(workspace: Path) -> None:
    result = validate(workspace)
    problem = next(p for p in result.problems if p.column == "Metai")
    assert problem.message.startswith("Lapas „Formos atsakymai 1“, 7 eilutė, stulpelis „Metai“")
    assert "„2025 m.“" in problem.message and "įrašykite" in problem.message


def test_cross_row_rules_see_rows_with_type_errors(workspace: Path) -> None:
    result = validate(workspace)
    unknown = by_rule(result, "nezinoma_biblioteka")  # row 7 failed typing, yet its library is still checked
    assert [(p.row, p.value) for p in unknown] == [(7, "NEZINOMA-B")]


@pytest.mark.parametrize(("content", "rule"), [(b"", "ne_xlsx"), (b"not a spreadsheet", "ne_xlsx"),
                                               (None, "nera_failo")])
def test_unreadable_workbooks_become_problems(tmp_path: Path, content: bytes | None, rule: str) -> None:
    create_workspace(tmp_path)
    path = tmp_path / "renginiai.xlsx"
    path.unlink()
    if content is not None:
        path.write_bytes(content)
    result = validate(tmp_path, "renginiai")
    assert result.unreadable
    assert [p.rule for p in result.problems] == [rule]


def test_missing_tab_and_missing_required_headers_list_what_is_expected(tmp_path: Path) -> None:
    create_workspace(tmp_path)
    book = Workbook()
    book.active.title = "Patalpos"
    book.active.append(["Patalpa", "Adresas"])
    book.save(tmp_path / "nuoma.xlsx")
    result = validate(tmp_path, "nuoma")
    missing_tab = next(p for p in result.problems if p.tab == "Užsakymai")
    assert missing_tab.rule == "nera_lapo" and "Patalpos" in missing_tab.message
    headers = next(p for p in result.problems if p.tab == "Patalpos")
    assert headers.rule == "truksta_stulpeliu"
    assert "„Vietų skaičius“" in headers.message and "Tarifas, Eur/val." in headers.message


def test_form_responses_from_a_csv_export(tmp_path: Path) -> None:
    create_workspace(tmp_path)
    header = ",".join(f'"{h}"' for h in ANSWER_HEADERS)
    row = answer("PNR-SVB", 2025, "2026/01/20 09:00:00")
    csv_row = ",".join("" if v is None else f'"{v}"' for v in row)
    (tmp_path / "atsakymai.csv").write_text(header + "\n" + csv_row + "\n", encoding="utf-8")
    settings = (tmp_path / "automations.toml").read_text(encoding="utf-8")
    settings += '\n[workbooks.teritorijos_statistika]\ntab_files = { "Formos atsakymai 1" = "atsakymai.csv" }\n'
    (tmp_path / "automations.toml").write_text(settings, encoding="utf-8")
    result = validate(tmp_path)
    rows = result.tabs["Formos atsakymai 1"].all_rows
    assert len(rows) == 1 and rows.loc[0, "laiko_zyme"] == dt.datetime(2026, 1, 20, 9, 0)
    assert rows.loc[0, "registruoti_vartotojai"] == 8000
    assert by_rule(result, "nezinoma_biblioteka")  # the blank workbook lists no libraries yet


def test_validate_command_json_and_exit_codes(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--workspace", str(workspace), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert set(problems[0]) == {"workbook", "tab", "row", "column", "value", "rule", "severity", "message"}
    assert any(p["severity"] == "klaida" and p["row"] == 5 for p in problems)
    clean = workspace.parent / "clean"
    create_workspace(clean)
    assert main(["validate", "--workspace", str(clean)]) == 0
    assert "OK" in capsys.readouterr().out


def test_validate_all_puts_the_reference_workbook_first(workspace: Path) -> None:
    results = validate_all(LocalBackend(load_settings(workspace)), ["konsultacijos"])
    assert list(results) == ["teritorijos_statistika", "konsultacijos"]


def test_workbooks_already_read_are_validated_before_one_still_being_read(workspace: Path) -> None:
    class StillReading(LocalBackend):
        def __init__(self, settings) -> None:
            super().__init__(settings)
            self.asked: list[str] = []

        def read_ready(self, name: str) -> bool:
            return name != "renginiai"

        def read_tabs(self, name, tabs):
            self.asked.append(name)
            return super().read_tabs(name, tabs)

    names = ["renginiai", "nuoma", "konsultacijos"]
    backend = StillReading(load_settings(workspace))
    results = validate_all(backend, names)
    assert backend.asked == ["teritorijos_statistika", "nuoma", "konsultacijos", "renginiai"]
    assert list(results) == ["teritorijos_statistika", "renginiai", "nuoma", "konsultacijos"]  # as named
    in_order = validate_all(LocalBackend(load_settings(workspace)), names)
    assert {name: result.problems for name, result in results.items()} == {
        name: result.problems for name, result in in_order.items()}
    assert all(results[name].frame(tab).equals(in_order[name].frame(tab))
               for name in results for tab in results[name].tabs)


def test_the_validate_command_starts_reading_before_pandas_loads(workspace: Path) -> None:
    watch = ("import sys\n"
             "from automations.backends.local import LocalBackend\n"
             "asked = []\n"
             "prefetch = LocalBackend.prefetch\n"
             "def watched(self, requests):\n"
             "    asked.append(('pandas' in sys.modules, list(requests)))\n"
             "    return prefetch(self, requests)\n"
             "LocalBackend.prefetch = watched\n"
             "from automations.cli import main\n"
             f"main(['validate', '--workspace', {str(workspace)!r}])\n"
             "print(asked[0])\n")
    done = subprocess.run([sys.executable, "-c", watch], capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[-1] == repr((False, ["teritorijos_statistika", *[
        name for name in WORKBOOK_NAMES if name != "teritorijos_statistika"]]))


def test_the_installed_command_prints_everything_and_exits_as_main_returns(
        workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``validate`` leaves without tearing the interpreter down: nothing printed may be lost."""
    expected = main(["validate", "--workspace", str(workspace), "--json"])
    printed = capsys.readouterr().out
    buffered = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-m", "automations.cli", "validate", "--workspace", str(workspace),
                           "--json"], capture_output=True, text=True, timeout=300, env=buffered)
    assert (done.returncode, done.stdout) == (expected, printed) == (1, printed)
    assert json.loads(done.stdout)

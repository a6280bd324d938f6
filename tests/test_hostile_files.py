"""Hostile files (issue 14): a lying <dimension>, damaged archives, a memory bomb, UTF-16 CSV, an output
folder that cannot be written, file modes, crash leftovers. Each is built here, then the CLI runs as at night."""

from __future__ import annotations

import codecs
import os
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from communication_support import table
from hostile_support import (
    ROOM,
    blank_workspace,
    booking,
    problems,
    rewrite_member,
    row_of,
    run_cli,
    sheet_member,
    write_book,
)
from tests_support import ANSWER_HEADERS, answer

from automations import files

INCOME = Path("ataskaitos/2026/Nuoma/Nuomos pajamos 2026.xlsx")


def rentals(workspace: Path, count: int = 18) -> Path:
    path = workspace / "nuoma.xlsx"
    write_book(path, "nuoma", {"Patalpos": [ROOM], "Užsakymai": [booking(n) for n in range(1, count + 1)]})
    return path


def test_1_an_understated_dimension_hides_no_rows(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    path = rentals(workspace)
    member = sheet_member(path, "Užsakymai")
    rewrite_member(path, member, lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B1"/>', xml))
    assert not [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    code, _, err = run_cli(capsys, "run", "nuoma", "--workspace", str(workspace))
    assert code == 0 and "Traceback" not in err
    bookings = table(workspace / INCOME, "Įvykdyti", "Užsakymo Nr.")
    assert len(bookings) == 18  # all of them, not the header only


DAMAGES = {
    "cut_off": lambda xml: xml[: len(xml) // 2],  # an interrupted sync
    "text_in_number": lambda xml: xml.replace(b"<v>80</v>", b"<v>astuoniasdesimt</v>", 1),
    "string_index": lambda xml: re.sub(rb'<c r="A2" t="inlineStr"><is><t>[^<]*</t></is></c>',
                                       b'<c r="A2" t="s"><v>999</v></c>', xml, count=1),
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_3_a_damaged_workbook_is_reported_and_other_jobs_still_run(tmp_path: Path, capsys, damage: str) -> None:
    workspace = blank_workspace(tmp_path)
    path = rentals(workspace)
    report = workspace / INCOME
    report.parent.mkdir(parents=True)
    report.write_bytes(b"last night's good report")
    rewrite_member(path, sheet_member(path, "Patalpos"), DAMAGES[damage])
    code, out, err = run_cli(capsys, "run", "nuoma", "konsultacijos", "--workspace", str(workspace))
    assert code == 1 and "Traceback" not in err
    assert "nuoma: FAILED: inputs could not be read" in out and "konsultacijos: ok" in out
    assert list((workspace / "ataskaitos/2026/Konsultacijos").glob("*.xlsx"))  # the other job's outputs
    assert report.read_bytes() == b"last night's good report"  # never replaced by an empty one
    found = [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    assert [p["rule"] for p in found] == ["failas_sugadintas"]
    assert "nuoma.xlsx sugadintas" in found[0]["message"] and "„Patalpos“" in found[0]["message"]
    assert "išsaugokite iš naujo" in found[0]["message"]


def test_3_a_raw_control_character_in_a_sheet_is_read_and_dropped(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    path = rentals(workspace, 2)
    member = sheet_member(path, "Užsakymai")
    rewrite_member(path, member, lambda xml: xml.replace(b"Kult\xc5\xabros", b"Kult\x01\xc5\xabros"))
    assert not [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    code, _, err = run_cli(capsys, "run", "nuoma", "--workspace", str(workspace))
    assert code == 0 and "Traceback" not in err
    assert [row["Nuomininkas"] for row in table(workspace / INCOME, "Įvykdyti", "Užsakymo Nr.")] == [
        "VšĮ „Kultūros erdvė 1“", "VšĮ „Kultūros erdvė 2“"]


BOMB = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (1536 << 20, 1536 << 20))
from automations.cli import main
sys.exit(main(["validate", "--json", "--workspace", sys.argv[1], "--today", "2026-11-22"]))
"""


@pytest.mark.parametrize(("last_cell", "refused"), [(b'<c r="XFD1048576"><v>1</v></c>', True),
                                                    (b'<c r="XFD1048576" s="1"/>', False)])
def test_4_a_sheet_reaching_the_last_cell_cannot_take_the_memory(tmp_path: Path, last_cell: bytes,
                                                                  refused: bool) -> None:
    workspace = blank_workspace(tmp_path)
    path = rentals(workspace, 3)

    def bomb(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace(b"</sheetData>", b'<row r="1048576">' + last_cell + b"</row></sheetData>")

    rewrite_member(path, sheet_member(path, "Užsakymai"), bomb)
    assert path.stat().st_size < 20_000
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(BOMB), str(workspace)], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "OPENBLAS_NUM_THREADS": "1"})
    assert "Traceback" not in done.stderr and "memory allocation" not in done.stderr
    import json
    found = [p for p in json.loads(done.stdout) if p["workbook"] == "nuoma"]
    if refused:
        assert done.returncode == 1
        assert [(p["tab"], p["rule"]) for p in found] == [("—", "per_didelis")]
        assert "XFD1048576" in found[0]["message"] and "„Užsakymai“" in found[0]["message"]
    else:  # a formatted but empty last cell is trimmed while reading: the sheet reads normally
        assert not found


def test_4_rows_beyond_the_limit_get_a_clear_message(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    rentals(workspace, 150)
    with (workspace / "automations.toml").open("a", encoding="utf-8") as settings:
        settings.write("\n[limits]\nmax_rows = 100\n")
    found = [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    assert [p["rule"] for p in found] == ["per_didelis"] and "limits.max_rows" in found[0]["message"]


def _statistics_csv(workspace: Path, content: bytes) -> None:
    (workspace / "atsakymai.csv").write_bytes(content)
    with (workspace / "automations.toml").open("a", encoding="utf-8") as settings:
        settings.write('\n[workbooks.teritorijos_statistika]\ntab_files = { "Formos atsakymai 1" = "atsakymai.csv" }\n')


def test_5_excel_unicode_text_utf16_csv_is_read(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    row = answer("PNR-SVB", 2025, "2026-01-20 09:00:00", **{"Paaiškinimas": "Biržų ir Šiaulių"})
    lines = ["\t".join(ANSWER_HEADERS), "\t".join("" if value is None else str(value) for value in row)]
    _statistics_csv(workspace, codecs.BOM_UTF16_LE + "\r\n".join(lines).encode("utf-16-le"))
    found = [p for p in problems(capsys, workspace) if p["tab"] == "Formos atsakymai 1"]
    assert {p["rule"] for p in found} == {"nezinoma_biblioteka"}  # read: only the empty library list is missing
    assert found[0]["row"] == 2


def test_5_a_csv_that_is_not_text_says_what_to_save_it_as(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    _statistics_csv(workspace, b"\x00\x01\x02\xff" * 400)
    found = [p for p in problems(capsys, workspace) if p["tab"] == "Formos atsakymai 1"]
    assert [p["rule"] for p in found] == ["ne_csv"] and "CSV UTF-8" in found[0]["message"]


def test_6_an_output_folder_that_is_a_file_stops_the_run_with_one_message(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    (workspace / "ataskaitos").write_text("not a folder")
    code, _, err = run_cli(capsys, "run", "--all", "--workspace", str(workspace))
    assert code == 2 and "Traceback" not in err
    assert f"{workspace / 'ataskaitos'} is a file, not a folder" in err and "output_dir" in err
    assert (workspace / "ataskaitos").read_text() == "not a folder"


def test_6_an_output_folder_without_write_permission(tmp_path: Path, capsys, monkeypatch) -> None:
    workspace = blank_workspace(tmp_path)
    (workspace / "ataskaitos").mkdir()

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)  # root ignores modes: imitate what others get
    code, _, err = run_cli(capsys, "run", "konsultacijos", "--workspace", str(workspace))
    assert code == 2 and "Traceback" not in err
    assert str(workspace / "ataskaitos") in err and "Permission denied" in err and "not writable (mode" in err
    assert not list((workspace / "ataskaitos").rglob("*"))  # nothing half-written


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o027, 0o640)])
def test_10_outputs_follow_the_umask(tmp_path: Path, capsys, umask: int, mode: int) -> None:
    workspace = blank_workspace(tmp_path)
    previous = os.umask(umask)
    try:
        code, _, _ = run_cli(capsys, "run", "konsultacijos", "--workspace", str(workspace))
    finally:
        os.umask(previous)
    assert code == 0
    written = [path for path in (workspace / "ataskaitos").rglob("*") if path.is_file()]
    assert written and {path.stat().st_mode & 0o777 for path in written} == {mode}


def test_15_temporary_files_a_crash_left_are_removed(tmp_path: Path, capsys) -> None:
    workspace = blank_workspace(tmp_path)
    folder = workspace / "ataskaitos" / "2026" / "Konsultacijos"
    folder.mkdir(parents=True)
    stale, fresh = folder / ".tmp-crashed", folder / ".tmp-writing-now"
    stale.write_bytes(b"half a report")
    fresh.write_bytes(b"another run is writing this")
    os.utime(stale, (time.time() - 2 * 3600, time.time() - 2 * 3600))
    code, _, _ = run_cli(capsys, "run", "konsultacijos", "--workspace", str(workspace))
    assert code == 0 and not stale.exists() and fresh.exists()


def test_rows_of_a_sheet_are_numbered_as_the_sheet_numbers_them(tmp_path: Path, capsys) -> None:
    """calamine reads from A1 even when the data start lower, so row numbers in messages stay the sheet's."""
    workspace = blank_workspace(tmp_path)
    path = workspace / "nuoma.xlsx"
    write_book(path, "nuoma", {"Patalpos": [ROOM], "Užsakymai": [[], [], booking(1, **{"Būsena": "gal"})]})
    found = [p for p in problems(capsys, workspace) if p["workbook"] == "nuoma"]
    assert [(p["row"], p["column"]) for p in found] == [(4, "Būsena")]
    assert row_of("nuoma", "Užsakymai")  # the helper keeps header order

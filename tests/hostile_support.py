"""Building hostile inputs in code (openpyxl, zipfile) and running the CLI on them as a night run would."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from automations.cli import main
from automations.workspace import create_workspace
from sheets_schema import workbook

TODAY = "2026-11-22"
ROOM = ["Konferencijų salė", "Respublikos g. 14", 80, 45, None, "Ne"]


def blank_workspace(folder: Path) -> Path:
    create_workspace(folder)
    return folder


def write_book(path: Path, name: str, rows: dict[str, list[list[Any]]]) -> None:
    """A workbook with every tab of ``name`` (headers first), ``rows`` below the headers."""
    book = Workbook()
    book.remove(book.active)
    for model in workbook(name).tabs:
        sheet = book.create_sheet(model.tab)
        sheet.append(model.headers())
        for row in rows.get(model.tab, []):
            sheet.append(row)
    book.save(path)


def row_of(name: str, tab: str, **values: Any) -> list[Any]:
    """A row in the tab's header order from {header: value} (use headers with spaces via a dict)."""
    return [values.get(header) for header in workbook(name).tab(tab).headers()]


def booking(number: int, **changes: Any) -> list[Any]:
    values = {"Užsakymo Nr.": f"NUOM-2026-{number:03d}", "Paraiškos data": dt.date(2026, 1, 5),
              "Būsena": "įvykdyta", "Nuomininkas": f"VšĮ „Kultūros erdvė {number}“", "Nuomininko tipas": "NVO",
              "Įmonės kodas": "300000001", "Atstovas": "Jonas Jonaitis", "Atstovo pareigos": "direktorius",
              "Atstovavimo pagrindas": "įstatai",
              "Sutarties Nr.": f"S-2026-{number:03d}", "Patalpa": ROOM[0], "Paskirtis": "seminaras",
              "Data": dt.date(2026, 3, 1) + dt.timedelta(days=number),
              "Nuo": "10:00", "Iki": "12:00", **changes}
    return row_of("nuoma", "Užsakymai", **values)


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Replace one part of an xlsx (zip) archive, the others copied as they are."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info.filename, change(data) if info.filename == member else data)


def sheet_member(path: Path, tab: str) -> str:
    """The archive part holding a tab (openpyxl writes sheetN.xml in tab order)."""
    names = load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(tab) + 1}.xml"


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--today", TODAY])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def problems(capsys, workspace: Path) -> list[dict]:
    code = main(["validate", "--workspace", str(workspace), "--json", "--today", TODAY])
    out = capsys.readouterr().out
    assert code in (0, 1)
    return json.loads(out)


def sheet_rows(content: bytes | Path, tab: str) -> list[tuple]:
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    return list(load_workbook(source, read_only=True)[tab].iter_rows(values_only=True))

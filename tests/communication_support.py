"""Helpers for the Communication department's job tests: tiny typed frames, reading outputs back."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from docx import Document
from openpyxl import load_workbook

from sheets_schema.base import SheetModel

# Recounts read cells here, without the project's parsers: a parser that went wrong must not also
# change the expected figure. Only what the demo types is handled (typed_date, typed_int).
TEXT_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")


def day(value: Any) -> dt.date | None:
    """A date cell as the demo types it: a date cell, or text 2026-03-05, 2026.03.05, 2026/03/05."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    year, month, date = TEXT_DATE.fullmatch(str(value).strip()).groups()
    return dt.date(int(year), int(month), int(date))


def count(value: Any) -> int:
    """A count cell as the demo types it: a number, or text with (no-break) space thousands "12 345"; blank = 0."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, str):
        return int(value.replace("\u00a0", "").replace(" ", ""))
    assert float(value) == int(value), value
    return int(value)


@dataclass(frozen=True)
class Days:
    """Dates ``start``..``end`` inclusive, for recounts: ``day(cell) in Days(...)``."""

    start: dt.date
    end: dt.date

    def __contains__(self, value: object) -> bool:
        return isinstance(value, dt.date) and self.start <= value <= self.end


SO_FAR_2026 = Days(dt.date(2026, 1, 1), dt.date(2026, 11, 22))  # the demo's report year up to its report date


def frame_of(model: type[SheetModel], rows: list[dict[str, Any]], first_row: int = 2) -> pd.DataFrame:
    """Rows typed as staff would (Lithuanian headers), parsed by the real model, as a job receives them."""
    records = []
    for number, row in enumerate(rows, start=first_row):
        record = dict(model.model_validate(row).__dict__)
        record["_row"] = number
        records.append(record)
    return pd.DataFrame.from_records(records, columns=[*model.model_fields, "_row"])


def input_rows(path: Path, tab: str) -> list[tuple[int, dict]]:
    """(sheet row number, {header: value}) for every non-empty row of an input tab."""
    sheet = load_workbook(path, data_only=True)[tab]
    rows = list(sheet.iter_rows(values_only=True))
    header = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    return [(number, dict(zip(header, row, strict=False))) for number, row in enumerate(rows[1:], start=2)
            if any(value is not None for value in row)]


def table(path: Path, sheet: str, first_header: str) -> list[dict]:
    """An output sheet's rows below its header row (the first row whose first cell is ``first_header``)."""
    rows = list(load_workbook(path, data_only=True)[sheet].iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row and row[0] == first_header)
    header = rows[start]
    return [dict(zip(header, row, strict=False)) for row in rows[start + 1:] if any(v is not None for v in row)]


def all_text(path: Path) -> str:
    """Every string of a docx (paragraphs and tables) or xlsx (all cells), for asserting on content."""
    if path.suffix == ".docx":
        document = Document(path)
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for t in document.tables for row in t.rows for cell in row.cells]
        parts += [p.text for section in document.sections for p in section.header.paragraphs]
        return "\n".join(parts)
    if path.suffix == ".xlsx":
        book = load_workbook(path, data_only=True)
        return "\n".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    return path.read_text(encoding="utf-8")


def outputs(workspace: Path, report) -> list[Path]:
    return [Path(item.location) for run in report.jobs for item in run.published]


def to_pdf(path: Path, folder: Path) -> Path | None:
    """Convert with LibreOffice when it is installed; None when it is not."""
    office = shutil.which("soffice")
    if office is None:
        return None
    subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder / 'lo-profile'}", "--convert-to",
                    "pdf", "--outdir", str(folder), str(path)], check=True, timeout=120, capture_output=True)
    return folder / (path.stem + ".pdf")

"""Put a local workspace's .xlsx inputs into the imitation, as if people had typed them into Google.

Dates, times and date-times become serial numbers (days since 1899-12-30), the way Sheets
stores them; a form tab can also become a Google Form whose answers are text, as the Forms
API returns them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from automations.config import GoogleSettings, Settings, WorkbookSource, load_settings
from sheets_schema import workbooks

from .drive import FOLDER, SPREADSHEET, new_id
from .server import FakeGoogle
from .sheets_model import Cell, Sheet, Spreadsheet, format_number, json_number

EPOCH = dt.datetime(1899, 12, 30)


def serial(value: dt.date | dt.datetime | dt.time) -> float | int:
    """Sheets' serial number of a date, date-time or time of day."""
    if isinstance(value, dt.datetime):
        return (value - EPOCH).total_seconds() / 86400
    if isinstance(value, dt.date):
        return (value - EPOCH.date()).days
    return (value.hour * 3600 + value.minute * 60 + value.second) / 86400


def cell_of(value: Any) -> Cell | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return Cell({"boolValue": value}, {"boolValue": value}, "TRUE" if value else "FALSE")
    if isinstance(value, dt.date | dt.datetime | dt.time):
        number = serial(value)
        return Cell({"numberValue": number}, {"numberValue": number}, str(value))
    if isinstance(value, int | float | Decimal):
        number = json_number(float(value)) if not isinstance(value, int) else value
        return Cell({"numberValue": number}, {"numberValue": number}, format_number(float(number)))
    return Cell({"stringValue": str(value)}, {"stringValue": str(value)}, str(value))


def load_xlsx(fake: FakeGoogle, path: Path, title: str) -> str:
    """A new spreadsheet holding every tab of the .xlsx file; returns its id."""
    spreadsheet_id = new_id()
    fake.drive.add(title, SPREADSHEET, file_id=spreadsheet_id)
    book = Spreadsheet.new(spreadsheet_id, title)
    book.sheets.clear()
    source = load_workbook(path, data_only=True)
    for index, worksheet in enumerate(source.worksheets):
        rows = [list(row) for row in worksheet.iter_rows(values_only=True)]
        width = max((len(row) for row in rows), default=0)
        sheet = Sheet({"sheetId": index * 1000 + 17 if index else 0, "title": worksheet.title, "index": index,
                       "sheetType": "GRID",
                       "gridProperties": {"rowCount": max(1000, len(rows)), "columnCount": max(26, width)}})
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = cell_of(value)
                if cell is not None:
                    sheet.cells[(r, c)] = cell
        book.sheets.append(sheet)
    fake.books[spreadsheet_id] = book
    return spreadsheet_id


def form_answer(value: Any) -> Any:
    """What the Forms API returns for a typed answer: text."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value if value is None else str(value)


def load_form(fake: FakeGoogle, path: Path, tab: str, title: str) -> str:
    """A Google Form whose questions are the tab's headers and whose responses are its rows."""
    rows = [list(row) for row in load_workbook(path, data_only=True)[tab].iter_rows(values_only=True)]
    header = [str(cell).strip() for cell in rows[0] if cell is not None]
    questions = [name for name in header if name not in ("Laiko žymė", "El. pašto adresas")]
    form = fake.forms.create(new_id(), title, questions)
    for row in rows[1:]:
        values = dict(zip(header, row, strict=False))
        if not any(value not in (None, "") for value in values.values()):
            continue
        stamp = values.get("Laiko žymė")
        submitted = stamp if isinstance(stamp, dt.datetime) else dt.datetime(2026, 1, 1, 12, 0)
        form.add_response({name: form_answer(values.get(name)) for name in questions}, submitted,
                          values.get("El. pašto adresas"))
    return form.form_id


@dataclass
class LoadedWorkspace:
    sources: dict[str, WorkbookSource]
    folder_id: str


def load_workspace(fake: FakeGoogle, workspace: Path, forms: bool = False) -> LoadedWorkspace:
    """Every workbook of the workspace as a spreadsheet (and with ``forms`` its form tab as a form)."""
    sources: dict[str, WorkbookSource] = {}
    for name, spec in workbooks().items():
        path = workspace / f"{name}.xlsx"
        if not path.exists():
            continue
        spreadsheet_id = load_xlsx(fake, path, spec.title)
        form_tabs = [model.tab for model in spec.tabs if model.form]
        form_id = load_form(fake, path, form_tabs[0], spec.title) if forms and form_tabs else None
        sources[name] = WorkbookSource(spreadsheet_id=spreadsheet_id, form_id=form_id)
    shared_drive = "0A" + new_id()[:17]
    folder = fake.drive.add("Ataskaitos", FOLDER, [shared_drive], driveId=shared_drive)
    return LoadedWorkspace(sources, folder["id"])


def google_settings(workspace: Path, loaded: LoadedWorkspace, **google: Any) -> Settings:
    """The workspace's own settings, switched to the Google backend and the loaded ids."""
    settings = load_settings(workspace)
    options = {"drive_folder_id": loaded.folder_id, **google}
    return settings.model_copy(update={"backend": "google", "workbooks": dict(loaded.sources),
                                       "google": GoogleSettings(**options)})


def add_spreadsheet(fake: FakeGoogle, title: str, tabs: dict[str, list[list[Any]]]) -> str:
    """A spreadsheet with the given tabs' rows (Python values, dates as Sheets stores them)."""
    spreadsheet_id = new_id()
    fake.drive.add(title, SPREADSHEET, file_id=spreadsheet_id)
    book = fake.books[spreadsheet_id]
    book.sheets.clear()
    for index, (tab, rows) in enumerate(tabs.items()):
        sheet = Sheet({"sheetId": 100 + index, "title": tab, "index": index, "sheetType": "GRID",
                       "gridProperties": {"rowCount": max(1000, len(rows)), "columnCount": 26}})
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = cell_of(value)
                if cell is not None:
                    sheet.cells[(r, c)] = cell
        book.sheets.append(sheet)
    return spreadsheet_id

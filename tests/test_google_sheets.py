"""Reading tabs from Google Sheets and writing feedback into them, against the imitation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fake_google import FakeGoogle
from fake_google.loader import add_spreadsheet

from automations.backends.base import InputError
from automations.config import GoogleSettings, Settings, WorkbookSource
from automations.runner import write_feedback
from automations.tables import RawSheet
from automations.validation import validate_all
from sheets_schema import workbook

EVENTS = workbook("renginiai")
HEADERS = {model.tab: model.headers() for model in EVENTS.tabs}
FORMULA = '=IMPORTXML("http://example.com", "//a")'


def event_row(**changes: object) -> list[object]:
    values = {"Data": dt.date(2026, 3, 5), "Pradžia": dt.time(14, 30), "Pavadinimas": "Knygos pristatymas",
              "Tipas": "knygos pristatymas", "Forma": "kontaktinis", "Vieta": "Centriniai rūmai",
              "Organizatorius": "PAVB", "Tikslinė grupė": "suaugusieji", "Būsena": "įvyko", **changes}
    return [values.get(header) for header in HEADERS["Renginiai"]]


def events_spreadsheet(fake: FakeGoogle, *rows: list[object]) -> str:
    return add_spreadsheet(fake, "Renginiai", {"Renginiai": [HEADERS["Renginiai"], *rows],
                                               "Parodos": [HEADERS["Parodos"]],
                                               "ekskursijos ": [HEADERS["Ekskursijos"]]})


def settings_for(tmp_path: Path, spreadsheet_id: str) -> Settings:
    settings = Settings(backend="google", workbooks={
        "renginiai": WorkbookSource(spreadsheet_id=spreadsheet_id),
        "teritorijos_statistika": WorkbookSource(spreadsheet_id="not-loaded"),
    }, google=GoogleSettings(drive_folder_id="root"))
    settings.workspace = tmp_path
    return settings


def test_one_metadata_and_one_batch_get_per_spreadsheet(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row())
    backend = make_google_backend(settings_for(tmp_path, spreadsheet_id))
    sheets = backend.read_tabs("renginiai", ["Renginiai", "Parodos", "Ekskursijos"])
    assert [entry.kind for entry in fake_google.log] == ["spreadsheets.get", "values.batchGet"]
    query = fake_google.log[1].query
    assert query["valueRenderOption"] == ["UNFORMATTED_VALUE"]
    assert query["dateTimeRenderOption"] == ["SERIAL_NUMBER"]
    assert isinstance(sheets["Ekskursijos"], RawSheet)  # titles match as locally: case and spaces aside
    row = sheets["Renginiai"].cells[1]
    assert row[0] == 46086  # 2026-03-05 as a serial number: no locale involved
    assert row[1] == pytest.approx(14.5 / 24)


def test_a_missing_tab_is_an_input_error(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = add_spreadsheet(fake_google, "Renginiai", {"Renginiai": [HEADERS["Renginiai"]]})
    sheets = make_google_backend(settings_for(tmp_path, spreadsheet_id)).read_tabs("renginiai", ["Parodos"])
    assert isinstance(sheets["Parodos"], InputError)
    assert "nėra lapo „Parodos“" in str(sheets["Parodos"])


def _validate_and_feedback(backend) -> dict:
    results = validate_all(backend, ["renginiai"])
    results = {"renginiai": results["renginiai"]}
    return {"results": results, "feedback": write_feedback(backend, results)}


def test_feedback_marks_the_bad_cells_in_one_batch_update(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(), event_row(Data="kitą savaitę"))
    settings = settings_for(tmp_path, spreadsheet_id)
    mark = fake_google.mark()
    run = _validate_and_feedback(make_google_backend(settings))
    kinds = [entry.kind for entry in fake_google.since(mark) if entry.target == spreadsheet_id]
    # metadata, values, then the notes and colours of the cells about to be marked, then one write
    assert kinds == ["spreadsheets.get", "values.batchGet", "spreadsheets.get", "spreadsheets.batchUpdate"]
    book = fake_google.books[spreadsheet_id]
    bad = book.sheet_by_title("Renginiai").get(2, 0)
    assert bad.entered == {"stringValue": "kitą savaitę"}  # the typed value is untouched
    assert "klaida" in bad.note and "2026-03-05" in bad.note
    assert bad.format["backgroundColor"]
    assert book.sheet_by_title("Renginiai").get(1, 0).note is None
    klaidos = book.sheet_by_title("Klaidos")
    header = [klaidos.get(4, col).entered["stringValue"] for col in range(9)]
    assert header == ["Lapas", "Eilutė", "Stulpelis", "Reikšmė", "Svarba", "Taisyklė", "Ką pataisyti", "Langelis",
                      "Buvusi spalva"]
    listed = {klaidos.get(row, 7).entered["stringValue"]: klaidos.get(row, 1).entered
              for row in range(5, 20) if klaidos.get(row, 7)}
    assert listed["'Renginiai'!A3"] == {"numberValue": 3}
    assert run["feedback"][0].written


def test_fixed_cells_lose_their_note_and_unchanged_feedback_is_not_rewritten(
        fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data="kitą savaitę"))
    settings = settings_for(tmp_path, spreadsheet_id)
    _validate_and_feedback(make_google_backend(settings))
    mark = fake_google.mark()
    again = _validate_and_feedback(make_google_backend(settings))
    assert [entry for entry in fake_google.since(mark) if entry.write] == []
    assert not again["feedback"][0].written
    sheet = fake_google.books[spreadsheet_id].sheet_by_title("Renginiai")
    sheet.cells[(1, 0)].entered = sheet.cells[(1, 0)].effective = {"numberValue": 46086}  # someone fixes it
    _validate_and_feedback(make_google_backend(settings))
    fixed = fake_google.books[spreadsheet_id].sheet_by_title("Renginiai").get(1, 0)
    assert fixed.note is None and not fixed.format
    assert fixed.entered == {"numberValue": 46086}
    klaidos = fake_google.books[spreadsheet_id].sheet_by_title("Klaidos")
    texts = [cell.entered.get("stringValue") for cell in klaidos.cells.values() if cell.entered]
    assert "'Renginiai'!A2" not in texts and "kitą savaitę" not in texts


def test_formula_looking_user_text_is_written_as_data(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data=FORMULA))
    _validate_and_feedback(make_google_backend(settings_for(tmp_path, spreadsheet_id)))
    klaidos = fake_google.books[spreadsheet_id].sheet_by_title("Klaidos")
    values = [cell.entered for cell in klaidos.cells.values() if cell.entered]
    assert {"stringValue": FORMULA} in values
    assert not any("formulaValue" in value for value in values)

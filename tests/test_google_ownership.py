"""Issue 13 items 6 and 7: people's own content stays theirs; a messy import still gets feedback.

The backend owns only what it marks: its feedback tab carries developer metadata (a tab people
called ``Klaidos`` themselves is left alone and another title is used), its note lines start
with a recognisable prefix (a person's note on the same cell survives, before and after), and
a cell's own colour is given back when the problem is fixed. Thousands of problems of one kind
are capped per rule and tab with a summary row, and every batchUpdate stays under 1 MB, even
when the imitation refuses bodies over 2 MB (Google's recommended maximum) as Google may.
"""

from __future__ import annotations

import datetime as dt

from fake_google.sheets_model import Sheet
from test_google_sheets import HEADERS, _validate_and_feedback, event_row, events_spreadsheet, settings_for

from automations.backends.google_marks import NOTE_PREFIX, hex_colour
from automations.backends.google_sheets import split_batches
from automations.backends.google_state import FEEDBACK_KEY

THEIR_COLOUR = {"red": 1.0, "green": 229 / 255, "blue": 153 / 255}  # #ffe599, a person's own highlight


def _writes(fake, mark: int) -> list:
    return [entry for entry in fake.since(mark) if entry.write]


def _ours(book) -> list:
    return [sheet for sheet in book.sheets
            if any(item["metadataKey"] == FEEDBACK_KEY for item in sheet.extra.get("developerMetadata", []))]


def _texts(sheet: Sheet) -> dict:
    return {key: cell.entered for key, cell in sheet.cells.items() if cell.entered}


def _their_klaidos(fake, spreadsheet_id: str) -> Sheet:
    book = fake.books[spreadsheet_id]
    sheet = Sheet({"sheetId": 900, "title": "Klaidos", "index": len(book.sheets), "sheetType": "GRID",
                   "gridProperties": {"rowCount": 1000, "columnCount": 26}})
    book.sheets.append(sheet)
    from fake_google.loader import cell_of
    for r, row in enumerate([["Mūsų klaidų žurnalas"], ["2026-01-05", "sugedo spausdintuvas"]]):
        for c, value in enumerate(row):
            sheet.cells[(r, c)] = cell_of(value)
    return sheet


def test_a_tab_people_called_klaidos_is_left_alone(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data="kitą savaitę"))
    theirs = _their_klaidos(fake_google, spreadsheet_id)
    before = _texts(theirs)
    settings = settings_for(tmp_path, spreadsheet_id)
    _validate_and_feedback(make_google_backend(settings))
    book = fake_google.books[spreadsheet_id]
    theirs = book.sheet_by_title("Klaidos")
    assert _texts(theirs) == before and not theirs.extra.get("developerMetadata")
    (ours,) = _ours(book)
    assert ours.title == "Klaidos (automatika)" and "kitą savaitę" in str(_texts(ours))
    mark = fake_google.mark()
    _validate_and_feedback(make_google_backend(settings))
    assert _writes(fake_google, mark) == []
    ours.properties["title"] = "Automatikos pastabos"  # someone renames our tab: it is still ours
    mark = fake_google.mark()
    again = _validate_and_feedback(make_google_backend(settings))
    assert _writes(fake_google, mark) == [] and not again["feedback"][0].written
    assert len(book.sheets) == 5 and _texts(book.sheet_by_title("Klaidos")) == before


def _cell(fake, spreadsheet_id: str, row: int, col: int):
    """A cell as it is now (a batchUpdate replaces the imitation's objects, all or nothing)."""
    return fake.books[spreadsheet_id].sheet_by_title("Renginiai").cells.get((row, col))


def test_a_persons_note_and_colour_survive_marking_and_come_back(fake_google, make_google_backend,
                                                                 tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(), event_row(Data="kitą savaitę"))
    bad, other = _cell(fake_google, spreadsheet_id, 2, 0), _cell(fake_google, spreadsheet_id, 1, 3)
    bad.note, bad.format = "Patikrinti su Jonu", {"backgroundColor": dict(THEIR_COLOUR)}
    other.note = "Savo pastaba"  # on a cell nobody marks
    settings = settings_for(tmp_path, spreadsheet_id)
    _validate_and_feedback(make_google_backend(settings))
    bad, other = _cell(fake_google, spreadsheet_id, 2, 0), _cell(fake_google, spreadsheet_id, 1, 3)
    their_note, our_part = bad.note.split("\n\n")
    assert their_note == "Patikrinti su Jonu" and our_part.startswith(NOTE_PREFIX + "klaida: ")
    assert bad.format["backgroundColor"] != THEIR_COLOUR and other.note == "Savo pastaba"
    klaidos = _ours(fake_google.books[spreadsheet_id])[0]
    assert any(cell.entered == {"stringValue": "#ffe599"} for cell in klaidos.cells.values() if cell.entered)
    bad.entered = bad.effective = {"numberValue": 46090}  # someone fixes the date
    _validate_and_feedback(make_google_backend(settings))
    bad, other = _cell(fake_google, spreadsheet_id, 2, 0), _cell(fake_google, spreadsheet_id, 1, 3)
    assert bad.note == "Patikrinti su Jonu" and hex_colour(bad.format["backgroundColor"]) == "#ffe599"
    assert bad.entered == {"numberValue": 46090} and other.note == "Savo pastaba"


def test_a_colour_changed_while_marked_is_not_overwritten(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data="kitą savaitę"))
    settings = settings_for(tmp_path, spreadsheet_id)
    _validate_and_feedback(make_google_backend(settings))
    cell = _cell(fake_google, spreadsheet_id, 1, 0)
    cell.format = {"backgroundColor": {"red": 0.0, "green": 1.0, "blue": 0.0}}  # a person recolours it
    cell.entered = cell.effective = {"numberValue": 46090}
    _validate_and_feedback(make_google_backend(settings))
    cell = _cell(fake_google, spreadsheet_id, 1, 0)
    assert cell.format == {"backgroundColor": {"red": 0.0, "green": 1.0, "blue": 0.0}} and cell.note is None


def test_feedback_written_before_the_ownership_mark_is_adopted(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data="kitą savaitę"))
    settings = settings_for(tmp_path, spreadsheet_id)
    _validate_and_feedback(make_google_backend(settings))
    book = fake_google.books[spreadsheet_id]
    (ours,) = _ours(book)
    ours.extra["developerMetadata"] = []  # as an earlier version of the backend left it
    cell = _cell(fake_google, spreadsheet_id, 1, 0)
    cell.note = "klaida: senos versijos pastaba"  # an old unprefixed note line
    cell.entered = cell.effective = {"numberValue": 46090}
    _validate_and_feedback(make_google_backend(settings))
    book = fake_google.books[spreadsheet_id]
    assert [sheet.title for sheet in _ours(book)] == ["Klaidos"] and len(book.sheets) == 4
    cell = _cell(fake_google, spreadsheet_id, 1, 0)
    assert cell.note is None and not cell.format


def _messy_spreadsheet(fake, rows: int) -> str:
    """A first import where a whole date column came in as text."""
    start = dt.time(10, 0)
    return events_spreadsheet(fake, *[event_row(Data=f"{1 + i % 28}.{1 + i % 12}.2026 (tekstas)",
                                                Pavadinimas=f"Renginys nr. {i}", Pradžia=start) for i in range(rows)])


def test_five_thousand_problems_are_capped_and_split_under_a_megabyte(fake_google, make_google_backend,
                                                                      tmp_path) -> None:
    spreadsheet_id = _messy_spreadsheet(fake_google, 5000)
    fake_google.max_request_bytes = 2_000_000
    settings = settings_for(tmp_path, spreadsheet_id)
    run = _validate_and_feedback(make_google_backend(settings))
    assert run["feedback"][0].written
    writes = [entry for entry in fake_google.log if entry.kind == "spreadsheets.batchUpdate"]
    assert writes and all(entry.status == 200 and entry.size < 1_000_000 for entry in writes)
    book = fake_google.books[spreadsheet_id]
    marked = [cell for cell in book.sheet_by_title("Renginiai").cells.values() if cell.note]
    problems = run["results"]["renginiai"].problems
    assert len(problems) >= 5000
    assert 0 < len(marked) <= 100 * len({(p.tab, p.rule) for p in problems})
    summary = [cell.entered["stringValue"] for cell in _ours(book)[0].cells.values()
               if cell.entered and "tokių pat problemų" in cell.entered.get("stringValue", "")]
    assert summary and "tik pirmieji 100" in summary[0]
    mark = fake_google.mark()
    _validate_and_feedback(make_google_backend(settings))
    assert _writes(fake_google, mark) == []


def test_the_cap_is_a_setting(fake_google, make_google_backend, tmp_path) -> None:
    spreadsheet_id = _messy_spreadsheet(fake_google, 300)
    settings = settings_for(tmp_path, spreadsheet_id)
    settings.google.feedback_marks_per_rule = 20
    _validate_and_feedback(make_google_backend(settings))
    notes = [cell for cell in fake_google.books[spreadsheet_id].sheet_by_title("Renginiai").cells.values() if cell.note]
    assert len(notes) == 20


def test_batches_keep_their_order_and_stay_under_the_limit() -> None:
    requests = [{"updateCells": {"rows": [{"values": [{"note": "x" * 1000}]}], "n": i}} for i in range(100)]
    batches = split_batches(requests, limit=10_000)
    assert [request for batch in batches for request in batch] == requests
    assert len(batches) > 1 and all(len(str(batch)) < 10_000 for batch in batches)
    assert HEADERS["Renginiai"][0] == "Data"

"""Issue 13 item 5: the certificate register survives a ``convert_to_google_formats`` switch.

Outputs keep the form they were first published in (``.xlsx``/``.docx``, or a Google
Sheet/Doc) when the setting changes: a state file such as the certificate register is found
and read in either form, updated in place, and a second register is never created. Two
forms with different contents are refused rather than read, so numbers are never issued
again from the wrong copy.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePosixPath

import pytest
from conftest_google import DEMO_TODAY
from fake_google.drive import FOLDER, new_id
from fake_google.loader import LoadedWorkspace, google_settings, load_xlsx

from automations.backends.google_drive import CONVERTED
from automations.config import WorkbookSource
from automations.register import NOT_REISSUED, read_register
from automations.runner import run_jobs
from jobs import all_jobs

REGISTER = "Pažymėjimų registras 2026"
KEEP_PARTICIPANTS = 12


def _trim_participants(fake, spreadsheet_id: str, keep: int) -> None:
    """Keep the header and the first ``keep`` participants, so each run renders few certificates."""
    sheet = fake.books[spreadsheet_id].sheet_by_title("Dalyviai")
    header = next(r for (r, c), cell in sorted(sheet.cells.items())
                  if cell.entered and cell.entered.get("stringValue") == "Vardas, pavardė")
    sheet.cells = {(r, c): cell for (r, c), cell in sheet.cells.items() if r <= header + keep}


@pytest.fixture
def training_setup(fake_google, demo_workspace):
    """Only the demo's training workbook in Google, with a shared-drive output folder."""
    spreadsheet_id = load_xlsx(fake_google, demo_workspace / "kvalifikacija.xlsx", "Kvalifikacija")
    drive = "0A" + new_id()[:17]
    folder = fake_google.drive.add("Ataskaitos", FOLDER, [drive], driveId=drive)
    loaded = LoadedWorkspace({"kvalifikacija": WorkbookSource(spreadsheet_id=spreadsheet_id)}, folder["id"])
    _trim_participants(fake_google, spreadsheet_id, KEEP_PARTICIPANTS)
    return loaded, google_settings(demo_workspace, loaded)


def _run(make_google_backend, settings):
    report = run_jobs(settings, [all_jobs()["kvalifikacija"]], backend=make_google_backend(settings),
                      on_date=DEMO_TODAY)
    assert report.jobs[0].ok, report.jobs[0].error
    return report.jobs[0]


def _converted(settings, on: bool):
    return settings.model_copy(update={"google": settings.google.model_copy(update={"convert_to_google_formats": on})})


def _outputs(fake, root: str) -> Counter:
    """Every output path in either form (a converted file counts under its original name)."""
    found: Counter = Counter()
    originals = {google: plain for plain, google in CONVERTED.items()}
    suffixes = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx"}

    def walk(folder: str, prefix: str) -> None:
        for item in fake.drive.files.values():
            meta = item.meta
            if folder in meta.get("parents", []) and not meta.get("trashed"):
                if meta["mimeType"] == FOLDER:
                    walk(meta["id"], f"{prefix}{meta['name']}/")
                else:
                    plain = originals.get(meta["mimeType"])
                    found[f"{prefix}{meta['name']}{suffixes[plain] if plain else ''}"] += 1
    walk(root, "")
    return found


def _register(fake) -> tuple[str, list]:
    (item,) = [item for item in fake.drive.files.values() if item.meta["name"].startswith(REGISTER)
               and not item.meta.get("trashed")]
    return item.meta["id"], read_register(item.content)


def test_switching_conversion_keeps_one_register_and_every_number(fake_google, make_google_backend,
                                                                  training_setup) -> None:
    loaded, plain = training_setup
    _run(make_google_backend, plain)
    register_id, before = _register(fake_google)
    assert len(before) > 3
    # the setting changes, and a participant is taken off the list before the next run
    spreadsheet = fake_google.books[loaded.sources["kvalifikacija"].spreadsheet_id]
    _trim_participants(fake_google, spreadsheet.spreadsheet_id, KEEP_PARTICIPANTS - 1)
    converted = _converted(plain, True)
    run = _run(make_google_backend, converted)
    assert any(item.written and PurePosixPath(item.path).stem == REGISTER for item in run.published)
    same_id, after = _register(fake_google)
    assert same_id == register_id  # updated in place, still an .xlsx: no Google Sheet register beside it
    assert {entry.number for entry in before} == {entry.number for entry in after}
    numbers = {entry.key: entry.number for entry in before}
    assert all(numbers[entry.key] == entry.number for entry in after)
    assert sum(entry.status == NOT_REISSUED for entry in after) >= 1
    outputs = _outputs(fake_google, loaded.folder_id)
    assert outputs and max(outputs.values()) == 1  # exactly one file per output, in either form
    mark = fake_google.mark()
    again = _run(make_google_backend, converted)
    assert not any(item.written for item in again.published)
    assert [entry for entry in fake_google.since(mark) if entry.write] == []


def test_a_register_kept_as_a_google_sheet_is_read_after_switching_back(fake_google, make_google_backend,
                                                                         training_setup) -> None:
    _, plain = training_setup
    _run(make_google_backend, _converted(plain, True))
    sheets = [item for item in fake_google.drive.files.values() if item.meta["name"] == REGISTER]
    assert len(sheets) == 1 and sheets[0].meta["mimeType"] == "application/vnd.google-apps.spreadsheet"
    numbers = {entry.key: entry.number for entry in read_register(sheets[0].content)}
    again = _run(make_google_backend, plain)
    assert not any(item.written for item in again.published)  # found in its converted form, nothing to redo
    assert not [item for item in fake_google.drive.files.values() if item.meta["name"] == f"{REGISTER}.xlsx"]
    assert {entry.key: entry.number for entry in read_register(sheets[0].content)} == numbers


def test_two_forms_with_different_contents_are_refused(fake_google, make_google_backend, training_setup) -> None:
    _, plain = training_setup
    _run(make_google_backend, plain)
    register_id, before = _register(fake_google)
    folder = fake_google.drive.files[register_id].meta["parents"]
    fake_google.drive.add(REGISTER, "application/vnd.google-apps.spreadsheet", folder, b"another register",
                          appProperties={"sha256": "0" * 64})
    report = run_jobs(plain, [all_jobs()["kvalifikacija"]], backend=make_google_backend(plain), on_date=DEMO_TODAY)
    assert not report.jobs[0].ok and "twice" in report.jobs[0].error and "different contents" in report.jobs[0].error
    assert read_register(fake_google.drive.files[register_id].content) == before  # nothing renumbered or rewritten


def test_after_injected_faults_the_next_run_converges(fake_google, make_google_backend, training_setup) -> None:
    """Lost answers, a stalled write, 503s and an incomplete listing in one night; the next night tidies up."""
    loaded, settings = training_setup
    settings = settings.model_copy(update={"google": settings.google.model_copy(
        update={"connect_timeout_seconds": 0.3, "read_timeout_seconds": 0.3})})
    fake_google.lose_answer_next(3, match=lambda method, path, body: method == "POST" and path.startswith("/upload/"))
    fake_google.lose_answer_next(1, match=lambda method, path, body: method == "POST" and b"folder" in body)
    fake_google.stall_next(1, match=lambda method, path, body: method == "POST" and "/v4/spreadsheets/" in path)
    fake_google.fail_next(2, 503, match=lambda method, path, body: method == "POST" and path.startswith("/upload/"))
    fake_google.drive.listing.incomplete_next = 1
    run_jobs(settings, [all_jobs()["kvalifikacija"]], backend=make_google_backend(settings), on_date=DEMO_TODAY)
    statuses = Counter(entry.status for entry in fake_google.log)
    assert statuses[0] == 5 and statuses[503] == 2 and statuses[409] >= 1  # every fault struck
    assert not fake_google.faults and fake_google.drive.listing.incomplete_next == 0
    _run(make_google_backend, settings)
    outputs = _outputs(fake_google, loaded.folder_id)
    assert max(outputs.values()) == 1  # exactly one file per output
    _, register = _register(fake_google)
    numbers = sorted(entry.number for entry in register)
    assert numbers == [f"PAVB-KT-2026-{n:04d}" for n in range(1, len(numbers) + 1)]  # every number, none twice
    certificates = {path.split("/")[-1].split(" ")[0] for path in outputs if "/Pažymėjimai/" in path}
    assert certificates == set(numbers)
    mark = fake_google.mark()
    last = _run(make_google_backend, settings)
    assert not any(item.written for item in last.published)
    assert [entry for entry in fake_google.since(mark) if entry.write] == []

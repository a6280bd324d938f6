"""Issue 13 items 4 and 9: each refusal a first setup meets gets its own advice; ``auth --check`` finds them all.

The imitation answers with Google's real bodies for each reason: an API not enabled in the Cloud
project (``SERVICE_DISABLED``/``accessNotConfigured``), a token without the scope
(``ACCESS_TOKEN_SCOPE_INSUFFICIENT``/``insufficientPermissions``), a service account uploading
into My Drive (``storageQuotaExceeded``), Viewer or Commenter access (403 on a write,
``insufficientFilePermissions``), and an ``.xlsx`` id given to the Sheets API
(``FAILED_PRECONDITION``). Messages are English for the operator, with the advice in Lithuanian.
"""

from __future__ import annotations

import pytest
from conftest_google import SERVICE_ACCOUNT
from fake_google.drive import FOLDER
from test_google_sheets import _validate_and_feedback, event_row, events_spreadsheet, settings_for

from automations.backends.base import BackendError
from automations.backends.google_doctor import PROBLEM, check_and_print, run_checks
from automations.config import WorkbookSource

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def loaded(load_into_google, small_workspace):
    return load_into_google(small_workspace)


def _error(action) -> str:
    with pytest.raises(BackendError) as raised:
        action()
    return str(raised.value)


@pytest.mark.parametrize(("api", "title"), [("sheets", "Google Sheets API"), ("drive", "Google Drive API"),
                                            ("forms", "Google Forms API")])
def test_an_api_not_enabled_is_named(fake_google, make_google_backend, loaded, api, title) -> None:
    settings, _ = loaded
    fake_google.disabled_apis.add(api)
    backend = make_google_backend(settings)
    if api == "sheets":
        message = _error(lambda: backend.read_tabs("renginiai", ["Renginiai"]))
    elif api == "drive":
        message = _error(lambda: backend.publish("2026/a.txt", b"x"))
    else:
        fake_google.forms.create("forma", "Poreikiai", ["Biblioteka"])
        settings.workbooks["kvalifikacija"] = WorkbookSource(form_id="forma", form_tab="Poreikiai")
        message = _error(lambda: backend.read_tabs("kvalifikacija", ["Poreikiai"]))
    assert f"the {title} is not enabled in the Google Cloud project" in message and "123456789012" in message
    assert f"neįjungta {title}" in message and "Share" not in message


def test_missing_scopes_ask_for_a_new_sign_in(fake_google, make_google_backend, loaded) -> None:
    settings, _ = loaded
    fake_google.missing_scopes.add("drive")
    message = _error(lambda: make_google_backend(settings).publish("2026/a.txt", b"x"))
    assert "OAuth scope" in message and "Google Drive API" in message and "automations auth" in message


def test_a_service_account_writing_into_my_drive_is_sent_to_a_shared_drive(fake_google, make_google_backend,
                                                                            loaded) -> None:
    settings, _ = loaded
    folder = fake_google.drive.add("Ataskaitos", FOLDER, [])
    fake_google.drive.service_account_without_storage = True
    settings.google.drive_folder_id = folder["id"]
    message = _error(lambda: make_google_backend(settings).publish("2026/a.txt", b"x"))
    assert "Shared Drive" in message and SERVICE_ACCOUNT in message and "bendrąjį diską" in message


def test_view_only_access_asks_for_edit_rights(fake_google, make_google_backend, loaded, tmp_path) -> None:
    settings, _ = loaded
    fake_google.drive.roles[settings.google.drive_folder_id] = "commenter"
    message = _error(lambda: make_google_backend(settings).publish("2026/a.txt", b"x"))
    assert "may only view or comment" in message and "Content manager" in message
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data="kitą savaitę"))
    fake_google.drive.roles[spreadsheet_id] = "reader"
    backend = make_google_backend(settings_for(tmp_path, spreadsheet_id))
    read = backend.read_tabs("renginiai", ["Renginiai"])  # a Viewer still reads
    assert read["Renginiai"].cells
    from automations.backends.base import Feedback
    from sheets_schema.base import Problem, Severity

    problem = Problem("renginiai", "Renginiai", 2, "Data", "kitą savaitę", "data", Severity.ERROR, "blogai")
    message = _error(lambda: backend.sheets.write_feedback(Feedback("renginiai", "Renginiai", [problem]),
                                                           spreadsheet_id, set()))
    assert "may only view or comment" in message and "as Editor" in message and "Redaguotojas" in message


def test_an_xlsx_id_says_how_to_save_it_as_a_google_sheet(fake_google, make_google_backend, loaded) -> None:
    settings, _ = loaded
    upload = fake_google.drive.add("Renginiai.xlsx", XLSX, [], b"PK\x03\x04")
    settings.workbooks["renginiai"] = WorkbookSource(spreadsheet_id=upload["id"])
    message = _error(lambda: make_google_backend(settings).read_tabs("renginiai", ["Renginiai"]))
    assert "File → Save as Google Sheets" in message and "Failas → Išsaugoti kaip" in message
    assert upload["id"] in message


def test_an_unshared_id_still_says_whom_to_share_with(fake_google, make_google_backend, loaded) -> None:
    settings, ids = loaded
    fake_google.denied.add(ids.sources["nuoma"].spreadsheet_id)
    message = _error(lambda: make_google_backend(settings).read_tabs("nuoma", ["Patalpos"]))
    assert "Share the spreadsheet with" in message and SERVICE_ACCOUNT in message and "bendrinkite" in message


def test_auth_check_passes_on_a_complete_setup(fake_google, make_google_backend, loaded, capsys) -> None:
    settings, _ = loaded
    assert check_and_print(settings, make_google_backend(settings)) == 0
    out = capsys.readouterr().out
    assert "[ok] credentials: service account " + SERVICE_ACCOUNT in out
    assert "on Shared Drive" in out and "everything checked is ready" in out and "PROBLEM" not in out


def test_auth_check_lists_every_problem(fake_google, make_google_backend, loaded) -> None:
    settings, ids = loaded
    sources = ids.sources
    xlsx = fake_google.drive.add("Nuoma.xlsx", XLSX, [], b"PK\x03\x04")
    settings.workbooks["nuoma"] = WorkbookSource(spreadsheet_id=xlsx["id"])
    fake_google.drive.roles[sources["renginiai"].spreadsheet_id] = "reader"
    book = fake_google.books[sources["projektai"].spreadsheet_id]
    book.sheets = [sheet for sheet in book.sheets if sheet.title != "Projektai"]
    del settings.workbooks["viesinimas"]
    folder = fake_google.drive.add("Ataskaitos", FOLDER, [])  # My Drive, while a service account signs in
    settings.google.drive_folder_id = folder["id"]
    checks = run_checks(settings, make_google_backend(settings))
    problems = "\n".join(check.line() for check in checks if check.level == PROBLEM)
    assert "My Drive, where a service account cannot store files" in problems
    assert f"spreadsheet {xlsx['id']} (workbook nuoma): \"Nuoma.xlsx\" is an Excel (.xlsx) file" in problems
    assert "(workbook renginiai): " + SERVICE_ACCOUNT + " may only view or comment" in problems
    assert "(workbook projektai): tabs missing: Projektai" in problems
    assert any(check.level == "warning" and "viesinimas" in check.subject for check in checks)


def test_auth_check_names_a_disabled_api_once_per_object(fake_google, make_google_backend, loaded) -> None:
    settings, _ = loaded
    fake_google.disabled_apis.add("sheets")
    checks = run_checks(settings, make_google_backend(settings))
    disabled = [check for check in checks if "Google Sheets API is not enabled" in check.message]
    assert len(disabled) == len(settings.workbooks)
    assert not any("Google Drive API" in check.message for check in checks)


def test_the_feedback_of_a_read_only_spreadsheet_fails_alone(fake_google, make_google_backend, tmp_path,
                                                             caplog) -> None:
    spreadsheet_id = events_spreadsheet(fake_google, event_row(Data="kitą savaitę"))
    fake_google.drive.roles[spreadsheet_id] = "commenter"
    run = _validate_and_feedback(make_google_backend(settings_for(tmp_path, spreadsheet_id)))
    assert run["feedback"] == [] and "may only view or comment" in caplog.text


def test_the_command_prints_the_findings_and_fails_on_problems(fake_google, make_google_backend, loaded,
                                                               small_workspace, monkeypatch, capsys) -> None:
    from automations import cli
    from automations.backends import google_doctor

    settings, ids = loaded
    lines = ['backend = "google"', "[google]", f'drive_folder_id = "{settings.google.drive_folder_id}"']
    for name, source in ids.sources.items():
        lines += [f"[workbooks.{name}]", f'spreadsheet_id = "{source.spreadsheet_id}"']
    (small_workspace / "automations.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(google_doctor, "GoogleBackend", make_google_backend)
    assert cli.main(["auth", "--check", "--workspace", str(small_workspace)]) == 0
    assert "everything checked is ready" in capsys.readouterr().out
    fake_google.disabled_apis.add("drive")
    assert cli.main(["auth", "--check", "--workspace", str(small_workspace)]) == 1
    out = capsys.readouterr().out
    assert "[PROBLEM] Drive folder" in out and "Google Drive API is not enabled" in out

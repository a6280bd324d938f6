"""Google Forms through the Forms API: titles as headers, paging, times in Vilnius, same rows as the sheet."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from fake_google.loader import google_settings, load_workspace

from automations.backends.base import BackendError
from automations.backends.google_forms import local_time
from automations.config import GoogleSettings, Settings, WorkbookSource
from automations.validation import validate_all


def _settings(tmp_path, form_id: str) -> Settings:
    settings = Settings(backend="google", google=GoogleSettings(drive_folder_id="root"), workbooks={
        "kvalifikacija": WorkbookSource(form_id=form_id, form_tab="Poreikiai", spreadsheet_id="kv")})
    settings.workspace = tmp_path
    return settings


def test_responses_are_paged_and_mapped_to_question_titles(fake_google, make_google_backend, tmp_path) -> None:
    form = fake_google.forms.create("form-1", "Mokymų poreikiai", ["Biblioteka", "Temos"])
    for day in range(1, 6):
        form.add_response({"Biblioteka": f"B{day}", "Temos": ["Skaitmeninis raštingumas", "Vaikų skaitymas"]},
                          dt.datetime(2026, 7, day, 10, 23, 45), email=f"b{day}@example.lt")
    fake_google.forms.page_limit = 2
    sheet = make_google_backend(_settings(tmp_path, "form-1")).read_tabs("kvalifikacija", ["Poreikiai"])["Poreikiai"]
    assert [entry.kind for entry in fake_google.log] == ["forms.get"] + ["forms.responses.list"] * 3
    assert sheet.cells[0] == ["Laiko žymė", "El. pašto adresas", "Biblioteka", "Temos"]
    assert len(sheet.cells) == 6
    assert sheet.cells[1] == [dt.datetime(2026, 7, 1, 10, 23, 45), "b1@example.lt", "B1",
                              "Skaitmeninis raštingumas, Vaikų skaitymas"]


def test_submission_times_are_vilnius_wall_clock() -> None:
    assert local_time("2026-01-15T08:23:45.123Z") == dt.datetime(2026, 1, 15, 10, 23, 45)  # winter, UTC+2
    assert local_time("2026-07-15T07:23:45Z") == dt.datetime(2026, 7, 15, 10, 23, 45)  # summer, UTC+3


def test_unknown_form_is_reported(fake_google, make_google_backend, tmp_path) -> None:
    settings = _settings(tmp_path, "no-such-form")
    with pytest.raises(BackendError, match=r"form no-such-form .*404"):
        make_google_backend(settings).read_tabs("kvalifikacija", ["Poreikiai"])


def test_form_answers_validate_like_the_response_sheet(fake_google, make_google_backend, demo_source,
                                                       tmp_path) -> None:
    workspace = tmp_path / "demo"
    shutil.copytree(demo_source, workspace)
    loaded = load_workspace(fake_google, workspace, forms=True)
    through_forms = google_settings(workspace, loaded)
    through_sheet = through_forms.model_copy(update={"workbooks": {
        name: source.model_copy(update={"form_id": None}) for name, source in loaded.sources.items()}})
    names = ["teritorijos_statistika", "kvalifikacija"]
    forms = validate_all(make_google_backend(through_forms), names)
    sheet = validate_all(make_google_backend(through_sheet), names)
    assert any(entry.api == "forms" for entry in fake_google.log)
    for name, tab in [("teritorijos_statistika", "Formos atsakymai 1"), ("kvalifikacija", "Poreikiai")]:
        from_forms, from_sheet = forms[name].frame(tab), sheet[name].frame(tab)
        assert len(from_forms) == len(from_sheet) > 0
        columns = [column for column in from_sheet.columns if column != "_row"]
        assert from_forms[columns].astype(str).equals(from_sheet[columns].astype(str)), name

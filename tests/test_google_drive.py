"""Outputs in Drive: folders by year and subject, updated in place, skipped when unchanged."""

from __future__ import annotations

import pytest
from fake_google.drive import DOCUMENT, FOLDER

BINARY = bytes(range(256)) * 40 + b"\r\n--boundary\r\n\n"  # bytes a naive multipart parser would mangle


@pytest.fixture
def drive_settings(load_into_google, small_workspace):
    settings, _ = load_into_google(small_workspace)
    return settings


def _uploads(fake):
    return [entry for entry in fake.log if "(upload)" in entry.kind]


def test_publish_creates_folders_and_updates_in_place(fake_google, make_google_backend, drive_settings) -> None:
    backend = make_google_backend(drive_settings)
    first = backend.publish("2026/Regiono statistika/Ataskaita.xlsx", BINARY)
    same = backend.publish("2026/Regiono statistika/Ataskaita.xlsx", BINARY)
    assert first.written and not same.written
    changed = make_google_backend(drive_settings).publish("2026/Regiono statistika/Ataskaita.xlsx", BINARY + b"!")
    assert changed.written and changed.location == first.location  # same file id: bookmarked links keep working
    files = [item for item in fake_google.drive.files.values() if item.meta["name"] == "Ataskaita.xlsx"]
    assert len(files) == 1 and files[0].content == BINARY + b"!" and files[0].history == [BINARY, BINARY + b"!"]
    folders = {item.meta["name"] for item in fake_google.drive.files.values() if item.meta["mimeType"] == FOLDER}
    assert {"2026", "Regiono statistika"} <= folders
    assert [entry.kind for entry in _uploads(fake_google)] == ["files.create (upload)", "files.update (upload)"]
    drive = [entry for entry in fake_google.log if entry.api == "drive" and entry.kind != "files.generateIds"]
    assert all(entry.query.get("supportsAllDrives") == ["true"] for entry in drive)
    creates = [entry for entry in fake_google.log if entry.kind.startswith("files.create")]
    assert len(creates) == 3  # two folders and the file, each under an id reserved with files.generateIds


def test_an_unchanged_output_is_not_uploaded_in_a_later_run(fake_google, make_google_backend, drive_settings) -> None:
    make_google_backend(drive_settings).publish("2026/Renginiai/Renginiai.ics", b"BEGIN:VCALENDAR")
    mark = fake_google.mark()
    again = make_google_backend(drive_settings).publish("2026/Renginiai/Renginiai.ics", b"BEGIN:VCALENDAR")
    assert not again.written
    # the output folder's drive once, then root, year and subject listed within that drive
    assert [entry.kind for entry in fake_google.since(mark)] == ["files.get"] + ["files.list"] * 3
    assert all(entry.query["corpora"] == ["drive"] for entry in fake_google.since(mark)[1:])


def test_converted_documents_keep_their_id_and_can_be_fetched(fake_google, make_google_backend,
                                                              drive_settings) -> None:
    settings = drive_settings.model_copy(update={"google": drive_settings.google.model_copy(
        update={"convert_to_google_formats": True})})
    backend = make_google_backend(settings)
    first = backend.publish("2026/Kvalifikacija/Planas.docx", b"docx-1")
    second = make_google_backend(settings).publish("2026/Kvalifikacija/Planas.docx", b"docx-2")
    assert second.written and second.location == first.location
    converted = [item for item in fake_google.drive.files.values() if item.meta["mimeType"] == DOCUMENT]
    assert [item.meta["name"] for item in converted] == ["Planas"]
    assert make_google_backend(settings).fetch("2026/Kvalifikacija/Planas.docx") == b"docx-2"
    assert not make_google_backend(settings).publish("2026/Kvalifikacija/Planas.docx", b"docx-2").written


def test_fetch_returns_published_bytes_or_none(fake_google, make_google_backend, drive_settings) -> None:
    backend = make_google_backend(drive_settings)
    assert backend.fetch("2026/Nuoma/Registras.xlsx") is None
    backend.publish("2026/Nuoma/Registras.xlsx", BINARY)
    assert make_google_backend(drive_settings).fetch("2026/Nuoma/Registras.xlsx") == BINARY
    assert make_google_backend(drive_settings).fetch("2026/Nuoma/Kitas.xlsx") is None


def test_a_missing_folder_setting_is_explained(make_google_backend, drive_settings) -> None:
    from automations.backends.base import BackendError

    settings = drive_settings.model_copy(update={"google": drive_settings.google.model_copy(
        update={"drive_folder_id": None})})
    with pytest.raises(BackendError, match=r"drive_folder_id"):
        make_google_backend(settings).publish("2026/a.txt", b"x")

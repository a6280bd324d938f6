"""Issue 13 items 2 and 3: retried creates make no copies, duplicates are noticed, listings are complete.

A create applied by Drive whose answer is lost (``lose_answer_next``) is sent again, by the
HTTP library itself or by the backend's retry; it must not leave two files or two folders.
Pre-existing duplicates are reported, the same copy is used every run, and no third is made.
A search across all drives may be incomplete (``incompleteSearch``); the backend lists within
the output folder's own drive and refuses to create anything on an incomplete listing.
"""

from __future__ import annotations

import logging

import pytest
from fake_google.drive import DOCUMENT, FOLDER

from automations.backends.base import BackendError


@pytest.fixture
def drive_settings(load_into_google, small_workspace):
    settings, _ = load_into_google(small_workspace)
    return settings


def live(fake, name: str | None = None) -> list[dict]:
    """Files in Drive that are not in the trash (optionally by name)."""
    return [item.meta for item in fake.drive.files.values()
            if not item.meta.get("trashed") and (name is None or item.meta["name"] == name)]


def creates(body_part: bytes):
    return lambda method, path, body: method == "POST" and body_part in body


def test_a_lost_answer_to_an_upload_leaves_one_file(fake_google, make_google_backend, drive_settings) -> None:
    fake_google.lose_answer_next(1, match=creates(b'"name": "a.xlsx"'))
    published = make_google_backend(drive_settings).publish("2026/Bandymas/a.xlsx", b"first")
    assert published.written
    assert len(live(fake_google, "a.xlsx")) == 1
    attempts = [entry.status for entry in fake_google.log if entry.kind == "files.create (upload)"]
    assert attempts == [0, 409]  # applied but unanswered; the repeat meets the reserved id already in use
    again = make_google_backend(drive_settings).publish("2026/Bandymas/a.xlsx", b"first")
    assert not again.written and again.location == published.location


def test_a_lost_answer_to_a_folder_create_leaves_one_folder(fake_google, make_google_backend, drive_settings,
                                                            sleeps) -> None:
    fake_google.lose_answer_next(2, match=creates(b'"name": "2026"'))  # the library's own resend is lost too
    backend = make_google_backend(drive_settings)
    backend.publish("2026/Bandymas/a.txt", b"x")
    backend.publish("2026/Kitas/b.txt", b"y")
    assert len([meta for meta in live(fake_google, "2026") if meta["mimeType"] == FOLDER]) == 1
    assert len(sleeps) == 1  # the backend's own retry, after the library's resend failed as well
    mark = fake_google.mark()
    assert not make_google_backend(drive_settings).publish("2026/Kitas/b.txt", b"y").written
    assert [entry for entry in fake_google.since(mark) if entry.write] == []


def test_a_converted_upload_sent_twice_keeps_one_copy(fake_google, make_google_backend, drive_settings) -> None:
    settings = drive_settings.model_copy(update={"google": drive_settings.google.model_copy(
        update={"convert_to_google_formats": True})})
    fake_google.lose_answer_next(1, match=creates(b'"name": "Planas"'))
    published = make_google_backend(settings).publish("2026/Kvalifikacija/Planas.docx", b"docx-1")
    assert published.written
    copies = [meta for meta in live(fake_google, "Planas") if meta["mimeType"] == DOCUMENT]
    assert len(copies) == 1 and published.location == copies[0]["webViewLink"]
    trashed = [item.meta for item in fake_google.drive.files.values() if item.meta.get("trashed")]
    assert len(trashed) == 1  # the copy the HTTP library's silent resend made went to the trash at once
    assert not make_google_backend(settings).publish("2026/Kvalifikacija/Planas.docx", b"docx-1").written


def test_a_converted_upload_failing_after_it_was_applied_is_not_repeated(fake_google, make_google_backend,
                                                                       drive_settings) -> None:
    settings = drive_settings.model_copy(update={"google": drive_settings.google.model_copy(
        update={"convert_to_google_formats": True})})
    fake_google.lose_answer_next(2, match=creates(b'"name": "Planas"'))  # both sends applied, neither answered
    make_google_backend(settings).publish("2026/Kvalifikacija/Planas.docx", b"docx-1")
    assert len([meta for meta in live(fake_google, "Planas") if meta["mimeType"] == DOCUMENT]) == 1
    uploads = [entry for entry in fake_google.log if entry.kind == "files.create (upload)"]
    assert len(uploads) == 2  # listed before retrying: found, so not sent a third time


def test_existing_duplicates_are_reported_and_the_same_copy_is_used(fake_google, make_google_backend,
                                                                    drive_settings, caplog) -> None:
    root = drive_settings.google.drive_folder_id
    theirs = fake_google.drive.add("2026", FOLDER, [root])  # a person's folder, made first
    ours = fake_google.drive.add("2026", FOLDER, [root], appProperties={"pavbAutomations": "1"})
    with caplog.at_level(logging.WARNING, logger="automations"):
        first = make_google_backend(drive_settings).publish("2026/a.txt", b"x")
    assert fake_google.drive.files[first.location.split("/d/")[1].split("/")[0]].meta["parents"] == [ours["id"]]
    assert "holds 2 items named '2026'" in caplog.text and theirs["id"] in caplog.text
    fake_google.drive.files[ours["id"]].meta["modifiedTime"] = "2000-01-01T00:00:00.000Z"  # listing order changes
    second = make_google_backend(drive_settings).publish("2026/a.txt", b"x")
    assert not second.written and second.location == first.location  # same folder, same file: no switching
    assert len(live(fake_google, "2026")) == 2 and len(live(fake_google, "a.txt")) == 1  # never a third


def test_of_two_person_made_copies_the_oldest_is_used(fake_google, make_google_backend, drive_settings) -> None:
    backend = make_google_backend(drive_settings)
    backend.publish("2026/a.txt", b"x")
    folder = next(meta["id"] for meta in live(fake_google, "2026"))
    older = fake_google.drive.add("b.txt", "text/plain", [folder], b"old")
    fake_google.drive.files[older["id"]].meta["createdTime"] = "2020-01-01T00:00:00.000Z"
    fake_google.drive.add("b.txt", "text/plain", [folder], b"new")
    published = make_google_backend(drive_settings).publish("2026/b.txt", b"mine")
    assert older["id"] in published.location and len(live(fake_google, "b.txt")) == 2
    assert fake_google.drive.files[older["id"]].content == b"mine"


def test_listings_stay_within_the_output_folders_drive(fake_google, make_google_backend, drive_settings) -> None:
    make_google_backend(drive_settings).publish("2026/Bandymas/a.txt", b"x")
    fake_google.drive.listing.all_drives_incomplete = True  # what a search across every drive may do
    mark = fake_google.mark()
    again = make_google_backend(drive_settings).publish("2026/Bandymas/a.txt", b"x")
    assert not again.written and len(live(fake_google, "a.txt")) == 1
    lists = [entry for entry in fake_google.since(mark) if entry.kind == "files.list"]
    drive_id = next(iter(live(fake_google, "2026")))["driveId"]
    assert all(entry.query["corpora"] == ["drive"] and entry.query["driveId"] == [drive_id] for entry in lists)
    assert all("incompleteSearch" in entry.query["fields"][0] for entry in lists)


def test_an_incomplete_listing_creates_nothing_and_the_next_run_converges(fake_google, make_google_backend,
                                                                         drive_settings) -> None:
    make_google_backend(drive_settings).publish("2026/Bandymas/a.txt", b"x")
    fake_google.drive.listing.incomplete_next = 3
    with pytest.raises(BackendError, match="incomplete listing"):
        make_google_backend(drive_settings).publish("2026/Bandymas/b.txt", b"y")
    assert live(fake_google, "b.txt") == [] and len(live(fake_google, "2026")) == 1
    assert make_google_backend(drive_settings).publish("2026/Bandymas/b.txt", b"y").written
    assert not make_google_backend(drive_settings).publish("2026/Bandymas/b.txt", b"y").written
    assert len(live(fake_google, "b.txt")) == 1 and len(live(fake_google, "2026")) == 1


def test_a_my_drive_folder_is_listed_in_the_user_corpus(fake_google, make_google_backend, drive_settings) -> None:
    folder = fake_google.drive.add("Ataskaitos", FOLDER, [])  # My Drive: no shared drive
    settings = drive_settings.model_copy(update={"google": drive_settings.google.model_copy(
        update={"drive_folder_id": folder["id"]})})
    make_google_backend(settings).publish("2026/a.txt", b"x")
    lists = [entry for entry in fake_google.log if entry.kind == "files.list"]
    assert lists and all(entry.query["corpora"] == ["user"] and "driveId" not in entry.query for entry in lists)


def test_an_output_folder_id_that_is_not_a_folder_is_explained(fake_google, make_google_backend,
                                                               drive_settings) -> None:
    document = fake_google.drive.add("Ataskaita", DOCUMENT, [])
    settings = drive_settings.model_copy(update={"google": drive_settings.google.model_copy(
        update={"drive_folder_id": document["id"]})})
    with pytest.raises(BackendError, match="not a folder"):
        make_google_backend(settings).publish("2026/a.txt", b"x")

"""Outputs in Google Drive: ``<folder>/<year>/<subject>/<file>``, updated in place, never duplicated.

Each folder's children are listed once per run (:mod:`google_drive_listing`), folders are
created when missing, and a file whose ``appProperties`` already carry the new content's
sha256 is not uploaded at all. An existing file is updated with new media under the same id,
so links people bookmarked keep working; that also holds for files converted to Google Docs
or Sheets, whose own bytes never equal ours.

Creates are idempotent: folders and plain files get an id from ``files.generateIds``, so a
retry after a lost answer meets a 409 and takes the file that was made. Google does not
accept generated ids for Docs and Sheets, so a converted upload carries a token instead: on
failure the folder is listed again before retrying, and a copy the HTTP library sent twice
on its own is moved to the trash at once.

An output exists in one of two forms (``Report.xlsx``, or the Google Sheet ``Report`` when
``convert_to_google_formats`` is on). Whichever form it already has is kept when the setting
changes: it is found, read and updated in that form, and a second one is never created. If
both forms exist with different contents, reading refuses rather than guess, so a register
of certificate numbers is never started again from the wrong copy.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import itertools
import logging
import mimetypes
import uuid
from pathlib import PurePosixPath
from typing import Any

from automations.backends.base import BackendError, Published
from automations.backends.google_api import GoogleApi
from automations.backends.google_drive_listing import (
    ALL_DRIVES,
    CREATE_KEY,
    FIELDS,
    FOLDER,
    HASH_KEY,
    OWNER_KEY,
    DriveFile,
    DriveListing,
    preferred,
)
from automations.backends.google_errors import AlreadyExists, StillFailing

log = logging.getLogger("automations")
CONVERTED = {  # uploaded type -> Google type it may be converted into
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "application/vnd.google-apps.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "application/vnd.google-apps.document",
}
EXTRA_TYPES = {".ics": "text/calendar", ".xlsx": next(iter(CONVERTED)), ".docx": list(CONVERTED)[1]}
Form = tuple[str, str, str]  # (name in Drive, Drive type, upload type)


def content_type(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return EXTRA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


class DriveStore:
    """Publishes and fetches outputs under one root folder."""

    def __init__(self, api: GoogleApi, root_id: str | None, convert: bool) -> None:
        self.api = api
        self.root_id = root_id
        self.convert = convert
        self._listing: DriveListing | None = None
        self._folders: dict[str, str] = {}

    @property
    def listing(self) -> DriveListing:
        if self._listing is None:
            if not self.root_id:
                raise BackendError("google.drive_folder_id is not set: create a folder for the outputs (on a Shared "
                                   "Drive when using a service account), share it, and put its id into "
                                   "automations.toml")
            self._listing = DriveListing(self.api, self.root_id)
        return self._listing

    def _files(self) -> Any:
        return self.listing.files()

    def folder(self, parts: tuple[str, ...], create: bool) -> str | None:
        """The id of a folder path under the root, created when missing (or None when not ``create``)."""
        listing = self.listing
        parent = listing.root_id
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in self._folders:
                existing = listing.find(parent, parts[depth - 1], FOLDER)
                if existing is None:
                    if not create:
                        return None
                    body = {"name": parts[depth - 1], "mimeType": FOLDER, "parents": [parent],
                            "appProperties": {OWNER_KEY: "1"}}
                    existing = self._create_with_id(body, None, f"Drive folder {parent}")
                    listing.remember(parent, existing, new_folder=True)
                self._folders[key] = existing.id
            parent = self._folders[key]
        return parent

    def _forms(self, name: str) -> list[Form]:
        """The forms an output may have in Drive, the one the settings ask for first."""
        upload = content_type(name)
        plain = (name, upload, upload)
        if upload not in CONVERTED:
            return [plain]
        converted = (PurePosixPath(name).stem, CONVERTED[upload], upload)
        return [converted, plain] if self.convert else [plain, converted]

    def _existing(self, folder_id: str, name: str) -> list[tuple[DriveFile, Form]]:
        found = []
        for form in self._forms(name):
            item = self.listing.find(folder_id, form[0], form[1])
            if item is not None:
                found.append((item, form))
        return found

    def publish(self, path: str, content: bytes) -> Published:
        from googleapiclient.http import MediaIoBaseUpload

        parts = PurePosixPath(path).parts
        folder_id = self.folder(parts[:-1], create=True)
        digest = hashlib.sha256(content).hexdigest()
        found = self._existing(folder_id, parts[-1])
        if len(found) > 1:
            log.warning("Drive holds %s both as %s and as %s: updating %s; delete the other", path,
                        found[0][1][1], found[1][1][1], found[0][0].id)
        if found and found[0][0].sha256 == digest:
            return Published(path, found[0][0].link, False)
        existing, (name, drive_type, upload_type) = found[0] if found else (None, self._forms(parts[-1])[0])
        media = MediaIoBaseUpload(io.BytesIO(content), mimetype=upload_type, resumable=False)
        body: dict[str, Any] = {"appProperties": {HASH_KEY: digest, OWNER_KEY: "1"}}
        what = f"Drive file {path}"
        if existing is not None:
            request = self._files().update(fileId=existing.id, body=body, media_body=media, fields=FIELDS,
                                           **ALL_DRIVES)
            item = DriveFile.of(self.api.call(request.execute, what, "file", write=True))
        else:
            body.update(name=name, mimeType=drive_type, parents=[folder_id])
            if drive_type in CONVERTED.values():
                item = self._create_converted(folder_id, body, media, what)
            else:
                item = self._create_with_id(body, media, what)
            if item.sha256 != digest:  # a file our earlier, lost attempt made from other content: bring it up to date
                return self._replace(path, folder_id, item, content)
        self.listing.remember(folder_id, item)
        return Published(path, item.link, True)

    def _replace(self, path: str, folder_id: str, item: DriveFile, content: bytes) -> Published:
        self.listing.remember(folder_id, dataclasses.replace(item, sha256=""))
        return self.publish(path, content)

    def _create_with_id(self, body: dict[str, Any], media: Any, what: str) -> DriveFile:
        """Create under a pre-generated id; a 409 means an earlier attempt was applied: take that file."""
        file_id = self.listing.new_id()
        request = self._files().create(body={**body, "id": file_id}, media_body=media, fields=FIELDS, **ALL_DRIVES)
        try:
            return DriveFile.of(self.api.call(request.execute, what, "file", write=True))
        except AlreadyExists:
            log.info("%s: the create had been applied before its answer was lost; using file %s", what, file_id)
            request = self._files().get(fileId=file_id, fields=FIELDS, **ALL_DRIVES)
            return DriveFile.of(self.api.call(request.execute, what, "file"))

    def _create_converted(self, folder_id: str, body: dict[str, Any], media: Any, what: str) -> DriveFile:
        """Create a Google Doc or Sheet (no generated ids): list the folder before retrying, trash a double."""
        token = uuid.uuid4().hex
        body["appProperties"][CREATE_KEY] = token
        request = self._files().create(body=body, media_body=media, fields=FIELDS, **ALL_DRIVES)
        policy = self.api.policy
        for attempt in itertools.count():
            try:
                self.api.call(request.execute, what, "file", write=True, retries=False)
                break
            except StillFailing:
                if self._mine(folder_id, body["name"], token):
                    break  # the create was applied, only its answer was lost
                if attempt >= policy.max_retries:
                    raise
                policy.wait(policy.delay(attempt), what)
        mine = self._mine(folder_id, body["name"], token)
        keep = preferred(mine)
        for extra in mine:
            if extra is not keep:
                log.warning("%s: the upload reached Drive twice; moved the second copy %s to the trash", what, extra.id)
                trash = self._files().update(fileId=extra.id, body={"trashed": True}, fields="id", **ALL_DRIVES)
                self.api.call(trash.execute, what, "file", write=True)
        return keep

    def _mine(self, folder_id: str, name: str, token: str) -> list[DriveFile]:
        quoted = name.replace("\\", "\\\\").replace("'", "\\'")
        return [f for f in self.listing.list(folder_id, f" and name = '{quoted}'") if f.token == token]

    def fetch(self, path: str) -> bytes | None:
        """A published output's bytes (converted files exported back to their original type), in either form."""
        from googleapiclient.http import MediaIoBaseDownload

        parts = PurePosixPath(path).parts
        folder_id = self.folder(parts[:-1], create=False)
        if folder_id is None:
            return None
        found = self._existing(folder_id, parts[-1])
        if not found:
            return None
        if len(found) > 1 and found[0][0].sha256 != found[1][0].sha256:
            raise BackendError(f"Drive holds {path} twice, as {found[0][1][1]} ({found[0][0].link}) and as "
                               f"{found[1][1][1]} ({found[1][0].link}), with different contents: keep the right one "
                               "and delete the other; until then it is not read (nothing is numbered anew)")
        item, (_, drive_type, upload_type) = found[0]
        files = self._files()
        if drive_type != upload_type:
            request = files.export_media(fileId=item.id, mimeType=upload_type)
        else:
            request = files.get_media(fileId=item.id, **ALL_DRIVES)

        def download() -> bytes:
            buffer = io.BytesIO()
            downloader = MediaIoBaseDownload(buffer, request)
            done = False
            while not done:
                _, done = downloader.next_chunk()
            return buffer.getvalue()

        return self.api.call(download, f"Drive file {path}", "file")

"""Outputs in Google Drive: ``<folder>/<year>/<subject>/<file>``, updated in place, never duplicated.

Each folder's children are listed once per run (one ``files.list``, which also gives the
files' stored hashes), folders are created when missing, and a file whose ``appProperties``
already carry the new content's sha256 is not uploaded at all. An existing file is updated
with new media under the same id, so links people bookmarked keep working; that also holds
for files converted to Google Docs or Sheets, whose own bytes never equal ours. Every call
passes ``supportsAllDrives`` so folders on a Shared Drive work like those in My Drive.
"""

from __future__ import annotations

import hashlib
import io
import mimetypes
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from automations.backends.base import BackendError, Published
from automations.backends.google_api import GoogleApi

FOLDER = "application/vnd.google-apps.folder"
FIELDS = "id, name, mimeType, appProperties, webViewLink"
HASH_KEY = "sha256"
CONVERTED = {  # uploaded type -> Google type it may be converted into
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "application/vnd.google-apps.spreadsheet",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "application/vnd.google-apps.document",
}
EXTRA_TYPES = {".ics": "text/calendar", ".xlsx": next(iter(CONVERTED)), ".docx": list(CONVERTED)[1]}
ALL_DRIVES = {"supportsAllDrives": True}


@dataclass
class DriveFile:
    id: str
    name: str
    mime_type: str
    sha256: str
    link: str

    @classmethod
    def of(cls, item: dict[str, Any]) -> DriveFile:
        stored = (item.get("appProperties") or {}).get(HASH_KEY, "")
        return cls(item["id"], item["name"], item.get("mimeType", ""), stored, item.get("webViewLink") or f"https://drive.google.com/file/d/{item['id']}/view")


def content_type(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return EXTRA_TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


class DriveStore:
    """Publishes and fetches outputs under one root folder, with a per-run cache of folder listings."""

    def __init__(self, api: GoogleApi, root_id: str | None, convert: bool) -> None:
        self.api = api
        self.root_id = root_id
        self.convert = convert
        self._children: dict[str, list[DriveFile]] = {}
        self._folders: dict[str, str] = {}

    def _files(self) -> Any:
        return self.api.service("drive", "v3").files()

    def _root(self) -> str:
        if not self.root_id:
            raise BackendError("google.drive_folder_id is not set: create a folder for the outputs (on a Shared Drive "
                               "when using a service account), share it, and put its id into automations.toml")
        return self.root_id

    def children(self, folder_id: str) -> list[DriveFile]:
        """Everything directly in a folder (all pages), listed once per run."""
        if folder_id not in self._children:
            found: list[DriveFile] = []
            token: str | None = None
            while True:
                request = self._files().list(
                    q=f"'{folder_id}' in parents and trashed = false", fields=f"nextPageToken, files({FIELDS})",
                    pageSize=1000, pageToken=token, corpora="allDrives", includeItemsFromAllDrives=True, **ALL_DRIVES)
                page = self.api.call(request.execute, f"Drive folder {folder_id}", "folder")
                found.extend(DriveFile.of(item) for item in page.get("files", []))
                token = page.get("nextPageToken")
                if not token:
                    break
            self._children[folder_id] = found
        return self._children[folder_id]

    def folder(self, parts: tuple[str, ...], create: bool) -> str | None:
        """The id of a folder path under the root, created when missing (or None when not ``create``)."""
        parent = self._root()
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key not in self._folders:
                name = parts[depth - 1]
                existing = next((f for f in self.children(parent) if f.name == name and f.mime_type == FOLDER), None)
                if existing is None:
                    if not create:
                        return None
                    existing = self._create_folder(parent, name)
                self._folders[key] = existing.id
            parent = self._folders[key]
        return parent

    def _create_folder(self, parent: str, name: str) -> DriveFile:
        body = {"name": name, "mimeType": FOLDER, "parents": [parent]}
        request = self._files().create(body=body, fields=FIELDS, **ALL_DRIVES)
        item = DriveFile.of(self.api.call(request.execute, f"Drive folder {parent}", "folder"))
        self._children.setdefault(parent, []).append(item)
        self._children[item.id] = []  # a new folder is empty: no need to list it
        return item

    def _target(self, name: str) -> tuple[str, str, str]:
        """(name in Drive, Drive type, upload type): converted files lose their extension, as Drive shows them."""
        upload = content_type(name)
        if self.convert and upload in CONVERTED:
            return PurePosixPath(name).stem, CONVERTED[upload], upload
        return name, upload, upload

    def _find(self, folder_id: str, name: str, mime_type: str) -> DriveFile | None:
        return next((f for f in self.children(folder_id) if f.name == name and f.mime_type == mime_type), None)

    def publish(self, path: str, content: bytes) -> Published:
        from googleapiclient.http import MediaIoBaseUpload

        parts = PurePosixPath(path).parts
        folder_id = self.folder(parts[:-1], create=True)
        name, drive_type, upload_type = self._target(parts[-1])
        digest = hashlib.sha256(content).hexdigest()
        existing = self._find(folder_id, name, drive_type)
        if existing is not None and existing.sha256 == digest:
            return Published(path, existing.link, False)
        media = MediaIoBaseUpload(io.BytesIO(content), mimetype=upload_type, resumable=False)
        body: dict[str, Any] = {"appProperties": {HASH_KEY: digest}}
        if existing is None:
            body.update(name=name, mimeType=drive_type, parents=[folder_id])
            request = self._files().create(body=body, media_body=media, fields=FIELDS, **ALL_DRIVES)
        else:
            request = self._files().update(fileId=existing.id, body=body, media_body=media, fields=FIELDS,
                                           **ALL_DRIVES)
        item = DriveFile.of(self.api.call(request.execute, f"Drive file {path}", "folder"))
        siblings = self._children[folder_id]
        siblings[:] = [f for f in siblings if f.id != item.id] + [item]
        return Published(path, item.link, True)

    def fetch(self, path: str) -> bytes | None:
        """A published output's bytes (converted files exported back to their original type)."""
        from googleapiclient.http import MediaIoBaseDownload

        parts = PurePosixPath(path).parts
        folder_id = self.folder(parts[:-1], create=False)
        if folder_id is None:
            return None
        name, drive_type, upload_type = self._target(parts[-1])
        found = self._find(folder_id, name, drive_type)
        if found is None:
            return None
        files = self._files()
        if drive_type != upload_type:
            request = files.export_media(fileId=found.id, mimeType=upload_type)
        else:
            request = files.get_media(fileId=found.id, **ALL_DRIVES)

        def download() -> bytes:
            buffer = io.BytesIO()
            downloader = MediaIoBaseDownload(buffer, request)
            done = False
            while not done:
                _, done = downloader.next_chunk()
            return buffer.getvalue()

        return self.api.call(download, f"Drive file {path}", "folder")

"""Drive v3 files: list with ``q``, get, create (metadata, multipart, media), update, delete, export.

Also what a real Workspace adds: ids reserved with ``files.generateIds`` (a create that reuses
one answers 409), files inheriting their folder's shared drive, each file's role for the
caller (Viewer and Commenter cannot add or change anything), and a service account that has
no storage of its own in My Drive.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from .drive_list import ListingFaults, list_files
from .errors import ApiError, file_id_in_use, insufficient_file_permissions, storage_quota_exceeded
from .fields import apply_mask, parse_mask
from .sheets_model import Spreadsheet

SPREADSHEET = "application/vnd.google-apps.spreadsheet"
DOCUMENT = "application/vnd.google-apps.document"
FOLDER = "application/vnd.google-apps.folder"
EDITORS = "application/vnd.google-apps."  # Docs Editors files (and folders, which are not editors files)
ROLE_CAPABILITIES = {"reader": (False, False), "commenter": (True, False), "writer": (True, True)}
_counter = itertools.count(1)


def new_id() -> str:
    """Ids shaped like Drive's (44 characters)."""
    return "1" + hashlib.sha256(str(next(_counter)).encode()).hexdigest()[:43]


def now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


@dataclass
class DriveFile:
    meta: dict[str, Any]
    content: bytes = b""
    content_type: str = ""  # what was uploaded (a converted file keeps it for export)
    history: list[bytes] = field(default_factory=list)


class DriveApi:
    def __init__(self, books: dict[str, Spreadsheet]) -> None:
        self.files: dict[str, DriveFile] = {}
        self.books = books
        self.reserved: set[str] = set()  # ids handed out by files.generateIds
        self.roles: dict[str, str] = {}  # file or folder id -> "reader", "commenter" or "writer" (default)
        self.listing = ListingFaults()
        self.service_account_without_storage = False  # uploads into My Drive answer storageQuotaExceeded

    # helpers ----------------------------------------------------------------
    def add(self, name: str, mime_type: str, parents: list[str] | None = None, content: bytes = b"",
            file_id: str | None = None, **extra: Any) -> dict[str, Any]:
        stamp = now()
        file_id = file_id or new_id()
        inherited = next((self.files[p].meta["driveId"] for p in parents or [] if p in self.files
                          and self.files[p].meta.get("driveId")), None)
        if inherited and "driveId" not in extra:
            extra["driveId"] = inherited
        meta = {"kind": "drive#file", "id": file_id, "name": name, "mimeType": mime_type, "parents": parents or [],
                "createdTime": stamp, "modifiedTime": stamp, "trashed": False, "version": "1", **extra}
        meta["webViewLink"] = (f"https://docs.google.com/spreadsheets/d/{file_id}/edit" if mime_type == SPREADSHEET
                               else f"https://drive.google.com/file/d/{file_id}/view")
        self.files[file_id] = DriveFile(meta)
        self._set_content(self.files[file_id], content, mime_type)
        if mime_type == SPREADSHEET and file_id not in self.books:
            self.books[file_id] = Spreadsheet.new(file_id, name)
        return meta

    def _set_content(self, item: DriveFile, content: bytes, content_type: str) -> None:
        item.content, item.content_type = content, content_type
        item.history.append(content)
        if not item.meta["mimeType"].startswith("application/vnd.google-apps."):
            item.meta["size"] = str(len(content))
            item.meta["md5Checksum"] = hashlib.md5(content).hexdigest()

    def file(self, file_id: str) -> DriveFile:
        item = self.files.get(file_id)
        if item is None:
            raise ApiError(404, f"File not found: {file_id}.")
        self._sync(item)
        return item

    def role(self, file_id: str) -> str:
        """The caller's role on a file: its own, else its nearest folder's (a shared folder shares its files)."""
        seen: set[str] = set()
        current: str | None = file_id
        while current and current not in seen:
            if current in self.roles:
                return self.roles[current]
            seen.add(current)
            item = self.files.get(current)
            current = (item.meta.get("parents") or [None])[0] if item else None
        return "writer"

    def require_writer(self, file_id: str) -> None:
        if self.role(file_id) != "writer":
            raise insufficient_file_permissions(file_id)

    def with_capabilities(self, meta: dict[str, Any]) -> dict[str, Any]:
        can_comment, can_edit = ROLE_CAPABILITIES[self.role(meta["id"])]
        folder = meta["mimeType"] == FOLDER
        return {**meta, "capabilities": {"canEdit": can_edit, "canComment": can_comment,
                                         "canAddChildren": folder and can_edit, "canTrash": can_edit}}

    def _sync(self, item: DriveFile) -> None:
        """A spreadsheet renamed through the Sheets API is renamed in Drive too."""
        book = self.books.get(item.meta["id"])
        if book is not None:
            item.meta["name"] = book.properties["title"]

    def path_of(self, file_id: str) -> str:
        """``folder/sub/name`` below the topmost known folder, for tests."""
        parts, current = [], self.files[file_id]
        while True:
            parts.append(current.meta["name"])
            parents = current.meta.get("parents") or []
            if not parents or parents[0] not in self.files or not self.files[parents[0]].meta.get("parents"):
                break
            current = self.files[parents[0]]
        return "/".join(reversed(parts))

    @staticmethod
    def shape(meta: dict[str, Any], fields: str | None) -> dict[str, Any]:
        if fields:
            return apply_mask(copy.deepcopy(meta), parse_mask(fields))
        return {key: meta[key] for key in ("kind", "id", "name", "mimeType") if key in meta}

    # routing ------------------------------------------------------------------
    def handle(self, method: str, parts: list[str], query: dict[str, list[str]], body: bytes,
               content_type: str, upload: bool) -> Any:
        fields = query.get("fields", [None])[0]
        if parts == ["generateIds"] and method == "GET":
            return self.generate_ids(query)
        if not parts:
            if method == "GET":
                return self.list(query)
            if method == "POST":
                return self.create(query, body, content_type, upload, fields)
        elif len(parts) == 1:
            item = self.file(parts[0])
            if method == "GET":
                if query.get("alt", [""])[0] == "media":
                    if item.meta["mimeType"].startswith("application/vnd.google-apps."):
                        raise ApiError(403, "Only files with binary content can be downloaded. Use Export with "
                                            "Docs Editors files.", reason="fileNotDownloadable")
                    return item.content
                return self.shape(self.with_capabilities(item.meta), fields)
            if method == "PATCH":
                return self.update(item, query, body, content_type, upload, fields)
            if method == "DELETE":
                self.require_writer(parts[0])
                del self.files[parts[0]]
                self.books.pop(parts[0], None)
                return None
        elif len(parts) == 2 and method == "GET" and parts[1] == "export":
            item = self.file(parts[0])
            return self.export(item, query.get("mimeType", [""])[0])
        elif len(parts) == 2 and method == "POST" and parts[1] == "copy":
            return self.copy(self.file(parts[0]), json.loads(body or b"{}"), fields)
        elif len(parts) == 2 and method == "GET" and parts[1] == "comments":
            return {"comments": []}
        raise ApiError(404, "Not Found")

    def list(self, query: dict[str, list[str]]) -> Any:
        for item in self.files.values():
            self._sync(item)
        ordered = sorted(enumerate(self.files.values()), key=lambda pair: (pair[1].meta["modifiedTime"], pair[0]),
                         reverse=True)  # most recently modified first, as Drive answers without orderBy
        return list_files([item.meta for _, item in ordered], query, self.listing)

    def generate_ids(self, query: dict[str, list[str]]) -> Any:
        count = int(query.get("count", ["10"])[0])
        if not 1 <= count <= 1000:
            raise ApiError(400, "Invalid value for count: must be between 1 and 1000.", reason="invalid")
        ids = [new_id() for _ in range(count)]
        self.reserved.update(ids)
        return {"kind": "drive#generatedIds", "space": query.get("space", ["drive"])[0], "ids": ids}

    def create(self, query: dict[str, list[str]], body: bytes, content_type: str, upload: bool,
               fields: str | None) -> Any:
        meta, content, media_type = parse_upload(body, content_type, upload, query)
        name = meta.get("name") or "Untitled"
        mime_type = meta.get("mimeType") or media_type or "application/octet-stream"
        extra = {key: meta[key] for key in ("appProperties", "properties", "description") if key in meta}
        parents = meta.get("parents") or []
        for parent in parents:
            self.require_writer(parent)
        wanted = meta.get("id")
        if wanted:
            if wanted in self.files:
                raise file_id_in_use()
            if mime_type.startswith(EDITORS) and mime_type != FOLDER:
                raise ApiError(400, "Generated IDs are not supported for Docs Editors files.",
                               reason="generatedIdNotSupported")
            if wanted not in self.reserved:
                raise ApiError(400, "The provided file ID is not usable.", reason="fileIdNotUsable")
        in_my_drive = not any(self.files[p].meta.get("driveId") for p in parents if p in self.files)
        if self.service_account_without_storage and in_my_drive and mime_type != FOLDER:
            raise storage_quota_exceeded()
        created = self.add(name, mime_type, parents, content, file_id=wanted, **extra)
        self.files[created["id"]].content_type = media_type or mime_type
        return self.shape(created, fields)

    def update(self, item: DriveFile, query: dict[str, list[str]], body: bytes, content_type: str, upload: bool,
               fields: str | None) -> Any:
        meta, content, media_type = parse_upload(body, content_type, upload, query)
        self.require_writer(item.meta["id"])
        for key in ("name", "description", "trashed"):
            if key in meta:
                item.meta[key] = meta[key]
        for key in ("appProperties", "properties"):
            if key in meta:
                merged = {**item.meta.get(key, {}), **meta[key]}
                item.meta[key] = {k: v for k, v in merged.items() if v is not None}
        if upload:
            self._set_content(item, content, media_type or item.content_type)
            item.meta["version"] = str(int(item.meta["version"]) + 1)
        item.meta["modifiedTime"] = now()
        return self.shape(item.meta, fields)

    def export(self, item: DriveFile, mime_type: str) -> bytes:
        if item.meta["mimeType"] == SPREADSHEET and mime_type == "text/csv" and item.meta["id"] in self.books:
            book = self.books[item.meta["id"]]
            sheet = book.sheets[0]
            height = max((r for r, _ in sheet.cells), default=-1) + 1
            width = max((c for _, c in sheet.cells), default=-1) + 1
            rows = [",".join((sheet.get(r, c).formatted or "") if sheet.get(r, c) else "" for c in range(width))
                    for r in range(height)]
            return "\r\n".join(rows).encode()
        if mime_type == item.content_type:
            return item.content  # the imitation keeps what was uploaded; Google would re-render it
        raise ApiError(400, "Export only supports Docs Editors files.", reason="fileNotExportable")

    def copy(self, item: DriveFile, body: dict[str, Any], fields: str | None) -> Any:
        name = body.get("name") or f"Copy of {item.meta['name']}"
        created = self.add(name, item.meta["mimeType"], list(item.meta.get("parents", [])), item.content)
        if item.meta["id"] in self.books:
            book = copy.deepcopy(self.books[item.meta["id"]])
            book.spreadsheet_id = created["id"]
            book.properties["title"] = name
            self.books[created["id"]] = book
        return self.shape(created, fields)


def parse_upload(body: bytes, content_type: str, upload: bool, query: dict[str, list[str]]
                 ) -> tuple[dict[str, Any], bytes, str]:
    """(metadata, media bytes, media type) of a metadata, ``media`` or ``multipart`` request."""
    if not upload:
        return (json.loads(body) if body else {}), b"", ""
    kind = query.get("uploadType", ["media"])[0]
    if kind == "media":
        return {}, body, content_type.split(";")[0].strip()
    if kind != "multipart":
        raise ApiError(400, f"Invalid upload type: {kind}")
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        raise ApiError(400, "Bad multipart request: no boundary")
    boundary = b"--" + match.group(1).encode()
    parts = []
    for chunk in body.split(boundary)[1:]:
        if chunk.startswith(b"--"):
            break
        chunk = chunk[2:] if chunk.startswith(b"\r\n") else chunk[1:] if chunk.startswith(b"\n") else chunk
        head, sep, payload = chunk.partition(b"\r\n\r\n")
        if not sep:
            head, sep, payload = chunk.partition(b"\n\n")
        payload = payload[:-2] if payload.endswith(b"\r\n") else payload[:-1] if payload.endswith(b"\n") else payload
        text = re.sub(r"\r?\n[ \t]+", " ", head.decode("latin-1"))  # folded long header lines
        headers = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        headers = {key.strip().lower(): value.strip() for key, value in headers.items()}
        parts.append((headers, payload))
    if len(parts) != 2:
        raise ApiError(400, "Bad multipart request: expected metadata and media")
    meta = json.loads(parts[0][1] or b"{}")
    return meta, parts[1][1], parts[1][0].get("content-type", "application/octet-stream")

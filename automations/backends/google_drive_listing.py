"""What is in a Drive folder, listed so that nothing is missed and duplicates are noticed.

The output folder's own drive is learnt once per run (``files.get``), and every listing
searches only that drive (``corpora=drive``, or ``user`` for My Drive): a search across all
drives may answer ``incompleteSearch`` and leave files out, and a file that was not listed
would be created again. A listing that is still incomplete after retries is refused, so
nothing is created on its strength. Two files with one name are reported; the one carrying
our ``appProperties`` (then the oldest) is used, every run the same, and no third is made.
Ids for new files come from ``files.generateIds``, so a create that is retried after its
answer was lost meets a 409 instead of making a copy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from automations.backends.base import BackendError
from automations.backends.google_api import GoogleApi

log = logging.getLogger("automations")
FOLDER = "application/vnd.google-apps.folder"
FIELDS = "id, name, mimeType, createdTime, appProperties, webViewLink"
HASH_KEY = "sha256"
OWNER_KEY = "pavbAutomations"  # appProperties mark of everything the backend created
CREATE_KEY = "createToken"  # appProperties of a converted create, to find it again after a lost answer
ALL_DRIVES = {"supportsAllDrives": True}
LISTING_ATTEMPTS = 3


@dataclass
class DriveFile:
    id: str
    name: str
    mime_type: str
    sha256: str
    link: str
    created: str = ""
    ours: bool = False
    token: str = ""

    @classmethod
    def of(cls, item: dict[str, Any]) -> DriveFile:
        props = item.get("appProperties") or {}
        link = item.get("webViewLink") or f"https://drive.google.com/file/d/{item['id']}/view"
        return cls(item["id"], item["name"], item.get("mimeType", ""), props.get(HASH_KEY, ""), link,
                   item.get("createdTime", ""), bool(props.get(HASH_KEY) or props.get(OWNER_KEY)),
                   props.get(CREATE_KEY, ""))


def preferred(files: list[DriveFile]) -> DriveFile:
    """The copy every run uses: ours before a person's, then the oldest (ids break ties)."""
    return min(files, key=lambda f: (not f.ours, f.created, f.id))


class DriveListing:
    """Per-run cache of folder contents, the output drive, and a pool of pre-generated ids."""

    def __init__(self, api: GoogleApi, root_id: str) -> None:
        self.api = api
        self.root_id = root_id
        self._drive: str | None = None
        self._children: dict[str, list[DriveFile]] = {}
        self._ids: list[str] = []
        self._ids_used = 0
        self.duplicates: set[tuple[str, str]] = set()  # (folder id, name) reported this run

    def files(self) -> Any:
        return self.api.service("drive", "v3").files()

    def drive_id(self) -> str:
        """The shared drive holding the output folder ("" for My Drive), learnt once; the root must be a folder."""
        if self._drive is None:
            request = self.files().get(fileId=self.root_id, fields="id, name, mimeType, driveId", **ALL_DRIVES)
            root = self.api.call(request.execute, f"Drive folder {self.root_id} (google.drive_folder_id)", "folder")
            if root.get("mimeType") != FOLDER:
                raise BackendError(f"google.drive_folder_id {self.root_id} is \"{root.get('name')}\" "
                                   f"({root.get('mimeType')}), not a folder: copy the id of a folder's address")
            self._drive = str(root.get("driveId") or "")
        return self._drive

    def _scope(self) -> dict[str, Any]:
        drive = self.drive_id()
        if drive:
            return {"corpora": "drive", "driveId": drive, "includeItemsFromAllDrives": True}
        return {"corpora": "user"}

    def list(self, folder_id: str, extra_query: str = "") -> list[DriveFile]:
        """A fresh, complete listing of a folder (all pages); refused when Drive says it is incomplete."""
        what = f"Drive folder {folder_id}"
        query = f"'{folder_id}' in parents and trashed = false{extra_query}"
        for attempt in range(LISTING_ATTEMPTS):
            found: list[DriveFile] = []
            incomplete, token = False, None
            while True:
                request = self.files().list(q=query, fields=f"nextPageToken, incompleteSearch, files({FIELDS})",
                                            pageSize=1000, pageToken=token, **self._scope(), **ALL_DRIVES)
                page = self.api.call(request.execute, what, "folder")
                incomplete = incomplete or bool(page.get("incompleteSearch"))
                found.extend(DriveFile.of(item) for item in page.get("files", []))
                token = page.get("nextPageToken")
                if not token:
                    break
            if not incomplete:
                return found
            if attempt + 1 < LISTING_ATTEMPTS:
                self.api.policy.wait(self.api.policy.delay(attempt), what)
        raise BackendError(f"{what}: Google answered an incomplete listing (incompleteSearch) {LISTING_ATTEMPTS} "
                           "times; nothing is created or read there on this run, the next run will try again")

    def children(self, folder_id: str) -> list[DriveFile]:
        """Everything directly in a folder, listed once per run."""
        if folder_id not in self._children:
            self._children[folder_id] = self.list(folder_id)
        return self._children[folder_id]

    def remember(self, folder_id: str, item: DriveFile, new_folder: bool = False) -> None:
        siblings = self._children.setdefault(folder_id, [])
        siblings[:] = [f for f in siblings if f.id != item.id] + [item]
        if new_folder:
            self._children[item.id] = []  # a new folder is empty: no need to list it

    def forget(self, folder_id: str, file_id: str) -> None:
        siblings = self._children.get(folder_id, [])
        siblings[:] = [f for f in siblings if f.id != file_id]

    def find(self, folder_id: str, name: str, mime_type: str) -> DriveFile | None:
        """The one file of that name and type to use; duplicates are reported once per run, never deleted."""
        found = [f for f in self.children(folder_id) if f.name == name and f.mime_type == mime_type]
        if not found:
            return None
        chosen = preferred(found)
        if len(found) > 1 and (folder_id, name) not in self.duplicates:
            self.duplicates.add((folder_id, name))
            others = ", ".join(f.id for f in found if f is not chosen)
            log.warning("Drive folder %s holds %d items named %r (%s): using %s, left the others (%s) alone; "
                        "delete the extra copies in Drive", folder_id, len(found), name, mime_type, chosen.id, others)
        return chosen

    def new_id(self) -> str:
        """A file id reserved with files.generateIds, fetched in growing batches (few requests, few unused ids)."""
        if not self._ids:
            count = min(1000, max(10, 2 * self._ids_used))
            request = self.files().generateIds(count=count, space="drive", type="files")
            self._ids = list(self.api.call(request.execute, "Drive (generating file ids)", "folder")["ids"])
        self._ids_used += 1
        return self._ids.pop(0)

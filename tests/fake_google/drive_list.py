"""``files.list`` as Drive answers it: corpora, shared drives, paging, and incomplete searches.

``corpora=drive`` needs ``driveId`` plus ``includeItemsFromAllDrives`` and ``supportsAllDrives``
and lists one shared drive; ``user`` lists My Drive and what is shared with the user;
``allDrives`` searches everything and, when the account sees many drives, may answer
``incompleteSearch: true`` and leave files out: :class:`ListingFaults` imitates that.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from .drive_query import compile_query
from .errors import ApiError
from .fields import apply_mask, parse_mask


@dataclass
class ListingFaults:
    all_drives_incomplete: bool = False  # allDrives searches miss the files on shared drives, as Google may
    incomplete_next: int = 0  # the next N listings of any corpus leave out half their matches


def _flag(query: dict[str, list[str]], key: str) -> bool:
    return query.get(key, ["false"])[0].lower() == "true"


def candidates(files: list[dict[str, Any]], query: dict[str, list[str]], faults: ListingFaults
               ) -> tuple[list[dict[str, Any]], bool]:
    """The files a corpus covers, and whether the search is incomplete."""
    corpora = query.get("corpora", ["user"])[0]
    drive_id = query.get("driveId", [""])[0]
    if corpora == "drive":
        if not drive_id:
            raise ApiError(400, "The driveId parameter must be specified if and only if corpora is set to drive.",
                           reason="invalid")
        if not (_flag(query, "includeItemsFromAllDrives") and _flag(query, "supportsAllDrives")):
            raise ApiError(400, "The includeItemsFromAllDrives parameter must be set to true when corpora is "
                                "set to drive.", reason="invalid")
        return [meta for meta in files if meta.get("driveId") == drive_id], False
    if drive_id:
        raise ApiError(400, "The driveId parameter must be specified if and only if corpora is set to drive.",
                       reason="invalid")
    if corpora == "user":
        return [meta for meta in files if not meta.get("driveId")], False
    if corpora == "allDrives":
        if faults.all_drives_incomplete:
            return [meta for meta in files if not meta.get("driveId")], True
        return files, False
    raise ApiError(400, f"Invalid Value: corpora={corpora}", reason="invalid")


def list_files(files: list[dict[str, Any]], query: dict[str, list[str]], faults: ListingFaults) -> dict[str, Any]:
    """One page of a listing; ``files`` come most recently modified first, as Drive answers without orderBy."""
    pool, incomplete = candidates(files, query, faults)
    predicate = compile_query(query.get("q", [""])[0])
    matches = [meta for meta in pool if predicate(meta)]
    if faults.incomplete_next > 0:
        faults.incomplete_next -= 1
        matches, incomplete = matches[: len(matches) // 2], True
    size = int(query.get("pageSize", ["100"])[0])
    start = int(query.get("pageToken", ["0"])[0] or 0)
    page = matches[start:start + size]
    result: dict[str, Any] = {"kind": "drive#fileList", "incompleteSearch": incomplete,
                              "files": [{key: meta[key] for key in ("kind", "id", "name", "mimeType") if key in meta}
                                        for meta in page]}
    if start + size < len(matches):
        result["nextPageToken"] = str(start + size)
    fields = query.get("fields", [""])[0]
    if fields:
        result = apply_mask({**result, "files": copy.deepcopy(page)}, parse_mask(fields))
    return result

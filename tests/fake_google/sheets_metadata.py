"""Developer metadata on sheets: the key/value labels an app attaches to what it owns.

Only sheet-located metadata is imitated (``location.sheetId``), which is what marks a tab
as belonging to an application; it travels with the sheet when people rename it and
disappears with it when the sheet is deleted. ``spreadsheets.get`` shows it under
``sheets[].developerMetadata``.
"""

from __future__ import annotations

import copy
import random
from typing import Any

from .errors import ApiError
from .sheets_model import Spreadsheet

_ids = random.Random(13)
VISIBILITIES = ("DOCUMENT", "PROJECT")


def create_developer_metadata(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    wanted = params.get("developerMetadata") or {}
    location = wanted.get("location") or {}
    if "sheetId" not in location:
        raise ApiError(400, "Invalid requests[0].createDeveloperMetadata: the imitation supports metadata located "
                            "on a sheet only")
    if not wanted.get("metadataKey"):
        raise ApiError(400, "Invalid requests[0].createDeveloperMetadata: metadataKey is required")
    if wanted.get("visibility") not in VISIBILITIES:
        raise ApiError(400, "Invalid requests[0].createDeveloperMetadata: visibility must be DOCUMENT or PROJECT")
    sheet = book.sheet_by_id(location["sheetId"])
    metadata = {"metadataId": wanted.get("metadataId") or _ids.randrange(1, 2**31 - 1),
                "metadataKey": wanted["metadataKey"],
                "location": {"locationType": "SHEET", "sheetId": sheet.sheet_id},
                "visibility": wanted["visibility"]}
    if "metadataValue" in wanted:
        metadata["metadataValue"] = wanted["metadataValue"]
    if any(item["metadataId"] == metadata["metadataId"] for s in book.sheets
           for item in s.extra.get("developerMetadata", [])):
        raise ApiError(400, f"Invalid requests[0].createDeveloperMetadata: Metadata with id "
                            f"{metadata['metadataId']} already exists.")
    sheet.extra.setdefault("developerMetadata", []).append(metadata)
    return {"developerMetadata": copy.deepcopy(metadata)}


def delete_developer_metadata(book: Spreadsheet, params: dict[str, Any]) -> dict[str, Any]:
    lookup = (params.get("dataFilter") or {}).get("developerMetadataLookup") or {}
    deleted = []
    for sheet in book.sheets:
        kept = []
        for item in sheet.extra.get("developerMetadata", []):
            hit = all(item.get(key) == value for key, value in lookup.items() if key in ("metadataId", "metadataKey"))
            (deleted if hit and lookup else kept).append(item)
        sheet.extra["developerMetadata"] = kept
    return {"deletedDeveloperMetadata": deleted}


METADATA_HANDLERS = {"createDeveloperMetadata": create_developer_metadata,
                     "deleteDeveloperMetadata": delete_developer_metadata}

"""Replay recorded Google traffic (vcrpy cassettes) against the imitation and compare the answers.

Ids differ (the imitation assigns its own), so the replay learns a mapping from the answers
(``id``, ``spreadsheetId``, ``sheetId``, ``namedRangeId``), rewrites later requests with it,
and compares after mapping the imitation's ids back and blanking timestamps.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from .drive import SPREADSHEET
from .server import FakeGoogle
from .transport import rewrite

ID_KEYS = ("id", "spreadsheetId", "namedRangeId")
NUMERIC_ID_KEYS = ("sheetId", "protectedRangeId")
_TIME_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


@dataclass
class Outcome:
    cassette: str
    index: int
    method: str
    uri: str
    matched: bool
    detail: str = ""


def _walk_pairs(recorded: Any, fake: Any) -> Iterator[tuple[str, Any, Any]]:
    if isinstance(recorded, dict) and isinstance(fake, dict):
        for key, value in recorded.items():
            if key in fake:
                if isinstance(value, dict | list):
                    yield from _walk_pairs(value, fake[key])
                else:
                    yield key, value, fake[key]
    elif isinstance(recorded, list) and isinstance(fake, list):
        for left, right in zip(recorded, fake, strict=False):
            yield from _walk_pairs(left, right)


class Replayer:
    def __init__(self, fake: FakeGoogle) -> None:
        self.fake = fake
        self.ids: dict[str, str] = {}  # recorded -> fake
        self.sheet_ids: dict[int, int] = {}

    def _forward(self, text: str) -> str:
        for recorded, mine in sorted(self.ids.items(), key=lambda item: -len(item[0])):
            text = text.replace(recorded, mine)
        return text

    def _backward(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: (self._sheet_back(item) if key in NUMERIC_ID_KEYS else self._backward(item))
                    for key, item in value.items()}
        if isinstance(value, list):
            return [self._backward(item) for item in value]
        if isinstance(value, str):
            for recorded, mine in self.ids.items():
                value = value.replace(mine, recorded)
            return _TIME_RE.sub("<time>", value)
        return value

    def _sheet_back(self, value: Any) -> Any:
        reverse = {mine: recorded for recorded, mine in self.sheet_ids.items()}
        return reverse.get(value, value)

    def _sheet_forward(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {key: (self.sheet_ids.get(item, item) if key in NUMERIC_ID_KEYS and isinstance(item, int)
                          else self._sheet_forward(item)) for key, item in value.items()}
        if isinstance(value, list):
            return [self._sheet_forward(item) for item in value]
        return value

    def _learn(self, recorded: Any, fake: Any) -> None:
        for key, left, right in _walk_pairs(recorded, fake):
            if key in ID_KEYS and isinstance(left, str) and isinstance(right, str) and left != right:
                if left not in self.fake.drive.files and left not in self.fake.books:  # seeded ids stay as they are
                    self.ids.setdefault(left, right)
            elif key in NUMERIC_ID_KEYS and isinstance(left, int) and isinstance(right, int) and left != right:
                self.sheet_ids.setdefault(left, right)

    def replay(self, interaction: dict[str, Any]) -> tuple[bool, str]:
        request, response = interaction["request"], interaction["response"]
        uri = rewrite(self._forward(request["uri"]), self.fake.base_url)
        for recorded, mine in self.sheet_ids.items():  # gid / sheetId in query strings are rare but exist
            uri = re.sub(rf"(sheetId=){recorded}\b", rf"\g<1>{mine}", uri)
        body = request.get("body") or ""
        headers = {key: values[0] for key, values in (request.get("headers") or {}).items()
                   if key.lower() in ("content-type",)}
        if body and headers.get("Content-Type", "").startswith("application/json"):
            try:
                body = json.dumps(self._sheet_forward(json.loads(self._forward(body))))
            except ValueError:
                body = self._forward(body)
        answer = requests.request(request["method"], uri, data=body.encode() if isinstance(body, str) else body,
                                  headers=headers, timeout=30)
        expected_status = response["status"]["code"]
        text = response["body"]["string"] or ""
        try:
            expected = json.loads(text) if text.strip() else None
            actual = answer.json() if answer.content.strip() else None
        except ValueError:
            expected, actual = text, answer.text
        if isinstance(expected, dict | list) and isinstance(actual, dict | list):
            self._learn(expected, actual)
            actual = self._backward(actual)
            expected = self._backward(expected)
        if answer.status_code != expected_status:
            return False, f"status {answer.status_code} != {expected_status}: {str(actual)[:200]}"
        if actual != expected:
            return False, _first_difference(expected, actual)
        return True, ""


def _first_difference(expected: Any, actual: Any, path: str = "") -> str:
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if expected.get(key, "<missing>") != actual.get(key, "<missing>"):
                return _first_difference(expected.get(key, "<missing>"), actual.get(key, "<missing>"), f"{path}.{key}")
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        for index, (left, right) in enumerate(zip(expected, actual, strict=True)):
            if left != right:
                return _first_difference(left, right, f"{path}[{index}]")
    return f"{path or '<body>'}: expected {str(expected)[:150]!r}, got {str(actual)[:150]!r}"


def seed_existing(fake: FakeGoogle, interactions: list[dict[str, Any]]) -> int:
    """Spreadsheets the recorded account already had (listed, never created here) exist beforehand."""
    created, listed = set(), {}
    for interaction in interactions:
        request, text = interaction["request"], interaction["response"]["body"]["string"] or ""
        if "/drive/v3/files" not in request["uri"] or not text.strip().startswith("{"):
            continue
        body = json.loads(text)
        if request["method"] == "POST" and "id" in body:
            created.add(body["id"])
        for item in body.get("files", []):
            listed.setdefault(item["id"], item)
    seeded = 0
    for file_id, item in listed.items():
        if file_id not in created:
            meta = fake.drive.add(item.get("name", "Untitled"), SPREADSHEET, file_id=file_id)
            meta.update({key: item[key] for key in ("createdTime", "modifiedTime") if key in item})
            seeded += 1
    return seeded


def replay_cassette(path: Path) -> list[Outcome]:
    """Every interaction of one cassette, against a fresh imitation."""
    fake = FakeGoogle().start()
    try:
        replayer = Replayer(fake)
        outcomes = []
        interactions = json.loads(path.read_text(encoding="utf-8"))["interactions"]
        seed_existing(fake, interactions)
        for index, interaction in enumerate(interactions):
            matched, detail = replayer.replay(interaction)
            request = interaction["request"]
            outcomes.append(Outcome(path.stem, index, request["method"], request["uri"], matched, detail))
        return outcomes
    finally:
        fake.stop()

"""What the message builders read: validated results, settings, today, and the record of past runs.

Everything here is gathered before any builder runs (run manifests and the send history are
read from the workspace once), so builders stay pure functions of an :class:`Inputs`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from automations.config import Settings
from automations.domain.rows import tab_frame
from automations.validation import WorkbookResult
from sheets_schema.base import Problem
from sheets_schema.contacts import addresses
from sheets_schema.types import text_key

log = logging.getLogger("automations")


@dataclass(frozen=True)
class History:
    """What notifications did lately (from the send log), for the managers' digest: counts only."""

    sent: int = 0
    failed: int = 0
    since: dt.date | None = None


@dataclass
class Inputs:
    settings: Settings
    today: dt.date
    results: dict[str, WorkbookResult]
    runs: list[dict[str, Any]] = field(default_factory=list)  # run manifests of the jobs, by job name
    history: History = field(default_factory=History)

    @property
    def notify(self) -> Any:
        return self.settings.notify

    def frame(self, workbook: str, tab: str) -> pd.DataFrame:
        """Kept (valid) rows of a tab; empty with the right columns when the workbook was not read."""
        return tab_frame(self.results, workbook, tab)

    def all_rows(self, workbook: str, tab: str) -> pd.DataFrame | None:
        """Every non-blank row, valid or not (``_valid`` tells), so rows with errors can be reported."""
        result = self.results.get(workbook)
        data = result.tabs.get(tab) if result is not None else None
        return None if data is None else data.all_rows

    def problems(self, workbook: str) -> list[Problem]:
        result = self.results.get(workbook)
        return result.problems if result is not None else []

    def person_addresses(self, name: Any) -> list[str]:
        """Where to write to a person named in an `Atsakingas` cell: an address typed there, else `notify.people`."""
        typed = addresses(name)
        if typed:
            return typed
        if not isinstance(name, str) or not name.strip():
            return []
        wanted = text_key(name)
        for person, address in self.notify.people.items():
            if text_key(person) == wanted:
                return addresses(address)
        return []


def read_manifests(state_path: Path) -> list[dict[str, Any]]:
    """The last run manifest of every job (``.automations/runs/<job>.json``), unreadable ones skipped."""
    folder = state_path / "runs"
    manifests = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            log.warning("run manifest %s not read: %s", path, error)
            continue
        if isinstance(data, dict) and isinstance(data.get("job"), str):
            manifests.append(data)
    return manifests

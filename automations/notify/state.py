"""What was sent to whom: the hashes that keep a rerun silent, and the send log.

``.automations/notify/state.json`` keeps, per delivery channel (``smtp`` or ``outbox``), per
address and per letter key, the hash of the facts last delivered and any failed attempts.
A failed letter is simply not recorded as sent, so the next run tries it again, up to
``notify.max_attempts`` times for the same content. Channels are kept apart, so messages
previewed in the outbox are still sent once SMTP is configured.

``.automations/notify/sent.csv`` logs every attempt: time, channel, address, kind, key,
subject, hash and result.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
from pathlib import Path
from typing import Any

from automations.files import atomic_write
from automations.notify.inputs import History
from automations.notify.letters import Letter, Policy

log = logging.getLogger("automations")

FOLDER = "notify"
LOG_COLUMNS = ("time", "channel", "address", "kind", "key", "subject", "hash", "result")
KEEP_DAYS = 3 * 366  # entries untouched this long are forgotten


class State:
    def __init__(self, path: Path, channel: str) -> None:
        self.path = path
        self.channel = channel
        self.data: dict[str, Any] = {"version": 1, "channels": {}}
        if path.exists():
            try:
                loaded = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                # starting over would re-send everything: refuse rather than spam every library
                raise StateError(f"{path} cannot be read ({error}); fix or restore it before sending") from error
            if isinstance(loaded, dict) and isinstance(loaded.get("channels"), dict):
                self.data = loaded
        self.entries: dict[str, dict[str, dict[str, Any]]] = self.data["channels"].setdefault(channel, {})

    def _entry(self, letter: Letter) -> dict[str, Any] | None:
        return self.entries.get(letter.address.casefold(), {}).get(letter.key)

    def is_due(self, letter: Letter, max_attempts: int) -> bool:
        entry = self._entry(letter) or {}
        fingerprint = letter.fingerprint
        failed = entry.get("failed") or {}
        if failed.get("hash") == fingerprint and failed.get("attempts", 0) >= max_attempts:
            return False  # given up on this content; a change of content is tried afresh
        sent = entry.get("hash")
        if letter.policy is Policy.ONCE:
            return sent is None
        if letter.policy is Policy.FOLLOW_UP:
            return sent is not None and sent != fingerprint
        return sent != fingerprint

    def mark_sent(self, letter: Letter, when: dt.datetime) -> None:
        self.entries.setdefault(letter.address.casefold(), {})[letter.key] = {
            "hash": letter.fingerprint, "sent": when.isoformat(timespec="seconds"), "touched": when.date().isoformat()}

    def mark_failed(self, letter: Letter, when: dt.datetime) -> int:
        """Record a failed attempt; returns how many times this content has failed."""
        entry = self.entries.setdefault(letter.address.casefold(), {}).setdefault(letter.key, {})
        failed = entry.get("failed") or {}
        attempts = failed.get("attempts", 0) + 1 if failed.get("hash") == letter.fingerprint else 1
        entry["failed"] = {"hash": letter.fingerprint, "attempts": attempts}
        entry["touched"] = when.date().isoformat()
        return attempts

    def prune(self, today: dt.date) -> None:
        oldest = (today - dt.timedelta(days=KEEP_DAYS)).isoformat()
        for address in list(self.entries):
            keys = self.entries[address]
            for key in [key for key, entry in keys.items() if str(entry.get("touched", "")) < oldest]:
                del keys[key]
            if not keys:
                del self.entries[address]

    def save(self) -> None:
        atomic_write(self.path, json.dumps(self.data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


class StateError(Exception):
    """The sent-message state cannot be trusted; nothing is sent until it is fixed."""


class SendLog:
    def __init__(self, path: Path) -> None:
        self.path = path

    def append(self, when: dt.datetime, channel: str, letter: Letter, subject: str, result: str) -> None:
        new = not self.path.exists()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        if new:
            writer.writerow(LOG_COLUMNS)
        writer.writerow([when.isoformat(timespec="seconds"), channel, letter.address, letter.kind, letter.key,
                         subject, letter.fingerprint, result])
        with self.path.open("a", encoding="utf-8", newline="") as stream:
            stream.write(buffer.getvalue())

    def history(self, today: dt.date, days: int = 7) -> History:
        """Sent and failed attempts of the last ``days`` days (for the managers' digest)."""
        since = today - dt.timedelta(days=days)
        sent = failed = 0
        if self.path.exists():
            try:
                with self.path.open(encoding="utf-8", newline="") as stream:
                    for row in csv.DictReader(stream):
                        if str(row.get("time", ""))[:10] < since.isoformat():
                            continue
                        if str(row.get("result", "")).startswith("failed"):
                            failed += 1
                        else:
                            sent += 1
            except (OSError, csv.Error) as error:
                log.warning("send log %s not read: %s", self.path, error)
        return History(sent, failed, since)

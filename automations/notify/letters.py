"""A notification before it is rendered: who, about what, which template, which facts.

Builders (:mod:`automations.notify.builders`) turn validated data into :class:`Letter`
records and nothing else, so "who is told what" is a pure function tested without any mail
server. The facts a letter shows are its ``context``; their hash (not the rendered wording)
decides whether a letter is new, so editing a template never re-sends yesterday's messages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from automations import lt
from sheets_schema.types import is_blank


class Policy(StrEnum):
    """When a letter whose (address, key) was already written to is sent again."""

    ON_CHANGE = "on_change"  # whenever its facts differ from the last one sent (problems, deadlines)
    ONCE = "once"  # once per key, even if the facts move on (the weekly digest: one per week)
    FOLLOW_UP = "follow_up"  # only after a different letter with this key was sent ("no more errors")


@dataclass(frozen=True)
class Letter:
    kind: str  # the builder's name, e.g. "klaidos"; `notify.kinds` chooses which kinds go out
    key: str  # what it is about; together with the address, what the sent-message state remembers
    address: str
    template: str  # templates/laiskai/<template>.txt and .html
    context: dict[str, Any]  # the facts the templates show
    policy: Policy = Policy.ON_CHANGE
    about: str = ""  # a short label for listings and the send log (a library's name, never a person's address)

    @property
    def fingerprint(self) -> str:
        """The hash of the facts (and which template shows them): equal facts, equal hash."""
        payload = json.dumps({"template": self.template, "context": self.context}, sort_keys=True,
                             ensure_ascii=False, default=_plain)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NoAddress:
    """Someone who should be told, but no usable address is known: listed so staff can add one."""

    kind: str
    about: str
    reason: str


@dataclass
class Plan:
    letters: list[Letter] = field(default_factory=list)
    unreachable: list[NoAddress] = field(default_factory=list)


def facts(row: dict[str, Any], *names: str) -> dict[str, Any]:
    """The named values of a row for a letter's context, blanks (None, NaN, "") as None."""
    return {name: None if is_blank(row.get(name)) else row.get(name) for name in names}


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def reminder_phase(today: dt.date, deadline: dt.date, days_before: list[int]) -> int | None:
    """Which reminder is due: the nearest of ``days_before`` already reached, until the deadline.

    With ``[7, 1]`` a deadline gets a reminder from 7 days before (phase 7) and another from the
    day before (phase 1). A phase is a window, not a single day, so a night the server was down
    only delays a reminder; the state makes sure each phase is sent once.
    """
    if today > deadline:
        return None
    left = (deadline - today).days
    reached = [days for days in days_before if left <= days]
    return min(reached) if reached else None


def days_word(count: int) -> str:
    """``1 diena``, ``3 dienos``, ``10 dienų``: Lithuanian agreement for a number of days."""
    return lt.count_phrase(count, "diena", "dienos", "dienų")

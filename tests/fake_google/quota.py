"""Per-user request quotas as Google enforces them, on a clock the test controls.

Sheets allows 60 read and 60 write requests per minute per user; beyond that it answers 429
(``RESOURCE_EXHAUSTED``, reason ``RATE_LIMIT_EXCEEDED``) until the minute has passed. The
imitation counts requests in a sliding minute, per user (the bearer token) and per kind;
refused requests are not counted, as Google does not charge them.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import rate_limited

WINDOW_SECONDS = 60.0


class VirtualClock:
    """Seconds that pass only when someone sleeps: minutes of quota in milliseconds of test."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += max(seconds, 0.0)


@dataclass
class Quota:
    reads_per_minute: int = 60
    writes_per_minute: int = 60
    clock: Callable[[], float] = time.monotonic
    retry_after: float | None = None  # Sheets sends none; set it to imitate a front end that does
    refused: int = 0
    _seen: dict[tuple[str, str], deque[float]] = field(default_factory=lambda: defaultdict(deque))

    def admit(self, user: str, api: str, method: str) -> None:
        """Count one request, or raise the 429 Google would answer."""
        if api != "sheets":
            return
        kind = "read" if method == "GET" else "write"
        limit = self.reads_per_minute if kind == "read" else self.writes_per_minute
        now = self.clock()
        seen = self._seen[(user, kind)]
        while seen and seen[0] <= now - WINDOW_SECONDS:
            seen.popleft()
        if len(seen) >= limit:
            self.refused += 1
            metric = "Read requests" if kind == "read" else "Write requests"
            raise rate_limited("sheets", metric, f"{metric} per minute per user", self.retry_after)
        seen.append(now)

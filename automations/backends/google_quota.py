"""Staying inside Google's per-minute quotas by pacing, and counting every second spent waiting.

Sheets allows 60 read and 60 write requests per minute per user. Relying on 429 answers to
slow down costs retries and, with many spreadsheets, whole runs; a :class:`Pacer` instead
spaces requests so that no sliding minute holds more than the configured number. The clock
and the sleep are injectable, so tests and the benchmark can simulate hours of quota in
milliseconds. :class:`Waits` adds up what pacing and backoff cost, for the run's report.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

WINDOW_SECONDS = 60.0


@dataclass
class Waits:
    """What a run spent waiting on Google: paced requests, retries and their backoff."""

    requests: int = 0  # attempts sent, retries included
    retries: int = 0
    backoff_seconds: float = 0.0
    paced: int = 0  # pauses made to let the quota window move on
    pacing_seconds: float = 0.0
    longest_retry_after: float = 0.0

    def summary(self) -> str:
        waited = self.backoff_seconds + self.pacing_seconds
        return (f"Google: {self.requests} requests, waited {waited:.1f} s in all: pacing {self.pacing_seconds:.1f} s "
                f"({self.paced} pauses to stay under the per-minute quota), backoff {self.backoff_seconds:.1f} s "
                f"for {self.retries} retries")


@dataclass
class Pacer:
    """At most ``per_minute`` requests in any sliding minute; waits instead of drawing a 429."""

    per_minute: int
    clock: Callable[[], float]
    sleep: Callable[[float], None]
    waits: Waits = field(default_factory=Waits)
    _sent: deque[float] = field(default_factory=deque)

    def __call__(self) -> None:
        if self.per_minute <= 0:
            return
        now = self.clock()
        while self._sent and self._sent[0] <= now - WINDOW_SECONDS:
            self._sent.popleft()
        start = now
        if len(self._sent) >= self.per_minute:
            # the oldest request of the window must leave it first; a sleep that does not advance the clock
            # (tests) still books the request at the moment it was allowed
            start = self._sent[0] + WINDOW_SECONDS + 0.001
            self.waits.paced += 1
            self.waits.pacing_seconds += start - now
            self.sleep(start - now)
            self._sent.popleft()
        self._sent.append(max(start, self.clock()))

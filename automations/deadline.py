"""Time limits for runs nobody watches: a job that takes too long is given up on, the others go on.

A stalled network call, a drive that stops answering or an endless loop must not keep a
nightly run (and the scheduler's workspace) busy for ever. :func:`run_with_limit` runs one
step in a worker thread and stops waiting for it when its time is up. Python cannot kill a
thread, so the step is also told: :func:`check` raises once its deadline has passed, and the
Google backend calls it before every request and every wait, so an abandoned step stops at
its next request instead of publishing anything late.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import TypeVar

from automations.backends.base import BackendError

T = TypeVar("T")
_deadline: ContextVar[float | None] = ContextVar("automations_deadline", default=None)


class TimeLimitExceeded(BackendError):
    """A step ran past its time limit; the message names the step and the setting."""


def remaining() -> float | None:
    """Seconds left for the step running in this thread, or None when it has no limit."""
    end = _deadline.get()
    return None if end is None else end - time.monotonic()


def check(what: str) -> None:
    """Stop the current step when its time is up (the runner has already reported it failed)."""
    left = remaining()
    if left is not None and left <= 0:
        raise TimeLimitExceeded(f"{what}: stopped, the time limit of this step has passed")


def describe(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"


def run_with_limit(action: Callable[[], T], seconds: float | None, what: str) -> T:
    """``action()``, or TimeLimitExceeded when it has not finished within ``seconds`` (None or 0: no limit)."""
    if not seconds:
        return action()
    box: dict[str, object] = {}

    def target() -> None:
        _deadline.set(time.monotonic() + seconds)
        try:
            box["value"] = action()
        except BaseException as error:  # handed to the waiting thread, which re-raises it
            box["error"] = error

    worker = threading.Thread(target=target, name=f"automations: {what}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise TimeLimitExceeded(f"{what} did not finish within {describe(seconds)} (schedule.max_job_minutes): "
                                "given up on (it stops at its next request); the next run will try again")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["value"]  # type: ignore[return-value]

"""How requests reach Google and how transient failures are retried.

Everything the Google backend sends goes through :func:`call`, so the retry policy (bounded
exponential backoff with jitter for 429, 5xx, Drive's rate-limit 403s and network failures,
timeouts included; ``Retry-After`` honoured up to a limit), quota pacing and the run's time
limit live in one place; :mod:`~automations.backends.google_errors` words what retrying did
not fix. :class:`Transport` is the single injection point: the default one talks to
Google's own endpoints; a test or an emulator can hand in another that sends the same
requests somewhere else.
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httplib2
import requests
from google.auth.exceptions import RefreshError, TransportError

from automations import deadline
from automations.backends.base import BackendError
from automations.backends.google_quota import Waits

T = TypeVar("T")
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"})


class Transport:
    """Builds the HTTP objects the client libraries use; the default reaches Google directly.

    gspread takes a ``requests`` session and google-api-python-client an ``httplib2`` object,
    both already authorised with the credentials. Timeouts are not the transport's business:
    :class:`~automations.backends.google_api.GoogleApi` sets them on whatever it is given.
    """

    def session(self, credentials: Any) -> requests.Session:
        from google.auth.transport.requests import AuthorizedSession

        return AuthorizedSession(credentials)

    def http(self, credentials: Any) -> Any:
        from google_auth_httplib2 import AuthorizedHttp

        return AuthorizedHttp(credentials, http=httplib2.Http())


@dataclass
class RetryPolicy:
    """Bounded exponential backoff with jitter; ``sleep`` and ``clock`` are injectable so tests never wait.

    A ``Retry-After`` Google sends is honoured up to ``max_retry_after`` seconds, even beyond
    the backoff's own cap.
    """

    max_retries: int = 6
    base_seconds: float = 1.0
    cap_seconds: float = 32.0
    max_retry_after: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    jitter: Callable[[], float] = field(default=random.random)
    waits: Waits = field(default_factory=Waits)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        backoff = min(self.cap_seconds, self.base_seconds * 2**attempt) + self.jitter() * self.base_seconds
        backoff = min(self.cap_seconds, backoff)
        if retry_after:
            return max(backoff, min(retry_after, self.max_retry_after))
        return backoff

    def wait(self, seconds: float, what: str) -> None:
        """Sleep before a retry, never past the step's time limit."""
        left = deadline.remaining()
        if left is not None and left <= seconds:
            deadline.check(what)
            seconds = max(left, 0.0)
        self.waits.retries += 1
        self.waits.backoff_seconds += seconds
        self.sleep(seconds)


@dataclass(frozen=True)
class Failure:
    """An HTTP failure reduced to what decides retrying and what the operator reads."""

    status: int  # 0 for a network failure without an answer (a timeout, a dropped connection)
    reason: str  # errors[0].reason (Drive) or the ErrorInfo reason, else the status name
    message: str
    retry_after: float | None = None
    reasons: frozenset[str] = frozenset()  # every reason the body names (errors[].reason, details[].reason)
    service: str = ""  # the API an ErrorInfo names, e.g. sheets.googleapis.com

    @property
    def transient(self) -> bool:
        return self.status == 0 or self.status in RETRYABLE_STATUS or (
            self.status == 403 and bool(self.reasons & RATE_LIMIT_REASONS))


def call(action: Callable[[], T], what: str, policy: RetryPolicy, explain: Callable[[Failure, int], BackendError],
         pace: Callable[[], None] | None = None) -> T:
    """Run one API call, retrying transient failures, and turn the rest into a BackendError.

    ``what`` names the object for messages (``spreadsheet 1AbC… (renginiai)``); ``explain``
    words a failure that retrying did not fix; ``pace`` waits for the quota window before
    each attempt. Every attempt first checks the step's time limit.
    """
    attempt = 0
    while True:
        deadline.check(what)
        if pace is not None:
            pace()
        policy.waits.requests += 1
        try:
            return action()
        except RefreshError as error:
            raise BackendError(auth_message(str(error))) from None
        except Exception as error:  # classified below; anything unknown is re-raised
            failure = classify(error)
            if failure is None:
                raise
        if failure.transient and attempt < policy.max_retries:
            if failure.retry_after:
                policy.waits.longest_retry_after = max(policy.waits.longest_retry_after, failure.retry_after)
            policy.wait(policy.delay(attempt, failure.retry_after), what)
            attempt += 1
            continue
        raise explain(failure, attempt)


def auth_message(detail: str) -> str:
    return ("Google did not accept the credentials (" + detail.strip()[:200] + "). With a service account, check "
            "that google.credentials_file points to a current JSON key; with a personal sign-in "
            "(google.auth = \"oauth\") run `automations auth` again. See credentials.example/README.md.")


def classify(error: BaseException) -> Failure | None:
    """Status, reasons and message of a gspread, googleapiclient or network error; None if neither.

    A timeout (connect or read) and a connection closed without an answer are network
    failures: retried like a 503.
    """
    from googleapiclient.errors import HttpError
    from gspread.exceptions import APIError

    if isinstance(error, APIError):
        response = error.response
        return _from_body(response.status_code, response.text, response.headers.get("Retry-After"))
    if isinstance(error, HttpError):
        content = error.content.decode("utf-8", "replace") if isinstance(error.content, bytes) else str(error.content)
        return _from_body(int(error.resp.status), content, error.resp.get("retry-after"))
    if isinstance(error, requests.RequestException | httplib2.HttpLib2Error | TransportError | socket.timeout
                  | ConnectionError | TimeoutError | http.client.HTTPException):
        return Failure(0, "network", f"{type(error).__name__}: {error}"[:200])
    return None


def _from_body(status: int, text: str, retry_after: str | None) -> Failure:
    reason, message, reasons, service = "", text[:200], set(), ""
    try:
        body = json.loads(text)["error"]
        message = str(body.get("message", message))
        reason = str(body.get("status", ""))
        for item in body.get("details") or []:
            if isinstance(item, dict) and item.get("reason"):
                reasons.add(str(item["reason"]))
                reason = str(item["reason"])
                service = str((item.get("metadata") or {}).get("service", service))
        errors = body.get("errors") or []
        for item in errors:
            if isinstance(item, dict) and item.get("reason"):
                reasons.add(str(item["reason"]))
        if errors and isinstance(errors[0], dict) and errors[0].get("reason"):
            reason = str(errors[0]["reason"])
        if body.get("status"):
            reasons.add(str(body["status"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    seconds = None
    if retry_after:
        try:
            seconds = float(retry_after)
        except ValueError:
            seconds = None
    return Failure(status, reason, message, seconds, frozenset(reasons), service)

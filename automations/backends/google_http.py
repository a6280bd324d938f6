"""How requests reach Google, how transient failures are retried, and how errors are explained.

Everything the Google backend sends goes through :func:`call`, so the retry policy (bounded
exponential backoff with jitter for 429, 5xx and Drive's rate-limit 403s) and the translation
of HTTP errors into operator messages live in one place. :class:`Transport` is the single
injection point: the default one talks to Google's own endpoints; a test or an emulator can
hand in another that sends the same requests somewhere else.
"""

from __future__ import annotations

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

from automations.backends.base import BackendError

T = TypeVar("T")
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
RATE_LIMIT_REASONS = frozenset({"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"})
TIMEOUT_SECONDS = 120


class Transport:
    """Builds the HTTP objects the client libraries use; the default reaches Google directly.

    gspread takes a ``requests`` session and google-api-python-client an ``httplib2`` object,
    both already authorised with the credentials.
    """

    def session(self, credentials: Any) -> requests.Session:
        from google.auth.transport.requests import AuthorizedSession

        return AuthorizedSession(credentials)

    def http(self, credentials: Any) -> Any:
        from google_auth_httplib2 import AuthorizedHttp

        return AuthorizedHttp(credentials, http=httplib2.Http(timeout=TIMEOUT_SECONDS))


@dataclass
class RetryPolicy:
    """Bounded exponential backoff with jitter; ``sleep`` is injectable so tests never wait."""

    max_retries: int = 6
    base_seconds: float = 1.0
    cap_seconds: float = 32.0
    sleep: Callable[[float], None] = time.sleep
    jitter: Callable[[], float] = field(default=random.random)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        backoff = min(self.cap_seconds, self.base_seconds * 2**attempt) + self.jitter() * self.base_seconds
        return min(self.cap_seconds, max(backoff, retry_after or 0.0))


@dataclass(frozen=True)
class Failure:
    """An HTTP failure reduced to what decides retrying and what the operator reads."""

    status: int  # 0 for a network failure without an answer
    reason: str
    message: str
    retry_after: float | None = None

    @property
    def transient(self) -> bool:
        return self.status == 0 or self.status in RETRYABLE_STATUS or (
            self.status == 403 and self.reason in RATE_LIMIT_REASONS)


class NotReachable(BackendError):
    """No access (403/404): the message already names the object and the account to share it with."""


def call(action: Callable[[], T], what: str, policy: RetryPolicy, access_hint: str = "") -> T:
    """Run one API call, retrying transient failures, and turn the rest into a BackendError.

    ``what`` names the object for messages (``spreadsheet 1AbC… (renginiai)``);
    ``access_hint`` says whom to share it with when Google answers 403 or 404.
    """
    attempt = 0
    while True:
        try:
            return action()
        except RefreshError as error:
            raise BackendError(auth_message(str(error))) from None
        except Exception as error:  # classified below; anything unknown is re-raised
            failure = classify(error)
            if failure is None:
                raise
        if failure.transient and attempt < policy.max_retries:
            policy.sleep(policy.delay(attempt, failure.retry_after))
            attempt += 1
            continue
        raise explain(failure, what, access_hint, attempt)


def explain(failure: Failure, what: str, access_hint: str, attempts: int) -> BackendError:
    """An operator's message for a failure that retrying did not (or cannot) fix."""
    if failure.transient:
        answer = f"HTTP {failure.status}" if failure.status else "no answer"
        return BackendError(f"{what}: Google still answered {answer} ({failure.message}) after {attempts} retries; "
                            "the next run will try again")
    if failure.status in (403, 404):
        return NotReachable(f"{what}: Google answered {failure.status} ({failure.message}). {access_hint}".strip())
    if failure.status == 401:
        return BackendError(auth_message(failure.message))
    return BackendError(f"{what}: Google refused the request with HTTP {failure.status}: {failure.message}")


def auth_message(detail: str) -> str:
    return ("Google did not accept the credentials (" + detail.strip()[:200] + "). With a service account, check "
            "that google.credentials_file points to a current JSON key; with a personal sign-in "
            "(google.auth = \"oauth\") run `automations auth` again. See credentials.example/README.md.")


def classify(error: BaseException) -> Failure | None:
    """Status, reason and message of a gspread, googleapiclient or network error; None if neither."""
    from googleapiclient.errors import HttpError
    from gspread.exceptions import APIError

    if isinstance(error, APIError):
        response = error.response
        return _from_body(response.status_code, response.text, response.headers.get("Retry-After"))
    if isinstance(error, HttpError):
        content = error.content.decode("utf-8", "replace") if isinstance(error.content, bytes) else str(error.content)
        return _from_body(int(error.resp.status), content, error.resp.get("retry-after"))
    if isinstance(error, requests.RequestException | httplib2.HttpLib2Error | TransportError | socket.timeout
                  | ConnectionError | TimeoutError):
        return Failure(0, "network", f"{type(error).__name__}: {error}"[:200])
    return None


def _from_body(status: int, text: str, retry_after: str | None) -> Failure:
    reason, message = "", text[:200]
    try:
        body = json.loads(text)["error"]
        message = str(body.get("message", message))
        reason = str(body.get("status", ""))
        errors = body.get("errors") or []
        if errors and isinstance(errors[0], dict):
            reason = str(errors[0].get("reason", reason))
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    seconds = None
    if retry_after:
        try:
            seconds = float(retry_after)
        except ValueError:
            seconds = None
    return Failure(status, reason, message, seconds)

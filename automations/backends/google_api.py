"""One place that owns credentials, HTTP objects and client libraries for a run.

The Sheets, Forms and Drive modules ask it for a gspread HTTP client or a discovery-based
service and run every call through :meth:`GoogleApi.call`, which retries and explains
failures. Credentials load lazily, so a run whose settings lack them reports a clear
message per workbook instead of failing at start-up with a traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from automations.backends.google_auth import Identity, load_identity
from automations.backends.google_http import RetryPolicy, Transport, call
from automations.config import Settings

T = TypeVar("T")


class GoogleApi:
    """Lazily built clients sharing one identity, transport and retry policy."""

    def __init__(self, settings: Settings, transport: Transport, policy: RetryPolicy,
                 identity: Identity | None = None) -> None:
        self.settings = settings
        self.transport = transport
        self.policy = policy
        self._identity = identity
        self._gspread: Any = None
        self._services: dict[str, Any] = {}

    @property
    def identity(self) -> Identity:
        if self._identity is None:
            self._identity = load_identity(self.settings)
        return self._identity

    def sheets(self) -> Any:
        """gspread's low-level HTTP client: values:batchGet, spreadsheets.get and batchUpdate as they are."""
        if self._gspread is None:
            from gspread.http_client import HTTPClient

            credentials = self.identity.credentials
            self._gspread = HTTPClient(credentials, session=self.transport.session(credentials))
        return self._gspread

    def service(self, name: str, version: str) -> Any:
        """A discovery-based client built from the document shipped with the library (works offline)."""
        key = f"{name}/{version}"
        if key not in self._services:
            from googleapiclient.discovery import build

            http = self.transport.http(self.identity.credentials)
            self._services[key] = build(name, version, http=http, static_discovery=True, cache_discovery=False)
        return self._services[key]

    def call(self, action: Callable[[], T], what: str, kind: str) -> T:
        """Run one request with retries; ``kind`` (spreadsheet, form, folder) words the no-access hint."""
        return call(action, what, self.policy, self.identity.share_hint(kind))

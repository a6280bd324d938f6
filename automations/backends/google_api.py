"""One place that owns credentials, HTTP objects and client libraries for a run.

The Sheets, Forms and Drive modules ask it for a gspread HTTP client or a discovery-based
service and run every call through :meth:`GoogleApi.call`, which paces, retries and explains
failures. Every HTTP object gets the configured connect and read timeouts here, whatever the
transport built (gspread itself would wait for ever: it passes ``timeout=None``).
Credentials load lazily, so a run whose settings lack them reports a clear message per
workbook instead of failing at start-up with a traceback. HTTP objects are made per thread
(httplib2 is not thread-safe), so a job the runner gave up on cannot disturb the next one.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from automations.backends.google_auth import Identity, load_identity
from automations.backends.google_errors import Target, explain
from automations.backends.google_http import RetryPolicy, Transport, call
from automations.backends.google_quota import Pacer
from automations.config import Settings

T = TypeVar("T")
API_OF_KIND = {"spreadsheet": "sheets", "form": "forms", "folder": "drive", "file": "drive"}


class GoogleApi:
    """Lazily built clients sharing one identity, transport, retry policy and quota pacers."""

    def __init__(self, settings: Settings, transport: Transport, policy: RetryPolicy,
                 identity: Identity | None = None) -> None:
        self.settings = settings
        self.transport = transport
        self.policy = policy
        self._identity = identity
        self._local = threading.local()  # per thread: .gspread, .services
        google = settings.google
        self.pacers = {
            "sheets.read": Pacer(google.sheets_reads_per_minute, policy.clock, policy.sleep, policy.waits),
            "sheets.write": Pacer(google.sheets_writes_per_minute, policy.clock, policy.sleep, policy.waits),
        }

    @property
    def identity(self) -> Identity:
        if self._identity is None:
            self._identity = load_identity(self.settings)
        return self._identity

    @property
    def timeouts(self) -> tuple[float, float]:
        return self.settings.google.connect_timeout_seconds, self.settings.google.read_timeout_seconds

    def sheets(self) -> Any:
        """gspread's low-level HTTP client: values:batchGet, spreadsheets.get and batchUpdate as they are."""
        client = getattr(self._local, "gspread", None)
        if client is None:
            from gspread.http_client import HTTPClient

            credentials = self.identity.credentials
            client = HTTPClient(credentials, session=self.transport.session(credentials))
            client.set_timeout(self.timeouts)  # requests takes (connect, read)
            self._local.gspread = client
        return client

    def service(self, name: str, version: str) -> Any:
        """A discovery-based client built from the document shipped with the library (works offline)."""
        key = f"{name}/{version}"
        services = self._local.__dict__.setdefault("services", {})
        if key not in services:
            from googleapiclient.discovery import build

            http = self.transport.http(self.identity.credentials)
            # httplib2 has one socket timeout, for connecting and for each read alike
            inner = getattr(http, "http", http)
            inner.timeout = max(self.timeouts)
            services[key] = build(name, version, http=http, static_discovery=True, cache_discovery=False)
        return services[key]

    def call(self, action: Callable[[], T], what: str, kind: str, quota: str | None = None,
             write: bool = False, retries: bool = True) -> T:
        """Run one request with pacing and retries; ``kind`` (spreadsheet, form, folder, file) words the advice.

        ``write`` marks a change (a 403 then means read-only access); ``retries=False`` leaves
        retrying to a caller that must look around first (a create Google cannot make idempotent).
        """
        target = Target(what, "folder" if kind == "file" else kind, API_OF_KIND[kind], self.identity.account, write)
        policy = self.policy if retries else dataclasses.replace(self.policy, max_retries=0)
        return call(action, what, policy, lambda failure, attempts: explain(failure, target, attempts),
                    self.pacers.get(quota) if quota else None)

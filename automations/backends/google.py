"""The Google backend: inputs from Sheets and Forms, feedback into the sheets, outputs into Drive.

A workbook's ``spreadsheet_id`` holds its tabs; with a ``form_id`` its form tab (``form_tab``,
by default the spec's tab marked ``form = True``) comes from the Forms API instead of the
linked response sheet. Jobs see the same raw cells as on the local backend. The whole
conversation with Google goes through one :class:`~automations.backends.google_http.Transport`,
the explicit seam tests use to talk to a loopback imitation of the APIs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from automations.backends.base import Backend, BackendError, Feedback, InputError, Published
from automations.backends.google_api import GoogleApi
from automations.backends.google_auth import Identity
from automations.backends.google_drive import DriveStore
from automations.backends.google_forms import FormsReader
from automations.backends.google_http import RetryPolicy, Transport
from automations.backends.google_sheets import SheetsGateway
from automations.config import Settings, WorkbookSource
from automations.tables import RawSheet
from sheets_schema import workbooks


class GoogleBackend(Backend):
    name = "google"

    def __init__(self, settings: Settings, transport: Transport | None = None, identity: Identity | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        """``transport`` and ``identity`` default to Google's endpoints and the configured credentials;
        ``sleep`` and ``clock`` drive backoff and quota pacing (tests pass a virtual clock)."""
        self.settings = settings
        policy = RetryPolicy(max_retries=settings.google.max_retries, sleep=sleep, clock=clock,
                             max_retry_after=settings.google.max_retry_after_seconds)
        self.api = GoogleApi(settings, transport or Transport(), policy, identity)
        self.sheets = SheetsGateway(self.api)
        self.forms = FormsReader(self.api)
        self.drive = DriveStore(self.api, settings.google.drive_folder_id, settings.google.convert_to_google_formats)

    def activity(self) -> str | None:
        """How many requests the run sent and how long it waited for quota and retries."""
        waits = self.api.policy.waits
        return waits.summary() if waits.requests else None

    def _source(self, workbook: str) -> WorkbookSource:
        source = self.settings.workbooks.get(workbook)
        if source is None or not (source.spreadsheet_id or source.form_id):
            raise BackendError(f"workbook {workbook}: no spreadsheet_id or form_id under [workbooks.{workbook}] "
                               "in automations.toml")
        return source

    def form_tab(self, workbook: str) -> str | None:
        """The tab read from the Forms API, or None when the workbook has no form_id."""
        source = self.settings.workbooks.get(workbook)
        if source is None or not source.form_id:
            return None
        if source.form_tab:
            return source.form_tab
        spec = workbooks().get(workbook)
        forms = [model.tab for model in spec.tabs if model.form] if spec is not None else []
        if not forms:
            raise BackendError(f"workbook {workbook}: set form_tab, the tab the form's responses stand for")
        return forms[0]

    def describe(self, workbook: str) -> str:
        source = self.settings.workbooks.get(workbook)
        if source is not None and source.spreadsheet_id:
            return f"https://docs.google.com/spreadsheets/d/{source.spreadsheet_id}"
        if source is not None and source.form_id:
            return f"https://docs.google.com/forms/d/{source.form_id}"
        return workbook

    def read_tabs(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        source = self._source(workbook)
        form_tab = self.form_tab(workbook)
        result: dict[str, RawSheet | InputError] = {}
        rest = [tab for tab in tabs if tab != form_tab]
        if rest:
            if not source.spreadsheet_id:
                raise BackendError(f"workbook {workbook}: tabs {', '.join(rest)} need a spreadsheet_id")
            result.update(self.sheets.read(workbook, source.spreadsheet_id, rest))
        if form_tab in tabs:
            result[form_tab] = self.forms.read(workbook, source.form_id or "", form_tab)
        return {tab: result[tab] for tab in tabs if tab in result}

    def read_workbook(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        """The tabs and every other tab of the spreadsheet in the same two requests."""
        source = self._source(workbook)
        if not source.spreadsheet_id or self.form_tab(workbook):
            return self.read_tabs(workbook, tabs)
        return self.sheets.read(workbook, source.spreadsheet_id, tabs, every=True)

    def read_form(self, workbook: str, form_id: str, tab: str) -> RawSheet | InputError:
        """A form named in a workbook's own rows (a survey's `Formos ID`); an unreadable one is that tab's problem."""
        try:
            return self.forms.read(workbook, form_id, tab)
        except BackendError as error:
            return InputError(f"formos „{form_id}“ atsakymų perskaityti nepavyko ({error}); patikrinkite „Formos ID“ "
                              "ir ar forma bendrinama su automatikos paskyra", "forma_neskaitoma")

    def write_feedback(self, feedback: Feedback) -> Published | None:
        source = self.settings.workbooks.get(feedback.workbook)
        if source is None or not source.spreadsheet_id:
            return None  # a form alone has nowhere to show feedback; the run's report still lists it
        unmarked = {tab for tab in [self.form_tab(feedback.workbook)] if tab}
        return self.sheets.write_feedback(feedback, source.spreadsheet_id, unmarked)

    def publish(self, path: str, content: bytes) -> Published:
        return self.drive.publish(path, content)

    def fetch(self, path: str) -> bytes | None:
        return self.drive.fetch(path)

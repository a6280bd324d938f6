"""``automations auth --check``: everything a first nightly run needs from Google, checked up front.

Credentials (and, for a personal sign-in, the scopes the token carries), the output folder
(a folder, writable, on a Shared Drive for a service account), and every configured
spreadsheet (a Google spreadsheet and not an ``.xlsx`` file, editable, the Sheets API
enabled, the expected tabs present) and form. Each finding is one line saying what is
wrong and what to do, with the same advice a nightly run would give; a failing check does
not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from automations.backends.base import BackendError
from automations.backends.google import GoogleBackend
from automations.backends.google_auth import SCOPES
from automations.config import Settings
from sheets_schema import workbooks

SPREADSHEET = "application/vnd.google-apps.spreadsheet"
FOLDER = "application/vnd.google-apps.folder"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OK, WARNING, PROBLEM = "ok", "warning", "PROBLEM"


@dataclass(frozen=True)
class Check:
    level: str  # ok, warning, PROBLEM
    subject: str
    message: str

    def line(self) -> str:
        return f"[{self.level}] {self.subject}: {self.message}"


class Doctor:
    def __init__(self, settings: Settings, backend: GoogleBackend) -> None:
        self.settings = settings
        self.backend = backend
        self.api = backend.api
        self.checks: list[Check] = []

    def add(self, level: str, subject: str, message: str) -> None:
        self.checks.append(Check(level, subject, message))

    def attempt(self, subject: str, action: Callable[[], Any]) -> Any:
        """The action's result, or None after recording its failure as a problem."""
        try:
            return action()
        except BackendError as error:
            self.add(PROBLEM, subject, str(error))
            return None

    def drive_get(self, file_id: str, fields: str, what: str, kind: str) -> Any:
        files = self.api.service("drive", "v3").files()
        return self.api.call(files.get(fileId=file_id, fields=fields, supportsAllDrives=True).execute, what, kind)

    def credentials(self) -> bool:
        identity = self.attempt("credentials", lambda: self.api.identity)
        if identity is None:
            return False
        oauth = self.settings.google.auth == "oauth"
        self.add(OK, "credentials", f"{'personal sign-in' if oauth else 'service account'} {identity.account}")
        granted = set(getattr(identity.credentials, "granted_scopes", None) or
                      getattr(identity.credentials, "scopes", None) or [])
        missing = [scope for scope in SCOPES if granted and scope not in granted]
        if missing:
            self.add(PROBLEM, "credentials", f"the token lacks {', '.join(missing)}: run `automations auth` again "
                                             "and allow everything it asks for")
        if oauth:
            self.add(WARNING, "credentials", "if the OAuth consent screen is of type External in \"Testing\" "
                                             "status, Google drops this sign-in after 7 days: make the app Internal, "
                                             "publish it, or use a service account (credentials.example/README.md)")
        return True

    def folder(self) -> None:
        root = self.settings.google.drive_folder_id
        if not root:
            self.add(PROBLEM, "google.drive_folder_id", "not set: create a folder for the outputs (on a Shared "
                                                        "Drive for a service account) and put its id here")
            return
        what = f"Drive folder {root} (google.drive_folder_id)"
        meta = self.attempt(what, lambda: self.drive_get(
            root, "id, name, mimeType, driveId, capabilities(canAddChildren)", what, "folder"))
        if meta is None:
            return
        if meta.get("mimeType") != FOLDER:
            self.add(PROBLEM, what, f"\"{meta.get('name')}\" is {meta.get('mimeType')}, not a folder")
        elif not (meta.get("capabilities") or {}).get("canAddChildren"):
            self.add(PROBLEM, what, f"{self.api.identity.account} may only view it: add it as Content manager "
                                    "(Shared Drive) or Editor")
        elif not meta.get("driveId") and self.settings.google.auth != "oauth":
            self.add(PROBLEM, what, "the folder is in My Drive, where a service account cannot store files "
                                    "(storageQuotaExceeded): use a folder on a Shared Drive")
        else:
            place = f"Shared Drive {meta['driveId']}" if meta.get("driveId") else "My Drive"
            self.add(OK, what, f"folder \"{meta.get('name')}\" on {place}, writable")

    def spreadsheet(self, name: str, spreadsheet_id: str, form_tab: str | None) -> None:
        what = f"spreadsheet {spreadsheet_id} (workbook {name})"
        meta = self.attempt(what, lambda: self.drive_get(spreadsheet_id, "id, name, mimeType, capabilities(canEdit)",
                                                         what, "spreadsheet"))
        if meta is not None and meta.get("mimeType") == XLSX:
            self.add(PROBLEM, what, f"\"{meta.get('name')}\" is an Excel (.xlsx) file: open it in Google Sheets, "
                                    "choose File → Save as Google Sheets and use the new spreadsheet's id")
            return
        if meta is not None and meta.get("mimeType") != SPREADSHEET:
            self.add(PROBLEM, what, f"\"{meta.get('name')}\" is {meta.get('mimeType')}, not a Google spreadsheet")
            return
        if meta is not None and not (meta.get("capabilities") or {}).get("canEdit"):
            self.add(PROBLEM, what, f"{self.api.identity.account} may only view or comment: share it as Editor "
                                    "(feedback is written into it)")
        client = self.api.sheets()
        sheets = self.attempt(what, lambda: self.api.call(
            lambda: client.fetch_sheet_metadata(spreadsheet_id, params={"fields": "sheets.properties.title"}),
            what, "spreadsheet", quota="sheets.read"))
        if sheets is None:
            return
        titles = {sheet["properties"]["title"].strip().casefold() for sheet in sheets.get("sheets", [])}
        spec = workbooks()[name]
        missing = [model.tab for model in spec.tabs if model.tab != form_tab and model.tab.casefold() not in titles]
        if missing:
            self.add(PROBLEM, what, f"tabs missing: {', '.join(missing)} (names as in `automations init`)")
        elif meta is not None:
            self.add(OK, what, f"\"{meta.get('name')}\", editable, every tab present")

    def form(self, name: str, form_id: str) -> None:
        what = f"form {form_id} (workbook {name})"
        forms = self.api.service("forms", "v1").forms()
        form = self.attempt(what, lambda: self.api.call(forms.get(formId=form_id).execute, what, "form"))
        if form is not None:
            self.add(OK, what, f"\"{form.get('info', {}).get('title', '')}\", {len(form.get('items', []))} items")

    def run(self) -> list[Check]:
        if not self.credentials():
            return self.checks
        self.folder()
        for name in workbooks():
            source = self.settings.workbooks.get(name)
            if source is None or not (source.spreadsheet_id or source.form_id):
                self.add(WARNING, f"workbook {name}", f"no spreadsheet_id under [workbooks.{name}]: jobs that need "
                                                      "it will not run")
                continue
            form_tab = self.attempt(f"workbook {name}", lambda n=name: self.backend.form_tab(n)) \
                if source.form_id else None
            if source.spreadsheet_id:
                self.spreadsheet(name, source.spreadsheet_id, form_tab)
            if source.form_id:
                self.form(name, source.form_id)
        return self.checks


def run_checks(settings: Settings, backend: GoogleBackend | None = None) -> list[Check]:
    """Every check, in order; the backend defaults to the configured credentials and Google itself."""
    return Doctor(settings, backend or GoogleBackend(settings)).run()


def check_and_print(settings: Settings, backend: GoogleBackend | None = None) -> int:
    """Print every finding; exit code 1 when something must be fixed before the first nightly run."""
    checks = run_checks(settings, backend)
    for check in checks:
        print(check.line())
    problems = sum(check.level == PROBLEM for check in checks)
    print(f"\n{problems} problem(s) to fix before the first nightly run" if problems
          else "\neverything checked is ready for the nightly runs")
    return 1 if problems else 0

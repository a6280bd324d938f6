"""The right advice for each refusal Google gives, read from the error's ``reason``.

A first setup meets the same handful of refusals: an API not enabled in the Cloud project,
a sign-in without the needed scope, a service account writing into My Drive, an account that
may only view, an ``.xlsx`` id where a Google spreadsheet is expected, an id nobody shared.
Each gets its own message in English (for the operator) followed by the same advice in
Lithuanian (for the library's staff who set things up), naming the object and the account.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from automations.backends.base import BackendError
from automations.backends.google_http import Failure, auth_message

API_TITLES = {"sheets": "Google Sheets API", "drive": "Google Drive API", "forms": "Google Forms API"}
DISABLED = {"SERVICE_DISABLED", "accessNotConfigured"}
SCOPES = {"ACCESS_TOKEN_SCOPE_INSUFFICIENT", "insufficientPermissions"}
READ_ONLY = {"insufficientFilePermissions"}
_PROJECT_RE = re.compile(r"project (\d+)")


class NotReachable(BackendError):
    """No access (403/404) or a setup problem: the message says what to change and where."""


class StillFailing(BackendError):
    """A transient failure (429, 5xx, no answer) that retrying did not fix."""


class AlreadyExists(BackendError):
    """409: what was being created is already there (a retried create that had been applied)."""


@dataclass(frozen=True)
class Target:
    """What a request was about, for messages: ``spreadsheet 1AbC… (workbook renginiai)``."""

    what: str
    kind: str  # spreadsheet, form, folder
    api: str  # sheets, drive, forms
    account: str
    write: bool = False


def _both(english: str, lithuanian: str) -> str:
    return f"{english} (LT: {lithuanian})"


def _api_of(failure: Failure, target: Target) -> str:
    name = failure.service.split(".")[0] if failure.service else target.api
    return API_TITLES.get(name, API_TITLES.get(target.api, "the API"))


def _project(failure: Failure) -> str:
    match = _PROJECT_RE.search(failure.message)
    return f" (project {match.group(1)})" if match else ""


def explain(failure: Failure, target: Target, attempts: int) -> BackendError:
    """An operator's message for a failure that retrying did not (or cannot) fix."""
    what, account = target.what, target.account
    if failure.transient:
        answer = f"HTTP {failure.status}" if failure.status else "no answer"
        return StillFailing(f"{what}: Google still answered {answer} ({failure.message}) after {attempts} retries; "
                            "the next run will try again")
    if failure.status == 409:
        return AlreadyExists(f"{what}: already exists ({failure.message})")
    if failure.status == 401:
        return BackendError(auth_message(failure.message))
    reasons = failure.reasons | {failure.reason}
    if reasons & DISABLED:
        api = _api_of(failure, target)
        return NotReachable(_both(
            f"{what}: the {api} is not enabled in the Google Cloud project of these credentials{_project(failure)}. "
            f"Enable it under APIs & Services → Library, wait a few minutes and run again",
            f"Google Cloud projekte neįjungta {api}: įjunkite ją skiltyje „APIs & Services → Library“, palaukite "
            "kelias minutes ir paleiskite iš naujo"))
    if reasons & SCOPES:
        api = _api_of(failure, target)
        return NotReachable(_both(
            f"{what}: the Google sign-in was granted without the access (OAuth scope) the {api} needs. With "
            "google.auth = \"oauth\" run `automations auth` again and allow everything it asks for; with a service "
            "account and domain-wide delegation add the scopes listed in credentials.example/README.md",
            f"prisijungimui nesuteikta teisė (OAuth scope), kurios reikia {api}: paleiskite `automations auth` "
            "iš naujo ir leiskite viską, ko prašoma"))
    if "storageQuotaExceeded" in reasons:
        return NotReachable(_both(
            f"{what}: {account} is a service account and has no Drive storage of its own, so it cannot save files "
            "in a My Drive folder. Put google.drive_folder_id on a Shared Drive (add the service account as "
            "Content manager) or sign in as a person (google.auth = \"oauth\")",
            "paslaugos paskyra neturi savo vietos „Mano diske“: rezultatų aplanką perkelkite į bendrąjį diską "
            f"(Shared Drive) ir pridėkite {account} kaip turinio valdytoją (Content manager)"))
    if failure.status == 400 and "FAILED_PRECONDITION" in reasons and target.kind == "spreadsheet":
        return NotReachable(_both(
            f"{what} is an Excel (.xlsx) file kept in Drive, not a Google Sheets spreadsheet: open it in Google "
            "Sheets, choose File → Save as Google Sheets and put the new spreadsheet's id into automations.toml",
            "tai „Excel“ (.xlsx) failas, o ne „Google“ skaičiuoklė: atidarykite jį ir pasirinkite Failas → "
            "Išsaugoti kaip „Google“ skaičiuoklę, tada naujosios skaičiuoklės ID įrašykite į automations.toml"))
    if failure.status == 403 and (reasons & READ_ONLY or target.write):
        role = "Content manager" if target.kind == "folder" else "Editor"
        return NotReachable(_both(
            f"{what}: Google answered 403 ({failure.message}): {account} may only view or comment on this "
            f"{target.kind}. Share it with {account} as {role}",
            f"{account} gali tik peržiūrėti arba komentuoti; suteikite teisę redaguoti "
            f"(„{'Turinio valdytojas' if target.kind == 'folder' else 'Redaguotojas'}“)"))
    if failure.status in (403, 404):
        return NotReachable(_both(
            f"{what}: Google answered {failure.status} ({failure.message}). Share the {target.kind} with {account} "
            "(as Editor; for a Shared Drive folder add it as Content manager), or fix the id in automations.toml",
            f"bendrinkite su {account} (redaguotojo teisėmis) arba pataisykite ID faile automations.toml"))
    return BackendError(f"{what}: Google refused the request with HTTP {failure.status}: {failure.message}")

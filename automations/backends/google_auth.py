"""Credentials for the Google backend: a service account key, or a person's OAuth token.

Operators meet this module when something is wrong, so every failure is a BackendError in
plain English that says which file or setting to fix; the account an Identity names is the
one refusals tell people to share with (see google_errors). Keys and tokens live outside the
repository.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from automations.backends.base import BackendError
from automations.config import Settings

SCOPES = [
    "https://www.googleapis.com/auth/spreadsheets",
    "https://www.googleapis.com/auth/drive",  # outputs go into a folder people created, not only our own files
    "https://www.googleapis.com/auth/forms.body.readonly",
    "https://www.googleapis.com/auth/forms.responses.readonly",
]
DEFAULT_TOKEN_NAME = "token-google.json"  # matches .gitignore's token*.json
HELP = "See credentials.example/README.md."


@dataclass(frozen=True)
class Identity:
    """Credentials plus the account people must share spreadsheets and folders with."""

    credentials: Any
    account: str  # an e-mail address, or a description when it is not known


def _resolve(settings: Settings, name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else settings.workspace / path


def token_path(settings: Settings) -> Path:
    """Where `automations auth` keeps the person's token (default: the workspace's state folder)."""
    if settings.google.token_file:
        return _resolve(settings, settings.google.token_file)
    return settings.state_path / DEFAULT_TOKEN_NAME


def _read_json(path: Path, what: str, setting: str) -> dict[str, Any]:
    if not path.exists():
        raise BackendError(f"{what} {path} does not exist: set {setting} to the right path. {HELP}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise BackendError(f"{what} {path} cannot be read as JSON ({error}). {HELP}") from None
    if not isinstance(data, dict):
        raise BackendError(f"{what} {path} is not a JSON object. {HELP}")
    return data


def load_identity(settings: Settings) -> Identity:
    """The credentials the settings ask for, checked enough to give a useful message early."""
    if settings.google.auth == "oauth":
        return _oauth_identity(settings)
    return _service_account_identity(settings)


def _service_account_identity(settings: Settings) -> Identity:
    from google.oauth2 import service_account

    name = settings.google.credentials_file or os.environ.get("GOOGLE_APPLICATION_CREDENTIALS")
    if not name:
        raise BackendError("no Google credentials: set google.credentials_file in automations.toml (or the "
                           "environment variable GOOGLE_APPLICATION_CREDENTIALS) to the service account's JSON key, "
                           f"kept outside the repository. {HELP}")
    path = _resolve(settings, name)
    info = _read_json(path, "the service-account key", "google.credentials_file")
    if info.get("type") != "service_account":
        kind = "an OAuth client" if "installed" in info or "web" in info else f"type {info.get('type')!r}"
        raise BackendError(f"{path} is {kind}, not a service-account key. For a personal sign-in set "
                           f"google.auth = \"oauth\" and run `automations auth`. {HELP}")
    try:
        credentials = service_account.Credentials.from_service_account_info(info, scopes=SCOPES)
    except (ValueError, KeyError) as error:
        raise BackendError(f"the service-account key {path} is incomplete or damaged ({error}); "
                           f"download a new key. {HELP}") from None
    return Identity(credentials, info.get("client_email", "the service account"))


def _oauth_identity(settings: Settings) -> Identity:
    from google.auth.exceptions import RefreshError
    from google.auth.transport.requests import Request
    from google.oauth2.credentials import Credentials

    path = token_path(settings)
    if not path.exists():
        raise BackendError(f"not signed in to Google: no token at {path}. Run `automations auth --workspace "
                           f"{settings.workspace}` once on a computer with a browser. {HELP}")
    info = _read_json(path, "the sign-in token", "google.token_file")
    try:
        credentials = Credentials.from_authorized_user_info(info, SCOPES)
    except ValueError as error:
        raise BackendError(f"the sign-in token {path} is incomplete ({error}): run `automations auth` again. "
                           f"{HELP}") from None
    if not credentials.valid:
        if not credentials.refresh_token:
            raise BackendError(f"the Google sign-in in {path} has expired: run `automations auth` again.")
        try:
            credentials.refresh(Request())
        except RefreshError as error:
            raise BackendError(f"the Google sign-in in {path} has expired or was revoked ({error}): run "
                               "`automations auth` again. If this happens every week, the OAuth app is of type "
                               "External in \"Testing\" status, whose sign-ins Google drops after 7 days: make it "
                               f"Internal, publish it, or use a service account. {HELP}") from None
        _save_token(path, credentials.to_json())
    account = info.get("account") or "the Google account you signed in with (`automations auth`)"
    return Identity(credentials, account)


def _save_token(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o600)  # a token is as good as a password


def run_oauth_flow(settings: Settings) -> Path:
    """Sign in as a person in the browser and keep the token where the backend will find it."""
    from google_auth_oauthlib.flow import InstalledAppFlow

    name = settings.google.credentials_file
    if not name:
        raise BackendError("set google.credentials_file to the OAuth client JSON (type \"Desktop app\") "
                           f"downloaded from the Google Cloud console. {HELP}")
    path = _resolve(settings, name)
    info = _read_json(path, "the OAuth client file", "google.credentials_file")
    if "installed" not in info and "web" not in info:
        raise BackendError(f"{path} is not an OAuth client file (it has no \"installed\" section); a "
                           f"service-account key needs no sign-in. {HELP}")
    try:
        flow = InstalledAppFlow.from_client_config(info, SCOPES)
        credentials = flow.run_local_server(port=0, open_browser=True)
    except Exception as error:  # any failure of the browser flow is reported the same way
        raise BackendError(f"signing in to Google failed: {type(error).__name__}: {error}") from None
    target = token_path(settings)
    _save_token(target, credentials.to_json())
    return target

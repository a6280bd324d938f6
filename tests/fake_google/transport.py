"""A Transport that sends the backend's requests for Google to the loopback imitation."""

from __future__ import annotations

from typing import Any

import httplib2
import requests
from google.auth.credentials import AnonymousCredentials
from google.auth.transport.requests import AuthorizedSession
from google_auth_httplib2 import AuthorizedHttp

from automations.backends.google_auth import Identity
from automations.backends.google_http import Transport

GOOGLE_HOSTS = ("https://sheets.googleapis.com", "https://www.googleapis.com", "https://forms.googleapis.com")


def rewrite(url: str, base_url: str) -> str:
    for host in GOOGLE_HOSTS:
        if url.startswith(host):
            return base_url + url[len(host):]
    return url


class _LoopbackSession(AuthorizedSession):
    base_url = ""

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        return super().request(method, rewrite(url, self.base_url), *args, **kwargs)


class _LoopbackHttp(httplib2.Http):
    """Media uploads build their URL from the discovery document's rootUrl, so the host is rewritten here."""

    base_url = ""

    def request(self, uri: str, *args: Any, **kwargs: Any) -> Any:
        return super().request(rewrite(uri, self.base_url), *args, **kwargs)


class LoopbackTransport(Transport):
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def session(self, credentials: Any) -> requests.Session:
        session = _LoopbackSession(credentials)
        session.base_url = self.base_url
        return session

    def http(self, credentials: Any) -> Any:
        http = _LoopbackHttp(timeout=30)
        http.base_url = self.base_url
        return AuthorizedHttp(credentials, http=http)


def anonymous_identity(account: str = "automations@pavb-test.iam.gserviceaccount.com") -> Identity:
    """Credentials that add no header; the imitation does not check tokens unless asked to."""
    return Identity(AnonymousCredentials(), account)

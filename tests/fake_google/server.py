"""A loopback imitation of Sheets v4, Drive v3 and Forms v1: state in memory, a request log, faults.

The real gspread and google-api-python-client talk to it over HTTP through
:class:`~tests.fake_google.transport.LoopbackTransport`, which sends Google's URLs here.

Faults a year on a real Workspace brings, each switched on by a test: error answers (with
``Retry-After`` when asked), a connection that never answers, a request applied whose answer
is lost, per-user quotas on a controllable clock, an API not enabled in the Cloud project,
a token without some scope, and Sheets' limit on a request's size.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from .drive import DriveApi
from .errors import ApiError, payload_too_large, scope_insufficient, service_disabled
from .forms import FormsApi
from .quota import Quota
from .sheets import SheetsApi
from .sheets_model import Spreadsheet


@dataclass(frozen=True)
class Logged:
    method: str
    api: str  # sheets, drive, forms, auth
    kind: str  # e.g. values.batchGet, files.create
    target: str  # spreadsheet, file or form id ("" for collections)
    path: str
    query: dict[str, list[str]]
    status: int  # 0: the request got no answer
    size: int = 0  # bytes of the request body

    @property
    def write(self) -> bool:
        return self.method != "GET" and self.kind not in ("values.batchGet",)


@dataclass
class Fault:
    status: int
    reason: str | None = None
    match: Callable[[str, str, bytes], bool] | None = None  # (method, path, body) -> applies
    remaining: int | None = 1  # None: forever
    action: str = "answer"  # "answer" an error, "stall" (never answer), "lose" (apply, then drop the answer)
    headers: dict[str, str] = field(default_factory=dict)
    error: ApiError | None = None  # a complete Google error to answer with


@dataclass
class Reply:
    status: int
    payload: Any
    content_type: str
    headers: dict[str, str] = field(default_factory=dict)
    action: str = "answer"


@dataclass
class FakeGoogle:
    """Start with :meth:`start`; ``base_url`` is what the loopback transport sends requests to."""

    books: dict[str, Spreadsheet] = field(default_factory=dict)
    log: list[Logged] = field(default_factory=list)
    denied: set[str] = field(default_factory=set)  # ids answering 403, as an unshared spreadsheet does
    token_behaviour: str = "ok"  # "ok" or "revoked"
    require_auth: bool = False
    disabled_apis: set[str] = field(default_factory=set)  # "sheets", "drive", "forms": not enabled in the project
    missing_scopes: set[str] = field(default_factory=set)  # APIs the token was granted no scope for
    quota: Quota | None = None  # per-user quotas; None: unlimited
    max_request_bytes: int = 10 * 1024 * 1024  # Sheets refuses larger bodies ("Request payload size exceeds")
    stall_seconds: float = 30.0  # how long a stalled connection is held before it is closed unanswered

    def __post_init__(self) -> None:
        self.drive = DriveApi(self.books)
        self.sheets = SheetsApi(self.books, self.drive)
        self.forms = FormsApi()
        self.faults: deque[Fault] = deque()
        self.lock = threading.RLock()
        self.released = threading.Event()  # set on stop: stalled connections close
        self._server: ThreadingHTTPServer | None = None

    # lifecycle ---------------------------------------------------------------
    def start(self) -> FakeGoogle:
        fake = self

        class Handler(_Handler):
            google = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
        return self

    def stop(self) -> None:
        self.released.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "start() first"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    # test helpers -----------------------------------------------------------
    def fail_next(self, count: int, status: int = 429, reason: str | None = None,
                  match: Callable[[str, str, bytes], bool] | None = None, headers: dict[str, str] | None = None,
                  error: ApiError | None = None) -> None:
        """The next ``count`` matching requests answer ``status`` (or ``error``) instead of doing anything."""
        self.faults.append(Fault(error.code if error else status, reason, match, count, headers=headers or {},
                                 error=error))

    def fail_always(self, status: int, match: Callable[[str, str, bytes], bool], reason: str | None = None,
                    error: ApiError | None = None) -> None:
        self.faults.append(Fault(error.code if error else status, reason, match, None, error=error))

    def stall_next(self, count: int = 1, match: Callable[[str, str, bytes], bool] | None = None) -> None:
        """The next ``count`` matching requests are read and never answered (nor applied)."""
        self.faults.append(Fault(0, None, match, count, action="stall"))

    def lose_answer_next(self, count: int = 1, match: Callable[[str, str, bytes], bool] | None = None) -> None:
        """The next ``count`` matching requests are applied, then the connection closes without an answer."""
        self.faults.append(Fault(0, None, match, count, action="lose"))

    def clear_faults(self) -> None:
        self.faults.clear()

    def counts(self, entries: list[Logged] | None = None) -> Counter[tuple[str, str]]:
        return Counter((item.api, item.kind) for item in (self.log if entries is None else entries))

    def mark(self) -> int:
        return len(self.log)

    def since(self, mark: int) -> list[Logged]:
        return self.log[mark:]

    # dispatch ------------------------------------------------------------------
    def _fault_for(self, method: str, path: str, body: bytes) -> Fault | None:
        for fault in list(self.faults):
            if fault.match is None or fault.match(method, path, body):
                if fault.remaining is not None:
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    def dispatch(self, method: str, raw_path: str, headers: dict[str, str], body: bytes) -> Reply:
        """The answer to one request (or what happens to it instead: a stall, a lost answer)."""
        split = urlsplit(raw_path)
        path, query = split.path, parse_qs(split.query, keep_blank_values=True)
        api, kind, target = classify(method, path, query)
        with self.lock:
            reply = self._answer(api, method, path, query, headers, body)
            self.log.append(Logged(method, api, kind, target, path, query,
                                   0 if reply.action != "answer" else reply.status, len(body)))
        return reply

    def _answer(self, api: str, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str],
                body: bytes) -> Reply:
        if api == "auth":
            return Reply(*self._token())
        action = "answer"
        try:
            if self.require_auth and not headers.get("authorization", "").startswith("Bearer "):
                raise ApiError(401, "Request is missing required authentication credential.")
            if api in self.disabled_apis:
                raise service_disabled(api)
            if api in self.missing_scopes:
                raise scope_insufficient(api)
            fault = self._fault_for(method, path, body)
            if fault is not None and fault.action == "stall":
                return Reply(0, None, "", action="stall")
            if fault is not None and fault.action == "answer":
                raise fault.error or ApiError(fault.status, None, fault.reason, headers=fault.headers)
            if fault is not None:
                action = fault.action
            if self.quota is not None:
                self.quota.admit(headers.get("authorization", "anonymous"), api, method)
            if api == "sheets" and len(body) > self.max_request_bytes:
                raise payload_too_large(self.max_request_bytes)
            if self._target(api, path, query) in self.denied:
                raise ApiError(403, "The caller does not have permission")
            payload = self._route(api, method, path, query, headers, body)
            if payload is None:
                return Reply(204, None, "text/html", action=action)
            return Reply(200, payload, "application/octet-stream" if isinstance(payload, bytes)
                         else "application/json", action=action)
        except ApiError as error:
            return Reply(error.code, error.body(drive=api == "drive"), "application/json", dict(error.headers),
                         action)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError) as error:  # a gap of the imitation
            failure = ApiError(500, f"imitation cannot handle this request: {type(error).__name__}: {error}")
            return Reply(500, failure.body(), "application/json")

    @staticmethod
    def _target(api: str, path: str, query: dict[str, list[str]]) -> str:
        return classify("GET", path, query)[2]

    def _route(self, api: str, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str],
               body: bytes) -> Any:
        if api == "sheets":
            rest = unquote(path.removeprefix("/v4/spreadsheets/"))
            return self.sheets.handle(method, rest.split("/", 2), query, json.loads(body) if body else None)
        if api == "drive":
            upload = path.startswith("/upload/")
            rest = path.removeprefix("/upload").removeprefix("/drive/v3/files").strip("/")
            parts = [unquote(part) for part in rest.split("/")] if rest else []
            return self.drive.handle(method, parts, query, body, headers.get("content-type", ""), upload)
        if api == "forms":
            rest = path.removeprefix("/v1/forms/").strip("/")
            return self.forms.handle(method, [unquote(part) for part in rest.split("/")], query)
        raise ApiError(404, "Not Found")

    def _token(self) -> tuple[int, Any, str]:
        if self.token_behaviour == "revoked":
            return 400, {"error": "invalid_grant", "error_description": "Token has been expired or revoked."}, \
                "application/json"
        return 200, {"access_token": "fake-access-token", "expires_in": 3600, "token_type": "Bearer"}, \
            "application/json"


def classify(method: str, path: str, query: dict[str, list[str]]) -> tuple[str, str, str]:
    """(api, request kind, target id) of a request, for the log."""
    if path.startswith("/token"):
        return "auth", "token", ""
    if path.startswith("/v4/spreadsheets/"):
        rest = unquote(path.removeprefix("/v4/spreadsheets/"))
        head, _, tail = rest.partition("/")
        target = head.split(":")[0]
        if not tail:
            return "sheets", "spreadsheets.batchUpdate" if head.endswith(":batchUpdate") else "spreadsheets.get", target
        if tail.startswith("values:"):
            return "sheets", "values." + tail.removeprefix("values:"), target
        for suffix in ("append", "clear"):
            if tail.endswith(":" + suffix):
                return "sheets", f"values.{suffix}", target
        return "sheets", {"GET": "values.get", "PUT": "values.update"}.get(method, "values.?"), target
    if "/drive/v3/files" in path:
        rest = path.split("/drive/v3/files", 1)[1].strip("/")
        target = rest.split("/")[0] if rest else ""
        upload = path.startswith("/upload/")
        if not rest:
            kind = {"GET": "files.list", "POST": "files.create"}.get(method, "files.?")
        elif rest == "generateIds":
            kind, target = "files.generateIds", ""
        elif rest.endswith("/export"):
            kind = "files.export"
        elif method == "GET":
            kind = "files.download" if query.get("alt", [""])[0] == "media" else "files.get"
        else:
            kind = {"PATCH": "files.update", "DELETE": "files.delete", "POST": "files.copy"}.get(method, "files.?")
        return "drive", kind + (" (upload)" if upload else ""), target
    if path.startswith("/v1/forms/"):
        rest = path.removeprefix("/v1/forms/").strip("/").split("/")
        return "forms", "forms.responses.list" if len(rest) > 1 else "forms.get", rest[0]
    return "unknown", path, ""


class _Handler(BaseHTTPRequestHandler):
    google: FakeGoogle
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out at once, as from Google's front ends

    def log_message(self, format: str, *args: Any) -> None:  # the request log is the fake's own
        return

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {key.lower(): value for key, value in self.headers.items()}
        reply = self.google.dispatch(self.command, self.path, headers, body)
        if reply.action != "answer":  # a stalled connection, or an answer lost on the way back
            if reply.action == "stall":
                self.google.released.wait(self.google.stall_seconds)
            self.close_connection = True
            return
        payload, ctype = reply.payload, reply.content_type
        data = b"" if payload is None else payload if isinstance(payload, bytes) else \
            json.dumps(payload, ensure_ascii=False, indent=2).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", ctype + ("; charset=UTF-8" if ctype == "application/json" else ""))
        self.send_header("Content-Length", str(len(data)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _serve

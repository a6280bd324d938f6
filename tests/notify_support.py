"""Small workspaces for the e-mail notification tests, and a real SMTP server on localhost.

Workspaces are written as real input workbooks (the same writer ``init`` and the demo use),
so the notifications read them through the ordinary backend and validation. The server is
aiosmtpd in a thread on a free loopback port; it records what arrives and can be told to
refuse a recipient or to drop the connection while a message for someone is being sent.
"""

from __future__ import annotations

import datetime as dt
import email
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from automations.backends.local import LocalBackend, atomic_write
from automations.config import Settings, load_settings
from automations.notify.inputs import Inputs
from automations.validation import validate_all
from automations.workspace import workbook_bytes_for
from sheets_schema import WORKBOOK_NAMES, workbook

TODAY = dt.date(2026, 2, 5)  # five days before the statistics deadline of 10 February

LIBRARIES = [
    {"Kodas": "PNR-SVB", "Pavadinimas": "Panevėžio rajono savivaldybės viešoji biblioteka",
     "Savivaldybė": "Panevėžio rajono", "Tipas": "SVB", "Aktyvi": "Taip", "El. paštas": "info@panrvb.lt"},
    {"Kodas": "BIR-SVB", "Pavadinimas": "Biržų rajono savivaldybės Jurgio Bielinio viešoji biblioteka",
     "Savivaldybė": "Biržų rajono", "Tipas": "SVB", "Aktyvi": "Taip", "El. paštas": "info@birzubiblioteka.lt"},
    {"Kodas": "KUP-SVB", "Pavadinimas": "Kupiškio rajono savivaldybės viešoji biblioteka",
     "Savivaldybė": "Kupiškio rajono", "Tipas": "SVB", "Aktyvi": "Taip", "El. paštas": "info@kupiskiovb.lt"},
    {"Kodas": "ROK-SVB", "Pavadinimas": "Rokiškio rajono savivaldybės Juozo Keliuočio viešoji biblioteka",
     "Savivaldybė": "Rokiškio rajono", "Tipas": "SVB", "Aktyvi": "Taip", "El. paštas": "info@rokiskiobiblioteka.lt"},
    {"Kodas": "IGN-MOK-06", "Pavadinimas": "Ignalinos r. Mielagėnų pagrindinės mokyklos biblioteka",
     "Savivaldybė": "Ignalinos rajono", "Tipas": "mokyklos biblioteka", "Aktyvi": "Ne",
     "El. paštas": "biblioteka@mielagenai.lt"},
]


def answer(library: str, stamp: dt.datetime, submitter: str | None = None, year: int = 2025,
           **overrides: Any) -> dict[str, Any]:
    """A clean statistics answer; ``overrides`` by header plant a problem."""
    return {"Laiko žymė": stamp, "El. pašto adresas": submitter, "Biblioteka": library, "Metai": year,
            "Registruoti vartotojai": 8000, "iš jų vaikai (iki 14 m.)": 2500, "Apsilankymai (fiziniai)": 120000,
            "Išduotis (fiz. vnt.)": 200000, "Fondas metų pabaigoje (fiz. vnt.)": 250000, "Renginiai": 1200,
            "Renginių dalyviai": 25000, "Darbuotojai (asm.)": 60, **overrides}


def standard_answers() -> list[dict[str, Any]]:
    """PNR: an error (children > users); BIR: a ratio warning; KUP: clean; ROK: missing; one unknown library."""
    return [
        answer("PNR-SVB", dt.datetime(2026, 1, 20, 9, 15), "statistika@panrvb.lt",
               **{"iš jų vaikai (iki 14 m.)": 9100}),
        answer("BIR-SVB", dt.datetime(2026, 1, 21, 10, 0), "ruta@birzubiblioteka.lt",
               **{"Išduotis (fiz. vnt.)": 2000000}),
        answer("KUP-SVB", dt.datetime(2026, 1, 22, 11, 0), "vedeja@kupiskiovb.lt"),
        answer("Mielagėnų b-ka", dt.datetime(2026, 1, 23, 12, 0), "mokytoja@mielagenai.lt"),
    ]


def write_workspace(path: Path, answers: list[dict[str, Any]] | None = None, settings: str = "",
                    libraries: list[dict[str, Any]] | None = None,
                    extra: dict[str, dict[str, list[dict[str, Any]]]] | None = None) -> Path:
    """A workspace with the territory statistics (and ``extra`` workbooks) and ``settings`` text."""
    path.mkdir(parents=True, exist_ok=True)
    municipalities = [{"Savivaldybė": lib["Savivaldybė"], "Apskritis": "Utenos" if "Ignal" in lib["Savivaldybė"]
                       else "Panevėžio", "Metai": 2025, "Gyventojai": 20000} for lib in LIBRARIES]
    rows = {"Bibliotekos": libraries if libraries is not None else LIBRARIES, "Savivaldybės": municipalities,
            "Formos atsakymai 1": answers if answers is not None else standard_answers()}
    atomic_write(path / "teritorijos_statistika.xlsx", workbook_bytes_for(workbook("teritorijos_statistika"), rows))
    for name, tabs in (extra or {}).items():
        atomic_write(path / f"{name}.xlsx", workbook_bytes_for(workbook(name), tabs))
    (path / "automations.toml").write_text(settings, encoding="utf-8")
    return path


def smtp_settings(port: int, security: str = "none", extra: str = "") -> str:
    return (f'[notify]\nsender = "PAVB statistika <statistika@pavb.lt>"\nreply_to = "regionas@pavb.lt"\n{extra}\n'
            f'[smtp]\nhost = "127.0.0.1"\nport = {port}\nsecurity = "{security}"\ntimeout = 10\n')


def settings_for(path: Path) -> Settings:
    return load_settings(path)


def inputs_for(path: Path, today: dt.date = TODAY) -> Inputs:
    """What the builders see for a workspace: every workbook validated, as ``automations notify`` does."""
    settings = load_settings(path)
    return Inputs(settings, today, validate_all(LocalBackend(settings), list(WORKBOOK_NAMES)))


# --- the SMTP server ----------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    message: EmailMessage

    @property
    def text(self) -> str:
        return self.message.get_body(("plain",)).get_content()

    @property
    def html(self) -> str:
        return self.message.get_body(("html",)).get_content()


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps what arrives; ``refuse``/``drop`` hold recipient addresses."""

    received: list[Received] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    drop: set[str] = field(default_factory=set)
    logins: list[tuple[str, str]] = field(default_factory=list)
    connections: int = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 <" + address + ">: Recipient address rejected"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.drop & set(envelope.rcpt_tos):
            server.transport.close()  # the connection is lost before the server confirms the message
            return "250 OK"
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
            return AuthResult(success=auth_data.password == b"s3cret-app-password")
        return AuthResult(success=False)

    def to(self, address: str) -> list[Received]:
        return [item for item in self.received if address in item.recipients]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_smtp(recorder: Recorder, tls: ssl.SSLContext | None = None, implicit_tls: bool = False) -> Iterator[int]:
    """Run the server for the duration of a ``with``/fixture; yields its port."""
    # aiosmtpd does not see implicit TLS as TLS, so it would hide AUTH there; the socket is encrypted all the same
    kwargs: dict[str, Any] = {"authenticator": recorder.authenticate,
                              "auth_require_tls": tls is not None and not implicit_tls}
    if tls is not None and not implicit_tls:
        kwargs["tls_context"] = tls
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(),
                            ssl_context=tls if implicit_tls else None, **kwargs)
    controller.start()
    try:
        yield controller.port
    finally:
        controller.stop()

"""Where messages go: an SMTP server (STARTTLS or SSL, optional login), or .eml files in an outbox.

A send either succeeds or raises :class:`DeliveryError`; the caller records the failure and
carries on with the next message. A lost connection is reopened once for the next message;
a server that cannot be reached (or refuses the login) is not tried again in this run, so
an unreachable server costs one timeout, not one per message.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from automations.config import ConfigError, Settings, SmtpSettings
from automations.files import atomic_write
from automations.lt import safe_filename
from automations.notify.message import envelope_sender

log = logging.getLogger("automations")

DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class DeliveryError(Exception):
    """One message was not delivered; the text says why (the server's reply when there is one)."""


class Transport(Protocol):
    channel: str  # "smtp" or "outbox": the state keeps each channel's deliveries apart
    destination: str  # for people: the server or the folder

    def send(self, message: EmailMessage, address: str, label: str) -> str: ...

    def close(self) -> None: ...


class OutboxTransport:
    """Write each message as ``<outbox>/<date> <kind> <key hash> <address>.eml``, to open in any mail client."""

    channel = "outbox"

    def __init__(self, folder: Path, today: dt.date) -> None:
        self.folder = folder
        self.today = today
        self.destination = str(folder)

    def send(self, message: EmailMessage, address: str, label: str) -> str:
        name = safe_filename(f"{self.today.isoformat()} {label} {address}", limit=150) + ".eml"
        path = self.folder / name
        try:
            atomic_write(path, message.as_bytes())
        except OSError as error:
            raise DeliveryError(f"not written to {path}: {error}") from error
        return f"written {path.name}"

    def close(self) -> None:
        return None


class SmtpTransport:
    channel = "smtp"

    def __init__(self, settings: Settings, context: ssl.SSLContext | None = None) -> None:
        self.config: SmtpSettings = settings.smtp
        self.host = self.config.host or ""
        self.port = self.config.port or DEFAULT_PORTS[self.config.security]
        self.password = smtp_password(self.config)
        self.envelope_from = envelope_sender(settings)
        self.context = context or ssl.create_default_context()  # certificates verified, as by a mail client
        self.destination = f"{self.host}:{self.port} ({self.config.security})"
        self._connection: smtplib.SMTP | None = None
        self._unreachable = ""

    def _connect(self) -> smtplib.SMTP:
        if self._unreachable:
            raise DeliveryError(f"not tried: {self._unreachable}")
        config = self.config
        connection: smtplib.SMTP | None = None
        try:
            if config.security == "ssl":
                connection = smtplib.SMTP_SSL(self.host, self.port, config.local_hostname, timeout=config.timeout,
                                              context=self.context)
            else:
                connection = smtplib.SMTP(self.host, self.port, config.local_hostname, timeout=config.timeout)
                if config.security == "starttls":
                    connection.starttls(context=self.context)
            if config.username:
                connection.login(config.username, self.password or "")
        except (OSError, smtplib.SMTPException) as error:
            if connection is not None:
                _quietly_close(connection)
            self._unreachable = f"SMTP server {self.destination}: {_reason(error)}"
            log.error("%s; the remaining messages wait for the next run", self._unreachable)
            raise DeliveryError(self._unreachable) from error
        return connection

    def send(self, message: EmailMessage, address: str, label: str) -> str:
        if self._connection is None:
            self._connection = self._connect()
        try:
            refused = self._connection.send_message(message, from_addr=self.envelope_from, to_addrs=[address])
        except smtplib.SMTPRecipientsRefused as error:
            raise DeliveryError("recipient refused: " + "; ".join(
                f"{code} {_text(reply)}" for code, reply in error.recipients.values())) from error
        except smtplib.SMTPResponseException as error:
            if error.smtp_code == 421:  # the server is closing the connection
                self._drop()
            raise DeliveryError(_reason(error)) from error
        except (smtplib.SMTPException, OSError) as error:
            self._drop()  # disconnected or timed out: reconnect for the next message
            raise DeliveryError(f"connection lost: {_reason(error)}") from error
        if refused:
            raise DeliveryError(f"recipient refused: {refused}")
        return "sent"

    def _drop(self) -> None:
        if self._connection is not None:
            _quietly_close(self._connection)
        self._connection = None

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):
                self._connection.quit()
            self._drop()


def smtp_password(config: SmtpSettings) -> str | None:
    """From ``AUTOMATIONS_SMTP__PASSWORD`` or ``smtp.password_file``; never from the workspace file."""
    if config.password is not None:
        return config.password.get_secret_value()
    if config.password_file:
        try:
            return Path(config.password_file).expanduser().read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ConfigError(f"smtp.password_file: {config.password_file} cannot be read: {error}") from error
    return None


def make_transport(settings: Settings, today: dt.date) -> Transport:
    """SMTP when configured (``notify.deliver`` = auto with ``smtp.host``, or smtp), else the outbox."""
    deliver = settings.notify.deliver
    if deliver == "smtp" and not settings.smtp.host:
        raise ConfigError("notify.deliver = \"smtp\" needs smtp.host (see README, \"E-mail\")")
    if deliver == "outbox" or not settings.smtp.host:
        return OutboxTransport(settings.workspace / settings.notify.outbox_dir, today)
    return SmtpTransport(settings)


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _reason(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def _quietly_close(connection: smtplib.SMTP) -> None:
    with contextlib.suppress(OSError):
        connection.close()

"""A rendered letter as an RFC 5322 e-mail: plain text with an HTML alternative, UTF-8 headers.

One message per address (a library's message never lists another address), From the
institution, Reply-To the department that answers, and ``Auto-Submitted: auto-generated``
(RFC 3834) so out-of-office robots do not answer the robot.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, parseaddr

from automations.config import ConfigError, Settings
from automations.notify.letters import Letter
from automations.notify.render import Rendered
from sheets_schema.contacts import addresses


def sender(settings: Settings) -> str:
    """``notify.sender``, else the institution's short name and e-mail."""
    institution = settings.institution
    value = settings.notify.sender or formataddr((institution.short_name, institution.email))
    if not addresses(parseaddr(value)[1]):
        raise ConfigError(f"notify.sender: '{value}' has no usable e-mail address (e.g. \"PAVB <pavb@pavb.lt>\")")
    return value


def reply_to(settings: Settings) -> str:
    value = settings.notify.reply_to or settings.institution.email
    if not addresses(parseaddr(value)[1]):
        raise ConfigError(f"notify.reply_to: '{value}' has no usable e-mail address")
    return value


def compose(settings: Settings, letter: Letter, rendered: Rendered, now: dt.datetime) -> EmailMessage:
    """The message for one letter; its Message-ID is derived from the content and the address."""
    message = EmailMessage(policy=policy.SMTP)
    from_header = sender(settings)
    message["From"] = from_header
    message["To"] = Address(addr_spec=letter.address)
    message["Reply-To"] = reply_to(settings)
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(from_header)[1].rsplit("@", 1)[-1]
    person = hashlib.sha256(letter.address.casefold().encode("utf-8")).hexdigest()[:10]
    message["Message-ID"] = f"<{letter.fingerprint[:24]}.{person}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"  # Outlook's equivalent of Auto-Submitted
    message["Content-Language"] = "lt"
    message.set_content(rendered.text, charset="utf-8")
    message.add_alternative(rendered.html, subtype="html", charset="utf-8")
    return message


def envelope_sender(settings: Settings) -> str:
    """The SMTP ``MAIL FROM`` (where bounces go): ``smtp.envelope_from`` or the From address."""
    return settings.smtp.envelope_from or parseaddr(sender(settings))[1]

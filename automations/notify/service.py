"""One notification run: validate, plan the letters, keep the due ones, render, deliver, record.

Nothing here can stop the jobs: it runs after them, every failure is per message (recorded
and retried on the next run), and a builder that trips over odd data is logged and skipped
while the other kinds still go out. A lock keeps two runs (the scheduler and a person at the
command line) from sending the same message twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import traceback
from dataclasses import dataclass, field

from filelock import FileLock, Timeout

from automations.backends import make_backend
from automations.config import ConfigError, Settings
from automations.config import today as config_today
from automations.notify.builders import BUILDERS
from automations.notify.inputs import Inputs, read_manifests
from automations.notify.letters import Letter, NoAddress, Plan
from automations.notify.message import compose, reply_to, sender
from automations.notify.render import LetterRenderer, LetterTemplateError
from automations.notify.state import FOLDER, SendLog, State
from automations.notify.transport import DeliveryError, Transport, make_transport
from automations.validation import WorkbookResult, validate_all
from sheets_schema import WORKBOOK_NAMES

log = logging.getLogger("automations")


class NotifyBusy(Exception):
    """Another notification run holds this workspace's lock."""


@dataclass(frozen=True)
class Outcome:
    letter: Letter
    subject: str
    ok: bool
    detail: str  # "sent", "written <file>", or why not


@dataclass
class NotifyReport:
    channel: str
    destination: str
    dry_run: bool
    planned: int = 0
    due: list[tuple[Letter, str]] = field(default_factory=list)  # (letter, subject) of the letters due
    outcomes: list[Outcome] = field(default_factory=list)
    unreachable: list[NoAddress] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # kinds whose builder failed

    @property
    def sent(self) -> int:
        return sum(1 for outcome in self.outcomes if outcome.ok)

    @property
    def failed(self) -> int:
        return sum(1 for outcome in self.outcomes if not outcome.ok)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.broken


def chosen_kinds(settings: Settings) -> list[str]:
    wanted = settings.notify.kinds
    if wanted is None:
        return list(BUILDERS)
    unknown = [kind for kind in wanted if kind not in BUILDERS]
    if unknown:
        raise ConfigError(f"notify.kinds: unknown {', '.join(unknown)}; known: {', '.join(BUILDERS)}")
    return [kind for kind in BUILDERS if kind in wanted]


def build_plan(inputs: Inputs, kinds: list[str], broken: list[str] | None = None) -> Plan:
    """Every letter the data calls for, one per (address, key); a failing builder is logged and skipped."""
    plan = Plan()
    seen: set[tuple[str, str]] = set()
    for kind in kinds:
        try:
            items = list(BUILDERS[kind](inputs))
        except Exception:
            log.error("notifications of kind %s not prepared:\n%s", kind, traceback.format_exc())
            if broken is not None:
                broken.append(kind)
            continue
        for item in items:
            if isinstance(item, NoAddress):
                plan.unreachable.append(item)
            elif (item.address.casefold(), item.key) not in seen:
                seen.add((item.address.casefold(), item.key))
                plan.letters.append(item)
    return plan


def run_notify(
    settings: Settings,
    today: dt.date | None = None,
    *,
    dry_run: bool = False,
    transport: Transport | None = None,
    results: dict[str, WorkbookResult] | None = None,
    now: dt.datetime | None = None,
) -> NotifyReport:
    """Tell everyone what they need to act on; see the module docstring."""
    today = today or config_today()
    now = now or _now(today)
    kinds = chosen_kinds(settings)
    sender(settings)  # unusable addresses are settings errors, found before any work
    reply_to(settings)
    transport = transport or make_transport(settings, today)
    folder = settings.state_path / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(folder / "notify.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout as error:
        raise NotifyBusy(f"another notification run is in progress on {settings.workspace}") from error
    try:
        if results is None or not set(WORKBOOK_NAMES) <= set(results):
            results = validate_all(make_backend(settings), list(WORKBOOK_NAMES))
        return _run(settings, today, now, dry_run, transport, results, kinds)
    finally:
        transport.close()
        lock.release()


def _run(settings: Settings, today: dt.date, now: dt.datetime, dry_run: bool, transport: Transport,
         results: dict[str, WorkbookResult], kinds: list[str]) -> NotifyReport:
    folder = settings.state_path / FOLDER
    state = State(folder / "state.json", transport.channel)
    send_log = SendLog(folder / "sent.csv")
    inputs = Inputs(settings, today, results, read_manifests(settings.state_path), send_log.history(today))
    report = NotifyReport(transport.channel, transport.destination, dry_run)
    plan = build_plan(inputs, kinds, report.broken)
    report.planned, report.unreachable = len(plan.letters), plan.unreachable
    renderer = LetterRenderer(settings, today)
    for letter in plan.letters:
        if not state.is_due(letter, settings.notify.max_attempts):
            continue
        try:
            rendered = renderer.render(letter)
        except LetterTemplateError as error:
            log.error("%s", error)
            report.outcomes.append(Outcome(letter, "", False, str(error)))
            continue
        report.due.append((letter, rendered.subject))
        if dry_run:
            continue
        message = compose(settings, letter, rendered, now)
        label = f"{letter.kind} {hashlib.sha256(letter.key.encode()).hexdigest()[:6]}"
        try:
            detail = transport.send(message, letter.address, label)
        except DeliveryError as error:
            attempts = state.mark_failed(letter, now)
            detail, ok = f"failed ({attempts}/{settings.notify.max_attempts}): {error}", False
            log.warning("notification to %s (%s) not delivered: %s", letter.address, letter.key, error)
        else:
            state.mark_sent(letter, now)
            ok = True
            log.info("notification to %s (%s): %s", letter.address, letter.key, detail)
        send_log.append(now, transport.channel, letter, rendered.subject, detail)
        report.outcomes.append(Outcome(letter, rendered.subject, ok, detail))
        state.save()  # after every message: a crash later never re-sends what already went out
    if not dry_run:
        state.prune(today)
        state.save()
    return report


def _now(today: dt.date) -> dt.datetime:
    """The Date of the messages: now, or the pretended day (``--today``) at this time of day."""
    current = dt.datetime.now().astimezone()
    return current if current.date() == today else current.replace(year=today.year, month=today.month,
                                                                   day=today.day)

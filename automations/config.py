"""Settings: ``automations.toml`` in the workspace, validated, overridable from the environment.

Environment variables ``AUTOMATIONS_<KEY>`` (nested keys joined by ``__``, e.g.
``AUTOMATIONS_GOOGLE__CREDENTIALS_FILE``) win over the file, so secrets and machine paths
need not be written into a shared workspace.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
import typing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

CONFIG_NAME = "automations.toml"
STATE_DIR = ".automations"
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class ConfigError(Exception):
    """Settings that cannot be used; the message names the key and what is expected."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Institution(_Strict):
    name: str = "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka"
    short_name: str = "PAVB"
    address: str = "Respublikos g. 14, LT-35173 Panevėžys"
    director: str = ""  # the director's name, as contracts, certificates and the annual report print it
    director_basis: str = ""  # what the director acts under, after "veikiantis pagal": "Bibliotekos nuostatus"
    company_code: str = "190262114"
    vat_code: str = ""
    bank_account: str = ""
    bank: str = ""
    email: str = "pavb@pavb.lt"
    phone: str = ""
    website: str = "www.pavb.lt"
    invoice_issuer: str = ""  # who issues invoices, e.g. "vyr. buhalterė Rasa Petraitienė"; empty = the director
    price_list: str = ""  # the approved price list a rental contract refers to (its order's date and number)

    @property
    def director_name(self) -> str:
        """The director's name, or "" while the setting still holds a title instead of a name."""
        name = " ".join(self.director.split())
        return "" if name.casefold() in {"", "direktorius", "direktorė", "direktore"} else name


class WorkbookSource(_Strict):
    """Where one workbook lives: a local file, or a Google spreadsheet / form."""

    file: str | None = None  # local: path relative to the workspace
    tab_files: dict[str, str] = Field(default_factory=dict)  # local: a tab read from its own file (.csv export)
    spreadsheet_id: str | None = None  # google
    form_id: str | None = None  # google: read the form's responses through the Forms API
    form_tab: str | None = None  # google: which tab the form's responses stand for


class Schedule(_Strict):
    default: list[str] = Field(default_factory=lambda: ["02:00"])
    jobs: dict[str, list[str]] = Field(default_factory=dict)
    # a job (or the reading of the inputs) running longer is reported failed and the others go on; 0: no limit
    max_job_minutes: float = Field(default=60.0, ge=0, le=24 * 60)
    # processes the jobs of a run share (local backend, where fork exists); 0: one per core, 1: one after another
    workers: int = Field(default=0, ge=0, le=64)

    @field_validator("default", "jobs", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [value]
        if isinstance(value, dict):
            return {key: [item] if isinstance(item, str) else item for key, item in value.items()}
        return value

    @field_validator("default")
    @classmethod
    def _times(cls, value: list[str]) -> list[str]:
        for item in value:
            if not _TIME_RE.match(item):
                raise ValueError(f"'{item}' is not a time of day HH:MM")
        return value

    @field_validator("jobs")
    @classmethod
    def _job_times(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for times in value.values():
            cls._times(times)
        return value

    def times_for(self, job: str) -> list[str]:
        return self.jobs.get(job, self.default)


class GoogleSettings(_Strict):
    auth: Literal["service_account", "oauth"] = "service_account"
    credentials_file: str | None = None  # service-account key or OAuth client secret, outside the repo
    token_file: str | None = None  # OAuth: where `automations auth` keeps the person's token
    drive_folder_id: str | None = None  # outputs go under this folder (best on a Shared Drive)
    convert_to_google_formats: bool = False
    max_retries: int = Field(default=6, ge=0, le=12)
    connect_timeout_seconds: float = Field(default=15.0, gt=0, le=300)  # every request: no call waits for ever
    read_timeout_seconds: float = Field(default=120.0, gt=0, le=3600)
    max_retry_after_seconds: float = Field(default=120.0, ge=0, le=3600)  # Retry-After honoured up to this
    sheets_reads_per_minute: int = Field(default=50, ge=0, le=10000)  # paced below Google's 60; 0: no pacing
    sheets_writes_per_minute: int = Field(default=50, ge=0, le=10000)
    feedback_marks_per_rule: int = Field(default=100, ge=1, le=10000)  # marked cells per rule and tab


_MONTH_DAY_RE = re.compile(r"^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = typing.get_args(Weekday)  # Monday first, as date.weekday() counts


class FigureSettings(_Strict):
    """How figures are counted (see README, "Figures")."""

    # warnings that mean "this number is probably mistyped": the value stays out of totals until explained
    suspect_rules: list[str] = Field(default_factory=lambda: ["santykis", "metinis_pokytis"])
    statistics_deadline: str = "02-10"  # MM-DD: the yearly statistics of a year are due on this day, next year

    @field_validator("statistics_deadline")
    @classmethod
    def _month_day(cls, value: str) -> str:
        try:
            valid = bool(_MONTH_DAY_RE.match(value)) and dt.date(2000, *map(int, value.split("-"))) is not None
        except ValueError:
            valid = False
        if not valid:
            raise ValueError(f"'{value}' is not a day of the year MM-DD (e.g. 02-10)")
        return value

    def deadline(self) -> tuple[int, int]:
        month, day = (int(part) for part in self.statistics_deadline.split("-"))
        return month, day


PEER_KINDS = ("SVB", "mokyklos biblioteka", "savivaldybė")  # what a library profile is compared within


class PeerSettings(_Strict):
    """How library profiles choose peers (see README, "Library profiles")."""

    # a kind split into size bands: each number is where the next band starts (libraries by registered users,
    # municipalities by inhabitants); a kind not named here is one group
    size_bands: dict[str, list[int]] = Field(default_factory=dict)
    fall_percent: float = Field(default=10.0, gt=0, le=100)  # a fall larger than this is worth a look

    @field_validator("size_bands")
    @classmethod
    def _bands(cls, value: dict[str, list[int]]) -> dict[str, list[int]]:
        for kind, limits in value.items():
            if kind not in PEER_KINDS:
                raise ValueError(f"'{kind}' is not a kind of peer group; use one of {', '.join(PEER_KINDS)}")
            if not limits or any(limit <= 0 for limit in limits) or limits != sorted(set(limits)):
                raise ValueError(f"the bands of '{kind}' must be increasing positive numbers, e.g. [400, 600]")
        return value


class CertificateSettings(_Strict):
    """Which trainings get the Library's numbered certificates (see README, `kvalifikacija`)."""

    other_organisers: bool = False  # also for trainings another institution organised (the certificate names it)
    min_attendance: float = Field(default=0, ge=0, le=100)  # percent of the programme's hours heard to get one


class NotifySettings(_Strict):
    """Who is told what by e-mail (``automations notify``); see the README section "E-mail notifications"."""

    times: list[str] | None = None  # nightly entry; None = right after the jobs at schedule.default; [] = off
    deliver: Literal["auto", "smtp", "outbox"] = "auto"  # auto: SMTP when smtp.host is set, else the outbox
    sender: str | None = None  # From; default "<institution short name> <institution e-mail>"
    reply_to: str | None = None  # where replies go; default the institution's e-mail
    managers: list[str] = Field(default_factory=list)  # addresses that get the weekly digest
    people: dict[str, str] = Field(default_factory=dict)  # a name typed in `Atsakingas` -> e-mail address
    kinds: list[str] | None = None  # which kinds of messages are sent; None = every kind
    statistics_reminder_days: list[int] = Field(default_factory=lambda: [7, 1])  # before figures.statistics_deadline
    statistics_overdue_reminder: bool = True  # once, to libraries still missing after the deadline
    statistics_form_url: str | None = None  # the form's link, shown in messages to libraries
    project_reminder_days: list[int] = Field(default_factory=lambda: [14])
    training_reminder_days: int = Field(default=2, ge=1, le=30)
    commission_invitation_days: int = Field(default=14, ge=1, le=90)  # how far ahead meetings are invited to
    digest_weekday: Weekday = "monday"
    digest_days: int = Field(default=14, ge=1, le=90)  # the digest's "coming deadlines" horizon
    outbox_dir: str = "siunciami_laiskai"  # without [smtp] host, messages are written here as .eml files
    max_attempts: int = Field(default=5, ge=1, le=100)  # failed sends of one message before giving up

    @field_validator("times", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("times")
    @classmethod
    def _times(cls, value: list[str] | None) -> list[str] | None:
        return value if value is None else Schedule._times(value)

    @field_validator("statistics_reminder_days", "project_reminder_days")
    @classmethod
    def _days(cls, value: list[int]) -> list[int]:
        if any(day < 0 or day > 366 for day in value):
            raise ValueError("days before a deadline are between 0 and 366")
        return sorted(set(value), reverse=True)


class SmtpSettings(_Strict):
    """The mail server; without ``host`` nothing is sent and messages go to the outbox folder.

    The password is taken only from the environment (``AUTOMATIONS_SMTP__PASSWORD``) or from
    ``password_file`` (a file outside the workspace), never from ``automations.toml``.
    """

    host: str | None = None
    port: int | None = Field(default=None, ge=1, le=65535)  # default: 587 starttls, 465 ssl, 25 none
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password: SecretStr | None = None
    password_file: str | None = None
    timeout: float = Field(default=30.0, gt=0, le=600)
    local_hostname: str | None = None  # the name given in EHLO (Google's relay wants a real one)
    envelope_from: str | None = None  # bounce address; default the From address


class Limits(_Strict):
    """Bounds on what inputs may hold, so one odd file cannot exhaust memory or slip a typo through."""

    max_rows: int = Field(default=200_000, ge=100, le=1_048_576)  # rows read from one sheet or CSV
    max_columns: int = Field(default=100, ge=30, le=16_384)  # columns read (memory ≈ rows × columns × 40 bytes)
    years: tuple[int, int] = (1990, 2100)  # dates outside are typing mistakes (2026 in a date cell = 1905-07-18)

    @field_validator("years")
    @classmethod
    def _ordered(cls, value: tuple[int, int]) -> tuple[int, int]:
        if not 1900 <= value[0] <= value[1] <= 9999:
            raise ValueError("expected [first, last] years with 1900 ≤ first ≤ last ≤ 9999")
        return value


class Settings(BaseSettings):
    """Everything a workspace can set; unknown keys are refused so typos do not pass silently."""

    model_config = SettingsConfigDict(env_prefix="AUTOMATIONS_", env_nested_delimiter="__", extra="forbid")

    backend: Literal["local", "google"] = "local"
    report_year: int | None = Field(default=None, ge=2000, le=2100)
    output_dir: str = "ataskaitos"
    templates_dir: str = "sablonai"  # a workspace's own edited copies of templates/*.docx
    institution: Institution = Field(default_factory=Institution)
    workbooks: dict[str, WorkbookSource] = Field(default_factory=dict)
    schedule: Schedule = Field(default_factory=Schedule)
    google: GoogleSettings = Field(default_factory=GoogleSettings)
    figures: FigureSettings = Field(default_factory=FigureSettings)
    notify: NotifySettings = Field(default_factory=NotifySettings)
    peers: PeerSettings = Field(default_factory=PeerSettings)
    certificates: CertificateSettings = Field(default_factory=CertificateSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    limits: Limits = Field(default_factory=Limits)

    workspace: Path = Field(default=Path("."), exclude=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return env_settings, init_settings

    # derived locations ------------------------------------------------
    @property
    def output_path(self) -> Path:
        return (self.workspace / self.output_dir).resolve()

    @property
    def state_path(self) -> Path:
        return (self.workspace / STATE_DIR).resolve()

    def source(self, workbook: str) -> WorkbookSource:
        source = self.workbooks.get(workbook, WorkbookSource())
        if source.file is None:
            source = source.model_copy(update={"file": f"{workbook}.xlsx"})
        return source

    def year(self, today: dt.date) -> int:
        return self.report_year or today.year


def load_settings(workspace: Path) -> Settings:
    """Read ``automations.toml`` (defaults when it is absent) and validate it."""
    workspace = Path(workspace)
    path = workspace / CONFIG_NAME
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise ConfigError(f"{path}: not valid TOML: {error}") from error
        _refuse_secrets(path, data)
    try:
        settings = Settings(**data)
    except ValidationError as error:
        raise ConfigError(_explain(path, error)) from error
    settings.workspace = workspace.resolve()
    return settings


def _refuse_secrets(path: Path, data: dict[str, Any]) -> None:
    """A workspace file is shared and often committed: the mail password may not live in it."""
    smtp = data.get("smtp")
    if isinstance(smtp, dict) and "password" in smtp:
        raise ConfigError(f"{path}: smtp.password may not be written in this file; set the environment "
                          "variable AUTOMATIONS_SMTP__PASSWORD or point smtp.password_file at a file "
                          "outside the workspace")


def _explain(path: Path, error: ValidationError) -> str:
    lines = [f"{path}: settings are not valid:"]
    for item in error.errors(include_url=False):
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = "unknown key" if item["type"] == "extra_forbidden" else item["msg"]
        given = item.get("input")
        shown = "" if item["type"] == "missing" or isinstance(given, dict) else f" (got {given!r})"
        lines.append(f"  - {key}: {message}{shown}")
    return "\n".join(lines)


def today() -> dt.date:
    """Today, or ``AUTOMATIONS_TODAY`` (YYYY-MM-DD) so runs and tests can be reproduced."""
    fixed = os.environ.get("AUTOMATIONS_TODAY")
    return dt.date.fromisoformat(fixed) if fixed else dt.date.today()

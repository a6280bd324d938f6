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
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
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
    director: str = "Direktorius"
    company_code: str = "190262114"
    vat_code: str = ""
    bank_account: str = ""
    bank: str = ""
    email: str = "pavb@pavb.lt"
    phone: str = ""
    website: str = "www.pavb.lt"


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
    try:
        settings = Settings(**data)
    except ValidationError as error:
        raise ConfigError(_explain(path, error)) from error
    settings.workspace = workspace.resolve()
    return settings


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

"""What every sheet model shares: header metadata, row checks, and the problem record.

A sheet model is a pydantic model whose field aliases are the Lithuanian headers staff see.
Type problems come from pydantic; rules that compare fields of one row live in the model's
``checks``; rules across rows or tabs live in the workbook module's ``rules`` function.
Everything ends up as a ``Problem``, the one record every report and feedback is built from.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict
from pydantic.fields import FieldInfo

from automations.lt import number
from sheets_schema.types import is_blank, shown


class Severity(StrEnum):
    ERROR = "klaida"  # the row is left out of every total until it is fixed
    WARNING = "įspėjimas"  # reported; cleared by an explanation where the sheet has one
    NOTE = "pastaba"  # information: superseded submissions, a recognised totals row


@dataclass(frozen=True)
class Problem:
    """One thing a person should look at, located as they see it in the sheet."""

    workbook: str
    tab: str
    row: int | None  # the sheet's own row number; None for a whole-tab problem
    column: str | None  # the header text
    value: Any
    rule: str
    severity: Severity
    message: str
    drop_row: bool = field(default=False, compare=False)  # leave the row out although not an error

    def as_dict(self) -> dict[str, Any]:
        return {
            "workbook": self.workbook,
            "tab": self.tab,
            "row": self.row,
            "column": self.column,
            "value": display_value(self.value),
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
        }


def make_problem(
    workbook: str,
    tab: str,
    row: int | None,
    column: str | None,
    value: Any,
    rule: str,
    detail: str,
    severity: Severity = Severity.ERROR,
    drop_row: bool = False,
) -> Problem:
    """A problem whose message names the tab, row and column, so it reads well on its own."""
    message = _location(tab, row, column) + ": " + detail
    return Problem(workbook, tab, row, column, value, rule, severity, message, drop_row)


def _location(tab: str, row: int | None, column: str | None) -> str:
    where = [f"lapas „{tab}“"]
    if row is not None:
        where.append(f"{row} eilutė")
    if column:
        where.append(f"stulpelis „{column}“")
    location = ", ".join(where)
    return location[0].upper() + location[1:]


def problem_detail(problem: Problem) -> str:
    """What is wrong and what is expected, without the location (for a message that shows row and column apart)."""
    prefix = _location(problem.tab, problem.row, problem.column) + ": "
    return problem.message.removeprefix(prefix)


def display_value(value: Any) -> Any:
    """A value as JSON and a person can read it (dates as ISO text, decimals as numbers)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return shown(value)  # str() of a 5 000-digit number raises; nobody reads one anyway
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class RowIssue:
    """A finding of a model's own ``checks``, before the engine knows where the row sits."""

    field: str  # python field name
    rule: str
    message: str
    severity: Severity = Severity.ERROR


class SheetModel(BaseModel):
    """Base of every tab's model. Subclasses set ``tab`` and may override ``checks``."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore", str_strip_whitespace=True)

    tab: ClassVar[str]
    explanation_field: ClassVar[str | None] = None  # a filled one clears the row's warnings
    form: ClassVar[bool] = False  # a Google Form's linked response tab
    personal: ClassVar[frozenset[str]] = frozenset()  # fields holding personal data (masked in shared feedback)

    def checks(self) -> Iterator[RowIssue]:
        """Rules between the fields of one row; typed values are already there."""
        return iter(())

    # helpers for checks -------------------------------------------------
    def part_of(self, part: str, total: str, rule: str = "dalis_didesne") -> Iterator[RowIssue]:
        """``part`` may not exceed ``total`` (children ≤ users, and the like)."""
        part_value, total_value = getattr(self, part), getattr(self, total)
        if part_value is not None and total_value is not None and part_value > total_value:
            yield RowIssue(
                part,
                rule,
                f"„{header(type(self), part)}“ ({number(part_value, 2 if _fractional(part_value) else 0)}) "
                f"negali būti didesnis už „{header(type(self), total)}“ "
                f"({number(total_value, 2 if _fractional(total_value) else 0)})",
            )

    # metadata ----------------------------------------------------------
    @classmethod
    def columns(cls) -> list[ColumnSpec]:
        return [ColumnSpec.of(name, info) for name, info in cls.model_fields.items()]

    @classmethod
    def headers(cls) -> list[str]:
        return [column.header for column in cls.columns()]

    @classmethod
    def required_headers(cls) -> list[str]:
        return [column.header for column in cls.columns() if column.required]


def _fractional(value: Any) -> bool:
    return value != int(value)


def header(model: type[SheetModel], field_name: str) -> str:
    info = model.model_fields[field_name]
    return info.alias or field_name


@dataclass(frozen=True)
class ColumnSpec:
    """A column as the blank template and the documentation show it."""

    name: str
    header: str
    required: bool
    kind: str
    choices: tuple[str, ...]
    note: str

    @classmethod
    def of(cls, name: str, info: FieldInfo) -> ColumnSpec:
        choices = _choices(info.annotation)
        kind = "pasirinkimas" if choices else _kind(info.annotation)
        note = info.description or ""
        required = info.is_required()
        return cls(name, info.alias or name, required, kind, choices, note)

    def full_note(self) -> str:
        parts = [self.note] if self.note else []
        parts.append(f"Tipas: {self.kind}.")
        if self.choices:
            parts.append("Galimos reikšmės: " + ", ".join(self.choices) + ".")
        parts.append("Privaloma." if self.required else "Neprivaloma.")
        return " ".join(parts)


_KIND_NAMES = {
    "date": "data (2026-03-05)",
    "datetime": "data ir laikas",
    "time": "laikas (14:30)",
    "int": "sveikasis skaičius ≥ 0",
    "Decimal": "skaičius ≥ 0 (3,5)",
    "bool": "Taip / Ne",
    "str": "tekstas",
}


def _walk(annotation: Any) -> Iterator[Any]:
    """The annotation and everything nested in it (``X | None``, ``Annotated[...]``)."""
    yield annotation
    if typing.get_origin(annotation) is not Literal:
        for arg in typing.get_args(annotation):
            yield from _walk(arg)


def _kind(annotation: Any) -> str:
    for arg in _walk(annotation):
        name = getattr(arg, "__name__", "")
        if name in _KIND_NAMES:
            return _KIND_NAMES[name]
    return "tekstas"


def _choices(annotation: Any) -> tuple[str, ...]:
    for arg in _walk(annotation):
        if typing.get_origin(arg) is Literal:
            return tuple(typing.get_args(arg))
    return ()


def filled(value: Any) -> bool:
    return not is_blank(value)


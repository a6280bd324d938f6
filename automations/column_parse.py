"""Parse a tab column by column: every distinct cell value once, with the model's own validators.

A sheet repeats itself: 100 000 events share a few hundred dates, ten start times, a handful
of places and types. Validating row by row runs the Python cell parsers two million times;
here each field's validator runs once per distinct value of its column and rows are put
together from the results. The validators are taken from the model's pydantic core schema,
so types, field validators and model settings are exactly the model's, and errors come
per row in field order, as ``model_validate`` gives them: the messages do not change.

This is also where raw cells enter validation, whatever the backend: text is made NFC
without invisible characters here (:func:`automations.textclean.clean_text`), once per
distinct value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from operator import itemgetter
from typing import Any

from pydantic import ValidationError
from pydantic_core import SchemaValidator

from automations.textclean import clean_text
from sheets_schema.base import SheetModel

_NUMERIC = (bool, int, float, Decimal)  # equal across types (1 == 1.0 == True) but not parsed alike
_BLANK = object()
_EXACT = 2.0**53  # floats below this are exact integers


@dataclass
class ParsedTab:
    """A tab's data rows parsed: values by column, and the pydantic errors of the rows that failed."""

    rows: list[int]  # sheet row numbers
    values: dict[str, list[Any]]  # field -> parsed value per row (None when blank or unparsable)
    errors: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # row index -> errors, field order
    _cells: dict[str, tuple[list[Any], dict[Any, tuple[Any, Any, Any]]]] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any] | None]:
        """Each row's values by field; None for the rows that failed to parse."""
        names = list(self.values)
        errors = self.errors
        return [None if index in errors else dict(zip(names, values, strict=True))
                for index, values in enumerate(zip(*self.values.values(), strict=True))]

    def cell(self, name: str, index: int) -> Any:
        """The cell as typed (text cleaned), None when blank: what a message about it quotes."""
        if name not in self._cells:
            return None
        keys, outcome = self._cells[name]
        raw = outcome[keys[index]][0]
        return None if raw is _BLANK else raw


@cache
def field_validators(model: type[SheetModel]) -> dict[str, SchemaValidator]:
    """One validator per field, cut from the model's core schema (with its config)."""
    if model.__pydantic_decorators__.model_validators:
        raise TypeError(f"{model.__name__}: model validators need whole rows; column-wise parsing cannot run them")
    schema = model.__pydantic_core_schema__
    if schema["type"] != "model" or schema["schema"]["type"] != "model-fields":
        raise TypeError(f"{model.__name__}: unexpected core schema {schema['type']}")
    fields = schema["schema"]["fields"]
    config = schema.get("config")
    return {name: SchemaValidator(fields[name]["schema"], config) for name in model.model_fields}


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if value.__class__ is str:
        return not value.strip()
    if isinstance(value, Decimal):
        return value.is_nan()
    return value != value  # NaN


def _outcomes(validator: SchemaValidator, distinct: Any) -> dict[Any, tuple[Any, Any, Any]]:
    """value -> (cleaned cell, parsed value, errors); blank values -> _BLANK markers."""
    result: dict[Any, tuple[Any, Any, Any]] = {}
    for key in distinct:
        value = key[1] if key.__class__ is tuple else key
        if _blank(value):
            result[key] = (_BLANK, None, None)
            continue
        if value.__class__ is float and value.is_integer() and -_EXACT < value < _EXACT:
            value = int(value)  # calamine reads every number as float; a whole one is quoted as people typed it
        elif value.__class__ is str:
            value = clean_text(value)
            if not value.strip():  # only invisible characters
                result[key] = (_BLANK, None, None)
                continue
        try:
            result[key] = (value, validator.validate_python(value), None)
        except ValidationError as error:
            result[key] = (value, None, error.errors(include_url=False))
    return result


def parse_tab(model: type[SheetModel], rows: list[tuple[int, list[Any]]],
              columns: dict[str, int]) -> ParsedTab:
    """Parse ``rows`` (sheet row number, cells) whose fields sit at ``columns`` (field -> cell index)."""
    validators = field_validators(model)
    count = len(rows)
    parsed = ParsedTab([number for number, _ in rows], {})
    located = [name for name in model.model_fields if name in columns]
    # rows reach every located column (tables.data_rows pads them): transpose at C speed
    transposed: dict[str, tuple[Any, ...]] = {}
    if count and len(located) > 1:
        picked = map(itemgetter(*(columns[name] for name in located)), (row for _, row in rows))
        transposed = dict(zip(located, zip(*picked, strict=True), strict=True))
    elif count and located:
        transposed = {located[0]: tuple(row[columns[located[0]]] for _, row in rows)}
    for name, info in model.model_fields.items():
        column = transposed.get(name)
        if column is None or not count:
            default = None if info.is_required() else info.get_default(call_default_factory=True)
            parsed.values[name] = [default] * count
            continue
        keyed = len(set(map(type, column)).intersection(_NUMERIC)) > 1  # 1 and True in one column: keep apart
        keys = list(zip(map(type, column), column, strict=True)) if keyed else column
        outcome = _outcomes(validators[name], set(keys))
        parsed._cells[name] = (keys, outcome)
        parsed.values[name] = list(map({key: value for key, (_, value, _) in outcome.items()}.__getitem__, keys))
        required = info.is_required()
        bad = {key for key, (raw, _, errors) in outcome.items() if errors is not None or (required and raw is _BLANK)}
        if not bad:
            continue
        for index in [index for index, key in enumerate(keys) if key in bad]:
            errors = outcome[keys[index]][2]
            found = parsed.errors.setdefault(index, [])
            if errors is None:
                found.append({"type": "missing", "loc": (name,), "msg": "Field required"})
            else:
                found.extend({**error, "loc": (name, *error["loc"])} for error in errors)
    return parsed


def construct(model: type[SheetModel], record: dict[str, Any]) -> SheetModel:
    """An instance over already validated values, for the model's ``checks`` (no second validation).

    ``model_construct`` would do the same at several times the cost, which counts on 100 000 rows.
    """
    instance = model.__new__(model)
    object.__setattr__(instance, "__dict__", record)
    object.__setattr__(instance, "__pydantic_fields_set__", set(record))
    object.__setattr__(instance, "__pydantic_extra__", None)
    object.__setattr__(instance, "__pydantic_private__", None)
    return instance

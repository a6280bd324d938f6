"""Parse a tab column by column: every distinct cell value once, with the model's own validators.

A sheet repeats itself: 100 000 events share a few hundred dates, ten start times, a handful
of places and types. Validating row by row runs the Python cell parsers two million times;
here each field's validator runs once per distinct value of its column and rows are put
together from the results. The validators are taken from the model's pydantic core schema,
so types, field validators and model settings are exactly the model's, and errors come
per row in field order, as ``model_validate`` gives them: the messages do not change (a
missing required cell is located on its field, where pydantic names only its header).

This is also where raw cells enter validation, whatever the backend: text is made NFC
without invisible characters here (:func:`automations.textclean.clean_text`), once per
distinct value, and a whole number calamine hands over as ``5.0`` is quoted as ``5``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from itertools import compress
from operator import itemgetter
from typing import Any

from pydantic import ValidationError
from pydantic_core import SchemaValidator

from automations.textclean import clean_text
from sheets_schema.base import SheetModel
from sheets_schema.types import is_blank

_NUMERIC = (bool, int, float, Decimal)  # equal across types (1 == 1.0 == True) but not parsed alike
_BLANK = object()
_EXACT = 2.0**53  # floats below this are exact integers
Outcome = tuple[Any, Any, Any]  # (cleaned cell or _BLANK, parsed value or None, pydantic errors or None)


@dataclass
class Column:
    """One field's cells: a key per row and what each distinct key parsed to."""

    keys: list[Any]
    outcomes: dict[Any, Outcome]

    def values(self, keys: list[Any]) -> list[Any]:
        """The parsed value of each key (a dict lookup per row, at C speed)."""
        return list(map({key: value for key, (_, value, _) in self.outcomes.items()}.__getitem__, keys))


@dataclass
class ParsedColumns:
    """Every row below the header parsed; which rows hold anything in the model's columns."""

    model: type[SheetModel]
    count: int
    columns: dict[str, Column]
    filled: list[bool]  # per row: a located cell is not blank

    def select(self, indexes: list[int], row_numbers: list[int]) -> ParsedTab:
        """The data rows (body indexes) as a :class:`ParsedTab`, errors located per row."""
        everything = len(indexes) == self.count  # the usual case: no blank or totals row to leave out
        mask = [False] * (0 if everything else self.count)
        for index in () if everything else indexes:
            mask[index] = True
        tab = ParsedTab(row_numbers, {})
        for name, info in self.model.model_fields.items():
            column = self.columns.get(name)
            if column is None:
                default = None if info.is_required() else info.get_default(call_default_factory=True)
                tab.values[name] = [default] * len(indexes)
                continue
            keys = column.keys if everything else list(compress(column.keys, mask))
            tab._cells[name] = Column(keys, column.outcomes)
            tab.values[name] = column.values(keys)
            required = info.is_required()
            bad = {key for key, (raw, _, errors) in column.outcomes.items()
                   if errors is not None or (required and raw is _BLANK)}
            for position in [position for position, key in enumerate(keys) if key in bad] if bad else ():
                errors = column.outcomes[keys[position]][2]
                found = tab.errors.setdefault(position, [])
                if errors is None:
                    found.append({"type": "missing", "loc": (name,), "msg": "Field required"})
                else:
                    found.extend({**error, "loc": (name, *error["loc"])} for error in errors)
        return tab


@dataclass
class ParsedTab:
    """A tab's data rows parsed: values by column, and the pydantic errors of the rows that failed."""

    rows: list[int]  # sheet row numbers
    values: dict[str, list[Any]]  # field -> parsed value per row (None when blank or unparsable)
    errors: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # row position -> errors, field order
    _cells: dict[str, Column] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any] | None]:
        """Each row's values by field; None for the rows that failed to parse."""
        names = list(self.values)
        errors = self.errors
        return [None if position in errors else dict(zip(names, values, strict=True))
                for position, values in enumerate(zip(*self.values.values(), strict=True))]

    def cell(self, name: str, position: int) -> Any:
        """The cell as typed (text cleaned), None when blank: what a message about it quotes."""
        column = self._cells.get(name)
        if column is None:
            return None
        raw = column.outcomes[column.keys[position]][0]
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


def _outcomes(validator: SchemaValidator, distinct: Any) -> dict[Any, Outcome]:
    """What each distinct key parses to; blank cells (also text of invisible characters only) are _BLANK."""
    result: dict[Any, Outcome] = {}
    for key in distinct:
        value = key[1] if key.__class__ is tuple else key
        if value.__class__ is float and value.is_integer() and -_EXACT < value < _EXACT:
            value = int(value)  # calamine reads every number as float; a whole one is quoted as people typed it
        elif value.__class__ is str:
            value = clean_text(value)
        if is_blank(value):
            result[key] = (_BLANK, None, None)
            continue
        try:
            result[key] = (value, validator.validate_python(value), None)
        except ValidationError as error:
            result[key] = (value, None, error.errors(include_url=False))
    return result


def parse_columns(model: type[SheetModel], body: list[list[Any]], columns: dict[str, int]) -> ParsedColumns:
    """Parse the model's columns (field -> cell index) of ``body``, whose rows all reach the last of them."""
    validators = field_validators(model)
    parsed = ParsedColumns(model, len(body), {}, [False] * len(body))
    blanks: list[tuple[list[Any], set[Any]]] = []
    for name in model.model_fields:
        position = columns.get(name)
        if position is None or not body:
            continue
        keys = list(map(itemgetter(position), body))
        distinct = set(keys)
        # 1 == 1.0 == True share a set entry but do not parse alike: where numbers are, keep their types apart
        if not set(map(type, distinct)).isdisjoint(_NUMERIC) and len(
                set(map(type, keys)).intersection(_NUMERIC)) > 1:
            keys = list(zip(map(type, keys), keys, strict=True))
            distinct = set(keys)
        outcomes = _outcomes(validators[name], distinct)
        parsed.columns[name] = Column(keys, outcomes)
        blanks.append((keys, {key for key, (raw, _, _) in outcomes.items() if raw is _BLANK}))
    if any(not blank for _, blank in blanks):  # a column filled on every row: every row holds data
        parsed.filled = [True] * len(body)
    elif blanks:
        filled = [[key not in blank for key in keys] for keys, blank in blanks]
        parsed.filled = list(map(any, zip(*filled, strict=True)))
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

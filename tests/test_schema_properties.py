"""Any cell through any schema: only Problems come out, never an exception (issue 14), and parsing column by
column gives exactly what pydantic's own row-by-row validation gives (issue 15)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from automations.backends.base import Backend, Feedback, InputError, Published
from automations.column_parse import parse_columns
from automations.feedback import feedback_workbook
from automations.tables import RawSheet
from automations.textclean import clean_value
from automations.validation import _error_detail, validate_all, validate_workbook
from sheets_schema import workbook, workbooks
from sheets_schema.base import Problem
from sheets_schema.types import plausible_years

LITHUANIAN = "aąbcčdeęėfghiįyjklmnoprsštuųūvzž ĄČĘĖĮŠŲŪŽ"
TEXT = st.one_of(
    st.text(),
    st.text(alphabet=LITHUANIAN, max_size=30).map(lambda text: unicodedata.normalize("NFD", text)),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Zl", "Mn"]), max_size=8),
    st.sampled_from(["Taip", "ne", "nežinoma", "2026-03-05", "2026.03.05", "14:30", "1 234", "3,5", "Iš viso",
                     "PNR-SVB", "KT-2026-001", "NUOM-2026-001", "+370 612 34567", "javascript:alert(1)", "=1+1"]),
)
CELL = st.one_of(
    st.none(), st.booleans(), TEXT,
    st.integers(), st.integers(min_value=-(10**450), max_value=10**450),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=False, allow_infinity=True),
    st.dates(), st.datetimes(), st.times(), st.timedeltas(),
)


def _choices(model) -> list:
    return [value for column in model.columns() for value in column.choices]


def rows_for(model):
    """Rows that sometimes look right (the model's own choices) and sometimes anything at all."""
    cell = st.one_of(CELL, st.sampled_from(_choices(model) or ["x"]))
    return st.lists(st.lists(cell, min_size=len(model.headers()), max_size=len(model.headers()) + 2), max_size=6)


class Sheets(Backend):
    name = "memory"

    def __init__(self, sheets: dict[str, dict[str, RawSheet]]) -> None:
        self.sheets = sheets

    def read_tabs(self, workbook_name, tabs):
        found = self.sheets.get(workbook_name, {})
        return {tab: found.get(tab, InputError(f"nėra {tab}", "nera_lapo")) for tab in tabs}

    def publish(self, path: str, content: bytes) -> Published:
        return Published(path, path, True)

    def fetch(self, path: str) -> bytes | None:
        return None

    def write_feedback(self, feedback: Feedback) -> Published | None:
        return None


SPECS = list(workbooks().values())


@pytest.mark.parametrize("spec", SPECS, ids=[spec.name for spec in SPECS])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_cells_through_every_schema_give_only_problems(spec, data) -> None:
    sheets = {model.tab: RawSheet(model.tab, [model.headers(), *data.draw(rows_for(model))]) for model in spec.tabs}
    backend = Sheets({spec.name: sheets})
    results = validate_all(backend, [spec.name])
    result = results[spec.name]
    assert all(isinstance(problem, Problem) and problem.message for problem in result.problems)
    for problem in result.problems:
        problem.as_dict()  # JSON-able, whatever the cell held
    layouts = {tab: tab_result.layout for tab, tab_result in result.tabs.items() if tab_result.layout}
    feedback_workbook(Feedback(spec.name, spec.title, result.problems, sheets, layouts))


MODELS = [model for spec in SPECS for model in spec.tabs]


@pytest.mark.parametrize("model", MODELS, ids=[model.__name__ for model in MODELS])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_column_parsing_is_row_validation(model, data) -> None:
    """Values and error messages equal those of ``model_validate`` on each row's non-blank cells."""
    rows = data.draw(rows_for(model).filter(lambda rows: all(len(row) >= len(model.headers()) for row in rows)))
    columns = {name: index for index, name in enumerate(model.model_fields)}
    with plausible_years(1990, 2100):
        parsed = parse_columns(model, rows, columns)
        tab = parsed.select(list(range(len(rows))), list(range(2, len(rows) + 2)))
        for position, row in enumerate(rows):
            cells = {name: _typed(clean_value(row[index])) for name, index in columns.items()}
            values = {name: value for name, value in cells.items() if _present(value)}
            errors = tab.errors.get(position)
            try:
                instance = model.model_validate(values)
            except ValidationError as error:
                by_alias = {info.alias: name for name, info in model.model_fields.items()}
                # pydantic locates a missing field by its header; the engine names the column either way
                expected = [(by_alias.get(e["loc"][0], e["loc"][0]), _error_detail(e))
                            for e in error.errors(include_url=False)]
                assert errors is not None
                assert [(str(e["loc"][0]), _error_detail(e)) for e in errors] == expected
                assert all(tab.cell(str(e["loc"][0]), position) == values.get(str(e["loc"][0])) for e in errors)
                continue
            assert errors is None
            assert {name: tab.values[name][position] for name in columns} == instance.__dict__


def _present(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, Decimal):
        return not value.is_nan()
    return value == value


def _typed(value):
    """What the column parser hands a validator: whole floats as int (calamine reads every number as float)."""
    if type(value) is float and value.is_integer() and abs(value) < 2.0**53:
        return int(value)
    return value


def test_a_year_in_a_date_cell_is_refused_through_the_whole_engine() -> None:
    model = workbook("renginiai").tab("Renginiai")
    row = dict.fromkeys(model.headers())
    row.update({"Data": dt.date(1905, 7, 18), "Pradžia": "10:00", "Pavadinimas": "X", "Tipas": "kita",
                "Forma": "kontaktinis", "Vieta": "Salė", "Organizatorius": "Skyrius", "Tikslinė grupė": "visi",
                "Būsena": "planuojamas"})
    sheets = {"Renginiai": RawSheet("Renginiai", [model.headers(), list(row.values())])}
    result = validate_workbook(workbook("renginiai"), Sheets({"renginiai": sheets}))
    found = [(p.row, p.column, p.rule) for p in result.problems if p.tab == "Renginiai"]
    assert found == [(2, "Data", "data_ribos")]

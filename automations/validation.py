"""Validate workbooks against their schemas, collecting every problem and never stopping.

For each tab: locate the columns, parse every row with the pydantic model, run the model's
row checks, then the workbook's cross-row rules. Rows with an error (or set aside by a rule,
like a superseded form answer) are kept out of the frames jobs receive; every finding is a
:class:`~sheets_schema.base.Problem`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from automations.backends.base import Backend, BackendError, InputError
from automations.column_parse import construct, parse_columns
from automations.config import Limits
from automations.tables import (
    RawSheet,
    SheetLayout,
    collector_paused,
    header_cells,
    locate_columns,
    normalise_header,
    sheet_body,
    totals_rows,
)
from sheets_schema import REFERENCE_WORKBOOK, reading_order, workbook
from sheets_schema.base import Problem, Severity, SheetModel, header, make_problem
from sheets_schema.references import References
from sheets_schema.spec import RuleContext, WorkbookSpec
from sheets_schema.types import plausible_years


@dataclass
class TabResult:
    """One validated tab: the rows jobs may use, and where things are in the raw sheet."""

    model: type[SheetModel]
    frame: pd.DataFrame  # kept rows; python field names + ``_row``
    all_rows: pd.DataFrame | None = None  # every non-blank row, with ``_valid`` (for status boards)
    raw: RawSheet | None = None
    layout: SheetLayout | None = None
    form: bool = False  # read through the Forms API: there are no sheet cells to mark


@dataclass
class WorkbookResult:
    spec: WorkbookSpec
    tabs: dict[str, TabResult]
    problems: list[Problem] = field(default_factory=list)
    unreadable: str = ""  # why the workbook as a whole could not be read; jobs needing it do not run

    def frame(self, tab: str) -> pd.DataFrame:
        result = self.tabs.get(tab)
        return result.frame if result is not None else empty_frame(self.spec.tab(tab))

    def counts(self) -> dict[str, int]:
        counts = {str(severity): 0 for severity in Severity}
        for problem in self.problems:
            counts[str(problem.severity)] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(problem.severity is Severity.ERROR for problem in self.problems)


def empty_frame(model: type[SheetModel]) -> pd.DataFrame:
    return pd.DataFrame(columns=[*model.model_fields, "_row"])


def _error_detail(error: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error as (rule id, Lithuanian detail)."""
    kind = error["type"]
    if kind == "missing":
        return "privalomas", "privalomas laukas neužpildytas"
    if "ctx" in error and kind not in {"value_error", "assertion_error"}:
        return kind, error["msg"]
    return kind, f"netinkama reikšmė ({error['msg']})"


def validate_rows(
    workbook_name: str, model: type[SheetModel], sheet: RawSheet, layout: SheetLayout
) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse every data row; the frame holds all non-blank rows with ``_valid`` telling which passed.

    Cells are parsed column by column (:mod:`automations.column_parse`); the row's own
    ``checks`` run on the rows that parsed. Problems come in row order, as they always have.
    """
    body = sheet_body(sheet, layout)
    columns = parse_columns(model, body, layout.columns)
    filled = [index for index, value in enumerate(columns.filled) if value]
    totals, problems = totals_rows(sheet, layout, body, filled, workbook_name)
    kept = [index for index in filled if index not in totals] if totals else filled
    parsed = columns.select(kept, [layout.header_index + 2 + index for index in kept])
    rows = parsed.rows
    tab = sheet.title
    explanation = model.explanation_field
    has_checks = model.checks is not SheetModel.checks
    valid = [index not in parsed.errors for index in range(len(rows))]
    records = parsed.records() if has_checks else [None] * len(rows)
    for index, (row_number, record) in enumerate(zip(parsed.rows, records, strict=True)):
        errors = parsed.errors.get(index)
        if errors is not None:
            for detail in errors:
                name = str(detail["loc"][0])
                rule, text = _error_detail(detail)
                problems.append(make_problem(workbook_name, tab, row_number, header(model, name),
                                             parsed.cell(name, index), rule, text))
            continue
        if record is None:
            continue
        explained = explanation is not None and record.get(explanation)
        for issue in construct(model, record).checks():
            if issue.severity is Severity.WARNING and explained:
                continue
            if issue.severity is Severity.ERROR:
                valid[index] = False
            problems.append(make_problem(
                workbook_name, tab, row_number, header(model, issue.field), record.get(issue.field),
                issue.rule, issue.message, issue.severity,
            ))
    names = [*model.model_fields, "_row", "_valid"]
    if not rows:
        return pd.DataFrame.from_records([], columns=names), problems
    frame = pd.DataFrame({**parsed.values, "_row": parsed.rows, "_valid": valid}, columns=names)
    return frame, problems


def validate_workbook(spec: WorkbookSpec, backend: Backend, refs: References | None = None) -> WorkbookResult:
    """Read and validate every tab of one workbook; unreadable parts become problems."""
    result = WorkbookResult(spec, {})
    try:
        fixed = [model.tab for model in spec.tabs]
        sheets = backend.read_workbook(spec.name, fixed) if spec.linked else backend.read_tabs(spec.name, fixed)
    except InputError as error:
        result.unreadable = str(error)
        result.problems.append(make_problem(spec.name, "—", None, None, None, error.rule, str(error)))
        return result
    except BackendError as error:
        result.unreadable = str(error)
        return result
    frames: dict[str, pd.DataFrame] = {}
    for model in spec.tabs:
        _validate_tab(result, model, sheets.get(model.tab), frames)
    if spec.linked is not None:
        spec = _validate_linked(result, spec, backend, frames, sheets)
        if result.unreadable:
            return result
    if spec.rules is not None:
        context = RuleContext(spec, frames)
        result.problems.extend(_apply_explanations(spec, frames, spec.rules(context, refs or References())))
    _keep_good_rows(result, frames)
    return result


def _validate_tab(result: WorkbookResult, model: type[SheetModel], sheet: RawSheet | InputError | None,
                  frames: dict[str, pd.DataFrame], form: bool = False) -> None:
    """Locate the columns of one read tab and parse its rows; a missing tab is a problem, not a stop."""
    name = result.spec.name
    if isinstance(sheet, InputError) or sheet is None:
        detail = str(sheet) if sheet is not None else "lapas nerastas"
        rule = sheet.rule if isinstance(sheet, InputError) else "nera_lapo"
        result.problems.append(make_problem(name, model.tab, None, None, None, rule, detail))
        return
    layout = locate_columns(sheet, model, name)
    result.problems.extend(layout.problems)
    result.tabs[model.tab] = TabResult(model, empty_frame(model), raw=sheet, layout=layout, form=form)
    if layout.usable:
        frame, problems = validate_rows(name, model, sheet, layout)
        frames[model.tab] = frame
        result.problems.extend(problems)


def _validate_linked(result: WorkbookResult, spec: WorkbookSpec, backend: Backend, frames: dict[str, pd.DataFrame],
                     read: dict[str, RawSheet | InputError]) -> WorkbookSpec:
    """The tabs the workbook's valid rows name (survey answer tabs): from a form or the sheet, each typed by its header.

    The result's spec grows by their models, so rules, feedback and jobs find them like fixed tabs.
    """
    linked = spec.linked
    assert linked is not None
    fixed = {model.tab for model in spec.tabs}
    valid = {tab: frame.loc[frame["_valid"].astype(bool)] for tab, frame in frames.items()}
    named: dict[str, str | None] = {}
    for title, form_id in linked.named(valid):
        if normalise_header(title) not in {normalise_header(tab) for tab in (*fixed, *named)}:
            named[title] = form_id
    sheets: dict[str, RawSheet | InputError] = {}
    already = {normalise_header(title): sheet for title, sheet in read.items() if isinstance(sheet, RawSheet)}
    try:
        for title, form_id in named.items():
            form = backend.read_form(spec.name, form_id, title) if form_id else None
            if form is not None:
                sheets[title] = form
        from_forms = set(sheets)
        for title in named:  # tabs the first read brought along (the backend read the whole workbook)
            if title not in sheets and normalise_header(title) in already:
                sheets[title] = RawSheet(title, already[normalise_header(title)].cells)
        rest = [title for title in named if title not in sheets]
        if rest:
            sheets.update(backend.read_tabs(spec.name, rest))
    except (InputError, BackendError) as error:
        result.unreadable = str(error)
        if isinstance(error, InputError):
            result.problems.append(make_problem(spec.name, "—", None, None, None, error.rule, str(error)))
        return spec
    models = []
    for title in named:
        sheet = sheets.get(title)
        header = header_cells(sheet, linked.template) if isinstance(sheet, RawSheet) else []
        model = linked.model(title, header)
        models.append(model)
        _validate_tab(result, model, sheet, frames, form=title in from_forms)
    result.spec = replace(spec, tabs=(*spec.tabs, *models))
    return result.spec


def _apply_explanations(
    spec: WorkbookSpec, frames: dict[str, pd.DataFrame], problems: Iterable[Problem]
) -> list[Problem]:
    """Cross-row warnings on a row with a filled explanation are cleared like row warnings."""
    explained: dict[str, set[int]] = {}
    for model in spec.tabs:
        frame = frames.get(model.tab)
        if model.explanation_field and frame is not None and not frame.empty:
            filled = frame[model.explanation_field].notna()
            explained[model.tab] = set(frame.loc[filled, "_row"])
    return [
        problem for problem in problems
        if not (problem.severity is Severity.WARNING and problem.row in explained.get(problem.tab, ()))
    ]


def _keep_good_rows(result: WorkbookResult, frames: dict[str, pd.DataFrame]) -> None:
    excluded: dict[str, set[int]] = {}
    for problem in result.problems:
        if problem.row is not None and (problem.severity is Severity.ERROR or problem.drop_row):
            excluded.setdefault(problem.tab, set()).add(problem.row)
    for tab, frame in frames.items():
        keep = frame["_valid"] & ~frame["_row"].isin(excluded.get(tab, set()))
        result.tabs[tab].all_rows = frame
        result.tabs[tab].frame = frame.loc[keep].drop(columns=["_valid"]).reset_index(drop=True)


def load_references(result: WorkbookResult) -> References:
    """The territory library list, from an already validated reference workbook."""
    libraries = result.frame("Bibliotekos")
    return References(libraries[["kodas", "pavadinimas", "savivaldybe", "tipas", "aktyvi"]].copy())


def _as_read(names: list[str], backend: Backend) -> Iterator[str]:
    """The reference workbook first (the others point to it), then each next one already read, so a
    large file still being parsed does not hold up the small ones; results keep the named order."""
    first, *rest = names
    yield first
    while rest:
        name = next((name for name in rest if backend.read_ready(name)), rest[0])
        rest.remove(name)
        yield name


def validate_all(backend: Backend, names: Sequence[str], limits: Limits | None = None) -> dict[str, WorkbookResult]:
    """Validate the named workbooks; the reference workbook first, since others point to it."""
    requests = reading_order(names)
    results: dict[str, WorkbookResult] = {}
    refs = References()
    with plausible_years(*(limits or Limits()).years), collector_paused():
        backend.prefetch(requests)
        for name in _as_read(list(requests), backend):
            results[name] = validate_workbook(workbook(name), backend, refs)
            if name == REFERENCE_WORKBOOK:
                refs = load_references(results[name])
    return {name: results[name] for name in requests if name in names or name == REFERENCE_WORKBOOK}

"""Figures: every quantity a document shows, defined once and counted as of the report date.

A :class:`Figure` declares what is counted (which rows, which dates), in Lithuanian, and
how (``select`` the rows, ``measure`` them). :class:`Figures` computes them for one run and
remembers every result, so two documents asking for the same figure get the same object.
A figure for a year counts what has happened by the report date (``today``): for the
current year, 1 January up to today; for a past year, the whole year. Breakdowns (by
month, type, place) group the very rows the figure counts with the same measure, so a
table's totals row is the figure itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import pandas as pd

from automations import lt
from automations.domain.rows import Results, references, tab_frame
from automations.periods import Period, a_year_earlier, year_so_far
from sheets_schema.references import References
from sheets_schema.types import given

Kind = Literal["count", "money", "amount"]
Select = Callable[["Figures", Period], pd.DataFrame]
Measure = Callable[[pd.DataFrame], Any]
TOTAL = "Iš viso"


@dataclass(frozen=True)
class Figure:
    """One quantity: an id, its Lithuanian name and definition, and how it is counted."""

    id: str
    name: str
    definition: str  # what is counted: which rows, which dates
    unit: str
    workbook: str
    tab: str
    select: Select | None = None  # the rows of a period this figure (and its kin) counts from
    where: Callable[[pd.DataFrame], pd.Series] | None = None  # which of them this figure counts
    measure: Measure = len
    kind: Kind = "count"
    date_column: str | None = "data"  # the date a breakdown by month groups on
    plan_names: tuple[str, ...] = ()  # names of `Automatinis rodiklis` in the activity plan
    aliases: tuple[str, ...] = ()  # plan indicator texts that mean this figure
    compute: Callable[[Figures, int], Measured] | None = None  # figures with rules of their own (territory)

    def counted(self, rows: pd.DataFrame) -> pd.DataFrame:
        """The rows this figure counts among its selection's."""
        return rows.loc[self.where(rows).astype(bool)] if self.where is not None and len(rows) else rows

    def of(self, rows: pd.DataFrame) -> Any:
        """The figure's value over a selection's rows (or a group of them)."""
        return self.measure(self.counted(rows))


@dataclass(frozen=True)
class Comparison:
    """Like for like: the same things counted in both years, and the change between them."""

    previous: Any
    current: Any
    units: int | None = None  # how many libraries both years cover (territory figures)
    missing: tuple[str, ...] = ()  # counted in one year only, so left out of the change

    @property
    def change(self) -> float | None:
        if not given(self.previous) or not given(self.current) or not float(self.previous):
            return None
        return (float(self.current) - float(self.previous)) / float(self.previous) * 100


@dataclass(frozen=True)
class Measured:
    """A figure's value for a period, with its provenance."""

    figure: Figure
    value: Any  # int for counts, Decimal for money, None when there are no data
    period: Period  # what was counted: the data year up to the report date
    rows: int  # sheet rows (or libraries) counted
    held_out: tuple[str, ...] = ()  # suspect values left out (libraries whose data are being checked)
    comparison: Comparison | None = None  # like-for-like change, where the figure has one of its own
    awaiting: bool = False  # the data cannot exist yet (territory statistics arrive the next February)

    @property
    def id(self) -> str:
        return self.figure.id

    @property
    def name(self) -> str:
        return self.figure.name

    @property
    def data_year(self) -> int:
        return self.period.start.year

    @property
    def source(self) -> str:
        return f"{self.figure.workbook} / {self.figure.tab}: {self.figure.definition} ({self.period.title})"

    def plain(self) -> int | float | None:
        """The value as JSON carries it."""
        if not given(self.value):
            return None
        return int(self.value) if self.figure.kind == "count" else float(self.value)


@dataclass(frozen=True)
class Plain:
    """A figure printed where its period is already stated (a column headed by its year): no data-year note."""

    measured: Measured


@dataclass(frozen=True)
class Phrase:
    """Text with figures in it: ``Phrase("suteikta konsultacijų – {n}", n=measured)``; each printed and recorded."""

    template: str
    values: dict[str, Any]

    def __init__(self, template: str, **values: Any) -> None:
        object.__setattr__(self, "template", template)
        object.__setattr__(self, "values", values)


@dataclass(frozen=True)
class Shown:
    """A figure as one document printed it, for the run manifest and the consistency test."""

    id: str
    start: dt.date
    end: dt.date
    value: int | float | None
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "from": self.start.isoformat(), "to": self.end.isoformat(), "value": self.value,
                "text": self.text}


def value_text(figure: Figure, value: Any) -> str:
    """Counts without decimals, money with two, other amounts with one."""
    if not given(value):
        return "–"
    if figure.kind == "money":
        return lt.money(value)
    if figure.kind == "amount":
        return lt.number(value, 1)
    return lt.number(int(value))


def shown_text(measured: Measured, report_year: int | None = None) -> str:
    """What a document prints: the value, an asterisk when suspect values are left out, the data year."""
    if measured.awaiting:
        return "laukiama duomenų"
    text = value_text(measured.figure, measured.value)
    if measured.held_out and given(measured.value):
        text += "*"
    if report_year is not None and measured.data_year != report_year and given(measured.value):
        text += f" ({measured.data_year} m. duomenys)"
    return text


def held_out_note(measured: Measured) -> str:
    """The asterisk's explanation: ``* be 1 bibliotekos, kurios duomenys tikrinami (…)``."""
    count = len(measured.held_out)
    if not count:
        return ""
    which = lt.plural(count, "kurios", "kurių", "kurių")
    return (f"* be {lt.count_phrase(count, 'bibliotekos', 'bibliotekų', 'bibliotekų')}, {which} duomenys "
            f"tikrinami: {', '.join(measured.held_out)}")


@dataclass
class Table:
    """A table whose some cells are figures: a breakdown's totals row, or a list of figures."""

    frame: pd.DataFrame
    cells: dict[tuple[int, str], Measured]  # (row position, column) -> the figure the cell shows

    @property
    def totals(self) -> dict[str, Measured]:
        """The figures of the last row, by column (a breakdown's totals row)."""
        last = len(self.frame) - 1
        return {column: measured for (row, column), measured in self.cells.items() if row == last}

    def body(self) -> pd.DataFrame:
        """The categories without the totals row (for charts)."""
        return self.frame.iloc[:-1]

    def beside(self, other: Table, columns: Sequence[str]) -> Table:
        """Another breakdown over the same categories in the same order (``categories=``): its ``columns`` beside."""
        frame = pd.concat([self.frame, other.frame[list(columns)]], axis=1)
        return Table(frame, {**self.cells, **{key: m for key, m in other.cells.items() if key[1] in columns}})

    @classmethod
    def listing(cls, measures: Sequence[Measured]) -> Table:
        """Figures one per row: name, value, unit and the period counted."""
        frame = pd.DataFrame([{"rodiklis": m.name, "reiksme": m.value, "vnt": m.figure.unit,
                               "laikotarpis": m.period.title} for m in measures],
                             columns=["rodiklis", "reiksme", "vnt", "laikotarpis"])
        return cls(frame, {(row, "reiksme"): measured for row, measured in enumerate(measures)})


class Figures:
    """The figures of one run, as of ``today``; each computed once and shared by every document."""

    def __init__(self, results: Results, today: dt.date, registry: Mapping[str, Figure],
                 suspect_rules: Sequence[str] = (), statistics_deadline: tuple[int, int] = (2, 10)) -> None:
        self.results = results
        self.today = today
        self.registry = registry
        self.suspect_rules = tuple(suspect_rules)
        self.statistics_deadline = statistics_deadline
        self._memo: dict[Hashable, Any] = {}

    # ------------------------------------------------------------------ inputs
    def memo(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """Shared computations (territory consolidation, priced bookings) run once per run."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def frame(self, workbook: str, tab: str) -> pd.DataFrame:
        """The kept rows of a tab (a copy: callers may add columns)."""
        return self.memo(("frame", workbook, tab), lambda: tab_frame(self.results, workbook, tab)).copy()

    def references(self) -> References:
        return self.memo("references", lambda: references(self.results))

    def period(self, year: int) -> Period:
        """What a figure for ``year`` counts: 1 January up to today, or the whole of a past year."""
        return year_so_far(year, self.today)

    def same_period_before(self, period: Period) -> Period:
        """The same stretch of the year before, so a change compares like with like."""
        end = a_year_earlier(period.end) if period.end >= period.start else a_year_earlier(period.start)
        return year_so_far(period.start.year - 1, end)

    # ------------------------------------------------------------------ figures
    def figure(self, figure_id: str) -> Figure:
        return self.registry[figure_id]

    def selected(self, figure_id: str, year: int, period: Period | None = None) -> pd.DataFrame:
        """The rows a figure's selection holds (shared by the figures counted from it); a copy."""
        figure = self.figure(figure_id)
        if figure.select is None:
            raise ValueError(f"figure {figure_id} has no rows of its own")
        chosen = period or self.period(year)
        return self.memo(("rows", figure.select, chosen), lambda: figure.select(self, chosen)).copy()

    def rows(self, figure_id: str, year: int, period: Period | None = None) -> pd.DataFrame:
        """The rows a figure counts (for lists); a copy."""
        return self.figure(figure_id).counted(self.selected(figure_id, year, period))

    def get(self, figure_id: str, year: int, period: Period | None = None) -> Measured:
        figure = self.figure(figure_id)
        chosen = period or self.period(year)
        if figure.compute is not None and period is None:
            return self.memo(("computed", figure_id, year), lambda: figure.compute(self, year))

        def measure() -> Measured:
            rows = self.rows(figure_id, year, chosen)
            return Measured(figure, figure.measure(rows), chosen, len(rows))

        return self.memo(("measured", figure_id, chosen), measure)

    def compared(self, figure_id: str, year: int) -> Comparison:
        """This year against the same stretch of last year (territory figures carry their own)."""
        now = self.get(figure_id, year)
        if now.comparison is not None or self.figure(figure_id).compute is not None:
            return now.comparison or Comparison(None, now.value)
        before = self.previous(figure_id, year)
        return Comparison(before.value if before.rows else None, now.value)

    def previous(self, figure_id: str, year: int) -> Measured:
        """The same figure for the same stretch of last year (figures with rules of their own carry a
        like-for-like comparison instead)."""
        if self.figure(figure_id).compute is not None:
            raise ValueError(f"figure {figure_id} compares like for like itself: use compared()")
        now = self.get(figure_id, year)
        return self.get(figure_id, year - 1, self.same_period_before(now.period))

    # ------------------------------------------------------------------ breakdowns
    def breakdown(self, values: Mapping[str, str], year: int, by: str | list[str], *, order: str = "lt",
                  categories: Sequence[Any] | None = None, period: Period | None = None,
                  total_label: str = TOTAL) -> Table:
        """Figures sharing one set of rows, per category of ``by``, with the figures as the totals row.

        ``order`` "lt" sorts categories alphabetically, "desc" by the first value, and
        ``categories`` fixes the list (absent ones show 0).
        """
        keys = [by] if isinstance(by, str) else list(by)
        figures = self._kin(values)
        rows = self.selected(next(iter(values.values())), year, period)
        present = _counted_by_any(rows, figures.values()).dropna(subset=keys)
        records = [{**dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True)),
                    **{column: figure.of(group) for column, figure in figures.items()}}
                   for key, group in present.groupby(keys if len(keys) > 1 else keys[0], sort=False)]
        frame = pd.DataFrame(records, columns=[*keys, *values])
        if categories is not None:
            empty = {column: figure.of(rows.iloc[0:0]) for column, figure in figures.items()}
            frame = frame.set_index(keys[0]).reindex(list(categories)).rename_axis(keys[0]).reset_index()
            for column, zero in empty.items():
                frame[column] = [zero if not given(value) else value for value in frame[column]]
        elif order == "desc":
            frame = frame.assign(_key=frame[keys[0]].map(lt.sort_key)).sort_values(
                [next(iter(values)), "_key"], ascending=[False, True], kind="stable").drop(columns="_key")
        else:
            frame = frame.sort_values(keys, key=lambda column: column.map(lt.sort_key), kind="stable")
        totals = {column: self.get(figure_id, year, period) for column, figure_id in values.items()}
        total_row = {**dict.fromkeys(keys), keys[0]: total_label, **{c: m.value for c, m in totals.items()}}
        frame = pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)
        return Table(_tidy(frame, figures), {(len(frame) - 1, column): m for column, m in totals.items()})

    def _kin(self, values: Mapping[str, str]) -> dict[str, Figure]:
        """Figures to tabulate together: they must count from the same selection of rows."""
        figures = {column: self.figure(figure_id) for column, figure_id in values.items()}
        if len({figure.select for figure in figures.values()}) != 1:
            raise ValueError(f"figures {sorted(values.values())} do not count from the same rows")
        return figures

    def by_month(self, values: Mapping[str, str], year: int, period: Period | None = None) -> Table:
        """Every month of the year; months after the report date are blank, never 0."""
        figures = self._kin(values)
        first = next(iter(figures.values()))
        chosen = period or self.period(year)
        rows = self.selected(first.id, year, chosen)
        rows["_month"] = [day.month for day in rows[first.date_column]]
        records = []
        for month in range(1, 13):
            started = dt.date(year, month, 1) <= chosen.end
            group = rows.loc[rows["_month"] == month]
            records.append({"menuo": lt.month_name(month),
                            **{column: figure.of(group) if started else None
                               for column, figure in figures.items()}})
        totals = {column: self.get(figure_id, year, period) for column, figure_id in values.items()}
        records.append({"menuo": TOTAL, **{column: measured.value for column, measured in totals.items()}})
        return Table(_tidy(pd.DataFrame(records), figures), {(12, column): m for column, m in totals.items()})


def _counted_by_any(rows: pd.DataFrame, figures: Iterable[Figure]) -> pd.DataFrame:
    """The rows at least one of the figures counts (a category none of them counts is not listed)."""
    if not len(rows) or any(figure.where is None for figure in figures):
        return rows
    keep = pd.Series(False, index=rows.index)
    for figure in figures:
        keep |= figure.where(rows).astype(bool)
    return rows.loc[keep]


def _tidy(frame: pd.DataFrame, figures: Mapping[str, Figure]) -> pd.DataFrame:
    """Count columns as whole numbers (blank where nothing could be counted), money as Decimal."""
    for column, figure in figures.items():
        if figure.kind == "count":
            frame[column] = pd.array([None if not given(v) else int(v) for v in frame[column]], dtype="Int64")
        elif figure.kind == "money":
            frame[column] = pd.Series([Decimal(v) if given(v) else None for v in frame[column]], dtype=object,
                                      index=frame.index)
    return frame

"""Excel workbooks from DataFrames: formatted headers, frozen panes, filters, native charts.

Jobs describe sheets (:class:`Sheet`, :class:`Column`, :class:`Chart`); this module does all
the cell formatting. User text is always written with ``write_string``, so a value such as
``=HYPERLINK(...)`` stays text and never becomes a formula. Output is byte-for-byte
reproducible for the same content (fixed document dates), so unchanged reports are not
rewritten or re-uploaded.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

Kind = Literal["text", "int", "dec1", "dec2", "money", "percent", "date", "time", "datetime", "bool"]
FIXED_CREATED = dt.datetime(2000, 1, 1)
DEFAULT_AUTHOR = "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka"  # jobs pass the settings' own

# Cells stay real numbers; Excel and LibreOffice draw the grouping and decimal signs of the
# computer's regional settings, which on Lithuanian machines gives 1 234,5.
NUMBER_FORMATS: dict[str, str] = {
    "int": "#,##0",
    "dec1": "#,##0.0",
    "dec2": "#,##0.00",
    "money": '#,##0.00" Eur"',
    "percent": '0.0" proc."',
    "date": "yyyy-mm-dd",
    "time": "hh:mm",
    "datetime": "yyyy-mm-dd hh:mm",
}
HIGHLIGHTS = {
    "klaida": {"bg_color": "#F8CBAD"},
    "įspėjimas": {"bg_color": "#FFE699"},
    "pastaba": {"bg_color": "#DDEBF7"},
    "gerai": {"bg_color": "#C6EFCE"},
}


@dataclass
class Column:
    key: str  # column name in the frame
    header: str  # Lithuanian header shown
    kind: Kind = "text"
    width: float | None = None
    hidden: bool = False  # kept for filters and machines (e.g. a rule code), out of people's sight
    shown: Callable[[Any], Any] | None = None  # how a value reads (e.g. lt.municipality: "Anykščių r. sav.")


@dataclass
class Chart:
    """A native Excel chart over columns of the sheet's own table."""

    kind: Literal["column", "bar", "line", "pie"]
    title: str
    category: str  # key of the category column
    values: list[str]  # keys of the value columns
    y_title: str = ""
    anchor: str | None = None  # cell; default right of the table
    rows: int | None = None  # chart only the first N rows (e.g. a top ten)


@dataclass
class Sheet:
    name: str
    frame: pd.DataFrame
    columns: list[Column] | None = None
    title: str | None = None
    notes: list[str] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    row_styles: dict[int, str] = field(default_factory=dict)  # frame position -> HIGHLIGHTS key
    cell_styles: dict[tuple[int, str], str] = field(default_factory=dict)  # (position, key) -> HIGHLIGHTS key
    cell_kinds: dict[tuple[int, str], Kind] = field(default_factory=dict)  # (position, key) -> another format
    comments: dict[tuple[int, str], str] = field(default_factory=dict)  # (position, key) -> comment text
    bold_rows: set[int] = field(default_factory=set)  # totals rows
    autofilter: bool = True
    figures: dict[tuple[int, str], Any] = field(default_factory=dict)  # (position, key) -> the figure it shows

    def resolved_columns(self) -> list[Column]:
        if self.columns is not None:
            return self.columns
        return [Column(str(key), str(key), _guess_kind(self.frame[key])) for key in self.frame.columns]


def kind_of(value: Any) -> Kind:
    """The cell format a single value wants (strings stay text, whatever they look like)."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, dt.datetime):
        return "datetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, dt.time):
        return "time"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float | Decimal):
        return "int" if float(value).is_integer() else "dec2"
    return "text"


def _guess_kind(series: pd.Series) -> Kind:
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "dec1"
    sample = series.dropna()
    return kind_of(sample.iloc[0]) if not sample.empty else "text"


class Formats:
    """xlsxwriter formats are per workbook; build each combination once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        self._book = book
        self._cache: dict[tuple, Any] = {}

    def get(self, kind: str = "text", style: str | None = None, bold: bool = False, **extra: Any) -> Any:
        key = (kind, style, bold, tuple(sorted(extra.items())))
        if key not in self._cache:
            spec: dict[str, Any] = {"valign": "top", **extra}
            if kind in NUMBER_FORMATS:
                spec["num_format"] = NUMBER_FORMATS[kind]
            if style:
                spec.update(HIGHLIGHTS[style])
            if bold:
                spec["bold"] = True
            self._cache[key] = self._book.add_format(spec)
        return self._cache[key]


def missing(value: Any) -> bool:
    """None, NaN, pandas' NA and NaT: an empty cell."""
    return value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def write_cell(sheet: Any, row: int, col: int, value: Any, kind: str, fmt: Any) -> None:
    """One value with the type it has: strings as strings (never formulas), numbers as numbers.

    Missing values (None, NaN, pandas' NA and NaT) are empty cells; numpy and Decimal numbers
    are numbers, so totals stay summable.
    """
    if missing(value):
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool | np.bool_):
        sheet.write_string(row, col, "Taip" if value else "Ne", fmt)
    elif isinstance(value, numbers.Real | Decimal) and kind != "text":
        sheet.write_number(row, col, float(value), fmt)
    elif isinstance(value, dt.datetime | dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        sheet.write_datetime(row, col, moment.replace(tzinfo=None), fmt)
    elif isinstance(value, dt.time):
        sheet.write_datetime(row, col, dt.datetime.combine(dt.date(1899, 12, 31), value), fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def _width(column: Column, frame: pd.DataFrame) -> float:
    if column.width:
        return column.width
    values = frame[column.key].head(500).map(lambda v: len(str(v)) if v is not None else 0) if len(frame) else []
    longest = max([len(column.header) * 0.9, *list(values), 6])
    return min(max(longest + 2, 8), 60)


def _write_sheet(book: xlsxwriter.Workbook, formats: Formats, spec: Sheet) -> None:
    sheet = book.add_worksheet(spec.name[:31])
    columns = spec.resolved_columns()
    top = 0
    if spec.title:
        sheet.write_string(0, 0, spec.title, formats.get(bold=True, font_size=13))
        top = 1
    for note in spec.notes:
        sheet.write_string(top, 0, note, formats.get(italic=True))
        top += 1
    if top:
        top += 1
    header_format = formats.get(bold=True, bg_color="#D9E1F2", border=1, text_wrap=True)
    header_lines = 1
    widths = []
    for col, column in enumerate(columns):
        sheet.write_string(top, col, column.header, header_format)
        width = _width(column, spec.frame)
        widths.append(0 if column.hidden else width)
        sheet.set_column(col, col, width, None, {"hidden": True} if column.hidden else {})
        header_lines = max(header_lines, math.ceil(len(column.header) * 1.1 / width))
    sheet.set_row(top, 15 * min(header_lines, 5))
    records = spec.frame[[column.key for column in columns]].itertuples(index=False, name=None)
    charted = {key for chart in spec.charts for key in chart.values}
    for position, values in enumerate(records):
        row = top + 1 + position
        row_style = spec.row_styles.get(position)
        bold = position in spec.bold_rows
        for col, (column, value) in enumerate(zip(columns, values, strict=True)):
            style = spec.cell_styles.get((position, column.key), row_style)
            if column.key in charted and not style and missing(value):
                continue  # no cell at all: a chart leaves a gap (a month still ahead), never a 0
            kind = spec.cell_kinds.get((position, column.key), column.kind)
            if column.shown is not None and not missing(value):
                value = column.shown(value)
            write_cell(sheet, row, col, value, kind, formats.get(kind, style, bold))
            comment = spec.comments.get((position, column.key))
            if comment:
                sheet.write_comment(row, col, comment, {"x_scale": 2, "y_scale": 1.5})
    last_row = top + len(spec.frame)
    sheet.freeze_panes(top + 1, 1 if len(columns) > 3 else 0)
    if spec.autofilter and columns:
        sheet.autofilter(top, 0, max(last_row, top), len(columns) - 1)
    for number, chart in enumerate(spec.charts):
        _add_chart(book, sheet, spec, columns, chart, top, number)
    print_setup(sheet, sum(widths), top)


PORTRAIT_WIDTH = 95  # column width units that fit an A4 portrait page at a readable size


def print_setup(sheet: Any, width: float, header_row: int) -> None:
    """A4, landscape when the table is wide, every column on one page width, the title and header
    rows repeated on each page, page numbers in the footer."""
    sheet.set_paper(9)
    if width > PORTRAIT_WIDTH:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, header_row)
    sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.set_footer("&C&8Puslapis &P iš &N")


def _add_chart(book: xlsxwriter.Workbook, sheet: Any, spec: Sheet, columns: list[Column], chart: Chart,
               top: int, number: int) -> None:
    keys = [column.key for column in columns]
    count = len(spec.frame) if chart.rows is None else min(chart.rows, len(spec.frame))
    count -= len([row for row in spec.bold_rows if row < count])  # totals rows are not a category
    if count <= 0:
        return
    native = book.add_chart({"type": chart.kind})
    name = spec.name[:31].replace("'", "''")
    category_col = keys.index(chart.category)
    for key in chart.values:
        col = keys.index(key)
        native.add_series({
            "name": [name, top, col],
            "categories": [name, top + 1, category_col, top + count, category_col],
            "values": [name, top + 1, col, top + count, col],
        })
    native.set_title({"name": chart.title})
    native.show_blanks_as("gap")  # a month still ahead is not a 0
    if chart.kind != "pie":  # both axes stated visible: some readers hide an axis a file leaves unsaid
        native.set_x_axis({"visible": True, "num_font": {"rotation": -45} if count > 6 else {}})
        native.set_y_axis({"name": chart.y_title, "num_format": "#,##0", "visible": True,
                           "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
        native.set_legend({"position": "bottom"})
    native.set_size({"width": 720, "height": 360})
    anchor = chart.anchor or f"{xl_col_to_name(len(columns) + 1)}{top + 2 + number * 19}"
    sheet.insert_chart(anchor, native)


def workbook_bytes(sheets: list[Sheet], title: str = "", author: str = DEFAULT_AUTHOR,
                   created: dt.datetime = FIXED_CREATED) -> bytes:
    """Render sheets into one .xlsx, reproducibly: the same sheets, title, author and date give the same bytes."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    book.set_properties({"title": title, "author": author, "created": created, "language": "lt-LT"})
    formats = Formats(book)
    for spec in sheets:
        _write_sheet(book, formats, spec)
    book.close()
    content = buffer.getvalue()
    return state_axes(content) if any(spec.charts for spec in sheets) else content


_AXIS = re.compile(r"(<c:(?:cat|val|date)Ax><c:axId val=\"\d+\"/><c:scaling>.*?</c:scaling>)(?!<c:delete)")


_VISIBLE = '<c:plotVisOnly val="1"/>'


def state_axes(content: bytes) -> bytes:
    """Every chart axis says it is shown (``<c:delete val="0"/>``): the standard's default for an
    absent element is "deleted", and LibreOffice takes it at its word. Blank cells are gaps, not zeros."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/charts/chart"):
                text = _AXIS.sub(r'\1<c:delete val="0"/>', data.decode("utf-8"))
                if "<c:dispBlanksAs" not in text:  # absent means "zero" to the standard: say "gap"
                    text = text.replace(_VISIBLE, _VISIBLE + '<c:dispBlanksAs val="gap"/>')
                data = text.encode("utf-8")
            target.writestr(info, data)
    return buffer.getvalue()

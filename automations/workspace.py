"""Create workspaces: settings, blank input workbooks drawn from the schemas, editable templates.

The blank workbooks are what staff type into: exact headers, a frozen header row, drop-down
lists for enum and yes/no columns (their values kept on a hidden ``Sąrašai`` tab, since
Excel limits inline lists to 255 characters) and a note on each header saying what goes
there. Nothing existing is ever overwritten.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from automations.config import CONFIG_NAME
from automations.files import atomic_write
from automations.render.docx import DEFAULT_TEMPLATES
from automations.render.xlsx import FIXED_CREATED, Formats, kind_of, write_cell
from sheets_schema import workbooks
from sheets_schema.base import ColumnSpec, SheetModel
from sheets_schema.spec import WorkbookSpec

LISTS_TAB = "Sąrašai"

SETTINGS_TEMPLATE = """\
# Settings of this workspace (see README, "Settings").
backend = "local"            # "local" (this folder) or "google" (Sheets, Forms and Drive)
{report_year}output_dir = "ataskaitos"     # generated documents go here, by year and subject
templates_dir = "sablonai"   # your edited copies of the Word templates

[institution]
{institution}
[schedule]
default = ["02:00"]          # when `automations schedule` runs every job
# [schedule.jobs]
# nuoma = ["02:00", "13:00"]

# E-mail feedback and reminders (`automations notify`, nightly after the jobs). Without an
# [smtp] host the messages are written to siunciami_laiskai/ instead of being sent.
# [notify]
# managers = ["direktorius@pavb.lt"]      # who gets the weekly digest
# reply_to = "regionas@pavb.lt"           # where replies go (default: institution.email)
# statistics_form_url = "https://forms.gle/..."
# [notify.people]                         # names typed in `Atsakingas` -> addresses
# "Vardenė Pavardenė" = "vardene.pavardene@pavb.lt"
# [smtp]                                  # the password only in AUTOMATIONS_SMTP__PASSWORD
# host = "smtp-relay.gmail.com"
# port = 587
# security = "starttls"
# username = "robotas@pavb.lt"

# Where each workbook lives. Locally the default is <name>.xlsx in this folder; a form's
# responses may come from a CSV export instead:
# [workbooks.teritorijos_statistika]
# file = "teritorijos_statistika.xlsx"
# tab_files = {{ "Formos atsakymai 1" = "atsakymai.csv" }}
"""

# The institution as contracts, invoices, certificates and reports print it. Contracts and invoices are
# not issued until the director, the basis of authority and the bank account are set.
INSTITUTION = """\
name = "Panevėžio apskrities Gabrielės Petkevičaitės-Bitės viešoji biblioteka"
short_name = "PAVB"
address = "Respublikos g. 14, LT-35173 Panevėžys"
company_code = "190262114"
email = "pavb@pavb.lt"
website = "www.pavb.lt"
director = ""                # the director's name, e.g. "Vardenė Pavardenė"
director_basis = ""          # after "veikiantis pagal": "Bibliotekos nuostatus"
bank_account = ""            # IBAN for rental payments: LT00 0000 0000 0000 0000
bank = ""                    # the bank's name
vat_code = ""                # LT…, needed once a booking charges VAT
invoice_issuer = ""          # who issues invoices, e.g. "vyr. buhalterė Vardenė Pavardenė" (empty: the director)
price_list = ""              # the rental price list contracts refer to, after "pagal" (see README)
"""


@dataclass(frozen=True)
class Created:
    path: Path
    created: bool  # False: it existed and was left alone


def workbook_bytes_for(spec: WorkbookSpec, rows: Mapping[str, Iterable[Mapping[str, Any]]] | None = None) -> bytes:
    """An input workbook for ``spec``; ``rows`` (tab -> dicts keyed by header) fills it (demo)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    book.set_properties({"title": spec.title, "created": FIXED_CREATED})
    formats = Formats(book)
    lists = book.add_worksheet(LISTS_TAB)
    list_ranges: dict[tuple[str, ...], str] = {}
    for title, model in _tabs(spec, rows or {}):
        sheet = book.add_worksheet(title)
        columns = model.columns()
        for col, column in enumerate(columns):
            sheet.write_string(0, col, column.header, formats.get(bold=True, bg_color="#D9E1F2", border=1,
                                                                  text_wrap=True))
            sheet.write_comment(0, col, column.full_note(), {"x_scale": 2.5, "y_scale": 1.6})
            sheet.set_column(col, col, max(12, min(len(column.header) + 4, 40)))
            choices = column.choices or (("Taip", "Ne") if column.kind == "Taip / Ne" else ())
            if choices:
                source = list_ranges.get(choices) or _add_list(lists, list_ranges, choices)
                sheet.data_validation(1, col, 5000, col, {
                    "validate": "list", "source": source, "error_type": "warning",
                    "error_title": column.header, "error_message": "Pasirinkite reikšmę iš sąrašo.",
                })
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, 0, len(columns) - 1)
        for row_index, row in enumerate((rows or {}).get(title, ()), start=1):
            _write_row(sheet, formats, row_index, columns, row)
    lists.hide()
    book.close()
    return buffer.getvalue()


def _tabs(spec: WorkbookSpec, rows: Mapping[str, Any]) -> list[tuple[str, type[SheetModel]]]:
    """The tabs to write: the fixed ones, then tabs the workbook's rows name (survey answer tabs; a blank one
    from the template when there are none yet)."""
    tabs = [(model.tab, model) for model in spec.tabs]
    if spec.linked is not None:
        fixed = {model.tab for model in spec.tabs}
        named = [title for title in rows if title not in fixed] or [spec.linked.template.tab]
        tabs += [(title, spec.linked.template) for title in named]
    return tabs


def _add_list(lists: Any, ranges: dict[tuple[str, ...], str], choices: tuple[str, ...]) -> str:
    col = len(ranges)
    for row, value in enumerate(choices):
        lists.write_string(row, col, value)
    letter = xl_col_to_name(col)
    ranges[choices] = f"='{LISTS_TAB}'!${letter}$1:${letter}${len(choices)}"
    return ranges[choices]


def _write_row(sheet: Any, formats: Formats, row: int, columns: list[ColumnSpec], values: Mapping[str, Any]) -> None:
    """Demo rows carry exactly what a person would type, typed or as text."""
    positions = {column.header: index for index, column in enumerate(columns)}
    for header, value in values.items():
        col = positions.get(header)
        if col is None:
            col = len(positions)  # an extra column someone added: kept, as real sheets have them
            positions[header] = col
            sheet.write_string(0, col, header)
        kind = kind_of(value)
        write_cell(sheet, row, col, value, kind, formats.get(kind))


def write_settings(workspace: Path, report_year: int | None = None, extra: str = "",
                   institution: str = INSTITUTION) -> Created:
    path = workspace / CONFIG_NAME
    if path.exists():
        return Created(path, False)
    year_line = f"report_year = {report_year}         # the year reports are for; empty = this year\n" \
        if report_year else ""
    atomic_write(path, (SETTINGS_TEMPLATE.format(report_year=year_line, institution=institution) + extra)
                 .encode("utf-8"))
    return Created(path, True)


def create_workspace(workspace: Path, rows: Mapping[str, Mapping[str, list]] | None = None,
                     report_year: int | None = None, extra_settings: str = "",
                     institution: str = INSTITUTION) -> list[Created]:
    """Settings, one input workbook per workbook spec, and editable template copies; skip existing."""
    workspace.mkdir(parents=True, exist_ok=True)
    created = [write_settings(workspace, report_year, extra_settings, institution)]
    for name, spec in workbooks().items():
        path = workspace / f"{name}.xlsx"
        if path.exists():
            created.append(Created(path, False))
            continue
        atomic_write(path, workbook_bytes_for(spec, (rows or {}).get(name)))
        created.append(Created(path, True))
    templates = workspace / "sablonai"
    created += _copy_templates(sorted(DEFAULT_TEMPLATES.glob("*.docx")), templates)
    letters = sorted(path for path in (DEFAULT_TEMPLATES / "laiskai").glob("*") if path.suffix in {".txt", ".html"})
    created += _copy_templates(letters, templates / "laiskai")  # the e-mail messages, edited like the documents
    return created


def _copy_templates(sources: list[Path], folder: Path) -> list[Created]:
    folder.mkdir(parents=True, exist_ok=True)
    created = []
    for template in sources:
        target = folder / template.name
        exists = target.exists()
        if not exists:
            shutil.copyfile(template, target)
        created.append(Created(target, not exists))
    return created

"""The local backend: a workspace folder of .xlsx/.csv inputs and an output folder.

It is what a new user runs first, what the tests use, and a real mode for libraries that
share Excel files on a network drive. Outputs are written to a temporary file and renamed,
so a crash never leaves half a report; identical content is not rewritten.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from automations.backends.base import Backend, Feedback, InputError, Published
from automations.config import Settings
from automations.feedback import feedback_path, feedback_workbook
from automations.tables import RawSheet
from sheets_schema import workbook as workbook_spec


class LocalBackend(Backend):
    name = "local"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workspace = settings.workspace
        self.output = settings.output_path

    # reading -------------------------------------------------------------
    def describe(self, workbook: str) -> str:
        return str(self.workspace / (self.settings.source(workbook).file or f"{workbook}.xlsx"))

    def read_tabs(self, workbook: str, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
        source = self.settings.source(workbook)
        main = self.workspace / (source.file or f"{workbook}.xlsx")
        result: dict[str, RawSheet | InputError] = {}
        from_main = [tab for tab in tabs if tab not in source.tab_files]
        if from_main:
            if main.suffix.lower() == ".csv":
                form_tabs = [model.tab for model in workbook_spec(workbook).tabs if model.form] or [from_main[0]]
                for tab in from_main:
                    result[tab] = (_read_csv(main, tab) if tab in form_tabs
                                   else InputError(f"lapas „{tab}“ negali būti CSV faile {main.name}", "nera_lapo"))
            else:
                result.update(_read_xlsx(main, from_main))
        for tab, file_name in source.tab_files.items():
            if tab in tabs:
                path = self.workspace / file_name
                try:
                    is_csv = path.suffix.lower() == ".csv"
                    result[tab] = _read_csv(path, tab) if is_csv else _read_xlsx(path, [tab])[tab]
                except InputError as error:
                    result[tab] = error
        return result

    # writing -------------------------------------------------------------
    def publish(self, path: str, content: bytes) -> Published:
        target = self.output / path
        if target.exists() and target.read_bytes() == content:
            return Published(path, str(target), False)
        atomic_write(target, content)
        return Published(path, str(target), True)

    def fetch(self, path: str) -> bytes | None:
        target = self.output / path
        return target.read_bytes() if target.exists() else None

    def write_feedback(self, feedback: Feedback) -> Published | None:
        return self.publish(feedback_path(feedback.workbook), feedback_workbook(feedback))


def atomic_write(target: Path, content: bytes) -> None:
    """Write to a temporary file beside the target and rename it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _read_xlsx(path: Path, tabs: Sequence[str]) -> dict[str, RawSheet | InputError]:
    if not path.exists():
        raise InputError(f"failas {path} nerastas: sukurkite tuščią komanda „automations init“ arba pataisykite "
                         "kelią nustatymuose (workbooks)", "nera_failo")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise InputError(f"failo {path.name} nepavyko atidaryti kaip Excel (.xlsx) failo: jis tuščias, sugadintas "
                         f"arba kito formato ({type(error).__name__}). Išsaugokite jį kaip .xlsx", "ne_xlsx") from error
    try:
        by_name = {name.strip().casefold(): name for name in book.sheetnames}
        result: dict[str, RawSheet | InputError] = {}
        for tab in tabs:
            actual = by_name.get(tab.strip().casefold())
            if actual is None:
                result[tab] = InputError(f"faile {path.name} nėra lapo „{tab}“ (yra: {', '.join(book.sheetnames)})",
                                         "nera_lapo")
                continue
            cells = [list(row) for row in book[actual].iter_rows(values_only=True)]
            result[tab] = RawSheet(tab, cells)
        return result
    finally:
        book.close()


def _read_csv(path: Path, tab: str) -> RawSheet | InputError:
    """A form's responses exported as CSV (Google Forms writes UTF-8, Excel often cp1257 and ';')."""
    if not path.exists():
        return InputError(f"failas {path} nerastas", "nera_failo")
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1257 decodes nearly everything
        return InputError(f"failo {path.name} koduotė neatpažinta: išsaugokite kaip UTF-8 CSV", "ne_csv")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return RawSheet(tab, [list(row) for row in csv.reader(io.StringIO(text), dialect)])

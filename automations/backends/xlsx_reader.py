"""Reading .xlsx inputs with calamine: fast, bounded, and never a traceback on a broken file.

python-calamine (Rust) reads a 100 000-row sheet several times faster than openpyxl and
finds every cell whatever the ``<dimension>`` element claims (some exporters understate
it; openpyxl's read-only mode then saw the headers only and a report was overwritten with
nothing). Around it:

- each worksheet's reach is bounded before it is read (:mod:`xlsx_extent`), so one value
  in the sheet's last cell cannot ask for billions of cells;
- anything that goes wrong while reading a worksheet (an XML cut off by an interrupted
  sync, text in a number cell, a string index out of range) becomes one "failas
  sugadintas" problem naming the file and what to do; jobs that do not need the workbook
  still run.

Cells keep the meaning they always had: numbers, text, dates (``datetime.date`` or
``datetime``), times, booleans; an empty cell arrives as ``""``, which every reader of raw
cells already treats as blank.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from python_calamine import CalamineError, CalamineWorkbook

from automations.backends.base import InputError
from automations.backends.xlsx_extent import SheetTooLarge, check_member, inflated_size
from automations.tables import RawSheet
from automations.textclean import clean_text

_PACKAGE = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SMALL_PART = 1 << 24  # workbook.xml and its relationships are a few kB; beyond 16 MiB is not a workbook
_BROKEN = (CalamineError, zipfile.BadZipFile, zlib.error, EOFError, expat.ExpatError, ElementTree.ParseError,
           KeyError, ValueError, OSError, UnicodeDecodeError)


def not_xlsx(path: Path, error: BaseException) -> InputError:
    return InputError(f"failo {path.name} nepavyko atidaryti kaip Excel (.xlsx) failo: jis tuščias, sugadintas "
                      f"arba kito formato ({type(error).__name__}). Išsaugokite jį kaip .xlsx", "ne_xlsx")


def corrupted(path: Path, tab: str, detail: str) -> InputError:
    return InputError(f"failas {path.name} sugadintas: lapo „{tab}“ nepavyko perskaityti ({detail}). Atidarykite "
                      "failą Excel ar LibreOffice ir išsaugokite iš naujo kaip .xlsx, arba atkurkite ankstesnę "
                      "versiją; kol failas nepataisytas, iš jo ataskaitos neperrašomos", "failas_sugadintas")


def too_large(path: Path, tab: str, detail: str) -> InputError:
    return InputError(f"lapas „{tab}“ faile {path.name} per didelis: {detail}. Ištrinkite tuščias eilutes ir "
                      "stulpelius už duomenų (pažymėkite juos ir pasirinkite „Naikinti“), arba padidinkite ribas "
                      "nustatymuose (limits.max_rows, limits.max_columns)", "per_didelis")


def read_xlsx(path: Path, tabs: Sequence[str], max_rows: int, max_columns: int) -> dict[str, RawSheet | InputError]:
    """The requested tabs; a missing tab is an InputError value; a broken workbook raises InputError."""
    if not path.exists():
        raise InputError(f"failas {path} nerastas: sukurkite tuščią komanda „automations init“ arba pataisykite "
                         "kelią nustatymuose (workbooks)", "nera_failo")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise not_xlsx(path, error) from error
    with archive:
        try:
            members = sheet_members(archive)
        except _BROKEN as error:
            raise not_xlsx(path, error) from error
        by_name = {clean_text(name).strip().casefold(): name for name in members}
        wanted: dict[str, str] = {}
        result: dict[str, RawSheet | InputError] = {}
        for tab in tabs:
            actual = by_name.get(tab.strip().casefold())
            if actual is None:
                result[tab] = InputError(f"faile {path.name} nėra lapo „{tab}“ (yra: {', '.join(members)})",
                                         "nera_lapo")
            else:
                wanted[tab] = actual
        for tab, actual in wanted.items():
            try:
                check_member(archive, members[actual], max_rows, max_columns)
                for part in ("xl/sharedStrings.xml", "xl/styles.xml"):
                    if part in archive.NameToInfo:
                        inflated_size(archive, part)
            except SheetTooLarge as error:
                raise too_large(path, tab, str(error)) from error
            except _BROKEN as error:
                raise corrupted(path, tab, _reason(error)) from error
    return {**result, **_read_cells(path, wanted)}


def _read_cells(path: Path, wanted: dict[str, str]) -> dict[str, RawSheet]:
    """calamine's cells, every row from the sheet's first (so row numbers are the sheet's own)."""
    try:
        book = CalamineWorkbook.from_path(str(path))
    except _BROKEN as error:
        raise not_xlsx(path, error) from error
    try:
        result: dict[str, RawSheet] = {}
        for tab, actual in wanted.items():
            try:
                cells = book.get_sheet_by_name(actual).to_python(skip_empty_area=False)
            except (KeyboardInterrupt, SystemExit):
                raise
            except BaseException as error:  # pyo3 reports a Rust panic as a BaseException
                raise corrupted(path, tab, _reason(error)) from error
            result[tab] = RawSheet(tab, cells)
        return result
    finally:
        book.close()


def _reason(error: BaseException) -> str:
    text = " ".join(str(error).split())[:160]
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def sheet_members(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, as the workbook's relationships say (any path a writer chose)."""
    workbook = _target(archive, "_rels/.rels", "", "officeDocument") or "xl/workbook.xml"
    folder, name = posixpath.split(workbook)
    rels = posixpath.join(folder, "_rels", f"{name}.rels")
    root = ElementTree.fromstring(_small(archive, workbook))
    targets = _relationships(archive, rels, folder)
    members: dict[str, str] = {}
    for sheet in root.iter(f"{_MAIN}sheet"):
        # a part the relationships name but the archive lacks fails later as a damaged sheet
        members[sheet.get("name", "")] = targets.get(sheet.get(_REL_ID, ""), "")
    return members


def _small(archive: zipfile.ZipFile, member: str) -> bytes:
    if archive.getinfo(member).file_size > _SMALL_PART:
        raise ValueError(f"{member} is too large for a workbook part")
    with archive.open(member) as stream:
        data = stream.read(_SMALL_PART + 1)
    if len(data) > _SMALL_PART:
        raise ValueError(f"{member} is too large for a workbook part")
    return data


def _relationships(archive: zipfile.ZipFile, rels: str, folder: str) -> dict[str, str]:
    if rels not in archive.NameToInfo:
        return {}
    targets = {}
    for relation in ElementTree.fromstring(_small(archive, rels)).iter(f"{_PACKAGE}Relationship"):
        target = relation.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        targets[relation.get("Id", "")] = path
    return targets


def _target(archive: zipfile.ZipFile, rels: str, folder: str, kind: str) -> str | None:
    if rels not in archive.NameToInfo:
        return None
    for relation in ElementTree.fromstring(_small(archive, rels)).iter(f"{_PACKAGE}Relationship"):
        if relation.get("Type", "").endswith(f"/{kind}"):
            target = relation.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    return None

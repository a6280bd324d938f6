"""A numbering register a job keeps across runs: certificate numbers that never change.

The register is an output the job publishes and reads back on its next run (``ctx.fetch``).
A (training code, person) pair keeps its number forever; new pairs get the next numbers;
a pair no longer in the data stays in the register, marked as not reissued, and its number
is never given to anyone else.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, replace

import pandas as pd
from openpyxl import load_workbook

from automations.render.xlsx import Column, Sheet, workbook_bytes

ISSUED = "išduotas"
NOT_REISSUED = "neišduotas iš naujo"  # the participant is no longer in the list
HEADERS = ("Nr.", "Mokymų kodas", "Vardas, pavardė", "Biblioteka", "Išdavimo data", "Būsena")


class RegisterError(Exception):
    """The published register cannot be read; numbering must not start over silently."""


@dataclass(frozen=True)
class Entry:
    number: str  # PAVB-KT-2026-0001
    code: str  # training code
    name: str
    library: str
    issued: dt.date | None
    status: str = ISSUED

    @property
    def key(self) -> tuple[str, str]:
        return entry_key(self.code, self.name)


def entry_key(code: str, name: str) -> tuple[str, str]:
    return " ".join(str(code).split()).casefold(), " ".join(str(name).split()).casefold()


def number_pattern(prefix: str, year: int, digits: int = 4) -> re.Pattern:
    return re.compile(rf"{re.escape(prefix)}-{year}-(\d{{{digits},}})")


def read_register(content: bytes | None) -> list[Entry]:
    """The entries of a previously published register (none when there is none yet)."""
    if content is None:
        return []
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # any unreadable file means the same here
        raise RegisterError(f"the certificate register cannot be opened: {error}") from error
    start = next((i for i, row in enumerate(rows) if row and row[0] == HEADERS[0]), None)
    if start is None:
        raise RegisterError("the certificate register has no header row starting with 'Nr.'")
    entries = []
    for row in rows[start + 1:]:
        cells = [*row, *[None] * len(HEADERS)][:len(HEADERS)]
        if not cells[0]:
            continue
        issued = cells[4].date() if isinstance(cells[4], dt.datetime) else cells[4]
        entries.append(Entry(str(cells[0]).strip(), str(cells[1] or ""), str(cells[2] or ""), str(cells[3] or ""),
                             issued if isinstance(issued, dt.date) else None, str(cells[5] or ISSUED)))
    return entries


def assign_numbers(previous: list[Entry], current: list[Entry], prefix: str, year: int,
                   digits: int = 4) -> list[Entry]:
    """The register after this run, in number order.

    ``current`` holds this run's certificates in the order new numbers are given (their
    ``number`` is ignored). Known pairs keep number and issue date and take the current
    name and library spelling; new pairs get max + 1; missing pairs stay, marked.
    """
    pattern = number_pattern(prefix, year, digits)
    known = {entry.key: entry for entry in previous}
    highest = max((int(m.group(1)) for e in previous if (m := pattern.fullmatch(e.number))), default=0)
    result: dict[tuple[str, str], Entry] = {}
    for item in current:
        if item.key in result:
            continue
        old = known.get(item.key)
        if old is not None:
            result[item.key] = replace(item, number=old.number, issued=old.issued or item.issued, status=ISSUED)
        else:
            highest += 1
            result[item.key] = replace(item, number=f"{prefix}-{year}-{highest:0{digits}d}", status=ISSUED)
    for entry in previous:
        if entry.key not in result:
            result[entry.key] = replace(entry, status=NOT_REISSUED)
    return sorted(result.values(), key=lambda e: (len(e.number), e.number))


def register_workbook(entries: list[Entry], title: str, headers: tuple[str, ...] = HEADERS) -> bytes:
    """The register as published; ``headers`` name the code and name columns for what is numbered."""
    frame = pd.DataFrame([(e.number, e.code, e.name, e.library, e.issued, e.status) for e in entries],
                         columns=["nr", "kodas", "vardas", "biblioteka", "data", "busena"])
    sheet = Sheet("Registras", frame, [
        Column("nr", headers[0], width=20), Column("kodas", headers[1], width=14),
        Column("vardas", headers[2], width=28),
        Column("biblioteka", headers[3], width=45), Column("data", headers[4], "date", 13),
        Column("busena", headers[5], width=20)],
        title=title,
        notes=["Riboto naudojimo: asmens duomenys. Numeriai nekeičiami ir pakartotinai nenaudojami; "
               "registrą tvarko automatika, ranka jo nekeiskite."],
        row_styles={i: "pastaba" for i, e in enumerate(entries) if e.status == NOT_REISSUED})
    return workbook_bytes([sheet], title=title)


def issued(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if entry.status == ISSUED]

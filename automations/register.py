"""A numbering register a job keeps across runs: certificate numbers that never change.

The register is an output the job publishes and reads back on its next run (``ctx.fetch``).
A (training code, person) pair keeps its number forever (a person is name + library, so
namesakes from two libraries are two people); new pairs get the next numbers; a pair no
longer in the data stays in the register, marked as not reissued, and its number is never
given to anyone else.

The certificates are the second witness. Each carries its register entry in its document
properties, and its number starts its file name, so a register that was deleted, damaged
or cut short is rebuilt from the certificates already issued: a number once given is never
given again, and never to a second person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from xml.etree import ElementTree

import pandas as pd

from automations.lt import safe_filename
from automations.render.xlsx import Column, Sheet, workbook_bytes

ISSUED = "išduotas"
NOT_REISSUED = "neišduotas iš naujo"  # the participant is no longer in the list
HEADERS = ("Nr.", "Mokymų kodas", "Vardas, pavardė", "Biblioteka", "Išdavimo data", "Būsena")
_DC, _CP = "{http://purl.org/dc/elements/1.1/}", "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_PROPERTIES = {"number": f"{_DC}identifier", "code": f"{_DC}subject", "name": f"{_DC}title",
               "library": f"{_CP}category", "digest": f"{_CP}keywords", "issued": f"{_DC}description"}


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
    def key(self) -> tuple[str, str, str]:
        return entry_key(self.code, self.name, self.library)


def entry_key(code: str, name: str, library: str) -> tuple[str, str, str]:
    return tuple(" ".join(str(part).split()).casefold() for part in (code, name, library))  # type: ignore[return-value]


def number_pattern(prefix: str, year: int, digits: int = 4) -> re.Pattern:
    return re.compile(rf"{re.escape(prefix)}-{year}-(\d{{{digits},}})")


def read_register(content: bytes | None) -> list[Entry]:
    """The entries of a previously published register (none when there is none yet)."""
    if content is None:
        return []
    try:
        from openpyxl import load_workbook  # reading a register is rare; listing jobs should not pay for it

        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    except Exception as error:  # any unreadable file means the same here
        raise RegisterError(f"the certificate register cannot be opened: {error}") from error
    start = next((i for i, row in enumerate(rows) if row and row[0] == HEADERS[0]), None)
    if start is None and not rows:
        raise RegisterError("the certificate register is empty")
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
    ``number`` is ignored). Known people keep number and issue date and take the current
    spelling: matched on training, name and library, else on training and name when that
    leaves no doubt (a library typed differently, a register from before libraries counted);
    new people get max + 1; every previous number not given now stays, marked.
    """
    pattern = number_pattern(prefix, year, digits)
    ordered = sorted(previous, key=_number_order)
    highest = max((int(m.group(1)) for e in ordered if (m := pattern.fullmatch(e.number))), default=0)
    firsts: dict[tuple[str, str, str], Entry] = {}
    for item in current:
        firsts.setdefault(item.key, item)  # each person once, where they first come
    items = list(firsts.values())
    matched: dict[tuple[str, str, str], Entry] = {}
    exact: dict[tuple[str, str, str], Entry] = {}
    for entry in ordered:
        exact.setdefault(entry.key, entry)
    for item in items:
        if item.key in exact:
            matched[item.key] = exact[item.key]
    used = {entry.number for entry in matched.values()}
    pairs: dict[tuple[str, str], list[Entry]] = {}
    for entry in ordered:
        if entry.number not in used:
            pairs.setdefault(entry.key[:2], []).append(entry)
    waiting: dict[tuple[str, str], list[Entry]] = {}
    for item in items:
        if item.key not in matched:
            waiting.setdefault(item.key[:2], []).append(item)
    for pair, people in waiting.items():
        if len(people) == 1 and len(pairs.get(pair, [])) == 1:
            matched[people[0].key] = pairs[pair][0]
            used.add(pairs[pair][0].number)
    result = []
    for item in items:
        old = matched.get(item.key)
        if old is not None:
            result.append(replace(item, number=old.number, issued=old.issued or item.issued, status=ISSUED))
        else:
            highest += 1
            result.append(replace(item, number=f"{prefix}-{year}-{highest:0{digits}d}", status=ISSUED))
    given = {entry.number for entry in result}
    for entry in ordered:
        if entry.number not in given:
            given.add(entry.number)
            result.append(replace(entry, status=NOT_REISSUED))
    return sorted(result, key=_number_order)


def _number_order(entry: Entry) -> tuple[int, str]:
    return len(entry.number), entry.number


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


def certificate_properties(entry: Entry) -> dict[str, str]:
    """Document properties a certificate carries: enough to restore its register line.

    Core properties hold at most 255 characters each, so the person is also carried as a
    digest of the register key, which matches whatever the length of a name.
    """
    return {"identifier": entry.number, "subject": entry.code[:255], "title": entry.name[:255],
            "category": entry.library[:255], "keywords": key_digest(entry.key),
            "comments": entry.issued.isoformat() if entry.issued else ""}


def key_digest(key: tuple[str, ...]) -> str:
    return hashlib.sha256("\x1f".join(key).encode()).hexdigest()


def certificate_entry(content: bytes, number: str) -> tuple[Entry, str] | None:
    """The register line a certificate carries and its key digest, or None (older certificate, or not ours)."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            core = ElementTree.fromstring(archive.read("docProps/core.xml"))
        found = {name: core.findtext(tag) or "" for name, tag in _PROPERTIES.items()}
        issued = dt.date.fromisoformat(found["issued"]) if found["issued"] else None
    except (zipfile.BadZipFile, KeyError, ValueError, ElementTree.ParseError, OSError):
        return None
    if found["number"] != number or not found["digest"]:
        return None
    return Entry(number, found["code"], found["name"], found["library"], issued), found["digest"]


def recover(previous: list[Entry], files: list[str], fetch: Callable[[str], bytes | None], current: list[Entry],
            prefix: str, year: int) -> list[Entry]:
    """``previous`` plus every issued certificate it lacks, so no number can be given twice.

    A certificate's own properties restore its line; an older one without them is matched
    to this run's participant whose certificate file name it is; a number that matches no
    one stays reserved (a register line without a training code) and is never reused.
    """
    known = {entry.number for entry in previous}
    pattern = re.compile(rf"({re.escape(prefix)}-{year}-\d{{4,}})(?: |\.docx$)")
    by_digest = {key_digest(item.key): item for item in current}
    by_file: dict[str, list[Entry]] = {}
    for item in current:
        by_file.setdefault(safe_filename(f"NUMBER {item.name}.docx"), []).append(item)
    recovered = []
    for path in files:
        name = path.rsplit("/", 1)[-1]
        match = pattern.match(name)
        if match is None or match[1] in known:
            continue
        number = match[1]
        content = fetch(path)
        carried = certificate_entry(content, number) if content is not None else None
        if carried is not None:
            entry, digest = carried
            owner = by_digest.get(digest)
        else:  # an older certificate: its file name is the only witness
            owners = by_file.get(safe_filename(name.replace(number, "NUMBER", 1)), [])
            owner = owners[0] if len({item.key for item in owners}) == 1 else None
            entry = Entry(number, "", name[len(number):].removesuffix(".docx").strip(), "", None, NOT_REISSUED)
        recovered.append(replace(owner, number=number, issued=entry.issued or owner.issued) if owner else entry)
        known.add(number)
    return [*previous, *recovered]

"""A form's responses exported as CSV, whichever way the export was saved.

Google Forms writes UTF-8 with commas; Excel writes cp1257 with semicolons, "CSV UTF-8"
with a byte-order mark, and "Unicode text" as UTF-16 with tabs. The encoding is taken from
the byte-order mark when there is one; a file that is none of these gets a message saying
what to save it as, never a traceback. Rows and columns are bounded like xlsx sheets.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from automations.backends.base import InputError
from automations.tables import RawSheet

MAX_CSV_BYTES = 1 << 28  # 256 MiB: a form's answers for decades fit in a few
SAVE_AS = "išsaugokite jį kaip „CSV UTF-8 (kableliais atskirtas)“ (Excel) arba atsisiųskite iš Google kaip .csv"
_BOMS = (  # longest first: the UTF-32 LE mark begins with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes) -> str | None:
    """The text of a CSV export, or None when it is not text in any encoding staff's tools write."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in raw[:4096]:  # UTF-16 without a mark: every other byte of Latin text is zero
        sample = raw[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        encoding = "utf-16-be" if even > odd else "utf-16-le"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            return None
        controls = sum(1 for char in text[:2048] if char < " " and char not in "\t\r\n")
        return None if controls else text  # a guess that yields control characters was no text at all
    for encoding in ("utf-8", "cp1257"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None  # pragma: no cover - cp1257 leaves only a few bytes undefined


def read_csv(path: Path, tab: str, max_rows: int, max_columns: int) -> RawSheet | InputError:
    if not path.exists():
        return InputError(f"failas {path} nerastas", "nera_failo")
    if path.stat().st_size > MAX_CSV_BYTES:
        return InputError(f"failas {path.name} per didelis ({path.stat().st_size >> 20} MB): tikėtasi formos "
                          "atsakymų CSV failo", "per_didelis")
    text = decode(path.read_bytes())
    if text is None:
        return InputError(f"failas {path.name} nėra teksto (CSV) failas arba jo koduotė neatpažinta: {SAVE_AS}",
                          "ne_csv")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect):
            if len(rows) >= max_rows or len(row) > max_columns:
                return InputError(f"failas {path.name} per didelis: skaitoma iki {max_rows} eilučių ir {max_columns} "
                                  "stulpelių (nustatymai limits.max_rows, limits.max_columns)", "per_didelis")
            rows.append(row)
    except csv.Error as error:
        return InputError(f"failo {path.name} nepavyko perskaityti kaip CSV ({error}): {SAVE_AS}", "ne_csv")
    return RawSheet(tab, rows)

"""How far a worksheet reaches, found before reading it, so a 15 kB file cannot take the memory.

calamine (like every fast reader) holds a sheet as one dense block from its first to its
last non-empty cell: one value in ``XFD1048576`` beside ``A1`` asks for 17 billion cells
and the process is aborted. The ``<dimension>`` element cannot be trusted either way. So
the worksheet XML is streamed once (inflating releases the GIL, so this runs beside other
work) and the cell references are bounded against the configured limits:

- the fast path, for every writer that puts an explicit ``r`` first on each row and cell
  (Excel, LibreOffice, Google, openpyxl, xlsxwriter): after mapping letters to ``A`` and
  digits to ``0``, references longer than the limits are plain substring searches, and only
  the few long enough to matter are read exactly;
- any other file is walked with expat, counting positions the way calamine does.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from xml.parsers import expat

CHUNK = 1 << 22
MAX_XML_BYTES = 1 << 29  # one worksheet or string table beyond 512 MiB inflated is refused
_SHAPE = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", b"A" * 26 + b"0" * 10)
_REF = re.compile(r"([A-Z]{1,4})(\d{1,8})$")
_AFTER_NAME = (b" ", b">", b"/", b"\t", b"\n", b"\r")  # what may follow an element's name in XML


class SheetTooLarge(Exception):
    """The sheet reaches beyond the limits; the message says where, in Lithuanian."""


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_member(book: zipfile.ZipFile, member: str, max_rows: int, max_columns: int) -> None:
    """SheetTooLarge when a cell holding something lies beyond ``max_rows`` × ``max_columns``.

    Empty cells that only carry formatting (``<c r="XFD1048576" s="1"/>``) are ignored, as
    the reader ignores them.
    """
    with book.open(member) as stream:
        if not _fast_check(stream, max_rows, max_columns):
            stream.seek(0)
            _walk(stream, max_rows, max_columns)


def inflated_size(book: zipfile.ZipFile, member: str) -> int:
    """A member's real inflated size (the directory's own figure may lie), bounded."""
    with book.open(member) as stream:
        return sum(len(chunk) for chunk in _chunks(stream))


def _chunks(stream) -> Iterator[bytes]:
    """The XML in pieces cut after a ``>``, so no tag is split between two pieces."""
    carry, size = b"", 0
    while True:
        piece = stream.read(CHUNK)
        size += len(piece)
        if size > MAX_XML_BYTES:
            raise SheetTooLarge(f"failo dalis išsipakuoja į daugiau nei {MAX_XML_BYTES >> 20} MB")
        if not piece:
            if carry:
                yield carry
            return
        data = carry + piece
        cut = data.rfind(b">") + 1
        if cut == 0:
            carry = data
            continue
        carry = data[cut:]
        yield data[:cut]


def _explicit(chunk: bytes) -> bool:
    """Every cell element in ``chunk`` starts with its own ``r`` and none carries a namespace prefix.

    Each scan of a 50 MB sheet costs about 40 ms, so the usual chunk is settled by three: every
    tag opening with ``<c`` is a cell with an ``r``, and there is no ``:c`` at all. The few chunks
    holding ``<cols>`` or ``<cfRule`` are counted exactly; a cell whose name is followed by a tab
    or a line break is a cell without the ``<c r="`` the fast path looks for."""
    if b":c" in chunk and any(b":c" + after in chunk for after in _AFTER_NAME):
        return False
    references = chunk.count(b'<c r="')
    if chunk.count(b"<c") == references:
        return True
    cells = sum(chunk.count(b"<c" + after) for after in _AFTER_NAME)
    return cells == references


def _fast_check(stream, max_rows: int, max_columns: int) -> bool:
    """False when some cell lacks an explicit reference (the caller walks the XML instead);
    otherwise references with as many digits (letters) as the limit or more are read exactly,
    since the others cannot exceed it. One inflating pass does both."""
    limit_letters = column_letters(max_columns).encode()
    row_needles = [b'<c r="' + b"A" * letters + b"0" * len(str(max_rows)) for letters in (1, 2, 3)]
    column_needle = b'<c r="' + b"A" * len(limit_letters)
    beyond: str | None = None  # raised only once every chunk is known explicit, as the walk would find it
    for chunk in _chunks(stream):
        if not _explicit(chunk):
            return False
        if beyond is None:
            beyond = _beyond_in(chunk, row_needles, column_needle, limit_letters, max_rows, max_columns)
    if beyond is not None:
        raise SheetTooLarge(beyond)
    return True


def _beyond_in(chunk: bytes, row_needles: list[bytes], column_needle: bytes, limit_letters: bytes,
               max_rows: int, max_columns: int) -> str | None:
    """Why a valued cell of this explicit chunk lies beyond the limits, or None."""
    shape = chunk.translate(_SHAPE)
    if b'<c r="AAAA' in shape and _valued(chunk, shape.find(b'<c r="AAAA')):
        return "nurodytas stulpelis už paskutinio galimo (XFD)"
    for needle in row_needles:
        for position in _positions(shape, needle):
            letters, row = _reference(chunk, position + 6)
            if row > max_rows and _valued(chunk, position):
                return _beyond(letters, row, max_rows, max_columns)
    for position in _positions(shape, column_needle):
        letters, row = _reference(chunk, position + 6)
        longer = len(letters) > len(limit_letters)
        if (longer or letters > limit_letters) and _valued(chunk, position):
            return _beyond(letters, row, max_rows, max_columns)
    return None


def _positions(shape: bytes, needle: bytes) -> Iterator[int]:
    position = shape.find(needle)
    while position != -1:
        yield position
        position = shape.find(needle, position + 1)


def _reference(chunk: bytes, start: int) -> tuple[bytes, int]:
    end = chunk.index(b'"', start)
    match = _REF.match(chunk[start:end].decode("ascii", "replace"))
    if match is None:
        return b"", 0
    return match[1].encode(), int(match[2])


def _valued(chunk: bytes, position: int) -> bool:
    """A cell element that is not self-closing: it holds a value, a formula or an inline string."""
    end = chunk.find(b">", position)
    return end == -1 or chunk[end - 1:end] != b"/"


def _walk(stream, max_rows: int, max_columns: int) -> None:
    """Positions as the reader counts them: an explicit ``r``, else one after the previous."""
    state = {"row": 0, "column": 0, "open": False}

    def start(name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            reference = attributes.get("r", "")
            state["row"] = int(reference) if reference.isdigit() else state["row"] + 1
            state["column"] = 0
        elif local == "c":
            match = _REF.match(attributes.get("r", ""))
            if match:
                state["column"], state["row"] = column_number(match[1]), int(match[2])
            else:
                state["column"] += 1
            state["open"] = True
        elif local in {"v", "is", "f"} and state["open"]:
            state["open"] = False
            if state["row"] > max_rows or state["column"] > max_columns:
                raise SheetTooLarge(_beyond(column_letters(state["column"]).encode(), state["row"], max_rows,
                                            max_columns))

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    for chunk in _chunks(stream):  # bounded like the fast path: a part inflating past the limit is refused
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _beyond(letters: bytes, row: int, max_rows: int, max_columns: int) -> str:
    return (f"užpildytas langelis {letters.decode()}{row} yra už ribų: skaitoma iki {max_rows} eilučių ir "
            f"{max_columns} stulpelių (iki {column_letters(max_columns)})")

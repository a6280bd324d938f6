"""A1 notation as Google Sheets parses and echoes it: quoting, open-ended ranges, grid limits."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CELL_RE = re.compile(r"^([A-Za-z]*)(\d*)$")
_PLAIN_TITLE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LOOKS_LIKE_CELL_RE = re.compile(r"^([A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*)$")


def col_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def col_index(letters: str) -> int:
    value = 0
    for char in letters.upper():
        value = value * 26 + ord(char) - 64
    return value - 1


def quote_title(title: str) -> str:
    """Titles are quoted only when they need it (``Sheet1`` but ``'My sheet'``)."""
    if _PLAIN_TITLE_RE.match(title) and not _LOOKS_LIKE_CELL_RE.match(title):
        return title
    return "'" + title.replace("'", "''") + "'"


@dataclass
class GridRef:
    """A parsed range; ``None`` bounds are open (to the grid's edge). Indexes are 0-based, ends exclusive."""

    title: str | None
    start_row: int | None = None
    end_row: int | None = None
    start_col: int | None = None
    end_col: int | None = None
    single: bool = False  # written as one cell (``D4``), echoed as one cell


def split_title(text: str) -> tuple[str | None, str]:
    """``'My sheet'!A1:B2`` -> (``My sheet``, ``A1:B2``); no ``!`` -> (None, text)."""
    if text.startswith("'"):
        index, title = 1, []
        while index < len(text):
            char = text[index]
            if char == "'":
                if index + 1 < len(text) and text[index + 1] == "'":
                    title.append("'")
                    index += 2
                    continue
                rest = text[index + 1:]
                return "".join(title), rest[1:] if rest.startswith("!") else rest
            title.append(char)
            index += 1
        return "".join(title), ""
    if "!" in text:
        title, _, rest = text.rpartition("!")
        return title, rest
    return None, text


def parse_cells(part: str) -> GridRef | None:
    """``A1:B2``, ``A:B``, ``1:3``, ``A2:B``, ``D4``; None when it is not a range."""
    if not part:
        return GridRef(None)
    pieces = part.split(":")
    if len(pieces) > 2:
        return None
    parsed = []
    for piece in pieces:
        match = _CELL_RE.match(piece.strip())
        if not match or not (match.group(1) or match.group(2)):
            return None
        letters, digits = match.groups()
        parsed.append((col_index(letters) if letters else None, int(digits) - 1 if digits else None))
    (c1, r1) = parsed[0]
    if len(parsed) == 1:
        if c1 is None or r1 is None:
            return None
        return GridRef(None, r1, r1 + 1, c1, c1 + 1, single=True)
    (c2, r2) = parsed[1]
    ref = GridRef(None)
    if c1 is not None and c2 is not None:
        ref.start_col, ref.end_col = min(c1, c2), max(c1, c2) + 1
    elif c1 is not None:
        ref.start_col = c1
    if r1 is not None and r2 is not None:
        ref.start_row, ref.end_row = min(r1, r2), max(r1, r2) + 1
    elif r1 is not None:
        ref.start_row = r1
    if c1 is None and c2 is None:
        ref.start_col = None
    if r1 is None and r2 is None:
        ref.start_row = None
    return ref


def bounded(ref: GridRef, rows: int, cols: int) -> tuple[int, int, int, int]:
    """(start_row, end_row, start_col, end_col) with open ends closed at the grid's edge."""
    return (ref.start_row or 0, rows if ref.end_row is None else ref.end_row,
            ref.start_col or 0, cols if ref.end_col is None else ref.end_col)


def format_range(title: str, r1: int, r2: int, c1: int, c2: int, single: bool = False) -> str:
    """How Google echoes a range: ``Sheet1!A1:Z1000``, or ``Sheet1!D4`` for one cell asked as one cell."""
    start = f"{col_letter(c1)}{r1 + 1}"
    if single or (r2 - r1 == 1 and c2 - c1 == 1):
        return f"{quote_title(title)}!{start}"
    return f"{quote_title(title)}!{start}:{col_letter(c2 - 1)}{r2}"

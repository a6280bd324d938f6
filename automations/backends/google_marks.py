"""Notes and colours on people's cells: set ours, keep theirs, and undo exactly what we did.

Every note line the backend writes starts with :data:`NOTE_PREFIX`, so a person's own note on
the same cell survives: ours is added below it and later removed line by line. A cell's
own background colour is remembered (in the feedback tab, column ``Buvusi spalva``) before
it is coloured, and given back when the problem is fixed; a colour someone changed in the
meantime is left as they set it. Lines in the old unprefixed format (``klaida: …``) on cells
the feedback tab lists are recognised as ours too, so sheets marked before keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sheets_schema.base import Problem, Severity

NOTE_PREFIX = "[Automatinė patikra] "
LEGACY_LINE_RE = re.compile(r"^(klaida|įspėjimas|pastaba): ")
COLOURS = {  # whole 8-bit channels, which Sheets stores exactly, so our own colours are recognised when read back
    Severity.ERROR: {"red": 244 / 255, "green": 204 / 255, "blue": 204 / 255},
    Severity.WARNING: {"red": 1.0, "green": 242 / 255, "blue": 204 / 255},
    Severity.NOTE: {"red": 207 / 255, "green": 226 / 255, "blue": 243 / 255},
}
Ref = tuple[str, int, int]  # sheet title, 0-based row, 0-based column
_REF_RE = re.compile(r"^'((?:[^']|'')+)'!([A-Z]+)(\d+)$")


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    value = 0
    for char in letters:
        value = value * 26 + ord(char) - 64
    return value - 1


def cell_ref(tab: str, row: int, col: int) -> str:
    return "'" + tab.replace("'", "''") + f"'!{column_letter(col)}{row + 1}"


def parse_ref(text: Any) -> Ref | None:
    match = _REF_RE.match(str(text or "").strip())
    if not match:
        return None
    return match.group(1).replace("''", "'"), int(match.group(3)) - 1, column_index(match.group(2))


def hex_colour(colour: dict[str, Any] | None) -> str:
    """``#rrggbb`` for a Sheets colour (missing channels are 0); "" for none."""
    if not colour:
        return ""
    return "#" + "".join(f"{round(float(colour.get(key, 0) or 0) * 255):02x}" for key in ("red", "green", "blue"))


def colour_of(text: str) -> dict[str, float] | None:
    if not re.fullmatch(r"#[0-9a-f]{6}", text or ""):
        return None
    return {key: int(text[1 + 2 * i:3 + 2 * i], 16) / 255 for i, key in enumerate(("red", "green", "blue"))}


OUR_HEX = {hex_colour(colour) for colour in COLOURS.values()}


@dataclass(frozen=True)
class CellState:
    note: str = ""
    background: str = ""  # hex, "" when the cell has none


def our_lines(problems: list[Problem]) -> list[str]:
    # one line per problem, so each can be recognised and removed on its own
    return [NOTE_PREFIX + f"{p.severity}: " + " ".join(str(p.message).splitlines()) for p in problems]


def foreign_part(note: str, legacy: bool) -> str:
    """A note without the lines the backend wrote (and the blank line it put before them)."""
    kept = [line for line in note.split("\n")
            if not line.startswith(NOTE_PREFIX) and not (legacy and LEGACY_LINE_RE.match(line))]
    return "\n".join(kept).strip("\n")


def marked_note(current: str, problems: list[Problem], legacy: bool) -> str:
    own = foreign_part(current, legacy)
    return "\n\n".join(part for part in (own, "\n".join(our_lines(problems))) if part)


def _request(sheet_id: int, row: int, col: int, cell: dict[str, Any], fields: str) -> dict[str, Any]:
    return {"updateCells": {
        "range": {"sheetId": sheet_id, "startRowIndex": row, "endRowIndex": row + 1,
                  "startColumnIndex": col, "endColumnIndex": col + 1},
        "rows": [{"values": [cell]}],
        "fields": fields,  # never userEnteredValue: people's cells stay as typed
    }}


def mark(sheet_id: int, ref: Ref, state: CellState, problems: list[Problem], severity: Severity,
         legacy: bool) -> dict[str, Any] | None:
    """The request that shows these problems on the cell (None when it already does)."""
    note = marked_note(state.note, problems, legacy)
    colour = COLOURS[severity]
    fields, cell = [], {}
    if note != state.note:
        fields.append("note")
        cell["note"] = note
    if hex_colour(colour) != state.background:
        fields.append("userEnteredFormat.backgroundColor")
        cell["userEnteredFormat"] = {"backgroundColor": colour}
    return _request(sheet_id, ref[1], ref[2], cell, ",".join(fields)) if fields else None


def unmark(sheet_id: int, ref: Ref, state: CellState, original: str) -> dict[str, Any] | None:
    """The request that takes our note and colour off a fixed cell, giving back what was there."""
    note = foreign_part(state.note, legacy=True)
    fields, cell = [], {}
    if note != state.note:
        fields.append("note")
        if note:
            cell["note"] = note
    if state.background in OUR_HEX and state.background != original:  # a colour someone set since stays
        fields.append("userEnteredFormat.backgroundColor")
        restored = colour_of(original)
        cell["userEnteredFormat"] = {"backgroundColor": restored} if restored else {}
    return _request(sheet_id, ref[1], ref[2], cell, ",".join(fields)) if fields else None


def original_background(state: CellState) -> str:
    """What to give back later: the cell's own colour, never one of ours."""
    return "" if state.background in OUR_HEX else state.background


def parse_cells(answer: dict[str, Any]) -> dict[Ref, CellState]:
    """Notes and backgrounds from a ``spreadsheets.get`` with grid data for some ranges."""
    found: dict[Ref, CellState] = {}
    for sheet in answer.get("sheets", []):
        title = sheet.get("properties", {}).get("title", "")
        for data in sheet.get("data", []):
            top, left = int(data.get("startRow", 0)), int(data.get("startColumn", 0))
            for r, row in enumerate(data.get("rowData", [])):
                for c, value in enumerate(row.get("values", [])):
                    if value:
                        background = (value.get("userEnteredFormat") or {}).get("backgroundColor")
                        found[(title, top + r, left + c)] = CellState(value.get("note", ""), hex_colour(background))
    return found

"""E-mail addresses typed into the sheets: one pattern for every sheet, and a cell holding several.

A library's contact cell often holds two addresses (``info@… ; direktore@…``); a form's
collected address is one. Both the schemas (to warn about a mistyped address) and the
e-mail notifications (to know where to write) read the cell the same way here.
"""

from __future__ import annotations

import re
from typing import Any

EMAIL_PATTERN = r"[^@\s,;<>()\"]+@[^@\s,;<>()\"]+\.[A-Za-z]{2,}"
_EMAIL_RE = re.compile(EMAIL_PATTERN)
_SEPARATORS = re.compile(r"[\s,;]+")


def split_addresses(cell: Any) -> tuple[list[str], list[str]]:
    """(valid addresses, parts that are not addresses) of a cell; blanks give two empty lists."""
    if not isinstance(cell, str):
        return [], []
    good: list[str] = []
    bad: list[str] = []
    for part in _SEPARATORS.split(cell.strip()):
        if not part:
            continue
        part = part.strip(".()<>\"'")  # "Vardenė <vardene@x.lt>", "(info@x.lt)", a full stop after it
        target = good if _EMAIL_RE.fullmatch(part) else bad
        if part not in target:
            target.append(part)
    return good, bad


def mistyped(cell: Any) -> list[str]:
    """What looks meant as an address but is not one (a part with "@" or a dot), or the cell when none is usable.

    Words beside a good address (``Biblioteka <info@x.lt>``) are a label, not a mistake.
    """
    good, bad = split_addresses(cell)
    return [part for part in bad if "@" in part or "." in part] or ([] if good else bad)


def addresses(cell: Any) -> list[str]:
    """The usable addresses of a cell, in the order typed, lower-cased domain, no repeats."""
    result: list[str] = []
    for address in split_addresses(cell)[0]:
        local, domain = address.rsplit("@", 1)
        normal = f"{local}@{domain.lower()}"
        if normal not in result:
            result.append(normal)
    return result

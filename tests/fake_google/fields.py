"""Google's partial-response field masks (``fields=``): ``a.b``, ``a/b``, ``a(b,c)``, ``*``."""

from __future__ import annotations

from typing import Any

Mask = dict[str, "Mask"]  # an empty dict means "everything below"


def parse_mask(text: str) -> Mask:
    mask: Mask = {}
    _parse(text.replace("/", ".").replace(" ", ""), 0, mask)
    return mask


def _parse(text: str, pos: int, into: Mask) -> int:
    while pos < len(text):
        end = pos
        while end < len(text) and text[end] not in ",()":
            end += 1
        path = [part for part in text[pos:end].split(".") if part]
        node = into
        for part in path:
            node = node.setdefault(part, {})
        pos = end
        if pos < len(text) and text[pos] == "(":
            pos = _parse(text, pos + 1, node)
            if pos < len(text) and text[pos] == ")":
                pos += 1
        if pos < len(text) and text[pos] == ",":
            pos += 1
            continue
        if pos < len(text) and text[pos] == ")":
            return pos
    return pos


def apply_mask(value: Any, mask: Mask) -> Any:
    """Keep only the masked fields; lists are masked element by element."""
    if not mask or "*" in mask:
        return value
    if isinstance(value, list):
        return [apply_mask(item, mask) for item in value]
    if not isinstance(value, dict):
        return value
    return {key: apply_mask(value[key], sub) for key, sub in mask.items() if key in value}

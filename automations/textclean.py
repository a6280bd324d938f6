"""Text from outside, made safe once: NFC, no invisible or control characters.

People paste from Word, PDFs and phones. Lithuanian letters may arrive decomposed (``e`` +
a combining dot instead of ``ė``), a zero-width space or a right-to-left override may hide
in a name, and a CSV export may carry a raw control character that no Word or Excel XML
accepts. Every text cell passes through :func:`clean_text` where raw cells enter
validation, whatever the backend, so two spellings that look the same are the same and
nothing invisible reaches a document, a calendar or a file name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Controls other than tab, newline and carriage return (C0, DEL, C1); format characters that
# draw nothing (soft hyphen, zero-width space/joiners, word joiner, BOM, Arabic letter mark,
# Mongolian vowel separator); bidirectional embeddings, overrides and isolates (a name could
# otherwise disguise its extension); tag characters; lone surrogates and the two
# noncharacters XML refuses.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff\U000e0000-\U000e007f]"
)


def clean_text(text: str) -> str:
    """``text`` in NFC without invisible characters; the common clean case costs two C calls."""
    if text.isprintable() and (text.isascii() or unicodedata.is_normalized("NFC", text)):
        return text
    return _clean(text)


@lru_cache(maxsize=65536)
def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", INVISIBLE.sub("", text))


def clean_value(value: object) -> object:
    """A raw cell with its text cleaned; other values unchanged."""
    return clean_text(value) if value.__class__ is str else value

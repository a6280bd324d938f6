"""Core properties of a finished .xlsx or .docx: the institution as author, a title, the day it speaks for.

Documents rendered through the job context get these when they are made; a workbook a helper
writes on its own (a register, a schedule) gets them here as it is placed among the outputs,
so no output says "openpyxl", "python-docx" or the year 2000. Same content and date, same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape

CORE = "docProps/core.xml"
_NAMESPACES = ('xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
               'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
               'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"')


def stamp(content: bytes, author: str, day: dt.date, title: str) -> bytes:
    """``content`` with its core properties replaced (an existing title and the other properties are kept)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    if CORE not in source.namelist():
        return content
    old = source.read(CORE).decode("utf-8")
    kept = _element(old, "dc:title") or escape(title)
    moment = dt.datetime.combine(day, dt.time()).strftime("%Y-%m-%dT%H:%M:%SZ")
    extra = "".join(f"<{tag}>{value}</{tag}>" for tag in ("dc:subject", "dc:description", "cp:keywords",
                                                         "cp:category", "dc:identifier", "dc:language")
                    if (value := _element(old, tag)))
    core = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties {_NAMESPACES}>'
            f"<dc:title>{kept}</dc:title>{extra}<dc:creator>{escape(author)}</dc:creator>"
            f"<cp:lastModifiedBy>{escape(author)}</cp:lastModifiedBy>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, core.encode("utf-8") if info.filename == CORE else source.read(info.filename))
    return buffer.getvalue()


def _element(xml: str, tag: str) -> str:
    """The (still escaped) text of one simple element, or ""."""
    start = xml.find(f"<{tag}>")
    if start < 0:
        return ""
    end = xml.find(f"</{tag}>", start)
    return xml[start + len(tag) + 2:end] if end > 0 else ""

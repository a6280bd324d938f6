"""Render a Word template many times at the cost of its text alone (certificates, contracts, invoices).

docxtpl loads the whole template package, compiles it, saves every part and compresses it all
again for each document; for a thousand certificates that is a thousand copies of the same
styles. Here a template is prepared once per process (per file version): its document and
header/footer parts made ready for Jinja (the one environment compiles each once), every other
part serialised and compressed once. Each document then fills only those parts with docxtpl's own
part filling, finishes its body like any other document
(:func:`~automations.render.docx_layout.finish_body`), and is written as a zip whose other
members are the prepared compressed bytes. The bytes equal what the general path writes.

Documents with pictures (charts), and templates with a table of contents, footnotes or Jinja in
their properties, go the general way; generated tables come in as XML fragments either way.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import struct
import threading
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from automations.render.docx_layout import core_properties, finish_body, heading_styles

HEADER_FOOTER = ("wordprocessingml.header+xml", "wordprocessingml.footer+xml")
DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1  # 2000-01-01, as the general path writes every member
_JINJA = re.compile(r"[{%]")
TEMPLATED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # docxtpl renders


@dataclass
class Member:
    name: str
    crc: int
    size: int
    data: bytes  # raw deflate stream
    external_attr: int


@dataclass
class PreparedTemplate:
    """One template, ready to fill: compiled parts and the compressed bytes of everything else."""

    source: DocxTemplate  # only its part-filling helpers are used, never its document
    body: str  # the body's XML as docxtpl prepares it for Jinja (compiled once: the environment keeps it)
    shell: Any  # the document element without its body
    parts: dict[str, tuple[str, str]]  # header/footer member → (prepared XML, encoding)
    core: Any  # the template's core properties element
    levels: dict[str, int]
    members: list[Member | str]  # a str is a member rendered per document

    def render(self, context: dict[str, Any], properties: dict[str, Any], environment: Any) -> bytes:
        rendered = {"word/document.xml": self._document(context, environment), "docProps/core.xml":
                    self._core(properties)}
        for name, (xml, encoding) in self.parts.items():
            filled = self.source.render_xml_part(xml, None, context, environment)
            rendered[name] = serialize_part_xml(parse_xml(filled.encode(encoding)))
        return write_zip([compressed_member(item, rendered[item]) if isinstance(item, str) else item
                          for item in self.members])

    def _document(self, context: dict[str, Any], environment: Any) -> bytes:
        tree = self.source.fix_tables(self.source.render_xml_part(self.body, None, context, environment))
        for number, picture in enumerate(tree.iter(qn("wp:docPr")), start=1001):
            picture.set("id", str(number))  # as docxtpl numbers them
        finish_body(tree, self.levels)
        root = copy.deepcopy(self.shell)
        root.append(tree)
        return serialize_part_xml(root)

    def _core(self, properties: dict[str, Any]) -> bytes:
        element = copy.deepcopy(self.core)
        core_properties(CoreProperties(element), properties)
        return serialize_part_xml(element)


def plain(value: Any, kinds: tuple[type, ...]) -> bool:
    """True when nothing in ``value`` (nested lists and dicts) is of ``kinds`` (tables, pictures)."""
    if isinstance(value, kinds):
        return False
    if isinstance(value, dict):
        return all(plain(item, kinds) for item in value.values())
    if isinstance(value, list | tuple):
        return all(plain(item, kinds) for item in value)
    return True


_LOCK = threading.Lock()


def prepared(template: Path) -> PreparedTemplate | None:
    """The template prepared for rendering once (None when it needs the general path)."""
    stat = template.stat()
    with _LOCK:
        return _prepare(str(template), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _prepare(path: str, _mtime: int, _size: int) -> PreparedTemplate | None:
    source = DocxTemplate(path)
    source.render_init()
    document = source.docx
    package = document.part.package
    if any(part.content_type.endswith("footnotes+xml") for part in package.iter_parts()):
        return None
    core = document.core_properties
    if any(_JINJA.search(getattr(core, name) or "") for name in TEMPLATED_PROPERTIES):
        return None
    for name in TEMPLATED_PROPERTIES:  # docxtpl writes these back, rendered, creating the empty ones
        setattr(core, name, getattr(core, name))
    body_xml = source.patch_xml(source.get_xml())
    if "TOC" in "".join(node.text or "" for node in document.element.body.iter(qn("w:instrText"))):
        return None
    parts = {}
    for part in package.iter_parts():
        if part.content_type.endswith(HEADER_FOOTER):
            xml = source.get_part_xml(part)
            parts[part.partname.lstrip("/")] = (source.patch_xml(xml), source.get_headers_footers_encoding(xml))
    shell = copy.deepcopy(document.element)
    shell.remove(shell.find(qn("w:body")))
    buffer = io.BytesIO()
    document.save(buffer)
    rendered = {"word/document.xml", "docProps/core.xml", *parts}
    with zipfile.ZipFile(buffer) as saved:
        members = [info.filename if info.filename in rendered else compressed_member(info.filename, saved.read(info),
                                                                          info.external_attr)
                   for info in saved.infolist()]
    return PreparedTemplate(source, body_xml, shell, parts,
                            copy.deepcopy(core._element), heading_styles(document), members)


def compressed_member(name: str, content: bytes, external_attr: int = 0o600 << 16) -> Member:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile deflates
    data = compressor.compress(content) + compressor.flush()
    return Member(name, zlib.crc32(content), len(content), data, external_attr)


def write_zip(members: list[Member]) -> bytes:
    """A zip of already compressed members, laid out as :mod:`zipfile` lays out the general path's."""
    out = io.BytesIO()
    central = []
    for member in members:
        name = member.name.encode("ascii")
        offset = out.tell()
        out.write(struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, 0, zipfile.ZIP_DEFLATED, 0, DOS_DATE,
                              member.crc, len(member.data), member.size, len(name), 0))
        out.write(name)
        out.write(member.data)
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", 20, 3, 20, 0, 0, zipfile.ZIP_DEFLATED, 0,
                                   DOS_DATE, member.crc, len(member.data), member.size, len(name), 0, 0, 0, 0,
                                   member.external_attr, offset) + name)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), start, 0))
    return out.getvalue()

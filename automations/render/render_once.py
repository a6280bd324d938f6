"""Render a Word template many times at the cost of its text alone (certificates, contracts, invoices).

docxtpl loads the whole template package, compiles it, saves every part and compresses it all
again for each document; for a thousand certificates that is a thousand copies of the same
styles. Here a template is prepared once per process (per file version): its document and
header/footer parts made ready for Jinja (the one environment compiles each once), every other
part serialised and compressed once. Each document then fills only those parts with docxtpl's own
part filling, finishes its body like any other document
(:func:`~automations.render.docx_layout.finish_body`), and is written as a zip whose other
members are the prepared compressed bytes. The bytes equal what the general path writes.

Pictures (charts) are placed as python-docx places them (:mod:`automations.render.pictures`).
Templates with a table of contents, footnotes or Jinja in their properties, and a picture put in a
header or footer, go the general way; generated tables come in as XML fragments either way.
"""

from __future__ import annotations

import copy
import functools
import io
import re
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import parse_xml, serialize_part_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from automations.render.docx_layout import core_properties, finish_body, heading_styles
from automations.render.pictures import CONTENT_TYPES, RELATIONSHIPS, Pictures, Slots, slots
from automations.render.zips import Member, compressed_member, members_of, write_zip

HEADER_FOOTER = ("wordprocessingml.header+xml", "wordprocessingml.footer+xml")
_JINJA = re.compile(r"[{%]")
TEMPLATED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # docxtpl renders


@dataclass
class PreparedTemplate:
    """One template, ready to fill: compiled parts and the compressed bytes of everything else."""

    source: DocxTemplate  # only its part-filling helpers are used, never its document
    body: str  # the body's XML as docxtpl prepares it for Jinja (compiled once: the environment keeps it)
    shell: Any  # the document element without its body
    parts: dict[str, tuple[str, str]]  # header/footer member → (prepared XML, encoding)
    core: Any  # the template's core properties element
    levels: dict[str, int]
    members: list[Member]  # in the package's order; those the document renders are replaced per document
    slots: Slots  # where pictures go

    def pictures(self) -> Pictures:
        """The pictures of one document: fill its context with ``pictures().picture`` and render with it."""
        return Pictures(self.slots)

    def render(self, context: dict[str, Any], properties: dict[str, Any], environment: Any,
               pictures: Pictures) -> bytes:
        """The document's bytes; :class:`OutsideBody` when the context puts a picture in a header or footer."""
        rendered = {"word/document.xml": self._document(context, environment), "docProps/core.xml":
                    self._core(properties)}
        pictures.in_body = False
        for name, (xml, encoding) in self.parts.items():
            filled = self.source.render_xml_part(xml, None, context, environment)
            rendered[name] = serialize_part_xml(parse_xml(filled.encode(encoding)))
        rendered.update(pictures.parts())
        members = [compressed_member(item.name, rendered[item.name], item.external_attr) if item.name in rendered
                   else item for item in self.members]
        members[self.slots.media_at:self.slots.media_at] = [compressed_member(name, blob)
                                                            for name, blob in pictures.media()]
        return write_zip(members)

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
    members = members_of(buffer.getvalue())
    with zipfile.ZipFile(buffer) as saved:
        kept = {name: saved.read(name) for name in (RELATIONSHIPS, CONTENT_TYPES)}
    return PreparedTemplate(source, body_xml, shell, parts, copy.deepcopy(core._element), heading_styles(document),
                            members, slots(document, kept, [member.name for member in members]))

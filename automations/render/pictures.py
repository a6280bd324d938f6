"""Pictures (charts) in a document rendered from a prepared template.

What python-docx does when docxtpl places an ``InlineImage`` — the image as ``word/media/imageN``
(the first free number), related to the body by the first free ``rIdN``, its extension's default
content type, the same ``<wp:inline>`` — done here on the parts the template prepared once, so a
profile with its trend chart costs its text alone and its bytes equal the general path's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from docx.image.image import Image
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.oxml import CT_Types, parse_xml, serialize_part_xml
from docx.opc.spec import default_content_types
from docx.oxml.shape import CT_Inline
from docx.shared import Mm

RELATIONSHIPS = "word/_rels/document.xml.rels"
CONTENT_TYPES = "[Content_Types].xml"


class OutsideBody(Exception):
    """A picture placed in a header or footer: the general path relates it to that part."""


@dataclass(frozen=True)
class Slots:
    """What the template already uses, read once: the new pictures take the first free numbers."""

    relationship_ids: frozenset[str]
    image_numbers: frozenset[int]
    shape_id: int  # python-docx names a picture after the body's next free id (docxtpl renumbers only the id)
    relationships: bytes  # the body's relationships and the content types, as the general path writes them
    content_types: bytes
    media_at: int  # where new media go among the members: after the parts the body relates to


@dataclass
class Placed:
    relationship_id: str
    number: int  # word/media/image<number>.<ext>
    blob: bytes
    content_type: str
    ext: str

    @property
    def member(self) -> str:
        return f"word/media/image{self.number}.{self.ext}"


@dataclass
class Pictures:
    """The pictures one document shows, numbered in the order the template places them."""

    slots: Slots
    placed: dict[str, Placed] = field(default_factory=dict)  # by the image's SHA-1: one part per image
    in_body: bool = True

    def picture(self, png: bytes, width_mm: float) -> Any:
        """A value for the template: placed (numbered) only when Jinja writes it, as docxtpl's is."""
        return _Lazy(lambda: self._place(png, width_mm))

    def _place(self, png: bytes, width_mm: float) -> str:
        if not self.in_body:
            raise OutsideBody
        image = Image.from_file(io.BytesIO(png))
        placed = self.placed.get(image.sha1)
        if placed is None:
            placed = self.placed[image.sha1] = Placed(self._next_relationship(), self._next_number(), image.blob,
                                                      image.content_type, image.ext)
        width, height = image.scaled_dimensions(Mm(width_mm), None)
        inline = CT_Inline.new_pic_inline(self.slots.shape_id, placed.relationship_id, image.filename, width, height)
        return f'</w:t></w:r><w:r><w:drawing>{inline.xml}</w:drawing></w:r><w:r><w:t xml:space="preserve">'

    def _next_relationship(self) -> str:
        taken = self.slots.relationship_ids | {placed.relationship_id for placed in self.placed.values()}
        return next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)

    def _next_number(self) -> int:
        taken = self.slots.image_numbers | {placed.number for placed in self.placed.values()}
        return next(n for n in range(1, len(taken) + 2) if n not in taken)

    def parts(self) -> dict[str, bytes]:
        """The body's relationships and the content types with the pictures added (nothing without any)."""
        if not self.placed:
            return {}
        relationships = parse_xml(self.slots.relationships)
        for placed in self.placed.values():
            relationships.add_rel(placed.relationship_id, RELATIONSHIP_TYPE.IMAGE,
                                  placed.member.removeprefix("word/"), False)
        return {RELATIONSHIPS: serialize_part_xml(relationships),
                CONTENT_TYPES: _content_types(self.slots.content_types, self.placed.values())}

    def media(self) -> list[tuple[str, bytes]]:
        return [(placed.member, placed.blob) for placed in self.placed.values()]


def _content_types(xml: bytes, placed: Any) -> bytes:
    """As python-docx writes them: defaults by extension, then overrides by part name, each sorted."""
    existing = parse_xml(xml)
    defaults = {item.get("Extension"): item.get("ContentType") for item in existing if item.tag.endswith("Default")}
    overrides = {item.get("PartName"): item.get("ContentType") for item in existing if item.tag.endswith("Override")}
    for picture in placed:
        if (picture.ext.lower(), picture.content_type) in default_content_types:
            defaults[picture.ext] = picture.content_type
        else:
            overrides[f"/{picture.member}"] = picture.content_type
    types = CT_Types.new()
    for ext in sorted(defaults):
        types.add_default(ext, defaults[ext])
    for name in sorted(overrides):
        types.add_override(name, overrides[name])
    return serialize_part_xml(types)


class _Lazy:
    def __init__(self, make: Any) -> None:
        self._make = make

    def __html__(self) -> str:
        return self._make()

    __str__ = __html__


def slots(document: Any, saved: dict[str, bytes], members: list[str]) -> Slots:
    """The template's free numbers, its saved relationships and content types, and where media go."""
    package = document.part.package
    relationships = frozenset(document.part.rels)
    numbers = frozenset(part.partname.idx for part in package.image_parts)
    targets = [rel.target_part for rel in package.rels.values() if not rel.is_external]
    later = {part.partname.lstrip("/") for part in targets[targets.index(document.part) + 1:]}
    start = members.index("word/document.xml")
    media_at = next((index for index, name in enumerate(members) if index > start and name in later), len(members))
    return Slots(relationships, numbers, document.part.next_id, saved[RELATIONSHIPS], saved[CONTENT_TYPES], media_at)

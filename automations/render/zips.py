"""Reproducible zip packages (docx, xlsx) written from members compressed once.

Every member gets the same fixed time and the archive the same layout as :mod:`zipfile` gives
it, so the same content is always the same bytes. Members already deflated (the template's parts
prepared once, or a package python-docx has just saved) are copied as they are, never inflated
and deflated again: zlib at zipfile's settings gives the same stream either way.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1  # 2000-01-01 00:00, every member's time
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")


@dataclass
class Member:
    name: str
    crc: int
    size: int
    data: bytes  # raw deflate stream
    external_attr: int


def compressed_member(name: str, content: bytes, external_attr: int = 0o600 << 16) -> Member:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)  # as zipfile deflates
    data = compressor.compress(content) + compressor.flush()
    return Member(name, zlib.crc32(content), len(content), data, external_attr)


def members_of(content: bytes) -> list[Member]:
    """Every member of a zip in its order, deflated members copied raw (others deflated here)."""
    members = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for info in archive.infolist():
            if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 0x1:
                members.append(compressed_member(info.filename, archive.read(info), info.external_attr))
                continue
            header = LOCAL_HEADER.unpack_from(content, info.header_offset)
            start = info.header_offset + LOCAL_HEADER.size + header[-2] + header[-1]
            members.append(Member(info.filename, info.CRC, info.file_size,
                                  content[start:start + info.compress_size], info.external_attr))
    return members


def reproducible_zip(content: bytes) -> bytes:
    """The same package bytes for the same content: fixed member times, the members' own order."""
    return write_zip(members_of(content))


def write_zip(members: list[Member]) -> bytes:
    """A zip of already compressed members, laid out as :mod:`zipfile` lays one out."""
    out = io.BytesIO()
    central = []
    for member in members:
        name = member.name.encode("ascii")
        offset = out.tell()
        out.write(LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, 0, zipfile.ZIP_DEFLATED, 0, DOS_DATE,
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

"""Compressed uploads: a gzip file or a single-member zip of a CSV/TSV/TXT/XES file, unpacked with a memory bound.

Recognised from the content (gzip's and zip's magic bytes), not the name; an .xlsx is a zip too and is left
to ingest.xlsx. Unpacking stops at the ``unpacked_limit_mb`` setting, however large the file claims or turns
out to be.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from errors import DataError
from ingest import xlsx

GZIP = b"\x1f\x8b"
ZIP = b"PK\x03\x04"
_PIECE = 1024 * 1024


def is_workbook(data: bytes) -> bool:
    """Whether a zip is an Excel workbook (it has xl/workbook.xml) rather than a zipped file."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return True  # let the workbook reader say what is wrong
    return "xl/workbook.xml" in names or "[Content_Types].xml" in names


def _limit() -> float:
    return xlsx.limit_mb() * 1024 * 1024


def _too_big(name: str, limit: float) -> DataError:
    return DataError("archive_too_big", name=name, limit=f"{limit / 1024 / 1024:,.0f}")


def gunzip(data: bytes, name: str) -> bytes:
    """The content of a gzip file (several members are joined, as gzip does), at most ``unpacked_limit_mb``."""
    limit = _limit()
    out, size = [], 0
    rest = data
    try:
        while rest:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            piece = inflater.decompress(rest, _PIECE)
            while True:
                size += len(piece)
                if size > limit:
                    raise _too_big(name, limit)
                out.append(piece)
                if inflater.eof or not inflater.unconsumed_tail:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, _PIECE)
            if not inflater.eof:
                raise DataError("gzip_truncated", name=name)
            rest = inflater.unused_data.lstrip(b"\x00")
    except zlib.error:
        raise DataError("gzip_damaged", name=name) from None
    return b"".join(out)


def unzip(data: bytes, name: str) -> tuple[bytes, str]:
    """The one file in a zip and its name; DataError for none, several, or more than ``unpacked_limit_mb``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [m for m in archive.infolist()
                   if not m.is_dir() and not m.filename.startswith("__MACOSX/") and not m.filename.endswith(".DS_Store")]
    except (zipfile.BadZipFile, ValueError):
        raise DataError("zip_damaged", name=name) from None
    if len(members) != 1:
        listed = ", ".join(m.filename for m in members[:5]) + (", …" if len(members) > 5 else "")
        raise DataError("zip_not_one_file", name=name, n=len(members), files=listed or "none")
    member = members[0]
    limit = _limit()
    if member.file_size > limit:
        raise _too_big(name, limit)
    if member.flag_bits & 0x1:
        raise DataError("zip_encrypted", name=name)
    size, content = 0, []
    for piece in xlsx.chunks(data, member, name, limit):  # the real size, not the declared one
        size += len(piece)
        if size > limit:
            raise _too_big(name, limit)
        content.append(piece)
    return b"".join(content), member.filename.rsplit("/", 1)[-1]

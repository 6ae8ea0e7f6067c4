"""Looking inside an .xlsx before reading it: a size and ratio bound (no zip bomb), the sheet to read, formulas.

An .xlsx is a zip of XML files. Its reader (calamine) inflates each member to its end whatever the zip
header declares, so the declared sizes are checked first (cheap) and then the real ones, by inflating each
member in small pieces and stopping at the bound: memory stays small however the file lies. The same pass
finds the formula cells that carry no saved value (a workbook written by a program and never opened in
Excel), which the reader would turn into empty cells without a word.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from io import BytesIO
from posixpath import join, normpath
from xml.etree import ElementTree

import settings
from errors import DataError

# A worksheet's XML compresses 5-30x; more than this is a bomb, not a table.
MAX_RATIO = 100
_SMALL = 10 * 1024 * 1024  # below this, any ratio is harmless (a tiny workbook of empty styled cells)
_CHUNK = 64 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
# A cell with its content; self-closing cells (<c r="A1" s="2"/>) have none.
_CELL = re.compile(rb'<c\b([^>]*?)(?<!/)>(.*?)</c>', re.DOTALL)
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>[^<]")  # a saved result: <v>4</v>, not <v/> or <v></v>


@dataclass(frozen=True)
class Workbook:
    """What the reader needs to know: the sheet to read and what to tell the user about it."""

    sheet: str                      # the first visible worksheet
    sheets: tuple[str, ...]         # every sheet, in workbook order
    hidden: tuple[str, ...]         # hidden sheets before the one read (skipped)
    formula_cells: tuple[tuple[str, int], ...] = field(default=())  # (column letters, row) without a saved value
    first_column: str = "A"         # where the sheet's table starts (its header's first cell)


def limit_mb() -> float:
    return float(settings.get("unpacked_limit_mb"))


def inspect(data: bytes, name: str) -> Workbook:
    """Check the bounds, choose the sheet and find unsaved formulas; DataError with one sentence otherwise."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, struct.error):
        raise DataError("xlsx_not_zip", name=name) from None
    limit = limit_mb() * 1024 * 1024
    declared = sum(m.file_size for m in members)
    _check(name, declared, len(data), limit)
    # The header may lie: inflate for real, stopping just past what _check allows.
    bound = min(limit, max(_SMALL, MAX_RATIO * len(data)))
    sizes: dict[str, int] = {}
    workbook_xml = rels_xml = b""
    for m in members:
        keep = m.filename in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
        size, content = _inflate(data, m, name, bound - sum(sizes.values()), keep=keep)
        sizes[m.filename] = size
        _check(name, sum(sizes.values()), len(data), limit)
        if m.filename == "xl/workbook.xml":
            workbook_xml = content
        elif m.filename == "xl/_rels/workbook.xml.rels":
            rels_xml = content
    sheets = _sheets(workbook_xml, rels_xml, name)
    visible = [s for s in sheets if s[1] == "visible" and s[2] in sizes]
    if not visible:
        raise DataError("xlsx_no_visible_sheet", name=name)
    chosen = visible[0]
    hidden = tuple(s[0] for s in sheets[: sheets.index(chosen)] if s[1] != "visible")
    formulas, first = _formulas(data, archive.getinfo(chosen[2]))
    return Workbook(sheet=chosen[0], sheets=tuple(s[0] for s in sheets), hidden=hidden,
                    formula_cells=formulas, first_column=first)


def _check(name: str, unpacked: int, packed: int, limit: float) -> None:
    mb = unpacked / 1024 / 1024
    if unpacked > limit:
        raise DataError("xlsx_too_big", name=name, mb=f"{mb:,.0f}", limit=f"{limit / 1024 / 1024:,.0f}")
    if unpacked > _SMALL and unpacked > MAX_RATIO * packed:
        raise DataError("xlsx_zip_bomb", name=name, mb=f"{mb:,.0f}", packed=f"{packed / 1024 / 1024:,.1f}", ratio=MAX_RATIO)


def _data_start(data: bytes, member: zipfile.ZipInfo) -> int:
    offset = member.header_offset
    if data[offset:offset + 4] != b"PK\x03\x04":
        raise zipfile.BadZipFile
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    return offset + 30 + name_len + extra_len


def chunks(data: bytes, member: zipfile.ZipInfo, name: str, budget: float):
    """The member's inflated bytes in pieces of at most 1 MB; DataError once more than ``budget`` bytes came out."""
    try:
        start = _data_start(data, member)
    except (zipfile.BadZipFile, struct.error):
        raise DataError("xlsx_not_zip", name=name) from None
    if member.compress_type == zipfile.ZIP_STORED:
        yield data[start:start + member.compress_size]
        return
    if member.compress_type != zipfile.ZIP_DEFLATED:
        raise DataError("xlsx_odd_compression", name=name)
    inflater = zlib.decompressobj(-15)
    out = 0
    pos = start
    try:
        while not inflater.eof and pos < len(data):
            piece = inflater.decompress(data[pos:pos + _CHUNK], 1024 * 1024)
            pos += _CHUNK
            while True:
                out += len(piece)
                if out > budget:
                    yield piece
                    return
                yield piece
                if not inflater.unconsumed_tail or inflater.eof:
                    break
                piece = inflater.decompress(inflater.unconsumed_tail, 1024 * 1024)
    except zlib.error:
        raise DataError("xlsx_damaged_part", name=name, part=member.filename) from None


def _inflate(data: bytes, member: zipfile.ZipInfo, name: str, budget: float, keep: bool) -> tuple[int, bytes]:
    """The member's real inflated size (stopping just past ``budget``) and, with ``keep``, its bytes."""
    size, kept = 0, []
    for piece in chunks(data, member, name, budget):
        size += len(piece)
        if keep:
            kept.append(piece)
    return size, b"".join(kept)


def _sheets(workbook_xml: bytes, rels_xml: bytes, name: str) -> list[tuple[str, str, str]]:
    """(name, state, member path) of each sheet in workbook order; state is visible, hidden or veryHidden."""
    try:
        book = ElementTree.fromstring(workbook_xml)
        rels = ElementTree.fromstring(rels_xml)
    except ElementTree.ParseError:
        raise DataError("xlsx_no_sheets", name=name) from None
    targets = {}
    for r in rels.iter(f"{_PKG_REL}Relationship"):
        target = r.get("Target", "")
        targets[r.get("Id")] = target.lstrip("/") if target.startswith("/") else normpath(join("xl", target))
    out = []
    for s in book.iter(f"{_MAIN}sheet"):
        out.append((s.get("name", ""), s.get("state", "visible"), targets.get(s.get(f"{_REL}id"), "")))
    return out


def _formulas(data: bytes, member: zipfile.ZipInfo) -> tuple[tuple[tuple[str, int], ...], str]:
    """Formula cells with no saved value (column letters, row), and the first column of the sheet's first row."""
    found: list[tuple[str, int]] = []
    first = ""
    carry = b""
    for piece in chunks(data, member, member.filename, float("inf")):
        buf = carry + piece
        cut = buf.rfind(b"</c>")
        if cut < 0:
            carry = buf[-1024 * 1024:] if len(buf) > 1024 * 1024 else buf
            continue
        done, carry = buf[: cut + 4], buf[cut + 4:]
        if not first:  # the sheet's declared range (<dimension ref="B2:J60"/>), else its first cell
            m = re.search(rb'<dimension\b[^>]*?\bref="([A-Z]+)\d+', done) or re.search(
                rb'<c\b[^>]*?\br="([A-Z]+)\d+"', done)
            first = m.group(1).decode() if m else ""
        if b"<f" in done:
            for attrs, inner in _CELL.findall(done):
                # a formula without a saved result; an empty text result (t="str", <v></v>) is a result
                if b"<f" in inner and not _VALUE.search(inner) and b'"str"' not in attrs and b"<is>" not in inner:
                    ref = _REF.search(attrs)
                    if ref:
                        found.append((ref.group(1).decode(), int(ref.group(2))))
    return tuple(found), first or "A"


def column_index(letters: str) -> int:
    """0-based index of a column given in letters: A → 0, Z → 25, AA → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1

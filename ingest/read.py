"""Reading an uploaded file into a raw all-columns frame: format, size, encoding, delimiter, line numbers."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polars as pl

import settings
from errors import DataError
from ingest import compressed, xes, xlsx
from ingest.notes import Note
from ingest.schema import BIDI_CONTROLS

ROW = "__cxlens_row"  # 1-based line of the file (the header is line 1) of each data row (RawTable.row)
TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
SUFFIXES = (*TEXT_SUFFIXES, ".xlsx", ".parquet", ".xes", ".gz", ".zip")
DELIMITERS = (",", ";", "\t", "|")
# Strict decoders tried in order: UTF-8 (with or without BOM), then Korean Excel's CP949 (a superset of EUC-KR).
ENCODINGS = ("utf-8-sig", "cp949")
_SNIFF_CHARS = 64 * 1024
_MAGIC = {
    b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image", b"%PDF": "a PDF document",
    b"\xd0\xcf\x11\xe0": "an old Excel .xls workbook (save it as .xlsx or CSV)",
}


@dataclass(frozen=True)
class RawTable:
    """A file's table before mapping: source columns as read plus ROW; text files give strings only."""

    name: str
    frame: pl.DataFrame
    kind: str          # "text", "xlsx", "parquet" or "xes"
    encoding: str | None
    delimiter: str | None
    notes: tuple[Note, ...] = ()  # how it was read, worth a word (the sheet read, formulas without values)
    row: str = ROW     # the name of the row-number column: ROW, or ROW with "_" appended when the file has a ROW

    @property
    def columns(self) -> list[str]:
        return [c for c in self.frame.columns if c != self.row]


def _row_column(names: list[str]) -> str:
    """A name for the row numbers that no column of the file has."""
    row = ROW
    while row in names:
        row += "_"
    return row


def read_bytes(source: str | Path | bytes, name: str | None = None) -> tuple[bytes, str]:
    """The file's bytes and display name, refusing a file over the ``upload_limit_mb`` setting."""
    limit_mb = float(settings.get("upload_limit_mb"))
    if isinstance(source, bytes | bytearray | memoryview):
        data, name = bytes(source), name or "upload"
        size = len(data)
    else:
        path = Path(source)
        name = name or path.name
        try:
            size = path.stat().st_size
        except OSError:
            raise DataError("file_unreadable", path=str(path)) from None
        data = b"" if size > limit_mb * 1024 * 1024 else path.read_bytes()
    if size > limit_mb * 1024 * 1024:
        raise DataError("file_too_big", name=name, mb=f"{size / 1024 / 1024:,.1f}", limit=f"{limit_mb:g}")
    return data, name


def read_table(source: str | Path | bytes, name: str | None = None) -> RawTable:
    """Read a CSV/TSV/TXT, .xlsx, Parquet or XES file, or a CSV/TSV/TXT/XES file in a .gz or single-member .zip
    (each recognised by its content, not its name), into a RawTable."""
    data, name = read_bytes(source, name)
    return _read(data, name)


def _read(data: bytes, name: str, unpacked: bool = False) -> RawTable:
    if not data.strip():
        raise DataError("file_empty", name=name)
    if data.startswith(b"PAR1"):
        return _parquet(data, name)
    if data.startswith(compressed.ZIP) and compressed.is_workbook(data):
        return _xlsx(data, name)
    if data.startswith((compressed.ZIP, compressed.GZIP)):
        if unpacked:
            raise DataError("file_nested_archive", name=name)
        inner = compressed.gunzip(data, name) if data.startswith(compressed.GZIP) else compressed.unzip(data, name)[0]
        return _read(inner, name, unpacked=True)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise DataError("file_not_a_table", name=name, kind=what)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode text": UTF-16 with a BOM
        return _text(data.decode("utf-16").encode("utf-8"), name, "utf-16")
    if b"\x00" in data:  # anywhere, not only at the start: text never holds a NUL byte (and memchr is cheap)
        raise DataError("file_binary", name=name)
    if xes.looks_like_xes(data[:4096]):  # the XML parser reads the encoding the log declares
        frame = xes.read(data, name).with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        return _nonblank(frame, name, "xes", None, None)
    utf8, encoding = _to_utf8(data, name)
    return _text(utf8, name, encoding)


def _to_utf8(data: bytes, name: str) -> tuple[bytes, str]:
    """UTF-8 bytes without BOM, and the encoding they were decoded from."""
    try:
        data.decode("utf-8-sig")
        return (data[3:] if data.startswith(b"\xef\xbb\xbf") else data), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949").encode("utf-8"), "cp949"
    except UnicodeDecodeError as exc:
        line_no = data.count(b"\n", 0, exc.start) + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        header = _lenient(data[: data.find(b"\n")])
        prefix = _lenient(data[line_start:exc.start])
        delimiter = _sniff(header)
        names = next(csv.reader([header.strip()], delimiter=delimiter), [])
        index = prefix.count(delimiter)
        byte = f"{data[exc.start]:02x}"
        if line_no > 1 and index < len(names):
            raise DataError("file_bad_encoding_in_column", name=name, byte=byte, column=names[index].strip(),
                            line=line_no) from None
        raise DataError("file_bad_encoding", name=name, byte=byte, line=line_no) from None


def _lenient(data: bytes) -> str:
    """Text for an error message: UTF-8 if it is, else CP949 with undecodable bytes replaced."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp949", errors="replace")


def _sniff(sample: str) -> str:
    """The delimiter that splits the sample's lines into the same number (> 1) of fields, most fields first."""
    lines = sample.splitlines()
    if len(sample) >= _SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut short
    lines = [ln for ln in lines[:50] if ln.strip()]
    best, best_key = ",", (False, 0)
    for d in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
        if not counts or counts[0] < 2:
            continue
        key = (all(c == counts[0] for c in counts), counts[0])
        if key > best_key:
            best, best_key = d, key
    return best


def nfc(text: str) -> str:
    """``text`` in Unicode NFC: 가입 typed on macOS (decomposed jamo, NFD) equals 가입 typed on Windows."""
    return unicodedata.normalize("NFC", text)


_BIDI = f"[{BIDI_CONTROLS}]"


def nfc_series(series: pl.Series) -> pl.Series:
    """A text column in NFC (other columns as they are), without bidirectional controls (``BIDI_CONTROLS``); cheap
    when it is ASCII or has few distinct values."""
    if series.dtype != pl.String or not series.str.contains(r"[^\x00-\x7f]").any():
        return series  # ASCII is NFC already
    if series.str.contains(_BIDI).any():
        series = series.str.replace_all(_BIDI, "")
    distinct = series.drop_nulls().unique()
    if distinct.len() * 2 > series.len():
        return series.str.normalize("NFC")
    normal = distinct.str.normalize("NFC")
    changed = distinct != normal
    if not changed.any():
        return series
    return series.replace(distinct.filter(changed), normal.filter(changed))


def _unique_names(names: list[str], name: str) -> list[str]:
    """Header names in NFC; the same name twice (also NFD and NFC spellings of one name) is an error."""
    names = [nfc(n) for n in names]
    seen: set[str] = set()
    for n in names:
        if n in seen:
            raise DataError("file_duplicate_column", name=name, column=n)
        seen.add(n)
    return names


def _header(sample: str, delimiter: str, name: str) -> list[str]:
    row = next(csv.reader(io.StringIO(sample), delimiter=delimiter), [])
    return _unique_names([c.strip() or f"column_{i + 1}" for i, c in enumerate(row)], name)


def _text(utf8: bytes, name: str, encoding: str) -> RawTable:
    sample = utf8[:_SNIFF_CHARS].decode("utf-8", errors="ignore")
    delimiter = "\t" if name.lower().endswith(".tsv") and "\t" in sample else _sniff(sample)
    end = utf8.find(b"\n")  # the whole header line, even when it is longer than the sample (a very wide file)
    head = sample if 0 <= end < _SNIFF_CHARS else utf8[:end + 1 if end >= 0 else len(utf8)].decode("utf-8", "ignore")
    names = _header(head, delimiter, name)
    _column_limit(len(names), name)
    try:
        frame = pl.read_csv(utf8, separator=delimiter, infer_schema=False, new_columns=names,
                            truncate_ragged_lines=False, raise_if_empty=True)
    except pl.exceptions.NoDataError:
        raise DataError("file_empty", name=name) from None
    except pl.exceptions.PolarsError as exc:
        raise DataError("file_unreadable_table", name=name, problem=str(exc).splitlines()[0]) from None
    if len(frame.columns) != len(names):
        raise DataError("file_header_columns", name=name, n=len(names))
    row = _row_column(names)
    frame = _numbered(frame, utf8, names, row)
    return _nonblank(frame, name, "text", encoding, delimiter, row=row)


def _numbered(frame: pl.DataFrame, utf8: bytes, names: list[str], row: str) -> pl.DataFrame:
    """``frame`` with each record's line of the file in ``row``: a line per record, plus the line breaks inside its
    quoted fields (header = line 1).

    Every record takes one line and one more per line break in its fields, blank lines included (the reader keeps
    them as empty records), so when the file has as many lines after the header as records no field holds a line
    break and the records are numbered in order, without looking into every field."""
    data_lines = utf8.count(b"\n") - (1 if utf8.endswith(b"\n") else 0)
    if b'"' in utf8 and data_lines != frame.height:
        lines = 1 + pl.sum_horizontal(pl.col(c).str.count_matches("\n").fill_null(0) for c in names).cast(pl.Int64)
        return frame.with_columns((lines.cum_sum() - lines + 2).alias(row))
    return frame.with_row_index(row, offset=2).with_columns(pl.col(row).cast(pl.Int64))


def _xlsx(data: bytes, name: str) -> RawTable:
    book = xlsx.inspect(data, name)  # a bomb is refused here, before the reader inflates anything
    try:
        frame = pl.read_excel(data, engine="calamine", sheet_name=book.sheet, infer_schema_length=0,
                              drop_empty_rows=False, raise_if_empty=False)
    except Exception as exc:  # fastexcel raises its own types for broken workbooks
        raise DataError("xlsx_unreadable", name=name, problem=str(exc).splitlines()[0]) from None
    _column_limit(frame.width, name)
    names = [str(c).strip() for c in frame.columns]
    dup = next((n for n in names if n.rsplit("_duplicated_", 1)[0] in names and "_duplicated_" in n), None)
    if dup:
        raise DataError("file_duplicate_column", name=name, column=dup.rsplit("_duplicated_", 1)[0])
    frame = frame.rename(dict(zip(frame.columns, _unique_names(names, name), strict=True)))
    row = _row_column(frame.columns)
    frame = frame.with_row_index(row, offset=2).with_columns(pl.col(row).cast(pl.Int64))
    return _nonblank(frame, name, "xlsx", None, None, notes=_xlsx_notes(book, [c for c in frame.columns if c != row]),
                     row=row)


def _xlsx_notes(book: xlsx.Workbook, columns: list[str]) -> tuple[Note, ...]:
    """Which sheet was read (when there is a choice) and which formula cells had no saved value."""
    notes = []
    if book.hidden:
        notes.append(Note("note_sheet_hidden", {"sheet": book.sheet, "hidden": ", ".join(f"'{h}'" for h in book.hidden)}))
    elif len(book.sheets) > 1:
        notes.append(Note("note_sheet", {"sheet": book.sheet, "count": len(book.sheets)}))
    if book.formula_cells:
        start = xlsx.column_index(book.first_column)
        named = []
        for letters, _ in book.formula_cells:
            i = xlsx.column_index(letters) - start
            label = columns[i] if 0 <= i < len(columns) else letters
            if label not in named:
                named.append(label)
        notes.append(Note("note_formulas", {"count": len(book.formula_cells), "columns": ", ".join(
            f"'{c}'" for c in named), "row": book.formula_cells[0][1]}))
    return tuple(notes)


def _column_limit(columns: int, name: str) -> None:
    """DataError when a file has more columns than the max_columns setting allows."""
    limit = settings.get_int("max_columns")
    if columns > limit:
        raise DataError("too_many_columns", name=name, columns=f"{columns:,}", limit=f"{limit:,}")


def _parquet(data: bytes, name: str) -> RawTable:
    try:
        columns = len(pl.read_parquet_schema(io.BytesIO(data)))
    except Exception as exc:  # polars/arrow raise several types for broken files
        raise DataError("parquet_unreadable", name=name, problem=str(exc).splitlines()[0]) from None
    _column_limit(columns, name)  # before the columns are read
    try:
        frame = pl.read_parquet(data)
    except Exception as exc:
        raise DataError("parquet_unreadable", name=name, problem=str(exc).splitlines()[0]) from None
    if frame.height == 0:
        raise DataError("parquet_no_rows", name=name)
    frame = frame.rename(dict(zip(frame.columns, _unique_names(frame.columns, name), strict=True)))
    row = _row_column(frame.columns)
    frame = frame.with_row_index(row, offset=2).with_columns(pl.col(row).cast(pl.Int64))
    return _nonblank(frame, name, "parquet", None, None, row=row)


def _nonblank(frame: pl.DataFrame, name: str, kind: str, encoding: str | None, delimiter: str | None,
              notes: tuple[Note, ...] = (), row: str = ROW) -> RawTable:
    """Text in NFC; blank lines (every field empty) dropped; a file with a header and nothing else is an error."""
    values = [c for c in frame.columns if c != row]
    if not values:
        raise DataError("file_no_columns", name=name)
    frame = frame.with_columns(nfc_series(frame[c]) for c in values)
    frame = frame.filter(~pl.all_horizontal(pl.col(values).is_null()))
    if frame.height == 0:
        raise DataError("file_no_data_rows", name=name)
    return RawTable(name=name, frame=frame, kind=kind, encoding=encoding, delimiter=delimiter, notes=notes, row=row)

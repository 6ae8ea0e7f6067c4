"""The source: reading its Parquet files in canonical form, and the rules of a valid event (shared by the DuckDB and
Spark facts passes).

Each source column is read renamed by position, cast to its canonical type, text in Unicode NFC; an event is valid
when its required columns are present and its scores in range (``_invalid_reason_sql``).
"""

from __future__ import annotations

import os

from errors import CacheError, DataError
from ingest.schema import BIDI_CONTROLS, BY_NAME, CANONICAL, REQUIRED, SCORE_RANGES, column_names, quote
from store.facts import db


def _read_sql() -> str:
    return "read_parquet($files, hive_partitioning = true, union_by_name = true)"


def _source_select(columns: tuple[str, ...], dims: tuple[str, ...], positions: bool = False,
                   as_read: frozenset[str] = frozenset()) -> str:
    """Canonical columns (cast, missing optional ones as NULL) plus dims (by their names in cxlens);
    with ``positions`` the file name and row number of each event too (row 2 is the file's first:
    numbered as ingest numbers a file's lines, the header being row 1).

    The source's columns (``columns``, in its order) are renamed by position to c0, c1, … as they
    are read, so no column of the data can shadow DuckDB's ``filename`` and ``file_row_number``
    or be mistaken for another.

    Text columns named in ``as_read`` (canonical names, dims by their names in cxlens) are only cast to text: the
    caller knows every value of theirs is in NFC without a bidirectional control already (``clean_text_values``)."""
    at = {c: f"c{i}" for i, c in enumerate(columns)}

    def text(name: str, column: str) -> str:
        return f"CAST({quote(column)} AS VARCHAR)" if name in as_read else _text_sql(column)

    source = {name: c for c, name in column_names(columns).items()}
    parts = ["filename AS file", "file_row_number + 2 AS row_number"] if positions else []
    for name in CANONICAL:
        col = BY_NAME[name]
        if name == "customer_id":
            cid = text(name, at[name]) if name in at else "NULL"
            parts.append(f"COALESCE({cid}, {text('journey_id', at['journey_id'])}) AS customer_id")
        elif name in at and col.sql_type == "VARCHAR":
            parts.append(f"{text(name, at[name])} AS {name}")
        elif name in at:
            parts.append(f"CAST({at[name]} AS {col.sql_type}) AS {name}")
        else:
            parts.append(f"CAST(NULL AS {col.sql_type}) AS {name}")
    parts += [f"{text(d, at[source[d]])} AS {quote(d)}" for d in dims]
    return "SELECT " + ", ".join(parts) + f" FROM {_read_sql()} AS src({', '.join(at.values())})"


def _text_sql(column: str) -> str:
    """A source column as text in Unicode NFC, so 가입 typed on macOS (NFD) and on Windows (NFC) is one value, without
    bidirectional controls (``ingest.schema.BIDI_CONTROLS``: a right-to-left override would reverse what is shown).

    ``translate`` only where a value holds one: DuckDB's translate costs about three times a regex test of the value
    (9 text columns of 1M events: 3.05 s translated, 0.95 s tested first), and almost no value holds one."""
    text = f"nfc_normalize(CAST({quote(column)} AS VARCHAR))"
    return (f"CASE WHEN regexp_matches(CAST({quote(column)} AS VARCHAR), '[{BIDI_CONTROLS}]') "
            f"THEN translate({text}, '{BIDI_CONTROLS}', '') ELSE {text} END")


def clean_text_values(cur, values: list[str]) -> bool:
    """Whether every one of ``values`` (a column's distinct values as read) is already what ``_text_sql`` makes of it:
    then the column needs no per-event normalisation (a set of values mapped onto itself by an idempotent
    normalisation is mapped value for value)."""
    got = cur.sql(f"SELECT list(DISTINCT {_text_sql('v')}) FROM (SELECT unnest($values) AS v)",
                  params={"values": values}).fetchall()[0][0] or []
    return sorted(got) == sorted(values)


def _invalid_reason_sql() -> str:
    """A CASE naming the first problem of an event, NULL for a valid one."""
    whens = [f"WHEN {c} IS NULL THEN 'missing {c}'" for c in REQUIRED]
    for c, (lo, hi) in SCORE_RANGES.items():
        whens.append(f"WHEN {c} IS NOT NULL AND NOT ({c} BETWEEN {lo} AND {hi}) THEN '{c} outside {lo}-{hi}'")
    whens.append("WHEN nps IS NOT NULL AND nps <> round(nps) THEN 'nps not a whole number'")
    return "CASE " + " ".join(whens) + " END"


def _valid_sql() -> str:
    return "(" + _invalid_reason_sql() + ") IS NULL"


def _describe(files: tuple[str, ...]) -> dict[str, str]:
    db.database()  # a cache directory that cannot be used is said as such, not blamed on the file
    # The relation's own column list, in the files' order: DESCRIBE's rows are a result like any other, which the
    # database (preserve_insertion_order off) may return shuffled, and the source is read renamed by position.
    try:
        rel = db.cursor().sql(f"SELECT * FROM {_read_sql()} LIMIT 0", params={"files": list(files)})
        return dict(zip(rel.columns, (str(t) for t in rel.types), strict=True))
    except Exception as exc:  # duckdb raises several types for unreadable files
        raise DataError("source_unreadable_parquet", file=files[0], problem=str(exc).splitlines()[0]) from None


def _check_types(schema: dict[str, str]) -> None:
    for name in REQUIRED:
        if name not in schema:
            raise DataError("source_missing_column", column=name)
    if not any(t in schema["timestamp"] for t in ("TIMESTAMP", "DATE", "VARCHAR")):
        raise DataError("source_timestamp_type", type=schema["timestamp"])
    for name in SCORE_RANGES:
        t = schema.get(name)
        if t is not None and not any(k in t for k in ("INT", "DOUBLE", "FLOAT", "DECIMAL", "NULL")):
            raise DataError("source_score_type", column=name, type=t)


def reads_directly(source: str | os.PathLike) -> bool:
    """Whether the store can read ``source`` (a Parquet file) as it is, with no column mapping or value
    parsing: every required column under its canonical name, timestamps stored as timestamps or dates
    and scores as numbers. Reads only the file's footer."""
    path = str(source)
    if not path.lower().endswith(".parquet"):
        return False
    try:
        schema = _describe((path,))
        _check_types(schema)
    except CacheError:
        raise
    except DataError:
        return False
    return "VARCHAR" not in schema["timestamp"]

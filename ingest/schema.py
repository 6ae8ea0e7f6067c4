"""The touchpoint-event schema: canonical columns, their types and which are required."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str
    required: bool
    meaning: str


COLUMNS: tuple[Column, ...] = (
    Column("journey_id", "VARCHAR", True, "one customer journey (an episode from first contact to outcome)"),
    Column("timestamp", "TIMESTAMP", True, "when it happened"),
    Column("stage", "VARCHAR", True, "journey stage"),
    Column("channel", "VARCHAR", True, "where it happened"),
    Column("customer_id", "VARCHAR", False, "defaults to journey_id"),
    Column("touchpoint", "VARCHAR", False, "the specific interaction"),
    Column("persona", "VARCHAR", False, "customer persona / segment"),
    Column("satisfaction", "DOUBLE", False, "CSAT rating of this touchpoint, 1-5"),
    Column("ces", "DOUBLE", False, "Customer Effort Score (CES 2.0, higher = easier), 1-7"),
    Column("nps", "DOUBLE", False, "likelihood-to-recommend answer, 0-10"),
    Column("comment", "VARCHAR", False, "verbatim feedback"),
    Column("weight", "DOUBLE", False, "a survey respondent's response weight (> 0; survey readings only)"),
)

CANONICAL = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
BY_NAME = {c.name: c for c in COLUMNS}

# Inclusive valid ranges of the score columns.
# The facts' layout: in meta.parquet as facts_format; part of the facts cache's version. Bump it when a facts file's
# columns or definitions change (12: the journey facts hold stage_path and channel_path; steps hold journey columns;
# 13: plain_dims in meta, keywords keep negating prefixes and leave out names).
# 14: the journey facts and events hold a survey respondent's weight.
FACTS_FORMAT = "14"
# Bidirectional embedding, override and isolate controls (U+202A–202E, U+2066–2069): a value holding one (a U+202E
# right-to-left override) would show reversed, and reverse what follows it, in the headline, a chart or the PDF.
# They are removed from every text value read (ingest.read.nfc_series, store.facts.source._text_sql).
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
SCORE_RANGES = {"satisfaction": (1, 5), "ces": (1, 7), "nps": (0, 10)}

# Journey attributes every dataset has (extra string dimensions are added per dataset).
JOURNEY_ATTRIBUTES = ("persona",)
# Columns that select touchpoints (and, for journey metrics, the journeys that touched them).
TOUCHPOINT_FILTERS = ("channel", "stage")


# Names cxlens gives columns of its own, beside the data's columns: an extra column of the data may not
# carry one (compared ignoring case, as DuckDB matches identifiers). Add a name here when the facts pass
# writes a new column next to the dimensions; tests/store/test_column_names.py checks the facts files
# against this list and builds a dataset with an extra column of each name.
INTERNAL_COLUMNS = (
    # events.parquet
    "seq", "prev_channel", "journey_first_ts", "journey_persona",
    # journeys.parquet
    "first_ts", "last_ts", "duration_hours", "events", "handoffs", "channels", "stages", "channel_list",
    "stage_channel_list", "stage_channel_mask", "stage_path", "channel_path",
    # the quarantine, read from the source with the dimensions
    "file", "row_number", "reason",
    # results of queries grouped by a dimension
    "n", "journeys",
    # URL query parameters that are not filters (ui/state.py, ui/drill.py) and Streamlit's own
    "since", "until", "keyword", "lang", "drill_kind", "drill_path", "drill_from", "drill_to", "journey", "embed",
    "path_contains",
    "embed_options",
)
RENAME_SUFFIX = "_data"


def column_names(columns: Sequence[str]) -> dict[str, str]:
    """The name cxlens gives each column of the data: its own, except that an extra column named like a
    canonical column (other than exactly) or an internal one, ignoring case, gets ``_data`` appended
    (``_data2``, ``_data3``… when that too is taken).

    Example: ``column_names(["journey_id", "seq", "Stage", "seq_data"])`` is
    ``{"journey_id": "journey_id", "seq": "seq_data2", "Stage": "Stage_data", "seq_data": "seq_data"}``.
    """
    reserved = {c.casefold() for c in (*CANONICAL, *INTERNAL_COLUMNS)}
    taken = reserved | {c.casefold() for c in columns}
    out = {}
    for c in columns:
        name = c
        if c not in CANONICAL and c.casefold() in reserved:
            n = 1
            while (name := f"{c}{RENAME_SUFFIX}{n if n > 1 else ''}").casefold() in taken:
                n += 1
            taken.add(name.casefold())
        out[c] = name
    return out


def quote(identifier: str) -> str:
    """An SQL identifier, double-quoted; only ever applied to names read from the data's schema."""
    return '"' + identifier.replace('"', '""') + '"'


def choose_dimensions(candidates: Sequence[tuple[str, int, int]], max_values: int,
                      max_dimensions: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(dimensions, plain columns) of text columns ``(name, distinct values, filled cells)`` in file order.

    A column with 1 to ``max_values`` distinct values can be a filter dimension; of those, at most
    ``max_dimensions``, the most useful first: two or more values (one value filters nothing), then the most filled
    cells, then the fewest values, then file order. The dimensions keep file order; the plain columns are the
    eligible ones left over (file order).

    Example
    -------
    >>> choose_dimensions([("a", 1, 9), ("b", 3, 5), ("c", 2, 9), ("d", 500, 9)], 200, 2)
    (('b', 'c'), ('a',))
    """
    eligible = [(i, name, n, filled) for i, (name, n, filled) in enumerate(candidates) if 0 < n <= max_values]
    ranked = sorted(eligible, key=lambda e: (e[2] < 2, -e[3], e[2], e[0]))
    chosen = {e[1] for e in ranked[:max(max_dimensions, 0)]}
    return (tuple(e[1] for e in eligible if e[1] in chosen), tuple(e[1] for e in eligible if e[1] not in chosen))


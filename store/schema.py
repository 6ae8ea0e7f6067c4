"""The touchpoint-event schema: canonical columns, their types and which are required."""

from __future__ import annotations

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
)

CANONICAL = tuple(c.name for c in COLUMNS)
REQUIRED = tuple(c.name for c in COLUMNS if c.required)
BY_NAME = {c.name: c for c in COLUMNS}

# Inclusive valid ranges of the score columns.
SCORE_RANGES = {"satisfaction": (1, 5), "ces": (1, 7), "nps": (0, 10)}

# Journey attributes every dataset has (extra string dimensions are added per dataset).
JOURNEY_ATTRIBUTES = ("persona",)
# Columns that select touchpoints (and, for journey metrics, the journeys that touched them).
TOUCHPOINT_FILTERS = ("channel", "stage")


def quote(identifier: str) -> str:
    """An SQL identifier, double-quoted; only ever applied to names read from the data's schema."""
    return '"' + identifier.replace('"', '""') + '"'

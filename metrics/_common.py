"""Helpers shared by the metric modules: counting answers with optional pre-aggregated weights."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

WEIGHT = "__weight"


def answered(frame: pl.DataFrame, score: str, weight: str | None) -> pl.DataFrame:
    """Rows with a non-null ``score``, with their weight in column WEIGHT: the ``weight`` column
    (a count from the store) or 1 per row."""
    w = pl.col(weight).cast(pl.Float64) if weight else pl.lit(1.0, dtype=pl.Float64)
    return frame.filter(pl.col(score).is_not_null()).with_columns(w.alias(WEIGHT))


def group(frame: pl.DataFrame, by: Sequence[str], aggs: list[pl.Expr]) -> pl.DataFrame:
    """``aggs`` over the whole frame (one row, even when empty) or per ``by`` group, sorted by it."""
    if by:
        return frame.group_by(list(by)).agg(aggs).sort(list(by), nulls_last=True)
    return frame.select(aggs)


def pct(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    """100 · part / whole, null when whole is 0."""
    return pl.when(whole > 0).then(100.0 * part / whole).otherwise(None)

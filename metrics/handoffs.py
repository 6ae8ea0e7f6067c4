"""Channel handoffs: rate, matrix and buckets."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import group, pct


def handoff_rate(journeys: pl.DataFrame, by: Sequence[str] = (), weight: str | None = None) -> pl.DataFrame:
    """handoff_rate = % of journeys with ≥ 1 channel handoff (two consecutive touchpoints in different channels).

    Takes one row per journey with its ``handoffs`` count, or with ``weight`` a row per ``handoffs`` value (and
    ``by`` group) with the number of journeys it stands for in that column (store.queries.journey_counts' ``n``).
    Returns ``by``..., journeys, with_handoff, handoff_rate (0–100, null without journeys).

    Example
    -------
    >>> handoff_rate(pl.DataFrame({"handoffs": [0, 2, 1, 0]})).row(0)
    (4, 2, 50.0)
    >>> handoff_rate(pl.DataFrame({"handoffs": [0, 1, 2], "n": [2, 1, 1]}), weight="n").row(0)
    (4, 2, 50.0)
    """
    if weight:
        aggs = [pl.col(weight).sum().cast(pl.Int64).alias("journeys"),
                pl.col(weight).filter(pl.col("handoffs") >= 1).sum().cast(pl.Int64).alias("with_handoff")]
    else:
        aggs = [pl.len().cast(pl.Int64).alias("journeys"),
                (pl.col("handoffs") >= 1).sum().cast(pl.Int64).alias("with_handoff")]
    out = group(journeys, by, aggs)
    return out.with_columns(pct(pl.col("with_handoff"), pl.col("journeys")).alias("handoff_rate"))


def handoff_matrix(transitions: pl.DataFrame, channels: Sequence[str] | None = None) -> pl.DataFrame:
    """The from→to handoff matrix: one row per from_channel, one column per to_channel, counts (0 where none; null
    where a listed handoff's count is null: hidden as too small, figures/channels.py).

    Takes from_channel, to_channel, count (one row per pair). ``channels`` fixes the order of rows and columns.
    """
    order = list(channels) if channels is not None else sorted(
        set(transitions["from_channel"]) | set(transitions["to_channel"]))
    listed = transitions.select("from_channel", "to_channel", "count", pl.lit(True).alias("_listed"))
    full = pl.DataFrame({"from_channel": order}).join(
        pl.DataFrame({"to_channel": order}), how="cross"
    ).join(listed, on=["from_channel", "to_channel"], how="left")
    wide = full.with_columns(pl.when(pl.col("_listed").is_null()).then(0).otherwise(pl.col("count")).alias("count")
                             ).pivot(on="to_channel", index="from_channel", values="count", aggregate_function="first")
    return wide.select(["from_channel"] + [c for c in order if c in wide.columns])


def handoff_bucket(journeys: pl.DataFrame, cap: int = 3) -> pl.DataFrame:
    """Adds ``handoff_group``: the journey's handoff count as a label, ``"{cap}+"`` for cap or more."""
    return journeys.with_columns(
        pl.when(pl.col("handoffs") >= cap).then(pl.lit(f"{cap}+"))
        .otherwise(pl.col("handoffs").cast(pl.String)).alias("handoff_group")
    )

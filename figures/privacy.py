"""Small-group suppression in the figures: when it applies, and the hidden marker figures carry in place of a number.

It applies when the ``access_file`` setting is set (hosted with scopes) or ``min_group`` is given explicitly;
local use without either shows every figure. The rule itself is metrics/suppression.py; docs/access.md explains it.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

import settings
from i18n import Message
from metrics import suppression


def min_group() -> int | None:
    """The smallest group of customers a figure may describe, or None when suppression is off."""
    if not (settings.get("access_file") or settings.given("min_group")):
        return None
    n = settings.get_int("min_group")
    return n if n > 1 else None


def marker(n: int | None = None) -> Message:
    """What stands in place of a hidden figure: "fewer than 5"."""
    return Message("suppressed_fewer", n=n or min_group() or 0)


def hidden_selection() -> Message:
    """The sentence a selection too small to show gets: "Figures hidden for this selection: fewer than 5 customers."
    """
    return Message("suppressed_selection", n=min_group() or 0)


def small(customers: int) -> bool:
    """Whether a figure over ``customers`` customers is hidden."""
    n = min_group()
    return n is not None and customers < n


def hide(table: pl.DataFrame, sizes: pl.DataFrame, on: Sequence[str], values: Sequence[str],
         by: Sequence[str] = ()) -> pl.DataFrame:
    """``table`` with its small groups (and complementary cells) hidden, when suppression is on: ``sizes`` holds
    ``on``... and ``customers`` per row; ``values`` are nulled on hidden rows; ``by`` splits separate breakdowns.
    Adds ``suppressed`` (always, False when off) and leaves out the ``customers`` column."""
    n = min_group()
    if n is None or table.is_empty():
        return table.with_columns(pl.lit(False).alias(suppression.HIDDEN))
    joined = table.join(sizes.select(*on, "customers"), on=list(on), how="left", nulls_equal=True,
                        maintain_order="left").with_columns(pl.col("customers").fill_null(0))
    return suppression.hide(joined, "customers", values, n, by).drop("customers")

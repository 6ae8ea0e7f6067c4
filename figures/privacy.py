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
from store import Dataset, Filters
from store import queries as q


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


def selection_hidden(ds: Dataset, f: Filters) -> bool:
    """Whether the selection's figures are hidden: suppression is on and it has fewer than min_group customers."""
    return min_group() is not None and small(int(q.customers(ds, f)["customers"][0]))


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


def leave_out(table: pl.DataFrame, sizes: pl.DataFrame, on: Sequence[str], by: Sequence[str] = ()) -> pl.DataFrame:
    """``table`` without its hidden rows (``hide``: the small groups and their complementary cells), when
    suppression is on; unchanged when it is off. For a breakdown drawn as a chart, where a hidden cell is a gap."""
    if min_group() is None or table.is_empty():
        return table
    return hide(table, sizes, on, [], by).filter(~pl.col(suppression.HIDDEN)).drop(suppression.HIDDEN)


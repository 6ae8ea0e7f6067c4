"""Small-group suppression: the cells of a breakdown over too few customers hidden, and complementary cells with them.

A cell is **hidden** when it covers fewer than ``min_group`` customers (primary suppression). So that a total shown
elsewhere cannot be differenced to reveal a hidden cell, a breakdown with hidden cells also hides its next smallest
cells (complementary suppression) until at least two cells are hidden and the hidden cells together hold at least
``min_group`` customers (counted cell by cell), or every cell is hidden. Then the total minus the shown cells is the
figure of at least two cells and at least ``min_group`` customers, never one small cell's. docs/access.md and
docs/definitions.md say the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

HIDDEN = "suppressed"  # the column hide() adds: True on a hidden row


def hidden_cells(sizes: Sequence[int], min_group: int) -> list[bool]:
    """Which cells of one breakdown are hidden, given each cell's customers (``sizes``, in any order).

    >>> hidden_cells([40, 3, 12, 9], 5)
    [False, True, False, True]
    >>> hidden_cells([40, 30, 12], 5)
    [False, False, False]
    >>> hidden_cells([40, 2, 2, 12], 5)
    [False, True, True, True]
    """
    hidden = [n < min_group for n in sizes]
    if not any(hidden):
        return hidden
    order = sorted((n, i) for i, n in enumerate(sizes) if not hidden[i])  # the shown cells, smallest first
    while order and (sum(hidden) < 2 or sum(n for n, h in zip(sizes, hidden, strict=True) if h) < min_group):
        hidden[order.pop(0)[1]] = True
    return hidden


def hide(table: pl.DataFrame, size: str, values: Sequence[str], min_group: int, by: Sequence[str] = ()
         ) -> pl.DataFrame:
    """``table`` with ``suppressed`` (True on a hidden row) and ``values`` null on hidden rows; ``size`` is the
    column of each row's customers, ``by`` the columns whose values make separate breakdowns (none: the whole table
    is one). The ``size`` column itself is nulled on hidden rows too when it is among ``values``.

    >>> t = pl.DataFrame({"stage": ["a", "b", "c"], "customers": [9, 3, 20], "nps": [10.0, -50.0, 30.0]})
    >>> hide(t, "customers", ["nps"], 5).rows()
    [('a', 9, None, True), ('b', 3, None, True), ('c', 20, 30.0, False)]
    """
    if table.is_empty():
        return table.with_columns(pl.lit(False).alias(HIDDEN))
    numbered = table.with_row_index("_row")
    groups = numbered.partition_by(list(by), maintain_order=True) if by else [numbered]
    flags = pl.concat([
        g.select("_row", pl.Series(HIDDEN, hidden_cells(g[size].fill_null(0).to_list(), min_group),
                                   dtype=pl.Boolean))
        for g in groups
    ])
    out = numbered.join(flags, on="_row", how="left").sort("_row").drop("_row")
    return out.with_columns(
        pl.when(pl.col(HIDDEN)).then(None).otherwise(pl.col(v)).alias(v) for v in values
    )


def revealed(total: float, shown: Sequence[float], hidden_sizes: Sequence[int], min_group: int) -> bool:
    """Whether ``total`` minus the ``shown`` cells reveals a small group: something is left over for the hidden
    cells and they are fewer than two or hold fewer than ``min_group`` customers together."""
    left = total - sum(shown)
    if not hidden_sizes:
        return False
    return left != 0 and (len(hidden_sizes) < 2 or sum(hidden_sizes) < min_group)

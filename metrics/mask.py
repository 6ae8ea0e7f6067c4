"""Personal data in free text (phone, card, account and other numbers, e-mail addresses) masked before it is shown.

The one definition is metrics.text (``mask``, ``mask_expr``, shared with the voice of the customer); these are
the names the episode view uses.
"""

from __future__ import annotations

import polars as pl

from metrics.text import mask as mask_personal
from metrics.text import mask_expr

__all__ = ["mask_column", "mask_personal"]


def mask_column(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """``frame`` with ``column`` (text) masked by metrics.text.mask_expr."""
    if column not in frame.columns:
        return frame
    return frame.with_columns(mask_expr(column).alias(column))

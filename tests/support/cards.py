"""What the overview's KPI cards show for a selection: the figures of its default period."""

from __future__ import annotations

from typing import Any

from figures import executive
from figures import overview as overview_figures
from store import Dataset, Filters


def card_figures(ds: Dataset, f: Filters) -> dict[str, Any]:
    """overview_figures.kpis over the overview's default period: the sidebar's dates when set (custom), else the last 30
    days of data."""
    choice = "custom" if (f.since or f.until) else "last_30"
    return overview_figures.kpis(ds, executive.windows(ds, f, choice)["current_filters"])

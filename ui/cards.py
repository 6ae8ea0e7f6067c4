"""How a KPI card shows its change: the delta text, its colour and arrow (no Streamlit here, so it is unit-tested)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Delta:
    """What st.metric gets: ``text`` (None = no delta shown), ``color`` and ``arrow``."""

    text: str | None
    color: str
    arrow: str


def delta(change: float | None, fmt: str, higher_is_better: bool, compared: bool = True) -> Delta:
    """The card's delta for ``change`` (current − previous) formatted with ``fmt`` (e.g. ``"{:+.1f} pp"``).

    No delta at all when ``compared`` is False (the comparison period has no data) or ``change`` is
    None. A change that rounds to zero in ``fmt`` is shown unsigned, grey and without an arrow
    (never a red "↑ +0.0 pp"); otherwise the arrow follows the sign and the colour whether the
    change is good (green) or bad (red).
    """
    if not compared or change is None:
        return Delta(None, "off", "off")
    text = fmt.format(change)
    if _rounds_to_zero(text):
        return Delta(fmt.format(type(change)(0)).replace("+", ""), "off", "off")
    return Delta(text, "normal" if higher_is_better else "inverse", "auto")


def _rounds_to_zero(text: str) -> bool:
    digits = [c for c in text if c.isdigit()]
    return bool(digits) and set(digits) == {"0"}

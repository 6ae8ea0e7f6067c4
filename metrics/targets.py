"""Targets per KPI: the gap between a value and its target, and whether the target is met."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TargetStatus:
    """``gap`` = value − target (in the KPI's unit); ``met`` = the value is at or beyond the target on the good side
    (≥ when higher is better, ≤ when lower is better); both None without a value or a target."""

    target: float | None
    gap: float | None
    met: bool | None


def target_status(value: float | None, target: float | None, higher_is_better: bool = True) -> TargetStatus:
    """The gap to ``target`` and whether it is met.

    Example
    -------
    >>> target_status(-36.9, 0.0)
    TargetStatus(target=0.0, gap=-36.9, met=False)
    >>> target_status(60.0, 50.0, higher_is_better=False).met   # handoff rate 60 % against at most 50 %
    False
    """
    if value is None or target is None:
        return TargetStatus(target, None, None)
    gap = value - target
    return TargetStatus(target, gap, gap >= 0 if higher_is_better else gap <= 0)


def parse_target(text: str) -> float | None:
    """A target setting's value as a number (None when empty); a value that is not a number is a ValueError
    naming it."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"the target {text!r} is not a number") from None

"""Targets per KPI: the gap to a target and whether it is met."""

import pytest

from metrics.targets import parse_target, target_status


def test_a_target_is_met_on_the_good_side_only():
    assert target_status(-36.9, 0.0) == target_status(-36.9, 0.0, True)
    s = target_status(-36.9, 0.0)
    assert (s.gap, s.met) == (-36.9, False)
    assert target_status(70.0, 70.0).met is True  # exactly on target is met
    assert target_status(60.0, 50.0, higher_is_better=False).met is False  # handoff rate above the ceiling
    assert target_status(45.0, 50.0, higher_is_better=False).met is True
    assert target_status(None, 50.0).met is None and target_status(10.0, None).gap is None


def test_a_target_setting_is_a_number_or_empty():
    assert parse_target(" 70 ") == 70.0 and parse_target("") is None and parse_target("-5.5") == -5.5
    with pytest.raises(ValueError, match="'seventy' is not a number"):
        parse_target("seventy")

"""KPI card deltas: none without a comparison, grey and unsigned when unchanged, coloured by what is good."""

from ui.cards import delta


def test_no_delta_when_the_comparison_period_has_no_data():
    shown = delta(50, "{:+,}", True, compared=False)
    assert shown.text is None  # never "Journeys ↑ +50" against an empty period


def test_no_delta_without_a_change():
    assert delta(None, "{:+.1f}", True).text is None


def test_an_unchanged_rate_is_grey_without_arrow_or_sign():
    for change in (0.0, 0.04, -0.04, -0.0):
        shown = delta(change, "{:+.1f} pp", False)
        assert (shown.text, shown.color, shown.arrow) == ("0.0 pp", "off", "off")
    assert delta(0, "{:+,}", True).text == "0"


def test_a_real_change_keeps_its_sign_and_colour_rule():
    up = delta(2.345, "{:+.1f} pp", False)
    assert (up.text, up.color, up.arrow) == ("+2.3 pp", "inverse", "auto")  # handoff rate: up is bad
    down = delta(-0.06, "{:+.1f}", True)
    assert (down.text, down.color, down.arrow) == ("-0.1", "normal", "auto")

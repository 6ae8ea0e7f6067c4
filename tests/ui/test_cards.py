"""KPI cards: deltas (none without a comparison, grey and unsigned when unchanged, coloured by what is good) and
the overview's six cards built from an executive summary."""

from types import SimpleNamespace

from ui.cards import delta, kpi_cards


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


# --- the overview's six cards from an executive summary (ui.cards.kpi_cards)

KEYS = ("nps", "csat", "ces", "journeys", "median_journey_hours", "handoff_rate")


def _test(p_value, significant=False, small_sample=False):
    return SimpleNamespace(p_value=p_value, significant=significant, small_sample=small_sample)


def _summary(compared=True, **overrides):
    current = {"nps": 12.5, "csat": 71.25, "ces": 4.8, "journeys": 1321, "median_journey_hours": 81.6,
               "handoff_rate": 40.0} | overrides
    change = {"nps": -4.3, "csat": 0.9, "ces": 0.06, "journeys": 160, "median_journey_hours": 9.6, "handoff_rate": 0.0}
    no_goal = SimpleNamespace(met=None, target=None, gap=None)
    goals = dict.fromkeys(KEYS, no_goal) | {"nps": SimpleNamespace(met=True, target=10.0, gap=2.5),
                                           "handoff_rate": SimpleNamespace(met=False, target=30.0, gap=10.0)}
    tests = {"nps": _test(0.0004, significant=True), "csat": _test(0.2, small_sample=True),
             "answers": {"nps": (400, 380), "csat": (12, 40)}}
    kpis = {"current": current, "change": change, "compared": compared, "nps_responses": 1234, "tests": tests}
    return {"kpis": kpis, "targets": goals, "period": {"previous": ("2025-11-02", "2025-12-01")}}


def _by_label(cards):
    return {c.label: c for c in cards}


def test_a_significant_nps_change_is_tagged_and_its_met_target_is_green():
    nps = _by_label(kpi_cards(_summary(), dated=True, min_n=30))["NPS"]
    assert (nps.value, nps.delta.text, nps.compared) == ("12.5", "-4.3", "vs 2025-11-02 – 2025-12-01")
    assert nps.notes == "significant · :green[Target 10\\.0 · met · gap \\+2\\.5]"
    assert nps.help.endswith("1,234 answers. Change vs the previous period is significant at 95% (p < 0.001).")


def test_a_small_sample_names_both_sides_and_the_minimum():
    csat = kpi_cards(_summary(), dated=True, min_n=30)[1]
    assert csat.notes == "small sample"
    assert "Small sample: 12 vs 40 answers (fewer than 30 on a side); p = 0.200" in csat.help


def test_a_missed_target_is_red_and_an_unchanged_rate_has_no_sign():
    handoffs = kpi_cards(_summary(), dated=True, min_n=30)[5]
    assert (handoffs.value, handoffs.delta.text) == ("40.0%", "0.0 pp")
    assert handoffs.notes == ":red[Target 30\\.0\\% · missed · gap \\+10\\.0 pp]"


def test_a_median_over_two_days_is_in_days_value_and_change_alike():
    duration = kpi_cards(_summary(), dated=True, min_n=30)[4]
    assert (duration.value, duration.delta.text) == ("3.4 d", "+0.4 d")


def test_without_a_comparison_no_delta_no_test_and_the_period_says_so():
    cards = kpi_cards(_summary(compared=False, nps=None), dated=True, min_n=30)
    assert all(c.delta.text is None for c in cards)
    assert cards[0].value == "—" and cards[0].notes == ":green[Target 10\\.0 · met · gap \\+2\\.5]"
    assert "significant" not in cards[0].help
    assert cards[0].compared == "no data in 2025-11-02 – 2025-12-01 to compare"


def test_a_survey_without_answer_dates_names_no_comparison_period():
    assert {c.compared for c in kpi_cards(_summary(compared=False), dated=False, min_n=30)} == {None}

import datetime as dt

import polars as pl

from metrics.journeys import channel_transitions, journey_facts

T = dt.datetime(2025, 3, 1, 9, 0)


def events(rows):
    return pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "nps"], orient="row")


def test_duration_is_last_minus_first_and_handoffs_follow_time_not_row_order():
    ev = events([
        ("j1", T + dt.timedelta(hours=2), "use", "app", 9),
        ("j1", T, "join", "app", None),
        ("j1", T + dt.timedelta(hours=1, minutes=30), "join", "web", None),
    ])
    row = journey_facts(ev).row(0, named=True)
    assert row["duration_hours"] == 2.0
    assert row["handoffs"] == 2  # app -> web -> app
    assert row["events"] == 3 and row["channels"] == 2 and row["nps"] == 9


def test_single_event_journey_has_zero_duration_and_no_handoff():
    row = journey_facts(events([("j", T, "s", "app", None)])).row(0, named=True)
    assert (row["duration_hours"], row["handoffs"], row["nps"]) == (0.0, 0, None)


def test_equal_timestamps_are_ordered_by_stage_then_channel():
    ev = events([("j", T, "b", "web", None), ("j", T, "a", "app", None), ("j", T, "a", "web", None)])
    # order: (a, app), (a, web), (b, web) -> one handoff app -> web
    assert journey_facts(ev)["handoffs"].to_list() == [1]
    assert channel_transitions(ev).rows() == [("app", "web", 1)]


def test_journey_nps_is_the_last_answer_in_time():
    ev = events([("j", T + dt.timedelta(days=1), "s", "app", 3), ("j", T, "s", "app", 10),
                 ("j", T + dt.timedelta(days=2), "s", "app", None)])
    assert journey_facts(ev)["nps"].to_list() == [3]


def test_transitions_count_pairs_across_journeys():
    ev = events([
        ("a", T, "s", "app", None), ("a", T + dt.timedelta(hours=1), "s", "call", None),
        ("b", T, "s", "app", None), ("b", T + dt.timedelta(hours=1), "s", "call", None),
        ("b", T + dt.timedelta(hours=2), "s", "call", None), ("b", T + dt.timedelta(hours=3), "s", "app", None),
    ])
    assert channel_transitions(ev).rows() == [("app", "call", 2), ("call", "app", 1)]

import polars as pl
import pytest

from metrics.confidence import csat_interval
from metrics.duration import duration_summary
from metrics.funnel import funnel, stage_table
from metrics.handoffs import handoff_bucket, handoff_matrix, handoff_rate
from metrics.pain_points import pain_points, worst


def test_duration_median_and_p90_interpolate_linearly():
    out = duration_summary(pl.DataFrame({"duration_hours": [0.0, 1.0, 2.0, 10.0]})).row(0, named=True)
    assert out["journeys"] == 4
    assert out["median_hours"] == 1.5
    assert abs(out["p90_hours"] - 7.6) < 1e-9  # position 2.7: 2 + 0.7 * (10 - 2)


def test_duration_is_none_without_journeys():
    out = duration_summary(pl.DataFrame({"duration_hours": []}, schema={"duration_hours": pl.Float64}))
    assert out.row(0, named=True)["median_hours"] is None


def test_duration_by_persona():
    frame = pl.DataFrame({"persona": ["x", "x", "y"], "duration_hours": [1.0, 3.0, 5.0]})
    assert duration_summary(frame, by=["persona"])["median_hours"].to_list() == [2.0, 5.0]


def test_handoff_rate_is_percent_of_journeys_with_a_handoff():
    assert handoff_rate(pl.DataFrame({"handoffs": [0, 2, 1, 0]})).row(0) == (4, 2, 50.0)


def test_handoff_rate_is_none_without_journeys():
    assert handoff_rate(pl.DataFrame({"handoffs": []}, schema={"handoffs": pl.Int64})).row(0) == (0, 0, None)


def test_handoff_matrix_is_square_with_zeros():
    t = pl.DataFrame({"from_channel": ["app"], "to_channel": ["web"], "count": [4]})
    m = handoff_matrix(t, channels=["app", "web", "atm"])
    assert m.columns == ["from_channel", "app", "web", "atm"]
    assert m.rows() == [("app", 0, 4, 0), ("web", 0, 0, 0), ("atm", 0, 0, 0)]


def test_handoff_bucket_caps_the_label():
    out = handoff_bucket(pl.DataFrame({"handoffs": [0, 1, 3, 7]}))
    assert out["handoff_group"].to_list() == ["0", "1", "3+", "3+"]


def test_funnel_reach_and_drop_off_follow_stage_order():
    reach = pl.DataFrame({"stage": ["join", "aware"], "journeys": [4, 10]})
    out = funnel(reach, ["aware", "join", "use"], total_journeys=10)
    assert out.rows() == [("aware", 10, 100.0, None, False), ("join", 4, 40.0, 60.0, False),
                          ("use", 0, 0.0, 100.0, False)]


def test_an_optional_stage_is_not_a_funnel_step_and_no_drop_off_is_negative():
    # 200 journeys: everyone is aware, 160 join, 40 ask support (문의), 150 use, 90 come back.
    # 문의 is out-reached by a later stage (이용 150 > 40), so it is optional: no drop-off, and 이용's
    # drop-off is against 가입 (160 → 150: 6.25 %), never "+275 %" against 문의.
    reach = pl.DataFrame({"stage": ["이용", "문의", "인지", "재이용", "가입"], "journeys": [150, 40, 200, 90, 160]})
    out = funnel(reach, ["인지", "가입", "문의", "이용", "재이용"], total_journeys=200)
    assert out.rows() == [("인지", 200, 100.0, None, False), ("가입", 160, 80.0, 20.0, False),
                          ("문의", 40, 20.0, None, True), ("이용", 150, 75.0, 6.25, False),
                          ("재이용", 90, 45.0, 40.0, False)]
    assert (out["drop_off_pct"].drop_nulls() >= 0).all()


def test_equal_reach_later_keeps_a_stage_a_step():
    reach = pl.DataFrame({"stage": ["a", "b", "c"], "journeys": [5, 5, 5]})
    out = funnel(reach, ["a", "b", "c"], total_journeys=5)
    assert out["optional"].to_list() == [False, False, False]
    assert out["drop_off_pct"].to_list() == [None, 0.0, 0.0]


def test_funnel_of_no_journeys_has_null_percentages():
    out = funnel(pl.DataFrame({"stage": [], "journeys": []}, schema={"stage": pl.String, "journeys": pl.Int64}),
                 ["a"], total_journeys=0)
    assert out.rows() == [("a", 0, None, None, False)]


def test_stage_table_keeps_stage_order_and_fills_missing_stages():
    volume = pl.DataFrame({"stage": ["b", "a"], "events": [3, 5]})
    ratings = pl.DataFrame({"stage": ["a"], "csat": [50.0], "mean_satisfaction": [3.5]})
    reach = pl.DataFrame({"stage": ["a", "b"], "journeys": [2, 1]})
    out = stage_table(volume, ratings, reach, ["a", "b", "c"])
    assert out.rows() == [("a", 5, 2, 3.5, 50.0), ("b", 3, 1, None, None), ("c", 0, 0, None, None)]


def test_pain_points_rank_by_expected_unsatisfied_interactions_among_touchpoints_below_the_average():
    volume = pl.DataFrame({"touchpoint": ["login", "transfer", "faq"], "events": [100, 400, 10]})
    ratings = pl.DataFrame({"touchpoint": ["login", "transfer", "faq"], "ratings": [50, 100, 2],
                            "satisfied": [10, 90, 0], "csat": [20.0, 90.0, 0.0], "mean_satisfaction": [2.0, 4.5, 1.0]})
    out = pain_points(ratings, volume, min_ratings=5)
    # average CSAT = (10 + 90 + 0) / 152 = 65.8 %: login (20 %) is below it, transfer (90 %) is not
    assert out["touchpoint"].to_list() == ["login", "transfer"]
    assert out["pain_score"].to_list() == [80.0, 40.0]
    assert out["below_average"].to_list() == [True, False]
    assert out["average_csat"][0] == pytest.approx(100 * 100 / 152)


def test_a_touchpoint_a_little_below_the_average_by_chance_is_no_pain_point():
    # the random file: CSAT 56 % on 300 ratings against a 57 % average is noise, not a pain point
    volume = pl.DataFrame({"touchpoint": ["a", "b", "c"], "events": [300, 5000, 300]})
    ratings = pl.DataFrame({"touchpoint": ["a", "b", "c"], "ratings": [300, 5000, 300], "satisfied": [168, 2860, 90],
                            "csat": [56.0, 57.2, 30.0], "mean_satisfaction": [3.0, 3.1, 2.2]})
    out = pain_points(ratings, volume)
    assert worst(out)["touchpoint"].to_list() == ["c"]  # 30 % on 300 ratings is clearly below 56 %
    low, high = csat_interval(168, 300)  # the column is metrics.confidence's Wilson interval
    assert out.filter(pl.col("touchpoint") == "a")["csat_high"][0] == pytest.approx(high)
    assert worst(pain_points(ratings.head(2), volume.head(2))).height == 0


def test_a_frequent_well_rated_touchpoint_is_never_called_worst():
    # transfer's volume gives it the highest pain score (2000 × 28 % = 560) though it is rated above the
    # average; the two low-rated touchpoints with less volume are the worst, and transfer is not among them.
    volume = pl.DataFrame({"touchpoint": ["이체", "공동인증서 로그인", "약관 동의"], "events": [2000, 300, 200]})
    ratings = pl.DataFrame({"touchpoint": ["이체", "공동인증서 로그인", "약관 동의"], "ratings": [700, 100, 70],
                            "satisfied": [504, 3, 28], "csat": [72.0, 3.0, 40.0], "mean_satisfaction": [3.9, 1.9, 3.1]})
    points = pain_points(ratings, volume)
    assert points.sort("pain_score", descending=True)["touchpoint"][0] == "이체"
    assert worst(points)["touchpoint"].to_list() == ["공동인증서 로그인", "약관 동의"]
    assert "이체" not in worst(points, 10)["touchpoint"].to_list()


def test_no_pain_point_when_every_touchpoint_is_rated_the_same():
    volume = pl.DataFrame({"touchpoint": ["a", "b"], "events": [10, 20]})
    ratings = pl.DataFrame({"touchpoint": ["a", "b"], "ratings": [10, 20], "satisfied": [5, 10],
                            "csat": [50.0, 50.0], "mean_satisfaction": [3.0, 3.0]})
    assert worst(pain_points(ratings, volume)).height == 0


def test_pain_points_without_ratings_have_no_average_and_no_pain_point():
    volume = pl.DataFrame({"touchpoint": ["a"], "events": [3]})
    ratings = pl.DataFrame({"touchpoint": ["a"], "ratings": [0], "satisfied": [0], "csat": [None],
                            "mean_satisfaction": [None]}, schema_overrides={"csat": pl.Float64,
                                                                             "mean_satisfaction": pl.Float64})
    out = pain_points(ratings, volume, min_ratings=0)
    assert out["below_average"].to_list() == [False] and out["average_csat"][0] is None

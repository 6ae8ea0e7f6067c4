import polars as pl

from metrics.satisfaction import ces, csat


def test_csat_is_percent_of_ratings_four_or_five_and_mean_is_plain_mean():
    out = csat(pl.DataFrame({"satisfaction": [5, 4, 3, 2, 1]})).row(0, named=True)
    assert out == {"ratings": 5, "satisfied": 2, "csat": 40.0, "mean_satisfaction": 3.0}


def test_csat_is_none_without_ratings():
    out = csat(pl.DataFrame({"satisfaction": [None, None]}, schema={"satisfaction": pl.Float64})).row(0, named=True)
    assert out["ratings"] == 0
    assert out["csat"] is None and out["mean_satisfaction"] is None


def test_csat_by_stage_with_weights():
    counts = pl.DataFrame({"stage": ["b", "a", "a"], "satisfaction": [2.0, 5.0, 3.0], "n": [4, 1, 3]})
    out = csat(counts, by=["stage"], weight="n")
    assert out["stage"].to_list() == ["a", "b"]
    assert out["csat"].to_list() == [25.0, 0.0]
    assert out["mean_satisfaction"].to_list() == [(5 + 9) / 4, 2.0]


def test_ces_is_mean_effort_score_ignoring_nulls():
    assert ces(pl.DataFrame({"ces": [7, 5, None, 6]})).row(0) == (3, 6.0)


def test_ces_is_none_without_answers():
    assert ces(pl.DataFrame({"ces": []}, schema={"ces": pl.Float64})).row(0) == (0, None)

import polars as pl

from metrics.nps import nps, nps_value


def test_nps_is_percent_promoters_minus_percent_detractors():
    # 2 promoters, 1 passive, 1 detractor: (2 - 1) / 4 = 25
    out = nps(pl.DataFrame({"nps": [10, 9, 7, 3]})).row(0, named=True)
    assert out == {"promoters": 2, "passives": 1, "detractors": 1, "responses": 4, "nps": 25.0}


def test_nps_boundaries_six_is_detractor_seven_and_eight_passive_nine_promoter():
    out = nps(pl.DataFrame({"nps": [6, 7, 8, 9]})).row(0, named=True)
    assert (out["detractors"], out["passives"], out["promoters"]) == (1, 2, 1)
    assert out["nps"] == 0.0


def test_nps_is_none_without_answers():
    empty = pl.DataFrame({"nps": []}, schema={"nps": pl.Int8})
    assert nps_value(empty) is None
    assert nps(empty).row(0, named=True)["responses"] == 0


def test_nps_ignores_null_answers():
    assert nps_value(pl.DataFrame({"nps": [None, 10, None, 0]})) == 0.0
    assert nps_value(pl.DataFrame({"nps": [None, None]}, schema={"nps": pl.Int8})) is None


def test_nps_spans_minus_100_to_100():
    assert nps_value(pl.DataFrame({"nps": [0, 1, 2]})) == -100.0
    assert nps_value(pl.DataFrame({"nps": [9, 10]})) == 100.0


def test_nps_by_group_gives_one_row_per_group_sorted():
    frame = pl.DataFrame({"persona": ["b", "a", "a", "b", "b"], "nps": [10, 0, 9, 7, 8]})
    out = nps(frame, by=["persona"])
    assert out["persona"].to_list() == ["a", "b"]
    assert out["nps"].to_list() == [0.0, 100.0 / 3]
    assert out["responses"].to_list() == [2, 3]


def test_nps_with_weights_equals_nps_of_expanded_answers():
    counts = pl.DataFrame({"nps": [10, 8, 2], "n": [5, 3, 2]})
    expanded = pl.DataFrame({"nps": [10] * 5 + [8] * 3 + [2] * 2})
    assert nps_value(counts, weight="n") == nps_value(expanded) == 30.0

import datetime as dt

import polars as pl
import pytest
from scipy.stats import fisher_exact

from metrics.paths import SEP, detractor_paths, journey_paths, path_table, transition_rows, transition_table

T = dt.datetime(2025, 3, 2, 9)
H = dt.timedelta(hours=1)


def key(*values: str) -> str:
    return SEP.join(values)


def test_consecutive_repeats_collapse_but_a_return_is_kept():
    ev = pl.DataFrame({
        "journey_id": ["j"] * 5,
        "timestamp": [T + 4 * H, T, T + H, T + 2 * H, T + 3 * H],  # shuffled
        "stage": ["해지", "가입", "가입", "개통", "가입"],
        "channel": ["웹", "앱", "앱", "콜센터", "콜센터"],
    })
    got = journey_paths(ev).row(0, named=True)
    assert got["stage_path"] == ["가입", "개통", "가입", "해지"]
    assert got["channel_path"] == ["앱", "콜센터", "웹"]


def test_transition_rows_have_the_hours_between_the_two_touchpoints_and_skip_same_values():
    ev = pl.DataFrame({"journey_id": ["j"] * 4, "timestamp": [T, T + 1.5 * H, T + 2 * H, T + 2 * H],
                       "stage": ["a", "a", "a", "b"], "channel": ["app", "web", "web", "app"]})
    got = transition_rows(ev, "channel")
    # at T+2h the tie orders (a, web) before (b, app): web → app 0 h
    assert got.select("from", "to", "hours").rows() == [("app", "web", 1.5), ("web", "app", 0.0)]
    assert transition_rows(ev, "stage").select("from", "to", "hours").rows() == [("a", "b", 0.0)]


def test_path_table_orders_by_journeys_then_the_path_text_and_gives_shares_and_nps():
    stats = pl.DataFrame({"path": [key("웹"), key("앱", "콜센터"), key("앱")], "journeys": [2, 5, 2],
                          "median_journey_hours": [1.0, 30.0, 0.5]})
    answers = pl.DataFrame({"path": [key("앱", "콜센터")] * 3 + [key("앱")], "nps": [10, 3, 0, 9], "n": [1, 2, 1, 1]})
    out = path_table(stats, answers, min_sample=3)
    assert out["path"].to_list() == [["앱", "콜센터"], ["앱"], ["웹"]]  # 앱 < 웹 in code-point order
    assert out["journeys"].to_list() == [5, 2, 2]
    assert out["share"].to_list() == pytest.approx([500 / 9, 200 / 9, 200 / 9])
    assert out["nps"].to_list() == [pytest.approx(100 * (1 - 3) / 4), 100.0, None]
    assert out["responses"].to_list() == [4, 1, 0]
    assert out["low_sample"].to_list() == [False, True, True]
    assert out["nps_low"][0] < out["nps"][0] < out["nps_high"][0]
    assert path_table(stats, answers, 3, top=1)["share"].to_list() == pytest.approx([500 / 9])


def test_path_table_without_any_answer_has_null_nps():
    stats = pl.DataFrame({"path": [key("a")], "journeys": [1], "median_journey_hours": [0.0]})
    answers = pl.DataFrame(schema={"path": pl.String, "nps": pl.Int64, "n": pl.Int64})
    out = path_table(stats, answers, 30)
    assert out.select("journeys", "share", "responses", "nps", "low_sample").row(0) == (1, 100.0, 0, None, True)


def test_detractor_paths_finds_the_path_detractors_take_and_tests_it():
    # 40 detractors: 30 on 앱>콜센터, 10 on 앱; 40 promoters: 5 on 앱>콜센터, 35 on 앱. Passives do not count.
    answers = pl.DataFrame({"path": [key("앱", "콜센터"), key("앱", "콜센터"), key("앱"), key("앱"), key("앱", "콜센터")],
                            "nps": [2, 10, 5, 9, 7], "n": [30, 5, 10, 35, 100]})
    out = detractor_paths(answers, min_sample=30)
    assert out["path"].to_list() == [["앱", "콜센터"]]  # 앱 alone is over-represented among promoters
    row = out.row(0, named=True)
    assert (row["detractors"], row["promoters"]) == (30, 5)
    assert row["detractor_share"] == 75.0 and row["promoter_share"] == 12.5 and row["ratio"] == 6.0
    assert row["p_value"] == pytest.approx(fisher_exact([[30, 10], [5, 35]])[1])
    assert row["significant"] and not row["low_sample"]


def test_detractor_paths_does_not_call_a_chance_difference_significant():
    # 3 of 5 detractors and 2 of 5 promoters on the path: over-represented, but not significantly
    answers = pl.DataFrame({"path": [key("a"), key("a"), key("b"), key("b")], "nps": [0, 10, 0, 10], "n": [3, 2, 2, 3]})
    row = detractor_paths(answers, min_sample=30).row(0, named=True)
    assert row["path"] == ["a"] and row["ratio"] == 1.5
    assert not row["significant"] and row["low_sample"]


def test_detractor_paths_is_empty_without_promoters():
    answers = pl.DataFrame({"path": [key("a")], "nps": [0], "n": [4]})
    assert detractor_paths(answers, 30).height == 0


def test_transition_table_joins_the_nps_of_the_journeys_taking_each_edge():
    stats = pl.DataFrame({"from": ["a", "b"], "to": ["b", "a"], "count": [3, 7], "journeys": [2, 4],
                          "median_hours": [1.0, 2.0]})
    answers = pl.DataFrame({"from": ["a", "a"], "to": ["b", "b"], "nps": [10, 0], "n": [1, 1]})
    out = transition_table(stats, answers, min_sample=2)
    assert out.select("from", "to", "count", "responses", "nps", "low_sample").rows() == [
        ("b", "a", 7, 0, None, True), ("a", "b", 3, 2, 0.0, False)]


def test_fisher_and_benjamini_hochberg_equal_scipy_and_statsmodels_on_random_tables():
    import random

    from statsmodels.stats.multitest import multipletests

    from metrics.paths import benjamini_hochberg, fisher_exact_p

    rng = random.Random(4)
    tables = [[rng.randint(0, n), rng.randint(0, n), rng.randint(0, n), rng.randint(0, n)]
              for n in (0, 1, 3, 10, 40, 300, 2000) for _ in range(12)]
    tables += [[5, 5, 5, 5], [0, 7, 7, 0], [30, 10, 5, 35], [1, 0, 0, 1]]  # ties and extremes
    got = [fisher_exact_p(*t) for t in tables]
    want = [fisher_exact([[a, b], [c, d]])[1] for a, b, c, d in tables]
    assert got == pytest.approx(want, rel=1e-9, abs=1e-12)
    assert benjamini_hochberg(want) == pytest.approx(list(multipletests(want, method="fdr_bh")[1]), rel=1e-12)
    assert benjamini_hochberg([]) == []


def _table(rows):
    return pl.DataFrame(rows, schema=["path", "journeys", "promoters", "passives", "detractors", "responses"],
                        orient="row")


def test_the_path_tree_adds_journeys_and_answers_up_each_prefix_by_hand():
    from metrics.paths import path_tree

    table = _table([(["가입", "개통"], 3, 2, 0, 1, 3), (["가입"], 1, 0, 0, 1, 1), (["상담", "가입"], 1, 0, 0, 0, 0)])
    got = {r["id"]: r for r in path_tree(table, min_share=0).iter_rows(named=True)}
    assert set(got) == {"가입", SEP.join(["가입", "개통"]), "상담", SEP.join(["상담", "가입"])}
    root = got["가입"]
    assert (root["journeys"], root["ends"], root["promoters"], root["detractors"], root["responses"]) == (4, 1, 2, 2, 4)
    assert root["nps"] == 0.0 and root["parent"] == "" and root["share"] == 80.0
    child = got[SEP.join(["가입", "개통"])]
    assert (child["journeys"], child["ends"], child["parent"], child["label"]) == (3, 3, "가입", "개통")
    assert abs(child["nps"] - 100 / 3) < 1e-12
    assert got["상담"]["nps"] is None and got["상담"]["ends"] == 0  # no answers: no NPS, not 0
    # a small branch is left out whole (its journeys stay in no node: the first level no longer adds up to 100 %)
    assert set(path_tree(table, min_share=25)["id"]) == {"가입", SEP.join(["가입", "개통"])}
    # cut at one value: 가입's journeys are all four, one of them ends there
    cut = path_tree(table, min_share=0, max_depth=1)
    assert cut.select("id", "journeys", "ends").rows() == [("가입", 4, 1), ("상담", 1, 0)]


def test_the_path_tree_equals_counting_journeys_by_their_path_beginnings():
    from metrics.journeys import journey_facts
    from metrics.paths import path_inputs, path_tree
    from tests.support.telco import telco_events

    frame = telco_events(300, seed=3)
    paths = journey_paths(frame)
    stats, answers = path_inputs(paths, journey_facts(frame), "stage")
    tree = path_tree(path_table(stats, answers, 30), min_share=0, max_depth=3)
    for r in tree.iter_rows(named=True):
        prefix = r["id"].split(SEP)
        starting = paths.filter(pl.col("stage_path").list.head(len(prefix)) == prefix)
        assert r["journeys"] == starting.height
        assert r["ends"] == paths.filter(pl.col("stage_path") == prefix).height
    assert tree.filter(pl.col("depth") == 1)["journeys"].sum() == paths.height

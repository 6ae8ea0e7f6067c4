"""store.personas: customer features against hand-computed values, the derived-persona view, planted recovery."""

import dataclasses
import datetime as dt

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from figures import personas as personas_figures
from metrics import personas as mp
from store import Filters, open_dataset
from store import queries as q
from store.facts import personas as sp
from tests.support.telco import telco_events

T = dt.datetime(2025, 3, 2, 9, 0)
H = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """Customer 김민수(C1): J1 인지/앱 → 탐색/앱 (+1 h, rated 4) → 가입/웹 (+3 h, NPS 9) and J2 인지/영업점;
    J3 has no customer id (so it is its own customer): 인지 and 탐색 on 콜센터 at the same second."""
    rows = [  # shuffled on purpose
        ("J3", None, T, "탐색", "콜센터", None, None, "부산"),
        ("J1", "C1", T + 3 * H, "가입", "웹", None, 9, "서울"),
        ("J2", "C1", T + 30 * H, "인지", "영업점", None, None, "경기"),
        ("J1", "C1", T, "인지", "앱", None, None, "서울"),
        ("J3", None, T, "인지", "콜센터", None, None, "부산"),
        ("J1", "C1", T + H, "탐색", "앱", 4, None, "서울"),
    ]
    frame = pl.DataFrame(rows, schema={"journey_id": pl.String, "customer_id": pl.String, "timestamp": pl.Datetime,
                                       "stage": pl.String, "channel": pl.String, "satisfaction": pl.Int64,
                                       "nps": pl.Int64, "region": pl.String}, orient="row")
    path = tmp_path_factory.mktemp("personas") / "tiny.parquet"
    frame.write_parquet(path)
    return open_dataset(path)


def test_customer_features_equal_hand_computed_values(tiny):
    got = {r["customer_id"]: r for r in sp.customer_features(tiny).iter_rows(named=True)}
    assert sorted(got) == ["C1", "J3"]
    c1, j3 = got["C1"], got["J3"]
    assert c1["journeys"] == 2 and j3["journeys"] == 1
    assert c1["touchpoints_per_journey"] == 2.0
    assert c1["median_journey_hours"] == pytest.approx(1.5)    # median of 3 h and 0 h
    assert c1["gap_hours"] == pytest.approx(1.5)               # 3 h over 2 + 0 gaps
    assert j3["gap_hours"] == 0.0                              # equal timestamps: one gap of 0 h
    assert c1["handoffs_per_journey"] == 0.5                   # 앱 → 웹 in J1
    assert c1["nps"] == 9.0 and j3["nps"] is None
    assert (c1["reach:인지"], c1["reach:탐색"], c1["reach:가입"]) == (1.0, 0.5, 0.5)
    assert (j3["reach:인지"], j3["reach:탐색"], j3["reach:가입"]) == (1.0, 1.0, 0.0)
    assert c1["rated_share"] == 0.25 and j3["rated_share"] == 0.0
    assert (c1["channel:앱"], c1["channel:웹"], c1["channel:영업점"], c1["channel:콜센터"]) == (0.5, 0.25, 0.25, 0.0)
    assert j3["channel:콜센터"] == 1.0
    assert (c1["touch:탐색"], c1["touch:가입"]) == (0.25, 0.25)  # the last two stage types
    assert c1["attribute:region"] == "경기"                     # from the customer's latest journey


def test_customer_features_are_stored_once_per_data_version(tiny):
    first = sp.customer_features(tiny)
    stamp = sp.features_path(tiny).stat().st_mtime_ns
    assert sp.customer_features(tiny).equals(first)
    assert sp.features_path(tiny).stat().st_mtime_ns == stamp
    assert sp.features_path(tiny).parent.parent == type(sp.features_path(tiny))(tiny.facts_dir)


def test_the_derived_view_replaces_persona_in_filters_splits_and_options(tiny):
    sp.write(pl.DataFrame({"customer_id": ["J3", "C1"], "cluster": [1, 0]}, schema={"customer_id": pl.String,
                                                                                   "cluster": pl.Int32}),
             sp.stored(tiny, "handmade", "assignment"))
    view = sp.with_personas(tiny, "handmade", ["앱 중심", "콜센터 중심"], "ko")
    assert view.version != tiny.version and tiny.derived == ""
    assert sp.assignment(view).rows() == [("C1", "앱 중심"), ("J3", "콜센터 중심")]
    assert q.filter_options(view)["persona"] == ["앱 중심", "콜센터 중심"]
    assert q.filter_options(tiny)["persona"] == []
    picked = q.journeys(view, Filters.make(persona=["앱 중심"]), ["journey_id", "persona"]).sort("journey_id")
    assert picked.rows() == [("J1", "앱 중심"), ("J2", "앱 중심")]
    volume = q.touchpoint_volume(view, Filters(), ["persona"]).sort("persona")
    assert volume.select("persona", "events", "journeys").rows() == [("앱 중심", 4, 2), ("콜센터 중심", 2, 1)]
    touch = q.touchpoints(view, Filters.make(persona=["콜센터 중심"], stage=["탐색"]))
    assert touch["journey_id"].to_list() == ["J3"] and touch["persona"].to_list() == ["콜센터 중심"]


# --- planted behavioural segments (sample_data.segments) ----------------------------------------------


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from sample_data.segments import write

    folder = tmp_path_factory.mktemp("planted")
    write(12_000, 7, folder / "events.parquet", folder / "truth.parquet")
    truth = pl.read_parquet(folder / "truth.parquet")
    return open_dataset(folder / "events.parquet"), truth


def ari(dp, truth):
    assignment = sp.assignment(dp.view).join(truth, on="customer_id")
    assert assignment.height == truth.height  # every customer has a persona
    return mp.adjusted_rand_index(assignment["segment"], assignment["persona"])


def test_planted_segments_are_recovered_at_the_true_k_and_with_auto(planted):
    ds, truth = planted
    given = personas_figures.derived_personas(ds, Filters(), k=5)
    assert ari(given, truth) >= 0.85
    auto = personas_figures.derived_personas(ds, Filters(), k=None)
    assert auto.criterion == "davies-bouldin" and set(auto.scores) == set(mp.K_RANGE)
    assert ari(auto, truth) >= 0.8


def test_the_assignment_is_the_same_on_every_run_and_recomputed_for_a_new_version(planted, tmp_path, monkeypatch):
    ds, _ = planted
    first = sp.assignment(personas_figures.derived_personas(ds, Filters(), k=5).view)
    # a second process on a fresh cache computes everything again and must find the same personas
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    again = open_dataset(ds.source)
    assert again.facts_dir != ds.facts_dir
    second = sp.assignment(personas_figures.derived_personas(again, Filters(), k=5).view)
    assert first.sort("customer_id").equals(second.sort("customer_id"))


def test_derived_personas_table_traits_and_map_agree_with_the_assignment(planted):
    ds, truth = planted
    dp = personas_figures.derived_personas(ds, Filters(), k=5, lang="ko")
    assignment = sp.assignment(dp.view)
    sizes = assignment.group_by("persona").len().sort("persona")
    table = dp.table.sort("persona")
    assert table["persona"].to_list() == sizes["persona"].to_list()
    assert table["customers"].to_list() == sizes["len"].to_list()
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["journeys"].sum() == ds.journeys
    assert dp.cells["customers"].sum() == truth.height
    assert dp.table["representative"].is_in(assignment["customer_id"].implode()).all()
    # the representative belongs to its persona
    rep = dp.table.join(assignment.rename({"customer_id": "representative", "persona": "of"}), on="representative")
    assert (rep["persona"] == rep["of"]).all()
    # labels are in Korean and the inquiry-heavy segment's persona has the worst NPS
    assert all("·" in p for p in dp.table["persona"])
    worst = dp.table.sort("nps").row(0, named=True)
    inquiry = assignment.join(truth, on="customer_id").filter(pl.col("segment") == "inquiry-heavy, unhappy")
    assert inquiry["persona"].mode().to_list() == [worst["persona"]]
    assert any("문의" in text for text in dp.traits.filter(pl.col("persona") == worst["persona"])["text"])


def test_unknown_feature_and_too_few_personas_are_data_errors(planted):
    from errors import DataError

    ds, _ = planted
    with pytest.raises(DataError, match="Unknown persona feature 'typo'"):
        personas_figures.derived_personas(ds, Filters(), k=3, features=["journeys", "typo"])
    with pytest.raises(DataError, match="at least 2"):
        personas_figures.derived_personas(ds, Filters(), k=1)


def test_a_selection_measures_the_personas_on_its_journeys_only(planted):
    ds, _ = planted
    everyone = personas_figures.derived_personas(ds, Filters(), k=5)
    march = Filters.make(since=dt.date(2025, 3, 1), until=dt.date(2025, 3, 31))
    some = personas_figures.derived_personas(ds, march, k=5)
    assert some.table["persona"].to_list() == everyone.table["persona"].to_list()  # same personas
    assert 0 < some.table["journeys"].sum() < everyone.table["journeys"].sum()
    assert some.table["journeys"].sum() == q.totals(some.view, march)["journeys"]
    assert dataclasses.replace(some.view, derived="").version.startswith(ds.version)
    assert np.isclose(some.table["share"].sum(), 1.0)


def test_customers_who_all_behave_alike_are_a_data_error_not_a_crash(tmp_path):
    from errors import DataError

    rows = [(f"J{i}", f"C{i}", T + i * H, "인지", "앱") for i in range(6)]
    frame = pl.DataFrame(rows, schema=["journey_id", "customer_id", "timestamp", "stage", "channel"], orient="row")
    frame.write_parquet(tmp_path / "same.parquet")
    ds = open_dataset(tmp_path / "same.parquet")
    with pytest.raises(DataError, match="No persona feature varies between customers"):
        personas_figures.derived_personas(ds, Filters(), k=2)


def test_customer_features_computed_in_parts_are_those_computed_at_once(tmp_path, monkeypatch):
    # above _JOURNEYS_PER_PART journeys the customers are split by a hash of their id (memory at 50M events)
    frame = telco_events(150, seed=13)
    path = tmp_path / "parts.parquet"
    frame.write_parquet(path)
    whole = sp.customer_features(open_dataset(path, cache_dir=tmp_path / "whole"))
    monkeypatch.setattr(sp, "_JOURNEYS_PER_PART", 40)
    parted = sp.customer_features(open_dataset(path, cache_dir=tmp_path / "parted"))
    assert whole.height > 40 and whole["customer_id"].is_sorted()
    assert_frame_equal(parted, whole, check_exact=False, rel_tol=1e-12)


def test_customer_features_run_out_of_memory_are_taken_again_in_more_parts(tmp_path, monkeypatch):
    # the late pass shares the memory limit with report.py's queries: at 50M events the features were left unwritten
    import duckdb

    from store.facts import db

    frame = telco_events(150, seed=13)
    path = tmp_path / "oom.parquet"
    frame.write_parquet(path)
    whole = sp.customer_features(open_dataset(path, cache_dir=tmp_path / "whole"))
    seen: list[int] = []
    real = db.query

    def short_of_memory(sql, params=None):
        if "per_journey" in sql:
            seen.append((params or {}).get("parts", 1))
            if seen[-1] < 16:
                raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        return real(sql, params)

    monkeypatch.setattr(db, "query", short_of_memory)
    parted = sp.customer_features(open_dataset(path, cache_dir=tmp_path / "parted"))
    assert sorted(set(seen)) == [1, 4, 16]
    assert_frame_equal(parted, whole, check_exact=False, rel_tol=1e-12)
    monkeypatch.setattr(sp, "_RETRIES", 1)  # still short of memory after the last retry: the error, not a guess
    seen.clear()
    with pytest.raises(duckdb.OutOfMemoryException):
        sp._compute_features(open_dataset(path, cache_dir=tmp_path / "again"))

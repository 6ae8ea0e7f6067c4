"""store.paths (DuckDB, written in the facts pass) against metrics.paths (the Polars reference) and hand counts."""

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from metrics.journeys import journey_facts
from metrics.paths import SEP, journey_paths, path_inputs, transition_inputs, transition_rows
from store import Filters, open_dataset
from store import journey_paths as sp
from store import queries as q
from store.facts import db, journey_steps
from tests.support.telco import telco_events

T = dt.datetime(2025, 5, 1, 8)
H = dt.timedelta(hours=1)


@pytest.fixture(scope="module")
def telco(tmp_path_factory):
    frame = telco_events(300, seed=5)
    path = tmp_path_factory.mktemp("paths") / "telco.parquet"
    frame.write_parquet(path)
    return frame, open_dataset(path)


def _sorted(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    return frame.select(sorted(frame.columns)).sort(keys)


def test_store_journey_paths_equal_the_reference_definition(telco):
    frame, ds = telco
    got = sp.journey_paths(ds, Filters()).sort("journey_id")
    want = journey_paths(frame).sort("journey_id")
    assert got.equals(want.select(got.columns))


@pytest.mark.parametrize("kind", ["stage", "channel"])
@pytest.mark.parametrize("selection", [{}, {"persona": ["직장인"]}, {"channel": ["웹"]},
                                       {"since": dt.date(2026, 2, 15), "persona": ["직장인", "20대 학생"]},
                                       {"until": dt.date(2026, 3, 1), "stage": ["개통"]},
                                       {"dims": {"region": ["서울"]}, "since": dt.date(2026, 2, 1)}])
def test_store_path_and_transition_inputs_equal_the_reference(telco, kind, selection):
    frame, ds = telco
    f = Filters.make(**selection)
    chosen = q.journeys(ds, f, ["journey_id"])["journey_id"]
    facts = journey_facts(frame).filter(pl.col("journey_id").is_in(chosen.implode()))
    stats, answers = path_inputs(journey_paths(frame), facts, kind)
    got = sp.path_stats(ds, f, kind)
    assert _sorted(got, ["path"]).drop("median_journey_hours").equals(
        _sorted(stats, ["path"]).drop("median_journey_hours"))
    diff = _sorted(got, ["path"])["median_journey_hours"] - _sorted(stats, ["path"])["median_journey_hours"]
    assert diff.abs().max() < 1e-9
    assert _sorted(sp.path_answers(ds, f, kind).with_columns(pl.col("nps").cast(pl.Int64)), ["path", "nps"]).equals(
        _sorted(answers, ["path", "nps"]))

    rows = transition_rows(frame, kind).filter(pl.col("journey_id").is_in(chosen.implode()))
    t_stats, t_answers = transition_inputs(rows, facts)
    got = _sorted(sp.transition_stats(ds, f, kind), ["from", "to"])
    want = _sorted(t_stats, ["from", "to"])
    assert got.drop("median_hours").equals(want.drop("median_hours"))
    assert (got["median_hours"] - want["median_hours"]).abs().max() < 1e-9
    assert _sorted(sp.transition_answers(ds, f, kind).with_columns(pl.col("nps").cast(pl.Int64)),
                   ["from", "to", "nps"]).equals(_sorted(t_answers, ["from", "to", "nps"]))


def test_each_step_carries_its_journeys_facts(telco):
    # the steps' copies of the journey's first_ts, persona, nps and stage × channel bits equal the journey facts
    import duckdb

    _, ds = telco
    steps = duckdb.sql(f"SELECT * FROM read_parquet('{Path(ds.facts_dir) / 'steps.parquet'}')").pl()
    facts = pl.read_parquet(ds.journeys_path).select(
        "journey_id", pl.col("first_ts").alias("journey_first_ts"), pl.col("persona").cast(pl.String).alias("p"),
        pl.col("nps").alias("n"), pl.col("stage_channel_mask").alias("m"))
    joined = steps.join(facts, on="journey_id")
    assert joined.height == steps.height and steps["journey_id"].n_unique() == facts.height
    assert joined.filter(
        pl.col("journey_first_ts") != pl.col("journey_first_ts_right")).height == 0
    assert joined.filter(~pl.col("journey_persona").eq_missing(pl.col("p"))).height == 0
    assert joined.filter(~pl.col("journey_nps").eq_missing(pl.col("n"))).height == 0
    assert joined["m"].null_count() == 0 and joined.filter(pl.col("journey_stage_channel_mask") != pl.col("m")).height == 0


@pytest.mark.parametrize("selection", [{}, {"persona": ["직장인"]}, {"channel": ["웹"]},
                                       {"until": dt.date(2026, 3, 1), "stage": ["개통"]},
                                       {"dims": {"region": ["부산"]}}])
def test_touchpoint_transitions_equal_the_reference(telco, selection):
    frame, ds = telco
    assert journey_steps.has_touchpoint_map(ds)
    f = Filters.make(**selection)
    chosen = q.journeys(ds, f, ["journey_id"])["journey_id"]
    facts = journey_facts(frame).filter(pl.col("journey_id").is_in(chosen.implode()))
    rows = transition_rows(frame, "touchpoint").filter(pl.col("journey_id").is_in(chosen.implode()))
    t_stats, t_answers = transition_inputs(rows, facts)
    got = _sorted(sp.transition_stats(ds, f, "touchpoint"), ["from", "to"])
    want = _sorted(t_stats, ["from", "to"])
    assert got.height > 10 and got.drop("median_hours").equals(want.drop("median_hours"))
    assert (got["median_hours"] - want["median_hours"]).abs().max() < 1e-9
    assert _sorted(sp.transition_answers(ds, f, "touchpoint").with_columns(pl.col("nps").cast(pl.Int64)),
                   ["from", "to", "nps"]).equals(_sorted(t_answers, ["from", "to", "nps"]))


def test_touchpoint_transitions_skip_unnamed_touchpoints_and_need_few_touchpoints(tmp_path, monkeypatch):
    # j: 상담 → (no name) → 상담 is no transition; 상담 → 개통 (10:00 → 12:00, over the unnamed one) is one, 2 h
    rows = [("j", T, "a", "앱", "상담"), ("j", T + H, "a", "앱", None), ("j", T + 2 * H, "a", "웹", "상담"),
            ("j", T + 3 * H, "b", "웹", None), ("j", T + 4 * H, "b", "웹", "개통")]
    path = tmp_path / "tp.parquet"
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "touchpoint"], orient="row")
    frame.write_parquet(path)
    ds = open_dataset(path, cache_dir=tmp_path / "cache")
    assert sp.transition_stats(ds, Filters(), "touchpoint").rows() == [("상담", "개통", 1, 1, 2.0)]
    from store import episodes

    assert episodes.count_journeys(ds, Filters(), transition=("touchpoint", "상담", "개통")) == 1
    monkeypatch.setattr(journey_steps, "MAX_MAP_TOUCHPOINTS", 1)
    frame.with_columns(pl.lit("x").alias("region")).write_parquet(tmp_path / "tp2.parquet")
    assert not journey_steps.has_touchpoint_map(open_dataset(tmp_path / "tp2.parquet", cache_dir=tmp_path / "cache"))


def test_paths_and_transitions_by_hand_with_equal_timestamps(tmp_path):
    # j: at T three touchpoints tie; journey order breaks the tie by stage, then channel:
    #   (가입, 앱) (가입, 콜센터) (개통, 앱), then (개통, 앱) at T+2h, (가입, 웹) at T+3h.
    # k: one touchpoint.
    rows = [("j", T + 3 * H, "가입", "웹", 3), ("j", T, "개통", "앱", None), ("j", T, "가입", "콜센터", None),
            ("j", T + 2 * H, "개통", "앱", None), ("j", T, "가입", "앱", None), ("k", T, "가입", "앱", 10)]
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "nps"], orient="row")
    path = tmp_path / "ties.parquet"
    frame.write_parquet(path)
    ds = open_dataset(path)
    paths = sp.journey_paths(ds, Filters()).sort("journey_id")
    assert paths.rows() == [("j", ["가입", "개통", "가입"], ["앱", "콜센터", "앱", "웹"]), ("k", ["가입"], ["앱"])]
    stage = sp.transition_stats(ds, Filters(), "stage").sort("from")
    # 가입→개통 between the tied (가입, 콜센터) and (개통, 앱): 0 h; 개통→가입 from T+2h to T+3h: 1 h
    assert stage.rows() == [("가입", "개통", 1, 1, 0.0), ("개통", "가입", 1, 1, 1.0)]
    channel = sp.transition_stats(ds, Filters(), "channel").sort("from", "to")
    # 앱→콜센터 0 h, 콜센터→앱 0 h, 앱→웹 (T+2h → T+3h) 1 h; 앱 → 앱 is no transition
    assert channel.rows() == [("앱", "웹", 1, 1, 1.0), ("앱", "콜센터", 1, 1, 0.0), ("콜센터", "앱", 1, 1, 0.0)]
    assert sp.transition_answers(ds, Filters(), "stage").sort("from").select("from", "to", "n").rows() == [
        ("가입", "개통", 1), ("개통", "가입", 1)]
    stats = sp.path_stats(ds, Filters(), "stage").sort("path")
    assert stats.rows() == [("가입", 1, 0.0), (SEP.join(["가입", "개통", "가입"]), 1, 3.0)]


def test_a_journey_taking_a_transition_twice_counts_twice_but_is_one_journey(tmp_path):
    rows = [("j", T, "a", "app"), ("j", T + H, "a", "web"), ("j", T + 3 * H, "a", "app"), ("j", T + 6 * H, "a", "web")]
    path = tmp_path / "twice.parquet"
    pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel"], orient="row").write_parquet(path)
    ds = open_dataset(path)
    got = sp.transition_stats(ds, Filters(), "channel").sort("from")
    # app→web at 1 h and 3 h: median 2 h
    assert got.rows() == [("app", "web", 2, 1, 2.0), ("web", "app", 1, 1, 2.0)]
    assert sp.transition_stats(ds, Filters(), "stage").height == 0


def test_an_unknown_path_kind_is_refused(telco):
    _, ds = telco
    with pytest.raises(ValueError, match="unknown path kind"):
        sp.path_stats(ds, Filters(), "touchpoint; DROP TABLE x")


def test_paths_aggregated_in_many_parts_equal_the_reference(tmp_path, monkeypatch):
    # the facts pass splits the journeys into parts by a hash of their id (memory): 3 events per part here
    monkeypatch.setattr(journey_steps, "_EVENTS_PER_PART", 3)
    frame = telco_events(40, seed=9)
    path = tmp_path / "parts.parquet"
    frame.write_parquet(path)
    ds = open_dataset(path, cache_dir=tmp_path / "cache")
    got = sp.journey_paths(ds, Filters()).sort("journey_id")
    assert got.height == frame["journey_id"].n_unique()
    assert got.equals(journey_paths(frame).sort("journey_id").select(got.columns))
    assert not list(Path(ds.facts_dir).glob("paths-*"))  # the parts are gone once joined to the journey facts


def test_paths_from_enum_codes_are_the_same_text_as_paths_from_ordered_strings(telco, tmp_path):
    # the facts pass aggregates (seq << 16) | code per event when the stage and the channel are enums
    _, ds = telco
    cur = db.database().cursor()
    types = {}
    for i, kind in enumerate(journey_steps.KINDS):
        name = f"cx_test_paths_{i}"
        cur.sql(f"CREATE TYPE {name} AS ENUM (SELECT unnest(list_sort(list(DISTINCT {kind}))) FROM read_parquet($ev))",
                params={"ev": ds.events_path})
        types[kind] = name
    try:
        (tmp_path / "text").mkdir()
        (tmp_path / "codes").mkdir()
        text = journey_steps.write_paths(cur, ds.events_path, tmp_path / "text")
        codes = journey_steps.write_paths(cur, ds.events_path, tmp_path / "codes", types)
    finally:
        for name in types.values():
            cur.sql(f"DROP TYPE IF EXISTS {name}")
        cur.close()
    got, want = (pl.read_parquet(files).sort("journey_id") for files in (codes, text))
    assert got.height == ds.journeys and got.schema == want.schema
    assert got.equals(want)


def test_facts_of_another_format_are_refused_with_one_sentence(tmp_path):
    from errors import DataError
    from store.facts.cache import open_facts

    rows = [("j", T, "a", "app"), ("j", T + H, "b", "web")]
    path = tmp_path / "other.parquet"
    pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel"], orient="row").write_parquet(path)
    ds = open_dataset(path, cache_dir=tmp_path / "cache")
    assert open_facts(ds.facts_dir).journeys == 1
    meta = Path(ds.facts_dir) / "meta.parquet"
    pl.read_parquet(meta).with_columns(pl.lit("11").alias("facts_format")).write_parquet(meta)
    with pytest.raises(DataError, match=r"written by another version of cxlens \(facts format 11; this one reads"):
        open_facts(ds.facts_dir)


def test_journey_list_sorts_with_nulls_last_and_narrows_to_a_path_or_a_transition(tmp_path):
    from store import episodes

    rows = [("j1", T, "a", "app", 9), ("j1", T + H, "b", "web", None), ("j2", T, "a", "app", None),
            ("j3", T, "a", "web", 2), ("j3", T + 5 * H, "b", "app", None), ("j4", T, "a", "app", 2)]
    path = tmp_path / "list.parquet"
    pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "nps"], orient="row").write_parquet(path)
    ds = open_dataset(path)
    f = Filters()
    # ties on nps (j3, j4: 2) by journey id; j2 without an answer last, in either direction
    assert episodes.journey_list(ds, f, "nps")["journey_id"].to_list() == ["j3", "j4", "j1", "j2"]
    assert episodes.journey_list(ds, f, "nps", descending=True)["journey_id"].to_list() == ["j1", "j3", "j4", "j2"]
    assert episodes.journey_list(ds, f, "duration_hours", True, limit=1)["journey_id"].to_list() == ["j3"]
    on_ab = episodes.journey_list(ds, f, "nps", path=("stage", ["a", "b"]))
    assert on_ab["journey_id"].to_list() == ["j3", "j1"] and on_ab["stage_path"].to_list() == [["a", "b"]] * 2
    assert episodes.journey_list(ds, f, "nps", transition=("channel", "app", "web"))["journey_id"].to_list() == ["j1"]
    assert episodes.count_journeys(ds, f, path=("stage", ["a"])) == 2
    assert episodes.count_journeys(ds, Filters.make(channel=["web"]), transition=("stage", "a", "b")) == 2
    with pytest.raises(ValueError):
        episodes.journey_list(ds, f, "nps; DROP TABLE x")


def test_an_episode_is_the_journeys_touchpoints_in_journey_order_and_its_customer_has_its_journeys(tmp_path):
    from store import episodes

    rows = [("j1", "c", T + H, "b", "web", None, "두 번째"), ("j1", "c", T, "a", "web", None, None),
            ("j1", "c", T, "a", "app", 7, "첫 번째"), ("j2", "c", T - 24 * H, "a", "app", None, None),
            ("j3", "d", T, "a", "app", None, None)]
    path = tmp_path / "episode.parquet"
    pl.DataFrame(rows, schema=["journey_id", "customer_id", "timestamp", "stage", "channel", "nps", "comment"],
                 orient="row").write_parquet(path)
    ds = open_dataset(path)
    ep = episodes.episode(ds, "j1")
    assert ep.select("stage", "channel", "comment").rows() == [("a", "app", "첫 번째"), ("a", "web", None),
                                                              ("b", "web", "두 번째")]
    assert episodes.episode(ds, "nope").height == 0
    assert episodes.customer_journeys(ds, "c")["journey_id"].to_list() == ["j2", "j1"]
    assert episodes.customer_journeys(ds, "c")["stage_path"].to_list() == [["a"], ["a", "b"]]

    # facts without their source (--facts DIR): the comments come from the comments facts, each at its touchpoint
    from store.facts.cache import open_facts

    facts = open_facts(ds.facts_dir)
    assert episodes.episode(facts, "j1").select("stage", "channel", "comment").rows() == ep.select(
        "stage", "channel", "comment").rows()


def test_a_facts_only_episode_keeps_one_comment_per_touchpoint_when_touchpoints_are_equal(tmp_path):
    from store import episodes
    from store.facts.cache import open_facts

    rows = [("j1", T, "a", "web", "tp", "둘째 글"), ("j1", T, "a", "web", "tp", "첫째 글"),
            ("j1", T, "a", "web", "tp", None), ("j1", T + H, "b", "web", None, "끝")]
    path = tmp_path / "equal.parquet"
    pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "touchpoint", "comment"],
                 orient="row").write_parquet(path)
    ds = open_facts(open_dataset(path, cache_dir=tmp_path / "cache").facts_dir)
    got = episodes.episode(ds, "j1")
    assert got.height == 4
    assert sorted(got["comment"].to_list(), key=str) == sorted(["둘째 글", "첫째 글", None, "끝"], key=str)
    assert got["comment"][3] == "끝"


def _contains(path: list[str], seq: list[str]) -> bool:
    """Whether ``len(seq)`` steps of ``path`` in a row contain the parts of ``seq`` in order, ignoring case."""
    return any(all(part.lower() in step.lower() for step, part in zip(path[i:i + len(seq)], seq, strict=True))
               for i in range(len(path) - len(seq) + 1))


@pytest.mark.parametrize("seq", [["가입 상담", "개통"], ["웹", "대리점"], ["개통"], ["개통", "가입 상담"], ["웹", "웹"],
                                 ["상담", "개"], ["대리"]])
def test_the_path_filter_selects_journeys_whose_stage_or_channel_path_contains_the_sequence(telco, seq):
    frame, ds = telco
    paths = journey_paths(frame)
    want = sorted(r["journey_id"] for r in paths.iter_rows(named=True)
                  if _contains(r["stage_path"], seq) or _contains(r["channel_path"], seq))
    f = Filters.make(path_contains=seq)
    assert sorted(q.journeys(ds, f)["journey_id"].to_list()) == want
    # touchpoint figures follow the selected journeys (all their touchpoints)
    assert q.totals(ds, f)["events"] == frame.filter(pl.col("journey_id").is_in(want)).height
    if seq == ["웹", "웹"]:
        assert want == []  # a path is collapsed: a value never follows itself


def test_the_path_filter_matches_a_part_of_each_step_ignoring_case(tmp_path):
    T = dt.datetime(2025, 3, 1, 9)
    rows = [("j1", T, "Join", "Mobile App"), ("j1", T + dt.timedelta(hours=1), "Use", "Call Centre"),
            ("j2", T, "Join", "Call Centre"), ("j2", T + dt.timedelta(hours=1), "Use", "Mobile App"),
            ("j3", T, "Join", "Web"), ("j3", T + dt.timedelta(hours=1), "Use", "Branch (50%_off)")]
    path = tmp_path / "latin.parquet"
    pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel"], orient="row").write_parquet(path)
    ds = open_dataset(path, cache_dir=tmp_path / "cache")

    def selected(typed: str) -> list[str]:
        return sorted(q.journeys(ds, Filters.make(path_contains=typed))["journey_id"])

    assert selected("app>CALL") == ["j1"]
    assert selected("call>app") == ["j2"]
    assert selected("join>use") == ["j1", "j2", "j3"]
    assert selected("%_o") == ["j3"]  # LIKE's wildcards and quotes are text here
    assert selected("'") == [] and selected("app>web") == []


def test_the_path_filter_keeps_the_sequences_order_and_combines_with_other_filters(telco):
    _, ds = telco
    assert Filters.make(path_contains=[" 개통", "가입 상담", ""]).path_contains == ("개통", "가입 상담")
    both = Filters.make(path_contains=["가입 상담", "개통"], persona=["직장인"])
    on_path = {*q.journeys(ds, Filters.make(path_contains=["가입 상담", "개통"]))["journey_id"]}
    of_persona = {*q.journeys(ds, Filters.make(persona=["직장인"]))["journey_id"]}
    assert {*q.journeys(ds, both)["journey_id"]} == on_path & of_persona


def test_steps_and_journey_stages_written_in_parts_are_those_written_at_once(tmp_path, monkeypatch):
    # the late outputs' windows split the journeys into parts by a hash of their id (memory): folders of part files
    frame = telco_events(120, seed=11)
    path = tmp_path / "parts.parquet"
    frame.write_parquet(path)
    whole = open_dataset(path, cache_dir=tmp_path / "whole")
    monkeypatch.setattr(journey_steps, "_WINDOW_EVENTS_PER_PART", 100)
    parted = open_dataset(path, cache_dir=tmp_path / "parted")
    parts = -(-frame.height // 100)
    for name, keys in (("steps.parquet", ["journey_id", "seq"]), (journey_steps.TOUCHPOINT_STEPS, ["journey_id", "seq"]),
                       ("journey_stages.parquet", ["journey_id", "stage"])):
        folder = Path(parted.facts_dir) / name
        assert folder.is_dir() and len(list(folder.glob("part-*.parquet"))) == parts
        assert (Path(whole.facts_dir) / name).is_file()
        got, want = (db.query("SELECT * FROM read_parquet($p)", {"p": str(Path(ds.facts_dir) / name)}).sort(keys)
                     for ds in (parted, whole))
        assert got.height > 0 and got.equals(want)
    for kind in journey_steps.MAP_KINDS:
        assert sp.transition_stats(parted, Filters(), kind).sort("from", "to").equals(
            sp.transition_stats(whole, Filters(), kind).sort("from", "to"))


@pytest.mark.parametrize("kind", ["stage", "channel", "touchpoint"])
@pytest.mark.parametrize("selection", [{}, {"persona": ["직장인"]}, {"channel": ["웹"]},
                                       {"until": dt.date(2026, 3, 1), "stage": ["개통"]}])
def test_the_sorted_median_is_duckdbs_median_to_the_bit(telco, kind, selection):
    # the fallback for when the aggregate median runs out of memory: the same doubles, odd and even counts alike
    _, ds = telco
    f = Filters.make(**selection)
    aggregate = sp.transition_stats(ds, f, kind).sort("from", "to")
    by_sorting = sp.transition_stats(ds, f, kind, sorted_median=True).sort("from", "to")
    assert aggregate.height > 3 and by_sorting.equals(aggregate)
    assert (aggregate["count"] % 2 == 0).any() and (aggregate["count"] % 2 == 1).any()


def test_the_sorted_median_by_hand_with_ties_and_even_counts(tmp_path):
    # app→web: j 1 h and 3 h, k 3 h, m 7 h, n 0 h (equal timestamps): 0, 1, 3, 3, 7 → 3 h (a tie in the middle);
    # web→app: j 2 h, p 3 h → (2 + 3) / 2 = 2.5 h (even count)
    rows = [("j", T, "a", "app"), ("j", T + H, "a", "web"), ("j", T + 3 * H, "a", "app"), ("j", T + 6 * H, "a", "web"),
            ("k", T, "a", "app"), ("k", T + 3 * H, "a", "web"), ("m", T, "a", "app"), ("m", T + 7 * H, "a", "web"),
            ("n", T, "a", "app"), ("n", T, "a", "web"), ("p", T, "a", "web"), ("p", T + 3 * H, "a", "app")]
    path = tmp_path / "even.parquet"
    pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel"], orient="row").write_parquet(path)
    ds = open_dataset(path, cache_dir=tmp_path / "cache")
    want = [("app", "web", 5, 4, 3.0), ("web", "app", 2, 2, 2.5)]
    assert sp.transition_stats(ds, Filters(), "channel", sorted_median=True).sort("from").rows() == want
    assert sp.transition_stats(ds, Filters(), "channel").sort("from").rows() == want


def test_transition_stats_fall_back_to_sorting_when_the_median_runs_out_of_memory(telco, monkeypatch):
    import duckdb

    from store.facts import db as facts_db

    _, ds = telco
    want = sp.transition_stats(ds, Filters.make(persona=["20대 학생"]), "stage").sort("from", "to")
    real = facts_db.query

    def short_of_memory(sql, params=None):
        if "median(hours)" in sql:
            raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        return real(sql, params)

    monkeypatch.setattr(facts_db, "query", short_of_memory)
    q._MEMO.clear()
    got = sp.transition_stats(ds, Filters.make(persona=["20대 학생"]), "stage").sort("from", "to")
    assert got.height > 0 and got.equals(want)

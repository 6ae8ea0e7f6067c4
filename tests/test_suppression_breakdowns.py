"""Small-group suppression in the breakdowns of the Journeys, Journey map, Channels, Duration, Key drivers and
Personas pages, the detractor list of a small selection and a scoped person's filter choices, on the hand-built
fixture of tests/test_suppression.py (and a variant of it where the short journeys branch)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

import report
from figures import channels, duration, executive, journey_map, journeys, personas, privacy
from figures import drivers as drivers_figures
from figures.overview import filter_options
from i18n import t
from metrics.suppression import revealed
from store import Filters, open_dataset
from store import queries as q
from tests.test_suppression import ACCESS, BIG, EXACT, MIN, SHORT, SMALL, _events

HERE = Path(__file__).resolve().parent
BRANCHES = {BIG: ("강남", "역삼"), SMALL: ("제주시",), EXACT: ("남구",), SHORT: ("해운대",)}


def _branching() -> pl.DataFrame:
    """The fixture, with the eight short journeys (부산) going on from 가입: three to 해지 on the call centre, five
    back to 인지 on the chatbot. So 가입 has three edges out: 이용 (32 customers), 인지 (5) and 해지 (3)."""
    base = _events()
    short = base.filter(pl.col("region") == SHORT).sort("timestamp").group_by("journey_id", maintain_order=True).last()
    rank = pl.col("journey_id").rank("ordinal") - 1
    extra = short.with_columns(
        pl.col("timestamp") + pl.duration(hours=2),
        pl.when(rank < 3).then(pl.lit("해지")).otherwise(pl.lit("인지")).alias("stage"),
        pl.when(rank < 3).then(pl.lit("콜센터")).otherwise(pl.lit("챗봇")).alias("channel"),
        pl.lit(None, pl.Float64).alias("nps"), pl.lit(None, pl.String).alias("comment"),
    ).with_columns((pl.col("stage") + "-" + pl.col("channel")).alias("touchpoint"))
    return pl.concat([base, extra.select(base.columns)]).sort("journey_id", "timestamp")


def _with_branches(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(pl.struct("region", "customer_id").map_elements(
        lambda r: BRANCHES[r["region"]][int(r["customer_id"][1:]) % len(BRANCHES[r["region"]])],
        return_dtype=pl.String).alias("branch"))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suppress_breakdowns")
    _events().write_parquet(folder / "events.parquet")
    return folder / "events.parquet", open_dataset(folder / "events.parquet")


@pytest.fixture(scope="module")
def branching(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suppress_branching")
    _with_branches(_branching()).write_parquet(folder / "events.parquet")
    return folder / "events.parquet", open_dataset(folder / "events.parquet")


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setenv("CXLENS_MIN_GROUP", str(MIN))
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)


@pytest.fixture
def off(monkeypatch):
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)


def _region(name: str) -> Filters:
    return Filters.make(dims={"region": [name]})


def _edges(table: pl.DataFrame) -> set[tuple[str, str]]:
    return set(table.select("from", "to").iter_rows())


# --- the process map ----------------------------------------------------------------------------------------------

def test_without_suppression_the_process_map_has_every_edge(branching, off):
    assert _edges(journeys.transition_table(branching[1], Filters(), "stage")) == {
        ("인지", "가입"), ("가입", "이용"), ("가입", "인지"), ("가입", "해지"), ("이용", "해지")}


def test_a_small_edge_is_left_out_with_the_next_smallest_edge_out_of_the_same_stage(branching, monkeypatch):
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    every = journeys.transition_table(branching[1], Filters(), "stage")
    monkeypatch.setenv("CXLENS_MIN_GROUP", str(MIN))
    shown = journeys.transition_table(branching[1], Filters(), "stage")
    # 가입 → 해지 (3 customers) and its complement 가입 → 인지 (5); 이용 → 해지 (2) is 이용's only edge out
    assert _edges(shown) == {("인지", "가입"), ("가입", "이용")}
    for node in ("인지", "가입", "이용"):
        out = every.filter(pl.col("from") == node)
        kept = shown.filter(pl.col("from") == node)
        hidden = out.join(kept, on=["from", "to"], how="anti")
        if out.height > 1 and hidden.height:
            assert not revealed(out["journeys"].sum(), kept["journeys"].to_list(), hidden["journeys"].to_list(),
                                MIN), node
            assert hidden.height >= 2 and hidden["journeys"].sum() >= MIN


def test_an_edge_of_exactly_min_group_customers_is_shown(branching, on):
    # 콜센터 → 챗봇 is taken by the five who go back to 인지 on the chatbot: shown beside 콜센터 → 영업점
    shown = _edges(journeys.transition_table(branching[1], Filters(), "channel"))
    assert ("콜센터", "챗봇") in shown and ("콜센터", "영업점") in shown and ("영업점", "챗봇") not in shown


def test_the_report_s_transitions_leave_out_the_small_edges(branching, on, capsys):
    code = report.main([str(branching[0]), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert {(e["from"], e["to"]) for e in out["transitions"]["stage"]} == {("인지", "가입"), ("가입", "이용")}


# --- the journey map ----------------------------------------------------------------------------------------------

def test_small_stage_channel_cells_are_left_out_and_no_stage_total_reveals_one(branching, monkeypatch):
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    every = journey_map.stage_channel(branching[1], Filters())
    monkeypatch.setenv("CXLENS_MIN_GROUP", str(MIN))
    marked = journey_map.stage_channel(branching[1], Filters())
    hidden_rows = marked.filter(pl.col("suppressed"))
    assert hidden_rows.select("ratings", "csat", "mean_satisfaction").null_count().row(0) == (2, 2, 2)
    shown = marked.filter(~pl.col("suppressed"))
    cells = set(shown.select("stage", "channel").iter_rows())
    assert ("인지", "챗봇") in cells  # exactly 5 customers
    assert set(hidden_rows.select("stage", "channel").iter_rows()) == {("해지", "챗봇"), ("해지", "콜센터")}  # 2, 3
    customers = q.touchpoint_customers(branching[1], Filters(), ["stage", "channel"])
    for stage in every["stage"].unique():
        kept = shown.filter(pl.col("stage") == stage)
        hidden = every.filter(pl.col("stage") == stage).join(kept, on=["stage", "channel"], how="anti")
        if hidden.height:
            sizes = customers.join(hidden.select("stage", "channel"), on=["stage", "channel"])["customers"]
            assert hidden.height >= 2 and sizes.sum() >= MIN, stage


def test_the_emotion_curve_leaves_out_a_small_stage_for_all_journeys_and_per_persona(data, on):
    curve = journey_map.emotion_curve(data[1], Filters())
    overall = curve.filter(pl.col("persona").is_null())["stage"].to_list()
    assert "해지" not in overall and "이용" not in overall  # 2 customers, and the complementary stage (32)
    assert set(curve.filter(pl.col("persona") == "C")["stage"]) == set()  # persona C: 2 customers at each stage


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_hidden_heatmap_cell_says_fewer_than_5_and_shows_no_figure(branching, on, lang):
    import i18n
    from ui.charts import journey_map as charts

    before = i18n._language_source  # the UI's own source, put back after
    i18n.use_language_source(lambda: lang)
    try:
        fig = charts.heatmap(journey_map.stage_channel(branching[1], Filters()), branching[1].stage_order,
                             ["모바일 앱", "콜센터", "영업점", "챗봇"], 30, MIN)
    finally:
        i18n.use_language_source(before)
    texts = [v for row in fig.data[0].text for v in row]
    assert texts.count(t("suppressed_short", lang, n=MIN)) == 2
    hover = [c[3] for c in fig.data[1].customdata]
    assert hover.count(t("suppressed_fewer", lang, n=MIN)) == 2


def test_a_small_funnel_stage_says_fewer_than_5_with_no_figure(data, on):
    steps = {r["stage"]: r for r in journey_map.funnel(data[1], Filters()).iter_rows(named=True)}
    assert steps["해지"]["suppressed"] and steps["해지"]["journeys"] is None and steps["해지"]["reach_pct"] is None
    assert steps["이용"]["suppressed"]  # the complementary stage: the next smallest
    assert steps["가입"]["journeys"] == 40 and not steps["가입"]["suppressed"]
    from ui.charts import journey_map as charts

    fig = charts.funnel(journey_map.funnel(data[1], Filters()), 30, MIN)
    assert list(fig.data[0].text).count(t("suppressed_fewer", "en", n=MIN)) == 2


# --- channels, duration, key drivers ------------------------------------------------------------------------------

def test_a_small_channel_and_its_complementary_channel_are_left_out(data, on):
    scores = channels.channel_scores(data[1], Filters())
    assert scores["channel"].to_list() == ["모바일 앱", "콜센터"]  # 챗봇 (2) and 영업점 (32, the next smallest)
    assert not revealed(q.totals(data[1], Filters())["events"], scores["events"].to_list(), [2, 32], MIN)


def test_a_small_handoff_is_left_out_of_the_channels_page(data, on):
    moves = channels.transitions(data[1], Filters())
    assert set(moves.select("from_channel", "to_channel").iter_rows()) == {("모바일 앱", "콜센터"), ("콜센터", "영업점")}
    matrix = channels.handoffs(data[1], Filters(), ["모바일 앱", "콜센터", "영업점", "챗봇"])
    cells = {r["from_channel"]: r for r in matrix.iter_rows(named=True)}
    assert cells["영업점"]["챗봇"] is None  # hidden: 2 customers, not "0"
    assert cells["챗봇"]["영업점"] == 0 and cells["모바일 앱"]["콜센터"] == 40
    from ui.charts import channels as charts

    fig = charts.handoff_heatmap(matrix, MIN)
    texts = [v for row in fig.data[0].text for v in row]
    assert texts.count(t("suppressed_short", "en", n=MIN)) == 1 and "0" in texts


def test_a_small_handoff_group_and_its_complement_are_left_out(data, on):
    groups = channels.nps_by_handoffs(data[1], Filters())
    assert groups["handoff_group"].to_list() == ["2"]  # 3+ (2 customers) and 1 (8, the next smallest)


def test_without_suppression_every_channel_and_handoff_group_is_shown(data, off):
    assert set(channels.channel_scores(data[1], Filters())["channel"]) == {"모바일 앱", "콜센터", "영업점", "챗봇"}
    assert set(channels.nps_by_handoffs(data[1], Filters())["handoff_group"]) == {"1", "2", "3+"}


def test_small_personas_and_stages_are_left_out_of_the_duration_page(data, on):
    spans = duration.duration_by_persona(data[1], Filters())
    assert spans["persona"].to_list() == [None, "A"]  # all journeys, and A: C (2) and B (6) hidden
    assert spans.filter(pl.col("persona").is_null())["journeys"].to_list() == [40]
    stay = duration.dwell(data[1], Filters())
    assert "해지" not in stay["stage"].to_list()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_key_drivers_are_fitted_on_a_small_selection_and_the_page_says_why(data, on, lang):
    kd, effect = drivers_figures.models(data[1], _region(SMALL))
    assert kd.table is None and effect.per_handoff is None
    said = t("drivers_unavailable", lang, reason=kd.reason)
    assert said == t("drivers_unavailable", lang, reason=t("suppressed_model", lang, n=MIN))
    exact, _ = drivers_figures.models(data[1], _region(EXACT))
    assert exact.reason is not None and exact.reason.key != "suppressed_model"  # too few answers, not hidden


# --- personas ------------------------------------------------------------------------------------------------------

def test_a_small_persona_channel_cell_and_its_complement_are_left_out(data, on):
    mix = personas.channel_mix(data[1], Filters())
    assert set(mix["persona"]) == {"A"}
    shown = mix.filter(~pl.col("suppressed"))
    assert "챗봇" not in shown["channel"].to_list() and shown.height == 2  # 챗봇 (2) and one of the 32s
    pooled = mix.filter(pl.col("suppressed"))  # the hidden channels as one: 2 + 32 touchpoints, no channel named
    assert pooled.rows() == [("A", None, 2 + 32, None, True)]
    total = q.touchpoint_volume(data[1], Filters.make(persona=["A"]), ["persona"])["events"][0]
    assert mix["events"].sum() == total  # the shares stay shares of all the persona's touchpoints
    from ui.charts import personas as charts

    fig = charts.channel_mix(mix, ["A", "B", "C"], {"모바일 앱": "#111", "콜센터": "#222", "영업점": "#333", "챗봇": "#444"})
    assert [tr.name for tr in fig.data][-1] == t("suppressed_channels", "en") and len(fig.data) == 3


def test_a_hidden_derived_persona_has_no_traits(data, on):
    dp = personas.derived_personas(data[1], Filters(), k=3)
    hidden = set(dp.table.filter(pl.col("suppressed"))["persona"])
    assert hidden and not hidden & set(dp.traits["persona"])
    assert set(dp.traits["persona"]) == set(dp.table.filter(~pl.col("suppressed"))["persona"])


# --- the detractor list ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_small_selection_gets_no_detractor_list_and_says_why(data, on, lang):
    assert executive.detractors(data[1], _region(SMALL)).is_empty()
    why = executive.detractors_hidden(data[1], _region(SMALL))
    assert why.text(lang) == t("detractors_hidden", lang, n=MIN)
    assert executive.detractors_hidden(data[1], _region(EXACT)) is None
    listed = executive.detractors(data[1], _region(EXACT))
    assert listed["customer_id"].to_list() == ["C028", "C027"]  # answers 6 and 5: the individual list, by design


def test_report_writes_no_detractor_file_for_a_small_selection_and_audits_none(data, monkeypatch, tmp_path, capsys):
    from loop import audit, db

    access = tmp_path / "access.toml"
    access.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(access))
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    url = f"sqlite:///{tmp_path / 'loop.sqlite'}"
    monkeypatch.setenv("CXLENS_DATABASE_URL", url)
    small, exact = tmp_path / "small.csv", tmp_path / "exact.csv"
    assert report.main([str(data[0]), "--as", "small@bank.co.kr", "--detractors", str(small)]) == 0
    err = capsys.readouterr().err
    assert not small.exists()
    assert "note: " + t("report_detractors_hidden", "en", file="small.csv", n=MIN) in err
    assert report.main([str(data[0]), "--as", "exact@bank.co.kr", "--detractors", str(exact)]) == 0
    assert "not written" not in capsys.readouterr().err
    assert pl.read_csv(exact)["customer_id"].to_list() == ["C028", "C027"]
    assert audit.trail(db.open_database(url))["item"].to_list() == ["exact.csv"]


def test_without_suppression_a_small_selection_has_its_detractor_list(data, off):
    assert executive.detractors_hidden(data[1], _region(SMALL)) is None


# --- filter choices within the scope ----------------------------------------------------------------------------

def test_a_person_scoped_to_a_region_is_offered_only_that_region_s_branches(branching):
    ds = branching[1]
    seoul = filter_options(ds, Filters().within({"region": ["서울"]}))
    assert seoul["branch"] == ["강남", "역삼"] and seoul["region"] == ["서울"]
    assert seoul["persona"] == ["A"] and seoul["channel"] == ["모바일 앱", "영업점", "챗봇", "콜센터"]
    assert seoul["dates"] == [dt.date(2025, 1, 1), dt.date(2025, 3, 4)]
    everyone = filter_options(ds)
    assert everyone["branch"] == ["강남", "남구", "역삼", "제주시", "해운대"]
    jeju = filter_options(ds, Filters().within({"region": ["제주"]}))
    assert jeju["branch"] == ["제주시"] and jeju["channel"] == ["모바일 앱", "영업점", "콜센터"]
    mixed = filter_options(ds, Filters.make(dims={"branch": ["해운대"]}).within({"region": ["서울"]}))
    assert mixed["branch"] == ["강남", "역삼"]  # the selection is ignored, the scope is applied


# --- the pages ------------------------------------------------------------------------------------------------------

PAGES = ("journey_map", "channels", "duration", "personas", "journeys", "drivers")


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", PAGES)
def test_each_page_with_suppression_runs_and_says_small_groups_are_hidden(data, on, page, lang):
    from streamlit.testing.v1 import AppTest

    with pytest.MonkeyPatch.context() as m:
        m.setenv("CXLENS_DATA", str(data[0]))
        at = AppTest.from_file(HERE / "pages" / "app.py", default_timeout=120)
        at.query_params["lang"] = lang
        at.run()
        at.switch_page(str(HERE.parent / "pages" / f"{page}.py")).run()
    assert list(at.exception) == [] and [e.value for e in at.error] == []
    captions = [c.value for c in at.caption]
    if page != "drivers":
        assert captions.count(t("suppressed_note", lang, n=MIN)) == 1, captions
    assert privacy.min_group() == MIN


def test_without_suppression_the_pages_do_not_say_so(data, off):
    from streamlit.testing.v1 import AppTest

    with pytest.MonkeyPatch.context() as m:
        m.setenv("CXLENS_DATA", str(data[0]))
        at = AppTest.from_file(HERE / "pages" / "app.py", default_timeout=120)
        at.run()
        at.switch_page(str(HERE.parent / "pages" / "channels.py")).run()
    assert list(at.exception) == []
    assert t("suppressed_note", "en", n=MIN) not in [c.value for c in at.caption]


# --- the journeys behind a figure ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_journeys_of_a_hidden_transition_or_a_small_selection_are_not_listed(data, on, lang):
    rare = journeys.journey_list(data[1], Filters(), "nps", False, None, ("stage", "이용", "해지"))  # 2 customers
    assert rare["rows"].is_empty() and rare["total"] is None
    assert rare["hidden"].text(lang) == t("journeys_hidden", lang, n=MIN)
    small = journeys.journey_list(data[1], _region(SMALL), "nps", False, None, None)
    assert small["total"] is None and small["rows"].is_empty()
    exact = journeys.journey_list(data[1], _region(EXACT), "nps", False, None, None)
    assert exact["hidden"] is None and exact["total"] == 5 and exact["rows"].height == 5
    common = journeys.journey_list(data[1], Filters(), "nps", False, None, ("stage", "인지", "가입"))
    assert common["hidden"] is None and common["total"] == 40


def test_without_suppression_the_journeys_of_a_rare_transition_are_listed(data, off):
    rare = journeys.journey_list(data[1], Filters(), "nps", False, None, ("stage", "이용", "해지"))
    assert rare["total"] == 2 and rare["hidden"] is None

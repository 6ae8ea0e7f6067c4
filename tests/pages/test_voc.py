"""The Voice of the customer page and the keyword filter, driven headlessly on the sample's planted themes."""

from __future__ import annotations

import polars as pl
import pytest

from i18n import t
from metrics.text import keywords
from store import open_dataset
from store.facts import comments as store_comments


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


@pytest.fixture(scope="module")
def tokenised(sample_path):
    """The sample with its keywords computed (the page's background step, done here once)."""
    store_comments.ensure_tokens(open_dataset(sample_path))
    return sample_path


def test_voc_page_shows_the_planted_themes_and_masked_verbatims(app, tokenised):
    at = app(tokenised, page="voc.py")
    assert _problems(at) == []
    assert at.title[0].value == t("page_voc")
    headers = [h.value for h in at.subheader]
    for key in ("voc_keywords", "voc_keyword_table", "voc_detractors", "voc_promoters", "voc_rising",
                "voc_associated", "voc_compare", "voc_split", "voc_verbatims"):
        assert t(key) in headers, key
    charts = at.get("plotly_chart")
    bars = {}
    for chart in charts:
        import json

        fig = json.loads(chart.proto.spec)
        for trace in fig["data"]:
            if trace.get("type") == "bar" and trace.get("orientation") == "h":
                bars.setdefault(trace["marker"].get("color") if isinstance(trace["marker"].get("color"), str) else "",
                                trace["y"][0])
    assert bars["#D73027"] in ("수수료", "개편")  # detractor bars (and the rising chart's current bars) share red
    assert bars["#1A9850"] == "혜택"
    verbatims = at.dataframe[-1].value
    comments = verbatims[t("col_comment")].tolist()
    assert comments and not any("@example.com" in c or "010-" in c for c in comments)
    dates = verbatims[t("col_date")].tolist()
    assert dates == sorted(dates, reverse=True)


def test_voc_page_is_korean_with_lang_ko(app, tokenised):
    at = app(tokenised, page="voc.py")
    # switched on the page, as tests/pages/test_journeys.py does: with ?lang=ko the overview's period selectbox
    # (run first) trips AppTest's widget-state check on the page switch
    at.session_state["lang"] = "ko"
    at.run()
    assert _problems(at) == []
    assert at.title[0].value == "고객의 소리"
    assert t("voc_detractors", lang="ko") in [h.value for h in at.subheader]


def test_keyword_in_the_url_filters_every_page_to_the_journeys_that_mention_it(app, tokenised):
    events = pl.read_parquet(tokenised)
    commented = events.filter(pl.col("comment").is_not_null())
    mentions = pl.Series([("수수료" in w) for w in keywords(commented["comment"].to_list())])
    want = commented.filter(mentions)["journey_id"].n_unique()
    at = app(tokenised, page="journey_map.py", keyword="수수료")
    assert _problems(at) == []
    assert at.session_state["filters"].keyword == ("수수료",)
    assert at.query_params["keyword"] in ("수수료", ["수수료"])
    assert any(t("n_journeys", n=f"{want:,}") in c.value for c in at.caption)  # the funnel's n


def test_a_keyword_no_comment_uses_selects_nothing_and_says_which_filter_to_relax(app, tokenised):
    at = app(tokenised, keyword="없는키워드")
    assert _problems(at) == []
    assert any(t("keyword") in i.value for i in at.info)


def test_voc_page_on_data_without_comments_says_so(app, telco_path):
    store_comments.ensure_tokens(open_dataset(telco_path))
    at = app(telco_path, page="voc.py")
    assert _problems(at) == []
    assert [i.value for i in at.info] == [t("voc_no_comments")]


def test_journey_map_shows_what_detractors_say_at_the_planted_stage(app, tokenised):
    at = app(tokenised, page="journey_map.py")
    assert _problems(at) == []
    assert t("stage_complaints") in [h.value for h in at.subheader]
    table = at.dataframe[-1].value
    fee = table[table[t("col_stage")] == "이용"]
    assert fee[t("col_keyword")].tolist() == ["수수료"] and "수수료" in fee[t("col_quote")].iloc[0]

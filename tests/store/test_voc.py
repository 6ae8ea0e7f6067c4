"""Voice of the customer through the store: planted themes recovered, counts equal an independent count, the
keyword filter, verbatims masked, and the report's ``voc`` object."""

import datetime as dt
import json

import polars as pl
import pytest

import report
from figures import voc as voc_figures
from metrics.text import keywords
from sample_data import vocabulary as vocab
from store import Filters, open_dataset
from store import voc as store_voc
from store.facts import comments as store_comments
from tests.support.sample import sample_path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = sample_path(tmp_path_factory.mktemp("sample"))
    return open_dataset(path), pl.read_parquet(path)


def independent_counts(events: pl.DataFrame, stage: str | None = None) -> dict[str, int]:
    """Comments containing each keyword, from the events file with plain Python (no DuckDB, no stored tokens)."""
    rows = events.filter(pl.col("comment").is_not_null() & (pl.col("comment").str.strip_chars() != ""))
    if stage:
        rows = rows.filter(pl.col("stage") == stage)
    counts: dict[str, int] = {}
    for words in keywords(rows["comment"].to_list()):
        for w in words:
            counts[w] = counts.get(w, 0) + 1
    return counts


def test_the_planted_complaint_leads_the_detractor_list_and_the_praise_the_promoter_list(sample):
    ds, _ = sample
    v = voc_figures.voc(ds, Filters())
    assert v.detractor["keyword"][0] == "수수료"
    assert v.promoter["keyword"][0] == "혜택"
    assert "혜택" not in v.detractor["keyword"].to_list() and "수수료" not in v.promoter["keyword"].to_list()


def test_the_late_theme_leads_the_rising_list(sample):
    ds, _ = sample
    v = voc_figures.voc(ds, Filters())
    assert v.periods["current"] == (dt.date(2025, 12, 2), dt.date(2025, 12, 31))
    top = v.rising.row(0, named=True)
    assert top["keyword"] == "개편" and top["previous"] == 0.0 and top["current"] > 10
    # against a period before the theme started, nothing about the redesign rises
    early = voc_figures.voc(ds, Filters.make(since=dt.date(2025, 6, 1), until=dt.date(2025, 6, 30)))
    assert "개편" not in early.rising["keyword"].to_list()


@pytest.mark.parametrize("stage", [None, vocab.COMPLAINT_STAGE])
def test_keyword_counts_equal_an_independent_count(sample, stage):
    ds, events = sample
    f = Filters.make(stage=[stage] if stage else [])
    got = store_voc.keyword_counts(ds, f)
    assert dict(zip(got["keyword"], got["comments"], strict=True)) == independent_counts(events, stage)
    total = events.filter(pl.col("comment").is_not_null() & ((pl.col("stage") == stage) if stage else True))
    assert voc_figures.voc(ds, f).comments == total.height


def test_keyword_filter_selects_the_journeys_whose_comments_mention_it(sample):
    ds, events = sample
    commented = events.filter(pl.col("comment").is_not_null())
    mentions = [("수수료" in words) for words in keywords(commented["comment"].to_list())]
    want = set(commented.filter(pl.Series(mentions))["journey_id"])
    f = Filters.make(keyword=["수수료"])
    from store import queries as q

    assert set(q.journeys(ds, f)["journey_id"]) == want
    assert q.totals(ds, f)["events"] == events.filter(pl.col("journey_id").is_in(list(want))).height
    either = Filters.make(keyword=["수수료", "개편"])
    assert q.totals(ds, either)["journeys"] > len(want)


def test_verbatims_are_masked_newest_first_and_searchable(sample):
    ds, _ = sample
    rows = store_voc.verbatims(ds, Filters(), limit=5000)
    assert rows["timestamp"].is_sorted(descending=True)
    assert not rows["comment"].str.contains(r"010-?\d{4}-?\d{4}|@example\.com").any()
    assert rows["comment"].str.contains(r"\*\*\*-\*\*\*\*-\*\*\*\*|\*\*\*@\*\*\*").any()
    fees = store_voc.verbatims(ds, Filters(), keyword="수수료")
    assert fees.height > 0 and fees["comment"].str.contains("수수료").all()
    assert store_voc.verbatims(ds, Filters(), search="example.com").is_empty()  # hidden data is not searchable
    found = store_voc.verbatims(ds, Filters(), search="개편")
    assert found.height > 0 and found["comment"].str.contains("개편").all()


def test_stop_word_setting_removes_domain_words(sample, monkeypatch):
    ds, _ = sample
    monkeypatch.setenv("CXLENS_VOC_STOPWORDS", "단계, 안내")
    got = store_voc.keyword_counts(ds, Filters())["keyword"].to_list()
    assert "단계" not in got and "안내" not in got and "수수료" in got


def test_report_json_has_the_voc_object_with_exactly_the_named_keys(sample, capsys):
    ds, _ = sample
    assert report.main([ds.source, "--format", "json"]) == 0
    v = json.loads(capsys.readouterr().out)["voc"]
    assert set(v) == {"comments", "keywords", "detractor_keywords", "promoter_keywords", "rising_keywords"}
    assert len(v["keywords"]) == min(100, store_voc.keyword_counts(ds, Filters()).height)  # all, up to 100
    assert set(v["keywords"][0]) == {"keyword", "comments", "share", "nps", "nps_responses"}
    assert [k["comments"] for k in v["keywords"]] == sorted((k["comments"] for k in v["keywords"]), reverse=True)
    assert set(v["detractor_keywords"][0]) == {"keyword", "z"} and v["detractor_keywords"][0]["keyword"] == "수수료"
    assert v["promoter_keywords"][0]["keyword"] == "혜택"
    assert set(v["rising_keywords"][0]) == {"keyword", "current", "previous", "z"}
    zs = [k["z"] for k in v["promoter_keywords"]]
    assert zs == sorted(zs, reverse=True)


def test_report_keyword_flag_filters_every_figure(sample, capsys):
    ds, _ = sample
    assert report.main([ds.source, "--keyword", "수수료", "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["voc"]["keywords"][0]["keyword"] == "수수료"
    assert r["voc"]["keywords"][0]["share"] < 100  # other comments of those journeys count too
    assert r["nps"] < -60


def test_without_comments_voc_is_null_with_a_reason(tmp_path, capsys):
    path = tmp_path / "no_comments.parquet"
    pl.DataFrame({
        "journey_id": ["a", "a", "b"], "timestamp": [dt.datetime(2025, 1, 1, 9), dt.datetime(2025, 1, 1, 10),
                                                     dt.datetime(2025, 1, 2, 9)],
        "stage": ["가입", "이용", "가입"], "channel": ["앱", "앱", "콜센터"], "nps": [None, 9, 3],
        "comment": [None, "  ", None],
    }).write_parquet(path)
    assert report.main([str(path), "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["voc"] is None
    assert r["statistics_reasons"]["voc"] == "no comments on the selected touchpoints"


def test_tokens_run_once_in_the_background_with_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "few.parquet"
    pl.DataFrame({
        "journey_id": ["a", "b", "c", "d"], "timestamp": [dt.datetime(2025, 1, d, 9) for d in (1, 2, 3, 4)],
        "stage": ["이용"] * 4, "channel": ["앱"] * 4, "nps": [3, 10, None, 5],
        "comment": ["유심이 안 돼요", "유심을 바꿨어요", "유심이 안 돼요", "연락처 010-1234-5678"],
    }).write_parquet(path)
    ds = open_dataset(path)
    assert not store_comments.tokens_ready(ds)
    seen = []
    monkeypatch.setattr(store_comments, "CHUNK_TEXTS", 1)
    job = store_comments.start_tokens(ds)
    assert store_comments.start_tokens(ds) is job  # one job per data version
    job.thread.join(60)
    assert job.error is None and job.fraction == 1.0 and store_comments.tokens_ready(ds)
    store_comments.ensure_tokens(ds, lambda fraction, message: seen.append(fraction))
    assert seen == []  # already done: not tokenised again
    tokens = pl.read_parquet(str(tmp_path / "cache" / ds.version / store_comments.TOKENS))
    # three distinct texts, each tokenised once; the phone number is no keyword
    assert sorted(tokens.rows()) == [(1, "연락처"), (2, "바꾸다"), (2, "유심"), (3, "유심")]
    counts = store_voc.keyword_counts(ds, Filters())
    assert dict(zip(counts["keyword"], counts["comments"], strict=True)) == {"유심": 3, "바꾸다": 1, "연락처": 1}


def test_the_top_complaint_of_the_planted_stage_is_the_planted_fee_with_a_detractor_quote(sample):
    ds, events = sample
    said = voc_figures.top_complaints(ds, Filters(), "stage")
    fee = said.filter(pl.col("stage") == vocab.COMPLAINT_STAGE).row(0, named=True)
    assert fee["keyword"] == "수수료" and "수수료" in fee["quote"]
    last = events.sort("timestamp").group_by("journey_id").agg(pl.col("nps").drop_nulls().last())
    detractors = set(last.filter(pl.col("nps") <= 6)["journey_id"])
    quoted = events.filter((pl.col("comment") == fee["quote"]) & (pl.col("stage") == vocab.COMPLAINT_STAGE))
    newest = quoted.filter(pl.col("journey_id").is_in(list(detractors)))["timestamp"].max()
    fee_comments = events.filter(pl.col("journey_id").is_in(list(detractors)) & (pl.col("stage") == vocab.COMPLAINT_STAGE)
                                 & pl.col("comment").str.contains("수수료"))
    assert newest == fee_comments["timestamp"].max()  # the newest detractor comment with the keyword
    assert fee["comments"] == fee_comments.height


def test_no_top_complaint_is_claimed_where_detractors_say_what_everyone_says(tmp_path):
    rows = []
    for j in range(120):  # the same two comments, in equal shares, from detractors and promoters alike
        rows.append({"journey_id": f"J{j:03d}", "timestamp": dt.datetime(2025, 3, 1 + j % 20, 9), "stage": "이용",
                     "channel": "앱", "nps": 2 if j % 2 else 10,
                     "comment": "이체 수수료가 비싸요" if j % 4 < 2 else "앱 화면이 깔끔해요"})
    path = tmp_path / "same.parquet"
    pl.DataFrame(rows).write_parquet(path)
    assert voc_figures.top_complaints(open_dataset(path), Filters(), "stage").is_empty()


def test_the_quote_is_the_newest_detractor_comment_even_behind_hundreds_of_newer_ones_from_promoters(tmp_path):
    rows = []
    for j in range(400):  # detractors all complain of the fee, in January; the newest of them left a phone number
        rows.append({"journey_id": f"D{j:03d}", "timestamp": dt.datetime(2025, 1, 1 + j % 28, 9, j % 60),
                     "stage": "이용", "channel": "앱", "nps": 3,
                     "comment": "이체 수수료가 너무 비싸요" if j != 399 else "수수료 환불 010-1234-5678로 연락주세요"})
    rows[399]["timestamp"] = dt.datetime(2025, 1, 31, 23)
    for j in range(2250):  # promoters, later; 250 of them mention the fee too, all newer than any detractor
        rows.append({"journey_id": f"P{j:04d}", "timestamp": dt.datetime(2025, 3, 1 + j % 28, 10, j % 60),
                     "stage": "이용", "channel": "앱", "nps": 10,
                     "comment": "수수료도 괜찮고 만족해요" if j < 250 else "앱 화면이 깔끔해요"})
    path = tmp_path / "promoters_last.parquet"
    pl.DataFrame(rows).sample(fraction=1.0, shuffle=True, seed=3).write_parquet(path)
    said = voc_figures.top_complaints(open_dataset(path), Filters(), "stage").row(0, named=True)
    assert said["keyword"] == "수수료" and said["comments"] == 400
    # the 200 newest comments with the keyword are all promoters': the quote is still the detractor's, masked
    assert said["quote"].startswith("수수료 환불 ") and "1234-5678" not in said["quote"]


@pytest.mark.parametrize("selection", [
    {"persona": ["사회초년생"]},                                   # column predicates on the comments
    {"dims": {"region": ["서울"]}},                                # through the selected journeys
    {"since": dt.date(2025, 6, 1), "until": dt.date(2025, 6, 30), "channel": ["모바일 앱"]},
])
def test_keyword_counts_under_journey_filters_equal_an_independent_count(sample, selection):
    ds, events = sample
    first = events.sort("timestamp").group_by("journey_id").agg(pl.col("timestamp").min().alias("first_ts"),
                                                               pl.col("persona").drop_nulls().first())
    keep = first
    if "persona" in selection:
        keep = keep.filter(pl.col("persona").is_in(selection["persona"]))
    if "since" in selection:
        keep = keep.filter(pl.col("first_ts").dt.date().is_between(selection["since"], selection["until"]))
    rows = events.filter(pl.col("journey_id").is_in(keep["journey_id"].to_list()))
    if "dims" in selection:
        rows = rows.filter(pl.col("region").is_in(selection["dims"]["region"]))  # fixed per customer
    if "channel" in selection:
        rows = rows.filter(pl.col("channel").is_in(selection["channel"]))
    got = store_voc.keyword_counts(ds, Filters.make(**selection))
    assert dict(zip(got["keyword"], got["comments"], strict=True)) == independent_counts(rows)


def test_exported_verbatims_are_masked_and_formula_safe(tmp_path):
    from ui.layout import csv_bytes

    path = tmp_path / "hostile.parquet"
    pl.DataFrame({
        "journey_id": ["a", "b"], "timestamp": [dt.datetime(2025, 5, 1, 9), dt.datetime(2025, 5, 2, 9)],
        "stage": ["문의", "문의"], "channel": ["콜센터", "앱"], "nps": [2, 9],
        "comment": ['=HYPERLINK("http://x.example","유심") 연락처 010-1234-5678', "주민번호 900101-1234567 보냈어요"],
    }).write_parquet(path)
    rows = store_voc.verbatims(open_dataset(path), Filters())
    text = csv_bytes(rows).decode("utf-8-sig")
    assert "010-1234-5678" not in text and "900101-1234567" not in text
    assert "'=HYPERLINK" in text and "***-****-****" in text and "******-*******" in text
    assert rows["comment"].to_list()[0].startswith("주민번호")  # newest first


def test_report_table_lists_the_keywords_and_the_three_lists(sample, capsys):
    ds, _ = sample
    assert report.main([ds.source]) == 0
    out = capsys.readouterr().out
    assert f"comments              {voc_figures.voc(ds, Filters()).comments:,}" in out
    assert "detractors say (z)    수수료" in out
    assert "promoters say (z)     혜택" in out
    assert "rising (share %)      개편 0.0→" in out

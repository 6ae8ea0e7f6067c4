"""Keywords, masking and the keyword statistics of metrics.text and metrics.voc, against hand computations."""

import math

import polars as pl
import pytest
from statsmodels.stats.proportion import proportions_ztest

from metrics.text import keywords, mask, mask_expr
from metrics.voc import (
    associated_words,
    distinctive,
    keyword_table,
    log_odds,
    nps_class,
    rising_keywords,
)

# --- tokens ----------------------------------------------------------------------------------------


def test_particles_never_survive_a_noun():
    got = keywords(["유심이 안 돼요", "유심을 바꿨는데요", "유심은 어디서 사나요?", "유심도 새로 받았어요"])
    for words in got:
        assert "유심" in words
        assert not any(w.startswith("유심") and w != "유심" for w in words)


def test_nouns_written_together_are_kept_as_a_compound_as_well_as_alone():
    assert keywords(["본인인증이 너무 오래 걸려요"])[0] == ["본인", "인증", "본인인증", "걸리다"]
    assert "공동인증서" in keywords(["공동인증서 로그인이 계속 실패해요"])[0]
    spaced = keywords(["본인 인증이 늦어요"])[0]  # nouns apart are no compound
    assert "본인" in spaced and "인증" in spaced and "본인인증" not in spaced


def test_adjective_and_verb_roots_keep_their_meaning_and_light_verbs_go():
    assert keywords(["상담원분이 친절하셨어요"])[0] == ["상담원", "친절"]
    fee = keywords(["이체 수수료가 비싸요"])[0]
    assert fee == ["이체", "수수료", "비싸다"]
    assert not {"하다", "되다", "있다"} & set(keywords(["가입은 했는데 되는 게 없어요"])[0])


def test_english_and_mixed_text_is_lower_cased_without_stop_words():
    words = keywords(["The App crashed twice, 앱이 멈춰요"])[0]
    assert words == ["app", "crashed", "twice", "앱", "멈추다"]


def test_each_keyword_counts_once_per_comment_and_empty_text_has_none():
    assert keywords(["수수료 수수료 또 수수료!", "", "   ", "ㅋㅋㅋ"]) == [["수수료"], [], [], []]
    assert keywords([]) == []


def test_personal_data_never_becomes_a_keyword():
    words = keywords(["연락처 010-1234-5678, kim.cs@bank.co.kr, 900101-1234567"])[0]
    assert words == ["연락처"]


# --- masking ---------------------------------------------------------------------------------------

MASK_CASES = [
    ("연락처 010-1234-5678 로 주세요", "연락처 ***-****-**** 로 주세요"),
    ("01012345678번으로 전화", "***-****-****번으로 전화"),
    ("+82 10-1234-5678", "***-****-****"),
    ("지점 02-123-4567 / 031.123.4567", "지점 ***-****-**** / ***-****-****"),
    ("메일은 kim.cs+vip@bank.co.kr 입니다", "메일은 ***@*** 입니다"),
    ("주민번호 900101-1234567이요", "주민번호 ******-*******이요"),
    ("0101013234567", "******-*******"),  # a 2001-born resident number, not a phone number
    ("010-1111-2222 010-3333-4444", "***-****-**** ***-****-****"),
    ("2025-03-01 14:05 결제 1,234,567원, 주문번호 12345678", "2025-03-01 14:05 결제 1,234,567원, 주문번호 12345678"),
]


@pytest.mark.parametrize(("text", "masked"), MASK_CASES)
def test_phone_numbers_emails_and_resident_numbers_are_masked_and_nothing_else(text, masked):
    assert mask(text) == masked


def test_the_polars_mask_equals_the_python_mask():
    texts = [t for t, _ in MASK_CASES] + [None]
    got = pl.DataFrame({"c": texts}).select(mask_expr("c"))["c"].to_list()
    assert got == [m for _, m in MASK_CASES] + [None]
    assert mask(None) is None


# --- keyword table -----------------------------------------------------------------------------------


def test_keyword_table_shares_nps_and_satisfaction_equal_a_hand_computation():
    counts = pl.DataFrame({"keyword": ["수수료", "혜택", "앱"], "comments": [3, 1, 3], "ratings": [2, 0, 3],
                           "satisfaction_sum": [3, 0, 12]})
    journey_nps = pl.DataFrame({"keyword": ["수수료", "수수료", "수수료", "앱"], "nps": [2, 5, 10, 9], "n": [1, 1, 1, 2]})
    got = keyword_table(counts, journey_nps, 6, min_sample=2)
    assert got["keyword"].to_list() == ["수수료", "앱", "혜택"]  # most mentioned first, ties by keyword
    fee = got.row(0, named=True)
    assert fee["share"] == pytest.approx(50.0)
    assert fee["nps"] == pytest.approx(100 * (1 - 2) / 3)
    assert fee["nps_responses"] == 3 and not fee["low_sample"]
    p, d = 1 / 3, 2 / 3
    half = 1.959963984540054 * 100 * math.sqrt((p + d - (p - d) ** 2) / 3)
    assert fee["nps_low"] == pytest.approx(max(fee["nps"] - half, -100))
    assert fee["mean_satisfaction"] == pytest.approx(1.5)
    benefit = got.row(2, named=True)
    assert benefit["nps"] is None and benefit["nps_responses"] == 0 and benefit["low_sample"]
    assert benefit["mean_satisfaction"] is None  # no ratings: no mean, never 0 or NaN


# --- weighted log-odds -------------------------------------------------------------------------------


def test_log_odds_equals_the_monroe_formula_computed_by_hand():
    target = pl.DataFrame({"keyword": ["수수료", "앱"], "comments": [8, 2]})
    other = pl.DataFrame({"keyword": ["앱", "혜택"], "comments": [3, 5]})
    background = pl.DataFrame({"keyword": ["수수료", "앱", "혜택", "단계"], "comments": [10, 6, 6, 18]})
    got = log_odds(target, other, background, prior_size=20)
    a = {w: 20 * b / 40 for w, b in (("수수료", 10), ("앱", 6), ("혜택", 6))}
    n_t, n_o = 10, 8

    def z(y_t, y_o, alpha):
        delta = math.log((y_t + alpha) / (n_t + 20 - y_t - alpha)) - math.log((y_o + alpha) / (n_o + 20 - y_o - alpha))
        return delta, delta / math.sqrt(1 / (y_t + alpha) + 1 / (y_o + alpha))

    want = {"수수료": z(8, 0, a["수수료"]), "앱": z(2, 3, a["앱"]), "혜택": z(0, 5, a["혜택"])}
    assert got["keyword"].to_list() == ["수수료", "앱", "혜택"]  # 단계 is in neither group
    for row in got.iter_rows(named=True):
        assert row["log_odds"] == pytest.approx(want[row["keyword"]][0])
        assert row["z"] == pytest.approx(want[row["keyword"]][1])


def test_distinctive_keeps_significant_keywords_of_the_target_group_only():
    counts = pl.DataFrame({
        "nps_class": ["detractor"] * 3 + ["promoter"] * 3 + [None],
        "keyword": ["수수료", "앱", "단계", "혜택", "앱", "단계", "단계"],
        "comments": [60, 20, 50, 40, 20, 50, 10],
    })
    det = distinctive(counts, "nps_class", "detractor", "promoter")
    assert det["keyword"].to_list() == ["수수료"]
    assert distinctive(counts, "nps_class", "promoter", "detractor")["keyword"].to_list() == ["혜택"]
    assert det["target_comments"].to_list() == [60] and det["other_comments"].to_list() == [0]


def test_nps_class_uses_the_nps_thresholds():
    got = pl.DataFrame({"s": [0, 6, 7, 8, 9, 10, None]}).select(nps_class("s").alias("s"))["s"].to_list()
    assert got == ["detractor", "detractor", "passive", "passive", "promoter", "promoter", None]


# --- associated words --------------------------------------------------------------------------------


def test_associated_words_rank_by_lift_with_a_minimum_count_and_leave_out_compound_parts():
    counts = pl.DataFrame({"keyword": ["본인인증", "본인", "오류", "앱", "지연", "시간"],
                           "comments": [20, 25, 10, 50, 4, 30]})
    both = pl.DataFrame({"keyword": ["본인", "오류", "앱", "지연", "시간"], "both": [20, 8, 10, 4, 9]})
    got = associated_words(both, counts, 100, "본인인증", min_count=5)
    # 본인 is part of it; 지연 is under the minimum count; 앱 is exactly as frequent as by chance (lift 1)
    assert got["keyword"].to_list() == ["오류", "시간"]
    error = got.row(0, named=True)
    assert error["lift"] == pytest.approx(8 * 100 / (20 * 10))
    assert error["pmi"] == pytest.approx(math.log2(4.0))
    assert got.row(1, named=True)["lift"] == pytest.approx(9 * 100 / (20 * 30))
    assert associated_words(both, counts, 100, "없는말").is_empty()


# --- rising keywords ---------------------------------------------------------------------------------


def test_rising_keywords_use_the_pooled_two_proportion_z_test():
    current = pl.DataFrame({"keyword": ["개편", "앱", "수수료"], "comments": [30, 25, 5]})
    previous = pl.DataFrame({"keyword": ["앱", "수수료", "혜택"], "comments": [18, 20, 9]})
    got = rising_keywords(current, 200, previous, 300)
    assert got["keyword"].to_list() == ["개편", "앱"]  # 수수료 fell; 혜택 vanished
    for row in got.iter_rows(named=True):
        x1 = {"개편": 30, "앱": 25}[row["keyword"]]
        x0 = {"개편": 0, "앱": 18}[row["keyword"]]
        z, p = proportions_ztest([x1, x0], [200, 300])
        assert row["z"] == pytest.approx(z)
        assert row["p_value"] == pytest.approx(p)
        assert row["current"] == pytest.approx(100 * x1 / 200)
        assert row["previous"] == pytest.approx(100 * x0 / 300)


def test_rising_needs_comments_in_both_periods_and_a_minimum_count():
    current = pl.DataFrame({"keyword": ["개편"], "comments": [4]})
    previous = pl.DataFrame({"keyword": ["앱"], "comments": [3]})
    assert rising_keywords(current, 10, previous, 0).is_empty()
    assert rising_keywords(current, 10, previous, 500).is_empty()  # significant, but only 4 comments
    every = pl.DataFrame({"keyword": ["앱"], "comments": [10]})
    assert rising_keywords(every, 10, pl.DataFrame({"keyword": ["앱"], "comments": [5]}), 5).is_empty()

"""The executive story: each template is chosen only when its claim is true of the figures beside it."""

import re
import string

import polars as pl
import pytest

from metrics.movers import COLUMNS
from metrics.significance import Comparison
from metrics.story import (
    STORY_EN,
    STORY_KEYS,
    biggest_mover,
    changes_sentence,
    fix_first,
    fix_first_text,
    lowest_stage,
    mover_sentence,
    nps_sentence,
)

STAGES = ["인지", "가입", "본인인증", "이용", "문의"]


def drivers(top: str, p_value: float = 1e-6, coefficient: float = 1.1) -> pl.DataFrame:
    """A key-driver table whose most important stage is ``top``."""
    rows = [(s, 60.0 if s == top else 10.0, coefficient if s == top else 0.2, p_value if s == top else 0.01)
            for s in STAGES]
    return pl.DataFrame(rows, schema=["stage", "importance", "coefficient", "p_value"], orient="row")


def ratings(means: dict[str, float], n: int = 500) -> pl.DataFrame:
    return pl.DataFrame({"stage": list(means), "ratings": [n] * len(means), "mean_satisfaction": list(means.values())})


def pains(rows: list[tuple[str, str, float, bool]]) -> pl.DataFrame:
    """(touchpoint, stage, csat, below_average) rows, worst first."""
    return pl.DataFrame(rows, schema=["touchpoint", "stage", "csat", "below_average"], orient="row")


MEANS = {"인지": 4.1, "가입": 3.9, "본인인증": 2.96, "이용": 3.53, "문의": 3.68}
LOGIN = ("공동인증서 로그인", "본인인증", 2.6, True)


def test_the_issue_case_fixes_the_stage_two_signals_name_and_states_the_driver():
    ff = fix_first(drivers("이용"), ratings(MEANS), pains([LOGIN]))
    assert ff.stage == "본인인증" and ff.key == "fix_lowest_pain"
    assert fix_first_text(ff) == (
        "Fix first: 본인인증. It is rated lowest (2.96/5) and holds the worst pain point, 공동인증서 로그인 (CSAT 3%). "
        "이용 is the stage whose rating goes with NPS most (rated 3.53/5).")


def test_all_three_signals_agree():
    ff = fix_first(drivers("본인인증"), ratings(MEANS), pains([LOGIN]))
    assert ff.key == "fix_driver_lowest_pain" and ff.parts == ()
    assert fix_first_text(ff).startswith("Fix first: 본인인증. Its rating goes with NPS more than any other stage's")


def test_no_single_fix_first_when_every_signal_names_another_stage():
    ff = fix_first(drivers("이용"), ratings(MEANS), pains([("상담원 연결", "문의", 40.0, True)]))
    assert ff.stage is None and ff.key == "fix_none"
    text = fix_first_text(ff)
    assert "Fix first:" not in text
    assert "이용 is the stage whose rating goes with NPS most" in text and "본인인증 is rated lowest (2.96/5)" in text
    assert "The worst pain point, 상담원 연결 (CSAT 40%), is in 문의." in text


def test_driver_and_pain_agree_and_the_lowest_is_stated():
    ff = fix_first(drivers("이용"), ratings(MEANS), pains([("이체", "이용", 30.0, True)]))
    assert ff.key == "fix_driver_pain" and ff.stage == "이용"
    text = fix_first_text(ff)
    assert "Its rating goes with NPS more than any other stage's" in text and "rated lowest (3.53" not in text
    assert text.endswith("본인인증 is rated lowest (2.96/5).")


def test_a_driver_that_is_not_significant_or_negative_names_no_stage():
    for table in (drivers("본인인증", p_value=0.3), drivers("본인인증", coefficient=-0.4)):
        ff = fix_first(table, ratings(MEANS), pains([LOGIN]))
        assert ff.key == "fix_lowest_pain" and ff.parts == ("part_no_driver",)
        assert "goes with NPS more than" not in fix_first_text(ff)
    assert fix_first(None, ratings(MEANS), pains([LOGIN])).parts == ("part_no_driver",)


def test_a_touchpoint_above_the_average_is_never_the_worst_pain_point():
    ff = fix_first(drivers("이용"), ratings(MEANS), pains([("이체", "이용", 72.0, False)]))
    assert ff.signals == {"driver": "이용", "lowest": "본인인증"} and ff.key == "fix_none"
    assert "No touchpoint stands out: none is rated clearly below the average CSAT." in fix_first_text(ff)


def test_rated_lowest_is_only_said_of_a_stage_with_enough_ratings():
    few = pl.concat([ratings(MEANS), pl.DataFrame({"stage": ["재이용"], "ratings": [5], "mean_satisfaction": [1.2]})])
    assert lowest_stage(few, 30)["stage"] == "본인인증"
    assert "재이용" not in fix_first_text(fix_first(drivers("이용"), few, pains([LOGIN]), 30))
    # no stage has 30 ratings: no "lowest" signal, and the driver and the pain point name different stages
    ff = fix_first(drivers("이용"), ratings(MEANS, n=10), pains([LOGIN]), 30)
    assert (ff.key, ff.parts) == ("fix_none", ("part_driver", "part_no_lowest", "part_pain"))
    assert "No stage has 30 ratings or more." in fix_first_text(ff)


def comparison(delta, p, significant, small=False):
    return Comparison(delta, p, significant, small)


def say(c, compared=True, nps=-41.1, answers=(900, 880)):
    return nps_sentence(nps, c, "the last 30 days", "11-02 – 12-01", compared, answers, 30)


def test_the_nps_sentence_says_significant_only_of_a_significant_test_on_enough_answers():
    assert say(comparison(-8.0, 0.008, True)) == ("NPS -41.1 in the last 30 days: -8.0 against 11-02 – 12-01, "
                                                  "a significant change.")
    assert say(comparison(-2.0, 0.31, False)).endswith("not a significant change.")
    small = say(comparison(-20.0, 0.01, True, small=True), answers=(12, 40))
    assert "significant" not in small and "too few answers to tell (12 and 40" in small
    assert say(comparison(0.04, 0.98, False)).endswith("unchanged against 11-02 – 12-01.")
    assert say(comparison(-8.0, 1e-7, True)).endswith(", a significant change.")


def test_the_nps_sentence_gives_no_change_without_a_comparison():
    assert say(comparison(None, None, None, True), compared=True).endswith(
        "nothing to compare with: 11-02 – 12-01 has no answers.")
    assert say(comparison(-3.0, 0.2, False), compared=False).endswith("nothing to compare with: 11-02 – 12-01 has no answers.")
    assert say(None, nps=None) == "No NPS answers in the last 30 days."
    assert "cannot be tested" in say(comparison(0.0, None, None))


def alert_frame(rows):
    base = dict.fromkeys(COLUMNS)
    return pl.DataFrame([{**base, **r} for r in rows],
                        schema={c: pl.String if c in ("dimension", "value", "metric") else
                                pl.Boolean if c in ("tested", "significant") else pl.Float64 for c in COLUMNS})


def test_the_biggest_mover_is_the_most_significant_segment_not_the_whole_selection():
    frame = alert_frame([
        {"dimension": "all", "value": None, "metric": "nps", "current": -41.1, "previous": -33.1, "change": -8.0,
         "p_value": 1e-9},
        {"dimension": "channel", "value": "챗봇", "metric": "nps", "current": -97.1, "previous": -66.1,
         "change": -31.0, "p_value": 1e-8},
        {"dimension": "stage", "value": "가입", "metric": "csat", "current": 60.0, "previous": 70.0, "change": -10.0,
         "p_value": 1e-3},
    ])
    assert biggest_mover(frame)["value"] == "챗봇"
    assert mover_sentence(frame, 64, dimension_labels={"channel": "channel"}) == (
        "Biggest move: NPS for channel 챗봇, -31.0 (-66.1 → -97.1), a significant change.")
    only_all = frame.head(1)
    assert mover_sentence(only_all, 64).startswith("Only the selection as a whole changed significantly: NPS -8.0")
    assert mover_sentence(frame.clear(), 64) == "No segment changed significantly."
    csat_only = frame.slice(2, 1)
    assert mover_sentence(csat_only, 10).startswith("Biggest move: CSAT for stage 가입, -10.0 pp")


@pytest.mark.parametrize("key", STORY_KEYS)
def test_every_story_template_has_the_same_fields_in_both_languages(key):
    from i18n import t

    def fields(text):
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    assert t("headline_" + key, lang="en") == STORY_EN[key]
    assert fields(t("headline_" + key, lang="ko")) == fields(STORY_EN[key])


JARGON = re.compile(r"p [=<] |Benjamini|log-odds|z = |R²|of what stage satisfaction explains|moves NPS|로그 오즈")


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_headline_template_carries_a_statistic_or_causal_wording(lang):
    from i18n import t

    for key in STORY_KEYS:
        assert not JARGON.search(t("headline_" + key, lang=lang)), key


def rising_frame(rows):
    return pl.DataFrame(rows, schema={"keyword": pl.String, "current": pl.Float64, "previous": pl.Float64,
                                      "p_value": pl.Float64}, orient="row")


def test_what_changed_ranks_rising_comment_themes_and_segment_moves_by_their_evidence():
    moves = alert_frame([
        {"dimension": "all", "value": None, "metric": "nps", "current": -41.1, "previous": -33.1, "change": -8.0,
         "p_value": 1e-9},
        {"dimension": "channel", "value": "챗봇", "metric": "nps", "current": -97.1, "previous": -66.1,
         "change": -31.0, "p_value": 1e-8},
    ])
    rising = rising_frame([("개편", 25.3, 0.0, 1e-23), ("앱", 18.5, 0.0, 1e-17), ("메뉴", 10.5, 0.0, 1e-7)])
    said = changes_sentence(moves, rising, True, "11-02 – 12-01", dimension_labels={"channel": "channel"})
    assert said == ("What changed: comments mentioning “개편” up from 0.0% to 25.3%; comments mentioning “앱” up "
                    "from 0.0% to 18.5%; NPS for channel 챗봇 -31.0 (-66.1 → -97.1).")
    # the VoC page's rising words are never hidden behind "no segment moved"
    assert "개편" in changes_sentence(moves.clear(), rising, True, "11-02 – 12-01")


def test_what_changed_says_nothing_to_compare_with_when_the_previous_period_is_empty():
    said = changes_sentence(alert_frame([]).clear(), None, False, "2024-12-02 – 2024-12-31")
    assert said == "What changed: nothing to compare with; 2024-12-02 – 2024-12-31 has no data."
    assert "tested" not in said


def test_what_changed_says_nothing_changed_only_when_the_themes_were_checked_too():
    empty = alert_frame([]).clear()
    assert changes_sentence(empty, rising_frame([]), True, "p") == (
        "Nothing changed significantly: no segment's NPS or CSAT, and no comment theme.")
    assert changes_sentence(empty, None, True, "p") == "No segment changed significantly."

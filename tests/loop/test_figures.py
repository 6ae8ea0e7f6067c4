"""figures/loop.py on a real dataset: a launched action's impact in plain words, the case metrics, the one line."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from figures import loop as loop_figures
from loop.actions import all_actions, create_action
from loop.cases import all_cases, open_case, update_case
from store import open_dataset
from tests.support.loop_data import LAUNCH, TARGET, write_planted

AT = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return open_dataset(write_planted(tmp_path_factory.mktemp("planted") / "events.parquet", 10.0))


@pytest.fixture(scope="module")
def unchanged(tmp_path_factory):
    return open_dataset(write_planted(tmp_path_factory.mktemp("unchanged") / "events.parquet", 0.0))


def _launch(engine, kind="stage", value=TARGET):
    return create_action(engine, title="본인인증 간소화", target_kind=kind, target_value=value, owner="kim", by="lee",
                         status="launched", launch_date=LAUNCH, expected_effect_pp=10, now=AT)


def test_a_planted_ten_point_change_is_found_and_said_in_plain_words(engine, planted):
    _launch(engine)
    (action, measured), = loop_figures.action_impacts(planted, all_actions(engine))
    i = measured.impact
    assert i.did_significant and i.did_pp > 0 and i.did_low < 10.0 < i.did_high
    said = str(measured.sentence)
    assert said.startswith(f"{TARGET} CSAT {i.target_before.csat:.0f}% → {i.target_after.csat:.0f}% since 2026-11-01: "
                           f"{i.did_pp:+.0f} pp against the other stages")
    assert said.endswith("significant.") and "not significant" not in said
    assert "유의함" in measured.sentence.text("ko") and "다른 단계 대비" in measured.sentence.text("ko")
    weeks = measured.weekly
    assert set(weeks["group"]) == {"target", "rest"}
    assert int(weeks.filter(pl.col("group") == "target")["ratings"].sum()) == i.target_before.ratings + \
        i.target_after.ratings


def test_without_a_change_the_impact_is_not_significant_and_says_it_could_be_chance(engine, unchanged):
    _launch(engine)
    (_, measured), = loop_figures.action_impacts(unchanged, all_actions(engine))
    assert measured.impact.did_significant is False and measured.impact.did_low < 0 < measured.impact.did_high
    assert "not significant: it could be chance" in str(measured.sentence)
    assert "유의하지 않음" in measured.sentence.text("ko")


def test_an_action_on_a_touchpoint_is_measured_against_the_other_touchpoints(engine, planted):
    _launch(engine, "touchpoint", f"{TARGET} 화면")
    (_, measured), = loop_figures.action_impacts(planted, all_actions(engine))
    assert measured.impact.did_significant and "against the other touchpoints" in str(measured.sentence)


@pytest.mark.parametrize("kind, value, status, phrase", [
    ("keyword", "대기", "launched", "the impact of a keyword theme is not measured"),
    ("stage", TARGET, "planned", "not launched yet"),
    ("stage", "없는 단계", "launched", "no CSAT ratings on both sides of 2026-11-01"),
])
def test_an_impact_that_is_not_measured_says_why(engine, planted, kind, value, status, phrase):
    create_action(engine, title="t", target_kind=kind, target_value=value, owner="kim", by="lee", status=status,
                  launch_date=LAUNCH if status == "launched" else None)
    (_, measured), = loop_figures.action_impacts(planted, all_actions(engine))
    assert measured.impact is None or measured.impact.did_p_value is None
    assert phrase in str(measured.sentence)


def test_the_line_and_the_report_agree_on_cases_and_the_latest_action(engine, planted):
    case, _ = open_case(engine, customer_id="C001", journey_id="J00001", owner="kim", by="lee", now=AT)
    open_case(engine, customer_id="C002", journey_id="J00002", owner="kim", by="lee",
              now=AT - dt.timedelta(days=30))  # due long ago: overdue
    update_case(engine, case, by="kim", status="resolved", now=AT + dt.timedelta(days=1))
    on = dt.date(2026, 12, 5)
    line = loop_figures.loop_line(planted, all_cases(engine), all_actions(engine), on)
    assert loop_figures.line_text(line, "en") == ("What we changed: no improvement launched yet. "
                                                  "Cases: 1 open, 1 overdue, 1 closed.")
    _launch(engine)
    line = loop_figures.line_text(loop_figures.loop_line(planted, all_cases(engine), all_actions(engine), on), "en")
    assert line.startswith("What we changed (1 launched), latest: 본인인증 CSAT ")
    report = loop_figures.loop_report(planted, engine, on)
    assert report["line"] == line
    assert (report["cases"]["open"], report["cases"]["overdue"], report["cases"]["closed"]) == (1, 1, 1)
    assert report["actions"][0]["summary"] in line and report["actions"][0]["impact"]["significant"] is True
    assert set(report) == set(loop_figures.LOOP_KEYS)
    assert set(report["actions"][0]) == set(loop_figures.ACTION_KEYS)
    assert set(report["actions"][0]["impact"]) == set(loop_figures.IMPACT_KEYS)
    assert set(report["cases"]) == set(loop_figures.CASE_KEYS)
    ko = loop_figures.line_text(loop_figures.loop_line(planted, all_cases(engine), all_actions(engine), on), "ko")
    assert ko.startswith("개선 활동(1건 시행), 최근: 본인인증 CSAT") and ko.endswith("종료 1건.")


def test_recovery_compares_detractors_with_a_case_to_those_without(engine, planted):
    journeys = loop_figures._journeys(planted)
    detractor = journeys.filter(pl.col("nps") <= 6).sort("first_ts").row(0, named=True)
    open_case(engine, customer_id=detractor["customer_id"], journey_id=detractor["journey_id"], owner="kim",
              by="lee", now=AT)
    status = loop_figures.case_status(planted, all_cases(engine), dt.date(2026, 12, 5))
    r = status["recovery"]
    assert r["with_case"]["customers"] == 1
    later = journeys.filter(pl.col("customer_id") == detractor["customer_id"],
                            pl.col("first_ts") > detractor["last_ts"], pl.col("nps").is_not_null())
    assert r["with_case"]["responses"] == later.height
    without = journeys.filter(pl.col("nps") <= 6)["customer_id"].n_unique() - 1
    assert r["without_case"]["customers"] == without


def test_my_cases_come_overdue_first_with_their_notes_masked(engine):
    on = dt.date(2026, 12, 20)
    a, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT,
                     notes="전화 010-1234-5678")  # due 12-15: overdue
    b, _ = open_case(engine, customer_id="C2", journey_id="J2", owner="kim", by="lee", now=AT + dt.timedelta(days=10))
    open_case(engine, customer_id="C3", journey_id="J3", owner="park", by="lee", now=AT)
    c, _ = open_case(engine, customer_id="C4", journey_id="J4", owner="kim", by="lee", now=AT)
    update_case(engine, c, by="kim", status="resolved")
    table = loop_figures.case_table(all_cases(engine), on, owner="kim")
    assert table["id"].to_list() == [a.id, b.id, c.id] and table["overdue"].to_list() == [True, False, False]
    assert table["notes"][0] == "전화 ***-****-****"
    h = loop_figures.history_table(engine, a.id)
    assert h.filter(pl.col("field") == "notes")["new_value"].to_list() == ["전화 ***-****-****"]


def _episode(rows):
    return pl.DataFrame(rows, schema={"customer_id": pl.String, "journey_id": pl.String, "stage": pl.String,
                                      "touchpoint": pl.String, "satisfaction": pl.Int64}, orient="row")


def test_a_journeys_case_starts_at_its_lowest_rated_stage_and_touchpoint():
    events = _episode([("C1", "J1", "가입", "약관", 4), ("C1", "J1", "가입", "본인 확인", 2),
                       ("C1", "J1", "인증", "문자", 3), ("C1", "J1", "인증", "앱 인증", 3),
                       ("C1", "J1", "이용", "홈", None)])
    # 가입 averages 3.0 and 인증 3.0: the tie goes to the stage first in the stage order
    assert loop_figures.journey_context(events, ("인증", "가입", "이용")) == {
        "customer_id": "C1", "journey_id": "J1", "stage": "인증", "touchpoint": "문자"}
    assert loop_figures.journey_context(events, ("가입", "인증", "이용"))["touchpoint"] == "본인 확인"


def test_a_journey_without_ratings_starts_its_case_at_its_last_touchpoint():
    events = _episode([("C1", "J1", "가입", "약관", None), ("C1", "J1", "이용", "홈", None)])
    assert loop_figures.journey_context(events, ("가입", "이용")) == {
        "customer_id": "C1", "journey_id": "J1", "stage": "이용", "touchpoint": "홈"}

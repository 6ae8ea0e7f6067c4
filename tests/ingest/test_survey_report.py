"""report.py on an airline passenger survey export (14 ratings 0–5 with 0 = not applicable, a
satisfied / neutral-or-dissatisfied label, no timestamps) gives respondents, rated answers, CSAT and drivers that an
independent computation agrees with; the same answers as a CP949 Korean export give the same figures."""

from __future__ import annotations

import json
import math

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm

import report
from tests.support.airline import DRIVER, RATINGS, RATINGS_KO, WIFI, airline_export, airline_survey, csv_bytes, korean

ROWS = 3000


@pytest.fixture(scope="module")
def wide() -> pl.DataFrame:
    return airline_survey(ROWS)


@pytest.fixture(scope="module")
def english(wide, tmp_path_factory):
    path = tmp_path_factory.mktemp("airline") / "airline_passenger_satisfaction.csv"
    path.write_bytes(csv_bytes(wide))
    return path


@pytest.fixture(scope="module")
def korean_cp949(wide, tmp_path_factory):
    path = tmp_path_factory.mktemp("airline_ko") / "항공_만족도_조사.csv"
    path.write_bytes(csv_bytes(korean(wide), "cp949"))
    return path


def run_json(capsys, *argv) -> dict:
    code = report.main([*map(str, argv), "--format", "json"])
    out = capsys.readouterr()
    assert code == 0, out.err
    return json.loads(out.out)


def reference(wide: pl.DataFrame) -> dict[str, dict]:
    """Per rating column, straight from the wide frame with numpy: answers (0 = not applicable), mean, top-2-box %."""
    out = {}
    for column in RATINGS:
        v = wide[column].to_numpy()
        rated = v[v > 0]
        out[column] = {"events": len(rated), "mean": float(rated.mean()), "csat": 100.0 * float((rated >= 4).mean())}
    return out


def independent_logit(wide: pl.DataFrame):
    """statsmodels Logit of satisfied on each rating (centred among its raters, 0 when not applicable) and a
    rated indicator for columns with not-applicable answers; built from the wide frame, not from cxlens."""
    y = (wide["satisfaction"] == "satisfied").cast(pl.Int8).to_numpy()
    indicators, centred = [], []
    for column in RATINGS:
        v = wide[column].to_numpy().astype(float)
        rated = v > 0
        if not rated.all():
            indicators.append(rated.astype(float))
        centred.append(np.where(rated, v - v[rated].mean(), 0.0))
    x = np.column_stack([np.ones(len(y)), *indicators, *centred])
    fit = sm.Logit(y, x).fit(disp=0)
    k = 1 + len(indicators)
    coef = np.asarray(fit.params)[k:]
    importance = np.abs(coef) * x[:, k:].std(axis=0)
    return dict(zip(RATINGS, coef, strict=True)), dict(zip(RATINGS, 100 * importance / importance.sum(), strict=True))


def test_the_survey_export_reads_as_one_journey_per_respondent_with_no_flags(capsys, wide, english):
    r = run_json(capsys, english)
    assert r["reading"] == "survey"
    assert r["journeys"] == ROWS
    assert r["rejected_rows"] == 0
    ref = reference(wide)
    assert [s["stage"] for s in r["stages"]] == RATINGS  # one entry per rating column, in the file's order
    for s in r["stages"]:
        assert s["events"] == ref[s["stage"]]["events"]
        assert math.isclose(s["mean_satisfaction"], ref[s["stage"]]["mean"], abs_tol=1e-6)
        assert math.isclose(s["csat"], ref[s["stage"]]["csat"], abs_tol=1e-6)
    assert r["events"] == sum(v["events"] for v in ref.values())
    assert r["survey"]["respondent_column"] == "id"
    assert {x["scale"] for x in r["survey"]["ratings"]} == {"1–5"}


def test_the_outcome_is_the_label_and_its_rate_the_satisfied_share(capsys, wide, english):
    r = run_json(capsys, english)
    share = 100.0 * (wide["satisfaction"] == "satisfied").mean()
    assert r["outcome"] == {"column": "satisfaction", "kind": "label", "positive": "satisfied",
                            "rate": pytest.approx(share, abs=1e-9)}


def test_drivers_are_led_by_the_planted_touchpoint_and_agree_with_an_independent_logit(capsys, wide, english):
    r = run_json(capsys, english)
    assert r["drivers_model"] == "logit"
    assert r["drivers"][0]["stage"] == DRIVER
    coef, importance = independent_logit(wide)
    assert max(importance, key=importance.get) == DRIVER
    for d in r["drivers"]:
        assert math.isclose(d["coefficient"], coef[d["stage"]], abs_tol=1e-6)
        assert math.isclose(d["importance"], importance[d["stage"]], abs_tol=1e-6)
    assert math.isclose(sum(d["importance"] for d in r["drivers"]), 100.0)


def test_figures_that_need_event_times_are_null_with_a_reason(capsys, english):
    r = run_json(capsys, english)
    for key in ("median_journey_hours", "p90_journey_hours", "handoff_rate", "handoffs", "handoff_effect", "trend",
                "paths", "transitions"):
        assert r[key] is None
        assert r["statistics_reasons"][key]
    assert r["statistics_reasons"]["trend"] == "the survey has no answer dates"
    assert r["nps"] is None and r["nps_responses"] == 0


def test_the_korean_cp949_export_gives_the_same_figures(capsys, english, korean_cp949):
    en, ko = run_json(capsys, english), run_json(capsys, korean_cp949)
    to_en = dict(zip(RATINGS_KO, RATINGS, strict=True))
    for key in ("events", "journeys", "rejected_rows", "csat", "nps"):
        assert ko[key] == en[key]
    assert [to_en[s["stage"]] for s in ko["stages"]] == [s["stage"] for s in en["stages"]]
    for a, b in zip(ko["stages"], en["stages"], strict=True):
        assert (a["events"], a["mean_satisfaction"], a["csat"]) == (b["events"], b["mean_satisfaction"], b["csat"])
    assert ko["outcome"] == {**en["outcome"], "column": "만족도", "positive": "만족"}
    assert [to_en[d["stage"]] for d in ko["drivers"]] == [d["stage"] for d in en["drivers"]]
    for a, b in zip(ko["drivers"], en["drivers"], strict=True):
        assert math.isclose(a["coefficient"], b["coefficient"], abs_tol=1e-9)
    assert ko["survey"]["respondent_column"] == "응답자ID"


def test_events_flag_refuses_the_survey_naming_every_missing_column(capsys, english):
    code = report.main([str(english), "--events"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ")
    assert all(c in err for c in ("'journey_id'", "'timestamp'", "'stage'", "'channel'"))


def test_a_profile_column_filters_respondents(capsys, wide, english):
    r = run_json(capsys, english)
    business = run_json(capsys, english, "--persona", "x")  # no persona column: nothing selected
    assert business["journeys"] == 0
    assert r["journeys"] == ROWS


def test_the_table_output_states_the_reading_scales_and_outcome(capsys, english):
    assert report.main([str(english)]) == 0
    out = capsys.readouterr().out
    assert "read as a survey: 3,000 respondents (id: id), 14 rating columns" in out
    assert "Online boarding: scale 1–5" in out
    assert "outcome               satisfaction (label), satisfied:" in out
    assert "logistic model" in out
    assert "median_journey_hours unavailable: a survey row has no event times" in out


@pytest.fixture(scope="module")
def export_like(tmp_path_factory):
    """The public export's traits: Gate location rated by all but 2 passengers (both satisfied), wifi not applicable
    for 35%, 0 = not applicable, a two-valued label."""
    frame = airline_export()
    path = tmp_path_factory.mktemp("airline_export") / "airline_test.csv"
    path.write_bytes(csv_bytes(frame))
    return frame, path


def test_the_generated_export_has_the_traits_that_broke_the_model(export_like):
    frame, _ = export_like
    assert (frame["Gate location"] == 0).sum() == 2
    assert frame.filter(pl.col("Gate location") == 0)["satisfaction"].unique().to_list() == ["satisfied"]
    assert 0.33 < (frame[WIFI] == 0).mean() < 0.37
    assert (frame["Baggage handling"] == 0).sum() == 0
    assert sorted(frame["satisfaction"].unique()) == ["neutral or dissatisfied", "satisfied"]


def test_drivers_on_a_real_shaped_export_lead_with_online_boarding_and_wifi_in_the_top_three(capsys, export_like):
    frame, path = export_like
    r = run_json(capsys, path)
    assert r["statistics_reasons"].get("drivers") is None
    assert r["drivers_model"] == "logit" and r["drivers_fit"] == "maximum_likelihood"
    order = [d["stage"] for d in r["drivers"]]
    assert order[0] == DRIVER and WIFI in order[:3]
    # The nearly always rated touchpoints are modelled: their few unrated passengers count as average raters.
    assert {"Gate location", "Inflight service", "Checkin service"} <= set(order)


def test_a_logit_that_separates_falls_back_to_firth_and_says_so(capsys, tmp_path):
    # Every passenger who rates Online boarding 4 or 5 is satisfied, every other one is not: the plain fit has no
    # finite estimate; Firth's has one, and the table names the fit.
    frame = airline_survey(400).with_columns(
        pl.when(pl.col(DRIVER) >= 4).then(pl.lit("satisfied")).otherwise(pl.lit("neutral or dissatisfied"))
        .alias("satisfaction"))
    path = tmp_path / "separated.csv"
    path.write_bytes(csv_bytes(frame))
    r = run_json(capsys, path)
    assert r["drivers_fit"] == "firth"
    assert r["drivers"][0]["stage"] == DRIVER
    assert report.main([str(path)]) == 0
    assert "Firth's penalised logistic model" in capsys.readouterr().out

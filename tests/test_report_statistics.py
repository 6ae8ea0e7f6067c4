"""report.py's statistics keys: the sample's planted effects, an independently computed NPS interval, nulls with reasons."""

import json
import math

import polars as pl
import pytest

import report
from tests.support.sample import sample_path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_path(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def result(sample):
    import io
    from contextlib import redirect_stdout

    out = io.StringIO()
    with redirect_stdout(out):
        assert report.main([str(sample), "--format", "json"]) == 0
    return json.loads(out.getvalue())


def test_report_json_has_the_statistics_keys(result):
    assert {"nps_ci", "drivers", "handoff_effect", "trend", "statistics_reasons"} <= set(result)
    assert result["statistics_reasons"] == {}
    assert set(result["drivers"][0]) == {"stage", "importance", "coefficient", "p_value", "mean_satisfaction", "n"}


def test_report_nps_ci_equals_a_hand_computation_from_the_file(result, sample):
    answers = (pl.read_parquet(sample).filter(pl.col("nps").is_not_null())
               .group_by("journey_id").agg(pl.col("nps").first()))["nps"]
    n, p, d = answers.len(), (answers >= 9).sum() / answers.len(), (answers <= 6).sum() / answers.len()
    se = 100 * math.sqrt((p + d - (p - d) ** 2) / n)
    low, high = result["nps_ci"]
    assert math.isclose(low, 100 * (p - d) - 1.959963984540054 * se)
    assert math.isclose(high, 100 * (p - d) + 1.959963984540054 * se)


def test_report_recovers_the_planted_effects(result):
    assert result["drivers"][0]["stage"] == "이용"
    importance = [d["importance"] for d in result["drivers"]]
    assert importance == sorted(importance, reverse=True)
    low, high = result["handoff_effect"]["ci"]
    assert low <= -0.7 <= high


def test_report_trend_is_monthly_oldest_first(result):
    periods = [m["period"] for m in result["trend"]]
    assert periods == [f"2025-{m:02d}-01" for m in range(1, 13)]
    assert result["trend"][0]["significant_change"] is None
    assert sum(m["responses"] for m in result["trend"]) == result["nps_responses"]


def test_too_little_data_gives_null_keys_and_the_reason_in_the_table(sample, capsys):
    assert report.main([str(sample), "--persona", "nobody", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert (got["nps_ci"], got["drivers"], got["handoff_effect"], got["trend"]) == (None, None, None, None)
    assert report.main([str(sample), "--persona", "nobody"]) == 0
    table = capsys.readouterr().out
    assert "drivers unavailable: only 0 journeys have an NPS answer (fewer than 30)" in table
    assert "nps_ci unavailable: no NPS answers in the selection" in table


def test_the_table_shows_the_drivers_and_the_handoff_effect(sample, capsys):
    assert report.main([str(sample)]) == 0
    table = capsys.readouterr().out
    assert "key drivers of the 0-10 answer" in table and "per handoff (0-10)" in table


def test_every_answer_the_same_gives_null_models_with_reasons_and_exit_0(sample, tmp_path, capsys):
    """Every NPS answer 10 crashed both models with ZeroDivisionError (report.py exit 1)."""
    events = pl.read_parquet(sample)
    same = events.with_columns(pl.when(pl.col("nps").is_not_null()).then(10).otherwise(None)
                               .cast(events.schema["nps"]).alias("nps"))
    path = tmp_path / "same.parquet"
    same.write_parquet(path)
    assert report.main([str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["nps"] == 100.0
    assert out["drivers"] is None and out["handoff_effect"] is None
    why = "every NPS answer is the same, so nothing can explain it"
    assert out["statistics_reasons"]["drivers"] == why
    assert out["statistics_reasons"]["handoff_effect"] == why

"""Tests for the sample-data generator: determinism, schema, ranges, funnel order and planted effects."""

from datetime import datetime, timedelta

import numpy as np
import polars as pl
import pytest
import statsmodels.api as sm

import sample_data
from sample_data import generate as gen
from sample_data import vocabulary as vocab
from sample_data.generate import generate, main
from sample_data.vocabulary import PAIN_POINT, PERSONAS, SCHEMA, STAGES

FAVOURITE_CHANNEL = {
    "현금을 사용하는 가정 주부": "영업점",
    "금융거래 척척척 주도적인 고객": "모바일 앱",
    "금융 거래가 활발한 비즈니스맨": "인터넷뱅킹",
    "사회초년생": "모바일 앱",
}


@pytest.fixture(scope="module")
def events() -> pl.DataFrame:
    return generate(20_000, 7)


@pytest.fixture(scope="module")
def ordered(events: pl.DataFrame) -> pl.DataFrame:
    return events.sort("journey_id", "timestamp")


@pytest.fixture(scope="module")
def journeys(ordered: pl.DataFrame) -> pl.DataFrame:
    """One row per journey: handoffs, closing NPS answer, persona, and per-stage mean satisfaction."""
    per_journey = ordered.group_by("journey_id", maintain_order=True).agg(
        (pl.col("channel") != pl.col("channel").shift(1)).sum().alias("handoffs"),
        pl.col("nps").drop_nulls().first().alias("nps"),
        pl.col("persona").first(),
    )
    per_stage = (
        ordered.group_by("journey_id", "stage")
        .agg(pl.col("satisfaction").mean().alias("sat"), pl.lit(1, pl.Int8).alias("reached"))
        .pivot(on="stage", index="journey_id", values=["sat", "reached"])
    )
    return per_journey.join(per_stage, on="journey_id", how="left")


def test_same_seed_gives_equal_frames():
    assert generate(500, 3).equals(generate(500, 3))


def test_different_seeds_give_different_frames():
    assert not generate(500, 3).equals(generate(500, 4))


def test_columns_and_dtypes_match_the_schema(events):
    assert events.schema == pl.Schema(SCHEMA)


def test_about_seven_events_per_journey(events):
    assert 6.8 < events.height / 20_000 < 7.6


def test_ratings_stay_in_their_ranges(events):
    assert events["satisfaction"].drop_nulls().is_between(1, 5).all()
    assert events["ces"].drop_nulls().is_between(1, 7).all()
    assert events["nps"].drop_nulls().is_between(0, 10).all()


def test_rating_coverage_matches_the_readme(events):
    assert 0.33 < events["satisfaction"].is_not_null().mean() < 0.37
    assert 0.18 < events["ces"].is_not_null().mean() < 0.22
    rated = events.filter(pl.col("satisfaction").is_not_null())
    assert 0.10 < rated["comment"].is_not_null().mean() < 0.13  # was .02-.04 before the VoC themes
    assert (
        events.filter(pl.col("satisfaction").is_null())["comment"].null_count() == events["satisfaction"].null_count()
    )


def test_nps_is_only_on_the_last_event_of_a_journey(ordered):
    last = ordered.group_by("journey_id", maintain_order=True).agg(
        pl.col("nps").last().alias("last_nps"), pl.col("nps").is_not_null().sum().alias("answers")
    )
    assert last["answers"].max() == 1
    assert last.filter(pl.col("answers") == 1)["last_nps"].null_count() == 0
    assert 0.72 < last["answers"].mean() < 0.78


def test_timestamps_strictly_increase_within_every_journey(ordered):
    steps = ordered.select(pl.col("timestamp").diff().over("journey_id").alias("step")).drop_nulls()
    assert steps["step"].min() >= timedelta(seconds=1)


def test_stages_appear_in_funnel_order_within_every_journey(ordered):
    rank = ordered.with_columns(pl.col("stage").replace_strict(STAGES, range(len(STAGES))).alias("rank"))
    orders = rank.group_by("journey_id").agg(
        (pl.col("rank").diff() >= 0).all().alias("in_order"), pl.col("rank").first().alias("first_rank")
    )
    assert orders["in_order"].all()
    assert (orders["first_rank"] == 0).all()


def test_funnel_reach_matches_the_readme(events):
    reach = events.group_by("stage").agg(pl.col("journey_id").n_unique() / 20_000)
    reach = dict(zip(reach["stage"], reach["journey_id"], strict=True))
    for stage, share in zip(STAGES, vocab.REACH_SHARE, strict=True):
        assert reach[stage] == pytest.approx(share, abs=0.02)


def test_customer_attributes_are_fixed_per_customer(events):
    per_customer = events.group_by("customer_id").agg(pl.col("persona", "region", "age_band").n_unique())
    assert (per_customer.select(pl.max_horizontal("persona", "region", "age_band")) == 1).to_series().all()
    assert events.group_by("customer_id").agg(pl.col("journey_id").n_unique())["journey_id"].max() >= 2


def test_chunks_share_one_customer_table(monkeypatch):
    monkeypatch.setattr(gen, "CHUNK_JOURNEYS", 1_000)
    frame = generate(2_500, 5)
    assert frame["journey_id"].n_unique() == 2_500
    assert frame["journey_id"].is_in(["J0000000", "J0002499"]).sum() > 0
    per_customer = frame.group_by("customer_id").agg(pl.col("persona").n_unique())
    assert per_customer["persona"].max() == 1


def test_each_persona_uses_its_planted_favourite_channel_most(events):
    top = events.group_by("persona", "channel").len().sort("len", descending=True).group_by("persona").first()
    assert dict(zip(top["persona"], top["channel"], strict=True)) == FAVOURITE_CHANNEL


def test_certificate_login_is_the_pain_point(events):
    by_touchpoint = events.group_by("touchpoint").agg(
        pl.len().alias("events"),
        pl.col("satisfaction").mean().alias("mean_satisfaction"),
        (pl.col("satisfaction") <= 2).sum().alias("dissatisfied"),
    )
    pain = by_touchpoint.filter(pl.col("touchpoint") == PAIN_POINT).row(0, named=True)
    others = by_touchpoint.filter(pl.col("touchpoint") != PAIN_POINT)
    assert pain["mean_satisfaction"] == pytest.approx(2.0, abs=0.15)
    assert others["mean_satisfaction"].min() >= 3.4
    assert pain["events"] > others["events"].median()
    assert pain["dissatisfied"] > 3 * others["dissatisfied"].max()


def test_overall_nps_and_csat_are_in_the_planted_ranges(events):
    nps = events["nps"].drop_nulls()
    score = 100 * ((nps >= 9).mean() - (nps <= 6).mean())
    assert -45 < score < -28
    assert nps.is_between(3, 9).mean() > 0.90
    csat = (events["satisfaction"].drop_nulls() >= 4).mean()
    assert 0.60 < csat < 0.75


def test_usage_stage_drives_nps_most_and_each_handoff_costs_seven_tenths(journeys):
    answered = journeys.filter(pl.col("nps").is_not_null())
    regressors = [pl.col("handoffs")]
    regressors += [(pl.col(f"sat_{stage}").fill_null(3.0) - 3).alias(stage) for stage in STAGES]
    regressors += [pl.col(f"reached_{stage}").fill_null(0).alias(f"reached_{stage}") for stage in STAGES[1:]]
    exog = answered.select(regressors).to_numpy().astype(np.float64)
    fit = sm.OLS(answered["nps"].cast(pl.Float64).to_numpy(), sm.add_constant(exog)).fit()
    low, high = fit.conf_int()[1]
    assert low <= vocab.HANDOFF_EFFECT <= high
    stage_coefficients = dict(zip(STAGES, fit.params[2 : 2 + len(STAGES)], strict=True))
    assert max(stage_coefficients, key=stage_coefficients.get) == "이용"
    assert stage_coefficients["이용"] > 1.0


def test_persona_nps_offsets_are_small(journeys):
    means = journeys.group_by("persona").agg(pl.col("nps").mean())
    assert set(means["persona"]) == set(PERSONAS)
    assert means["nps"].max() - means["nps"].min() < 1.5


def test_committed_sample_equals_generate_with_the_documented_journeys():
    committed = pl.read_parquet(sample_data.SAMPLE_PATH)
    assert committed.equals(generate(sample_data.SAMPLE_JOURNEYS, sample_data.SAMPLE_SEED))


def test_cli_writes_the_same_rows_as_generate(tmp_path, capsys):
    out = tmp_path / "events.parquet"
    assert main(["--journeys", "300", "--seed", "2", "--out", str(out)]) == 0
    assert pl.read_parquet(out).equals(generate(300, 2))
    assert "events" in capsys.readouterr().out


def test_planted_comment_themes_sit_where_the_readme_says(ordered):
    """Fees (수수료) only on 이용 in detractor journeys, benefits (혜택) only in promoter journeys, the redesign
    (개편) only in journeys starting in the last 28 days; some comments carry a phone number or an e-mail."""
    last = ordered.group_by("journey_id").agg(pl.col("nps").drop_nulls().last().alias("journey_nps"),
                                              pl.col("timestamp").min().alias("first_ts"))
    comments = ordered.filter(pl.col("comment").is_not_null()).join(last, on="journey_id")
    fees = comments.filter(pl.col("comment").str.contains("수수료"))
    assert fees.height > 50
    assert set(fees["stage"]) == {vocab.COMPLAINT_STAGE}
    assert fees["journey_nps"].drop_nulls().max() <= 6
    benefits = comments.filter(pl.col("comment").str.contains("혜택"))
    assert benefits.height > 50 and benefits["journey_nps"].drop_nulls().min() >= 9
    redesign = comments.filter(pl.col("comment").str.contains("개편"))
    cutoff = datetime(2025, 12, 31) - timedelta(days=vocab.LATE_THEME_DAYS - 1)
    assert redesign.height > 20 and redesign["first_ts"].min() >= cutoff
    contact = comments["comment"].str.contains(r"010-?\d{4}-?\d{4}|@example\.com")
    assert 0.01 < contact.mean() < 0.05

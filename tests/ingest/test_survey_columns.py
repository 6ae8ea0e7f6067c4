"""A survey's answer date and comment columns are found by their values, can be mapped or declined (report.py
--map), and report.py then gives the trend, alerts and VoC of a wide export."""

from __future__ import annotations

import datetime as dt
import json

import polars as pl
import pytest

import ingest
import report
from ingest import kinds
from tests.support.airline import airline_survey, csv_bytes, dated_with_comments

ROWS = 600


@pytest.mark.parametrize(("values", "free_text"), [
    (["좌석이 너무 좁아요", "친절했어요 감사합니다", "와이파이가 느려요", None], True),
    (["The seat was too small", "Great crew, thanks", "Slow wifi on board"], True),
    (["R_1aBcD2eFgH3iJk", "R_9zYxW8vUt7sRq", "R_5mNoP4qRs3tUv"], False),  # response ids: no words
    (["김철수", "이영희", "박민수"], False),                                   # names: short
    (["여성", "남성", "여성", "여성"], False),                                  # a category
    (["만족", "불만족", "만족", "만족"], False),
    (["2026-03-01", "2026-03-02", "2026-03-05"], False),
    (["12", "7", "30"], False),
])
def test_free_text_is_told_by_its_values(values, free_text):
    assert kinds.is_free_text(pl.Series("c", values, dtype=pl.String)) is free_text


@pytest.fixture(scope="module")
def wide() -> pl.DataFrame:
    return dated_with_comments(airline_survey(ROWS))


@pytest.fixture(scope="module")
def export(wide, tmp_path_factory):
    path = tmp_path_factory.mktemp("dated") / "설문_응답.csv"
    path.write_bytes(csv_bytes(wide))
    return path


def test_the_date_and_comment_columns_are_found_by_their_values_and_said(wide):
    # headers that name no field: only the values tell
    loaded = ingest.load(csv_bytes(wide.rename({"응답일": "응답 시점"})), name="설문.csv")
    assert loaded.survey.timestamp_column == "응답 시점" and loaded.survey.comment_column == "기타 의견"
    assert "기타 의견" not in loaded.survey.profile and "응답 시점" not in loaded.survey.profile
    assert [n.key for n in loaded.notes] == ["note_survey_timestamp_by_values", "note_survey_comment_by_values"]
    first = loaded.events.sort("journey_id").group_by("journey_id", maintain_order=True).first()
    expected = wide.select(pl.col("id").cast(pl.String).alias("journey_id"), pl.col("응답일").str.to_date()).sort("journey_id")
    assert first.select("journey_id", pl.col("timestamp").dt.date().alias("응답일")).sort("journey_id").equals(expected)
    assert loaded.events["comment"].drop_nulls().len() == wide["기타 의견"].drop_nulls().len()


def test_a_mapped_column_wins_and_a_declined_field_stays_empty(wide):
    two_dates = wide.rename({"응답일": "응답 시점"}).with_columns(pl.lit("2025-12-31").alias("방문"))
    two_dates = two_dates.select("방문", *two_dates.columns[:-1])
    found = ingest.load(csv_bytes(two_dates), name="s.csv")
    assert found.survey.timestamp_column == "방문"  # the first column of dates
    mapped = ingest.load(csv_bytes(two_dates), name="s.csv", mapping={"timestamp": "응답 시점", "comment": ""})
    assert mapped.survey.timestamp_column == "응답 시점" and mapped.survey.comment_column is None
    assert "comment" not in mapped.events.columns
    assert not [n for n in mapped.notes if n.key.startswith("note_survey_")]


def test_report_maps_survey_columns_with_map(capsys, wide, tmp_path):
    renamed = wide.rename({"응답일": "Q1", "기타 의견": "Q99", "Class": "Q3"})
    path = tmp_path / "coded.csv"
    path.write_bytes(csv_bytes(renamed.with_columns(pl.lit("").alias("Q1"))
                               .with_columns(renamed["Q1"].alias("Q2"))))  # Q1 empty, the dates in Q2
    code = report.main([str(path), "--format", "json", "--map", "timestamp=Q2", "--map", "comment=Q99",
                        "--map", "persona=Q3"])
    out = capsys.readouterr()
    assert code == 0, out.err
    r = json.loads(out.out)
    assert r["survey"]["timestamp_column"] == "Q2"
    assert sum(m["responses"] for m in r["trend"]) == ROWS
    assert r["voc"]["comments"] == wide["기타 의견"].drop_nulls().len()


def test_report_on_a_dated_export_with_comments_gives_trend_alerts_and_voc(capsys, wide, export):
    code = report.main([str(export), "--format", "json", "--alerts"])
    out = capsys.readouterr()
    assert code == 0, out.err
    r = json.loads(out.out)
    months = wide.group_by(pl.col("응답일").str.slice(0, 7).alias("m")).agg(
        pl.len().alias("n"), (100 * ((pl.col("추천 의향") >= 9).mean() - (pl.col("추천 의향") <= 6).mean())).alias("nps")
    ).sort("m")
    assert [m["period"][:7] for m in r["trend"]] == months["m"].to_list()
    assert [m["responses"] for m in r["trend"]] == months["n"].to_list()
    assert all(abs(a["nps"] - b) < 1e-9 for a, b in zip(r["trend"], months["nps"], strict=True))
    assert isinstance(r["alerts"], list)
    assert r["voc"]["comments"] == wide["기타 의견"].drop_nulls().len()
    counted = {k["keyword"]: k["comments"] for k in r["voc"]["keywords"]}
    assert counted["수속"] == wide["기타 의견"].drop_nulls().str.contains("수속").sum()
    assert dt.date.fromisoformat(r["trend"][0]["period"][:10]) == dt.date(2026, 1, 1)

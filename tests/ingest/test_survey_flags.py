"""Every report.py flag on a survey either works (alerts over answer dates, the PDF, detractors = respondents with
the negative outcome) or stops with one sentence and exit 2, writing nothing."""

from __future__ import annotations

import json

import polars as pl
import pytest

import report
from tests.support.airline import RATINGS, airline_survey, csv_bytes, dated_with_comments

ROWS = 600


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    frame = dated_with_comments(airline_survey(ROWS), months=6)
    # the last month's passengers recommend much less: a change --alerts must find
    frame = frame.with_columns(pl.when(pl.col("응답일").str.starts_with("2026-06")).then(pl.col("추천 의향") // 3)
                               .otherwise(pl.col("추천 의향")).alias("추천 의향"))
    path = tmp_path_factory.mktemp("flags") / "dated.csv"
    path.write_bytes(csv_bytes(frame))
    return frame, path


@pytest.fixture(scope="module")
def undated(tmp_path_factory):
    frame = airline_survey(ROWS)
    path = tmp_path_factory.mktemp("flags") / "undated.csv"
    path.write_bytes(csv_bytes(frame))
    return frame, path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = report.main([*map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_alerts_pdf_and_detractors_work_on_a_dated_survey(capsys, dated, tmp_path):
    frame, path = dated
    pdf, csv = tmp_path / "s.pdf", tmp_path / "d.csv"
    code, out, err = run(capsys, path, "--format", "json", "--alerts", "--pdf", pdf, "--detractors", csv,
                         "--since", "2026-06-01", "--until", "2026-06-30")
    assert code == 0, err
    r = json.loads(out)
    overall = [a for a in r["alerts"] if a["dimension"] == "all" and a["metric"] == "nps"]
    assert overall and overall[0]["change"] < 0
    assert pdf.read_bytes().startswith(b"%PDF")
    listed = pl.read_csv(csv, schema_overrides={"respondent_id": pl.String, "outcome": pl.String})
    june = frame.filter(pl.col("응답일").str.starts_with("2026-06") & (pl.col("추천 의향") <= 6))
    assert sorted(listed["respondent_id"].to_list()) == sorted(june["id"].cast(pl.String).to_list())
    assert listed.columns == ["respondent_id", "outcome", "date", "worst_touchpoint", "comment"]
    assert listed["date"].to_list() == sorted(listed["date"].to_list(), reverse=True)


def test_detractors_of_a_label_are_the_respondents_with_its_other_value(capsys, undated, tmp_path):
    frame, path = undated
    csv = tmp_path / "d.csv"
    code, _, err = run(capsys, path, "--format", "json", "--detractors", csv)
    assert code == 0, err
    listed = pl.read_csv(csv, schema_overrides={"respondent_id": pl.String})
    unhappy = frame.filter(pl.col("satisfaction") != "satisfied")
    assert sorted(listed["respondent_id"].to_list()) == sorted(unhappy["id"].cast(pl.String).to_list())
    assert set(listed["outcome"]) == {"neutral or dissatisfied"}
    assert listed["date"].null_count() == listed.height  # no answer dates: none invented
    # the worst touchpoint is each respondent's lowest rating, the first in survey order on a tie
    rated = frame.select(pl.col("id").cast(pl.String), *RATINGS).iter_rows()
    expected = {}
    for respondent, *answers in rated:
        low = min(v for v in answers if v > 0)
        expected[respondent] = RATINGS[answers.index(low)]
    assert dict(zip(listed["respondent_id"], listed["worst_touchpoint"], strict=True)) == {
        r: expected[r] for r in listed["respondent_id"]}


@pytest.mark.parametrize(("flags", "sentence"), [
    (["--alerts"], "error: --alerts compares answers by date, and this survey has no answer-date column; map one "
                   "with --map timestamp=COLUMN."),
    (["--personas", "3"], "error: --personas groups customers by how their journeys unfold over time"),
    (["--personas-out", "{tmp}/p.csv"], "error: --personas groups customers"),
    (["--outcome", "", "--detractors", "{tmp}/d.csv"], "error: --detractors lists the respondents with the negative "
                                                      "outcome, and this survey has no outcome column"),
])
def test_a_flag_a_survey_cannot_serve_stops_with_one_sentence_and_writes_nothing(capsys, undated, tmp_path, flags,
                                                                                sentence):
    _, path = undated
    pdf = tmp_path / "s.pdf"
    code, out, err = run(capsys, path, "--pdf", pdf, *(f.format(tmp=tmp_path) for f in flags))
    assert code == 2 and out == ""
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(sentence)
    assert list(tmp_path.iterdir()) == []

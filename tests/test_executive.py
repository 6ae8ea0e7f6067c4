"""The executive story end to end: alerts on a planted drop and none on stationary data, the detractor list, the PDF."""

import datetime as dt
import json
import re
import shutil
import subprocess

import polars as pl
import pytest

import report
from figures import executive
from i18n import t
from sample_data.generate import PlantedDrop, generate, write
from store import Filters, open_dataset
from tests.support.sample import sample_path

ALERT_KEYS = {"dimension", "value", "metric", "current", "previous", "change", "p_value"}


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The sample's 14,000 journeys with the NPS of journeys touching 챗봇 in the last 30 days 2 points lower."""
    path = tmp_path_factory.mktemp("planted") / "planted.parquet"
    write(14000, 7, path, PlantedDrop("챗봇", days=30, points=2.0))
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_path(tmp_path_factory.mktemp("sample"))


def run_json(capsys, *argv):
    assert report.main([*map(str, argv), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_planted_drop_changes_only_the_nps_answers_of_that_channels_last_days():
    base, dropped = generate(3000, 7), generate(3000, 7, PlantedDrop("챗봇"))
    assert base.drop("nps", "comment").equals(dropped.drop("nps", "comment"))  # the VoC themes follow the answer
    changed = base.with_columns(dropped["nps"].alias("nps_dropped")).filter(pl.col("nps") != pl.col("nps_dropped"))
    assert changed.height > 0 and (changed["nps_dropped"] <= changed["nps"]).all()
    touched = base.filter(pl.col("channel") == "챗봇")["journey_id"].unique()
    starts = base.group_by("journey_id").agg(pl.col("timestamp").min().dt.date().alias("first_day"))
    late = starts.filter(pl.col("first_day") >= dt.date(2025, 12, 2))["journey_id"]
    assert set(changed["journey_id"]) <= set(touched) & set(late)


def test_the_planted_channel_is_the_first_channel_alert(capsys, planted):
    out = run_json(capsys, planted, "--alerts")
    alerts = out["alerts"]
    assert alerts and all(set(a) == ALERT_KEYS for a in alerts)
    assert [a["p_value"] for a in alerts] == sorted(a["p_value"] for a in alerts)  # most significant first
    channel = [a for a in alerts if a["dimension"] == "channel"]
    assert channel[0]["value"] == "챗봇" and channel[0]["metric"] == "nps" and channel[0]["change"] < -20
    assert channel[0]["change"] == pytest.approx(channel[0]["current"] - channel[0]["previous"])


def test_stationary_data_gives_no_alert(capsys, sample, tmp_path):
    assert run_json(capsys, sample, "--alerts")["alerts"] == []  # the last 30 days against the 30 before
    assert run_json(capsys, sample, "--alerts", "--since", "2025-06-01", "--until", "2025-06-30")["alerts"] == []
    other = tmp_path / "seed11.parquet"
    write(14000, 11, other)
    assert run_json(capsys, other, "--alerts")["alerts"] == []


def test_the_alerts_compare_the_selection_with_the_period_of_equal_length_before(sample):
    ds = open_dataset(str(sample))
    w = executive.report_windows(ds, Filters.make(since=dt.date(2025, 6, 1), until=dt.date(2025, 6, 30)))
    assert w["previous"] == (dt.date(2025, 5, 2), dt.date(2025, 5, 31))
    w = executive.report_windows(ds, Filters())
    assert w["current"] == (dt.date(2025, 12, 2), dt.date(2025, 12, 31))


def test_the_detractor_list_holds_every_detractor_with_its_last_and_worst_stage(sample, tmp_path, capsys):
    out = tmp_path / "call-back.csv"
    assert report.main([str(sample), "--persona", "사회초년생", "--detractors", str(out)]) == 0
    capsys.readouterr()
    assert out.read_bytes().startswith("\ufeff".encode())
    got = pl.read_csv(out, infer_schema=False)
    assert got.columns == list(executive.DETRACTOR_COLUMNS)
    # independently: the persona's journeys whose last answer in journey order is 0-6
    ev = pl.read_parquet(sample).sort("journey_id", "timestamp", "stage", "channel", "touchpoint")
    journeys = ev.group_by("journey_id", maintain_order=True).agg(
        pl.col("nps").drop_nulls().last(), pl.col("persona").drop_nulls().first(),
        pl.col("stage").last().alias("last_stage"), pl.col("channel").last().alias("last_channel"))
    want = journeys.filter((pl.col("persona") == "사회초년생") & (pl.col("nps") <= 6))
    assert sorted(got["journey_id"]) == sorted(want["journey_id"])
    row = got.join(want, on="journey_id").row(0, named=True)
    assert (row["last_stage"], row["last_channel"], int(row["score"])) == \
        (row["last_stage_right"], row["last_channel_right"], row["nps"])
    # the worst-rated stage of one journey, by hand
    j = row["journey_id"]
    means = ev.filter((pl.col("journey_id") == j) & pl.col("satisfaction").is_not_null()).group_by("stage").agg(
        pl.col("satisfaction").mean())
    if means.height:
        assert means.filter(pl.col("satisfaction") == means["satisfaction"].min())["stage"].to_list().count(
            row["worst_stage"]) == 1


def test_detractor_comments_are_masked_and_csv_cells_cannot_start_a_formula(tmp_path, capsys):
    rows = [
        {"journey_id": "A", "customer_id": "C1", "timestamp": dt.datetime(2025, 3, 1, 9), "stage": "가입",
         "channel": "앱", "satisfaction": 1, "nps": None, "comment": "=HYPERLINK(\"x\") 010-1234-5678로 연락"},
        {"journey_id": "A", "customer_id": "C1", "timestamp": dt.datetime(2025, 3, 1, 9, 5), "stage": "이용",
         "channel": "콜센터", "satisfaction": 4, "nps": 2, "comment": None},
        {"journey_id": "B", "customer_id": "C2", "timestamp": dt.datetime(2025, 3, 2, 9), "stage": "가입",
         "channel": "앱", "satisfaction": 5, "nps": 9, "comment": "좋아요"},
    ]
    path = tmp_path / "small.parquet"
    pl.DataFrame(rows).write_parquet(path)
    out = tmp_path / "d.csv"
    assert report.main([str(path), "--detractors", str(out)]) == 0
    capsys.readouterr()
    got = pl.read_csv(out, infer_schema=False).row(0, named=True)
    assert (got["journey_id"], got["score"], got["last_stage"], got["last_channel"], got["worst_stage"]) == \
        ("A", "2", "이용", "콜센터", "가입")
    assert got["comment"] == "'=HYPERLINK(\"x\") ***-****-****로 연락" and got["date"] == "2025-03-01"


def test_the_worst_stage_is_the_lowest_mean_rating_with_ties_by_stage_order(tmp_path):
    # A: 이용 rated 2 and 4 (mean 3), 가입 rated 3 (mean 3), 해지 rated 5: a tie at 3 → 가입, first in the stage order
    # (stage order 가입, 이용, 해지 by the median position of their touchpoints); B: 이용 2 → 이용; C: no rating → empty
    t = dt.datetime(2025, 3, 1, 9)
    h = dt.timedelta(hours=1)
    rows = [("A", t + 3 * h, "이용", "앱", 4, None), ("A", t, "가입", "앱", 3, None), ("A", t + h, "이용", "웹", 2, None),
            ("A", t + 4 * h, "해지", "앱", 5, 3), ("B", t, "가입", "앱", None, None), ("B", t + h, "이용", "앱", 2, 6),
            ("C", t + 2 * h, "가입", "웹", None, 0), ("D", t, "가입", "앱", 1, 9)]
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "satisfaction", "nps"],
                         orient="row")
    path = tmp_path / "ties.parquet"
    frame.write_parquet(path)
    ds = open_dataset(str(path), cache_dir=tmp_path / "cache")
    assert ds.stage_order[:3] == ("가입", "이용", "해지")
    got = executive.detractors(ds, Filters())
    # newest first: A ends 13:00, C 11:00, B 10:00 (all the same day), so by journey id; D (9) is no detractor
    assert got.select("journey_id", "worst_stage", "score").rows() == [("A", "가입", 3), ("B", "이용", 6), ("C", None, 0)]


def test_an_unwritable_output_is_one_error_line_and_exit_2(sample, tmp_path, capsys):
    assert report.main([str(sample), "--detractors", str(tmp_path / "no" / "such" / "dir.csv")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "cannot be written" in err[0]


@pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("chromium"),
                    reason="needs poppler-utils (pdftotext) and /usr/bin/chromium")
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_pdf_holds_the_headline_and_the_nps_value(planted, tmp_path, capsys, lang):
    from ui.charts import snapshot

    out = tmp_path / f"summary-{lang}.pdf"
    assert report.main([str(planted), "--pdf", str(out), "--lang", lang]) == 0
    capsys.readouterr()
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    ds = open_dataset(str(planted))
    w = executive.report_windows(ds, Filters())
    summary = executive.summary(ds, Filters(), w, complaint=executive.top_complaint(ds, Filters()),
                                rising=executive.rising_themes(ds, w))  # as report.py makes it
    nps_value = summary["kpis"]["current"]["nps"]
    assert f"{nps_value:.1f}" in flat  # the card's value
    assert t("pdf_headline", lang=lang) in flat
    for sentence in snapshot.headline(summary, lang):  # every headline sentence, wrapped as the table cell wraps it
        assert " ".join(sentence.split())[:25] in flat
    assert "챗봇" in flat  # the biggest mover
    # the trend's month ticks in the PDF's language: "2025년 3월" in Korean (Plotly's own were "Mar 2025")
    english_months = re.findall(r"\b(?:Jan|Mar|May|Jul|Sep|Nov) 20\d\d\b", text)
    korean_months = re.findall(r"20\d\d\s*년\s*\d{1,2}월", text)
    if lang == "ko":
        assert korean_months and english_months == []
    else:
        assert english_months and korean_months == []
    # the sections follow one another without blank bands (a table panel as tall as its rows): no two lines of
    # text more than 45 pt apart; the tables sized by thirds of the page left 55 pt under a one-row table
    gaps = _line_gaps(out)
    assert max(gaps) <= 45, sorted(gaps)[-3:]


def _line_gaps(pdf) -> list[float]:
    """The vertical blank (pt) above each line of text of the PDF's page, from pdftotext's line boxes."""
    boxes = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    lines = sorted((float(top), float(bottom)) for top, bottom in
                   re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">', boxes))
    gaps, lowest = [], lines[0][1]
    for top, bottom in lines[1:]:
        gaps.append(top - lowest)
        lowest = max(lowest, bottom)
    return gaps


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("goal", [None, 0.0, -40.0, 50.0])
def test_the_pdf_target_label_sits_inside_the_trends_plot_area(sample, lang, goal):
    """The target line's label is drawn above the line: the axis leaves it room under the plot's top edge (with the
    target the highest value, the label was cut off there and read 녹표 for 목표)."""
    import dataclasses

    from ui.charts import snapshot

    ds = open_dataset(str(sample))
    s = executive.summary(ds, Filters(), executive.report_windows(ds, Filters()))
    s["targets"] = {**s["targets"], "nps": dataclasses.replace(s["targets"]["nps"], target=goal)}
    fig = snapshot.figure(s, lang)
    weekly = s["trend"]["nps"].to_list()
    low, high = fig.layout.yaxis.range
    assert low <= min(weekly) and high >= max(weekly)  # every week shown
    label = [tr for tr in fig.data if tr.type == "scatter" and tr.mode == "lines+text"]
    if goal is None:
        assert label == []
        return
    (label,) = label
    assert label.text[0] == t("target_line", lang=lang, value=f"{goal:g}") and label.textposition == "top right"
    bottom, top = fig.layout.yaxis.domain
    plot_px = (top - bottom) * (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b)
    room_px = (high - goal) / (high - low) * plot_px  # between the target line and the plot's top edge
    assert room_px >= 1.2 * label.textfont.size + 3  # the label's line height and its gap above the line


def test_the_table_lists_the_alerts_and_json_has_no_alerts_key_unless_asked(planted, capsys):
    assert report.main([str(planted), "--alerts"]) == 0
    out = capsys.readouterr().out
    lines = out[out.index("alerts: significant changes"):].splitlines()
    assert lines[1].startswith("channel=챗봇") and " nps " in lines[1]
    assert "alerts" not in run_json(capsys, planted, "--since", "2025-12-01")


def test_the_headline_names_the_top_complaint_keyword_only_when_one_is_distinctive(sample, tmp_path):
    from ui.charts import snapshot

    ds = open_dataset(str(sample))
    complaint = executive.top_complaint(ds, Filters())
    assert complaint["keyword"] == "수수료" and complaint["z"] >= 1.96  # the sample's planted fee complaints
    s = executive.summary(ds, Filters(), executive.report_windows(ds, Filters()), complaint=complaint)
    assert snapshot.headline(s, "en")[-1] == "A much more common complaint among detractors than among promoters: “수수료”."
    assert len(snapshot.headline({**s, "complaint": None}, "en")) == 3
    quiet = tmp_path / "no-comments.parquet"  # no comment column: no complaint, and no sentence about one
    pl.read_parquet(sample).drop("comment").head(3000).write_parquet(quiet)
    assert executive.top_complaint(open_dataset(str(quiet)), Filters()) is None
    # keywords not computed yet: the headline says the comments' part is still to come, where there are comments
    cold = executive.dashboard_summary(ds, Filters(), "last_30", None, None, keywords=False)
    assert snapshot.headline(cold, "ko")[-1] == t("headline_comments_running", lang="ko")
    warm = executive.dashboard_summary(ds, Filters(), "last_30", None, None, keywords=True)
    assert not warm["comments_running"] and snapshot.headline(warm, "en")[-1] == snapshot.headline(s, "en")[-1]
    silent = executive.dashboard_summary(open_dataset(str(quiet)), Filters(), "last_30", None, None, keywords=False)
    assert not silent["comments_running"] and len(snapshot.headline(silent, "en")) == 3


def test_the_pdf_without_chromium_is_one_error_line_and_exit_2(sample, tmp_path, capsys, monkeypatch):
    # choreographer (kaleido's browser finder) takes BROWSER_PATH first: a path with nothing there is a machine
    # without Chromium
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    out = tmp_path / "summary.pdf"
    assert report.main([str(sample), "--pdf", str(out), "--lang", "ko"]) == 2
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert err == ["error: The PDF snapshot needs Chromium, which is not installed on this server (apt-get install "
                   "chromium, or set BROWSER_PATH to a Chromium or Chrome executable)."]
    assert "Traceback" not in captured.err and not out.exists()


def test_a_chromium_that_kaleido_cannot_start_is_one_error_line_and_exit_2(sample, tmp_path, capsys, monkeypatch):
    from ui.charts import snapshot

    # the finder is satisfied but kaleido still finds no browser (plotly re-raises that as a bare RuntimeError)
    monkeypatch.setattr(snapshot, "browser", lambda: "/usr/bin/chromium")
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    assert report.main([str(sample), "--pdf", str(tmp_path / "summary.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(
        "error: The PDF snapshot needs Chromium, which could not be started on this server: ")


def test_the_report_states_the_one_fix_first_with_the_evidence_that_agrees_and_disagrees(sample, capsys):
    r = run_json(capsys, sample)
    ff = r["fix_first"]
    # the sample: 이용 matters most to NPS, but 본인인증 is rated lowest and holds the worst pain point
    assert ff["stage"] == "본인인증" and ff["agreeing"] == ["lowest", "pain"]
    assert ff["reason"].startswith("Fix first: 본인인증.")
    by_signal = {e["signal"]: e for e in ff["evidence"]}
    assert (by_signal["driver"]["stage"], by_signal["driver"]["agrees"]) == ("이용", False)
    assert by_signal["lowest"]["agrees"] and by_signal["pain"]["agrees"]
    ds = open_dataset(str(sample))
    assert ff["stage"] == executive.summary(ds, Filters(), executive.report_windows(ds, Filters()))["fix_first"].stage

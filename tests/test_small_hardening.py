"""Issue 23, item 10: a reversed date range, leftover keyword folders, very wide surveys, bidirectional controls."""

import datetime as dt
import json
import os
import socket
import subprocess
import sys

import polars as pl
import pytest

import ingest
import report
from errors import DataError
from store import Filters, open_dataset
from store import queries as q
from store.facts import comments, db


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))


def events(tmp_path, **extra) -> str:
    base = dt.datetime(2026, 3, 1, 9)
    path = tmp_path / "events.parquet"
    pl.DataFrame({"journey_id": ["J1", "J1", "J2"], "timestamp": [base, base + dt.timedelta(hours=1), base],
                  "stage": ["가입", "이용", "가입"], "channel": ["앱", "웹", "앱"], "nps": [None, 9, 3],
                  "comment": [None, "좋아요", "느려요"], **extra}).write_parquet(path)
    return str(path)


def test_since_after_until_is_one_sentence_and_exit_2(tmp_path, capsys):
    assert report.main([events(tmp_path), "--since", "2026-03-05", "--until", "2026-03-01"]) == 2
    assert capsys.readouterr().err == ("error: --since 2026-03-05 is after --until 2026-03-01: no journey can start "
                                       "in that period.\n")
    assert report.main([events(tmp_path), "--since", "2026-03-01", "--until", "2026-03-01", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["journeys"] == 2  # the same day is a period


def test_a_killed_keyword_steps_folder_is_removed_by_the_next_and_a_live_ones_is_kept(tmp_path):
    ds = open_dataset(events(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = socket.gethostname()
    facts = tmp_path / "cache" / ds.version
    left = facts / f"tokens.tmp-deadbeef-{dead.pid}@{host}"
    live = facts / f"tokens.tmp-cafef00d-{os.getppid()}@{host}"
    other_host = facts / f"tokens.tmp-0badf00d-{dead.pid}@not-{host}"
    for folder in (left, live, other_host):
        folder.mkdir()
        (folder / "tokens.parquet").write_bytes(b"half")
    comments.ensure_tokens(ds)
    assert not left.exists() and live.exists() and other_host.exists()
    assert not [p for p in facts.glob("tokens.tmp-*") if str(os.getpid()) in p.name]  # its own folder is gone too
    assert db.owned_folder(facts, "tokens").name.endswith(f"-{os.getpid()}@{host}")


def survey_csv(ratings: int, respondents: int = 20) -> bytes:
    header = ["응답자ID", "응답일시", *(f"문항{i}" for i in range(ratings)), "추천점수"]
    rows = [[f"R{r}", "2026-03-01 10:00", *(str(1 + (r + i) % 5) for i in range(ratings)), str(r % 11)]
            for r in range(respondents)]
    return "\n".join(",".join(row) for row in [header, *rows]).encode() + b"\n"


def test_a_survey_with_more_rating_columns_than_the_setting_is_refused_in_one_sentence(monkeypatch):
    monkeypatch.setenv("CXLENS_MAX_RATING_COLUMNS", "30")
    with pytest.raises(DataError) as e:
        ingest.load(survey_csv(31), "wide.csv", reading="survey")
    assert str(e.value) == ("wide.csv has 31 rating columns, more than the 30 a survey may have (setting "
                            "CXLENS_MAX_RATING_COLUMNS); leave out the questions you do not need.")
    assert "31" in e.value.text("ko")
    assert ingest.load(survey_csv(30), "ok.csv", reading="survey").survey is not None


def test_a_header_longer_than_the_sniffed_sample_is_counted_whole(monkeypatch):
    """10,000 columns with long names: the header line is longer than the 64 KB sample the delimiter is sniffed on."""
    monkeypatch.setenv("CXLENS_MAX_COLUMNS", "9000")
    header = ",".join(f"꽤_긴_설문_문항_이름_{i:05d}" for i in range(10_000)).encode()
    assert len(header) > 64 * 1024
    with pytest.raises(DataError, match="has 10,000 columns, more than the 9,000"):
        ingest.read_table(header + b"\n" + b",".join([b"1"] * 10_000) + b"\n", "wide.csv")


RLO, LRI, PDI = "\u202e", "\u2066", "\u2069"


def test_bidirectional_controls_never_reach_a_shown_value(tmp_path):
    """A stage and a channel with a right-to-left override: read directly by the store and through ingest."""
    path = events(tmp_path)
    frame = pl.read_parquet(path).with_columns(pl.col("stage").replace({"가입": f"{RLO}가입{PDI}"}),
                                               pl.col("channel").replace({"웹": f"{LRI}웹"}))
    frame.write_parquet(path)
    ds = open_dataset(path)
    headline = json.dumps(q.totals(ds, Filters())) + str(q.touchpoint_volume(ds, Filters(), ["stage", "channel"]))
    stages = set(q.touchpoint_volume(ds, Filters(), ["stage"])["stage"])
    assert stages == {"가입", "이용"} and RLO not in headline and LRI not in headline
    csv = frame.write_csv().encode()
    loaded = ingest.load(csv, "bidi.csv")
    assert set(loaded.events["stage"]) == {"가입", "이용"} and set(loaded.events["channel"]) == {"앱", "웹"}

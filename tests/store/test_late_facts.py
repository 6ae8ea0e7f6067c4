"""The facts pass in two parts: the core makes the dataset usable, the late outputs follow in the background,
each marked done after its file is in place; a reader waits for the output it reads; a pass killed midway leaves
nothing a later open trusts, and the reopen gives the same figures."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import polars as pl
import pytest

import report
from errors import DataError
from store import Filters, journey_paths, open_dataset
from store import queries as q
from store import stage_queries as sq
from store.facts import journey_facts as store_facts
from store.facts import ready
from store.facts.personas import FEATURES_FORMAT
from tests.support.sample import sample_path

ROOT = Path(__file__).resolve().parents[2]
LATE_FILES = {"touchpoint_cube": "touchpoint_cube.parquet", "journey_stages": "journey_stages.parquet",
              "steps": "steps.parquet",
              "comments": "comments.parquet", "touchpoint_steps": "touchpoint_steps.parquet",
              "customer_features": f"personas/features-{FEATURES_FORMAT}.parquet"}


def _copy_of_sample(tmp_path: Path) -> Path:
    """A copy of the sample under its own path: its own fingerprint, so nothing cached elsewhere is reused."""
    target = tmp_path / "src" / "events.parquet"
    target.parent.mkdir()
    shutil.copy(sample_path(tmp_path), target)
    return target


@pytest.fixture(scope="module")
def whole(tmp_path_factory):
    """The sample's facts from one whole pass (every late output written before the open returns), in a cache of
    their own; shared by the tests that compare with them or check them, as they only read."""
    tmp = tmp_path_factory.mktemp("late-whole")
    return open_dataset(_copy_of_sample(tmp), cache_dir=tmp / "whole")


def _close(a, b) -> bool:
    """Equal, floats to 1e-9 relative (the models' last digits vary run to run)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _report_json(data: Path, cache: Path, monkeypatch, capsys, *extra: str) -> dict:
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(cache))
    assert report.main([str(data), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_late_output_is_in_place_before_its_marker(whole):
    ds = whole
    assert ds.late == ready.LATE
    for output, name in LATE_FILES.items():
        assert ready.done(ds.facts_dir, output)
        assert (Path(ds.facts_dir) / name).exists(), name
    assert not list(Path(ds.facts_dir).glob(".late-*"))


def test_the_report_is_the_same_with_the_late_outputs_in_the_background_at_once_and_cached(tmp_path, monkeypatch,
                                                                                            capsys):
    data = _copy_of_sample(tmp_path)
    background = _report_json(data, tmp_path / "a", monkeypatch, capsys)  # report.py: late outputs in the background
    cached = _report_json(data, tmp_path / "a", monkeypatch, capsys)
    monkeypatch.setattr(report, "open_dataset", open_dataset)  # every facts file written before the first figure
    at_once = _report_json(data, tmp_path / "b", monkeypatch, capsys)
    assert _close(background, at_once)
    assert _close(cached, at_once)
    assert background["voc"] and background["stages"]  # the comments and the stage figures are there


def _gated(monkeypatch, output: str) -> threading.Event:
    """Hold the late pass before it writes ``output`` until the returned event is set."""
    gate = threading.Event()
    real = store_facts.write_late

    def held(ds, name):
        if name == output:
            assert gate.wait(60)
        real(ds, name)

    monkeypatch.setattr(store_facts, "write_late", held)
    return gate


def test_a_query_made_mid_pass_waits_for_its_file_and_then_gives_the_right_figures(whole, tmp_path, monkeypatch):
    data = _copy_of_sample(tmp_path)
    expected = journey_paths.transition_stats(whole, Filters(), "stage").sort(pl.all())

    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "mid"))
    gate = _gated(monkeypatch, "steps")
    ds = open_dataset(data, background=True)
    assert not ready.done(ds.facts_dir, "steps")
    assert q.totals(ds, Filters())["journeys"] == ds.journeys  # the core alone answers at once
    result = {}
    reader = threading.Thread(target=lambda: result.update(
        moves=journey_paths.transition_stats(ds, Filters(), "stage")))
    reader.start()
    reader.join(1.0)
    assert reader.is_alive()  # waiting for steps.parquet: the paths have no other source
    gate.set()
    reader.join(60)
    assert not reader.is_alive()
    assert ready.done(ds.facts_dir, "steps")
    assert result["moves"].sort(pl.all()).equals(expected)
    ready.join(ds.facts_dir)


def _overview_reads(ds, f: Filters) -> dict:
    """What the overview reads from the touchpoint cube and the journey stages, rows in one order."""
    journeys, ratings = sq.model_inputs(ds, f)
    return {"dwell": sq.dwell_summary(ds, f).sort("stage"),
            "ratings": ratings.sort(pl.all()), "journeys": journeys.sort(pl.all()),
            "reach": sq.stage_reach(ds, f).sort(pl.all()),
            "touchpoints": q.touchpoint_counts(ds, f, "satisfaction", ["touchpoint"]).sort(pl.all())}


@pytest.mark.parametrize("f", [Filters(), Filters(channel=("모바일 앱",), stage=("이용",))], ids=["all", "channel-stage"])
def test_the_overview_mid_pass_reads_the_events_at_once_with_the_same_figures(whole, tmp_path, monkeypatch, f):
    data = _copy_of_sample(tmp_path)
    assert q.reads_cube(whole, Filters(), ["touchpoint"])
    expected = _overview_reads(whole, f)

    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "mid"))
    gate = _gated(monkeypatch, "touchpoint_cube")  # the cube and, after it, the journey stages held back
    ds = open_dataset(data, background=True)
    try:
        assert not ready.done(ds.facts_dir, "touchpoint_cube") and not ready.done(ds.facts_dir, "journey_stages")
        assert not q.reads_cube(ds, Filters(), ["touchpoint"])  # the events, not a wait
        got = _overview_reads(ds, f)
    finally:
        gate.set()
        ready.join(ds.facts_dir)
    assert got.keys() == expected.keys()
    for name in expected:
        assert got[name].equals(expected[name]), name
    assert q.reads_cube(ds, Filters(), ["touchpoint"])  # once written, the cube


def test_a_wait_that_runs_out_names_what_is_missing_in_the_ui_language(tmp_path):
    facts = tmp_path / "facts"
    facts.mkdir()
    with pytest.raises(DataError) as caught:
        ready.wait(facts, ready.LATE, "journey_stages", timeout=0.2)
    assert "journey stages" in str(caught.value) and "0 seconds" in str(caught.value)
    assert "여정 단계" in caught.value.text("ko")
    ready.wait(facts, (), "journey_stages", timeout=0.2)  # facts without late outputs: nothing to wait for


def test_a_failed_late_output_is_raised_to_its_reader_and_the_others_are_still_written(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    real = store_facts.write_late

    def broken(ds, name):
        if name == "touchpoint_cube":
            raise RuntimeError("the cube could not be written")
        real(ds, name)

    monkeypatch.setattr(store_facts, "write_late", broken)
    ds = open_dataset(_copy_of_sample(tmp_path), background=True)
    ready.join(ds.facts_dir)
    with pytest.raises(RuntimeError, match="cube could not"):
        ready.wait(ds.facts_dir, ds.late, "touchpoint_cube", timeout=5)
    assert ready.done(ds.facts_dir, "journey_stages") and ready.done(ds.facts_dir, "comments")


_CHILD = """
import sys, time
from store import open_dataset
from store.facts import journey_stages
real = journey_stages.write
def write_then_hang(*args):
    real(*args)  # the file is written in the pass's own folder, not yet moved into place
    time.sleep(120)
journey_stages.write = write_then_hang
open_dataset(sys.argv[1])
"""


def test_a_pass_killed_midway_leaves_nothing_trusted_and_the_reopen_gives_the_same_figures(tmp_path, monkeypatch,
                                                                                            capsys):
    data = _copy_of_sample(tmp_path)
    cache = tmp_path / "killed"
    env = {**os.environ, "CXLENS_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, str(data)], cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 120
        while not list(cache.glob("*/.late-journey_stages-*/journey_stages.parquet")):
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    facts = next(p for p in cache.iterdir() if (p / "meta.parquet").exists())
    assert ready.done(facts, "touchpoint_cube")  # written before the kill
    assert not ready.done(facts, "journey_stages") and not (facts / "journey_stages.parquet").exists()

    reopened = _report_json(data, cache, monkeypatch, capsys)
    assert not list(facts.glob(".late-*"))  # the killed pass's folder is gone
    assert all(ready.done(facts, output) for output in ready.LATE)
    whole = _report_json(data, tmp_path / "whole", monkeypatch, capsys)
    assert _close(reopened, whole)

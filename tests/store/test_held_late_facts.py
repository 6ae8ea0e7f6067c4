"""The late pass held until the first page is drawn: it writes nothing until released (the page drawn, a reader
waiting for one of its outputs, a join) or HOLD_SECONDS have passed, and what it then writes equals a pass never
held."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import polars as pl
import pytest

from store import Filters, journey_paths, open_dataset
from store.facts import ready
from tests.support.sample import sample_path
from ui import data as ui_data


def _copy_of_sample(tmp_path: Path, name: str = "src") -> Path:
    """A copy of the sample under its own path: its own fingerprint, so nothing cached elsewhere is reused."""
    target = tmp_path / name / "events.parquet"
    target.parent.mkdir()
    shutil.copy(sample_path(tmp_path), target)
    return target


@pytest.fixture
def held(tmp_path, monkeypatch):
    """A page-less open of a copy of the sample with the late pass held; the job is joined at the end."""
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "held"))
    ds = open_dataset(_copy_of_sample(tmp_path), background=True, hold=True)
    yield ds
    ready.join(ds.facts_dir)


def _finished(ds) -> None:
    """Wait for the job's thread itself (``ready.join`` would release the hold)."""
    job = ready.job(ds.facts_dir)
    job.thread.join(120)
    assert not job.running


def _contents(facts_dir: str) -> dict[str, pl.DataFrame]:
    """Every Parquet file of a facts folder, rows in one order (meta without the time it was written)."""
    frames = {}
    for path in sorted(Path(facts_dir).rglob("*.parquet")):
        frame = pl.read_parquet(path)
        if path.name == "meta.parquet":
            frame = frame.drop("written_at")
        frames[str(path.relative_to(facts_dir))] = frame.sort(pl.all().exclude(pl.List, pl.Array, pl.Struct))
    return frames


def test_a_held_late_pass_writes_nothing_until_released(held):
    job = ready.job(held.facts_dir)
    assert job.held and job.running
    assert ready.pending(held.facts_dir, held.late) == list(ready.LATE)


def test_a_reader_waiting_for_a_late_output_releases_the_hold_and_gets_the_right_figures(held, tmp_path,
                                                                                        monkeypatch):
    moves = journey_paths.transition_stats(held, Filters(), "stage")  # reads steps.parquet: waits for it
    assert not ready.job(held.facts_dir).held
    assert ready.done(held.facts_dir, "steps")
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "whole"))
    whole = open_dataset(_copy_of_sample(tmp_path, "again"))  # the whole pass at once
    assert moves.sort(pl.all()).equals(journey_paths.transition_stats(whole, Filters(), "stage").sort(pl.all()))


def test_the_page_drawn_releases_the_hold_once_the_browser_has_had_time_to_draw_it(held):
    ui_data.page_shown(held)
    job = ready.job(held.facts_dir)
    assert job.held  # the browser draws the page's charts first
    assert job.released.wait(ui_data.DRAWING_SECONDS + 30)
    _finished(held)
    assert ready.pending(held.facts_dir, held.late) == []


def test_a_join_releases_the_hold(held):
    ready.join(held.facts_dir)
    assert ready.pending(held.facts_dir, held.late) == []


def test_the_hold_ends_by_itself_after_hold_seconds(tmp_path, monkeypatch):
    monkeypatch.setattr(ready, "HOLD_SECONDS", 0.2)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    ds = open_dataset(_copy_of_sample(tmp_path), background=True, hold=True)
    _finished(ds)  # nobody released it
    assert ready.pending(ds.facts_dir, ds.late) == []


def test_the_facts_written_with_the_hold_equal_those_written_without(held, tmp_path, monkeypatch):
    ui_data.page_shown(held)
    _finished(held)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "plain"))
    plain = open_dataset(_copy_of_sample(tmp_path, "again"))
    with_hold, without = _contents(held.facts_dir), _contents(plain.facts_dir)
    assert with_hold.keys() == without.keys()
    assert "steps.parquet" in with_hold and "comments.parquet" in with_hold
    for name, frame in with_hold.items():
        assert frame.equals(without[name]), name


def test_the_overviews_keyword_step_waits_for_the_release_and_does_not_give_it(held):
    from store.facts import comments

    tokens = comments.start_tokens(held, after_first_page=True)
    tokens.thread.join(1.0)  # still waiting: the first page has not been drawn
    assert tokens.running and ready.job(held.facts_dir).held
    assert not comments.tokens_ready(held) and ready.pending(held.facts_dir, held.late) == list(ready.LATE)
    ui_data.page_shown(held)
    tokens.thread.join(120)
    assert not tokens.running and tokens.error is None and comments.tokens_ready(held)


def test_a_page_that_needs_the_keywords_releases_the_hold_a_background_step_waits_for(tmp_path, monkeypatch):
    import threading

    from store.facts import comments

    monkeypatch.setattr(ready, "HOLD_SECONDS", 600.0)  # no timeout to hide behind
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "held"))
    ds = open_dataset(_copy_of_sample(tmp_path), background=True, hold=True)
    try:
        background = comments.start_tokens(ds, after_first_page=True)
        background.thread.join(0.5)
        assert background.running and ready.job(ds.facts_dir).held
        page = threading.Thread(target=comments.ensure_tokens, args=(ds,))  # the VoC page, in its script thread
        page.start()
        page.join(120)
        assert not page.is_alive() and comments.tokens_ready(ds)
        background.thread.join(120)
        assert background.error is None
    finally:
        ready.join(ds.facts_dir)


@pytest.mark.parametrize("f", [
    Filters(), Filters(persona=("사회초년생",)), Filters(channel=("콜센터",), stage=("문의",)),
    Filters(since=dt.date(2025, 6, 1), until=dt.date(2025, 9, 30), persona=("사회초년생", "현금을 사용하는 가정 주부")),
    Filters(channel=("콜센터",)), Filters(dims=(("region", ("서울",)),)),
], ids=["all", "persona", "channel_stage", "period_personas", "channel", "region"])
def test_the_follow_up_list_reads_the_same_rows_from_the_late_facts_as_from_the_events_before_them(held, f):
    from store import queries

    assert not queries._detractor_facts(held)
    before = queries.detractor_journeys(held, f)  # the events and the source: the late facts are not written yet
    ready.join(held.facts_dir)
    queries._MEMO.clear()
    assert queries._detractor_facts(held)
    after = queries.detractor_journeys(held, f)
    assert before.height > 0 and before["comment"].drop_nulls().len() > 0
    assert before["worst_stage"].drop_nulls().len() > 0 and before.equals(after)


def test_the_background_keyword_step_lets_the_late_pass_end_first_and_a_page_does_not_wait_for_it(tmp_path,
                                                                                                  monkeypatch):
    # memory: the analyser's model beside the late windows took a 10M-event process to 1.7 GB
    import threading

    from store.facts import comments
    from store.facts import journey_facts as store_facts

    gate, real = threading.Event(), store_facts.write_late

    def slow_last(ds, output):
        if output == "customer_features":  # the last late output, after the comments
            assert gate.wait(120)
        real(ds, output)

    monkeypatch.setattr(store_facts, "write_late", slow_last)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "held"))
    ds = open_dataset(_copy_of_sample(tmp_path), background=True, hold=True)
    try:
        background = comments.start_tokens(ds, after_first_page=True)
        ui_data.page_shown(ds)
        while ready.pending(ds.facts_dir, ds.late) != ["customer_features"]:
            background.thread.join(0.05)
        background.thread.join(1.0)
        assert background.running and not comments.tokens_ready(ds)  # waiting for the pass, not tokenising beside it
        page = threading.Thread(target=comments.ensure_tokens, args=(ds,))  # the VoC page needs them now
        page.start()
        page.join(120)
        assert not page.is_alive() and comments.tokens_ready(ds) and ready.job(ds.facts_dir).running
    finally:
        gate.set()
        ready.join(ds.facts_dir)
    background.thread.join(120)
    assert not background.running and background.error is None

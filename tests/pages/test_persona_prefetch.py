"""A settled overview computes, in the background, the overview of each persona added to its selection: a person's
first pick of a persona then takes that story from the cache, and it is the same page as one computed on the spot."""

from __future__ import annotations

import shutil
import threading
import time

import pytest
import streamlit as st

from store.facts import ready
from ui import overview_view

THREAD = "cxlens-persona-prefetch"


@pytest.fixture
def watched(telco_path, tmp_path, monkeypatch):
    """The telco data at its own path (a fresh facts pass), and the calls of the executive story on it:
    (thread name, personas selected)."""
    from figures import executive

    data = tmp_path / "telco.parquet"
    shutil.copy(telco_path, data)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(overview_view, "_PREFETCHED", set())
    calls: list[tuple[str, tuple[str, ...]]] = []
    real = executive.dashboard_summary

    def summary(ds, f, *args, **kwargs):
        if ds.source == str(data):
            calls.append((threading.current_thread().name, f.persona))
        return real(ds, f, *args, **kwargs)

    monkeypatch.setattr(executive, "dashboard_summary", summary)
    yield data, calls
    ready.join_under(tmp_path / "cache", 120)


def _settled(app, data, **query):
    """The overview of ``data`` once its late facts are written (each run asks; the pass starts after the first)."""
    at = app(data, **query)
    ready.join_under(data.parent / "cache", 120)
    at.run()
    assert not at.exception and not at.error
    return at


def _wait_for(calls, expected: set, seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while {p for name, p in calls if name == THREAD} != expected and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_settled_overview_computes_each_personas_story_and_a_first_pick_takes_it(app, watched):
    data, calls = watched
    _settled(app, data)
    personas = {("business",), ("postpaid",), ("prepaid",)}
    _wait_for(calls, personas)
    assert {p for name, p in calls if name == THREAD} == personas
    assert len([c for c in calls if c[0] == THREAD]) == 3  # once each
    before = len(calls)
    picked = app(data, persona="postpaid")  # the person's pick, in a session of its own
    assert not picked.exception and not picked.error
    assert len(calls) == before  # from the cache: not computed again
    st.cache_data.clear()  # the same page, computed on the spot
    fresh = app(data, persona="postpaid")
    assert len(calls) == before + 1
    assert [m.value for m in fresh.markdown] == [m.value for m in picked.markdown]
    assert [m.value for m in fresh.metric] == [m.value for m in picked.metric]


def test_no_persona_is_prefetched_when_one_is_picked_or_the_late_facts_are_still_written(app, watched, monkeypatch):
    data, calls = watched
    monkeypatch.setattr(ready, "HOLD_SECONDS", 600.0)
    at = app(data)  # the late pass held until the page is drawn: not written yet
    assert not at.exception
    time.sleep(0.2)
    assert not any(name == THREAD for name, _ in calls)
    ready.join_under(data.parent / "cache", 120)
    _settled(app, data, persona="business")  # a persona picked: the others are not prefetched for it
    time.sleep(overview_view.data.DRAWING_SECONDS + 1.0)
    assert not any(name == THREAD for name, _ in calls)


def test_the_remembered_prefetches_are_bounded_and_a_full_memory_still_prefetches(app, watched, monkeypatch):
    data, calls = watched
    monkeypatch.setattr(overview_view, "_PREFETCHED_KEPT", 2)
    overview_view._PREFETCHED.update({("old", 1), ("old", 2)})  # a long-running server's earlier selections
    _settled(app, data)
    _wait_for(calls, {("business",), ("postpaid",), ("prepaid",)})
    assert len([c for c in calls if c[0] == THREAD]) == 3
    assert len(overview_view._PREFETCHED) == 1 and ("old", 1) not in overview_view._PREFETCHED

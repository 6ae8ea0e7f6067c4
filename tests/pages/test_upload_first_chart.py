"""An upload's first overview is drawn before the background work on the new data: its late facts wait on the Upload
page (which draws none of its figures) until the next page is drawn, and the comments' keywords step starts once the
overview is drawn, not while it computes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from store.facts import comments as store_comments
from store.facts import ready
from tests.pages.conftest import PAGES
from ui import data, layout

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "ingest"
OVERVIEW = str(PAGES / "overview.py")


def _upload(at, name: str = "cp949_korean.csv"):
    at.file_uploader[0].upload(name, (CORPUS / name).read_bytes(), "text/csv").run()
    assert not at.exception and not at.error
    return at


def test_the_upload_page_keeps_the_uploads_late_facts_held_and_the_next_page_releases_them(app, telco_path,
                                                                                           monkeypatch):
    monkeypatch.setattr(ready, "HOLD_SECONDS", 600.0)  # released by a page, not by the time limit
    at = _upload(app(telco_path, page="upload.py"))
    uploaded = at.session_state["dataset"]
    job = ready.job(uploaded.facts_dir)
    assert job is not None and job.held
    assert ready.pending(uploaded.facts_dir, uploaded.late) == list(ready.LATE)
    at.run()  # the Upload page drawn again: still held
    assert ready.job(uploaded.facts_dir).held
    at.switch_page(OVERVIEW).run()
    assert not at.exception and not at.error
    # released once the browser has had DRAWING_SECONDS to draw the overview's charts
    assert job.released.wait(data.DRAWING_SECONDS + 30) and not job.held
    job.thread.join(120)
    assert ready.pending(uploaded.facts_dir, uploaded.late) == []


def test_the_overview_of_an_upload_draws_its_charts_before_the_keywords_step_starts(app, telco_path, monkeypatch):
    events: list[str] = []
    real_chart, real_start = layout.chart, store_comments.start_tokens

    def chart(*args, **kwargs):
        events.append("chart")
        return real_chart(*args, **kwargs)

    def start_tokens(ds, after_first_page=False):
        events.append(f"keywords {ds.facts_dir}")
        return real_start(ds, after_first_page=after_first_page)

    monkeypatch.setattr(layout, "chart", chart)
    monkeypatch.setattr(store_comments, "start_tokens", start_tokens)
    at = _upload(app(telco_path, page="upload.py"))
    uploaded = at.session_state["dataset"]
    events.clear()
    at.switch_page(OVERVIEW).run()
    assert not at.exception and not at.error
    started = f"keywords {uploaded.facts_dir}"
    assert started in events  # started, once the page was drawn
    assert "chart" in events[:events.index(started)]
    store_comments.wait_for_jobs(uploaded.facts_dir, 120)
    assert store_comments.tokens_ready(uploaded)


def test_the_overview_of_a_loaded_upload_is_computed_while_the_upload_page_is_read(app, telco_path, monkeypatch):
    from figures import executive

    calls: list[tuple[str, str]] = []  # (thread, source): an earlier test's upload may still be prefetched
    real = executive.dashboard_summary

    def summary(ds, *args, **kwargs):
        calls.append((threading.current_thread().name, ds.source))
        return real(ds, *args, **kwargs)

    monkeypatch.setattr(executive, "dashboard_summary", summary)
    at = _upload(app(telco_path, page="upload.py"))
    mine = at.session_state["dataset"].source  # this session's events file

    def ours() -> list[str]:
        return [name for name, source in calls if source == mine]

    deadline = time.monotonic() + 120
    while not ours() and time.monotonic() < deadline:  # started after the page is drawn
        time.sleep(0.05)
    assert ours() == ["cxlens-overview-prefetch"]
    at.switch_page(OVERVIEW).run()  # takes the prefetched story (or waits for it): not a second computation
    assert not at.exception and not at.error
    assert ours() == ["cxlens-overview-prefetch"]
    assert at.title[0].value and at.markdown  # the overview drawn, its headline among the markdown

"""The facts pass's late outputs on the dashboard (issue 26): while one is still being written, a progress line above
the page names it, and a page that does not read it shows its figures; once all are written the line is gone."""

from __future__ import annotations

import shutil
import threading
import time

from store.facts import journey_facts as store_facts
from store.facts import ready
from ui import data as ui_data


def test_a_late_output_still_being_written_is_named_above_the_page_until_it_is_written(app, sample_path, tmp_path,
                                                                                      monkeypatch):
    data = tmp_path / "events.parquet"  # its own path: its own fingerprint, so a fresh facts pass
    shutil.copy(sample_path, data)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    gate, real = threading.Event(), store_facts.write_late

    def held(ds, output):
        if output == "customer_features":  # the last one; the overview does not read it
            assert gate.wait(120)
        real(ds, output)

    monkeypatch.setattr(store_facts, "write_late", held)
    at = app(data)
    try:
        assert not at.exception and not at.error
        facts_dir = next(d for d in (tmp_path / "cache").iterdir() if (d / "meta.parquet").exists())
        while ready.pending(facts_dir, ready.LATE) != ["customer_features"]:  # the others are written meanwhile
            assert ready.job(facts_dir).running
            time.sleep(0.05)
        at.run()
        assert not at.exception and not at.error
        progress = [p.proto.text for p in at.get("progress")]
        assert progress == ["Preparing the rest of this data (6 of 6): customer features… Figures already shown are "
                            "final; a page that needs it waits."]
        assert len(at.get("plotly_chart")) >= 1  # the overview did not wait for the customer features
    finally:
        gate.set()
    ready.join(facts_dir)
    at.run()
    assert not at.exception
    assert at.get("progress") == []


def test_the_late_pass_held_while_the_first_page_is_drawn_is_released_once_it_is(app, sample_path, tmp_path,
                                                                                 monkeypatch):
    data = tmp_path / "events.parquet"
    shutil.copy(sample_path, data)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(ready, "HOLD_SECONDS", 600.0)  # released by the page, not by the time limit
    at = app(data)
    assert not at.exception and not at.error
    facts_dir = next(d for d in (tmp_path / "cache").iterdir() if (d / "meta.parquet").exists())
    job = ready.job(facts_dir)
    # released once the browser has had DRAWING_SECONDS to draw the page (not by the 600 s limit)
    assert job is not None and job.released.wait(ui_data.DRAWING_SECONDS + 30)
    job.thread.join(120)
    assert ready.pending(facts_dir, ready.LATE) == []

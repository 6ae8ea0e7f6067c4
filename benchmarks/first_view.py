"""The first look at new data, and the facts pass output by output, each in a fresh process.

``python -m benchmarks.first_view view DATA``: open DATA on an empty facts cache as the dashboard does (the facts pass's
core, its late outputs in the background, held until the page is drawn) and compute the overview page's data
(pages/overview.py: the executive summary with its key drivers, the NPS trend, the pain points, the detractors), then
release the held late outputs as dashboard.py does once the page is drawn; prints {"core", "overview", "first_view",
"late_done"} in seconds since the process started its work (``late_done``: the late outputs all
written, joined after the overview) and ``shown_at`` (the epoch time of the first view, so that benchmarks/run.py
can count the interpreter's start and the imports too).

``python -m benchmarks.first_view pass DATA``: the whole facts pass written at once, output by output; prints
{output: seconds} (store.facts.facts: the core's events, steps, journeys, transitions, stages, quarantine, then each
late output).
"""

from __future__ import annotations

import json
import logging
import sys
import time


def first_view(path: str) -> dict[str, float]:
    logging.disable(logging.WARNING)  # "No runtime found" warnings of st.cache_* outside streamlit
    from store import Filters, open_dataset
    from store.facts import ready
    from ui import data, voc_data

    started = time.perf_counter()
    ds = open_dataset(path, background=True, hold=True)  # as ui.data opens it
    core = time.perf_counter() - started
    f = Filters()
    data.executive_summary(ds, f, "last_30", voc_data.keywords_ready(ds))
    data.nps_by_week(ds, f)
    data.score_trend(ds, f, "week", "nps")
    data.pain_points(ds, f)
    data.detractors(ds, f)
    shown = time.perf_counter() - started
    shown_at = time.time()  # the benchmark takes the first view's wall time from the process's start to here
    data.page_shown(ds)  # as dashboard.py after the page: the late outputs, held until now, are written
    ready.join(ds.facts_dir)
    return {"core": round(core, 3), "overview": round(shown - core, 3), "first_view": round(shown, 3),
            "late_done": round(time.perf_counter() - started, 3), "shown_at": shown_at}


def facts_pass(path: str) -> dict[str, float]:
    from store import open_dataset

    timings: dict[str, float] = {}
    started = time.perf_counter()
    open_dataset(path, timings=timings)
    timings["total"] = time.perf_counter() - started
    return {k: round(v, 3) for k, v in timings.items()}


if __name__ == "__main__":
    what, source = sys.argv[1], sys.argv[2]
    print(json.dumps(first_view(source) if what == "view" else facts_pass(source)))

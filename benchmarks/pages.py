"""The dashboard's data path, run as the app runs it (ui.data's cached functions), timed phase by phase.

``python -m benchmarks.pages DATA`` opens DATA the way dashboard.py does (CXLENS_DATA, the facts
cache in CXLENS_CACHE_DIR), renders every page's data (overview, journey map, channels, duration,
personas, key drivers), then changes the filters several times and re-renders the overview (and
finally the journey map, and the journeys page unfiltered and under three of the filter changes). Then
every data page (overview, journey map, channels, duration, personas, key drivers, journeys, voice of the
customer) after each filter change, one page at a time with every cache cleared first (``page_<page>_<change>``:
what a person on that page waits for; the dataset's filter options are loaded before the clock starts). The
voice of the customer's keywords are computed once first when the facts lack them (``voc_keywords``). Prints
{phase: seconds} as JSON. Whether the first phase is cold or warm depends on the cache dir the
caller passes. ``--events-only`` turns the touchpoint cube off (store.queries.USE_CUBE): every
touchpoint figure then scans the events, as before the cube, for the comparison.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import sys
import time


def main(path: str, cube: bool = True) -> dict[str, float]:
    os.environ["CXLENS_DATA"] = path
    logging.disable(logging.WARNING)  # "No runtime found" warnings of st.cache_* outside streamlit
    from store import Filters, queries

    queries.USE_CUBE = cube
    import streamlit as st

    from figures import drivers as drivers_figures
    from store.facts import comments as store_comments
    from ui import data, voc_data
    from ui import journeys_data as jd

    timings: dict[str, float] = {}

    def timed(name, fn):
        started = time.perf_counter()
        out = fn()
        timings[name] = round(time.perf_counter() - started, 4)
        return out

    def shell():  # dashboard.py: the dataset and the filter panel's options
        ds = data.current_dataset()
        return ds, data.filter_options(ds)

    def overview(ds, f):  # pages/overview.py (layout.stop_if_empty first) and ui/overview_view.py
        if data.totals(ds, f)["journeys"] == 0:
            data.relaxations(ds, f)
            return
        keywords = voc_data.keywords_ready(ds)
        # the headline, cards, pain points and what changed: the story with its key drivers (the model fit)
        data.executive_summary(ds, f, "custom" if f.since or f.until else "last_30", keywords)
        data.nps_by_week(ds, f)
        if keywords:  # the detractors' words at the pain points (the page starts the step in the background)
            voc_data.top_complaints(ds, f, "touchpoint")
        data.detractors(ds, f)
        data.detractors_hidden(ds, f)

    def journey_map(ds, f):  # pages/journey_map.py
        if data.totals(ds, f)["journeys"] == 0:
            return
        data.emotion_curve(ds, f)
        data.colours(ds)
        data.funnel(ds, f)
        data.stage_channel(ds, f)
        data.pain_points(ds, f)

    def channels(ds, f):  # pages/channels.py
        data.handoff_effect(ds, f, alone=True)
        data.transitions(ds, f)
        data.handoffs(ds, f)
        data.channel_scores(ds, f)
        data.nps_by_handoffs(ds, f)

    def duration(ds, f):  # pages/duration.py
        data.duration_by_persona(ds, f)
        data.dwell(ds, f)

    def personas(ds, f):  # pages/personas.py
        data.persona_kpis(ds, f)
        data.channel_mix(ds, f)
        data.weakest_stages(ds, f, data.min_sample())

    def drivers(ds, f):  # pages/drivers.py (both models on one design)
        data.key_drivers(ds, f)
        data.handoff_effect(ds, f)

    def journeys(ds, f, kind="stage"):  # pages/journeys.py as it opens: stage paths, detractor paths, map, list
        jd.path_table(ds, f, kind)
        jd.detractor_paths(ds, f, kind)
        jd.transition_table(ds, f, kind)
        jd.journey_list(ds, f, "nps", False, None, None)

    def voc(ds, f):  # pages/voc.py as it opens (keywords computed)
        v = voc_data.voc(ds, f)
        if v.comments == 0:
            return
        voc_data.voc_associated(ds, f, v.keywords["keyword"][0])
        voc_data.voc_split(ds, f, "stage")
        voc_data.voc_compare(ds, f, "stage", ds.stage_order[0])
        voc_data.verbatims(ds, f, "", "")

    ds, options = timed("open", shell)
    f = Filters()
    timed("overview", lambda: overview(ds, f))
    timed("journey_map", lambda: journey_map(ds, f))
    timed("channels", lambda: channels(ds, f))
    timed("duration", lambda: duration(ds, f))
    timed("personas", lambda: personas(ds, f))
    timed("drivers", lambda: drivers(ds, f))
    lo, hi = options["dates"]
    month = (max(lo, hi - dt.timedelta(days=90)), max(lo, hi - dt.timedelta(days=60)))
    changes = [
        ("filter_persona", Filters.make(persona=options["persona"][:1])),
        ("filter_persona_dates", Filters.make(persona=options["persona"][:1], since=month[0], until=month[1])),
        ("filter_channel", Filters.make(channel=options["channel"][:1])),
        ("filter_channel_stage", Filters.make(channel=options["channel"][:2], stage=list(ds.stage_order[2:4]))),
    ]
    for name, g in changes:
        timed(name, lambda g=g: overview(ds, g))
    timed("filter_back_cached", lambda: overview(ds, changes[0][1]))
    timed("journey_map_filtered", lambda: journey_map(ds, dataclasses.replace(changes[1][1])))
    timed("journeys", lambda: journeys(ds, f))
    timed("journeys_channel", lambda: journeys(ds, f, "channel"))
    for name, g in changes[:3]:
        timed("journeys_" + name, lambda g=g: journeys(ds, g))
    if not voc_data.keywords_ready(ds):
        timed("voc_keywords", lambda: store_comments.ensure_tokens(ds))
    pages = {"overview": overview, "journey_map": journey_map, "channels": channels, "duration": duration,
             "personas": personas, "drivers": drivers, "journeys": journeys, "voc": voc}
    for name, g in changes:
        for page, render in pages.items():
            st.cache_data.clear()  # the page alone, as after a filter change on it: nothing of another page cached
            queries._MEMO.clear()
            drivers_figures._FITTED.clear()  # the models fitted for another page of this selection
            data.filter_options(ds)
            timed(f"page_{page}_{name.removeprefix('filter_')}", lambda render=render, g=g: render(ds, g))
    return timings


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], cube="--events-only" not in sys.argv[2:])))

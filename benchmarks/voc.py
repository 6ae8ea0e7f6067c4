"""Voice of the customer: time the tokens step (once per data version) and the VoC page's data after filter changes.

``python -m benchmarks.voc EVENTS`` opens EVENTS as the dashboard does (CXLENS_DATA, facts in CXLENS_CACHE_DIR,
computed first when not cached), deletes the version's keywords, then times: the tokens step on the distinct
comments; the Voice of the customer page's data (ui.data: keyword table, detractor/promoter and rising
keywords, associated words, split, verbatims) first, then after filter changes (persona, channel, a 30-day
period, a keyword) and the overview under the keyword filter; and the analyser alone on
``--distinct`` comments that are all different (the worst case: real comments repeat far less than the
sample's templates). Prints JSON.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import random
import sys
import time
from pathlib import Path


def distinct_comments(n: int, seed: int = 7) -> list[str]:
    """``n`` different Korean comments built from the sample's vocabulary (touchpoints, particles, endings)."""
    from sample_data.vocabulary import COMMENT_TEMPLATES, COMPLAINTS, LATE_THEME, PRAISES, TOUCHPOINT_NAMES

    rng = random.Random(seed)
    templates = [t for group in COMMENT_TEMPLATES for t in group]
    extras = [*COMPLAINTS, *PRAISES, *LATE_THEME]
    adverbs = ("정말", "너무", "조금", "진짜", "계속", "항상", "가끔", "처음부터")
    endings = ("다음에도 이용할게요.", "개선해 주세요.", "감사합니다.", "불편했어요.", "좋았어요.", "답변 부탁드려요.")
    out = set()
    while len(out) < n:
        text = rng.choice(templates).format(tp=rng.choice(TOUCHPOINT_NAMES))
        out.add(f"{rng.choice(adverbs)} {text} {rng.choice(extras)} {rng.choice(endings)} ({rng.randrange(10**6)}번째 이용)")
    return sorted(out)


def main(events: str, distinct: int) -> dict:
    os.environ["CXLENS_DATA"] = events
    logging.disable(logging.WARNING)  # "No runtime found" warnings of st.cache_* outside streamlit
    from metrics.text import keywords
    from store import Filters
    from store.facts import comments as store_comments
    from store.facts import db
    from ui import data, voc_data

    out: dict = {}

    def timed(name, fn):
        started = time.perf_counter()
        result = fn()
        out[name] = round(time.perf_counter() - started, 4)
        return result

    ds = timed("open", data.current_dataset)
    for name in (store_comments.TOKENS, store_comments.JOURNEY_KEYWORDS):
        Path(ds.facts_dir, name).unlink(missing_ok=True)
    counts = db.query("SELECT count(*) AS comments, count(DISTINCT text_id) AS texts FROM read_parquet($c)",
                      {"c": str(Path(ds.facts_dir) / store_comments.COMMENTS)}).row(0, named=True)
    out["comments"], out["distinct_comments"] = int(counts["comments"]), int(counts["texts"])
    timed("tokens", lambda: store_comments.ensure_tokens(ds))

    def page(f):  # pages/voc.py's data
        v = voc_data.voc(ds, f)
        if v.comments == 0:
            return
        top = v.keywords["keyword"][0]
        voc_data.voc_associated(ds, f, top)
        voc_data.voc_split(ds, f, "stage")
        voc_data.voc_compare(ds, f, "stage", ds.stage_order[0])
        voc_data.verbatims(ds, f, "", "")

    options = data.filter_options(ds)
    timed("voc_page", lambda: page(Filters()))
    lo, hi = options["dates"]
    keyword = voc_data.voc(ds, Filters()).detractor["keyword"][0]
    changes = [
        ("voc_filter_persona", Filters.make(persona=options["persona"][:1])),
        ("voc_filter_channel", Filters.make(channel=options["channel"][:1])),
        ("voc_filter_dates", Filters.make(since=max(lo, hi - dt.timedelta(days=90)),
                                          until=max(lo, hi - dt.timedelta(days=60)))),
        ("voc_filter_keyword", Filters.make(keyword=[keyword])),
    ]
    for name, f in changes:
        timed(name, lambda f=f: page(f))
    timed("overview_keyword", lambda: (data.kpis(ds, changes[-1][1]), data.nps_by_week(ds, changes[-1][1])))
    texts = distinct_comments(distinct)
    timed("analyser_distinct", lambda: keywords(texts))
    out["analyser_texts"] = distinct
    out["analyser_s_per_100k"] = round(out["analyser_distinct"] * 100_000 / distinct, 1)
    return out


if __name__ == "__main__":
    p = argparse.ArgumentParser(prog="python -m benchmarks.voc", description=__doc__.splitlines()[0])
    p.add_argument("events")
    p.add_argument("--distinct", type=int, default=20_000, help="all-different comments the analyser is timed on")
    args = p.parse_args()
    print(json.dumps(main(args.events, args.distinct)))
    sys.exit(0)

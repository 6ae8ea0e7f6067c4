"""The process map and the paths against process mining's own definitions, on logs modelled on public ones.

The reference below computes what a process-mining library (pm4py's discover_dfg, its performance DFG
with median aggregation, and get_variants) computes, in plain Python from the events: per case, events
sorted by time; each pair of consecutive events is a directly-follows arc (a, b) with the seconds between
them; a case's variant is its activities in order. cxlens leaves self-loops (a, a) out of the map (a
transition changes stage) and collapses repeats in paths, so the comparison does the same to the reference.
The logs are written here (modelled on the Road Traffic Fine Management XES log and a BPI-style CSV
export), not downloaded; no two events of a case share a timestamp (on ties the libraries keep file order,
cxlens its documented journey order).
"""

import datetime as dt
import random
import statistics
from collections import Counter, defaultdict

import polars as pl
import pytest

import ingest
from figures import journeys as journeys_figures
from store import Filters, open_dataset

FINE = ["Create Fine", "Send Fine", "Insert Fine Notification", "Add penalty", "Payment", "Send for Credit Collection",
        "Insert Date Appeal to Prefecture", "Send Appeal to Prefecture", "Receive Result",
        "Notify Result Appeal to Offender"]
# Control flow of the fine process, with its common variants and a repeated payment (a self-loop).
ROUTES = [
    (["Create Fine", "Payment"], 8),
    (["Create Fine", "Send Fine", "Insert Fine Notification", "Add penalty", "Send for Credit Collection"], 6),
    (["Create Fine", "Send Fine", "Insert Fine Notification", "Add penalty", "Payment"], 5),
    (["Create Fine", "Send Fine", "Insert Fine Notification", "Add penalty", "Payment", "Payment"], 3),
    (["Create Fine", "Send Fine", "Insert Fine Notification", "Insert Date Appeal to Prefecture",
      "Send Appeal to Prefecture", "Receive Result", "Notify Result Appeal to Offender"], 2),
    (["Create Fine", "Send Fine", "Payment"], 4),
]


def fine_log(seed: int = 2) -> list[tuple[str, str, dt.datetime, str]]:
    """(case, activity, time, resource) rows of 28 cases, shuffled; gaps from minutes to months."""
    rng = random.Random(seed)
    rows, n = [], 0
    for route, count in ROUTES:
        for _ in range(count):
            n += 1
            t = dt.datetime(2025, 1, 1) + dt.timedelta(days=rng.randrange(300), minutes=rng.randrange(1440))
            for activity in route:
                rows.append((f"A{n:04d}", activity, t, rng.choice(["561", "537", "550"])))
                t += dt.timedelta(minutes=rng.choice([7, 45, 600, 2880, 43_200]) + rng.randrange(60))
    rng.shuffle(rows)
    return rows


def to_xes(rows) -> bytes:
    traces: dict[str, list] = defaultdict(list)
    for case, activity, when, resource in rows:
        traces[case].append(
            f'<event><string key="concept:name" value="{activity}"/><string key="org:resource" value="{resource}"/>'
            f'<date key="time:timestamp" value="{when.isoformat()}.000+01:00"/>'
            '<string key="lifecycle:transition" value="complete"/></event>')
    body = [f'<trace><string key="concept:name" value="{case}"/>{"".join(events)}</trace>'
            for case, events in traces.items()]
    return ('<?xml version="1.0" encoding="UTF-8" ?><log xes.version="1.0" xmlns="http://www.xes-standard.org/">'
            + "".join(body) + "</log>").encode()


def reference(rows) -> tuple[dict, dict, Counter]:
    """(DFG counts {(a, b): n}, DFG median seconds {(a, b): s}, variants Counter) as process mining defines them."""
    cases: dict[str, list] = defaultdict(list)
    for case, activity, when, _ in rows:
        cases[case].append((when, activity))
    counts, seconds, variants = Counter(), defaultdict(list), Counter()
    for events in cases.values():
        events.sort(key=lambda e: e[0])
        variants[tuple(a for _, a in events)] += 1
        for (t0, a), (t1, b) in zip(events, events[1:], strict=False):
            counts[(a, b)] += 1
            seconds[(a, b)].append((t1 - t0).total_seconds())
    return counts, {k: statistics.median(v) for k, v in seconds.items()}, variants


def _collapsed(variant: tuple) -> tuple:
    return tuple(a for i, a in enumerate(variant) if i == 0 or a != variant[i - 1])


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CXLENS_DISPLAY_TIMEZONE", raising=False)


def _check(ds, rows) -> None:
    counts, median_seconds, variants = reference(rows)
    edges = journeys_figures.transition_table(ds, Filters(), "stage")
    got = {(r["from"], r["to"]): r for r in edges.iter_rows(named=True)}
    arcs = {k: v for k, v in counts.items() if k[0] != k[1]}  # self-loops are no transition
    assert set(got) == set(arcs) and ("Payment", "Payment") in counts
    for arc, n in arcs.items():
        assert got[arc]["count"] == n, arc
        assert got[arc]["median_hours"] == pytest.approx(median_seconds[arc] / 3600, abs=1e-9), arc
    collapsed = Counter()
    for variant, n in variants.items():
        collapsed[_collapsed(variant)] += n
    paths = journeys_figures.path_table(ds, Filters(), "stage")
    ranked = sorted(collapsed.items(), key=lambda kv: (-kv[1], ">".join(kv[0])))
    assert [(tuple(p), n) for p, n in paths.select("path", "journeys").iter_rows()] == [(tuple(v), n) for v, n in ranked]


def test_an_xes_log_s_process_map_and_paths_equal_the_directly_follows_graph_and_variants(tmp_path):
    rows = fine_log()
    loaded = ingest.load(to_xes(rows), "fines.xes")
    ds = open_dataset(ingest.write_parquet(loaded, tmp_path / "fines.parquet"), name="fines.xes")
    assert ds.journeys == 28
    _check(ds, rows)


def test_a_csv_export_s_process_map_and_paths_equal_the_directly_follows_graph_and_variants(tmp_path):
    rows = fine_log(seed=9)
    frame = pl.DataFrame(
        {"case:concept:name": [r[0] for r in rows], "concept:name": [r[1] for r in rows],
         "time:timestamp": [r[2].strftime("%Y-%m-%d %H:%M:%S") for r in rows], "org:resource": [r[3] for r in rows]})
    path = tmp_path / "bpi_export.csv"
    frame.write_csv(path)
    loaded = ingest.load(path, mapping={"stage": "concept:name", "channel": "org:resource"})  # as --map would
    ds = open_dataset(ingest.write_parquet(loaded, tmp_path / "bpi.parquet"), name="bpi_export.csv")
    _check(ds, rows)

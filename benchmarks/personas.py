"""Derived personas: compare the clustering methods on planted segments, and time features + clustering.

``compare``: planted behavioural segments (sample_data.segments) of ``--customers`` customers per seed;
for each method (SOM + node k-means, plain k-means) and k (the true 5, and auto) the adjusted Rand
index against the planted segments and the clustering time. Prints a Markdown table (docs/personas.md).

``measure EVENTS``: one process opens EVENTS (its facts already cached), computes the customer features
and the clustering (auto k) from scratch, and prints JSON {customers, features_s, clustering_s}. `make
bench` runs it as a child on 1M planted customers for wall time and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path


def measure(events: str) -> dict:
    from figures import personas as personas_figures
    from metrics import personas as mp
    from store import Filters, open_dataset
    from store.facts import personas as sp

    ds = open_dataset(events)
    shutil.rmtree(Path(ds.facts_dir) / "personas", ignore_errors=True)  # features and clustering from scratch
    started = time.perf_counter()
    feats = sp.customer_features(ds)
    features_s = time.perf_counter() - started
    dp = personas_figures.derived_personas(ds, Filters(), k=None)
    total_s = time.perf_counter() - started
    return {"customers": feats.height, "features": len(mp.default_features(feats.columns)), "k": dp.k,
            "features_s": round(features_s, 2), "clustering_s": round(total_s - features_s, 2),
            "total_s": round(total_s, 2)}


def compare(customers: int, seeds: list[int]) -> list[dict]:
    import os

    import polars as pl

    os.environ.setdefault("CXLENS_CACHE_DIR", tempfile.mkdtemp(prefix="cxlens-personas-"))
    from metrics import personas as mp
    from sample_data.segments import SEGMENTS, write
    from store import open_dataset
    from store.facts import personas as sp

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            events, truth_path = Path(tmp) / f"e{seed}.parquet", Path(tmp) / f"t{seed}.parquet"
            write(customers, seed, events, truth_path)
            feats = sp.customer_features(open_dataset(events))
            truth = feats.select("customer_id").join(pl.read_parquet(truth_path), on="customer_id", how="left")
            d = mp.design(feats, mp.default_features(feats.columns))
            for method in mp.METHODS:
                for k in (len(SEGMENTS), None):
                    c = mp.cluster(d, k, method)
                    rows.append({"seed": seed, "method": method, "k": "auto" if k is None else k, "found_k": c.k,
                                 "ari": round(mp.adjusted_rand_index(truth["segment"], c.labels), 3),
                                 "seconds": round(c.seconds, 2)})
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.personas", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--customers", type=int, default=20_000)
    c.add_argument("--seeds", default="1,2,3")
    m = sub.add_parser("measure")
    m.add_argument("events")
    args = p.parse_args(argv)
    if args.command == "measure":
        print(json.dumps(measure(args.events)))
        return 0
    rows = compare(args.customers, [int(s) for s in args.seeds.split(",")])
    print("| seed | method | k | k found | ARI | clustering s |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['seed']} | {r['method']} | {r['k']} | {r['found_k']} | {r['ari']:.3f} | {r['seconds']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

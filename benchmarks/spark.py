"""`make bench` (Spark part): the facts pass on Spark in local mode against the DuckDB pass, 1 and 2 cores → SPARK.md.

Each measurement is a fresh child process on the benchmark's generated events (benchmarks/run.py's datasets), with
an empty facts cache: ``report.py DATA`` (the DuckDB pass plus the report) against ``report.py DATA --engine spark
--spark-master local[N]`` (the Spark pass, then the same report on its facts). Both reports are checked equal.
Run alone: ``python -m benchmarks.spark --sizes 1M,10M``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from benchmarks.run import DATA, HERE, PYTHON, agree, dataset, fresh_cache, just_written, measured


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all cores; /proc/stat): a run's delta over its wall time is how
    many cores it kept busy, the JVM and its Python workers included (they are not children the driver waits for)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def bench(label: str, cores: list[int], driver_memory: str) -> dict:
    path = dataset(label)
    out: dict = {}
    runs = {"duckdb": [PYTHON, "report.py", str(path), "--format", "json"]}
    for n in cores:
        runs[f"spark local[{n}]"] = [PYTHON, "report.py", str(path), "--format", "json", "--engine", "spark",
                                     "--spark-master", f"local[{n}]"]
    reports = {}
    for name, argv in runs.items():
        just_written(path)
        cache = fresh_cache(f"{label}-spark-bench")
        busy = busy_seconds()
        seconds, rss, stdout = measured(argv, {"CXLENS_CACHE_DIR": str(cache), "SPARK_LOCAL_IP": "127.0.0.1",
                                                     "SPARK_DRIVER_MEMORY": driver_memory})
        cores_busy = (busy_seconds() - busy) / seconds
        reports[name] = json.loads(stdout)
        out[name] = {"seconds": round(seconds, 1), "rss_mb": round(rss), "cores_busy": round(cores_busy, 2)}
        print(f"  {label:>4} {name:<16} {seconds:8.1f} s  peak RSS (driver) {rss:7.0f} MB  cores busy {cores_busy:.2f}",
              flush=True)
    out["agree"] = all(agree(reports["duckdb"], r) for r in reports.values())
    return out


def render(results: dict) -> str:
    lines = ["# The facts pass on Spark (local mode) against DuckDB", "",
             f"Measured {results['date']} at {results['commit']} on {os.cpu_count()} cores by `python -m "
             "benchmarks.spark`: a cold `report.py` (empty facts cache) with each engine; Spark's time includes "
             "starting the JVM (about 10 s) and the same report on its facts. Peak RSS is the Python driver's "
             f"(the JVM's heap, SPARK_DRIVER_MEMORY, was {results.get('driver_memory', '1g')}). Cores busy: the machine's "
             "busy CPU seconds during the run over its wall time (JVM and Python workers included).", "",
             "| events | engine | seconds | peak RSS MB | cores busy | reports equal |", "|---|---|---|---|---|---|"]
    for label, res in results["sizes"].items():
        for name, r in res.items():
            if name != "agree":
                lines.append(f"| {label} | {name} | {r['seconds']} | {r['rss_mb']} | {r.get('cores_busy', '')} "
                             f"| {res['agree']} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.spark", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1M,10M")
    p.add_argument("--cores", default="1,2")
    p.add_argument("--driver-memory", default="4g", help="Spark's heap in local mode (SPARK_DRIVER_MEMORY)")
    p.add_argument("--out", type=Path, default=HERE / "SPARK.md")
    args = p.parse_args(argv)
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("pyspark is not installed (requirements-spark.txt): the Spark bench is skipped", flush=True)
        return 0
    DATA.mkdir(parents=True, exist_ok=True)
    cores = [int(c) for c in args.cores.split(",")]
    commit = os.popen("git rev-parse --short HEAD").read().strip()
    results = {"date": dt.date.today().isoformat(), "commit": commit, "driver_memory": args.driver_memory,
               "sizes": {}}
    for label in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        results["sizes"][label] = bench(label, cores, args.driver_memory)
        (DATA / "spark.json").write_text(json.dumps(results, indent=1))
    # The written reading (from the first "## " heading on) is kept: a rerun replaces the table, not the analysis.
    old = args.out.read_text() if args.out.exists() else ""
    args.out.write_text(render(results) + (("\n" + old[old.index("\n## ") + 1:]) if "\n## " in old else ""))
    print(f"wrote {args.out}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

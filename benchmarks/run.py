"""`make bench`: generate the 1M/10M/50M-event datasets once, measure everything in one run, write RESULTS.md.

Every measurement is a fresh child process (wall time end to end, peak RSS from GNU time):
report.py cold (empty facts cache, source just written) and warm (facts cached by an earlier run
on the same unchanged source); the dashboard's data path (benchmarks/pages.py) cold, warm and after
filter changes; the hand-written DuckDB SQL baseline and the pandas notebook baseline on the
same files. Medians of ``--repeats`` runs. Raw numbers go to benchmarks/data/results.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
PYTHON = sys.executable
SIZES = {"1M": 139_000, "10M": 1_390_000, "50M": 6_950_000}  # journeys (about 7.2 events each)
SEED = 20251123
HEADLINE = ("events", "journeys", "nps", "nps_responses", "csat", "ces", "median_journey_hours",
            "p90_journey_hours", "handoff_rate")


def child(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    """Run ``argv`` to completion: (wall seconds, stdout). Raises on a non-zero exit."""
    started = time.perf_counter()
    proc = subprocess.run(argv, cwd=ROOT, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}: {proc.stderr[-2000:]}")
    return seconds, proc.stdout


LOADS: list[float] = []  # the 1-minute load average before each measured child (the machine is shared)


def measured(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child; the RSS is that child's own ru_maxrss
    (GNU time's %M), not the cumulative RUSAGE_CHILDREN of this process."""
    stats = DATA / "time.txt"
    LOADS.append(os.getloadavg()[0])
    seconds, out = child(["/usr/bin/time", "-f", "%M", "-o", str(stats), *argv], env)
    rss_mb = int(stats.read_text().split()[-1]) / 1024
    return seconds, rss_mb, out


def dataset(label: str) -> Path:
    """The cached events file of ``label`` (generated once with the sample generator)."""
    path = DATA / f"events_{label}.parquet"
    if not path.exists():
        tmp = path.with_suffix(".tmp.parquet")
        print(f"generating {label} events → {path}", flush=True)
        child([PYTHON, "-m", "sample_data.generate", "--journeys", str(SIZES[label]), "--seed", str(SEED),
               "--out", str(tmp)])
        tmp.rename(path)
    return path


def fresh_cache(name: str) -> Path:
    cache = DATA / "cache" / name
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    return cache


def just_written(path: Path) -> None:
    """Touch the source so its fingerprint is new: "source just written" for a cold run."""
    os.utime(path)


def summary(runs: list[dict]) -> dict:
    seconds = [r["seconds"] for r in runs]
    rss = [r["rss_mb"] for r in runs if r.get("rss_mb")]
    return {"median_s": statistics.median(seconds), "min_s": min(seconds), "max_s": max(seconds), "runs": len(runs),
            "rss_mb": max(rss) if rss else None, "load": max(LOADS[-len(runs):]) if LOADS else None}


def agree(a: dict, b: dict) -> bool:
    """Whether two headline results hold the same figures (floats to 1e-9 relative)."""
    for key in HEADLINE:
        x, y = a.get(key), b.get(key)
        if (x is None) != (y is None):
            return False
        if x is not None and not math.isclose(float(x), float(y), rel_tol=1e-9, abs_tol=1e-9):
            return False
    if [s["stage"] for s in a["stages"]] != [s["stage"] for s in b["stages"]]:
        return False
    for s, t in zip(a["stages"], b["stages"], strict=True):
        if s["events"] != t["events"] or s["journeys"] != t["journeys"]:
            return False
        if not math.isclose(s["mean_satisfaction"], t["mean_satisfaction"], rel_tol=1e-9):
            return False
    pairs = sorted((h["from"], h["to"], h["count"]) for h in a["handoffs"])
    return pairs == sorted((h["from"], h["to"], h["count"]) for h in b["handoffs"])


def bench_size(label: str, repeats: int, pandas: bool, only: frozenset[str] | None = None) -> dict:
    """Every measurement of one size, or those named in ``only`` (report.py cold and warm always run: the baselines
    are checked against its figures)."""
    path = dataset(label)
    res: dict = {"events_file_mb": round(path.stat().st_size / 2**20, 1)}
    report = [PYTHON, "report.py", str(path), "--format", "json"]

    def record(name: str, runs: list[dict]) -> None:
        res[name] = {**summary(runs), "samples": runs}
        s = res[name]
        print(f"  {label:>4} {name:<22} median {s['median_s']:8.2f} s  peak RSS {s['rss_mb'] or 0:7.0f} MB",
              flush=True)

    runs, outputs = [], []
    for _ in range(repeats):
        just_written(path)
        cache = fresh_cache(f"{label}-report")
        s, rss, out = measured(report, {"CXLENS_CACHE_DIR": str(cache)})
        runs.append({"seconds": s, "rss_mb": rss})
        outputs.append(json.loads(out))
    record("report_cold", runs)
    runs = []
    for _ in range(repeats):
        s, rss, out = measured(report, {"CXLENS_CACHE_DIR": str(cache)})
        runs.append({"seconds": s, "rss_mb": rss})
    record("report_warm", runs)
    report_out = outputs[-1]

    # The first look at new data: the facts pass's core, then the overview page's data while the late
    # outputs are written in the background; and the whole pass written at once, output by output.
    # The first view's seconds run from the child's start (interpreter and imports included) to the overview's data
    # computed, not to the end of the process (which waits for the late outputs); the process's wall is kept beside.
    for name, what in (("first_view", "view"), ("facts_pass", "pass")):
        if only is not None and name not in only:
            continue
        runs = []
        for _ in range(repeats):
            just_written(path)
            spawned = time.time()
            s, rss, out = measured([PYTHON, "-m", "benchmarks.first_view", what, str(path)],
                                   {"CXLENS_CACHE_DIR": str(fresh_cache(f"{label}-{name}"))})
            phases = json.loads(out)
            shown_at = phases.pop("shown_at", None)
            seconds = s if shown_at is None else shown_at - spawned
            runs.append({"seconds": seconds, "process_s": s, "rss_mb": rss, "phases": phases})
        record(name, runs)
        res[name]["phases"] = {k: statistics.median(r["phases"][k] for r in runs) for k in runs[0]["phases"]}

    # The dashboard's data path: a cold process (fresh cache), then warm processes (facts cached), with the
    # touchpoint cube and without it (every touchpoint figure scanning the events).
    for phase_kind in ("pages_cold", "pages_warm", "pages_warm_events"):
        if only is not None and phase_kind not in only:
            continue
        runs = []
        for _ in range(repeats):
            if phase_kind == "pages_cold":
                just_written(path)
                cache = fresh_cache(f"{label}-pages")
            flags = ["--events-only"] if phase_kind == "pages_warm_events" else []
            s, rss, out = measured([PYTHON, "-m", "benchmarks.pages", str(path), *flags],
                                   {"CXLENS_CACHE_DIR": str(cache)})
            runs.append({"seconds": s, "rss_mb": rss, "phases": json.loads(out)})
        record(phase_kind, runs)
        res[phase_kind]["phases"] = {
            k: statistics.median(r["phases"][k] for r in runs) for k in runs[0]["phases"]
        }

    # Voice of the customer: the tokens step and the VoC page's data, in a process on the warm cache.
    if only is None or "voc" in only:
        runs = []
        for _ in range(repeats):
            s, rss, out = measured([PYTHON, "-m", "benchmarks.voc", str(path)], {"CXLENS_CACHE_DIR": str(cache)})
            runs.append({"seconds": s, "rss_mb": rss, "phases": json.loads(out)})
        record("voc", runs)
        res["voc"]["phases"] = {k: statistics.median(r["phases"][k] for r in runs) for k in runs[0]["phases"]}

    def baseline(name: str) -> None:
        runs = []
        for _ in range(repeats):
            s, rss, out = measured([PYTHON, "-m", f"benchmarks.{name}", str(path)])
            runs.append({"seconds": s, "rss_mb": rss})
        record(name, runs)
        res[name]["agrees_with_report"] = agree(report_out, json.loads(out))

    if only is None or "baseline_sql" in only:
        baseline("baseline_sql")
    if pandas and (only is None or "baseline_pandas" in only):
        baseline("baseline_pandas")
    return res


PERSONA_CUSTOMERS = 1_000_000


def bench_personas() -> dict:
    """Derived personas at 1M planted customers (sample_data.segments): a child process computes the customer
    features and the clustering (auto k) from scratch on facts computed beforehand; wall time and peak RSS."""
    path = DATA / "personas_1M.parquet"
    if not path.exists():
        tmp = path.with_suffix(".tmp.parquet")
        print(f"generating {PERSONA_CUSTOMERS:,} planted customers → {path}", flush=True)
        child([PYTHON, "-m", "sample_data.segments", "--customers", str(PERSONA_CUSTOMERS), "--seed", str(SEED),
               "--out", str(tmp)])
        tmp.rename(path)
    env = {"CXLENS_CACHE_DIR": str(DATA / "cache" / "personas")}
    # The facts pass over these 18M events is set-up, not the measurement (default settings: 1.18 GB peak RSS).
    child([PYTHON, "-c", "import sys; from store import open_dataset; open_dataset(sys.argv[1])", str(path)], env)
    seconds, rss, out = measured([PYTHON, "-m", "benchmarks.personas", "measure", str(path)], env)
    res = {"seconds": seconds, "rss_mb": rss, **json.loads(out)}
    print(f"  personas 1M customers: {seconds:.1f} s wall ({res['features_s']} s features, {res['clustering_s']} s "
          f"clustering), peak RSS {rss:.0f} MB", flush=True)
    return res


def machine() -> dict:
    import duckdb
    import polars
    import pyarrow
    import streamlit

    try:
        import pandas
        pandas_version = pandas.__version__
    except ImportError:
        pandas_version = "not installed"
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    swap_kb = next((int(line.split()[1]) for line in meminfo if line.startswith("SwapTotal")), 0)
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    return {"nproc": os.cpu_count(), "ram_gb": round(mem_kb / 2**20, 1), "swap_gb": round(swap_kb / 2**20, 1), "cpu": cpu, "python": platform.python_version(),
            "duckdb": duckdb.__version__, "polars": polars.__version__, "pyarrow": pyarrow.__version__,
            "streamlit": streamlit.__version__, "pandas": pandas_version, "commit": commit.strip(),
            "date": dt.datetime.now().isoformat(timespec="seconds")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1M,10M,50M", help="comma-separated, of " + ", ".join(SIZES))
    p.add_argument("--repeats", type=int, default=3, help="runs per measurement (median reported)")
    p.add_argument("--big-repeats", type=int, default=1, help="runs per measurement at 50M events")
    p.add_argument("--big-measures", default="first_view,baseline_sql",
                   help="what else runs at 50M events besides report.py cold and warm (comma-separated, of first_view, "
                        "facts_pass, pages_cold, pages_warm, pages_warm_events, voc, baseline_sql, baseline_pandas; "
                        "'all': everything)")
    p.add_argument("--pandas-up-to", default="10M", help="largest size the pandas baseline runs on")
    p.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    p.add_argument("--no-personas", action="store_true", help="skip the 1M-customer derived-personas measurement")
    p.add_argument("--browser", default="sample",
                   help="sizes the browser benchmark runs on (comma-separated, of sample and the sizes; empty: none)")
    p.add_argument("--no-upload", action="store_true",
                   help="skip the upload in a real browser (a 200,000-row Korean CSV → first overview chart)")
    args = p.parse_args(argv)
    DATA.mkdir(parents=True, exist_ok=True)
    labels = [s.strip() for s in args.sizes.split(",") if s.strip()]
    pandas_limit = list(SIZES).index(args.pandas_up_to)
    results = {"machine": machine(), "load_before": os.getloadavg(), "sizes": {}}
    for label in labels:
        repeats = args.big_repeats if label == "50M" else args.repeats
        only = None if label != "50M" or args.big_measures == "all" else \
            frozenset(m.strip() for m in args.big_measures.split(",") if m.strip())
        results["sizes"][label] = bench_size(label, repeats, list(SIZES).index(label) <= pandas_limit, only)
        results["load_after"] = os.getloadavg()
        write(results, args.out)  # after every size, so a long run's finished sizes are never lost
    results["browser"] = {}
    for label in [s.strip() for s in args.browser.split(",") if s.strip()]:
        data = ROOT / "sample_data" / "events.parquet" if label == "sample" else dataset(label)
        _, out = child([PYTHON, "-m", "benchmarks.browser", str(data)])
        results["browser"][label] = json.loads(out)
        print(f"  browser {label}: {results['browser'][label]}", flush=True)
        write(results, args.out)
    if not args.no_upload:
        _, out = child([PYTHON, "-m", "benchmarks.upload"])
        results["upload"] = json.loads(out)
        print(f"  upload: {results['upload']}", flush=True)
        write(results, args.out)
    if not args.no_personas:
        results["personas"] = bench_personas()
        write(results, args.out)
    return 0


def write(results: dict, out: Path) -> None:
    from benchmarks.results import render

    (DATA / "results.json").write_text(json.dumps(results, indent=1, default=str))
    out.write_text(render(results))
    print(f"wrote {out}", flush=True)


if __name__ == "__main__":
    sys.exit(main())

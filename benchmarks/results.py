"""Render benchmarks/data/results.json as RESULTS.md: machine, medians, ratios to the baselines, targets."""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
ROWS = (
    ("report_cold", "report.py, cold (no facts cache, source just written)"),
    ("report_warm", "report.py, warm (facts cached)"),
    ("first_view", "first overview on new data: process start to the overview's data (facts core + overview; "
                   "late outputs after it)"),
    ("facts_pass", "whole facts pass, every output written at once"),
    ("pages_cold", "dashboard data path, cold process"),
    ("pages_warm", "dashboard data path, warm process"),
    ("pages_warm_events", "dashboard data path, warm process, without the touchpoint cube"),
    ("voc", "voice of the customer: tokens step + VoC page data (facts cached)"),
    ("baseline_sql", "baseline: hand-written DuckDB SQL, one query per figure"),
    ("baseline_pandas", "baseline: pandas notebook"),
)
PHASES = (
    ("open", "open dataset + filter options"),
    ("overview", "overview, first render"),
    ("journey_map", "journey map, first render"),
    ("channels", "channels & handoffs, first render"),
    ("duration", "journey duration, first render"),
    ("personas", "personas, first render"),
    ("drivers", "key drivers, first render"),
    ("filter_persona", "filter change: persona → overview"),
    ("filter_persona_dates", "filter change: + 30-day period → overview"),
    ("filter_channel", "filter change: channel → overview"),
    ("filter_channel_stage", "filter change: 2 channels × 2 stages → overview"),
    ("filter_back_cached", "back to an earlier filter (cache hit) → overview"),
    ("journey_map_filtered", "journey map under persona + period"),
    ("journeys", "journeys (stage paths, detractor paths, process map, list), first render"),
    ("journeys_channel", "journeys switched to channel paths"),
    ("journeys_filter_persona", "filter change: persona → journeys"),
    ("journeys_filter_persona_dates", "filter change: + 30-day period → journeys"),
    ("journeys_filter_channel", "filter change: channel → journeys"),
    ("voc_keywords", "voice of the customer's keywords (once per data version, when missing)"),
)
# benchmarks.pages: every data page after each filter change, alone (page_<page>_<change>)
PAGES = (("overview", "overview"), ("journey_map", "journey map"), ("channels", "channels & handoffs"),
         ("duration", "journey duration"), ("personas", "personas"), ("drivers", "key drivers"),
         ("journeys", "journeys"), ("voc", "voice of the customer"))
CHANGES = (("persona", "persona"), ("persona_dates", "persona + 30-day period"), ("channel", "channel"),
           ("channel_stage", "2 channels × 2 stages"))
PHASES += tuple((f"page_{page}_{change}", f"filter change: {label} → {title} (alone, caches cleared)")
                for page, title in PAGES for change, label in CHANGES)


VOC_PHASES = (
    ("tokens", "tokens step: keywords of the distinct comments (analyser load included)"),
    ("voc_page", "Voice of the customer page, first render"),
    ("voc_filter_persona", "filter change: persona → VoC page"),
    ("voc_filter_channel", "filter change: channel → VoC page"),
    ("voc_filter_dates", "filter change: 30-day period → VoC page"),
    ("voc_filter_keyword", "filter change: keyword → VoC page"),
    ("overview_keyword", "overview under the keyword filter"),
    ("analyser_distinct", "analyser alone on all-different comments"),
)


def voc_lines(voc: dict) -> list[str]:
    """The voice-of-the-customer table of one size."""
    p = voc["phases"]
    lines = ["", f"Voice of the customer: {p['comments']:,.0f} comments, {p['distinct_comments']:,.0f} distinct texts "
                 f"(tokenised once per data version); the analyser alone takes {p['analyser_s_per_100k']:.0f} s per "
                 f"100,000 all-different comments ({p['analyser_texts']:,.0f} timed).", "",
             "| phase | seconds |", "|---|---:|"]
    lines += [f"| {title} | {_s(p.get(key))} |" for key, title in VOC_PHASES]
    return lines + [""]


# The facts pass's outputs in the order it writes them (benchmarks/first_view.py pass; store.facts.facts).
OUTPUTS = (
    ("distinct_counts", "core", "distinct values of the text columns (which to code as enums)"),
    ("events", "core", "events.parquet: the events in journey order (one window over the source)"),
    ("paths", "core", "each journey's stage and channel paths (for the journey facts)"),
    ("journeys", "core", "journeys.parquet: the journey facts"),
    ("transitions", "core", "transitions.parquet: channel handoffs"),
    ("stages", "core", "stages.parquet: stage positions"),
    ("quarantine", "core", "quarantine.parquet and meta.parquet"),
    ("touchpoint_cube", "late", "touchpoint_cube.parquet"),
    ("journey_stages", "late", "journey_stages.parquet"),
    ("steps", "late", "steps.parquet: where the stage or the channel changes"),
    ("comments", "late", "comments.parquet (reads the source again)"),
    ("touchpoint_steps", "late", "touchpoint_steps.parquet"),
    ("customer_features", "late", "personas/features-1.parquet: the derived personas' input"),
)


def outputs_lines(size: dict) -> list[str]:
    """The table per facts output of one size (seconds inside the process, median of the runs)."""
    p = size.get("facts_pass", {}).get("phases")
    if not p:
        return []
    total = p.get("total")
    lines = ["Facts pass, output by output (seconds inside one process writing every output at once, median):", "",
             "| output | part | seconds | share of the pass |", "|---|---|---:|---:|"]
    lines += [f"| {title} | {part} | {_s(p.get(key))} | "
              f"{'—' if not total or p.get(key) is None else f'{100 * p[key] / total:.0f}%'} |"
              for key, part, title in OUTPUTS]
    core = sum(p.get(k) or 0 for k, part, _ in OUTPUTS if part == "core")
    late = sum(p.get(k) or 0 for k, part, _ in OUTPUTS if part == "late")
    v = size.get("first_view", {}).get("phases", {})
    lines += [f"| **core (the dataset usable)** | | {core:.2f} | |", f"| **late outputs** | | {late:.2f} | |", "",
              f"First view (cold process, seconds since it started its work): core written {_s(v.get('core'))}, "
              f"overview's data {_s(v.get('overview'))} later (read from the events while the late outputs are written "
              f"beside it), first view {_s(v.get('first_view'))}, every late output written {_s(v.get('late_done'))}.",
              ""]
    return lines


def upload_lines(upload: dict | None) -> list[str]:
    """The upload in a real browser (benchmarks/upload.py): seconds from the file handed over, per phase."""
    if not upload:
        return []
    total = upload["total"]
    return ["## An upload in a real browser", "",
            f"benchmarks/upload.py: {upload['file']} ({upload['file_mb']} MB, CP949, Korean headers) uploaded on the "
            "Upload page of `streamlit run dashboard.py`, Chromium at 1400×900; seconds from the file handed to the "
            "file input.", "",
            "| preview shown | load done | first overview chart (after the click) | total | target | "
            "load avg before / after |", "|---:|---:|---:|---:|---|---|",
            f"| {_s(upload['preview'])} | {_s(upload['loaded'])} | {_s(upload['chart'])} | {_s(total)} | ≤ 4 s: "
            f"{'met' if total <= 4 else '**not met**'} | {_load(upload['load_before'])} / "
            f"{_load(upload['load_after'])} |", ""]


BROWSER_ACTIONS = (("first view", "first_view"), ("filter change, overview", "filter_change"),
                   ("filter change, Channels", "filter_change_channels"), ("page switch", "page_switch"))


def browser_actions_lines(browser: dict) -> list[str]:
    """Each browser action's p50 beside the server's script run (p50) and the websocket payload received (p50)."""
    rows = []
    for label, b in browser.items():
        for name, key in BROWSER_ACTIONS:
            action = b.get(key)
            if key == "first_view" and "first_view_run" in b:
                rows.append(f"| {label} | {name} | {_s(action)} | {_s(b['first_view_run'])} | "
                            f"{b['first_view_kb']:,.0f} |")
            elif isinstance(action, dict) and "run_p50" in action:
                rows.append(f"| {label} | {name} | {_s(action['p50'])} | {_s(action['run_p50'])} | "
                            f"{action['kb_p50']:,.0f} |")
    if not rows:
        return []
    return ["Where the time goes: the server's script run (its `new_session` to its `script_finished` message, as the "
            "browser receives them) and the websocket payload the browser received per action (p50).", "",
            "| data | action | in the browser (s) | script run (s) | received (KiB) |", "|---|---|---:|---:|---:|",
            *rows, ""]


def _load(x) -> str:
    return "—" if x is None else f"{x:.1f}"


def _s(x) -> str:
    return "—" if x is None else f"{x:.2f}"


def _ratio(a, b) -> str:
    return "—" if not a or not b else f"{a / b:.2f}"


def targets(size: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) at 10M events."""
    def med(name):
        return size.get(name, {}).get("median_s")

    cold, warm, sql, pd = med("report_cold"), med("report_warm"), med("baseline_sql"), med("baseline_pandas")
    ours = [size[n]["rss_mb"] for n in ("report_cold", "report_warm", "pages_cold", "pages_warm", "pages_warm_events",
                                        "first_view", "facts_pass")
            if n in size]
    filters = [v for k, v in size["pages_warm"]["phases"].items() if k.startswith("filter_")]
    voc_filters = [v for k, v in size.get("voc", {}).get("phases", {}).items() if k.startswith("voc_filter_")]
    pages = {k: v for k, v in size["pages_warm"]["phases"].items() if k.startswith("page_")}
    slowest = max(pages, key=pages.get) if pages else None
    first, whole = med("first_view"), med("facts_pass")
    return [
        ("first overview on new data ≤ 2× hand-written SQL", f"{_ratio(first, sql)}× ({_s(first)} s vs {_s(sql)} s)",
         None if first is None else first <= 2 * sql),
        ("whole facts pass ≤ 4× hand-written SQL", f"{_ratio(whole, sql)}× ({_s(whole)} s)",
         None if whole is None else whole <= 4 * sql),
        ("report.py warm ≤ 0.3× hand-written SQL", f"{_ratio(warm, sql)}× ({_s(warm)} s)", warm <= 0.3 * sql),
        ("report.py cold ≤ hand-written SQL", f"{_s(cold)} s vs {_s(sql)} s", cold <= sql),
        ("≥ 4× faster than pandas cold (aim 10×)", f"{_ratio(pd, cold)}×", None if pd is None else pd / cold >= 4),
        ("peak RSS ≤ 1.5 GB (aim 1 GB)", f"{max(ours):.0f} MB", max(ours) <= 1536),
        ("filter change re-renders the overview's data ≤ 1 s warm", f"slowest {max(filters):.2f} s",
         max(filters) <= 1.0),
        ("filter change re-renders every data page's data ≤ 1 s warm (each page alone)",
         f"slowest {pages[slowest]:.2f} s ({slowest})" if pages else "—",
         max(pages.values()) <= 1.0 if pages else None),
        ("filter change re-renders the Voice of the customer page's data ≤ 1 s",
         f"slowest {max(voc_filters):.2f} s" if voc_filters else "—",
         max(voc_filters) <= 1.0 if voc_filters else None),
    ]


def _met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "**no**")


def round_targets(results: dict) -> list[str]:
    """The targets of fast first views, honest benchmarks and an instant browser, each with what this run measured
    ("—": not measured in this run)."""
    sizes, browser, upload = results["sizes"], results.get("browser") or {}, results.get("upload")
    ten, fifty = sizes.get("10M", {}), sizes.get("50M", {})

    def med(size, name):
        return size.get(name, {}).get("median_s")

    def ratio_row(title, name, limit):
        ours, sql = med(ten, name), med(ten, "baseline_sql")
        if ours is None or sql is None:
            return f"| {title} | ≤ {limit}× | — | — |"
        return f"| {title} | ≤ {limit}× | {ours / sql:.2f}× ({ours:.2f} s vs {sql:.2f} s) | {_met(ours <= limit * sql)} |"

    def rss(size):
        values = [size[n]["rss_mb"] for n, _ in ROWS if n in size and n != "baseline_pandas" and n != "baseline_sql"]
        return max(values) if values else None

    rows = [ratio_row("first overview on new data / hand-written SQL (10M)", "first_view", 2),
            ratio_row("whole facts pass / hand-written SQL (10M)", "facts_pass", 4),
            ratio_row("report.py warm / hand-written SQL (10M)", "report_warm", 0.3)]
    for label, p50_limit, p95_limit in (("sample", 0.5, None), ("10M", 1.0, 2.0)):
        b = browser.get(label)
        if b is None:
            rows.append(f"| filter change → charts drawn, real browser ({label}) | p50 ≤ {p50_limit} s"
                        + (f", p95 ≤ {p95_limit} s" if p95_limit else "") + " | — | — |")
            continue
        changes = [b["filter_change"]] + ([b["filter_change_channels"]] if "filter_change_channels" in b else [])
        p50, p95 = max(c["p50"] for c in changes), max(c["p95"] for c in changes)
        ok = p50 <= p50_limit and (p95_limit is None or p95 <= p95_limit)
        rows.append(f"| filter change → charts drawn, real browser ({label}; the slower of the overview and "
                    f"Channels) | p50 ≤ {p50_limit} s" + (f", p95 ≤ {p95_limit} s" if p95_limit else "")
                    + f" | p50 {p50:.2f} s, p95 {p95:.2f} s | {_met(ok)} |")
    for label in ("sample", "10M"):
        b = browser.get(label)
        switch = b["page_switch"] if b else None
        rows.append(f"| page switch, real browser ({label}) | p50 ≤ 1 s | "
                    + (f"p50 {switch['p50']:.2f} s, p95 {switch['p95']:.2f} s | {_met(switch['p50'] <= 1)} |"
                       if switch else "— | — |"))
    for label, size, limit in (("10M", ten, 1536), ("50M", fifty, 4096)):
        peak = rss(size)
        rows.append(f"| peak RSS of cxlens's processes ({label}) | ≤ {limit / 1024:.1f} GB | "
                    + (f"{peak:.0f} MB | {_met(peak <= limit)} |" if peak else "— | — |"))
    rows.append("| upload of 200k rows (20 MB CSV) → first overview chart, real browser | ≤ 4 s | "
                + (f"{upload['total']:.2f} s | {_met(upload['total'] <= 4)} |" if upload else "— | — |"))
    return ["## Targets", "", "Each figure from this run; 2 cores.", "",
            "| target | limit | measured | met |", "|---|---|---|---|", *rows, ""]


def render(results: dict) -> str:
    m = results["machine"]
    out = [
        "# Benchmark results",
        "",
        "Written by `make bench` (benchmarks/run.py) in one run; do not edit by hand. Every number is the",
        "wall time of a fresh process, end to end (interpreter start and imports included), median of",
        "the runs shown; peak RSS is the largest ru_maxrss of those processes.",
        "",
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, {m.get('swap_gb', 0)} GB swap; load average "
        f"before {results['load_before'][0]:.1f}, after {results['load_after'][0]:.1f} (the machine is "
        "shared, so other work may inflate times)",
        f"- versions: Python {m['python']}, DuckDB {m['duckdb']}, Polars {m['polars']}, pyarrow {m['pyarrow']}, "
        f"Streamlit {m['streamlit']}, pandas {m['pandas']}; commit {m['commit']}; {m['date']}",
        "- data: the sample generator (retail-banking journeys, ~7.2 events each), one zstd Parquet file per size",
        "",
    ]
    out += round_targets(results)
    for label, size in results["sizes"].items():
        out += [f"## {label} events ({size['events_file_mb']} MB Parquet)", "",
                "| measurement | median s | min s | max s | runs | peak RSS MB | load avg (highest, before a run) |",
                "|---|---:|---:|---:|---:|---:|---:|"]
        for key, title in ROWS:
            if key in size:
                s = size[key]
                out.append(f"| {title} | {_s(s['median_s'])} | {_s(s['min_s'])} | {_s(s['max_s'])} | {s['runs']} | "
                           f"{s['rss_mb']:.0f} | {_load(s.get('load'))} |")
        sql, pd = size.get("baseline_sql", {}).get("median_s"), size.get("baseline_pandas", {}).get("median_s")
        cold, warm = size["report_cold"]["median_s"], size["report_warm"]["median_s"]
        first, whole = size.get("first_view", {}).get("median_s"), size.get("facts_pass", {}).get("median_s")
        out += ["", f"Ratios (this run): first overview on new data / SQL = {_ratio(first, sql)} (target ≤ 2), "
                f"whole facts pass / SQL = {_ratio(whole, sql)} (target ≤ 4), report warm / SQL = {_ratio(warm, sql)} "
                f"(target ≤ 0.3), report cold / SQL = {_ratio(cold, sql)}, "
                f"pandas / report cold = {_ratio(pd, cold)}, pandas / report warm = {_ratio(pd, warm)}.",
                (f"The baselines' figures equal report.py's: SQL {size['baseline_sql']['agrees_with_report']}"
                 + (f", pandas {size['baseline_pandas']['agrees_with_report']}." if pd else ".")) if sql else "", ""]
        if "pages_cold" in size and "pages_warm" in size:
            out += ["Dashboard data path, per phase (median seconds inside the process):", "",
                    "| phase | cold process | warm process | warm, without the cube |", "|---|---:|---:|---:|"]
            events_only = size.get("pages_warm_events", {}).get("phases", {})
            for key, title in PHASES:
                out.append(f"| {title} | {_s(size['pages_cold']['phases'].get(key))} | "
                           f"{_s(size['pages_warm']['phases'].get(key))} | {_s(events_only.get(key))} |")
            out.append("")
        out += outputs_lines(size)
        if "voc" in size:
            out += voc_lines(size["voc"])
        if label == "10M":
            out += ["### Targets (10M events)", "", "| target | measured | met |", "|---|---|---|"]
            out += [f"| {t} | {v} | {'yes' if ok else ('—' if ok is None else '**no**')} |" for t, v, ok in targets(size)]
            out.append("")
        if label == "50M":
            ran = [n for n, _ in ROWS if n in size]
            rss = max(size[n]["rss_mb"] for n in ran)
            out += ["### Targets (50M events)", "",
                    f"Measured here: {', '.join(ran)}; peak RSS {rss:.0f} MB ({'≤' if rss <= 4096 else '**>**'} 4 GB).",
                    ""]
    browser = results.get("browser") or {}
    if browser:
        out += ["## The dashboard in a real browser", "",
                "benchmarks/browser.py: `streamlit run dashboard.py` on an empty facts cache, Chromium at 1400×900 "
                "through Playwright; seconds in the browser until the run is over and every chart is drawn.", "",
                "| data | first view on new data | filter change p50 | p95 | page switch p50 | p95 | slowest page | "
                "load avg before / after |", "|---|---:|---:|---:|---:|---:|---|---|"]
        for label, b in browser.items():
            pages = b["page_switch"]["pages"]
            slowest = max(pages, key=pages.get)
            out.append(f"| {label} | {_s(b['first_view'])} | {_s(b['filter_change']['p50'])} | "
                       f"{_s(b['filter_change']['p95'])} | {_s(b['page_switch']['p50'])} | "
                       f"{_s(b['page_switch']['p95'])} | {slowest} {_s(pages[slowest])} | "
                       f"{_load(b['load_before'])} / {_load(b['load_after'])} |")
        out.append("")
        out += browser_actions_lines(browser)
    out += upload_lines(results.get("upload"))
    p = results.get("personas")
    if p:
        ok = p["seconds"] <= 60 and p["rss_mb"] <= 2048
        out += ["## Derived personas, 1M customers", "",
                f"{p['customers']:,} planted customers (sample_data.segments), {p['features']} features, k chosen "
                f"automatically ({p['k']}): {p['seconds']:.1f} s wall for the process ({p['features_s']:.1f} s customer "
                f"features, {p['clustering_s']:.1f} s clustering, labels and per-persona figures), peak RSS "
                f"{p['rss_mb']:.0f} MB; target ≤ 60 s and ≤ 2 GB: {'met' if ok else '**not met**'}.", ""]
    notes = HERE / "OPTIMISATIONS.md"
    if notes.exists():
        out += [notes.read_text().strip(), ""]
    return "\n".join(out)

"""The dashboard in a real browser: first view on new data, filter change → last chart drawn, page switches.

``python -m benchmarks.browser [DATA] [--changes N] [--out FILE]`` starts ``streamlit run dashboard.py`` on DATA (default:
the sample) with an empty facts cache, drives the system Chromium (/usr/bin/chromium, through Playwright's Python
package; never ``playwright install``) at 1400×900 and measures wall time in the browser:

- ``first_view``: the overview opened on new data (the facts pass's core, then the overview's charts) until every
  chart is drawn;
- ``settled``: seconds after the first view until the late facts and the comments' keywords (background steps) are
  written, the overview has rerun with them and the machine is quiet (the dashboard's own background work after
  that, the personas' stories computed ahead of a first pick, done: ``_quiet``); the numbers below are of a settled
  dashboard;
- ``filter_change``: a persona picked or cleared in the sidebar, on the overview, until the run is over and every chart
  is drawn again (``--changes`` changes, cycling through the personas; p50 and p95);
- ``page_switch``: a click on each page of the top navigation until its charts are drawn (p50 and p95, and each page);
- ``filter_change_channels``: the same persona changes on the Channels page (the overview's results for those
  selections are cached by then, as after a look at the overview; the Channels page's own figures are not).

Each action also has the server's script-run time (``run_p50`` and ``runs``: from the run's ``new_session`` message to
its ``script_finished``, as the websocket frames arrive; reruns within one action counted from the first start to
the last end) and the websocket payload the browser received (``kb_p50`` and ``kb``, KiB); for the page switches in
the order of ``pages``, for the first view as ``first_view_run`` and ``first_view_kb``.

Prints JSON with the 1-minute load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tests.support.streamlit_server import run_streamlit

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CXLENS_CHROMIUM", "/usr/bin/chromium")
APP = '[data-testid="stApp"]'
CHART = '[data-testid="stPlotlyChart"]'
PLOT = ".js-plotly-plot"
NAV = '[data-testid="stTopNavLink"]'
TIMEOUT_MS = 600_000
PAGES = ("journey_map", "channels", "duration", "personas", "journeys", "drivers", "overview")


def _drawn(page, started: float, rerun: bool = True, frames: Frames | None = None) -> float:
    """Seconds from ``started`` until the script run is over and every chart on the page is drawn. With ``rerun``, a
    run must have ended first (the action's own rerun, not the state before it): its ``script_finished`` message
    after ``started`` (``frames``). Looking for the page's "running" state instead missed a run of a few milliseconds
    (a selection seen before) and waited 5 s for it: those were the 5 s p95s of earlier runs."""
    if rerun and frames is not None:
        deadline = time.perf_counter() + 5.0
        while time.perf_counter() < deadline and not frames.finished_since(started):
            page.wait_for_timeout(10)
    elif rerun:
        with contextlib.suppress(Exception):  # the run was over before the first look: fine
            page.wait_for_selector(f'{APP}[data-test-script-state="running"]', timeout=5_000)
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
                           timeout=TIMEOUT_MS)
    page.wait_for_function(
        """([chart, plot]) => {
             const charts = [...document.querySelectorAll(chart)];
             return charts.length >= 1 && charts.every(c => c.querySelector(plot));
           }""", arg=[CHART, PLOT], timeout=TIMEOUT_MS, polling=20)
    return time.perf_counter() - started


def _busy() -> tuple[int, int]:
    """The machine's CPU time so far (/proc/stat, clock ticks): (busy, total)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return sum(ticks) - idle, sum(ticks)


def _quiet(share: float = 0.15, seconds: float = 3.0, timeout: float = 300.0) -> None:
    """Wait until the machine's cores were busy less than ``share`` of a ``seconds`` window (the dashboard's
    background work after the first view is over; on an idle machine nothing else runs), at most ``timeout``. The
    window is longer than a background step's delay after a page is drawn (ui.data.DRAWING_SECONDS)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        busy, total = _busy()
        time.sleep(seconds)
        busy2, total2 = _busy()
        if total2 > total and (busy2 - busy) / (total2 - total) < share:
            return


class Frames:
    """The websocket frames the page receives, decoded as Streamlit ForwardMsgs: (seconds, kind, bytes) since
    ``reset``."""

    def __init__(self, page) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self._message = ForwardMsg
        self.log: list[tuple[float, str | None, int]] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))

    def _received(self, payload: bytes | str) -> None:
        at = time.perf_counter()
        kind = None
        if isinstance(payload, bytes):
            with contextlib.suppress(Exception):  # not a ForwardMsg: counted, not a run's start or end
                msg = self._message()
                msg.ParseFromString(payload)
                kind = msg.WhichOneof("type")
        self.log.append((at, kind, len(payload)))

    def reset(self) -> None:
        self.log = []

    def finished_since(self, started: float) -> bool:
        """Whether a script run ended (its ``script_finished`` message arrived) after ``started``."""
        return any(kind == "script_finished" and at >= started for at, kind, _ in self.log)

    def action(self) -> tuple[float | None, float]:
        """Since ``reset``: the script-run seconds (first new_session to last script_finished; None without both) and
        the KiB received."""
        starts = [at for at, kind, _ in self.log if kind == "new_session"]
        ends = [at for at, kind, _ in self.log if kind == "script_finished"]
        run = round(ends[-1] - starts[0], 3) if starts and ends and ends[-1] >= starts[0] else None
        return run, round(sum(n for *_, n in self.log) / 1024, 1)


def _summary(times: list[float], runs: list[float | None], kb: list[float]) -> dict:
    """p50 and p95 of ``times``, n, and the script runs' and payloads' p50 and lists."""
    timed = [r for r in runs if r is not None]
    return {"p50": round(statistics.median(times), 3), "p95": round(_quantile(times, 0.95), 3), "n": len(times),
            "run_p50": round(statistics.median(timed), 3) if timed else None, "runs": runs,
            "kb_p50": round(statistics.median(kb), 1), "kb": kb}


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(data: Path, changes: int) -> dict:
    from playwright.sync_api import sync_playwright

    cache = tempfile.mkdtemp(prefix="cxlens-browser-bench-")
    env = {**os.environ, "CXLENS_DATA": str(data), "CXLENS_CACHE_DIR": cache}
    out: dict = {"data": str(data), "load_before": os.getloadavg()[0]}
    with run_streamlit("dashboard.py", env, Path(cache) / "streamlit.log", timeout=600) as (url, _), \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        frames = Frames(page)
        started = time.perf_counter()
        page.goto(url + "/")
        out["first_view"] = round(_drawn(page, started, rerun=False), 3)
        out["first_view_run"], out["first_view_kb"] = frames.action()
        # the late facts outputs finish in the background; the numbers below are of a settled dashboard
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stMain\"] [role=\"progressbar\"]')",
                               timeout=TIMEOUT_MS)
        # and the comments' keywords, a background step after the late pass (the overview reruns once they are
        # written): ``settled``, seconds from the first view's end until both are done
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while not any(Path(cache).glob("*/journey_keywords.parquet")) and time.monotonic() < deadline:
            time.sleep(0.1)
        page.wait_for_timeout(1500)  # the overview's check for the keywords runs every second, then its rerun
        page.wait_for_selector(f'{APP}[data-test-script-state="notRunning"]', timeout=TIMEOUT_MS)
        _quiet()
        out["settled"] = round(time.perf_counter() - started - out["first_view"], 3)
        box = page.locator('[data-testid="stSidebar"] input[aria-label="Persona"]')
        box.click()
        options = [o.inner_text().strip() for o in page.get_by_role("option").all()]
        personas = [o for o in options if o != "Select all"]
        page.keyboard.press("Escape")

        def timed(act, rerun: bool = True) -> tuple[float, float | None, float]:
            frames.reset()
            started = time.perf_counter()
            act()
            seconds = _drawn(page, started, rerun, frames)
            return (round(seconds, 3), *frames.action())

        def filter_changes() -> dict:
            measured = []
            for i in range(changes):
                box.click()
                option = page.get_by_role("option", name=personas[i % len(personas)], exact=True)
                measured.append(timed(option.click))
                page.keyboard.press("Escape")
                box.click()  # back to no persona: Backspace in the box removes its last choice
                measured.append(timed(lambda: page.keyboard.press("Backspace")))
                page.keyboard.press("Escape")
            return _summary(*(list(column) for column in zip(*measured, strict=True)))

        def link(name: str):  # the overview is the default page: the first link, to the root
            return page.locator(NAV).first if name == "overview" else page.locator(f'{NAV}[href$="/{name}"]').first

        out["filter_change"] = filter_changes()
        switch = {name: timed(link(name).click) for name in PAGES}
        summary = _summary(*(list(column) for column in zip(*switch.values(), strict=True)))
        out["page_switch"] = {"p50": summary["p50"], "p95": summary["p95"],
                              "pages": {name: round(seconds, 3) for name, (seconds, _, _) in switch.items()},
                              **{k: summary[k] for k in ("run_p50", "runs", "kb_p50", "kb")}}
        timed(link("channels").click)
        out["filter_change_channels"] = filter_changes()
        browser.close()
    out["load_after"] = os.getloadavg()[0]
    return out


def print_json(result: dict, out: Path | None) -> None:
    """A benchmark's result as JSON on standard output (benchmarks/run.py reads it), and into ``out`` when given."""
    text = json.dumps(result, indent=1)
    print(text)
    if out:
        out.write_text(text)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.browser", description=__doc__.splitlines()[0])
    p.add_argument("data", nargs="?", default=str(ROOT / "sample_data" / "events.parquet"))
    p.add_argument("--changes", type=int, default=5, help="persona picks (each followed by clearing it)")
    p.add_argument("--out", type=Path, help="also write the JSON here")
    args = p.parse_args(argv)
    print_json(measure(Path(args.data).resolve(), args.changes), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

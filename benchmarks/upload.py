"""An upload in a real browser: a 200,000-row Korean CSV export → preview shown, load done, first overview chart.

``python -m benchmarks.upload [--rows N] [--out FILE]`` writes (once, deterministically, from the sample generator)
``benchmarks/data/upload_200k.csv``: a CP949 export as Korean Excel saves it (Korean headers, Korean values,
``YYYY-MM-DD hh:mm:ss`` times, a few 해당없음 in the effort column, which are quarantined), about 20 MB. It then
starts ``streamlit run dashboard.py`` on the sample with an empty facts cache, drives the system Chromium
(/usr/bin/chromium, through Playwright's Python package) at 1400×900, uploads the file on the Upload page and
measures wall time in the browser from the moment the file is handed to the file input:

- ``preview``: the preview table of the file's first rows is shown;
- ``loaded``: the load is done (the "loaded" box, the run over);
- ``chart``: after a click on the overview, its first chart is drawn (the seconds of that step);
- ``total``: from the file handed over until that chart is drawn.

Prints JSON with the 1-minute load average before and after (the machine may be shared).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

from benchmarks.browser import APP, CHART, CHROMIUM, PLOT, ROOT, TIMEOUT_MS, print_json
from i18n import t
from sample_data.generate import generate
from tests.support.streamlit_server import run_streamlit

DATA = ROOT / "benchmarks" / "data"
SEED = 20251123
EVENTS_PER_JOURNEY = 7.2  # the generator's mean
NOT_APPLICABLE_EVERY = 400  # one effort answer in this many is 해당없음 (a quarantined row each)
HEADERS = {"journey_id": "여정ID", "customer_id": "고객ID", "timestamp": "일시", "stage": "단계", "channel": "채널",
           "touchpoint": "터치포인트", "persona": "세그먼트", "region": "지역", "age_band": "연령대",
           "satisfaction": "만족도", "ces": "노력도", "nps": "추천의향", "comment": "의견"}
MAIN = '[data-testid="stMain"]'
PREVIEW = f'{MAIN} [data-testid="stDataFrame"]'
LOADED = f'{MAIN} [data-testid="stAlertContentSuccess"]'
NAV = '[data-testid="stTopNavLink"]'


def export(rows: int) -> pl.DataFrame:
    """The first ``rows`` events of the sample generator as a Korean export's text columns."""
    events = generate(int(rows / EVENTS_PER_JOURNEY) + 1000, SEED).head(rows)
    ces = pl.col("ces").cast(pl.String)
    return events.select(
        pl.col("journey_id"), pl.col("customer_id"),
        pl.col("timestamp").dt.strftime("%Y-%m-%d %H:%M:%S"),
        pl.col("stage"), pl.col("channel"), pl.col("touchpoint"), pl.col("persona"),
        # a value with a particle, as exports often write it
        (pl.col("region") + pl.lit(" 지역")).alias("region"), pl.col("age_band"),
        pl.col("satisfaction").cast(pl.String),
        pl.when(pl.int_range(pl.len()) % NOT_APPLICABLE_EVERY == 7).then(pl.lit("해당없음")).otherwise(ces).alias("ces"),
        pl.col("nps").cast(pl.String), pl.col("comment"),
    ).rename(HEADERS)


def csv_file(rows: int) -> Path:
    """The cached CP949 export of ``rows`` rows (written once; the same bytes every time)."""
    path = DATA / f"upload_{rows // 1000}k.csv"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        text = export(rows).write_csv(line_terminator="\r\n")
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(text.encode("cp949"))
        tmp.rename(path)
    return path


def _over(page) -> None:
    page.wait_for_selector(f'{APP}[data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
                           timeout=TIMEOUT_MS)


def measure(path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    cache = tempfile.mkdtemp(prefix="cxlens-upload-bench-")
    env = {**os.environ, "CXLENS_DATA": str(ROOT / "sample_data" / "events.parquet"), "CXLENS_CACHE_DIR": cache}
    out: dict = {"file": path.name, "file_mb": round(path.stat().st_size / 2**20, 1), "load_before": os.getloadavg()[0]}
    with run_streamlit("dashboard.py", env, Path(cache) / "streamlit.log", timeout=600) as (url, _), \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(url + "/upload")
        _over(page)
        # the default data's late facts are written in the background first: the upload is measured alone
        page.wait_for_function("() => !document.querySelector('[data-testid=\"stMain\"] [role=\"progressbar\"]')",
                               timeout=TIMEOUT_MS)
        page.wait_for_selector('[data-testid="stFileUploader"] input[type="file"]', state="attached", timeout=TIMEOUT_MS)
        started = time.perf_counter()
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
        page.wait_for_selector(PREVIEW, timeout=TIMEOUT_MS)
        out["preview"] = round(time.perf_counter() - started, 3)
        page.wait_for_selector(LOADED, timeout=TIMEOUT_MS)
        _over(page)
        out["loaded"] = round(time.perf_counter() - started, 3)
        clicked = time.perf_counter()
        page.locator(NAV).first.click()  # in-app navigation: the same session, the overview
        # the overview's own chart: the Upload page's chart (the file's weeks) is gone with its title
        page.wait_for_function(
            """([main, chart, plot, title]) => {
                 const heading = document.querySelector(main + ' h1');
                 return heading && heading.textContent.trim() !== title && document.querySelector(main + ' ' + chart + ' ' + plot);
               }""", arg=[MAIN, CHART, PLOT, t("page_upload", "en")], timeout=TIMEOUT_MS)
        now = time.perf_counter()
        out["chart"] = round(now - clicked, 3)
        out["total"] = round(now - started, 3)
        browser.close()
    out["load_after"] = os.getloadavg()[0]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.upload", description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=200_000, help="rows of the export")
    p.add_argument("--out", type=Path, help="also write the JSON here")
    args = p.parse_args(argv)
    print_json(measure(csv_file(args.rows)), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

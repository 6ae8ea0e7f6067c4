"""Browser tests: one `streamlit run dashboard.py` per test process on a free port, driven by Playwright + Chromium.

Every test here is marked ``e2e`` (deselect with ``-m "not e2e"``) and grouped on one xdist worker
(``--dist loadgroup``), so the suite starts one server and one browser. Without /usr/bin/chromium
(or the playwright package) the tests are skipped with the reason, except in CI (``CI=true``),
where that is a failure: CI must run them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.browser import DESKTOP

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("CXLENS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 90
RENDER_TIMEOUT_MS = 90_000
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: real-browser end-to-end test (needs /usr/bin/chromium)")
    config.addinivalue_line("markers", "xdist_group(name): run on one xdist worker with --dist loadgroup")


def _missing_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-test.txt)"
    return None


def _skip_or_fail(reason: str) -> None:
    message = f"browser tests cannot run: {reason}"
    if IN_CI:
        pytest.fail(message + " — in CI the browser tests must run", pytrace=False)
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


@dataclass(frozen=True)
class Server:
    url: str
    data: Path
    log: Path


def _data_source(workdir: Path) -> Path:
    """The configured data (the committed sample, or $CXLENS_DATA); generated when it is not there yet."""
    import settings

    configured = Path(settings.get("data"))
    if configured.exists():
        return configured
    out = workdir / "events.parquet"
    subprocess.run([sys.executable, "-m", "sample_data.generate", "--journeys", "4000", "--seed", "7",
                    "--out", str(out)], cwd=ROOT, check=True, capture_output=True)
    return out


@contextlib.contextmanager
def run_streamlit(script: str, env: dict[str, str], log: Path, *extra_args: str) -> Iterator[tuple[str, Path]]:
    """`streamlit run <script>` on a free port with ``env``: (its URL, its log) once /_stcore/health says ok; stopped
    after."""
    port = _free_port()
    log = log.with_name(f"{log.stem}-{port}{log.suffix}")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             # other work in the tree must not trigger "file changed" reruns mid-test
             "--server.fileWatcherType", "none", *extra_args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url + "/_stcore/health"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not become healthy:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def run_dashboard(workdir: Path, data: Path, *extra_args: str) -> Iterator[Server]:
    """`streamlit run dashboard.py` on a free port with its own facts cache; ready when /_stcore/health says ok."""
    env = {**os.environ, "CXLENS_DATA": str(data), "CXLENS_CACHE_DIR": str(workdir / "cache"),
           "PYTHONUNBUFFERED": "1"}
    with run_streamlit("dashboard.py", env, workdir / "streamlit.log", *extra_args) as (url, log):
        yield Server(url, data, log)


@pytest.fixture(scope="session")
def workdir() -> Iterator[Path]:
    reason = _missing_browser()
    if reason:
        _skip_or_fail(reason)
    path = Path(tempfile.mkdtemp(prefix="cxlens-e2e-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def server(workdir) -> Iterator[Server]:
    """The dashboard on the configured data (or a generated stand-in), open access (no secrets)."""
    # a secrets.toml someone keeps in the tree or in ~/.streamlit must not close this server
    no_secrets = str(workdir / "no-secrets.toml")
    with run_dashboard(workdir, _data_source(workdir), "--secrets.files", no_secrets) as running:
        yield running


@pytest.fixture(scope="session")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    """A fresh browser context (its own cookies, so its own Streamlit session) at desktop size."""
    ctx = browser.new_context(viewport=DESKTOP, locale="en-US")
    ctx.set_default_timeout(RENDER_TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

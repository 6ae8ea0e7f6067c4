"""Browser tests: one `streamlit run dashboard.py` per test process on a free port, driven by Playwright + Chromium.

Every test here is marked ``e2e`` (deselect with ``-m "not e2e"``) and put in one of two xdist groups by its
module (``--dist loadgroup``): each group runs on one worker with its own server and browser, the two halves side
by side, and the other tests fill in around them. Without /usr/bin/chromium
(or the playwright package) the tests are skipped with the reason, except in CI (``CI=true``),
where that is a failure: CI must run them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.browser import DESKTOP
from tests.support.streamlit_server import run_streamlit

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path(os.environ.get("CXLENS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT_S = 90
RENDER_TIMEOUT_MS = 90_000
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


# The modules of the second group: about half of the browser tests' time (the language walks alone are a third).
SECOND_GROUP = {"test_language_switch", "test_drill", "test_scoped_sign_in", "test_upload_survey",
                "test_korean_text", "test_deep_links"}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e-2" if item.path.stem in SECOND_GROUP else "e2e"))


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
def run_dashboard(workdir: Path, data: Path, *extra_args: str, script: str = "dashboard.py", port: int | None = None,
                  env: dict[str, str] | None = None) -> Iterator[Server]:
    """`streamlit run <script>` (dashboard.py, or serve.py: the hosted entry) on ``port`` (else a free one) with the
    facts cache of ``workdir`` and ``env`` added; ready when /_stcore/health says ok."""
    env = {**os.environ, "CXLENS_DATA": str(data), "CXLENS_CACHE_DIR": str(workdir / "cache"),
           "PYTHONUNBUFFERED": "1", **(env or {})}
    with run_streamlit(script, env, workdir / "streamlit.log", *extra_args, port=port,
                       timeout=START_TIMEOUT_S) as (url, log):
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


@pytest.fixture(scope="session")
def context(browser):
    """One browser context per test process at desktop size, for the tests' pages: its HTTP cache keeps Streamlit's
    and Plotly's scripts between tests (a page's first load in a new context downloads and compiles them again,
    about a third of the browser's work for an overview page)."""
    ctx = browser.new_context(viewport=DESKTOP, locale="en-US")
    ctx.set_default_timeout(RENDER_TIMEOUT_MS)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A new page of the shared context: its own Streamlit session (one per page load); cookies and the origin's
    storage are cleared before and after, so nothing but the cached scripts passes from one test to the next."""
    context.clear_cookies()
    page = context.new_page()
    yield page
    with contextlib.suppress(Exception):  # a page that navigated away or crashed has nothing left to clear
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
    page.close()
    context.clear_cookies()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS

"""A `streamlit run` of one script on a free local port, ready once /_stcore/health says ok, stopped after: for the
browser tests (tests/e2e) and the browser benchmark (benchmarks/browser.py)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether ``url`` (a /_stcore/health) answers ok."""
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except OSError:
        return False


@contextlib.contextmanager
def run_streamlit(script: str, env: dict[str, str], log: Path, *extra_args: str, port: int | None = None,
                  timeout: float = 90) -> Iterator[tuple[str, Path]]:
    """`streamlit run <script>` (a path from the project's root) on ``port`` (else a free one; a sign-in's redirect
    URI must name it before the start) with ``env``: (its URL, its log, named after ``log`` with the port) once
    healthy; stopped after. A server not healthy within ``timeout`` seconds, or one that exits, raises RuntimeError
    with the end of its log."""
    port = port or free_port()
    log = log.with_name(f"{log.stem}-{port}{log.suffix}")
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
             "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             # other work in the tree must not trigger "file changed" reruns mid-run
             "--server.fileWatcherType", "none", *extra_args],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not healthy(url + "/_stcore/health"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not become healthy:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.25)
        yield url, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

"""The sign-in gate on Streamlit's upload and /media routes (http_gate.py, served by serve.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from hosting import http_gate

ROOT = Path(__file__).resolve().parents[1]
SECRET = "gate-test-not-a-secret"
AUTH = {"auth": {"redirect_uri": "https://cx.bank.example/oauth2callback", "cookie_secret": SECRET,
                 "client_id": "cxlens", "client_secret": "x",
                 "server_metadata_url": "https://login.invalid/.well-known/openid-configuration"},
        "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
KIM = {"origin": "https://cx.bank.example", "is_logged_in": True, "email": "kim@bank.co.kr", "email_verified": True,
       "name": "김민지"}


def _cookie(payload: dict, secret: str = SECRET) -> str:
    return create_signed_value(secret, "_streamlit_user", json.dumps(payload)).decode()


@pytest.fixture
def signed_in(monkeypatch):
    monkeypatch.setattr("streamlit.web.server.server_util.get_cookie_secret", lambda: SECRET)
    monkeypatch.setattr("hosting.sign_in.read_secrets", lambda: AUTH)


def test_the_user_is_read_from_the_signed_cookie(signed_in):
    user = http_gate.signed_in_user({"_streamlit_user": _cookie(KIM)}, "cx.bank.example")
    assert user["email"] == "kim@bank.co.kr" and user["is_logged_in"] is True and "origin" not in user


@pytest.mark.parametrize(("cookies", "host"), [
    ({}, "cx.bank.example"),  # nobody signed in
    ({"_streamlit_user": _cookie(KIM, "another-secret")}, "cx.bank.example"),  # forged
    ({"_streamlit_user": json.dumps(KIM)}, "cx.bank.example"),  # unsigned
    ({"_streamlit_user": _cookie(KIM)}, "evil.example"),  # issued for another host
    ({"_streamlit_user": _cookie(KIM)}, None),
])
def test_a_missing_forged_or_foreign_cookie_is_nobody(signed_in, cookies, host):
    assert http_gate.signed_in_user(cookies, host) == {}


def test_only_a_signed_in_allowed_user_is_admitted(signed_in):
    assert http_gate.admitted({"_streamlit_user": _cookie(KIM)}, "cx.bank.example:443")
    other = {**KIM, "email": "mallory@gmail.com"}
    assert not http_gate.admitted({"_streamlit_user": _cookie(other)}, "cx.bank.example")
    assert not http_gate.admitted({}, "cx.bank.example")


ACCESS = """
[users."kim@bank.co.kr"]
region = ["서울"]

[groups."call-centre"]
channel = ["콜센터"]
"""


def test_with_an_access_file_only_a_person_given_a_scope_is_admitted(signed_in, monkeypatch, tmp_path):
    access = tmp_path / "access.toml"
    access.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(access))
    lee = {**KIM, "email": "lee@bank.co.kr"}
    assert http_gate.admitted({"_streamlit_user": _cookie(KIM)}, "cx.bank.example")  # by e-mail
    assert http_gate.admitted({"_streamlit_user": _cookie({**lee, "groups": ["call-centre"]})}, "cx.bank.example")
    assert not http_gate.admitted({"_streamlit_user": _cookie(lee)}, "cx.bank.example")  # allowed domain, no scope
    assert not http_gate.admitted({"_streamlit_user": _cookie({**lee, "groups": ["other"]})}, "cx.bank.example")
    access.write_text("admins = 'not a list'", encoding="utf-8")  # a broken access file closes it for everyone
    assert not http_gate.admitted({"_streamlit_user": _cookie(KIM)}, "cx.bank.example")


def test_an_access_file_without_a_sign_in_admits_nobody(monkeypatch, tmp_path):
    monkeypatch.setattr("hosting.sign_in.read_secrets", lambda: {})
    (tmp_path / "access.toml").write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(tmp_path / "access.toml"))
    assert not http_gate.admitted({}, "localhost")


def test_without_a_sign_in_configured_everyone_is_admitted(monkeypatch):
    monkeypatch.setattr("hosting.sign_in.read_secrets", lambda: {})
    assert http_gate.admitted({}, "localhost")


@pytest.mark.parametrize(("path", "expected"), [
    ("/_stcore/upload_file/3f0c/9a1b", True), ("/media/2ebeb266.csv", True), ("/static/media/font.ttf", False),
    ("/_stcore/health", False), ("/_stcore/stream", False), ("/upload", False), ("/", False),
])
def test_the_gate_closes_uploads_and_media_only(path, expected):
    assert http_gate.guarded(path) is expected


def _call(path: str, cookie: str | None = None) -> tuple[int, bool]:
    """(status, reached the app) for one request through SignInGate around a stand-in app."""
    reached = []

    async def app(scope, receive, send):
        reached.append(scope["path"])
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    headers = [(b"host", b"cx.bank.example")] + ([(b"cookie", f"_streamlit_user={cookie}".encode())] if cookie else [])
    scope = {"type": "http", "method": "PUT", "path": path, "headers": headers, "query_string": b""}
    # In a thread of its own: a browser test earlier in this process (Playwright's sync API) may have left an
    # event loop running in this one, and asyncio.run refuses to start inside it.
    worker = threading.Thread(target=asyncio.run, args=(http_gate.SignInGate(app)(scope, receive, send),))
    worker.start()
    worker.join(30)
    return sent[0]["status"], bool(reached)


def test_the_middleware_answers_403_before_streamlit_sees_the_request(signed_in):
    assert _call("/_stcore/upload_file/s/f") == (403, False)
    assert _call("/media/abc.csv") == (403, False)
    assert _call("/_stcore/upload_file/s/f", _cookie(KIM)) == (204, True)
    assert _call("/_stcore/health") == (204, True)


# --- the real server: `streamlit run serve.py` with a sign-in configured
@contextlib.contextmanager
def _serve(tmp_path: Path, secrets: str):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    (tmp_path / "secrets.toml").write_text(secrets, encoding="utf-8")
    env = {**os.environ, "CXLENS_CACHE_DIR": str(tmp_path / "cache")}
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", "--secrets.files",
         str(tmp_path / "secrets.toml")], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _request(url + "/_stcore/health")[0] != 200:
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _request(url: str, method: str = "GET", cookie: str | None = None) -> tuple[int, str]:
    body = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--b--\r\n"
    request = urllib.request.Request(url, method=method, data=body if method == "PUT" else None)
    if method == "PUT":
        request.add_header("Content-Type", "multipart/form-data; boundary=b")
    if cookie:
        request.add_header("Cookie", f"_streamlit_user={cookie}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(errors="replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")
    except OSError:
        return 0, ""


def test_serve_py_refuses_uploads_and_media_before_sign_in(tmp_path):
    secrets = "\n".join(["[auth]", 'redirect_uri = "http://127.0.0.1/oauth2callback"', f'cookie_secret = "{SECRET}"',
                         'client_id = "cxlens"', 'client_secret = "x"',
                         'server_metadata_url = "https://login.invalid/.well-known/openid-configuration"'])
    with _serve(tmp_path, secrets) as url:
        assert _request(url + "/_stcore/upload_file/any-session/any-file", "PUT") == (403, "Sign in first.")
        assert _request(url + "/media/2ebeb26635978b39f80a653cd10e0e18.csv") == (403, "Sign in first.")
        assert _request(url + "/")[0] == 200  # the page itself (it shows the sign-in)
        kim = _cookie({**KIM, "origin": "http://127.0.0.1"})
        # signed in, the request reaches Streamlit, which applies its own checks (XSRF token, a live session)
        status, text = _request(url + "/_stcore/upload_file/any-session/any-file", "PUT", kim)
        assert status in (400, 403) and text != "Sign in first."
        assert _request(url + "/media/2ebeb26635978b39f80a653cd10e0e18.csv", cookie=kim)[0] == 404

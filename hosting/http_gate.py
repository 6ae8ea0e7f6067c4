"""The sign-in gate for the HTTP routes a Streamlit script cannot guard: file uploads and downloads (/media).

The dashboard's own gate (``hosting/sign_in.py``) runs inside the script, so it closes every page but
not two routes that Streamlit serves beside the script: ``PUT /_stcore/upload_file/<session>/<file>``
accepts a file (up to ``server.maxUploadSize``) for any live session, and ``GET /media/<id>`` serves
a stored file to anyone holding its URL. ``SignInGate`` is an ASGI middleware, installed by
``serve.py``, that answers both with 403 unless ``access.decide`` admits the requester, read from
Streamlit's signed sign-in cookie exactly as the WebSocket reads it, and the access file (when set) gives them a
scope. With no sign-in configured
(open access) it lets everything through, like the dashboard.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

import settings
from hosting import access, scopes, sign_in

log = logging.getLogger("cxlens.access")
GUARDED = ("_stcore/upload_file/", "media/")  # under server.baseUrlPath; /static/media/ (fonts) is not
USER_COOKIE = "_streamlit_user"  # streamlit.web.server.starlette.starlette_server_config.USER_COOKIE_NAME


def signed_in_user(cookies: dict[str, str], host: str | None) -> dict[str, Any]:
    """The user in Streamlit's signed sign-in cookie ({} when absent, forged, or issued for another host)."""
    from streamlit.auth_util import get_cookie_with_chunks
    from streamlit.web.server.server_util import get_cookie_secret
    from streamlit.web.server.starlette.starlette_app_utils import decode_signed_value

    secret = get_cookie_secret()

    def one(name: str) -> bytes | None:
        raw = cookies.get(name)
        return None if raw is None else decode_signed_value(secret, name, raw.encode("latin-1"))

    try:
        payload = json.loads(get_cookie_with_chunks(one, USER_COOKIE) or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    if not isinstance(payload, dict):
        return {}
    # A cookie names the origin it was issued for (the redirect URI's); another host's cookie is not ours.
    # Host names are compared without the port (a proxy's $host has none).
    if _hostname(str(payload.get("origin", "")).split("://", 1)[-1]) != _hostname(host or ""):
        return {}
    return {k: v for k, v in payload.items() if k != "origin"}


def guarded(path: str) -> bool:
    """Whether ``path`` is an upload or a /media download (the routes the gate closes)."""
    from streamlit import config

    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}/" if base else "/"
    return path.startswith(tuple(prefix + route for route in GUARDED))


def _hostname(netloc: str) -> str:
    host = netloc.split("/", 1)[0].rsplit("@", 1)[-1]
    return (host.split("]", 1)[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]).lower()


def admitted(cookies: dict[str, str], host: str | None) -> bool:
    """Whether the sign-in gate lets this requester in: open access, or signed in, allowed and, with an access file,
    given a scope (a person the pages show only "no data to see" gets no upload or download either)."""
    user = signed_in_user(cookies, host)
    decision = access.decide(sign_in.read_secrets(), user, settings.get("allowed_email_domains"))
    config, problems = sign_in.access_config()
    if problems or decision.state not in ("open", "allowed"):
        return False
    if config is None:
        return True
    if decision.state == "open":  # an access file without a sign-in: the pages stay closed, so does this
        return False
    return scopes.resolve(config, decision.email, scopes.claimed_groups(user)).role != "none"


class SignInGate:
    """ASGI middleware: uploads and /media downloads only for a requester the sign-in gate admits (else 403)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and guarded(scope.get("path", "")):
            request = Request(scope)
            if not admitted(dict(request.cookies), request.headers.get("host")):
                log.info("refused %s %s: not signed in", scope.get("method"), scope.get("path"))
                await PlainTextResponse("Sign in first.", status_code=403)(scope, receive, send)
                return
        await self.app(scope, receive, send)

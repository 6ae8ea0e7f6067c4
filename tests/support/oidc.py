"""A small OpenID Connect provider on localhost, for tests only: real sign-ins of made-up users, no network.

``Provider(users, client_id, client_secret, redirect_uri)`` serves, from a thread on 127.0.0.1 and a free port:

- ``/.well-known/openid-configuration``: the discovery document (authorization code flow, RS256, PKCE S256);
- ``/authorize``: a one-field form (the e-mail of the user to sign in as; a known ``login_hint`` skips it), then a
  redirect to the registered ``redirect_uri`` with a one-time code and the client's ``state``;
- ``/token``: the code (with the client's secret, by HTTP Basic or in the form, and its PKCE verifier) exchanged for
  an access token and an RS256-signed ``id_token`` holding sub, email, email_verified, name, groups, nonce, aud,
  iss, iat, exp;
- ``/jwks``: the public key; ``/userinfo``: the user's claims for a Bearer access token.

Only the users given exist. There is no session at the provider: every sign-in shows the form again, so two
browsers can sign in as two users at once. ``signed_in`` lists the e-mails codes were exchanged for, in order;
``userinfo_asked`` counts the /userinfo requests.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
import urllib.parse
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from joserfc import jwt
from joserfc.jwk import RSAKey

LIFETIME_S = 600


class Provider:
    """The provider for ``users`` ({e-mail: claims such as name, groups, email_verified}); a context manager."""

    def __init__(self, users: Mapping[str, Mapping[str, Any]], client_id: str, client_secret: str,
                 redirect_uri: str | None = None):
        self.users = {email.lower(): dict(claims) for email, claims in users.items()}
        self.client_id, self.client_secret, self.redirect_uri = client_id, client_secret, redirect_uri
        self.key = RSAKey.generate_key(2048, parameters={"kid": "test-key", "use": "sig", "alg": "RS256"})
        self.codes: dict[str, dict[str, Any]] = {}
        self.tokens: dict[str, str] = {}  # access token -> e-mail
        self.signed_in: list[str] = []
        self.userinfo_asked = 0  # how often /userinfo was asked (st.login reads the id_token's claims only)
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return self.issuer + "/.well-known/openid-configuration"

    def __enter__(self) -> Provider:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer, "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token", "jwks_uri": self.issuer + "/jwks",
            "userinfo_endpoint": self.issuer + "/userinfo", "response_types_supported": ["code"],
            "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile", "groups"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name", "groups", "nonce"],
        }

    def claims(self, email: str) -> dict[str, Any]:
        """The user's identity claims (without the token's own: aud, iss, nonce, times)."""
        given = self.users[email]
        return {"sub": hashlib.sha256(email.encode()).hexdigest()[:16], "email": email,
                "email_verified": given.get("email_verified", True), "name": given.get("name", email),
                **{k: v for k, v in given.items() if k not in ("email_verified", "name")}}

    def issue_code(self, email: str, request: Mapping[str, str]) -> str:
        code = secrets.token_urlsafe(24)
        with self._lock:
            self.codes[code] = {"email": email, "nonce": request.get("nonce"), "client_id": request.get("client_id"),
                                "redirect_uri": request.get("redirect_uri"),
                                "challenge": request.get("code_challenge"), "at": time.time()}
        return code

    def exchange(self, form: Mapping[str, str], basic: tuple[str, str] | None) -> tuple[int, dict[str, Any]]:
        """The /token answer: (HTTP status, JSON body)."""
        client_id, secret = basic or (form.get("client_id", ""), form.get("client_secret", ""))
        if (client_id, secret) != (self.client_id, self.client_secret):
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self.codes.pop(form.get("code", ""), None)  # one use only
        if (grant is None or grant["client_id"] != client_id or grant["redirect_uri"] != form.get("redirect_uri")
                or time.time() - grant["at"] > LIFETIME_S):
            return 400, {"error": "invalid_grant"}
        if grant["challenge"]:
            verifier = form.get("code_verifier", "").encode()
            made = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=").decode()
            if made != grant["challenge"]:
                return 400, {"error": "invalid_grant", "error_description": "PKCE verifier does not match"}
        email, now = grant["email"], int(time.time())
        claims = {**self.claims(email), "iss": self.issuer, "aud": client_id, "iat": now, "exp": now + LIFETIME_S}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        access = secrets.token_urlsafe(24)
        with self._lock:
            self.tokens[access] = email
            self.signed_in.append(email)
        id_token = jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, self.key)
        return 200, {"access_token": access, "token_type": "Bearer", "expires_in": LIFETIME_S, "id_token": id_token,
                     "scope": "openid email profile"}


FORM = """<!doctype html><html><head><meta charset="utf-8"><title>Test sign-in</title></head><body>
<form method="post" action="/authorize"><label>E-mail <input name="login" type="email" autofocus></label>{hidden}
<button type="submit">Continue</button></form></body></html>"""


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet: the test output is the report
            pass

        def _send(self, status: int, body: str | bytes, content_type: str = "application/json",
                  headers: Mapping[str, str] = {}) -> None:
            data = body.encode() if isinstance(body, str) else body
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _json(self, status: int, body: Any) -> None:
            self._send(status, json.dumps(body))

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            return dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))

        def _authorize(self, request: dict[str, str], login: str | None) -> None:
            if request.get("client_id") != provider.client_id or request.get("response_type") != "code":
                self._send(400, "unknown client or response type", "text/plain")
                return
            if provider.redirect_uri and request.get("redirect_uri") != provider.redirect_uri:
                self._send(400, "redirect_uri is not the registered one", "text/plain")
                return
            email = (login or "").strip().lower()
            if email not in provider.users:
                hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                                 for k, v in request.items() if k not in ("login", "login_hint"))
                self._send(200 if not login else 403, FORM.format(hidden=hidden), "text/html; charset=utf-8")
                return
            back = {"code": provider.issue_code(email, request), "state": request.get("state", "")}
            sep = "&" if "?" in request["redirect_uri"] else "?"
            self._send(302, b"", "text/plain", {"Location": request["redirect_uri"] + sep + urllib.parse.urlencode(back)})

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.metadata())
            elif url.path == "/jwks":
                self._json(200, {"keys": [provider.key.as_dict(private=False)]})
            elif url.path == "/authorize":
                self._authorize(query, query.get("login_hint"))
            elif url.path == "/userinfo":
                provider.userinfo_asked += 1
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ").strip()
                email = provider.tokens.get(token)
                if email is None:
                    self._json(401, {"error": "invalid_token"})
                else:
                    self._json(200, provider.claims(email))
            else:
                self._send(404, "not found", "text/plain")

        def do_POST(self) -> None:
            path = urllib.parse.urlsplit(self.path).path
            form = self._form()
            if path == "/authorize":
                self._authorize(form, form.get("login") or None)
            elif path == "/token":
                basic = None
                auth = self.headers.get("Authorization") or ""
                if auth.startswith("Basic "):
                    user, _, password = base64.b64decode(auth[6:]).decode().partition(":")
                    basic = (urllib.parse.unquote_plus(user), urllib.parse.unquote_plus(password))
                self._json(*provider.exchange(form, basic))
            else:
                self._send(404, "not found", "text/plain")

    return Handler

"""Who may see the dashboard: the sign-in gate's decision from the secrets, the signed-in user and the allow-list.

Pure logic (no Streamlit): ``decide(secrets, user, setting_domains)`` returns one ``Decision``;
``hosting/sign_in.py`` draws it. The rules:

- no ``[auth]`` section in ``.streamlit/secrets.toml`` → **open** (local use; the sidebar says so);
- ``[auth]`` present but incomplete, an allow-list without ``[auth]``, or a secrets file that does
  not parse → **misconfigured**: closed, with a sentence naming what to fix (never silently open);
- ``[auth]`` complete, nobody signed in → **login** (a sign-in button for the provider);
- signed in, but the e-mail's domain is not on the allow-list (or the provider says the e-mail is
  not verified, or gives none while an allow-list is set) → **denied** (a message and a sign-out);
- otherwise → **allowed** (who is signed in, and a sign-out).

The allow-list is ``[cxlens] allowed_email_domains = ["example.com", …]`` in the secrets, else the
``allowed_email_domains`` setting (comma-separated); a domain matches exactly (case-insensitive),
so ``example.com`` does not admit ``mail.example.com`` unless that is listed too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

State = Literal["open", "misconfigured", "login", "denied", "allowed"]

SHARED_AUTH_KEYS = ("redirect_uri", "cookie_secret")
PROVIDER_KEYS = ("client_id", "client_secret", "server_metadata_url")


@dataclass(frozen=True)
class Decision:
    """What the gate does: ``state``, the provider to sign in with, who is signed in, and why (an i18n key)."""

    state: State
    provider: str | None = None  # None: st.login() with the unnamed provider of [auth]
    email: str | None = None
    name: str | None = None
    reason: str | None = None  # i18n key explaining a "misconfigured" or "denied" state
    detail: str = ""  # the value the reason names (a missing key, an e-mail domain)

    @property
    def may_view(self) -> bool:
        """True when the page may be drawn (open or allowed)."""
        return self.state in ("open", "allowed")


def parse_domains(value: str | Sequence[str] | None) -> tuple[str, ...]:
    """E-mail domains from a comma-separated string or a list: stripped, lower-case, without a leading @.

    >>> parse_domains(" Example.com, @bank.co.kr ,")
    ('example.com', 'bank.co.kr')
    """
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    out: list[str] = []
    for item in items:
        domain = item.strip().lstrip("@").lower()
        if domain and domain not in out:
            out.append(domain)
    return tuple(out)


def allowed_domains(secrets: Mapping[str, Any], setting_value: str = "") -> tuple[str, ...]:
    """The allow-list: ``[cxlens] allowed_email_domains`` in the secrets when given, else the setting's value."""
    section = secrets.get("cxlens")
    if isinstance(section, Mapping) and section.get("allowed_email_domains") is not None:
        return parse_domains(section["allowed_email_domains"])
    return parse_domains(setting_value)


def auth_provider(auth: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(provider, missing key) for an ``[auth]`` section.

    The provider is None when ``[auth]`` itself holds the client settings (``st.login()``), else the
    first ``[auth.<name>]`` table that does (``st.login("<name>")``). ``missing`` names the first
    required key that is absent (``auth.cookie_secret``, ``auth.<name>.client_id``…), or is None.
    """
    for key in SHARED_AUTH_KEYS:
        if not auth.get(key):
            return None, f"auth.{key}"
    if any(auth.get(key) for key in PROVIDER_KEYS):
        table, provider = auth, None
    else:
        named = [(name, value) for name, value in auth.items() if isinstance(value, Mapping)]
        if not named:
            return None, "auth.client_id"
        provider, table = named[0]
    for key in PROVIDER_KEYS:
        if not table.get(key):
            return provider, "auth." + (f"{provider}." if provider else "") + key
    return provider, None


def email_domain(email: str | None) -> str | None:
    """The lower-case part after the last @ of an e-mail address, or None when there is none."""
    if not email or "@" not in email:
        return None
    domain = email.rsplit("@", 1)[1].strip().lower()
    return domain or None


def decide(secrets: Mapping[str, Any] | None, user: Mapping[str, Any], setting_domains: str = "") -> Decision:
    """The gate's decision for one run.

    ``secrets`` is ``st.secrets`` as a dict, or None when a secrets file exists but could not be
    read; ``user`` is ``st.user`` as a dict (``is_logged_in``, ``email``, ``name``, ``email_verified``…);
    ``setting_domains`` the ``allowed_email_domains`` setting.
    """
    if secrets is None:
        return Decision("misconfigured", reason="access_bad_secrets")
    domains = allowed_domains(secrets, setting_domains)
    auth = secrets.get("auth")
    if not isinstance(auth, Mapping):
        if domains:  # an allow-list only means something with a sign-in: refuse rather than run open
            return Decision("misconfigured", reason="access_domains_without_auth", detail=", ".join(domains))
        return Decision("open")
    provider, missing = auth_provider(auth)
    if missing:
        return Decision("misconfigured", provider=provider, reason="access_incomplete_auth", detail=missing)
    if not user.get("is_logged_in"):
        return Decision("login", provider=provider)
    email = user.get("email") or None
    name = user.get("name") or email
    who = {"provider": provider, "email": email, "name": name}
    if user.get("email_verified") is False:
        return Decision("denied", reason="access_unverified", detail=email or "", **who)
    if domains:
        domain = email_domain(email)
        if domain is None:
            return Decision("denied", reason="access_no_email", **who)
        if domain not in domains:
            return Decision("denied", reason="access_wrong_domain", detail=domain, **who)
    return Decision("allowed", **who)

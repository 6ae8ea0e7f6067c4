"""The sign-in gate as drawn by Streamlit (AppTest with st.secrets and st.user, no live provider)."""

from streamlit.testing.v1 import AppTest

from tests.support.markdown import shown
from tests.test_access import AUTH  # one example provider for the gate's pure and drawn tests


def _script():
    import streamlit as st

    from hosting.sign_in import require_access

    require_access()
    st.markdown("the dashboard")


def _run(secrets=None, user=None, env=None, monkeypatch=None) -> AppTest:
    at = AppTest.from_function(_script)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    if user is not None:
        at.user = user
    if env and monkeypatch:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
    return at.run()


def _texts(at: AppTest) -> list[str]:
    return [e.value for e in at.markdown] + [e.value for e in at.sidebar.caption]


def test_without_auth_the_dashboard_runs_and_the_sidebar_says_access_is_open():
    at = _run()
    assert not at.exception
    assert "the dashboard" in _texts(at)
    assert at.sidebar.caption[0].value == "Open access: no sign-in is configured (for local use)."


def test_with_auth_a_signed_out_viewer_sees_only_a_sign_in_button():
    at = _run({"auth": AUTH}, {"is_logged_in": False})
    assert not at.exception
    assert "the dashboard" not in _texts(at)
    assert [b.label for b in at.button] == ["Sign in"]
    assert at.info[0].value == "This dashboard is for signed-in colleagues: sign in with your company account."


def test_a_signed_in_viewer_sees_the_dashboard_their_name_and_a_sign_out():
    at = _run({"auth": AUTH}, {"is_logged_in": True, "email": "alice@bank.co.kr", "name": "Alice Kim"})
    assert not at.exception
    assert "the dashboard" in _texts(at)
    assert shown(at.sidebar.caption[0].value) == "Signed in as Alice Kim (alice@bank.co.kr)."
    assert [b.label for b in at.sidebar.button] == ["Sign out"]


def test_a_viewer_of_another_domain_is_told_why_and_offered_a_sign_out():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    at = _run(secrets, {"is_logged_in": True, "email": "mallory@gmail.com", "name": "Mallory"})
    assert not at.exception
    assert "the dashboard" not in _texts(at)
    assert shown(at.error[0].value) == ("mallory@gmail.com has no access: accounts of gmail.com are not allowed here. "
                                 "Sign out and sign in with your company account.")
    assert [b.label for b in at.button] == ["Sign out"]


def test_signing_out_a_denied_viewer_leads_back_to_the_sign_in_button():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    at = _run(secrets, {"is_logged_in": True, "email": "mallory@gmail.com"})
    at.button[0].click().run()
    assert [b.label for b in at.button] == ["Sign in"]


def test_the_allow_list_setting_applies_when_the_secrets_have_none(monkeypatch):
    at = _run({"auth": AUTH}, {"is_logged_in": True, "email": "bob@example.com"},
              env={"CXLENS_ALLOWED_EMAIL_DOMAINS": "bank.co.kr"}, monkeypatch=monkeypatch)
    assert "the dashboard" not in _texts(at)
    assert "accounts of example.com are not allowed" in shown(at.error[0].value)


def test_an_allow_list_without_auth_keeps_the_dashboard_closed(monkeypatch):
    at = _run(env={"CXLENS_ALLOWED_EMAIL_DOMAINS": "bank.co.kr"}, monkeypatch=monkeypatch)
    assert not at.exception
    assert "the dashboard" not in _texts(at)
    assert shown(at.error[0].value).startswith("The dashboard is closed: an e-mail allow-list (bank.co.kr) is set")


def test_an_incomplete_auth_section_keeps_the_dashboard_closed_and_names_the_key():
    at = _run({"auth": {k: v for k, v in AUTH.items() if k != "client_secret"}}, {"is_logged_in": True})
    assert "the dashboard" not in _texts(at)
    assert "auth.client_secret is missing" in shown(at.error[0].value)


def test_the_gate_speaks_korean_when_the_session_does():
    at = AppTest.from_function(_script)
    at.session_state["lang"] = "ko"
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert [b.label for b in at.button] == ["로그인"]

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


# --- scopes from the access file, and the audit rows of sign-ins and refusals


def _scoped_script():
    import streamlit as st

    from hosting.sign_in import require_access
    from ui import audit

    require_access()
    st.markdown(f"scope {audit.viewer().scope_text} role {audit.viewer().role}")


def _run_scoped(tmp_path, monkeypatch, user, secrets=None):
    from tests.support.scoped import write_access

    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(write_access(tmp_path / "access.toml")))
    monkeypatch.setenv("CXLENS_DATABASE_URL", f"sqlite:///{tmp_path / 'loop.sqlite'}")
    at = AppTest.from_function(_scoped_script)
    for key, value in ({"auth": AUTH} if secrets is None else secrets).items():
        at.secrets[key] = value
    at.user = user
    return at.run()


def _trail(tmp_path):
    from loop import audit, db

    return audit.trail(db.open_database(f"sqlite:///{tmp_path / 'loop.sqlite'}"))


def test_a_scoped_user_gets_their_scope_and_the_sidebar_says_what_they_see(tmp_path, monkeypatch):
    at = _run_scoped(tmp_path, monkeypatch, {"is_logged_in": True, "email": "seoul@bank.co.kr", "name": "Kim"})
    assert not at.exception
    assert "scope region=서울 role user" in _texts(at)
    assert shown(at.sidebar.caption[1].value) == "Your view is limited to Region: 서울."  # the data's names, not the file's keys
    at.run()  # a second run of the same session: one sign-in row, not two
    rows = _trail(tmp_path)
    assert rows.select("event", "email", "scope").rows() == [("sign_in", "seoul@bank.co.kr", "region=서울")]


def test_a_user_of_a_group_gets_the_groups_scope(tmp_path, monkeypatch):
    at = _run_scoped(tmp_path, monkeypatch, {"is_logged_in": True, "email": "lee@bank.co.kr", "groups": ["busan-team"]})
    assert "scope region=부산 role user" in _texts(at)


def test_the_sidebar_names_a_scope_in_the_session_language(tmp_path, monkeypatch):
    at = _run_scoped(tmp_path, monkeypatch, {"is_logged_in": True, "email": "call@bank.co.kr", "name": "Lee"})
    assert shown(at.sidebar.caption[1].value) == "Your view is limited to Channel: 콜센터 · Persona: X."
    at.session_state["lang"] = "ko"
    at.run()
    assert shown(at.sidebar.caption[1].value) == "조회 범위 — 채널: 콜센터 · 페르소나: X"


def test_a_user_without_a_scope_sees_only_a_message_and_the_refusal_is_recorded(tmp_path, monkeypatch):
    at = _run_scoped(tmp_path, monkeypatch, {"is_logged_in": True, "email": "nobody@bank.co.kr"})
    assert not at.exception
    assert not any(v.startswith("scope ") for v in _texts(at))
    assert shown(at.error[0].value) == ("nobody@bank.co.kr is signed in but has not been given any data to see. "
                                        "Ask the administrator for access.")
    assert _trail(tmp_path).select("event", "email", "detail").rows() == [
        ("denied", "nobody@bank.co.kr", "access_no_scope")]


def test_an_access_file_with_a_problem_closes_the_dashboard_naming_each_problem(tmp_path, monkeypatch):
    path = tmp_path / "bad.toml"
    path.write_text('admins = ["boss"]\n[groups."g"]\n', encoding="utf-8")
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(path))
    at = AppTest.from_function(_scoped_script)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "boss@bank.co.kr"}
    at.run()
    assert not any(v.startswith("scope ") for v in _texts(at))
    assert "admins has boss, which is not an e-mail address." in shown(at.error[0].value)
    assert 'groups."g" is empty' in shown(at.error[0].value)


def test_an_access_file_without_sign_in_keeps_the_dashboard_closed(tmp_path, monkeypatch):
    at = _run_scoped(tmp_path, monkeypatch, {}, secrets={})
    assert not any(v.startswith("scope ") for v in _texts(at))
    assert "an access file" in shown(at.error[0].value) and "no sign-in is configured" in shown(at.error[0].value)


def test_a_refused_domain_is_recorded_on_the_audit_trail(tmp_path, monkeypatch):
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    _run_scoped(tmp_path, monkeypatch, {"is_logged_in": True, "email": "eve@gmail.com"}, secrets)
    assert _trail(tmp_path).select("event", "email", "detail").rows() == [
        ("denied", "eve@gmail.com", "access_wrong_domain")]

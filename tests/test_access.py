"""The sign-in gate's decisions, without a live identity provider."""

from hosting.access import Decision, allowed_domains, auth_provider, decide, email_domain, parse_domains

AUTH = {
    "redirect_uri": "https://cx.example.com/oauth2callback",
    "cookie_secret": "s3cret",
    "client_id": "cxlens",
    "client_secret": "abc",
    "server_metadata_url": "https://login.example.com/.well-known/openid-configuration",
}
NAMED_AUTH = {
    "redirect_uri": "https://cx.example.com/oauth2callback",
    "cookie_secret": "s3cret",
    "microsoft": {"client_id": "cxlens", "client_secret": "abc",
                  "server_metadata_url": "https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration"},
}
ALICE = {"is_logged_in": True, "email": "alice@Bank.co.kr", "name": "Alice Kim"}


def test_without_an_auth_section_the_dashboard_runs_open():
    assert decide({}, {}) == Decision("open")


def test_apptests_default_user_without_auth_still_runs_open():
    assert decide({}, {"email": "test@example.com"}).state == "open"


def test_open_and_allowed_may_view_and_the_rest_may_not():
    assert [Decision(s).may_view for s in ("open", "allowed", "login", "denied", "misconfigured")] == [
        True, True, False, False, False]


def test_with_auth_and_nobody_signed_in_a_login_is_required_with_the_unnamed_provider():
    assert decide({"auth": AUTH}, {"is_logged_in": False}) == Decision("login", provider=None)


def test_a_named_provider_table_is_the_one_to_sign_in_with():
    assert decide({"auth": NAMED_AUTH}, {}) == Decision("login", provider="microsoft")


def test_a_signed_in_user_is_allowed_and_named():
    assert decide({"auth": AUTH}, ALICE) == Decision(
        "allowed", provider=None, email="alice@Bank.co.kr", name="Alice Kim")


def test_a_user_without_a_name_is_shown_by_email():
    assert decide({"auth": AUTH}, {"is_logged_in": True, "email": "bob@bank.co.kr"}).name == "bob@bank.co.kr"


def test_a_user_of_an_allowed_domain_is_allowed_whatever_the_case():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    assert decide(secrets, ALICE).state == "allowed"


def test_a_user_of_another_domain_is_denied_naming_the_domain():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["example.com"]}}
    assert decide(secrets, ALICE) == Decision(
        "denied", provider=None, email="alice@Bank.co.kr", name="Alice Kim",
        reason="access_wrong_domain", detail="bank.co.kr")


def test_a_subdomain_is_not_admitted_by_its_parent_domain():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    user = {"is_logged_in": True, "email": "eve@evil.bank.co.kr.attacker.io"}
    assert decide(secrets, user).detail == "evil.bank.co.kr.attacker.io"
    assert decide(secrets, {"is_logged_in": True, "email": "x@mail.bank.co.kr"}).state == "denied"


def test_an_email_with_a_second_at_sign_is_judged_by_its_last_part():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    assert decide(secrets, {"is_logged_in": True, "email": "bank.co.kr@attacker.io"}).state == "denied"


def test_without_an_email_an_allow_list_denies():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["bank.co.kr"]}}
    decision = decide(secrets, {"is_logged_in": True, "name": "No Mail"})
    assert (decision.state, decision.reason) == ("denied", "access_no_email")


def test_without_an_allow_list_a_user_without_email_is_allowed():
    assert decide({"auth": AUTH}, {"is_logged_in": True, "sub": "42"}).state == "allowed"


def test_an_email_the_provider_marks_unverified_is_denied():
    decision = decide({"auth": AUTH}, {**ALICE, "email_verified": False})
    assert (decision.state, decision.reason, decision.detail) == ("denied", "access_unverified", "alice@Bank.co.kr")


def test_the_setting_gives_the_allow_list_when_the_secrets_do_not():
    assert decide({"auth": AUTH}, ALICE, setting_domains="example.com, bank.co.kr").state == "allowed"
    assert decide({"auth": AUTH}, ALICE, setting_domains="example.com").state == "denied"


def test_the_secrets_allow_list_takes_precedence_over_the_setting():
    secrets = {"auth": AUTH, "cxlens": {"allowed_email_domains": ["example.com"]}}
    assert decide(secrets, ALICE, setting_domains="bank.co.kr").state == "denied"


def test_an_allow_list_without_auth_refuses_to_run_open():
    decision = decide({}, {}, setting_domains="bank.co.kr")
    assert (decision.state, decision.reason, decision.detail) == (
        "misconfigured", "access_domains_without_auth", "bank.co.kr")


def test_an_incomplete_auth_section_names_the_missing_key():
    incomplete = {k: v for k, v in AUTH.items() if k != "cookie_secret"}
    decision = decide({"auth": incomplete}, ALICE)
    assert (decision.state, decision.reason, decision.detail) == (
        "misconfigured", "access_incomplete_auth", "auth.cookie_secret")


def test_an_incomplete_named_provider_names_its_missing_key():
    broken = {**NAMED_AUTH, "microsoft": {"client_id": "cxlens", "client_secret": "abc"}}
    assert auth_provider(broken) == ("microsoft", "auth.microsoft.server_metadata_url")


def test_an_auth_section_without_any_provider_settings_asks_for_a_client_id():
    assert auth_provider({"redirect_uri": "https://x/oauth2callback", "cookie_secret": "s"}) == (
        None, "auth.client_id")


def test_an_unreadable_secrets_file_keeps_the_dashboard_closed():
    assert decide(None, ALICE) == Decision("misconfigured", reason="access_bad_secrets")


def test_domains_are_parsed_from_text_or_lists_without_at_signs_or_duplicates():
    assert parse_domains(" Example.com, @bank.co.kr ,example.com") == ("example.com", "bank.co.kr")
    assert parse_domains(["@A.com", "b.com"]) == ("a.com", "b.com")
    assert parse_domains(None) == ()
    assert parse_domains("") == ()


def test_an_empty_secrets_allow_list_falls_back_to_nothing_not_to_the_setting():
    assert allowed_domains({"cxlens": {"allowed_email_domains": []}}, "bank.co.kr") == ()


def test_email_domain_is_the_lower_case_part_after_the_last_at():
    assert [email_domain(e) for e in ("a@B.com", "a@b@c.org", "nobody", "", None, "a@")] == [
        "b.com", "c.org", None, None, None, None]

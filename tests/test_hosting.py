"""The hosting configuration: .streamlit/config.toml and the documented secrets example."""

import tomllib
from pathlib import Path

import settings
from hosting import access

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
EXAMPLE = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
DEPLOY = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def test_the_server_runs_headless_without_usage_statistics_or_error_details():
    assert CONFIG["server"]["headless"] is True
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_the_upload_limit_of_the_server_equals_the_upload_limit_setting():
    default_mb = next(s.default for s in settings.SETTINGS if s.name == "upload_limit_mb")
    assert CONFIG["server"]["maxUploadSize"] == int(default_mb)


def test_the_secrets_example_is_a_complete_sign_in_that_asks_a_visitor_to_log_in():
    assert access.decide(EXAMPLE, {}) == access.Decision("login", provider="microsoft")


def test_the_secrets_example_admits_its_listed_domains_only():
    assert access.decide(EXAMPLE, {"is_logged_in": True, "email": "kim@bank.co.kr"}).state == "allowed"
    assert access.decide(EXAMPLE, {"is_logged_in": True, "email": "kim@gmail.com"}).state == "denied"


def test_the_real_secrets_file_is_never_committed():
    assert ".streamlit/secrets.toml" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_docs_deploy_documents_deployment_and_the_health_check():
    assert DEPLOY.startswith("# Deploy\n")
    assert "/_stcore/health" in DEPLOY
    assert "proxy_set_header Upgrade $http_upgrade;" in DEPLOY


def test_xsrf_protection_and_same_origin_websockets_are_on():
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True


def test_docs_deploy_says_what_the_app_guarantees_and_what_the_proxy_adds():
    deploy = DEPLOY
    assert "streamlit run serve.py" in deploy
    for words in ("What the app guarantees", "What Streamlit does not do", "What the proxy must add",
                  "location /_stcore/upload_file/", "location /media/", "client_max_body_size 200m"):
        assert words in deploy, words


def test_serve_py_is_the_dashboard_behind_the_sign_in_gate():
    import ast

    tree = ast.parse((ROOT / "serve.py").read_text(encoding="utf-8"))
    source = ast.unparse(tree)
    assert "st.App(" in source and "dashboard.py" in source and "Middleware(SignInGate)" in source


def test_the_sign_in_client_st_login_needs_is_installed():
    """st.login imports Authlib's Starlette client at the first click; it needs httpx (streamlit[auth]'s pair)."""
    from authlib.integrations import starlette_client

    assert starlette_client.OAuth

"""The hosting configuration: .streamlit/config.toml and the documented secrets example."""

import tomllib
from pathlib import Path

import access
import settings

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
EXAMPLE = tomllib.loads((ROOT / ".streamlit" / "secrets.example.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_the_readme_documents_deployment_and_the_health_check():
    assert "## Deploy" in README
    assert "/_stcore/health" in README
    assert "proxy_set_header Upgrade $http_upgrade;" in README

from pathlib import Path

import settings

SETTINGS_DOC = (Path(__file__).resolve().parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_docs_settings():
    for s in settings.SETTINGS:
        assert f"| `{s.name}` | `{s.env}` |" in SETTINGS_DOC, s.name


def test_a_setting_reads_its_environment_variable(monkeypatch):
    monkeypatch.setenv("CXLENS_THREADS", "7")
    assert settings.get_int("threads") == 7
    monkeypatch.delenv("CXLENS_THREADS")
    assert settings.get("threads") == "2"

from pathlib import Path

import settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_in_the_readme():
    for s in settings.SETTINGS:
        assert f"| `{s.name}` | `{s.env}` |" in README, s.name


def test_a_setting_reads_its_environment_variable(monkeypatch):
    monkeypatch.setenv("CXLENS_THREADS", "7")
    assert settings.get_int("threads") == 7
    monkeypatch.delenv("CXLENS_THREADS")
    assert settings.get("threads") == "2"

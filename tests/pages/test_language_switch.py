"""Switching the language keeps every translated choice (the browser answers a choice with its label, so a label in
the other language must never reach a widget: each language draws its own)."""

from __future__ import annotations

from i18n import t


def _switch(at, lang: str):
    at.segmented_control(key="lang").set_value(lang).run()
    assert list(at.exception) == []
    return at


def test_the_period_and_persona_source_survive_switching_the_language_back_and_forth(app, sample_path):
    at = app(sample_path)
    at.selectbox(key="overview.period@en").set_value("last_90").run()
    for lang in ("ko", "en", "ko"):
        _switch(at, lang)
        period = at.selectbox(key=f"overview.period@{lang}")
        assert period.value == "last_90"
        assert period.format_func("last_90") == t("period_choice_data_last_90", lang)  # the box speaks the new language
        assert at.selectbox(key=f"personas@{lang}").format_func("data") == t("persona_source_data", lang)
        assert at.session_state["personas"] == "data"

"""The overview's executive story, driven headlessly: plain words in the headline, the statistics in its help."""

from __future__ import annotations

import re

import pytest

from i18n import t
from ui import text

JARGON = re.compile(r"p [=<] |p \\?[=<] |Benjamini|log\\?-odds|z = |z \\?= |R²|of what stage satisfaction explains|"
                    r"moves NPS|로그 오즈")


def _headline(at, lang: str) -> tuple[list[str], str | None]:
    """The headline box's sentences and its title's help text."""
    title = next(m for m in at.markdown if m.value == "**" + t("headline_title", lang=lang) + "**")
    box = at.markdown.values
    start = box.index(title.value)
    return box[start + 1:start + 5], title.help


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_headline_speaks_plainly_and_its_help_holds_the_statistics(app, sample_path, lang):
    at = app(sample_path, lang=lang)
    sentences, help_text = _headline(at, lang)
    assert sentences and not any(JARGON.search(s) for s in sentences), sentences
    assert "Benjamini–Hochberg" in help_text and "p " in help_text  # the tests and their p-values, one click away


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_period_with_nothing_before_it_says_there_is_nothing_to_compare_with(app, sample_path, lang):
    at = app(sample_path, lang=lang, since="2025-01-01", until="2025-01-31")  # the data starts 2025-01-01
    sentences, _ = _headline(at, lang)
    nothing = t("headline_changes_nothing_to_compare", lang=lang).split(";")[0].split(".")[0]
    assert any(s.startswith(nothing.replace(":", "\\:")) or s.startswith(nothing) for s in sentences), sentences
    info = [i.value for i in at.info]
    assert any(v.startswith(t("movers_nothing_to_compare", lang=lang, previous="").split(":")[0]) for v in info)
    assert not any(v == t("movers_none", lang=lang) for v in info)  # not "no alerts" of 0 tested figures


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_last_30_days_are_said_to_be_the_datas_and_a_file_ending_long_ago_is_warned_of(app, sample_path, lang):
    import datetime as dt

    at = app(sample_path, lang=lang)  # the sample ends 2025-12-31
    sentences, _ = _headline(at, lang)
    span = text.md(t("period_span_to", lang=lang, name=t("period_data_last_30", lang=lang), until="2025-12-31"))
    assert span in sentences[0]
    behind = (dt.date.today() - dt.date(2025, 12, 31)).days
    said = t("data_ends_long_ago", lang=lang, last=dt.date(2025, 12, 31), days=f"{behind:,}")
    assert said in [i.value for i in at.info]
    at.selectbox(key=f"overview.period@{lang}").set_value("custom").run()  # the sidebar's own dates: no warning
    assert said not in [i.value for i in at.info]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_first_overview_says_the_comment_analysis_is_running_and_fills_it_in_when_ready(app, sample_path, tmp_path,
                                                                                       monkeypatch, lang):
    """Cold, the keywords of the comments are still computed: the headline says so where the detractors' complaint
    goes and the pain points say their quotes are to come; once computed, the page shows them (the same story)."""
    import shutil
    import threading

    from store.facts import comments as store_comments

    data = tmp_path / "events.parquet"  # its own path: its own fingerprint, so a fresh facts pass and no keywords
    shutil.copy(sample_path, data)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    gate, real = threading.Event(), store_comments.ensure_tokens

    def held(ds, progress=None, after_first_page=False):
        assert gate.wait(120)
        real(ds, progress, after_first_page)

    monkeypatch.setattr(store_comments, "ensure_tokens", held)
    running = text.md(t("headline_comments_running", lang=lang))
    pending = t("pain_voice_running", lang=lang)
    voice = t("pain_voice", lang=lang, keyword="", quote="").split("**")[0]
    try:
        at = app(data, lang=lang)
        assert not at.exception
        sentences, _ = _headline(at, lang)
        assert running in sentences
        assert not any(s.startswith(text.md(t("headline_complaint", lang=lang, keyword="")[:20])) for s in sentences)
        captions = [c.value for c in at.caption]
        assert pending in captions and not any(c.startswith(voice) for c in captions)
    finally:
        gate.set()
    store_comments.wait_for_jobs(tmp_path / "cache", 120)  # the keywords step of this data's facts
    at.run()  # what the page's check does once the keywords are ready
    assert not at.exception
    sentences, _ = _headline(at, lang)
    assert running not in sentences
    complaint = text.md(t("headline_complaint", lang=lang, keyword="수수료"))
    assert complaint in sentences  # the sample's planted fee complaint, as on a warm overview
    captions = [c.value for c in at.caption]
    assert pending not in captions and any(c.startswith(voice) for c in captions)

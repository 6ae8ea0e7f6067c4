"""The Key drivers page, driven headlessly: the planted top driver read out, the matrix drawn, too little data said."""

from __future__ import annotations

import pytest

from i18n import t
from ui import text


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def test_drivers_page_reads_out_the_planted_top_driver_and_draws_the_matrix(app, sample_path):
    at = app(sample_path, page="drivers.py")
    assert _problems(at) == []
    assert any(m.value.startswith("**Fix first\\: 본인인증\\.") for m in at.markdown)
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    assert table.iloc[0][t("col_stage")] == "이용"
    assert any("Journeys with one more channel handoff score 0.7 points lower" in m.value for m in at.markdown)


def test_drivers_page_says_why_when_there_is_too_little_data(app, sample_path):
    at = app(sample_path, page="drivers.py", since="2025-03-03", until="2025-03-03", persona="사회초년생")
    assert _problems(at) == []
    infos = [i.value for i in at.info]
    assert any(v.startswith("Key drivers cannot be estimated for this selection: only") for v in infos)
    assert len(at.get("plotly_chart")) == 0


def test_drivers_page_is_korean_with_lang_ko(app, sample_path):
    at = app(sample_path, page="drivers.py", lang="ko")
    assert _problems(at) == []
    assert at.title[0].value == t("page_drivers", lang="ko")
    assert any(m.value.startswith("**우선 개선\\: 본인인증\\.") for m in at.markdown)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_drivers_page_states_the_overviews_fix_first_in_the_same_words_and_no_other(app, sample_path, lang):
    overview = app(sample_path, lang=lang)
    head = t("headline_fix_driver_lowest_pain", lang=lang).split("{stage}")[0]
    said = [m.value for m in overview.markdown if m.value.startswith(text.md(head))]
    assert len(said) == 1
    drivers = app(sample_path, page="drivers.py", lang=lang)
    bold = [m.value for m in drivers.markdown if m.value.startswith("**")]
    assert bold == ["**" + said[0] + "**"]
    # the top driver (이용) is never called a fix first, nor a candidate, beside the verdict
    page = " ".join(m.value for m in drivers.markdown) + " ".join(c.value for c in drivers.caption)
    assert "candidate to fix first" not in page and "우선 개선 후보" not in page

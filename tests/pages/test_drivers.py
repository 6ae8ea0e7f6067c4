"""The Key drivers page, driven headlessly: the planted top driver read out, the matrix drawn, too little data said."""

from __future__ import annotations

from i18n import t


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def test_drivers_page_reads_out_the_planted_top_driver_and_draws_the_matrix(app, sample_path):
    at = app(sample_path, page="drivers.py")
    assert _problems(at) == []
    assert any(m.value.startswith("**이용 matters most to NPS") for m in at.markdown)
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    assert table.iloc[0][t("col_stage")] == "이용"
    assert any("Each channel handoff costs 0.7 points" in m.value for m in at.markdown)


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
    assert any("이용 단계가 NPS에 가장 중요합니다" in m.value for m in at.markdown)

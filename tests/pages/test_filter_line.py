"""The line above every page naming the active filters, and its clear-all button (the sidebar is hidden on a phone)."""

from __future__ import annotations

import datetime as dt

import pytest

from i18n import t
from store import Filters
from tests.pages.conftest import EVENT_PAGES, PAGES
from ui import filter_line

DATES = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _line(at) -> list[str]:
    return [c.value for c in at.caption if c.value.startswith(":material/filter_alt:")]


def test_the_line_names_each_filter_with_its_values_and_the_open_end_of_the_period():
    f = Filters.make(until=dt.date(2025, 6, 30), channel=["모바일 앱", "영업점"], keyword=["수수료"],
                     dims={"region": ["서울"]}, path_contains="앱>콜센터")
    assert filter_line.parts(f, "en", DATES) == [
        "first touchpoint 2025-01-01 – 2025-06-30", "Channel: 모바일 앱, 영업점", "Region: 서울", "Keyword: 수수료",
        "Path contains: 앱 > 콜센터"]
    assert filter_line.sentence(f, "ko", DATES).startswith("필터 적용: 첫 접점 2025-01-01 – 2025-06-30 · 채널: ")


def test_no_filter_no_line():
    assert filter_line.sentence(Filters(), "en", DATES) is None


def test_a_persons_scope_is_not_a_filter_of_the_line_but_a_choice_inside_it_is():
    scoped = Filters().within({"region": ["서울", "부산"], "channel": ["콜센터"]})
    assert filter_line.sentence(scoped, "en", DATES) is None  # nothing to clear: the scope stays whatever is clicked
    narrower = Filters.make(dims={"region": ["부산"]}, persona=["X"]).within({"region": ["서울", "부산"]})
    assert filter_line.parts(narrower, "en", DATES) == ["Persona: X", "Region: 부산"]
    assert filter_line.parts(Filters.make(dims={"region": ["서울"]}), "en", DATES) == ["Region: 서울"]  # no scope


def test_a_scope_is_named_with_the_datas_names_in_the_language():
    scope = Filters().within({"region": ["서울", "부산"], "channel": ["콜센터"]}).scope
    assert filter_line.scope_text(scope, "en") == "Channel: 콜센터 · Region: 부산, 서울"
    assert filter_line.scope_text(scope, "ko") == "채널: 콜센터 · 지역: 부산, 서울"


def test_every_page_names_the_keyword_and_channel_filters(app, sample_path):
    at = app(sample_path, channel="모바일 앱", keyword="수수료")
    # every page of the navigation (the Access page is listed for admins only: open access has none)
    for page in (p for p in EVENT_PAGES if p != "access.py"):
        at.switch_page(str(PAGES / page)).run()
        assert list(at.exception) == [], page
        assert _line(at) == [":material/filter_alt: " + t("filter_line", "en", filters="Channel: 모바일 앱 · Keyword: 수수료")], page
        assert at.button(key="filter_line.clear").label == "Clear all"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_clear_all_empties_every_filter_and_the_line_goes(app, sample_path, lang):
    at = app(sample_path, lang=lang, since="2025-10-01", persona="사회초년생", keyword="수수료", path_contains="앱")
    assert len(_line(at)) == 1
    at.button(key="filter_line.clear").click().run()
    assert list(at.exception) == []
    assert at.session_state["filters"] == Filters()
    assert _line(at) == []
    assert [b for b in at.button if b.key == "filter_line.clear"] == []

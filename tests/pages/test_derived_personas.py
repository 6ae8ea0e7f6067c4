"""Derived personas in the dashboard: the sidebar's persona source, the URL, the Personas page's table and
map, and the derived persona as the persona every page filters and splits by; on planted segments."""

from __future__ import annotations

import json

import pytest

from ui.state import query_string_values


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from sample_data.segments import write

    folder = tmp_path_factory.mktemp("planted-pages")
    write(3_000, 11, folder / "events.parquet", folder / "truth.parquet")
    return folder / "events.parquet"


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _table(at, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_personas_page_lists_the_derived_personas_with_traits_a_representative_and_a_map(app, planted):
    at = app(planted, page="personas.py", personas="4")
    assert _problems(at) == []
    table = _table(at, "Representative customer")
    assert len(table) == 4
    assert table["Customers"].sum() == 3_000
    assert table["Share of customers %"].sum() == pytest.approx(100.0)
    assert table["Representative customer"].str.startswith("C").all()
    assert table["Latest journey"].str.startswith("journeys?journey=J").all()
    assert all(" vs " in traits and "z " in traits for traits in table["Traits"])
    figures = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    persona_map = figures[0]
    assert sorted(trace["name"] for trace in persona_map["data"]) == sorted(table["Persona"])
    assert sum(sum(trace["marker"]["size"]) for trace in persona_map["data"]) == 3_000
    # the page's other sections split by the same derived personas
    kpis = _table(at, "NPS answers")
    assert sorted(kpis["Persona"]) == sorted(table["Persona"])
    assert kpis["Journeys"].sum() == table["Journeys"].sum()


def test_the_derived_persona_is_the_persona_filter_and_the_url_keeps_the_source(app, planted):
    at = app(planted, page="personas.py", personas="auto")
    table = _table(at, "Representative customer")
    persona = table.sort_values("Customers").iloc[0]
    assert at.query_params["personas"] == ["auto"] or at.query_params["personas"] == "auto"
    filtered = app(planted, page="personas.py", personas="auto", persona=persona["Persona"])
    assert _problems(filtered) == []
    assert not filtered.warning  # the link's persona is one of the derived personas
    kpis = _table(filtered, "NPS answers")
    assert kpis["Persona"].tolist() == [persona["Persona"]]
    assert kpis["Journeys"].sum() == persona["Journeys"]


def test_the_data_column_is_the_default_and_an_unknown_source_warns(app, planted):
    at = app(planted, page="personas.py")
    assert _problems(at) == []
    assert any("choose “Derived” under “Persona source”" in c.value for c in at.caption)
    assert not any("Representative customer" in d.value.columns for d in at.dataframe)
    assert at.session_state["personas"] == "data"
    bad = app(planted, personas="many")  # the link's warnings show on the page the link opens
    assert [w.value for w in bad.warning][:1] == [
        "The link's personas=many is not data, auto or a number from 2 to 8: the data's persona column is used."]
    assert bad.session_state["personas"] == "data"


def test_korean_labels_and_page_with_lang_ko(app, planted):
    at = app(planted, page="personas.py", personas="4")
    at.segmented_control(key="lang").set_value("ko").run()  # switched on this page (another page's widgets in ko
    # cannot be replayed by AppTest after a page switch)
    assert _problems(at) == []
    table = _table(at, "대표 고객")
    hangul = [p for p in table["페르소나"] if any("가" <= ch <= "힣" for ch in p.replace("모바일 앱", ""))]
    assert len(hangul) == 4


def test_the_url_carries_the_persona_source_only_when_derived():
    from store import Filters

    assert "personas" not in query_string_values(Filters(), "en")
    assert query_string_values(Filters(), "en", "auto")["personas"] == "auto"
    assert query_string_values(Filters.make(persona=["앱 중심"]), "ko", "5") == {
        "personas": "5", "persona": ["앱 중심"], "lang": "ko"}

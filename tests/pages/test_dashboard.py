"""The dashboard, driven headlessly with AppTest on the sample and on a small telco dataset."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from i18n import t
from store import open_dataset
from tests.pages.conftest import ENTRY, PAGES, expected_nps
from tests.support.markdown import shown

PAGE_FILES = ["overview.py", "journey_map.py"]
HANGUL = re.compile("[가-힣]")


def _metric(at, label: str):
    """The st.metric labelled ``label``; NPS and CSAT values carry their 95% interval (" ±1.3"), dropped here."""
    from types import SimpleNamespace

    m = next(m for m in at.metric if m.label == label)
    return SimpleNamespace(value=m.value.split(" ±")[0], delta=m.delta, help=m.help, label=m.label)


def _param(at, key: str) -> list[str]:
    """A URL parameter's values (AppTest gives one value as a string, several as a list)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_renders_on_the_sample_without_an_error(app, sample_path, page):
    at = app(sample_path, page=page)
    assert _problems(at) == []
    assert len(at.get("plotly_chart")) >= 1


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_renders_on_telco_data_without_touchpoint_or_ces_columns(app, telco_path, page):
    at = app(telco_path, page=page)
    assert _problems(at) == []
    assert [w.key for w in at.multiselect] == ["filter.persona", "filter.channel", "filter.stage", "filter.dim.plan",
                                               "filter.keyword"]


def test_overview_nps_is_the_last_30_days_without_a_date_filter_and_the_whole_data_as_custom(app, sample_path):
    at = app(sample_path)
    # the sample's journeys start 2025-01-01 .. 2025-12-31: the last 30 days are 2025-12-02 .. 2025-12-31
    since, until = dt.date(2025, 12, 2), dt.date(2025, 12, 31)
    assert _metric(at, "NPS").value == f"{expected_nps(sample_path, since=since, until=until):.1f}"
    assert "vs 2025-11-02 – 2025-12-01" in [c.value for c in at.caption]  # the comparison window on the card
    at.session_state["overview.period"] = "custom"
    at.run()
    nps = _metric(at, "NPS")
    assert nps.value == f"{expected_nps(sample_path):.1f}"
    # the whole data has nothing before it: no change on any card, and the card says why
    assert all(m.delta in (None, "") for m in at.metric)
    assert sum("no data in" in c.value for c in at.caption) == 6  # every card says why it has no change


def test_overview_nps_equals_the_nps_of_the_persona_in_the_link(app, sample_path):
    persona = "사회초년생"
    at = app(sample_path, persona=persona)
    assert at.multiselect(key="filter.persona").value == [persona]
    last30 = {"since": dt.date(2025, 12, 2), "until": dt.date(2025, 12, 31)}
    assert _metric(at, "NPS").value == f"{expected_nps(sample_path, persona=persona, **last30):.1f}"


def test_overview_nps_equals_the_nps_of_the_period_in_the_link(app, sample_path):
    since, until = dt.date(2025, 3, 1), dt.date(2025, 5, 31)
    at = app(sample_path, since=since.isoformat(), until=until.isoformat())
    assert _metric(at, "NPS").value == f"{expected_nps(sample_path, since=since, until=until):.1f}"
    # The deltas compare with the 92 days before 2025-03-01.
    assert "2024-11-29 – 2025-02-28" in " ".join(c.value for c in at.caption)


def test_overview_nps_on_telco_data_follows_a_persona_filter(app, telco_path):
    import polars as pl

    at = app(telco_path, persona="postpaid")
    # the default period: the last 30 days of the data (by the journeys' first touchpoint)
    last = pl.read_parquet(telco_path).group_by("journey_id").agg(pl.col("timestamp").min())["timestamp"].max().date()
    since = last - dt.timedelta(days=29)
    assert _metric(at, "NPS").value == f"{expected_nps(telco_path, persona='postpaid', since=since, until=last):.1f}"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_an_impossible_filter_shows_one_info_naming_the_filters_to_relax(app, telco_path, page):
    at = app(telco_path, page=page, persona="business", channel="store")
    assert _problems(at) == []
    assert [i.value for i in at.info] == ["Nothing matches these filters. Relax Persona or Channel."]
    assert len(at.get("plotly_chart")) == 0 and len(at.metric) == 0


def test_lang_ko_gives_korean_metric_labels_and_titles(app, sample_path):
    at = app(sample_path, lang="ko")
    labels = [m.label for m in at.metric]
    assert labels == [t(k, "ko") for k in ("kpi_nps", "kpi_csat", "kpi_ces", "kpi_journeys",
                                            "card_median_duration", "kpi_handoff_rate")]
    # NPS, CSAT and CES are said as such in Korean CX practice (short labels fit six cards in a row); the others
    # are Korean words.
    assert labels[:3] == ["NPS", "CSAT %", "CES (1–7)"] and all(HANGUL.search(label) for label in labels[3:])
    assert at.title[0].value == "개요"
    assert _param(at, "lang") == ["ko"]


def test_link_values_the_data_does_not_have_are_ignored_with_a_warning(app, sample_path):
    at = app(sample_path, persona=["사회초년생", "nobody"], since="2025-13-40", lang="xx")
    assert _problems(at) == []
    assert at.multiselect(key="filter.persona").value == ["사회초년생"]
    assert [shown(w.value) for w in at.warning] == [
        "Unknown language lang=xx; showing English.",
        "Ignored since=2025-13-40 from the link: not a date of the form YYYY-MM-DD.",
        "Ignored persona=nobody from the link: no such value in the data.",
    ]
    last30 = {"since": dt.date(2025, 12, 2), "until": dt.date(2025, 12, 31)}
    assert _metric(at, "NPS").value == f"{expected_nps(sample_path, persona='사회초년생', **last30):.1f}"


def test_the_links_warnings_stay_through_a_rerun_of_the_same_view_and_go_when_the_view_changes(app, sample_path):
    # a rerun (the late facts arriving, a language switch) must not take them away unread
    at = app(sample_path, persona=["사회초년생", "nobody"], lang="xx")
    first = [shown(w.value) for w in at.warning]
    assert first == ["Unknown language lang=xx; showing English.",
                     "Ignored persona=nobody from the link: no such value in the data."]
    at.run()
    assert [shown(w.value) for w in at.warning] == first
    at.segmented_control(key="lang").set_value("ko").run()
    assert len(at.warning) == 2 and all(HANGUL.search(shown(w.value)) for w in at.warning)
    at.multiselect(key="filter.persona").set_value([]).run()
    assert _problems(at) == [] and len(at.warning) == 0
    at.run()
    assert len(at.warning) == 0


def test_a_start_after_the_end_is_swapped_with_a_warning(app, sample_path):
    at = app(sample_path, since="2025-05-31", until="2025-03-01")
    assert [w.value for w in at.warning] == ["The start date was after the end date; they were swapped "
                                             "(2025-03-01 – 2025-05-31)."]
    expected = expected_nps(sample_path, since=dt.date(2025, 3, 1), until=dt.date(2025, 5, 31))
    assert _metric(at, "NPS").value == f"{expected:.1f}"


def test_filters_survive_a_page_switch_and_stay_in_the_url(app, telco_path):
    at = app(telco_path)
    at.multiselect(key="filter.channel").set_value(["web", "call"]).run()
    at.multiselect(key="filter.dim.plan").set_value(["plus"]).run()
    at.switch_page(str(PAGES / "journey_map.py")).run()
    assert _problems(at) == []
    assert at.multiselect(key="filter.channel").value == ["web", "call"]
    assert at.session_state["filters"].channel == ("call", "web")
    assert at.session_state["filters"].dims == (("plan", ("plus",)),)
    assert _param(at, "channel") == ["call", "web"]
    assert _param(at, "plan") == ["plus"]


def test_a_failing_chart_shows_an_error_box_and_the_rest_of_the_page(app, sample_path, monkeypatch):
    import ui.data

    def broken(ds, f):
        raise RuntimeError("boom")

    monkeypatch.setattr(ui.data, "nps_by_week", broken)
    at = app(sample_path)
    assert list(at.exception) == []
    assert [e.value for e in at.error] == ["This part could not be drawn: RuntimeError"]
    assert len(at.metric) == 6


def test_a_dataset_in_the_session_replaces_the_default(app, sample_path, telco_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CXLENS_DATA", str(sample_path))
    at = AppTest.from_file(ENTRY, default_timeout=120)
    at.session_state["dataset"] = open_dataset(telco_path)
    at.session_state["overview.period"] = "custom"  # no dates: the whole data
    at.run()
    assert _problems(at) == []
    assert _metric(at, "Journeys").value == "600"


def test_every_page_offers_the_filtered_events_as_parquet(app, sample_path):
    import io

    import polars as pl

    from store import Filters
    from store import queries as q
    from ui.upload import events_parquet

    persona = "사회초년생"
    at = app(sample_path, persona=persona)
    assert "sidebar.parquet" in [b.key for b in at.sidebar.get("download_button")]
    ds, f = open_dataset(sample_path), Filters.make(persona=[persona])
    events = pl.read_parquet(io.BytesIO(events_parquet(ds, f)))
    assert events.height == q.totals(ds, f)["events"]
    assert events["persona"].unique().to_list() == [persona]


def test_the_overview_lists_the_detractors_to_call_back_when_asked(app, sample_path):
    import polars as pl

    at = app(sample_path, persona="사회초년생")
    assert not [d for d in at.dataframe if "Worst-rated stage" in d.value.columns]  # not computed until asked
    at.toggle(key="overview.detractors").set_value(True).run()
    table = next(d.value for d in at.dataframe if "Worst-rated stage" in d.value.columns)
    ev = pl.read_parquet(sample_path).sort("journey_id", "timestamp", "stage", "channel", "touchpoint")
    answers = ev.group_by("journey_id").agg(pl.col("nps").drop_nulls().last(), pl.col("persona").drop_nulls().first())
    want = answers.filter((pl.col("persona") == "사회초년생") & (pl.col("nps") <= 6)).height
    assert len(table) == want and list(table.columns)[:3] == ["Customer", "Journey", "Score (0–10)"]


def test_the_overview_headline_states_the_period_and_the_fix_first(app, sample_path):
    at = app(sample_path)
    texts = [m.value for m in at.markdown]
    assert any("in the last 30 days of data\\, to 2025\\-12\\-31" in x for x in texts)
    assert any(x.startswith("Fix first\\: 본인인증\\.") for x in texts)  # markdown-escaped as ui.text.md does


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_without_chromium_the_overview_says_so_in_place_of_the_pdf_button(app, sample_path, monkeypatch, tmp_path,
                                                                           lang):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))  # kaleido's finder looks here first
    at = app(sample_path, lang=lang)
    assert _problems(at) == []
    assert "download:summary.pdf" not in [b.key for b in at.get("download_button")]
    assert t("pdf_no_browser", lang=lang) in [c.value for c in at.caption]


def test_with_chromium_the_overview_offers_the_pdf_button(app, sample_path):
    from ui.charts import snapshot

    if snapshot.browser() is None:
        pytest.skip("no Chromium on this machine")
    at = app(sample_path)
    assert "download:summary.pdf" in [b.key for b in at.get("download_button")]
    assert t("pdf_no_browser", lang="en") not in [c.value for c in at.caption]

"""Views in a real browser: a filter change updates the KPIs, a link reproduces a view, 8 sessions at once."""

from __future__ import annotations

import urllib.parse

import pytest

from store import Filters, open_dataset
from store import queries as q
from tests.e2e.browser import DESKTOP, ERROR_BOX, EXCEPTION, choose, expect_kpi, first_token, open_view, wait_rendered
from tests.support.cards import card_figures


@pytest.fixture(scope="module")
def dataset(server):
    return open_dataset(str(server.data))


@pytest.fixture(scope="module")
def options(dataset):
    return q.filter_options(dataset)


def shown(value: float | None, fmt: str = "{:.1f}") -> str:
    """How the overview's KPI card prints a value (the first token: an interval may follow it)."""
    return "—" if value is None else fmt.format(value)


def view_url(server, **params) -> str:
    return server.url + "/?" + urllib.parse.urlencode(params, doseq=True)


def test_the_overview_shows_the_figures_of_the_last_30_days_without_a_date_filter(page, server, dataset):
    h = card_figures(dataset, Filters())
    open_view(page, server.url + "/", min_charts=1)
    assert first_token(page, "NPS") == shown(h["nps"])
    assert first_token(page, "Journeys") == f"{h['journeys']:,}"
    assert first_token(page, "CSAT %") == shown(h["csat"], "{:.1f}%")


def test_choosing_a_persona_updates_the_kpis_and_the_link(page, server, dataset, options):
    persona = options["persona"][0]
    h = card_figures(dataset, Filters.make(persona=[persona]))
    whole = card_figures(dataset, Filters())
    assert h["journeys"] != whole["journeys"]
    open_view(page, server.url + "/")
    choose(page, "Persona", persona)
    expect_kpi(page, "Journeys", f"{h['journeys']:,}")
    wait_rendered(page)
    assert first_token(page, "NPS") == shown(h["nps"])
    assert first_token(page, "CES (1–7)") == shown(h["ces"], "{:.2f}")
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["persona"] == [persona]
    assert page.locator(EXCEPTION).count() == 0


def test_a_link_with_query_parameters_reproduces_the_view(page, server, dataset, options):
    persona, channel = options["persona"][-1], options["channel"][0]
    h = card_figures(dataset, Filters.make(persona=[persona], channel=[channel]))
    open_view(page, view_url(server, persona=persona, channel=channel))
    assert first_token(page, "NPS") == shown(h["nps"])
    assert first_token(page, "Journeys") == f"{h['journeys']:,}"
    assert first_token(page, "CSAT %") == shown(h["csat"], "{:.1f}%")
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert persona in sidebar.inner_text() and channel in sidebar.inner_text()


def test_a_link_to_the_journey_map_keeps_its_filters_on_the_way_back_to_the_overview(page, server, dataset,
                                                                                     options):
    persona = options["persona"][1]
    h = card_figures(dataset, Filters.make(persona=[persona]))
    open_view(page, server.url + "/journey_map?" + urllib.parse.urlencode({"persona": persona}))
    page.locator('[data-testid="stTopNavLink"]').first.click()
    expect_kpi(page, "Journeys", f"{h['journeys']:,}")


def _views(options) -> list[dict]:
    """Eight different selections: each persona alone, then each with a channel, then dates."""
    personas, channels = options["persona"], options["channel"]
    lo, hi = options["dates"]
    views = [{"persona": [p]} for p in personas]
    views += [{"persona": [p], "channel": [channels[i % len(channels)]]} for i, p in enumerate(personas)]
    views += [{"since": [lo.replace(month=3).isoformat()], "until": [lo.replace(month=6).isoformat()]},
              {"channel": [channels[-1]]}]
    return views[:8]


def test_eight_sessions_opened_at_once_each_render_their_own_figures(browser, server, dataset, options):
    import datetime as dt

    views = _views(options)
    assert len(views) == 8
    contexts = [browser.new_context(viewport=DESKTOP) for _ in views]
    try:
        pages = [c.new_page() for c in contexts]
        for page, view in zip(pages, views, strict=True):  # all eight sessions are started before any is read
            page.goto(view_url(server, **view), wait_until="commit")
        for page, view in zip(pages, views, strict=True):
            wait_rendered(page, min_charts=1)
            f = Filters.make(
                since=dt.date.fromisoformat(view["since"][0]) if "since" in view else None,
                until=dt.date.fromisoformat(view["until"][0]) if "until" in view else None,
                persona=view.get("persona", ()), channel=view.get("channel", ()))
            h = card_figures(dataset, f)
            assert page.locator(EXCEPTION).count() == 0, view
            assert page.locator(ERROR_BOX).all_inner_texts() == [], view
            assert (first_token(page, "Journeys"), first_token(page, "NPS")) == (
                f"{h['journeys']:,}", shown(h["nps"])), view
            assert page.locator(".js-plotly-plot").count() >= 1, view
    finally:
        for c in contexts:
            c.close()

"""Links are data, never SQL or markup: absurd and hostile query parameters give a warning, never an exception."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

from store import Filters, open_dataset
from store import queries as q
from tests.e2e.browser import ERROR_BOX, EXCEPTION, kpi, open_view
from tests.support.cards import card_figures

WARNING = '[data-testid="stAlertContentWarning"]'


@pytest.fixture(scope="module")
def dataset(server):
    return open_dataset(str(server.data))


@pytest.fixture(scope="module")
def whole(dataset):
    return card_figures(dataset, Filters())


def journeys_shown(page) -> str:
    return kpi(page, "Journeys").inner_text().split()[0]


def open_link(page, server, query: str) -> list[str]:
    """Open the overview with a raw query string; the warnings it shows (after checking nothing broke)."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_view(page, server.url + "/?" + query, min_charts=1)
    assert page.locator(EXCEPTION).count() == 0
    assert page.locator(ERROR_BOX).count() == 0
    assert dialogs == []  # no markup from the link ever ran as script
    # as read: ui.text.md's invisible word joiners (they stop "--", "://", "@" turning into markup) left out
    return [text.replace("\u2060", "") for text in page.locator(WARNING).all_inner_texts()]


def quoted(**params) -> str:
    return urllib.parse.urlencode(params, doseq=True)


@pytest.mark.parametrize("value", [
    "' OR 1=1 --",
    "x'); DROP TABLE events; --",
    "$persona",
    "%",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[Session expired: sign in again](https://evil.example/login)",
    "![tracker](https://evil.example/pixel.png) **urgent** `code` $x^2$",
])
def test_an_injection_string_as_persona_is_an_unknown_value_shown_as_typed(page, server, whole, value):
    warnings = open_link(page, server, quoted(persona=value))
    assert warnings == [f"Ignored persona={value} from the link: no such value in the data."]
    alert = page.locator(WARNING)
    assert alert.locator("a, img, strong, em, script, .katex").count() == 0  # no markup drawn from the link
    assert journeys_shown(page) == f"{whole['journeys']:,}"


def test_an_injection_string_as_a_parameter_name_is_ignored(page, server, whole):
    warnings = open_link(page, server, quoted(**{"region) OR (1=1": "서울", "'; DROP TABLE events; --": "x"}))
    assert warnings == []
    assert journeys_shown(page) == f"{whole['journeys']:,}"


def test_an_unknown_persona_is_ignored_with_a_warning(page, server, whole):
    warnings = open_link(page, server, quoted(persona="Martian"))
    assert warnings == ["Ignored persona=Martian from the link: no such value in the data."]
    assert journeys_shown(page) == f"{whole['journeys']:,}"


def test_malformed_dates_are_ignored_with_a_warning_each(page, server, whole):
    warnings = open_link(page, server, quoted(since="2025-13-45", until="yesterday"))
    assert warnings == [
        "Ignored since=2025-13-45 from the link: not a date of the form YYYY-MM-DD.",
        "Ignored until=yesterday from the link: not a date of the form YYYY-MM-DD.",
    ]
    assert journeys_shown(page) == f"{whole['journeys']:,}"


def test_a_start_after_the_end_is_swapped_and_the_view_is_the_swapped_range(page, server, dataset):
    warnings = open_link(page, server, quoted(since="2025-06-30", until="2025-03-01"))
    assert warnings == ["The start date was after the end date; they were swapped (2025-03-01 – 2025-06-30)."]
    h = card_figures(dataset, Filters.make(since=dt.date(2025, 3, 1), until=dt.date(2025, 6, 30)))
    assert journeys_shown(page) == f"{h['journeys']:,}"


def test_a_thousand_repeats_of_one_unknown_value_warn_once(page, server, whole):
    warnings = open_link(page, server, "&".join(["stage=nowhere"] * 1000))
    assert warnings == ["Ignored stage=nowhere from the link: no such value in the data."]
    assert journeys_shown(page) == f"{whole['journeys']:,}"


def test_more_than_a_thousand_parameters_show_the_default_view(page, server, whole):
    # Streamlit itself drops a query string of more than 1000 parameters (and logs it): the default view.
    # (Short ones: a request line over 16 KB may be refused by the HTTP server, uvicorn's h11, before the app sees it,
    # depending on how it arrives: "Invalid HTTP request received." under load for 10,000 × persona=x.)
    warnings = open_link(page, server, "&".join(["p=x"] * 2_000))
    assert warnings == []
    assert journeys_shown(page) == f"{whole['journeys']:,}"


def test_five_hundred_repeats_of_a_known_value_select_it_once(page, server, dataset):
    # (a link much over ~100 KB is refused by the HTTP server with 400 before the app sees it)
    persona = q.filter_options(dataset)["persona"][0]
    open_link(page, server, "&".join([quoted(persona=persona)] * 500))
    h = card_figures(dataset, Filters.make(persona=[persona]))
    assert journeys_shown(page) == f"{h['journeys']:,}"

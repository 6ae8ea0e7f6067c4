"""The dashboard says which extra columns it renamed because cxlens uses their names itself."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from i18n import column_label, t
from tests.support.markdown import live_markup, shown


@pytest.fixture(scope="module")
def renamed_path(tmp_path_factory):
    t0 = dt.datetime(2026, 3, 2, 9, 30)
    out = tmp_path_factory.mktemp("renamed") / "events.parquet"
    pl.DataFrame({
        "journey_id": ["가-1", "가-1", "나-2"], "timestamp": [t0, t0 + dt.timedelta(hours=2), t0],
        "stage": ["가입", "개통", "가입"], "channel": ["앱", "앱", "웹"], "nps": [None, 9.0, 3.0],
        "prev_channel": ["웹", "웹", "앱"], "region": ["서울", "서울", "부산"],
    }).write_parquet(out)
    return out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_sidebar_says_a_column_was_renamed_and_filters_by_its_new_name(app, renamed_path, lang):
    at = app(renamed_path, lang=lang)
    assert not at.exception and not at.error
    captions = [shown(c.value) for c in at.sidebar.caption]
    want = t("note_renamed", lang, column="prev_channel", name="prev_channel_data")
    assert want in captions
    assert not any(live_markup(c.value) for c in at.sidebar.caption)
    # The filters are labelled by the columns' display names (ui.i18n.column_label: region → Region / 지역).
    labels = {column_label(c, lang) for c in ("prev_channel_data", "region")}
    assert labels <= {shown(m.label) for m in at.sidebar.multiselect}


def test_the_sidebar_says_nothing_when_no_column_was_renamed(app, telco_path):
    at = app(telco_path)
    assert not any("cxlens" in shown(c.value) for c in at.sidebar.caption)

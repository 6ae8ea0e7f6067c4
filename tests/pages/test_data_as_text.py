"""Every page shows data values and file names as text: no link, image or HTML drawn from the data.

The values below are what an uploaded export could hold; Streamlit draws markdown in titles, captions,
alerts, widget labels and help, so each page's markdown is checked with tests.support.markdown's model of
the renderer (checked against Chromium) and the values must still be there, as typed.
"""

from __future__ import annotations

import datetime as dt
import random

import polars as pl
import pytest

from tests.pages.conftest import EVENT_PAGES, PAGES
from tests.support.markdown import LINKS, live_markup, shown

IMAGE = "![b](http://127.0.0.1:8613/beacon.png)"
LINK = "[Click to re-verify](http://evil.example/login)"
STAGE = "가입 [상담](http://evil.example/s)"
CHANNEL = "<a href='http://evil.example'>ATM</a>"
TOUCHPOINT = "**본인인증** www.evil.example"
DIMENSION = "[지역](http://evil.example/r)"
COMMENT = "![x](http://evil.example/c.png) 상담원 **연결**이 느려요 www.evil.example"
STAGES = [STAGE, "이용", "해지 방어"]
CHANNELS = [CHANNEL, "앱", "고객센터"]
MARKDOWN = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success")
WIDGETS = ("multiselect", "selectbox", "button", "date_input", "download_button", "segmented_control",
           "file_uploader", "metric", "expander")


@pytest.fixture(scope="module")
def hostile_path(tmp_path_factory):
    """300 shuffled journeys whose persona, stage, channel, touchpoint, comment and one column name are markup."""
    rng = random.Random(18)
    rows = []
    for j in range(300):
        persona = [IMAGE, LINK, "직장인"][j % 3]
        t = dt.datetime(2026, 1, 1, 9) + dt.timedelta(hours=rng.randrange(24 * 90))
        for k, stage in enumerate(STAGES[: rng.randint(1, 3)]):
            rows.append({"journey_id": f"J{j:04d}", "timestamp": t + dt.timedelta(hours=3 * k), "stage": stage,
                         "channel": rng.choice(CHANNELS), "touchpoint": rng.choice([TOUCHPOINT, "앱 로그인"]),
                         "persona": persona, DIMENSION: rng.choice(["서울", "부산"]),
                         "satisfaction": rng.choice([1, 2, 3, 4, 5, None]),
                         "comment": rng.choice([COMMENT, "상담원 연결이 너무 느려요", None]),
                         "nps": rng.randint(0, 10) if k == 0 else None})
    rng.shuffle(rows)
    path = tmp_path_factory.mktemp("hostile") / "events.parquet"
    pl.DataFrame(rows).write_parquet(path)
    return path


def markdown_of(at) -> list[str]:
    """Every string the page hands Streamlit to draw as markdown: element bodies, labels and help texts."""
    out = []
    for kind in MARKDOWN:
        out += [e.value for e in at.get(kind) if isinstance(e.value, str)]
    for kind in WIDGETS:
        for e in at.get(kind):
            proto = getattr(e, "proto", None)
            out += [s for s in (getattr(proto, "label", None), getattr(proto, "help", None)) if isinstance(s, str)]
    return out


def assert_as_text(at, *visible: str) -> None:
    assert list(at.exception) == []
    strings = markdown_of(at)
    assert [(s, live_markup(s)) for s in strings if set(live_markup(s)) & set(LINKS)] == []
    seen = " ".join(shown(s) for s in strings)
    for value in visible:
        assert value in seen, value


ALL_PAGES = EVENT_PAGES  # a new page is checked too (the survey pages: tests/pages/test_survey_pages.py)


@pytest.mark.parametrize("page", ALL_PAGES)
def test_no_page_draws_a_link_or_an_image_from_the_data(app, hostile_path, page):
    at = app(hostile_path, page=page)
    assert_as_text(at, DIMENSION)  # the dimension filter's label, in the sidebar of every page


def test_personas_names_the_weakest_stage_of_each_persona_as_typed(app, hostile_path):
    at = app(hostile_path, page="personas.py")
    assert_as_text(at, IMAGE, LINK)
    lines = [shown(m.value) for m in at.markdown if IMAGE in shown(m.value) or LINK in shown(m.value)]
    assert len(lines) == 2  # one weakest-stage line per link-named persona


def test_a_link_value_the_data_does_not_have_is_warned_about_as_typed(app, hostile_path):
    at = app(hostile_path, persona=["[Session expired](https://evil.example)"], **{DIMENSION: ["<img src=x>"]})
    assert_as_text(at, "[Session expired](https://evil.example)")


def test_a_journey_named_in_the_link_is_shown_as_typed(app, hostile_path):
    at = app(hostile_path, page="journeys.py", journey="[Session expired](https://evil.example/j)")
    assert_as_text(at, "[Session expired](https://evil.example/j)")


NAME = "[Click](http://evil.example) ![b](http://127.0.0.1:8613/x.png).csv"
CSV = ("journey_id,timestamp,stage,channel,persona,nps\n"
       "J2,2026-03-01 09:10,가입,<a href='http://evil.example'>ATM</a>,![b](http://evil.example/p.png),3\n"
       "J1,2026-03-01 09:00,가입,앱,직장인,9\n"
       "J1,2026. 3. 1. 오후 2:05:00,이용,웹,직장인,\n").encode()


def test_an_uploads_file_name_is_shown_as_typed_in_banner_message_and_sidebar(app, hostile_path):
    at = app(hostile_path, page="upload.py")
    at.file_uploader[0].upload(NAME, CSV, "text/csv").run()
    assert at.session_state["dataset"].journeys == 2
    banner = [shown(i.value) for i in at.info if NAME in shown(i.value)]
    success = [shown(s.value) for s in at.success if NAME in shown(s.value)]
    sidebar = [shown(c.value) for c in at.sidebar.get("caption") if NAME in shown(c.value)]
    assert banner and success and sidebar
    assert_as_text(at, NAME)
    at.switch_page(str(PAGES / "personas.py")).run()
    assert_as_text(at, NAME, "![b](http://evil.example/p.png)")


def test_an_uploads_file_name_is_shown_as_typed_in_the_error_box(app, hostile_path):
    at = app(hostile_path, page="upload.py")
    at.file_uploader[0].upload("![x](http://evil.example/e.png).csv", b"", "text/csv").run()
    assert [shown(e.value) for e in at.error] == ["![x](http://evil.example/e.png).csv is empty."]
    assert_as_text(at)


def test_column_names_in_a_mapping_question_are_shown_as_typed(app, hostile_path):
    at = app(hostile_path, page="upload.py")
    # "<Date>" compares equal to "date" (case and punctuation ignored), so both could be the timestamp
    csv = b"journey_id,date,<Date>,stage,channel\nJ1,2026-03-01,2026-03-01,s,c\n"
    at.file_uploader[0].upload("ambiguous.csv", csv, "text/csv").run()
    assert_as_text(at, "<Date>")
    assert any("'<Date>'" in shown(w.value) for w in at.warning)


def test_an_error_in_the_browser_names_the_file_not_the_server_path(app, tmp_path):
    missing = tmp_path / "srv" / "cxlens" / "events.parquet"
    at = app(missing)
    errors = [shown(e.value) for e in at.error]
    assert errors == ["The data could not be opened: The data source events.parquet does not exist."]
    assert not any(str(tmp_path) in e.value or "/srv/" in e.value for e in at.error)


def test_an_unreadable_data_file_is_named_without_its_directory(app, tmp_path):
    broken = tmp_path / "data" / "events.parquet"
    broken.parent.mkdir()
    broken.write_bytes(b"PAR1 not really parquet PAR1")
    at = app(broken)
    assert len(at.error) == 1
    assert shown(at.error[0].value).startswith("The data could not be opened: Could not read events.parquet as Parquet")
    assert str(tmp_path) not in shown(at.error[0].value)

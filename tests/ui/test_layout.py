import polars as pl

from ui.layout import csv_bytes


def test_csv_cells_that_would_start_a_formula_are_neutralised():
    frame = pl.DataFrame({"touchpoint": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "본인인증", None],
                          "events": [-5, 1, 2, 3, 4, 5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == [
        "touchpoint,events", "'=HYPERLINK(\"\"x\"\")\",-5".replace("'=HYPERLINK(\"\"x\"\")\"", "\"'=HYPERLINK(\"\"x\"\")\""),
        "'+1,1", "'-2,2", "'@SUM(A1),3", "본인인증,4", ",5",
    ]


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_korean():
    assert csv_bytes(pl.DataFrame({"a": ["가"]})).startswith("\ufeff".encode())


def test_every_step_of_the_facts_pass_has_a_translated_progress_message(tmp_path):
    import datetime as dt

    import polars as pl

    from i18n import TEXT, Message
    from store import open_dataset

    path = tmp_path / "e.parquet"
    pl.DataFrame({"journey_id": ["j"], "timestamp": [dt.datetime(2025, 1, 1)], "stage": ["s"],
                  "channel": ["app"]}).write_parquet(path)
    seen = []
    open_dataset(path, progress=lambda fraction, message: seen.append((fraction, message)))
    assert [f for f, _ in seen] == sorted(f for f, _ in seen) and seen[-1][0] == 1.0
    assert all(isinstance(m, Message) for _, m in seen)
    assert [m.key for _, m in seen] == ["progress_read", "progress_journeys", "progress_handoffs", "progress_invalid",
                                        "progress_ready"]
    assert all(TEXT[m.key]["en"] and TEXT[m.key]["ko"] for _, m in seen)


def test_korean_date_ticks_are_numbers_with_korean_units_and_english_stays_plotlys():
    import datetime as dt

    import plotly.graph_objects as go

    from ui.layout import localise

    weeks = [dt.date(2025, 1, 6), dt.date(2025, 1, 13)]
    korean = localise(go.Figure(go.Scatter(x=weeks, y=[1, 2])), "ko")
    formats = [s.value for s in korean.layout.xaxis.tickformatstops]
    assert formats == ["%Y년 %-m월 %-d일", "%-m월 %-d일", "%Y년 %-m월", "%Y년"]
    assert all("%b" not in f and "%B" not in f for f in formats)  # no English month names
    english = localise(go.Figure(go.Scatter(x=weeks, y=[1, 2])), "en").layout.xaxis.tickformatstops
    assert [s.value for s in english] == ["%b %-d, %Y"]  # Plotly's own above a day; never a time of day below it
    assert all("%H" not in s.value for s in korean.layout.xaxis.tickformatstops + english)
    stages = localise(go.Figure(go.Bar(x=["인지", "가입"], y=[1, 2])), "ko")
    assert stages.layout.xaxis.tickformatstops == ()  # a category axis is left alone


def _chart_app():
    import plotly.graph_objects as go

    from ui import layout

    layout.chart(go.Figure(go.Bar(x=["a"], y=[1])), file_name="nps-by-week")


def test_every_chart_can_be_saved_as_png_with_one_toolbar_button():
    import json

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_chart_app).run(timeout=60)
    config = json.loads(at.get("plotly_chart")[0].proto.config)
    assert config["modeBarButtons"] == [["toImage"]]
    assert config["toImageButtonOptions"] == {"format": "png", "filename": "nps-by-week", "scale": 2}
    assert config.get("displayModeBar") is not False

import polars as pl

from ui.charts.journey_map import emotion_curve, funnel, heatmap
from ui.charts.style import colour_map


def test_a_value_keeps_its_colour_whatever_the_order_or_the_filter():
    one = colour_map({"channel": ["web", "app", "call"], "persona": ["p"]})
    two = colour_map({"channel": ["call", "web", "app"], "persona": ["p"]})
    assert one == two and len(set(one["channel"].values())) == 3


def test_low_sample_points_are_hollow_and_say_so_in_the_hover():
    frame = pl.DataFrame({"stage": ["s1", "s2"], "persona": [None, None], "ratings": [100, 5],
                          "mean_satisfaction": [4.0, 2.0], "csat": [80.0, 20.0]},
                         schema_overrides={"persona": pl.String})
    fig = emotion_curve(frame, ["s1", "s2"], {}, min_n=30)
    trace = fig.data[0]
    assert list(trace.x) == ["s1", "s2"]
    assert list(trace.marker.color) == ["#222222", "white"]
    assert list(trace.customdata) == ["n=100", "n=5 (n<30)"]


def test_low_sample_funnel_bars_are_hatched():
    frame = pl.DataFrame({"stage": ["s1", "s2"], "journeys": [100, 10], "reach_pct": [100.0, 10.0],
                          "drop_off_pct": [None, 90.0]})
    bar = funnel(frame, min_n=30).data[0]
    assert list(bar.marker.pattern.shape) == ["", "/"]
    assert list(bar.text) == ["100%", "10%<br>−90%"]


def test_an_optional_stage_is_pale_and_labelled_and_no_label_reads_minus_zero():
    frame = pl.DataFrame({"stage": ["s1", "문의", "s2", "s3"], "journeys": [1000, 300, 998, 900],
                          "reach_pct": [100.0, 30.0, 99.8, 90.0], "drop_off_pct": [None, None, 0.2, 9.8],
                          "optional": [False, True, False, False]})
    bar = funnel(frame, min_n=1).data[0]
    assert list(bar.text) == ["100%", "30%<br>(optional)", "100%<br>0%", "90%<br>\u221210%"]
    assert "+" not in "".join(bar.text)
    assert list(bar.marker.color) == ["#3969AC", "#B8C7DD", "#3969AC", "#3969AC"]


def test_persona_emotion_curves_are_small_multiples_with_all_journeys_behind_each():
    rows = [(s, p, 50, m) for p, base in ((None, 3.5), ("A", 3.0), ("B", 4.0), ("C", 2.5))
            for s, m in (("s1", base), ("s2", base + 0.5))]
    frame = pl.DataFrame(rows, schema={"stage": pl.String, "persona": pl.String, "ratings": pl.Int64,
                                       "mean_satisfaction": pl.Float64}, orient="row")
    fig = emotion_curve(frame, ["s1", "s2"], {"A": "#111111", "B": "#222223", "C": "#333333"}, min_n=30)
    assert [a.text for a in fig.layout.annotations] == ["A", "B", "C"]  # one panel per persona (long names wrap)
    assert len(fig.data) == 6 and [tr.name for tr in fig.data[1::2]] == ["A", "B", "C"]
    assert all(tr.name == "All" and list(tr.y) == [3.5, 4.0] for tr in fig.data[0::2])  # the reference
    assert [tr.xaxis for tr in fig.data[1::2]] == ["x", "x2", "x3"]
    assert list(fig.data[1].customdata) == ["n=50<br>\u22120.50 vs all journeys", "n=50<br>\u22120.50 vs all journeys"]
    assert list(fig.data[3].customdata)[0] == "n=50<br>+0.50 vs all journeys"


def test_named_groups_are_sorted_by_value_and_ordered_groups_keep_their_order():
    from ui.charts.channels import group_bars

    frame = pl.DataFrame({"channel": ["앱", "웹", "콜센터", "지점"], "csat": [60.0, 80.0, None, 70.0],
                          "ratings": [100, 100, 0, 100]})
    bars = group_bars(frame, "channel", "csat", "ratings", "CSAT", 30, order=["앱", "웹", "콜센터", "지점"],
                      horizontal=True).data[0]
    assert list(bars.y) == ["웹", "지점", "앱", "콜센터"]
    handoffs = pl.DataFrame({"handoff_group": ["0", "1", "2", "3+"], "nps": [10.0, -5.0, 20.0, -30.0],
                             "responses": [100] * 4})
    assert list(group_bars(handoffs, "handoff_group", "nps", "responses", "NPS", 30,
                           order=["0", "1", "2", "3+"]).data[0].x) == ["0", "1", "2", "3+"]


def test_heatmap_cells_with_few_ratings_carry_a_star():
    frame = pl.DataFrame({"stage": ["s1", "s1", "s2"], "channel": ["app", "web", "app"], "ratings": [40, 3, 50],
                          "mean_satisfaction": [4.25, 2.0, 3.5]})
    cell = heatmap(frame, ["s1", "s2"], ["app", "web"], min_n=30).data[0]
    assert [list(r) for r in cell.text] == [["4.2", "3.5"], ["2.0*", ""]]


def test_drivers_that_are_not_significant_get_no_quadrant_colour():
    import polars as pl

    from ui.charts import drivers as driver_charts

    table = pl.DataFrame({"stage": ["가입", "이용", "문의"], "importance": [50.0, 30.0, 20.0],
                          "coefficient": [1.2, 0.4, 0.1], "p_value": [0.001, 0.2, None],
                          "mean_satisfaction": [3.0, 4.0, 3.5], "n": [400, 300, 50],
                          "quadrant": ["fix_first", "keep_up", "monitor"]})
    labels = {q: q for q in driver_charts.QUADRANT_COLOURS}
    fig = driver_charts.importance_performance(table, labels, 30)
    by_name = {trace.name: list(trace.text) for trace in fig.data}
    assert by_name == {"fix_first": ["가입"], "Not significant (p ≥ 0.05)": ["문의", "이용"]}
    grey = next(tr for tr in fig.data if tr.name.startswith("Not significant"))
    assert grey.marker.line.color == driver_charts.NOT_SIGNIFICANT_COLOUR


def test_weekly_nps_has_its_own_axis_and_is_never_drawn_over_the_percentage_bars():
    import datetime as dt

    import polars as pl

    from ui.charts.nps import nps_trend

    weeks = [dt.date(2025, 1, 6), dt.date(2025, 1, 13)]
    frame = pl.DataFrame({"week": weeks, "promoters": [10, 20], "passives": [30, 20], "detractors": [60, 60],
                          "responses": [100, 100], "nps": [-50.0, -40.0]})
    fig = nps_trend(frame, 30, target=0.0)
    line = next(tr for tr in fig.data if tr.name == "NPS")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert {b.yaxis for b in bars} == {"y2"} and line.yaxis == "y"
    layout = fig.layout
    assert layout.yaxis.overlaying is None and layout.yaxis2.overlaying is None  # two panels, not a second axis
    top, bottom = layout.yaxis.domain, layout.yaxis2.domain
    assert bottom[1] < top[0]  # the bar panel lies wholly below the NPS panel
    assert tuple(layout.yaxis2.range) == (0, 100) and layout.yaxis.title.text == "NPS"
    assert [s.y0 for s in layout.shapes] == [0.0]  # the target line, on the NPS panel


def test_persona_durations_carry_their_unit_in_the_panel_title():
    from ui.charts.personas import persona_multiples

    kpis = pl.DataFrame({"persona": ["A", "B"], "nps": [10.0, -5.0], "responses": [50, 50], "csat": [60.0, 70.0],
                         "ratings": [50, 50], "ces": [5.0, 4.0], "ces_responses": [50, 50], "journeys": [60, 70],
                         "median_hours": [72.0, 96.0], "handoff_rate": [40.0, 50.0]})
    fig = persona_multiples(kpis, {}, 30)
    assert "Median duration (d)" in [a.text for a in fig.layout.annotations]
    durations = [tr for tr in fig.data if tr.xaxis == "x5"]
    assert [list(tr.y) for tr in durations] == [[3.0], [4.0]] and [list(tr.text) for tr in durations] == [["3.0"], ["4.0"]]


def _click_layers(fig):
    return [tr for tr in fig.data if tr.type == "scatter"]


def test_heatmap_cells_are_clickable_through_an_invisible_layer_that_keeps_the_hover_and_the_raw_values():
    frame = pl.DataFrame({"stage": ["가입", "가입", "이용"], "channel": ["앱", "a & b", "앱"], "ratings": [40, 3, 50],
                          "mean_satisfaction": [4.25, 2.0, 3.5]})
    fig = heatmap(frame, ["가입", "이용"], ["앱", "a & b"], min_n=30)
    assert fig.data[0].type == "heatmap" and fig.data[0].hoverinfo == "skip"  # the layer above says it instead
    cells, blank = _click_layers(fig)
    for layer in (cells, blank):
        assert layer.marker.opacity == 0 and layer.selected.marker.opacity == 0
        assert layer.unselected.marker.opacity == 0
    # row by row (channels), stages in order; labels and values as label text (ui.drill unescapes them)
    assert list(cells.x) == ["가입", "이용", "가입"] and list(cells.y) == ["앱", "앱", "a &amp; b"]
    assert [list(c) for c in cells.customdata] == [
        ["가입", "앱", "4.25", "n=40"], ["이용", "앱", "3.50", "n=50"], ["가입", "a &amp; b", "2.00", "n=3 (n<30)"]]
    assert cells.hovertemplate == ("%{x} · %{y}<br>Mean satisfaction (1–5): %{customdata[2]}<br>%{customdata[3]}"
                                   "<extra></extra>")
    # the blank cell (이용 · a & b) has a marker too, or its neighbour's hover would show there; it says nothing
    assert (list(blank.x), list(blank.y), blank.customdata) == (["이용"], ["a &amp; b"], None)
    assert blank.hovertemplate == "<extra></extra>"
    assert fig.layout.hoverdistance == -1  # a click anywhere in a cell reaches its marker


def test_handoff_cells_open_their_journeys_only_when_someone_took_the_handoff():
    from ui.charts.channels import handoff_heatmap

    matrix = pl.DataFrame({"from_channel": ["앱", "웹", "콜센터"], "앱": [0, 0, 7], "웹": [2, 0, 0], "콜센터": [3, 0, 0]})
    cells, diagonal = _click_layers(handoff_heatmap(matrix))
    assert [list(c) for c in cells.customdata] == [
        ["앱", "웹", "2"], ["앱", "콜센터", "3"], ["", "", "0"], ["", "", "0"], ["콜센터", "앱", "7"], ["", "", "0"]]
    assert list(zip(cells.y, cells.x, strict=True))[2] == ("웹", "앱")  # n=0 in its hover, but it opens nothing
    assert "n=%{customdata[2]}" in cells.hovertemplate
    assert list(zip(diagonal.y, diagonal.x, strict=True)) == [("앱", "앱"), ("웹", "웹"), ("콜센터", "콜센터")]


def test_each_driver_point_carries_its_stage_first_for_a_click():
    from ui.charts import drivers as driver_charts

    table = pl.DataFrame({"stage": ["가입", "이용"], "importance": [50.0, 30.0], "coefficient": [1.2, 0.4],
                          "p_value": [0.001, 0.002], "mean_satisfaction": [3.0, 4.0], "n": [400, 300],
                          "quadrant": ["fix_first", "keep_up"]})
    fig = driver_charts.importance_performance(table, {q: q for q in driver_charts.QUADRANT_COLOURS}, 30)
    assert {tr.customdata[0][0]: list(tr.text) for tr in fig.data} == {"가입": ["가입"], "이용": ["이용"]}
    assert all(tr.hovertemplate.count("customdata[1]:+.2f") == 1 for tr in fig.data)


def test_keyword_values_sit_beside_their_bars_at_a_readable_size_with_room_on_the_axis():
    from ui.charts.voc import VALUE_FONT, keyword_bars, rising_bars

    words = pl.DataFrame({"keyword": ["수수료", "공동인증서", "앱"], "share": [17.6, 9.5, None],
                          "nps": [-64.0, None, 10.0]})
    for fig in (keyword_bars(words, "share", "% of comments", nps_colour=True), keyword_bars(words, "share", "%")):
        bar = fig.data[0]
        assert (bar.textposition, bar.textfont.size, bar.constraintext) == ("outside", VALUE_FONT, "none")
        assert list(bar.text) == ["17.6", "9.5", "–"] and fig.layout.yaxis.tickfont.size == VALUE_FONT
        assert fig.layout.xaxis.range[0] == 0 and fig.layout.xaxis.range[1] > 17.6 * 1.1  # room for "17.6"
    z = keyword_bars(pl.DataFrame({"keyword": ["a", "b"], "z": [-3.0, 5.0]}), "z", "z")
    assert z.layout.xaxis.range[0] < -3.0 and z.layout.xaxis.range[1] > 5.0  # a negative value's label fits too
    rising = rising_bars(pl.DataFrame({"keyword": ["개편"], "current": [25.3], "previous": [0.0],
                                       "current_comments": [30], "previous_comments": [0]}), "before", "now")
    assert {(b.textfont.size, b.constraintext) for b in rising.data} == {(VALUE_FONT, "none")}


def test_many_category_names_on_an_x_axis_may_turn_where_they_would_overlap():
    from ui.charts.duration import boxes
    from ui.charts.voc import keyword_heatmap

    spans = pl.DataFrame({"persona": ["금융 거래가 활발한 비즈니스맨", "현금을 사용하는 가정 주부"], "n": [90, 60],
                          "p10": [0.5, 0.5], "q1": [2.0, 2.0], "median": [10.0, 9.0], "q3": [30.0, 28.0],
                          "p90": [100.0, 90.0]})
    shares = pl.DataFrame({"stage": ["본인인증", "재이용"], "keyword": ["수수료", "앱"], "comments": [5, 7],
                           "group_comments": [50, 70], "share": [10.0, 10.0]})
    for fig in (boxes(spans, "persona", "hours", 30), keyword_heatmap(shares, "stage", ["수수료", "앱"],
                                                                        ["본인인증", "재이용"])):
        assert fig.layout.xaxis.tickangle is None  # Plotly's "auto": level on a desktop, turned on a phone
    assert boxes(spans, "persona", "hours", 30).data[1].customdata[0][6] == "금융 거래가 활발한 비즈니스맨"


def test_a_duration_boxs_hover_says_every_quantile_in_the_unit_of_the_larger_ones():
    from ui.charts import duration as duration_charts

    boxes = pl.DataFrame({"stage": ["가입", "이용"], "n": [40, 40], "p10": [0.02, 0.5], "q1": [2.0, 1.0],
                          "median": [14.0, 3.0], "q3": [40.0, 6.0], "p90": [97.0, 20.0]})
    fig = duration_charts.boxes(boxes, "stage", "h", 30, order=["가입", "이용"])
    long, short = (trace.customdata[0][:5] for trace in fig.data if trace.type == "scatter")
    # the median was "14.0 h" beside a p90 of "4.0 d", and p10 "1 min"
    assert list(long) == ["< 0.1 d", "0.1 d", "0.6 d", "1.7 d", "4.0 d"]
    assert list(short) == ["0.5 h", "1.0 h", "3.0 h", "6.0 h", "20.0 h"]


def test_the_handoff_matrix_names_its_rows_level_over_the_row_labels_not_sideways_on_the_axis():
    import i18n
    from ui.charts.channels import handoff_heatmap

    matrix = pl.DataFrame({"from_channel": ["앱", "웹"], "앱": [0, 4], "웹": [3, 0]})
    previous = i18n._language_source
    i18n.use_language_source(lambda: "ko")
    try:
        fig = handoff_heatmap(matrix)
    finally:
        i18n.use_language_source(previous)
    assert fig.layout.yaxis.title.text is None  # a y-axis title is drawn turned by 90°
    (row_title,) = [a for a in fig.layout.annotations if a.text == "출발 채널 ↓"]
    assert row_title.textangle in (None, 0) and (row_title.x, row_title.y, row_title.xanchor) == (0, 1, "right")
    assert fig.layout.xaxis.title.text == "도착 채널" and fig.layout.xaxis.side == "top"

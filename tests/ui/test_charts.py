import polars as pl

from ui.charts import colour_map, emotion_curve, funnel, heatmap


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


def test_a_stage_that_gains_journeys_is_labelled_with_a_plus():
    frame = pl.DataFrame({"stage": ["s1", "s2"], "journeys": [30, 40], "reach_pct": [30.0, 40.0],
                          "drop_off_pct": [None, -33.3]})
    assert list(funnel(frame, min_n=1).data[0].text) == ["30%", "40%<br>+33%"]


def test_heatmap_cells_with_few_ratings_carry_a_star():
    frame = pl.DataFrame({"stage": ["s1", "s1", "s2"], "channel": ["app", "web", "app"], "ratings": [40, 3, 50],
                          "mean_satisfaction": [4.25, 2.0, 3.5]})
    cell = heatmap(frame, ["s1", "s2"], ["app", "web"], min_n=30).data[0]
    assert [list(r) for r in cell.text] == [["4.2", "3.5"], ["2.0*", ""]]


def test_drivers_that_are_not_significant_get_no_quadrant_colour():
    import polars as pl

    from ui import charts

    table = pl.DataFrame({"stage": ["가입", "이용", "문의"], "importance": [50.0, 30.0, 20.0],
                          "coefficient": [1.2, 0.4, 0.1], "p_value": [0.001, 0.2, None],
                          "mean_satisfaction": [3.0, 4.0, 3.5], "n": [400, 300, 50],
                          "quadrant": ["fix_first", "keep_up", "monitor"]})
    labels = {q: q for q in charts.QUADRANT_COLOURS}
    fig = charts.importance_performance(table, labels, 30)
    by_name = {trace.name: list(trace.text) for trace in fig.data}
    assert by_name == {"fix_first": ["가입"], "Not significant (p ≥ 0.05)": ["문의", "이용"]}
    grey = next(tr for tr in fig.data if tr.name.startswith("Not significant"))
    assert grey.marker.line.color == charts.NOT_SIGNIFICANT_COLOUR

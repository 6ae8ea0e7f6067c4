from ui.charts import wrap
from ui.drill import Drill, _label_value, parse, to_params
from ui.text import plot


def test_a_chart_label_reads_back_as_the_data_value_it_was_made_from():
    for value in ("모바일 앱", "a & b <i>x</i>", "인터넷 뱅킹 고객 센터 상담"):
        assert _label_value(plot(value)) == value
        assert _label_value(wrap(value, 4)) == value


def test_a_drill_round_trips_through_the_url_and_incomplete_ones_are_none():
    path = Drill("stage", values=("가입", "개통"))
    edge = Drill("channel", start="앱", end="콜센터")
    for drill in (path, edge):
        params = to_params(drill, "J1")
        assert parse({k: v if isinstance(v, list) else [v] for k, v in params.items()}) == (drill, "J1")
    assert parse({"drill_kind": ["touchpoint"], "drill_path": ["a"]}) == (None, None)
    assert parse({"drill_kind": ["stage"], "drill_from": ["a"]}) == (None, None)
    assert parse({"drill_kind": ["stage"], "drill_path": [""], "journey": ["J9"]}) == (None, "J9")

from ui.charts.style import wrap
from ui.drill import Drill, _label_value, parse, to_params
from ui.text import plot


def test_a_chart_label_reads_back_as_the_data_value_it_was_made_from():
    for value in ("모바일 앱", "a & b <i>x</i>", "인터넷 뱅킹 고객 센터 상담", "공동인증서로그인", "customer_service"):
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


def test_a_clicked_cell_gives_the_values_its_customdata_carries_and_a_blank_cell_gives_none():
    from ui.drill import clicked_values

    cell = {"x": "가입", "y": "모바일 앱", "customdata": ["가입", "모바일 앱", "3.94", "n=2,622"]}
    assert clicked_values([cell], ("stage", "channel")) == (("stage", "가입"), ("channel", "모바일 앱"))
    assert clicked_values([cell], ("stage",)) == (("stage", "가입"),)
    assert clicked_values([{"x": "a", "y": "b", "customdata": ["", ""]}], ("stage", "channel")) == ()
    assert clicked_values([{"x": "a", "y": "b"}], ("stage", "channel")) == ()  # a bar without values
    assert clicked_values([{"customdata": ["가입"]}], ("stage", "channel")) == ()  # one value for two filters
    assert clicked_values([], ("stage",)) == ()
    escaped = {"customdata": [plot("<b>가입</b>"), plot("a & b<br>")]}  # label text, as the charts carry values
    assert clicked_values([escaped], ("stage", "channel")) == (("stage", "<b>가입</b>"), ("channel", "a & b<br>"))


def test_the_notice_names_every_filter_a_click_set_in_both_languages_and_shows_values_as_typed():
    from ui.drill import notice_text

    both = (("stage", "가입"), ("channel", "모바일 앱"))
    assert notice_text(both, "en") == "Filtered to Stage 가입 and Channel 모바일 앱 by a click on a chart."
    assert notice_text(both, "ko") == "차트 클릭으로 단계 가입, 채널 모바일 앱(으)로 필터링했습니다."
    assert notice_text((("stage", "가입"),), "en") == "Filtered to Stage 가입 by a click on a chart."
    assert "**" not in notice_text((("channel", "**앱**"),), "en")  # a value is text, not markdown


def test_a_table_key_changes_with_the_filters_so_a_new_selection_starts_without_a_ticked_row():
    from store import Filters
    from ui.drill import list_key

    one, two = Filters.make(stage=["가입"]), Filters.make(stage=["이용"])
    assert list_key(one, prefix="journey_map.pains") == list_key(Filters.make(stage=["가입"]), prefix="journey_map.pains")
    assert list_key(one, prefix="journey_map.pains") != list_key(two, prefix="journey_map.pains")
    assert list_key(one, prefix="journey_map.pains").startswith("journey_map.pains.")
    assert list_key(one).startswith("journeys.list.")

import datetime as dt

from store import Filters
from ui.state import parse_query, query_string_values

D = dt.date
OPTIONS = {"persona": ["a", "b"], "channel": ["app", "web"], "stage": ["s1", "s2"], "plan": ["x"],
           "dates": [D(2025, 1, 1), D(2025, 12, 31)]}


def test_repeated_keys_select_several_values_once_each():
    values, warnings = parse_query({"channel": ["web", "app", "web"]}, OPTIONS, ["plan"])
    assert values["channel"] == ["web", "app"] and warnings == []


def test_a_value_the_data_does_not_have_is_dropped_with_a_warning():
    values, warnings = parse_query({"persona": ["a", "zz"], "plan": ["y"]}, OPTIONS, ["plan"])
    assert values["persona"] == ["a"] and values["plan"] == []
    assert warnings == [("warn_unknown_value", {"param": "persona", "value": "zz"}),
                        ("warn_unknown_value", {"param": "plan", "value": "y"})]


def test_a_malformed_date_is_ignored_with_a_warning():
    values, warnings = parse_query({"since": ["2025-02-30"], "until": ["2025-03-01"]}, OPTIONS, [])
    assert values["since"] is None and values["until"] == D(2025, 3, 1)
    assert warnings == [("warn_bad_date", {"param": "since", "value": "2025-02-30"})]


def test_a_date_outside_the_data_is_clamped_to_it_with_a_warning():
    values, warnings = parse_query({"since": ["2024-06-01"]}, OPTIONS, [])
    assert values["since"] == D(2025, 1, 1)
    assert warnings[0][0] == "warn_date_clamped" and warnings[0][1]["used"] == D(2025, 1, 1)


def test_a_start_after_the_end_is_swapped_with_a_warning():
    values, warnings = parse_query({"since": ["2025-05-01"], "until": ["2025-04-01"]}, OPTIONS, [])
    assert (values["since"], values["until"]) == (D(2025, 4, 1), D(2025, 5, 1))
    assert warnings == [("warn_swapped", {"since": D(2025, 4, 1), "until": D(2025, 5, 1)})]


def test_parameters_that_are_not_filters_are_ignored():
    values, warnings = parse_query({"lang": ["ko"], "utm_source": ["mail"]}, OPTIONS, ["plan"])
    assert warnings == [] and values == {"since": None, "until": None, "persona": [], "channel": [], "stage": [],
                                         "plan": [], "keyword": [], "path_contains": ""}


def test_the_url_of_a_selection_lists_only_what_is_set():
    f = Filters.make(since=D(2025, 3, 1), persona=["b", "a"], dims={"plan": ["x"]})
    assert query_string_values(f, "en") == {"since": "2025-03-01", "persona": ["a", "b"], "plan": ["x"]}
    assert query_string_values(Filters(), "ko") == {"lang": "ko"}


def test_a_url_read_back_gives_the_same_selection():
    f = Filters.make(since=D(2025, 3, 1), until=D(2025, 3, 9), channel=["web"], stage=["s2", "s1"],
                     dims={"plan": ["x"]}, path_contains=["s2", "s1"])
    url = {k: [v] if isinstance(v, str) else v for k, v in query_string_values(f, "en").items()}
    values, warnings = parse_query(url, OPTIONS, ["plan"])
    dims = {"plan": values.pop("plan")}
    assert warnings == [] and Filters.make(dims=dims, **values) == f


def test_any_word_in_the_url_is_a_keyword_once_and_at_most_twenty():
    values, warnings = parse_query({"keyword": [" 수수료 ", "수수료", "", *[f"w{i}" for i in range(30)]]}, OPTIONS, [])
    assert warnings == []
    assert values["keyword"][:2] == ["수수료", "w0"] and len(values["keyword"]) == 20
    f = Filters.make(keyword=["수수료", "개편"])
    assert query_string_values(f, "en") == {"keyword": ["개편", "수수료"]}


def test_a_path_sequence_goes_into_the_url_in_order_and_comes_back_trimmed():
    f = Filters.make(path_contains=["앱", "콜센터"])
    assert query_string_values(f, "en") == {"path_contains": "앱>콜센터"}
    values, _ = parse_query({"path_contains": [" 앱 >> 콜센터 "]}, OPTIONS, [])
    assert values["path_contains"] == "앱>콜센터"
    assert Filters.make(path_contains=values["path_contains"]) == f

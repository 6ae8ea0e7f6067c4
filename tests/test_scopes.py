"""The access file read and checked, and each signed-in user's scope (hosting/scopes.py), without Streamlit."""

import dataclasses

import pytest

from hosting.scopes import ALL, Access, describe, parse, read, resolve, table, unknown_dimensions
from store.filters import NOTHING, Filters
from tests.support.scoped import ACCESS_TOML, write_access


@pytest.fixture
def config(tmp_path):
    found, problems = read(write_access(tmp_path / "access.toml"))
    assert problems == []
    return found


def test_the_example_file_gives_each_user_their_scope(config):
    assert resolve(config, "all@bank.co.kr") == Access("user", ALL, "users")
    assert resolve(config, "Seoul@Bank.co.kr") == Access("user", (("region", ("서울",)),), "users")
    assert resolve(config, "call@bank.co.kr").scope == (("channel", ("콜센터",)), ("persona", ("X",)))


def test_admins_by_email_or_by_group_see_everything(config):
    assert resolve(config, "boss@bank.co.kr") == Access("admin", ALL, "admins")
    assert resolve(config, "someone@bank.co.kr", ["cx-admins"]).role == "admin"


def test_a_user_without_an_entry_or_a_known_group_has_no_scope(config):
    assert resolve(config, "stranger@bank.co.kr") == Access("none", None)
    assert resolve(config, "stranger@bank.co.kr", ["marketing"]).scope is None
    assert resolve(config, None).role == "none"


def test_a_group_gives_its_scope_and_an_email_entry_wins_over_it(config):
    assert resolve(config, "kim@bank.co.kr", ["busan-team"]).scope == (("region", ("부산",)),)
    assert resolve(config, "seoul@bank.co.kr", ["busan-team"]).scope == (("region", ("서울",)),)


def test_several_groups_on_the_same_dimension_pool_their_values_and_on_different_ones_all_apply():
    config, _ = parse({"groups": {"a": {"region": ["서울"]}, "b": {"region": ["부산"]}, "c": {"channel": ["콜센터"]},
                                  "d": {"all": True}}})
    assert resolve(config, "x@b.kr", ["a", "b"]).scope == (("region", ("부산", "서울")),)
    assert resolve(config, "x@b.kr", ["a", "c"]).scope == (("channel", ("콜센터",)), ("region", ("서울",)))
    assert resolve(config, "x@b.kr", ["a", "d"]).scope == ALL


@pytest.mark.parametrize(("raw", "english"), [
    ({"admin": ["a@b.kr"]}, "The access file has an unknown key admin (known keys: admins, admin_groups, users, "
                            "groups)."),
    ({"admins": "a@b.kr"}, "In the access file, admins must be a list of names in quotes."),
    ({"admins": ["boss"]}, "In the access file, admins has boss, which is not an e-mail address."),
    ({"users": {"kim": {"all": True}}}, 'In the access file, users."kim" has kim, which is not an e-mail address.'),
    ({"users": {"k@b.kr": {"all": "yes"}}}, 'In the access file, users."k@b.kr".all can only be true (to see all '
                                            'the data).'),
    ({"users": {"k@b.kr": {"all": True, "region": ["서울"]}}},
     'In the access file, users."k@b.kr" has both all = true and values: keep one.'),
    ({"groups": {"g": {}}}, 'In the access file, groups."g" is empty: give values (e.g. region = ["Seoul"]) or '
                            'all = true.'),
    ({"groups": {"g": {"region": "서울"}}}, 'In the access file, groups."g".region must be a non-empty list of '
                                           'values in quotes.'),
    ({"groups": {"g": {"since": ["2025-01-01"]}}},
     'In the access file, groups."g".since is not a column a scope can limit (use persona, channel, stage or a '
     'column of the data).'),
    ({"groups": ["g"]}, "In the access file, groups must be a table ([groups])."),
])
def test_each_problem_is_one_sentence_naming_the_key(raw, english):
    config, problems = parse(raw)
    assert config is None
    assert [str(p) for p in problems] == [english]
    assert problems[0].text("ko") != english  # and has its Korean


def test_every_problem_of_a_file_is_listed_not_only_the_first():
    _, problems = parse({"admins": ["boss"], "groups": {"g": {}}, "colour": 1})
    assert [p.key for p in problems] == ["access_unknown_key", "access_not_email", "access_empty_scope"]


def test_a_file_that_is_not_toml_names_its_line(tmp_path):
    path = tmp_path / "access.toml"
    path.write_text('admins = ["a@b.kr"]\n\n[users."k@b.kr"\nregion = ["서울"]\n', encoding="utf-8")
    _, problems = read(path)
    assert [str(p) for p in problems] == [f"The access file {path} is not valid TOML at line 3."]


def test_a_missing_file_says_so(tmp_path):
    _, problems = read(tmp_path / "nope.toml")
    assert [p.key for p in problems] == ["access_file_missing"]


def test_the_admins_table_lists_who_has_what(config):
    rows = table(config)
    assert {"who": "boss@bank.co.kr", "kind": "admin", "scope": "all"} in rows
    assert {"who": "seoul@bank.co.kr", "kind": "user", "scope": "region=서울"} in rows
    assert {"who": "call@bank.co.kr", "kind": "user", "scope": "channel=콜센터; persona=X"} in rows
    assert {"who": "busan-team", "kind": "group", "scope": "region=부산"} in rows


def test_describe_and_unknown_dimensions():
    assert describe(None) == "none" and describe(ALL) == "all"
    assert unknown_dimensions((("region", ("서울",)), ("branch", ("강남",))), ("region",)) == ["branch"]
    assert unknown_dimensions((("persona", ("X",)), ("channel", ("앱",))), ()) == []


def test_the_example_in_the_docs_is_a_valid_file():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "access.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    import tomllib

    config, problems = parse(tomllib.loads(example))
    assert problems == [] and config.users and config.groups
    assert ACCESS_TOML.strip()  # the tests' own file is the smaller one


# --- scoped Filters: what the store applies


SCOPE = {"region": ["서울"], "channel": ["콜센터"], "persona": ["X"]}


def test_a_scope_fills_unset_dimensions_and_keeps_only_allowed_chosen_values():
    f = Filters.make(persona=["X", "Y"], dims={"region": ["부산"]}).within(SCOPE)
    assert f.persona == ("X",)
    assert f.channel == ("콜센터",)
    assert dict(f.dims)["region"] == (NOTHING,)


def test_no_replace_of_a_scoped_filters_can_drop_the_scope():
    f = Filters.make().within(SCOPE)
    wider = dataclasses.replace(f, persona=(), channel=(), dims=(), stage=())
    assert (wider.persona, wider.channel, dict(wider.dims)["region"]) == (("X",), ("콜센터",), ("서울",))
    assert dataclasses.replace(f, channel=("모바일 앱",)).channel == (NOTHING,)


def test_a_second_scope_narrows_the_first_and_never_widens_it():
    f = Filters.make().within({"region": ["서울", "부산"]}).within({"region": ["부산", "대구"]})
    assert dict(f.dims)["region"] == ("부산",)
    g = Filters.make().within({"region": ["서울"]}).within({"region": ["부산"]})
    assert dict(g.dims)["region"] == (NOTHING,)


def test_the_empty_scope_changes_nothing():
    f = Filters.make(persona=["Y"])
    assert f.within(ALL) == f and f.within(None) == f

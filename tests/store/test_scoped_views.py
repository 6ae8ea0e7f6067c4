"""Three scoped users on the bank fixture: figures equal those of the data filtered to the scope by hand, exports hold
only scoped rows, and no hostile selection or link widens a scope."""

from __future__ import annotations

import dataclasses
import itertools
import json

import polars as pl
import pytest

import report
from figures import executive
from figures.journeys import episode_with_others
from figures.overview import headline, relaxations
from store import Filters, open_dataset
from store import queries as q
from store.filters import NOTHING
from tests.support import scoped
from ui.state import parse_query

ALL, SEOUL, CALL = {}, {"region": ["서울"]}, {"channel": ["콜센터"], "persona": ["X"]}
KPIS = ("journeys", "nps", "nps_responses", "median_journey_hours", "p90_journey_hours", "handoff_rate")


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scoped")
    frame = scoped.events()
    return frame, open_dataset(scoped.write(folder / "events.parquet", frame)), folder


def _journey_file(folder, frame: pl.DataFrame, name: str, keep: pl.Expr):
    """The journeys ``keep`` selects, every touchpoint of them, as their own dataset (the by-hand scope)."""
    ids = frame.filter(keep)["journey_id"].unique()
    return open_dataset(scoped.write(folder / f"{name}.parquet", frame.filter(pl.col("journey_id").is_in(ids.to_list()))))


def _close(a, b):
    return a == pytest.approx(b) if isinstance(a, float) else a == b


def test_the_all_scope_sees_the_whole_data(fixture):
    frame, ds, _ = fixture
    assert headline(ds, Filters().within(ALL)) == headline(ds, Filters())
    assert q.totals(ds, Filters().within(ALL)) == {"events": frame.height, "journeys": 240}


def test_the_seoul_scope_equals_the_seoul_journeys_by_hand(fixture):
    frame, ds, folder = fixture
    mine = headline(ds, Filters().within(SEOUL))
    by_hand = headline(_journey_file(folder, frame, "seoul", pl.col("region") == "서울"), Filters())
    assert mine["events"] == frame.filter(pl.col("region") == "서울").height
    for key in (*KPIS, "events", "csat", "ces"):
        assert _close(mine[key], by_hand[key]), key
    assert mine["stages"] == by_hand["stages"] and mine["handoffs"] == by_hand["handoffs"]


def test_the_call_centre_x_scope_equals_its_touchpoints_and_journeys_by_hand(fixture):
    frame, ds, folder = fixture
    mine = headline(ds, Filters().within(CALL))
    touched = (pl.col("channel") == "콜센터") & (pl.col("persona") == "X")
    journeys = _journey_file(folder, frame, "call", touched)
    by_hand = headline(journeys, Filters())
    for key in KPIS:  # journey figures: the X journeys that touched the call centre
        assert _close(mine[key], by_hand[key]), key
    calls = frame.filter(touched)  # touchpoint figures: their call-centre touchpoints only
    assert mine["events"] == calls.height
    assert mine["csat"] == pytest.approx(100 * (calls["satisfaction"] >= 4).mean())
    answers = frame.filter(pl.col("journey_id").is_in(calls["journey_id"].unique().to_list()) & pl.col("nps").is_not_null())
    nps = 100 * ((answers["nps"] >= 9).mean() - (answers["nps"] <= 6).mean())
    assert mine["nps"] == pytest.approx(nps) and mine["nps_responses"] == answers.height


def _allowed(frame: pl.DataFrame, scope: dict) -> tuple[set[str], pl.Expr]:
    """The journeys and the touchpoint condition a scope allows, computed by hand."""
    cond = pl.lit(True)
    for name, values in scope.items():
        cond = cond & pl.col(name).is_in(values)
    return set(frame.filter(cond)["journey_id"].unique().to_list()), cond


HOSTILE = [
    {}, {"region": ["부산"]}, {"region": ["서울", "부산"]}, {"region": ["대구"], "persona": ["Y"]},
    {"channel": ["모바일 앱"]}, {"channel": ["콜센터", "영업점"]}, {"persona": ["Y", "Z"]}, {"persona": ["X"]},
    {"stage": ["가입"]}, {"region": ["서울"]}, {"region": ["'; DROP TABLE x; --"]}, {"region": [NOTHING]},
    {"region": ["서울 "]}, {"region": ["%"]}, {"region": ["*"]}, {"persona": [""]}, {"since": ["2000-01-01"]},
    {"until": ["2099-12-31"]}, {"since": ["2025-03-01"], "until": ["2025-01-01"]}, {"keyword": ["친절"]},
    {"keyword": ["' OR 1=1 --"]}, {"path_contains": ["인지>가입"]}, {"path_contains": [">"]},
    {"scope": ["all"]}, {"dims": ["region"]}, {"region[]": ["부산"]}, {"Region": ["부산"]},
    {"channel": ["콜센터"], "region": ["부산"]}, {"persona": ["X"], "channel": ["모바일 앱"]},
    {"persona": ["X", "Y", "Z"], "channel": ["콜센터", "모바일 앱", "영업점"], "region": list(scoped.REGIONS)},
    {"stage": ["인지", "가입", "이용"]}, {"age_band": ["20대"]}, {"lang": ["ko"], "region": ["부산"]},
    {"personas": ["auto"], "persona": ["Y"]}, {"drill_kind": ["channel"], "drill_path": ["모바일 앱"]},
    {"journey": ["J0001"]}, {"region": ["부산"] * 50}, {"channel": ["\u1100"]}, {"persona": ["x"]},
    {"since": ["not a date"], "region": ["대구"]}, {"until": ["2025-02-01"], "channel": ["영업점"]},
]


@pytest.mark.parametrize("scope", [SEOUL, CALL], ids=["seoul", "call-centre-X"])
def test_no_hostile_link_or_selection_widens_the_scope(fixture, scope):
    frame, ds, _ = fixture
    journeys_ok, touch_ok = _allowed(frame, scope)
    options = q.filter_options(ds)
    assert len(HOSTILE) >= 40
    for params in HOSTILE:
        values, _ = parse_query(params, options, ds.dims)
        chosen = {k: v for k, v in values.items() if k in ("persona", "channel", "stage")}
        f = Filters.make(since=values["since"], until=values["until"], dims={c: values[c] for c in ds.dims},
                         keyword=values["keyword"], path_contains=values["path_contains"], **chosen).within(scope)
        for g in (f, *(dataclasses.replace(f, **{n: ()}) for n in ("persona", "channel", "stage", "dims"))):
            listed = set(q.journeys(ds, g)["journey_id"].to_list())
            assert listed <= journeys_ok, params
            touched = q.touchpoints(ds, g, ["journey_id", "channel", "persona", "region"])
            assert touched.filter(~touch_ok).height == 0, params
        relaxations(ds, f)  # the "remove this filter" hint counts inside the scope too
    assert all(set(q.journeys(ds, dataclasses.replace(Filters().within(scope), **{n: ()}))["journey_id"])
               == journeys_ok for n in ("persona", "channel", "dims"))


@pytest.mark.parametrize("scope", [SEOUL, CALL], ids=["seoul", "call-centre-X"])
def test_every_export_holds_only_scoped_rows(fixture, scope):
    frame, ds, _ = fixture
    journeys_ok, touch_ok = _allowed(frame, scope)
    f = Filters().within(scope)
    events = q.touchpoints(ds, f)
    assert events.height == frame.filter(touch_ok).height
    assert set(events["journey_id"]) <= journeys_ok
    detractors = executive.detractors(ds, f)
    assert detractors.height > 0 and set(detractors["journey_id"]) <= journeys_ok
    everyone = set(executive.detractors(ds, Filters())["journey_id"])
    assert set(detractors["journey_id"]) == everyone & journeys_ok


def test_an_episode_outside_the_scope_is_refused_and_inside_it_lists_only_scoped_journeys(fixture):
    frame, ds, _ = fixture
    seoul = frame.filter(pl.col("region") == "서울")["journey_id"][0]
    busan = frame.filter(pl.col("region") == "부산")["journey_id"][0]
    assert episode_with_others(ds, busan, Filters().within(SEOUL))["refused"]
    assert episode_with_others(ds, busan, Filters().within(SEOUL))["events"].height == 0
    opened = episode_with_others(ds, seoul, Filters().within(SEOUL))
    assert not opened["refused"] and opened["events"].height > 0
    regions = dict(frame.select("journey_id", "region").unique().iter_rows())
    assert {regions[j] for j in opened["others"]["journey_id"]} <= {"서울"}
    assert not episode_with_others(ds, busan)["refused"]  # unscoped: as before


@pytest.fixture
def access_file(tmp_path, monkeypatch):
    path = scoped.write_access(tmp_path / "access.toml")
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(path))
    monkeypatch.setenv("CXLENS_DATABASE_URL", f"sqlite:///{tmp_path / 'loop.sqlite'}")
    return path


def _report(capsys, *argv) -> tuple[int, str, str]:
    code = report.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("email", "scope"), [("all@bank.co.kr", ALL), ("seoul@bank.co.kr", SEOUL),
                                             ("call@bank.co.kr", CALL)])
def test_report_as_a_user_computes_what_they_see(fixture, access_file, capsys, email, scope):
    frame, ds, folder = fixture
    data = str(folder / "events.parquet")
    code, out, _ = _report(capsys, data, "--as", email, "--format", "json")
    assert code == 0
    mine = json.loads(out)
    expected = headline(ds, Filters().within(scope))
    for key in (*KPIS, "events"):
        assert _close(mine[key], expected[key]), key


def test_report_as_writes_scoped_detractors_and_the_audit_trail_records_it(fixture, access_file, capsys, tmp_path):
    frame, ds, folder = fixture
    out_csv = tmp_path / "detractors.csv"
    code, _, _ = _report(capsys, str(folder / "events.parquet"), "--as", "seoul@bank.co.kr", "--detractors",
                         str(out_csv), "--format", "json")
    assert code == 0
    written = pl.read_csv(out_csv)
    journeys_ok, _ = _allowed(frame, SEOUL)
    assert written.height > 0 and set(written["journey_id"]) <= journeys_ok
    trail_csv = tmp_path / "audit.csv"
    assert _report(capsys, "--audit-out", str(trail_csv))[0] == 0
    trail = pl.read_csv(trail_csv)
    row = trail.row(-1, named=True)
    assert (row["event"], row["email"], row["scope"], row["item"], row["rows"], row["detail"]) == (
        "export", "seoul@bank.co.kr", "region=서울", "detractors.csv", written.height, "report.py")


def test_report_as_refuses_what_would_leave_the_scope(fixture, access_file, capsys):
    frame, _, folder = fixture
    data = str(folder / "events.parquet")
    busan = frame.filter(pl.col("region") == "부산")["journey_id"][0]
    code, _, err = _report(capsys, data, "--as", "seoul@bank.co.kr", "--journey", busan)
    assert code == 2 and err.strip() == f"error: Journey '{busan}' is outside the scope of the --as user."
    code, _, err = _report(capsys, data, "--as", "seoul@bank.co.kr", "--loop")
    assert code == 2 and "--loop is not available for seoul@bank.co.kr" in err
    code, _, err = _report(capsys, data, "--as", "nobody@bank.co.kr")
    assert code == 2 and err.strip() == ("error: nobody@bank.co.kr has no scope in the access file, so there is "
                                         "nothing to report.")
    assert _report(capsys, data, "--as", "kim@bank.co.kr", "--as-group", "busan-team")[0] == 0


def test_report_as_without_an_access_file_says_what_it_needs(fixture, capsys, monkeypatch):
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)
    code, _, err = _report(capsys, str(fixture[2] / "events.parquet"), "--as", "seoul@bank.co.kr")
    assert code == 2 and err.startswith("error: --as needs the access_file setting")


def test_hostile_combinations_are_at_least_forty():
    assert len({json.dumps(p, sort_keys=True) for p in HOSTILE}) == len(HOSTILE) >= 40
    assert list(itertools.islice(HOSTILE, 1)) == [{}]

"""Cases and actions on SQLite and PostgreSQL: create, edit, close; the history; two editors never lose an update."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from errors import DataError
from loop.actions import action_history_frame, all_actions, create_action, get_action, update_action
from loop.cases import (
    EditConflict,
    add_root_cause,
    all_cases,
    case_history_frame,
    get_case,
    open_case,
    root_cause_names,
    update_case,
)

AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def test_a_new_case_is_open_due_in_14_days_and_its_history_says_who_opened_it(engine):
    case, created = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", stage="인증",
                              touchpoint="본인인증", notes="call 010-1234-5678", now=AT)
    assert created and case.status == "open" and case.version == 1
    assert case.due_date == dt.date(2026, 11, 16)
    assert get_case(engine, case.id) == case
    h = case_history_frame(engine, case.id)
    assert set(h["field"]) == {"customer_id", "journey_id", "owner", "status", "due_date", "stage", "touchpoint",
                               "notes"}
    assert set(h["changed_by"]) == {"lee"} and set(h["version"]) == {1}
    assert h.filter(h["field"] == "due_date")["new_value"].item() == "2026-11-16"


def test_the_due_days_come_from_the_setting(engine, monkeypatch):
    monkeypatch.setenv("CXLENS_CASE_DUE_DAYS", "3")
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    assert case.due_date == dt.date(2026, 11, 5)
    monkeypatch.setenv("CXLENS_CASE_DUE_DAYS", "soon")
    with pytest.raises(DataError, match="case_due_days"):
        open_case(engine, customer_id="C2", journey_id="J2", owner="kim", by="lee", now=AT)


def test_a_second_click_on_the_same_journey_returns_the_open_case(engine):
    first, created = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    again, created_again = open_case(engine, customer_id="C1", journey_id="J1", owner="park", by="park", now=AT)
    assert created and not created_again and again.id == first.id and again.owner == "kim"
    assert all_cases(engine).height == 1


def test_assign_contact_and_resolve_keep_every_change_with_who_and_when(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    add_root_cause(engine, "대기 시간", by="lee", now=AT)
    later = AT + dt.timedelta(hours=2)
    case = update_case(engine, case, by="lee", now=later, owner="park")
    case = update_case(engine, case, by="park", now=later + dt.timedelta(days=1), status="contacted",
                       root_cause="대기 시간")
    case = update_case(engine, case, by="park", now=later + dt.timedelta(days=2), status="resolved")
    assert get_case(engine, case.id) == case
    assert case.version == 4 and case.status == "resolved"
    assert case.contacted_at == later + dt.timedelta(days=1) and case.closed_at == later + dt.timedelta(days=2)
    h = case_history_frame(engine, case.id)
    rows = [(r["version"], r["field"], r["old_value"], r["new_value"], r["changed_by"]) for r in h.iter_rows(named=True)]
    assert (2, "owner", "kim", "park", "lee") in rows
    assert (3, "status", "open", "contacted", "park") in rows
    assert (3, "root_cause", None, "대기 시간", "park") in rows
    assert (4, "status", "contacted", "resolved", "park") in rows
    assert (4, "closed_at", None, "2026-11-04T11:30:00+00:00", "park") in rows


def test_resolving_straight_from_open_counts_as_contact_and_reopening_clears_the_close(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    case = update_case(engine, case, by="kim", now=AT + dt.timedelta(days=1), status="resolved")
    assert case.contacted_at == case.closed_at == AT + dt.timedelta(days=1)
    case = update_case(engine, case, by="kim", now=AT + dt.timedelta(days=2), status="open")
    assert case.closed_at is None and case.contacted_at == AT + dt.timedelta(days=1)
    assert get_case(engine, case.id) == case


def test_an_unchanged_save_writes_nothing(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    assert update_case(engine, case, by="kim", owner="kim") == case
    assert case_history_frame(engine, case.id)["version"].max() == 1


def test_the_second_of_two_editors_is_told_who_saved_first_and_loses_nothing(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    first = update_case(engine, case, by="park", now=AT + dt.timedelta(minutes=5), notes="called, no answer")
    with pytest.raises(EditConflict) as conflict:
        update_case(engine, case, by="choi", notes="customer happy")  # read before park's save
    assert conflict.value.by == "park" and conflict.value.at == "2026-11-02T09:35:00+00:00"
    assert str(conflict.value) == ("Not saved: park changed case #1 at 2026-11-02T09:35:00+00:00 (UTC) after you "
                                   "opened it. The case now shows their change; make yours again.".replace(
                                       "#1", f"#{case.id}"))
    assert "park" in conflict.value.text("ko")
    assert get_case(engine, case.id) == first  # the second save wrote nothing
    again = update_case(engine, get_case(engine, case.id), by="choi", notes="customer happy")
    assert again.version == 3 and get_case(engine, case.id).notes == "customer happy"


def test_twenty_concurrent_writers_on_one_case_lose_nothing(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    start, conflicts, errors = threading.Barrier(20), [], []

    loaded = threading.Barrier(20)

    def writer(i: int) -> None:
        try:
            start.wait()
            # every editor holds the same version before anyone saves: the collisions are certain, not left to the
            # threads' timing (a run where the writers happened to take turns saw none)
            shown = get_case(engine, case.id)
            loaded.wait()
            while True:  # what an editor does on the clear message: reload and make the change again
                try:
                    update_case(engine, shown, by=f"writer{i}", notes=f"note {i}", owner=f"owner{i}")
                    return
                except EditConflict:
                    conflicts.append(i)
                    shown = get_case(engine, case.id)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    final = get_case(engine, case.id)
    assert final.version == 21
    h = case_history_frame(engine, case.id)
    notes = h.filter(h["field"] == "notes", h["version"] > 1).sort("version")
    assert sorted(notes["changed_by"].to_list()) == sorted(f"writer{i}" for i in range(20))  # each change kept
    assert notes["version"].to_list() == list(range(2, 22))
    # each change replaced the one before it: a chain, nothing overwritten unseen
    assert notes["old_value"].to_list()[1:] == notes["new_value"].to_list()[:-1]
    last = notes.row(-1, named=True)
    assert final.notes == last["new_value"] and final.owner == "owner" + last["changed_by"].removeprefix("writer")
    assert len(conflicts) >= 19  # all but one saved over a version someone else had saved: each was caught


def test_the_root_cause_list_is_the_teams_and_a_case_takes_only_its_names(engine):
    assert root_cause_names(engine) == []
    assert add_root_cause(engine, "대기 시간", by="lee") and not add_root_cause(engine, "대기 시간", by="kim")
    add_root_cause(engine, "Billing error", by="lee")
    assert root_cause_names(engine) == ["Billing error", "대기 시간"]
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    with pytest.raises(DataError, match="not in the team's list"):
        update_case(engine, case, by="kim", root_cause="weather")


@pytest.mark.parametrize("changes, sentence", [
    ({"owner": "  "}, "Name the owner"),
    ({"status": "closed"}, "Status closed is not one of open, contacted, resolved, unreachable."),
])
def test_a_bad_edit_is_one_sentence_and_writes_nothing(engine, changes, sentence):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    with pytest.raises(DataError, match=sentence):
        update_case(engine, case, by="kim", **changes)
    assert get_case(engine, case.id) == case
    with pytest.raises(DataError, match="Enter your name"):
        update_case(engine, case, by="", notes="x")


def test_an_action_is_created_launched_and_its_changes_kept(engine):
    action = create_action(engine, title="본인인증 간소화", target_kind="stage", target_value="인증", owner="kim",
                           by="lee", expected_effect_pp=10, now=AT)
    assert action.status == "planned" and action.version == 1 and get_action(engine, action.id) == action
    with pytest.raises(DataError, match="launch date"):
        update_action(engine, action, by="kim", status="launched")
    launched = update_action(engine, action, by="kim", status="launched", launch_date=dt.date(2026, 11, 1),
                             now=AT + dt.timedelta(days=1))
    assert get_action(engine, action.id) == launched and launched.version == 2
    h = action_history_frame(engine, action.id)
    assert (2, "status", "planned", "launched", "kim") in [
        (r["version"], r["field"], r["old_value"], r["new_value"], r["changed_by"]) for r in h.iter_rows(named=True)]
    with pytest.raises(EditConflict, match="action #"):
        update_action(engine, action, by="park", owner="park")  # action read before the launch
    frame = all_actions(engine)
    assert frame["status"].to_list() == ["launched"] and frame["launch_date"].to_list() == [dt.date(2026, 11, 1)]


@pytest.mark.parametrize("changes, sentence", [
    ({"target_kind": "planet"}, "An action is tied to one of stage, touchpoint, channel, keyword, not planet."),
    ({"title": ""}, "Give the action a title."),
    ({"target_value": " "}, "Name what the action changes"),
])
def test_a_bad_action_is_one_sentence(engine, changes, sentence):
    values = {"title": "t", "target_kind": "stage", "target_value": "인증", "owner": "kim", "by": "lee", **changes}
    with pytest.raises(DataError, match=sentence):
        create_action(engine, **values)
    assert all_actions(engine).is_empty()


def _open_at_once(engine, journeys: list[str]) -> tuple[list, list]:
    """open_case on each of ``journeys`` from its own thread, all released at once: (results, errors)."""
    start, results, errors = threading.Barrier(len(journeys)), [], []

    def writer(i: int, journey: str) -> None:
        try:
            start.wait()
            results.append((i, *open_case(engine, customer_id="C1", journey_id=journey, owner=f"owner{i}",
                                          by=f"writer{i}")))
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(repr(exc))

    threads = [threading.Thread(target=writer, args=(i, j)) for i, j in enumerate(journeys)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


def test_twenty_writers_opening_a_case_on_one_journey_at_once_open_one(engine):
    results, errors = _open_at_once(engine, ["J1"] * 20)
    assert errors == []
    created = [(i, case) for i, case, new in results if new]
    assert len(created) == 1  # one writer opened it; the 19 others were handed that case
    ((first, case),) = created
    assert {c.id for _, c, _ in results} == {case.id} and {c.owner for _, c, _ in results} == {f"owner{first}"}
    cases = all_cases(engine)
    assert cases["journey_id"].to_list() == ["J1"] and cases["owner"].to_list() == [f"owner{first}"]
    assert set(case_history_frame(engine, case.id)["changed_by"].to_list()) == {f"writer{first}"}


def test_writers_opening_cases_on_different_journeys_at_once_each_open_their_own(engine):
    results, errors = _open_at_once(engine, [f"J{i}" for i in range(10)])
    assert errors == [] and all(new for _, _, new in results)
    assert sorted(all_cases(engine)["journey_id"].to_list()) == sorted(f"J{i}" for i in range(10))


def test_a_closed_case_is_not_reopened_while_its_journey_has_another_open(engine):
    first, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    closed = update_case(engine, first, by="kim", status="resolved")
    second, created = open_case(engine, customer_id="C1", journey_id="J1", owner="park", by="lee")
    assert created and second.id != first.id
    with pytest.raises(DataError) as refused:
        update_case(engine, closed, by="kim", status="contacted")
    assert str(refused.value) == (f"Not reopened: journey J1 already has case #{second.id} open (owner park). "
                                  "Work on that case.")
    assert get_case(engine, first.id).status == "resolved"
    update_case(engine, second, by="park", status="unreachable")
    assert update_case(engine, closed, by="kim", status="open").status == "open"  # its journey is free again

"""Every write of a case, an action or the root-cause list appends one audit row (event write), on SQLite and
PostgreSQL: who, the record, the fields changed and never the notes' text; a refused write appends none; the
migration to the write event keeps the rows already on the trail."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from errors import DataError
from loop import audit, db
from loop.actions import create_action, update_action
from loop.cases import EditConflict, add_root_cause, open_case, update_case

AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)
KIM = audit.Actor("kim@bank.co.kr", "admin", "all")


def _writes(engine) -> list[tuple[str, str, str, str, str]]:
    """The trail's write rows: (who, role, scope, item, detail), oldest first."""
    trail = audit.trail(engine).filter(event="write")
    return list(zip(trail["email"], trail["role"], trail["scope"], trail["item"], trail["detail"], strict=True))


def test_opening_a_case_appends_one_row_naming_the_ids_and_fields_but_not_the_notes(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", stage="인증",
                        notes="call 010-1234-5678", now=AT, actor=KIM)
    assert _writes(engine) == [(
        "kim@bank.co.kr", "admin", "all", f"case {case.id}",
        "opened; customer_id: C1; journey_id: J1; owner: kim; status: open; due_date: 2026-11-16; stage: 인증; "
        "notes written")]
    row = audit.trail(engine).row(0, named=True)
    assert row["at"] == AT and row["filters"] == "" and row["rows"] is None


def test_a_second_click_on_an_open_journey_writes_nothing_and_appends_nothing(engine):
    open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    _, created = open_case(engine, customer_id="C1", journey_id="J1", owner="park", by="park", now=AT)
    assert not created and len(_writes(engine)) == 1


def test_each_edit_appends_one_row_with_the_fields_it_changed(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    add_root_cause(engine, "대기 시간", by="lee", now=AT)
    case = update_case(engine, case, by="lee", owner="park", actor=KIM)
    case = update_case(engine, case, by="park", status="contacted")
    case = update_case(engine, case, by="park", notes="고객이 환불을 원함, 010-9999-0000")
    case = update_case(engine, case, by="park", status="resolved", root_cause="대기 시간",
                       due_date=dt.date(2026, 11, 20))
    update_case(engine, case, by="park", status="open")  # reopened
    assert _writes(engine)[1:] == [
        ("lee", "user", "all", "root causes", "added: 대기 시간"),
        ("kim@bank.co.kr", "admin", "all", f"case {case.id}", "owner: kim → park"),
        ("park", "user", "all", f"case {case.id}", "status: open → contacted"),
        ("park", "user", "all", f"case {case.id}", "notes changed"),
        ("park", "user", "all", f"case {case.id}",
         "status: contacted → resolved; due_date: 2026-11-16 → 2026-11-20; root_cause: — → 대기 시간"),
        ("park", "user", "all", f"case {case.id}", "status: resolved → open")]
    assert not any("010" in detail or "환불" in detail for *_, detail in _writes(engine))


def test_a_save_that_changes_nothing_and_a_known_root_cause_append_nothing(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    add_root_cause(engine, "대기 시간", by="lee")
    update_case(engine, case, by="kim", owner="kim", notes="")
    assert not add_root_cause(engine, "대기 시간", by="kim")
    assert [item for _, _, _, item, _ in _writes(engine)] == [f"case {case.id}", "root causes"]


def test_a_version_conflict_appends_nothing(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    update_case(engine, case, by="park", notes="called")
    with pytest.raises(EditConflict):
        update_case(engine, case, by="choi", status="resolved", actor=KIM)  # read before park's save
    assert [detail for *_, detail in _writes(engine)][1:] == ["notes changed"]
    action = create_action(engine, title="t", target_kind="stage", target_value="인증", owner="kim", by="lee")
    update_action(engine, action, by="park", owner="park")
    with pytest.raises(EditConflict):
        update_action(engine, action, by="choi", owner="choi")
    assert len(_writes(engine)) == 4


def test_a_refused_write_appends_nothing(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    for changes in ({"owner": " "}, {"status": "closed"}, {"root_cause": "weather"}):
        with pytest.raises(DataError):
            update_case(engine, case, by="kim", **changes)
    with pytest.raises(DataError):
        open_case(engine, customer_id="C2", journey_id="J2", owner="", by="lee")
    with pytest.raises(DataError):
        create_action(engine, title="", target_kind="stage", target_value="인증", owner="kim", by="lee")
    action = create_action(engine, title="t", target_kind="stage", target_value="인증", owner="kim", by="lee")
    with pytest.raises(DataError):
        update_action(engine, action, by="kim", status="launched")  # no launch date
    assert [item for _, _, _, item, _ in _writes(engine)] == [f"case {case.id}", f"action {action.id}"]


def test_creating_and_editing_an_action_append_one_row_each_without_title_or_notes(engine):
    action = create_action(engine, title="본인인증 간소화", target_kind="stage", target_value="인증", owner="kim",
                           by="lee", expected_effect_pp=10, notes="VIP 고객 요청", now=AT, actor=KIM)
    update_action(engine, action, by="kim", status="launched", launch_date=dt.date(2026, 11, 1),
                  title="본인인증 한 번에")
    assert _writes(engine) == [
        ("kim@bank.co.kr", "admin", "all", f"action {action.id}",
         "created; title written; target_kind: stage; target_value: 인증; metric: csat; owner: kim; "
         "status: planned; expected_effect_pp: 10; notes written"),
        ("kim", "user", "all", f"action {action.id}",
         "title changed; status: planned → launched; launch_date: — → 2026-11-01")]


def test_a_long_change_is_cut_to_the_column_with_an_ellipsis(engine):
    case, _ = open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    update_case(engine, case, by="kim", owner="x" * 190, stage="y" * 190)
    (detail,) = [d for *_, d in _writes(engine)][1:]
    assert len(detail) == 200 and detail.startswith("owner: kim → xxx") and detail.endswith("…")


def _audit_row(event: str, minute: int) -> dict:
    return {"at": AT + dt.timedelta(minutes=minute), "event": event, "email": "kim@bank.co.kr", "role": "user",
            "scope": "region=서울", "filters": '{"persona": ["X"]}', "item": "events.parquet", "rows": 12,
            "detail": ""}


def test_migrating_from_the_previous_schema_keeps_the_trail_and_accepts_writes(database_url):
    engine = db.create_engine(database_url)
    db.upgrade(engine, "0004")
    table = sa.table("audit", *(sa.column(c) for c in _audit_row("x", 0)))
    with engine.begin() as connection:
        connection.execute(sa.insert(table), [_audit_row("sign_in", 0), _audit_row("export", 1),
                                              _audit_row("denied", 2)])
        with pytest.raises(sa.exc.DBAPIError), connection.begin_nested():  # the old schema refuses writes
            connection.execute(sa.insert(table).values(**_audit_row("write", 3)))
    before = audit.trail(engine)
    engine.dispose()
    migrated = db.open_database(database_url)
    assert db.current_revision(migrated) == db.head_revision() == "0006"
    assert audit.trail(migrated).equals(before) and before.height == 3
    assert before["event"].to_list() == ["sign_in", "export", "denied"]
    assert [i["name"] for i in sa.inspect(migrated).get_indexes("audit")] == ["audit_at"]
    open_case(migrated, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT + dt.timedelta(hours=1))
    assert audit.trail(migrated)["event"].to_list() == ["sign_in", "export", "denied", "write"]
    with pytest.raises(sa.exc.DBAPIError), migrated.begin() as connection:  # still a closed list
        connection.execute(sa.insert(table).values(**_audit_row("viewed", 4)))
    # new ids continue after the kept rows
    with migrated.connect() as connection:
        ids = connection.execute(sa.text("SELECT id FROM audit ORDER BY id")).scalars().all()
    assert ids == sorted(set(ids)) and len(ids) == 4


def test_going_back_to_the_previous_schema_refuses_while_write_rows_exist(database_url):
    engine = db.open_database(database_url)
    audit.record(engine, "sign_in", "kim@bank.co.kr", "user", "all", at=AT)
    open_case(engine, customer_id="C1", journey_id="J1", owner="kim", by="lee", now=AT)
    from alembic import command

    with pytest.raises(RuntimeError, match="1 write rows"), engine.begin() as connection:
        command.downgrade(db._config(connection), "0004")
    assert db.current_revision(engine) == db.head_revision() and audit.trail(engine).height == 2

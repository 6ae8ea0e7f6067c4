"""The audit trail on SQLite and PostgreSQL: rows appended with who, when, scope, filters, file and rows; read back."""

import datetime as dt

import pytest

from loop import audit

AT = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)


def test_rows_are_appended_and_read_back_oldest_first(engine):
    audit.record(engine, "sign_in", "kim@bank.co.kr", "user", "region=서울", at=AT)
    audit.record(engine, "export", "kim@bank.co.kr", "user", "region=서울", '{"persona": ["X"]}', "events.parquet",
                 123, at=AT + dt.timedelta(minutes=5))
    audit.record(engine, "denied", "eve@gmail.com", "none", "none", detail="access_wrong_domain",
                 at=AT + dt.timedelta(minutes=1))
    trail = audit.trail(engine)
    assert trail["event"].to_list() == ["sign_in", "denied", "export"]
    last = trail.row(2, named=True)
    assert last == {"at": AT + dt.timedelta(minutes=5), "event": "export", "email": "kim@bank.co.kr", "role": "user",
                    "scope": "region=서울", "filters": '{"persona": ["X"]}', "item": "events.parquet", "rows": 123,
                    "detail": ""}
    assert audit.trail(engine, since=AT + dt.timedelta(minutes=2))["event"].to_list() == ["export"]


def test_an_unknown_event_is_refused(engine):
    with pytest.raises(ValueError):
        audit.record(engine, "viewed_secret", "kim@bank.co.kr", "user", "all")
    assert audit.trail(engine).height == 0

"""Page views on the audit trail, on SQLite and PostgreSQL: one row per page and filters per session (a rerun writes
nothing), never for open access; the schema before views is migrated with its rows kept."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from streamlit.testing.v1 import AppTest

from loop import audit, db

AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def _viewing_script():
    import streamlit as st

    from store import Filters
    from ui import audit as ui_audit

    email = st.session_state.get("email", "kim@bank.co.kr")
    ui_audit.set_viewer(ui_audit.Viewer(email=email, role="user", scope=(("region", ("서울",)),),
                                        scope_text="region=서울"))
    f = Filters.make(persona=st.session_state.get("personas", ["A"])).within({"region": ["서울"]})
    ui_audit.viewed(st.session_state.get("page", "overview"), f)


@pytest.fixture
def app(database_url, monkeypatch):
    monkeypatch.setenv("CXLENS_DATABASE_URL", database_url)
    return lambda: AppTest.from_function(_viewing_script, default_timeout=60)


def _views(database_url) -> list[tuple[str, str, str, str]]:
    trail = audit.trail(db.open_database(database_url))
    return [(r["email"], r["scope"], r["item"], r["filters"]) for r in trail.iter_rows(named=True)
            if r["event"] == "view"]


def test_a_page_view_is_one_row_with_the_page_and_filters_and_reruns_add_none(app, database_url):
    at = app()
    at.run()
    at.run()  # a rerun: same page, same filters
    at.run()
    views = _views(database_url)
    assert len(views) == 1
    email, scope, page, filters = views[0]
    assert (email, scope, page) == ("kim@bank.co.kr", "region=서울", "overview")
    assert '"persona": ["A"]' in filters and "서울" in filters


def test_another_page_or_other_filters_are_new_rows_and_going_back_is_not(app, database_url):
    at = app()
    at.run()
    at.session_state["page"] = "channels"
    at.run()
    at.session_state["personas"] = ["B"]
    at.run()
    at.session_state["personas"] = ["A"]
    at.session_state["page"] = "overview"
    at.run()  # already seen in this session
    assert [(p, '"B"' in f) for _, _, p, f in _views(database_url)] == [
        ("overview", False), ("channels", False), ("channels", True)]


def test_a_new_session_records_its_first_view_again(app, database_url):
    app().run()
    app().run()
    assert len(_views(database_url)) == 2


def test_open_access_records_no_view(app, database_url):
    at = app()
    at.session_state["email"] = ""
    at.run()
    assert _views(database_url) == []


def test_the_schema_before_views_is_migrated_with_its_rows_and_then_accepts_views(database_url):
    engine = db.create_engine(database_url)
    db.upgrade(engine, "0005")
    row = {"at": AT, "event": "export", "email": "kim@bank.co.kr", "role": "user", "scope": "all", "filters": "",
           "item": "events.parquet", "rows": 3, "detail": ""}
    table = sa.table("audit", *(sa.column(c) for c in row))
    with engine.begin() as connection:
        connection.execute(sa.insert(table).values(**row))
        with pytest.raises(sa.exc.DBAPIError), connection.begin_nested():  # the old schema refuses views
            connection.execute(sa.insert(table).values(**{**row, "event": "view"}))
    engine.dispose()
    migrated = db.open_database(database_url)
    assert db.current_revision(migrated) == db.head_revision() == "0006"
    audit.record(migrated, "view", "kim@bank.co.kr", "user", "all", item="overview", at=AT + dt.timedelta(minutes=1))
    assert audit.trail(migrated)["event"].to_list() == ["export", "view"]


def test_going_back_before_views_refuses_while_view_rows_exist(database_url):
    engine = db.open_database(database_url)
    audit.record(engine, "view", "kim@bank.co.kr", "user", "all", item="overview", at=AT)
    from alembic import command

    with pytest.raises(RuntimeError, match="1 view rows"), engine.begin() as connection:
        command.downgrade(db._config(connection), "0005")
    assert db.current_revision(engine) == "0006" and audit.trail(engine).height == 1

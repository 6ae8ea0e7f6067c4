"""The loop's database on SQLite and on PostgreSQL: migrations from empty and from the previous schema."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from loop import db, tables
from loop.cases import all_cases, case_history_frame

AT = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def test_opening_an_empty_database_migrates_it_to_the_newest_schema(database_url):
    engine = db.open_database(database_url)
    assert db.current_revision(engine) == db.head_revision() == "0006"
    names = set(sa.inspect(engine).get_table_names())
    assert names >= {"cases", "case_history", "root_causes", "actions", "action_history", "alembic_version"}


def test_the_migrations_create_the_columns_the_tables_declare(engine):
    inspector = sa.inspect(engine)
    for table in tables.metadata.sorted_tables:
        columns = {c["name"]: c["nullable"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name: c.nullable for c in table.columns}, table.name


def test_a_database_at_the_previous_schema_keeps_its_cases_when_migrated(database_url):
    engine = db.create_engine(database_url)
    db.upgrade(engine, "0001")
    assert db.current_revision(engine) == "0001"
    assert "actions" not in sa.inspect(engine).get_table_names()
    with engine.begin() as connection:  # as the writer of that schema left it (no audit table yet)
        connection.execute(sa.insert(tables.cases).values(
            customer_id="C1", journey_id="J1", owner="kim", status="open", due_date=dt.date(2026, 11, 16), notes="",
            opened_at=AT, opened_by="lee", version=1))
    engine.dispose()
    migrated = db.open_database(database_url)
    assert db.current_revision(migrated) == db.head_revision()
    kept = all_cases(migrated)
    assert kept["journey_id"].to_list() == ["J1"] and kept["owner"].to_list() == ["kim"]
    assert {"actions", "audit"} <= set(sa.inspect(migrated).get_table_names())


def test_opening_twice_reuses_the_engine_and_does_not_migrate_again(database_url):
    assert db.open_database(database_url) is db.open_database(database_url)


def test_the_default_database_is_a_sqlite_file_in_the_cache_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("CXLENS_DATABASE_URL", raising=False)
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    assert db.database_url() == f"sqlite:///{tmp_path / 'cache' / 'loop.sqlite'}"
    monkeypatch.setenv("CXLENS_DATABASE_URL", "postgresql://u@h/cx")
    assert db.database_url() == "postgresql://u@h/cx"
    assert db.create_engine("postgresql://u@h/cx").dialect.driver == "pg8000"


def test_a_database_that_cannot_be_reached_is_one_sentence_without_the_password(tmp_path):
    url = f"postgresql+pg8000://someone:secret@/nowhere?unix_sock={tmp_path}/.s.PGSQL.5432"
    try:
        db.open_database(url)
    except Exception as exc:  # noqa: BLE001 - the type and text are what is checked
        assert type(exc).__name__ == "DataError"
        assert "secret" not in str(exc) and "postgresql" in str(exc) and "CXLENS_DATABASE_URL" in str(exc)
        assert "CXLENS_DATABASE_URL" in exc.text("ko")
    else:
        raise AssertionError("no error")


def test_migrating_from_the_previous_schema_resolves_duplicate_open_cases_and_forbids_new_ones(database_url):
    engine = db.create_engine(database_url)
    db.upgrade(engine, "0003")

    def case(journey: str, status: str, minute: int) -> dict:
        return {"customer_id": "C1", "journey_id": journey, "owner": "kim", "status": status,
                "due_date": dt.date(2026, 11, 16), "notes": "", "opened_at": AT + dt.timedelta(minutes=minute),
                "opened_by": "lee", "version": 1}

    with engine.begin() as connection:  # what a race under the previous schema could leave: J1 opened twice
        connection.execute(sa.insert(tables.cases), [case("J1", "open", 0), case("J1", "contacted", 1),
                                                     case("J1", "resolved", 2), case("J2", "open", 3)])
    engine.dispose()
    migrated = db.open_database(database_url)
    assert db.current_revision(migrated) == db.head_revision()
    after = all_cases(migrated).sort("id")
    assert after["status"].to_list() == ["open", "resolved", "resolved", "open"]  # the later duplicate closed
    assert after["version"].to_list() == [1, 2, 1, 1] and after["closed_at"][1] is not None
    said = case_history_frame(migrated, after["id"][1])
    assert sorted(zip(said["field"], said["old_value"], said["new_value"], said["changed_by"], strict=True)) == [
        ("duplicate_of", None, str(after["id"][0]), "cxlens upgrade"),
        ("status", "contacted", "resolved", "cxlens upgrade")]
    with pytest.raises(sa.exc.IntegrityError), migrated.begin() as connection:
        connection.execute(sa.insert(tables.cases).values(**case("J1", "open", 9)))
    with migrated.begin() as connection:  # a closed one beside the open one is fine
        connection.execute(sa.insert(tables.cases).values(**case("J1", "unreachable", 9)))

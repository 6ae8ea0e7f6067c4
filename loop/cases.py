"""Cases on customers (the closed loop): open from a detractor's journey, assign, contact, close; every change kept.

Status moves open → contacted → resolved or unreachable (a case may also be closed straight from open, and a
closed case reopened); ``contacted_at`` is the first time it left open for contacted or resolved, ``closed_at`` the
time it was resolved or found unreachable.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import polars as pl
import sqlalchemy as sa

import settings
from errors import DataError
from loop import _versioned, audit
from loop._versioned import EditConflict, as_utc, now_utc, person
from loop.tables import CASE_STATUSES, CLOSED_STATUSES, case_history, cases, root_causes

__all__ = ["Case", "EditConflict", "open_case", "get_case", "update_case", "all_cases", "case_history_frame",
           "root_cause_names", "add_root_cause", "EDITABLE"]

EDITABLE = ("owner", "status", "due_date", "root_cause", "stage", "touchpoint", "notes")
# what the audit row of a write names: ids and the team's fields; the notes (free text that may hold what a
# customer said) only by name
AUDITED = ("customer_id", "journey_id", *EDITABLE)
PRIVATE = ("notes",)
CASE_COLUMNS = {"id": pl.Int64, "customer_id": pl.String, "journey_id": pl.String, "owner": pl.String,
                "status": pl.String, "due_date": pl.Date, "root_cause": pl.String, "stage": pl.String,
                "touchpoint": pl.String, "notes": pl.String, "opened_at": pl.Datetime("us", "UTC"),
                "opened_by": pl.String, "contacted_at": pl.Datetime("us", "UTC"),
                "closed_at": pl.Datetime("us", "UTC"), "version": pl.Int64}
HISTORY_COLUMNS = {"case_id": pl.Int64, "version": pl.Int64, "field": pl.String, "old_value": pl.String,
                   "new_value": pl.String, "changed_by": pl.String, "changed_at": pl.Datetime("us", "UTC")}


@dataclass(frozen=True)
class Case:
    id: int
    customer_id: str
    journey_id: str
    owner: str
    status: str
    due_date: dt.date
    root_cause: str | None
    stage: str | None
    touchpoint: str | None
    notes: str
    opened_at: dt.datetime
    opened_by: str
    contacted_at: dt.datetime | None
    closed_at: dt.datetime | None
    version: int


def _case(row) -> Case:
    values = dict(row._mapping)
    for k in ("opened_at", "contacted_at", "closed_at"):
        values[k] = as_utc(values[k])
    return Case(**values)


def due_days() -> int:
    """The setting ``case_due_days`` (a DataError naming it when it is not a whole number of days ≥ 1)."""
    try:
        days = int(settings.get("case_due_days"))
    except ValueError:
        days = 0
    if days < 1:
        raise DataError("loop_bad_due_days", value=settings.get("case_due_days"))
    return days


def _check(connection: sa.Connection, values: dict) -> None:
    if "status" in values and values["status"] not in CASE_STATUSES:
        raise DataError("loop_bad_status", status=values["status"], allowed=", ".join(CASE_STATUSES))
    if "owner" in values:
        values["owner"] = person(values["owner"], "loop_missing_owner")
    if values.get("root_cause"):
        known = connection.execute(sa.select(root_causes.c.name).where(root_causes.c.name == values["root_cause"]))
        if known.first() is None:
            raise DataError("loop_unknown_root_cause", cause=values["root_cause"])
    if "due_date" in values and not isinstance(values["due_date"], dt.date):
        raise DataError("loop_bad_due_date", value=str(values["due_date"]))


def open_case(engine: sa.Engine, *, customer_id: str, journey_id: str, owner: str, by: str,
              stage: str | None = None, touchpoint: str | None = None, root_cause: str | None = None,
              notes: str = "", now: dt.datetime | None = None, actor: audit.Actor | None = None
              ) -> tuple[Case, bool]:
    """A case on ``journey_id`` (status open, due in ``case_due_days``), and whether it is new: a journey with a
    case that is not closed gets that case back, so a second click never opens a second case. A new case appends
    its audit row as ``actor`` (default: ``by``, with open access) in the same transaction."""
    at = now or now_utc()
    by = person(by, "loop_missing_editor")
    values = {"customer_id": str(customer_id), "journey_id": str(journey_id), "owner": owner, "status": "open",
              "due_date": at.date() + dt.timedelta(days=due_days()), "root_cause": root_cause or None,
              "stage": stage, "touchpoint": touchpoint, "notes": notes or ""}
    row = {**values, "opened_at": at, "opened_by": by, "contacted_at": None, "closed_at": None, "version": 1}
    try:
        with engine.begin() as connection:
            _check(connection, values)
            existing = _open_on(connection, values["journey_id"])
            if existing is not None:
                return existing, False
            case_id = connection.execute(sa.insert(cases).values(**row).returning(cases.c.id)).scalar_one()
            _versioned.created(connection, case_history, "case_id", case_id, values, by, at)
            audit.written(connection, actor or audit.Actor(by), f"case {case_id}",
                          "opened; " + audit.changed(None, values, AUDITED, PRIVATE), at)
    except sa.exc.IntegrityError:
        # someone opened a case on this journey after this transaction looked (the unique index of cases not
        # closed refused the second): that case is the one to work on
        with engine.connect() as connection:
            existing = _open_on(connection, values["journey_id"])
        if existing is None:
            raise
        return existing, False
    return Case(id=case_id, **row), True


def _open_on(connection: sa.Connection, journey_id: str) -> Case | None:
    """The journey's case that is not closed, None without one."""
    row = connection.execute(sa.select(cases).where(cases.c.journey_id == journey_id,
                                                    cases.c.status.not_in(CLOSED_STATUSES))
                             .order_by(cases.c.id).limit(1)).first()
    return None if row is None else _case(row)


def get_case(engine: sa.Engine, case_id: int) -> Case:
    with engine.connect() as connection:
        row = connection.execute(sa.select(cases).where(cases.c.id == case_id)).first()
    if row is None:
        raise DataError("loop_case_missing", id=case_id)
    return _case(row)


def update_case(engine: sa.Engine, case: Case, by: str, now: dt.datetime | None = None,
                actor: audit.Actor | None = None, **changes) -> Case:
    """Save ``changes`` (fields of EDITABLE) over ``case`` as its editor read it; the case as saved.

    A save that changes something appends its audit row as ``actor`` (default: ``by``) in the same transaction.
    Raises EditConflict (nothing written) when someone saved the case after ``case`` was read.
    """
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    at = now or now_utc()
    by = person(by, "loop_missing_editor")
    values = dict(changes)
    if "notes" in values:
        values["notes"] = values["notes"] or ""
    if "root_cause" in values:
        values["root_cause"] = values["root_cause"] or None
    status = values.get("status", case.status)
    if status != case.status:
        if status in ("contacted", "resolved") and case.contacted_at is None:
            values["contacted_at"] = at
        values["closed_at"] = at if status in CLOSED_STATUSES else None
    current = asdict(case)
    reopened = status not in CLOSED_STATUSES and case.status in CLOSED_STATUSES
    try:
        with engine.begin() as connection:
            _check(connection, values)
            other = _open_on(connection, case.journey_id) if reopened else None
            if other is not None and other.id != case.id:
                raise _reopen_refused(other)
            version, changed = _versioned.update(connection, cases, case_history, "case_id", case.id, current,
                                                 values, by, at, "loop_case_conflict")
            if changed:
                audit.written(connection, actor or audit.Actor(by), f"case {case.id}",
                              audit.changed(current, changed, EDITABLE, PRIVATE), at)
    except sa.exc.IntegrityError:  # a case on the journey was opened while this one was being reopened
        with engine.connect() as connection:
            other = _open_on(connection, case.journey_id) if reopened else None
        if other is None:
            raise
        raise _reopen_refused(other) from None
    return Case(**{**current, **values, "version": version})


def _reopen_refused(other: Case) -> DataError:
    return DataError("loop_reopen_taken", journey=other.journey_id, id=other.id, owner=other.owner)


def all_cases(engine: sa.Engine) -> pl.DataFrame:
    """Every case (CASE_COLUMNS), newest first."""
    with engine.connect() as connection:
        rows = [_case(r) for r in connection.execute(sa.select(cases).order_by(cases.c.id.desc()))]
    return pl.DataFrame([asdict(r) for r in rows], schema=CASE_COLUMNS, orient="row")


def case_history_frame(engine: sa.Engine, case_id: int | None = None) -> pl.DataFrame:
    """The history of one case (or of all): who changed which field from what to what, and when; oldest first."""
    query = sa.select(*(case_history.c[c] for c in HISTORY_COLUMNS)).order_by(
        case_history.c.case_id, case_history.c.version, case_history.c.id)
    if case_id is not None:
        query = query.where(case_history.c.case_id == case_id)
    with engine.connect() as connection:
        rows = [{**r._mapping, "changed_at": as_utc(r.changed_at)} for r in connection.execute(query)]
    return pl.DataFrame(rows, schema=HISTORY_COLUMNS, orient="row")


def root_cause_names(engine: sa.Engine) -> list[str]:
    """The team's list of root causes, alphabetical."""
    with engine.connect() as connection:
        return list(connection.execute(sa.select(root_causes.c.name).order_by(root_causes.c.name)).scalars())


def add_root_cause(engine: sa.Engine, name: str, by: str, now: dt.datetime | None = None,
                   actor: audit.Actor | None = None) -> bool:
    """Add ``name`` to the team's root causes (with its audit row as ``actor``, default ``by``); False when it is
    already there."""
    name = (name or "").strip()[:200]
    if not name:
        raise DataError("loop_missing_root_cause")
    by = person(by, "loop_missing_editor")
    with engine.begin() as connection:
        if connection.execute(sa.select(root_causes.c.name).where(root_causes.c.name == name)).first():
            return False
        at = now or now_utc()
        connection.execute(sa.insert(root_causes).values(name=name, added_by=by, added_at=at))
        audit.written(connection, actor or audit.Actor(by), "root causes", f"added: {name}", at)
    return True

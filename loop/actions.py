"""Improvement actions: a change the team makes at a stage, touchpoint, channel or keyword theme, with an owner,
a status (planned → launched, or stopped), a launch date and the effect it is expected to have; every change kept."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import polars as pl
import sqlalchemy as sa

from errors import DataError
from loop import _versioned, audit
from loop._versioned import as_utc, now_utc, person
from loop.tables import ACTION_METRICS, ACTION_STATUSES, ACTION_TARGETS, action_history, actions

__all__ = ["Action", "create_action", "get_action", "update_action", "all_actions", "action_history_frame",
           "ACTION_EDITABLE"]

ACTION_EDITABLE = ("title", "target_kind", "target_value", "metric", "owner", "status", "launch_date",
                   "expected_effect_pp", "notes")
# what the audit row of a write names: the title and notes (free text) only by name
PRIVATE = ("title", "notes")
ACTION_COLUMNS = {"id": pl.Int64, "title": pl.String, "target_kind": pl.String, "target_value": pl.String,
                  "metric": pl.String, "owner": pl.String, "status": pl.String, "launch_date": pl.Date,
                  "expected_effect_pp": pl.Float64, "notes": pl.String, "created_at": pl.Datetime("us", "UTC"),
                  "created_by": pl.String, "version": pl.Int64}
HISTORY_COLUMNS = {"action_id": pl.Int64, "version": pl.Int64, "field": pl.String, "old_value": pl.String,
                   "new_value": pl.String, "changed_by": pl.String, "changed_at": pl.Datetime("us", "UTC")}


@dataclass(frozen=True)
class Action:
    id: int
    title: str
    target_kind: str
    target_value: str
    metric: str
    owner: str
    status: str
    launch_date: dt.date | None
    expected_effect_pp: float | None
    notes: str
    created_at: dt.datetime
    created_by: str
    version: int


def _action(row) -> Action:
    values = dict(row._mapping)
    values["created_at"] = as_utc(values["created_at"])
    return Action(**values)


def _check(values: dict) -> None:
    if "title" in values:
        values["title"] = (values["title"] or "").strip()[:300]
        if not values["title"]:
            raise DataError("loop_missing_title")
    if "owner" in values:
        values["owner"] = person(values["owner"], "loop_missing_owner")
    if "target_kind" in values and values["target_kind"] not in ACTION_TARGETS:
        raise DataError("loop_bad_target", kind=values["target_kind"], allowed=", ".join(ACTION_TARGETS))
    if "target_value" in values:
        values["target_value"] = (values["target_value"] or "").strip()[:200]
        if not values["target_value"]:
            raise DataError("loop_missing_target")
    if "metric" in values and values["metric"] not in ACTION_METRICS:
        raise DataError("loop_bad_metric", metric=values["metric"], allowed=", ".join(ACTION_METRICS))
    if "status" in values and values["status"] not in ACTION_STATUSES:
        raise DataError("loop_bad_status", status=values["status"], allowed=", ".join(ACTION_STATUSES))


def _launched(values: dict) -> None:
    if values.get("status") == "launched" and values.get("launch_date") is None:
        raise DataError("loop_launch_without_date")


def create_action(engine: sa.Engine, *, title: str, target_kind: str, target_value: str, owner: str, by: str,
                  metric: str = "csat", status: str = "planned", launch_date: dt.date | None = None,
                  expected_effect_pp: float | None = None, notes: str = "",
                  now: dt.datetime | None = None, actor: audit.Actor | None = None) -> Action:
    """A new action (version 1), its history and its audit row as ``actor`` (default: ``by``)."""
    at = now or now_utc()
    by = person(by, "loop_missing_editor")
    values = {"title": title, "target_kind": target_kind, "target_value": target_value, "metric": metric,
              "owner": owner, "status": status, "launch_date": launch_date,
              "expected_effect_pp": expected_effect_pp, "notes": notes or ""}
    _check(values)
    _launched(values)
    row = {**values, "created_at": at, "created_by": by, "version": 1}
    with engine.begin() as connection:
        action_id = connection.execute(sa.insert(actions).values(**row).returning(actions.c.id)).scalar_one()
        _versioned.created(connection, action_history, "action_id", action_id, values, by, at)
        audit.written(connection, actor or audit.Actor(by), f"action {action_id}",
                      "created; " + audit.changed(None, values, ACTION_EDITABLE, PRIVATE), at)
    return Action(id=action_id, **row)


def get_action(engine: sa.Engine, action_id: int) -> Action:
    with engine.connect() as connection:
        row = connection.execute(sa.select(actions).where(actions.c.id == action_id)).first()
    if row is None:
        raise DataError("loop_action_missing", id=action_id)
    return _action(row)


def update_action(engine: sa.Engine, action: Action, by: str, now: dt.datetime | None = None,
                  actor: audit.Actor | None = None, **changes) -> Action:
    """Save ``changes`` (fields of ACTION_EDITABLE) over ``action`` as its editor read it; the action as saved.
    A save that changes something appends its audit row as ``actor`` (default: ``by``) in the same transaction.
    Raises EditConflict (nothing written) when someone saved it after ``action`` was read."""
    unknown = set(changes) - set(ACTION_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    at = now or now_utc()
    by = person(by, "loop_missing_editor")
    values = dict(changes)
    _check(values)
    current = asdict(action)
    _launched({**current, **values})
    with engine.begin() as connection:
        version, changed = _versioned.update(connection, actions, action_history, "action_id", action.id, current,
                                             values, by, at, "loop_action_conflict")
        if changed:
            audit.written(connection, actor or audit.Actor(by), f"action {action.id}",
                          audit.changed(current, changed, ACTION_EDITABLE, PRIVATE), at)
    return Action(**{**current, **values, "version": version})


def all_actions(engine: sa.Engine) -> pl.DataFrame:
    """Every action (ACTION_COLUMNS), newest first."""
    with engine.connect() as connection:
        rows = [asdict(_action(r)) for r in connection.execute(sa.select(actions).order_by(actions.c.id.desc()))]
    return pl.DataFrame(rows, schema=ACTION_COLUMNS, orient="row")


def action_history_frame(engine: sa.Engine, action_id: int) -> pl.DataFrame:
    """The history of one action, oldest first."""
    query = (sa.select(*(action_history.c[c] for c in HISTORY_COLUMNS))
             .where(action_history.c.action_id == action_id)
             .order_by(action_history.c.version, action_history.c.id))
    with engine.connect() as connection:
        rows = [{**r._mapping, "changed_at": as_utc(r.changed_at)} for r in connection.execute(query)]
    return pl.DataFrame(rows, schema=HISTORY_COLUMNS, orient="row")

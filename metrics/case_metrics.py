"""How the closed loop is doing: cases open and overdue, time to close, contact within the deadline, and recovery
(do detractors with a case come back happier than detractors without one?)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import polars as pl

from metrics.nps import nps
from metrics.significance import Comparison, nps_change

CLOSED = ("resolved", "unreachable")
GROUPS = ("with_case", "without_case")


def case_summary(cases: pl.DataFrame, today: dt.date) -> dict:
    """Counts and shares of ``cases`` (status, due_date, opened_at, contacted_at, closed_at) as of ``today``.

    Returns cases, open (not resolved or unreachable), overdue (open and due before today), closed,
    median_days_to_close (opened → closed, closed cases; None without), contacted_in_time (% of the cases whose
    deadline has passed or that were contacted, contacted on or before their due date; None without such cases)
    and contacted_in_time_of (that share's denominator).

    Example
    -------
    >>> t = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    >>> c = pl.DataFrame({"status": ["open", "contacted", "resolved"],
    ...                   "due_date": [dt.date(2026, 11, 5), dt.date(2026, 11, 20), dt.date(2026, 11, 15)],
    ...                   "opened_at": [t, t, t], "contacted_at": [None, t, t + dt.timedelta(days=2)],
    ...                   "closed_at": [None, None, t + dt.timedelta(days=3)]})
    >>> s = case_summary(c, dt.date(2026, 11, 10))
    >>> s["open"], s["overdue"], s["median_days_to_close"], s["contacted_in_time"], s["contacted_in_time_of"]
    (2, 1, 3.0, 66.66666666666667, 3)
    """
    is_closed = pl.col("status").is_in(CLOSED)
    contacted_day = pl.col("contacted_at").dt.date()
    decided = pl.col("contacted_at").is_not_null() | (pl.col("due_date") < today)
    row = cases.select(
        pl.len().alias("cases"),
        (~is_closed).sum().alias("open"),
        (~is_closed & (pl.col("due_date") < today)).sum().alias("overdue"),
        is_closed.sum().alias("closed"),
        ((pl.col("closed_at") - pl.col("opened_at")).dt.total_seconds() / 86400.0)
        .filter(is_closed & pl.col("closed_at").is_not_null()).median().alias("median_days_to_close"),
        decided.sum().alias("contacted_in_time_of"),
        (decided & (contacted_day <= pl.col("due_date"))).fill_null(False).sum().alias("_in_time"),
    ).row(0, named=True)
    of = int(row["contacted_in_time_of"])
    return {"cases": int(row["cases"]), "open": int(row["open"]), "overdue": int(row["overdue"]),
            "closed": int(row["closed"]), "median_days_to_close": row["median_days_to_close"],
            "contacted_in_time": 100.0 * row["_in_time"] / of if of else None, "contacted_in_time_of": of}


def recovery(journeys: pl.DataFrame, case_journeys: Iterable[str]) -> tuple[pl.DataFrame, Comparison]:
    """NPS of detractors' later journeys, customers with a case against detractors without one.

    A customer is *with_case* when a case was opened on one of their detractor journeys (answer 0–6), from the first
    such journey on; else *without_case* from their first detractor journey on. Their later journeys are those that
    started after that journey ended; their NPS answers are the group's.

    Parameters
    ----------
    journeys: customer_id, journey_id, first_ts, last_ts, nps (null: no answer).
    case_journeys: the journey ids cases were opened on.

    Returns
    -------
    (one row per group of GROUPS: group, customers (detractors in the group), promoters, passives, detractors,
    responses (later answers), nps; the test of NPS(with_case) − NPS(without_case), metrics.significance.nps_change)

    Example
    -------
    >>> ts = [dt.datetime(2026, 1, d) for d in (1, 2, 5, 6, 1, 2, 5, 6)]
    >>> j = pl.DataFrame({"customer_id": ["a", "a", "a", "a", "b", "b", "b", "b"],
    ...                   "journey_id": ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"],
    ...                   "first_ts": ts, "last_ts": ts, "nps": [3, None, 10, 9, 2, 8, 4, None]})
    >>> table, _ = recovery(j, ["a1"])
    >>> table.select("group", "customers", "responses", "nps").rows()
    [('with_case', 1, 2, 100.0), ('without_case', 1, 2, -50.0)]
    """
    cased = set(case_journeys)
    detractor = journeys.filter(pl.col("nps") <= 6).with_columns(
        pl.col("journey_id").is_in(list(cased)).alias("_case"))
    anchors = (detractor.group_by("customer_id")
               .agg(pl.col("_case").any().alias("_with"),
                    pl.col("last_ts").filter(pl.col("_case")).min().alias("_case_ts"),
                    pl.col("last_ts").min().alias("_first_ts"))
               .select("customer_id",
                       pl.when(pl.col("_with")).then(pl.lit("with_case")).otherwise(pl.lit("without_case"))
                       .alias("group"),
                       pl.when(pl.col("_with")).then(pl.col("_case_ts")).otherwise(pl.col("_first_ts"))
                       .alias("_anchor")))
    later = (journeys.join(anchors, on="customer_id")
             .filter(pl.col("first_ts") > pl.col("_anchor"), pl.col("nps").is_not_null()))
    groups = pl.DataFrame({"group": list(GROUPS)})
    counts = anchors.group_by("group").agg(pl.len().cast(pl.Int64).alias("customers"))
    table = (groups.join(counts, on="group", how="left")
             .join(nps(later, by=["group"]), on="group", how="left")
             .with_columns(pl.col("customers", "promoters", "passives", "detractors", "responses").fill_null(0)))
    rows = {r["group"]: r for r in table.iter_rows(named=True)}
    return table, nps_change(rows["with_case"], rows["without_case"])

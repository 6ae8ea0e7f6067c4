"""Headline figures: store queries fed to the metric functions (shared by report.py and the pages)."""

from __future__ import annotations

from typing import Any

from metrics.duration import duration_summary
from metrics.funnel import stage_table
from metrics.handoffs import handoff_rate
from metrics.nps import nps
from metrics.satisfaction import ces, csat
from store import Dataset, Filters
from store import queries as q

HEADLINE_KEYS = ("events", "journeys", "nps", "nps_responses", "csat", "ces", "median_journey_hours",
                 "p90_journey_hours", "handoff_rate", "stages", "handoffs")


def headline(ds: Dataset, f: Filters) -> dict[str, Any]:
    """The headline report: every key of HEADLINE_KEYS, percentages as unrounded 0–100 floats."""
    totals = q.totals(ds, f)
    n = nps(q.journey_counts(ds, f, "nps"), weight="n").row(0, named=True)
    sat = csat(q.touchpoint_counts(ds, f, "satisfaction"), weight="n").row(0, named=True)
    effort = ces(q.touchpoint_counts(ds, f, "ces"), weight="n").row(0, named=True)
    facts = q.journeys(ds, f, ["duration_hours", "handoffs"])
    duration = duration_summary(facts).row(0, named=True)
    rate = handoff_rate(facts).row(0, named=True)
    stages = stage_table(
        q.touchpoint_volume(ds, f, ["stage"]),
        csat(q.touchpoint_counts(ds, f, "satisfaction", by=["stage"]), by=["stage"], weight="n"),
        q.stage_reach(ds, f),
        ds.stage_order,
    )
    transitions = q.transitions(ds, f)
    return {
        "events": totals["events"],
        "journeys": totals["journeys"],
        "nps": n["nps"],
        "nps_responses": n["responses"],
        "csat": sat["csat"],
        "ces": effort["ces"],
        "median_journey_hours": duration["median_hours"],
        "p90_journey_hours": duration["p90_hours"],
        "handoff_rate": rate["handoff_rate"],
        "stages": stages.to_dicts(),
        "handoffs": [
            {"from": r["from_channel"], "to": r["to_channel"], "count": r["count"]}
            for r in transitions.iter_rows(named=True)
        ],
    }

"""Journey paths and transitions: their definitions (the reference the store is tested against) and statistics.

A journey's stage path (channel path) is its stages (channels) in journey order with consecutive
repeats collapsed: 앱 → 앱 → 콜센터 is 앱 → 콜센터. A transition is two consecutive touchpoints of
a journey whose stage (channel) differs. Journey order is metrics.journeys.EVENT_ORDER.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from metrics.confidence import with_nps_ci
from metrics.journeys import ordered
from metrics.nps import nps

SEP = chr(31)  # a path's values joined into one key (as store.paths returns them)
SHOWN_SEP = ">"  # the joined form people read and type (report.py, ties in the ordering)
ALPHA = 0.05


def collapse_repeats(column: str) -> pl.Expr:
    """The values of ``column`` (in the frame's order) without consecutive repeats; use within a group."""
    col = pl.col(column)
    return col.filter(col.ne_missing(col.shift(1)))


def journey_paths(events: pl.DataFrame) -> pl.DataFrame:
    """Each journey's stage_path and channel_path (lists): its stages / channels in journey order, consecutive
    repeats collapsed.

    Example: touchpoints 가입/앱, 가입/앱, 가입/콜센터, 개통/콜센터 give stage_path [가입, 개통] and
    channel_path [앱, 콜센터].
    """
    return ordered(events).group_by("journey_id", maintain_order=True).agg(
        collapse_repeats("stage").alias("stage_path"),
        collapse_repeats("channel").alias("channel_path"),
    )


def transition_rows(events: pl.DataFrame, kind: str) -> pl.DataFrame:
    """Every transition of ``kind`` (stage, channel or touchpoint): journey_id, from, to, hours between the two
    touchpoints. Touchpoints without a ``kind`` value are skipped (consecutive means among the named ones).

    Example: app 09:00 → web 10:30 → web 11:00 → app 11:00 gives app→web 1.5 h and web→app 0.0 h.
    """
    ev = ordered(events).filter(pl.col(kind).is_not_null()).with_columns(
        pl.col(kind).shift(1).over("journey_id").alias("from"),
        pl.col("timestamp").shift(1).over("journey_id").alias("prev_ts"),
    )
    return ev.filter(pl.col("from").is_not_null() & (pl.col("from") != pl.col(kind))).select(
        "journey_id", "from", pl.col(kind).alias("to"),
        ((pl.col("timestamp") - pl.col("prev_ts")).dt.total_microseconds() / 3.6e9).alias("hours"),
    )


def path_key(column: str, sep: str = SEP) -> pl.Expr:
    """A path list joined into one string (the grouping key)."""
    return pl.col(column).list.join(sep)


def path_inputs(paths: pl.DataFrame, journeys: pl.DataFrame, kind: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(stats, answers) as store.paths.path_stats and path_answers return them, from ``journey_paths``
    and journey facts (journey_id, duration_hours, nps)."""
    joined = journeys.join(paths.select("journey_id", path_key(f"{kind}_path").alias("path")), on="journey_id")
    stats = joined.group_by("path").agg(pl.len().cast(pl.Int64).alias("journeys"),
                                        pl.col("duration_hours").median().alias("median_journey_hours"))
    answers = joined.filter(pl.col("nps").is_not_null()).group_by("path", "nps").agg(pl.len().cast(pl.Int64).alias("n"))
    return stats, answers


def transition_inputs(rows: pl.DataFrame, journeys: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(stats, answers) as store.paths.transition_stats and transition_answers return them, from
    ``transition_rows`` and journey facts (journey_id, nps)."""
    stats = rows.group_by("from", "to").agg(
        pl.len().cast(pl.Int64).alias("count"),
        pl.col("journey_id").n_unique().cast(pl.Int64).alias("journeys"),
        pl.col("hours").median().alias("median_hours"),
    )
    answers = (rows.select("journey_id", "from", "to").unique().join(journeys.select("journey_id", "nps"), on="journey_id")
               .filter(pl.col("nps").is_not_null()).group_by("from", "to", "nps").agg(pl.len().cast(pl.Int64).alias("n")))
    return stats, answers


def _with_nps(stats: pl.DataFrame, answers: pl.DataFrame, keys: list[str], min_sample: int) -> pl.DataFrame:
    scores = with_nps_ci(nps(answers, by=keys, weight="n")) if answers.height else None
    if scores is None:
        out = stats.with_columns(
            *(pl.lit(0, pl.Int64).alias(c) for c in ("promoters", "passives", "detractors", "responses")),
            *(pl.lit(None, pl.Float64).alias(c) for c in ("nps", "nps_low", "nps_high")))
    else:
        out = stats.join(scores.drop("nps_se"), on=keys, how="left").with_columns(
            pl.col(c).fill_null(0) for c in ("promoters", "passives", "detractors", "responses"))
    return out.with_columns((pl.col("responses") < min_sample).alias("low_sample"))


def path_table(stats: pl.DataFrame, answers: pl.DataFrame, min_sample: int, top: int | None = None) -> pl.DataFrame:
    """Per path: journeys, share (% of the selected journeys), NPS with its 95% interval, low_sample and the
    median journey duration; most journeys first, ties by the path's values joined with ">" (code-point order).

    Parameters
    ----------
    stats: path (values joined by SEP), journeys, median_journey_hours — one row per path.
    answers: path, nps, n — journeys on the path per NPS answer.
    min_sample: paths with fewer NPS answers are marked ``low_sample``.
    top: keep only the first ``top`` paths (share stays a share of all selected journeys).

    Returns
    -------
    path (list of values), journeys, share, promoters, passives, detractors, responses, nps, nps_low, nps_high,
    low_sample, median_journey_hours.

    Example
    -------
    Paths a>b (3 journeys) and a (1 journey) give shares 75.0 and 25.0.
    """
    total = stats["journeys"].sum()
    out = _with_nps(stats, answers, ["path"], min_sample).with_columns(
        (100.0 * pl.col("journeys") / total).alias("share") if total else pl.lit(None, pl.Float64).alias("share"),
        pl.col("path").str.replace_all(SEP, SHOWN_SEP, literal=True).alias("_shown"),
    ).sort(["journeys", "_shown"], descending=[True, False])
    if top is not None:
        out = out.head(top)
    return out.select(
        pl.col("path").str.split(SEP), "journeys", "share", "promoters", "passives", "detractors", "responses",
        "nps", "nps_low", "nps_high", "low_sample", "median_journey_hours")


def path_tree(table: pl.DataFrame, min_share: float = 0.5, max_depth: int = 8) -> pl.DataFrame:
    """The paths as a tree of their beginnings (an icicle): one node per path prefix, its journeys = the journeys
    whose path starts with it, its NPS from their answers (promoters, passives and detractors add up over paths).

    Parameters
    ----------
    table: path_table output for every path (path, journeys, promoters, passives, detractors, responses).
    min_share: prefixes taken by less than this % of the journeys are left out (their journeys stay in the
        parent's value: the part of a node no child covers is the journeys that end there or take a small branch).
    max_depth: at most this many values deep.

    Returns
    -------
    id (the prefix's values joined by SEP), parent ("" for a first value), label (the last value), depth (1 for a
    first value), journeys, share (% of all journeys), ends (journeys whose whole path is this prefix), promoters,
    passives, detractors, responses, nps; parents before children, siblings most journeys first.

    Example
    -------
    Paths a>b (3 journeys) and a (1 journey) give a (4 journeys, 1 ends there) and a>b (3, 3 end there).
    """
    counts = ("journeys", "promoters", "passives", "detractors", "responses")
    total = int(table["journeys"].sum()) if table.height else 0
    nodes: dict[tuple[str, ...], dict[str, int]] = {}
    for row in table.select("path", *counts).iter_rows(named=True):
        path = tuple(row["path"])
        for depth in range(1, min(len(path), max_depth) + 1):
            node = nodes.setdefault(path[:depth], dict.fromkeys((*counts, "ends"), 0))
            for c in counts:
                node[c] += row[c]
        if len(path) <= max_depth:
            nodes[path]["ends"] += row["journeys"]
    kept = {k: v for k, v in nodes.items() if total and 100.0 * v["journeys"] / total >= min_share}
    kept = {k: v for k, v in kept.items() if all(k[:d] in kept for d in range(1, len(k)))}  # whole branches only
    rows = [{"id": SEP.join(k), "parent": SEP.join(k[:-1]), "label": k[-1], "depth": len(k),
             "journeys": v["journeys"], "share": 100.0 * v["journeys"] / total, "ends": v["ends"],
             **{c: v[c] for c in counts[1:]},
             "nps": 100.0 * (v["promoters"] - v["detractors"]) / v["responses"] if v["responses"] else None}
            for k, v in kept.items()]
    schema = {"id": pl.String, "parent": pl.String, "label": pl.String, "depth": pl.Int64, "journeys": pl.Int64,
              "share": pl.Float64, "ends": pl.Int64, "promoters": pl.Int64, "passives": pl.Int64,
              "detractors": pl.Int64, "responses": pl.Int64, "nps": pl.Float64}
    out = pl.DataFrame(rows, schema=schema, orient="row")
    return out.sort(["depth", "journeys", "id"], descending=[False, True, False])


def log_factorials(n: int) -> np.ndarray:
    """log(k!) for k = 0..n (a cumulative sum of logs: no scipy import, which costs seconds on a busy machine)."""
    return np.concatenate([[0.0], np.cumsum(np.log(np.arange(1, n + 1, dtype=float)))])


def fisher_exact_p(a: int, b: int, c: int, d: int, log_fact: np.ndarray | None = None) -> float:
    """Two-sided p-value of Fisher's exact test of the 2×2 table [[a, b], [c, d]]: the probability, under the
    hypergeometric distribution with the table's margins, of the tables at most as likely as this one (scipy's
    ``fisher_exact`` definition, with its 1e-7 relative tolerance). ``log_fact``: ``log_factorials`` of at
    least a + b + c + d, shared by many tables with the same total (scipy's per-call overhead made 5,000 paths
    take 17 s)."""
    n, column, total = a + b, a + c, a + b + c + d
    lf = log_factorials(total) if log_fact is None else log_fact
    lo, hi = max(0, column - (total - n)), min(n, column)
    if hi <= lo:
        return 1.0
    k = np.arange(lo, hi + 1)
    log_pmf = (lf[n] - lf[k] - lf[n - k] + lf[total - n] - lf[column - k] - lf[total - n - column + k]
               - (lf[total] - lf[column] - lf[total - column]))
    observed = log_pmf[a - lo]
    return float(min(1.0, np.exp(log_pmf[log_pmf <= observed + np.log1p(1e-7)]).sum()))


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the input order: q_(i) = min over j ≥ i of
    p_(j) · m / j for the sorted p-values, capped at 1 (statsmodels' ``fdr_bh``)."""
    m = len(p_values)
    if m == 0:
        return []
    p = np.asarray(p_values, dtype=float)
    order = np.argsort(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    q_sorted = np.minimum(np.minimum.accumulate(scaled[::-1])[::-1], 1.0)
    out = np.empty(m)
    out[order] = q_sorted
    return out.tolist()


def detractor_paths(answers: pl.DataFrame, min_sample: int) -> pl.DataFrame:
    """Paths over-represented among detractors: a larger share of all detractors than of all promoters takes
    them, tested by Fisher's exact test (two-sided) with Benjamini-Hochberg false-discovery control over
    the tested paths.

    For each path: detractor_share = detractors on the path / all detractors (%), promoter_share likewise,
    ratio = detractor_share / promoter_share (null when no promoter takes it), p_value of the 2×2 table
    (on the path or not × detractor or promoter), q_value (BH-adjusted), significant (q < 0.05),
    low_sample (fewer than ``min_sample`` detractors and promoters on the path). Passives are left out.

    Returns path (list), detractors, promoters, detractor_share, promoter_share, ratio, p_value, q_value,
    significant, low_sample: only paths with detractor_share > promoter_share, most significant first
    (then most detractors, then the path). Empty when there are no detractors or no promoters.
    """
    per_path = answers.group_by("path").agg(
        pl.col("n").filter(pl.col("nps") <= 6).sum().cast(pl.Int64).alias("detractors"),
        pl.col("n").filter(pl.col("nps") >= 9).sum().cast(pl.Int64).alias("promoters"),
    ).filter((pl.col("detractors") + pl.col("promoters")) > 0)
    all_d, all_p = int(per_path["detractors"].sum()), int(per_path["promoters"].sum())
    columns = {"path": pl.List(pl.String), "detractors": pl.Int64, "promoters": pl.Int64,
               "detractor_share": pl.Float64, "promoter_share": pl.Float64, "ratio": pl.Float64,
               "p_value": pl.Float64, "q_value": pl.Float64, "significant": pl.Boolean, "low_sample": pl.Boolean}
    if all_d == 0 or all_p == 0:
        return pl.DataFrame(schema=columns)
    lf = log_factorials(all_d + all_p)
    p_values = [fisher_exact_p(d, all_d - d, p, all_p - p, lf)
                for d, p in per_path.select("detractors", "promoters").iter_rows()]
    q_values = benjamini_hochberg(p_values)
    out = per_path.with_columns(
        pl.Series("p_value", p_values, pl.Float64), pl.Series("q_value", list(q_values), pl.Float64),
        (100.0 * pl.col("detractors") / all_d).alias("detractor_share"),
        (100.0 * pl.col("promoters") / all_p).alias("promoter_share"),
    ).with_columns(
        pl.when(pl.col("promoter_share") > 0).then(pl.col("detractor_share") / pl.col("promoter_share")).alias("ratio"),
        (pl.col("q_value") < ALPHA).alias("significant"),
        ((pl.col("detractors") + pl.col("promoters")) < min_sample).alias("low_sample"),
        pl.col("path").str.replace_all(SEP, SHOWN_SEP, literal=True).alias("_shown"),
    ).filter(pl.col("detractor_share") > pl.col("promoter_share"))
    out = out.sort(["p_value", "detractors", "_shown"], descending=[False, True, False])
    return out.select(pl.col("path").str.split(SEP), *list(columns)[1:]).cast(columns)


def transition_table(stats: pl.DataFrame, answers: pl.DataFrame, min_sample: int) -> pl.DataFrame:
    """Per transition from → to: count, journeys, median_hours between the two touchpoints, and the NPS (95%
    interval, low_sample) of the journeys that take it; most frequent first, then from, to.

    ``stats``: from, to, count, journeys, median_hours; ``answers``: from, to, nps, n (journeys).
    """
    out = _with_nps(stats, answers, ["from", "to"], min_sample)
    return out.sort(["count", "from", "to"], descending=[True, False, False]).select(
        "from", "to", "count", "journeys", "median_hours", "promoters", "passives", "detractors", "responses",
        "nps", "nps_low", "nps_high", "low_sample")


def shown(path: list[str] | None) -> str:
    """A path as people read it: values joined with " → "."""
    return " → ".join(path or [])

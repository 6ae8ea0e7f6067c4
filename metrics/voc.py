"""Voice of the customer: keyword statistics over comment counts (frames of counts in, tables out)."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from metrics._common import pct
from metrics.confidence import Z_95, two_sided_p, with_nps_ci
from metrics.nps import nps

DETRACTOR, PASSIVE, PROMOTER = "detractor", "passive", "promoter"
PRIOR_SIZE = 1000.0  # α0 of the log-odds prior: pseudo keyword mentions spread as the background's shares


def nps_class(score: str | pl.Expr = "journey_nps") -> pl.Expr:
    """The NPS group of a 0–10 answer, as in metrics.nps: promoter 9–10, passive 7–8, detractor 0–6; null
    without an answer."""
    s = pl.col(score) if isinstance(score, str) else score
    return (pl.when(s >= 9).then(pl.lit(PROMOTER)).when(s >= 7).then(pl.lit(PASSIVE))
            .when(s.is_not_null()).then(pl.lit(DETRACTOR)).otherwise(None))


def keyword_table(counts: pl.DataFrame, journey_nps: pl.DataFrame, total_comments: int, min_sample: int,
                  ) -> pl.DataFrame:
    """Per keyword: comments containing it, their share of all comments (%), the NPS of the journeys whose
    comments mention it (with its 95% interval and ``low_sample`` below ``min_sample`` answers) and the mean
    satisfaction of the touchpoints whose comments carry it.

    Parameters
    ----------
    counts: keyword, comments, ratings, satisfaction_sum (store.voc.keyword_counts).
    journey_nps: keyword, nps, n — journeys mentioning the keyword per NPS answer (store.voc.keyword_journey_nps).
    total_comments: non-empty comments in the selection (the share's denominator).

    Returns
    -------
    keyword, comments, share, nps, nps_responses, nps_low, nps_high, low_sample, mean_satisfaction, ratings;
    most mentioned first (ties by keyword).

    Example
    -------
    >>> keyword_table(pl.DataFrame({"keyword": ["유심"], "comments": [2], "ratings": [1], "satisfaction_sum": [2]}),
    ...               pl.DataFrame({"keyword": ["유심"], "nps": [3], "n": [1]}), 4, 30)["share"][0]
    50.0
    """
    scores = with_nps_ci(nps(journey_nps, by=["keyword"], weight="n")).select(
        "keyword", "nps", pl.col("responses").alias("nps_responses"), "nps_low", "nps_high")
    return (
        counts.join(scores, on="keyword", how="left")
        .with_columns(
            pct(pl.col("comments"), pl.lit(total_comments)).alias("share"),
            pl.col("nps_responses").fill_null(0),
            pl.when(pl.col("ratings") > 0).then(pl.col("satisfaction_sum") / pl.col("ratings"))
            .alias("mean_satisfaction"),
        )
        .with_columns((pl.col("nps_responses") < min_sample).alias("low_sample"))
        .select("keyword", "comments", "share", "nps", "nps_responses", "nps_low", "nps_high", "low_sample",
                "mean_satisfaction", "ratings")
        .sort(["comments", "keyword"], descending=[True, False])
    )


def log_odds(target: pl.DataFrame, other: pl.DataFrame, background: pl.DataFrame,
             prior_size: float = PRIOR_SIZE) -> pl.DataFrame:
    """Weighted log-odds ratio of each keyword, ``target`` vs ``other`` comments, with an informative Dirichlet
    prior (Monroe, Colaresi & Quinn 2008), and its z-score.

    With y_w the comments of a group containing keyword w, n = Σ_w y_w, and prior α_w = α0 · b_w / Σ b (b the
    ``background`` counts, α0 = ``prior_size``, PRIOR_SIZE by default: a prior worth 1,000 keyword mentions, so
    it steadies rare words without drowning a group of a few thousand comments):

        δ_w = ln((y_w^t + α_w) / (n^t + α0 − y_w^t − α_w)) − ln((y_w^o + α_w) / (n^o + α0 − y_w^o − α_w))
        z_w = δ_w / sqrt(1 / (y_w^t + α_w) + 1 / (y_w^o + α_w))

    Parameters
    ----------
    target, other, background: keyword, comments (a keyword missing from a frame has 0 there). Background
        keywords absent from both groups are left out.

    Returns
    -------
    keyword, target_comments, other_comments, log_odds, z; most distinctive of ``target`` first.
    """
    b = background.select("keyword", pl.col("comments").cast(pl.Float64).alias("b"))
    b_total = float(b["b"].sum())
    alpha0 = float(prior_size)
    frame = (
        b.join(target.select("keyword", pl.col("comments").alias("target_comments")), on="keyword", how="left")
        .join(other.select("keyword", pl.col("comments").alias("other_comments")), on="keyword", how="left")
        .with_columns(pl.col("target_comments", "other_comments").fill_null(0).cast(pl.Int64))
        .filter((pl.col("target_comments") + pl.col("other_comments")) > 0)
    )
    if frame.is_empty() or b_total <= 0:
        return pl.DataFrame(schema={"keyword": pl.String, "target_comments": pl.Int64, "other_comments": pl.Int64,
                                    "log_odds": pl.Float64, "z": pl.Float64})
    n_t, n_o = float(frame["target_comments"].sum()), float(frame["other_comments"].sum())
    a = alpha0 * pl.col("b") / b_total
    yt, yo = pl.col("target_comments"), pl.col("other_comments")
    delta = ((yt + a) / (n_t + alpha0 - yt - a)).log() - ((yo + a) / (n_o + alpha0 - yo - a)).log()
    return (
        frame.with_columns(delta.alias("log_odds"), (1 / (yt + a) + 1 / (yo + a)).sqrt().alias("_sd"))
        .with_columns((pl.col("log_odds") / pl.col("_sd")).alias("z"))
        .select("keyword", "target_comments", "other_comments", "log_odds", "z")
        .sort(["z", "keyword"], descending=[True, False])
    )


def distinctive(counts: pl.DataFrame, group: str, target: str | Sequence[str], other: str | Sequence[str] | None = None,
                min_z: float = Z_95) -> pl.DataFrame:
    """Keywords that distinguish the ``target`` value(s) of column ``group`` from ``other`` value(s) (default:
    every other value): ``log_odds`` with the whole of ``counts`` as background, keeping z ≥ ``min_z``.

    ``counts``: ``group``, keyword, comments (rows with a null group count in the background only).
    """
    targets = [target] if isinstance(target, str) else list(target)
    g = pl.col(group)
    in_target = g.is_in(targets)
    in_other = g.is_in([other] if isinstance(other, str) else list(other)) if other is not None else (
        g.is_not_null() & ~in_target)

    def total(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.group_by("keyword").agg(pl.col("comments").sum())

    table = log_odds(total(counts.filter(in_target)), total(counts.filter(in_other)), total(counts))
    return table.filter(pl.col("z") >= min_z)


def associated_words(both: pl.DataFrame, counts: pl.DataFrame, total_comments: int, keyword: str,
                     min_count: int = 5) -> pl.DataFrame:
    """Words that appear in the same comments as ``keyword`` more often than chance: lift = P(w | keyword) / P(w)
    = both · N / (c_keyword · c_w) > 1 (PMI = log2(lift) > 0), over words in at least ``min_count`` comments
    with it.

    Words that contain ``keyword`` or are part of it (its compound or its parts) are left out: they co-occur
    by construction.

    Parameters
    ----------
    both: keyword, both — comments containing ``keyword`` and the other word (store.voc.cooccurrence).
    counts: keyword, comments — comments containing each word (store.voc.keyword_counts).
    total_comments: N, the comments of the selection.

    Returns
    -------
    keyword, both, comments, lift, pmi; strongest lift first (ties: more comments together first).
    """
    own = counts.filter(pl.col("keyword") == keyword)["comments"]
    if own.is_empty() or total_comments <= 0:
        return pl.DataFrame(schema={"keyword": pl.String, "both": pl.Int64, "comments": pl.Int64,
                                    "lift": pl.Float64, "pmi": pl.Float64})
    c_k = float(own[0])
    word = pl.col("keyword")
    return (
        both.filter((pl.col("both") >= min_count) & ~word.str.contains(keyword, literal=True)
                    & ~pl.lit(keyword).str.contains(word, literal=True))
        .join(counts.select("keyword", "comments"), on="keyword")
        .with_columns((pl.col("both") * total_comments / (c_k * pl.col("comments"))).alias("lift"))
        .filter(pl.col("lift") > 1)
        .with_columns(pl.col("lift").log(2).alias("pmi"))
        .select("keyword", pl.col("both").cast(pl.Int64), pl.col("comments").cast(pl.Int64), "lift", "pmi")
        .sort(["lift", "both", "keyword"], descending=[True, True, False])
    )


def rising_keywords(current: pl.DataFrame, current_total: int, previous: pl.DataFrame, previous_total: int,
                    min_count: int = 5, min_z: float = Z_95) -> pl.DataFrame:
    """Keywords whose share of comments rose significantly from the previous period to the current one.

    Pooled two-proportion z test per keyword: p₁ = x₁/n₁, p₀ = x₀/n₀, p = (x₁ + x₀)/(n₁ + n₀),
    z = (p₁ − p₀) / sqrt(p(1 − p)(1/n₁ + 1/n₀)) (statsmodels ``proportions_ztest``); a keyword rises when
    z ≥ ``min_z`` (1.96: 95%, two-sided) and it is in at least ``min_count`` current comments. No comments
    in either period gives an empty table (nothing to compare).

    Parameters
    ----------
    current, previous: keyword, comments per period; current_total, previous_total: the periods' comments.

    Returns
    -------
    keyword, current, previous (shares in %), current_comments, previous_comments, z, p_value; strongest first.
    """
    schema = {"keyword": pl.String, "current": pl.Float64, "previous": pl.Float64, "current_comments": pl.Int64,
              "previous_comments": pl.Int64, "z": pl.Float64, "p_value": pl.Float64}
    if current_total <= 0 or previous_total <= 0:
        return pl.DataFrame(schema=schema)
    n1, n0 = float(current_total), float(previous_total)
    x1, x0 = pl.col("current_comments"), pl.col("previous_comments")
    p = (x1 + x0) / (n1 + n0)
    frame = (
        current.select("keyword", pl.col("comments").alias("current_comments"))
        .join(previous.select("keyword", pl.col("comments").alias("previous_comments")), on="keyword", how="full",
              coalesce=True)
        .with_columns(pl.col("current_comments", "previous_comments").fill_null(0).cast(pl.Int64))
        .with_columns(
            (100.0 * x1 / n1).alias("current"), (100.0 * x0 / n0).alias("previous"),
            ((x1 / n1 - x0 / n0) / (p * (1 - p) * (1 / n1 + 1 / n0)).sqrt()).alias("z"),
        )
        .filter(pl.col("z").is_not_nan() & (pl.col("z") >= min_z) & (x1 >= min_count))
    )
    p_values = [two_sided_p(z) for z in frame["z"].to_list()]
    return (frame.with_columns(pl.Series("p_value", p_values, dtype=pl.Float64))
            .select(list(schema)).sort(["z", "keyword"], descending=[True, False]))


def keyword_shares(counts: pl.DataFrame, totals: pl.DataFrame, by: str) -> pl.DataFrame:
    """Share of each ``by`` group's comments that contain each keyword (%).

    ``counts``: ``by``, keyword, comments; ``totals``: ``by``, comments (all comments of the group). Returns
    ``by``, keyword, comments, group_comments, share; groups without a value are left out.
    """
    return (
        counts.select(by, "keyword", "comments")
        .join(totals.select(by, pl.col("comments").alias("group_comments")), on=by)
        .filter(pl.col(by).is_not_null())
        .with_columns(pct(pl.col("comments"), pl.col("group_comments")).alias("share"))
        .sort([by, "keyword"])
    )

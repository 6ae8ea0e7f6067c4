"""Voice of the customer: the comments' keywords, distinctive and rising words, verbatims and complaints."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import polars as pl

import settings
from i18n import Message
from metrics.periods import comparison_periods
from metrics.voc import (
    DETRACTOR,
    PASSIVE,
    PROMOTER,
    associated_words,
    distinctive,
    keyword_shares,
    keyword_table,
    nps_class,
    rising_keywords,
)
from store import Dataset, Filters
from store import queries as q
from store import voc as voc_store

VOC_KEYWORDS = 100  # the report lists at least this many most-mentioned keywords


VOC_LIST = 30       # and up to this many distinctive and rising keywords per list


@dataclass(frozen=True)
class Voc:
    """The keyword figures of a selection's comments (tables of metrics.voc); ``reason`` when there are none."""

    comments: int
    keywords: pl.DataFrame
    detractor: pl.DataFrame
    promoter: pl.DataFrame
    rising: pl.DataFrame
    periods: dict
    reason: str | None = None


def voc_rising(ds: Dataset, f: Filters, span: tuple | None = None) -> tuple[pl.DataFrame, dict]:
    """metrics.voc.rising_keywords between the comparison periods of metrics.periods (the selected range, else
    the last 30 days of data, against the equal period before); returns (table, periods)."""
    lo, hi = span or q.filter_options(ds)["dates"]  # the data's first and last date (the dashboard caches them)
    periods = comparison_periods(f.since, f.until, lo, hi)
    (cs, cu), (ps, pu) = periods["current"], periods["previous"]
    now, before = dataclasses.replace(f, since=cs, until=cu), dataclasses.replace(f, since=ps, until=pu)
    table = rising_keywords(voc_store.keyword_counts(ds, now), _comments(ds, now),
                            voc_store.keyword_counts(ds, before), _comments(ds, before))
    return table, periods


def rising_between(ds: Dataset, now: Filters, before: Filters) -> pl.DataFrame:
    """metrics.voc.rising_keywords of the comments of the selection ``now`` against ``before`` (the overview's
    period and the one before it): keyword, current, previous, current_comments, previous_comments, z, p_value."""
    return rising_keywords(voc_store.keyword_counts(ds, now), _comments(ds, now),
                           voc_store.keyword_counts(ds, before), _comments(ds, before))


def _keyword_counts(ds: Dataset, f: Filters) -> pl.DataFrame:
    """store.voc.keyword_counts without groups, summed from the per-NPS-answer counts the keyword table also uses
    (one scan instead of two): keyword, comments, ratings, satisfaction_sum."""
    by_nps = voc_store.keyword_counts(ds, f, by=["journey_nps"])
    return by_nps.group_by("keyword").agg(pl.col("comments", "ratings", "satisfaction_sum").sum()).sort("keyword")


def _comments(ds: Dataset, f: Filters) -> int:
    return int(voc_store.comment_totals(ds, f)["comments"][0])


def voc(ds: Dataset, f: Filters, span: tuple | None = None) -> Voc:
    """Keyword table, detractor and promoter keywords (weighted log-odds) and rising keywords of the comments on
    the selected touchpoints."""
    total = _comments(ds, f)
    by_nps = voc_store.keyword_counts(ds, f, by=["journey_nps"]).with_columns(nps_class().alias("nps_class"))
    counts = _keyword_counts(ds, f)
    table = keyword_table(counts, voc_store.keyword_journey_nps(ds, f), total, settings.get_int("min_sample"))
    detractor = distinctive(by_nps, "nps_class", DETRACTOR, PROMOTER)
    promoter = distinctive(by_nps, "nps_class", PROMOTER, DETRACTOR)
    rising, periods = voc_rising(ds, f, span)
    return Voc(total, table, detractor, promoter, rising, periods,
               None if total else Message("reason_no_comments"))


def voc_report(ds: Dataset, f: Filters) -> tuple[dict | None, str | None]:
    """The report's ``voc`` object (README, "Voice of the customer"), or (None, reason) without comments."""
    v = voc(ds, f)
    if v.reason:
        return None, v.reason
    return {
        "comments": v.comments,
        "keywords": v.keywords.head(VOC_KEYWORDS).select(
            "keyword", "comments", "share", "nps", "nps_responses").to_dicts(),
        "detractor_keywords": v.detractor.head(VOC_LIST).select("keyword", "z").to_dicts(),
        "promoter_keywords": v.promoter.head(VOC_LIST).select("keyword", "z").to_dicts(),
        "rising_keywords": v.rising.head(VOC_LIST).select("keyword", "current", "previous", "z").to_dicts(),
    }, None


VOC_GROUPS = ("stage", "channel", "touchpoint", "persona")  # what keyword figures can be split or compared by


def voc_compare(ds: Dataset, f: Filters, column: str, value: str) -> pl.DataFrame:
    """metrics.voc.distinctive: keywords of the comments whose ``column`` (stage, channel, touchpoint or the
    journey's persona) is ``value``, against the selection's other comments."""
    return distinctive(voc_store.keyword_counts(ds, f, by=[column]), column, value)


def voc_associated(ds: Dataset, f: Filters, keyword: str) -> pl.DataFrame:
    """metrics.voc.associated_words of ``keyword`` over the selection's comments."""
    counts = _keyword_counts(ds, f).select("keyword", "comments")
    return associated_words(voc_store.cooccurrence(ds, f, keyword), counts, _comments(ds, f), keyword)


def voc_split(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """metrics.voc.keyword_shares per ``by`` group (stage, channel, touchpoint or persona)."""
    return keyword_shares(voc_store.keyword_counts(ds, f, by=[by]), voc_store.comment_totals(ds, f, by=[by]), by)


def top_complaints(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """Per ``by`` group (stage or touchpoint): its top complaint keyword — the keyword most distinctive of the
    group's comments from detractor journeys against its comments from passive and promoter journeys
    (metrics.voc.distinctive, z ≥ 1.96; all the group's comments as the prior) — with its z, the detractor
    comments of the group containing it, and a quote: the newest such comment, masked. Groups without a
    distinctive keyword have no row.

    Returns ``by``, keyword, z, comments, quote.
    """
    counts = voc_store.keyword_counts(ds, f, by=[by, "journey_nps"]).with_columns(nps_class().alias("nps_class"))
    rows = []
    for value in counts[by].drop_nulls().unique().sort().to_list():
        table = distinctive(counts.filter(pl.col(by) == value), "nps_class", DETRACTOR, [PASSIVE, PROMOTER])
        if table.is_empty():
            continue
        top = table.row(0, named=True)
        said = voc_store.verbatims(ds, f, top["keyword"], group=(by, value), limit=200)
        said = said.filter(nps_class() == DETRACTOR)
        rows.append({by: value, "keyword": top["keyword"], "z": top["z"], "comments": top["target_comments"],
                     "quote": said["comment"][0] if said.height else None})
    return pl.DataFrame(rows, schema={by: pl.String, "keyword": pl.String, "z": pl.Float64, "comments": pl.Int64,
                                      "quote": pl.String})


def top_keywords(ds: Dataset, f: Filters, limit: int) -> list[str]:
    """The ``limit`` most mentioned keywords of the selection's comments (ties by keyword), for the keyword filter."""
    counts = voc_store.keyword_counts(ds, f).sort(["comments", "keyword"], descending=[True, False])
    return counts["keyword"].head(limit).to_list()


def verbatims(ds: Dataset, f: Filters, keyword: str, search: str) -> pl.DataFrame:
    """store.voc.verbatims (masked, newest first), for ``keyword`` and ``search`` when not empty."""
    return voc_store.verbatims(ds, f, keyword or None, search or None)

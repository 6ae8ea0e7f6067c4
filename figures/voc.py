"""Voice of the customer: the comments' keywords, distinctive and rising words, verbatims and complaints."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

import settings
from figures import privacy
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
    hidden: bool = False  # the selection has too few customers to show (``reason`` says so)


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
    if _selection_hidden(ds, now):
        return rising_keywords(voc_store.keyword_counts(ds, now).clear(), 0,
                               voc_store.keyword_counts(ds, before).clear(), 0)
    return _shown(rising_keywords(voc_store.keyword_counts(ds, now), _comments(ds, now),
                                  voc_store.keyword_counts(ds, before), _comments(ds, before)), ds, now)


def _keyword_counts(ds: Dataset, f: Filters) -> pl.DataFrame:
    """store.voc.keyword_counts without groups, summed from the per-NPS-answer counts the keyword table also uses
    (one scan instead of two): keyword, comments, ratings, satisfaction_sum."""
    by_nps = voc_store.keyword_counts(ds, f, by=["journey_nps"])
    return by_nps.group_by("keyword").agg(pl.col("comments", "ratings", "satisfaction_sum").sum()).sort("keyword")


def _comments(ds: Dataset, f: Filters) -> int:
    return int(voc_store.comment_totals(ds, f)["comments"][0])


def _selection_hidden(ds: Dataset, f: Filters) -> bool:
    return privacy.min_group() is not None and privacy.small(int(q.customers(ds, f)["customers"][0]))


def _shown(table: pl.DataFrame, ds: Dataset, f: Filters, by: Sequence[str] = (), column: str = "keyword"
           ) -> pl.DataFrame:
    """``table`` without the keywords (per ``by`` group) mentioned by fewer than min_group customers, when
    suppression is on: a rare word can name the few who wrote it, so it is left out, not marked."""
    n = privacy.min_group()
    if n is None or table.is_empty():
        return table
    enough = (voc_store.keyword_customers(ds, f, by).filter(pl.col("customers") >= n)
              .select(*by, pl.col("keyword").alias(column)))
    on = [*by, column]
    return table.join(enough.with_columns(pl.col(b).cast(table.schema[b]) for b in on), on=on, how="semi",
                      nulls_equal=True, maintain_order="left")


def voc(ds: Dataset, f: Filters, span: tuple | None = None) -> Voc:
    """Keyword table, detractor and promoter keywords (weighted log-odds) and rising keywords of the comments on
    the selected touchpoints; with suppression on, none for a selection of fewer than min_group customers (its
    ``reason`` says so) and no keyword mentioned by fewer."""
    if _selection_hidden(ds, f):
        empty = pl.DataFrame(schema={"keyword": pl.String})
        return Voc(0, empty, empty, empty, empty, {}, privacy.hidden_selection(), hidden=True)
    total = _comments(ds, f)
    by_nps = voc_store.keyword_counts(ds, f, by=["journey_nps"]).with_columns(nps_class().alias("nps_class"))
    counts = _keyword_counts(ds, f)
    table = keyword_table(counts, voc_store.keyword_journey_nps(ds, f), total, settings.get_int("min_sample"))
    detractor = distinctive(by_nps, "nps_class", DETRACTOR, PROMOTER)
    promoter = distinctive(by_nps, "nps_class", PROMOTER, DETRACTOR)
    rising, periods = voc_rising(ds, f, span)
    table, detractor, promoter, rising = (_shown(x, ds, f) for x in (table, detractor, promoter, rising))
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
    return _in_group(distinctive(voc_store.keyword_counts(ds, f, by=[column]), column, value), ds, f, column, value)


def _in_group(table: pl.DataFrame, ds: Dataset, f: Filters, column: str, value) -> pl.DataFrame:
    """``table`` (a ``keyword`` column) without the keywords fewer than min_group customers of the ``column`` =
    ``value`` group mention, when suppression is on."""
    n = privacy.min_group()
    if n is None or table.is_empty():
        return table
    counts = voc_store.keyword_customers(ds, f, [column])
    enough = counts.filter((pl.col(column).cast(pl.String) == str(value)) & (pl.col("customers") >= n))["keyword"]
    return table.filter(pl.col("keyword").is_in(enough.implode()))


def voc_associated(ds: Dataset, f: Filters, keyword: str) -> pl.DataFrame:
    """metrics.voc.associated_words of ``keyword`` over the selection's comments; with suppression on, none for a
    keyword fewer than min_group customers wrote, and no word that rare."""
    counts = _keyword_counts(ds, f).select("keyword", "comments")
    words = associated_words(voc_store.cooccurrence(ds, f, keyword), counts, _comments(ds, f), keyword)
    if privacy.min_group() is not None and _shown(pl.DataFrame({"keyword": [keyword]}), ds, f).is_empty():
        return words.clear()
    return _shown(words, ds, f)


def voc_split(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """metrics.voc.keyword_shares per ``by`` group (stage, channel, touchpoint or persona)."""
    return _shown(keyword_shares(voc_store.keyword_counts(ds, f, by=[by]), voc_store.comment_totals(ds, f, by=[by]),
                                 by), ds, f, [by])


def top_complaints(ds: Dataset, f: Filters, by: str) -> pl.DataFrame:
    """Per ``by`` group (stage or touchpoint): its top complaint keyword — the keyword most distinctive of the
    group's comments from detractor journeys against its comments from passive and promoter journeys
    (metrics.voc.distinctive, z ≥ 1.96; all the group's comments as the prior) — with its z, the detractor
    comments of the group containing it, and a quote: the newest such comment, masked. Groups without a
    distinctive keyword have no row.

    Returns ``by``, keyword, z, comments, quote.
    """
    counts = voc_store.keyword_counts(ds, f, by=[by, "journey_nps"]).with_columns(nps_class().alias("nps_class"))
    if _selection_hidden(ds, f):
        counts = counts.clear()
    tops = []
    for value in counts[by].drop_nulls().unique().sort().to_list():
        table = distinctive(counts.filter(pl.col(by) == value), "nps_class", DETRACTOR, [PASSIVE, PROMOTER])
        # with suppression on, only a keyword at least min_group of the group's customers wrote is quoted
        table = _in_group(table, ds, f, by, value)
        if not table.is_empty():
            tops.append({by: value, **table.select("keyword", "z", "target_comments").row(0, named=True)})
    schema = {by: pl.String, "keyword": pl.String, "z": pl.Float64, "comments": pl.Int64}
    if not tops:
        return pl.DataFrame(schema={**schema, "quote": pl.String})
    quotes = voc_store.newest_detractor_quotes(ds, f, by, [(t[by], t["keyword"]) for t in tops])
    return (pl.DataFrame(tops).rename({"target_comments": "comments"}).cast(schema)
            .join(quotes.select(by, "keyword", pl.col("comment").alias("quote")), on=[by, "keyword"], how="left", maintain_order="left")
            .select(*schema, "quote"))


def top_keywords(ds: Dataset, f: Filters, limit: int) -> list[str]:
    """The ``limit`` most mentioned keywords of the selection's comments (ties by keyword), for the keyword filter."""
    counts = voc_store.keyword_counts(ds, f).sort(["comments", "keyword"], descending=[True, False])
    return _shown(counts, ds, f)["keyword"].head(limit).to_list()


def verbatims(ds: Dataset, f: Filters, keyword: str, search: str) -> pl.DataFrame:
    """store.voc.verbatims (masked, newest first), for ``keyword`` and ``search`` when not empty; none when
    ``verbatims_hidden`` says why."""
    found = voc_store.verbatims(ds, f, keyword or None, search or None)
    return found.clear() if verbatims_hidden(ds, f, keyword, search) else found


def verbatims_hidden(ds: Dataset, f: Filters, keyword: str, search: str) -> Message | None:
    """Why no comment is quoted, with suppression on: the selection has fewer than min_group customers, or the
    comments found for ``keyword`` and ``search`` come from fewer; else None."""
    if privacy.min_group() is None:
        return None
    if _selection_hidden(ds, f):
        return privacy.hidden_selection()
    if privacy.small(voc_store.verbatim_customers(ds, f, keyword or None, search or None)):
        return Message("suppressed_comments", n=privacy.min_group())
    return None

"""Wide survey exports (one row per respondent, one column per rated touchpoint) read as canonical events.

A survey tool's export (Qualtrics, SurveyMonkey, Google Forms, a research agency's Excel) is read
as one journey per respondent with one rated touchpoint per rating column:

- a **rating column** is a column whose answers (after the not-applicable cells) are whole numbers
  on one small scale: 1–5, 1–7, 1–10 or 0–10 (a column whose largest answer is below 4, or that
  holds anything but whole numbers from 0 to 10 in more than 5% of its answered cells, is not one);
- **not applicable** is not a rating and not an invalid row: an empty cell, one of the
  ``not_applicable`` setting's words (compared ignoring case and spaces), and 0 in a column whose
  other answers are 1–5; such cells are neither counted nor quarantined;
- each answered rating cell is one event: ``journey_id`` = the respondent id column when there is
  one (a column named like an id whose values are unique), else the row number; ``stage`` = the
  column's name unless mapped to a stage; ``touchpoint`` = the column's name; ``channel`` =
  ``survey``; ``satisfaction`` = the answer placed on the 1–5 axis (see ``to_five``); a comment
  column (``의견``, ``comment``…, else the wordiest column of free text: ``ingest.kinds``) is the respondent's
  ``comment``, on their first rated answer only; the answer date is the ``timestamp`` column (by name, else the
  first column of dates); both can be mapped (``--map``, the Upload page) or declined;
- the **outcome** is an NPS column (0–10, named like NPS or the only 0–10 column), else an overall
  satisfaction score, else a two-valued label (``satisfied`` / ``neutral or dissatisfied``,
  ``만족`` / ``불만족``); the caller may choose another column;
- every other column is kept (text columns with few values become filter dimensions).

The description of this reading (``SurveyInfo``) travels in the Parquet file's key-value metadata,
so report.py and the pages know which figures the data cannot give (no event times).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

import settings
from errors import DataError
from ingest import kinds, reasons, values
from ingest.ingested import FORMAT, QUARANTINE_SCHEMA, Ingested, Outcome, Rating, SurveyInfo
from ingest.mapping import ALIASES, ColumnMapping, normalise
from ingest.notes import Note, assumed_notes
from ingest.read import RawTable
from ingest.schema import CANONICAL
from ingest.weights import respondent_weights
from metrics import weights as metrics_weights

EVENTS, SURVEY = "events", "survey"
METADATA_KEY = "cxlens.survey"
CHANNEL = "survey"
# A survey without an answer date still needs a time per event in the store; no figure that depends
# on event times is given for it (figures: survey statistics), so this value is never shown.
NO_DATE = dt.datetime(1970, 1, 1)
# Share of answered cells of a rating column that may be something else (they are quarantined); one such
# cell is always allowed, so a small file with one typo still has its rating column.
MAX_OTHER_SHARE = 0.05
SCALES = ((1, 5), (1, 7), (1, 10), (0, 10))

_ID_NAMES = {normalise(n) for n in (
    "id", "respondent", "respondent_id", "response_id", "responseid", "응답자", "응답자ID", "응답자번호", "응답ID",
    "응답번호", "설문번호", "respondent id", *ALIASES["journey_id"], *ALIASES["customer_id"], "journey_id",
    "customer_id", "고객여정ID")}
_NPS_WORDS = ("nps", "recommend", "추천")
_OVERALL_WORDS = ("overall", "전반", "종합", "전체")
_SATISFIED_WORDS = ("satisf", "만족", "recommend", "추천", "outcome", "result", "label", "결과")
_NEGATIVE_WORDS = ("dissatisf", "unsatisf", "not", "neutral", "불만", "보통", "미만족", "no", "아니")


@dataclass(frozen=True)
class Candidate:
    """A column that could be a rating, before the reading is chosen: its parsed answers and scale."""

    column: str
    low: int
    high: int
    zero_is_not_applicable: bool
    answers: pl.Series = field(repr=False)    # Float64, null = not applicable or unreadable
    unreadable: pl.Series = field(repr=False)  # Boolean, a cell that is neither an answer nor not applicable


def not_applicable_words() -> tuple[str, ...]:
    """The ``not_applicable`` setting's words, compared after removing spaces and case."""
    return tuple(_key(w) for w in settings.get("not_applicable").split(",") if w.strip())


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def _cells(series: pl.Series) -> tuple[pl.Series, pl.Series, pl.Series]:
    """(number, not applicable, unreadable) per cell of a column; a text cell may start with its number ("5 - Very good")."""
    if series.dtype.is_numeric():
        number = series.cast(pl.Float64)
        na = number.is_null() | number.is_nan()
        return pl.Series(number.fill_nan(None)), na, pl.Series([False] * series.len())
    text = pl.Series(series.cast(pl.String)).str.strip_chars()
    folded = text.str.replace_all(r"\s+", "").str.to_lowercase()
    na = text.is_null() | text.is_in(list(values.NULL_TOKENS)) | folded.is_in(list(not_applicable_words()))
    # "5", "5 - Very satisfied", "5) 매우 만족", "5점": a number then nothing, or a label; never a time ("09:05"),
    # a date ("2026-03-01") or a decimal part.
    number = text.str.extract(r"^([+-]?\d+(?:\.\d+)?)(?:\s*$|\s*[-–.)]\s*[^\d\s]|\s*[^\d\s:.,/-])", 1).cast(
        pl.Float64, strict=False)
    number = pl.select(pl.when(na).then(None).otherwise(number)).to_series()
    return number, na, ~na & number.is_null()


def candidate(series: pl.Series) -> Candidate | None:
    """The column as a rating on its detected scale, or None when it is not one (see the module docstring)."""
    if series.dtype in (pl.Date, pl.Datetime, pl.Boolean):
        return None
    number, na, unreadable = _cells(series)
    found = _scale(number, unreadable)
    if found is None:
        return None
    low, high, zero_na = found
    if zero_na:
        number = pl.select(pl.when(number == 0).then(None).otherwise(number)).to_series()
    return Candidate(series.name, low, high, zero_na, number, unreadable)


def scale_of(series: pl.Series) -> tuple[int, int] | None:
    """The scale (low, high) ``candidate`` detects in the column, or None: the same decision, taken on the column's
    distinct values each counted as often as it occurs (a few dozen values instead of every row)."""
    if series.dtype in (pl.Date, pl.Datetime, pl.Boolean):
        return None
    distinct = series.rename("value").value_counts(name="occurs")
    number, _, unreadable = _cells(distinct["value"])
    found = _scale(number, unreadable, distinct["occurs"])
    return None if found is None else found[:2]


def _scale(number: pl.Series, unreadable: pl.Series, occurs: pl.Series | None = None) -> tuple[int, int, bool] | None:
    """(low, high, zero is not applicable) of cells read as ``number`` (null: no answer) and ``unreadable``, each cell
    standing for ``occurs`` cells (default one), or None when they are no rating."""
    weight = pl.Series([1] * number.len()) if occurs is None else occurs
    answered_cells = int(weight.filter(number.is_not_null()).sum())
    bad = int(weight.filter(unreadable).sum())
    if answered_cells < 2 or (bad > 1 and bad > MAX_OTHER_SHARE * (answered_cells + bad)):
        return None
    answered = number.drop_nulls()
    on_scale = (answered == answered.round()) & (answered >= 0) & (answered <= 10)
    if not bool(on_scale.all()):
        return None
    low, high = int(answered.min()), int(answered.max())
    if high < 4:
        return None
    zero_na = False
    if high <= 5:
        scale = (1, 5)
        zero_na = low == 0
    elif high <= 7 and low >= 1:
        scale = (1, 7)
    elif low >= 1:
        scale = (1, 10)
    else:
        scale = (0, 10)
    return scale[0], scale[1], zero_na


def to_five(number: pl.Expr, low: int, high: int) -> pl.Expr:
    """An answer on a ``low``–``high`` scale placed on the 1–5 axis of ``satisfaction``, keeping top-2-box.

    Piecewise linear: the lowest answer → 1, the second highest → 4, the highest → 5, linear in
    between. On 1–5 it is the identity; on any scale the top two answers (and only they) land at ≥ 4,
    so CSAT (% ≥ 4) is the top-2-box of the column's own scale, and means of columns on different
    scales share one axis (the emotion curve, the key drivers).
    """
    if (low, high) == (1, 5):
        return number
    second = high - 1
    below = 1 + 3 * (number - low) / (second - low)
    return pl.when(number >= second).then(4 + (number - second)).otherwise(below)


def from_five(satisfaction: pl.Expr, low: int, high: int) -> pl.Expr:
    """The answer on the column's own ``low``–``high`` scale of a ``satisfaction`` placed by ``to_five`` (its inverse),
    as a whole number."""
    if (low, high) == (1, 5):
        return satisfaction.round().cast(pl.Int64)
    second = high - 1
    below = low + (satisfaction - 1) * (second - low) / 3
    return pl.when(satisfaction >= 4).then(second + (satisfaction - 4)).otherwise(below).round().cast(pl.Int64)


def _respondent_column(raw: RawTable, exclude: set[str]) -> str | None:
    for column in raw.columns:
        if column in exclude or normalise(column) not in _ID_NAMES:
            continue
        ids = values.text(pl.col(column))
        s = raw.frame.select(ids.alias("v"))["v"]
        if s.null_count() == 0 and s.n_unique() == s.len():
            return column
    return None


def _is_nps_name(column: str) -> bool:
    key = normalise(column)
    return any(w in key for w in _NPS_WORDS)


def _label_values(series: pl.Series) -> list[str] | None:
    if series.dtype != pl.String:
        return None
    text = pl.select(values.text(pl.lit(series))).to_series().drop_nulls()
    distinct = sorted(text.unique().to_list())
    if len(distinct) != 2 or values.looks_numeric(text):
        return None
    return distinct


def _positive(labels: Sequence[str]) -> str:
    """The satisfied value of a two-valued label: the one that names satisfaction without a negation."""
    def score(v: str) -> tuple[int, str]:
        k = _key(v)
        negative = any(w in k for w in _NEGATIVE_WORDS)
        positive = any(w in k for w in ("satisf", "만족", "yes", "예", "promot", "추천", "good", "좋"))
        return (0 if positive and not negative else 1 if not negative else 2, v)

    return min(labels, key=score)


def _outcome(raw: RawTable, ratings: dict[str, Candidate], chosen: str | None) -> Outcome | None:
    """The outcome column (see the module docstring); ``chosen`` names it explicitly ("" for none)."""
    if chosen == "":
        return None

    def as_outcome(column: str) -> Outcome | None:
        stored = f"{column}_source" if column in CANONICAL else column
        if column in ratings:
            c = ratings[column]
            if (c.low, c.high) == (0, 10) and (_is_nps_name(column) or chosen is None):
                return Outcome(column, stored, "nps", "9–10", 0, 10)
            if _is_nps_name(column) and c.high > 7:
                return Outcome(column, stored, "nps", "9–10", 0, 10)
            return Outcome(column, stored, "score", f"{c.high - 1}–{c.high}", c.low, c.high)
        labels = _label_values(raw.frame[column])
        if labels is not None:
            return Outcome(column, stored, "label", _positive(labels), values=tuple(labels))
        return None

    if chosen is not None:
        if chosen not in raw.columns:
            raise DataError("survey_no_outcome_column", column=chosen)
        found = as_outcome(chosen)
        if found is None:
            raise DataError("survey_bad_outcome", column=chosen)
        return found
    zero_ten = [c for c in ratings.values() if (c.low, c.high) == (0, 10)]
    named = [c for c in ratings.values() if _is_nps_name(c.column) and c.high > 7]
    if named:
        return as_outcome(named[0].column)
    if len(zero_ten) == 1 and all(c.high <= 7 for c in ratings.values() if c is not zero_ten[0]):
        return as_outcome(zero_ten[0].column)
    for c in ratings.values():
        key = normalise(c.column)
        if any(w in key for w in _OVERALL_WORDS):
            return Outcome(c.column, c.column, "score", f"{c.high - 1}–{c.high}", c.low, c.high)
    for column in raw.columns:
        if column in ratings:
            continue
        labels = _label_values(raw.frame[column])
        if labels is None:
            continue
        words = _key(column) + " " + " ".join(_key(v) for v in labels)
        if any(w in words for w in _SATISFIED_WORDS):
            return as_outcome(column)
    return None


def candidates(raw: RawTable, exclude: Sequence[str] = ()) -> dict[str, Candidate]:
    """Every rating column of the file (in file order), except ``exclude``."""
    out = {}
    for column in raw.columns:
        if column in exclude:
            continue
        found = candidate(raw.frame[column])
        if found is not None:
            out[column] = found
    return out


def reading(raw: RawTable, mapping: ColumnMapping) -> str:
    """``survey`` when the event mapping lacks a required column and at least two unmapped rating
    columns are there; else ``events``."""
    if mapping.ready:
        return EVENTS
    mapped = set(mapping.columns.values())
    ratings = [c for c in raw.columns if c not in mapped and candidate(raw.frame[c]) is not None]
    return SURVEY if len(ratings) >= 2 else EVENTS



WORKING = ("ts", "ts_shown", "value", "bad", "answer", "order", "comment")


def working_names(columns: list[str]) -> dict[str, str]:
    """Names for the reader's scratch columns that no column of the file has: ``__cxlens_<name>`` (ingest's
    namespace, as the row numbers' ``__cxlens_row``), with ``_`` appended while the file has that name too."""
    taken = set(columns)
    out = {}
    for base in WORKING:
        name = f"__cxlens_{base}"
        while name in taken:
            name += "_"
        out[base] = name
    return out


def found_by_values(raw: RawTable, exclude: set[str], declined: Collection[str] = ()) -> dict[str, str]:
    """The answer date (``timestamp``) and ``comment`` columns found by their values (``ingest.kinds``) among the
    columns not in ``exclude``, for the fields not ``declined``: the first date column, the wordiest free-text one."""
    rest = [c for c in raw.columns if c not in exclude and candidate(raw.frame[c]) is None]
    found = {}
    if "timestamp" not in declined:
        dates = [c for c in rest if kinds.is_dates(raw.frame[c])]
        if dates:
            found["timestamp"] = dates[0]
    if "comment" not in declined:
        texts = [c for c in rest if c not in found.values() and kinds.is_free_text(raw.frame[c])]
        if texts:
            lengths = {c: pl.select(values.text(pl.lit(raw.frame[c]))).to_series().str.len_chars().mean() for c in texts}
            found["comment"] = max(texts, key=lambda c: (lengths[c], -texts.index(c)))
    return found


def read(raw: RawTable, mapping: ColumnMapping, *, outcome: str | None = None,
         stages: Mapping[str, str] | None = None, strict: bool = False, digest: str = "",
         declined: Collection[str] = (), rake: Mapping[str, Mapping[str, float]] | None = None):
    """The survey's answers as canonical events (``ingest.Ingested`` with ``survey`` set).

    ``mapping`` (from ``ingest.propose``) gives the respondent id (journey_id or customer_id), the
    answer date (timestamp), persona and channel when the file has them; ``outcome`` names the
    outcome column ("" for none); ``stages`` maps rating columns to stage names. An answer date or comment column
    the mapping lacks is found by its values (``found_by_values``) unless the field is in ``declined`` (the user
    chose none); a note says which column was taken. ``rake`` (column → {value: share}) rakes the respondents'
    weights to those shares (``metrics.weights.rake``), starting from the weight column when there is one.
    """

    stages = dict(stages or {})
    for column in stages:
        if column not in raw.columns:
            raise DataError("survey_no_stage_column", column=column)
    cols = mapping.columns
    time_column = cols.get("timestamp")
    persona_column = cols.get("persona")
    comment_column = cols.get("comment")
    channel_column = cols.get("channel")
    respondent = cols.get("journey_id") or cols.get("customer_id")
    if respondent is None and "journey_id" not in declined:
        respondent = _respondent_column(raw, set())
    weight_column, responded_column, invited_column = cols.get("weight"), cols.get("responded"), cols.get("invited")
    exclude = {c for c in (time_column, persona_column, channel_column, respondent, comment_column, weight_column,
                           responded_column, invited_column) if c}
    guessed = found_by_values(raw, exclude | set(stages), {*declined, *(f for f in ("timestamp", "comment")
                                                                         if cols.get(f))})
    time_column = time_column or guessed.get("timestamp")
    comment_column = comment_column or guessed.get("comment")
    exclude |= set(guessed.values())
    notes = (*assumed_notes(mapping.assumed),
             *(Note(f"note_survey_{f}_by_values", {"column": c}) for f, c in guessed.items()))
    found = candidates(raw, sorted(exclude))
    result = _outcome(raw, found, outcome)
    if result is not None and result.column in exclude:
        raise DataError("survey_outcome_reused", column=result.column)
    ratings = {c: v for c, v in found.items() if result is None or c != result.column}
    limit = settings.get_int("max_rating_columns")
    if len(ratings) > limit:  # each rating column is a stage of every respondent: the work grows with their product
        raise DataError("too_many_ratings", name=raw.name, ratings=f"{len(ratings):,}", limit=f"{limit:,}")
    if not ratings:
        raise DataError("survey_no_rating_column", name=raw.name)
    frame = raw.frame
    ids = (values.text(pl.col(respondent)) if respondent else pl.col(raw.row).cast(pl.String)).alias("journey_id")
    if respondent:
        dup = frame.select(ids).filter(pl.col("journey_id").is_duplicated())
        if dup.height:
            raise DataError("survey_duplicate_respondent", column=respondent, value=dup["journey_id"][0])
    w = working_names(raw.frame.columns)
    quarantine = []
    invitations = _invitations(raw, frame, ratings, responded_column, invited_column)
    # An invited row that did not respond has no answer (nor answer date): counted in the response rate, not
    # quarantined.
    silent = (frame.select(raw.row).join(invitations.filter(~pl.col("responded")).select(raw.row), on=raw.row,
                                         how="semi") if invitations is not None
              else pl.DataFrame(schema={raw.row: frame.schema[raw.row]}))
    if time_column:
        dtype = frame.schema[time_column]
        ts = values.timestamp(pl.col(time_column), dtype)
        frame = frame.with_columns(ts.alias(w["ts"]), values.text(pl.col(time_column)).alias(w["ts_shown"]))
        bad = frame.filter(pl.col(w["ts"]).is_null()).join(silent, on=raw.row, how="anti")
        quarantine.append(bad.select(
            pl.col(raw.row).alias("row"), pl.lit(time_column).alias("column"), pl.col(w["ts_shown"]).alias("value"),
            pl.when(pl.col(w["ts_shown"]).is_null()).then(reasons.reason("invalid_missing", field="timestamp"))
            .otherwise(reasons.reason("invalid_timestamp", value=pl.col(w["ts_shown"]))).alias("reason")))
    else:
        frame = frame.with_columns(pl.lit(NO_DATE, pl.Datetime("us")).alias(w["ts"]))
    nps_values = None
    if result is not None and result.kind in ("nps", "score"):
        c = found[result.column]
        bad = frame.with_columns(c.answers.alias(w["value"]), c.unreadable.alias(w["bad"])).filter(pl.col(w["bad"]))
        quarantine.append(bad.select(
            pl.col(raw.row).alias("row"), pl.lit(result.column).alias("column"),
            values.text(pl.col(result.column)).alias("value"),
            reasons.reason("invalid_not_scale_number", column=result.column, value=values.text(pl.col(result.column)),
                           scale=f"{c.low}–{c.high}").alias("reason")))
        nps_values = c.answers
    rating_list = []
    long = []
    for column, c in ratings.items():
        stage = stages.get(column, column)
        shown = values.text(pl.col(column))
        part = frame.with_columns(c.answers.alias(w["answer"]), c.unreadable.alias(w["bad"]))
        bad = part.filter(pl.col(w["bad"]) & pl.col(w["ts"]).is_not_null())
        quarantine.append(bad.select(
            pl.col(raw.row).alias("row"), pl.lit(column).alias("column"), shown.alias("value"),
            reasons.reason("invalid_not_rating", column=column, value=shown, scale=f"{c.low}–{c.high}")
            .alias("reason")))
        answered = part.filter(pl.col(w["answer"]).is_not_null() & pl.col(w["ts"]).is_not_null())
        long.append(answered.select(
            pl.col(raw.row), ids, pl.col(w["ts"]).alias("timestamp"), pl.lit(stage).alias("stage"),
            (values.text(pl.col(channel_column)).fill_null(CHANNEL) if channel_column else pl.lit(CHANNEL))
            .alias("channel"),
            pl.lit(column).alias("touchpoint"),
            to_five(pl.col(w["answer"]), c.low, c.high).alias("satisfaction"),
            pl.lit(len(rating_list)).alias(w["order"]),
        ))
        na = part.filter(pl.col(w["answer"]).is_null() & ~pl.col(w["bad"])).height
        rating_list.append(Rating(column, stage, c.low, c.high, c.zero_is_not_applicable, answered.height, na))
    events = pl.concat(long).sort(raw.row, w["order"])
    if events.height == 0:
        raise DataError("survey_no_ratings", name=raw.name, n=len(ratings), columns=", ".join(repr(c) for c in ratings))
    quarantine_frame = pl.concat([q.cast(QUARANTINE_SCHEMA) for q in quarantine]) if quarantine else \
        pl.DataFrame(schema=QUARANTINE_SCHEMA)
    rated_rows = events.select(raw.row).unique()
    # A respondent who rated nothing (every cell not applicable) has no event: listed, not silently lost; an
    # invited row that did not respond is counted in the response rate instead.
    unrated = frame.join(rated_rows, on=raw.row, how="anti").join(silent, on=raw.row, how="anti").filter(
        pl.col(w["ts"]).is_not_null())
    quarantine_frame = pl.concat([quarantine_frame, unrated.select(
        pl.col(raw.row).cast(pl.Int64).alias("row"), pl.lit(None, pl.String).alias("column"),
        pl.lit(None, pl.String).alias("value"),
        reasons.reason("invalid_no_rating", n=len(ratings)).alias("reason"))]).sort("row", "column")
    quarantine_frame, messages = reasons.in_english(quarantine_frame)
    if strict and quarantine_frame.height:
        first = quarantine_frame.row(0, named=True)
        raise DataError("cells_invalid_many" if quarantine_frame.height > 1 else "cells_invalid_one", name=raw.name,
                        count=f"{quarantine_frame.height:,}", row=first["row"], reason=messages[first["reason"]])
    # Per respondent: the outcome (NPS as the canonical nps answer on each of its events) and the
    # other columns as they are (text columns with few values become filter dimensions).
    used = {*ratings, *(c for c in (time_column, channel_column, respondent, weight_column, responded_column,
                                     invited_column) if c)}
    if result is not None and result.kind == "nps":
        used.add(result.column)
    if comment_column in ratings or (result is not None and comment_column == result.column):
        comment_column = None
        notes = tuple(n for n in notes if n.key != "note_survey_comment_by_values")
    kept = [c for c in raw.columns if c not in used and c not in (persona_column, comment_column)]
    per_row = frame.select(
        pl.col(raw.row),
        *([values.text(pl.col(persona_column)).alias("persona")] if persona_column else []),
        *([pl.Series("nps", nps_values)] if result is not None and result.kind == "nps" else []),
        *([values.text(pl.col(comment_column)).alias(w["comment"])] if comment_column else []),
        *(_kept(frame[c], result).alias(f"{c}_source" if c in CANONICAL else c) for c in kept),
    )
    if result is not None and result.kind == "nps":
        per_row = per_row.with_columns(
            pl.when(pl.col("nps") == pl.col("nps").round()).then(pl.col("nps")).alias("nps"))
    events = events.join(per_row, on=raw.row, how="left")
    weights = respondent_weights(raw, frame.join(rated_rows, on=raw.row, how="semi"), weight_column, rake)
    if weights is not None:
        events = events.join(weights, on=raw.row, how="left")
    if comment_column:
        # A respondent's free-text answer once, on their first rated answer (not repeated on every rating).
        first = pl.col(w["order"]) == pl.col(w["order"]).min().over(raw.row)
        events = events.with_columns(pl.when(first).then(pl.col(w["comment"])).alias("comment")).drop(w["comment"])
    events = events.drop(raw.row, w["order"])
    info = SurveyInfo(
        respondent_column=respondent, timestamp_column=time_column, ratings=tuple(rating_list), outcome=result,
        respondents=events["journey_id"].n_unique(), persona_column=persona_column,
        profile=tuple(f"{c}_source" if c in CANONICAL else c for c in kept), unrated_rows=unrated.height,
        comment_column=comment_column, weight_column=weight_column,
        raked=tuple(rake or ()), effective_n=None if weights is None else metrics_weights.effective_n(weights["weight"]),
        responded_column=responded_column, invited_column=invited_column,
        invitations=_invitation_rows(invitations, raw, persona_column, kept, result))
    used_mapping = ColumnMapping(
        columns={k: v for k, v in {"journey_id": respondent, "timestamp": time_column, "persona": persona_column,
                                   "channel": channel_column, "comment": comment_column, "weight": weight_column,
                                   "responded": responded_column, "invited": invited_column}.items() if v},
        status=mapping.status)
    return Ingested(name=raw.name, events=events, mapping=used_mapping, quarantine=quarantine_frame,
                    digest=digest, survey=info, notes=(*raw.notes, *notes), reasons=messages)


# A responded flag's values (compared ignoring case and spaces); the null tokens and not-applicable words are missing.
YES = ("예", "네", "y", "yes", "1", "true", "응답", "응답함", "응답완료", "완료", "o")
NO = ("아니오", "아니요", "n", "no", "0", "false", "미응답", "무응답함", "x")
# A segment column of the response rate has at most this many values (more: an id, a comment).
RATE_SEGMENT_VALUES = 30


def responded_flags(series: pl.Series) -> pl.Series:
    """A responded column as Boolean (예/아니오, Y/N, yes/no, 1/0, true/false…; null = missing: an empty cell, a
    null token or a not-applicable word such as 해당없음). DataError naming the column and the first other value."""
    folded = pl.Series(series.cast(pl.String)).str.replace_all(r"\s+", "").str.to_lowercase()
    missing = folded.is_null() | folded.is_in([_key(v) for v in values.NULL_TOKENS]) | folded.is_in(
        list(not_applicable_words()))
    flags = pl.select(pl.when(missing).then(None).when(folded.is_in(list(YES))).then(True)
                      .when(folded.is_in(list(NO))).then(False).otherwise(None)).to_series()
    other = series.filter(~missing & flags.is_null())
    if other.len():
        raise DataError("survey_responded_value", column=series.name, value=str(other[0]))
    return flags


def _invitations(raw: RawTable, frame: pl.DataFrame, ratings: Mapping[str, Candidate], responded: str | None,
                 invited: str | None) -> pl.DataFrame | None:
    """Each row of a file with a responded flag or a sent-date column: row, responded (the flag, null when
    missing; without a flag, whether the row answered any rating question), week (Monday of its sent date, else
    null). None without either column."""
    if responded is None and invited is None:
        return None
    if responded:
        flag = responded_flags(frame[responded])
    else:
        flag = pl.select(pl.any_horizontal(*(c.answers.is_not_null() for c in ratings.values()))).to_series()
    week = (values.timestamp(pl.col(invited), frame.schema[invited]).dt.truncate("1w").dt.date()
            if invited else pl.lit(None, pl.Date))
    return frame.select(pl.col(raw.row), week.alias("week")).with_columns(flag.alias("responded"))


def _invitation_rows(rows: pl.DataFrame | None, raw: RawTable, persona: str | None, kept: Sequence[str],
                     outcome: Outcome | None) -> tuple[dict, ...]:
    """The invitations counted per week and segment values (few-valued text columns, by their names in the events),
    for the response rate: {"week", "invited", "responded", "missing" (flag missing), "segments": {column: value}}."""
    if rows is None:
        return ()
    named = {**({persona: "persona"} if persona else {}),
             **{c: f"{c}_source" if c in CANONICAL else c for c in kept
                if raw.frame.schema[c] == pl.String and (outcome is None or c != outcome.column)}}
    segments = {c: n for c, n in named.items()
                if raw.frame.select(values.text(pl.col(c))).to_series().n_unique() <= RATE_SEGMENT_VALUES}
    frame = rows.join(raw.frame.select(pl.col(raw.row), *(values.text(pl.col(c)).alias(n) for c, n in
                                                          segments.items())), on=raw.row)
    grouped = frame.group_by("week", *segments.values()).agg(
        pl.col("responded").is_not_null().sum().alias("invited"),
        (pl.col("responded") == True).sum().alias("responded"),  # noqa: E712
        pl.col("responded").is_null().sum().alias("missing")).sort("week", *segments.values(), nulls_last=True)
    return tuple({"week": None if r["week"] is None else r["week"].isoformat(), "invited": r["invited"],
                  "responded": r["responded"], "missing": r["missing"],
                  "segments": {n: r[n] for n in segments.values()}} for r in grouped.iter_rows(named=True))


def _kept(series: pl.Series, outcome: Outcome | None) -> pl.Expr:
    """A non-rating column, kept: the outcome score as text (a filter dimension), other columns as ingest keeps them."""

    if outcome is not None and outcome.kind == "score" and series.name == outcome.column:
        return values.text(pl.lit(series))
    return values.extra(series)


def digest(data: bytes, options: Mapping) -> str:
    """Of the file's bytes, the reading options and the not-applicable words: names the cached Parquet."""

    h = hashlib.sha256(data)
    h.update(repr((FORMAT, SURVEY, sorted((k, repr(v)) for k, v in options.items()), not_applicable_words()))
             .encode())
    return h.hexdigest()[:24]


def info(files: Sequence[str]) -> SurveyInfo | None:
    """The SurveyInfo a survey's Parquet file carries (None for event data or several files)."""
    if len(files) != 1 or not str(files[0]).lower().endswith(".parquet") or not Path(files[0]).is_file():
        return None
    try:
        meta = pl.read_parquet_metadata(files[0])
    except Exception:  # not our file, or unreadable: the store reports that itself
        return None
    text = meta.get(METADATA_KEY)
    return SurveyInfo.from_json(text) if text else None

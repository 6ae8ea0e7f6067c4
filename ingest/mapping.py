"""Column mapping: which source column feeds each canonical column, from names and aliases."""

from __future__ import annotations

import re
from collections.abc import Mapping as MappingABC
from collections.abc import Sequence
from dataclasses import dataclass, field

from errors import DataError
from i18n import Message
from ingest.schema import CANONICAL, REQUIRED

# Aliases per canonical column, compared after `normalise` (case, spaces, underscores and
# punctuation ignored). An exact canonical name always wins over an alias.
ALIASES: dict[str, tuple[str, ...]] = {
    "journey_id": ("case_id", "case:concept:name", "caseid", "session_id", "journey", "여정ID", "여정번호", "세션ID",
                   "고객여정ID", "respondent_id", "response_id", "응답자ID", "응답ID"),
    "timestamp": ("time:timestamp", "event_time", "datetime", "date", "time", "일시", "일자", "시간", "날짜", "응답일", "응답일시",
                  "응답일자", "submitted_at", "submission_date", "start_date", "end_date", "제출일시"),
    "stage": ("journey_stage", "단계", "여정단계"),
    "channel": ("채널",),
    "customer_id": ("customer", "client_id", "고객ID", "고객번호"),
    "touchpoint": ("concept:name", "activity", "event", "터치포인트"),
    "persona": ("segment", "페르소나", "세그먼트"),
    "satisfaction": ("csat", "만족도", "만족점수", "satisfaction_score", "csat_score"),
    "ces": ("effort", "customer_effort_score", "노력도"),
    "nps": ("likelihood_to_recommend", "nps_score", "추천의향", "추천점수", "추천 의향 점수", "추천의향점수",
            "recommend_score"),
    "comment": ("comments", "feedback", "verbatim", "의견", "코멘트"),
    "weight": ("가중치", "가중값", "wt", "sample_weight", "survey_weight", "response_weight", "weighting"),
    "responded": ("응답여부", "응답완료", "has_responded", "answered"),
    "invited": ("발송일", "발송일시", "발송일자", "sent_at", "sent_date", "invited_at", "invitation_date", "초대일"),
}
# Fields only a survey reading takes (ingest.survey): the response weight, whether an invited row answered
# (responded) and when it was invited (its sent date). An events reading keeps their columns as other columns.
SURVEY_ONLY = ("weight", "responded", "invited")
# Every field a mapping can name: the canonical event columns and the survey-only fields.
FIELDS = tuple(dict.fromkeys((*CANONICAL, *SURVEY_ONLY)))

AUTOMATIC, MANUAL, AMBIGUOUS, INCOMPLETE = "automatic", "manual", "ambiguous", "incomplete"
# A date column and a time column (일자 + 시간) together are the timestamp: mapped as "<date> + <time>".
COMBINED = " + "
_DATE_ONLY = {"date", "일자", "날짜", "응답일자", "day"}
_TIME_ONLY = {"time", "시간", "시각", "timeofday"}


def combined_parts(source: str, sources: Sequence[str]) -> tuple[str, str] | None:
    """The (date, time) columns a combined timestamp source ``<date> + <time>`` names, when both exist."""
    date, sep, time = source.partition(COMBINED)
    return (date, time) if sep and date in sources and time in sources else None


# The one pair of fields one column may feed together: a file with only a customer id (고객ID) has one journey
# per customer.
SHARED = frozenset({"journey_id", "customer_id"})
# A header within this many edits (insert, delete, replace a character) of a field's name or alias, after
# `normalise` and with no digit (추천점수2 is another question), is taken for it (and the mapping says so); shorter names must match exactly, where one edit turns
# one word into another ("date" and "data").
TYPO_EDITS = 1
TYPO_MIN_CHARS = 5
TYPO_MIN_CHARS_HANGUL = 3


def edits(a: str, b: str) -> int:
    """The Levenshtein distance between ``a`` and ``b``: the fewest inserted, deleted or replaced characters.

    >>> edits("jouneyid", "journeyid"), edits("chanel", "channel"), edits("여졍id", "여정id")
    (1, 1, 1)
    """
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _typo_of(key: str) -> str | None:
    """The field whose name or alias ``key`` (normalised) is one typo away from, when exactly one field is."""
    hangul = any("\uac00" <= ch <= "\ud7a3" for ch in key)
    if any(ch.isdigit() for ch in key):  # 추천점수2, q3_channel: a numbered question, not a misspelt field
        return None
    if len(key) < (TYPO_MIN_CHARS_HANGUL if hangul else TYPO_MIN_CHARS):
        return None
    # The survey-only fields are matched exactly: one letter turns "height" into "weight".
    near = {canonical for name, canonical in _NAMES.items() if abs(len(name) - len(key)) <= TYPO_EDITS
            and canonical not in SURVEY_ONLY and edits(key, name) <= TYPO_EDITS}
    return near.pop() if len(near) == 1 else None


def normalise(name: str) -> str:
    """A column name compared case-insensitively with spaces, underscores and punctuation removed."""
    return re.sub(r"[\W_]+", "", name).casefold()


_ALIAS_TO_CANONICAL = {normalise(a): c for c, aliases in ALIASES.items() for a in aliases}
_NAMES = {**_ALIAS_TO_CANONICAL, **{normalise(c): c for c in FIELDS}}


@dataclass(frozen=True)
class ColumnMapping:
    """Canonical column → source column, with how it was found.

    ``status`` is ``automatic`` (every column found by name), ``manual`` (the caller chose some),
    ``ambiguous`` (``candidates`` lists the canonical columns more than one source column claims)
    or ``incomplete`` (``missing`` lists unmapped required columns).
    """

    columns: dict[str, str]
    status: str
    candidates: dict[str, tuple[str, ...]] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    # Canonical column → an unmapped source column whose values fit it (ingest.suggest), for the form and messages.
    suggested: dict[str, str] = field(default_factory=dict)
    # Canonical column → the source column taken for it although its header is a typo of the field's name or alias.
    assumed: dict[str, str] = field(default_factory=dict)

    @property
    def ready(self) -> bool:
        return self.status in (AUTOMATIC, MANUAL)

    def problem(self) -> Message | None:
        """One sentence saying what the mapping lacks, or None when it is ready; ``report_flags`` names the
        report.py flags that would fix it (the page leaves them out)."""
        for canonical, sources in self.candidates.items():
            return Message("map_ambiguous", columns=" and ".join(f"'{s}'" for s in sources), field=canonical,
                           report_flags=Message("map_report_flags", flags=f"--map {canonical}=COLUMN"))
        hints = tuple(Message("map_hint", column=self.suggested[c], field=c) for c in self.missing
                      if c in self.suggested)
        flags = Message("map_report_flags", flags=" ".join(f"--map {c}=COLUMN" for c in self.missing))
        if len(self.missing) == 1:
            return Message("map_missing_one", field=self.missing[0], hints=hints, report_flags=flags)
        if self.missing:
            names = ", ".join(f"'{c}'" for c in self.missing[:-1]) + f" and '{self.missing[-1]}'"
            return Message("map_missing_many", fields=names, hints=hints, report_flags=flags)
        return None


def propose(sources: Sequence[str], chosen: MappingABC[str, str] | None = None) -> ColumnMapping:
    """The mapping of ``sources`` onto the canonical columns; ``chosen`` (canonical → source) wins.

    Tiers, best first: the exact canonical name, the canonical name after `normalise`, an alias, a header one
    typo away from one field's name or alias (``assumed``; see TYPO_EDITS).
    Two source columns in the best tier of one canonical column make it ambiguous. A chosen
    source of "" leaves that canonical column unmapped.
    """
    chosen = dict(chosen or {})
    fields: dict[str, str] = {}
    for canonical, source in chosen.items():
        if canonical not in FIELDS:
            raise DataError("map_unknown_field", field=canonical, fields=", ".join(FIELDS))
        if source and source not in sources and not (canonical == "timestamp" and combined_parts(source, sources)):
            raise DataError("map_no_such_column", column=source, field=canonical)
        if source and source in fields and {fields[source], canonical} != SHARED:
            raise DataError("mapping_chosen_twice", column=source, first=Message(f"field_{fields[source]}"),
                            second=Message(f"field_{canonical}"))
        if source:
            fields[source] = canonical
    taken = {s for s in chosen.values() if s}
    taken |= {p for s in taken for p in (combined_parts(s, sources) or ())}
    tiers: dict[str, dict[int, list[str]]] = {c: {} for c in FIELDS}
    for source in sources:
        if source in taken:
            continue
        key = normalise(source)
        if source in FIELDS:
            tiers[source].setdefault(0, []).append(source)
        elif key in {normalise(c): c for c in FIELDS}:
            tiers[{normalise(c): c for c in FIELDS}[key]].setdefault(1, []).append(source)
        elif key in _ALIAS_TO_CANONICAL:
            tiers[_ALIAS_TO_CANONICAL[key]].setdefault(2, []).append(source)
        elif (typo := _typo_of(key)) is not None:
            tiers[typo].setdefault(3, []).append(source)
    columns: dict[str, str] = {}
    candidates: dict[str, tuple[str, ...]] = {}
    assumed: dict[str, str] = {}
    for canonical in FIELDS:
        if canonical in chosen:
            if chosen[canonical]:
                columns[canonical] = chosen[canonical]
            continue
        if not tiers[canonical]:
            continue
        best = tiers[canonical][min(tiers[canonical])]
        if len(best) == 1:
            columns[canonical] = best[0]
            if min(tiers[canonical]) == 3:
                assumed[canonical] = best[0]
        else:
            candidates[canonical] = tuple(best)
    stamps = candidates.get("timestamp", ())
    if len(stamps) == 2:
        dates = [s for s in stamps if normalise(s) in _DATE_ONLY]
        times = [s for s in stamps if normalise(s) in _TIME_ONLY]
        if len(dates) == 1 and len(times) == 1:
            del candidates["timestamp"]
            columns["timestamp"] = dates[0] + COMBINED + times[0]
    missing = tuple(c for c in REQUIRED if c not in columns and c not in candidates)
    if candidates:
        status = AMBIGUOUS
    elif missing:
        status = INCOMPLETE
    else:
        status = MANUAL if chosen else AUTOMATIC
    return ColumnMapping(columns=columns, status=status, candidates=candidates, missing=missing, assumed=assumed)

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
    "timestamp": ("time:timestamp", "event_time", "datetime", "date", "time", "일시", "일자", "시간", "날짜", "응답일시",
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
}

AUTOMATIC, MANUAL, AMBIGUOUS, INCOMPLETE = "automatic", "manual", "ambiguous", "incomplete"
# A date column and a time column (일자 + 시간) together are the timestamp: mapped as "<date> + <time>".
COMBINED = " + "
_DATE_ONLY = {"date", "일자", "날짜", "응답일자", "day"}
_TIME_ONLY = {"time", "시간", "시각", "timeofday"}


def combined_parts(source: str, sources: Sequence[str]) -> tuple[str, str] | None:
    """The (date, time) columns a combined timestamp source ``<date> + <time>`` names, when both exist."""
    date, sep, time = source.partition(COMBINED)
    return (date, time) if sep and date in sources and time in sources else None


def normalise(name: str) -> str:
    """A column name compared case-insensitively with spaces, underscores and punctuation removed."""
    return re.sub(r"[\W_]+", "", name).casefold()


_ALIAS_TO_CANONICAL = {normalise(a): c for c, aliases in ALIASES.items() for a in aliases}


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

    Tiers, best first: the exact canonical name, the canonical name after `normalise`, an alias.
    Two source columns in the best tier of one canonical column make it ambiguous. A chosen
    source of "" leaves that canonical column unmapped.
    """
    chosen = dict(chosen or {})
    fields: dict[str, str] = {}
    for canonical, source in chosen.items():
        if canonical not in CANONICAL:
            raise DataError("map_unknown_field", field=canonical, fields=", ".join(CANONICAL))
        if source and source not in sources and not (canonical == "timestamp" and combined_parts(source, sources)):
            raise DataError("map_no_such_column", column=source, field=canonical)
        if source and source in fields:
            raise DataError("map_column_twice", column=source, first=fields[source], second=canonical)
        if source:
            fields[source] = canonical
    taken = {s for s in chosen.values() if s}
    taken |= {p for s in taken for p in (combined_parts(s, sources) or ())}
    tiers: dict[str, dict[int, list[str]]] = {c: {} for c in CANONICAL}
    for source in sources:
        if source in taken:
            continue
        key = normalise(source)
        if source in CANONICAL:
            tiers[source].setdefault(0, []).append(source)
        elif key in {normalise(c): c for c in CANONICAL}:
            tiers[{normalise(c): c for c in CANONICAL}[key]].setdefault(1, []).append(source)
        elif key in _ALIAS_TO_CANONICAL:
            tiers[_ALIAS_TO_CANONICAL[key]].setdefault(2, []).append(source)
    columns: dict[str, str] = {}
    candidates: dict[str, tuple[str, ...]] = {}
    for canonical in CANONICAL:
        if canonical in chosen:
            if chosen[canonical]:
                columns[canonical] = chosen[canonical]
            continue
        if not tiers[canonical]:
            continue
        best = tiers[canonical][min(tiers[canonical])]
        if len(best) == 1:
            columns[canonical] = best[0]
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
    return ColumnMapping(columns=columns, status=status, candidates=candidates, missing=missing)

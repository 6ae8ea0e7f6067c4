"""What ingest hands on: a file read, mapped and validated (``Ingested``), with how a survey was read (``SurveyInfo``)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import polars as pl

from i18n import Message
from ingest.mapping import ColumnMapping
from ingest.notes import Note

# Bump when parsing or validation changes, so cached ingests are redone (2: NFC, UTC offsets, XES; 3: date +
# time columns, user headers in the quarantine).
FORMAT = "3"
QUARANTINE_SCHEMA = {"row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String}


@dataclass(frozen=True)
class Ingested:
    """A file read, mapped and validated: its valid events in canonical form and its invalid rows."""

    name: str
    events: pl.DataFrame       # canonical columns present in the mapping, then the other columns
    mapping: ColumnMapping
    quarantine: pl.DataFrame   # row (1-based file line, header = 1), column, value, reason
    digest: str                # of the file's bytes, the mapping and FORMAT
    survey: SurveyInfo | None = None  # set when the file was read as a wide survey (ingest.survey)
    notes: tuple[Note, ...] = ()  # how it was read, worth a word (ingest.notes)
    unused: tuple[tuple[str, str], ...] = ()  # (column, scale) of score-like columns no field uses (ingest.suggest)
    reasons: dict[str, Message] = field(default_factory=dict)  # the quarantine's reasons: {English: Message}

    @property
    def rejected_rows(self) -> int:
        return self.quarantine.height



@dataclass(frozen=True)
class Rating:
    """One rating column: its scale, the stage its answers belong to, and how many cells were answered / not applicable."""

    column: str
    stage: str
    low: int
    high: int
    zero_is_not_applicable: bool
    answers: int
    not_applicable: int

    @property
    def scale(self) -> str:
        return f"{self.low}–{self.high}"


@dataclass(frozen=True)
class Outcome:
    """What the key drivers explain: ``kind`` nps (0–10), score (a rating's scale) or label (two values).

    ``stored`` is the column's name in the events (the user's header, or ``<header>_source`` when
    the header is a canonical name); ``positive`` is the answer counted by ``rate``: 9–10 for NPS,
    the top two answers of a score's scale, the satisfied value of a label.
    """

    column: str
    stored: str
    kind: str
    positive: str
    low: int | None = None
    high: int | None = None
    values: tuple[str, ...] = ()


@dataclass(frozen=True)
class SurveyInfo:
    """How a survey file was read: respondent id, date column, rating columns, outcome, unused columns."""

    respondent_column: str | None
    timestamp_column: str | None
    ratings: tuple[Rating, ...]
    outcome: Outcome | None
    respondents: int
    profile: tuple[str, ...] = ()
    persona_column: str | None = None
    unrated_rows: int = 0
    comment_column: str | None = None
    weight_column: str | None = None   # the respondents' weight column (metrics.weights), None without one
    raked: tuple[str, ...] = ()        # the columns the weights were raked to given shares of
    effective_n: float | None = None   # Kish's effective sample size of the respondents' weights (None: unweighted)
    responded_column: str | None = None  # a responded flag: the file's rows are invitations
    invited_column: str | None = None    # the invitations' sent date
    invitations: tuple[dict, ...] = ()   # invitations per week and segment values (ingest.survey._invitation_rows)

    @property
    def weighted(self) -> bool:
        return self.effective_n is not None

    @property
    def stage_order(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.stage for r in self.ratings))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> SurveyInfo:
        d = json.loads(text)
        outcome = d.pop("outcome")
        d["ratings"] = tuple(Rating(**r) for r in d["ratings"])
        d["profile"] = tuple(d.get("profile", ()))
        d["raked"] = tuple(d.get("raked", ()))
        d["invitations"] = tuple(d.get("invitations", ()))
        if outcome is not None:
            outcome["values"] = tuple(outcome.get("values", ()))
        return cls(**d, outcome=Outcome(**outcome) if outcome else None)



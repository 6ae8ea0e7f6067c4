"""Filters: what the user selected, and its translation into parameterized SQL conditions.

Semantics (also in docs/definitions.md and the dashboard's help texts):
- ``since``/``until`` (inclusive dates) select whole journeys by the date of their first
  touchpoint (cohort semantics: a journey is never cut in half);
- ``persona`` and other journey attributes (``dims``) select journeys;
- ``channel`` and ``stage`` select touchpoints for touchpoint metrics, and the journeys that
  touched a selected touchpoint for journey metrics;
- ``keyword`` selects the journeys whose comments mention any of the keywords (store.voc).
Values only ever reach DuckDB as parameters; identifiers come from the dataset's schema.

A **scope** (``scope``: required values per dimension, set by ``within``) is what a signed-in user may see
(hosting/scopes.py). It is kept in every Filters derived from a scoped one (``dataclasses.replace`` re-applies
it), so no selection, link or relaxation can widen it: on a scoped dimension the selection is the selected values
that are also in the scope, the scope's values when nothing is selected, and ``NOTHING`` (matches no row) when
none of the selected values is in the scope.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ingest.schema import quote
from store.facts.journey_steps import KINDS

# A value no data has: the selection on a scoped dimension when none of the selected values is in the scope.
NOTHING = "\x00"
TOUCHPOINT_SCOPES = ("channel", "stage")


def _narrowed(chosen: tuple[str, ...], allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The chosen values that are allowed; all the allowed ones when none is chosen; NOTHING when none is allowed."""
    if not chosen:
        return allowed or (NOTHING,)
    kept = tuple(v for v in chosen if v in allowed)
    return kept or (NOTHING,)


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    persona: tuple[str, ...] = ()
    channel: tuple[str, ...] = ()
    stage: tuple[str, ...] = ()
    # Extra journey attributes: ((column, (value, ...)), ...), sorted by column.
    dims: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())
    keyword: tuple[str, ...] = ()
    # Journeys whose stage or channel path contains these values consecutively (store/paths.py); in order.
    path_contains: tuple[str, ...] = ()
    # The user's scope: ((dimension, (value, ...)), ...), sorted; dimension is persona, channel, stage or a dim column.
    scope: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self) -> None:
        for name, allowed in self.scope:
            if name in TOUCHPOINT_SCOPES + ("persona",):
                object.__setattr__(self, name, _narrowed(getattr(self, name), allowed))
            else:
                dims = dict(self.dims)
                dims[name] = _narrowed(dims.get(name, ()), allowed)
                object.__setattr__(self, "dims", tuple(sorted(dims.items())))

    def within(self, scope: Mapping[str, Sequence[str]] | tuple | None) -> Filters:
        """These filters inside ``scope`` ({dimension: values}; None or empty: unrestricted), on top of any scope
        they already have (both must hold)."""
        items = dict(self.scope)
        for name, values in (scope.items() if isinstance(scope, Mapping) else scope or ()):
            values = tuple(sorted({str(v) for v in values}))
            items[str(name)] = _narrowed(items[str(name)], values) if str(name) in items else values
        return dataclasses.replace(self, scope=tuple(sorted(items.items())))


    @classmethod
    def make(cls, since=None, until=None, persona=(), channel=(), stage=(), dims=None, keyword=(),
             path_contains=()) -> Filters:
        """Normalised filters: values de-duplicated and sorted so equal selections compare (and cache) equal
        (``path_contains`` is a sequence, or its values joined by ">" as typed: kept in its order, blanks dropped)."""
        def norm(values):
            return tuple(sorted({str(v) for v in values or ()}))

        dim_items = tuple(sorted((str(k), norm(v)) for k, v in (dims or {}).items() if norm(v)))
        if isinstance(path_contains, str):
            path_contains = path_contains.split(">")
        path = tuple(str(v).strip() for v in path_contains or () if str(v).strip())
        return cls(since, until, norm(persona), norm(channel), norm(stage), dim_items, norm(keyword), path)

    @property
    def selects_journeys(self) -> bool:
        """Whether any journey-level condition (period, persona, dimension, keyword) is set."""
        return bool(self.since or self.until or self.persona or self.dims or self.keyword or self.path_contains)

    @property
    def selects_touchpoints(self) -> bool:
        return bool(self.channel or self.stage)

    def is_empty(self) -> bool:
        return not (self.selects_journeys or self.selects_touchpoints)


def touchpoint_conditions(f: Filters, alias: str, params: dict) -> list[str]:
    """Conditions on events (``alias``) for the channel and stage filters; adds their values to ``params``."""
    conds = []
    if f.channel:
        params["channel"] = list(f.channel)
        conds.append(f"list_contains($channel, {alias}.channel)")
    if f.stage:
        params["stage"] = list(f.stage)
        conds.append(f"list_contains($stage, {alias}.stage)")
    return conds


def journey_conditions(f: Filters, alias: str, dims: tuple[str, ...], params: dict,
                       prefix: str = "") -> list[str]:
    """Conditions on journey facts (``alias``) for period, persona and dimensions.

    A dimension not in ``dims`` (the dataset's allow-list) matches no journey rather than
    reaching SQL as an identifier. ``prefix`` names the first_ts and persona columns
    ``{prefix}first_ts``, ``{prefix}persona`` (the events' copies are ``journey_first_ts``, ``journey_persona``).
    """
    conds = []
    if f.since:
        params["since"] = f.since
        conds.append(f"{alias}.{prefix}first_ts >= CAST($since AS TIMESTAMP)")
    if f.until:
        params["until_next"] = f.until + dt.timedelta(days=1)
        conds.append(f"{alias}.{prefix}first_ts < CAST($until_next AS TIMESTAMP)")
    if f.persona:
        params["persona"] = list(f.persona)
        conds.append(f"list_contains($persona, {alias}.{prefix}persona)")
    for i, (column, values) in enumerate(f.dims):
        if column not in dims:
            conds.append("false")
            continue
        params[f"dim{i}"] = list(values)
        conds.append(f"list_contains($dim{i}, {alias}.{quote(column)})")
    return conds


def path_condition(values: tuple[str, ...], alias: str, params: dict) -> str:
    """A condition on journeys (``alias``) whose stage path or channel path has ``len(values)`` steps in a row whose
    names contain ``values`` in order, as text, ignoring case (``앱>콜센터`` matches 모바일 앱 → 콜센터; a path is
    collapsed, so a step repeated in a row counts once); adds its parameter to ``params``."""
    params["path_parts"] = list(values)
    # for some start i, every part k is in the path's step i + k (lists are 1-based)
    one = ("len(list_filter(range(1, len({p}) - len($path_parts) + 2), lambda i: list_bool_and(list_transform("
           "range(0, len($path_parts)), lambda k: contains(lower({p}[i + k]), lower($path_parts[k + 1])))))) > 0")
    return " OR ".join(one.format(p=f"string_split({alias}.{k}_path, chr(31))") for k in KINDS).join("()")


def as_text(f: Filters) -> str:
    """The filters in effect as JSON (the audit trail's ``filters``): each set field, dates as YYYY-MM-DD, the scope
    left out (the trail has its own column for it)."""
    out: dict = {}
    for name in ("since", "until"):
        if getattr(f, name):
            out[name] = getattr(f, name).isoformat()
    for name in ("persona", "channel", "stage", "keyword", "path_contains"):
        if getattr(f, name):
            out[name] = ["(none)" if v == NOTHING else v for v in getattr(f, name)]
    for column, values in f.dims:
        out[column] = ["(none)" if v == NOTHING else v for v in values]
    return json.dumps(out, ensure_ascii=False, sort_keys=True)

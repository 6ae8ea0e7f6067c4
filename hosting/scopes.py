"""Who sees what: the operator's ``access.toml`` read and checked, and the scope of one signed-in user.

Pure logic (no Streamlit). A **scope** is the values a user may see on some dimensions (persona, channel, stage or
a column of the data, e.g. region or branch): ``{"region": ("서울",)}``; the empty scope ``{}`` is everything.
``read(path)`` returns the file's ``AccessConfig`` and one message per problem (naming the line or the key);
``resolve(config, email, groups)`` the user's ``Access``: an admin (everything, and the access page), a user with
a scope, or nobody (no scope: the dashboard shows only a message). The rules, also in docs/access.md:

- ``admins`` (e-mails) and ``admin_groups`` (names in the identity provider's ``groups`` claim) are admins;
- ``[users."e-mail"]`` gives that e-mail its scope, and wins over its groups;
- else the ``[groups."name"]`` the user is in: one gives its scope; any with ``all = true`` gives everything;
  several restricting the same dimensions pool their values; several restricting different dimensions all apply.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from i18n import Message

Scope = tuple[tuple[str, tuple[str, ...]], ...]  # ((dimension, (value, ...)), ...), sorted; () = everything
ALL: Scope = ()
TOP_KEYS = ("admins", "admin_groups", "users", "groups")
NOT_DIMENSIONS = ("all", "since", "until", "keyword", "path_contains", "scope", "dims")
Role = Literal["admin", "user", "none"]


@dataclass(frozen=True)
class AccessConfig:
    """The checked content of access.toml: admins, admin groups, and the scope of each e-mail and group."""

    admins: tuple[str, ...] = ()
    admin_groups: tuple[str, ...] = ()
    users: Mapping[str, Scope] = field(default_factory=dict)
    groups: Mapping[str, Scope] = field(default_factory=dict)


@dataclass(frozen=True)
class Access:
    """One user's access: ``role`` (admin, user, none), the ``scope`` (None for none), and where it came from
    (``via``: "admins", "users", "groups" or "")."""

    role: Role
    scope: Scope | None
    via: str = ""

    @property
    def restricted(self) -> bool:
        """True when the user sees only part of the data (a scope that is not everything, or nothing)."""
        return self.scope != ALL


def _line(exc: tomllib.TOMLDecodeError) -> int | None:
    found = re.search(r"line (\d+)", str(exc))  # tomllib's own message; 3.11 has no lineno attribute
    return int(found.group(1)) if found else None


def read(path: str | Path) -> tuple[AccessConfig | None, list[Message]]:
    """The AccessConfig of the file at ``path`` and its problems (one message each; the config is None when any)."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Message("access_file_missing", path=str(path))]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Message("access_file_unreadable", path=str(path), problem=type(exc).__name__)]
    except tomllib.TOMLDecodeError as exc:
        return None, [Message("access_file_syntax", path=str(path), line=_line(exc) or "?")]
    return parse(raw)


def parse(raw: Mapping[str, Any]) -> tuple[AccessConfig | None, list[Message]]:
    """The AccessConfig of an access.toml already read as a dict, and its problems."""
    problems: list[Message] = []
    for key in raw:
        if key not in TOP_KEYS:
            problems.append(Message("access_unknown_key", entry=key, known=", ".join(TOP_KEYS)))
    admins = _emails(raw.get("admins", []), "admins", problems)
    admin_groups = _names(raw.get("admin_groups", []), "admin_groups", problems)
    users: dict[str, Scope] = {}
    for email, table in _tables(raw.get("users", {}), "users", problems):
        if "@" not in email:
            problems.append(Message("access_not_email", entry=f'users."{email}"', value=email))
            continue
        scope = _scope(table, f'users."{email}"', problems)
        if scope is not None:
            users[email.strip().lower()] = scope
    groups: dict[str, Scope] = {}
    for name, table in _tables(raw.get("groups", {}), "groups", problems):
        scope = _scope(table, f'groups."{name}"', problems)
        if scope is not None:
            groups[name] = scope
    if problems:
        return None, problems
    return AccessConfig(admins, admin_groups, users, groups), []


def _names(value: Any, key: str, problems: list[Message]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(Message("access_not_list", entry=key))
        return ()
    return tuple(v.strip() for v in value)


def _emails(value: Any, key: str, problems: list[Message]) -> tuple[str, ...]:
    names = _names(value, key, problems)
    for name in names:
        if "@" not in name:
            problems.append(Message("access_not_email", entry=key, value=name))
    return tuple(n.lower() for n in names)


def _tables(value: Any, key: str, problems: list[Message]) -> Iterable[tuple[str, Mapping]]:
    if not isinstance(value, Mapping):
        problems.append(Message("access_not_table", entry=key))
        return []
    out = []
    for name, table in value.items():
        if not isinstance(table, Mapping):
            problems.append(Message("access_not_table", entry=f'{key}."{name}"'))
        else:
            out.append((name, table))
    return out


def _scope(table: Mapping[str, Any], key: str, problems: list[Message]) -> Scope | None:
    """The scope of one ``[users."…"]`` or ``[groups."…"]`` table, or None (a problem added)."""
    if "all" in table:
        if table["all"] is not True:
            problems.append(Message("access_all_not_true", entry=f"{key}.all"))
            return None
        if len(table) > 1:
            problems.append(Message("access_all_and_values", entry=key))
            return None
        return ALL
    if not table:
        problems.append(Message("access_empty_scope", entry=key))
        return None
    items = []
    for dimension, values in table.items():
        if dimension in NOT_DIMENSIONS:
            problems.append(Message("access_not_dimension", entry=f"{key}.{dimension}"))
            continue
        if not isinstance(values, list) or not values or not all(isinstance(v, str) and v for v in values):
            problems.append(Message("access_values_not_list", entry=f"{key}.{dimension}"))
            continue
        items.append((dimension, tuple(sorted(set(values)))))
    return tuple(sorted(items)) if len(items) == len(table) else None


def claimed_groups(user: Mapping[str, Any]) -> tuple[str, ...]:
    """The identity provider's ``groups`` claim of ``user`` (st.user as a dict): a list or one name; () when absent."""
    value = user.get("groups")
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Sequence):
        return tuple(str(v) for v in value)
    return ()


def resolve(config: AccessConfig, email: str | None, groups: Sequence[str] = ()) -> Access:
    """The access of the user with ``email`` in ``groups`` under ``config`` (see the module's rules)."""
    email = (email or "").strip().lower()
    if (email and email in config.admins) or set(groups) & set(config.admin_groups):
        return Access("admin", ALL, "admins")
    if email and email in config.users:
        return Access("user", config.users[email], "users")
    scopes = [config.groups[g] for g in groups if g in config.groups]
    if not scopes:
        return Access("none", None)
    if ALL in scopes:
        return Access("user", ALL, "groups")
    return Access("user", _combined(scopes), "groups")


def _combined(scopes: list[Scope]) -> Scope:
    """Several groups' scopes as one: pooled values when they restrict the same dimensions, else all of them apply
    (a dimension restricted by several keeps the values common to them)."""
    dims = {tuple(name for name, _ in s) for s in scopes}
    merged: dict[str, set[str]] = {}
    if len(dims) == 1:
        for s in scopes:
            for name, values in s:
                merged.setdefault(name, set()).update(values)
    else:
        for s in scopes:
            for name, values in s:
                merged[name] = merged[name] & set(values) if name in merged else set(values)
    return tuple(sorted((name, tuple(sorted(values))) for name, values in merged.items()))


def describe(scope: Scope | None) -> str:
    """A scope as the audit trail and the access page write it: ``region=서울,부산; channel=콜센터``, ``all``, ``none``."""
    if scope is None:
        return "none"
    if scope == ALL:
        return "all"
    return "; ".join(f"{name}={','.join(values)}" for name, values in scope)


def unknown_dimensions(scope: Scope | None, dims: Sequence[str]) -> list[str]:
    """The dimensions of ``scope`` the data does not have (neither persona, channel, stage nor one of ``dims``)."""
    known = {"persona", "channel", "stage", *dims}
    return [name for name, _ in scope or () if name not in known]


def table(config: AccessConfig) -> list[dict[str, str]]:
    """Who has what, for the admins' page: one row per admin, admin group, e-mail and group (who, kind, scope)."""
    rows = [{"who": e, "kind": "admin", "scope": "all"} for e in config.admins]
    rows += [{"who": g, "kind": "admin_group", "scope": "all"} for g in config.admin_groups]
    rows += [{"who": e, "kind": "user", "scope": describe(s)} for e, s in sorted(config.users.items())]
    rows += [{"who": g, "kind": "group", "scope": describe(s)} for g, s in sorted(config.groups.items())]
    return rows

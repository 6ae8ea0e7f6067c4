"""Why a row is invalid, said as a catalog key plus values where Polars finds it: the quarantine keeps the English
sentence in its ``reason`` column (what report.py prints and a download holds) and the same reasons as Messages, so
a page shows them in its language without reading the English back."""

from __future__ import annotations

import json

import polars as pl

from i18n import Message


def reason(key: str, **values: pl.Expr | str | int) -> pl.Expr:
    """A row's reason as JSON (``{"key": …, "values": {…}}``), each value as text."""
    fields = [(v if isinstance(v, pl.Expr) else pl.lit(str(v))).cast(pl.String).alias(k) for k, v in values.items()]
    return pl.struct(pl.lit(key).alias("key"), pl.struct(fields).alias("values")).struct.json_encode()


def in_english(quarantine: pl.DataFrame, column: str = "reason") -> tuple[pl.DataFrame, dict[str, Message]]:
    """``quarantine`` with its reasons (JSON from ``reason``) as English sentences, and {English sentence: Message}."""
    found = {code: Message(d["key"], **d["values"])
             for code in quarantine[column].drop_nulls().unique().to_list() for d in (json.loads(code),)}
    english = quarantine.with_columns(pl.col(column).replace({code: str(m) for code, m in found.items()}))
    return english, {str(m): m for m in found.values()}

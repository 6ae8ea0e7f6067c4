"""A survey's respondent weights: a weight column of the file, raked to given segment shares when asked
(``metrics.weights.rake``), and the raking targets read from a small CSV (``report.py --rake FILE``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import polars as pl

from errors import DataError
from ingest import values
from ingest.read import RawTable
from metrics import weights


def respondent_weights(raw: RawTable, rows: pl.DataFrame, column: str | None,
                       rake: Mapping[str, Mapping[str, float]] | None) -> pl.DataFrame | None:
    """Each responding row's weight (row, weight): the weight column's, raked to ``rake``'s shares when given
    (``metrics.weights.rake``, on the file's own columns and values); None without either.

    Every respondent needs a weight above 0: a missing, unreadable, 0 or negative weight is a DataError naming
    the column, how many rows and the first (a partial weighting would be silently wrong)."""
    if column is None and not rake:
        return None
    base = None
    if column is not None:
        shown = values.text(pl.col(column))
        parsed = rows.select(pl.col(raw.row), shown.alias("shown"),
                             values.number(pl.col(column), rows.schema[column]).alias("w"))
        bad = parsed.filter(pl.col("w").is_null() | pl.col("w").is_nan() | (pl.col("w") <= 0))
        if bad.height:
            first = bad.row(0, named=True)
            raise DataError("survey_weight_invalid", column=column, count=f"{bad.height:,}", row=first[raw.row],
                            value=first["shown"] or "—")
        base = parsed["w"]
    if rake:
        for c in rake:
            if c not in raw.columns:
                raise DataError("rake_no_column", column=c)
        segments = rows.select(*(values.text(pl.col(c)).alias(c) for c in rake))
        base = weights.rake(segments, rake, base)
    return rows.select(pl.col(raw.row), base.alias("weight"))


def read_targets(text: str, name: str) -> dict[str, dict[str, float]]:
    """Raking targets from a small CSV of ``column,value,share`` rows (a header line naming them; shares as
    fractions or percentages, scaled per column): {column: {value: share}}. DataError naming the file and the
    first problem."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows = [r for r in reader if any(cell.strip() for cell in r)]
    if not rows or [c.strip().lower() for c in rows[0][:3]] != ["column", "value", "share"]:
        raise DataError("rake_file_header", name=name)
    out: dict[str, dict[str, float]] = {}
    for i, r in enumerate(rows[1:], start=2):
        if len(r) < 3:
            raise DataError("rake_file_row", name=name, line=i)
        try:
            share = float(r[2].strip().rstrip("%"))
        except ValueError:
            raise DataError("rake_file_row", name=name, line=i) from None
        out.setdefault(r[0].strip(), {})[r[1].strip()] = share
    if not out:
        raise DataError("rake_file_header", name=name)
    return out

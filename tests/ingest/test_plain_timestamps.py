"""The plain-form timestamp path (``YYYY-MM-DD hh:mm:ss``) reads every value as the general reading does."""

from __future__ import annotations

import csv
import datetime as dt
import io

import polars as pl
import pytest

import ingest
from ingest import values

PLAIN = [f"2026-03-{d:02d} {h:02d}:{m:02d}:{s:02d}" for d in range(1, 29) for h, m, s in ((0, 0, 0), (9, 5, 7),
                                                                                           (23, 59, 59))]
EDGES = ["2026-02-30 10:00:00", "2026-03-01 25:00:00", "2026-03-01 24:00:00", " 2026-03-01 14:05:00 ",
         "2026. 3. 1. 오후 2:05:00", "2026-03-01T14:05:00+09:00", "2026-03-01 14:05:00Z", "2026-03-01 14:05",
         "2026-3-1 14:05:00", "2026-03-01 14:05:00.5", "2026-03-01  14:05:00", "2026/03/01 14:05:00", "", "NA", None,
         "yesterday", "12026-03-01 14:05:00", "2026-03-01 14:05:60", "0000-01-01 00:00:00", "2026-03-01 2:05 PM",
         "2026-03-01 14:05:00-05:00"]


def _general(series: pl.Series) -> pl.Series:
    return pl.select(values.timestamp(pl.lit(series), pl.String)).to_series()


@pytest.mark.parametrize(("head", "plain"), [(PLAIN * 12, True), (PLAIN[:3], False), ([], False)],
                         ids=["plain sample", "edges in the sample", "edges first"])
def test_the_plain_path_reads_every_value_as_the_general_reading(head, plain):
    series = pl.Series("t", [*head, *EDGES, *PLAIN[:5]], dtype=pl.String)
    assert values.is_plain(series) == plain
    assert values.timestamp_text(series).cast(pl.Int64).to_list() == _general(series).cast(pl.Int64).to_list()


def test_a_sample_with_another_form_takes_the_general_reading():
    assert not values.is_plain(pl.Series([*PLAIN[:10], "2026. 3. 1. 오후 2:05:00", *PLAIN]))
    assert not values.is_plain(pl.Series([None, "", "NA"], dtype=pl.String))
    assert values.is_plain(pl.Series([None, " 2026-03-01 14:05:00", *PLAIN]))


def test_a_plain_export_reads_as_csv_and_strptime_read_it_and_others_are_quarantined_with_their_rows():
    rows = [[f"J{i // 3}", t, "s", "c"] for i, t in enumerate(PLAIN)]
    rows[40][1], rows[50][1], rows[60][1] = "2026. 3. 1. 오후 2:05:00", "2026-02-30 10:00:00", "soon"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([["journey_id", "timestamp", "stage", "channel"], *rows])
    got = ingest.load(buffer.getvalue().encode("cp949"), "plain.csv")
    # an independent reading of the same bytes: the csv module and datetime.strptime
    expected = {}
    for line, row in enumerate(csv.reader(io.StringIO(buffer.getvalue())), start=1):
        if line > 1:
            try:
                expected[line] = dt.datetime.strptime(row[1], "%Y-%m-%d %H:%M:%S")
            except ValueError:
                expected[line] = None
    expected[42] = dt.datetime(2026, 3, 1, 14, 5)  # the other form, through the general reading
    assert got.events["timestamp"].to_list() == [t for t in expected.values() if t is not None]
    assert got.quarantine.select("row", "column", "value").rows() == [(52, "timestamp", "2026-02-30 10:00:00"),
                                                                    (62, "timestamp", "soon")]

"""What the Upload page shows of an upload (ui/upload.py): the mapping's choices, the outcome choice, invalid rows
per column."""

from pathlib import Path

import polars as pl

from ingest import ColumnMapping
from ui import upload as session


def _upload(file_columns, mapped=None, suggested=None, outcome=None) -> session.Upload:
    mapping = ColumnMapping(columns=mapped or {}, status="incomplete", suggested=suggested or {})
    return session.Upload("f1", "고객여정.csv", Path("/nonexistent"), tuple(file_columns), mapping, outcome=outcome)


def test_mapping_choices_are_unmapped_the_columns_then_sources_not_in_the_file_once_each():
    upload = _upload(("여정ID", "일시"), mapped={"journey_id": "여정ID", "timestamp": "Timestamp"},
                     suggested={"stage": "Timestamp", "channel": "채널"})
    assert session.mapping_options(upload) == ["(none)", "여정ID", "일시", "Timestamp", "채널"]


def test_the_outcome_choice_round_trips_automatic_none_and_a_column():
    for outcome, index in ((None, 0), ("", 1), ("단계", 4)):
        upload = _upload(("여정ID", "일시", "단계"), outcome=outcome)
        options, at = session.outcome_choices(upload)
        assert at == index and options[2:] == ["여정ID", "일시", "단계"]
        assert session.outcome_of_choice(upload, at) == outcome


def test_invalid_rows_per_column_most_first_then_by_name_and_unnamed_last():
    quarantine = pl.DataFrame({"row": [2, 5, 7, 9, 11, 12], "column": ["일시", "nps", "일시", None, "nps", "단계"]})
    assert session.quarantine_by_column(quarantine).rows() == [("nps", 2), ("일시", 2), ("단계", 1), (None, 1)]

"""Coded text columns whose distinct values are already clean are read as they are; the others are normalised per
event (NFC, bidirectional controls removed). Both give the same facts."""

import datetime as dt
import unicodedata

import duckdb
import polars as pl

from store import open_dataset
from store.facts.source import clean_text_values


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_clean_text_values_tells_a_list_that_normalisation_leaves_alone():
    cur = duckdb.connect()
    assert clean_text_values(cur, ["가입", "앱", "web", ""])
    assert clean_text_values(cur, [])
    assert not clean_text_values(cur, [nfd("가입"), "앱"])
    assert not clean_text_values(cur, ["\u202e앱", "웹"])
    assert not clean_text_values(cur, ["가입", nfd("가입")])  # two spellings, one value


def test_clean_and_unclean_coded_columns_give_the_normalised_values(tmp_path):
    rows = [  # stage clean, channel with an override character, persona in both spellings
        ("J2", dt.datetime(2026, 3, 2, 9), "가입", "\u202e앱", nfd("직장인")),
        ("J1", dt.datetime(2026, 3, 1, 9), "가입", "웹", "직장인"),
        ("J1", dt.datetime(2026, 3, 1, 10), "이용", "앱", "직장인"),
        ("J3", dt.datetime(2026, 3, 3, 9), "이용", "지점", "학생"),
    ]
    frame = pl.DataFrame(rows, schema=["journey_id", "timestamp", "stage", "channel", "persona"], orient="row")
    path = tmp_path / "events.parquet"
    frame.write_parquet(path)
    ds = open_dataset(path)
    events = pl.read_parquet(ds.events_path).with_columns(pl.col(["stage", "channel", "persona"]).cast(pl.String))
    assert sorted(events["stage"].unique()) == ["가입", "이용"]
    assert sorted(events["channel"].unique()) == sorted(["앱", "웹", "지점"])
    assert sorted(events["persona"].unique()) == ["직장인", "학생"]
    j2 = events.filter(pl.col("journey_id") == "J2").row(0, named=True)
    assert (j2["channel"], j2["persona"]) == ("앱", "직장인")

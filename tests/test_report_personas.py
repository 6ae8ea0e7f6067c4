"""report.py --personas and --personas-out: the contract's key and column names, and bad input."""

import csv
import json

import polars as pl
import pytest

import report


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    from sample_data.segments import write

    folder = tmp_path_factory.mktemp("planted-report")
    write(3_000, 5, folder / "events.parquet", folder / "truth.parquet")
    return folder


def test_personas_adds_derived_personas_with_the_contracts_keys(planted, capsys):
    assert report.main([str(planted / "events.parquet"), "--personas", "4", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    personas = result["derived_personas"]
    assert len(personas) == 4
    for p in personas:
        assert list(p) == ["persona", "customers", "journeys", "share", "nps", "traits", "representative"]
        assert isinstance(p["persona"], str) and p["traits"] and all(isinstance(t, str) for t in p["traits"])
        assert p["representative"].startswith("C")
    assert sum(p["customers"] for p in personas) == 3_000
    assert sum(p["journeys"] for p in personas) == result["journeys"]
    assert sum(p["share"] for p in personas) == pytest.approx(1.0)
    assert [p["customers"] for p in personas] == sorted((p["customers"] for p in personas), reverse=True)


def test_personas_out_writes_one_row_per_customer(planted, tmp_path, capsys):
    out = tmp_path / "personas.csv"
    assert report.main([str(planted / "events.parquet"), "--personas", "auto", "--personas-out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "derived personas" in table
    with out.open(newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["customer_id", "persona"]
    truth = pl.read_parquet(planted / "truth.parquet")
    assert sorted(r[0] for r in rows[1:]) == sorted(truth["customer_id"])
    assert len({r[1] for r in rows[1:]}) >= 2


def test_without_the_flag_the_report_has_no_derived_personas(planted, capsys):
    assert report.main([str(planted / "events.parquet"), "--format", "json"]) == 0
    assert "derived_personas" not in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("value", ["1", "many"])
def test_a_bad_number_of_personas_is_a_usage_error(planted, value, capsys):
    with pytest.raises(SystemExit) as exit_:
        report.main([str(planted / "events.parquet"), "--personas", value])
    assert exit_.value.code == 2
    assert "--personas" in capsys.readouterr().err


def test_an_unwritable_personas_out_is_one_error_line(planted, tmp_path, capsys):
    target = tmp_path / "missing-folder" / "p.csv"
    assert report.main([str(planted / "events.parquet"), "--personas", "3", "--personas-out", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --personas-out") and "Traceback" not in err


def test_channel_and_stage_values_holding_equals_signs_give_personas_not_a_traceback(planted, tmp_path, capsys,
                                                                                     monkeypatch):
    """Issue 23, item 3: ``utm_source=app`` as a channel and ``step=5`` as a stage crashed the derived personas."""
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    events = pl.read_parquet(planted / "events.parquet")
    channel, stage = events["channel"][0], events["stage"][0]
    events = events.with_columns(pl.col("channel").replace({channel: "utm_source=app"}),
                                 pl.col("stage").replace({stage: "step=5"}))
    events.write_parquet(tmp_path / "eq.parquet")
    assert report.main([str(tmp_path / "eq.parquet"), "--personas", "4", "--format", "json"]) == 0
    personas = json.loads(capsys.readouterr().out)["derived_personas"]
    assert sum(p["customers"] for p in personas) == 3_000
    traits = " ".join(t for p in personas for t in p["traits"])
    assert "channel:" not in traits and "reach:" not in traits  # phrases, not feature names

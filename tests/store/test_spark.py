"""The facts pass on Spark writes what the DuckDB pass writes, file for file, on the sample and on data with equal
timestamps, missing values and invalid rows; report.py --engine spark equals the DuckDB report.

Marked ``spark``: skipped with the reason when Java is absent (a failure when CI=true, like the browser tests).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import math
import os
import shutil
import unicodedata

import polars as pl
import pytest

import report
from store import open_dataset
from store.facts.cache import open_facts
from store.facts.personas import FEATURES_FORMAT
from tests.support.sample import sample_path

pytestmark = [pytest.mark.spark, pytest.mark.xdist_group("spark")]

if not shutil.which("java"):
    if os.environ.get("CI") == "true":
        pytest.fail("Java is not installed: .ci/run installs default-jre-headless for the Spark tests",
                    pytrace=False)
    pytest.skip("Java not found: the Spark facts pass is not tested (apt-get install default-jre-headless)",
                allow_module_level=True)
pytest.importorskip("pyspark", reason="pyspark not installed (requirements-spark.txt)")

# Each facts file and the columns that identify a row (outputs are compared sorted by them).
KEYS = {
    "events": ["journey_id", "seq"],
    "journeys": ["journey_id"],
    "transitions": ["journey_id", "from_channel", "to_channel"],
    "stages": ["stage"],
    "steps": ["journey_id", "seq"],
    "touchpoint_cube": ["measure", "journey_day", "stage", "channel", "touchpoint", "persona", "value"],
    "touchpoint_steps": ["journey_id", "seq"],
    "journey_stages": ["journey_id", "stage"],
    "quarantine": ["row_number"],
    "comments": ["journey_id", "timestamp", "stage", "channel", "text_id"],
    "tokens": ["text_id", "keyword"],
    "journey_keywords": ["journey_id", "keyword"],
    f"personas/features-{FEATURES_FORMAT}": ["customer_id"],
}


@pytest.fixture(scope="module")
def spark():
    from store.facts.spark_job import session

    s = session("local[2]")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def sample_facts(spark, tmp_path_factory):
    """The facts of a quarter of the sample's journeys (every fourth journey id, each journey whole: 3,500 journeys
    with every column, stage, channel, persona and comment kind of the sample) written once per module by both
    passes: (DuckDB's facts, Spark's facts, the source path), the source deleted afterwards. The Spark pass is the
    slow part and its time grows with the rows; the tests only read these."""
    from store.facts.spark_job import run

    tmp = tmp_path_factory.mktemp("spark-sample")
    source = tmp / "events.parquet"
    events = pl.read_parquet(sample_path(tmp))
    quarter = events["journey_id"].unique().sort().gather_every(4)
    events.filter(pl.col("journey_id").is_in(quarter.implode())).write_parquet(source)
    duck = shutil.copytree(_duckdb_facts(source), tmp / "duckdb-facts")
    run(spark, str(source), tmp / "spark-facts")
    source.unlink()
    return duck, tmp / "spark-facts", source


def _duckdb_facts(source):
    """The DuckDB pass's facts of ``source``, with the later passes (the comments' keywords, the customer features)
    computed as on first use."""
    from store.facts import comments as store_comments
    from store.facts import personas

    ds = open_dataset(source)
    store_comments.ensure_tokens(ds)
    personas.customer_features(ds)
    return ds.facts_dir


def tricky_events() -> pl.DataFrame:
    """Korean stages and channels, shuffled rows, equal timestamps within journeys, several nps answers per journey,
    missing optional values, and invalid rows (missing stage, nps 11, satisfaction 0, fractional nps)."""
    t0 = dt.datetime(2026, 3, 1, 9, 0)
    rows = []
    for j in range(40):
        when = t0 + dt.timedelta(hours=j)
        for k, (stage, channel) in enumerate([("가입", "앱"), ("가입", "콜센터"), ("본인인증", "앱"),
                                             ("이용", "지점"), ("이용", "앱")][: 2 + j % 4]):
            same = when + dt.timedelta(minutes=30 * (k // 2))  # pairs of touchpoints at the same time
            rows.append({"journey_id": f"J{j:03d}", "customer_id": None if j % 5 == 0 else f"C{j % 17}",
                         "timestamp": same, "stage": stage, "channel": channel,
                         "touchpoint": None if k == 3 else f"{stage}을 진행",
                         # 주부 typed on macOS (NFD) in some rows: one persona after the pass on both engines
                         "persona": None if k == 0 and j % 3 == 0 else
                         ["직장인", unicodedata.normalize("NFD", "주부") if j % 2 else "주부", "학생"][j % 3],
                         "region": ["서울", "부산"][j % 2],
                         "seq": ["a", "b"][j % 2],  # named like an internal column: renamed seq_data by both
                         "satisfaction": None if (j + k) % 4 == 0 else float(1 + (j * 3 + k) % 5),
                         "ces": None, "nps": float((j * 7 + k) % 11) if k in (0, 2) else None,
                         "comment": [None, "앱이 느려요", "  ", "상담원이 친절했어요 010-1234-5678",
                                     unicodedata.normalize("NFD", "앱이 느려요")][(j + k) % 5]})
    rows += [
        {**rows[0], "journey_id": "BAD1", "stage": None},
        {**rows[1], "journey_id": "BAD2", "nps": 11.0},
        {**rows[2], "journey_id": "BAD3", "satisfaction": 0.0},
        {**rows[3], "journey_id": "BAD4", "nps": 7.5},
    ]
    return pl.DataFrame(rows).sample(fraction=1.0, shuffle=True, seed=11)


def _read(path) -> pl.DataFrame:
    import duckdb

    return duckdb.sql(f"SELECT * FROM read_parquet('{path}')").pl()


def _comparable(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Lists as sorted text where their order is not defined; rows sorted by ``keys``."""
    out = frame
    for c in ("stage_channel_list",):
        if c in out.columns:
            out = out.with_columns(pl.col(c).list.sort())
    return out.sort(keys)


def assert_same_facts(duck_dir, spark_dir):
    for name, keys in KEYS.items():
        duck = _read(f"{duck_dir}/{name}.parquet")
        spk = _read(f"{spark_dir}/{name}.parquet")
        assert sorted(duck.columns) == sorted(spk.columns), name
        spk = spk.select(duck.columns)
        duck, spk = _comparable(duck, keys), _comparable(spk, keys)
        for column in duck.columns:
            d, s = duck[column], spk[column]
            if d.dtype in (pl.Float32, pl.Float64):
                assert all(a is None and b is None or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)
                           for a, b in zip(d.to_list(), s.to_list(), strict=True)), (name, column)
            else:
                assert d.to_list() == s.cast(d.dtype).to_list(), (name, column)
    dm, sm = _read(f"{duck_dir}/meta.parquet").row(0, named=True), _read(f"{spark_dir}/meta.parquet").row(0, named=True)
    for key in ("events", "journeys", "rejected", "dims", "mask_stages", "mask_channels", "columns", "facts_format"):
        assert dm[key] == sm[key], key
    assert sm["engine"] == "spark"


def test_the_spark_pass_writes_the_same_facts_as_duckdb_on_the_sample(sample_facts):
    duck, spark_facts, _ = sample_facts
    assert_same_facts(duck, spark_facts)


@pytest.fixture(scope="module")
def tricky_reports(spark, tmp_path_factory):
    """One Spark pass over tricky_events(), run by report.py --engine spark: (the source, a copy of the DuckDB
    pass's facts, the DuckDB report's JSON, the Spark report's JSON). The Spark pass replaces the DuckDB facts of
    the same version in the cache (where the dashboard finds them), so the DuckDB ones are copied aside first."""
    tmp = tmp_path_factory.mktemp("spark-tricky")
    source = tmp / "events.parquet"
    tricky_events().write_parquet(source)
    duck_facts = shutil.copytree(_duckdb_facts(source), tmp / "duckdb-facts")
    duck = _report_json([str(source), "--format", "json"])
    spk = _report_json([str(source), "--engine", "spark", "--spark-master", "local[2]", "--format", "json"])
    return source, duck_facts, duck, spk


def _report_json(args: list[str]) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert report.main(args) == 0
    return json.loads(out.getvalue())


def test_the_spark_pass_writes_the_same_facts_as_duckdb_on_tricky_data(tricky_reports):
    source, duck, _, _ = tricky_reports
    ds = open_dataset(source)
    assert ds.engine == "spark"  # the facts report.py --engine spark had Spark write
    assert_same_facts(duck, ds.facts_dir)


def test_a_hive_partitioned_directory_gives_the_same_facts_on_both_engines(spark, tmp_path):
    # a lake layout: month=YYYY-MM/region=<지역>/part-N.parquet, the partition keys not in the files
    from store.facts.spark_job import run

    frame = tricky_events().with_columns(pl.col("timestamp").dt.strftime("%Y-%m").alias("month"))
    source = tmp_path / "lake"
    for (month, region), part in frame.group_by(["month", "region"]):
        folder = source / f"month={month}" / f"region={region}"
        folder.mkdir(parents=True)
        half = part.height // 2
        part.drop("month", "region").head(half).write_parquet(folder / "part-0.parquet")
        part.drop("month", "region").tail(part.height - half).write_parquet(folder / "part-1.parquet")
    ds = open_dataset(str(source))
    assert {"month", "region"} <= set(ds.dims) and ds.rejected == 4
    duck = _duckdb_facts(str(source))
    run(spark, str(source), tmp_path / "spark-facts")
    assert_same_facts(duck, tmp_path / "spark-facts")


def test_report_engine_spark_equals_the_duckdb_report(tricky_reports):
    source, _, duck, spk = tricky_reports
    duck, spk = dict(duck), dict(spk)
    assert spk.pop("facts")["engine"] == "spark" and duck.pop("facts")["engine"] == "duckdb"
    assert_close(spk, duck)
    # The dashboard and report.py then find Spark's facts for this source, or read them as a facts directory.
    ds = open_dataset(source)
    assert ds.engine == "spark" and open_facts(ds.facts_dir).engine == "spark"


def assert_close(a, b, where="report"):
    """Equal JSON values, floats to 1e-9 (the engines round durations in a different order)."""
    if isinstance(a, float) or isinstance(b, float):
        assert a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), where
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for k in a:
            assert_close(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_close(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


def test_every_page_renders_from_facts_spark_wrote_with_the_source_gone(sample_facts, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import ENTRY, PAGES

    _, spark_facts, source = sample_facts
    assert not source.exists()
    # a copy: what the pages may add to the facts directory stays out of the other tests' facts
    shutil.copytree(spark_facts, tmp_path / "facts")
    monkeypatch.setenv("CXLENS_FACTS", str(tmp_path / "facts"))
    monkeypatch.setenv("CXLENS_DATA", str(source))
    at = AppTest.from_file(ENTRY, default_timeout=120).run()
    assert any("spark" in c.value for c in at.sidebar.caption)
    for page in ("overview.py", "journey_map.py", "channels.py", "duration.py", "personas.py", "drivers.py",
                 "journeys.py", "voc.py"):
        if page != "overview.py":
            at.switch_page(str(PAGES / page)).run()
        assert not at.exception and not at.error, (page, [*at.exception, *[e.value for e in at.error]])
        assert at.get("plotly_chart"), page

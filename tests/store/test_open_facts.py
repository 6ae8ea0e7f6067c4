"""A facts directory written elsewhere is read without its source: report.py --facts and CXLENS_FACTS give the
same figures as the source, and say which engine wrote them."""

import json
import shutil

import pytest

import report
from errors import DataError
from store import open_dataset
from store.facts.cache import open_facts
from tests.support.sample import sample_path

PAGES = ["overview.py", "journey_map.py", "channels.py", "duration.py", "personas.py", "drivers.py"]


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    """The sample's facts copied to a directory of their own, the source then deleted."""
    tmp = tmp_path_factory.mktemp("facts")
    source = tmp / "events.parquet"
    shutil.copy(sample_path(tmp), source)
    ds = open_dataset(source)
    copied = shutil.copytree(ds.facts_dir, tmp / "written-elsewhere")
    source.unlink()
    return ds, copied


def test_report_from_a_facts_directory_equals_the_report_from_the_source(facts, capsys):
    ds, facts_dir = facts
    assert report.main([ds.source, "--format", "json"]) == 2  # the source is gone
    capsys.readouterr()
    assert report.main(["--facts", str(facts_dir), "--format", "json"]) == 0
    from_facts = json.loads(capsys.readouterr().out)
    assert from_facts["facts"] == {"engine": "duckdb", "engine_version": ds.engine_version}
    assert from_facts["journeys"] == ds.journeys and from_facts["events"] == ds.events


def test_open_facts_keeps_the_sources_columns_dimensions_and_stage_order(facts):
    ds, facts_dir = facts
    read = open_facts(facts_dir)
    assert (read.columns, read.dims, read.stage_order, read.pair_bits) == (ds.columns, ds.dims, ds.stage_order,
                                                                           ds.pair_bits)
    assert read.files == () and read.version.startswith("facts-")


def test_a_directory_without_facts_is_one_sentence(tmp_path):
    with pytest.raises(DataError, match="has no meta.parquet, events.parquet"):
        open_facts(tmp_path)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_from_a_facts_directory_without_the_source(facts, monkeypatch, page):
    from streamlit.testing.v1 import AppTest

    from tests.pages.conftest import ENTRY
    from tests.pages.conftest import PAGES as PAGE_DIR

    _, facts_dir = facts
    monkeypatch.setenv("CXLENS_FACTS", str(facts_dir))
    monkeypatch.setenv("CXLENS_DATA", "/nonexistent/events.parquet")
    at = AppTest.from_file(ENTRY, default_timeout=120).run()
    if page != "overview.py":
        at.switch_page(str(PAGE_DIR / page)).run()
    assert not at.exception and not at.error, [*at.exception, *[e.value for e in at.error]]
    assert at.get("plotly_chart"), page
    assert any("duckdb" in c.value for c in at.sidebar.caption)

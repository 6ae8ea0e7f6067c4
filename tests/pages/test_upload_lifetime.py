"""An upload lives and dies with its session: nothing of it in the shared cache, all of it gone on release (18.4)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime import caching

import settings
from tests.pages.conftest import PAGES

AT_SESSION = "test session id"  # AppTest's session; Streamlit releases a session's resources by this call


def _csv(branch: str) -> bytes:
    return (f"journey_id,timestamp,stage,channel,persona,nps\n"
            f"{branch}-2,2026-03-01 09:10,가입,앱,직장인,3\n"
            f"{branch}-1,2026-03-01 09:00,가입,웹,시니어,9\n"
            f"{branch}-1,2026. 3. 1. 오후 2:05:00,이용,웹,시니어,\n").encode()


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    """A shared cache of these tests' own: nothing another test or xdist worker writes to (or prunes from) the
    process's cache can pass or fail the before/after comparisons, so they run alongside the rest."""
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(cache))


def _shared_cache() -> set[str]:
    return {p.name for p in Path(settings.get("cache_dir")).iterdir()}


def test_an_uploads_facts_are_written_in_its_session_and_removed_with_it(app, telco_path):
    at = app(telco_path, page="upload.py")
    before = _shared_cache()
    at.file_uploader[0].upload("지점_설문.csv", _csv("B"), "text/csv").run()
    ds = at.session_state["dataset"]
    assert ds.journeys == 2
    session_dir = Path(ds.files[0]).parent
    assert Path(ds.facts_dir).parent == session_dir / "facts"
    assert (Path(ds.facts_dir) / "journeys.parquet").exists()
    # No folder of the upload in the shared cache. (Compared by the upload's version rather than as a whole:
    # an earlier test's background work in the same process may add its own folders meanwhile.)
    assert ds.version not in _shared_cache() and _shared_cache() >= before
    at.switch_page(str(PAGES / "overview.py")).run()
    assert not list(at.exception) and ds.version not in _shared_cache()

    caching.clear_session_resource_cache(AT_SESSION)  # the session ends
    assert not Path(ds.facts_dir).exists()
    assert not session_dir.exists()


def test_twenty_sessions_with_uploads_leave_no_folder_behind(app, telco_path):
    app(telco_path)  # the default data's facts are in the shared cache before any upload
    before = _shared_cache()
    dirs, versions = [], set()
    for i in range(20):
        at = app(telco_path, page="upload.py")
        at.file_uploader[0].upload(f"branch_{i:02d}.csv", _csv(f"S{i}"), "text/csv").run()
        assert at.session_state["dataset"].journeys == 2
        dirs.append(Path(at.session_state["dataset"].files[0]).parent)
        versions.add(at.session_state["dataset"].version)
        caching.clear_session_resource_cache(AT_SESSION)
    assert len(versions) == 20 and not versions & _shared_cache() and _shared_cache() >= before
    assert not any(d.exists() for d in dirs)

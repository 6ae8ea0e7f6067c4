"""The upload page with a process-mining log: an XES file (also gzipped) loads, and its notes are shown in the UI
language (converted UTC offsets, a channel that cannot show handoffs)."""

from __future__ import annotations

import gzip

from tests.ingest.test_process_logs import xes
from tests.support.markdown import live_markup, shown


def _problems(at) -> list:
    return list(at.exception) + [e.value for e in at.error]


def _notes(at) -> list[str]:
    """The warnings as a reader sees them; none of them draws markup from the data."""
    assert all(live_markup(w.value) == [] for w in at.warning)
    return [shown(w.value) for w in at.warning]


def test_an_xes_upload_loads_and_names_the_offsets_it_converted(app, telco_path):
    at = app(telco_path, page="upload.py")
    at.file_uploader[0].upload("가입로그.xes", xes(), "application/xml").run()
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == 4
    assert at.session_state["dataset"].events == 8
    assert "Column 'time:timestamp' has times with UTC offsets +00:00, +01:00, +02:00, +09:00; they are kept at UTC" in (
        " ".join(_notes(at)).replace("\u2060", ""))


def test_a_gzipped_xes_without_resources_warns_in_korean_that_no_handoff_can_be_seen(app, telco_path):
    at = app(telco_path, page="upload.py", lang="ko")
    at.file_uploader[0].upload("log.xes.gz", gzip.compress(xes(resources=False)), "application/gzip").run()
    assert _problems(at) == []
    assert at.session_state["dataset"].journeys == 4
    notes = _notes(at)
    assert any(n.startswith("'channel' 열(채널)은 한 여정 안에서 바뀌지 않아 채널 전환을 볼 수 없습니다") for n in notes), notes

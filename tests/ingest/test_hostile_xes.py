"""Hostile XES logs (issue 23, item 1): a DTD with entity declarations is refused in one sentence by a hardened
parser, wherever the declaration sits, in bounded memory."""

import tracemalloc

import pytest

import ingest
import report
from errors import DataError


def entity_bomb(uses: int = 200, size: int = 100_000, padding: int = 70_000) -> bytes:
    """The issue's file: a comment inside the DOCTYPE holding ``]><log>``, ~70 KB of padding (past any text search of
    the head), then one entity of ``size`` characters used ``uses`` times."""
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE log [\n<!-- ]><log> -->\n'
            f'<!-- {"p" * padding} -->\n<!ENTITY big "{"A" * size}">\n]>\n')
    events = "".join(f'<event><string key="concept:name" value="&big;"/>'
                     f'<date key="time:timestamp" value="2026-03-01T10:00:{i % 60:02d}Z"/></event>' for i in range(uses))
    body = f'<log xes.version="1.0"><trace><string key="concept:name" value="C1"/>{events}</trace></log>'
    return (head + body).encode()


def test_an_entity_declared_past_the_first_64_kb_is_refused_in_one_sentence_with_bounded_memory():
    data = entity_bomb()
    tracemalloc.start()
    try:
        with pytest.raises(DataError) as e:
            ingest.load(data, "bomb.xes")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert str(e.value) == ("bomb.xes declares XML entities in its DOCTYPE, which an XES log does not need; "
                            "it is not read.")
    assert "XML" in e.value.text("ko") and "bomb.xes" in e.value.text("ko")
    # The expansion alone would be 200 × 100 KB = 20 MB; refused at the declaration, the parse holds a few chunks.
    assert peak < 5 * 2**20, peak


@pytest.mark.parametrize("declaration", [
    '<!ENTITY % p "x">',                             # a parameter entity
    '<!ENTITY ext SYSTEM "file:///etc/passwd">',     # an external entity
    '<!ENTITY a "aaaa">',                            # a harmless-looking one: any declaration is refused
])
def test_every_kind_of_entity_declaration_is_refused(declaration):
    data = (f'<?xml version="1.0"?><!DOCTYPE log [{declaration}]>'
            '<log><trace><event><string key="concept:name" value="x"/></event></trace></log>').encode()
    with pytest.raises(DataError, match="declares XML entities"):
        ingest.load(data, "evil.xes")


def test_a_doctype_without_entities_is_still_read():
    data = ('<?xml version="1.0"?><!DOCTYPE log><log><trace><string key="concept:name" value="C1"/><event>'
            '<string key="concept:name" value="가입"/><date key="time:timestamp" value="2026-03-01T10:00:00Z"/>'
            '</event></trace></log>').encode()
    assert ingest.load(data, "plain.xes").events.height == 1


def test_report_prints_the_entity_refusal_as_one_error_line_and_exits_2(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "bomb.xes"
    path.write_bytes(entity_bomb(uses=20))
    assert report.main([str(path)]) == 2
    err = capsys.readouterr().err
    assert err == "error: bomb.xes declares XML entities in its DOCTYPE, which an XES log does not need; it is not read.\n"


def test_elements_outside_traces_do_not_accumulate():
    """A log of 20,000 log-level attributes and one trace: memory stays bounded (each is dropped once read)."""
    filler = '<string key="k" value="v"/>' * 20_000
    data = (f'<?xml version="1.0"?><log>{filler}<trace><string key="concept:name" value="C1"/><event>'
            '<string key="concept:name" value="가입"/><date key="time:timestamp" value="2026-03-01T10:00:00Z"/>'
            '</event></trace></log>').encode()
    tracemalloc.start()
    try:
        assert ingest.load(data, "wide.xes").events.height == 1
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # 20,000 elements kept would be ~6.4 MB of Element objects (the file itself is 0.54 MB); dropped, the peak is
    # ~0.3 MB whatever the count
    assert peak < 4 * 2**20, peak


def test_the_upload_page_shows_the_refusal_in_the_ui_language(monkeypatch):
    import i18n
    from ui.upload import message

    with pytest.raises(DataError) as e:
        ingest.load(entity_bomb(uses=2), "bomb.xes")
    monkeypatch.setattr(i18n, "_language_source", lambda: "ko")  # the session's language, restored after the test
    assert message(e.value) == "bomb.xes 파일은 DOCTYPE에 XES 로그에 필요 없는 XML 엔티티를 선언하고 있어 읽지 않습니다."

"""Process-mining logs as published: XES (streamed), .gz and single-member .zip, UTC offsets, a constant channel."""

import datetime as dt
import gzip
import io
import json
import math
import statistics
import zipfile

import polars as pl
import pytest

import ingest
import report
from errors import DataError
from store import Filters, open_dataset
from store import queries as q

# Four cases, written out of order; offsets change at the European DST switches (29 March, 25 October 2026)
# and one case mixes Z and +09:00. Activities in Korean, resources as channels, one case-level channel.
CASES = {
    "C-03": {"attrs": {"channel": "web", "region": "부산", "customer": "김민수"},
             "events": [("가입 신청", "앱", "2026-03-28T22:00:00.000+01:00", "start", None),
                        ("가입 신청", "앱", "2026-03-28T22:40:00.000+01:00", "complete", None),
                        ("본인인증", "콜센터", "2026-03-29T09:00:00.000+02:00", "complete", 9)]},
    "C-01": {"attrs": {"channel": "web", "region": "서울", "customer": "이영희"},
             "events": [("상품 비교", "웹", "2026-03-01T10:00:00Z", "complete", None),
                        ("가입 신청", "앱", "2026-03-01T19:30:00+09:00", "complete", 6)]},
    "C-02": {"attrs": {"channel": "web", "region": "서울", "customer": "박지훈"},
             # 02:30 at +02:00 is 00:30 UTC; 02:15 at +01:00 (after the switch back) is 01:15 UTC: later
             "events": [("본인인증", "콜센터", "2026-10-25T02:15:00+01:00", "complete", 10),
                        ("상품 비교", "앱", "2026-10-25T02:30:00+02:00", "complete", None)]},
    "C-04": {"attrs": {"channel": "web", "region": "대구", "customer": "최수진"}, "after": True,
             "events": [("상품 비교", "웹", "2026-06-01T12:00:00+02:00", "complete", None)]},
}
# Durations in hours, by hand in UTC: C-03 21:00Z -> 07:00Z = 10; C-01 10:00Z -> 10:30Z = 0.5;
# C-02 00:30Z -> 01:15Z = 0.75; C-04 one event = 0. (Wall clock would say 11, 9.5, 0.25 and 0.)
HAND_HOURS = {"C-03": 10.0, "C-01": 0.5, "C-02": 0.75, "C-04": 0.0}


def xes(cases=CASES, resources=True, namespace=True) -> bytes:
    ns = ' xmlns="http://www.xes-standard.org/"' if namespace else ""
    out = ['<?xml version="1.0" encoding="UTF-8" ?>', "<!-- exported by a process-mining tool -->",
           f'<log xes.version="1.0" xes.features="nested-attributes"{ns}>',
           '<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>',
           '<global scope="event"><string key="concept:name" value="__INVALID__"/></global>',
           '<classifier name="Activity" keys="concept:name"/>',
           '<string key="concept:name" value="가입 여정 로그"/>']
    for case, spec in cases.items():
        attrs = [f'<string key="concept:name" value="{case}"/>'] + [
            f'<string key="{k}" value="{v}"/>' for k, v in spec["attrs"].items()]
        events = []
        for activity, resource, when, transition, nps in spec["events"]:
            parts = [f'<string key="concept:name" value="{activity}"/>',
                     f'<date key="time:timestamp" value="{when}"/>',
                     f'<string key="lifecycle:transition" value="{transition}"/>']
            if resources:
                parts.append(f'<string key="org:resource" value="{resource}"/>')
            if nps is not None:
                parts.append(f'<int key="nps" value="{nps}"/>')
            parts.append('<list key="tags"><values><string key="tag" value="nested, ignored"/></values></list>')
            events.append("<event>" + "".join(parts) + "</event>")
        body = events + attrs if spec.get("after") else attrs + events
        out.append("<trace>" + "\n".join(body) + "</trace>")
    out.append("</log>")
    return "\n".join(out).encode()


def utc_hours(case) -> float:
    """Independent reference: the case's duration from timezone-aware Python datetimes."""
    times = [dt.datetime.fromisoformat(e[2].replace("Z", "+00:00")) for e in CASES[case]["events"]]
    return (max(times) - min(times)).total_seconds() / 3600


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CXLENS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("CXLENS_DISPLAY_TIMEZONE", raising=False)


def test_the_hand_computed_durations_agree_with_aware_datetimes():
    assert {c: utc_hours(c) for c in CASES} == HAND_HOURS


def test_an_xes_log_maps_its_standard_attributes_and_derives_stage_and_channel():
    loaded = ingest.load(xes(), "log.xes")
    assert loaded.mapping.status == "automatic"
    assert loaded.mapping.columns == {"journey_id": "case:concept:name", "timestamp": "time:timestamp",
                                      "stage": "stage", "channel": "channel", "touchpoint": "concept:name",
                                      "nps": "nps"}
    events = loaded.events.sort("journey_id", "timestamp")
    assert events.height == 8 and loaded.rejected_rows == 0
    assert events["stage"].to_list() == events["touchpoint"].to_list()          # stage = the activity
    assert events["channel"].to_list() == events["org:resource"].to_list()      # channel = the resource
    # trace attributes are journey attributes, under case:<key> as pm4py names them; nested lists are skipped
    first = events.row(0, named=True)
    assert (first["journey_id"], first["case:region"], first["case:customer"], first["case:channel"]) == (
        "C-01", "서울", "이영희", "web")
    assert "tags" not in events.columns and "tag" not in events.columns
    assert events.filter(pl.col("journey_id") == "C-04")["case:region"].to_list() == ["대구"]  # attrs after events
    assert sorted(events["lifecycle:transition"].unique().to_list()) == ["complete", "start"]


def test_offsets_are_converted_so_durations_equal_utc_durations():
    loaded = ingest.load(xes(), "log.xes")
    by_case = loaded.events.group_by("journey_id").agg(
        ((pl.col("timestamp").max() - pl.col("timestamp").min()).dt.total_seconds() / 3600).alias("hours"))
    assert dict(by_case.iter_rows()) == HAND_HOURS
    # kept at the data's own smallest offset (+00:00 here, from C-01's Z): the wall clock at UTC
    c02 = loaded.events.filter(pl.col("journey_id") == "C-02").sort("timestamp")
    assert c02["timestamp"].to_list() == [dt.datetime(2026, 10, 25, 0, 30), dt.datetime(2026, 10, 25, 1, 15)]
    assert c02["touchpoint"].to_list() == ["상품 비교", "본인인증"]   # true order, not the wall-clock order
    assert [n.text() for n in loaded.notes] == [
        "Column 'time:timestamp' has times with UTC offsets +00:00, +01:00, +02:00, +09:00; they are kept at UTC "
        "(the data's own, its smallest offset), so every duration is the true duration."]


def test_the_journey_facts_durations_equal_the_utc_reference(tmp_path):
    loaded = ingest.load(xes(), "log.xes")
    ds = open_dataset(ingest.write_parquet(loaded, tmp_path / "log.parquet"), name="log.xes")
    facts = q.journeys(ds, Filters(), ("journey_id", "duration_hours"))
    for case, hours in facts.iter_rows():
        assert math.isclose(hours, utc_hours(case), abs_tol=1e-9), case


def test_report_reads_an_xes_file_end_to_end(capsys, tmp_path):
    path = tmp_path / "가입로그.xes"
    path.write_bytes(xes())
    assert report.main([str(path), "--format", "json"]) == 0
    out = capsys.readouterr()
    r = json.loads(out.out)
    assert (r["journeys"], r["events"], r["rejected_rows"]) == (4, 8, 0)
    hours = sorted(HAND_HOURS.values())                      # 0, 0.5, 0.75, 10
    assert math.isclose(r["median_journey_hours"], statistics.median(hours))            # 0.625
    assert math.isclose(r["p90_journey_hours"], 0.75 + 0.7 * (10 - 0.75))               # linear: 7.225
    assert r["nps_responses"] == 3 and math.isclose(r["nps"], 100 * (2 - 1) / 3)       # 9, 10 promoters; 6
    # C-02 goes 앱 -> 콜센터 in true time (the wall clock would say 콜센터 -> 앱); C-03 앱 -> 콜센터; C-01 웹 -> 앱
    assert sorted((h["from"], h["to"], h["count"]) for h in r["handoffs"]) == [("앱", "콜센터", 2), ("웹", "앱", 1)]
    assert "warning: Column 'time:timestamp' has times with UTC offsets" in out.err


def test_a_display_timezone_keeps_times_at_its_standard_offset_and_durations_unchanged(monkeypatch):
    monkeypatch.setenv("CXLENS_DISPLAY_TIMEZONE", "Asia/Seoul")
    loaded = ingest.load(xes(), "log.xes")
    c01 = loaded.events.filter(pl.col("journey_id") == "C-01").sort("timestamp")["timestamp"].to_list()
    assert c01 == [dt.datetime(2026, 3, 1, 19, 0), dt.datetime(2026, 3, 1, 19, 30)]   # 10:00Z and 10:30Z in Seoul
    monkeypatch.setenv("CXLENS_DISPLAY_TIMEZONE", "Europe/Amsterdam")   # standard offset +01:00 all year
    loaded = ingest.load(xes(), "log.xes")
    c03 = loaded.events.filter(pl.col("journey_id") == "C-03").sort("timestamp")["timestamp"].to_list()
    assert c03[0] == dt.datetime(2026, 3, 28, 22, 0) and c03[-1] == dt.datetime(2026, 3, 29, 8, 0)
    assert "kept at +01:00 (setting display_timezone)" in loaded.notes[0].text()


def test_a_display_timezone_that_is_no_zone_is_one_sentence(monkeypatch):
    monkeypatch.setenv("CXLENS_DISPLAY_TIMEZONE", "Seoul")
    with pytest.raises(DataError) as e:
        ingest.load(xes(), "log.xes")
    assert str(e.value) == ("The display_timezone setting 'Seoul' is neither a time zone (e.g. Asia/Seoul) nor an "
                            "offset (e.g. +09:00).")


def test_a_single_offset_is_kept_as_written_without_a_note():
    data = ("journey_id,timestamp,stage,channel\n"
            "J1,2026-03-01T23:30:00+09:00,가입,앱\nJ1,2026-03-02T01:00:00+09:00,이용,웹\n").encode()
    loaded = ingest.load(data, "kst.csv")
    assert loaded.events["timestamp"].to_list() == [dt.datetime(2026, 3, 1, 23, 30), dt.datetime(2026, 3, 2, 1, 0)]
    assert loaded.notes == ()


def csv_with_offsets() -> bytes:
    rows = ["case,time,단계,채널,만족도",
            "R2,2026-03-29 01:30:00+01:00,가입,웹,4",
            "R1,2026-03-28 23:00:00+01:00,탐색,앱,5",
            "R2,2026-03-29 04:00:00+02:00,이용,앱,N/A",
            "R1,2026-03-29 03:30:00+02:00,가입,웹,2"]
    return ("\n".join(rows) + "\n").encode()


def test_a_csv_with_mixed_offsets_has_true_durations():
    loaded = ingest.load(csv_with_offsets(), "receipt.csv", mapping={"journey_id": "case", "timestamp": "time"})
    hours = dict(loaded.events.group_by("journey_id").agg(
        ((pl.col("timestamp").max() - pl.col("timestamp").min()).dt.total_seconds() / 3600).alias("h")).iter_rows())
    assert hours == {"R1": 3.5, "R2": 1.5}   # 22:00Z -> 01:30Z; 00:30Z -> 02:00Z (wall clock: 4.5 and 2.5)


@pytest.mark.parametrize("wrap", ["gz", "zip"])
def test_an_xes_log_compressed_gives_the_same_events(wrap):
    plain = ingest.load(xes(), "log.xes").events
    if wrap == "gz":
        data = gzip.compress(xes())
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("export/log.xes", xes())
            z.writestr("__MACOSX/export/._log.xes", b"\x00\x05resource fork")
        data = buf.getvalue()
    loaded = ingest.load(data, "upload")   # no telling name: recognised from the content
    assert loaded.events.equals(plain)


@pytest.mark.parametrize("wrap", ["gz", "zip"])
def test_a_compressed_csv_loads_like_the_plain_one(wrap):
    plain = csv_with_offsets()
    if wrap == "gz":
        data = gzip.compress(plain)
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("receipt.csv", plain)
        data = buf.getvalue()
    mapping = {"journey_id": "case", "timestamp": "time"}
    assert ingest.load(data, f"receipt.csv.{wrap}", mapping=mapping).events.equals(
        ingest.load(plain, "receipt.csv", mapping=mapping).events)


def test_report_reads_a_gzipped_csv(capsys, tmp_path):
    path = tmp_path / "receipt.csv.gz"
    path.write_bytes(gzip.compress(csv_with_offsets()))
    assert report.main([str(path), "--map", "journey_id=case", "--map", "timestamp=time", "--format", "json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert (r["journeys"], r["events"]) == (2, 4)
    assert math.isclose(r["median_journey_hours"], 2.5)   # (3.5 + 1.5) / 2


def test_a_zip_of_two_files_is_one_sentence():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.csv", "x,y\n1,2\n")
        z.writestr("b.csv", "x,y\n3,4\n")
    with pytest.raises(DataError) as e:
        ingest.load(buf.getvalue(), "two.zip")
    assert str(e.value) == "two.zip holds 2 files (a.csv, b.csv); a .zip must hold exactly one table."


def test_a_gzip_that_unpacks_past_the_limit_is_refused(monkeypatch):
    monkeypatch.setenv("CXLENS_UNPACKED_LIMIT_MB", "1")
    data = gzip.compress(b"journey_id,timestamp,stage,channel\n" + b"J1,2026-03-01 09:00,a,b\n" * 100_000)
    assert len(data) < 100_000
    with pytest.raises(DataError) as e:
        ingest.load(data, "big.csv.gz")
    assert str(e.value) == ("big.csv.gz unpacks to more than 1 MB, the limit for a compressed file (setting "
                            "unpacked_limit_mb).")


def test_a_compressed_file_inside_a_compressed_file_is_refused():
    with pytest.raises(DataError, match="a compressed file inside a compressed file"):
        ingest.load(gzip.compress(gzip.compress(xes())), "twice.gz")


def test_a_truncated_gzip_is_one_sentence():
    with pytest.raises(DataError) as e:
        ingest.load(gzip.compress(xes())[:-200], "cut.xes.gz")
    assert str(e.value) == "cut.xes.gz is a gzip file that ends early (it was cut off); upload it again."


def test_an_xes_log_without_resources_has_a_constant_channel_and_says_no_handoff_can_be_seen(capsys, tmp_path):
    loaded = ingest.load(xes(resources=False, namespace=False), "plain.xes")
    assert loaded.events["channel"].unique().to_list() == ["(none)"]
    assert [n.key for n in loaded.notes] == ["note_offsets_own", "note_channel_constant"]
    assert loaded.notes[1].text() == (
        "Column 'channel' (channel) never changes within a journey, so no channel handoff can be seen with it: the "
        "handoff rate is 0 % by construction. Map channel to a column that can change along a journey.")
    assert loaded.notes[1].text("ko").startswith("'channel' 열(채널)은 한 여정 안에서 바뀌지 않아")


def test_a_case_level_channel_column_gives_the_warning_in_report(capsys, tmp_path):
    path = tmp_path / "log.xes"
    path.write_bytes(xes())
    assert report.main([str(path), "--map", "channel=case:channel", "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["handoff_rate"] == 0
    assert ("warning: Column 'case:channel' (channel) never changes within a journey, so no channel handoff can be "
            "seen with it") in out.err


def test_a_channel_that_changes_in_one_journey_gives_no_warning():
    loaded = ingest.load(csv_with_offsets(), "receipt.csv", mapping={"journey_id": "case", "timestamp": "time"})
    assert "note_channel_constant" not in [n.key for n in loaded.notes]


def test_an_xes_log_that_declares_entities_is_refused():
    data = xes().replace(b"<!-- exported", b'<!DOCTYPE log [<!ENTITY a "aaaa">]><!-- exported')
    with pytest.raises(DataError) as e:
        ingest.load(data, "evil.xes")
    assert str(e.value) == "evil.xes declares XML entities in its DOCTYPE, which an XES log does not need; it is not read."


def test_a_broken_xes_log_is_one_sentence():
    with pytest.raises(DataError) as e:
        ingest.load(xes()[:-30], "broken.xes")
    assert str(e.value).startswith("broken.xes is not a well-formed XES log: ")
    with pytest.raises(DataError, match="an XES log without events"):
        ingest.load(b'<?xml version="1.0"?><log><trace><string key="concept:name" value="x"/></trace></log>',
                    "empty.xes")


@pytest.mark.parametrize(("journeys", "channels", "said"), [
    (["c1", "c1", "c2", "c2"], ["콜센터", "콜센터", "지점", "지점"], True),     # each journey on one channel
    (["c1", "c1", "c2", "c2"], ["콜센터", "콜센터", "지점", "앱"], False),      # one journey changes
    (["c1", "c2", "c3"], ["콜센터", "지점", "앱"], False),                      # one touchpoint each: nothing to see
    (["c2", "c1", "c2", "c1"], ["앱", "앱", "앱", "앱"], True),                 # shuffled rows, one channel for all
])
def test_the_constant_channel_note_is_said_exactly_when_no_journey_of_two_touchpoints_changes_channel(
        journeys, channels, said):
    from ingest import checks
    from ingest.mapping import ColumnMapping

    events = pl.DataFrame({"journey_id": journeys, "channel": channels})
    notes = checks._constant_channel(ColumnMapping(columns={"channel": "resource"}, status="manual"), events)
    assert [n.key for n in notes] == (["note_channel_constant"] if said else [])
    if said:
        assert notes[0].values["column"] == "resource"

"""Pain points of data without touchpoint names fall back to stage × channel."""

import datetime as dt

import polars as pl

from figures import executive
from store import Filters, open_dataset


def _write(tmp_path, with_touchpoint: bool):
    t0 = dt.datetime(2026, 3, 1, 9)
    rows = []
    # ten copies of: 가입 on 앱: 4 ratings, 1 satisfied (25 %); 가입 on 지점: 2 ratings, both satisfied; 이용 on 앱:
    # 2 ratings, 1 satisfied (enough ratings for 가입 · 앱 to be clearly below the average)
    for copy in range(10):
        for i, (stage, channel, sat) in enumerate([("가입", "앱", 1), ("가입", "앱", 2), ("가입", "앱", 5),
                                                   ("가입", "앱", 2), ("가입", "지점", 5), ("가입", "지점", 4),
                                                   ("이용", "앱", 5), ("이용", "앱", 1)]):
            rows.append({"journey_id": f"J{copy}-{i}", "timestamp": t0 + dt.timedelta(hours=i), "stage": stage,
                         "channel": channel, "satisfaction": sat, "touchpoint": "본인인증" if i < 4 else "상담"})
    frame = pl.DataFrame(rows).sample(fraction=1.0, shuffle=True, seed=3)
    if not with_touchpoint:
        frame = frame.drop("touchpoint")
    path = tmp_path / "e.parquet"
    frame.write_parquet(path)
    return open_dataset(path, cache_dir=tmp_path / "cache")


def test_without_a_touchpoint_column_pain_points_are_stage_by_channel(tmp_path):
    points = executive.pain_points(_write(tmp_path, with_touchpoint=False), Filters.make())
    # average CSAT = 40 satisfied of 80 = 50 %: 가입 · 앱 (25 % of 40, at most 40 % at 95 %) is clearly below it,
    # 지점 (100 %) and 이용 · 앱 (50 %) are not
    assert points.select("touchpoint", "stage", "channel", "ratings", "csat", "below_average").rows() == [
        ("가입 · 앱", "가입", "앱", 40, 25.0, True), ("이용 · 앱", "이용", "앱", 20, 50.0, False),
        ("가입 · 지점", "가입", "지점", 20, 100.0, False)]
    assert points["by_stage_channel"].all()
    assert points.filter("below_average")["pain_score"].to_list() == [30.0]


def test_with_touchpoint_names_they_are_used(tmp_path):
    points = executive.pain_points(_write(tmp_path, with_touchpoint=True), Filters.make())
    assert sorted(points["touchpoint"].to_list()) == ["본인인증", "상담"] and not points["by_stage_channel"].any()
    # a named touchpoint is filtered to by the stage most of its events are in; it has no one channel
    assert dict(points.select("touchpoint", "stage").rows()) == {"본인인증": "가입", "상담": "가입"}
    assert points["channel"].null_count() == points.height

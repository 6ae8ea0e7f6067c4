"""Survey weights and the response rate end to end: a CP949 Korean export with a 가중치 column read, weighted NPS and
its interval against a hand computation, raking to a file of shares, weighted key drivers against statsmodels' WLS,
the response rate by hand and the "who answers changed" warning (and no warning where the claim would be false)."""

from __future__ import annotations

import json
import math
import random

import numpy as np
import polars as pl
import pytest

import ingest
import report
from figures import survey as survey_figures
from figures import weighting
from store import Filters, open_dataset

Z = 1.959963984540054
# 8 invited rows: 6 answered (weights 2, 1, 0.5, 1.5, 1, 3), 2 did not (응답여부 아니오 / N, no answers).
SMALL = """응답자ID,응답일,등급,가중치,추천점수,서비스 만족도,가격 만족도,응답여부,발송일
R1,2026-03-02,골드,2,10,5,4,예,2026-03-02
R2,2026-03-03,골드,1,9,4,4,예,2026-03-02
R3,2026-03-04,일반,0.5,3,2,1,예,2026-03-02
R4,2026-03-05,일반,1.5,7,3,3,Y,2026-03-09
R5,2026-03-06,일반,1,6,3,해당없음,1,2026-03-09
R6,2026-03-07,골드,3,8,4,5,예,2026-03-09
R7,,일반,,,,,아니오,2026-03-09
R8,,골드,,,,,N,2026-03-02
"""


def run(capsys, *argv) -> tuple[int, str, str]:
    code = report.main([*map(str, argv)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _file(tmp_path, text: str = SMALL, name: str = "export.csv", encoding: str = "cp949"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _open(tmp_path, text: str = SMALL, **load):
    loaded = ingest.load(_file(tmp_path, text), **load)
    ds = open_dataset(ingest.write_parquet(loaded, tmp_path / "export.parquet"), name="export.csv")
    about = survey_figures.info(ds)
    return survey_figures.ordered(ds, about), about


def test_weighted_nps_and_its_interval_equal_a_hand_computation_on_a_cp949_export(capsys, tmp_path):
    code, out, err = run(capsys, _file(tmp_path), "--format", "json")
    assert code == 0, err
    r = json.loads(out)
    # by hand: Σw = 9; promoters R1 + R2 = 3; detractors R3 + R5 = 1.5; Σw² = 4 + 1 + .25 + 2.25 + 1 + 9 = 17.5
    p, d, n_eff = 3 / 9, 1.5 / 9, 81 / 17.5
    half = Z * 100 * math.sqrt((p + d - (p - d) ** 2) / n_eff)
    assert r["nps"] == pytest.approx(100 * (p - d))
    assert r["nps_ci"] == pytest.approx([100 * (p - d) - half, 100 * (p - d) + half])
    assert r["weighting"] == {"column": "가중치", "raked": [], "effective_n": pytest.approx(n_eff), "answers": 6}
    # CSAT: each answer weighted by its respondent: 서비스 hits 2 + 1 + 3 of 9, 가격 hits 2 + 1 + 3 of 8
    assert r["csat"] == pytest.approx(100 * 12 / 17)
    assert r["outcome"]["rate"] == pytest.approx(100 * 3 / 9)
    # the two who did not respond are neither respondents nor quarantined
    assert r["survey"]["respondents"] == 6 and r["rejected_rows"] == 0


def test_without_a_weight_column_the_figures_are_unweighted(capsys, tmp_path):
    code, out, err = run(capsys, _file(tmp_path, SMALL.replace("가중치", "메모")), "--format", "json")
    assert code == 0, err
    r = json.loads(out)
    assert r["weighting"] is None
    assert r["nps"] == pytest.approx(100 * (2 - 2) / 6)


def test_the_weight_flag_chooses_a_column_the_names_do_not(capsys, tmp_path):
    path = _file(tmp_path, SMALL.replace("가중치", "w_final"))
    code, out, _ = run(capsys, path, "--format", "json")
    assert json.loads(out)["weighting"] is None
    code, out, err = run(capsys, path, "--format", "json", "--weight", "w_final")
    assert code == 0, err
    assert json.loads(out)["weighting"]["column"] == "w_final"
    assert json.loads(out)["nps"] == pytest.approx(100 / 6)


@pytest.mark.parametrize("bad", ["0", "-1", "", "많음"])
def test_a_respondent_without_a_positive_weight_stops_with_one_sentence_naming_the_column(capsys, tmp_path, bad):
    path = _file(tmp_path, SMALL.replace("R3,2026-03-04,일반,0.5,", f"R3,2026-03-04,일반,{bad},"))
    code, out, err = run(capsys, path, "--format", "json")
    assert code == 2 and out == ""
    assert err.startswith("error: Column '가중치' is the weight, but not every respondent has a weight above 0 "
                          "(1 without; first: row 4, ")
    assert len(err.strip().splitlines()) == 1


def test_the_weighted_pages_figures_equal_hand_computations(tmp_path):
    ds, about = _open(tmp_path)
    boxes = survey_figures.top_two_box(ds, Filters(), about)
    service = boxes.filter(pl.col("question") == "서비스 만족도").row(0, named=True)
    assert service["answers"] == 6 and service["top_two"] == 3  # counts stay counts
    assert service["top_two_pct"] == pytest.approx(100 * 6 / 9)  # R1 2 + R2 1 + R6 3 of Σw 9
    by_grade = survey_figures.outcome_by_segment(ds, Filters(), about, "등급")
    gold = by_grade.filter(pl.col("segment") == "골드").row(0, named=True)
    assert gold["value"] == pytest.approx(100 * 3 / 6)  # promoters 2 + 1 of 2 + 1 + 3, no detractor
    line = weighting.line(ds, Filters(), about)
    assert str(line) == "Weighted by 가중치 (effective n = 5 of 6 answers)."
    assert line.text("ko") == "가중치 기준으로 가중했습니다 (유효 표본 5, 응답 6건 중)."
    dist = survey_figures.distribution(ds, Filters(), about)
    five = dist.filter((pl.col("question") == "가격 만족도") & (pl.col("answer") == 5)).row(0, named=True)
    assert five["respondents"] == 1 and five["share_pct"] == pytest.approx(100 * 3 / 8)


def test_an_unweighted_survey_has_no_weighting_line(tmp_path):
    ds, about = _open(tmp_path, SMALL.replace("가중치", "메모"))
    assert weighting.line(ds, Filters(), about) is None


def test_raking_to_a_file_of_shares_reaches_them_within_a_millionth(capsys, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("column,value,share\n등급,골드,0.3\n등급,일반,0.7\n", encoding="utf-8")
    loaded = ingest.load(_file(tmp_path), rake={"등급": {"골드": 0.3, "일반": 0.7}})
    per = loaded.events.unique("journey_id").select("등급", "weight")
    share = per.filter(pl.col("등급") == "골드")["weight"].sum() / per["weight"].sum()
    assert abs(share - 0.3) <= 1e-6
    # started from 가중치: within a grade the weights keep their ratios (R1 : R2 = 2 : 1)
    w = dict(loaded.events.unique("journey_id").select("journey_id", "weight").iter_rows())
    assert w["R1"] / w["R2"] == pytest.approx(2.0)
    code, out, err = run(capsys, _file(tmp_path), "--format", "json", "--rake", targets)
    assert code == 0, err
    assert json.loads(out)["weighting"]["raked"] == ["등급"]


def test_raking_refuses_a_target_for_a_value_nobody_has(capsys, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("column,value,share\n등급,골드,0.3\n등급,일반,0.6\n등급,실버,0.1\n", encoding="utf-8")
    code, out, err = run(capsys, _file(tmp_path), "--format", "json", "--rake", targets)
    assert code == 2 and out == ""
    assert err == "error: The raking targets give a share to 등급 = 실버, but no respondent has that value.\n"


def test_a_raking_file_without_its_header_is_named(capsys, tmp_path):
    targets = tmp_path / "targets.csv"
    targets.write_text("등급,골드,0.3\n", encoding="utf-8")
    code, _, err = run(capsys, _file(tmp_path), "--rake", targets)
    assert code == 2 and err == "error: targets.csv is not a raking file: its first line must be column,value,share.\n"


def test_weight_flags_on_an_events_file_stop_with_one_sentence(capsys, tmp_path):
    events = tmp_path / "events.csv"
    events.write_text("journey_id,timestamp,stage,channel,w\nj1,2026-03-01 10:00,가입,앱,2\n", encoding="utf-8")
    code, _, err = run(capsys, events, "--events", "--weight", "w")
    assert code == 2 and "--weight and --rake weight the respondents of a survey" in err


def _driver_export(n: int = 240, seed: int = 3) -> tuple[str, np.ndarray, np.ndarray, np.ndarray]:
    rng = random.Random(seed)
    lines = ["id,가중치,서비스,가격,속도,추천 의향"]
    ys, xs, ws = [], [], []
    for i in range(n):
        a, b, c = (rng.randint(1, 5) for _ in range(3))
        y = max(0, min(10, round(1.2 * a + 0.4 * b + 0.1 * c + rng.gauss(0, 1.5))))
        w = round(rng.uniform(0.3, 3.0), 3)
        lines.append(f"r{i},{w},{a},{b},{c},{y}")
        ys.append(y)
        xs.append((a, b, c))
        ws.append(w)
    return "\n".join(lines) + "\n", np.array(ys, float), np.array(xs, float), np.array(ws)


def test_weighted_key_drivers_equal_statsmodels_wls_on_the_same_answers(tmp_path):
    import statsmodels.api as sm

    text, y, x, w = _driver_export()
    ds, about = _open(tmp_path, text)
    kd = survey_figures.drivers(ds, Filters(), about)
    # independently: WLS of the answer on the three ratings (everyone rated all three: no rated_s terms; the slopes
    # do not depend on the centring), HC3 errors
    fit = sm.WLS(y, sm.add_constant(x), weights=w).fit(cov_type="HC3")
    table = {r["stage"]: r for r in kd.table.iter_rows(named=True)}
    for i, stage in enumerate(("서비스", "가격", "속도")):
        assert table[stage]["coefficient"] == pytest.approx(fit.params[i + 1], rel=1e-9)
        assert [table[stage]["ci_low"], table[stage]["ci_high"]] == pytest.approx(fit.conf_int(0.05)[i + 1], rel=1e-9)
        assert table[stage]["p_value"] == pytest.approx(fit.pvalues[i + 1], rel=1e-6)
    assert kd.r2 == pytest.approx(fit.rsquared)
    unweighted = sm.OLS(y, sm.add_constant(x)).fit().params[1]
    assert abs(table["서비스"]["coefficient"] - unweighted) > 1e-6  # the weights do change the estimate


def test_response_rate_by_segment_and_week_by_hand(capsys, tmp_path):
    code, out, err = run(capsys, _file(tmp_path), "--format", "json")
    assert code == 0, err
    rate = json.loads(out)["response_rate"]
    assert (rate["invited"], rate["responded"], rate["rate_pct"]) == (8, 6, 75.0)
    by_grade = {r["value"]: (r["invited"], r["responded"]) for r in rate["by_segment"]["등급"]}
    assert by_grade == {"골드": (4, 3), "일반": (4, 3)}  # 골드: R1 R2 R6 of R1 R2 R6 R8
    # sent 2026-03-02 (Monday): R1 R2 R3 R8, 3 answered; 2026-03-09: R4 R5 R6 R7, 3 answered
    assert [(r["week"], r["invited"], r["responded"]) for r in rate["by_week"]] == [
        ("2026-03-02", 4, 3), ("2026-03-09", 4, 3)]


def test_a_responded_value_that_is_neither_yes_nor_no_is_named(capsys, tmp_path):
    code, _, err = run(capsys, _file(tmp_path, SMALL.replace(",아니오,", ",모르겠음,")))
    assert code == 2
    assert err == ("error: Column '응답여부' says whether each row responded, but '모르겠음' is neither yes nor no "
                   "(예/아니오, Y/N, 1/0).\n")


def test_a_missing_responded_flag_is_counted_as_missing_not_as_an_answer(capsys, tmp_path):
    code, out, _ = run(capsys, _file(tmp_path, SMALL.replace(",아니오,", ",해당없음,")), "--format", "json")
    rate = json.loads(out)["response_rate"]
    assert (rate["invited"], rate["responded"], rate["missing"]) == (7, 6, 1)


def _two_months(mix_changes: bool, nps_changes: bool, n: int = 200) -> str:
    """March and April, n respondents each, segment 등급 A/B. A answers 9–10, B 0–6. March: half A. April: 80% A
    when the mix changes; else half A, and April's A answer lower when only NPS changes."""
    lines = ["id,응답일,등급,서비스,가격,추천 의향"]
    for month in (3, 4):
        share_a = 0.8 if (month == 4 and mix_changes) else 0.5
        for i in range(n):
            grade = "A" if i < share_a * n else "B"
            score = 10 if grade == "A" else 3
            if month == 4 and nps_changes and not mix_changes and grade == "A":
                score = 7
            lines.append(f"m{month}-{i},2026-{month:02d}-{1 + i % 28:02d},{grade},{1 + i % 5},{1 + (i * 3) % 5},"
                         f"{score}")
    return "\n".join(lines) + "\n"


def test_who_answers_changed_is_said_when_the_nps_and_the_mix_change_together(capsys, tmp_path):
    code, out, err = run(capsys, _file(tmp_path, _two_months(mix_changes=True, nps_changes=True)), "--format", "json")
    assert code == 0, err
    change = json.loads(out)["response_rate"]
    assert change["warning"] == (
        "Who answers changed: from 2026-03 to 2026-04 NPS moved +60 points while the mix of respondents by 등급 "
        "changed too (both 95% significant), so part of the NPS change may come from who answered rather than from "
        "how customers feel.")
    # March: 50% A (promoters) − 50% B (detractors) = 0; April: 80% − 20% = 60
    assert change["mix_change"]["nps_change"] == pytest.approx(60.0)


@pytest.mark.parametrize(("mix", "nps"), [(False, True), (False, False)])
def test_no_warning_when_the_respondents_mix_did_not_change(capsys, tmp_path, mix, nps):
    code, out, err = run(capsys, _file(tmp_path, _two_months(mix_changes=mix, nps_changes=nps)), "--format", "json")
    assert code == 0, err
    change = json.loads(out)["response_rate"]
    assert change["warning"] is None
    assert change["mix_change"]["segments"][0]["p_value"] == pytest.approx(1.0)
    if nps:  # the NPS did change (A answers 7 in April: fewer promoters), only the mix did not
        assert change["mix_change"]["nps_p_value"] < 0.05


def test_the_table_report_says_it_is_weighted_and_gives_the_response_rate(capsys, tmp_path):
    code, out, err = run(capsys, _file(tmp_path))
    assert code == 0, err
    assert "Weighted by 가중치 (effective n = 5 of 6 answers)." in out.splitlines()
    assert "response rate 75.0% (6 of 8 invited)" in out.splitlines()
    code, out, _ = run(capsys, _file(tmp_path, SMALL.replace("가중치", "메모").replace("응답여부", "메모2")
                                     .replace("발송일", "메모3")))
    assert code == 0
    assert not any(line.startswith(("Weighted by", "response rate")) for line in out.splitlines())

"""Small-group suppression: groups under min_group customers show "fewer than 5" and none of their numbers, no total
minus the shown cells gives one away, groups of exactly min_group are shown, and local use without the setting
shows every figure."""

from __future__ import annotations

import datetime as dt
import json
import random

import polars as pl
import pytest

import report
from figures import privacy
from figures.overview import headline, score_trend, statistics
from i18n import t
from metrics.suppression import hidden_cells, hide, revealed
from store import Filters, open_dataset
from ui.cards import kpi_cards

MIN = 5
BIG, SMALL, EXACT = "서울", "제주", "울산"  # 24 customers, 3 customers, exactly 5 customers
SHORT = "부산"  # 8 customers whose journeys stop after 가입: 6 of persona B, 2 of persona C
ACCESS = """
[users."big@bank.co.kr"]
region = ["서울"]

[users."small@bank.co.kr"]
region = ["제주"]

[users."exact@bank.co.kr"]
region = ["울산"]
"""


def _events() -> pl.DataFrame:
    """Hand-built: each customer one journey of three touchpoints (인지 → 가입 → 이용, app → call centre → branch).
    서울: 24 customers, 10 in January, 12 in February, 2 in March; two of them also reach 해지 (a small stage) by
    a rare 영업점 → 챗봇 handoff. 제주: 3 customers. 울산: exactly 5. 부산: 8, two stages only, personas B and C."""
    rows = []
    people = ([(BIG, i) for i in range(24)] + [(SMALL, i) for i in range(3)] + [(EXACT, i) for i in range(5)]
              + [(SHORT, i) for i in range(8)])
    for n, (region, i) in enumerate(people):
        month = 1 if i < 10 else 2 if i < 22 else 3
        when = dt.datetime(2025, month, 1 + i % 20, 9)
        steps = [("인지", "모바일 앱"), ("가입", "콜센터"), ("이용", "영업점")]
        if region == BIG and i in (3, 17):
            steps.append(("해지", "챗봇"))
        if region == SHORT:
            steps = steps[:2]
        for k, (stage, channel) in enumerate(steps):
            rows.append({"journey_id": f"J{n:03d}", "customer_id": f"C{n:03d}",
                         "timestamp": when + dt.timedelta(hours=2 * k), "stage": stage, "channel": channel,
                         "touchpoint": f"{stage}-{channel}", "region": region,
                         "persona": "A" if region != SHORT else "B" if i < 6 else "C",
                         "satisfaction": float(1 + (n + k) % 5), "ces": float(1 + n % 7),
                         "nps": float(n % 11) if k == len(steps) - 1 else None,
                         "comment": f"{region} 고객 {n} 의견" if k == 1 else None})
    return pl.DataFrame(rows).with_columns(pl.col("timestamp").cast(pl.Datetime("us")))


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("suppress")
    path = folder / "events.parquet"
    _events().write_parquet(path)
    return path, open_dataset(path)


@pytest.fixture
def on(monkeypatch):
    monkeypatch.setenv("CXLENS_MIN_GROUP", str(MIN))
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)


def _region(name: str) -> Filters:
    return Filters.make(dims={"region": [name]})


KPI_NUMBERS = ("events", "journeys", "nps", "nps_responses", "csat", "ces", "median_journey_hours",
               "p90_journey_hours", "handoff_rate")


# --- the rule --------------------------------------------------------------------------------------------------

def test_a_cell_under_min_group_is_hidden_with_its_next_smallest():
    assert hidden_cells([40, 3, 12, 9], 5) == [False, True, False, True]


def test_cells_at_exactly_min_group_are_all_shown():
    assert hidden_cells([5, 5, 40], 5) == [False, False, False]


def test_two_small_cells_that_together_are_still_small_take_a_third():
    assert hidden_cells([40, 1, 1, 7, 30], 5) == [False, True, True, True, False]


def test_no_total_minus_the_shown_cells_reveals_a_hidden_cell_in_any_breakdown():
    rng = random.Random(28)
    for _ in range(3000):
        sizes = [rng.choice([1, 2, 3, 4, 5, 6, 9, 20, 100]) for _ in range(rng.randint(1, 7))]
        hidden = hidden_cells(sizes, MIN)
        shown = [n for n, h in zip(sizes, hidden, strict=True) if not h]
        small = [n for n, h in zip(sizes, hidden, strict=True) if h]
        if any(n < MIN for n in sizes) and len(sizes) > 1 and sum(sizes) >= MIN:  # a smaller total is hidden itself
            assert not revealed(sum(sizes), shown, small, MIN), sizes
        assert all(h for n, h in zip(sizes, hidden, strict=True) if n < MIN)


def test_revealed_is_true_where_the_rule_was_not_applied():
    """The check itself would catch a leak: one small cell hidden alone is recoverable from the total."""
    assert revealed(43, [40], [3], MIN)


def test_hide_nulls_the_values_of_hidden_rows_only():
    table = pl.DataFrame({"g": ["a", "b", "c"], "customers": [9, 3, 20], "nps": [10.0, -50.0, 30.0]})
    out = hide(table, "customers", ["nps"], MIN)
    assert out["nps"].to_list() == [None, None, 30.0] and out["suppressed"].to_list() == [True, True, False]


# --- when it applies ---------------------------------------------------------------------------------------------

def test_local_use_without_the_setting_or_an_access_file_shows_every_figure(data, monkeypatch):
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)
    assert privacy.min_group() is None
    h = headline(data[1], _region(SMALL))
    assert h["journeys"] == 3 and h["suppressed"] is False


def test_pain_points_count_no_customers_without_suppression(data, monkeypatch):
    from figures import executive
    from store import queries

    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)
    counted = []
    real = queries.touchpoint_customers
    monkeypatch.setattr(queries, "touchpoint_customers", lambda *a: counted.append(a) or real(*a))
    points = executive.pain_points(data[1], Filters())
    assert points.height > 0 and counted == []  # every touchpoint shown: no distinct count over the events
    monkeypatch.setenv("CXLENS_MIN_GROUP", str(MIN))
    executive.pain_points(data[1], Filters())
    assert len(counted) == 1


def test_an_access_file_turns_it_on_at_the_default(monkeypatch, tmp_path):
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(tmp_path / "access.toml"))
    assert privacy.min_group() == 5


# --- the figures ---------------------------------------------------------------------------------------------------

def test_a_selection_of_three_customers_shows_none_of_its_numbers(data, on):
    h = headline(data[1], _region(SMALL))
    assert h["suppressed"] is True
    assert all(h[k] is None for k in KPI_NUMBERS)
    assert h["handoffs"] == [] or all(x["count"] is None for x in h["handoffs"])
    assert all(s["suppressed"] and s["events"] is None and s["csat"] is None for s in h["stages"])
    stats = statistics(data[1], _region(SMALL))
    assert stats["nps_ci"] is None and stats["trend"] is None and stats["drivers"] is None
    assert stats["statistics_reasons"]["nps_ci"] == "fewer than 5"


def test_a_selection_of_exactly_min_group_customers_is_shown(data, on):
    h = headline(data[1], _region(EXACT))
    assert h["suppressed"] is False and h["journeys"] == 5 and h["events"] == 15 and h["nps_responses"] == 5


def test_a_small_stage_and_its_complementary_stage_are_hidden_and_the_events_total_reveals_neither(data, on):
    h = headline(data[1], _region(BIG))
    stages = {s["stage"]: s for s in h["stages"]}
    assert stages["해지"]["suppressed"] and stages["해지"]["events"] is None
    hidden = [s for s in h["stages"] if s["suppressed"]]
    assert len(hidden) == 2  # 해지 (2 customers) and the next smallest, all other stages have 24
    shown = [s["events"] for s in h["stages"] if not s["suppressed"]]
    assert h["events"] - sum(shown) == 2 + 24  # two stages' events together, never 해지's two alone


def test_a_rare_handoff_is_hidden(data, on):
    h = headline(data[1], _region(BIG))
    rare = [x for x in h["handoffs"] if (x["from"], x["to"]) == ("영업점", "챗봇")]
    assert rare and rare[0]["count"] is None and rare[0]["suppressed"]
    assert all(x["count"] == 24 for x in h["handoffs"] if not x.get("suppressed"))


def test_a_small_month_is_hidden_and_the_answers_total_reveals_no_single_month(data, on):
    table = score_trend(data[1], _region(BIG), "month", "nps").table
    by_month = {r["period"].month: r for r in table.iter_rows(named=True)}
    assert by_month[3]["suppressed"] and by_month[3]["nps"] is None and by_month[3]["responses"] is None
    assert by_month[1]["suppressed"]  # the complementary month: January (10) is smaller than February (12)
    assert by_month[2]["nps"] is not None and by_month[2]["delta"] is None  # no change from a hidden month
    total = headline(data[1], _region(BIG))["nps_responses"]
    shown = [r["responses"] for r in by_month.values() if not r["suppressed"]]
    assert not revealed(total, shown, [10, 2], MIN) and total - sum(shown) == 12


def test_every_breakdown_with_a_total_leaves_no_single_small_cell_as_the_difference(data, on):
    """Programmatically over the breakdowns that add up to a shown total: stage events to events, months' answers to
    the NPS answers; the difference is zero or covers at least two cells and min_group customers."""
    for region in (BIG, SMALL, EXACT, None):
        f = _region(region) if region else Filters()
        h = headline(data[1], f)
        if h["suppressed"]:
            continue
        checks = [(h["events"], [s["events"] for s in h["stages"] if not s["suppressed"]],
                   [s for s in h["stages"] if s["suppressed"]])]
        months = score_trend(data[1], f, "month", "nps").table
        checks.append((h["nps_responses"], months.filter(~pl.col("suppressed"))["responses"].to_list(),
                       months.filter(pl.col("suppressed")).to_dicts()))
        for total, shown, hidden in checks:
            left = total - sum(shown)
            assert left == 0 or len(hidden) >= 2, (region, total, shown)


def test_the_overview_cards_say_fewer_than_5_in_both_languages():
    summary = {"kpis": {"suppressed": True, "current": dict.fromkeys(("nps", "csat", "ces", "journeys",
                        "median_journey_hours", "handoff_rate")), "change": {}, "compared": False,
                        "nps_responses": None},
               "targets": dict.fromkeys(("nps", "csat", "ces", "journeys", "median_journey_hours", "handoff_rate")),
               "period": {"previous": (None, None)}}
    cards = kpi_cards(summary, dated=True, min_n=30, min_group=MIN)
    assert {c.value for c in cards} == {"fewer than 5"} and all(c.delta.text is None for c in cards)
    assert t("suppressed_fewer", "ko", n=5) == "5명 미만"


# --- report.py --as -------------------------------------------------------------------------------------------------

@pytest.fixture
def access(monkeypatch, tmp_path):
    path = tmp_path / "access.toml"
    path.write_text(ACCESS, encoding="utf-8")
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(path))
    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.setenv("CXLENS_DATABASE_URL", f"sqlite:///{tmp_path / 'loop.sqlite'}")


def _report(capsys, *argv):
    code = report.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_as_a_user_of_a_small_region_shows_the_marker_and_none_of_the_numbers(data, access, capsys):
    code, out, _ = _report(capsys, str(data[0]), "--as", "small@bank.co.kr", "--format", "json")
    r = json.loads(out)
    assert code == 0 and r["suppressed"] is True and r["suppressed_reason"] == "fewer than 5"
    assert all(r[k] is None for k in KPI_NUMBERS)
    assert r["voc"] is None and r["paths"] is None and r["handoffs"] == []
    assert all(set(s) == {"stage", "suppressed"} for s in r["stages"])
    assert all(m is None for m in (r["nps_ci"], r["trend"], r["drivers"]))
    code, out, _ = _report(capsys, str(data[0]), "--as", "small@bank.co.kr")
    assert "fewer than 5" in out and "고객" not in out  # no comment quoted from the small group
    head = out.split("rejected rows")[0]
    assert not any(ch.isdigit() for ch in head.replace("(1-7)", "").replace("fewer than 5", "").replace("p90", ""))


def test_report_as_a_user_of_exactly_min_group_customers_sees_the_numbers(data, access, capsys):
    code, out, _ = _report(capsys, str(data[0]), "--as", "exact@bank.co.kr", "--format", "json")
    r = json.loads(out)
    assert code == 0 and r["suppressed"] is False and r["journeys"] == 5 and r["events"] == 15


def test_the_weekly_nps_chart_leaves_out_the_weeks_too_small_to_show(data, on):
    from figures.overview import nps_by_week

    assert nps_by_week(data[1], _region(SMALL)).is_empty()


# --- the sentences: hidden, never "no answers" ---------------------------------------------------------------------

@pytest.fixture
def summaries(data, on):
    """The executive summaries of January (custom period) in the small region and in the region of exactly 5."""
    from figures import executive

    def january(region: str) -> dict:
        f = Filters.make(since=dt.date(2025, 1, 1), until=dt.date(2025, 1, 31), dims={"region": [region]})
        return executive.summary(data[1], f, executive.windows(data[1], f, "custom"))

    return {"small": january(SMALL), "exact": january(EXACT)}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_small_period_s_headline_says_its_figures_are_hidden_and_nothing_else(summaries, lang):
    from ui.charts import snapshot

    sentences = snapshot.headline(summaries["small"], lang)
    period = snapshot.period_labels(summaries["small"]["period"], lang)[0]
    assert sentences == [t("suppressed_period", lang, period=period, n=MIN)]
    assert t("headline_nps_none", lang, period=period) not in sentences  # the answers are hidden, not missing
    assert snapshot.headline_statistics(summaries["small"], lang) == t("suppressed_note", lang, n=MIN)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_period_of_exactly_min_group_customers_gets_the_normal_headline(summaries, lang):
    from ui.charts import snapshot

    s = summaries["exact"]
    assert s["suppressed"] is False and s["kpis"]["current"]["journeys"] == 5
    sentences = snapshot.headline(s, lang)
    period = snapshot.period_labels(s["period"], lang)[0]
    assert t("suppressed_period", lang, period=period, n=MIN) not in sentences
    assert f"{s['kpis']['current']['nps']:.1f}" in sentences[0]  # the NPS sentence with its value


def test_the_pdf_of_a_small_period_shows_the_marker_and_the_hidden_sentence_in_every_table(summaries):
    from ui.charts import snapshot

    s = summaries["small"]
    assert s["trend"].is_empty() and s["pain_points"].is_empty() and s["alerts"].is_empty()
    assert {r["value"] for r in snapshot.kpi_table(s, "ko")} == {"5명 미만"}
    fig = snapshot.figure(s, "en")
    cells = [v for tr in fig.data if tr.type == "table" for column in tr.cells.values for v in column]
    hidden = snapshot.hidden_sentence(s, "en")
    assert cells.count(hidden) == 3  # the headline, the movers and the pain points
    assert not any(v == t("pdf_no_pain", "en") or v.startswith("No segment moved") for v in cells)
    assert not any(tr.type == "scatter" for tr in fig.data)


def test_the_text_report_of_a_small_selection_says_its_figures_are_hidden(data, access, capsys):
    code, out, _ = _report(capsys, str(data[0]), "--as", "small@bank.co.kr")
    assert code == 0 and out.splitlines()[0] == "Figures hidden for this selection: fewer than 5 customers."
    code, out, _ = _report(capsys, str(data[0]), "--as", "exact@bank.co.kr")
    assert "Figures hidden" not in out


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_overview_of_a_small_selection_says_its_figures_are_hidden_where_it_said_no_answers(data, on, lang):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from ui.charts import snapshot
    from ui.text import md

    entry = Path(__file__).resolve().parent / "pages" / "app.py"
    with pytest.MonkeyPatch.context() as m:
        m.setenv("CXLENS_DATA", str(data[0]))
        at = AppTest.from_file(entry, default_timeout=120)
        at.query_params["region"] = SMALL
        at.query_params["since"] = "2025-01-01"
        at.query_params["until"] = "2025-01-31"
        at.query_params["lang"] = lang
        at.run()
    assert list(at.exception) == [] and [e.value for e in at.error] == []
    period = snapshot.period_labels({"choice": "custom", "days": 31,
                                     "current": ("2025-01-01", "2025-01-31"),
                                     "previous": ("2024-12-01", "2024-12-31")}, lang)[0]
    hidden = t("suppressed_period", lang, period=period, n=MIN)
    assert [m.value for m in at.markdown].count(md(hidden)) == 1  # the headline: that sentence alone
    assert [i.value for i in at.info] == [hidden] * 3  # the trend, the pain points, what changed
    said = [m.value for m in at.markdown] + [c.value for c in at.caption]
    assert not any(t("no_answers", lang) in x or t("no_pain_points", lang) in x for x in said)
    assert t("suppressed_note", lang, n=MIN) in said


# --- the voice of the customer: keywords and quotes only from groups of at least min_group customers ----------------

def test_a_keyword_fewer_than_min_group_customers_wrote_is_left_out_and_one_of_exactly_min_group_is_kept(data, on):
    from figures import voc

    words = voc.voc(data[1], Filters()).keywords["keyword"].to_list()
    assert "제주" not in words  # 3 customers
    assert "울산" in words and "서울" in words  # exactly 5, and 24
    assert "제주" not in voc.top_keywords(data[1], Filters(), 50)
    assert "제주" not in voc.voc_split(data[1], Filters(), "stage")["keyword"].to_list()
    assert voc.voc_associated(data[1], Filters(), "제주").is_empty()


def test_without_suppression_the_rare_keyword_is_listed(data, monkeypatch):
    from figures import voc

    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)
    assert "제주" in voc.voc(data[1], Filters()).keywords["keyword"].to_list()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_small_selection_s_comments_say_they_are_hidden_not_that_there_are_none(data, on, lang):
    from figures import voc

    v = voc.voc(data[1], _region(SMALL))
    assert v.hidden and v.comments == 0 and v.keywords.is_empty()
    assert v.reason.text(lang) == t("suppressed_selection", lang, n=MIN)
    assert voc.verbatims(data[1], _region(SMALL), "", "").is_empty()
    assert voc.top_complaints(data[1], _region(SMALL), "stage").is_empty()
    shown = voc.voc(data[1], _region(EXACT))
    assert not shown.hidden and shown.comments == 5


def test_verbatims_found_from_fewer_than_min_group_customers_are_not_quoted(data, on):
    from figures import voc

    assert voc.verbatims(data[1], Filters(), "", "제주").is_empty()  # 3 customers' comments
    assert voc.verbatims_hidden(data[1], Filters(), "", "제주").text("ko") == t("suppressed_comments", "ko", n=MIN)
    found = voc.verbatims(data[1], Filters(), "울산", "")  # exactly 5 customers
    assert found.height == 5 and voc.verbatims_hidden(data[1], Filters(), "울산", "") is None


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_voc_page_of_a_small_selection_says_its_figures_are_hidden(data, on, lang):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    here = Path(__file__).resolve().parent
    with pytest.MonkeyPatch.context() as m:
        m.setenv("CXLENS_DATA", str(data[0]))
        at = AppTest.from_file(here / "pages" / "app.py", default_timeout=120)
        at.query_params["region"] = SMALL
        at.query_params["lang"] = lang
        at.run()
        at.switch_page(str(here.parent / "pages" / "voc.py")).run()
    assert list(at.exception) == [] and [e.value for e in at.error] == []
    assert [i.value for i in at.info] == [t("suppressed_selection", lang, n=MIN)]
    assert t("voc_no_comments", lang) not in [i.value for i in at.info]
    assert not at.get("plotly_chart")


# --- breakdowns: paths, segments, pain points, personas -------------------------------------------------------------

PATHS = {"인지>가입>이용": 30, "인지>가입>이용>해지": 2, "인지>가입": 8}  # customers per stage path, by hand


def test_a_small_path_and_its_complementary_path_are_left_out_and_journeys_not_listed_reveal_neither(data, on):
    from figures.journeys import path_table

    table = path_table(data[1], Filters(), "stage")
    assert [">".join(p) for p in table["path"].to_list()] == ["인지>가입>이용"]
    assert table["share"].to_list() == [75.0]  # still a share of all 40 selected journeys
    total = headline(data[1], Filters())["journeys"]
    assert total == sum(PATHS.values())
    assert not revealed(total, table["journeys"].to_list(), [2, 8], MIN)


def test_without_suppression_every_path_is_listed(data, monkeypatch):
    from figures.journeys import path_table

    monkeypatch.delenv("CXLENS_MIN_GROUP", raising=False)
    monkeypatch.delenv("CXLENS_ACCESS_FILE", raising=False)
    table = path_table(data[1], Filters(), "stage")
    assert {">".join(p): j for p, j in table.select("path", "journeys").iter_rows()} == PATHS


def test_the_report_s_paths_leave_out_the_small_ones(data, access, capsys):
    code, out, _ = _report(capsys, str(data[0]), "--as", "big@bank.co.kr", "--format", "json")
    paths = json.loads(out)["paths"]["stage"]
    assert code == 0 and paths == []  # 서울: 22 and 2 customers: the small path and its only complement


def test_small_segments_and_their_complementary_ones_are_not_compared(data, on):
    from figures import executive

    hidden = {tuple(r) for r in executive.hidden_segments(data[1], Filters()).iter_rows()}
    assert {("region", SMALL), ("region", EXACT)} <= hidden  # 3, and the next smallest (5) to make 8
    assert ("region", BIG) not in hidden and ("region", SHORT) not in hidden
    assert {("persona", "C"), ("persona", "B")} <= hidden and ("persona", "A") not in hidden
    assert ("stage", "해지") in hidden
    f = Filters.make(since=dt.date(2025, 1, 1), until=dt.date(2025, 3, 31))
    changes = executive.movers(data[1], executive.windows(data[1], f, "custom"))
    compared = {(r["dimension"], r["value"]) for r in changes.iter_rows(named=True)}
    assert ("region", BIG) in compared and not compared & hidden


def test_a_small_touchpoint_is_not_a_pain_point_and_events_not_listed_cover_two_touchpoints(data, on):
    from figures import executive

    points = executive.pain_points(data[1], Filters())
    assert set(points["touchpoint"]) <= {"인지-모바일 앱", "가입-콜센터"}  # 해지-챗봇 (2) and 이용-영업점 (32) hidden
    assert "해지-챗봇" not in points["touchpoint"].to_list()


def test_a_small_persona_and_its_complementary_persona_are_not_shown(data, on):
    from figures.personas import channel_mix, persona_kpis

    kpis = persona_kpis(data[1], Filters())
    assert kpis["persona"].to_list() == ["A"] and kpis["journeys"].to_list() == [32]
    assert set(channel_mix(data[1], Filters())["persona"]) == {"A"}
    total = headline(data[1], Filters())["journeys"]
    assert not revealed(total, kpis["journeys"].to_list(), [6, 2], MIN)
    shown = persona_kpis(data[1], _region(SHORT))  # B (6) and C (2): C hidden, and B as its only complement
    assert shown.is_empty()


def test_a_small_derived_persona_shows_none_of_its_figures_nor_its_representative(data, on, capsys):
    from figures.personas import derived_personas

    dp = derived_personas(data[1], Filters(), k=3)
    rows = {r["persona"]: r for r in dp.table.iter_rows(named=True)}
    hidden = [r for r in rows.values() if r["suppressed"]]
    assert len(hidden) == 2 and all(r["customers"] is None and r["representative"] is None and r["share"] is None
                                    for r in hidden)  # 2 customers, and the 8 as its only complement
    assert [r["customers"] for r in rows.values() if not r["suppressed"]] == [30] and dp.customers == 40
    code, out, _ = _report(capsys, str(data[0]), "--personas", "3")
    section = out.split("derived personas")[1]
    assert code == 0 and section.count("fewer than 5") == 2

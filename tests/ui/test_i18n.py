import re
from pathlib import Path

from i18n import LANGUAGES, TEXT, t

ROOT = Path(__file__).resolve().parents[2]
FIELD = re.compile(r"{(\w+)}")


def test_every_string_exists_in_every_language_with_the_same_placeholders():
    for key, entry in TEXT.items():
        assert set(entry) == set(LANGUAGES), key
        assert {lang: sorted(FIELD.findall(text)) for lang, text in entry.items()} == {
            lang: sorted(FIELD.findall(entry["en"])) for lang in LANGUAGES}, key


def test_values_are_filled_in_the_chosen_language():
    assert t("n_journeys", "ko", n="1,234") == "n = 여정 1,234건"
    assert t("n_journeys", "en", n="1,234") == "n = 1,234 journeys"


def test_every_key_the_dashboard_uses_is_in_the_table():
    sources = [ROOT / "dashboard.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    used = set()
    for path in sources:
        used |= set(re.findall(r"\bt\(\s*\"(\w+)\"\s*[,)]", path.read_text()))
    assert used and used - set(TEXT) == set()


def test_every_metrics_reason_reads_in_korean_and_keeps_its_english():
    import datetime as dt

    import polars as pl

    from i18n import Message
    from metrics.drivers import key_drivers
    from metrics.handoff_effect import handoff_effect
    from metrics.trend import trend

    few = pl.DataFrame({"journey_id": ["a", "b"], "nps": [9, 3], "handoffs": [0, 1], "events": [2, 3]})
    sat = pl.DataFrame({"journey_id": ["a"], "stage": ["s"], "mean_satisfaction": [4.0], "ratings": [1]})
    same = pl.DataFrame({"journey_id": [f"j{i}" for i in range(40)], "nps": [9] * 40, "handoffs": [1] * 40,
                         "events": [3] * 40})
    reasons = [
        key_drivers(few, sat, ["s"], 30).reason,
        handoff_effect(few, sat, ["s"], 30).reason,
        key_drivers(same, sat, ["s"], 30).reason,                     # no stage rated by 30
        handoff_effect(same, sat, ["s"], 30).reason,                  # every answer the same
        Message("reason_few_for_stages", n=12, k=3),
        Message("reason_few_for_terms", n=12, k=9),
        Message("reason_same_nps"),
        trend(pl.DataFrame({"week": [dt.date(2025, 1, 6)], "nps": [9], "n": [40]}), "week").anomaly_reason,
        Message("reason_anomaly_gaps_month"),
    ]
    assert [str(r) for r in reasons] == [
        "only 2 journeys have an NPS answer (fewer than 30)",
        "only 2 journeys have an NPS answer (fewer than 30)",
        "no stage was rated by at least 30 journeys with an NPS answer",
        "every NPS answer is the same, so nothing can explain it",
        "12 journeys are too few for a model of 3 stages",
        "12 journeys are too few for the 9 terms of the model",
        "every NPS answer is the same, so nothing can explain it",
        "anomalies need at least 16 weeks of data; this selection has 1",
        "more than a quarter of the months have no answers",
    ]
    for reason in reasons:
        assert isinstance(reason, Message) and reason.text("en") == reason
        korean = reason.text("ko")
        assert not re.search(r"[A-Za-z]", korean.replace("NPS", "")), (reason, korean)  # translated, numbers kept


def test_column_labels_come_from_the_setting_then_built_in_names_then_the_column(monkeypatch):
    from i18n import column_label, configured_column_labels

    assert configured_column_labels(" region = Area | 권역 ; plan=Plan ; =x; bad") == {
        "region": {"en": "Area", "ko": "권역"}, "plan": {"en": "Plan", "ko": "Plan"}}
    assert configured_column_labels("vip=|우수 고객") == {"vip": {"ko": "우수 고객"}}
    monkeypatch.delenv("CXLENS_COLUMN_LABELS", raising=False)
    assert column_label("age_band", "ko") == "연령대" and column_label("age_band", "en") == "Age band"
    assert column_label("가입경로", "ko") == "가입경로"  # not named anywhere: the column's own name
    monkeypatch.setenv("CXLENS_COLUMN_LABELS", "region=Area|권역; vip=|우수 고객")
    assert column_label("region", "ko") == "권역" and column_label("region", "en") == "Area"
    assert column_label("vip", "ko") == "우수 고객" and column_label("vip", "en") == "vip"


def test_an_english_sentence_names_things_in_lower_case_mid_sentence():
    # "Click a bar to filter to its Stage": a heading's capital inside a sentence (proper nouns allowed)
    proper = {"Chromium", "Excel"}
    after_word = re.compile(r"\b(?:its|the|a|an|to|of|by|per|each|every|this|that|your) ([A-Z][a-z]+)")
    capitalised = [(key, m.group(0)) for key, entry in TEXT.items() for m in after_word.finditer(entry["en"])
                   if m.group(1) not in proper]
    assert capitalised == []
    # nor a label filled in after "its" (a label keeps its heading's capital); a number range ("its 1–5 scale") is
    # not a label
    assert [key for key, entry in TEXT.items() if re.search(r"\bits \{(?!scale\})", entry["en"])] == []

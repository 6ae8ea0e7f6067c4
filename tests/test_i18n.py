"""The message catalogs and the code that uses them stay in step: every key the code says exists in English and
Korean with the same placeholders, every catalog entry is used, and a message travels by its key."""

from __future__ import annotations

import ast
import pickle
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from errors import CacheError, DataError
from i18n import LANGUAGES, TEXT, Message, t, text
from store.facts import ready

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [p for folder in ("pages", "ui", "figures", "hosting", "loop", "ingest", "store", "metrics")
           for p in (ROOT / folder).rglob("*.py")] + [ROOT / name for name in (
               "report.py", "dashboard.py", "serve.py", "cxlens.py", "errors.py", "settings.py") if (ROOT / name).exists()]
# The calls whose first argument is a message key: t(key, …), Message(key, …), Note(key, …), DataError(key, …) and
# every subclass of DataError in the project (found below).
KEY_CALLS = {"t", "Message", "Note", "DataError"}
FIELD = re.compile(r"{(\w+)}")


def _pages() -> list[str]:
    return [p.stem for p in (ROOT / "pages").glob("*.py")]


def _prefixed(prefix: str) -> Callable[[], Iterable[str]]:
    """A family whose suffix is an open set (a column, a help topic…): it owns every catalog key with the prefix."""
    return lambda: [k for k in TEXT if k.startswith(prefix)]


def _canonical() -> list[str]:
    # every field a mapping can name (the canonical columns and a survey's weight, responded flag and sent date)
    from ingest.mapping import FIELDS

    return list(FIELDS)


def _fields_with_help() -> list[str]:
    from ingest.schema import CANONICAL

    return [f"field_{c}_help" for c in CANONICAL if f"field_{c}_help" in TEXT]


def _period_choices() -> list[str]:
    from metrics.periods import PERIOD_CHOICES

    return [f"period_choice_{'custom' if c == 'custom' else 'data_' + c}" for c in PERIOD_CHOICES]


def _data_periods() -> list[str]:
    from metrics.periods import PERIOD_CHOICES

    return [f"period_data_{c}" for c in PERIOD_CHOICES if c != "custom"]


def _survey_fields() -> tuple[str, ...]:
    from ui.upload import SURVEY_FIELDS

    return SURVEY_FIELDS


def _loop(name: str) -> tuple[str, ...]:
    from figures import loop as loop_figures
    from loop import tables

    return getattr(tables, name, None) or getattr(loop_figures, name)


def _impact_reasons() -> list[str]:
    """The reasons metrics.impact gives for an impact it does not measure (``reason="impact_…"``), read from its source."""
    from metrics import impact

    tree = ast.parse(Path(impact.__file__).read_text(encoding="utf-8"))
    return sorted({node.value.value for node in ast.walk(tree) if isinstance(node, ast.keyword) and node.arg == "reason"
                   and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)})


def _headlines() -> list[str]:
    from metrics.story import STORY_KEYS

    return [f"headline_{k}" for k in STORY_KEYS]


def _quadrants() -> list[str]:
    from metrics.drivers import QUADRANTS

    return [f"quadrant_{q}" for q in QUADRANTS]


def _journey_kinds() -> list[str]:
    from ui import drill

    return [f"kind_{k}" for k in drill.KINDS]


# Keys built from a prefix (f"field_{c}", "col_" + c): the prefix and suffix as the scan below renders them, and
# the keys each can produce. A family the code builds that is not listed here fails the test.
FAMILIES: dict[str, Callable[[], Iterable[str]]] = {
    "field_…": lambda: [f"field_{c}" for c in _canonical()],
    "field_…_help": _fields_with_help,
    "upload_outcome_…": lambda: [f"upload_outcome_{k}" for k in ("nps", "score", "label")],
    "survey_headline_…": lambda: [f"survey_headline_{k}" for k in ("score", "label")],
    "upload_status_…": _prefixed("upload_status_"),
    "reading_…": _prefixed("reading_"),
    "col_…": _prefixed("col_"),
    "kind_…": _journey_kinds,
    "edge_…": _prefixed("edge_"),
    "path_view_…": _prefixed("path_view_"),
    "nodes_…": _prefixed("nodes_"),
    "sort_…": _prefixed("sort_"),
    "quadrant_…": _quadrants,
    "handoff_…": _prefixed("handoff_"),
    "persona_map_caption_…": lambda: ["persona_map_caption_som", "persona_map_caption_kmeans"],
    "derived_method_…": lambda: ["derived_method_som", "derived_method_kmeans"],
    "period_choice_…": _period_choices,
    "period_data_…": _data_periods,
    "feat_…": _prefixed("feat_"),
    "help_…": _prefixed("help_"),
    "headline_…": _headlines,
    "story_metric_…": _prefixed("story_metric_"),
    "dim_…": _prefixed("dim_"),
    "target_…": _prefixed("target_"),
    "pdf_col_…": _prefixed("pdf_col_"),
    "survey_field_…": lambda: [f"survey_field_{name}" for name in _survey_fields()],
    "survey_field_…_help": lambda: [f"survey_field_{name}_help" for name in _survey_fields()],
    "note_survey_…_by_values": lambda: [f"note_survey_{name}_by_values" for name in ("timestamp", "comment")],
    "loop_…": lambda: [f"loop_{reason}" for reason in _impact_reasons()],
    "loop_impact_…_…": lambda: [f"loop_impact_{kind}_{verdict}" for kind in _loop("MEASURED_KINDS")
                                for verdict in ("sig", "nosig")],
    "access_col_…": lambda: [f"access_col_{c}" for c in ("who", "kind", "scope")],
    "access_kind_…": lambda: [f"access_kind_{k}" for k in ("admin", "admin_group", "user", "group")],
    "audit_col_…": lambda: [f"audit_col_{c}" for c in ("at", "event", "email", "role", "scope", "filters", "item",
                                                        "rows", "detail")],
    "audit_event_…": lambda: [f"audit_event_{e}" for e in _loop("AUDIT_EVENTS")],
    "loop_target_…": lambda: [f"loop_target_{kind}" for kind in _loop("ACTION_TARGETS")],
    "loop_action_status_…": lambda: [f"loop_action_status_{status}" for status in _loop("ACTION_STATUSES")],
    "loop_status_…": lambda: [f"loop_status_{status}" for status in _loop("CASE_STATUSES")],
    "loop_col_…": _prefixed("loop_col_"),
    "late_output_…": lambda: [f"late_output_{output}" for output in ready.LATE],
}
# Families whose key is put together before the call (``key = "ptrait_" + …; t(key)``), with where.
BUILT_BEFORE: dict[str, tuple[str, Callable[[], Iterable[str]]]] = {
    "ptrait_…": ("figures/personas.py persona trait words", _prefixed("ptrait_")),
}
# Entries that are empty on purpose, with the reason.
EMPTY_ON_PURPOSE = {"headline_unit_nps": "an NPS change has no unit after its number (CSAT's is %p)"}


def _trees() -> list[ast.Module]:
    return [ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in SOURCES]


TREES = _trees()


def _key_calls() -> set[str]:
    calls = set(KEY_CALLS)
    for tree in TREES:  # DataError's subclasses, to any depth
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in calls for b in node.bases):
                calls.add(node.name)
    for tree in TREES:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(isinstance(b, ast.Name) and b.id in calls for b in node.bases):
                calls.add(node.name)
    return calls


def _family(node: ast.expr) -> str | None:
    """``f"field_{c}_help"`` or ``"col_" + c`` as ``field_…_help`` / ``col_…``; None for anything else."""
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant) \
            and isinstance(node.left.value, str):
        return node.left.value + "…"
    return None


def _scan() -> tuple[dict[str, str], dict[str, str]]:
    """({literal key: where}, {family: where}) of every key-call's first argument in the project."""
    calls, literal, families = _key_calls(), {}, {}
    for path, tree in zip(SOURCES, TREES, strict=True):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in calls:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            first = node.args[0]
            family = _family(first)
            if family is not None:
                families.setdefault(family, where)
                continue
            for key in _literals(first):
                literal.setdefault(key, where)
    return literal, families


def _literals(node: ast.expr) -> list[str]:
    """A literal key, or the keys a condition chooses between (``"a_week" if week else "a_month"``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


LITERAL, FOUND_FAMILIES = _scan()


def _complete(key: str) -> bool:
    entry = TEXT.get(key)
    if entry is None or set(entry) != set(LANGUAGES):
        return False
    return key in EMPTY_ON_PURPOSE or all(entry[lang].strip() for lang in LANGUAGES)


def test_every_literal_key_the_code_says_has_english_and_korean():
    assert len(LITERAL) > 300  # the scan sees the project
    missing = {key: where for key, where in LITERAL.items() if not _complete(key)}
    assert missing == {}


def test_every_key_family_the_code_builds_is_listed_and_each_of_its_keys_has_english_and_korean():
    assert set(FOUND_FAMILIES) == set(FAMILIES), "list a new family in FAMILIES with the keys it can produce"
    for family, keys in [*FAMILIES.items(), *((f, keys) for f, (_, keys) in BUILT_BEFORE.items())]:
        produced = list(keys())
        assert produced, family
        assert [k for k in produced if not _complete(k)] == [], family


def test_every_catalog_entry_is_used_somewhere():
    # Used: a key-call's literal, a key of a family, or a string literal equal to the key anywhere in the code (a key
    # held in a table or a variable before it reaches t(), like hosting.access's Decision(reason="access_…")).
    strings = {node.value for tree in TREES for node in ast.walk(tree)
               if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    families = [*FAMILIES.values(), *(keys for _, keys in BUILT_BEFORE.values())]
    used = set(LITERAL) | strings | {k for keys in families for k in keys()}
    assert sorted(set(TEXT) - used) == []


def test_the_empty_entries_are_empty_in_both_languages():
    assert {key: TEXT[key] for key in EMPTY_ON_PURPOSE} == {key: {"en": "", "ko": ""} for key in EMPTY_ON_PURPOSE}


def test_english_and_korean_have_the_same_placeholders():
    assert {key: (sorted(set(FIELD.findall(e["en"]))), sorted(set(FIELD.findall(e["ko"]))))
            for key, e in TEXT.items()
            if set(FIELD.findall(e["en"])) != set(FIELD.findall(e["ko"]))} == {}


def test_a_data_error_with_a_key_not_in_the_catalog_is_refused():
    with pytest.raises(KeyError, match="no_such_message"):
        DataError("no_such_message")
    with pytest.raises(KeyError):
        DataError("The file is broken.")  # an English sentence is no key


def test_a_data_error_is_english_as_a_string_and_korean_by_its_key():
    error = DataError("file_empty", name="a.csv")
    assert str(error) == "a.csv is empty." and error.text("en") == "a.csv is empty."
    assert error.text("ko") == "a.csv 파일이 비어 있습니다."
    cache = CacheError("/srv/cache", "No space left on device")
    assert str(cache) == ("The cache directory /srv/cache cannot be written (No space left on device); set "
                          "CXLENS_CACHE_DIR to a writable directory with free space.")
    assert "CXLENS_CACHE_DIR" in cache.text("ko") and "쓸 수 없습니다" in cache.text("ko")


def test_a_data_error_survives_pickling_with_its_key_and_values():
    from ingest.load import MostlyInvalid

    for error in (DataError("file_empty", name="a.csv"), CacheError("/srv/cache", "Read-only file system"),
                  MostlyInvalid("rows_none_valid", 3, 3, {"row": 2}, name="a.csv", row=2,
                                reason=Message("invalid_missing", field="journey_id"))):
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error) and str(again) == str(error) and again.text("ko") == error.text("ko")
        assert again.__dict__.keys() == error.__dict__.keys()


def test_a_message_survives_pickling_and_translates_by_its_key():
    inner = Message("reason_unit_answers")
    message = Message("reason_small_current", current=3, unit=inner, min=30)
    again = pickle.loads(pickle.dumps(message))
    assert isinstance(again, Message) and again.key == "reason_small_current"
    assert again == message == "small sample: 3 answers in the current period (fewer than 30)"
    assert again.text("ko") == "표본 부족: 이번 기간 응답 3건 (최소 30건 필요)"
    assert text(again, "ko") == again.text("ko") and text("a data value", "ko") == "a data value"


def test_a_message_value_and_a_tuple_of_them_are_put_in_the_same_language():
    hints = (Message("map_hint", column="일시", field="timestamp"),)
    message = Message("map_missing_one", field="timestamp", hints=hints,
                      report_flags=Message("map_report_flags", flags="--map timestamp=COLUMN"))
    assert message == ("The file has no column for 'timestamp', which is required; from its values, '일시' looks like "
                       "'timestamp'; map one (report.py: --map timestamp=COLUMN).")
    assert message.without("report_flags", lang="ko") == (
        "파일에 필수 항목 'timestamp'에 해당하는 열이 없습니다 (값으로 보아 '일시' 열이 'timestamp'인 듯합니다). 열 하나를 "
        "연결하세요.")
    assert t("drivers_unavailable", "ko", reason=Message("reason_same_nps")).endswith("모든 NPS 응답이 같아 설명할 변동이 없음.")

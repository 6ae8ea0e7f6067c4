"""docs/ kept in step with the code: report.py's flags and JSON keys, the index, every relative link, the README's
length."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

import report

# The report's key tuples. Their modules are being moved (figures.py, executive.py into figures/): these two lines
# are the only place to update.
from figures.executive import ALERT_KEYS, KPI_KEYS
from figures.journeys import PATH_KEYS
from figures.loop import ACTION_KEYS, CASE_KEYS, IMPACT_KEYS, LOOP_KEYS, RECOVERY_KEYS
from figures.overview import HEADLINE_KEYS, STATISTICS_KEYS
from sample_data import SAMPLE_PATH
from tests.support.airline import airline_survey, csv_bytes

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REPORT_DOC = (DOCS / "report.md").read_text(encoding="utf-8")
MARKDOWN = [ROOT / "README.md", *sorted(DOCS.glob("*.md"))]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def code_spans(text: str) -> list[str]:
    """The text of every fenced code block and every `code` span (a span may run over a line break)."""
    fenced = re.compile(r"^```.*?^```", flags=re.S | re.M)
    return fenced.findall(text) + re.findall(r"`([^`]+)`", fenced.sub("", text))


def documented(name: str, text: str = REPORT_DOC) -> bool:
    """``name`` appears as a whole word inside a code span of ``text``."""
    word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    return any(word.search(span) for span in code_spans(text))


def keys(value) -> set[str]:
    """Every dictionary key in a JSON value, at any depth."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys(v)}
    return set()


def report_json(capsys, *argv) -> dict:
    assert report.main([*map(str, argv), "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def slug(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {slug(m) for m in re.findall(r"^#+ (.+)$", text, flags=re.M)}


def test_every_key_tuple_of_the_report_is_documented_in_docs_report():
    for key in (*HEADLINE_KEYS, *STATISTICS_KEYS, *PATH_KEYS, *KPI_KEYS, *ALERT_KEYS, *LOOP_KEYS, *CASE_KEYS,
                *RECOVERY_KEYS, *ACTION_KEYS, *IMPACT_KEYS):
        assert documented(key), key


def test_every_key_report_py_prints_on_the_sample_is_documented_in_docs_report(capsys):
    printed = keys(report_json(capsys, SAMPLE_PATH, "--alerts", "--personas", "3"))
    for key in printed:
        assert documented(key), key


def test_every_key_report_py_prints_on_a_survey_export_is_documented_in_docs_report(capsys, tmp_path):
    path = tmp_path / "survey.csv"
    path.write_bytes(csv_bytes(airline_survey(300)))
    result = report_json(capsys, path)
    assert result["reading"] == "survey"
    for key in keys(result):  # statistics_reasons included: it is keyed by the figures it explains
        assert documented(key), key


def test_every_flag_of_report_py_is_documented_in_docs_report(monkeypatch):
    parsers: list[argparse.ArgumentParser] = []
    parse = argparse.ArgumentParser.parse_args

    def keep(self, *args, **kwargs):
        parsers.append(self)
        return parse(self, *args, **kwargs)

    monkeypatch.setattr(argparse.ArgumentParser, "parse_args", keep)
    report.parse_args(["DATA"])
    actions = [a for a in parsers[0]._actions if not isinstance(a, argparse._HelpAction)]
    assert len(actions) > 20
    for action in actions:
        names = action.option_strings or [action.metavar or action.dest]
        for name in names:
            assert documented(name), name


def test_every_page_of_docs_is_linked_from_the_index():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    linked = {target.split("#")[0] for target in LINK.findall(index)}
    for page in DOCS.glob("*.md"):
        if page.name != "index.md":
            assert page.name in linked, page.name


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_resolves_to_an_existing_file_and_heading(path):
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto:
            continue
        file, _, anchor = target.partition("#")
        resolved = (path.parent / file).resolve() if file else path
        assert resolved.exists(), f"{path.name}: {target}"
        if anchor and resolved.suffix == ".md":
            assert anchor in anchors(resolved), f"{path.name}: {target}"


def test_the_readme_is_at_most_150_lines():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 150


def test_the_readme_quick_start_is_the_two_make_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme[readme.index("## Quick start"):].split("\n## ")[0]
    assert re.findall(r"```sh\n(.*?)```", quick_start, flags=re.S) == ["make run\nmake test\n"]

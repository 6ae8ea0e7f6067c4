"""cxlens is Apache-2.0: no installed runtime dependency may be GPL or AGPL (docs/licenses.md lists them)."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
REQUIREMENTS = ("requirements.txt", "requirements-spark.txt")

COPYLEFT = {
    "AGPL": re.compile(r"\bAGPL|Affero General Public", re.IGNORECASE),
    "LGPL": re.compile(r"\bLGPL|Lesser General Public|Library General Public", re.IGNORECASE),
    "GPL": re.compile(r"\bGPL|GNU General Public", re.IGNORECASE),
}
# A distribution whose license text names a copyleft licence, allowed only with the reason here.
ALLOWED_MENTIONS = {
    "scipy": (
        {"GPL", "LGPL", "AGPL"},
        "scipy itself is BSD-3-Clause; its wheels bundle the shared libraries libgfortran "
        "(GPL-3.0-or-later WITH GCC-exception-3.1: the runtime library exception lets a program under any "
        "licence use it) and libquadmath (LGPL-2.1-or-later, dynamically linked and replaceable), and its "
        "License field carries their full texts (the GPLv3 text mentions the AGPL in its section 13)",
    ),
}


def _requirement_names(file_name: str) -> list[str]:
    names = []
    for line in (ROOT / file_name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(canonicalize_name(Requirement(line).name))
    return names


def _declared(dist: metadata.Distribution) -> str:
    """The licence a distribution declares: its License-Expression, else its License field and classifiers."""
    meta = dist.metadata
    if meta.get("License-Expression"):
        return meta["License-Expression"]
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return "; ".join(filter(None, [(meta.get("License") or "").strip(), *classifiers]))


def _closure(names: list[str]) -> dict[str, metadata.Distribution]:
    """These installed distributions and everything they require at run time (no extras)."""
    found: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        name = canonicalize_name(todo.pop())
        if name in found:
            continue
        found[name] = metadata.distribution(name)
        for text in found[name].requires or []:
            req = Requirement(text)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return found


def _copyleft(text: str) -> set[str]:
    return {kind for kind, pattern in COPYLEFT.items() if pattern.search(text)}


@pytest.mark.parametrize("file_name", REQUIREMENTS)
def test_every_requirement_is_installed_and_declares_a_licence(file_name):
    for name in _requirement_names(file_name):
        assert _declared(metadata.distribution(name)).strip(), f"{name} declares no licence"


@pytest.mark.parametrize("file_name", REQUIREMENTS)
def test_no_requirement_is_gpl_agpl_or_lgpl(file_name):
    for name in _requirement_names(file_name):
        dist = metadata.distribution(name)
        assert not _copyleft(_declared(dist)), f"{name} {dist.version}: {_declared(dist)}"


def test_no_runtime_dependency_is_copyleft_beyond_the_named_exceptions():
    names = [n for f in REQUIREMENTS for n in _requirement_names(f)]
    for name, dist in _closure(names).items():
        meta = dist.metadata
        text = " ".join([meta.get("License-Expression") or "", meta.get("License") or "", _declared(dist)])
        kinds = _copyleft(text)
        if name in ALLOWED_MENTIONS:
            allowed, _reason = ALLOWED_MENTIONS[name]
            assert kinds <= allowed, f"{name} {dist.version} now also names {kinds - allowed}"
            classifiers = [c for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
            assert not _copyleft(meta.get("License-Expression") or "; ".join(classifiers)), f"{name} itself"
        else:
            assert not kinds, f"{name} {dist.version} names {kinds}: {_declared(dist)[:200]}"


def test_the_named_exceptions_are_still_dependencies_that_name_copyleft():
    names = [n for f in REQUIREMENTS for n in _requirement_names(f)]
    closure = _closure(names)
    for name in ALLOWED_MENTIONS:
        assert name in closure, f"{name} is no longer a dependency: drop it from ALLOWED_MENTIONS"
        meta = closure[name].metadata
        assert _copyleft(meta.get("License") or ""), f"{name} no longer names a copyleft licence: drop it"


def test_cxlens_itself_is_apache_2():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text and "Version 2.0, January 2004" in text
    assert "END OF TERMS AND CONDITIONS" in text


def test_docs_list_every_requirement_at_its_installed_version():
    table = (ROOT / "docs" / "licenses.md").read_text(encoding="utf-8")
    rows = {canonicalize_name(m[1]): m[2] for m in re.finditer(r"^\| *([A-Za-z0-9_.-]+) *\| *([^ |]+) *\|", table, re.M)}
    for file_name in REQUIREMENTS:
        for name in _requirement_names(file_name):
            assert rows.get(name) == metadata.version(name), f"docs/licenses.md: {name} {metadata.version(name)}"

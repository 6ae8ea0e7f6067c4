"""The structure check: an import graph built from the source (ast) has no circle and no import from a lower layer
to a higher one; project modules are imported at the top of a module, not inside functions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The layers, top to bottom, written once: each may import its own layer and the ones below it (docs/architecture.md).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry", ("dashboard", "serve", "report", "cxlens", "pages")),
    ("hosting", ("hosting",)),
    ("ui", ("ui",)),
    ("figures", ("figures",)),
    ("store (read)", ("store",)),
    ("store (facts)", ("store.facts",)),
    # loop/: the team's own records (cases, actions) in their own database; below the figures that compose them
    # with the facts, it imports only the base (it never reads the events: nothing analytical lives there)
    ("loop", ("loop",)),
    ("ingest", ("ingest",)),
    ("base", ("metrics", "settings", "errors", "i18n", "sample_data")),
)
NOT_PROJECT = ("tests", "benchmarks", ".venv", "conftest.py")

# Project imports inside a function, each with its reason: a heavy optional dependency loaded on use.
LATE_IMPORTS = {
    ("report", "ui.charts.snapshot"): "plotly and kaleido load only when a PDF is asked for",
    ("report", "store.facts.spark_job"): "pyspark loads only with --engine spark",
    ("report", "figures.loop"): "SQLAlchemy and Alembic (a quarter of report.py's imports) load only for the loop",
    ("report", "loop.audit"): "the audit trail's database only with --as, an access file or --audit-out",
    ("report", "loop.db"): "the loop's database only with --loop, --as, an access file, --audit-out or a PDF",
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] in NOT_PROJECT or rel.parts[0].startswith("."):
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def layer_of(module: str) -> int:
    """The index of the module's layer in LAYERS (the longest matching prefix wins)."""
    best, best_len = None, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = index, len(prefix)
    if best is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in tests/test_architecture.py")
    return best


def _resolve(name: str) -> str | None:
    """The project module an imported name lands in (``a.b.c`` -> the longest existing module prefix)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in MODULES:
            return candidate
    return None


def imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported project module, line, inside a function) for every import statement of ``module``."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if (target := _resolve(alias.name)) is not None:
                        found.append((target, child.lineno, in_function))
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                for alias in child.names:
                    target = _resolve(f"{child.module}.{alias.name}") or _resolve(child.module)
                    if target is not None:
                        found.append((target, child.lineno, in_function))
            visit(child, nested)

    visit(tree, False)
    return [(target, line, late) for target, line, late in found if target != module]


GRAPH = {module: imports(module) for module in MODULES}


def test_every_module_is_in_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_from_a_higher_layer():
    upward = [f"{m}:{line} imports {target} ({LAYERS[layer_of(m)][0]} -> {LAYERS[layer_of(target)][0]})"
              for m, edges in GRAPH.items() for target, line, _ in edges if layer_of(target) < layer_of(m)]
    assert upward == []


def test_no_module_imports_in_a_circle():
    edges = {m: sorted({t for t, _, _ in e if not (m and t.startswith(m + "."))}) for m, e in GRAPH.items()}
    # A package's __init__ importing its own submodules is how a package lists its public names, not a circle.
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for v in edges:
        if v not in index:
            strong(v)
    assert circles == []


def test_project_modules_are_imported_at_the_top_unless_a_heavy_dependency_waits():
    late = [(m, target) for m, e in GRAPH.items() for target, _, in_function in e if in_function]
    assert sorted(set(late) - set(LATE_IMPORTS)) == []


@pytest.mark.parametrize("importer, imported", [("figures.overview", "ui.data"), ("store.facts.journey_facts", "store.queries"),
                                          ("ingest.load", "store.facts.cache"), ("metrics.nps", "ingest.load")])
def test_the_check_sees_an_upward_import(importer, imported):
    """The layer order catches the imports the structure forbids (a figure from the UI, a writer from a reader…)."""
    assert layer_of(importer) > layer_of(imported)



def test_no_comment_cites_an_issue_number():
    """The tracker is not in the repository: code says what it does and why, not which issue asked for it."""
    cited = [f"{path.relative_to(ROOT)}:{n}" for module, path in MODULES.items()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\b[Ii]ssues? #?\d", line)]
    assert cited == []

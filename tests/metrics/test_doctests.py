"""The examples in metrics/ docstrings run as tests: every ``>>>`` line must print what its docstring says."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import polars as pl
import pytest

METRICS = sorted(p.stem for p in (Path(__file__).resolve().parents[2] / "metrics").glob("*.py") if p.stem != "__init__")


@pytest.mark.parametrize("name", METRICS)
def test_docstring_examples_hold(name):
    module = importlib.import_module(f"metrics.{name}")
    with pl.Config(tbl_rows=20, tbl_cols=12, tbl_width_chars=120):
        result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
                                 extraglobs={"pl": pl})
    assert result.failed == 0


def test_the_doctests_examine_examples():
    """The examples are found: a docstring with ``>>>`` lines counts (guards against a run that checks nothing)."""
    attempted = sum(doctest.testmod(importlib.import_module(f"metrics.{n}"), extraglobs={"pl": pl},
                                    optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS).attempted
                    for n in METRICS)
    assert attempted >= 20

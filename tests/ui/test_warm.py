"""The background imports: once per process, the modules the metrics import on use, a failure only logged."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from ui import warm

METRICS = Path(__file__).resolve().parents[2] / "metrics"


def test_the_imports_start_once_per_process_and_load_the_modules(monkeypatch):
    monkeypatch.setattr(warm, "_started", threading.Event())
    monkeypatch.setattr(warm, "MODULES", ("colorsys",))
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    thread = warm.start()
    thread.join(60)
    assert "colorsys" in sys.modules
    assert warm.start() is None


def test_a_module_that_cannot_be_imported_is_logged_not_raised(monkeypatch, caplog):
    monkeypatch.setattr(warm, "_started", threading.Event())
    monkeypatch.setattr(warm, "MODULES", ("cxlens_no_such_module",))
    with caplog.at_level(logging.WARNING, logger="ui.warm"):
        warm.start().join(60)
    assert "could not import cxlens_no_such_module" in caplog.text


def test_every_module_warmed_is_one_the_metrics_import_on_use():
    source = "\n".join(p.read_text(encoding="utf-8") for p in METRICS.glob("*.py"))
    assert [m for m in warm.MODULES if f"from {m} import" not in source and f"import {m} " not in source] == []


def test_settle_freezes_at_the_first_run_and_once_more_after_the_imports(monkeypatch):
    frozen = []
    monkeypatch.setattr(warm.gc, "freeze", lambda: frozen.append(True))
    for name in ("_started", "_imported", "_frozen", "_frozen_warm"):
        monkeypatch.setattr(warm, name, threading.Event())
    monkeypatch.setattr(warm, "MODULES", ("colorsys",))
    assert warm.settle() is True  # the first run: what the dashboard imported itself
    assert warm.settle() is False  # the background imports are not done yet
    warm.start().join(60)
    assert warm.settle() is True
    assert warm.settle() is False
    assert frozen == [True, True]

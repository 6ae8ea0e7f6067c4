"""Heavy imports the pages will need, started once per server process in a background thread.

statsmodels (and the scipy it loads) takes seconds to import, up to about 20 s on a loaded machine; the metrics import it
where it is used (see metrics.confidence), so the first executive summary, key drivers or trend of a server process
would wait for it. Imported here in the background from the first script run on, that first view finds it loaded, or
waits only for the rest of the import (Python's import lock makes the page's own import wait for this one).

Once those imports are done, ``settle`` (at the start of a script run) moves every object then alive, the imported
modules' hundreds of thousands of functions, classes and tables, out of reach of the garbage collector (``gc.freeze``):
Streamlit runs a full collection after every script run, and walking them took most of a warm rerun (0.3–0.9 s of a
0.6–1.2 s filter change or page switch on the sample). Objects made later are collected as before.
"""

from __future__ import annotations

import gc
import importlib
import logging
import threading

# The modules the metrics import on use, in the order a first view asks for them.
MODULES = ("statsmodels.stats.proportion", "statsmodels.api", "statsmodels.tsa.seasonal",
           "statsmodels.discrete.discrete_model", "scipy.stats")

_started = threading.Event()
_imported = threading.Event()  # the background imports are over (done or failed)
_frozen = threading.Event()
_lock = threading.Lock()


def start() -> threading.Thread | None:
    """Import ``MODULES`` in a daemon thread, the first time it is called in this process; later calls do nothing
    (None)."""
    with _lock:
        if _started.is_set():
            return None
        _started.set()
    thread = threading.Thread(target=_import_all, name="cxlens-warm-imports", daemon=True)
    thread.start()
    return thread


def _import_all() -> None:
    try:
        for name in MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # an optional module missing or broken: the page that needs it says so when it runs
                logging.getLogger(__name__).warning("could not import %s in the background", name, exc_info=True)
    finally:
        _imported.set()


def settle() -> bool:
    """Once per process, after the background imports: ``gc.freeze()`` (every object alive now is left out of later
    collections: a full collection after each script run walks only what was made since). Call it at the start of a
    script run, when the previous run's garbage has been collected. True when it froze now."""
    with _lock:
        if _frozen.is_set() or not _imported.is_set():
            return False
        _frozen.set()
    gc.freeze()
    return True

"""Heavy imports the pages will need, started once per server process in a background thread.

statsmodels (and the scipy it loads) takes seconds to import, up to about 20 s on a loaded machine; the metrics import it
where it is used (see metrics.confidence), so the first executive summary, key drivers or trend of a server process
would wait for it. Imported here in the background from the first script run on, that first view finds it loaded, or
waits only for the rest of the import (Python's import lock makes the page's own import wait for this one).

``settle`` (at the start of a script run) moves every object then alive, the imported modules' hundreds of thousands
of functions, classes and tables, out of reach of the garbage collector (``gc.freeze``): at the first run (the
dashboard's own imports), and once more at the first run after the background imports are done. Streamlit runs a
full collection after every script run (and every fragment run), and walking them took most of a warm rerun (0.4–1.5 s
at a load average of 10–30, of a 0.6–2.2 s filter change). Objects made later are collected as before.
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
_frozen = threading.Event()  # frozen at a first run
_frozen_warm = threading.Event()  # frozen again after the background imports
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
    """``gc.freeze()`` at the first call of the process and at the first call after the background imports are done
    (every object alive then is left out of later collections: the full collection after each script run walks only
    what was made since). Call it at the start of a script run, when the previous run's garbage has been collected.
    True when it froze now."""
    with _lock:
        if _frozen_warm.is_set() or (_frozen.is_set() and not _imported.is_set()):
            return False
        _frozen.set()
        if _imported.is_set():
            _frozen_warm.set()
    gc.freeze()
    return True

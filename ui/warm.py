"""Heavy imports the pages will need, started once per server process in a background thread.

statsmodels (and the scipy it loads) takes seconds to import, up to about 20 s on a loaded machine; the metrics import it
where it is used (see metrics.confidence), so the first executive summary, key drivers or trend of a server process
would wait for it. Imported here in the background from the first script run on, that first view finds it loaded, or
waits only for the rest of the import (Python's import lock makes the page's own import wait for this one).

Then the objects alive (the modules, classes and functions of every library loaded so far: about 250,000) are moved
out of the garbage collector's sight (``gc.freeze``): Streamlit runs a full collection after every script run and
fragment run (``runner.postScriptGC``), which walked them all each time, about 0.2 s of CPU holding the interpreter
(five of them between the click on an upload's overview and its first chart). They live as long as the process.
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
    for name in MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # an optional module missing or broken: the page that needs it says so when it runs
            logging.getLogger(__name__).warning("could not import %s in the background", name, exc_info=True)
    gc.freeze()  # the imported objects stay for good: later full collections need not walk them

"""AppTest entry: runs the real dashboard.py.

AppTest re-detects a ``pages/`` directory next to its script on every run and then re-runs the
last page in the old multipage mode (without the entry script, so without the sidebar). Starting
from this file, which has no ``pages/`` beside it, the tests drive dashboard.py exactly as
``streamlit run`` does.
"""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[2] / "dashboard.py"), run_name="__main__")

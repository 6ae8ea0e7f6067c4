"""The hosted entry (`streamlit run serve.py`): dashboard.py behind http_gate.SignInGate.

Streamlit finds ``app`` and serves dashboard.py as usual (same .streamlit/config.toml, same pages);
the middleware refuses uploads and /media downloads to anyone the sign-in gate does not admit.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware

from hosting.http_gate import SignInGate

app = st.App(Path(__file__).resolve().parent / "dashboard.py", middleware=[Middleware(SignInGate)])

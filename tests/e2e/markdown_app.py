"""A page that draws ui.text.md of each value in $CXLENS_MD_VALUES (a JSON list) as markdown and as a widget label
(tests/e2e/test_markdown_escape.py)."""

import json
import os
from pathlib import Path

import streamlit as st

from ui.text import md

for i, value in enumerate(json.loads(Path(os.environ["CXLENS_MD_VALUES"]).read_text(encoding="utf-8"))):
    with st.container(key=f"value{i}"):
        st.markdown(md(value))
    st.checkbox(md(value), key=f"label{i}")

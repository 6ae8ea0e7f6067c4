"""The first load after a start: no raw page list, nothing fetched from another host."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_sidebar_never_lists_the_raw_page_files():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showSidebarNavigation"] is False


def test_the_page_icon_ships_with_the_app():
    source = (ROOT / "dashboard.py").read_text()
    icon = re.search(r"page_icon=([^,]+),", source).group(1)
    assert ":material/" not in icon and "http" not in icon  # both are fetched from another host
    assert (ROOT / "ui" / "icon.png").read_bytes().startswith(b"\x89PNG")

"""The `cxlens` command: `cxlens run` starts the dashboard, `cxlens report` prints the headless report."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tomllib
from pathlib import Path

import report

HERE = Path(__file__).resolve().parent
DASHBOARD = HERE / "dashboard.py"
# .streamlit/config.toml, reached through a link inside the ui package so that the wheel carries it: an installed
# dashboard.py has no .streamlit folder beside it, and Streamlit reads config files only from ~ and the cwd.
STREAMLIT_CONFIG = HERE / "ui" / "streamlit_config.toml"


def config_flags(path: Path = STREAMLIT_CONFIG) -> list[str]:
    """The Streamlit config file as ``--section.option=value`` flags (lists as JSON, which Streamlit parses)."""
    flags = []
    tables = list(tomllib.loads(path.read_text(encoding="utf-8")).items())
    while tables:  # a nested table ([theme.sidebar]) is a dotted prefix
        prefix, options = tables.pop(0)
        for name, value in options.items():
            if isinstance(value, dict):
                tables.append((f"{prefix}.{name}", value))
            elif isinstance(value, bool):
                flags.append(f"--{prefix}.{name}={'true' if value else 'false'}")
            elif isinstance(value, list):
                flags.append(f"--{prefix}.{name}={json.dumps(value)}")
            else:
                flags.append(f"--{prefix}.{name}={value}")
    return flags


def streamlit_command(args: list[str]) -> list[str]:
    """``streamlit run dashboard.py`` with cxlens's config as flags, then ``args`` (a later flag wins)."""
    return [sys.executable, "-m", "streamlit", "run", str(DASHBOARD), *config_flags(), *args]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cxlens", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", add_help=False,
                        help="start the dashboard; other arguments go to `streamlit run` (e.g. --server.port 8600)")
    commands.add_parser("report", add_help=False,
                        help="print the report of a data source; `cxlens report --help` lists its arguments")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["report"]:
        return report.main(argv[1:])
    if argv[:1] == ["run"]:
        # exec, not a child process: the server itself gets Ctrl-C or a service manager's SIGTERM
        command = streamlit_command(argv[1:])
        os.execv(command[0], command)
    _parser().parse_args(argv)  # --help, or a usage error naming the commands: both exit
    return 2


if __name__ == "__main__":
    sys.exit(main())

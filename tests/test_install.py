"""`pip install .` gives the `cxlens` command: the wheel carries every package and module, the sample and the config."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

import cxlens
from sample_data import SAMPLE_JOURNEYS, SAMPLE_PATH

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
# A package named in pyproject's include list that is not in the tree yet (the layout is moving into it).
PACKAGES = [p for p in SETUPTOOLS["packages"]["find"]["include"] if "*" not in p and (ROOT / p).is_dir()]
MODULES = SETUPTOOLS["py-modules"]


NOT_SHIPPED = {".venv", ".git", "build", ".cache", "test-artifacts", "benchmarks", "tests", "docs"}


def _not_shipped(folder: str, names: list[str]) -> set[str]:
    """What the wheel build needs no copy of: the root's tooling folders, and caches anywhere."""
    at_root = Path(folder) == ROOT
    return {n for n in names if n == "__pycache__" or n.endswith(".egg-info") or (at_root and n in NOT_SHIPPED)}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    """A wheel built offline from a copy of the tree (an in-tree build would leave build/ behind)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "src"
    shutil.copytree(ROOT, source, symlinks=True, ignore=_not_shipped)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--no-index", "-w", str(tmp / "dist"), str(source)], check=True)
    (built,) = (tmp / "dist").glob("cxlens-*.whl")
    with zipfile.ZipFile(built) as zf:
        yield zf


def test_every_py_module_is_a_root_module():
    for module in MODULES:
        assert (ROOT / f"{module}.py").is_file(), f"{module}.py is gone: drop {module!r} from py-modules"


def test_every_root_module_and_package_is_installed():
    assert {"pages", "ui", "store", "ingest", "metrics", "sample_data"} <= set(PACKAGES)
    modules = {p.stem for p in ROOT.glob("*.py")} - {"conftest"}
    assert modules == set(MODULES), "pyproject's py-modules differ from the root modules"
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"benchmarks"}
    assert packages == set(PACKAGES), "pyproject's packages.find include differs from the root packages"


def test_the_wheel_carries_every_package_module_and_the_sample(wheel):
    names = set(wheel.namelist())
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            assert path.relative_to(ROOT).as_posix() in names
    for module in MODULES:
        assert f"{module}.py" in names
    assert "sample_data/events.parquet" in names
    assert wheel.read("sample_data/events.parquet") == SAMPLE_PATH.read_bytes()
    assert "ui/icon.png" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_the_wheel_carries_the_streamlit_config_and_the_licence(wheel):
    assert wheel.read("ui/streamlit_config.toml") == (ROOT / ".streamlit" / "config.toml").read_bytes()
    (licence,) = [n for n in wheel.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
    assert wheel.read(licence) == (ROOT / "LICENSE").read_bytes()


def test_the_wheel_declares_the_cxlens_command_and_the_requirements(wheel):
    (entry_points,) = [n for n in wheel.namelist() if n.endswith(".dist-info/entry_points.txt")]
    assert "[console_scripts]\ncxlens = cxlens:main" in wheel.read(entry_points).decode()
    (meta,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    lines = wheel.read(meta).decode().splitlines()
    assert "License-Expression: Apache-2.0" in lines
    required = [line.removeprefix("Requires-Dist: ") for line in lines
                if line.startswith("Requires-Dist: ") and "extra ==" not in line]
    pins = [line.split("#", 1)[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert required == [pin for pin in pins if pin]


def test_cxlens_report_prints_the_json_report_of_the_sample(capsys):
    assert cxlens.main(["report", str(SAMPLE_PATH), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["journeys"] == SAMPLE_JOURNEYS


def test_cxlens_report_passes_the_report_exit_code_through(tmp_path, capsys):
    assert cxlens.main(["report", str(tmp_path / "missing.parquet")]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_cxlens_without_a_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        cxlens.main([])
    assert exit_.value.code == 2
    assert "run" in capsys.readouterr().err


def test_cxlens_run_starts_the_installed_dashboard_with_the_config_then_the_given_flags():
    command = cxlens.streamlit_command(["--server.port", "8599"])
    assert command[:5] == [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py")]
    assert command[-2:] == ["--server.port", "8599"]
    assert "--server.headless=true" in command
    assert "--browser.gatherUsageStats=false" in command
    assert '--theme.headingFontWeights=[700, 600, 600]' in command


def test_config_flags_cover_every_option_of_the_streamlit_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    keys = {f"--{section}.{name}" for section, options in config.items() for name in options}
    assert {flag.split("=", 1)[0] for flag in cxlens.config_flags()} == keys

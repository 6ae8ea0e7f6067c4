"""Fixtures for the page tests: the sample, a small telco dataset, and an AppTest factory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
ENTRY = Path(__file__).resolve().parent / "app.py"
PAGES = ROOT / "pages"
SURVEY_ONLY = ("questions.py", "segments.py")  # in the navigation of survey data only
EVENT_PAGES = sorted(p.name for p in PAGES.glob("*.py") if p.name != "__init__.py" and p.name not in SURVEY_ONLY)


@pytest.fixture(scope="session")
def sample_path(tmp_path_factory) -> Path:
    """The committed sample, or (while it is not committed yet) the same generator's output."""
    committed = ROOT / "sample_data" / "events.parquet"
    if committed.exists():
        return committed
    from sample_data.generate import write

    out = tmp_path_factory.mktemp("sample") / "events.parquet"
    write(14000, 7, out)
    return out


@pytest.fixture(scope="session")
def telco_path(tmp_path_factory) -> Path:
    """600 telco journeys: English stages and channels, no touchpoint or ces column, a ``plan`` dimension.

    Persona ``business`` never uses the ``store`` channel, so ``persona=business&channel=store``
    selects nothing.
    """
    rng = np.random.default_rng(3)
    stages = ["order", "activation", "billing", "support"]
    rows = []
    start = dt.datetime(2025, 1, 1, 9)
    for j in range(600):
        persona = ["prepaid", "postpaid", "business"][j % 3]
        channels = ["app", "web", "call"] if persona == "business" else ["app", "web", "call", "store"]
        plan = ["basic", "plus", "max"][int(rng.integers(3))]
        t0 = start + dt.timedelta(hours=int(rng.integers(0, 24 * 150)))
        for k, stage in enumerate(stages[: 1 + int(rng.integers(0, 4))]):
            rows.append({
                "journey_id": f"T{j:04d}", "timestamp": t0 + dt.timedelta(hours=5 * k), "stage": stage,
                "channel": channels[int(rng.integers(len(channels)))], "persona": persona, "plan": plan,
                "satisfaction": int(rng.integers(1, 6)) if rng.random() < 0.7 else None,
                "nps": int(rng.integers(0, 11)) if k == 0 and rng.random() < 0.8 else None,
            })
    out = tmp_path_factory.mktemp("telco") / "telco.parquet"
    pl.DataFrame(rows).write_parquet(out)
    return out


@pytest.fixture
def app(monkeypatch):
    """make(data_path, page=None, **query) → an AppTest of the dashboard on ``data_path``, already run."""
    def make(data: Path, page: str | None = None, **query) -> AppTest:
        monkeypatch.setenv("CXLENS_DATA", str(data))
        at = AppTest.from_file(ENTRY, default_timeout=120)
        for key, value in query.items():
            at.query_params[key] = value
        if page == "access.py":  # the admins' page is registered only for an admin
            _admin_session(at, monkeypatch)
        at.run()
        if page:
            at.switch_page(str(PAGES / page)).run()
        return at

    return make


def _admin_session(at: AppTest, monkeypatch) -> None:
    """Sign ``at`` in as the admin of the scope tests' access file (a fresh audit database)."""
    import tempfile

    from tests.support.scoped import write_access
    from tests.test_access import AUTH

    folder = Path(tempfile.mkdtemp(prefix="cxlens-admin-"))
    monkeypatch.setenv("CXLENS_ACCESS_FILE", str(write_access(folder / "access.toml")))
    monkeypatch.setenv("CXLENS_DATABASE_URL", f"sqlite:///{folder / 'loop.sqlite'}")
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": "boss@bank.co.kr", "name": "Boss"}


def expected_nps(path: Path, persona: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None) -> float:
    """NPS straight from the Parquet file with Polars (independently of the store): the last nps answer of
    each valid journey in journey order, journeys selected by persona and the date of their first touchpoint."""
    ev = pl.read_parquet(path)
    valid = ev.filter(
        pl.all_horizontal(pl.col(c).is_not_null() for c in ("journey_id", "timestamp", "stage", "channel"))
        & (pl.col("nps").is_null() | pl.col("nps").is_between(0, 10))
        & (pl.col("satisfaction").is_null() | pl.col("satisfaction").is_between(1, 5))
        & ((pl.col("ces").is_null() | pl.col("ces").is_between(1, 7)) if "ces" in ev.columns else pl.lit(True))
    )
    keys = [c for c in ("timestamp", "stage", "channel", "touchpoint", "nps") if c in valid.columns]
    journeys = valid.sort(["journey_id", *keys], nulls_last=True).group_by("journey_id").agg(
        pl.col("nps").drop_nulls().last().alias("nps"),
        pl.col("persona").drop_nulls().first().alias("persona"),
        pl.col("timestamp").min().dt.date().alias("first_day"),
    )
    if persona:
        journeys = journeys.filter(pl.col("persona") == persona)
    if since:
        journeys = journeys.filter(pl.col("first_day") >= since)
    if until:
        journeys = journeys.filter(pl.col("first_day") <= until)
    answers = journeys["nps"].drop_nulls()
    promoters, detractors = int((answers >= 9).sum()), int((answers <= 6).sum())
    return 100.0 * (promoters - detractors) / len(answers)

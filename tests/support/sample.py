"""The committed retail-banking sample, or the identical frame generated into a temporary file when not committed yet."""

from __future__ import annotations

from pathlib import Path

from sample_data import SAMPLE_JOURNEYS, SAMPLE_PATH, SAMPLE_SEED


def sample_path(tmp_dir: Path) -> Path:
    """sample_data/events.parquet, else generate(SAMPLE_JOURNEYS, SAMPLE_SEED) written under ``tmp_dir``."""
    if SAMPLE_PATH.exists():
        return SAMPLE_PATH
    from sample_data.generate import write

    path = tmp_dir / "events.parquet"
    write(SAMPLE_JOURNEYS, SAMPLE_SEED, path)
    return path

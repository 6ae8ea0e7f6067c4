"""Deterministic synthetic CX events for retail banking: the committed sample and its generator.

The committed sample is ``events.parquet`` beside this file; it equals
``sample_data.generate.generate(SAMPLE_JOURNEYS, SAMPLE_SEED)`` row for row.
"""

from pathlib import Path

SAMPLE_PATH = Path(__file__).with_name("events.parquet")
SAMPLE_JOURNEYS = 14_000
SAMPLE_SEED = 7

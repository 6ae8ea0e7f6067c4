"""The store: the only package that holds SQL. DuckDB over Parquet, results as Polars frames."""

from store.facts.cache import open_dataset
from store.facts.dataset import Dataset
from store.filters import Filters

__all__ = ["Dataset", "Filters", "open_dataset"]

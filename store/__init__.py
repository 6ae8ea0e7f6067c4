"""The store: the only package that holds SQL. DuckDB over Parquet, results as Polars frames."""

from store.build.cache import open_dataset
from store.build.dataset import Dataset
from store.filters import Filters

__all__ = ["Dataset", "Filters", "open_dataset"]

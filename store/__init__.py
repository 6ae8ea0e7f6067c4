"""The store: the only package that holds SQL. DuckDB over Parquet, results as Polars frames."""

from store.dataset import Dataset, open_dataset
from store.filters import Filters

__all__ = ["Dataset", "Filters", "open_dataset"]

"""One ingestion path for ad-hoc files (CSV/TSV/TXT, .xlsx, Parquet): read, map, validate, write Parquet.

Both the upload page and ``report.py DATA`` use it, so a file loads the same way through either door.
"""

from ingest.ingested import Ingested
from ingest.load import MostlyInvalid, canonicalize, load, write_parquet
from ingest.mapping import ALIASES, ColumnMapping, propose
from ingest.notes import Note
from ingest.read import SUFFIXES, RawTable, read_table
from ingest.suggest import with_suggestions

__all__ = ["ALIASES", "SUFFIXES", "ColumnMapping", "Ingested", "MostlyInvalid", "Note", "RawTable", "canonicalize",
           "load", "propose", "read_table", "with_suggestions", "write_parquet"]

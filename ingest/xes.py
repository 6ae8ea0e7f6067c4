"""XES event logs (IEEE 1849, what process-mining tools publish) read as a table with a streaming XML parse.

One row per ``<event>``; columns named as pm4py names them, so the usual aliases map them:
``case:concept:name`` (the trace's name: the journey), ``concept:name`` (the activity: the touchpoint),
``time:timestamp`` (text, offsets kept: ingest.values converts them), ``org:resource``,
``lifecycle:transition``, every other event attribute under its own key, and every trace attribute as
``case:<key>`` (a journey attribute, the same on each of the trace's events).

XES has no stages or channels, so the table gets two derived columns unless the log has its own
``stage`` / ``channel`` attributes: ``stage`` = the activity (``concept:name``) and ``channel`` =
``org:resource`` when the log names resources, else the constant ``(none)`` (ingest then notes that no
handoff can be seen). The Upload page and ``--map`` can map them to any other column.
"""

from __future__ import annotations

import io
from xml.etree import ElementTree

import defusedxml
import polars as pl
from defusedxml.ElementTree import iterparse

import settings
from errors import DataError

# Attribute elements whose value is a scalar; lists and containers (XES 2.0) are skipped.
_SCALARS = ("string", "date", "int", "float", "boolean", "id")
NO_CHANNEL = "(none)"
_ROW_COLUMNS = ("case:concept:name", "concept:name", "time:timestamp", "org:resource", "lifecycle:transition")


def looks_like_xes(head: bytes) -> bool:
    """Whether text starting with ``head`` is an XES log: its first element is ``<log``."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    closers = {b"<?": b"?>", b"<!--": b"-->", b"<!DOCTYPE": b">"}
    while text.startswith(tuple(closers)):
        opener = next(o for o in closers if text.startswith(o))
        closer = b"]>" if opener == b"<!DOCTYPE" and b"[" in text[: text.find(b">") + 1] else closers[opener]
        end = text.find(closer)
        if end < 0:
            return False
        text = text[end + len(closer):].lstrip()
    return text.startswith(b"<log") and text[4:5] in (b" ", b">", b"\n", b"\r", b"\t")


def read(data: bytes, name: str) -> pl.DataFrame:
    """The log's events as a table of strings (see the module docstring); DataError for a broken log or one whose
    DOCTYPE declares entities (refused by defusedxml's parser where the declaration is parsed, wherever it sits, so
    nothing is ever expanded)."""
    rows: list[dict[str, str]] = []
    depth = 0
    root = None
    try:
        # An event's attributes are its direct children when it ends (nested lists and containers are deeper); a
        # trace's are its direct children other than events, whether they come before or after the events. Each
        # finished event is cleared, and each finished child of the log (a trace, a global, a log attribute) is
        # dropped from it, so memory holds one trace at most.
        for kind, elem in iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=False,
                                    forbid_entities=True, forbid_external=True):
            if kind == "start":
                root = elem if root is None else root
                depth += 1
                continue
            depth -= 1
            tag = elem.tag.rpartition("}")[2]
            if tag == "event":
                row = len(rows)
                rows.append(_attributes(elem))
                elem.clear()
                elem.tag, elem.attrib["row"] = "event", row  # a marker for its trace
            elif tag == "trace":
                case = {f"case:{k}": v for k, v in _attributes(elem).items()}
                if case:
                    for child in elem:
                        if child.tag == "event":
                            i = child.attrib["row"]
                            rows[i] = {**case, **rows[i]}
                elem.clear()
            if depth == 1:
                root.clear()
    except (defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden):
        raise DataError("xes_entities", name=name) from None
    except ElementTree.ParseError as exc:
        raise DataError("xes_malformed", name=name, problem=str(exc)) from None
    if not rows:
        raise DataError("xes_no_events", name=name)
    return _table(rows, name)


def _attributes(elem: ElementTree.Element) -> dict[str, str]:
    """The scalar attributes that are direct children of ``elem`` (the first of a repeated key wins)."""
    out: dict[str, str] = {}
    for child in elem:
        tag = child.tag.rpartition("}")[2]
        if tag in _SCALARS:
            key = child.get("key")
            if key is not None and key not in out:
                out[key] = child.get("value")
    return out


# A log's table has a column per attribute key and a row per event, so a few bytes of XML per event with a new key
# each would make a table quadratic in the file: at most this many cells per attribute value given (past a floor).
CELLS_PER_VALUE, CELLS_FLOOR = 20, 2_000_000


def _table(rows: list[dict[str, str]], name: str) -> pl.DataFrame:
    seen: dict[str, None] = {}
    values = 0
    for r in rows:
        values += len(r)
        for k in r:
            seen.setdefault(k, None)
    limit = settings.get_int("max_columns")
    if len(seen) > limit:
        raise DataError("too_many_columns", name=name, columns=f"{len(seen):,}", limit=f"{limit:,}")
    cells = len(rows) * len(seen)
    if cells > max(CELLS_PER_VALUE * values, CELLS_FLOOR):
        raise DataError("xes_too_sparse", name=name, events=f"{len(rows):,}", keys=f"{len(seen):,}",
                        cells=f"{cells:,}", values=f"{values:,}")
    keys = [c for c in _ROW_COLUMNS if c in seen] + [k for k in seen if k not in _ROW_COLUMNS]
    frame = pl.DataFrame({k: [r.get(k) for r in rows] for k in keys}, schema={k: pl.String for k in keys})
    derived = []
    if "stage" not in frame.columns and "concept:name" in frame.columns:
        derived.append(pl.col("concept:name").alias("stage"))
    if "channel" not in frame.columns:
        resource = pl.col("org:resource") if "org:resource" in frame.columns else pl.lit(None, pl.String)
        derived.append(resource.fill_null(NO_CHANNEL).alias("channel"))
    return frame.with_columns(derived)

"""Metric definitions as pure Polars functions: frames in, frames out; no I/O, no Streamlit."""

"""Plotly figure builders, one per chart, sharing one colour map and layout (style.py)."""

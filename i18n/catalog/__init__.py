"""The message catalogs, one module per area of the dashboard, each a ``TEXT = {key: {"en": …, "ko": …}}``."""

"""The message catalogs by area: each module holds ``TEXT: dict[str, dict[str, str]]`` (key -> {lang: text})."""

"""The message catalogs by area, merged into ``i18n.TEXT``."""

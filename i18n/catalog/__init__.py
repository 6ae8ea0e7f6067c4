"""The message catalogs, one file per area: each holds ``TEXT`` {key: {"en": …, "ko": …}}, merged into i18n.TEXT."""

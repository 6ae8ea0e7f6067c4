"""The message catalogs split by area: each module holds ``TEXT`` (key → {"en": …, "ko": …}), merged into i18n.TEXT."""

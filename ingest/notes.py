"""Notes: what a person should know about how a file was read that is not an error (a sheet skipped, a constant channel).

A note is an ``ui.i18n`` key and its values, so the Upload page shows it in the UI language and report.py
prints it in English (``warning: …`` on stderr).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Note:
    key: str                                   # a key of ui.i18n.TEXT
    values: dict = field(default_factory=dict, hash=False)

    def text(self, lang: str = "en") -> str:
        """The note as a sentence in ``lang``."""
        from ui.i18n import t  # the one translation table; a plain module, no Streamlit needed

        return t(self.key, lang, **self.values)

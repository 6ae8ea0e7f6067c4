"""Notes: what a person should know about how a file was read that is not an error (a sheet skipped, a constant channel).

A note is an ``ui.i18n`` key and its values, so the Upload page shows it in the UI language and report.py
prints it in English (``warning: …`` on stderr).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from i18n import Message, t


@dataclass(frozen=True)
class Note:
    key: str                                   # a key of ui.i18n.TEXT
    values: dict = field(default_factory=dict, hash=False)

    def text(self, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
        """The note as a sentence in ``lang``; ``escape`` is applied to each text value (e.g. for markdown)."""

        values = {k: escape(v) if escape and isinstance(v, str) and not isinstance(v, Message) else v
                  for k, v in self.values.items()}
        return t(self.key, lang, **values)


def assumed_notes(assumed: dict[str, str]) -> list[Note]:
    """One note per header taken for a field although it is a typo of the field's name (ColumnMapping.assumed)."""
    return [Note("note_assumed_field", {"column": source, "field": Message(f"field_{canonical}")})
            for canonical, source in assumed.items()]

"""The translations: every sentence a person reads, as a key of the catalogs with English and Korean.

The catalogs are split by area in ``i18n/catalog/<area>.py`` (each a ``TEXT = {key: {"en": …, "ko": …}}``) and merged
here; a key in two catalogs fails at import. Code says a sentence where it arises as a key plus values:
``t(key, lang, **values)`` for the UI, ``Message(key, **values)`` for a sentence handed up (a reason, a progress
step: a ``str`` whose value is the English), ``errors.DataError(key, **values)`` for a problem in the data.
Data values (stage, channel, persona names…) are shown as they are and never translated. The session's language
comes from the source the UI registers (``use_language_source``); without one it is English.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import settings
from i18n.catalog import (
    access,
    app,
    channels,
    columns,
    derived_personas,
    errors_figures,
    errors_ingest,
    errors_store,
    executive,
    facts_pass,
    filters,
    journey_map,
    journeys,
    limits,
    loop,
    notes,
    overview,
    reasons,
    scopes,
    statistics,
    story,
    survey_pages,
    surveys,
    upload,
    voc,
    weights,
)

LANGUAGES = {"en": "English", "ko": "한국어"}
DEFAULT_LANG = "en"


def _merged(catalogs: tuple[ModuleType, ...]) -> dict[str, dict[str, str]]:
    """One table of every catalog's entries; a key two catalogs define is a mistake, so it fails at import."""
    merged: dict[str, dict[str, str]] = {}
    for catalog in catalogs:
        twice = merged.keys() & catalog.TEXT.keys()
        if twice:
            raise ValueError(f"{catalog.__name__} defines keys another catalog has: {', '.join(sorted(twice))}")
        merged.update(catalog.TEXT)
    return merged


CATALOGS = (app, access, filters, overview, executive, journey_map, upload, notes, columns, statistics, channels,
            journeys, derived_personas, voc, reasons, errors_ingest, errors_store, errors_figures, limits,
            facts_pass, story, surveys, survey_pages, loop, scopes, weights)
TEXT: dict[str, dict[str, str]] = _merged(CATALOGS)


# Display names of data columns that are often filter dimensions; the column_labels setting adds or overrides
# (a column named nowhere is shown by its own name).
COLUMN_LABELS: dict[str, dict[str, str]] = {
    "region": {"en": "Region", "ko": "지역"},
    "age_band": {"en": "Age band", "ko": "연령대"},
    "age_group": {"en": "Age group", "ko": "연령대"},
    "gender": {"en": "Gender", "ko": "성별"},
    "product": {"en": "Product", "ko": "상품"},
    "segment": {"en": "Segment", "ko": "세그먼트"},
    "tier": {"en": "Tier", "ko": "등급"},
    "grade": {"en": "Grade", "ko": "등급"},
    "device": {"en": "Device", "ko": "기기"},
}


def configured_column_labels(value: str | None = None) -> dict[str, dict[str, str]]:
    """The column_labels setting (``column=English|한국어`` pairs separated by ``;``) as {column: {lang: label}};
    a pair without ``|`` names the column the same way in both languages, an empty side is left out."""
    if value is None:

        value = settings.get("column_labels")
    out: dict[str, dict[str, str]] = {}
    for pair in value.split(";"):
        column, _, names = pair.partition("=")
        if not column.strip() or not names.strip():
            continue
        english, _, korean = names.partition("|") if "|" in names else (names, "|", names)
        out[column.strip()] = {k: v.strip() for k, v in (("en", english), ("ko", korean)) if v.strip()}
    return out


def column_labels(lang: str | None = None) -> dict[str, str]:
    """{column: display name in ``lang``} for every column with a name (built in or from column_labels)."""
    lang = lang or current_lang()
    merged = {c: dict(names) for c, names in COLUMN_LABELS.items()}
    for column, names in configured_column_labels().items():
        merged.setdefault(column, {}).update(names)
    return {c: names.get(lang) or names.get(DEFAULT_LANG) or c for c, names in merged.items()}


def column_label(column: str, lang: str | None = None) -> str:
    """A data column's display name in ``lang``: the column_labels setting, else a built-in name, else the column."""
    return column_labels(lang).get(column, column)


def t(key: str, lang: str | None = None, **values) -> str:
    """The UI string ``key`` in ``lang`` (default: the session's language), with ``values`` filled in; a value that
    is a ``Message`` is put in the same language."""
    if lang is None:
        lang = current_lang()
    entry = TEXT[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if not values:
        return text
    return text.format(**{k: _in(lang, v) for k, v in values.items()})


def _in(lang: str, value: object) -> object:
    """A value put in ``lang``: a ``Message`` translated, a tuple of them translated and joined, else as it is."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and all(isinstance(v, Message) for v in value):
        return "".join(v.text(lang) for v in value)
    return value


class Message(str):
    """A sentence for a person, kept as its catalog key and values; as a ``str`` it is the English sentence (what
    report.py prints and JSON holds), and ``text(lang)`` puts it in another language (never by parsing the English)."""

    key: str
    values: dict

    def __new__(cls, key: str, **values) -> Message:
        message = super().__new__(cls, t(key, DEFAULT_LANG, **values))
        message.key, message.values = key, values
        return message

    def text(self, lang: str | None = None, escape: Callable[[str], str] | None = None) -> str:
        """The sentence in ``lang`` (default: the session's language); ``escape`` is applied to each text value."""
        values = {k: escape(v) if escape and isinstance(v, str) and not isinstance(v, Message) else v
                  for k, v in self.values.items()}
        return t(self.key, lang, **values)

    def without(self, *names: str, lang: str | None = None) -> str:
        """The sentence in ``lang`` with the values ``names`` left empty (the page leaves out report.py's flags)."""
        return t(self.key, lang, **{**self.values, **dict.fromkeys(names, "")})

    def __reduce__(self):  # cached results are pickled: rebuild from the key and values, not the English
        return (_message, (self.key, self.values))


def _message(key: str, values: dict) -> Message:
    return Message(key, **values)


def text(message: str | None, lang: str | None = None) -> str | None:
    """A message in ``lang``: a ``Message`` translated by its key, any other text as it is (a data value)."""
    return message.text(lang) if isinstance(message, Message) else message


def _no_session() -> str | None:
    return None


_language_source: Callable[[], str | None] = _no_session


def use_language_source(source: Callable[[], str | None]) -> None:
    """Where the session's language is kept (the UI registers ``st.session_state["lang"]``; without it, English)."""
    global _language_source
    _language_source = source


def current_lang() -> str:
    """The session's language, from the registered source when it names a known language, else English."""
    try:
        lang = _language_source()
    except Exception:  # outside a Streamlit run (tests, report): no session
        return DEFAULT_LANG
    return lang if lang in LANGUAGES else DEFAULT_LANG

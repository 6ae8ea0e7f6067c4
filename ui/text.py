"""Data values shown as text: one escape for markdown, one for Plotly's HTML labels, one for error sentences.

Every value that comes from the data or from a user (a persona, stage, channel, touchpoint or column
name, an uploaded file's name, a signed-in user's name, a DataError's sentence) passes through one
of these before it reaches the browser:

- ``md`` before it goes into anything Streamlit draws as markdown: ``st.markdown``, ``st.caption``,
  ``st.info``/``warning``/``error``/``success``, titles, widget labels and ``help``, spinners;
- ``plot`` before it goes into a Plotly figure: axis categories and ticks, trace and legend names,
  bar and node labels, subplot titles, hover text (Plotly draws a subset of HTML there, links included);
- ``error`` for an exception's sentence shown in the browser: ``md`` of the sentence with every
  absolute server path cut to its file name (report.py, for the operator, keeps the full path).
"""

from __future__ import annotations

import html
import re

from errors import DataError

# CommonMark lets every ASCII punctuation character be backslash-escaped, which makes it literal.
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# Streamlit's markdown also acts on plain text *after* parsing, where backslash escapes (and entities) are already
# gone: GFM autolink literals (``http://…``, ``www.…``, ``name@host.tld``), the ``:material_…:`` icon and the
# ``:streamlit:`` logo, and ``--``, ``->``, ``<-``, ``<->``, ``>=``, ``<=``, ``~=`` between spaces turned into —, →,
# ←, ↔, ≥, ≤, ≈. An invisible WORD JOINER (U+2060) breaks each of these patterns without changing what is seen, and
# only these: after a colon followed by ``//``, ``material_`` or ``streamlit:``, after an ``@`` followed by a word
# character, after ``www`` before a dot, and inside the arrows and comparisons. Everything else (``:emoji:``, whose
# plugin Streamlit loads only when the source has an unescaped ``:word:``; ``:directives[…]``, read while parsing)
# the backslashes stop, so a time (10:30) or a note (비고: 값) is sent as typed. There is no cleaner way (measured on
# streamlit 1.67 in Chromium, tests/e2e/test_markdown_escape.py): escapes and entities such as ``&#58;`` are
# decoded before those rules run, and Chromium keeps every invisible character (U+2060, U+200B, U+200C, U+200D,
# U+00AD, U+FEFF) in copied text alike, so a value that had to be broken carries one when copied; U+2060, unlike a
# soft hyphen or a zero-width space, adds no line-break opportunity.
_JOINER = "\u2060"
_BREAK = re.compile(r"(?<=:)(?=//|material_|streamlit:)|(?<=@)(?=[\w-])|(?<=www)(?=\.)|(?<=-)(?=[->])|(?<=<)(?=-)"
                    r"|(?<=[<>~])(?==)", re.IGNORECASE)
# An absolute path: POSIX (/srv/data/x.csv) or Windows (C:\data\x.csv, \\server\share\x.csv), up to a
# space or a quote; the last component is the file's name.
_ABSOLUTE_PATH = re.compile(r"""(?<![\w.~\\/])(?:[A-Za-z]:[\\/]|\\\\|/)(?:[^\s'"`<>|\\/]+[\\/])+([^\s'"`<>|\\/]*)""")


def md(value: object) -> str:
    """``value`` as markdown that Streamlit draws exactly as typed: never a link, an image, emphasis, a
    heading, an icon, LaTeX or HTML. Line breaks become spaces (a value is shown on one line)."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(value))
    return _PUNCTUATION.sub(r"\\\1", _BREAK.sub(_JOINER, text))


def plot(value: object) -> str:
    """``value`` as Plotly label text, drawn exactly as typed: ``<``, ``>`` and ``&`` become entities, so
    no tag (a link, a line break, bold) and no entity in the data is interpreted."""
    return html.escape(str(value), quote=False)


def without_paths(sentence: str) -> str:
    """``sentence`` with every absolute path replaced by its last component (the file's name)."""
    return _ABSOLUTE_PATH.sub(lambda m: m.group(1) or re.split(r"[\\/]", m.group(0).rstrip("\\/"))[-1], sentence)


def error(exc: BaseException | str) -> str:
    """An error's sentence for the browser, a DataError's in the UI language: absolute server paths cut to the
    file name, then ``md``."""
    return md(without_paths(exc.text() if isinstance(exc, DataError) else str(exc)))

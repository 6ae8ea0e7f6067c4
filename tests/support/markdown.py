"""What Streamlit's markdown makes of a string: the text a reader sees, and any live markup (links, images…).

A small model of the renderer's rules that matter here (CommonMark backslash escapes, inline links and
images, raw HTML; emoji shortcodes and icons in the source; then GFM autolink literals, ``:material_…:`` icons, the
``:streamlit:`` logo, dashes and arrows found in the plain text after parsing), held to the real renderer in Chromium
by tests/e2e/test_markdown_escape.py.
"""

from __future__ import annotations

import re

_ESCAPABLE = set(r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~""")
JOINER = "\u2060"


def _split(source: str) -> tuple[str, str]:
    """(structure, text): ``structure`` has every backslash-escaped character replaced by ``x`` (so only
    characters the parser acts on remain), ``text`` is the source with the escapes removed."""
    structure, text, i = [], [], 0
    while i < len(source):
        if source[i] == "\\" and i + 1 < len(source) and source[i + 1] in _ESCAPABLE:
            structure.append("x")
            text.append(source[i + 1])
            i += 2
            continue
        structure.append(source[i])
        text.append(source[i])
        i += 1
    return "".join(structure), "".join(text)


def shown(source: str) -> str:
    """The text a reader sees for markdown ``source`` without markup (escapes removed, invisible joiners dropped)."""
    return _split(source)[1].replace(JOINER, "")


_STRUCTURE_RULES = {
    "link or image": re.compile(r"\]\s*[(\[]"),
    "image": re.compile(r"!\["),
    "autolink or HTML": re.compile(r"<[A-Za-z/!]"),
    "emphasis": re.compile(r"(\*\*?|__?|~~)\S.*?\1"),
    "code": re.compile(r"`"),
    "math": re.compile(r"\$[^$]+\$"),
    "heading or list": re.compile(r"^\s*(#{1,6}\s|[-+*]\s|\d+[.)]\s|>)", re.MULTILINE),
    "directive or icon": re.compile(r":(material/|[a-z]+\[)"),
    "entity": re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE),
}
_TEXT_RULES = {
    "URL": re.compile(r"(https?://|www(?=\.))", re.IGNORECASE),
    "e-mail link": re.compile(r"[-.\w+]+@[-\w]+(\.[-\w]+)+"),
    # Streamlit rewrites ":material/" to ":material_" in the source, then draws ":material_name:" found in the text
    "icon or logo": re.compile(r":material_\w+:|:streamlit:"),
    "dash or arrow": re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),
}
# Rules Streamlit applies to the source before parsing: the emoji plugin is loaded only when the source itself has a
# ":shortcode:" (an escaped colon never starts one); ":material/" is rewritten to ":material_" (an icon).
_SOURCE_RULES = {
    "emoji": re.compile(r":(?!material/|streamlit:)[\w+-][\w_+-]*:"),
    "icon": re.compile(r":material/\w+:"),
}


LINKS = ("link or image", "image", "autolink or HTML", "URL", "e-mail link")  # what fetches or leads elsewhere


def live_markup(source: str) -> list[str]:
    """The kinds of markup Streamlit would draw for ``source`` (empty: it is shown as plain text)."""
    structure, text = _split(source)
    found = [kind for kind, rule in _STRUCTURE_RULES.items() if rule.search(structure)]
    found += [kind for kind, rule in _SOURCE_RULES.items() if rule.search(source)]
    return found + [kind for kind, rule in _TEXT_RULES.items() if rule.search(text)]

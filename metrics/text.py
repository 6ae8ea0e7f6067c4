"""Comment text: masking personal data, and the keywords of a comment (Korean-first, kiwipiepy).

Pure functions (no I/O): the store tokenises each distinct comment once per data version with
``keywords`` and keeps the result beside the journey facts; pages and exports show comments only
through ``mask`` / ``mask_expr``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence

import polars as pl

# --- masking ---------------------------------------------------------------------------------------
# Applied in this order (a resident registration number also looks like digits of a phone number).
# Each pattern keeps the character before and after (``(^|\D)`` … ``(\D|$)``) because the Rust regex
# engine Polars uses has no look-around, and ``\b`` does not separate a digit from a Hangul syllable.
MASKS: tuple[tuple[str, str], ...] = (
    # 주민등록번호: 6 digits of birth date, then 7 digits starting with 1-8 (with or without the dash)
    (r"(^|\D)\d{6}[ -]?[1-8]\d{6}(\D|$)", "${1}******-*******${2}"),
    # phone: mobile 010-1234-5678, 01012345678, +82 10 1234 5678, area codes 02-123-4567, 031.123.4567
    (r"(^|[^\d+])(?:\+82[ .-]?0?|0)\d{1,2}[ .)-]?\d{3,4}[ .-]?\d{4}(\D|$)", "${1}***-****-****${2}"),
    # e-mail address
    (r"()[\w.%+-]+@[\w-]+(?:\.[\w-]+)+()", "${1}***@***${2}"),
)
_PY_MASKS = tuple((re.compile(p), r.replace("${1}", r"\g<1>").replace("${2}", r"\g<2>")) for p, r in MASKS)


def mask(text: str | None) -> str | None:
    """``text`` with phone numbers, e-mail addresses and resident registration numbers replaced by
    asterisks (``***-****-****``, ``***@***``, ``******-*******``); None stays None.

    Example
    -------
    >>> mask("연락처 010-1234-5678, a.b@x.co.kr 로 주세요")
    '연락처 ***-****-****, ***@*** 로 주세요'
    """
    if text is None:
        return None
    for pattern, replacement in _PY_MASKS:
        # twice: two numbers separated by one character share that character between matches
        text = pattern.sub(replacement, pattern.sub(replacement, text))
    return text


def mask_expr(column: str | pl.Expr) -> pl.Expr:
    """``mask`` as a Polars expression over a text column (same patterns, same result)."""
    expr = pl.col(column) if isinstance(column, str) else column
    for pattern, replacement in MASKS:
        expr = expr.str.replace_all(pattern, replacement).str.replace_all(pattern, replacement)
    return expr


# --- keywords --------------------------------------------------------------------------------------
NOUN_TAGS = frozenset({"NNG", "NNP"})   # common and proper nouns (not bound nouns such as 분, 것, 수)
ROOT_TAG = "XR"                         # roots such as 깔끔 (깔끔하다)
PREDICATE_TAGS = frozenset({"VA", "VV"})  # adjectives and verbs, kept as their dictionary form (비싸다)
FOREIGN_TAG = "SL"                      # Latin-script words in mixed text


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say nothing on their own: nouns of grammar and time, light verbs, English function words.
KOREAN_STOPWORDS = _words("""
것 수 등 때 중 후 전 앞 으 점 좀 분 데 번 건 거 곳 개 뭐 더 안 제 저 나 우리 이번 오늘 어제 정도 부분 경우 이상 이하 관련 때문
하다 되다 있다 없다 같다 이다 아니다 않다 보다 주다 받다 가다 오다 싶다 말다 나다 대하다 위하다 통하다 그렇다 이렇다 어떻다
많다 계시다 드리다 지다 놓다 두다
""")
ENGLISH_STOPWORDS = _words("""
a an the and or but if then than so to of in on at by for with from as is are was were be been being am
it its this that these those there here i me my we our you your he she they them his her their not no
do does did done have has had can could will would should may might must just very too also only
""")

_kiwi = None
_kiwi_lock = threading.Lock()


def _analyser():
    """The process's one kiwipiepy analyser (its model ships with the kiwipiepy_model package: no download)."""
    global _kiwi
    with _kiwi_lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi  # ~1 s to load the model: only when comments are tokenised

            _kiwi = Kiwi(num_workers=1)
        return _kiwi


def _keywords_of(tokens: Sequence) -> list[str]:
    out: dict[str, None] = {}
    run: list = []

    def flush() -> None:
        if len(run) >= 2:
            out.setdefault("".join(tok.form for tok in run))
        run.clear()

    for tok in tokens:
        tag = tok.tag.split("-")[0]  # irregular conjugations are tagged VV-R, VA-I, …
        if tag in NOUN_TAGS:
            if run and tok.start != run[-1].start + run[-1].len:  # a space between: a new compound
                flush()
            run.append(tok)
            if tok.form not in KOREAN_STOPWORDS:
                out.setdefault(tok.form)
            continue
        flush()
        if tag == ROOT_TAG and tok.form not in KOREAN_STOPWORDS:
            out.setdefault(tok.form)
        elif tag in PREDICATE_TAGS and tok.form + "다" not in KOREAN_STOPWORDS:
            out.setdefault(tok.form + "다")
        elif tag == FOREIGN_TAG:
            word = tok.form.lower()
            if len(word) >= 2 and word not in ENGLISH_STOPWORDS:
                out.setdefault(word)
    flush()
    return list(out)


def keywords(texts: Iterable[str]) -> list[list[str]]:
    """The keywords of each text: its nouns (particles stripped: 유심이 / 유심을 / 유심은 → 유심), each run of
    nouns written together as one compound as well (본인 + 인증 → 본인, 인증, 본인인증), roots (깔끔), adjectives
    and verbs in dictionary form (비싸다; light verbs such as 하다, 되다, 있다 left out) and lower-cased Latin-script
    words (English stop words left out); each keyword once per text, in order of appearance.

    Personal data is masked first (``mask``), so numbers and addresses never become keywords.

    Example
    -------
    >>> keywords(["본인인증이 너무 오래 걸려요"])
    [['본인', '인증', '본인인증', '걸리다']]
    """
    texts = [mask(t) or "" for t in texts]
    if not texts:
        return []
    kiwi = _analyser()
    with _kiwi_lock:  # one analysis at a time: the analyser is shared by the process's threads
        return [_keywords_of(tokens) for tokens in kiwi.tokenize(texts)]

"""Comment text: masking personal data, and the keywords of a comment (Korean-first, kiwipiepy).

Pure functions (no I/O): the store tokenises each distinct comment once per data version with
``keywords`` and keeps the result beside the journey facts; pages and exports show comments only
through ``mask`` / ``mask_expr``.
"""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import polars as pl

# --- masking ---------------------------------------------------------------------------------------
# ``mask`` (Python) is the one definition; ``mask_expr`` runs it over the rows of a column that could hold personal
# data (``_MAYBE_PERSONAL``), so both give the same text by construction.
# Applied in this order: a resident registration number also looks like digits of a phone number, a card number
# is taken (Luhn, its grouping or the word 카드) before a phone or account pattern could take part of it, a business number (3-2-5) before the
# account shapes it also fits. A number is never masked from inside a longer run of digits or a Latin word
# (``ORD-2025-0501-1234`` is an order code): the boundaries are digits, Latin letters and hyphens, not Hangul,
# so a particle or word glued to a number (``카드9410…로``, ``010-1234-5678로``) does not protect it.
_EDGE = r"(?<![0-9A-Za-z-])"    # a number starts after none of these
_END = r"(?![0-9])"
PHONE_MASK, EMAIL_MASK, RRN_MASK = "***-****-****", "***@***", "******-*******"
CARD_MASK, ACCOUNT_MASK, BUSINESS_MASK, PASSPORT_MASK = "****-****-****-****", "****-****-****", "***-**-*****", \
    "*********"
# Banks (and the word 계좌) a customer writes before an account number; the number may then be unhyphenated.
BANK_WORDS = ("국민", "신한", "우리", "하나", "농협", "카카오뱅크", "카카오", "토스뱅크", "토스", "케이뱅크",
              "기업", "IBK", "KB", "NH", "SC제일", "제일", "씨티", "우체국", "새마을금고", "수협", "신협", "부산",
              "대구", "경남", "광주", "전북", "제주", "계좌")

# Before matching, text is folded one character for one (docs/masking.md): the full-width forms (U+FF01–FF5E:
# ０-９, ＠, －, （ …) to their ASCII letters as NFKC does, every dash and minus (U+2010–2015, U+2212, U+FE58,
# U+FE63, U+30FC) to ``-``, the small at sign to ``@``, every space (no-break, ideographic, the U+2000 series) to `` ``, and the middle dots and
# ideographic full stop to ``.``; zero-width characters (U+200B–200D, U+2060, U+FEFF, soft hyphen) are removed. A
# comment in which nothing is masked is returned as it was written.
_FOLD = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FOLD |= {c: "-" for c in (*range(0x2010, 0x2016), 0x2212, 0xFE58, 0xFE63, 0x30FC)}
_FOLD |= {c: " " for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000)}
_FOLD |= {c: "." for c in (0x00B7, 0x30FB, 0xFF65, 0x3002)} | {0xFE6B: "@"}
_FOLD |= {c: None for c in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)}


def fold(text: str) -> str:
    """``text`` with the characters that disguise a number folded (see ``_FOLD``); zero-width characters removed."""
    return text.translate(_FOLD)


# Between the groups of a number: nothing, a space, or a hyphen or dot with at most one space either side.
_SEP = r"(?: ?[-.] ?| )?"
_RRN = re.compile(r"(^|\D)\d{6}(?: ?[-.] ?| )?[1-8]\d{6}(\D|$)")
# a phone number, not the middle of a hyphenated number (카카오뱅크 3333-01-1234567 is an account): a leading 0,
# +82 (with or without 0 or (0)), 82 before a mobile prefix, or an area code in brackets
_PHONE = re.compile(r"(?<![\d+])(?<!\d[-.])"
                    r"(?:(?:\+ ?82[ .-]?(?:\(0\) ?|0)?|82[ -](?=1[016-9]))\d{1,2}|\(0\d{1,2}\) ?|0\d{1,3})"
                    + _SEP + r"\d{3,4}" + _SEP + r"\d{4}(?!\d)(?! ?[-.] ?\d)")
# an e-mail address: a local part (Latin, digits, Hangul, ._%+-) that does not start inside another, @, domain labels
# (Latin, digits, Hangul, -) and a Latin or Hangul top-level label, so a particle glued to it stays
# (kim@naver.com으로 → ***@***으로). Starting only where a local part can start keeps the search linear.
_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@(?:[A-Za-z0-9가-힣-]+\.)+(?:[A-Za-z]{2,}|[가-힣]{2,3}(?![가-힣]))")
# a card: 13–19 digits written together, or in groups of 4 (the last 1–4) or 4-6-5 / 4-6-4; separators: space,
# hyphen, dot or slash
_CARD = re.compile(_EDGE + r"\d{4}(?:[ ./-]?\d{1,6}){1,4}" + _END)
# a card word just before the number (카드9410123456789012로, 카드번호: …, card no. …)
_CARD_WORD = re.compile(r"(?:카드|card)\s*(?:번호|no\.?|number)?\s*[:은는를이]?\s*$", re.IGNORECASE)
_CARD_WORD_REACH = 24  # characters before a number searched for a card word (bounded: linear time)
_BUSINESS = re.compile(_EDGE + r"\d{3}-\d{2}-\d{5}" + r"(?![0-9-])"
                       r"|(사업자\s*(?:등록)?\s*번호\s*[:은는]?\s*)(\d{10})" + _END)
# an account written with hyphens: 3–6 digits, then 2 or 3 more groups, 10–14 digits in all (신한 110-123-456789,
# 우리 1002-345-678901, 카카오뱅크 3333-01-1234567, 국민 123456-12-123456, 농협 301-1234-5678-91)
_ACCOUNT = re.compile(_EDGE + r"\d{3,6}(?:-\d{2,7}){2,3}" + r"(?![0-9-])")
# after a bank's name (or 계좌) within a few characters: 10–14 digits, together or with hyphens or spaces
_BANK_ACCOUNT = re.compile(r"((?:" + "|".join(BANK_WORDS) + r")[^\d\n]{0,10}?)(\d(?:[ -]?\d){9,13})" + _END)
# a passport: M, S, R, G or D and 8 digits (M12345678), or the 2021 format M123A4567
_PASSPORT = re.compile(r"(?<![0-9A-Za-z])[MSRGDmsrgd](?:\d{8}|\d{3}[A-Za-z]\d{4})(?![0-9A-Za-z])")


def luhn(digits: str) -> bool:
    """Whether ``digits`` pass the Luhn check every payment card number passes (1 in 10 random numbers do)."""
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _card_length(groups: list[str]) -> bool:
    sizes = [len(g) for g in groups]
    if len(sizes) == 1:
        return 13 <= sizes[0] <= 19
    return (all(n == 4 for n in sizes[:-1]) and 1 <= sizes[-1] <= 4 and 13 <= sum(sizes) <= 19) or \
        sizes in ([4, 6, 5], [4, 6, 4])


def _card(match: re.Match) -> str:
    """The match's leading groups that make a card number, masked: the longest that passes the Luhn check; else,
    written in groups with one kind of separator (4-4-4-4, 4-6-5) or right after a card word, the longest of a card's
    shape (the grouping or the word says it is a card; Luhn decides only for digits that could be anything, and for
    groups with mixed separators: 1234-5678 9012 may be two numbers)."""
    text = match.group(0)
    parts = re.split(r"\D", text)
    separators = re.findall(r"\D", text)
    shaped = [k for k in range(len(parts), 0, -1) if _card_length(parts[:k])]
    chosen = next((k for k in shaped if luhn("".join(parts[:k]))), None)
    before = match.string[max(0, match.start() - _CARD_WORD_REACH):match.start()]
    if chosen is None and len(set(separators)) <= 1 and (len(parts) > 1 or _CARD_WORD.search(before)):
        chosen = 4 if 4 in shaped and len(parts) > 4 else next(iter(shaped), None)
    if chosen is None:
        return text
    kept = sum(len(p) for p in parts[:chosen]) + chosen - 1
    return CARD_MASK + text[kept:]


def _business(match: re.Match) -> str:
    return (match.group(1) + BUSINESS_MASK) if match.group(1) is not None else BUSINESS_MASK


def _account(match: re.Match) -> str:
    return ACCOUNT_MASK if 10 <= sum(c.isdigit() for c in match.group(0)) <= 14 else match.group(0)


def _bank_account(match: re.Match) -> str:
    digits = sum(c.isdigit() for c in match.group(2))
    return match.group(1) + ACCOUNT_MASK if 10 <= digits <= 14 else match.group(0)


def mask(text: str | None) -> str | None:
    """``text`` with personal data replaced by asterisks: resident registration numbers (``******-*******``),
    payment card numbers (13–19 digits passing the Luhn check, or grouped like a card or after the word 카드:
    ``****-****-****-****``), phone numbers
    (``***-****-****``), business registration numbers (``***-**-*****``), bank account numbers (``****-****-****``),
    passport numbers (``*********``) and e-mail addresses (``***@***``); None stays None. The formats are listed in
    docs/masking.md; full-width digits, other dashes and spaces and zero-width characters are folded first
    (``fold``): a comment with something masked is returned folded, one without as it was.

    Example
    -------
    >>> mask("연락처 010-1234-5678, a.b@x.co.kr 로 주세요")
    '연락처 ***-****-****, ***@*** 로 주세요'
    >>> mask("카드4111 1111 1111 1111로 결제, 신한 110-123-456789로 환불")
    '카드****-****-****-****로 결제, 신한 ****-****-****로 환불'
    >>> mask("０１０－１２３４－５６７８로 연락")
    '***-****-****로 연락'
    """
    if text is None:
        return None
    folded = fold(text)
    # twice: two numbers separated by one character share that character between matches
    out = _RRN.sub(r"\g<1>" + RRN_MASK + r"\g<2>", _RRN.sub(r"\g<1>" + RRN_MASK + r"\g<2>", folded))
    out = _CARD.sub(_card, out)
    out = _PHONE.sub(PHONE_MASK, out)
    out = _BUSINESS.sub(_business, out)
    out = _ACCOUNT.sub(_account, out)
    out = _BANK_ACCOUNT.sub(_bank_account, out)
    out = _PASSPORT.sub(PASSPORT_MASK, out)
    out = _EMAIL.sub(EMAIL_MASK, out)
    return text if out == folded else out


# Every pattern above needs four digits close together (Polars' \d is Unicode: full-width digits too) or an ``@``
# (or ``＠``, ``﹫``): a value without any of them (most comments; "3번 전화", "1,200,000원") has nothing to mask and
# skips the Python call. Polars' regex engine runs in linear time.
_MAYBE_PERSONAL = r"\d(?:\D{0,3}\d){3}|[@＠﹫]"


def _mask_series(values: pl.Series) -> pl.Series:
    """``mask`` over a text Series, calling Python only for the values that could hold personal data."""
    values = values.cast(pl.String)
    hit = values.str.contains(_MAYBE_PERSONAL).fill_null(False)
    at = hit.arg_true()
    if at.len() == 0:
        return values
    return values.scatter(at, [mask(v) for v in values.gather(at).to_list()])


def mask_expr(column: str | pl.Expr) -> pl.Expr:
    """``mask`` as a Polars expression over a text column (the same function, so the same result)."""
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.map_batches(_mask_series, return_dtype=pl.String, is_elementwise=True)


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
_kiwi_users = 0  # blocks of analyser_kept() running


def _analyser():
    """The process's one kiwipiepy analyser (its model ships with the kiwipiepy_model package: no download)."""
    global _kiwi
    with _kiwi_lock:
        if _kiwi is None:
            from kiwipiepy import Kiwi  # ~1 s to load the model: only when comments are tokenised

            # Without the multi-word dictionary (names of several words: titles, places): 390 instead of 585 MB at
            # load, and the same keywords for the 12,644 distinct comments of the benchmark data and the sample.
            _kiwi = Kiwi(num_workers=1, load_multi_dict=False)
        return _kiwi


@contextlib.contextmanager
def analyser_kept() -> Iterator[None]:
    """Keep the analyser loaded while the block runs (``keywords`` called chunk by chunk), and drop it when the
    last such block ends: its model holds about 350 MB, and a data version's comments are tokenised once, so a
    server that keeps it after the keywords step carries it beside every later query. The next use loads it again
    (about 2 s)."""
    global _kiwi, _kiwi_users
    with _kiwi_lock:
        _kiwi_users += 1
    try:
        yield
    finally:
        with _kiwi_lock:
            _kiwi_users -= 1
            if _kiwi_users == 0:
                _kiwi = None


# Prefixes that negate the noun they are written onto (불친절 is not 친절): kept with it as one keyword.
NEGATING_PREFIXES = frozenset({"불", "비", "무", "미", "부", "몰", "반"})
# Person names: a proper noun of three syllables (or two to four before an honorific) starting with one of the most
# common surnames (about 90 % of Koreans) is taken for a name and is never a keyword (홍길동, 김민수님).
SURNAMES = frozenset(["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "전", "홍", "유", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "류", "나", "진", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "왕", "금", "옥", "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용"])
HONORIFICS = frozenset({"님", "씨", "고객님", "상담사", "상담원", "매니저", "기사", "직원", "팀장", "과장", "대리", "사원"})
MAX_KEYWORD_CHARS = 30  # a longer "word" (1 MB of 가 gave one of 500,000 characters) is not a keyword


@dataclass(frozen=True)
class _Token:
    form: str
    tag: str
    start: int
    len: int


def _hangul(text: str) -> bool:
    return all("가" <= ch <= "힣" for ch in text)


def _is_name(tokens: Sequence, i: int) -> bool:
    tok = tokens[i]
    if tok.tag != "NNP" or not _hangul(tok.form) or tok.form[0] not in SURNAMES:
        return False
    nxt = tokens[i + 1].form if i + 1 < len(tokens) else ""
    return len(tok.form) == 3 or (2 <= len(tok.form) <= 4 and nxt in HONORIFICS)


def _negated(tokens: Sequence) -> list:
    """``tokens`` with each negating prefix (XPN 불, 비, 무 …) joined to the noun or root written right after it."""
    out: list = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if (tok.tag == "XPN" and tok.form in NEGATING_PREFIXES and nxt is not None
                and nxt.start == tok.start + tok.len and nxt.tag.split("-")[0] in (*NOUN_TAGS, ROOT_TAG)):
            out.append(_Token(tok.form + nxt.form, nxt.tag, tok.start, tok.len + nxt.len))
            i += 2
            continue
        out.append(tok)
        i += 1
    return out


def _keywords_of(tokens: Sequence) -> list[str]:
    out: dict[str, None] = {}
    run: list = []
    tokens = _negated(tokens)

    def keep(word: str) -> None:
        if len(word) <= MAX_KEYWORD_CHARS:
            out.setdefault(word)

    def flush() -> None:
        if len(run) >= 2:
            keep("".join(tok.form for tok in run))
        run.clear()

    for i, tok in enumerate(tokens):
        tag = tok.tag.split("-")[0]  # irregular conjugations are tagged VV-R, VA-I, …
        if tag in NOUN_TAGS and _is_name(tokens, i):
            flush()
            continue
        if tag in NOUN_TAGS:
            if run and tok.start != run[-1].start + run[-1].len:  # a space between: a new compound
                flush()
            run.append(tok)
            if tok.form not in KOREAN_STOPWORDS:
                keep(tok.form)
            continue
        flush()
        if tag == ROOT_TAG and tok.form not in KOREAN_STOPWORDS:
            keep(tok.form)
        elif tag in PREDICATE_TAGS and tok.form + "다" not in KOREAN_STOPWORDS:
            keep(tok.form + "다")
        elif tag == FOREIGN_TAG:
            word = tok.form.lower()
            if len(word) >= 2 and word not in ENGLISH_STOPWORDS:
                keep(word)
    flush()
    return list(out)


def keywords(texts: Iterable[str], max_chars: int = 2000) -> list[list[str]]:
    """The keywords of each text: its nouns (particles stripped: 유심이 / 유심을 / 유심은 → 유심), each run of
    nouns written together as one compound as well (본인 + 인증 → 본인, 인증, 본인인증), roots (깔끔), adjectives
    and verbs in dictionary form (비싸다; light verbs such as 하다, 되다, 있다 left out) and lower-cased Latin-script
    words (English stop words left out); each keyword once per text, in order of appearance. A negating prefix
    stays with its noun (불친절, 불만족, 비효율); person names and words longer than ``MAX_KEYWORD_CHARS`` are left out.

    Personal data is masked first (``mask``), so numbers and addresses never become keywords; zero-width characters
    are removed (``fold``) and only the first ``max_chars`` characters of a text are analysed (the voc_max_comment_chars
    setting: the whole comment is still shown).

    Example
    -------
    >>> keywords(["본인인증이 너무 오래 걸려요", "상담원이 불친절해요"])
    [['본인', '인증', '본인인증', '걸리다'], ['상담원', '불친절']]
    """
    texts = [fold(mask(t) or "")[:max_chars] for t in texts]
    if not texts:
        return []
    kiwi = _analyser()
    with _kiwi_lock:  # one analysis at a time: the analyser is shared by the process's threads
        return [_keywords_of(tokens) for tokens in kiwi.tokenize(texts)]

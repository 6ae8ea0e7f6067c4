"""Keywords on hostile and tricky comments (issue 23, items 6 and 8): negation kept with its noun, zero-width
characters stripped, person names and e-mail local parts left out, bounded text and token length."""

import pytest

from metrics.text import MAX_KEYWORD_CHARS, keywords


@pytest.mark.parametrize(("text", "negated", "plain"), [
    ("상담원이 불친절해요", "불친절", "친절"),
    ("너무 불만족스러워요", "불만족", "만족"),
    ("비효율적인 절차", "비효율", "효율"),
    ("무성의한 답변", "무성의", "성의"),
    ("불필요한 서류", "불필요", "필요"),
    ("부정확한 안내", "부정확", "정확"),
])
def test_a_negating_prefix_stays_with_its_noun(text, negated, plain):
    [words] = keywords([text])
    assert negated in words and plain not in words


def test_praise_stays_praise():
    assert keywords(["상담원이 친절해요"]) == [["상담원", "친절"]]


def test_zero_width_characters_are_not_keywords_and_do_not_split_words():
    [words] = keywords(["앱이\u200b 너무\u200b 느려요\u200b", "\u200b\u200c\u200d\u2060\ufeff"])[0:1]
    assert words == ["앱", "느리다"]
    assert keywords(["\u200b\u200c\u200d\u2060\ufeff"]) == [[]]
    assert keywords(["본\u200b인\u200b인증이 안돼요"])[0][:3] == ["본인", "인증", "본인인증"]


def test_person_names_and_email_local_parts_are_not_keywords():
    words = keywords(["홍길동 상담사가 친절했어요", "김민수님이 도와주셨어요", "상담사 이영희 님 감사",
                      "홍길동@naver.com 으로 연락", "kim.cs@naver.com 로 답장"])
    flat = {w for ws in words for w in ws}
    assert not flat & {"홍길동", "김민수", "이영희", "kim", "cs", "naver", "com"}
    assert words[0] == ["상담사", "친절"] and "감사" in words[2] and "연락" in words[3]


def test_a_brand_that_is_a_proper_noun_stays_a_keyword():
    assert "카카오" in keywords(["카카오 앱이 편해요"])[0]


def test_only_the_first_characters_of_a_long_comment_are_analysed_and_no_keyword_is_huge():
    long = "배송이 늦어요 " + "가" * 1_000_000
    [words] = keywords([long], max_chars=100)
    assert words[:2] == ["배송", "늦다"] and all(len(w) <= MAX_KEYWORD_CHARS for w in words)
    [words] = keywords(["가" * 500])
    assert all(len(w) <= MAX_KEYWORD_CHARS for w in words)
    assert keywords(["요금 " * 1000 + "해지"], max_chars=20) == [["요금"]]  # 해지 is past the bound


def test_the_analyser_is_kept_while_a_step_runs_and_dropped_after_the_last_one():
    # a data version's comments are tokenised once: its ~350 MB model must not stay beside every later query
    from metrics import text as mtext

    with mtext.analyser_kept():
        first = mtext.keywords(["상담원이 불친절해요"])
        kept = mtext._kiwi
        with mtext.analyser_kept():  # a second step at the same time (another upload) shares it
            assert mtext.keywords(["수수료가 비싸요"]) == [["수수료", "비싸다"]] and mtext._kiwi is kept
        assert mtext._kiwi is kept  # the outer step still runs
    assert first == [["상담원", "불친절"]] and mtext._kiwi is None
    assert mtext.keywords(["상담원이 불친절해요"]) == first  # loaded again when needed

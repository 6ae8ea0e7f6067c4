"""ui.text: data values shown as typed in markdown and in Plotly, and error sentences without server paths."""

from __future__ import annotations

import pytest

from tests.support.markdown import JOINER, live_markup, shown
from ui.text import error, md, plot, without_paths

# values an uploaded file or a sign-in provider could carry (the issue's, and their cousins)
HOSTILE = [
    "![b](http://127.0.0.1:8613/beacon.png)",
    "[Click to re-verify](http://evil.example/login)",
    "<a href='http://evil.example'>ATM</a>",
    "<img src=x onerror=alert(1)>",
    "www.evil.example",
    "상담원 kim@bank.example",
    "http://evil.example/plain",
    "<https://evil.example>",
    "**공동인증서** 로그인",
    "_급여_ ~~이체~~",
    ":material/warning: :smile: :red[긴급]",
    "$x^2$ 할인",
    "# 가입",
    "1. 상담",
    "- 목록",
    "> 인용",
    "`code`",
    "a -- b",
    "가입 -> 이용 <- 해지 <-> 재가입",
    "만족도 >= 4, 대기 <= 3분, 약 ~= 2",
    ":streamlit: :material_home: 홈",
    "WWW.EVIL.EXAMPLE mailto:kim@bank.example",
    "[ref][1]",
    "&amp; &lt;b&gt;",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_md_shows_a_data_value_as_typed_with_no_markup(value):
    assert live_markup(value)  # each one is live markup as it stands (the test would catch it)
    assert live_markup(md(value)) == []
    assert shown(md(value)) == value


def test_md_keeps_backslashes_and_marks_of_plain_text():
    for value in ("역슬래시 \\ 끝\\", "C\\+\\+", "50% 할인!", "a|b|c", "Q&A"):
        assert shown(md(value)) == value


def test_md_leaves_plain_korean_and_english_words_readable():
    assert md("가입 상담") == "가입 상담"
    assert md("T월드 앱") == "T월드 앱"
    assert shown(md("Kim's 가입 (web/app) 2:05")) == "Kim's 가입 (web/app) 2:05"


@pytest.mark.parametrize("value", ["10:30 상담", "비고: 값 a:b:c", "Kim's 가입 (web/app) 2:05", "2025-05-01 a - b",
                                   "C++ 50% 할인!", "상담원 @ 지점", "www 사이트", ":smile: :red[긴급]"])
def test_md_adds_no_invisible_character_to_a_value_without_a_link_icon_or_arrow(value):
    # a value copied from the page is then exactly the value: only what Streamlit would turn into markup after the
    # escapes are read (a URL, an address, an icon, an arrow) is broken by a word joiner
    assert JOINER not in md(value)
    assert live_markup(md(value)) == [] and shown(md(value)) == value


def test_md_puts_a_multi_line_value_on_one_line():
    assert shown(md("줄1\r\n\n# 줄2")) == "줄1 # 줄2"
    assert live_markup(md("줄1\n\n# 줄2")) == []


def test_plot_escapes_tags_and_entities_so_plotly_draws_them_as_text():
    assert plot("<a href='http://x'>ATM</a>") == "&lt;a href='http://x'&gt;ATM&lt;/a&gt;"
    assert plot("A&amp;B<br>") == "A&amp;amp;B&lt;br&gt;"
    assert plot("가입 상담") == "가입 상담"
    assert plot(None) == "None"


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Could not read /tmp/cxlens-upload-k2/events-9f.parquet as Parquet: IO Error: bad magic",
     "Could not read events-9f.parquet as Parquet: IO Error: bad magic"),
    ('IO Error: No files found that match the pattern "/srv/cx/data/*.parquet"',
     'IO Error: No files found that match the pattern "*.parquet"'),
    ("The directory /srv/cxlens/data/ holds no Parquet files.", "The directory data holds no Parquet files."),
    (r"The file C:\Users\kim\Desktop\상담.csv does not exist", "The file 상담.csv does not exist"),
    (r"cannot open \\fileserver\cx\export.xlsx", "cannot open export.xlsx"),
])
def test_error_sentences_name_the_file_not_the_server_path(sentence, expected):
    assert without_paths(sentence) == expected
    assert shown(error(sentence)) == expected


def test_without_paths_keeps_urls_fractions_and_slashes_between_words():
    kept = "nps 11 is outside 0–10; 3/5 stars; web / app; see http://example.com/help and ./local.csv"
    assert without_paths(kept) == kept


def test_error_of_an_exception_is_its_sentence():
    exc = ValueError("/home/cx/.cache/cxlens/ab12/journeys.parquet: [Errno 28] No space left")
    assert shown(error(exc)) == "journeys.parquet: [Errno 28] No space left"

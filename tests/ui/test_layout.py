import polars as pl

from ui.layout import csv_bytes


def test_csv_cells_that_would_start_a_formula_are_neutralised():
    frame = pl.DataFrame({"touchpoint": ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "본인인증", None],
                          "events": [-5, 1, 2, 3, 4, 5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert text.splitlines() == [
        "touchpoint,events", "'=HYPERLINK(\"\"x\"\")\",-5".replace("'=HYPERLINK(\"\"x\"\")\"", "\"'=HYPERLINK(\"\"x\"\")\""),
        "'+1,1", "'-2,2", "'@SUM(A1),3", "본인인증,4", ",5",
    ]


def test_csv_starts_with_a_byte_order_mark_so_spreadsheets_read_korean():
    assert csv_bytes(pl.DataFrame({"a": ["가"]})).startswith("\ufeff".encode())


def test_markdown_text_shows_a_data_value_as_typed():
    from ui.layout import markdown_text

    assert markdown_text("[Session expired](https://evil.example)") == \
        "\\[Session expired\\]\\(https://evil\\.example\\)"
    assert markdown_text("**공동인증서** 로그인") == "\\*\\*공동인증서\\*\\* 로그인"

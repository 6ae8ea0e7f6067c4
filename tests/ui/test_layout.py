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


def test_every_step_of_the_facts_pass_has_a_translated_progress_message(tmp_path):
    import datetime as dt

    import polars as pl

    from store import open_dataset
    from ui.data import PROGRESS_STEPS
    from ui.i18n import TEXT

    path = tmp_path / "e.parquet"
    pl.DataFrame({"journey_id": ["j"], "timestamp": [dt.datetime(2025, 1, 1)], "stage": ["s"],
                  "channel": ["app"]}).write_parquet(path)
    seen = []
    open_dataset(path, progress=lambda fraction, message: seen.append((fraction, message)))
    assert [f for f, _ in seen] == sorted(f for f, _ in seen) and seen[-1][0] == 1.0
    assert {m for _, m in seen} == set(PROGRESS_STEPS)
    assert all({"en", "ko"} <= set(TEXT[key]) for key in PROGRESS_STEPS.values())

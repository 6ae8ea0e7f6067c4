"""The admins' Access page: who has what scope, and the audit trail with this session's own sign-in on it."""

from tests.pages.conftest import PAGES


def test_an_admin_sees_who_has_what_and_the_audit_trail(app, sample_path):
    at = app(sample_path, "access.py")
    assert not at.exception
    assert [h.value for h in at.subheader] == ["Who sees what", "Audit trail"]
    who = at.dataframe[0].value
    rows = dict(zip(who["Who"], who["Scope"], strict=True))
    assert rows["seoul@bank.co.kr"] == "region=서울" and rows["call@bank.co.kr"] == "channel=콜센터; persona=X"
    trail = at.dataframe[1].value
    assert set(trail["E-mail or name"]) == {"boss@bank.co.kr"}
    # newest first: the sign-in, the view of the first page (the overview), then of this page, each with its filters
    assert list(trail["Event"]) == ["page view", "page view", "sign-in"]
    assert list(trail["File or record"]) == ["access", "overview", ""] and list(trail["Filters"])[:2] == ["{}", "{}"]


def test_the_access_page_is_not_registered_without_an_admin(app, sample_path):
    import pytest

    at = app(sample_path)
    with pytest.raises(ValueError):
        at.switch_page(str(PAGES / "access.py"))

"""The loop in a real browser: a case opened from the detractor list, assigned and resolved; the overview's loop
line and report.py --loop (on the same database and data) then say the same."""

from __future__ import annotations

import json
import re

import report
from loop import db
from loop.actions import all_actions
from loop.cases import all_cases
from tests.e2e.browser import EXCEPTION, open_view, wait_rendered


def test_a_case_from_the_detractor_list_assigned_and_resolved_agrees_with_the_report(page, server, workdir,
                                                                                   monkeypatch, capsys):
    url = f"sqlite:///{workdir / 'cache' / 'loop.sqlite'}"
    open_view(page, server.url + "/loop?lang=en")
    you = page.get_by_role("textbox", name="You are")
    you.fill("lee")
    you.press("Enter")
    wait_rendered(page)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)  # the first detractor's selection box
    wait_rendered(page)
    page.get_by_role("button", name=re.compile("^Open a case on journey ")).click()
    page.get_by_text(re.compile(r"^Case #\d+ opened on journey ")).wait_for()
    wait_rendered(page)
    owner = page.get_by_role("textbox", name="Owner").first
    owner.fill("park")
    status = page.locator('[data-testid="stSelectbox"]').filter(has_text="Status").first.locator("input")
    status.click()
    page.keyboard.type("resolved")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save").first.click()
    page.get_by_text(re.compile(r"^Case #\d+ saved \(version 2\)")).wait_for()
    assert page.locator(EXCEPTION).count() == 0

    engine = db.open_database(url)
    (case,) = all_cases(engine).iter_rows(named=True)
    assert (case["owner"], case["status"], case["version"]) == ("park", "resolved", 2)

    open_view(page, server.url + "/overview?lang=en", min_charts=1)
    line = page.get_by_text(re.compile("^What we changed")).first.inner_text().strip()
    monkeypatch.setenv("CXLENS_DATABASE_URL", url)
    assert report.main([str(server.data), "--loop", "--format", "json"]) == 0
    loop = json.loads(capsys.readouterr().out)["loop"]
    assert line == loop["line"]
    assert loop["cases"]["closed"] == 1 and loop["cases"]["open"] == 0
    assert line.endswith("Cases: 0 open, 0 overdue, 1 closed.")
    db.forget(url)


def test_a_pain_point_plans_an_action_that_arrives_filled_in_and_is_created(page, server, workdir):
    url = f"sqlite:///{workdir / 'cache' / 'loop.sqlite'}"
    open_view(page, server.url + "/?lang=en", min_charts=1)  # the overview is the app's main page: its own URL
    plan = page.get_by_role("button", name=re.compile("^Plan an action on ")).first
    target = plan.inner_text().strip().removeprefix("add_task").strip().removeprefix("Plan an action on ")
    plan.click()
    page.get_by_text("New improvement action: check it, then create it").wait_for()
    wait_rendered(page)
    assert page.url.split("?")[0].endswith("/loop")
    assert page.get_by_role("textbox", name="Title").input_value() == f"Improve {target}"
    assert page.get_by_role("textbox", name="Which one").input_value() == target
    you = page.get_by_role("textbox", name="You are")
    you.fill("lee")
    you.press("Enter")
    wait_rendered(page)
    page.get_by_role("button", name="Create the action").click()
    page.get_by_text(re.compile(r"^Action #\d+ created: Improve ")).wait_for()
    assert page.locator(EXCEPTION).count() == 0
    made = [a for a in all_actions(db.open_database(url)).iter_rows(named=True) if a["title"] == f"Improve {target}"]
    assert [(a["target_kind"], a["target_value"], a["created_by"]) for a in made] == [("touchpoint", target, "lee")]
    db.forget(url)

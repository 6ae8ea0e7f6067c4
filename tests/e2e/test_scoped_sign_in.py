"""Two people signed in at once through a real OpenID Connect sign-in, each seeing only their scope.

The hosted entry (serve.py: the dashboard behind the HTTP gate) signs people in with st.login against the test's own
provider on localhost (tests/support/oidc.py), with an access.toml giving one e-mail region=서울 and one group
(sent in the id_token's ``groups`` claim) channel=콜센터. Each sees the NPS of their scope (the overview's cards,
computed here by the figures functions on the scoped filters), a detractor list holding only their scope's journeys
(the CSV downloaded through the gate, compared with report.py --as and with the data filtered by hand) and a
refused episode of a journey in the other's scope; a third person with no scope sees only a message.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import polars as pl
import pytest

from hosting import scopes
from i18n import t
from loop import audit, db
from store import Filters, open_dataset
from tests.e2e.browser import DESKTOP, EXCEPTION, PLOT, first_token, wait_rendered
from tests.e2e.conftest import RENDER_TIMEOUT_MS, ROOT, run_dashboard
from tests.support.cards import card_figures
from tests.support.oidc import Provider
from tests.support.streamlit_server import free_port

SEOUL, CALL, NOBODY = "seoul@bank.test", "call@bank.test", "nobody@bank.test"
USERS = {SEOUL: {"name": "김서울", "groups": ["staff"]},
         CALL: {"name": "Call Centre Lead", "groups": ["staff", "call-centre"]},
         NOBODY: {"name": "Nobody", "groups": ["staff"]}}
GROUP = {SEOUL: [], CALL: ["call-centre"]}  # the groups that give a scope, for report.py --as-group
ACCESS = """
[users."seoul@bank.test"]
region = ["서울"]

[groups."call-centre"]
channel = ["콜센터"]
"""
CLIENT_ID, CLIENT_SECRET = "cxlens-e2e", "e2e-client-secret"


@pytest.fixture(scope="module")
def hosted(workdir, server):
    """serve.py signing in against the local provider, with the access file: (server, provider, audit database)."""
    port = free_port()
    redirect = f"http://127.0.0.1:{port}/oauth2callback"
    database = f"sqlite:///{workdir / 'scoped-audit.sqlite'}"
    access = workdir / "scoped-access.toml"
    access.write_text(ACCESS, encoding="utf-8")
    with Provider(USERS, CLIENT_ID, CLIENT_SECRET, redirect) as provider:
        secrets = workdir / "secrets-oidc.toml"
        secrets.write_text(f"""
[auth]
redirect_uri = "{redirect}"
cookie_secret = "e2e-cookie-not-a-secret"
client_id = "{CLIENT_ID}"
client_secret = "{CLIENT_SECRET}"
server_metadata_url = "{provider.metadata_url}"
""", encoding="utf-8")
        env = {"CXLENS_ACCESS_FILE": str(access), "CXLENS_DATABASE_URL": database}
        with run_dashboard(workdir, server.data, "--secrets.files", str(secrets), script="serve.py", port=port,
                           env=env) as running:
            yield running, provider, database


@pytest.fixture(scope="module")
def events(server) -> pl.DataFrame:
    return pl.read_parquet(server.data, columns=["journey_id", "region", "channel", "nps"])


@pytest.fixture(scope="module")
def expected(server, hosted, workdir):
    """Per person: the overview's NPS card for their scope, and report.py --as's detractor journeys."""
    ds = open_dataset(str(server.data))
    out = {"whole": card_figures(ds, Filters())["nps"]}
    env = {**os.environ, "CXLENS_CACHE_DIR": str(workdir / "cache"), "CXLENS_ACCESS_FILE": str(workdir /
           "scoped-access.toml"), "CXLENS_DATABASE_URL": hosted[2]}
    for email in (SEOUL, CALL):
        scope = scopes.resolve(scopes.read(workdir / "scoped-access.toml")[0], email, USERS[email]["groups"]).scope
        csv_out = workdir / f"report-detractors-{email}.csv"
        groups = [a for g in GROUP[email] for a in ("--as-group", g)]
        done = subprocess.run([sys.executable, "report.py", str(server.data), "--as", email, *groups,
                               "--detractors", str(csv_out), "--format", "json"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        out[email] = {"nps": card_figures(ds, Filters().within(scope))["nps"],
                      "detractors": _journeys(csv_out.read_bytes(), "journey_id"),
                      "report": json.loads(done.stdout)}
    return out


def _journeys(data: bytes, column: str) -> list[str]:
    return [row[column] for row in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))]


def _sign_in(browser, hosted, email: str):
    """A new browser context signed in as ``email`` through the provider's form: its overview page."""
    server, provider, _ = hosted
    ctx = browser.new_context(viewport=DESKTOP, locale="en-US", accept_downloads=True)
    ctx.set_default_timeout(RENDER_TIMEOUT_MS)
    page = ctx.new_page()
    page.goto(server.url + "/")
    wait_rendered(page)
    page.get_by_role("button", name=t("sign_in", "en")).click()
    page.wait_for_url(provider.issuer + "/authorize*")
    page.get_by_label("E-mail").fill(email)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(server.url + "/")
    wait_rendered(page)
    return ctx, page


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _sidebar(page) -> str:
    return page.locator('[data-testid="stSidebar"]').inner_text().replace("\u2060", "")  # ui.text's word joiners


def _main(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text().replace("\u2060", "")


def _download_detractors(page) -> tuple[str, bytes]:
    """Show the overview's follow-up list and download its CSV: (the /media URL, the file's bytes)."""
    page.get_by_text(t("detractors_show", "en")).click()
    wait_rendered(page)
    button = page.locator(".st-key-download-detractors-csv button")
    button.scroll_into_view_if_needed()
    with page.expect_download() as download:
        button.click()
    return download.value.url, Path(download.value.path()).read_bytes()


def _in_scope(events: pl.DataFrame, email: str) -> set[str]:
    """The journeys of the person's scope, by hand: Seoul's region, or the journeys that touched the call centre."""
    wanted = pl.col("region") == "서울" if email == SEOUL else pl.col("channel") == "콜센터"
    return set(events.filter(wanted)["journey_id"].unique().to_list())


@pytest.fixture(scope="module")
def people(browser, hosted):
    """The two scoped people, each signed in in their own browser context, both at once: {e-mail: page}."""
    contexts, pages = [], {}
    try:
        for email in (SEOUL, CALL):
            ctx, pages[email] = _sign_in(browser, hosted, email)
            contexts.append(ctx)
        yield pages
    finally:
        for ctx in contexts:
            ctx.close()


@pytest.mark.parametrize("email", [SEOUL, CALL])
def test_each_person_sees_the_nps_and_the_detractors_of_their_scope(people, hosted, events, expected, artifacts,
                                                                      email):
    server, provider, database = hosted
    assert expected[SEOUL]["nps"] != expected[CALL]["nps"]  # else the cards could not tell the two scopes apart
    assert expected["whole"] not in (expected[SEOUL]["nps"], expected[CALL]["nps"])
    page = people[email]
    page.goto(server.url + "/?lang=en")  # again, now that the other is signed in too: sessions share no viewer
    wait_rendered(page, min_charts=1)
    assert first_token(page, "NPS") == _shown(expected[email]["nps"])
    sidebar = _sidebar(page)
    assert t("access_signed_in", "en", name=USERS[email]["name"], email=email) in sidebar
    assert t("access_your_scope", "en", scope="Region: 서울" if email == SEOUL else "Channel: 콜센터") in sidebar
    assert page.get_by_role("button", name=t("filter_line_clear", "en")).count() == 0  # the scope is not a filter
    assert page.locator(EXCEPTION).count() == 0
    page.screenshot(path=str(artifacts / f"scoped-{email.split('@')[0]}-overview-en-1400x900.png"))

    url, data = _download_detractors(page)
    listed = _journeys(data, t("col_journey_id", "en"))
    assert listed
    assert set(listed) <= _in_scope(events, email)
    assert sorted(listed) == sorted(expected[email]["detractors"])
    scores = {float(r[t("col_score", "en")]) for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))}
    assert scores <= set(range(7))
    # the same file without the person's sign-in cookie: refused by the gate
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    assert refused.value.code == 403
    exports = audit.trail(db.open_database(database)).filter(pl.col("event") == "export")
    assert (email, "detractors.csv", len(listed)) in {(r["email"], r["item"], r["rows"])
                                                       for r in exports.iter_rows(named=True)}

    page.goto(server.url + "/?lang=ko")
    wait_rendered(page, min_charts=1)
    page.screenshot(path=str(artifacts / f"scoped-{email.split('@')[0]}-overview-ko-1400x900.png"))


def test_the_sign_ins_came_through_the_provider_with_each_scope_on_the_audit_trail(people, hosted):
    _, provider, database = hosted
    assert (provider.signed_in.count(SEOUL), provider.signed_in.count(CALL)) == (1, 1)  # once: the cookie kept it
    trail = audit.trail(db.open_database(database))
    signed = {(r["email"], r["role"], r["scope"]) for r in trail.filter(pl.col("event") == "sign_in").iter_rows(named=True)}
    # the call-centre lead's scope came from the groups claim of the id_token: the only claims st.login reads
    assert provider.userinfo_asked == 0
    assert {(SEOUL, "user", "region=서울"), (CALL, "user", "channel=콜센터")} <= signed


def test_a_journey_of_the_other_scope_is_refused_and_one_of_ones_own_opens(people, hosted, events):
    server, _, _ = hosted
    seoul_ids, call_ids = _in_scope(events, SEOUL), _in_scope(events, CALL)
    only_call, only_seoul = sorted(call_ids - seoul_ids)[0], sorted(seoul_ids - call_ids)[0]
    for email, other in ((SEOUL, only_call), (CALL, only_seoul)):
        page = people[email]
        page.goto(f"{server.url}/journeys?lang=en&journey={other}")
        wait_rendered(page)
        assert t("episode_outside_scope", "en", journey=other) in _main(page), email
    page = people[SEOUL]  # the same link to a journey of one's own scope opens its episode
    page.goto(f"{server.url}/journeys?lang=en&journey={only_seoul}")
    wait_rendered(page, min_charts=1)
    main = _main(page)
    assert t("episode_title", "en", journey=only_seoul) in main
    assert t("episode_outside_scope", "en", journey=only_seoul) not in main
    assert page.locator(EXCEPTION).count() == 0


def test_a_person_without_a_scope_sees_only_the_message_and_gets_no_download(browser, hosted, people):
    server, _, database = hosted
    ctx, page = _sign_in(browser, hosted, NOBODY)
    try:
        for path in ("", "journeys", "upload"):
            page.goto(f"{server.url}/{path}?lang=en")
            wait_rendered(page)
            assert t("access_no_scope", "en", email=NOBODY) in _main(page)
            assert page.locator('[data-testid="stMetric"], [data-testid="stDataFrame"], '
                                '[data-testid="stFileUploader"], [data-testid="stMultiSelect"]').count() == 0
            assert page.locator(PLOT).count() == 0
            assert page.get_by_role("button", name=t("sign_out", "en")).count() == 1
        # the gate on /media: refused for this cookie; a scoped person's reaches Streamlit (no such file: 404)
        missing = server.url + "/media/2ebeb26635978b39f80a653cd10e0e18.csv"
        assert page.request.get(missing).status == 403
        assert people[SEOUL].request.get(missing).status == 404
    finally:
        ctx.close()
    denied = audit.trail(db.open_database(database)).filter(pl.col("event") == "denied")
    assert (NOBODY, "access_no_scope") in {(r["email"], r["detail"]) for r in denied.iter_rows(named=True)}

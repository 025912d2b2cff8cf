"""The editor's and reviewer's day in a real browser (issue 16, items 1-7): a claim added from its
source, the dashboard, the claim and contradiction lists at 1,280 px.

Playwright drives Debian's Chromium against the live server. Every page is watched: a console
error (a Content-Security-Policy violation is one) or a failed request fails the test. axe-core
(bundled by axe-playwright-python, so it runs offline) checks the pages for accessibility.
Screenshots of the claim form and the dashboard at 1,280 and 390 px go to test-artifacts/, or to
docs/screenshots/ with UPDATE_SCREENSHOTS=1 (`UPDATE_SCREENSHOTS=1 ./portal test tests/test_browser_admin.py`).
"""

import datetime
import os
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from curation.models import Claim, Metric
from curation.review import workflow
from tests.builders import make_claim, make_contradiction, make_metric, make_outlet, make_place, make_source
from tests.test_browser import CHROMIUM, browser  # noqa: F401  (the one Chromium fixture)

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"  # kept out of git
PASSWORD = "pw-editor-123"

ARTICLE = (
    "URUMQI, Jan. 15 (Xinhua) -- Kashi's foreign trade partners numbered 118 last year.\n\n"
    "The Kashgar area of the China (Xinjiang) Pilot Free Trade Zone recorded trade of about "
    "3.94 billion U.S. dollars in 2024, officials of the No. 2 customs office said on Wednesday."
)
QUOTE = "about 3.94 billion U.S. dollars in 2024"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    ),
]


class Watched:
    """A page whose console errors and failed requests are collected; the test fails on any."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.on("console", self.check_console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("requestfailed", self.check_failed_request)
        page.on("response", self.check_response)

    def check_failed_request(self, request):
        # The autocomplete cancels its previous search when the editor types on: not a failure.
        if request.failure == "net::ERR_ABORTED" and request.resource_type in ("xhr", "fetch"):
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def check_console(self, message):
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.problems.append(message.text)

    def check_response(self, response):
        # The browser asks for /favicon.ico on its own; the pages' own requests must all succeed.
        if response.status >= 400 and not response.url.endswith("/favicon.ico"):
            self.problems.append(f"{response.status} {response.url}")


@pytest.fixture
def watched(browser):  # noqa: F811 (the imported fixture)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert watched.problems == [], "console errors or failed requests: " + "; ".join(watched.problems)


def log_in(page, base, user, *, next_url):
    page.goto(f"{base}/admin/login/?next={next_url}")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{next_url}")


def staff(django_user_model, name, *, superuser=False):
    from django.contrib.auth.models import Group

    from curation.review.roles import EDITORS, REVIEWERS, roles_setup

    roles_setup()
    user = django_user_model.objects.create_user(
        username=name, password=PASSWORD, is_staff=True, is_superuser=superuser
    )
    user.groups.add(Group.objects.get(name=REVIEWERS if name.startswith("rev") else EDITORS))
    return user


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page, each as {id, impact, targets}."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in results.response["violations"]
    ]


def select_text(page, selector, text):
    """Select `text` inside the element, as an editor does with the mouse."""
    page.evaluate(
        """([selector, text]) => {
            const element = document.querySelector(selector);
            const node = element.firstChild;
            const start = node.textContent.indexOf(text);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + text.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        [selector, text],
    )


def autocomplete(page, field_id, text, option):
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=option).first.click()


def shoot(page, name, *, width):
    # The screenshots in docs/ are renewed on request only, so a test run leaves the tree clean.
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    # A viewport as tall as the page: a full-page capture would paint the admin's sticky
    # sidebar halfway down.
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": width, "height": height})
    page.screenshot(path=str(folder / f"{name}-{width}.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_editor_adds_a_claim_from_its_source_selecting_the_quote_in_the_article(
    watched, live_server, django_user_model
):
    page, base = watched.page, live_server.url
    editor = staff(django_user_model, "editor")
    place = make_place(name="Kashgar Area (FTZ)")
    metric = make_metric(code="trade_value_usd", name="Trade value", unit="USD", nature=Metric.Nature.FLOW)
    outlet = make_outlet(name="Xinhua")
    source = make_source(
        title="Kashgar area trade soars", outlet=outlet, published_on=datetime.date(2025, 1, 15), body=ARTICLE
    )

    log_in(page, base, editor, next_url=f"/admin/curation/source/{source.pk}/change/")
    page.get_by_role("link", name="Add a claim from this source").click()
    page.wait_for_url(f"**/admin/curation/claim/add/?source={source.pk}")
    panel = page.locator("#claim-source")
    assert "Kashgar area trade soars" in panel.inner_text()
    assert "Xinhua" in panel.inner_text() and "2025-01-15" in panel.inner_text()
    # The citation's source is filled in, and it is primary.
    assert page.locator("#id_citations-0-source option:checked").inner_text() == "Kashgar area trade soars"
    assert page.locator("#id_citations-0-is_primary").is_checked()

    autocomplete(page, "id_place", "Kashgar Area", "Kashgar Area (FTZ)")
    autocomplete(page, "id_metric", "Trade", "Trade value")
    # The unit comes from the metric.
    page.wait_for_function("document.getElementById('id_unit').value === 'USD'")
    page.select_option("#id_qualifier", "about")
    page.fill("#id_value", "3.94 billion")
    readback = page.locator("#id_value_readback")
    readback.get_by_text("Read as 3,940,000,000 = 3.94 billion").wait_for()
    page.fill("#id_period_start", "2024-01-01")
    page.fill("#id_period_end", "2024-12-31")

    select_text(page, "#claim-source-text", QUOTE)
    page.click("#use-selection")
    assert page.input_value("#id_citations-0-quote") == QUOTE
    page.locator("#id_citations-0-quote_check").get_by_text("Found verbatim in the article.").wait_for()

    violations = axe_violations(page)
    assert violations == [], violations
    shoot(page, "claim-form", width=1280)
    shoot(page, "claim-form", width=390)

    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    assert page.locator(".messagelist .warning").count() == 0
    claim = Claim.objects.get()
    assert (claim.place, claim.metric, claim.value, claim.unit, claim.qualifier) == (
        place,
        metric,
        Decimal("3940000000"),
        "USD",
        "about",
    )
    citation = claim.citations.get()
    assert citation.source == source and citation.is_primary and citation.is_quote_found
    # The title says the value as the article did.
    assert page.locator("#content h2").first.inner_text() == f"Claim #{claim.pk}: about 3.94 billion USD"
    page.click("#workflow-submit")
    page.wait_for_selector(".messagelist .success")
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.SUBMITTED


def test_a_quote_not_in_the_article_is_saved_as_a_draft_with_the_nearest_passage_and_cannot_be_submitted(
    watched, live_server, django_user_model
):
    page, base = watched.page, live_server.url
    editor = staff(django_user_model, "editor")
    source = make_source(title="Kashgar area trade soars", body=ARTICLE)
    claim = make_claim(source=source, quote=QUOTE, created_by=editor, updated_by=editor)

    log_in(page, base, editor, next_url=f"/admin/curation/claim/{claim.pk}/change/")
    page.fill("#id_citations-0-quote", "about 3.94 billion US dollars in 2024")
    # Checked as it is typed, before saving.
    check = page.locator("#id_citations-0-quote_check")
    check.locator("mark").wait_for()
    assert check.locator("mark").all_inner_texts() == ["U.S."]
    assert check.inner_text() == "Not in the article; did you mean: “about 3.94 billion U.S. dollars in 2024”?"
    page.click("input[name=_continue]")
    warning = page.locator(".messagelist .warning")
    warning.wait_for()
    assert "cannot be submitted for review" in warning.inner_text()
    assert warning.locator("mark").all_inner_texts() == ["U.S."]
    assert "did you mean: “about 3.94 billion U.S. dollars in 2024”" in warning.inner_text()
    assert page.locator(".submission-blocker").count() == 1

    page.click("#workflow-submit")
    error = page.locator(".messagelist .error")
    error.wait_for()
    assert "not submitted" in error.inner_text() and "did you mean" in error.inner_text()
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.DRAFT


def columns_within_viewport(page, headers: list[str]) -> dict[str, float]:
    """The right edge of each named column header (th.column-<name>), and the list's own overflow."""
    edges = {}
    for name in headers:
        box = page.locator(f"#result_list th.column-{name}").bounding_box()
        assert box is not None, f"no column {name}"
        edges[name] = box["x"] + box["width"]
    return edges


def assert_no_horizontal_scroll(page):
    widths = page.evaluate(
        """() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,
                 document.querySelector('.results').scrollWidth, document.querySelector('.results').clientWidth]"""
    )
    assert widths[0] <= widths[1] and widths[2] <= widths[3], widths


def test_at_1280_px_the_claim_and_contradiction_lists_show_what_a_reviewer_needs(
    watched, live_server, django_user_model
):
    from django.core.management import call_command

    call_command("loaddata", "seed", verbosity=0)
    page, base = watched.page, live_server.url
    reviewer = staff(django_user_model, "reviewer")
    # A long place and metric name, a range and an open contradiction on the first page.
    long_place = make_place(name="China (Xinjiang) Pilot Free Trade Zone Kashgar Area Comprehensive Bonded Zone")
    long_metric = make_metric(name="Total import and export value of the comprehensive bonded zone", unit="CNY")
    ranged = make_claim(
        place=long_place,
        metric=long_metric,
        value=Decimal("93160000000"),
        value_max=Decimal("103160000000"),
        qualifier="between",
        period_label="the first eight months of 2025 compared with the same period of last year",
        period_end=datetime.date(2099, 12, 31),
    )
    make_contradiction(ranged, make_claim(period_end=datetime.date(2099, 12, 30)))

    log_in(page, base, reviewer, next_url="/admin/curation/claim/")
    assert page.viewport_size["width"] == 1280
    needed = ["value_with_unit", "period", "status", "quote_verified", "contradictions_link"]
    edges = columns_within_viewport(page, needed)
    assert all(edge <= 1280 for edge in edges.values()), edges
    assert_no_horizontal_scroll(page)
    row = page.locator(f"#result_list tr:has(a[href$='/claim/{ranged.pk}/change/'])").first
    assert "between 93.16 billion and 103.16 billion CNY" in row.inner_text()
    assert row.locator("td.field-contradictions_link a").inner_text() == "1 open of 1"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "claim-list-1280.png"))

    page.goto(base + "/admin/curation/contradiction/")
    link = page.locator("#result_list td.field-side_by_side a").first
    box = link.bounding_box()
    assert box["x"] + box["width"] <= 1280, box
    assert_no_horizontal_scroll(page)
    page.screenshot(path=str(ARTIFACTS / "contradiction-list-1280.png"))
    link.click()
    page.wait_for_url("**/admin/curation/contradiction/*/resolve/")


def test_the_admin_index_dashboard_shows_a_reviewers_day_with_links(watched, live_server, django_user_model):
    from django.core.management import call_command

    from curation.models import Job

    call_command("loaddata", "seed", verbosity=0)
    page, base = watched.page, live_server.url
    editor = staff(django_user_model, "editor")
    reviewer = staff(django_user_model, "reviewer")
    waiting = make_claim(value=Decimal("3940000000"), qualifier="about", unit="USD", created_by=editor)
    Claim.objects.filter(pk=waiting.pk).update(status=Claim.Status.SUBMITTED, updated_by=editor)
    own_draft = make_claim(created_by=reviewer, updated_by=reviewer)  # a draft of the reviewer's own
    make_contradiction(waiting, own_draft, severity="high", explanation="3.94 billion against 3,100.")
    make_contradiction(make_claim(), make_claim(), severity="low", explanation="Close figures.")
    Job.objects.create(
        kind=Job.Kind.IMPORT,
        state=Job.State.DONE,
        started_by=editor,
        input_name="claims-may.csv",
        summary="12 claims added.",
    )
    Job.objects.create(kind=Job.Kind.CONTRADICTIONS, state=Job.State.RUNNING, started_by=reviewer)

    log_in(page, base, reviewer, next_url="/admin/")
    review = page.locator("#dashboard-review")
    expected = workflow.review_queue(Claim.objects.all(), user=reviewer).count()
    assert review.locator(".dashboard-count").inner_text() == str(expected)
    first = workflow.review_queue(Claim.objects.all(), user=reviewer).select_related("place").first()
    assert review.locator("li").first.inner_text().startswith(f"#{first.pk} {first.place.name}: {first.value_display}")
    assert review.locator("li").count() == min(expected, 5)
    assert page.locator("#dashboard-drafts .dashboard-count").inner_text() == "1"
    from curation.models import Contradiction

    open_flags = Contradiction.objects.filter(status=Contradiction.Status.OPEN)
    assert open_flags.exists()
    for severity in Contradiction.Severity:
        row = page.locator("#dashboard-contradictions li", has_text=severity.label)
        assert row.inner_text() == f"{severity.label}: {open_flags.filter(severity=severity).count()}"
    assert "claims-may.csv" in page.locator("#dashboard-jobs").inner_text()

    violations = axe_violations(page)
    assert violations == [], violations
    shoot(page, "dashboard", width=1280)
    shoot(page, "dashboard", width=390)

    review.locator(".dashboard-count a").click()
    page.wait_for_url("**/admin/curation/claim/?review_queue=mine")
    assert page.locator("#result_list tbody tr").count() == expected

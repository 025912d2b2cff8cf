"""End to end in a real browser: Playwright drives Debian's Chromium against the live server.

Screenshots of every page go to test-artifacts/ (kept out of git). The tests skip, saying why,
where /usr/bin/chromium is missing; in CI (.ci/run installs it and sets REQUIRE_SERVICES=1) that
skip is a failure (tests/conftest.py).
"""

import csv
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from curation.models import Claim, Place
from curation.public.selectors import place_with_parts_ids

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    ),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
    # Playwright's sync API runs an asyncio loop in this thread; Django then refuses ORM calls
    # from it (SynchronousOnlyOperation) unless told that this synchronous use is intended.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def seeded(live_server):
    call_command("loaddata", "seed", verbosity=0)
    return live_server.url


def screenshot(page, name, *, full_page=True):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def test_a_reader_filters_opens_a_claim_follows_its_source_sees_a_chart_and_downloads_csv(page, seeded):
    page.goto(seeded + "/")
    assert page.title().startswith("Claims")
    screenshot(page, "01-listing")

    page.get_by_label("Place", exact=True).select_option(value="kashgar-prefecture")
    page.get_by_label("Metric", exact=True).select_option(value="trade_value")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/?*place=kashgar-prefecture*")
    prefecture = Place.objects.get(slug="kashgar-prefecture")
    expected = Claim.objects.approved().filter(
        metric__code="trade_value", place__in=place_with_parts_ids(place=prefecture)
    )
    rows = page.locator("table.claims tbody tr")
    assert rows.count() == expected.count() > 0
    assert page.locator(".active-filters").get_by_text("Kashgar Prefecture").is_visible()
    screenshot(page, "02-listing-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    target = ARTIFACTS / "claims-filtered.csv"
    download.save_as(str(target))
    records = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert sorted(int(record["id"]) for record in records) == sorted(expected.values_list("pk", flat=True))
    assert {record["metric"] for record in records} == {"trade_value"}

    rows.first.get_by_role("link").first.click()
    page.wait_for_url("**/claims/*/")
    claim_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    claim = Claim.objects.approved().get(pk=claim_id)
    assert page.get_by_role("heading", level=1).inner_text().startswith(claim.metric.name)
    assert page.locator(".quote-context mark").first.is_visible()
    screenshot(page, "03-claim")

    page.locator(".citation h3 a").first.click()
    page.wait_for_url("**/sources/*/#quote-*")
    citation = claim.citations.get(is_primary=True)
    highlighted = page.locator(".article-text mark")
    assert citation.quote.replace("’", "'")[:30] in " ".join(highlighted.all_inner_texts()).replace("’", "'")
    background = highlighted.first.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    screenshot(page, "04-source")

    page.goto(seeded + "/places/kashgar-area-ftz/")
    charts = page.locator(".chart-svg svg")
    assert charts.count() >= 1
    box = charts.first.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    assert charts.first.locator("circle, .dot").count() >= 1
    assert charts.first.locator("a").first.get_attribute("xlink:href").startswith("/claims/")
    screenshot(page, "05-place-chart")

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(seeded + "/")
    # On a phone the filters fold (issue 16): the claims come first, the panel opens on request.
    assert not page.get_by_role("button", name="Apply filters").is_visible()
    page.locator("#filter-panel > summary").click()
    assert page.get_by_role("button", name="Apply filters").is_visible()
    page.locator("table.claims").scroll_into_view_if_needed()
    screenshot(page, "06-listing-phone", full_page=False)


def test_an_editor_adds_a_claim_with_a_citation_and_submits_it(page, seeded, editor):
    page.goto(seeded + "/admin/login/?next=/admin/curation/claim/add/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-editor-123")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/curation/claim/add/")

    def autocomplete(field_id, text, option):
        page.locator(f"#{field_id} + .select2 .select2-selection").click()
        page.fill(".select2-container--open .select2-search__field", text)
        page.locator(".select2-results__option", has_text=option).first.click()

    autocomplete("id_place", "Kashgar Pref", "Kashgar Prefecture")
    autocomplete("id_metric", "partners", "Foreign trade partners")
    page.select_option("#id_qualifier", "exact")
    page.fill("#id_value", "118")
    page.fill("#id_unit", "countries")
    page.fill("#id_period_end", "2023-12-29")
    page.fill("#id_attribution", "Wang Yong, Kashi Bureau of Commerce (added in the browser)")
    autocomplete("id_citations-0-source", "Kashi", "Kashi’s foreign trade partners numbers 118")
    page.fill("#id_citations-0-quote", "Kashi’s foreign trade partners numbers 118")
    page.check("#id_citations-0-is_primary")
    screenshot(page, "07-admin-add-claim")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    draft = Claim.objects.get(attribution="Wang Yong, Kashi Bureau of Commerce (added in the browser)")
    assert draft.status == Claim.Status.DRAFT
    page.click("#workflow-submit")
    page.wait_for_selector(".messagelist .success")
    screenshot(page, "08-admin-claim-submitted")

    claim = Claim.objects.get(attribution="Wang Yong, Kashi Bureau of Commerce (added in the browser)")
    assert claim.status == Claim.Status.SUBMITTED
    assert claim.created_by.username == "editor"
    citation = claim.citations.get()
    assert citation.is_primary and citation.is_quote_found
    page.goto(seeded + f"/claims/{claim.pk}/")
    assert page.get_by_role("heading", name="Not found").is_visible()

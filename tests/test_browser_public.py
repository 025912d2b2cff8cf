"""The reader's pages in Chromium: accessibility (axe-core), a clean console, charts, phone layout.

Every page a test opens is watched: a console error (a Content-Security-Policy violation is
one), an uncaught script error, a failed request or an HTTP error answer fails the test.
axe-core comes bundled with axe-playwright-python, so the checks run offline. The place page's
screenshots at 1,280 and 390 px go to test-artifacts/, or to docs/screenshots/ with
UPDATE_SCREENSHOTS=1 (`UPDATE_SCREENSHOTS=1 ./portal test tests/test_browser_public.py`).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management import call_command

from curation.io.releases import release_publish
from curation.models import Claim, Place, Source
from tests.test_browser import ARTIFACTS, CHROMIUM, browser  # noqa: F401  (the module's Chromium fixture)

SCREENSHOTS = Path(settings.BASE_DIR) / "docs" / "screenshots"
PLACE_WITH_PART_YEAR = "kashi-comprehensive-bonded-zone"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    ),
]


class Watcher:
    """Collects what would show in the browser's console or network panel as a problem."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.downloads: set[str] = set()
        page.on("console", self.console)
        page.on("pageerror", lambda error: self.problems.append(f"script error: {error}"))
        page.on("requestfailed", self.request_failed)
        page.on("response", self.response)
        page.on("download", lambda download: self.downloads.add(download.url))

    def request_failed(self, request):
        self.problems.append(f"failed: {request.url} {request.failure}")

    def real_problems(self) -> list[str]:
        """The problems, less the navigation that Chromium aborts when its answer is a download."""
        return [
            problem
            for problem in self.problems
            if not any(problem == f"failed: {url} net::ERR_ABORTED" for url in self.downloads)
        ]

    def console(self, message):
        if message.type in ("error", "warning"):
            self.problems.append(f"console {message.type}: {message.text}")

    def response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


@pytest.fixture
def open_page(browser):  # noqa: F811
    """A function that opens a new tab at a width; every tab is checked for problems at the end."""
    contexts, watchers = [], []

    def opener(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(15_000)
        tab = context.new_page()
        contexts.append(context)
        watchers.append(Watcher(tab))
        return tab

    yield opener
    for context in contexts:
        context.close()
    problems = [problem for watcher in watchers for problem in watcher.real_problems()]
    assert problems == [], "\n".join(problems)


@pytest.fixture
def published_site(live_server, django_user_model):
    call_command("loaddata", "seed", verbosity=0)
    publisher = django_user_model.objects.create_user(username="publisher", password="pw-publisher-123")
    publisher.user_permissions.set(Permission.objects.filter(codename="publish_release"))
    release_publish(title="Seed release", user=publisher)
    return live_server.url


def axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"
        for violation in results.response["violations"]
        for targets in [[node["target"] for node in violation["nodes"]]]
    ]


def public_paths() -> list[str]:
    claim = Claim.objects.approved().order_by("pk").first()
    source = Source.objects.filter(citations__claim__status=Claim.Status.APPROVED).order_by("pk").first()
    return [
        "/",
        "/?metric=trade_value&place=kashgar-prefecture",
        f"/claims/{claim.pk}/",
        f"/sources/{source.pk}/",
        f"/places/{PLACE_WITH_PART_YEAR}/",
        "/places/xinjiang-ftz/",
        "/releases/",
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_public_page_has_no_axe_violation_and_a_clean_console(open_page, published_site, width):
    page = open_page(width)
    found = {}
    for path in public_paths():
        page.goto(published_site + path)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
        # Nothing wider than the screen: no sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
    assert found == {}


def chart_overflow(page) -> list[str]:
    """Every text and dot of every chart that pokes out of its SVG's box (in screen pixels)."""
    return page.evaluate(
        """() => {
          const out = [];
          for (const svg of document.querySelectorAll('.chart-svg svg')) {
            const box = svg.getBoundingClientRect();
            for (const item of svg.querySelectorAll('text, circle')) {
              const r = item.getBoundingClientRect();
              if (r.width === 0 && r.height === 0) continue;
              const outside = r.left < box.left - 0.5 || r.right > box.right + 0.5
                || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
              if (outside) {
                out.push(`${item.tagName} "${item.textContent.trim()}" x ${Math.round(r.left)}-${Math.round(r.right)}`
                  + `, y ${Math.round(r.top)}-${Math.round(r.bottom)}`);
              }
            }
          }
          return out;
        }"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_place_page_charts_run_no_script_fit_their_box_and_set_part_years_apart(open_page, published_site, width):
    page = open_page(width, 900)
    page.goto(f"{published_site}/places/{PLACE_WITH_PART_YEAR}/")
    charts = page.locator(".chart-svg svg")
    assert charts.count() == 4
    assert page.locator(".chart-svg svg script").count() == 0
    assert chart_overflow(page) == []
    # The CNY chart: two full years joined by a line, the first 11 months of 2023 apart.
    trade = page.locator(".chart", has_text="Import and export value (CNY)").locator("svg")
    assert trade.locator(".legend text").all_text_contents() == ["exactly", "exactly, part of a year"]
    assert trade.locator(".series.serie-1 path.line").count() == 0
    assert trade.locator(".series.serie-0 path.line").count() == 1
    point = trade.locator("a", has_text="first 11 months of 2023")
    assert point.locator("title").text_content() == "45.657 billion CNY, first 11 months of 2023"
    # The screenshots in docs/ are renewed on request only, so a test run leaves the tree clean.
    folder = SCREENSHOTS if os.environ.get("UPDATE_SCREENSHOTS") else ARTIFACTS
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"place-{width}.png"), full_page=True)
    point.locator("circle").click()
    page.wait_for_url("**/claims/*/")
    assert "45.657 billion" in page.locator("h1 + dl").inner_text()

    # Every chart of every place: nothing pokes out, whatever its values, dates and legend.
    for slug in Place.objects.order_by("slug").values_list("slug", flat=True):
        page.goto(f"{published_site}/places/{slug}/")
        assert chart_overflow(page) == [], slug
        assert page.evaluate("document.documentElement.scrollWidth") <= width, slug


def test_on_a_phone_the_filters_fold_and_the_first_claims_show_on_the_first_screen(open_page, published_site):
    page = open_page(390, 844)
    page.goto(published_site + "/")
    panel = page.locator("details#filter-panel")
    assert panel.get_attribute("open") is None
    first_row = page.locator("table.claims tbody tr").first
    assert first_row.bounding_box()["y"] + 40 < 844  # the first claim starts on the first screen
    assert not page.get_by_label("Metric", exact=True).is_visible()

    page.locator("#filter-panel > summary").click()
    page.get_by_label("Metric", exact=True).select_option(value="trade_value")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/?*metric=trade_value*")
    assert page.locator("#filter-panel > summary").inner_text() == "Filter and search (1 active)"
    assert page.locator(".active-filters").get_by_text("Import and export value").is_visible()
    assert page.locator("table.claims tbody tr").first.bounding_box()["y"] < 844

    wide = open_page(1280, 900)
    wide.goto(published_site + "/")
    assert wide.locator("details#filter-panel").get_attribute("open") == ""
    assert wide.get_by_label("Metric", exact=True).is_visible()


def test_listing_rows_name_the_source_by_its_title_when_it_has_no_outlet(open_page, published_site):
    page = open_page()
    page.goto(published_site + "/")
    links = page.locator("table.claims tbody td[data-label=Source] a")
    texts = links.all_inner_texts()
    assert texts and "Unknown outlet" not in texts
    titles = set(Source.objects.values_list("title", flat=True))
    assert all(text in titles or text.endswith("…") for text in texts)


def test_the_export_page_select_all_checks_and_clears_every_field(open_page, published_site, django_user_model):
    django_user_model.objects.create_superuser(username="chief", password="pw-chief-12345")
    page = open_page()
    page.goto(published_site + "/admin/login/?next=/admin/curation/claim/export/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "pw-chief-12345")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/curation/claim/export/")
    fields = page.locator('.selectable-field-export-row input[type="checkbox"]:not(.select-toggle)')
    assert fields.count() >= 10
    assert all(fields.nth(index).is_checked() for index in range(fields.count()))

    page.get_by_label("Select all").uncheck()
    assert not any(fields.nth(index).is_checked() for index in range(fields.count()))
    page.get_by_label("Select all").check()
    assert all(fields.nth(index).is_checked() for index in range(fields.count()))
    page.get_by_label("Select all").uncheck()
    page.get_by_label("Id", exact=True).check()
    page.get_by_label("Value", exact=True).check()
    page.get_by_label("Format").select_option(label="csv")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Submit").click()
    header = Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.split(",") == ["id", "value"]

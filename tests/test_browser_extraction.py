"""The extraction page in a real browser: an editor accepts every complete candidate with one
click, then gives an incomplete one only what it lacks. The console is watched (a CSP violation
or a failed request fails the test), as in tests/test_browser_admin.py whose fixtures it uses."""

import datetime

import pytest
from django.core.management import call_command

from curation.models import Claim, Source
from tests.test_browser_admin import ARTIFACTS, CHROMIUM, browser, log_in, staff, watched  # noqa: F401 (fixtures)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_an_editor_accepts_all_complete_candidates_then_completes_one_that_lacks_its_period(
    watched, live_server, django_user_model  # noqa: F811 (the imported fixture)
):
    call_command("loaddata", "seed", verbosity=0)
    source = Source.objects.get(title="Kashi’s foreign trade partners numbers 118")
    Claim.objects.filter(citations__source=source).delete()
    editor = staff(django_user_model, "editor")
    url = f"/admin/curation/source/{source.pk}/extract/"
    page = watched.page
    log_in(page, live_server.url, editor, next_url=url)
    page.screenshot(path=str(ARTIFACTS / "extraction-page.png"), full_page=True)

    accept_all = page.get_by_role("button", name="Accept all 21 complete candidates as draft claims")
    accept_all.click()
    page.wait_for_url(f"**{url}")
    assert "21 draft claim(s) created" in page.content()
    assert Claim.objects.filter(citations__source=source).count() == 21

    # "Export categories have doubled from 2013": a rate; asks only for its period end, the rest stays folded.
    row = page.locator("#candidate-22")
    assert row.locator("td.asked > input").count() == 1
    row.get_by_label("Period end").fill("2023-12-29")
    row.get_by_role("button", name="Draft claim").click()
    page.wait_for_url("**/admin/curation/claim/*/change/")
    claim = Claim.objects.get(citations__source=source, value=100, unit="%")
    assert (claim.period_start, claim.period_end) == (None, datetime.date(2023, 12, 29))

"""XSS: hostile text in every text field is shown escaped on every public and admin page.

Every text field of every model holds the same hostile payload (with a field-specific
prefix, for unique names), and the article's URL and the outlet's website are `javascript:`
URLs. No page may contain the raw markup or a `javascript:` link; each page must show the
escaped payload, so the test fails if a page stops showing the field rather than passing.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from curation import services
from curation.contradictions import resolution
from curation.io import releases
from curation.models import Citation, Claim, Contradiction, Metric, Outlet, Place, PlaceAlias, Source
from curation.review import workflow
from tests.builders import make_contradiction

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT}{ATTRIBUTE_BREAK}"
JAVASCRIPT_URL = "javascript:alert(document.cookie)"
RAW_MARKERS = [SCRIPT, "<img src=x", 'href="javascript:', "href='javascript:", 'src="javascript:']
ESCAPED_SCRIPT = "&lt;script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
# The numbers the quotes state, so each quote is found in the article (and highlighted there).
QUOTE_A = f"{HOSTILE} more than 3,100 new enterprises"
QUOTE_B = f"{HOSTILE} reached 3,500 new enterprises"


def hostile(label: str) -> str:
    return f"{label} {HOSTILE}"


@pytest.fixture
def hostile_world(desk):
    outlet = Outlet.objects.create(name=hostile("Outlet"), website=JAVASCRIPT_URL, notes=hostile("Outlet notes"))
    source = Source.objects.create(
        title=hostile("Title"),
        outlet=outlet,
        url=JAVASCRIPT_URL,
        published_on=dt.date(2025, 11, 13),
        body=f"Intro {hostile('Body')}. The zone had {QUOTE_A}. Later it {QUOTE_B} by the end of 2025.",
        notes=hostile("Source notes"),
    )
    zone = Place.objects.create(name=hostile("Zone"), slug="zone", kind=Place.Kind.ZONE, description=hostile("Desc"))
    place = Place.objects.create(name=hostile("Place"), slug="place", kind=Place.Kind.CITY)
    place.part_of.add(zone)
    PlaceAlias.objects.create(place=place, name=hostile("Alias"))
    metric = Metric.objects.create(
        code="enterprises",
        name=hostile("Metric"),
        unit="<b>u</b>",
        nature=Metric.Nature.STOCK,
        description=hostile("Metric description"),
    )
    claims = []
    for value, quote in [(3100, QUOTE_A), (3500, QUOTE_B)]:
        claim = Claim.objects.create(
            place=place,
            metric=metric,
            value=Decimal(value),
            unit="<i>firms</i>",
            qualifier=Claim.Qualifier.MORE_THAN,
            period_end=dt.date(2025, 12, 31),
            period_label=hostile("Period"),
            attribution=hostile("Attribution"),
            notes=hostile("Notes"),
            rank_reason=hostile("Rank reason"),
            created_by=desk["editor"],
            updated_by=desk["editor"],
        )
        Citation.objects.create(claim=claim, source=source, quote=quote, is_primary=True, note=hostile("Cite note"))
        workflow.claim_submit(claim=claim, user=desk["editor"])
        if not claims:
            # An edit in the history (the diff pages show it); notes are published, so made in review.
            claim.notes = hostile("Edited notes")
            services.claim_save(claim=claim, user=desk["editor"])
        # The source is unrated, so weak evidence: approved with a (hostile) reviewer's note.
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"], note=hostile("Review note"))
        claims.append(claim)
    flag = make_contradiction(*claims, explanation=hostile("Explanation"))
    resolution.contradiction_resolve(
        contradiction=flag, user=desk["reviewer"], status=Contradiction.Status.EXPLAINED, note=hostile("Note")
    )
    submitted = Claim.objects.create(
        place=place,
        metric=metric,
        value=Decimal(7),
        unit="u",
        period_end=dt.date(2025, 12, 31),
        attribution=hostile("Queued"),
        created_by=desk["editor"],
        updated_by=desk["editor"],
    )
    Citation.objects.create(claim=submitted, source=source, quote=QUOTE_A, is_primary=True)
    workflow.claim_submit(claim=submitted, user=desk["editor"])
    release = releases.release_publish(
        title=hostile("Release"), description=hostile("Release description"), user=desk["reviewer"]
    )
    return {
        "outlet": outlet,
        "source": source,
        "place": place,
        "zone": zone,
        "metric": metric,
        "claims": claims,
        "submitted": submitted,
        "flag": flag,
        "release": release,
        "citation": claims[0].citations.get(),
    }


def assert_escaped(content: str, where: str):
    for marker in RAW_MARKERS:
        assert marker not in content, (where, marker)
    assert ESCAPED_SCRIPT in content and ESCAPED_IMG in content, f"{where} shows none of the hostile text (escaped)"


def assert_fields_shown_escaped(content: str, labels: list[str], where: str):
    """Each field, by its label, is on the page with its payload escaped."""
    missing = [label for label in labels if f"{label} {ESCAPED_SCRIPT}" not in content]
    assert not missing, f"{where} does not show these fields escaped: {missing}"


def test_public_pages_escape_every_hostile_field(client, hostile_world):
    world = hostile_world
    claim = Claim.objects.get(pk=world["claims"][1].pk)
    pages = {
        "listing": reverse("public:claim_list"),
        "listing searched": reverse("public:claim_list") + "?q=%3Cscript%3E",
        "claim": reverse("public:claim_detail", args=[claim.pk]),
        "source": reverse("public:source_detail", args=[world["source"].pk]),
        "place": reverse("public:place_detail", args=["place"]),
        "zone": reverse("public:place_detail", args=["zone"]),
        "releases": reverse("public:release_list"),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        assert_escaped(response.content.decode(), name)
    shown = {
        "listing": ["Place", "Metric"],
        "claim": ["Place", "Metric", "Attribution", "Title", "Explanation", "Note", "Period", "Rank reason"],
        "source": ["Title", "Body", "Outlet"],
        "place": ["Place", "Metric"],
        "zone": ["Zone", "Desc"],
        "releases": ["Release", "Release description"],
    }
    for name, labels in shown.items():
        assert_fields_shown_escaped(client.get(pages[name]).content.decode(), labels, name)


def test_a_javascript_url_is_never_a_link_on_the_public_source_page(client, hostile_world):
    content = client.get(reverse("public:source_detail", args=[hostile_world["source"].pk])).content.decode()
    assert f"<dd>{JAVASCRIPT_URL}</dd>" in content
    assert "javascript:" not in content.replace(f"<dd>{JAVASCRIPT_URL}</dd>", "")


def test_a_web_address_is_still_a_link():
    assert Source(url="https://example.org/a").link_url == "https://example.org/a"
    assert Source(url="HTTP://example.org/a").link_url == "HTTP://example.org/a"
    assert Source(url="javascript:alert(1)").link_url is None
    assert Source(url=" javascript:alert(1)").link_url is None


def admin_pages(world) -> dict[str, str]:
    claim, source, flag, release = world["claims"][0], world["source"], world["flag"], world["release"]
    pages = {
        "review queue": reverse("admin:curation_claim_changelist") + "?review_queue=mine",
        "claim search": reverse("admin:curation_claim_changelist") + "?q=%3Cscript%3E",
        "evidence view": reverse("admin:curation_source_change", args=[source.pk]),
        "side by side": reverse("admin:curation_contradiction_resolve", args=[flag.pk]),
        "extraction": reverse("admin:curation_source_extract", args=[source.pk]),
        "transition note page": reverse("admin:curation_claim_transition", args=[world["submitted"].pk, "reject"]),
        "release files": reverse("admin:curation_release_change", args=[release.pk]),
    }
    for name, obj in [
        ("claim", claim),
        ("source", source),
        ("place", world["place"]),
        ("metric", world["metric"]),
        ("outlet", world["outlet"]),
        ("citation", world["citation"]),
        ("contradiction", flag),
        ("release", release),
    ]:
        pages[f"{name} changelist"] = reverse(f"admin:curation_{name}_changelist")
        pages[f"{name} change page"] = reverse(f"admin:curation_{name}_change", args=[obj.pk])
        pages[f"{name} history"] = reverse(f"admin:curation_{name}_history", args=[obj.pk])
        if hasattr(obj, "history"):
            record = obj.history.earliest("history_date")
            pages[f"{name} old version"] = reverse(f"admin:curation_{name}_simple_history", args=[obj.pk, record.pk])
    return pages


def test_admin_pages_escape_every_hostile_field(client, desk, hostile_world):
    client.force_login(desk["second_reviewer"])
    for name, url in admin_pages(hostile_world).items():
        response = client.get(url)
        assert response.status_code == 200, name
        content = response.content.decode()
        if name in {"metric history", "outlet history", "place history", "release history", "citation history"}:
            # These history lists show the record's name and log entries, which hold no field text here.
            assert "<script>alert" not in content, name
            continue
        assert_escaped(content, name)
        assert_fields_shown_escaped(content, ADMIN_FIELDS.get(name, []), name)


ADMIN_FIELDS = {
    "review queue": ["Place", "Metric"],
    "claim changelist": ["Place", "Metric", "Outlet"],
    "claim change page": ["Attribution", "Edited notes", "Period", "Rank reason", "Cite note"],
    "claim old version": ["Attribution", "Notes"],
    "claim history": ["Edited notes"],
    "evidence view": ["Title", "Body", "Source notes"],
    "source changelist": ["Title", "Outlet"],
    "place changelist": ["Place", "Alias", "Zone"],
    "place change page": ["Place", "Alias", "Zone"],
    "metric changelist": ["Metric"],
    "metric change page": ["Metric", "Metric description"],
    "outlet changelist": ["Outlet"],
    "outlet change page": ["Outlet", "Outlet notes"],
    "citation change page": ["Cite note"],
    "contradiction change page": ["Explanation", "Note"],
    "side by side": ["Explanation", "Note", "Place", "Attribution"],
    "extraction": ["Title", "Body"],
    "release files": ["Release", "Release description"],
    "release changelist": ["Release"],
}

"""Rules that live in one service, tried through every entry point (admin, import, extraction,
command): detection after a claim's citations change, resolving a contradiction, hand flags."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from curation import services
from curation.contradictions import detection, resolution
from curation.extraction.workflow import CandidateDraft, candidates_accept
from curation.models import Citation, Claim, Contradiction, Metric, Place
from curation.review import workflow
from tests.builders import make_claim, make_metric, make_place, make_source, signed_version

pytestmark = pytest.mark.django_db

OPEN = Contradiction.Status.OPEN
TWO_NAMES = (
    "The Kashgar Area (FTZ) registered 3,100 new enterprises in 2025. "
    "Kashgar Prefecture as a whole registered 9,000 new enterprises in 2025."
)


@pytest.fixture
def kashgar():
    """The FTZ area and the prefecture: names that read alike, places of different kinds."""
    prefecture = make_place(name="Kashgar Prefecture", kind=Place.Kind.PREFECTURE, aliases=["Kashi"])
    area = make_place(name="Kashgar Area (FTZ)", kind=Place.Kind.FTZ_AREA, aliases=["Kashi Area"], part_of=[prefecture])
    metric = make_metric(code="new_enterprises", nature=Metric.Nature.FLOW)
    return {"area": area, "prefecture": prefecture, "metric": metric}


def draft(key, place, metric, value, quote):
    return CandidateDraft(
        key=key,
        place=place,
        metric=metric,
        value=Decimal(value),
        unit="enterprises",
        quote=quote,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )


def test_accepting_two_candidates_from_one_article_opens_no_false_scope_mismatch(kashgar, desk):
    """One article that names both places names them apart: no scope warning, nothing blocks approval."""
    source = make_source(body=TWO_NAMES)
    created, _ = candidates_accept(
        source=source,
        drafts=[
            draft(0, kashgar["area"], kashgar["metric"], 3100, "registered 3,100 new enterprises"),
            draft(1, kashgar["prefecture"], kashgar["metric"], 9000, "registered 9,000 new enterprises"),
        ],
        user=desk["editor"],
    )
    assert len(created) == 2
    assert list(Contradiction.objects.filter(status=OPEN).values_list("kind", flat=True)) == []
    for claim in created:
        workflow.claim_submit(claim=claim, user=desk["editor"])
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
        assert Claim.objects.get(pk=claim.pk).status == Claim.Status.APPROVED
    # A full run agrees with what the saves left behind.
    assert detection.detect_all(dry_run=True).created == 0


# ---- detection runs wherever a claim's citations change: admin, import, command -------------
OTHER_ARTICLE = "Kashgar Prefecture registered 9,000 new enterprises in 2025, the bureau said."


def claim_of(kashgar, place, value, source, quote):
    return make_claim(
        place=kashgar[place],
        metric=kashgar["metric"],
        value=Decimal(value),
        qualifier="exact",
        unit="enterprises",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        source=source,
        quote=quote,
    )


def add_form(kashgar, *, source, quote):
    return {
        "place": kashgar["prefecture"].pk,
        "metric": kashgar["metric"].pk,
        "qualifier": "exact",
        "value": "9000",
        "unit": "enterprises",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "status": "draft",
        "rank": "normal",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-source": source.pk,
        "citations-0-quote": quote,
        "citations-0-is_primary": "on",
    }


def test_admin_add_form_checks_the_new_claim_with_its_article_known(kashgar, editor_client):
    """Same article: nothing is flagged, not even for a moment (no flag opened and closed again)."""
    article = make_source(body=TWO_NAMES)
    claim_of(kashgar, "area", 3100, article, "registered 3,100 new enterprises")
    response = editor_client.post(
        reverse("admin:curation_claim_add"), add_form(kashgar, source=article, quote="registered 9,000 new enterprises")
    )
    assert response.status_code == 302
    assert not Contradiction.objects.exists()

    other = make_source(body=OTHER_ARTICLE)
    response = editor_client.post(
        reverse("admin:curation_claim_add"), add_form(kashgar, source=other, quote="registered 9,000 new enterprises")
    )
    assert response.status_code == 302
    assert list(Contradiction.objects.values_list("kind", "status")) == [(Contradiction.Kind.SCOPE_MISMATCH, OPEN)]


def test_moving_a_citation_to_another_article_runs_the_rules_again(kashgar, editor, editor_client):
    """The citation's own admin page saves through services.citation_save, which runs detection."""
    article, other = make_source(body=TWO_NAMES), make_source(body=OTHER_ARTICLE)
    claim_of(kashgar, "area", 3100, article, "registered 3,100 new enterprises")
    prefecture = claim_of(kashgar, "prefecture", 9000, article, "registered 9,000 new enterprises")
    detection.detect_all()
    assert not Contradiction.objects.exists()
    citation = prefecture.citations.get()
    response = editor_client.post(
        reverse("admin:curation_citation_change", args=[citation.pk]),
        {
            "claim": prefecture.pk,
            "source": other.pk,
            "quote": citation.quote,
            "is_primary": "on",
            "note": "",
            "version": signed_version(citation),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Contradiction.objects.values_list("kind", "status")) == [(Contradiction.Kind.SCOPE_MISMATCH, OPEN)]

    # And back to the first article: the flag no longer holds and is closed.
    moved = Citation.objects.get(pk=citation.pk)
    moved.source = article
    services.citation_save(citation=moved, user=editor)
    assert not Contradiction.objects.filter(status=OPEN).exists()


IMPORT_HEADER = ["source", "place", "metric", "qualifier", "value", "unit", "period_start", "period_end", "quote"]


def import_file(tmp_path, rows):
    path = tmp_path / "claims.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(IMPORT_HEADER)
        writer.writerows(rows)
    return path


def import_row(url, place, value, quote):
    return [url, place, "new_enterprises", "exact", value, "enterprises", "2025", "2025", quote]


@pytest.mark.parametrize("separate_articles", [False, True])
def test_an_import_runs_the_rules_over_what_it_wrote(
    kashgar, editor, tmp_path, separate_articles, django_capture_on_commit_callbacks
):
    make_source(body=TWO_NAMES, url="https://example.org/one")
    make_source(body=OTHER_ARTICLE, url="https://example.org/two")
    second_url = "https://example.org/two" if separate_articles else "https://example.org/one"
    path = import_file(
        tmp_path,
        [
            import_row("https://example.org/one", "Kashgar Area (FTZ)", "3100", "registered 3,100 new enterprises"),
            import_row(second_url, "Kashgar Prefecture", "9000", "registered 9,000 new enterprises"),
        ],
    )
    with django_capture_on_commit_callbacks(execute=True):  # the check is queued for when the import commits
        call_command("import_claims", str(path), "--user", editor.username, stdout=io.StringIO())
    assert Claim.objects.count() == 2
    expected = [(Contradiction.Kind.SCOPE_MISMATCH, OPEN)] if separate_articles else []
    assert list(Contradiction.objects.values_list("kind", "status")) == expected
    # What the import left is what a full run finds.
    assert detection.detect_all(dry_run=True).created == 0


# ---- resolving a contradiction: one set of rules, whatever the page -------------------------
def hand_flag_form(first, second, **fields):
    data = {
        "claim_a": first.pk,
        "claim_b": second.pk,
        "kind": "value_mismatch",
        "explanation": "3,100 against 3,000 for the same period",
        "status": "open",
        "resolution_note": "",
        "severity": "",
    }
    data.update(fields)
    return data


def test_admin_add_form_refuses_a_confirmed_value_mismatch_without_a_preferred_claim(client, desk):
    """resolution.py refuses it on the side-by-side page; the add form used to save it anyway."""
    first, second = make_claim(), make_claim()
    client.force_login(desk["reviewer"])
    response = client.post(
        reverse("admin:curation_contradiction_add"),
        hand_flag_form(first, second, status="confirmed", resolution_note="Real conflict."),
    )
    assert response.status_code == 200
    assert "choose which claim is preferred" in response.content.decode()
    assert not Contradiction.objects.exists()

    # Explaining one while flagging it is a decision the rules allow: saved, with who and when.
    response = client.post(
        reverse("admin:curation_contradiction_add"),
        hand_flag_form(first, second, status="explained", resolution_note="Different scopes."),
    )
    assert response.status_code == 302
    flag = Contradiction.objects.get()
    assert (flag.status, flag.resolved_by, flag.flagged_by) == ("explained", desk["reviewer"], desk["reviewer"])
    assert flag.severity == Contradiction.Severity.MEDIUM and flag.detected_by == ""


def test_admin_hand_flags_are_saved_by_services_contradiction_flag(client, desk, monkeypatch):
    calls = []
    real = services.contradiction_flag

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(services, "contradiction_flag", spy)
    first, second = make_claim(), make_claim()
    client.force_login(desk["editor"])
    response = client.post(reverse("admin:curation_contradiction_add"), hand_flag_form(second, first))
    assert response.status_code == 302
    assert [(call["first"], call["second"], call["user"]) for call in calls] == [(first, second, desk["editor"])]
    flag = Contradiction.objects.get()
    assert (flag.claim_a, flag.claim_b, flag.flagged_by, flag.status) == (first, second, desk["editor"], OPEN)
    assert flag.history.latest("history_date").history_user == desk["editor"]


def test_the_resolution_rules_are_the_same_for_the_service_and_the_side_by_side_page(client, desk):
    first, second = make_claim(), make_claim()
    flag = services.contradiction_flag(
        first=first, second=second, kind="value_mismatch", explanation="Disagree.", user=desk["editor"]
    )
    with pytest.raises(ValidationError, match="choose which claim is preferred"):
        resolution.contradiction_resolve(contradiction=flag, user=desk["reviewer"], status="confirmed", note="Real.")
    client.force_login(desk["reviewer"])
    page = client.post(
        reverse("admin:curation_contradiction_resolve", args=[flag.pk]),
        {"status": "confirmed", "note": "Real.", "version": signed_version(flag)},
    )
    assert "choose which claim is preferred" in page.content.decode()
    assert Contradiction.objects.get(pk=flag.pk).status == OPEN

"""Evidence strength and corroboration: weak sources, what approving needs, independent outlets."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from curation import services
from curation.contradictions import detection
from curation.models import Citation, Claim, ClaimCorroboration, Source
from curation.review import workflow
from curation.review.evidence_strength import EvidenceStrength, SourceEvidence, claim_evidence, weak_evidence_blocker
from curation.text.similarity import is_near_duplicate
from tests.builders import make_claim_in, make_metric, make_outlet, make_place, make_source

pytestmark = pytest.mark.django_db

STORY = (
    "Kashgar, Xinjiang. The Kashgar area of the pilot free trade zone recorded a total import and export "
    "volume of 93.16 billion yuan in 2025, exceeding its annual target by 5.7 percent, its administrative "
    "office said. Since its establishment in November 2023 the area has attracted more than 3,100 new "
    "enterprises, bringing the total number of registered businesses to 5,173."
)
QUOTE = "more than 3,100 new enterprises"


# ---- the rules, on plain values -------------------------------------------------------------


def strength(*sources, independent=None):
    return EvidenceStrength(sources=tuple(sources), independent_sources=independent or len(sources), minimum="B")


def test_a_source_is_weak_when_ai_assisted_or_graded_below_the_minimum():
    assert SourceEvidence(1, "T", "B", False).weakness("B") == ""
    assert SourceEvidence(1, "T", "C", False).weakness("B") == "graded C"
    assert SourceEvidence(1, "T", "A", True).weakness("B") == "AI-assisted"
    assert SourceEvidence(1, "T", "U", True).weakness("B") == "AI-assisted, unrated"
    assert SourceEvidence(1, "T", "C", False).weakness("C") == ""


def test_weak_evidence_needs_a_second_independent_source_or_a_note():
    weak = strength(SourceEvidence(1, "Two Years", "C", True))
    assert weak.is_weak and "source #1 “Two Years” (AI-assisted, graded C)" in weak.summary
    assert "Cite a second, independent source" in weak_evidence_blocker(strength=weak, note="")
    assert weak_evidence_blocker(strength=weak, note="Matches the customs release.") is None
    two = strength(SourceEvidence(1, "A", "C", False), SourceEvidence(2, "B", "D", False), independent=2)
    assert two.is_weak and weak_evidence_blocker(strength=two, note="") is None
    mixed = strength(SourceEvidence(1, "A", "C", False), SourceEvidence(2, "B", "A", False))
    assert not mixed.is_weak and mixed.summary == ""


def test_syndicated_copies_are_near_duplicates_and_independent_reports_are_not():
    copy = "WAM, 13 November 2025.\n" + STORY.replace(" said.", " said on Thursday.") + "\nRead more at wam.ae"
    assert is_near_duplicate(STORY, copy)
    own_words = (
        "Trade through the Kashgar area reached 93.16 billion yuan last year, the area's office reported, 5.7 "
        "percent above target. More than 3,100 new enterprises have registered there since the zone opened in "
        "November 2023, for a total of 5,173 registered businesses, officials said in a statement on Monday."
    )
    assert not is_near_duplicate(STORY, own_words)
    assert not is_near_duplicate("Short text.", "Short text!")  # too short to call a copy


# ---- approving through the service and the admin ----------------------------------------------


@pytest.fixture
def figure():
    return {
        "place": make_place(name="Kashgar Area (FTZ)"),
        "metric": make_metric(code="new_enterprises"),
        "period_start": dt.date(2023, 11, 1),
        "period_end": dt.date(2026, 1, 31),
    }


def weak_claim(desk, figure, **source_fields):
    source_fields.setdefault("reliability", Source.Reliability.C)
    source_fields.setdefault("is_ai_assisted", True)
    source = make_source(body=STORY, **source_fields)
    return make_claim_in(Claim.Status.SUBMITTED, created_by=desk["editor"], source=source, quote=QUOTE, **figure)


def test_approving_a_claim_on_weak_evidence_needs_a_note(desk, figure):
    claim = weak_claim(desk, figure)
    with pytest.raises(ValidationError, match="weak evidence: rests only on source #"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"], note="Attributed to the area's office.")
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED and claim.review_note == "Attributed to the area's office."


def test_a_second_independent_source_is_enough_but_a_syndicated_copy_is_not(desk, figure):
    claim = weak_claim(desk, figure, outlet=make_outlet(name="Daily A"))
    copy = make_source(body="Daily B reprint.\n" + STORY, reliability="C", outlet=make_outlet(name="Daily B"))
    Citation.objects.create(claim=claim, source=copy, quote=QUOTE)
    assert claim_evidence(claim).independent_sources == 1
    with pytest.raises(ValidationError, match="weak evidence"):
        workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    other_words = make_source(
        body="Officials said the Kashgar area now counts more than 3,100 new enterprises, " + "x" * 10,
        reliability="D",
        outlet=make_outlet(name="Daily C"),
    )
    Citation.objects.create(claim=claim, source=other_words, quote=QUOTE)
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED


def test_the_threshold_is_a_setting(desk, figure, settings):
    claim = weak_claim(desk, figure, is_ai_assisted=False)  # graded C
    settings.EVIDENCE_MIN_RELIABILITY = "C"
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"])
    claim.refresh_from_db()
    assert claim.status == Claim.Status.APPROVED


def test_the_admin_shows_weak_evidence_and_asks_for_the_note(client, desk, figure):
    claim = weak_claim(desk, figure)
    strong = make_claim_in(Claim.Status.SUBMITTED, created_by=desk["editor"], value=Decimal(5173), **figure)
    client.force_login(desk["reviewer"])
    listing = client.get(reverse("admin:curation_claim_changelist") + "?evidence=weak")
    assert list(listing.context["cl"].result_list) == [claim]
    assert "weak evidence" in listing.content.decode()
    # The bulk action refuses it with the reason and approves the other one.
    response = client.post(
        reverse("admin:curation_claim_changelist"),
        {"action": "approve_selected", "_selected_action": [claim.pk, strong.pk]},
        follow=True,
    )
    assert "weak evidence" in response.content.decode()
    assert Claim.objects.get(pk=strong.pk).status == Claim.Status.APPROVED
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.SUBMITTED
    # On its page: the warning, and Approve leads to the note page, which approves with the note.
    approve_url = reverse("admin:curation_claim_transition", args=[claim.pk, "approve"])
    page = client.get(reverse("admin:curation_claim_change", args=[claim.pk])).content.decode()
    assert 'id="weak-evidence"' in page and "AI-assisted, graded C" in page
    assert f'href="{approve_url}" id="workflow-approve"' in page
    note_page = client.get(approve_url).content.decode()
    assert 'id="weak-evidence"' in note_page
    client.post(approve_url, {"note": "Checked against the office's own release."})
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.APPROVED


def test_the_public_claim_page_says_weak_evidence(client, desk, figure):
    claim = weak_claim(desk, figure)
    workflow.claim_approve(claim=claim, reviewer=desk["reviewer"], note="One source, attributed.")
    page = client.get(reverse("public:claim_detail", args=[claim.pk])).content.decode()
    assert 'id="weak-evidence"' in page and "AI-assisted, graded C" in page
    strong = make_claim_in(Claim.Status.APPROVED, value=Decimal(5173), **figure)
    assert 'id="weak-evidence"' not in client.get(reverse("public:claim_detail", args=[strong.pk])).content.decode()


# ---- corroboration ---------------------------------------------------------------------------------


def outlets(claim):
    """The stored count of independent outlets reporting the claim's figure."""
    return Claim.objects.with_corroboration().get(pk=claim.pk).corroboration_count


def reported_by(outlet, figure, *, body=STORY, status=Claim.Status.APPROVED, value=3100):
    source = make_source(body=body, outlet=outlet)
    return make_claim_in(status, source=source, quote=QUOTE, value=Decimal(value), **figure)


def test_independent_outlets_count_and_the_listing_filters_them(client, figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    own_words = (
        "Officials in Kashgar said on Monday that more than 3,100 new enterprises have settled in the area "
        "since the free trade zone opened, a figure the regional commerce department confirmed. Exporters "
        "cite faster customs clearance and new rail links to Central Asia as the reasons they moved there."
    )
    second = reported_by(make_outlet(name="WAM"), figure, body=own_words)
    alone = reported_by(
        make_outlet(name="TIANSHANNET"), {**figure, "period_end": dt.date(2025, 9, 30)}, body=STORY + " (Sep.)"
    )
    detection.detect_all()
    counts = dict(Claim.objects.with_corroboration().values_list("pk", "corroboration_count"))
    assert (counts[first.pk], counts[second.pk], counts[alone.pk]) == (2, 2, 1)
    page = client.get(reverse("public:claim_detail", args=[first.pk])).content.decode()
    assert "Corroborated by 2 independent outlets</strong>: Global Times, WAM" in page
    listing = client.get(reverse("public:claim_list") + "?corroborated=yes")
    assert {claim.pk for claim in listing.context["page"].object_list} == {first.pk, second.pk}


def test_a_syndicated_copy_does_not_count_as_a_second_outlet(figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    reported_by(make_outlet(name="Gulf Wire"), figure, body="Gulf Wire, 14 November.\n" + STORY)
    detection.detect_all()
    assert outlets(first) == 1


def test_counts_follow_saves_and_approvals_without_a_full_run(desk, figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    own_words = "According to WAM, more than 3,100 new enterprises joined the Kashgar area. " + "Trade grew. " * 20
    second = reported_by(make_outlet(name="WAM"), figure, body=own_words, status=Claim.Status.SUBMITTED)
    Claim.objects.filter(pk=second.pk).update(created_by=desk["editor"])
    detection.refresh_corroboration(claim=first)
    assert outlets(first) == 1  # the other report is not approved yet
    workflow.claim_approve(claim=second, reviewer=desk["reviewer"])
    assert outlets(first) == 2
    workflow.claim_retract(claim=Claim.objects.get(pk=second.pk), reviewer=desk["reviewer"], reason="Misread.")
    assert outlets(first) == 1


# ---- where the counts are kept: one row per claim that two or more outlets report ----------------


def stored_counts():
    return dict(ClaimCorroboration.objects.values_list("claim_id", "outlets"))


def other_words(outlet_name):
    return f"According to {outlet_name}, more than 3,100 new enterprises joined the Kashgar area. " + (
        f"{outlet_name} reports trade grew. " * 20
    )


def test_a_full_run_keeps_one_row_per_corroborated_claim_and_writes_only_what_changed(figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    second = reported_by(make_outlet(name="WAM"), figure, body=other_words("WAM"))
    alone = reported_by(
        make_outlet(name="TIANSHANNET"), {**figure, "period_end": dt.date(2025, 9, 30)}, body=other_words("Tianshan")
    )
    report = detection.detect_all()
    assert stored_counts() == {first.pk: 2, second.pk: 2}
    assert (report.corroborated, report.corroboration_changed) == (2, 2)

    third = reported_by(make_outlet(name="Xinhua"), figure, body=other_words("Xinhua"))
    report = detection.detect_all()
    assert stored_counts() == {first.pk: 3, second.pk: 3, third.pk: 3}
    assert report.corroboration_changed == 3
    assert detection.detect_all().corroboration_changed == 0  # nothing changed, nothing written

    # Only approved claims count for the others: two of three leave, and the last one's row goes.
    Claim.objects.filter(pk__in=[second.pk, third.pk]).update(status=Claim.Status.REJECTED)
    report = detection.detect_all()
    assert stored_counts() == {}
    assert report.corroboration_changed == 3
    assert outlets(first) == outlets(alone) == 1


def test_saving_a_new_report_counts_the_approved_ones_for_it(desk, figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    source = make_source(body=other_words("WAM"), outlet=make_outlet(name="WAM"))
    draft = Claim(value=Decimal(3100), qualifier=Claim.Qualifier.MORE_THAN, unit=figure["metric"].unit, **figure)
    services.claim_save(
        claim=draft, user=desk["editor"], citations=[Citation(source=source, quote=QUOTE, is_primary=True)]
    )
    # The draft is reported by its outlet and the approved claim's; the approved one not yet by the draft's.
    assert stored_counts() == {draft.pk: 2}
    assert outlets(first) == 1


def test_deleting_a_claim_takes_its_count_along_and_leaves_the_others(desk, figure):
    reported_by(make_outlet(name="Global Times"), figure)
    draft = reported_by(make_outlet(name="WAM"), figure, body=other_words("WAM"), status=Claim.Status.DRAFT)
    Claim.objects.filter(pk=draft.pk).update(created_by=desk["editor"])
    detection.detect_all()
    assert stored_counts() == {draft.pk: 2}
    superuser = desk["superuser"]
    workflow.claim_delete(claim=Claim.objects.get(pk=draft.pk), user=superuser)
    assert stored_counts() == {}


def test_an_import_counts_the_figures_it_wrote(figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    second = reported_by(make_outlet(name="WAM"), figure, body=other_words("WAM"))
    services.claims_written_in_bulk(claim_ids=[second.pk])
    assert stored_counts() == {first.pk: 2, second.pk: 2}


def test_the_admin_shows_and_filters_the_counts(admin_client, figure):
    first = reported_by(make_outlet(name="Global Times"), figure)
    second = reported_by(make_outlet(name="WAM"), figure, body=other_words("WAM"))
    alone = reported_by(
        make_outlet(name="TIANSHANNET"), {**figure, "period_end": dt.date(2025, 9, 30)}, body=other_words("Tianshan")
    )
    detection.detect_all()
    changelist = reverse("admin:curation_claim_changelist")
    listing = admin_client.get(changelist + "?evidence=corroborated")
    assert {claim.pk for claim in listing.context["cl"].result_list} == {first.pk, second.pk}
    assert "2 outlets" in listing.content.decode()
    page = admin_client.get(reverse("admin:curation_claim_change", args=[first.pk])).content.decode()
    assert "Corroborated by 2 independent outlets." in page
    page = admin_client.get(reverse("admin:curation_claim_change", args=[alone.pk])).content.decode()
    assert 'id="corroboration"' not in page


def test_a_claims_check_counts_the_outlet_of_its_second_citation_as_the_full_run_does(figure):
    # The check reads the sources of every citation with the candidates, not only the primary one.
    claim = reported_by(make_outlet(name="Global Times"), figure)
    wam = make_source(body=other_words("WAM"), outlet=make_outlet(name="WAM"))
    Citation.objects.create(claim=claim, source=wam, quote=QUOTE, is_primary=False)
    detection.detect_for_claim(claim=claim)
    assert stored_counts() == {claim.pk: 2}
    ClaimCorroboration.objects.all().delete()
    detection.detect_all()
    assert stored_counts() == {claim.pk: 2}
    # A copy of the first article under a third outlet adds no origin, on either path.
    copy = make_source(body="Gulf Wire, 14 November.\n" + STORY, outlet=make_outlet(name="Gulf Wire"))
    Citation.objects.create(claim=claim, source=copy, quote=QUOTE, is_primary=False)
    detection.detect_for_claim(claim=claim)
    assert stored_counts() == {claim.pk: 2}
    assert detection.detect_all().corroboration_changed == 0

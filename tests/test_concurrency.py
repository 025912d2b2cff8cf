"""Optimistic concurrency (issue 13, item 11): two people edit the same record; the second save,
from a page loaded before the first, is refused with what changed and a form to reapply their edit."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from curation import services
from curation.io.resources import ClaimResource, row_error_lines
from curation.io.tabular import read_dataset
from curation.models import Citation, Claim, Contradiction, Source
from curation.review import versions
from tests.builders import make_claim, make_claim_in, make_contradiction, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_admins(client, django_user_model):
    from django.test import Client

    first = django_user_model.objects.create_superuser(username="ana", email="a@example.org", password=None)
    second = django_user_model.objects.create_superuser(username="bo", email="b@example.org", password=None)
    other = Client()
    client.force_login(first)
    other.force_login(second)
    return client, other


def loaded_form(client, url) -> dict:
    """The change form's fields as the browser would post them, inline formsets included."""
    response = client.get(url)
    assert response.status_code == 200
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(key): value for key, value in management.initial.items()})
        forms.extend(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            key = form.add_prefix(name)
            data[key] = "on" if value is True else (value.pk if hasattr(value, "pk") else str(value))
    return data


def claim_url(claim):
    return reverse("admin:curation_claim_change", args=[claim.pk])


def test_a_stale_save_is_refused_showing_what_changed_and_saving_again_reapplies_only_the_own_edit(two_admins):
    ana, bo = two_admins
    claim = make_claim_in(Claim.Status.DRAFT, notes="")
    ana_form, bo_form = loaded_form(ana, claim_url(claim)), loaded_form(bo, claim_url(claim))

    ana_form["notes"] = "Checked against the article."
    assert ana.post(claim_url(claim), ana_form).status_code == 302

    bo_form["value"] = "3200"
    refused = bo.post(claim_url(claim), bo_form)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "was saved by ana" in text and "Checked against the article." in text
    assert "Nothing of yours was saved" in text
    stored = Claim.objects.get(pk=claim.pk)
    assert (stored.notes, stored.value) == ("Checked against the article.", Decimal("3100"))

    # The form came back with the current record and Bo's own edit on top: saving again applies it.
    again = refused.context["adminform"].form
    assert again["notes"].value() == "Checked against the article." and again["value"].value() == "3200"
    resubmitted = {**bo_form, "notes": again["notes"].value(), "version": again["version"].value()}
    assert bo.post(claim_url(claim), resubmitted).status_code == 302
    stored.refresh_from_db()
    assert (stored.notes, stored.value) == ("Checked against the article.", Decimal("3200"))


@pytest.mark.parametrize("kind", ["source", "citation", "contradiction"])
def test_sources_citations_and_contradictions_refuse_a_stale_save(two_admins, kind):
    ana, bo = two_admins
    claim = make_claim_in(Claim.Status.DRAFT)
    if kind == "source":
        record, field, first, second = claim.citations.get().source, "notes", "Paywalled.", "Reliable outlet."
    elif kind == "citation":
        record, field, first, second = claim.citations.get(), "note", "Second paragraph.", "Headline."
    else:
        record = make_contradiction(claim, make_claim())
        field, first, second = "severity", "high", "low"
    url = reverse(f"admin:curation_{kind}_change", args=[record.pk])
    ana_form, bo_form = loaded_form(ana, url), loaded_form(bo, url)
    ana_form[field] = first
    assert ana.post(url, ana_form).status_code == 302
    bo_form[field] = second
    refused = bo.post(url, bo_form)
    assert refused.status_code == 200 and "was saved by ana" in refused.content.decode()
    record.refresh_from_db()
    assert getattr(record, field) == first


def test_the_service_refuses_a_claim_loaded_before_another_save(desk):
    claim = make_claim_in(Claim.Status.DRAFT)
    mine, theirs = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    theirs.notes = "Theirs."
    services.claim_save(claim=theirs, user=desk["editor"])
    mine.value = Decimal("1")
    with pytest.raises(versions.StaleEdit, match=r"They changed editorial notes: \(empty\) → “Theirs.”"):
        services.claim_save(claim=mine, user=desk["reviewer"])
    assert Claim.objects.get(pk=claim.pk).value == Decimal("3100")


def test_an_import_moves_the_version_on_so_a_page_loaded_before_it_is_stale(desk):
    source = make_source(url="https://example.org/a", body="The zone attracted more than 3,100 new enterprises.")
    claim = make_claim_in(Claim.Status.DRAFT, source=source)
    before = Claim.objects.get(pk=claim.pk)
    exported = ClaimResource().export(ClaimResource.export_queryset(Claim.objects.all())).csv
    changed = exported.replace(",3100,", ",3150,")
    result = ClaimResource().import_data(read_dataset(changed.encode(), file_name="c.csv"), user=desk["editor"])
    assert row_error_lines(result) == [] and result.totals["update"] == 1
    assert Claim.objects.get(pk=claim.pk).version > before.version
    before.notes = "Edited on a page opened before the import."
    with pytest.raises(versions.StaleEdit, match="value: 3100 → 3150"):
        services.claim_save(claim=before, user=desk["reviewer"])


def test_versions_exist_on_the_four_models():
    for model in (Claim, Citation, Source, Contradiction):
        assert model._meta.get_field("version")


def test_a_decision_posted_without_the_pages_version_is_refused_and_decides_nothing(two_admins):
    ana, _ = two_admins
    flag = make_contradiction(make_claim_in(Claim.Status.DRAFT), make_claim())
    url = reverse("admin:curation_contradiction_resolve", args=[flag.pk])
    refused = ana.post(url, {"status": "dismissed", "note": "Posted by a script."})
    assert refused.status_code == 200
    assert "the form did not say which version of the record it was loaded at" in refused.content.decode()
    flag.refresh_from_db()
    assert (flag.status, flag.resolution_note) == ("open", "")


def test_a_decision_taken_on_a_side_by_side_page_loaded_before_another_decision_is_refused(two_admins):
    ana, bo = two_admins
    flag = make_contradiction(make_claim_in(Claim.Status.DRAFT), make_claim())
    url = reverse("admin:curation_contradiction_resolve", args=[flag.pk])
    ana_version, bo_version = (client.get(url).context["form"]["version"].value() for client in (ana, bo))
    decided = ana.post(url, {"status": "dismissed", "note": "Different scopes.", "version": ana_version})
    assert decided.status_code == 302
    refused = bo.post(url, {"status": "explained", "note": "Different periods.", "version": bo_version})
    assert refused.status_code == 200
    assert "was saved by ana" in refused.content.decode() and "Different scopes." in refused.content.decode()
    flag.refresh_from_db()
    assert (flag.status, flag.resolution_note) == ("dismissed", "Different scopes.")
    again = bo.post(
        url,
        {"status": "explained", "note": "Different periods.", "version": refused.context["form"]["version"].value()},
    )
    assert again.status_code == 302
    flag.refresh_from_db()
    assert (flag.status, flag.resolution_note) == ("explained", "Different periods.")


def test_a_stale_edit_of_a_citation_in_the_claim_page_is_refused_showing_what_changed(two_admins):
    ana, bo = two_admins
    claim = make_claim_in(Claim.Status.DRAFT)
    bo_form = loaded_form(bo, claim_url(claim))
    # Ana changes the citation (as a command would: the claim's own version does not move).
    citation = claim.citations.get()
    citation.quote = "3,100 new enterprises"
    citation._history_user = get_user_model().objects.get(username="ana")
    citation.save()

    bo_form["citations-0-note"] = "Second paragraph."
    refused = bo.post(claim_url(claim), bo_form)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert f"Citation #{citation.pk} was saved by ana" in text and "3,100 new enterprises" in text
    citation.refresh_from_db()
    assert (citation.quote, citation.note) == ("3,100 new enterprises", "")

    # The inline comes back with the current quote and Bo's note on top: saving again applies both.
    again = next(iter(refused.context["inline_admin_formsets"])).formset.forms[0]
    assert again["quote"].value() == "3,100 new enterprises" and again["note"].value() == "Second paragraph."
    resubmitted = {
        **bo_form,
        "citations-0-quote": again["quote"].value(),
        "citations-0-version": again["version"].value(),
    }
    assert bo.post(claim_url(claim), resubmitted).status_code == 302
    citation.refresh_from_db()
    assert (citation.quote, citation.note) == ("3,100 new enterprises", "Second paragraph.")


@pytest.mark.parametrize("kind", ["claim", "source", "citation", "contradiction", "inline citation"])
def test_a_form_that_posts_no_version_is_refused_and_saves_nothing(two_admins, kind):
    ana, _ = two_admins
    claim = make_claim_in(Claim.Status.DRAFT, notes="")
    if kind in ("claim", "inline citation"):
        record, field = claim, "notes" if kind == "claim" else "citations-0-note"
    elif kind == "source":
        record, field = claim.citations.get().source, "notes"
    elif kind == "citation":
        record, field = claim.citations.get(), "note"
    else:
        record, field = make_contradiction(claim, make_claim()), "explanation"
    model = "claim" if kind == "inline citation" else kind
    url = reverse(f"admin:curation_{model}_change", args=[record.pk])
    form = loaded_form(ana, url)
    form.pop("citations-0-version" if kind == "inline citation" else "version")
    form[field] = "Posted by a script."
    refused = ana.post(url, form)
    assert refused.status_code == 200
    assert "the form did not say which version of the record it was loaded at" in refused.content.decode()
    stored = claim.citations.get() if kind == "inline citation" else type(record).objects.get(pk=record.pk)
    assert getattr(stored, field.removeprefix("citations-0-")) != "Posted by a script."

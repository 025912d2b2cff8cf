"""The permission matrix: every admin action and page, for anonymous, editor, reviewer and superuser.

Each row of ACTIONS states who may do it. A permitted request must do what it says; a
refused one must answer with a refusal (the login page, 403, or the workflow's error message)
and leave every row of the database as it was.
"""

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from curation import services
from curation.io.resources import CLAIM_EXPORT_ORDER
from curation.models import Claim, Contradiction, Job, Metric, Release
from curation.review import workflow
from tests.builders import (
    make_claim,
    make_claim_in,
    make_contradiction,
    make_metric,
    make_place,
    make_source,
    signed_version,
)
from tests.security_world import changed_tables, snapshot
from tests.test_admin_workflow import claim_form_data
from tests.test_extraction_admin import post_data
from tests.test_resources import BODY as IMPORT_BODY
from tests.test_resources import csv_bytes, row

pytestmark = pytest.mark.django_db
Status = Claim.Status
ROLES = ["anonymous", "editor", "reviewer", "superuser"]
STAFF = {"editor", "reviewer", "superuser"}
REVIEWERS = {"reviewer", "superuser"}


@dataclass
class Case:
    """One action: how to set it up, do it, and see that it was done."""

    allowed: set[str]
    setup: Callable  # (desk, root_client) -> state
    perform: Callable  # (client, state) -> response
    done: Callable  # (state, response) -> bool
    # How a permitted user without the right is refused: "403", or "message" for workflow
    # buttons, which come back to the claim's page with the reason.
    refusal: str = "403"


def transition(action, start, note="A reason a reviewer writes."):
    def setup(desk, root):
        return {"claim": make_claim_in(start, created_by=desk["second_reviewer"])}

    def perform(client, state):
        url = reverse("admin:curation_claim_transition", args=[state["claim"].pk, action])
        return client.post(url, {"note": note})

    def done(state, response):
        return Claim.objects.get(pk=state["claim"].pk).status == workflow.TRANSITIONS[action].target

    return setup, perform, done


def bulk(action, start, note="A reason a reviewer writes."):
    def setup(desk, root):
        return {"claims": [make_claim_in(start, created_by=desk["second_reviewer"]) for _ in range(2)]}

    def perform(client, state):
        return client.post(
            reverse("admin:curation_claim_changelist"),
            {
                "action": f"{action}_selected",
                "_selected_action": [claim.pk for claim in state["claims"]],
                "confirm": "1",
                "note": note,
            },
        )

    def done(state, response):
        target = workflow.TRANSITIONS[action].target
        return all(Claim.objects.get(pk=claim.pk).status == target for claim in state["claims"])

    return setup, perform, done


def delete(status):
    def setup(desk, root):
        return {"claim": make_claim_in(status, created_by=desk["editor"])}

    def perform(client, state):
        return client.post(reverse("admin:curation_claim_delete", args=[state["claim"].pk]), {"post": "yes"})

    def done(state, response):
        return not Claim.objects.filter(pk=state["claim"].pk).exists()

    return setup, perform, done


def resolve():
    def setup(desk, root):
        return {"flag": make_contradiction(make_claim(), make_claim())}

    def perform(client, state):
        url = reverse("admin:curation_contradiction_resolve", args=[state["flag"].pk])
        return client.post(
            url, {"status": "explained", "note": "Different periods.", "version": signed_version(state["flag"])}
        )

    def done(state, response):
        return Contradiction.objects.get(pk=state["flag"].pk).status == Contradiction.Status.EXPLAINED

    return setup, perform, done


def flag_contradiction():
    def setup(desk, root):
        first, second = sorted([make_claim(), make_claim()], key=lambda claim: claim.pk)
        return {"pair": (first, second)}

    def perform(client, state):
        first, second = state["pair"]
        data = {"claim_a": first.pk, "claim_b": second.pk, "kind": "value_mismatch", "explanation": "Disagree."}
        # A reviewer's form also shows the status (a new flag is open).
        data.update({"status": "open", "severity": "medium", "resolution_note": ""})
        return client.post(reverse("admin:curation_contradiction_add"), data)

    def done(state, response):
        return Contradiction.objects.filter(claim_a=state["pair"][0]).exists()

    return setup, perform, done


def publish():
    def setup(desk, root):
        make_claim_in(Status.APPROVED)
        return {}

    def perform(client, state):
        return client.post(reverse("admin:curation_release_add"), {"title": "Autumn release", "description": "d"})

    def done(state, response):
        return Release.objects.filter(title="Autumn release").exists()

    return setup, perform, done


def import_claims():
    def setup(desk, root):
        make_source(title="Kashgar news", url="https://example.org/kashgar", body=IMPORT_BODY)
        make_place(name="Kashgar", aliases=["Kashi"])
        make_metric(code="trade_value", name="Trade", unit="CNY", nature=Metric.Nature.FLOW)
        return {}

    def perform(client, state):
        # Upload queues a preview job (run at once in tests); its preview page carries the confirm form.
        upload = SimpleUploadedFile("claims.csv", csv_bytes([row()]))
        queued = client.post(
            reverse("admin:curation_claim_import"), {"format": 0, "resource": 0, "import_file": upload}
        )
        if queued.status_code != 302 or "/job/" not in queued.url:
            return queued
        job = Job.objects.filter(kind=Job.Kind.IMPORT_PREVIEW).latest("pk")
        preview = client.get(job.result_url)
        if preview.status_code != 200:
            return preview
        fields = dict(re.findall(r'name="(preview_job)" value="([^"]*)"', preview.content.decode()))
        return client.post(reverse("admin:curation_claim_process_import"), fields)

    def done(state, response):
        return Claim.objects.filter(value=Decimal("93160000000"), status=Status.DRAFT).exists()

    return setup, perform, done


def export_claims():
    def setup(desk, root):
        return {"claim": make_claim(notes="exported-marker")}

    def perform(client, state):
        fields = {f"claimresource_{column}": "on" for column in CLAIM_EXPORT_ORDER}
        return client.post(reverse("admin:curation_claim_export"), {"format": 0, "resource": 0, **fields})

    def done(state, response):
        return response.status_code == 200 and b"exported-marker" in response.content

    return setup, perform, done


def accept_candidate():
    def setup(desk, root):
        place = make_place(name="Kashgar Area")
        metric = make_metric(code="registered_enterprises", nature=Metric.Nature.STOCK)
        source = make_source(body="Kashgar Area had more than 3,100 new enterprises at the end of 2025.")
        url = reverse("admin:curation_source_extract", args=[source.pk])
        page = root.get(url)
        key = page.context["formset"].forms[0].initial["key"]
        fields = {"place": place.pk, "metric": metric.pk, "unit": "enterprises", "period_end": dt.date(2025, 12, 31)}
        return {"url": url, "source": source, "data": post_data(page, accept=[key], changes={key: fields})}

    def perform(client, state):
        return client.post(state["url"], state["data"])

    def done(state, response):
        return Claim.objects.filter(citations__source=state["source"], status=Status.DRAFT).exists()

    return setup, perform, done


def revert():
    def setup(desk, root):
        claim = make_claim_in(Status.DRAFT, created_by=desk["editor"])
        first = claim.history.latest("history_date")
        claim.value = 3150
        services.claim_save(claim=claim, user=desk["editor"])
        url = reverse("admin:curation_claim_simple_history", args=[claim.pk, first.history_id])
        form = root.get(url).context["adminform"].form
        data = {name: form[name].value() for name in form.fields}
        data = {name: ("" if value is None else value) for name, value in data.items()}
        data.update({"citations-TOTAL_FORMS": "0", "citations-INITIAL_FORMS": "0"})
        return {"claim": claim, "url": url, "data": data}

    def perform(client, state):
        return client.post(state["url"], state["data"])

    def done(state, response):
        return Claim.objects.get(pk=state["claim"].pk).value == 3100

    return setup, perform, done


def edit_claim():
    def setup(desk, root):
        return {"claim": make_claim_in(Status.DRAFT, created_by=desk["editor"])}

    def perform(client, state):
        claim = state["claim"]
        return client.post(
            reverse("admin:curation_claim_change", args=[claim.pk]), claim_form_data(claim, value="3200")
        )

    def done(state, response):
        return Claim.objects.get(pk=state["claim"].pk).value == 3200

    return setup, perform, done


ACTIONS = {
    "submit": Case(STAFF, *transition("submit", Status.DRAFT), refusal="message"),
    "approve": Case(REVIEWERS, *transition("approve", Status.SUBMITTED), refusal="message"),
    "reject": Case(REVIEWERS, *transition("reject", Status.SUBMITTED), refusal="message"),
    "revise": Case(STAFF, *transition("revise", Status.REJECTED), refusal="message"),
    "retract": Case(REVIEWERS, *transition("retract", Status.APPROVED), refusal="message"),
    "bulk submit": Case(STAFF, *bulk("submit", Status.DRAFT)),
    "bulk approve": Case(REVIEWERS, *bulk("approve", Status.SUBMITTED)),
    "bulk reject": Case(REVIEWERS, *bulk("reject", Status.SUBMITTED)),
    "bulk revise": Case(STAFF, *bulk("revise", Status.REJECTED)),
    "bulk retract": Case(REVIEWERS, *bulk("retract", Status.APPROVED)),
    "edit a draft claim": Case(STAFF, *edit_claim()),
    "delete a draft claim": Case(STAFF, *delete(Status.DRAFT)),
    "delete an approved claim": Case(set(), *delete(Status.APPROVED)),
    "delete a retracted claim": Case(set(), *delete(Status.RETRACTED)),
    "flag a contradiction": Case(STAFF, *flag_contradiction()),
    "resolve a contradiction": Case(REVIEWERS, *resolve()),
    "publish a release": Case(REVIEWERS, *publish()),
    "import claims": Case(STAFF, *import_claims()),
    "export claims": Case(STAFF, *export_claims()),
    "accept an extracted candidate": Case(STAFF, *accept_candidate()),
    "revert a claim to an earlier version": Case(STAFF, *revert()),
}


def client_for(role, desk) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(desk[role])
    return client


def is_refusal(response, *, role, refusal) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and reverse("admin:login") in response["Location"]
    if refusal == "message":
        said = " ".join(str(message) for message in get_messages(response.wsgi_request))
        return response.status_code == 302 and "permission" in said.lower()
    return response.status_code == 403


def bulk_refusal(response, role) -> bool:
    """Django drops an action the user may not use from the list, so the choice is refused as invalid."""
    if role == "anonymous":
        return is_refusal(response, role=role, refusal="403")
    said = " ".join(str(message) for message in get_messages(response.wsgi_request))
    return response.status_code == 302 and "No action selected" in said


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ACTIONS)
def test_permission_matrix_for_every_admin_action(desk, role, name):
    case = ACTIONS[name]
    state = case.setup(desk, client_for("superuser", desk))
    client = client_for(role, desk)
    before = snapshot()
    response = case.perform(client, state)
    if role in case.allowed:
        assert response.status_code in (200, 302), response.status_code
        assert case.done(state, response), f"{role} may {name}, but it was not done"
        return
    if name.startswith("bulk "):
        assert bulk_refusal(response, role), (role, name, response.status_code)
    else:
        assert is_refusal(response, role=role, refusal=case.refusal), (role, name, response.status_code)
    assert changed_tables(before, snapshot()) == [], f"{role} was refused '{name}' but something changed"


# ---------------------------------------------------------------------------------------------
# Pages: who may open what
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def pages_world(desk):
    claim = make_claim_in(Status.SUBMITTED, created_by=desk["second_reviewer"])
    flag = make_contradiction(claim, make_claim())
    source = claim.citations.get().source
    return {
        "admin index": reverse("admin:index"),
        "claim changelist": reverse("admin:curation_claim_changelist"),
        "review queue": reverse("admin:curation_claim_review_queue"),
        "claim change page": reverse("admin:curation_claim_change", args=[claim.pk]),
        "claim history": reverse("admin:curation_claim_history", args=[claim.pk]),
        "claim add page": reverse("admin:curation_claim_add"),
        "approve note page": reverse("admin:curation_claim_transition", args=[claim.pk, "reject"]),
        "source change page (evidence view)": reverse("admin:curation_source_change", args=[source.pk]),
        "extraction page": reverse("admin:curation_source_extract", args=[source.pk]),
        "contradiction changelist": reverse("admin:curation_contradiction_changelist"),
        "side-by-side page": reverse("admin:curation_contradiction_resolve", args=[flag.pk]),
        "place changelist": reverse("admin:curation_place_changelist"),
        "metric changelist": reverse("admin:curation_metric_changelist"),
        "outlet changelist": reverse("admin:curation_outlet_changelist"),
        "citation changelist": reverse("admin:curation_citation_changelist"),
        "import page": reverse("admin:curation_claim_import"),
        "export page": reverse("admin:curation_claim_export"),
        "release changelist": reverse("admin:curation_release_changelist"),
        "publish release page": reverse("admin:curation_release_add"),
        "user changelist": reverse("admin:auth_user_changelist"),
        "group changelist": reverse("admin:auth_group_changelist"),
        "login attempts (axes)": reverse("admin:axes_accessattempt_changelist"),
    }


PAGES = {
    "admin index": STAFF,
    "claim changelist": STAFF,
    "review queue": STAFF,
    "claim change page": STAFF,
    "claim history": STAFF,
    "claim add page": STAFF,
    "approve note page": STAFF,
    "source change page (evidence view)": STAFF,
    "extraction page": STAFF,
    "contradiction changelist": STAFF,
    "side-by-side page": STAFF,
    "place changelist": STAFF,
    "metric changelist": STAFF,
    "outlet changelist": STAFF,
    "citation changelist": STAFF,
    "import page": STAFF,
    "export page": STAFF,
    "release changelist": STAFF,
    "publish release page": REVIEWERS,
    "user changelist": {"superuser"},
    "group changelist": {"superuser"},
    "login attempts (axes)": {"superuser"},
}


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_for_every_admin_page(client, desk, pages_world, role):
    assert set(pages_world) == set(PAGES)
    if role != "anonymous":
        client.force_login(desk[role])
    outcomes = {}
    for page, url in pages_world.items():
        response = client.get(url, follow=page == "review queue" and role != "anonymous")
        if role == "anonymous":
            redirected_to_login = response.status_code == 302 and reverse("admin:login") in response["Location"]
            outcomes[page] = "login" if redirected_to_login else response.status_code
        else:
            outcomes[page] = response.status_code
    expected = {
        page: ("login" if role == "anonymous" else 200 if role in allowed else 403) for page, allowed in PAGES.items()
    }
    assert outcomes == expected

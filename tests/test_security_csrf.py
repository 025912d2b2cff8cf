"""CSRF: every URL the project routes refuses a POST without the token, and nothing changes.

The URLs come from the URL resolver, so a view added later (an admin page, a workflow
button, a public page) is checked without anyone listing it here.
"""

import pytest
from django.contrib.admin.sites import site
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from curation.models import Claim
from curation.review import workflow
from tests.security_world import build_world, changed_tables, make_superuser, snapshot

pytestmark = pytest.mark.django_db

CSRF_FAILURE = "CSRF verification failed"


def named_patterns(resolver=None, namespace=""):
    """(namespaced name, parameter names) of every named URL pattern, however deeply included.

    A regex without named groups (simple-history's revert page) gets the positional names
    ("object_id", "version_id") its groups stand for.
    """
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = pattern.pattern
            parameters = set(getattr(route, "converters", {})) or set(route.regex.groupindex)
            if not parameters and route.regex.groups:
                parameters = ("object_id", "version_id")[: route.regex.groups]
            yield f"{namespace}{pattern.name}", parameters


def model_of(url_name: str, world) -> object | None:
    """The object an admin URL such as admin:curation_claim_change is about."""
    for key, obj in [
        ("curation_claim_", world["claims"][Claim.Status.APPROVED]),
        ("curation_source_", world["source"]),
        ("curation_place_", world["place"]),
        ("curation_placealias_", world["alias"]),
        ("curation_placelink_", world["link"]),
        ("curation_metric_", world["metric"]),
        ("curation_outlet_", world["outlet"]),
        ("curation_citation_", world["citation"]),
        ("curation_contradiction_", world["contradiction"]),
        ("curation_release_", world["release"]),
        ("curation_job_", world["job"]),
        ("auth_user_", world["user"]),
        ("auth_group_", world["group"]),
    ]:
        if key in url_name:
            return obj
    return None


def urls_to_post(world) -> list[str]:
    """Every named URL filled in with a real object, one URL per workflow action."""
    urls = []
    for name, parameters in named_patterns():
        obj = model_of(name, world)
        values = {
            "app_label": "curation",
            "object_id": obj.pk if obj is not None else world["claims"][Claim.Status.APPROVED].pk,
            "content_type_id": 1,
            "source_id": world["source"].pk,
            "release_id": world["release"].pk,
            "version": world["release"].version,
            "name": "claims.csv",
            "pk": world["claims"][Claim.Status.APPROVED].pk,
            "slug": world["place"].slug,
            "version_id": obj.history.earliest("history_date").history_id if hasattr(obj, "history") else 1,
            "id": world["user"].pk,
        }
        unknown = set(parameters) - set(values) - {"action"}
        assert not unknown, f"{name} has parameters this test cannot fill: {unknown}"
        if "action" in parameters:
            for action in workflow.TRANSITIONS:
                urls.append(reverse(name, kwargs={**{p: values[p] for p in parameters - {"action"}}, "action": action}))
        elif isinstance(parameters, tuple):
            urls.append(reverse(name, args=[values[p] for p in parameters]))
        else:
            urls.append(reverse(name, kwargs={p: values[p] for p in parameters}))
    return urls


@pytest.fixture
def world(django_user_model):
    from django.contrib.auth.models import Group

    root = make_superuser()
    world = build_world(publisher=root)
    world["root"] = root
    world["user"] = django_user_model.objects.create_user(username="someone", password="pw-someone-123")
    world["group"] = Group.objects.create(name="Someone's group")
    return world


def csrf_client(user=None) -> Client:
    """A browser that holds a CSRF cookie (it visited the site) but sends no token: a forged form."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get(reverse("admin:index" if user is not None else "admin:login"))
    assert "csrftoken" in client.cookies
    return client


def admin_actions() -> dict[str, list[str]]:
    """The changelist actions each admin offers a superuser, by changelist URL."""
    request = RequestFactory().get("/")
    request.user = make_superuser("actions-root")
    return {
        reverse(f"admin:{admin.opts.app_label}_{admin.opts.model_name}_changelist"): list(admin.get_actions(request))
        for admin in site._registry.values()
    }


def test_the_resolver_yields_the_admin_and_public_views_this_test_relies_on(world):
    urls = urls_to_post(world)
    claim = world["claims"][Claim.Status.APPROVED]
    for expected in [
        reverse("admin:login"),
        reverse("admin:logout"),
        reverse("admin:curation_claim_transition", args=[claim.pk, "approve"]),
        reverse("admin:curation_claim_delete", args=[claim.pk]),
        reverse("admin:curation_contradiction_resolve", args=[world["contradiction"].pk]),
        reverse("admin:curation_source_extract", args=[world["source"].pk]),
        reverse("admin:curation_claim_import"),
        reverse("admin:curation_claim_process_import"),
        reverse("admin:curation_claim_export"),
        reverse("admin:curation_release_add"),
        reverse("public:claim_list"),
    ]:
        assert expected in urls
    assert len(urls) > 100


def test_every_routed_url_refuses_a_post_without_the_csrf_token_and_changes_nothing(world):
    client = csrf_client(world["root"])
    urls = urls_to_post(world)
    before = snapshot()
    for url in urls:
        response = client.post(url, {"post": "yes", "note": "A reason.", "status": "dismissed", "title": "x"})
        assert response.status_code == 403, url
        assert CSRF_FAILURE in response.content.decode(), url
    assert changed_tables(before, snapshot()) == []


def test_every_bulk_action_on_every_changelist_is_refused_without_the_token(world):
    client = csrf_client(world["root"])
    everything = [claim.pk for claim in world["claims"].values()]
    actions = admin_actions()
    before = snapshot()
    assert {"approve_selected", "retract_selected", "delete_selected", "export_admin_action"} <= set(
        actions[reverse("admin:curation_claim_changelist")]
    )
    for changelist, names in actions.items():
        for action in names:
            response = client.post(
                changelist, {"action": action, "_selected_action": everything, "confirm": "1", "note": "A reason."}
            )
            assert response.status_code == 403, (changelist, action)
    assert changed_tables(before, snapshot()) == []


def test_login_without_the_token_is_refused_and_does_not_log_in(world):
    client = csrf_client()
    response = client.post(reverse("admin:login"), {"username": "someone", "password": "pw-someone-123"})
    assert response.status_code == 403 and CSRF_FAILURE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_without_the_token_is_refused_and_keeps_the_session(world):
    client = csrf_client(world["root"])
    assert client.post(reverse("admin:logout")).status_code == 403
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_same_post_with_the_token_goes_through(world):
    """The refusals above are the CSRF check's: with the token, the same requests succeed."""
    client = csrf_client()
    token = client.cookies["csrftoken"].value
    response = client.post(
        reverse("admin:login"), {"username": "someone", "password": "pw-someone-123", "csrfmiddlewaretoken": token}
    )
    assert response.status_code in (200, 302) and CSRF_FAILURE not in response.content.decode()

    client = csrf_client(world["root"])
    token = client.cookies["csrftoken"].value
    claim = world["claims"][Claim.Status.DRAFT]
    url = reverse("admin:curation_claim_transition", args=[claim.pk, "submit"])
    assert client.post(url, {"csrfmiddlewaretoken": token}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUBMITTED

"""Public pages come from the cache, and a committed change to the data retires them."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation.db import generation as data_generation
from curation.models import Claim, DataGeneration
from curation.review.roles import REVIEWERS, roles_setup
from curation.review.workflow import claim_approve, claim_retract
from tests.builders import make_claim, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def caching_on(settings):
    settings.PUBLIC_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reviewer(django_user_model):
    roles_setup()
    user = django_user_model.objects.create_user(username="cache-reviewer", password="pw-reviewer-12345")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


def fetch(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_a_second_visit_is_served_from_the_cache_without_queries(client, caching_on):
    claim = make_claim(status=Claim.Status.APPROVED, period_label="the first nine months of 2025")
    first, first_queries = fetch(client, reverse("public:claim_list"))
    assert "the first nine months of 2025" in first
    # Changed behind the cache's back (a queryset update sends no signal, so the generation
    # stays): a page rendered again would show it, the cached one does not.
    Claim.objects.filter(pk=claim.pk).update(period_label="a label changed behind the cache")
    second, second_queries = fetch(client, reverse("public:claim_list"))
    assert "a label changed behind the cache" not in second
    assert second == first
    # Without Redis the one query left reads the data generation, which every process shares.
    assert first_queries > 1 and second_queries == (1 if data_generation.kept_in_database() else 0)


def test_caching_off_queries_the_database_every_time(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 0
    make_claim(status=Claim.Status.APPROVED)
    assert fetch(client, reverse("public:claim_list"))[1] > 0
    assert fetch(client, reverse("public:claim_list"))[1] > 0


def test_approving_a_claim_retires_the_cached_listing(
    client, caching_on, reviewer, django_capture_on_commit_callbacks
):
    source = make_source(body="The zone attracted over 18,000 new enterprises by September.")
    claim = make_claim(status=Claim.Status.SUBMITTED, source=source, quote="over 18,000 new enterprises")
    before, _ = fetch(client, reverse("public:claim_list"))
    assert reverse("public:claim_detail", args=[claim.pk]) not in before
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(claim=claim, reviewer=reviewer)
    after, queries = fetch(client, reverse("public:claim_list"))
    assert queries > 0
    assert reverse("public:claim_detail", args=[claim.pk]) in after


def test_retracting_a_claim_retires_its_cached_page(client, caching_on, reviewer, django_capture_on_commit_callbacks):
    claim = make_claim(status=Claim.Status.APPROVED)
    url = reverse("public:claim_detail", args=[claim.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        claim_retract(claim=claim, reviewer=reviewer, reason="The outlet corrected the figure.")
    assert client.get(url).status_code == 404


def test_invalidation_waits_for_the_commit(caching_on, django_capture_on_commit_callbacks):
    generation = data_generation.current_generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_claim(status=Claim.Status.APPROVED)
    assert data_generation.current_generation() == generation
    for callback in callbacks:
        callback()
    assert data_generation.current_generation() > generation


def test_invalidate_starts_a_new_generation_even_when_none_is_stored(caching_on):
    cache.delete(data_generation.GENERATION_KEY)
    DataGeneration.objects.all().delete()
    data_generation.invalidate()
    first = data_generation.current_generation()
    data_generation.invalidate()
    assert data_generation.current_generation() == first + 1


def test_a_retraction_from_another_process_retires_the_cached_page_without_redis(
    client, caching_on, reviewer, django_capture_on_commit_callbacks, monkeypatch
):
    """Each process has its own memory cache: the generation must live where every process sees it."""
    claim = make_claim(status=Claim.Status.APPROVED)
    url = reverse("public:claim_detail", args=[claim.pk])
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200  # now cached in this process
    another_process_cache = LocMemCache("another-process", {})
    monkeypatch.setattr(data_generation, "caches", {data_generation.CACHE_ALIAS: another_process_cache})
    with django_capture_on_commit_callbacks(execute=True):
        claim_retract(claim=claim, reviewer=reviewer, reason="Retracted from a command in another process.")
    monkeypatch.undo()
    assert client.get(url).status_code == 404


def test_pages_differ_by_query_string(client, caching_on):
    approved = make_claim(status=Claim.Status.APPROVED)
    everything, _ = fetch(client, reverse("public:claim_list"))
    nothing, _ = fetch(client, reverse("public:claim_list") + "?q=nonexistentword")
    assert reverse("public:claim_detail", args=[approved.pk]) in everything
    assert reverse("public:claim_detail", args=[approved.pk]) not in nothing


def redis_reachable() -> bool:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not redis_reachable(), reason="no Redis server on 127.0.0.1:6379")
def test_generation_is_shared_through_redis(settings):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/7",
            "KEY_PREFIX": "ftz-test",
        }
    }
    redis_cache = caches["default"]
    redis_cache.delete(data_generation.GENERATION_KEY)
    start = data_generation.current_generation()
    data_generation.invalidate()
    assert redis_cache.get(data_generation.GENERATION_KEY) == start + 1
    redis_cache.delete(data_generation.GENERATION_KEY)


def test_a_full_detection_run_retires_cached_pages_although_it_writes_in_bulk(
    caching_on, django_capture_on_commit_callbacks
):
    from curation.contradictions.detection import detect_all
    from tests.builders import make_metric, make_place

    place, metric = make_place(), make_metric()
    make_claim(status=Claim.Status.APPROVED, place=place, metric=metric, value=3100, qualifier="exact")
    make_claim(status=Claim.Status.APPROVED, place=place, metric=metric, value=5000, qualifier="exact")
    generation = data_generation.current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        detect_all()
    assert data_generation.current_generation() > generation

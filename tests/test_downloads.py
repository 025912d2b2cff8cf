"""Downloads at scale: the whole set as a file per data generation, filtered downloads rate-limited."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from curation.models import Claim
from curation.public import downloads
from tests.builders import make_claim

pytestmark = pytest.mark.django_db

CSV = reverse("public:claim_csv")
JSON = reverse("public:claim_json")


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def whole_set_files(settings):
    settings.WHOLE_SET_DOWNLOAD_FILES = True
    return settings.DOWNLOADS_DIR


def _approve(**fields):
    return make_claim(status=Claim.Status.APPROVED, **fields)


def test_the_whole_set_is_built_once_per_generation_then_served_from_its_file(
    client, whole_set_files, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    first = _approve(attribution="First figure")
    built = body_of(client.get(CSV))
    assert "First figure" in built
    assert len(list(whole_set_files.glob("claims-*.csv"))) == 1

    with django_assert_max_num_queries(1):  # the generation number, and no claim read
        again = client.get(CSV)
    assert again.streaming and body_of(again) == built
    assert again["X-Data-Generation"]

    with django_capture_on_commit_callbacks(execute=True):  # a committed write moves the generation on
        _approve(attribution="Second figure")
    rebuilt = body_of(client.get(CSV))
    assert "First figure" in rebuilt and "Second figure" in rebuilt
    # The older generation's file is removed once the new one is complete.
    assert len(list(whole_set_files.glob("claims-*.csv"))) == 1
    assert first.pk  # the claim stayed published


def test_json_has_its_own_file(client, whole_set_files):
    _approve(attribution="In JSON")
    assert "In JSON" in body_of(client.get(JSON))
    assert len(list(whole_set_files.glob("claims-*.json"))) == 1


def test_while_a_build_runs_the_previous_generations_file_is_served(client, whole_set_files, settings):
    _approve(attribution="Old figure")
    body_of(client.get(CSV))
    (old_file,) = whole_set_files.glob("claims-*.csv")
    base_url = "http://testserver"
    generation = int(client.get(CSV)["X-Data-Generation"])
    # The generation moves on and another request is building its file.
    newer = downloads.file_path(generation=generation + 1, extension="csv", base_url=base_url)
    newer.with_name(newer.name + ".lock").touch()
    from curation.db import generation as data_generation

    data_generation.invalidate()
    response = client.get(CSV)
    assert response.status_code == 200
    assert response["X-Data-Generation"] == str(generation)
    assert "Old figure" in body_of(response)
    assert old_file.exists()


def test_while_the_first_build_runs_a_second_request_is_asked_to_retry(client, whole_set_files):
    from curation.db.generation import current_generation

    generation = current_generation()
    building = downloads.file_path(generation=generation, extension="csv", base_url="http://testserver")
    building.parent.mkdir(parents=True, exist_ok=True)
    building.with_name(building.name + ".lock").touch()
    response = client.get(CSV)
    assert response.status_code == 503
    assert response["Retry-After"] == str(downloads.RETRY_AFTER_SECONDS)


def test_a_build_cut_short_leaves_no_file_and_no_lock(whole_set_files):
    final = downloads.file_path(generation=7, extension="csv", base_url="http://testserver")
    lock = final.with_name(final.name + ".lock")
    assert downloads._take_lock(lock)
    stream = downloads._tee(iter(["a\n", "b\n", "c\n"]), final=final, lock=lock, extension="csv", base_url="x")
    assert next(stream) == "a\n"
    stream.close()  # the client went away
    assert not final.exists()
    assert not lock.exists()
    assert not list(final.parent.glob("*.partial"))


# ----------------------------------------------------------------------------------------------
# Rate limit
# ----------------------------------------------------------------------------------------------
@pytest.fixture
def two_a_minute(settings):
    settings.DOWNLOAD_RATE_LIMIT = "2/m"
    cache.clear()
    yield
    cache.clear()


def test_filtered_downloads_are_limited_per_client_address(client, two_a_minute):
    claim = _approve()
    filtered = f"{CSV}?metric={claim.metric.code}"
    assert client.get(filtered).status_code == 200
    assert client.get(f"{JSON}?metric={claim.metric.code}").status_code == 200
    refused = client.get(filtered)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert "Too many filtered downloads" in refused.content.decode()
    # Another address has its own count, and the whole set (a file) is not limited.
    assert client.get(filtered, REMOTE_ADDR="203.0.113.9").status_code == 200
    assert client.get(CSV).status_code == 200


def test_pages_are_not_counted_against_the_download_limit(client, two_a_minute):
    claim = _approve()
    for _ in range(5):
        assert client.get(reverse("public:claim_list") + f"?metric={claim.metric.code}").status_code == 200
    assert client.get(f"{CSV}?metric={claim.metric.code}").status_code == 200

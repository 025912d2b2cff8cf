"""The seed fixtures load into an empty database in one command and hold what an editor curated."""

import json
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from curation.models import Citation, Claim, Contradiction, Place, Source
from curation.text.quotes import locate_quote

pytestmark = pytest.mark.django_db

SEED_DIR = Path(settings.BASE_DIR) / "fixtures" / "seeds"


@pytest.fixture
def seeded():
    call_command("loaddata", "seed", verbosity=0)


def test_seed_loads_every_article_byte_for_byte(seeded):
    files = sorted(SEED_DIR.glob("0*.txt"))
    assert len(files) == 5
    bodies = set(Source.objects.values_list("body", flat=True))
    for path in files:
        assert path.read_bytes().decode("utf-8") in bodies, path.name


def test_shared_seed_copies_are_unchanged():
    shared = Path(settings.BASE_DIR).parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in SEED_DIR.glob("0*.txt"):
        assert path.read_bytes() == (shared / path.name).read_bytes(), path.name


# Numbers the hand-labelled set (tests/extraction_labels.json) lists that state no claim.
NOT_CLAIMS = {
    ("002_d89e7c86d8491532.txt", "Two Years Driving Trade"),  # the headline's "two years after establishment"
}


def test_every_figure_the_articles_state_is_a_seed_claim_of_that_article(seeded):
    labels = json.loads((Path(settings.BASE_DIR) / "tests" / "extraction_labels.json").read_text())["articles"]
    missing = []
    for filename, mentions in labels.items():
        source = Source.objects.get(notes__startswith=f"File {filename}.")
        values = set()
        for value, value_max in Claim.objects.filter(citations__source=source).values_list("value", "value_max"):
            values |= {value, value_max} - {None}
        for words, value, *_ in mentions:
            if (filename, words) not in NOT_CLAIMS and Decimal(value) not in values:
                missing.append((filename, words))
    assert missing == []
    assert Claim.objects.count() == 85


def test_seed_has_claims_covering_every_article_in_mixed_statuses(seeded):
    assert Claim.objects.count() >= 40
    per_source = Counter(Citation.objects.filter(is_primary=True).values_list("source_id", flat=True))
    assert set(per_source) == set(Source.objects.values_list("pk", flat=True))
    statuses = set(Claim.objects.values_list("status", flat=True))
    assert {Claim.Status.APPROVED, Claim.Status.SUBMITTED, Claim.Status.DRAFT} <= statuses


def test_every_seed_quote_is_verbatim_in_its_source_and_stored_where_it_stands(seeded):
    citations = Citation.objects.select_related("source")
    assert citations.count() >= 40
    for citation in citations:
        span = locate_quote(citation.quote, citation.source.body)
        assert span is not None, citation.quote
        assert (citation.quote_start, citation.quote_end) == (span.start, span.end)


def test_every_seed_claim_has_exactly_one_primary_citation(seeded):
    primaries = Counter(Citation.objects.filter(is_primary=True).values_list("claim_id", flat=True))
    assert set(primaries) == set(Claim.objects.values_list("pk", flat=True))
    assert set(primaries.values()) == {1}


def test_seed_flags_kashgar_3100_against_zone_18000(seeded):
    flags = Contradiction.objects.select_related("claim_a__place", "claim_b__place")
    pairs = [{flag.claim_a.value, flag.claim_b.value} for flag in flags]
    assert {3100, 18000} in pairs
    flag = next(flag for flag in flags if {flag.claim_a.value, flag.claim_b.value} == {3100, 18000})
    assert flag.explanation


def test_seed_places_resolve_aliases_and_form_a_graph(seeded):
    area = Place.objects.resolve("Kashi Area")
    assert area is not None and area.kind == Place.Kind.FTZ_AREA
    assert Place.objects.resolve("Khorgas") is not None
    parent_kinds = set(area.part_of.values_list("kind", flat=True))
    assert {Place.Kind.ZONE, Place.Kind.PREFECTURE} <= parent_kinds


def test_setup_demo_loads_seed_once_and_creates_a_superuser(capsys):
    call_command("setup_demo")
    claims = Claim.objects.count()
    assert claims >= 40
    call_command("setup_demo")
    assert Claim.objects.count() == claims
    output = capsys.readouterr().out
    assert "admin / " in output
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(output.split("admin / ")[1].split()[0])
    assert Claim.history.count() >= claims

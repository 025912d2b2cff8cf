"""The kept claim counts of places and sources follow every way a claim or citation is written.

Each test writes through one path (the ORM's save, bulk_create, QuerySet.update, a cascade
delete, raw SQL) and compares the kept counts with a count made afresh from the claims.
"""

import pytest
from django.db import connection
from django.db.models import Count

from curation.models import Citation, Claim, Place, PlaceClaimCount, Source, SourceClaimCount
from tests.builders import make_claim, make_place, make_source

pytestmark = pytest.mark.django_db


def kept_counts():
    places = {row.place_id: row.claims for row in PlaceClaimCount.objects.all() if row.claims}
    sources = {row.source_id: row.claims for row in SourceClaimCount.objects.all() if row.claims}
    return places, sources


def counted_afresh():
    places = dict(Claim.objects.order_by().values_list("place").annotate(n=Count("pk")).values_list("place", "n"))
    sources = dict(
        Citation.objects.order_by()
        .values_list("source")
        .annotate(n=Count("claim", distinct=True))
        .values_list("source", "n")
    )
    return places, sources


def assert_counts_are_true():
    assert kept_counts() == counted_afresh()


@pytest.fixture
def world():
    places = [make_place() for _ in range(3)]
    sources = [make_source() for _ in range(3)]
    claims = [make_claim(place=places[n % 2], source=sources[n % 2]) for n in range(4)]
    return {"places": places, "sources": sources, "claims": claims}


def test_saved_claims_and_citations_are_counted(world):
    places, sources = world["places"], world["sources"]
    assert kept_counts() == ({places[0].pk: 2, places[1].pk: 2}, {sources[0].pk: 2, sources[1].pk: 2})
    assert_counts_are_true()


def test_a_source_counts_a_claim_once_however_many_of_its_quotes_cite_it(world):
    claim, source = world["claims"][0], world["sources"][0]
    Citation.objects.create(claim=claim, source=source, quote="Trade reached 93.16 billion yuan")
    assert kept_counts()[1][source.pk] == 2
    Citation.objects.filter(claim=claim, source=source, is_primary=False).delete()
    assert kept_counts()[1][source.pk] == 2
    Citation.objects.filter(claim=claim, source=source).delete()
    assert kept_counts()[1][source.pk] == 1
    assert_counts_are_true()


def test_bulk_created_claims_and_two_citations_of_one_claim_in_one_statement_are_counted(world):
    place, source = world["places"][2], world["sources"][2]
    template = world["claims"][0]
    claims = Claim.objects.bulk_create(
        [
            Claim(
                place=place,
                metric=template.metric,
                value=template.value,
                unit=template.unit,
                period_start=template.period_start,
                period_end=template.period_end,
            )
            for _ in range(3)
        ]
    )
    if connection.vendor != "postgresql":  # SQLite's bulk_create returns the ids too, but be sure
        claims = list(Claim.objects.filter(place=place))
    Citation.objects.bulk_create(
        [Citation(claim=claim, source=source, quote=quote) for claim in claims for quote in ("one", "two")]
    )
    assert kept_counts()[0][place.pk] == 3
    assert kept_counts()[1][source.pk] == 3
    Citation.objects.filter(source=source).delete()  # both citations of each claim in one statement
    assert source.pk not in kept_counts()[1]
    assert_counts_are_true()


def test_moving_claims_and_citations_moves_their_counts(world):
    places, sources = world["places"], world["sources"]
    Claim.objects.filter(place=places[0]).update(place=places[2])
    Citation.objects.filter(source=sources[1]).update(source=sources[2])
    assert kept_counts() == ({places[1].pk: 2, places[2].pk: 2}, {sources[0].pk: 2, sources[2].pk: 2})
    claim = world["claims"][1]
    claim.place = places[0]
    claim.save()
    Claim.objects.filter(place=places[1]).update(notes="Checked.")  # a change of no count
    assert_counts_are_true()


def test_a_citation_moved_onto_a_claim_its_source_already_counts_is_counted_once(world):
    first, second = world["claims"][0], world["claims"][2]  # both cite sources[0]
    source = world["sources"][0]
    Citation.objects.filter(claim=second).update(claim=first, is_primary=False, quote="Trade reached")
    assert kept_counts()[1][source.pk] == 1
    assert_counts_are_true()


def test_deleting_claims_uncounts_them_and_their_citations(world):
    world["claims"][0].delete()
    Claim.objects.filter(place=world["places"][1]).delete()
    assert_counts_are_true()
    assert kept_counts() == ({world["places"][0].pk: 1}, {world["sources"][0].pk: 1})


def test_rows_written_by_raw_sql_are_counted(world):
    place, claim = world["places"][2], world["claims"][0]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE curation_claim SET place_id = %s WHERE id = %s", [place.pk, claim.pk])
        cursor.execute("DELETE FROM curation_citation WHERE claim_id = %s", [claim.pk])
    assert kept_counts()[0][place.pk] == 1
    assert_counts_are_true()


def test_a_place_or_source_without_claims_can_be_deleted_with_its_count(world):
    place, source = world["places"][0], world["sources"][0]
    Claim.objects.filter(place=place).delete()
    place.delete()
    source.delete()
    assert not Place.objects.filter(pk=place.pk).exists() and not Source.objects.filter(pk=source.pk).exists()
    assert_counts_are_true()

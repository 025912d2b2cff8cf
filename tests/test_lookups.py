"""`__in_ids`: the same rows as `__in`, whatever the database, the list's length or its type."""

import pytest
from django.db import connection

from curation.db.lookups import in_id_order
from curation.models import Citation, Source
from tests.builders import make_claim, make_source

pytestmark = pytest.mark.django_db


def test_in_ids_finds_the_rows_in_finds_on_a_key_and_on_a_foreign_key():
    sources = [make_source(title=f"Source {number}") for number in range(4)]
    claims = [make_claim(source=source) for source in sources]
    wanted = {sources[0].pk, sources[2].pk}

    assert set(Source.objects.filter(pk__in_ids=wanted)) == set(Source.objects.filter(pk__in=wanted))
    by_source = Citation.objects.filter(source_id__in_ids=wanted).values_list("claim_id", flat=True)
    assert sorted(by_source) == sorted([claims[0].pk, claims[2].pk])
    # A relation's name works as its column's does, and a generator is read like a list.
    assert Citation.objects.filter(source__in_ids=(pk for pk in [sources[3].pk])).get().claim_id == claims[3].pk


def test_in_ids_of_no_ids_finds_nothing_and_of_many_ids_still_one_parameter():
    source = make_source()
    make_claim(source=source)
    assert not Citation.objects.filter(source_id__in_ids=[]).exists()

    many = [*range(10**6, 10**6 + 5000), source.pk]
    query = Citation.objects.filter(source_id__in_ids=many)
    assert query.count() == 1
    sql, params = query.query.sql_with_params()
    if connection.vendor == "postgresql":
        assert len(params) == 1 and "ANY" in sql
    else:
        assert len(params) == len(many)


def test_in_ids_refuses_what_is_not_an_integer():
    with pytest.raises((ValueError, TypeError)):
        list(Source.objects.filter(pk__in_ids=["1); DROP TABLE curation_source; --"]))


def test_in_id_order_keeps_the_order_given_and_leaves_out_ids_not_found():
    sources = [make_source(title=f"Source {number}") for number in range(3)]
    wanted = [sources[2].pk, 10**9, sources[0].pk]

    assert in_id_order(Source.objects.all(), wanted) == [sources[2], sources[0]]
    assert in_id_order(Source.objects.filter(title="Source 0"), wanted) == [sources[0]]

"""bulk_insert writes what bulk_create would (COPY on PostgreSQL): every column, the pks, the database's checks."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from curation.db.bulk_insert import bulk_insert
from curation.models import Citation, Claim
from tests.builders import make_metric, make_place, make_source

pytestmark = pytest.mark.django_db


def new_claims(place, metric, *, count=3, **fields):
    return [
        Claim(
            place=place,
            metric=metric,
            value=Decimal("93160000.123456") + number,
            unit="yuan",
            qualifier=Claim.Qualifier.ABOUT,
            period_start=datetime.date(2024, 1, 1),
            period_end=datetime.date(2024, 12, 31),
            attribution="customs",
            **fields,
        )
        for number in range(count)
    ]


def stored(model, pk) -> dict:
    row = model_to_dict(model.objects.get(pk=pk))
    row.pop("id")
    return row


def test_rows_read_back_as_bulk_create_writes_them():
    place, metric = make_place(), make_metric()
    inserted = bulk_insert(Claim, new_claims(place, metric))
    created = Claim.objects.bulk_create(new_claims(place, metric))

    assert [claim.pk for claim in inserted] == sorted(claim.pk for claim in inserted)
    assert all(claim.pk and not claim._state.adding for claim in inserted)
    for mine, theirs in zip(inserted, created, strict=True):
        assert stored(Claim, mine.pk) == stored(Claim, theirs.pk)
    first = Claim.objects.get(pk=inserted[0].pk)
    assert first.value == Decimal("93160000.123456")
    assert (first.version, first.status) == (1, Claim.Status.DRAFT)
    assert first.updated_at is not None

    # The pks are the rows' own: a citation pointing at them is written and read back.
    source = make_source()
    citations = bulk_insert(
        Citation,
        [Citation(claim_id=claim.pk, source=source, quote="Trade reached", is_primary=True) for claim in inserted],
    )
    assert {citation.claim_id for citation in Citation.objects.filter(pk__in=[c.pk for c in citations])} == {
        claim.pk for claim in inserted
    }


def test_a_row_that_breaks_a_constraint_writes_nothing():
    place, metric = make_place(), make_metric()
    claims = new_claims(place, metric)
    claims[1].unit = ""  # claim_unit_not_empty

    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert(Claim, claims)
    assert not Claim.objects.filter(place=place).exists()


def test_an_insert_sets_each_instances_update_time_as_stored_and_copy_uses_one_time_for_all():
    place, metric = make_place(), make_metric()
    before = timezone.now()
    inserted = bulk_insert(Claim, new_claims(place, metric, count=4))
    after = timezone.now()

    stored_times = dict(Claim.objects.filter(pk__in=[claim.pk for claim in inserted]).values_list("pk", "updated_at"))
    # As pre_save does for an auto_now field: the instances hold the times they were written with.
    assert {claim.pk: claim.updated_at for claim in inserted} == stored_times
    assert all(before <= stamp <= after for stamp in stored_times.values())
    if connection.vendor == "postgresql":
        # COPY reads the clock once per insert, as a database default would (bulk_create elsewhere: once a row).
        assert len(set(stored_times.values())) == 1

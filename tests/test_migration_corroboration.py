"""Migration 0005: the corroboration counts move from the claim table to their own, and back."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("curation", "0004_place_name_key")]
AFTER = [("curation", "0005_claim_corroboration")]

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def make_claims(apps, *fields):
    """One claim per dict of extra fields, in one place and metric; returns their ids."""
    Place, Metric, Claim = (apps.get_model("curation", name) for name in ("Place", "Metric", "Claim"))
    place = Place.objects.create(name="Kashgar Area (FTZ)", slug="kashgar", kind="ftz_area")
    metric = Metric.objects.create(code="new_enterprises", name="new enterprises", unit="enterprises", nature="flow")
    return [
        Claim.objects.create(
            place=place, metric=metric, value=3100 + number, unit="enterprises", period_end=dt.date(2025, 12, 31),
            **extra,
        ).pk
        for number, extra in enumerate(fields)
    ]  # fmt: skip


def migrate_to_latest():
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_the_counts_move_to_their_own_table_and_back():
    try:
        apps = migrate(BEFORE)
        ids = make_claims(apps, *({"corroboration_count": count} for count in (1, 2, 5)))
        apps = migrate(AFTER)
        kept = apps.get_model("curation", "ClaimCorroboration").objects.values_list("claim_id", "outlets")
        assert dict(kept) == {ids[1]: 2, ids[2]: 5}  # one outlet is no row
        assert "corroboration_count" not in {field.name for field in apps.get_model("curation", "Claim")._meta.fields}

        apps = migrate(BEFORE)
        counts = (
            apps.get_model("curation", "Claim").objects.order_by("pk").values_list("corroboration_count", flat=True)
        )
        assert list(counts) == [1, 2, 5]
    finally:
        migrate_to_latest()


@pytest.mark.parametrize("target", [AFTER, BEFORE], ids=["forward", "backward"])
def test_the_claims_are_still_counted_per_place_after_migrating(target):
    # On SQLite, rebuilding the claim table (to add the column back) drops the triggers counting its claims.
    try:
        migrate(AFTER)
        apps = migrate(target)
        ids = make_claims(apps, {}, {})
        place_id = apps.get_model("curation", "Claim").objects.get(pk=ids[0]).place_id
        assert apps.get_model("curation", "PlaceClaimCount").objects.get(place_id=place_id).claims == 2
    finally:
        migrate_to_latest()

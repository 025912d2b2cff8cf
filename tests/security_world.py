"""Shared data for the security tests: one row of every model, a claim in every status, a release.

`snapshot()` reads every row the portal keeps, so a test can say "nothing changed" exactly.
"""

import datetime
from decimal import Decimal

from django.apps import apps
from django.contrib.auth import get_user_model

from curation.io import releases
from curation.models import Citation, Claim, Job, Metric, Place, PlaceLink
from tests.builders import (
    make_claim_in,
    make_contradiction,
    make_metric,
    make_outlet,
    make_place,
    make_source,
)

Status = Claim.Status

BODY = (
    "Kashi recorded more than 3,100 new enterprises. Trade reached 93.16 billion yuan in 2025. "
    "Exports grew 12 percent. Imports reached 5 tons."
)


def build_world(*, publisher) -> dict:
    """A small portal: an approved claim, one claim in every other status, a contradiction, a release."""
    outlet = make_outlet(name="Tianshan Net")
    source = make_source(title="Kashgar news", body=BODY, outlet=outlet, published_on=datetime.date(2025, 11, 13))
    zone = make_place(name="Xinjiang FTZ", slug="xinjiang-ftz", kind=Place.Kind.ZONE)
    place = make_place(name="Kashgar", slug="kashgar", aliases=["Kashi"], part_of=[zone])
    metric = make_metric(code="new_enterprises", name="New enterprises", nature=Metric.Nature.STOCK)
    claims = {
        status: make_claim_in(status, source=source, place=place, metric=metric, value=Decimal(3100 + index))
        for index, status in enumerate(Status.values)
    }
    contradiction = make_contradiction(claims[Status.APPROVED], claims[Status.SUBMITTED])
    release = releases.release_publish(title="First release", user=publisher)
    job = Job.objects.create(kind=Job.Kind.CONTRADICTIONS, state=Job.State.FAILED, error="Stopped.")
    return {
        "job": job,
        "outlet": outlet,
        "source": source,
        "zone": zone,
        "place": place,
        "alias": place.aliases.get(),
        "link": PlaceLink.objects.get(part=place),
        "metric": metric,
        "claims": claims,
        "citation": Citation.objects.filter(claim=claims[Status.APPROVED]).get(),
        "contradiction": contradiction,
        "release": release,
    }


def snapshot() -> dict:
    """Every row of every model (sessions and login records aside), as plain values."""
    skipped = {"sessions.session", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}
    rows = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if label in skipped:
            continue
        fields = [field.attname for field in model._meta.concrete_fields if field.attname != "last_login"]
        rows[label] = sorted(model._default_manager.order_by().values_list(*fields), key=repr)
    return rows


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])


def make_superuser(name="root"):
    return get_user_model().objects.create_user(username=name, is_staff=True, is_superuser=True)

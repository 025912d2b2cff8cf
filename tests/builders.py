"""Small builders for test data: each returns a saved object with sensible defaults."""

import datetime
import itertools
from decimal import Decimal

from curation.models import Citation, Claim, Contradiction, Metric, Outlet, Place, PlaceAlias, Source

_counter = itertools.count(1)


def make_outlet(**fields) -> Outlet:
    fields.setdefault("name", f"Outlet {next(_counter)}")
    fields.setdefault("kind", Outlet.Kind.STATE_MEDIA)
    return Outlet.objects.create(**fields)


def make_source(**fields) -> Source:
    number = next(_counter)
    fields.setdefault("title", f"Article {number}")
    # An established outlet's grade: approving a claim on a weaker source needs a second source or a note.
    fields.setdefault("reliability", Source.Reliability.B)
    fields.setdefault(
        "body",
        f"Article {number}. The area attracted more than 3,100 new enterprises. "
        "Trade reached 93.16 billion yuan ($13.36 billion) in 2025.",
    )
    return Source.objects.create(**fields)


def make_place(*, aliases=(), part_of=(), **fields) -> Place:
    number = next(_counter)
    fields.setdefault("name", f"Place {number}")
    fields.setdefault("slug", f"place-{number}")
    fields.setdefault("kind", Place.Kind.CITY)
    place = Place.objects.create(**fields)
    for alias in aliases:
        PlaceAlias.objects.create(place=place, name=alias)
    for whole in part_of:
        place.part_of.add(whole)
    return place


def make_metric(**fields) -> Metric:
    fields.setdefault("code", f"metric_{next(_counter)}")
    fields.setdefault("name", "New enterprises")
    fields.setdefault("unit", "enterprises")
    fields.setdefault("nature", Metric.Nature.FLOW)
    fields.setdefault("is_additive", fields["nature"] != Metric.Nature.RATE)
    return Metric.objects.create(**fields)


def make_claim(*, source=None, quote="more than 3,100 new enterprises", **fields) -> Claim:
    """A claim with one primary citation (pass source=False for a claim without citations)."""
    if "place" not in fields:
        fields["place"] = make_place()
    if "metric" not in fields:
        fields["metric"] = make_metric()
    fields.setdefault("value", Decimal("3100"))
    fields.setdefault("unit", fields["metric"].unit)
    fields.setdefault("qualifier", Claim.Qualifier.MORE_THAN)
    if fields["metric"].nature == Metric.Nature.STOCK:
        fields.setdefault("period_start", None)
    else:
        fields.setdefault("period_start", datetime.date(2023, 11, 1))
    fields.setdefault("period_end", datetime.date(2025, 12, 31))
    claim = Claim.objects.create(**fields)
    if source is not False:
        Citation.objects.create(claim=claim, source=source or make_source(), quote=quote, is_primary=True)
    return claim


# The status each workflow action starts from, written out here so that the tests do not read it
# from the workflow they test.
START = {
    "submit": Claim.Status.DRAFT,
    "revise": Claim.Status.REJECTED,
    "approve": Claim.Status.SUBMITTED,
    "reject": Claim.Status.SUBMITTED,
    "retract": Claim.Status.APPROVED,
}


def make_claim_in(status: str, *, created_by=None, **fields) -> Claim:
    """A claim already in `status`, created and last changed by `created_by`."""
    claim = make_claim(created_by=created_by, updated_by=created_by, **fields)
    Claim.objects.filter(pk=claim.pk).update(status=status)
    claim.refresh_from_db()
    return claim


def make_contradiction(first: Claim, second: Claim, **fields) -> Contradiction:
    claim_a, claim_b = sorted((first, second), key=lambda claim: claim.pk)
    fields.setdefault("kind", Contradiction.Kind.VALUE_MISMATCH)
    fields.setdefault("explanation", "The two figures disagree.")
    return Contradiction.objects.create(claim_a=claim_a, claim_b=claim_b, **fields)


def signed_version(record) -> str:
    """The version field as an admin change form posts it (signed), for hand-built POST data."""
    from concurrency.forms import get_signer

    return get_signer().sign(record.version)

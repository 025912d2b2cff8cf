"""The invariants the database holds: each constraint rejects bad data at the database."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, UniqueConstraint

from curation.models import (
    Citation,
    Claim,
    Contradiction,
    Metric,
    Place,
    PlaceAlias,
    PlaceLink,
    Source,
    body_content_hash,
    validate_value_precision,
)
from tests.builders import make_claim, make_metric, make_outlet, make_place, make_source

pytestmark = pytest.mark.django_db


def _named_constraints() -> tuple[set[str], dict[tuple[str, frozenset], str]]:
    """Every constraint name the models declare, and the unique ones by (table, columns)."""
    names, by_columns = set(), {}
    for model in apps.get_app_config("curation").get_models():
        for constraint in model._meta.constraints:
            names.add(constraint.name)
            if isinstance(constraint, UniqueConstraint) and constraint.fields:
                columns = frozenset(model._meta.get_field(name).column for name in constraint.fields)
                by_columns[(model._meta.db_table, columns)] = constraint.name
    return names, by_columns


def violated_constraint(error: IntegrityError) -> str:
    """What the database says was violated: a named constraint, or "table.column" for a column's
    own NOT NULL or UNIQUE (whose names are each database's own)."""
    names, by_columns = _named_constraints()
    diag = getattr(error.__cause__, "diag", None)
    if diag is not None:  # PostgreSQL names the constraint, or the column for NOT NULL
        if diag.constraint_name in names:
            return diag.constraint_name
        if diag.column_name:
            return f"{diag.table_name}.{diag.column_name}"
        columns = re.match(r"Key \((?:lower\()?([\w, ]+)\)?\)=", diag.message_detail or "")
        return f"{diag.table_name}.{columns[1]}" if columns else str(diag.constraint_name)
    # SQLite: "CHECK constraint failed: name", "UNIQUE constraint failed: index 'name'",
    # "UNIQUE constraint failed: table.a, table.b" or "NOT NULL constraint failed: table.a".
    message = str(error)
    if found := re.search(r"CHECK constraint failed: (\w+)", message):
        return found[1]
    if found := re.search(r"UNIQUE constraint failed: index '(\w+)'", message):
        return found[1]
    if found := re.search(r"(?:UNIQUE|NOT NULL) constraint failed: ([\w., ]+)", message):
        qualified = [part.strip() for part in found[1].split(",")]
        table = qualified[0].split(".")[0]
        columns = frozenset(part.split(".")[1] for part in qualified)
        return by_columns.get((table, columns)) or ", ".join(qualified)
    return message


def rejected_by_database(write, constraint: str):
    """The write fails at the database, on `constraint` (a constraint's name, or "table.column"
    for a column's own NOT NULL or UNIQUE), on SQLite and PostgreSQL alike."""
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        write()
    assert violated_constraint(error.value) == constraint


def test_claim_period_cannot_end_before_it_starts():
    claim = make_claim()
    claim.period_start, claim.period_end = datetime.date(2025, 9, 30), datetime.date(2025, 1, 1)
    rejected_by_database(claim.save, "claim_period_end_not_before_start")


def test_claim_upper_bound_only_with_between_qualifier():
    claim = make_claim()
    claim.value_max = Decimal("5000")
    rejected_by_database(claim.save, "claim_range_only_with_between")


def test_claim_between_needs_upper_bound_not_below_value():
    claim = make_claim()
    claim.qualifier, claim.value, claim.value_max = Claim.Qualifier.BETWEEN, Decimal("30"), Decimal("20")
    rejected_by_database(claim.save, "claim_range_only_with_between")
    claim.refresh_from_db(fields=["version"])  # the refused save had moved the version on in memory
    claim.value_max = None
    rejected_by_database(claim.save, "claim_range_only_with_between")


def test_claim_value_is_required():
    claim = make_claim()
    claim.value = None
    rejected_by_database(claim.save, "curation_claim.value")


def test_claim_unit_cannot_be_empty():
    claim = make_claim()
    claim.unit = ""
    rejected_by_database(claim.save, "claim_unit_not_empty")


def test_claim_cannot_be_a_conversion_of_itself():
    claim = make_claim()
    claim.conversion_of_id = claim.pk
    rejected_by_database(claim.save, "claim_not_conversion_of_itself")


def test_claim_clean_explains_stock_and_flow_periods():
    stock = make_metric(nature=Metric.Nature.STOCK, unit="enterprises")
    claim = Claim(
        place=make_place(),
        metric=stock,
        value=Decimal(5173),
        unit="enterprises",
        period_start=datetime.date(2023, 11, 1),
        period_end=datetime.date(2026, 1, 31),
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "A stock is a level at one date" in str(error.value)
    flow = make_metric(nature=Metric.Nature.FLOW)
    claim = Claim(
        place=make_place(), metric=flow, value=Decimal(3100), unit="enterprises", period_end=datetime.date(2026, 1, 31)
    )
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "A flow is summed over a period" in str(error.value)


@pytest.mark.parametrize(
    "entered",
    ["93160000000", "237580000000", "0.000001", "123456789.123456", "999999999999999", "43850000000000", "-12.5"],
)
def test_value_comes_back_exactly_as_entered(entered):
    claim = make_claim(value=Decimal(entered))
    stored = Claim.objects.get(pk=claim.pk).value
    assert stored == Decimal(entered)
    assert stored.normalize() == Decimal(entered).normalize()


def test_value_beyond_fifteen_significant_digits_is_refused_before_saving():
    validate_value_precision(Decimal("123456789012345"))
    with pytest.raises(ValidationError, match="16 significant digits"):
        validate_value_precision(Decimal("1234567890123456"))
    claim = Claim(
        place=make_place(),
        metric=make_metric(),
        value=Decimal("1234567890.123456"),
        unit="enterprises",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
    )
    with pytest.raises(ValidationError):
        claim.full_clean()


def test_source_text_cannot_be_stored_twice():
    make_source(body="Same text.\n")
    rejected_by_database(lambda: make_source(body="Same text.\r\n"), "curation_source.content_hash")


def test_source_duplicate_text_is_explained_by_clean():
    first = make_source(body="Same text.")
    with pytest.raises(ValidationError, match=f"already stored as source #{first.pk}"):
        Source(title="copy", body="Same text.").full_clean()


def test_source_body_cannot_be_empty():
    rejected_by_database(lambda: Source.objects.create(title="empty", body=""), "source_body_not_empty")


def test_source_url_unique_when_present_and_optional():
    make_source(url="https://example.org/a")
    make_source(url="")
    make_source(url=None)
    assert Source.objects.filter(url__isnull=True).count() == 2
    rejected_by_database(lambda: make_source(url="https://example.org/a"), "curation_source.url")


def test_source_content_hash_ignores_line_endings_only():
    assert body_content_hash("a\r\nb") == body_content_hash("a\nb\n")
    assert body_content_hash("a b") != body_content_hash("a  b")


def test_cited_source_cannot_be_deleted():
    source = make_source()
    make_claim(source=source)
    with pytest.raises(ProtectedError):
        source.delete()
    assert Source.objects.filter(pk=source.pk).exists()


def test_outlet_name_is_unique():
    make_outlet(name="WAM")
    rejected_by_database(lambda: make_outlet(name="WAM"), "curation_outlet.name")


def test_place_name_unique_ignoring_case():
    make_place(name="Kashgar Prefecture")
    rejected_by_database(lambda: make_place(name="kashgar prefecture"), "place_name_unique_ignoring_case")


def test_alias_unique_ignoring_case():
    make_place(aliases=["Kashi"])
    rejected_by_database(lambda: make_place(aliases=["KASHI"]), "place_alias_unique_ignoring_case")


def test_alias_cannot_repeat_another_places_name():
    make_place(name="Horgos")
    other = make_place(name="Horgos Port")
    with pytest.raises(ValidationError, match="already the name of another place"):
        PlaceAlias(place=other, name="horgos").full_clean()


def test_place_cannot_be_part_of_itself_or_linked_twice():
    zone, area = make_place(), make_place()
    rejected_by_database(lambda: PlaceLink.objects.create(part=zone, whole=zone), "place_link_not_self")
    PlaceLink.objects.create(part=area, whole=zone)
    rejected_by_database(lambda: PlaceLink.objects.create(part=area, whole=zone), "place_link_unique_pair")


def test_rate_metric_cannot_be_additive():
    rejected_by_database(
        lambda: Metric.objects.create(code="growth", name="Growth", unit="%", nature="rate", is_additive=True),
        "metric_rate_not_additive",
    )


def test_metric_code_is_unique():
    make_metric(code="trade_value")
    rejected_by_database(lambda: make_metric(code="trade_value"), "curation_metric.code")


def test_claim_has_only_one_primary_citation():
    claim = make_claim()
    rejected_by_database(
        lambda: Citation.objects.create(claim=claim, source=make_source(), quote="x", is_primary=True),
        "citation_one_primary_per_claim",
    )
    Citation.objects.create(claim=claim, source=make_source(), quote="Trade reached", is_primary=False)
    assert claim.citations.count() == 2


def test_citation_quote_cannot_be_empty_or_repeated():
    claim = make_claim(source=False)
    source = make_source()
    rejected_by_database(
        lambda: Citation.objects.create(claim=claim, source=source, quote=""), "citation_quote_not_empty"
    )
    Citation.objects.create(claim=claim, source=source, quote="Trade reached")
    rejected_by_database(
        lambda: Citation.objects.create(claim=claim, source=source, quote="Trade reached"),
        "citation_unique_quote_per_claim",
    )


def test_citation_span_must_be_both_or_neither_and_forward():
    citation = make_claim().citations.get()
    rejected_by_database(
        lambda: Citation.objects.filter(pk=citation.pk).update(quote_start=10, quote_end=None),
        "citation_quote_span_valid",
    )
    rejected_by_database(
        lambda: Citation.objects.filter(pk=citation.pk).update(quote_start=10, quote_end=5), "citation_quote_span_valid"
    )


def test_citation_stores_where_its_quote_stands():
    source = make_source(body="Intro. The area attracted more than 3,100 new enterprises.")
    citation = make_claim(source=source).citations.get()
    assert source.body[citation.quote_start : citation.quote_end] == "more than 3,100 new enterprises"


def test_citation_with_quote_not_in_text_is_marked_not_found():
    citation = make_claim(quote="more than 3,200 new enterprises").citations.get()
    assert citation.is_quote_found is False
    assert citation.quote_start is None


def test_contradiction_pair_is_ordered_never_self_and_unique_per_kind():
    first, second = make_claim(), make_claim()
    rejected_by_database(
        lambda: Contradiction.objects.create(claim_a=second, claim_b=first, kind="other", explanation="x"),
        "contradiction_pair_ordered",
    )
    rejected_by_database(
        lambda: Contradiction.objects.create(claim_a=first, claim_b=first, kind="other", explanation="x"),
        "contradiction_pair_ordered",
    )
    Contradiction.objects.create(claim_a=first, claim_b=second, kind="other", explanation="x")
    rejected_by_database(
        lambda: Contradiction.objects.create(claim_a=first, claim_b=second, kind="other", explanation="y"),
        "contradiction_unique_pair_kind",
    )
    Contradiction.objects.create(claim_a=first, claim_b=second, kind="scope_mismatch", explanation="y")


def test_contradiction_clean_puts_pair_in_order():
    first, second = make_claim(), make_claim()
    contradiction = Contradiction(claim_a=second, claim_b=first, kind="other", explanation="x")
    contradiction.full_clean()
    assert (contradiction.claim_a_id, contradiction.claim_b_id) == (first.pk, second.pk)


def test_contradiction_explanation_cannot_be_empty():
    first, second = make_claim(), make_claim()
    rejected_by_database(
        lambda: Contradiction.objects.create(claim_a=first, claim_b=second, kind="other", explanation=""),
        "contradiction_explanation_not_empty",
    )


def test_value_display_reads_like_the_source():
    claim = make_claim(value=Decimal("93160000000"), unit="CNY", qualifier=Claim.Qualifier.EXACT)
    assert Claim.objects.get(pk=claim.pk).value_display == "93.16 billion CNY"
    claim = make_claim(value=Decimal("20"), value_max=Decimal("30"), unit="%", qualifier=Claim.Qualifier.BETWEEN)
    assert claim.value_display == "between 20 and 30%"
    claim = make_claim(value=Decimal("5.7"), unit="%", qualifier=Claim.Qualifier.MORE_THAN)
    assert Claim.objects.get(pk=claim.pk).value_display == "more than 5.7%"


def test_place_resolves_name_and_alias_ignoring_case():
    prefecture = make_place(name="Kashgar Prefecture", aliases=["Kashi", "Kashi Prefecture"])
    assert Place.objects.resolve("kashi") == prefecture
    assert Place.objects.resolve("  KASHGAR PREFECTURE ") == prefecture
    assert Place.objects.resolve("Kashgarr") is None
    assert Place.objects.resolve("") is None


def test_place_part_of_graph_allows_two_parents():
    zone = make_place(name="Xinjiang FTZ", kind=Place.Kind.ZONE)
    prefecture = make_place(name="Kashgar Prefecture", kind=Place.Kind.PREFECTURE)
    area = make_place(name="Kashgar Area (FTZ)", kind=Place.Kind.FTZ_AREA, part_of=[zone, prefecture])
    assert set(area.part_of.all()) == {zone, prefecture}
    assert list(zone.parts.all()) == [area]

"""The contradiction check after an import (issue 14): only the written claims' comparison groups,
in batches, with the findings a full run gives for them."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from curation.contradictions import detection
from curation.models import Claim, Contradiction, Metric, Place
from tests.builders import make_claim, make_metric, make_place, make_source
from tests.test_resources import csv_bytes, row

pytestmark = pytest.mark.django_db

BODY = (
    "Kashgar news. The area attracted more than 3,100 new enterprises. "
    "Trade reached 93.16 billion yuan ($13.36 billion) in 2025. Growth was -2.5 percent."
)
QUOTE = "Trade reached 93.16 billion yuan ($13.36 billion) in 2025"
FILLER_ROWS = 205  # past the 200 claims at which the import used to run the rules over every claim


@pytest.fixture
def desk():
    """Kashgar inside Xinjiang, stated figures for both, and an article the import file cites."""
    make_source(title="Kashgar news", url="https://example.org/kashgar", body=BODY)
    region = make_place(name="Xinjiang", kind=Place.Kind.REGION)
    city = make_place(name="Kashgar", aliases=["Kashi"], part_of=[region])
    trade = make_metric(code="trade_value", name="Trade", unit="CNY", nature=Metric.Nature.FLOW)
    year = {"period_start": datetime.date(2025, 1, 1), "period_end": datetime.date(2025, 12, 31)}
    stated = {
        # the same figure as the file's first row states, from another article: a value mismatch
        "city_year": make_claim(place=city, metric=trade, value=Decimal("93.16e9"), qualifier="exact", **year),
        # the whole, smaller than the file's part: part exceeds whole
        "region_year": make_claim(place=region, metric=trade, value=Decimal("10e9"), qualifier="exact", **year),
        # half a year larger than the file's whole year: period mismatch
        "city_half": make_claim(
            place=city,
            metric=trade,
            value=Decimal("100e9"),
            qualifier="exact",
            period_start=datetime.date(2025, 1, 1),
            period_end=datetime.date(2025, 6, 30),
        ),
    }
    detection.detect_all()
    return {"city": city, "region": region, "trade": trade, **stated}


def _file(*, first_value="50 billion") -> bytes:
    rows = [row(value=first_value, qualifier="exact")]
    rows += [row(value=str(number), unit=f"u{number}") for number in range(1, FILLER_ROWS + 1)]
    return csv_bytes(rows)


def _import(tmp_path, editor, data: bytes) -> None:
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    call_command("import_claims", str(path), "--user", editor.username, stdout=io.StringIO())


def _contradictions() -> set[tuple]:
    return set(
        Contradiction.objects.values_list("claim_a_id", "claim_b_id", "kind", "status", "explanation", "fingerprint")
    )


@pytest.mark.parametrize("batch", [detection.WRITTEN_BATCH, 7])
def test_after_an_import_the_contradictions_are_those_a_full_run_finds(desk, editor, tmp_path, monkeypatch, batch):
    monkeypatch.setattr(detection, "WRITTEN_BATCH", batch)
    _import(tmp_path, editor, _file())
    imported = Claim.objects.get(value=Decimal("50e9"))
    after_import = _contradictions()
    kinds = {kind for first, second, kind, status, *_ in after_import if imported.pk in (first, second)}
    assert kinds == {"value_mismatch", "part_exceeds_whole", "period_mismatch"}

    report = detection.detect_all()

    assert (report.created, report.refreshed, report.reopened, report.closed) == (0, 0, 0, 0)
    assert _contradictions() == after_import


def test_a_reimport_that_changes_a_draft_closes_the_finding_it_no_longer_makes(desk, editor, tmp_path):
    _import(tmp_path, editor, _file())
    imported = Claim.objects.get(value=Decimal("50e9"))
    mismatch = Contradiction.objects.get(kind="value_mismatch", claim_b=imported)

    _import(tmp_path, editor, _file(first_value="93.16 billion"))

    mismatch.refresh_from_db()
    assert mismatch.status == Contradiction.Status.DISMISSED
    assert "Closed automatically" in mismatch.resolution_note
    after_import = _contradictions()
    report = detection.detect_all()
    assert (report.created, report.refreshed, report.reopened, report.closed) == (0, 0, 0, 0)
    assert _contradictions() == after_import


def test_the_check_after_an_import_leaves_claims_outside_the_written_groups_alone(desk, editor, tmp_path):
    # Two conflicting figures written without the rules (as a bulk load would): only a full run flags them.
    elsewhere = make_place(name="Aksu")
    stock = make_metric(code="registered_enterprises", unit="enterprises", nature=Metric.Nature.STOCK)
    first = make_claim(place=elsewhere, metric=stock, value=Decimal("100"), qualifier="exact")
    second = make_claim(place=elsewhere, metric=stock, value=Decimal("900"), qualifier="exact")

    _import(tmp_path, editor, _file())

    assert Contradiction.objects.filter(kind="value_mismatch", claim_b=Claim.objects.get(value=Decimal("50e9")))
    assert not Contradiction.objects.filter(claim_a__in=[first, second]).exists()
    assert detection.detect_all(dry_run=True).created == 1  # the pair a full run would add


def test_the_check_loads_each_batch_of_written_claims_with_its_groups_only(desk, editor, tmp_path, monkeypatch):
    far = make_claim(
        place=desk["city"],
        metric=desk["trade"],
        value=Decimal("1"),
        period_start=datetime.date(1990, 1, 1),
        period_end=datetime.date(1990, 12, 31),
    )
    loaded = []
    original = detection.load_claim_facts

    def recording(queryset=None):
        facts = original(queryset)
        loaded.extend(item.id for item in facts)
        return facts

    monkeypatch.setattr(detection, "load_claim_facts", recording)
    monkeypatch.setattr(detection, "WRITTEN_BATCH", 50)
    _import(tmp_path, editor, _file())

    written = set(Claim.objects.filter(created_by=editor).values_list("pk", flat=True))
    assert len(written) == FILLER_ROWS + 1
    assert far.pk not in loaded  # 1990 is decades from every written period
    assert {desk["region_year"].pk, desk["city_half"].pk} | written <= set(loaded)

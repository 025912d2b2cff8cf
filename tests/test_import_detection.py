"""The contradiction check after an import (issue 14): a job queued when the import commits, over
only the written claims' comparison groups, in batches, with the findings a full run gives for them."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import transaction

from curation import services
from curation.contradictions import detection
from curation.jobs import import_check
from curation.models import Claim, Contradiction, Job, Metric, Place
from curation.review import workflow
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


@pytest.fixture
def import_committed(tmp_path, editor, django_capture_on_commit_callbacks):
    """Import a file with the command and let it commit: its queued contradiction check then runs."""

    def run(data: bytes) -> None:
        path = tmp_path / "claims.csv"
        path.write_bytes(data)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("import_claims", str(path), "--user", editor.username, stdout=io.StringIO())

    return run


def _contradictions() -> set[tuple]:
    return set(
        Contradiction.objects.values_list("claim_a_id", "claim_b_id", "kind", "status", "explanation", "fingerprint")
    )


@pytest.mark.parametrize("batch", [detection.WRITTEN_BATCH, 7])
def test_after_an_import_the_contradictions_are_those_a_full_run_finds(desk, import_committed, monkeypatch, batch):
    monkeypatch.setattr(detection, "WRITTEN_BATCH", batch)
    import_committed(_file())
    imported = Claim.objects.get(value=Decimal("50e9"))
    after_import = _contradictions()
    kinds = {kind for first, second, kind, status, *_ in after_import if imported.pk in (first, second)}
    assert kinds == {"value_mismatch", "part_exceeds_whole", "period_mismatch"}

    report = detection.detect_all()

    assert (report.created, report.refreshed, report.reopened, report.closed) == (0, 0, 0, 0)
    assert _contradictions() == after_import


def test_a_reimport_that_changes_a_draft_closes_the_finding_it_no_longer_makes(desk, import_committed):
    import_committed(_file())
    imported = Claim.objects.get(value=Decimal("50e9"))
    mismatch = Contradiction.objects.get(kind="value_mismatch", claim_b=imported)

    import_committed(_file(first_value="93.16 billion"))

    mismatch.refresh_from_db()
    assert mismatch.status == Contradiction.Status.DISMISSED
    assert "Closed automatically" in mismatch.resolution_note
    after_import = _contradictions()
    report = detection.detect_all()
    assert (report.created, report.refreshed, report.reopened, report.closed) == (0, 0, 0, 0)
    assert _contradictions() == after_import


def test_the_check_after_an_import_leaves_claims_outside_the_written_groups_alone(desk, import_committed):
    # Two conflicting figures written without the rules (as a bulk load would): only a full run flags them.
    elsewhere = make_place(name="Aksu")
    stock = make_metric(code="registered_enterprises", unit="enterprises", nature=Metric.Nature.STOCK)
    first = make_claim(place=elsewhere, metric=stock, value=Decimal("100"), qualifier="exact")
    second = make_claim(place=elsewhere, metric=stock, value=Decimal("900"), qualifier="exact")

    import_committed(_file())

    assert Contradiction.objects.filter(kind="value_mismatch", claim_b=Claim.objects.get(value=Decimal("50e9")))
    assert not Contradiction.objects.filter(claim_a__in=[first, second]).exists()
    assert detection.detect_all(dry_run=True).created == 1  # the pair a full run would add


def test_the_check_loads_each_batch_of_written_claims_with_its_groups_only(desk, editor, import_committed, monkeypatch):
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
    import_committed(_file())

    written = set(Claim.objects.filter(created_by=editor).values_list("pk", flat=True))
    assert len(written) == FILLER_ROWS + 1
    assert far.pk not in loaded  # 1990 is decades from every written period
    assert {desk["region_year"].pk, desk["city_half"].pk} | written <= set(loaded)


# ---- the check as a job queued for the import's commit ------------------------------------------


def _import_uncommitted(tmp_path, editor, data: bytes, django_capture_on_commit_callbacks) -> tuple[str, list]:
    """Import with the command; the commit's callbacks (the queued check) are kept, not run. Returns the output."""
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        call_command("import_claims", str(path), "--user", editor.username, stdout=out)
    return out.getvalue(), callbacks


def test_the_import_answers_with_its_check_queued_and_the_check_flags_what_the_inline_check_did(
    desk, editor, tmp_path, django_capture_on_commit_callbacks
):
    before = _contradictions()  # the desk's own claims' flags
    output, callbacks = _import_uncommitted(tmp_path, editor, _file(), django_capture_on_commit_callbacks)
    written = sorted(Claim.objects.filter(created_by=editor).values_list("pk", flat=True))
    check = Job.objects.get(kind=Job.Kind.CONTRADICTIONS)
    assert check.state == Job.State.QUEUED and check.started_by == editor
    assert import_check.ids_of(check.parameters["claim_ranges"]) == written
    assert f"queued as job #{check.pk}" in output and "cannot be approved before" in output
    assert _contradictions() == before  # the import answered before the rules ran

    # What the check inside the import gave before it was queued, on the same data.
    with transaction.atomic():
        services.claims_written_in_bulk(claim_ids=written)
        inline = _contradictions()
        transaction.set_rollback(True)
    assert _contradictions() == before and inline != before

    for callback in callbacks:  # the import's commit: the job runs (immediate backend)
        callback()
    check.refresh_from_db()
    assert check.state == Job.State.DONE, check.error
    assert "Contradiction check of 206 imported claims: 3 conflicts found, 3 new open contradictions" in check.summary
    assert _contradictions() == inline
    imported = Claim.objects.get(value=Decimal("50e9")).pk
    kinds = {kind for first, second, kind, *_ in inline if imported in (first, second)}
    assert kinds == {"value_mismatch", "part_exceeds_whole", "period_mismatch"}


def test_an_imported_claim_cannot_be_approved_until_its_check_has_run(
    desk, editor, django_user_model, tmp_path, django_capture_on_commit_callbacks
):
    reviewer = django_user_model.objects.create_user(username="rev", is_staff=True, is_superuser=True)
    _, callbacks = _import_uncommitted(tmp_path, editor, _file(), django_capture_on_commit_callbacks)
    check = Job.objects.get(kind=Job.Kind.CONTRADICTIONS)
    claim = Claim.objects.get(created_by=editor, unit="u1")  # a filler row: no contradiction
    workflow.claim_submit(claim=claim, user=editor)

    with pytest.raises(ValidationError) as refused:
        workflow.claim_approve(claim=claim, reviewer=reviewer, note="checked")
    assert f"contradiction check of the import that wrote this claim (job #{check.pk}) is queued" in str(refused.value)

    Job.objects.filter(pk=check.pk).update(state=Job.State.FAILED)
    with pytest.raises(ValidationError, match="is failed; its flags are not known yet. Run it again"):
        workflow.claim_approve(claim=claim, reviewer=reviewer, note="checked")

    Job.objects.filter(pk=check.pk).update(state=Job.State.QUEUED)
    for callback in callbacks:
        callback()
    assert workflow.claim_approve(claim=claim, reviewer=reviewer, note="checked").status == "approved"


def test_a_refused_import_and_a_dry_run_queue_no_check(desk, editor, tmp_path, django_capture_on_commit_callbacks):
    bad = csv_bytes([row(value="50 billion", qualifier="exact"), row(place="Kashgarr")])
    path = tmp_path / "claims.csv"
    path.write_bytes(bad)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(CommandError):
        call_command("import_claims", str(path), "--user", editor.username, stdout=io.StringIO())
    path.write_bytes(_file())
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_claims", str(path), "--dry-run", stdout=io.StringIO())
    assert not Job.objects.exists() and not Claim.objects.filter(created_by=editor).exists()


def test_id_ranges_are_the_unbroken_runs_of_the_ids():
    assert import_check.id_ranges([7, 1, 3, 2, 3, 9, 8]) == [[1, 3], [7, 9]]
    assert import_check.ids_of([[1, 3], [7, 9]]) == [1, 2, 3, 7, 8, 9]
    assert import_check.id_ranges([]) == []

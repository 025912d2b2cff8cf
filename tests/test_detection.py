"""Running the rules against the database: saving findings idempotently, closing, reopening, resolving."""

import dataclasses
import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import transaction

from curation import services
from curation.contradictions import detection, resolution
from curation.contradictions.rules import place_name_key
from curation.models import Claim, Contradiction, Metric, Place, PlaceAlias
from tests.builders import make_claim, make_contradiction, make_metric, make_place, make_source

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def story():
    """The Kashgar area inside the zone; one metric; helpers to add claims without a save-time check."""
    zone = make_place(name="Xinjiang FTZ", kind=Place.Kind.ZONE)
    area = make_place(name="Kashgar Area (FTZ)", kind=Place.Kind.FTZ_AREA, part_of=[zone])
    metric = make_metric(code="new_enterprises")
    return {"zone": zone, "area": area, "metric": metric}


def claim_in(story, value, *, place="area", qualifier="exact", **fields):
    return make_claim(place=story[place], metric=story["metric"], value=Decimal(value), qualifier=qualifier, **fields)


def test_full_run_saves_each_conflict_once_with_the_rule_code(story):
    first, second = claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000)
    report = detection.detect_all()
    flag = Contradiction.objects.get()
    assert (flag.claim_a, flag.claim_b, flag.kind) == (first, second, Contradiction.Kind.VALUE_MISMATCH)
    assert flag.detected_by == "value_mismatch" and flag.status == Contradiction.Status.OPEN
    assert flag.severity == Contradiction.Severity.HIGH and flag.fingerprint
    assert report.created == 1 and report.found == {"value_mismatch": 1}
    # Its history row is written with it (copied inside the database).
    history = Contradiction.history.get(id=flag.pk)
    assert (history.history_type, history.status, history.explanation) == ("+", flag.status, flag.explanation)

    again = detection.detect_all()
    assert Contradiction.objects.count() == 1
    assert (again.created, again.unchanged, again.total_found) == (0, 1, 1)


def test_dry_run_reports_without_saving(story):
    claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000)
    report = detection.detect_all(dry_run=True)
    assert report.created == 1 and not Contradiction.objects.exists()


def test_saving_a_claim_checks_it_and_only_it(story, editor):
    # Two conflicting claims elsewhere are not this save's business.
    other_metric = make_metric(code="cargo")
    make_claim(place=story["area"], metric=other_metric, value=Decimal(10))
    make_claim(place=story["area"], metric=other_metric, value=Decimal(20))
    first = claim_in(story, 3100, qualifier="more_than")
    second = Claim(place=story["area"], metric=story["metric"], value=Decimal(3000), unit="enterprises",
                   period_start=first.period_start, period_end=first.period_end)  # fmt: skip
    services.claim_save(claim=second, user=editor)
    assert list(Contradiction.objects.values_list("claim_a", "claim_b", "detected_by")) == [
        (first.pk, second.pk, "value_mismatch")
    ]


def test_a_finding_that_no_longer_holds_after_an_edit_is_closed_with_a_note(story, editor):
    claim_in(story, 3100, qualifier="more_than")
    second = claim_in(story, 3000)
    detection.detect_all()
    second.value = Decimal(3150)
    services.claim_save(claim=second, user=editor)
    flag = Contradiction.objects.get()
    assert flag.status == Contradiction.Status.DISMISSED
    assert flag.resolution_note.startswith("Closed automatically")
    assert "no longer finds a conflict" in flag.resolution_note and "consistent" in flag.resolution_note


def test_rejecting_a_claim_closes_its_open_findings(story):
    claim_in(story, 3100, qualifier="more_than")
    second = claim_in(story, 3000)
    detection.detect_all()
    Claim.objects.filter(pk=second.pk).update(status=Claim.Status.REJECTED)
    report = detection.detect_all()
    flag = Contradiction.objects.get()
    assert report.closed == 1 and flag.status == Contradiction.Status.DISMISSED
    assert f"claim #{second.pk} is rejected" in flag.resolution_note


def test_a_dismissed_finding_stays_dismissed_until_the_claims_change(story, editor):
    first, second = claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000)
    detection.detect_all()
    flag = Contradiction.objects.get()
    resolution.contradiction_resolve(
        contradiction=flag, user=editor, status=Contradiction.Status.DISMISSED, note="Different counting methods."
    )
    report = detection.detect_all()
    services.claim_save(claim=first, user=editor)  # saved without a change
    flag.refresh_from_db()
    assert report.kept_resolved == 1 and flag.status == Contradiction.Status.DISMISSED

    second.value = Decimal(2900)
    services.claim_save(claim=second, user=editor)
    flag.refresh_from_db()
    assert flag.status == Contradiction.Status.OPEN
    assert "Reopened automatically" in flag.resolution_note and "Different counting methods." in flag.resolution_note
    assert "2,900" in flag.explanation


def test_a_contradiction_flagged_by_hand_is_left_alone(story):
    first, second = claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000)
    make_contradiction(first, second, explanation="Spotted by an editor.")
    report = detection.detect_all()
    flag = Contradiction.objects.get()
    assert report.kept_hand_flagged == 1 and flag.explanation == "Spotted by an editor." and flag.detected_by == ""


def test_editing_the_growth_rate_closes_an_arithmetic_finding_it_took_part_in(editor):
    place = make_place()
    registered = make_metric(code="registered", nature=Metric.Nature.STOCK, unit="enterprises")
    growth = make_metric(code="registered_growth", nature=Metric.Nature.RATE, unit="%", growth_of=registered)
    new = make_metric(code="new", increment_of=registered)
    source = make_source()
    span = dict(period_start=D(2023, 11, 1), period_end=D(2026, 1, 31))
    level = make_claim(place=place, metric=registered, value=Decimal(5173), qualifier="exact", source=source,
                       period_end=span["period_end"])  # fmt: skip
    rate = make_claim(place=place, metric=growth, value=Decimal("54.6"), qualifier="exact", source=source, **span)
    stated = make_claim(place=place, metric=new, value=Decimal(3100), qualifier="more_than", source=source, **span)
    detection.detect_all()
    flag = Contradiction.objects.get()
    assert flag.detected_by == "arithmetic" and {flag.claim_a, flag.claim_b} == {level, stated}

    rate.value = Decimal("154.6")
    services.claim_save(claim=rate, user=editor)
    flag.refresh_from_db()
    assert flag.status == Contradiction.Status.DISMISSED and "3,141" in flag.resolution_note


def test_part_of_graph_with_two_parents_is_followed_from_the_database():
    zone = make_place(kind=Place.Kind.ZONE)
    prefecture = make_place(kind=Place.Kind.PREFECTURE)
    area = make_place(kind=Place.Kind.FTZ_AREA, part_of=[zone, prefecture])
    metric = make_metric()
    part = make_claim(place=area, metric=metric, value=Decimal(5000), qualifier="exact")
    make_claim(place=zone, metric=metric, value=Decimal(9000), qualifier="exact")
    whole = make_claim(place=prefecture, metric=metric, value=Decimal(4000), qualifier="exact")
    detection.detect_all()
    assert list(Contradiction.objects.values_list("claim_a", "claim_b", "kind")) == [
        (part.pk, whole.pk, "part_exceeds_whole")
    ]
    # the save-time check walks the same graph from the whole's side
    Contradiction.objects.all().delete()
    detection.detect_for_claim(claim=whole)
    assert Contradiction.objects.filter(claim_a=part, claim_b=whole).exists()


def test_command_prints_what_it_found_created_and_left_alone(story):
    claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000)
    out = StringIO()
    call_command("detect_contradictions", "--list", stdout=out)
    text = out.getvalue()
    assert "Conflicts found: 1 (value_mismatch 1)" in text
    assert "Created: 1 new open contradictions" in text
    assert "[value_mismatch]" in text
    out = StringIO()
    call_command("detect_contradictions", stdout=out)
    assert "Created: 0 new" in out.getvalue() and "1 unchanged" in out.getvalue()


# ---- resolution ---------------------------------------------------------------------------


@pytest.fixture
def value_conflict(story):
    claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000)
    detection.detect_all()
    return Contradiction.objects.get()


def test_confirming_a_value_mismatch_prefers_one_claim_and_deprecates_the_other(value_conflict, editor):
    preferred, other = value_conflict.claim_a, value_conflict.claim_b
    resolution.contradiction_resolve(
        contradiction=value_conflict, user=editor, status=Contradiction.Status.CONFIRMED,
        note="The administrative office's figure is the primary one.", preferred=preferred,
    )  # fmt: skip
    preferred.refresh_from_db(), other.refresh_from_db(), value_conflict.refresh_from_db()
    assert value_conflict.status == Contradiction.Status.CONFIRMED and value_conflict.resolved_by == editor
    assert preferred.rank == Claim.Rank.PREFERRED and other.rank == Claim.Rank.DEPRECATED
    assert f"in favour of claim #{preferred.pk}" in other.rank_reason
    assert list(Claim.objects.not_deprecated()) == [preferred]
    assert Claim.history.filter(id=other.pk, rank=Claim.Rank.DEPRECATED, history_user=editor).exists()


def test_confirming_a_value_mismatch_without_a_preferred_claim_is_refused(value_conflict, editor):
    with pytest.raises(ValidationError, match="which claim is preferred"):
        resolution.contradiction_resolve(
            contradiction=value_conflict, user=editor, status=Contradiction.Status.CONFIRMED, note="Real."
        )
    value_conflict.refresh_from_db()
    assert value_conflict.status == Contradiction.Status.OPEN


@pytest.mark.parametrize("note", ["", "   "])
def test_resolving_needs_a_note(value_conflict, editor, note):
    with pytest.raises(ValidationError, match="Write a note"):
        resolution.contradiction_resolve(
            contradiction=value_conflict, user=editor, status=Contradiction.Status.DISMISSED, note=note
        )


def test_preferred_claim_must_belong_to_the_pair(value_conflict, editor):
    stranger = make_claim()
    with pytest.raises(ValidationError, match="not one of the two claims"):
        resolution.contradiction_resolve(
            contradiction=value_conflict, user=editor, status=Contradiction.Status.CONFIRMED, note="x",
            preferred=stranger,
        )  # fmt: skip


def test_resolving_needs_the_resolve_permission(value_conflict, django_user_model):
    viewer = django_user_model.objects.create_user(username="viewer", password="pw-viewer-123", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_contradiction"))
    with pytest.raises(PermissionDenied):
        resolution.contradiction_resolve(
            contradiction=value_conflict, user=viewer, status=Contradiction.Status.DISMISSED, note="No."
        )


# ---- the seed fixtures ----------------------------------------------------------------------


def test_seed_findings_are_all_reviewed_and_a_rerun_changes_nothing():
    call_command("loaddata", "seed", verbosity=0)
    detected = Contradiction.objects.exclude(detected_by="")
    assert detected.exists()
    assert not Contradiction.objects.filter(status=Contradiction.Status.OPEN).exists()
    assert all(flag.resolution_note for flag in Contradiction.objects.all())
    report = detection.detect_all()
    assert (report.created, report.reopened, report.closed) == (0, 0, 0)
    assert report.kept_resolved == detected.count()


def test_seed_pair_3100_vs_18000_is_explained_by_the_part_within_whole_reading():
    call_command("loaddata", "seed", verbosity=0)
    flag = Contradiction.objects.get(claim_a_id=4, claim_b_id=29)
    readings = detection.explain_pair(contradiction=flag)
    texts = [reading.explanation for reading in readings if not reading.is_conflict]
    assert any("is 17% of" in text and "part's period is longer" in text for text in texts)


def test_a_save_time_check_after_a_full_run_rewrites_nothing(story):
    claims = [claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000), claim_in(story, 2900)]
    claims.append(claim_in(story, 99000, place="zone"))
    detection.detect_all()
    for claim in claims:
        report = detection.detect_for_claim(claim=claim)
        assert (report.created, report.refreshed, report.closed) == (0, 0, 0)


def test_saving_a_growth_rate_flags_a_pace_and_editing_it_closes_the_flag(editor):
    place = make_place(name="Horgos Port", kind=Place.Kind.PORT)
    vehicles = make_metric(code="vehicle_exports", unit="vehicles")
    growth_metric = make_metric(code="vehicle_growth", unit="%", nature=Metric.Nature.RATE, growth_of=vehicles)
    part_period = {"period_start": D(2025, 1, 1), "period_end": D(2025, 8, 31)}
    make_claim(place=place, metric=vehicles, value=Decimal(258000), qualifier="exact", **part_period)
    make_claim(place=place, metric=vehicles, value=Decimal(1200000), qualifier="exact", period_start=D(2023, 11, 1),
               period_end=D(2025, 9, 30))  # fmt: skip
    growth = Claim(place=place, metric=growth_metric, value=Decimal("8.5"), unit="%", **part_period)
    services.claim_save(claim=growth, user=editor)
    flag = Contradiction.objects.get()
    assert (flag.detected_by, flag.verdict, flag.status) == ("pace", "suspicious", Contradiction.Status.OPEN)
    assert "leaves 942,000 vehicles" in flag.explanation
    # A 40% fall a year earlier makes the earlier months fast enough: the flag on the pair is closed.
    growth.value = Decimal(-40)
    services.claim_save(claim=growth, user=editor)
    flag.refresh_from_db()
    assert flag.status == Contradiction.Status.DISMISSED and "consistent" in flag.resolution_note


# ---- what a save-time check reads ----------------------------------------------------------


def test_place_name_keys_follow_names_through_saves_bulk_creates_and_the_full_run(story):
    area = story["area"]
    assert Place.objects.get(pk=area.pk).name_key == "kashgar"
    area.name = "Kashi Area (FTZ)"
    area.save()
    PlaceAlias.objects.bulk_create([PlaceAlias(place=area, name="Old Kashgar Port")])
    assert Place.objects.get(pk=area.pk).name_key == "kashi"
    assert PlaceAlias.objects.get(place=area).name_key == "old kashgar"
    # A bulk UPDATE goes around both: the full run puts the key right again.
    Place.objects.filter(pk=area.pk).update(name_key="stale")
    detection.detect_all()
    assert Place.objects.get(pk=area.pk).name_key == "kashi"


def test_a_save_time_check_finds_a_place_alike_only_through_an_alias(story, editor):
    # "Kashi" names the prefecture; the area is "Kashgar Area (FTZ)" and reads as "kashi" only by its alias.
    PlaceAlias.objects.create(place=story["area"], name="Kashi Area")
    prefecture = make_place(name="Kashi Prefecture", kind=Place.Kind.PREFECTURE)
    area_claim = claim_in(story, 3100, source=make_source())
    claim = Claim(place=prefecture, metric=story["metric"], value=Decimal(5000), unit="enterprises",
                  period_start=area_claim.period_start, period_end=area_claim.period_end)  # fmt: skip
    services.claim_save(claim=claim, user=editor)
    assert list(Contradiction.objects.values_list("claim_a", "claim_b", "detected_by")) == [
        (area_claim.pk, claim.pk, "scope_mismatch")
    ]


def test_seed_save_time_checks_find_what_the_full_run_finds():
    """Each claim's check, fetching only its candidates, says what the full run says about the pairs it is in."""
    call_command("loaddata", "seed", verbosity=0)
    # Fixtures are raw saves: the name keys are kept there too.
    assert all(place_name_key(name) == key for name, key in Place.objects.values_list("name", "name_key"))
    assert all(place_name_key(name) == key for name, key in PlaceAlias.objects.values_list("name", "name_key"))
    full = detection.detect_all(dry_run=True).findings
    for claim in Claim.objects.all():
        with transaction.atomic():
            checked = detection.detect_for_claim(claim=claim).findings
            transaction.set_rollback(True)
        expected = [finding for finding in full if claim.pk in finding.claim_ids]
        mine = [finding for finding in checked if claim.pk in finding.claim_ids]
        assert mine == expected, claim.pk


def test_the_save_time_check_reads_the_same_snapshots_as_the_full_run():
    """Its hand-written SELECT gives, field for field, what `load_claim_facts` gives (decimals, dates, booleans)."""
    call_command("loaddata", "seed", verbosity=0)
    # A value with decimals, a range, and a claim the rules do not compare (rejected): all as the ORM reads them.
    first, second, third = Claim.objects.order_by("pk").values_list("pk", flat=True)[:3]
    Claim.objects.filter(pk=first).update(value=Decimal("1234.567891"))
    Claim.objects.filter(pk=second).update(value=Decimal("12.5"), value_max=Decimal("99.5"), qualifier="between")
    Claim.objects.filter(pk=third).update(status=Claim.Status.REJECTED)
    table = Claim._meta.db_table
    by_sql = detection.load_candidates(f"SELECT id FROM {table} WHERE id > %s", [0]).facts
    by_orm = sorted(detection.load_claim_facts(), key=lambda facts: facts.id)
    assert len(by_sql) == Claim.objects.filter(status__in=detection.COMPARED_STATUSES).count()
    assert [dataclasses.astuple(facts) for facts in by_sql] == [dataclasses.astuple(facts) for facts in by_orm]
    assert [type(facts.value) for facts in by_sql] == [Decimal] * len(by_sql)


def test_a_save_time_check_reads_the_database_in_a_few_queries(story, django_assert_max_num_queries):
    # The place's graph and alike places; the candidates' facts, places, sources and stored
    # counts; the stored findings: one query each, whatever the number of claims and places. The
    # test runs inside a transaction, as a save's check does: a savepoint would be two more.
    other = make_place(name="Kashgar Prefecture", kind=Place.Kind.PREFECTURE, part_of=[story["zone"]])
    claims = [claim_in(story, 3100, qualifier="more_than"), claim_in(story, 3000), claim_in(story, 9000, place="zone")]
    claims.append(make_claim(place=other, metric=story["metric"], value=Decimal(4000)))
    detection.detect_all()
    for claim in claims:
        with django_assert_max_num_queries(3):
            report = detection.detect_for_claim(claim=claim)
        assert (report.created, report.refreshed, report.closed) == (0, 0, 0)


def test_a_full_run_in_two_processes_finds_exactly_what_one_process_finds(settings, monkeypatch):
    call_command("loaddata", "seed", verbosity=0)
    Contradiction.objects.all().delete()
    settings.CONTRADICTION_PROCESSES = 1
    alone = detection.detect_all(dry_run=True).findings
    settings.CONTRADICTION_PROCESSES = 2
    monkeypatch.setattr(detection, "PARALLEL_FROM_CLAIMS", 0)
    forked = []
    real_fork = detection.os.fork
    monkeypatch.setattr(detection.os, "fork", lambda: forked.append(1) or real_fork())
    shared = detection.detect_all(dry_run=True).findings
    assert forked and alone and shared == alone
    assert {finding.rule for finding in alone} & {rule.code for rule in detection.CHILD_RULES}

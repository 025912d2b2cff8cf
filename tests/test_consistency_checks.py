"""The detector reaches the verdict docs/consistency-checks.md gives for each check across the seed articles.

The table in the document is the test's data: each row names the claims (seed primary keys),
what in the detector judges them and the editor's verdict.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from curation.contradictions import detection, rules
from curation.models import Claim
from curation.review.evidence_strength import claim_evidence

pytestmark = pytest.mark.django_db

DOC = Path(settings.BASE_DIR) / "docs" / "consistency-checks.md"
VERDICTS = {
    "consistent": rules.Verdict.CONSISTENT,
    "inconsistent": rules.Verdict.INCONSISTENT,
    "not comparable": rules.Verdict.NOT_COMPARABLE,
    "suspicious": rules.Verdict.SUSPICIOUS,
}


def documented_checks():
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"C\d+", cells[0]):
            check, claims, detector, verdict, reading = cells
            rows.append((check, [int(n) for n in claims.split(",")], detector.strip("`"), verdict, reading))
    return rows


CHECKS = documented_checks()


def test_the_document_lists_the_checks_an_editor_makes():
    detectors = {row[2] for row in CHECKS}
    assert len(CHECKS) >= 25
    assert {
        "pace",
        "base_period_spike",
        "conversion",
        "conversion_consistency",
        "evidence",
        "corroboration",
    } <= detectors
    assert {row[3] for row in CHECKS} <= set(VERDICTS)


@pytest.fixture
def seed_readings():
    """Every rule's reading of the seed claims (conflicts and consistent ones), the counts and evidence."""
    call_command("loaddata", "seed", verbosity=0)
    graph = detection.load_place_graph()
    findings = rules.find(detection.load_claim_facts(), graph, rules=detection.configured_rules(), consistent=True)
    return {
        "findings": findings,
        "counts": dict(Claim.objects.with_corroboration().values_list("pk", "corroboration_count")),
    }


def test_a_full_run_on_the_seed_finds_nothing_unreviewed():
    call_command("loaddata", "seed", verbosity=0)
    report = detection.detect_all()
    assert (report.created, report.reopened, report.closed) == (0, 0, 0)
    assert dict(report.found) == {"base_period_spike": 1}  # C5, reviewed in the fixtures


@pytest.mark.parametrize("check, claims, detector, verdict, reading", CHECKS, ids=[row[0] for row in CHECKS])
def test_the_detector_reaches_the_documented_verdict(seed_readings, check, claims, detector, verdict, reading):
    findings = seed_readings["findings"]
    if detector == "evidence":
        (claim,) = claims
        assert claim_evidence(Claim.objects.get(pk=claim)).is_weak == (verdict == "suspicious")
    elif detector == "corroboration":
        (claim,) = claims
        outlets = int(reading.split()[0])
        assert seed_readings["counts"][claim] == outlets and verdict == "consistent"
    elif detector == "none":
        # The detector does not compare them: no conflict rests on two of these claims.
        assert [f for f in findings if f.is_conflict and len(set(f.claim_ids) & set(claims)) >= 2] == []
    else:
        matching = [f for f in findings if f.rule == detector and set(f.claim_ids) == set(claims)]
        assert len(matching) == 1, (check, [(f.rule, f.claim_ids) for f in findings if set(claims) & set(f.claim_ids)])
        assert matching[0].verdict == VERDICTS[verdict]
        assert matching[0].is_conflict == (VERDICTS[verdict] in (rules.Verdict.INCONSISTENT, rules.Verdict.SUSPICIOUS))

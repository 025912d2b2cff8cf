"""The scaling benchmark's small size runs as a smoke test: synthetic data, full run, per-claim checks."""

import sys
from pathlib import Path

import pytest
from django.conf import settings

from curation.models import Contradiction

pytestmark = pytest.mark.django_db

sys.path.insert(0, str(Path(settings.BASE_DIR) / "bench"))

import contradictions_bench  # noqa: E402


def test_benchmark_small_size_finds_the_planted_conflicts_and_is_idempotent():
    result = contradictions_bench.measure(600, samples=5)
    assert result["claims"] >= 600
    assert result["findings"] == result["created"] == Contradiction.objects.exclude(status="dismissed").count()
    assert result["by_rule"].get("value_mismatch", 0) > 0 and result["by_rule"].get("arithmetic", 0) > 0
    assert result["second_run_created"] == 0
    assert result["per_claim_max_ms"] > 0

"""A place page's charts, drawn once and kept under a digest of exactly what they show.

pygal spends about a millisecond a point, so a place with 29 series of 100 points took one to
three seconds to draw, on every uncached request. Each chart's HTML (its SVG and its table of
values) is therefore kept in the "charts" cache under a digest of everything it shows: every
claim's id, value, range, unit, qualifier, period and rank, the metric's name, the chart's
position on the page, the claim pages' address, and the code and template that draw it.

A chart whose data changed (a value corrected, a claim approved, retracted or ranked, a
metric renamed) has a new digest and is drawn again, so a stale chart is never served and
nothing has to be invalidated; the charts that did not change stay drawn when the data
generation moves on for an edit elsewhere. Old entries simply expire.
"""

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.cache import caches

from curation.public.charts import MetricChart

CACHE_ALIAS = "charts"

_HERE = Path(__file__).resolve().parent
# The code that turns claims into a chart's HTML: a deployment that changes any of it draws
# every chart anew instead of serving one drawn by the old code.
_DRAWING_CODE = (
    _HERE / "charts.py",
    _HERE.parent / "formatting.py",
    _HERE.parent / "templates" / "curation" / "public" / "_place_chart.html",
    _HERE.parent / "templates" / "curation" / "public" / "_claim_value.html",
)
_CODE_DIGEST = hashlib.sha256(b"".join(path.read_bytes() for path in _DRAWING_CODE)).hexdigest()[:16]


def chart_key(chart: MetricChart, *, number: int, context: str) -> str:
    """The cache key of a chart: a digest of every value it shows and of the code that draws it.

    `context` is whatever else the drawing depends on (the claim pages' address).
    """
    digest = hashlib.sha256()
    digest.update(f"{_CODE_DIGEST}|{context}|{number}|{chart.metric.pk}|{chart.metric.name}|{chart.unit}".encode())
    for claim in chart.claims:
        digest.update(
            f"\n{claim.pk}|{claim.value}|{claim.value_max}|{claim.unit}|{claim.qualifier}|{claim.period_start}|"
            f"{claim.period_end}|{claim.period_label}|{claim.rank}".encode()
        )
    return f"place-chart:{digest.hexdigest()}"


def drawn_charts(charts: Iterable[MetricChart], *, draw: Callable[[MetricChart, int], str], context: str) -> list[str]:
    """Each chart's HTML, in order: from the cache when its data is unchanged, else drawn by `draw` and kept.

    `draw(chart, number)` returns the HTML of the chart at position `number` (from 1).
    """
    charts = list(charts)
    keys = [chart_key(chart, number=number, context=context) for number, chart in enumerate(charts, start=1)]
    cache = caches[CACHE_ALIAS]
    kept = cache.get_many(keys)
    drawn = {}
    for number, (chart, key) in enumerate(zip(charts, keys, strict=True), start=1):
        if key not in kept:
            drawn[key] = draw(chart, number)
    if drawn:
        cache.set_many(drawn)
    return [kept[key] if key in kept else drawn[key] for key in keys]

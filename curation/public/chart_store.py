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
from curation.public.selectors import ChartSeries

CACHE_ALIAS = "charts"

_HERE = Path(__file__).resolve().parent
# The code that turns claims into a chart's HTML: a deployment that changes any of it draws
# every chart anew instead of serving one drawn by the old code.
_DRAWING_CODE = (
    _HERE / "charts.py",
    _HERE.parent / "text" / "formatting.py",
    _HERE.parent / "templates" / "curation" / "public" / "_place_chart.html",
    _HERE.parent / "templates" / "curation" / "public" / "_claim_value.html",
)
_CODE_DIGEST = hashlib.sha256(b"".join(path.read_bytes() for path in _DRAWING_CODE)).hexdigest()[:16]


def chart_key(series: ChartSeries, *, number: int, context: str) -> str:
    """The cache key of a chart: a digest of every value it shows and of the code that draws it.

    `series.digest` covers its points (selectors.place_chart_series); `context` is whatever
    else the drawing depends on (the claim pages' address).
    """
    digest = hashlib.sha256()
    digest.update(
        f"{_CODE_DIGEST}|{context}|{number}|{series.metric.pk}|{series.metric.name}|{series.unit}|"
        f"{series.digest}".encode()
    )
    return f"place-chart:{digest.hexdigest()}"


def drawn_charts(
    series: Iterable[ChartSeries],
    *,
    load: Callable[[list[ChartSeries]], list[MetricChart]],
    draw: Callable[[MetricChart, int], str],
    context: str,
) -> list[str]:
    """Each chart's HTML, in order: from the cache when its data is unchanged, else drawn and kept.

    `load(missing)` gives the charts (with their claims) of the series not kept, in their
    order; `draw(chart, number)` returns the HTML of the chart at position `number` (from 1).
    """
    series = list(series)
    keys = [chart_key(one, number=number, context=context) for number, one in enumerate(series, start=1)]
    cache = caches[CACHE_ALIAS]
    kept = cache.get_many(keys)
    numbered = enumerate(zip(keys, series, strict=True), start=1)
    missing = [(number, key, one) for number, (key, one) in numbered if key not in kept]
    drawn = {}
    if missing:
        loaded = load([one for _, _, one in missing])
        for (number, key, _), chart in zip(missing, loaded, strict=True):
            drawn[key] = draw(chart, number)
        cache.set_many(drawn)
    return [kept[key] if key in kept else drawn[key] for key in keys]

"""Time-series charts of a place's approved values, one per metric and unit, drawn by pygal.

Grouping is a pure function over loaded claims; drawing returns an SVG string that the page
embeds inline, so every point links to its claim and nothing comes from elsewhere. The SVG
holds no script at all: pygal's tooltip script is switched off and its inline config script
removed (the CSP would block it, one console error per chart); the browser shows each
point's <title> as its tooltip instead.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from itertools import groupby

import pygal
from pygal.style import Style

from curation.formatting import format_claim_value, format_number, format_period
from curation.models import Claim, Metric

CHART_STYLE = Style(
    background="white",
    plot_background="white",
    foreground="#1a1a1a",
    foreground_strong="#1a1a1a",
    foreground_subtle="#6b6b6b",
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    title_font_size=16,
    legend_font_size=13,
    # Colour-blind-safe palette (Okabe–Ito), darkest first.
    colors=("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"),
)


LONE_DATE_MARGIN = timedelta(days=365)


@dataclass
class MetricChart:
    metric: Metric
    unit: str
    claims: list[Claim]
    svg: str = ""

    @property
    def title(self) -> str:
        return f"{self.metric.name} ({self.unit})"


def group_for_charts(claims: Iterable[Claim]) -> list[MetricChart]:
    """One chart per metric and unit: values in different units never share an axis."""
    ordered = sorted(claims, key=lambda c: (c.metric.name, c.metric_id, c.unit, c.period_end, c.pk))
    return [
        MetricChart(metric=metric_claims[0].metric, unit=unit, claims=metric_claims)
        for (_, _, unit), group in groupby(ordered, key=lambda c: (c.metric.name, c.metric_id, c.unit))
        for metric_claims in [list(group)]
    ]


def point_label(claim: Claim) -> str:
    """What a point says: the value as stated, its period, and a deprecated mark."""
    label = f"{format_claim_value(claim)}, {claim.period_label or format_period(claim)}"
    if claim.rank == Claim.Rank.DEPRECATED:
        label += " (deprecated)"
    return label


# The chart is drawn on this canvas and scaled to the page's width by CSS (the SVG's viewBox);
# 480 wide keeps its 14 px text above 10 px on a 360 px phone screen.
CHART_WIDTH = 480
CHART_HEIGHT = 320
# Room beyond the first and last point and above and below the extreme values, as a share of
# the span, so no dot is cut at an edge and the last axis label is not cut at the right.
EDGE_SHARE = 0.08
# A flow or rate over fewer days than this is a part-year figure: it is drawn apart, never
# joined by a line to full-year figures, whose totals it cannot be compared with.
FULL_YEAR_DAYS = 360
PART_YEAR_SUFFIX = ", part of a year"


def is_part_year(claim: Claim) -> bool:
    """A figure over a period shorter than a year (January to September, a quarter, a month)."""
    return claim.period_start is not None and (claim.period_end - claim.period_start).days + 1 < FULL_YEAR_DAYS


def series_name(claim: Claim) -> str:
    """The legend entry of a point: its qualifier in words, and whether it covers part of a year."""
    name = claim.get_qualifier_display()
    return name + PART_YEAR_SUFFIX if is_part_year(claim) else name


def render_chart(chart: MetricChart, *, claim_url: Callable[[Claim], str]) -> str:
    """The SVG of one chart: x = end of the period, y = value, one series per qualifier.

    Points of a series are joined by a line, except part-year figures: each of those is a
    series of its own kind ("exactly, part of a year"), drawn as dots only. The SVG carries
    no script (the site's CSP forbids inline script): pygal's config script is removed and
    each point gets an SVG <title>, the browser's own tooltip and the link's accessible name.
    """
    dates = [claim.period_end for claim in chart.claims]
    values = [float(claim.value) for claim in chart.claims]
    svg_chart = pygal.DateLine(
        style=CHART_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        explicit_size=False,
        show_dots=True,
        dots_size=5,
        x_label_rotation=0,
        truncate_legend=-1,
        truncate_label=-1,
        legend_at_bottom=True,
        # pygal cuts a bottom legend short when it has more columns than series.
        legend_at_bottom_columns=min(2, len({series_name(claim) for claim in chart.claims})),
        max_scale=6,
        x_title="End of period",
        y_title=chart.unit,
        margin_right=16,
        range=_padded_range(values),
        xrange=_padded_dates(dates),
        value_formatter=lambda value: format_number(Decimal(str(value))),
        x_value_formatter=lambda moment: moment.strftime("%Y-%m-%d"),
    )
    svg_chart.x_labels = _axis_dates(dates)
    ordered = sorted(chart.claims, key=lambda c: (series_name(c), c.period_end, c.pk))
    for name, group in groupby(ordered, key=series_name):
        points = list(group)
        svg_chart.add(
            name,
            [
                {
                    "value": (claim.period_end, float(claim.value)),
                    "label": point_label(claim),
                    "xlink": {"href": claim_url(claim), "target": "_top"},
                }
                for claim in points
            ],
            stroke=len(points) > 1 and not name.endswith(PART_YEAR_SUFFIX),
        )
    svg_chart.add_xml_filter(_without_script_with_titles)
    return svg_chart.render(is_unicode=True)


def _padded_range(values: list[float]) -> tuple[float, float]:
    """The y range: the values with room above and below, so that no dot is cut at an edge.

    Counts and amounts start at zero when the lowest value stands clear of it; a value near
    zero gets room below it instead, even if that shows a little of the axis below zero.
    """
    low, high = min(values), max(values)
    room = (high - low) * EDGE_SHARE or abs(high) * EDGE_SHARE or 1.0
    bottom = low - room
    if bottom < 0 <= low and low >= room / 2:
        bottom = 0.0
    return bottom, high + room


def _padded_dates(dates: list) -> tuple:
    """The x range: the dates with room on both sides; a lone date stands mid-chart."""
    first, last = min(dates), max(dates)
    room = max((last - first) * EDGE_SHARE, timedelta(days=45)) if last > first else LONE_DATE_MARGIN
    return first - room, last + room


def _without_script_with_titles(svg):
    """Drop pygal's <script> elements; give each point link a <title> from its label."""
    for parent in list(svg.iter()):
        for child in list(parent):
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
            elif tag.rsplit("}", 1)[-1] == "a":
                label = next((d.text for d in child if d.tag.endswith("desc") and d.get("class") == "label"), None)
                if label:
                    title = child.makeelement("title", {})
                    title.text = label
                    child.insert(0, title)
    return svg


def _axis_dates(dates: list, *, share: float = 0.3) -> list:
    """The dates to label: the first and the last, and between them only dates far enough
    apart (a `share` of the span) that their labels do not overlap at the chart's width."""
    distinct = sorted(set(dates))
    if len(distinct) <= 2:
        return distinct
    first, last = distinct[0], distinct[-1]
    gap = (last - first) * share
    labelled = [first]
    for moment in distinct[1:-1]:
        if moment - labelled[-1] >= gap and last - moment >= gap:
            labelled.append(moment)
    return [*labelled, last]

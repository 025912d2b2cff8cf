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

from curation.models import Claim, Metric
from curation.text.formatting import format_claim_value, format_number, format_period

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
# A flow or rate is a full-year figure when its period is a year long (a calendar or fiscal
# year, leap or not). Only full-year figures and levels (stocks) are joined by lines: a
# part-year figure (January to September, a quarter) or one over several years (since the
# zone opened) cannot be compared with a year's total, so each stands apart in a series of
# its own kind, drawn as dots only.
FULL_YEAR_DAYS = range(360, 371)
# At 13 px, a legend entry of up to this many characters surely fits in half the chart's width
# (the half left of the plot's y labels, which can be wide: "40 billion").
LEGEND_NAME_FITS_HALF = 18
PART_YEAR_SUFFIX = ", part of a year"
SEVERAL_YEARS_SUFFIX = ", over more than a year"


def is_part_year(claim: Claim) -> bool:
    """A figure over a period shorter than a year (January to September, a quarter, a month)."""
    return claim.period_start is not None and _period_days(claim) < FULL_YEAR_DAYS.start


def period_suffix(claim: Claim) -> str:
    """'' for a level or a full year; otherwise what kind of period sets the figure apart."""
    if claim.period_start is None or _period_days(claim) in FULL_YEAR_DAYS:
        return ""
    return PART_YEAR_SUFFIX if is_part_year(claim) else SEVERAL_YEARS_SUFFIX


def _period_days(claim: Claim) -> int:
    return (claim.period_end - claim.period_start).days + 1


def series_name(claim: Claim) -> str:
    """The legend entry of a point: its qualifier in words, and the kind of period when not a year."""
    return claim.get_qualifier_display() + period_suffix(claim)


def render_chart(chart: MetricChart, *, claim_url: Callable[[Claim], str]) -> str:
    """The SVG of one chart: x = end of the period, y = value, one series per qualifier.

    Points of a series are joined by a line, except figures over part of a year or over more
    than a year: those form series of their own kind ("exactly, part of a year"), drawn as
    dots only. The SVG carries
    no script (the site's CSP forbids inline script): pygal's config script is removed and
    each point gets an SVG <title>, the browser's own tooltip and the link's accessible name.
    """
    dates = [claim.period_end for claim in chart.claims]
    values = [float(claim.value) for claim in chart.claims]
    x_axis = _padded_dates(dates)
    names = {series_name(claim) for claim in chart.claims}
    legend_columns = _legend_columns(names)
    svg_chart = pygal.DateLine(
        style=CHART_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=CHART_WIDTH,
        height=_canvas_height(len(names), columns=legend_columns),
        explicit_size=False,
        show_dots=True,
        dots_size=5,
        x_label_rotation=0,
        truncate_legend=-1,
        truncate_label=-1,
        legend_at_bottom=True,
        legend_at_bottom_columns=legend_columns,
        max_scale=6,
        x_title="End of period",
        y_title=chart.unit,
        margin_right=16,
        range=_padded_range(values),
        xrange=x_axis,
        value_formatter=lambda value: format_number(Decimal(str(value))),
        x_value_formatter=lambda moment: moment.strftime("%Y-%m-%d"),
    )
    svg_chart.x_labels = _axis_dates(dates, axis=x_axis)
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
            stroke=len(points) > 1 and not period_suffix(points[0]),
        )
    svg_chart.add_xml_filter(_without_script_with_titles)
    return svg_chart.render(is_unicode=True)


# pygal gives each row of a bottom legend 1.5 times the legend's text height (13 px) of the canvas.
LEGEND_ROW_HEIGHT = 20
# The rows of legend the canvas's height was chosen for.
LEGEND_ROWS_FITTED = 2


def _canvas_height(series: int, *, columns: int) -> int:
    """The canvas's height: CHART_HEIGHT, taller by a row's height for each legend row beyond two.

    A chart with many series (eight qualifiers, each also part-year and over several years) has
    a legend taller than the canvas; pygal's plot height then goes below zero and pygal loops
    for ever, taking memory, splitting the y title into lines of no character.
    """
    rows = -(-series // columns)
    return CHART_HEIGHT + LEGEND_ROW_HEIGHT * max(0, rows - LEGEND_ROWS_FITTED)


def _legend_columns(names: set[str]) -> int:
    """Two legend entries side by side when both fit in half the width; otherwise one a row.

    pygal cuts a bottom legend short when it has more columns than series, and clips an entry
    longer than its column.
    """
    return 2 if len(names) > 1 and max(len(name) for name in names) <= LEGEND_NAME_FITS_HALF else 1


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
    """Drop pygal's <script> and <desc> elements; give each point link a <title> from its label.

    The <desc> elements (a point's label, value, link and x and y, five a point) feed pygal's
    tooltip script, which is not loaded: they were about a third of a chart's bytes.
    """
    for parent in list(svg.iter()):
        for child in list(parent):
            tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
            if tag == "script":
                parent.remove(child)
            elif tag == "a":
                label = next((d.text for d in child if d.tag.endswith("desc") and d.get("class") == "label"), None)
                for desc in [d for d in child if isinstance(d.tag, str) and d.tag.endswith("desc")]:
                    child.remove(desc)
                if label:
                    title = child.makeelement("title", {})
                    title.text = label
                    child.insert(0, title)
    return svg


def _axis_dates(dates: list, *, axis: tuple, share: float = 0.27) -> list:
    """The dates to label: the last, and going back from it only dates at least a `share` of
    the axis apart, so that no two labels overlap at the chart's width (the plot is about 330
    of the 480 units wide; a date label about 80)."""
    gap = (axis[1] - axis[0]) * share
    labelled = []
    for moment in sorted(set(dates), reverse=True):
        if not labelled or labelled[-1] - moment >= gap:
            labelled.append(moment)
    return labelled[::-1]

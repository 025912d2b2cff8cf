"""Time-series charts of a place's approved values, one per metric and unit, drawn by pygal.

Grouping is a pure function over loaded claims; drawing returns an SVG string that the page
embeds inline, so every point links to its claim and no script or stylesheet comes from
elsewhere (pygal's tooltip script is switched off; its inline config stays inert).
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


def render_chart(chart: MetricChart, *, claim_url: Callable[[Claim], str]) -> str:
    """The SVG of one chart: x = end of the period, y = value, one series per qualifier."""
    svg_chart = pygal.DateLine(
        style=CHART_STYLE,
        js=[],
        disable_xml_declaration=True,
        width=640,
        height=360,
        explicit_size=False,
        show_dots=True,
        dots_size=5,
        stroke=len(chart.claims) > 1,
        x_label_rotation=0,
        truncate_legend=-1,
        legend_at_bottom=True,
        x_title="End of period",
        y_title=chart.unit,
        value_formatter=lambda value: format_number(Decimal(str(value))),
        x_value_formatter=lambda moment: moment.strftime("%Y-%m-%d"),
    )
    # A date axis of one point gets no labels of its own: label the periods' ends themselves,
    # and give a lone date some room on both sides so that its point stands mid-chart.
    dates = [claim.period_end for claim in chart.claims]
    svg_chart.x_labels = _axis_dates(dates)
    if len(set(dates)) == 1:
        svg_chart.xrange = (dates[0] - LONE_DATE_MARGIN, dates[0] + LONE_DATE_MARGIN)
    by_qualifier = sorted(chart.claims, key=lambda c: (c.get_qualifier_display(), c.period_end, c.pk))
    for qualifier, group in groupby(by_qualifier, key=lambda c: c.get_qualifier_display()):
        svg_chart.add(
            qualifier,
            [
                {
                    "value": (claim.period_end, float(claim.value)),
                    "label": point_label(claim),
                    "xlink": {"href": claim_url(claim), "target": "_top"},
                }
                for claim in group
            ],
        )
    return svg_chart.render(is_unicode=True)


def _axis_dates(dates: list, *, most: int = 6) -> list:
    """At most `most` of the distinct dates, evenly spread, first and last included."""
    distinct = sorted(set(dates))
    if len(distinct) <= most:
        return distinct
    step = (len(distinct) - 1) / (most - 1)
    return [distinct[round(index * step)] for index in range(most)]

"""Chart drawing: no script in the SVG, nothing cut at an edge, part-year figures drawn apart.

Built on unsaved claims: render_chart reads only the claims it is given.
"""

import datetime
import re
import xml.etree.ElementTree as ElementTree
from decimal import Decimal

import pytest

from curation.models import Claim, Metric
from curation.public.charts import MetricChart, is_part_year, render_chart

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def claim(pk, *, start, end, value, qualifier=Claim.Qualifier.EXACT, label=""):
    return Claim(
        pk=pk,
        metric=METRIC,
        unit="CNY",
        value=Decimal(value),
        qualifier=qualifier,
        period_start=start,
        period_end=end,
        period_label=label,
        rank=Claim.Rank.NORMAL,
    )


METRIC = Metric(code="trade_value", name="Import and export value", unit="CNY", nature=Metric.Nature.FLOW)
D = datetime.date

# The Kashi bonded zone's figures in the seed: two full years and the first 11 months of 2023.
BONDED_ZONE = [
    claim(1, start=D(2020, 1, 1), end=D(2020, 12, 31), value="690000000", label="2020"),
    claim(2, start=D(2022, 1, 1), end=D(2022, 12, 31), value="28280000000", label="2022"),
    claim(3, start=D(2023, 1, 1), end=D(2023, 11, 30), value="45657000000", label="first 11 months of 2023"),
]


def drawn(claims) -> ElementTree.Element:
    svg = render_chart(MetricChart(metric=METRIC, unit="CNY", claims=claims), claim_url=lambda c: f"/claims/{c.pk}/")
    return ElementTree.fromstring(svg)


def view_box(root) -> tuple[float, float]:
    _, _, width, height = (float(number) for number in root.get("viewBox").split())
    return width, height


def test_the_svg_holds_no_script_that_the_csp_would_block():
    root = drawn(BONDED_ZONE)
    assert root.findall(f".//{SVG}script") == []
    assert not any(name.startswith("on") for element in root.iter() for name in element.attrib)


def test_the_svg_keeps_none_of_the_descriptions_only_pygals_tooltip_script_reads():
    root = drawn(BONDED_ZONE)
    assert root.findall(f".//{SVG}desc") == []
    assert len(root.findall(f".//{SVG}a/{SVG}title")) == len(BONDED_ZONE)


def test_each_point_link_has_a_title_with_its_value_and_period():
    root = drawn(BONDED_ZONE)
    links = root.findall(f".//{SVG}a")
    titles = {link.get(f"{XLINK}href"): link.find(f"{SVG}title").text for link in links}
    assert titles == {
        "/claims/1/": "690 million CNY, 2020",
        "/claims/2/": "28.28 billion CNY, 2022",
        "/claims/3/": "45.657 billion CNY, first 11 months of 2023",
    }


def plot_box(root) -> tuple[float, float, float, float]:
    """The plot area in SVG coordinates: x, y of its top left corner, width, height."""
    plot = next(group for group in root.iter(f"{SVG}g") if group.get("class") == "plot")
    x, y = (float(number) for number in re.findall(r"[-\d.]+", plot.get("transform")))
    background = plot.find(f"{SVG}rect")
    return x, y, float(background.get("width")), float(background.get("height"))


@pytest.mark.parametrize(
    "claims",
    [
        BONDED_ZONE,
        [claim(1, start=None, end=D(2023, 11, 13), value="120")],
        [claim(1, start=None, end=D(2024, 12, 31), value="0"), claim(2, start=None, end=D(2025, 12, 31), value="8")],
        [claim(1, start=None, end=D(2024, 12, 31), value="-3.5"), claim(2, start=None, end=D(2025, 6, 30), value="4")],
    ],
    ids=["bonded-zone", "one-point", "a-zero", "negative"],
)
def test_every_dot_lies_whole_inside_the_plot(claims):
    root = drawn(claims)
    left, top, width, height = plot_box(root)
    dots = root.findall(f".//{SVG}circle")
    assert len(dots) == len(claims)
    for dot in dots:
        cx, cy, radius = (float(dot.get(name)) for name in ("cx", "cy", "r"))
        assert radius <= cx <= width - radius, (cx, width)
        assert radius <= cy <= height - radius, (cy, height)


def text_width(text: str, font_size: float = 13, em: float = 0.62) -> float:
    """A generous estimate of the drawn width of a label (digits are about 0.55 em, letters less)."""
    return len(text) * font_size * em


def test_every_legend_entry_fits_inside_the_canvas():
    mixed = [
        claim(1, start=D(2025, 1, 1), end=D(2025, 8, 31), value="6800"),
        claim(2, start=D(2023, 11, 1), end=D(2025, 9, 30), value="18000", qualifier=Claim.Qualifier.MORE_THAN),
        claim(3, start=D(2024, 1, 1), end=D(2024, 12, 31), value="9000", qualifier=Claim.Qualifier.ABOUT),
    ]
    for claims in (BONDED_ZONE, mixed):
        root = drawn(claims)
        canvas_width, _ = view_box(root)
        for legend in (group for group in root.iter(f"{SVG}g") if (group.get("class") or "").startswith("legend ")):
            text = legend.find(f"{SVG}text")
            offset = sum(
                float(number)
                for group in root.iter(f"{SVG}g")
                if legend in list(group.iter(f"{SVG}g")) and group.get("transform")
                for number in re.findall(r"translate\(([-\d.]+)", group.get("transform"))
            )
            right = offset + float(text.get("x")) + text_width(text.text, em=0.56)
            assert right <= canvas_width, (text.text, right, canvas_width)


def test_every_x_axis_label_fits_inside_the_canvas_and_none_overlap():
    many = [
        claim(pk, start=None, end=D(2020, 1, 31) + datetime.timedelta(days=61 * pk), value=str(100 + pk))
        for pk in range(1, 30)
    ]
    a_month_apart = [
        claim(1, start=D(2025, 1, 1), end=D(2025, 8, 31), value="6800"),
        claim(2, start=D(2025, 1, 1), end=D(2025, 9, 30), value="7900"),
        claim(3, start=D(2025, 1, 1), end=D(2025, 10, 15), value="8300"),
    ]
    for claims in (BONDED_ZONE, many, a_month_apart):
        root = drawn(claims)
        left, _, _, _ = plot_box(root)
        canvas_width, _ = view_box(root)
        axis = next(group for group in root.iter(f"{SVG}g") if (group.get("class") or "").startswith("axis x"))
        spans = []
        for label in axis.iter(f"{SVG}text"):
            centre = left + float(label.get("x"))
            half = text_width(label.text) / 2
            assert centre - half >= 0 and centre + half <= canvas_width, (label.text, centre, canvas_width)
            spans.append((centre - half, centre + half))
        spans.sort()
        assert len(spans) >= (1 if claims is a_month_apart else 2)
        assert all(previous[1] < following[0] for previous, following in zip(spans, spans[1:], strict=False))


def series_of(root) -> dict[str, dict]:
    """Each series by its legend name: whether a line joins its points, and the claims it holds."""
    legend = [
        group.find(f"{SVG}text").text
        for group in root.iter(f"{SVG}g")
        if (group.get("class") or "").startswith("legend ")
    ]
    result = {}
    for index, name in enumerate(legend):
        # pygal draws a series in several groups (line, dots, overlays) sharing one class.
        groups = [g for g in root.iter(f"{SVG}g") if (g.get("class") or "").startswith(f"series serie-{index} ")]
        result[name] = {
            "line": any(group.find(f".//{SVG}path") is not None for group in groups),
            "claims": sorted(link.get(f"{XLINK}href") for group in groups for link in group.iter(f"{SVG}a")),
        }
    return result


def test_a_part_year_figure_is_drawn_apart_from_the_full_years():
    assert [is_part_year(each) for each in BONDED_ZONE] == [False, False, True]
    series = series_of(drawn(BONDED_ZONE))
    assert series == {
        "exactly": {"line": True, "claims": ["/claims/1/", "/claims/2/"]},
        "exactly, part of a year": {"line": False, "claims": ["/claims/3/"]},
    }


def test_figures_for_the_same_part_of_different_years_are_not_joined_either():
    quarters = [
        claim(1, start=D(2024, 1, 1), end=D(2024, 3, 31), value="10"),
        claim(2, start=D(2025, 1, 1), end=D(2025, 3, 31), value="12"),
        claim(3, start=None, end=D(2025, 6, 30), value="40", qualifier=Claim.Qualifier.ABOUT),
    ]
    series = series_of(drawn(quarters))
    assert series["exactly, part of a year"] == {"line": False, "claims": ["/claims/1/", "/claims/2/"]}
    assert series["about"]["claims"] == ["/claims/3/"]


def test_a_figure_over_several_years_is_not_joined_to_annual_figures():
    annual_and_cumulative = [
        claim(1, start=D(2023, 1, 1), end=D(2023, 12, 31), value="1200"),
        claim(2, start=D(2024, 1, 1), end=D(2024, 12, 31), value="1500"),  # a leap year: 366 days
        claim(3, start=D(2023, 11, 1), end=D(2025, 9, 30), value="3100", label="since the zone opened"),
    ]
    series = series_of(drawn(annual_and_cumulative))
    assert series == {
        "exactly": {"line": True, "claims": ["/claims/1/", "/claims/2/"]},
        "exactly, over more than a year": {"line": False, "claims": ["/claims/3/"]},
    }


def test_a_chart_with_a_legend_taller_than_the_canvas_is_drawn_with_every_series():
    """Eight qualifiers, each as a year, part of a year and over several years: 24 series, one
    legend entry a row. pygal used to loop for ever (and take gigabytes) on such a chart, so the
    drawing runs in a thread that the test does not wait on for ever."""
    import threading

    claims = []
    for number, qualifier in enumerate(Claim.Qualifier.values):
        for offset, (start, end) in enumerate(
            [(D(2020, 1, 1), D(2020, 12, 31)), (D(2021, 1, 1), D(2021, 6, 30)), (D(2019, 1, 1), D(2021, 12, 31))]
        ):
            pk = number * 3 + offset + 1
            value_max = "20" if qualifier == Claim.Qualifier.BETWEEN else None
            claims.append(claim(pk, start=start, end=end, value="10", qualifier=qualifier))
            claims[-1].value_max = value_max and Decimal(value_max)
    drawings = []
    drawing = threading.Thread(target=lambda: drawings.append(drawn(claims)), daemon=True)
    drawing.start()
    drawing.join(timeout=60)
    assert drawings, "the chart was not drawn within a minute"
    [root] = drawings
    legend = {text.text for text in root.iter(f"{SVG}text") if text.text and text.text.startswith(("exactly", "about"))}
    assert {"exactly", "exactly, part of a year", "exactly, over more than a year", "about"} <= legend
    width, height = view_box(root)
    assert height > 320

"""The public, read-only site: the claims listing, claim, source and place pages, and downloads.

Views stay thin: they read through `curation.public.selectors` (approved claims only) and
`curation.public.filters`, and accept only GET and HEAD, so anonymous visitors cannot write.
"""

import contextlib
import csv
import json
from collections.abc import Callable, Iterator

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from curation.io import releases
from curation.io.parsing import FORMULA_TRIGGERS, escape_formula
from curation.models import Claim, Release
from curation.public import chart_store, charts, download_sql, downloads, selectors
from curation.public.filters import ClaimFilter, active_filters, filter_problems
from curation.text.formatting import format_period, format_plain_decimal, format_value
from curation.text.highlighting import highlight_segments
from curation.text.quotes import QuoteSpan, sentence_around

CLAIMS_PER_PAGE = 50


class KnownCountPaginator(Paginator):
    """A paginator told its count (already known), so that it does not count again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self):
        return self._known_count


class CountedPaginator(KnownCountPaginator):
    """The listing's paginator: the count it is given, paging through MAX_LISTED_ROWS at most.

    Its pages are selectors.listing_page rows, taken from `ordered_ids` when the count read them.
    """

    def __init__(self, object_list, per_page, *, count: int, ordered_ids: list[int] | None = None):
        super().__init__(object_list, per_page, count=count)
        self._ordered_ids = ordered_ids

    @cached_property
    def count(self):
        return min(self._known_count, selectors.MAX_LISTED_ROWS)

    def page(self, number):
        # Paginator.page, with the page's rows read by listing_page rather than sliced.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        rows = selectors.listing_page(self.object_list, bottom=bottom, top=top, ordered_ids=self._ordered_ids)
        return self._get_page(rows, number, self)


def claim_url(claim: Claim) -> str:
    return reverse("public:claim_detail", args=[claim.pk])


@require_safe
def claim_list(request):
    claim_filter = ClaimFilter(request.GET, queryset=selectors.public_claims())
    # A filter that cannot be applied lists nothing (and says why) rather than every claim.
    # Other parameters (page, tracking tags) are left alone on the listing.
    is_invalid = claim_filter.is_bound and not claim_filter.is_valid()
    matching = claim_filter.queryset.none() if is_invalid else claim_filter.qs
    if is_invalid:
        total = selectors.count_claims(matching)
    elif claim_filter.search_fraction is None:
        total = selectors.count_claims(matching)
    else:
        total = selectors.count_claims(
            matching, search_base=claim_filter.qs_without_search(), search_fraction=claim_filter.search_fraction
        )
    claim_filter.load_choices()
    paginator = CountedPaginator(matching, CLAIMS_PER_PAGE, count=total.number, ordered_ids=total.ordered_ids)
    page = paginator.get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render(
        request,
        "curation/public/claim_list.html",
        {
            "filter": claim_filter,
            "page": page,
            "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "total": total,
            "is_truncated": total.number > selectors.MAX_LISTED_ROWS,
            "max_listed_rows": selectors.MAX_LISTED_ROWS,
            "active_filters": active_filters(claim_filter, request.GET),
            "query_without_page": query_without_page.urlencode(),
            "listing_rows": _listing_rows(page.object_list),
        },
        status=400 if is_invalid else 200,
    )


def _path_pattern(name: str) -> str:
    """A page's path with {} where its one argument goes: reversed once, not once per row."""
    marker = "987654321"
    return reverse(name, args=[marker]).replace(marker, "{}")


def _listing_rows(claims: list[selectors.ListingRow]) -> str:
    """The listing's table rows, every text escaped.

    Written here rather than in the template, as the source page's list: the template's tags
    per row (three URLs reversed, an include, date filters) were most of the page's time.
    The value and badge are the markup of _claim_value.html.
    """
    claim_path = _path_pattern("public:claim_detail")
    place_path = _path_pattern("public:place_detail")
    source_path = _path_pattern("public:source_detail")
    rows = []
    for claim in claims:
        if claim.primary_source_id:
            source = format_html(
                '<a href="{}">{}</a>',
                source_path.format(claim.primary_source_id),
                Truncator(claim.primary_source_title or "").chars(80),
            )
            if claim.primary_outlet_name:
                source += format_html('<span class="outlet">{}</span>', claim.primary_outlet_name)
        else:
            source = "—"
        rows.append(
            format_html(
                "    <tr>\n"
                '      <td data-label="Value"><a href="{}"><span class="value">{}</span>{}</a></td>\n'
                '      <td data-label="Metric">{}</td>\n'
                '      <td data-label="Place"><a href="{}">{}</a></td>\n'
                '      <td data-label="Period">{}</td>\n'
                '      <td data-label="Source">{}</td>\n'
                "    </tr>\n",
                claim_path.format(claim.pk),
                claim.value_display,
                mark_safe(_RANK_BADGES.get(claim.rank, "")),
                claim.metric_name,
                place_path.format(claim.place_slug),
                claim.place_name,
                claim.period_label or format_period(claim),
                source,
            )
        )
    return mark_safe("".join(rows))


DOWNLOAD_COLUMNS = [
    "id",
    "url",
    "place",
    "place_slug",
    "metric",
    "metric_name",
    "qualifier",
    "value",
    "value_max",
    "unit",
    "value_display",
    "period_start",
    "period_end",
    "period_label",
    "attribution",
    # Published on purpose: how the desk read the article (docs/public-site.md, "Editorial notes").
    "notes",
    "rank",
    "rank_reason",
    "source_id",
    "source_title",
    "outlet",
    "quote",
]


# The columns a spreadsheet could read as a formula: any text an editor or an article wrote.
# The others are ids, the site's own URLs, dates, choice codes and plain numbers, which
# escape_formula always leaves as they are ("-5" stays a number).
_TEXT_COLUMNS = frozenset(
    {
        "place",
        "place_slug",
        "metric",
        "metric_name",
        "qualifier",
        "unit",
        "value_display",
        "period_label",
        "attribution",
        "notes",
        "rank",
        "rank_reason",
        "source_title",
        "outlet",
        "quote",
    }
)
_FORMULA_STARTS = frozenset(FORMULA_TRIGGERS)


def _download_formatter(base_url: str, claim_path: str, *, escaped: bool) -> Callable[[tuple], list]:
    """A function from a download_rows() tuple to the row's cells in DOWNLOAD_COLUMNS order.

    `claim_path` is a claim page's path with {} for the id; `escaped` makes text that a
    spreadsheet would run as a formula inert (the CSV). Written for 50,000 rows a request:
    one list per row and no call per cell; dates, which repeat, are written once each.
    """
    claim_url = (base_url + claim_path).format
    dates: dict = {}
    text_positions = [position for position, column in enumerate(DOWNLOAD_COLUMNS) if column in _TEXT_COLUMNS]

    def iso(day) -> str:
        if day is None:
            return ""
        written = dates.get(day)
        if written is None:
            written = dates[day] = day.isoformat()
        return written

    def cells(row: tuple) -> list:
        (
            pk,
            place_name,
            place_slug,
            metric_code,
            metric_name,
            qualifier,
            value,
            value_max,
            unit,
            period_start,
            period_end,
            period_label,
            attribution,
            notes,
            rank,
            rank_reason,
            source_id,
            source_title,
            outlet,
            quote,
        ) = row
        record = [
            pk,
            claim_url(pk),
            place_name,
            place_slug,
            metric_code,
            metric_name,
            qualifier,
            # Decimals as exact strings: a float would lose digits of large values.
            format_plain_decimal(value),
            format_plain_decimal(value_max),
            unit,
            format_value(value=value, unit=unit, qualifier=qualifier, value_max=value_max),
            iso(period_start),
            iso(period_end),
            period_label,
            attribution,
            notes,
            rank,
            rank_reason,
            source_id,
            source_title or "",
            outlet or "",
            quote or "",
        ]
        if escaped:
            for position in text_positions:
                text = record[position]
                if text and text[0] in _FORMULA_STARTS:
                    record[position] = escape_formula(text)
        return record

    return cells


def _claim_path_pattern() -> str:
    """A claim page's path with {} where the id goes: reversed once, not once per downloaded row."""
    marker = 987654321
    return reverse("public:claim_detail", args=[marker]).replace(str(marker), "{}")


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value):
        return value


def _download_filter_refusal(request, claim_filter: ClaimFilter, *, as_json: bool) -> HttpResponse | None:
    """400 with the reasons when a download's filters cannot be applied as asked; never the whole set."""
    problems = filter_problems(claim_filter, request.GET)
    if not problems:
        return None
    lines = [line for messages in problems.values() for line in messages]
    if as_json:
        body = {"error": "The filters cannot be applied: " + "; ".join(lines), "errors": problems}
        return HttpResponse(
            json.dumps(body, ensure_ascii=False), status=400, content_type="application/json; charset=utf-8"
        )
    text = "The filters cannot be applied; nothing was downloaded.\n" + "".join(f"- {line}\n" for line in lines)
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


# Up to this many rows a download is read whole and sent with its length; past it, these rows
# are read before the first byte and the rest streams from the same query.
DOWNLOAD_BUFFERED_ROWS = 5000
STREAMED_ROWS_PER_CHUNK = 500


def _download_response(pieces: Iterator[str], *, content_type: str, filename: str) -> HttpResponse:
    """A download that is complete or fails visibly.

    The query runs and its first DOWNLOAD_BUFFERED_ROWS rows are read before any byte is sent,
    so a database that cannot be read (SQLite locked by a writer) is an error page, not a 200
    with a body of "[" or only the header. A result that fits is sent whole with its length;
    a larger one streams the rest from the same query, which reads one snapshot (a single
    statement on SQLite in WAL mode and on PostgreSQL's server-side cursor).
    """
    buffered = []
    for piece in pieces:
        buffered.append(piece)
        if len(buffered) > DOWNLOAD_BUFFERED_ROWS:
            break
    else:
        response = HttpResponse("".join(buffered), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def rest() -> Iterator[str]:
        # Sent in batches of rows: a chunk per row costs the response its per-chunk encoding
        # and writing 50,000 times.
        yield "".join(buffered)
        batch = []
        for piece in pieces:
            batch.append(piece)
            if len(batch) >= STREAMED_ROWS_PER_CHUNK:
                yield "".join(batch)
                batch = []
        if batch:
            yield "".join(batch)

    response = StreamingHttpResponse(rest(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _downloaded_claims(claim_filter: ClaimFilter):
    return selectors.download_rows(claim_filter.qs).iterator(chunk_size=2000)


def _written_by_postgresql() -> bool:
    """PostgreSQL writes the downloads' cells itself (curation.public.download_sql); SQLite reads rows into Python."""
    return connection.vendor == "postgresql"


def _csv_chunks(claim_filter: ClaimFilter, base_url: str) -> Iterator[str]:
    writerow = csv.writer(_Echo()).writerow
    yield writerow(DOWNLOAD_COLUMNS)
    if _written_by_postgresql():
        yield from download_sql.csv_lines(
            claim_filter.qs, columns=DOWNLOAD_COLUMNS, base_url=base_url, claim_path=_claim_path_pattern()
        )
        return
    # Text that a spreadsheet would run as a formula is made inert; numbers, "-5" too, stay numbers.
    cells = _download_formatter(base_url, _claim_path_pattern(), escaped=True)
    for row in _downloaded_claims(claim_filter):
        yield writerow(cells(row))


def _json_objects(claim_filter: ClaimFilter, base_url: str) -> Iterator[str]:
    """Each claim as a compact JSON object: written by PostgreSQL, or by Python's encoder in the same layout."""
    if _written_by_postgresql():
        yield from download_sql.json_objects(
            claim_filter.qs, columns=DOWNLOAD_COLUMNS, base_url=base_url, claim_path=_claim_path_pattern()
        )
        return
    cells = _download_formatter(base_url, _claim_path_pattern(), escaped=False)
    # Compact separators: the layout of PostgreSQL's row_to_json, so both writers give the same bytes.
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for row in _downloaded_claims(claim_filter):
        yield dumps(dict(zip(DOWNLOAD_COLUMNS, cells(row), strict=True)))


def _json_chunks(claim_filter: ClaimFilter, base_url: str) -> Iterator[str]:
    """A JSON array with one claim object a line."""
    yield "["
    separator = "\n"
    for written in _json_objects(claim_filter, base_url):
        yield separator + written
        separator = ",\n"
    yield "\n]\n"


def _is_whole_set(request) -> bool:
    """No filter, search or sort: the request is for every approved claim in the default order."""
    return not any(value for name, values in request.GET.lists() if name != "page" for value in values)


def _rate_limited_response(request) -> HttpResponse | None:
    """429 when this client has asked for more filtered downloads than DOWNLOAD_RATE_LIMIT allows.

    django-ratelimit counts requests per client address in the default cache (shared by every
    worker with REDIS_URL; per worker process otherwise).
    """
    rate = settings.DOWNLOAD_RATE_LIMIT
    if not rate or not is_ratelimited(request, group="public-downloads", key="ip", rate=rate, increment=True):
        return None
    response = HttpResponse(
        f"Too many filtered downloads from your address (at most {rate}). "
        "Please wait, or download every claim at once from the unfiltered link, which has no limit.\n",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(_rate_period_seconds(rate))
    return response


def _rate_period_seconds(rate: str) -> int:
    _, period = rate.split("/")
    count = "".join(character for character in period if character.isdigit()) or "1"
    unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[-1]]
    return int(count) * unit


def _download(request, *, chunks, extension: str, content_type: str, as_json: bool = False) -> HttpResponse:
    """A download: the whole set from its file per generation; a filtered one streamed, rate-limited."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    claim_filter = ClaimFilter(request.GET, queryset=selectors.public_claims())
    if refusal := _download_filter_refusal(request, claim_filter, as_json=as_json):
        return refusal
    filename = f"ftz-claims.{extension}"

    def respond(pieces: Iterator[str]) -> HttpResponse:
        return _download_response(pieces, content_type=content_type, filename=filename)

    if _is_whole_set(request) and settings.WHOLE_SET_DOWNLOAD_FILES:
        return downloads.whole_set_response(
            chunks=lambda: chunks(claim_filter, base_url),
            respond=respond,
            extension=extension,
            content_type=content_type,
            filename=filename,
            base_url=base_url,
        )
    if not _is_whole_set(request) and (limited := _rate_limited_response(request)):
        return limited
    return respond(chunks(claim_filter, base_url))


@require_safe
def claim_csv(request):
    return _download(request, chunks=_csv_chunks, extension="csv", content_type="text/csv; charset=utf-8")


@require_safe
def claim_json(request):
    return _download(
        request, chunks=_json_chunks, extension="json", content_type="application/json; charset=utf-8", as_json=True
    )


@require_safe
def claim_detail(request, pk: int):
    claim = get_object_or_404(selectors.claim_detail_queryset(), pk=pk)
    citations = []
    for citation in claim.citations.all():
        context = None
        if citation.is_quote_found:
            context = sentence_around(citation.source.body, QuoteSpan(citation.quote_start, citation.quote_end))
        citations.append({"citation": citation, "context": context})
    return render(
        request,
        "curation/public/claim_detail.html",
        {
            "claim": claim,
            "period": format_period(claim),
            "citations": citations,
            "contradictions": selectors.claim_contradictions(claim=claim),
            "conversion_of": selectors.public_conversion_of(claim=claim),
            "evidence": selectors.claim_evidence(claim=claim),
        },
    )


CITATIONS_PER_SOURCE_PAGE = 50


@require_safe
def source_detail(request, pk: int):
    source = get_object_or_404(selectors.source_detail_queryset(), pk=pk)
    # Every cited passage is highlighted in the text; the list of claims goes 50 a page.
    spans = selectors.source_quote_spans(source=source)
    paginator = KnownCountPaginator(
        selectors.source_citation_ids(source=source), CITATIONS_PER_SOURCE_PAGE, count=len(spans)
    )
    page = paginator.get_page(request.GET.get("page"))
    citations = selectors.source_citations(ids=list(page.object_list))
    found = [(start, end, citation_id) for start, end, citation_id in spans if start is not None]
    return render(
        request,
        "curation/public/source_detail.html",
        {
            "source": source,
            "citations": citations,
            "page": page,
            "claim_items": _source_claim_items(citations),
            "article_text": _article_text(highlight_segments(source.body, found)),
        },
    )


def _article_text(segments) -> str:
    """The article's text with its cited passages marked, every stretch escaped.

    Written here rather than in the template: 500 cited passages cut a text into a thousand
    stretches, each a loop of template tags.
    """
    parts = []
    for segment in segments:
        for anchor in segment.starting_ids:
            parts.append(format_html('<span id="quote-{}" class="anchor"></span>', anchor))
        if segment.is_cited:
            ids = " ".join(str(citation_id) for citation_id in segment.citation_ids)
            parts.append(format_html('<mark data-citations="{}">{}</mark>', ids, segment.text))
        else:
            parts.append(escape(segment.text))
    return mark_safe("".join(parts))


_RANK_BADGES = {
    Claim.Rank.DEPRECATED: ' <span class="badge badge-deprecated">deprecated</span>',
    Claim.Rank.PREFERRED: ' <span class="badge">preferred</span>',
}


def _source_claim_items(citations: list) -> str:
    """The source page's list of claims, one <li> per citation, every text escaped.

    Written here rather than in the template: a source cited by 500 claims spent most of its
    page's time in the template's per-row tags (a URL reversed and an include per claim). The
    value and badge are the markup of _claim_value.html.
    """
    claim_path = _claim_path_pattern()
    items = []
    for citation in citations:
        claim = citation.claim
        jump = (
            format_html('<a href="#quote-{}" class="jump">see in text</a>', citation.pk)
            if citation.is_quote_found
            else mark_safe('<span class="error">quote NOT FOUND in this text</span>')
        )
        items.append(
            format_html(
                '  <li><a href="{}">{}, {}: <span class="value">{}</span>{}</a>\n  {}</li>\n',
                claim_path.format(claim.pk),
                claim.metric.name,
                claim.place.name,
                claim.value_display,
                mark_safe(_RANK_BADGES.get(claim.rank, "")),
                jump,
            )
        )
    return mark_safe("".join(items))


@require_safe
def place_detail(request, slug: str):
    place = get_object_or_404(selectors.place_detail_queryset(), slug=slug)

    def draw(chart: charts.MetricChart, number: int) -> str:
        chart.svg = charts.render_chart(chart, claim_url=claim_url)
        return render_to_string(
            "curation/public/_place_chart.html",
            {"chart": chart, "number": number, "max_points": selectors.MAX_CHART_POINTS},
        )

    with _one_snapshot():  # a chart drawn on a miss shows exactly the points its key digested
        series = selectors.place_chart_series(place=place)
        drawn = chart_store.drawn_charts(
            series,
            load=lambda missing: _series_charts(place, missing),
            draw=draw,
            context=f"{_claim_path_pattern()}|{selectors.MAX_CHART_POINTS}",
        )
    return render(
        request,
        "curation/public/place_detail.html",
        # Each piece is this site's own template output, escaped when it was drawn.
        {"place": place, "charts": series, "drawn_charts": [mark_safe(html) for html in drawn]},
    )


def _series_charts(place, series: list[selectors.ChartSeries]) -> list[charts.MetricChart]:
    """The charts of `series` with their points: read once for the place when any was not kept."""
    if all(one.claims is not None for one in series):
        return [charts.MetricChart(metric=one.metric, unit=one.unit, claims=one.claims) for one in series]
    by_series = {
        (chart.metric.pk, chart.unit): chart
        for chart in charts.group_for_charts(selectors.place_chart_claims(place=place))
    }
    return [by_series[(one.metric.pk, one.unit)] for one in series]


@contextlib.contextmanager
def _one_snapshot():
    """On PostgreSQL, the block's queries read one snapshot (REPEATABLE READ), unless already in a transaction."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


@require_safe
def favicon(request):
    """The site icon at /favicon.ico, where browsers, feed readers and crawlers ask for it."""
    with open(finders.find("curation/favicon.ico"), "rb") as icon:
        response = HttpResponse(icon.read(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_safe
def release_list(request):
    return render(request, "curation/public/release_list.html", {"releases": selectors.published_releases()})


@require_safe
def release_file(request, version: int, name: str):
    return releases.release_file_response(release=get_object_or_404(Release, version=version), name=name)


@require_safe
def release_zip(request, version: int):
    release = get_object_or_404(Release, version=version)
    response = HttpResponse(releases.release_zip_bytes(release), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{releases.release_zip_name(version)}"'
    return response

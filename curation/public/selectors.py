"""Reads for the public site: approved claims only, each queryset shaped for one page.

Every function here starts from `Claim.objects.approved()` (or from citations of approved
claims), so no page, filter, count, chart or download can reach a draft, submitted,
rejected or retracted claim. Each page's rows come with their related rows in a fixed
number of queries, whatever the number of rows.
"""

import contextlib
import datetime
import hashlib
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Exists, F, FilteredRelation, OuterRef, Prefetch, Q, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from curation.contradictions import detection
from curation.db import counting
from curation.db.counting import planned_rows as _planned_rows
from curation.db.lookups import in_id_order
from curation.db.search import SEARCH_CONFIG, common_words_fraction, search_claims  # noqa: F401 (the listing's search)
from curation.models import (
    CLAIM_FIGURE_FIELDS,
    Citation,
    Claim,
    Contradiction,
    Metric,
    Place,
    PlaceLink,
    Release,
    ReleaseFile,
    Source,
)
from curation.review.evidence_strength import EvidenceStrength, SourceEvidence, minimum_reliability
from curation.text.formatting import format_value

# Counting a million rows exactly costs more than the page itself; past this many matches the
# listing shows the planner's estimate instead (PostgreSQL only; SQLite always counts exactly).
EXACT_COUNT_LIMIT = 10_000
# Reading the matching ids (to count them and page through them) is abandoned for the planner's
# estimate past this: a public page has 50 ms in all (issue 14), and "About 6,900 claims" serves
# a reader as well. The read replaces the page's own search for its rows, so it may take what
# that would: the limit is a little more than the slowest page query a few matches need.
MATCHES_TIME_LIMIT_MS = 40
# Deep OFFSET pages cost in proportion to their depth: the listing pages through this many rows
# at most and points to the filters and the downloads for the rest.
MAX_LISTED_ROWS = 10_000
# A place's chart shows at most this many of the latest points per metric and unit.
MAX_CHART_POINTS = 100


def public_claims() -> QuerySet[Claim]:
    """The claims the public may see: approved ones, whatever their rank."""
    return Claim.objects.approved()


def is_public(claim: Claim | None) -> bool:
    """The same rule as public_claims() for a claim already loaded (a related one, say)."""
    return claim is not None and claim.status == Claim.Status.APPROVED


def public_conversion_of(*, claim: Claim) -> Claim | None:
    """The claim this one is a currency conversion of, when the public may see it."""
    return claim.conversion_of if is_public(claim.conversion_of) else None


# ----------------------------------------------------------------------------------------------
# Places: the part-of graph
# ----------------------------------------------------------------------------------------------
def parts_closure(*, root: int, edges: Iterable[tuple[int, int]]) -> set[int]:
    """`root` and every place that lies inside it, directly or through other places.

    `edges` are (whole, part) pairs. The graph is not a tree (a place may be part of several
    wholes) and a careless edit could make a cycle; each place is visited once.
    """
    parts_of: dict[int, list[int]] = defaultdict(list)
    for whole, part in edges:
        parts_of[whole].append(part)
    found = {root}
    queue = deque([root])
    while queue:
        for part in parts_of[queue.popleft()]:
            if part not in found:
                found.add(part)
                queue.append(part)
    return found


def place_with_parts_ids(*, place: Place) -> set[int]:
    """Ids of `place` and of all places that are part of it (one query over the small link table)."""
    return parts_closure(root=place.pk, edges=PlaceLink.objects.values_list("whole_id", "part_id"))


# ----------------------------------------------------------------------------------------------
# Listing: search and counting
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClaimCount:
    number: int
    is_estimate: bool
    # Every matching id in the listing's order, when they were read to count them (see count_claims).
    ordered_ids: list[int] | None = None


def count_claims(
    queryset: QuerySet[Claim], *, search_base: QuerySet[Claim] | None = None, search_fraction: float | None = None
) -> ClaimCount:
    """How many claims match: exact for up to EXACT_COUNT_LIMIT, the planner's estimate beyond.

    `queryset` is the listing's, in its order. `search_base` and `search_fraction` describe a
    common-words search (see common_words_fraction): the claims matching the other filters,
    and the share of them expected to match the words.

    An exact COUNT(*) over a million rows reads them all. On PostgreSQL the planner is asked
    first (no rows read); when it expects few rows, the matching ids are read in the listing's
    order, at most LIMIT + 1 of them and for at most MATCHES_TIME_LIMIT_MS: their number is the
    count, and the page is a slice of them (listing_page), so the matches are found once rather
    than once to count and again for the page (a search's full-text lookups, a filter's scan).
    A small result is thus shown exactly whenever that is cheap, and as the estimate otherwise.
    """
    ordered = queryset
    queryset = queryset.order_by().values("pk")
    if connection.vendor != "postgresql":
        return ClaimCount(number=queryset.count(), is_estimate=False)
    if search_base is not None and search_fraction is not None:
        # A common-words search defeats the planner's estimate (it cannot see into the
        # full-text EXISTS): the other filters' estimate times the share of matching quotes.
        estimate = round(_planned_rows(search_base.order_by().values("pk")) * search_fraction)
        return ClaimCount(number=estimate, is_estimate=True)
    estimate = _planned_rows(queryset)
    if estimate <= EXACT_COUNT_LIMIT:
        ids = counting.ids_within_time(ordered[: EXACT_COUNT_LIMIT + 1], time_limit_ms=MATCHES_TIME_LIMIT_MS)
        if ids is not None and len(ids) <= EXACT_COUNT_LIMIT:
            return ClaimCount(number=len(ids), is_estimate=False, ordered_ids=ids)
        if ids is not None:
            estimate = EXACT_COUNT_LIMIT + 1
    return ClaimCount(number=max(estimate, 1), is_estimate=True)


@dataclass(frozen=True, slots=True)
class ListingRow:
    """One row of the listing: the claim's shown columns, its place and metric names, its primary source."""

    pk: int
    value: Decimal
    value_max: Decimal | None
    unit: str
    qualifier: str
    period_start: datetime.date | None
    period_end: datetime.date
    period_label: str
    rank: str
    place_slug: str
    place_name: str
    metric_name: str
    primary_source_id: int | None
    primary_source_title: str | None
    primary_outlet_name: str | None

    @property
    def value_display(self) -> str:
        return format_value(value=self.value, unit=self.unit, qualifier=self.qualifier, value_max=self.value_max)


_LISTING_ROW_FIELDS = (
    "pk",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "period_label",
    "rank",
    "place__slug",
    "place__name",
    "metric__name",
    "primary_citation__source_id",
    "primary_citation__source__title",
    "primary_citation__source__outlet__name",
)


# The listing's order by place name; by place then latest period first, as the listing says.
BY_PLACE_NAME = ("place__name", "-period_end", "-id")


def listing_page(
    matching: QuerySet[Claim], *, bottom: int, top: int, ordered_ids: list[int] | None = None
) -> list[ListingRow]:
    """Rows `bottom` to `top` of the listing `matching` (in its order), dressed with their related columns.

    The page's ids are chosen first, and only those rows get the related columns: with OFFSET,
    PostgreSQL would otherwise compute the joins for every skipped row too. They come from
    `ordered_ids` when the count read them (count_claims), else from a plain ordered, sliced
    subquery; by place name on PostgreSQL, from the places in name order (_ids_by_place_name).
    """
    ordering = tuple(matching.query.order_by)
    if ordered_ids is not None:
        ids = ordered_ids[bottom:top]
    elif ordering == BY_PLACE_NAME and connection.vendor == "postgresql":
        ids = _ids_by_place_name(matching, bottom=bottom, top=top)
    else:
        ids = matching[bottom:top].values("pk")
    rows = (
        Claim.objects.filter(pk__in=ids)
        # At most one primary citation per claim (a constraint): the join adds no row.
        .annotate(primary_citation=FilteredRelation("citations", condition=Q(citations__is_primary=True)))
        .order_by(*ordering)
        .values_list(*_LISTING_ROW_FIELDS)
    )
    return [ListingRow(*row) for row in rows]


def _ids_by_place_name(matching: QuerySet[Claim], *, bottom: int, top: int) -> list[int]:
    """The ids of rows `bottom` to `top` in BY_PLACE_NAME order, reading at most `top` claims of each place.

    Ordered by a column of another table, PostgreSQL walks the places in name order but must
    then sort all of the first place's claims (66,000 at a million) by period to return 50.
    Here the places are walked in name order, and each place's matching claims are read latest
    first from claim_approved_place_idx, at most `top` of them (LATERAL ... LIMIT): the sort
    then holds one place's `top` rows at a time and stops as soon as the page is full.
    """
    per_place = matching.order_by("-period_end", "-id").filter(place_id=RawSQL('"listing_place"."id"', ()))
    sql, params = per_place.values_list("pk", "period_end")[:top].query.get_compiler(using=matching.db).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT page.id FROM curation_place AS listing_place"
            f" CROSS JOIN LATERAL ({sql}) AS page (id, period_end)"
            " ORDER BY listing_place.name, page.period_end DESC, page.id DESC LIMIT %s OFFSET %s",
            (*params, top - bottom, bottom),
        )
        return [pk for (pk,) in cursor.fetchall()]


DOWNLOAD_FIELDS = (
    "id",
    "place__name",
    "place__slug",
    "metric__code",
    "metric__name",
    *CLAIM_FIGURE_FIELDS,
    "attribution",
    "notes",
    "rank",
    "rank_reason",
    "primary_source_id",
    "primary_source_title",
    "primary_outlet_name",
    "primary_quote",
)


def download_rows(queryset: QuerySet[Claim]) -> QuerySet:
    """Rows (tuples of DOWNLOAD_FIELDS) for the CSV and JSON downloads: the listing's columns plus the primary quote.

    The primary citation, its source and outlet are joined once (a claim has at most one
    primary citation, a constraint), not read by four subqueries per row: a download reads
    every row it matches, where the listing dresses only its page.
    """
    return (
        queryset.annotate(primary_citation=FilteredRelation("citations", condition=Q(citations__is_primary=True)))
        .annotate(
            primary_source_id=F("primary_citation__source_id"),
            primary_source_title=F("primary_citation__source__title"),
            primary_outlet_name=F("primary_citation__source__outlet__name"),
            primary_quote=F("primary_citation__quote"),
        )
        # Plain tuples, not model instances or dicts: a download of 50,000 claims would otherwise
        # spend most of its time building objects (claim, place, metric) it reads once.
        .values_list(*DOWNLOAD_FIELDS)
    )


# ----------------------------------------------------------------------------------------------
# Detail pages
# ----------------------------------------------------------------------------------------------
def claim_detail_queryset() -> QuerySet[Claim]:
    """An approved claim with its place, metric, citations (with sources) and approved conversions."""
    return (
        public_claims()
        .select_related("place", "metric", "conversion_of")
        .with_corroboration()
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source__outlet")),
            Prefetch(
                "conversions",
                queryset=public_claims().select_related("metric").order_by("pk"),
                to_attr="approved_conversions",
            ),
        )
    )


@dataclass(frozen=True)
class PublicContradiction:
    """A contradiction as the public sees it: the other claim and the explanation only when published."""

    kind: str
    status: str
    explanation: str
    resolution_note: str
    other: Claim | None

    @property
    def is_counterpart_published(self) -> bool:
        return self.other is not None


def claim_contradictions(*, claim: Claim) -> list[PublicContradiction]:
    """Every contradiction flagged on the claim, hiding what it says about an unpublished claim.

    A flag against a claim that is not approved is still shown (its kind and status), so that
    readers know a figure is disputed; its explanation and the other claim are withheld
    because they state the unpublished figure.
    """
    flags = (
        Contradiction.objects.filter(Q(claim_a=claim) | Q(claim_b=claim))
        .select_related("claim_a__place", "claim_a__metric", "claim_b__place", "claim_b__metric")
        .order_by("-flagged_at", "pk")
    )
    found = []
    for flag in flags:
        other = flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a
        published = is_public(other)
        found.append(
            PublicContradiction(
                kind=flag.get_kind_display(),
                status=flag.get_status_display(),
                explanation=flag.explanation if published else "",
                resolution_note=flag.resolution_note if published else "",
                other=other if published else None,
            )
        )
    return found


@dataclass(frozen=True)
class PublicEvidence:
    """What the claim page says about the strength of a claim's evidence and who else reports it."""

    weak_summary: str  # empty when at least one source is strong
    outlets: int  # independent outlets reporting the figure (stored by the detection)
    reporters: list[str]  # their names, as readers know them


def claim_evidence(*, claim: Claim) -> PublicEvidence:
    """Weak evidence from the claim's (prefetched) citations; corroboration from published claims only."""
    sources = {citation.source_id: citation.source for citation in claim.citations.all()}
    strength = EvidenceStrength(
        sources=tuple(
            SourceEvidence(pk, source.title, source.reliability, source.is_ai_assisted, source.outlet_id)
            for pk, source in sources.items()
        ),
        independent_sources=len(sources),
        minimum=minimum_reliability(),
    )
    reporters: list[str] = []
    if claim.corroboration_count >= 2:
        reading = detection.corroboration_of(claim=claim)
        if reading is not None:
            rows = Source.objects.filter(pk__in=reading.source_ids).select_related("outlet").order_by("pk")
            seen = set()
            for source in rows:
                name = source.outlet.name if source.outlet else f"“{source.title}” (outlet not stated)"
                if name not in seen:
                    seen.add(name)
                    reporters.append(name)
    return PublicEvidence(weak_summary=strength.summary, outlets=claim.corroboration_count, reporters=reporters)


def _approved_citations() -> QuerySet[Citation]:
    return Citation.objects.filter(claim__status=Claim.Status.APPROVED)


def source_detail_queryset() -> QuerySet[Source]:
    """Sources cited by at least one approved claim; any other source is not public."""
    return Source.objects.select_related("outlet").filter(Exists(_approved_citations().filter(source=OuterRef("pk"))))


def source_citation_ids(*, source: Source) -> QuerySet:
    """The ids of the approved claims' citations of a source, in the order they stand in the text.

    Read from indexes alone (citation_source_spans_idx, claim_approved_id_idx with the place): a
    page's 50 citations are then loaded by id, not all 500 claims' rows to order them.
    """
    return (
        _approved_citations()
        .filter(source=source)
        .order_by(F("quote_start").asc(nulls_last=True), "claim__place__name", "pk")
        .values_list("pk", flat=True)
    )


def source_citations(*, ids: list[int]) -> list[Citation]:
    """These citations with their claims, in the order of ids."""
    citations = (
        Citation.objects.select_related("claim__place", "claim__metric")
        # Only what the page shows: a source cited by 500 claims would otherwise load every
        # claim's notes, review fields and the quotes again.
        .only(
            "pk",
            "claim_id",
            "quote_start",
            "quote_end",
            "claim__value",
            "claim__value_max",
            "claim__unit",
            "claim__qualifier",
            "claim__rank",
            "claim__place__name",
            "claim__metric__name",
        )
    )
    return in_id_order(citations, ids)


def source_quote_spans(*, source: Source) -> list[tuple[int | None, int | None, int]]:
    """(start, end, citation id) of each approved claim's citation of the source; None where the quote is not found."""
    return list(_approved_citations().filter(source=source).values_list("quote_start", "quote_end", "pk"))


def place_detail_queryset() -> QuerySet[Place]:
    """A place with its aliases, the places it is part of and the places that are part of it."""
    return Place.objects.prefetch_related(
        "aliases",
        Prefetch("part_of", queryset=Place.objects.order_by("name")),
        Prefetch("parts", queryset=Place.objects.order_by("name")),
    )


# A place's series (metric and unit) on PostgreSQL, then the latest points of each: the series are
# found by skipping through the index (one probe per series, not a read of every claim), then
# each series' latest points are read backwards from the same index
# (claim_approved_series_idx: place, metric, unit, period_end, id, approved claims only).
_PLACE_SERIES_CTE = """
WITH RECURSIVE series(metric_id, unit) AS (
    (SELECT metric_id, unit FROM curation_claim
     WHERE place_id = %s AND status = %s ORDER BY metric_id, unit LIMIT 1)
    UNION ALL
    SELECT next.metric_id, next.unit FROM series CROSS JOIN LATERAL (
        SELECT claim.metric_id, claim.unit FROM curation_claim AS claim
        WHERE claim.place_id = %s AND claim.status = %s
          AND (claim.metric_id, claim.unit) > (series.metric_id, series.unit)
        ORDER BY claim.metric_id, claim.unit LIMIT 1
    ) AS next
)
"""
_LATEST_SERIES_POINTS_SQL = (
    _PLACE_SERIES_CTE
    + """
SELECT latest.id FROM series CROSS JOIN LATERAL (
    SELECT claim.id FROM curation_claim AS claim
    WHERE claim.place_id = %s AND claim.status = %s
      AND claim.metric_id = series.metric_id AND claim.unit = series.unit
    ORDER BY claim.period_end DESC, claim.id DESC LIMIT %s
) AS latest
"""
)


@contextlib.contextmanager
def _series_read_by_index():
    """A cursor in a transaction where PostgreSQL may not use a bitmap scan.

    When the planner expects fewer points in a series than the LIMIT (its statistics said 60
    where a series had 1,240), it reads every point of the series through a bitmap and sorts
    them (2.9 s for 52 series on bench1m) instead of reading the latest 100 backwards from
    claim_approved_series_idx. SET LOCAL ends with the transaction.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        yield cursor


def place_chart_claims(*, place: Place) -> list[Claim]:
    """The place's approved claims for its charts: the latest MAX_CHART_POINTS per metric and unit.

    On PostgreSQL two queries read about MAX_CHART_POINTS index entries per series however many
    claims the place has (a few ms for 29 series at a million claims, against 300 ms for a
    window over all the place's claims); SQLite numbers the rows with a window function.
    """
    claims = public_claims().select_related("metric")
    if connection.vendor == "postgresql":
        # The ids first, then their rows by primary key: as one query with the ids as a
        # subquery, the planner expects 100 points for each of 100 series and reads every claim.
        series = [place.pk, Claim.Status.APPROVED.value]
        with _series_read_by_index() as cursor:
            cursor.execute(_LATEST_SERIES_POINTS_SQL, [*series, *series, *series, MAX_CHART_POINTS])
            claims = claims.filter(pk__in=[claim_id for (claim_id,) in cursor.fetchall()])
    else:
        claims = claims.filter(place=place)
        latest_first = Window(
            RowNumber(), partition_by=[F("metric_id"), F("unit")], order_by=[F("period_end").desc(), F("pk").desc()]
        )
        claims = claims.annotate(recency=latest_first).filter(recency__lte=MAX_CHART_POINTS)
    return list(claims.order_by("metric__name", "unit", "period_end", "pk"))


# What each of a place's series shows, digested by PostgreSQL: the series' latest points read as
# by _LATEST_SERIES_POINTS_SQL, each point's shown fields written with %L (NULL unambiguous).
_SERIES_DIGEST_SQL = (
    _PLACE_SERIES_CTE
    + """
SELECT series.metric_id, series.unit, count(*),
       md5(string_agg(format('%%s|%%L|%%L|%%L|%%L|%%L|%%L|%%L|%%L', latest.id, latest.value, latest.value_max,
                             latest.unit, latest.qualifier, latest.period_start, latest.period_end,
                             latest.period_label, latest.rank), E'\\n' ORDER BY latest.period_end, latest.id))
FROM series CROSS JOIN LATERAL (
    SELECT claim.id, claim.value, claim.value_max, claim.unit, claim.qualifier, claim.period_start,
           claim.period_end, claim.period_label, claim.rank
    FROM curation_claim AS claim
    WHERE claim.place_id = %s AND claim.status = %s
      AND claim.metric_id = series.metric_id AND claim.unit = series.unit
    ORDER BY claim.period_end DESC, claim.id DESC LIMIT %s
) AS latest
GROUP BY series.metric_id, series.unit
"""
)


@dataclass
class ChartSeries:
    """One chart of a place page before it is drawn: its metric and unit, and a digest of its points.

    `digest` changes whenever anything the chart shows changes (a point's value, range, unit,
    qualifier, period or rank, a point added or gone); `claims` are its points when they were
    read to make the digest (SQLite), else None until a drawing needs them.
    """

    metric: Metric
    unit: str
    digest: str
    points: int
    claims: list[Claim] | None = None


def claims_digest(claims: Iterable[Claim]) -> str:
    """A digest of every field a chart shows of its points, in their order."""
    digest = hashlib.sha256()
    for claim in claims:
        digest.update(
            f"\n{claim.pk}|{claim.value}|{claim.value_max}|{claim.unit}|{claim.qualifier}|{claim.period_start}|"
            f"{claim.period_end}|{claim.period_label}|{claim.rank}".encode()
        )
    return digest.hexdigest()


def place_chart_series(*, place: Place) -> list[ChartSeries]:
    """The place's series (metric and unit) in page order, each with a digest of its latest points.

    On PostgreSQL one query digests the points where they lie (no claim is loaded: a place
    with 50 series of 100 points spent most of its page building 5,000 claims only to look
    its kept charts up). SQLite reads the claims and digests them here.
    """
    if connection.vendor != "postgresql":
        grouped: dict = {}
        for claim in place_chart_claims(place=place):
            grouped.setdefault((claim.metric_id, claim.unit), []).append(claim)
        found = [
            ChartSeries(
                metric=claims[0].metric, unit=unit, digest=claims_digest(claims), points=len(claims), claims=claims
            )
            for (_, unit), claims in grouped.items()
        ]
    else:
        series = [place.pk, Claim.Status.APPROVED.value]
        with _series_read_by_index() as cursor:
            cursor.execute(_SERIES_DIGEST_SQL, [*series, *series, *series, MAX_CHART_POINTS])
            rows = cursor.fetchall()
        metrics = Metric.objects.in_bulk({metric_id for metric_id, *_ in rows})
        found = [
            ChartSeries(metric=metrics[metric_id], unit=unit, digest=digest, points=points)
            for metric_id, unit, points, digest in rows
        ]
    # The order of charts.group_for_charts: by metric name, then metric, then unit.
    return sorted(found, key=lambda chart: (chart.metric.name, chart.metric.pk, chart.unit))


def published_releases() -> QuerySet[Release]:
    """Every release, newest first, with its files' names, sizes and checksums (not their bytes)."""
    return Release.objects.select_related("published_by").prefetch_related(
        Prefetch("files", queryset=ReleaseFile.objects.defer("content").order_by("name"))
    )

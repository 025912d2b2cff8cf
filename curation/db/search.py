"""Searching claims: the public listing's search and the editors' search in the admin.

On PostgreSQL quotes, attributions and editorial notes are matched with full-text search
(English stemming, web-search syntax), served by GIN indexes: on the same expressions for
attributions and notes (the initial migration), on the citation's stored search document for
quotes (`quote_document`, migration 0003, which a phrase's check reads instead of parsing each
candidate quote again); place, metric and source names are matched as substrings on their
small tables first, so that the claim table is searched by id. On SQLite every text is matched
as a case-insensitive substring, each through one subquery, never a join that multiplies rows.
"""

import re

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import Col, Expression
from django.utils.text import smart_split, unescape_string_literal

from curation.db.counting import planned_rows
from curation.models import Citation, Claim, Metric, Place, Source

SEARCH_CONFIG = "english"
# Past this many citations matching the words (planner's estimate), search tests claims one by
# one in listing order instead of collecting every matching id first.
COMMON_WORDS_ROWS = 5_000
# On SQLite, a search matching at most this many claims is answered from their ids.
SQLITE_ID_LIST_LIMIT = 10_000


class QuoteDocument(Expression):
    """A citation's stored search document, `to_tsvector('english', quote)` (PostgreSQL, migration 0003).

    The column is the database's own (GENERATED ALWAYS ... STORED), not a model field, so that
    SQLite has none and no model save writes it; this reads it as a column of the citation table
    at whatever alias the query gives that table.
    """

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        from django.contrib.postgres.search import SearchVectorField

        column = SearchVectorField()
        column.set_attributes_from_name("quote_document")
        column.model = Citation
        return Col(query.get_initial_alias(), column)


def quoting_citations(words) -> QuerySet[Citation]:
    """The citations whose quote matches a SearchQuery, through the stored document's GIN index."""
    return Citation.objects.annotate(document=QuoteDocument()).filter(document=words)


def common_words_fraction(*, text: str) -> float | None:
    """The share of citations the planner expects to match `text`, when that is a common search.

    None on other databases, or when the words are rare enough (COMMON_WORDS_ROWS) to fetch
    every match; then counts are exact as usual.
    """
    if connection.vendor != "postgresql" or not text.strip():
        return None
    if '"' in text:
        # A phrase: the planner estimates it as its words in any order, far more rows than match
        # (at a million claims, "bonded warehouse" is estimated at 30,000 and matches none), and
        # testing claims one by one for a phrase that matches none reads every claim.
        return None
    from django.contrib.postgres.search import SearchQuery

    words = SearchQuery(text.strip(), config=SEARCH_CONFIG, search_type="websearch")
    matching = planned_rows(quoting_citations(words))
    if matching <= COMMON_WORDS_ROWS:
        return None
    return min(1.0, matching / max(1, planned_rows(Citation.objects.all())))


def search_claims(queryset: QuerySet[Claim], *, text: str, common_fraction: float | None = None) -> QuerySet[Claim]:
    """Claims whose quote or attribution contains the words, or whose place or metric is named so.

    On PostgreSQL quotes and attributions are matched with full-text search (English stemming,
    web-search syntax: "a phrase", -word, or), served by GIN indexes; elsewhere with a
    case-insensitive substring match. Place names and aliases and metric names and codes are
    matched as substrings on their small tables first, so the claim table is searched by id.
    `common_fraction` is common_words_fraction(text=text), when the caller has it already.
    """
    text = text.strip()
    if not text:
        return queryset
    return _search(queryset, text=text, common_fraction=common_fraction, with_notes=False, also=[])


# A claim's id as editors write it: "123" or "#123".
_CLAIM_ID = re.compile(r"^#?(\d{1,18})$")
# A search names at most this many sources by title (the rest would not fit on a page anyway).
MAX_TITLE_MATCHES = 1000


def editor_search_claims(queryset: QuerySet[Claim], *, text: str) -> QuerySet[Claim]:
    """The admin's claim search: what the public search matches, plus notes, source titles and ids.

    A claim matches when its quote (any citation), attribution or editorial notes contain the
    words, when its place (name or alias) or metric (name or code) is named so, when it cites a
    source whose title contains the text, or when the text is its id ("123" or "#123").
    """
    text = text.strip()
    if not text:
        return queryset
    source_ids = list(Source.objects.filter(title__icontains=text).values_list("pk", flat=True)[:MAX_TITLE_MATCHES])
    also = [Citation.objects.filter(source_id__in=source_ids).order_by().values("claim_id")] if source_ids else []
    id_match = _CLAIM_ID.match(text)
    if id_match:
        also.append(Claim.objects.filter(pk=int(id_match.group(1))).order_by().values("pk"))
    return _search(queryset, text=text, common_fraction=common_words_fraction(text=text), with_notes=True, also=also)


def _search(
    queryset, *, text: str, common_fraction: float | None, with_notes: bool, also: list[QuerySet]
) -> QuerySet[Claim]:
    """The search; `also` are querysets of further matching claim ids (one column each)."""
    also_condition = Q()
    for ids in also:
        also_condition |= Q(pk__in=ids)
    place_ids = list(
        Place.objects.filter(Q(name__icontains=text) | Q(aliases__name__icontains=text))
        .values_list("pk", flat=True)
        .distinct()
    )
    metric_ids = list(
        Metric.objects.filter(Q(name__icontains=text) | Q(code__icontains=text)).values_list("pk", flat=True)
    )
    named = Q(place_id__in=place_ids) | Q(metric_id__in=metric_ids)
    if connection.vendor != "postgresql":
        # As PostgreSQL reads the words: each word, or "a phrase", somewhere in the same text.
        terms = _terms(text)
        quoted = Citation.objects.filter(_all_in("quote", terms)).order_by().values("claim_id")
        condition = Q(pk__in=quoted) | _all_in("attribution", terms) | named | also_condition
        if with_notes:
            condition |= _all_in("notes", terms)
        # Up to SQLITE_ID_LIST_LIMIT matches, their ids are collected in one pass over the
        # table, and the list's count and page read them by id. Walking the list order while
        # testing each claim (its index, then the row) read all 100,000 claims for a search
        # that matches few (≈ 1 s for a phrase that matches none); common words fill a page
        # early in that walk, and keep it.
        matching = Claim.objects.filter(condition).order_by().values_list("pk", flat=True)
        ids = list(matching[: SQLITE_ID_LIST_LIMIT + 1])
        if len(ids) <= SQLITE_ID_LIST_LIMIT:
            return queryset.filter(pk__in=ids)
        return queryset.filter(condition)

    from django.contrib.postgres.search import SearchQuery, SearchVector

    words = SearchQuery(text, config=SEARCH_CONFIG, search_type="websearch")
    quoting = quoting_citations(words)
    documents = ["attribution", "notes"] if with_notes else ["attribution"]
    if common_fraction is not None:
        # Common words: collecting every matching citation would cost more than testing the
        # claims one by one in listing order until the page is full. The correlation is
        # written as a closed range, not an equality, so that PostgreSQL does not turn the
        # EXISTS into a hash of all matches (it only does that for equality correlations).
        condition = Exists(quoting.filter(claim_id__gte=OuterRef("pk"), claim_id__lte=OuterRef("pk")))
        for field in documents:
            queryset = queryset.annotate(**{f"{field}_document": SearchVector(field, config=SEARCH_CONFIG)})
            condition |= Q(**{f"{field}_document": words})
        return queryset.filter(condition | named | also_condition)
    # Rare words: the GIN indexes give the few matching ids, and only those claims are read.
    matching = quoting.order_by().values("claim_id")
    for field in documents:
        written = Claim.objects.annotate(document=SearchVector(field, config=SEARCH_CONFIG)).filter(document=words)
        matching = matching.union(written.order_by().values("pk"), all=True)
    if place_ids or metric_ids:
        matching = matching.union(Claim.objects.filter(named).order_by().values("pk"), all=True)
    for ids in also:
        matching = matching.union(ids, all=True)
    return queryset.filter(pk__in=matching)


def _terms(text: str) -> list[str]:
    """The words and "quoted phrases" of a search, without their quotes (SQLite's reading)."""
    terms = [unescape_string_literal(term) if term[:1] in "\"'" else term for term in smart_split(text)]
    return [term for term in terms if term] or [text]


def _all_in(field: str, terms: list[str]) -> Q:
    condition = Q()
    for term in terms:
        condition &= Q(**{f"{field}__icontains": term})
    return condition

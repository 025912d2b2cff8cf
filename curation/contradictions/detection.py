"""Running the contradiction rules against the database and saving their findings.

`detect_all` checks every live claim (the management command); `detect_for_claim` checks one
claim against the claims it can be compared with (called when a claim is saved). Both save
findings idempotently, keyed on the claim pair and kind:

- a new conflict becomes an open Contradiction with `detected_by` set to the rule code;
- an open one is refreshed when its explanation changed;
- a confirmed, explained or dismissed one stays as the reviewer left it while the compared
  claims are unchanged (same fingerprint), and is reopened when they change;
- an open detected one that no longer holds is closed with a note saying why;
- a contradiction flagged by hand is never touched.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import connection, transaction
from django.db.models import FilteredRelation, Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from curation.contradictions import rules
from curation.db import generation
from curation.db.bulk_history import history_copy_created
from curation.db.bulk_insert import bulk_insert
from curation.models import (
    Citation,
    Claim,
    ClaimCorroboration,
    Contradiction,
    Metric,
    Place,
    PlaceAlias,
    PlaceLink,
    Source,
)
from curation.text.similarity import TextComparer

# Rejected and retracted claims are no longer figures anyone relies on: they are not compared.
COMPARED_STATUSES = (Claim.Status.DRAFT, Claim.Status.SUBMITTED, Claim.Status.APPROVED)

_FACT_FIELDS = (
    "id",
    "place_id",
    "metric_id",
    "metric__code",
    "metric__name",
    "metric__nature",
    "metric__is_additive",
    "metric__growth_of_id",
    "metric__increment_of_id",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "period_start",
    "period_end",
    "period_label",
    "conversion_of_id",
    "primary_citation__source_id",
    "primary_citation__source__published_on",
    "status",
)


@dataclass
class DetectionReport:
    """What a run found and what it did with it."""

    claims_checked: int = 0
    found: Counter = field(default_factory=Counter)  # conflicts by rule code
    created: int = 0
    refreshed: int = 0
    unchanged: int = 0
    reopened: int = 0
    closed: int = 0
    kept_resolved: int = 0
    kept_hand_flagged: int = 0
    corroborated: int = 0  # claims whose figure two or more independent outlets report
    corroboration_changed: int = 0
    saved: list[Contradiction] = field(default_factory=list)
    findings: list[rules.Finding] = field(default_factory=list)

    @property
    def total_found(self) -> int:
        return sum(self.found.values())

    def lines(self) -> list[str]:
        by_rule = ", ".join(f"{code} {count}" for code, count in sorted(self.found.items())) or "none"
        return [
            f"Claims checked: {self.claims_checked}",
            f"Conflicts found: {self.total_found} ({by_rule})",
            f"Created: {self.created} new open contradictions",
            f"Refreshed: {self.refreshed} open ones whose explanation changed; {self.unchanged} unchanged",
            f"Reopened: {self.reopened} reviewed ones whose claims changed since the review",
            f"Closed: {self.closed} open ones that no longer hold",
            f"Left alone: {self.kept_resolved} reviewed (claims unchanged), {self.kept_hand_flagged} flagged by hand",
            f"Corroborated: {self.corroborated} claims reported by two or more independent outlets "
            f"({self.corroboration_changed} counts changed)",
        ]


def rate_bands() -> dict:
    bands = {pair: dict(years) for pair, years in rules.DEFAULT_RATE_BANDS.items()}
    for pair, years in getattr(settings, "CONTRADICTION_RATE_BANDS", {}).items():
        bands.setdefault(pair, {}).update(years)
    return bands


def configured_rules() -> list[rules.Rule]:
    return rules.default_rules(rate_bands=rate_bands())


def load_place_graph() -> rules.PlaceGraph:
    aliases: dict[int, list[str]] = {}
    for place_id, name in PlaceAlias.objects.values_list("place_id", "name"):
        aliases.setdefault(place_id, []).append(name)
    places = [
        rules.PlaceFacts(id=pk, name=name, kind=kind, aliases=tuple(aliases.get(pk, ())))
        for pk, name, kind in Place.objects.values_list("pk", "name", "kind")
    ]
    return rules.PlaceGraph(places, PlaceLink.objects.values_list("part_id", "whole_id"))


def load_claim_facts(queryset=None) -> list[rules.ClaimFacts]:
    """Snapshots of the compared claims in `queryset` (all of them by default), in one query."""
    queryset = Claim.objects.all() if queryset is None else queryset
    rows = (
        queryset.filter(status__in=COMPARED_STATUSES)
        .annotate(primary_citation=FilteredRelation("citations", condition=Q(citations__is_primary=True)))
        .order_by()
        .values_list(*_FACT_FIELDS)
    )
    return [_facts(row) for row in rows]


# `_FACT_FIELDS` as SQL text over the tables aliased c (claim), m (metric), p (primary citation)
# and s (its source), with the model field each column reads (for the converters the ORM applies).
_FACT_COLUMNS = (
    (Claim, "id", "c.id"),
    (Claim, "place", "c.place_id"),
    (Claim, "metric", "c.metric_id"),
    (Metric, "code", "m.code"),
    (Metric, "name", "m.name"),
    (Metric, "nature", "m.nature"),
    (Metric, "is_additive", "m.is_additive"),
    (Metric, "growth_of", "m.growth_of_id"),
    (Metric, "increment_of", "m.increment_of_id"),
    (Claim, "value", "c.value"),
    (Claim, "value_max", "c.value_max"),
    (Claim, "unit", "c.unit"),
    (Claim, "qualifier", "c.qualifier"),
    (Claim, "period_start", "c.period_start"),
    (Claim, "period_end", "c.period_end"),
    (Claim, "period_label", "c.period_label"),
    (Claim, "conversion_of", "c.conversion_of_id"),
    (Citation, "source", "p.source_id"),
    (Source, "published_on", "s.published_on"),
    (Claim, "status", "c.status"),
)


@functools.cache
def _facts_query(vendor: str) -> tuple[str, list[tuple[int, list, object]]]:
    """The SELECT of `load_claim_facts` (ids from a subquery `{ids}`) and, per column, the converters the ORM applies.

    Built once per process: the ORM compiled the same query anew for every check, a large share
    of the check's CPU. The converters (SQLite's decimals, dates and booleans; none on
    PostgreSQL) are the backend's own, so the snapshots equal those `load_claim_facts` makes.
    """
    ops = connection.ops
    converters = []
    for position, (model, name, _) in enumerate(_FACT_COLUMNS):
        column = model._meta.get_field(name).get_col(model._meta.db_table)
        found = ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    # Each claim's place (name, kind, one row per alias) follows its facts: the rules describe
    # the places of the candidates, and the place graph around the claim knows only the edges
    # of most of them. Then what counting its figure's outlets reads: the stored count and every
    # citation's source and outlet (one row per citation; the claim's figure group is among the
    # candidates).
    # The ids come first and the joins follow in the order written: with more tables than
    # PostgreSQL's join_collapse_limit (8) it no longer reorders them, and with the ids' IN
    # (subquery) last it joined the whole table before keeping the candidates (2 s at 1M).
    table = ops.quote_name
    sql = (
        f"WITH candidate(id) AS ({{ids}}) "
        f"SELECT {', '.join(sql for _, _, sql in _FACT_COLUMNS)}, place.name, place.kind, alias.name, "
        "counted.outlets, cited.source_id, cited_source.outlet_id "
        f"FROM candidate JOIN {table(Claim._meta.db_table)} c ON c.id = candidate.id "
        f"JOIN {table(Metric._meta.db_table)} m ON m.id = c.metric_id "
        f"JOIN {table(Place._meta.db_table)} place ON place.id = c.place_id "
        f"LEFT OUTER JOIN {table(PlaceAlias._meta.db_table)} alias ON alias.place_id = c.place_id "
        f"LEFT OUTER JOIN {table(Citation._meta.db_table)} p ON p.claim_id = c.id AND p.is_primary = %s "
        f"LEFT OUTER JOIN {table(Source._meta.db_table)} s ON s.id = p.source_id "
        f"LEFT OUTER JOIN {table(ClaimCorroboration._meta.db_table)} counted ON counted.claim_id = c.id "
        f"LEFT OUTER JOIN {table(Citation._meta.db_table)} cited ON cited.claim_id = c.id "
        f"LEFT OUTER JOIN {table(Source._meta.db_table)} cited_source ON cited_source.id = cited.source_id "
        f"WHERE c.status IN ({', '.join(['%s'] * len(COMPARED_STATUSES))}) "
        "ORDER BY c.id, cited.id"
    )
    return sql, converters


@dataclass
class Candidates:
    """What one query reads about a claim's candidates: their facts, and for counting outlets their sources."""

    facts: list[rules.ClaimFacts] = field(default_factory=list)
    sources_of: dict[int, tuple[int, ...]] = field(default_factory=dict)  # the primary source first
    outlet_of: dict[int, int | None] = field(default_factory=dict)  # of every source cited
    stored_counts: dict[int, int] = field(default_factory=dict)  # outlets stored, for claims with a row


def load_candidates(ids_sql: str, params: list, *, graph: rules.PlaceGraph | None = None) -> Candidates:
    """The facts (as `load_claim_facts` reads them) and sources of the claims whose ids a SQL query gives, in one query.

    The places of those claims that `graph` does not know yet are added to it, from the same rows.
    """
    sql, converters = _facts_query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(ids=ids_sql), [*params, True, *COMPARED_STATUSES])
        rows = cursor.fetchall()
    found = Candidates()
    facts: dict[int, rules.ClaimFacts] = {}
    sources: dict[int, list[int]] = {}
    places: dict[int, tuple[str, str, set[str]]] = {}
    width = len(_FACT_COLUMNS)
    for row in rows:
        claim_id = row[0]
        place_name, place_kind, alias, outlets, source_id, outlet_id = row[width:]
        places.setdefault(row[1], (place_name, place_kind, set()))[2].update([alias] if alias else [])
        if source_id is not None:
            found.outlet_of[source_id] = outlet_id
        if claim_id in facts:  # the same claim again, for another citation or alias
            if source_id is not None and source_id not in sources[claim_id]:
                sources[claim_id].append(source_id)
            continue
        row = list(row[:width])
        for position, functions, column in converters:
            for convert in functions:
                row[position] = convert(row[position], column, connection)
        facts[claim_id] = item = _facts(row)
        sources[claim_id] = [item.source_id] if item.source_id is not None else []
        if source_id is not None and source_id not in sources[claim_id]:
            sources[claim_id].append(source_id)
        if outlets is not None:
            found.stored_counts[claim_id] = outlets
    found.facts = list(facts.values())
    found.sources_of = {claim_id: tuple(ids) for claim_id, ids in sources.items()}
    if graph is not None:
        graph.add_places(
            rules.PlaceFacts(id=pk, name=name, kind=kind, aliases=tuple(sorted(aliases)))
            for pk, (name, kind, aliases) in places.items()
            if pk not in graph.places
        )
    return found


def _facts(row) -> rules.ClaimFacts:
    (
        pk,
        place_id,
        metric_id,
        code,
        name,
        nature,
        additive,
        growth_of,
        increment_of,
        value,
        value_max,
        unit,
        qualifier,
        start,
        end,
        label,
        conversion_of,
        source_id,
        published_on,
        status,
    ) = row
    return rules.ClaimFacts(
        id=pk,
        place_id=place_id,
        metric_id=metric_id,
        metric_code=code,
        metric_name=name,
        nature=nature,
        is_additive=additive,
        growth_of_id=growth_of,
        increment_of_id=increment_of,
        value=value,
        value_max=value_max,
        unit=unit,
        qualifier=qualifier,
        period_start=start,
        period_end=end,
        period_label=label,
        conversion_of_id=conversion_of,
        source_id=source_id,
        published_on=published_on,
        status=status,
    )


# One place's part of the graph in one query: the part-of edges above and below it (rows marked
# "l") and the facts of the place and of every place sharing one of its name keys, its name's or
# an alias's (rows marked "p", one per alias), found by the indexed key columns however many
# places there are. UNION (not UNION ALL) stops the walk at edges already seen, so even a cycle
# entered by mistake ends. Plain SQL (the ORM has no recursive query) that SQLite and PostgreSQL
# run alike.
_GRAPH_AROUND_SQL = """
WITH RECURSIVE up(part_id, whole_id) AS (
    SELECT part_id, whole_id FROM {links} WHERE part_id = %(place)s
    UNION
    SELECT link.part_id, link.whole_id FROM {links} link JOIN up ON link.part_id = up.whole_id
), down(part_id, whole_id) AS (
    SELECT part_id, whole_id FROM {links} WHERE whole_id = %(place)s
    UNION
    SELECT link.part_id, link.whole_id FROM {links} link JOIN down ON link.whole_id = down.part_id
), edges(part_id, whole_id) AS (
    SELECT part_id, whole_id FROM up UNION SELECT part_id, whole_id FROM down
), name_keys(name_key) AS (
    SELECT name_key FROM {places} WHERE id = %(place)s AND name_key <> ''
    UNION SELECT name_key FROM {aliases} WHERE place_id = %(place)s AND name_key <> ''
), alike(id) AS (
    SELECT %(place)s
    UNION SELECT id FROM {places} WHERE name_key IN (SELECT name_key FROM name_keys)
    UNION SELECT place_id FROM {aliases} WHERE name_key IN (SELECT name_key FROM name_keys)
)
SELECT 'l', part_id, whole_id, NULL, NULL, NULL FROM edges
UNION ALL
SELECT 'p', place.id, NULL, place.name, place.kind, alias.name
FROM {places} place LEFT OUTER JOIN {aliases} alias ON alias.place_id = place.id
WHERE place.id IN (SELECT id FROM alike)
"""


def load_place_graph_around(place_id: int) -> rules.PlaceGraph:
    """One place's part of the graph: every edge above and below it, and the facts of the alike-named places.

    The facts (name, kind) of the other places are added with the candidate claims
    (`load_candidates`): a region has hundreds of parts, few of which any candidate claim is about.
    """
    sql = _GRAPH_AROUND_SQL.format(
        links=connection.ops.quote_name(PlaceLink._meta.db_table),
        places=connection.ops.quote_name(Place._meta.db_table),
        aliases=connection.ops.quote_name(PlaceAlias._meta.db_table),
    )
    links: list[tuple[int, int]] = []
    places: dict[int, tuple[str, str, list[str]]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, {"place": place_id})
        for row_kind, first, second, name, kind, alias in cursor.fetchall():
            if row_kind == "l":
                links.append((first, second))
            else:
                places.setdefault(first, (name, kind, []))[2].extend([alias] if alias else [])
    facts = [
        rules.PlaceFacts(id=pk, name=name, kind=kind, aliases=tuple(sorted(aliases)))
        for pk, (name, kind, aliases) in places.items()
    ]
    return rules.PlaceGraph(facts, links)


def sync_place_name_keys() -> int:
    """Correct the stored name keys that differ from what `rules.place_name_key` reads now; returns how many.

    Saves and bulk_create keep them; a change of the generic words (or a bulk UPDATE of names)
    is caught here, by the full run.
    """
    changed = 0
    for model in (Place, PlaceAlias):
        stale = [
            model(pk=pk, name=name, name_key=rules.place_name_key(name))
            for pk, name, key in model.objects.values_list("pk", "name", "name_key")
            if rules.place_name_key(name) != key
        ]
        model.objects.bulk_update(stale, ["name_key"], batch_size=2000)
        changed += len(stale)
    return changed


class _CandidateSQL:
    """The ids of one claim's candidates as one SQL UNION, written by hand with its parameters.

    Each family is a SELECT its index serves; the UNION of them is read with the candidates'
    facts in one query (an OR of them defeats the planner). Built as text: composing a dozen ORM
    querysets cost more CPU than the query itself.
    """

    def __init__(self):
        ops = connection.ops
        self.claims = ops.quote_name(Claim._meta.db_table)
        self.metrics = ops.quote_name(Metric._meta.db_table)
        self.citations = ops.quote_name(Citation._meta.db_table)
        self.parts: list[str] = []
        self.params: list = []

    def date(self, day: dt.date):
        return connection.ops.adapt_datefield_value(day)

    def number(self, value: Decimal):
        return connection.ops.adapt_decimalfield_value(value)

    def add(self, sql: str, *params) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def ids(self, values) -> tuple[str, list]:
        values = sorted(values)
        return ", ".join(["%s"] * len(values)), values

    def periods(self, facts: rules.ClaimFacts, prefix: str = "") -> tuple[str, list]:
        """Periods a rule compares with the claim's: the same, containing it, inside it (a stock: within a month)."""
        start, end = f"{prefix}period_start", f"{prefix}period_end"
        if facts.period_start is None:
            window = dt.timedelta(days=31)
            low, high = self.date(facts.period_end - window), self.date(facts.period_end + window)
            return f"{start} IS NULL AND {end} BETWEEN %s AND %s", [low, high]
        first, last = self.date(facts.period_start), self.date(facts.period_end)
        sql = f"(({start} <= %s AND {end} >= %s) OR ({start} >= %s AND {end} <= %s))"
        return sql, [first, last, first, last]

    def sql(self) -> str:
        return " UNION ".join(self.parts)


def _time_families(query: _CandidateSQL, facts: rules.ClaimFacts) -> None:
    """What the pace and base-period spike rules compare a flow or a growth rate with.

    For a flow: the same flow over the years around it and the growth rates of those flows and
    of the flows inside it. For a growth rate: the flows it measures around its period (and the
    cumulative ones containing it) and the other growth rates of those flows. The claim's metric
    is read inside the query (its nature, what it is the growth of), so no query reads it first.
    """
    if facts.period_start is None:
        return
    first, last = query.date(facts.period_start), query.date(facts.period_end)
    around = "c.period_start >= %s AND c.period_end <= %s"
    around_params = [
        query.date(dt.date(facts.period_start.year - 1, 1, 1)),
        query.date(dt.date(facts.period_end.year + 1, 12, 31)),
    ]
    containing, inside = "c.period_start <= %s AND c.period_end >= %s", "c.period_start >= %s AND c.period_end <= %s"
    place, metric = facts.place_id, facts.metric_id
    claims, metrics = query.claims, query.metrics
    # A flow, or a growth rate of something: the same metric around its period.
    query.add(
        f"SELECT c.id FROM {claims} c JOIN {metrics} m ON m.id = c.metric_id WHERE c.place_id = %s "
        f"AND c.metric_id = %s AND {around} AND (m.nature = %s OR (m.nature = %s AND m.growth_of_id IS NOT NULL))",
        place, metric, *around_params, Metric.Nature.FLOW, Metric.Nature.RATE,
    )  # fmt: skip
    # A flow: the growth rates of it around its period and inside it.
    query.add(
        f"SELECT c.id FROM {claims} c JOIN {metrics} m ON m.id = c.metric_id JOIN {metrics} g ON g.id = m.growth_of_id "
        f"WHERE c.place_id = %s AND m.growth_of_id = %s AND g.nature = %s AND (({around}) OR ({inside}))",
        place, metric, Metric.Nature.FLOW, *around_params, first, last,
    )  # fmt: skip
    # A growth rate: the flows it measures around its period and containing it.
    query.add(
        f"SELECT c.id FROM {claims} c WHERE c.place_id = %s AND c.metric_id IN "
        f"(SELECT growth_of_id FROM {metrics} WHERE id = %s AND nature = %s) AND (({around}) OR ({containing}))",
        place, metric, Metric.Nature.RATE, *around_params, first, last,
    )  # fmt: skip


def comparable_claims(*, claim: Claim, graph: rules.PlaceGraph) -> Candidates:
    """The claims the rules could find in conflict with one claim, each family narrowed in SQL, never all claims.

    One query: the ids of every family (`_CandidateSQL`) and the facts and sources of those
    claims (`load_candidates`); their places are added to `graph`.
    """
    if claim.status not in COMPARED_STATUSES:
        return Candidates()
    # The saved instance gives the filters; its stored row is loaded with the candidates. Its
    # interval is read both ways its metric allows (a rate, or a count stated exactly: the value
    # itself), and the families take the wider of the two.
    readings = [
        rules.ClaimFacts(
            id=claim.pk,
            place_id=claim.place_id,
            metric_id=claim.metric_id,
            metric_code="",
            metric_name="",
            nature=nature,
            is_additive=False,
            value=Decimal(claim.value),
            value_max=Decimal(claim.value_max) if claim.value_max is not None else None,
            unit=claim.unit,
            qualifier=claim.qualifier,
            period_start=claim.period_start,
            period_end=claim.period_end,
            conversion_of_id=claim.conversion_of_id,
        )
        for nature in (Metric.Nature.RATE, Metric.Nature.FLOW)
    ]
    facts = readings[0]
    lows = [reading.interval.low for reading in readings if reading.interval.low is not None]
    highs = [reading.interval.high for reading in readings if reading.interval.high is not None]
    place = facts.place_id
    query = _CandidateSQL()
    periods, period_params = query.periods(facts, prefix="c.")
    same = f"SELECT c.id FROM {query.claims} c WHERE c.metric_id = %s AND {periods}"
    # Value mismatch, period containment: the same place.
    query.add(f"{same} AND c.place_id = %s", facts.metric_id, *period_params, place)
    ancestors, descendants = graph.ancestors(place), graph.descendants(place)
    # The value bound filters the rows the (metric, place) index finds; written `+c.value` (the
    # same number) so that neither database reads the value index for it: PostgreSQL otherwise
    # ANDs in a bitmap of every claim of the table above or below the bound (tens of thousands
    # of index entries at a million claims, most of the query's time) to find a handful. The
    # bound is cast because SQLite compares an expression with the text it binds a Decimal as
    # without converting either (a column would lend the text its numeric affinity).
    if ancestors and lows:  # a whole this claim could exceed
        places, ids = query.ids(ancestors)
        query.add(f"{same} AND c.place_id IN ({places}) AND +c.value <= CAST(%s AS NUMERIC)",
                  facts.metric_id, *period_params, *ids, query.number(max(lows)))  # fmt: skip
    if descendants and highs:  # a part that could exceed this claim
        places, ids = query.ids(descendants)
        query.add(f"{same} AND c.place_id IN ({places}) AND +c.value >= CAST(%s AS NUMERIC)",
                  facts.metric_id, *period_params, *ids, query.number(min(highs)))  # fmt: skip
    alike = [other for other in graph.alike(place) if graph.kind(other) != graph.kind(place)]
    if alike:
        places, ids = query.ids(alike)
        query.add(f"{same} AND c.place_id IN ({places})", facts.metric_id, *period_params, *ids)
    _time_families(query, facts)
    query.add(f"SELECT c.id FROM {query.claims} c WHERE c.conversion_of_id = %s", claim.pk)
    itself = [claim.pk] + ([facts.conversion_of_id] if facts.conversion_of_id is not None else [])
    places, ids = query.ids(itself)
    query.add(f"SELECT c.id FROM {query.claims} c WHERE c.id IN ({places})", *ids)
    # The arithmetic rule: claims of the same article (the rule itself keeps those of the same place).
    query.add(
        f"SELECT a.claim_id FROM {query.citations} a WHERE a.is_primary = %s AND a.source_id IN "
        f"(SELECT p.source_id FROM {query.citations} p WHERE p.claim_id = %s AND p.is_primary = %s)",
        True, claim.pk, True,
    )  # fmt: skip
    return load_candidates(query.sql(), query.params, graph=graph)


def explain_pair(*, contradiction: Contradiction, graph: rules.PlaceGraph | None = None) -> list[rules.Finding]:
    """Every rule's current reading of a contradiction's pair, conflicts and consistent ones alike."""
    pair = (contradiction.claim_a_id, contradiction.claim_b_id)
    graph = graph if graph is not None else load_place_graph()
    claims: dict[int, rules.ClaimFacts] = {}
    for claim in Claim.objects.filter(pk__in=pair):
        claims.update((facts.id, facts) for facts in comparable_claims(claim=claim, graph=graph).facts)
    findings = rules.find(claims.values(), graph, rules=configured_rules(), involving=pair[0], consistent=True)
    return [finding for finding in findings if (finding.claim_a, finding.claim_b) == pair]


@contextmanager
def _no_cycle_collection():
    """Python's cycle collector paused while a full run holds millions of objects.

    The snapshots hold no reference cycles, but each full collection walks all of them, and
    building a million snapshots (and their groups) sets off collection after collection.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# A full run over at least this many claims applies the rules in two processes (`settings.
# CONTRADICTION_PROCESSES`, default 2; 1 turns it off): a forked child takes the rules below
# while this process runs the others. The rules are pure and the child inherits the loaded
# claims, so it reads nothing from the database; only its findings come back, through a file.
PARALLEL_FROM_CLAIMS = 50_000
CHILD_RULES = (rules.PeriodMismatch, rules.ScopeMismatch, rules.Pace, rules.BasePeriodSpike)


def _find_in_two_processes(index: rules.ClaimIndex, graph: rules.PlaceGraph, all_rules: list[rules.Rule]):
    """`rules.find` over every claim, the rules shared between this process and a forked child.

    The findings are those of one `rules.find`, in its order: each rule's findings are its own
    (the key includes the rule), and the merged list is sorted as `find` sorts, ties in rule order.
    """
    processes = getattr(settings, "CONTRADICTION_PROCESSES", 2)
    theirs = [rule for rule in all_rules if isinstance(rule, CHILD_RULES)]
    mine = [rule for rule in all_rules if not isinstance(rule, CHILD_RULES)]
    if processes < 2 or len(index.claims) < PARALLEL_FROM_CLAIMS or not hasattr(os, "fork") or not theirs:
        return rules.find(index, graph, rules=all_rules)
    # Every claim's interval is read by rules on both sides: worked out once here, the child inherits them.
    for claim in index.claims.values():
        claim.interval  # noqa: B018 (cached on the snapshot)
    with tempfile.TemporaryFile() as out:
        pid = os.fork()
        if pid == 0:  # the child: its rules, its findings pickled to the file, and out without cleanup
            status = 1
            try:
                pickle.dump(rules.find(index, graph, rules=theirs), out, protocol=pickle.HIGHEST_PROTOCOL)
                out.flush()
                status = 0
            finally:
                os._exit(status)
        found = rules.find(index, graph, rules=mine)
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise RuntimeError(f"the rules' child process failed (status {status})")
        out.seek(0)
        found += pickle.load(out)
    order = {rule.code: position for position, rule in enumerate(all_rules)}
    return sorted(found, key=lambda finding: (finding.claim_a, finding.claim_b, finding.kind, order[finding.rule]))


def detect_all(*, dry_run: bool = False, progress=None) -> DetectionReport:
    """Check every compared claim against the others and save what the rules find.

    `progress` (curation.jobs.progress) is told each of the three steps: load, apply the rules, save.
    """
    with _no_cycle_collection():
        return _detect_all(dry_run=dry_run, progress=progress)


def _detect_all(*, dry_run: bool, progress) -> DetectionReport:

    def step(phase: str) -> None:
        if progress is not None:
            if progress.total is None:
                progress.begin(total=3, phase=phase)
            else:
                progress.phase = phase
                progress.advance()

    step("Loading claims")
    graph = load_place_graph()
    index = rules.ClaimIndex.build(load_claim_facts())
    step("Applying the rules")
    findings = _find_in_two_processes(index, graph, configured_rules())
    step("Saving findings")
    existing = Contradiction.objects.only(
        "pk",
        "claim_a_id",
        "claim_b_id",
        "kind",
        "status",
        "explanation",
        "severity",
        "verdict",
        "fingerprint",
        "detected_by",
        "resolution_note",
        "resolved_at",
        "resolved_by_id",
    )
    report = DetectionReport(claims_checked=len(index.claims))
    with transaction.atomic():
        _save(findings, existing, report, index=index, graph=graph, dry_run=dry_run)
        sync_place_name_keys()
        stored = dict(ClaimCorroboration.objects.values_list("claim_id", "outlets"))
        _store_corroboration(list(index.claims.values()), stored=stored, report=report, every_source=True)
        if dry_run:
            transaction.set_rollback(True)
    if progress is not None:
        progress.advance()
    return report


# No savepoint inside the caller's transaction (a save's): nothing catches a failed check to carry
# on without it, and a savepoint costs two more round trips a save.
@transaction.atomic(savepoint=False)
def detect_for_claim(*, claim: Claim) -> DetectionReport:
    """Check one claim against the claims it can be compared with; runs inside the caller's transaction."""
    graph = load_place_graph_around(claim.place_id)
    candidates = comparable_claims(claim=claim, graph=graph)  # adds the candidates' places to the graph
    index = rules.ClaimIndex.build(candidates.facts)
    all_rules = configured_rules()
    conflicts = rules.find(index, graph, rules=all_rules, involving=claim.pk)
    # Rules over three or more claims also judge pairs this claim is not part of (it may be the growth
    # rate, or one conversion of an article): their consistent readings say which of those pairs were
    # judged, so a stale flag on them is closed.
    wider = (rules.Arithmetic, rules.Pace, rules.BasePeriodSpike, rules.ConversionConsistency)
    group_rules = [rule for rule in all_rules if isinstance(rule, wider)]
    judged = {
        reading.key for reading in rules.find(index, graph, rules=group_rules, involving=claim.pk, consistent=True)
    }
    touched = {claim.pk} | {claim_id for key in judged for claim_id in key[:2]}
    existing = Contradiction.objects.filter(
        Q(claim_a_id=claim.pk) | Q(claim_b_id=claim.pk) | Q(claim_a_id__in=touched, claim_b_id__in=touched)
    )
    report = DetectionReport(claims_checked=1)
    stored = index.claims.get(claim.pk)
    if stored is None:  # not compared (rejected, retracted): its figure's other claims are counted again
        refresh_corroboration(claim=claim, report=report)
    else:  # its figure group is among the candidates (same place, metric and period)
        group = [item for item in index.claims.values() if _figure(item) == _figure(stored)]
        _recount_figure(group, candidates=candidates, report=report)
    _save(
        conflicts,
        existing,
        report,
        index=index,
        graph=graph,
        dry_run=False,
        in_scope=lambda key: claim.pk in key[:2] or key in judged,
    )
    return report


# Claims checked together after a bulk write: the ids per batch (each batch loads its own
# comparison groups, so memory follows the batch, not the import) and the years around a
# batch's periods every rule stays within (a year earlier, the year before a part-year figure).
WRITTEN_BATCH = 10000
WINDOW_YEARS = 3


def detect_for_claims(*, claim_ids: Iterable[int]) -> DetectionReport:
    """Check claims written together (an import) against their comparison groups, and save the findings.

    The scope of `detect_for_claim` for each claim, worked out for a batch at once: the batch's
    comparison groups are loaded (its places with their wholes, parts and alike-named places,
    per metric with its growth rates, and its articles, over the years around the batch's
    periods; the whole articles of any conversion involved), the rules run once over them, and
    the findings resting on a written claim are saved, with the pairs the wider rules judged
    with one of them. The cost follows what was written, not the size of the table, and the
    findings are those a full run gives for these claims.
    """
    ids = sorted(set(claim_ids))
    report = DetectionReport()
    if not ids:
        return report
    graph = load_place_graph()
    families = _metric_families()
    all_rules = configured_rules()
    wider = (rules.Arithmetic, rules.Pace, rules.BasePeriodSpike, rules.ConversionConsistency)
    group_rules = [rule for rule in all_rules if isinstance(rule, wider)]
    with transaction.atomic():
        for start in range(0, len(ids), WRITTEN_BATCH):
            batch = set(ids[start : start + WRITTEN_BATCH])
            report.claims_checked += len(batch)
            index = rules.ClaimIndex.build(_written_groups(batch, graph=graph, families=families))
            conflicts = [
                finding for finding in rules.find(index, graph, rules=all_rules) if batch & set(finding.claim_ids)
            ]
            judged = {
                reading.key
                for reading in rules.find(index, graph, rules=group_rules, consistent=True)
                if batch & set(reading.claim_ids)
            }
            _save(
                conflicts,
                _rows_touching(batch, pairs={finding.key[:2] for finding in conflicts} | {key[:2] for key in judged}),
                report,
                index=index,
                graph=graph,
                dry_run=False,
                in_scope=lambda key, batch=batch, judged=judged: key[0] in batch or key[1] in batch or key in judged,
            )
            _store_written_corroboration(index, batch=batch, report=report)
            del index, conflicts, judged
    return report


def _metric_families() -> dict[int, set[int]]:
    """Each metric with the metrics the time rules compare it with: its base flow and that flow's growth rates."""
    growth_of = dict(Metric.objects.values_list("pk", "growth_of_id"))
    rates: dict[int, set[int]] = {}
    for metric_id, base_id in growth_of.items():
        if base_id is not None:
            rates.setdefault(base_id, set()).add(metric_id)
    families = {}
    for metric_id, base_id in growth_of.items():
        base = base_id or metric_id
        families[metric_id] = {metric_id, base, *rates.get(base, ())}
    return families


def _written_groups(batch: set[int], *, graph: rules.PlaceGraph, families: dict[int, set[int]]):
    """The facts of the batch's claims and of every claim a rule may compare with one of them."""
    # An import's ids run in a few unbroken ranges: a range query, filtered here, costs less than
    # thousands of parameters.
    ids = _id_range(batch)
    seeds = [facts for facts in load_claim_facts(Claim.objects.filter(pk__range=ids)) if facts.id in batch]
    if not seeds:
        return []
    first = min(facts.period_start or facts.period_end for facts in seeds).year - WINDOW_YEARS
    last = max(facts.period_end for facts in seeds).year + WINDOW_YEARS
    low, high = dt.date(max(first, dt.MINYEAR), 1, 1), dt.date(min(last, dt.MAXYEAR), 12, 31)
    window = Q(period_end__gte=low) & (
        Q(period_start__isnull=False, period_start__lte=high) | Q(period_start__isnull=True, period_end__lte=high)
    )
    places_by_metric: dict[int, set[int]] = {}
    for facts in seeds:
        place = facts.place_id
        for metric_id in families.get(facts.metric_id, {facts.metric_id}):
            places_by_metric.setdefault(metric_id, set()).add(place)
        places_by_metric[facts.metric_id].update(graph.ancestors(place) | graph.descendants(place) | graph.alike(place))
    groups = Q()
    for metric_id, places in places_by_metric.items():
        groups |= Q(metric_id=metric_id, place_id__in=places)
    sources = {facts.source_id for facts in seeds if facts.source_id is not None}
    articles = Citation.objects.filter(is_primary=True, source_id__in=sources).values("claim_id")
    loaded = {facts.id: facts for facts in seeds}
    for facts in load_claim_facts(Claim.objects.filter(groups & window)):
        loaded.setdefault(facts.id, facts)
    for facts in load_claim_facts(Claim.objects.filter(Q(pk__in=articles) & window)):
        loaded.setdefault(facts.id, facts)
    # Conversions: the rate rules read whole articles (the newest figure dates an undated one).
    conversions = Claim.objects.filter(
        Q(conversion_of_id__gte=ids[0], conversion_of_id__lte=ids[1])
        | Q(pk__in={facts.conversion_of_id for facts in seeds if facts.conversion_of_id})
        | Q(pk__in=articles, conversion_of_id__isnull=False)
    )
    # (A claim in the id range but not in the batch only adds a neighbour: findings are kept by the batch.)
    linked = set(conversions.values_list("pk", "conversion_of_id"))
    linked_ids = {claim_id for pair in linked for claim_id in pair if claim_id is not None}
    if linked_ids:
        linked_sources = Citation.objects.filter(is_primary=True, claim_id__in=linked_ids).values("source_id")
        whole = Citation.objects.filter(is_primary=True, source_id__in=linked_sources).values("claim_id")
        for facts in load_claim_facts(Claim.objects.filter(Q(pk__in=linked_ids) | Q(pk__in=whole))):
            loaded.setdefault(facts.id, facts)
    return list(loaded.values())


def _id_range(batch: set[int]) -> tuple[int, int]:
    return min(batch), max(batch)


def _rows_touching(batch: set[int], *, pairs: set[tuple[int, int]]) -> list[Contradiction]:
    """The stored contradictions on a claim of the batch, and those on the given pairs."""
    ids = _id_range(batch)
    rows = {
        row.pk: row
        for row in Contradiction.objects.filter(
            Q(claim_a_id__gte=ids[0], claim_a_id__lte=ids[1]) | Q(claim_b_id__gte=ids[0], claim_b_id__lte=ids[1])
        )
        if row.claim_a_id in batch or row.claim_b_id in batch
    }
    firsts = {first for first, _ in pairs} - batch
    if firsts:
        for row in Contradiction.objects.filter(claim_a_id__in=firsts):
            if (row.claim_a_id, row.claim_b_id) in pairs:
                rows[row.pk] = row
    return list(rows.values())


def _figure(facts: rules.ClaimFacts) -> tuple:
    """What `figure_group` groups by: place, metric, unit and period."""
    return (facts.place_id, facts.metric_id, facts.unit, facts.period_start, facts.period_end)


def _store_written_corroboration(index: rules.ClaimIndex, *, batch: set[int], report: DetectionReport) -> None:
    """Recount the outlets of every figure a claim of the batch states (its figure group is in the index)."""
    figures = {_figure(index.claims[claim_id]) for claim_id in batch if claim_id in index.claims}
    facts = [item for item in index.claims.values() if _figure(item) in figures]
    if not facts:
        return
    ids = {item.id for item in facts}
    low, high = _id_range(ids)
    counted = ClaimCorroboration.objects.filter(pk__gte=low, pk__lte=high)
    stored = {pk: count for pk, count in counted.values_list("claim_id", "outlets") if pk in ids}
    _store_corroboration(facts, stored=stored, report=report, every_source=False)


def _save(findings, existing, report, *, index, graph, dry_run, in_scope=None) -> None:
    """Write findings over the existing rows; close open detected rows in scope that were not found again."""
    now = timezone.now()
    rows = {(row.claim_a_id, row.claim_b_id, row.kind): row for row in existing}
    seen: set[tuple[int, int, str]] = set()
    to_create: list[Contradiction] = []
    to_update: list[Contradiction] = []
    report.findings = list(findings)
    for finding in findings:
        report.found[finding.rule] += 1
        seen.add(finding.key)
        row = rows.get(finding.key)
        if row is None:
            to_create.append(
                Contradiction(
                    claim_a_id=finding.claim_a,
                    claim_b_id=finding.claim_b,
                    kind=finding.kind,
                    severity=finding.severity,
                    verdict=finding.verdict,
                    explanation=finding.explanation,
                    detected_by=finding.rule,
                    fingerprint=finding.fingerprint,
                    flagged_at=now,
                )
            )
            report.created += 1
        elif not row.detected_by:
            report.kept_hand_flagged += 1
        elif row.status == Contradiction.Status.OPEN:
            current = (finding.explanation, finding.severity, finding.verdict, finding.fingerprint)
            if (row.explanation, row.severity, row.verdict, row.fingerprint) != current:
                row.explanation, row.severity, row.verdict, row.fingerprint = current
                to_update.append(row)
                report.refreshed += 1
            else:
                report.unchanged += 1
        elif row.fingerprint == finding.fingerprint:
            report.kept_resolved += 1
        else:
            previous = f"Previously {row.get_status_display().lower()}: {row.resolution_note}".strip()
            row.resolution_note = (
                f"Reopened automatically on {now:%Y-%m-%d}: the claims changed since the review. {previous}"
            )
            row.status = Contradiction.Status.OPEN
            row.explanation, row.severity, row.fingerprint = finding.explanation, finding.severity, finding.fingerprint
            row.verdict = finding.verdict
            row.resolved_at, row.resolved_by = None, None
            to_update.append(row)
            report.reopened += 1

    for key, row in rows.items():
        if key in seen or not row.detected_by or row.status != Contradiction.Status.OPEN:
            continue
        if in_scope is not None and not in_scope(key):
            continue
        row.status = Contradiction.Status.DISMISSED
        row.resolution_note = f"Closed automatically on {now:%Y-%m-%d}: {_why_gone(row, graph)}"
        row.resolved_at, row.resolved_by, row.fingerprint = now, None, ""
        to_update.append(row)
        report.closed += 1

    if dry_run:
        return
    if to_create:
        # The history rows are copied by the database (one INSERT … SELECT per chunk), not built
        # as one Python object per row: a full run at a million claims creates tens of thousands.
        created = bulk_insert(Contradiction, to_create)  # COPY on PostgreSQL
        history_copy_created(model=Contradiction, ids=[row.pk for row in created], reason=None)
        report.saved.extend(created)
    if to_update:
        bulk_update_with_history(
            to_update,
            Contradiction,
            [
                "status",
                "explanation",
                "severity",
                "verdict",
                "fingerprint",
                "resolution_note",
                "resolved_at",
                "resolved_by",
            ],
            batch_size=1000,
        )
        report.saved.extend(to_update)
    if to_create or to_update:
        # Bulk writes send no signals, so the public pages showing these flags are retired here.
        transaction.on_commit(generation.invalidate)


def _why_gone(row: Contradiction, graph: rules.PlaceGraph) -> str:
    key = (row.claim_a_id, row.claim_b_id, row.kind)
    statuses = dict(Claim.objects.filter(pk__in=key[:2]).values_list("pk", "status"))
    missing = [claim_id for claim_id in key[:2] if statuses.get(claim_id) not in COMPARED_STATUSES]
    if missing:
        reasons = [f"claim #{claim_id} is {statuses.get(claim_id, 'deleted')}" for claim_id in missing]
        return f"rule {row.detected_by} no longer compares this pair ({', '.join(reasons)})."
    reading = next((found for found in explain_pair(contradiction=row, graph=graph) if found.key == key), None)
    if reading is not None:
        return f"rule {row.detected_by} no longer finds a conflict after the claims changed. Now: {reading.explanation}"
    return f"rule {row.detected_by} no longer compares this pair after the claims changed."


# --- corroboration ------------------------------------------------------------------------


def _source_texts(source_ids: list[int]) -> dict[int, str]:
    return dict(Source.objects.filter(pk__in=source_ids).values_list("pk", "body"))


def _sources_of(facts: list[rules.ClaimFacts], *, every_claim: bool) -> dict[int, tuple[int, ...]]:
    """Each claim's sources: the primary one (in its facts) and those of its other citations."""
    sources = {item.id: [item.source_id] if item.source_id is not None else [] for item in facts}
    secondary = Citation.objects.filter(is_primary=False)
    if not every_claim:
        secondary = secondary.filter(claim_id__in=list(sources))
    for claim_id, source_id in secondary.values_list("claim_id", "source_id"):
        if claim_id in sources and source_id not in sources[claim_id]:
            sources[claim_id].append(source_id)
    return {claim_id: tuple(ids) for claim_id, ids in sources.items()}


def _store_corroboration(facts, *, stored: dict[int, int], report: DetectionReport, every_source: bool) -> None:
    """Count the independent outlets of each claim's figure and write the counts that changed.

    `stored` holds the current counts that differ from 1 (the `ClaimCorroboration` rows); the
    changed ones are written in a few set-based statements (derived data, no history), so the
    public pages are retired after the commit.
    """
    sources_of = _sources_of(facts, every_claim=every_source)
    outlets = Source.objects.all()
    if not every_source:
        outlets = outlets.filter(pk__in={source for ids in sources_of.values() for source in ids})
    outlet_of = dict(outlets.values_list("pk", "outlet_id"))
    _store_counts(facts, stored=stored, sources_of=sources_of, outlet_of=outlet_of, report=report)


def _store_counts(facts, *, stored, sources_of, outlet_of, report: DetectionReport) -> None:
    readings = _corroboration_readings(facts, sources_of=sources_of, outlet_of=outlet_of)
    changed: dict[int, list[int]] = {}
    counts = {claim_id: max(1, reading.origins) for claim_id, reading in readings.items()}
    for claim_id in set(counts) | set(stored):
        count = counts.get(claim_id, 1)
        report.corroborated += count >= 2
        if stored.get(claim_id, 1) != count:
            changed.setdefault(count, []).append(claim_id)
    report.corroboration_changed = sum(len(ids) for ids in changed.values())
    _write_counts(changed)
    if changed:
        transaction.on_commit(generation.invalidate)


# Counts written per statement: a DELETE of the claims back to one outlet, an INSERT … ON CONFLICT
# of the others.
COUNTS_PER_STATEMENT = 5000


# PostgreSQL: the changed counts as two arrays, one statement per chunk (no model instance, no
# VALUES list to compose: at a million claims a first run writes 187,729).
_UPSERT_COUNTS_SQL = """
INSERT INTO {table} (claim_id, outlets) SELECT * FROM unnest(%s::bigint[], %s::smallint[])
ON CONFLICT (claim_id) DO UPDATE SET outlets = excluded.outlets
"""


def _write_counts(changed: dict[int, list[int]]) -> None:
    """Write changed counts (claim ids by their new count): one outlet is no row, two or more a row."""
    gone = changed.get(1, [])
    for start in range(0, len(gone), COUNTS_PER_STATEMENT):
        ClaimCorroboration.objects.filter(claim_id__in=gone[start : start + COUNTS_PER_STATEMENT]).delete()
    if connection.vendor == "postgresql":
        rows = [(claim_id, count) for count, claim_ids in changed.items() if count >= 2 for claim_id in claim_ids]
        sql = _UPSERT_COUNTS_SQL.format(table=connection.ops.quote_name(ClaimCorroboration._meta.db_table))
        with connection.cursor() as cursor:
            for start in range(0, len(rows), COUNTS_PER_STATEMENT * 10):
                chunk = rows[start : start + COUNTS_PER_STATEMENT * 10]
                cursor.execute(sql, [[claim_id for claim_id, _ in chunk], [count for _, count in chunk]])
        return
    kept = [
        ClaimCorroboration(claim_id=claim_id, outlets=count)
        for count, claim_ids in changed.items()
        if count >= 2
        for claim_id in claim_ids
    ]
    ClaimCorroboration.objects.bulk_create(
        kept,
        batch_size=COUNTS_PER_STATEMENT,
        update_conflicts=True,
        unique_fields=["claim"],
        update_fields=["outlets"],
    )


def _corroboration_readings(facts, *, sources_of, outlet_of) -> dict[int, rules.Corroboration]:
    """The readings, comparing texts only where two origins report one figure, with the texts read in batches.

    A first pass records which source pairs would need a text comparison (taking none as a
    copy); their texts are then read in a few queries and compared once; only the figures
    whose sources include a near-duplicate pair are counted again.
    """
    pairs: set[tuple[int, int]] = set()

    def record(first, second):
        pairs.add((min(first, second), max(first, second)))
        return False

    readings = rules.corroboration(facts, sources_of=sources_of, outlet_of=outlet_of, same_text=record)
    if not pairs:
        return readings
    comparer = TextComparer(_source_texts)
    needed = sorted({source for pair in pairs for source in pair})
    for start in range(0, len(needed), 2000):
        comparer.prefetch(needed[start : start + 2000])
    copies = {pair for pair in pairs if comparer(*pair)}
    if not copies:
        return readings
    copied_sources = {source for pair in copies for source in pair}
    again = {claim_id for claim_id, reading in readings.items() if not copied_sources.isdisjoint(reading.source_ids)}
    # Every claim of a figure two claims state has a reading, as has a lone claim with two sources.
    groups = {_figure(item) for item in facts if item.id in again}
    affected = [item for item in facts if item.id in readings and _figure(item) in groups]
    readings.update(
        rules.corroboration(
            affected,
            sources_of=sources_of,
            outlet_of=outlet_of,
            same_text=lambda first, second: (min(first, second), max(first, second)) in copies,
        )
    )
    return readings


def figure_group(claim: Claim):
    """The claims stating a figure for the same place, metric, unit and period as this one."""
    return Claim.objects.filter(
        place_id=claim.place_id,
        metric_id=claim.metric_id,
        unit=claim.unit,
        period_start=claim.period_start,
        period_end=claim.period_end,
    )


def corroboration_of(*, claim: Claim) -> rules.Corroboration | None:
    """Who reports this claim's figure now: the claim's sources and those of approved agreeing claims."""
    facts = load_claim_facts(figure_group(claim) | Claim.objects.filter(pk=claim.pk))
    if not any(item.id == claim.pk for item in facts):
        return None
    sources_of = _sources_of(facts, every_claim=False)
    ids = {source for source_ids in sources_of.values() for source in source_ids}
    outlet_of = dict(Source.objects.filter(pk__in=ids).values_list("pk", "outlet_id"))
    return _corroboration_readings(facts, sources_of=sources_of, outlet_of=outlet_of).get(claim.pk)


def _recount_figure(facts: list[rules.ClaimFacts], *, candidates: Candidates, report: DetectionReport) -> None:
    """`refresh_corroboration` for a figure group among the candidates, whose sources and counts came with them."""
    ids = {item.id for item in facts}
    stored = {claim_id: count for claim_id, count in candidates.stored_counts.items() if claim_id in ids}
    sources = {item.id: candidates.sources_of.get(item.id, ()) for item in facts}
    _store_counts(facts, stored=stored, sources_of=sources, outlet_of=candidates.outlet_of, report=report)


@transaction.atomic(savepoint=False)  # as detect_for_claim: called inside a save's or a review's transaction
def refresh_corroboration(*, claim: Claim, report: DetectionReport | None = None) -> None:
    """Recount the independent outlets of every claim stating the same figure as this one.

    Called when a claim is saved and when its status changes (only approved claims count for
    the others).
    """
    group = figure_group(claim)
    facts = load_claim_facts(group)
    stored = dict(group.filter(corroboration__isnull=False).values_list("pk", "corroboration__outlets"))
    _store_corroboration(facts, stored=stored, report=report or DetectionReport(), every_source=False)

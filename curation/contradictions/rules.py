"""The contradiction rules: pure functions over loaded claims, no ORM reads or writes.

A rule takes `ClaimFacts` (plain snapshots of claims) and a `PlaceGraph` and returns
`Finding`s. A finding is either a conflict (saved as a Contradiction by
`curation.contradictions.detection`) or, when asked for, a *consistent* reading that explains why a pair
that looks suspicious is not a contradiction.

Candidates are never all pairs: claims are indexed by metric and place (and by period, source
or conversion link where a rule needs it), and each rule only looks inside those groups, so
the cost grows with the number of claims times the size of a group.

How far a stated value may be from the true figure depends on its qualifier; the one table
for that is QUALIFIER_TOLERANCE.
"""

from __future__ import annotations

import abc
import bisect
import calendar
import datetime as dt
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from curation.text.formatting import (
    format_claim_value,
    format_decimal,
    format_number,
    format_period,
    format_value,
    qualifier_words,
)

# --------------------------------------------------------------------------------------
# Snapshots of claims and places
# --------------------------------------------------------------------------------------


@dataclass(eq=False)
class ClaimFacts:
    """What the rules need to know about one claim, detached from the database (compared by identity)."""

    id: int
    place_id: int
    metric_id: int
    metric_code: str
    metric_name: str
    nature: str  # "stock", "flow" or "rate"
    is_additive: bool
    value: Decimal
    unit: str
    period_end: dt.date
    qualifier: str = "exact"
    value_max: Decimal | None = None
    period_start: dt.date | None = None
    period_label: str = ""
    source_id: int | None = None
    conversion_of_id: int | None = None
    growth_of_id: int | None = None  # the metric whose growth this rate metric measures
    increment_of_id: int | None = None  # the stock this flow metric adds to
    published_on: dt.date | None = None  # the primary source's publication date, when known
    status: str = "approved"

    def state(self) -> tuple:
        """The fields a finding depends on: when one changes, an earlier review no longer applies."""
        return (
            self.id,
            self.place_id,
            self.metric_id,
            str(self.value.normalize()),
            str(self.value_max.normalize()) if self.value_max is not None else "",
            self.unit,
            self.qualifier,
            self.period_start.isoformat() if self.period_start else "",
            self.period_end.isoformat(),
            self.source_id or 0,
            self.conversion_of_id or 0,
            self.published_on.isoformat() if self.published_on else "",
        )

    @property
    def interval(self) -> Interval:
        # Computed once per claim; functools.cached_property takes a lock on every read in Python 3.11.
        interval = self.__dict__.get("_interval")
        if interval is None:
            interval = self.__dict__["_interval"] = value_interval(self)
        return interval


@dataclass(frozen=True)
class PlaceFacts:
    id: int
    name: str
    kind: str
    aliases: tuple[str, ...] = ()


# Words that name what kind of place something is rather than which place: "Kashgar Area
# (FTZ)" and "Kashgar Prefecture" are both "kashgar" once these are taken away.
GENERIC_PLACE_WORDS = frozenset(
    {
        "the",
        "of",
        "area",
        "areas",
        "ftz",
        "prefecture",
        "city",
        "county",
        "district",
        "region",
        "port",
        "zone",
        "pilot",
        "free",
        "trade",
        "china",
        "uygur",
        "uyghur",
        "autonomous",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def place_name_key(name: str) -> str:
    """The distinctive part of a place name: lower case, generic kind words removed."""
    words = [word for word in _WORD.findall(name.lower()) if word not in GENERIC_PLACE_WORDS]
    return " ".join(words)


class PlaceGraph:
    """The part-of graph (a place may have several parents) and which place names are alike."""

    def __init__(self, places: Iterable[PlaceFacts], links: Iterable[tuple[int, int]]):
        self.places = {place.id: place for place in places}
        self._parents: dict[int, set[int]] = defaultdict(set)
        self._children: dict[int, set[int]] = defaultdict(set)
        for part, whole in links:
            self._parents[part].add(whole)
            self._children[whole].add(part)
        self._ancestors: dict[int, frozenset[int]] = {}
        self._descendants: dict[int, frozenset[int]] = {}
        self._keys: dict[int, frozenset[str]] = {}
        self._by_key: dict[str, set[int]] = defaultdict(set)
        self.add_places(list(self.places.values()))

    def add_places(self, places: Iterable[PlaceFacts]) -> None:
        """Name and kind of more places; the edges are all given at construction."""
        for place in places:
            self.places[place.id] = place
            keys = {place_name_key(name) for name in (place.name, *place.aliases)} - {""}
            self._keys[place.id] = frozenset(keys)
            for key in keys:
                self._by_key[key].add(place.id)

    @staticmethod
    def _closure(start: int, edges: dict[int, set[int]]) -> frozenset[int]:
        seen: set[int] = set()
        todo = list(edges.get(start, ()))
        while todo:
            current = todo.pop()
            if current in seen or current == start:
                continue
            seen.add(current)
            todo.extend(edges.get(current, ()))
        return frozenset(seen)

    def ancestors(self, place_id: int) -> frozenset[int]:
        """Every place this one is part of, directly or through other places."""
        if place_id not in self._ancestors:
            self._ancestors[place_id] = self._closure(place_id, self._parents)
        return self._ancestors[place_id]

    def descendants(self, place_id: int) -> frozenset[int]:
        if place_id not in self._descendants:
            self._descendants[place_id] = self._closure(place_id, self._children)
        return self._descendants[place_id]

    def alike(self, place_id: int) -> frozenset[int]:
        """Other places whose name or an alias reads the same once kind words are removed."""
        found: set[int] = set()
        for key in self._keys.get(place_id, ()):
            found |= self._by_key[key]
        found.discard(place_id)
        return frozenset(found)

    def name(self, place_id: int) -> str:
        place = self.places.get(place_id)
        return place.name if place else f"place {place_id}"

    def kind(self, place_id: int) -> str:
        place = self.places.get(place_id)
        return place.kind if place else ""

    def shared_name(self, first: int, second: int) -> str:
        keys = self._keys.get(first, frozenset()) & self._keys.get(second, frozenset())
        return sorted(keys)[0] if keys else ""


# --------------------------------------------------------------------------------------
# The qualifier tolerance table and value intervals
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tolerance:
    """How far below and above the stated value the true figure may lie, as fractions of it.

    None means unbounded on that side; `*_open` means the bound itself is excluded
    ("more than 3,100" excludes 3,100).
    """

    below: Decimal | None
    above: Decimal | None
    below_open: bool = False
    above_open: bool = False
    meaning: str = ""


# One table for every rule. "exact" still allows the rounding every reported figure carries.
QUALIFIER_TOLERANCE: dict[str, Tolerance] = {
    "exact": Tolerance(Decimal("0.005"), Decimal("0.005"), meaning="within ±0.5% (rounding)"),
    "about": Tolerance(Decimal("0.05"), Decimal("0.05"), meaning="within ±5%"),
    "more_than": Tolerance(Decimal(0), None, below_open=True, meaning="above the value, no upper bound"),
    "at_least": Tolerance(Decimal(0), None, meaning="the value or above"),
    "nearly": Tolerance(Decimal("0.05"), Decimal(0), above_open=True, meaning="up to 5% below, not reaching it"),
    "up_to": Tolerance(None, Decimal(0), meaning="the value or below"),
    "less_than": Tolerance(None, Decimal(0), above_open=True, meaning="below the value"),
    "between": Tolerance(Decimal(0), Decimal(0), meaning="from the value to the upper bound, inclusive"),
}


class Interval(NamedTuple):
    """The figures a claim allows. None is an unbounded side.

    A named tuple rather than a frozen dataclass: a full run makes one per claim, and a frozen
    dataclass is several times slower to create.
    """

    low: Decimal | None
    high: Decimal | None
    low_open: bool = False
    high_open: bool = False

    def overlaps(self, other: Interval) -> bool:
        return not (self.is_below(other) or other.is_below(self))

    def is_below(self, other: Interval) -> bool:
        """Every figure here is smaller than every figure of `other`."""
        if self.high is None or other.low is None:
            return False
        if self.high < other.low:
            return True
        return self.high == other.low and (self.high_open or other.low_open)

    def contains(self, number: Decimal) -> bool:
        return self.overlaps(Interval(number, number))


# Units of measurement rather than of things counted: figures in them are amounts, read with
# the ±0.5% rounding tolerance. Currencies (three capital letters) are amounts too.
MEASURE_UNITS = frozenset(
    {"%", "t", "kg", "km", "km2", "m2", "ha", "h", "days", "months", "years", "TEU", "kWh", "MW", "m3", "l"}
)
_CURRENCY = re.compile(r"[A-Z]{3}")


_AMOUNT_UNITS: dict[str, bool] = {}  # unit -> an amount (a measure or a currency); filled as units are seen


def is_count(claim: ClaimFacts) -> bool:
    """A whole number of things (enterprises, vehicles, cases, a rank), not an amount or a rate."""
    if claim.nature == "rate":
        return False
    amount = _AMOUNT_UNITS.get(claim.unit)
    if amount is None:
        amount = _AMOUNT_UNITS[claim.unit] = claim.unit in MEASURE_UNITS or bool(_CURRENCY.fullmatch(claim.unit))
    return not amount and claim.value == claim.value.to_integral_value()


def is_exact_count(claim: ClaimFacts) -> bool:
    """An exact count stated to the unit (205, 6,663): not a round figure (3,000, 258,000), which is rounded."""
    return claim.qualifier == "exact" and is_count(claim) and claim.value % 10 != 0


def value_interval(claim: ClaimFacts) -> Interval:
    """The figures a claim's value and qualifier allow, following QUALIFIER_TOLERANCE.

    An exact count stated to the unit is read as exactly that number: 205 and 207 are
    different numbers, although 207 is within 1% of 205. The ±0.5% of "exact" stands for
    rounding, which suits amounts, rates and round counts (258,000 vehicles), not 205 measures.
    """
    if is_exact_count(claim):
        return Interval(claim.value, claim.value)
    tolerance = QUALIFIER_TOLERANCE.get(claim.qualifier, QUALIFIER_TOLERANCE["exact"])
    top = claim.value_max if claim.qualifier == "between" and claim.value_max is not None else claim.value
    low = None if tolerance.below is None else claim.value - abs(claim.value) * tolerance.below
    high = None if tolerance.above is None else top + abs(top) * tolerance.above
    return Interval(low, high, tolerance.below_open, tolerance.above_open)


def tolerance_meaning(claim: ClaimFacts) -> str:
    """How far the claim's figure may be from its stated value, in words."""
    if is_exact_count(claim):
        return "an exact count: that number and no other"
    return QUALIFIER_TOLERANCE.get(claim.qualifier, QUALIFIER_TOLERANCE["exact"]).meaning


def rounding_interval(value: Decimal) -> tuple[Decimal, Decimal]:
    """The range a figure covers when read as rounded to its last stated digit (2.4 billion: 2.35–2.45)."""
    exponent = value.normalize().as_tuple().exponent
    half = Decimal(5) * Decimal(10) ** (exponent - 1) if isinstance(exponent, int) else Decimal(0)
    return value - half, value + half


# --------------------------------------------------------------------------------------
# Words and numbers for explanations
# --------------------------------------------------------------------------------------


def _rounded(value: Decimal, digits: int) -> Decimal:
    exponent = value.adjusted() - digits + 1
    return value.quantize(Decimal(1).scaleb(exponent)) if value else value


def round_significant(value: Decimal, digits: int = 4) -> str:
    """A computed figure to `digits` significant digits, as a reader writes it: 3,141 or 284.1 or 3.142 billion."""
    if value == 0:
        return "0"
    return format_number(_rounded(value, digits))


format_significant = round_significant


def describe_value(claim: ClaimFacts) -> str:
    """The claim's value as the article says it (the one formatter, curation.text.formatting)."""
    return format_claim_value(claim)


def quantity(value: Decimal, unit: str, digits: int = 4) -> str:
    """A computed figure with its unit, rounded for reading: '237,800 vehicles', '5.233 billion CNY'."""
    return format_value(value=_rounded(value, digits) if value else value, unit=unit)


def describe_period(claim: ClaimFacts) -> str:
    return claim.period_label or format_period(claim)


def describe(claim: ClaimFacts, graph: PlaceGraph) -> str:
    """'claim #4, Kashgar Area (FTZ): more than 3,100 enterprises (Nov 2023 – early 2026)'."""
    return f"claim #{claim.id}, {graph.name(claim.place_id)}: {describe_value(claim)} ({describe_period(claim)})"


def percent(part: Decimal, whole: Decimal) -> str:
    if whole == 0:
        return "n/a"
    return f"{(part / whole * 100).quantize(Decimal('1') if abs(part / whole) >= Decimal('0.1') else Decimal('0.1'))}%"


# --------------------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------------------


class Severity:
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Verdict:
    """What an editor means by a reading of claims that were checked together."""

    CONSISTENT = "consistent"  # the figures agree within what their qualifiers allow
    INCONSISTENT = "inconsistent"  # they cannot all be right
    NOT_COMPARABLE = "not_comparable"  # different scope or period: neither supports nor contradicts the other
    SUSPICIOUS = "suspicious"  # possible, but only with an implausible pace, spike or rate

    ALL = (CONSISTENT, INCONSISTENT, NOT_COMPARABLE, SUSPICIOUS)


@dataclass(frozen=True)
class Finding:
    """One rule's reading of a pair of claims (a conflict, or a consistent reading)."""

    rule: str
    kind: str
    claim_a: int
    claim_b: int
    severity: str
    explanation: str
    is_conflict: bool = True
    fingerprint: str = ""
    # Claims the reading also rests on beyond the pair (the growth rate in an arithmetic check).
    also_involves: tuple[int, ...] = ()
    verdict: str = ""

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.claim_a, self.claim_b, self.kind)

    @property
    def claim_ids(self) -> tuple[int, ...]:
        return (self.claim_a, self.claim_b, *self.also_involves)


def fingerprint(rule: str, claims: Iterable[ClaimFacts]) -> str:
    """A hash of the rule and the compared fields of every claim a finding rests on."""
    state = repr((rule, sorted(claim.state() for claim in claims)))
    return hashlib.sha256(state.encode("utf-8")).hexdigest()


def make_finding(
    rule: Rule,
    first: ClaimFacts,
    second: ClaimFacts,
    *,
    severity: str,
    explanation: str,
    is_conflict: bool,
    others: tuple[ClaimFacts, ...] = (),
    verdict: str = "",
) -> Finding:
    """A finding on the pair in id order; the verdict defaults to inconsistent for a conflict, else consistent."""
    low, high = sorted((first, second), key=lambda claim: claim.id)
    if not verdict:
        verdict = Verdict.INCONSISTENT if is_conflict else Verdict.CONSISTENT
    return Finding(
        rule=rule.code,
        kind=rule.kind,
        claim_a=low.id,
        claim_b=high.id,
        severity=severity,
        explanation=explanation,
        is_conflict=is_conflict,
        fingerprint=fingerprint(rule.code, (first, second, *others)),
        also_involves=tuple(sorted(other.id for other in others)),
        verdict=verdict,
    )


# --------------------------------------------------------------------------------------
# Indexes shared by the rules
# --------------------------------------------------------------------------------------


@dataclass
class ClaimIndex:
    """Claims grouped the ways the rules look them up."""

    claims: dict[int, ClaimFacts]
    by_metric_place: dict[tuple[int, int], list[ClaimFacts]] = field(default_factory=lambda: defaultdict(list))
    by_source_place: dict[tuple[int, int], list[ClaimFacts]] = field(default_factory=lambda: defaultdict(list))
    conversions: dict[int, list[ClaimFacts]] = field(default_factory=lambda: defaultdict(list))
    by_source: dict[int, list[ClaimFacts]] = field(default_factory=lambda: defaultdict(list))
    # Growth rates by what they measure: (base metric, place, period start, period end).
    growth_of: dict[tuple, list[ClaimFacts]] = field(default_factory=lambda: defaultdict(list))
    _by_span: dict[tuple[int, int], SpanGroups] = field(default_factory=dict)
    _article_end: dict[int, dt.date] = field(default_factory=dict)
    _by_period: dict[tuple[int, int], dict[tuple, list[ClaimFacts]]] = field(default_factory=dict)

    def periods(self, metric_id: int, place_id: int) -> dict[tuple, list[ClaimFacts]]:
        """The (metric, place) group by (period start, period end), each list in the group's order.

        The time rules look up each growth rate's flow by its period: scanning the group for it
        cost once per growth rate, at a million claims several seconds.
        """
        key = (metric_id, place_id)
        periods = self._by_period.get(key)
        if periods is None:
            periods = self._by_period[key] = defaultdict(list)
            for claim in self.by_metric_place.get(key, ()):
                periods[(claim.period_start, claim.period_end)].append(claim)
        return periods

    def spans(self, metric_id: int, place_id: int) -> SpanGroups | None:
        """The (metric, place) group bucketed by the years its periods span, each bucket sorted by value."""
        key = (metric_id, place_id)
        if key not in self._by_span:
            group = self.by_metric_place.get(key)
            self._by_span[key] = SpanGroups(group) if group else None
        return self._by_span[key]

    @classmethod
    def build(cls, claims: Iterable[ClaimFacts]) -> ClaimIndex:
        index = cls(claims={claim.id: claim for claim in claims})
        for claim in index.claims.values():
            index.by_metric_place[(claim.metric_id, claim.place_id)].append(claim)
            if claim.source_id is not None:
                index.by_source_place[(claim.source_id, claim.place_id)].append(claim)
                index.by_source[claim.source_id].append(claim)
            if claim.conversion_of_id is not None:
                index.conversions[claim.conversion_of_id].append(claim)
            if claim.growth_of_id is not None and claim.period_start is not None:
                index.growth_of[(claim.growth_of_id, claim.place_id, claim.period_start, claim.period_end)].append(
                    claim
                )
        return index

    def growth_rates(self, base: ClaimFacts) -> list[ClaimFacts]:
        """Year-on-year growth rates stated for exactly this flow's place and period."""
        return self.growth_of.get((base.metric_id, base.place_id, base.period_start, base.period_end), [])

    def article_end(self, claim: ClaimFacts) -> dt.date:
        """The latest period end among the claims of the claim's article: it was written after that day."""
        if claim.source_id is None:
            return claim.period_end
        if claim.source_id not in self._article_end:
            self._article_end[claim.source_id] = max(other.period_end for other in self.by_source[claim.source_id])
        return max(self._article_end[claim.source_id], claim.period_end)


def _span(claim: ClaimFacts) -> tuple[int, int]:
    start = claim.period_start or claim.period_end
    return start.year, claim.period_end.year


class SpanGroups:
    """Claims bucketed by (first year, last year) of their period, each bucket sorted by value.

    Finding the claims whose period may contain a given one and whose value is at most a bound
    is then a walk over a handful of buckets and a binary search, not a scan of the group.
    """

    def __init__(self, claims: Iterable[ClaimFacts]):
        buckets: dict[tuple[int, int], list[ClaimFacts]] = defaultdict(list)
        for claim in claims:
            buckets[_span(claim)].append(claim)
        self.buckets = []
        for span, members in buckets.items():
            members.sort(key=lambda claim: claim.value)
            self.buckets.append((span, [claim.value for claim in members], members))
        self.lowest = min(values[0] for _, values, _ in self.buckets) if self.buckets else None

    def containing_at_most(self, inner: ClaimFacts, bound: Decimal) -> Iterator[ClaimFacts]:
        """Claims whose period's years cover `inner`'s and whose value is at most `bound`."""
        if self.lowest is None or bound < self.lowest:
            return  # the usual case: every claim here is larger than the bound
        first, last = _span(inner)
        for (start, end), values, members in self.buckets:
            if start <= first and end >= last:
                yield from members[: bisect.bisect_right(values, bound)]


def _contains(outer: ClaimFacts, inner: ClaimFacts) -> bool:
    """The outer flow's period covers the inner one's."""
    if outer.period_start is None or inner.period_start is None:
        return False
    return outer.period_start <= inner.period_start and inner.period_end <= outer.period_end


def _same_period(first: ClaimFacts, second: ClaimFacts) -> bool:
    return first.period_start == second.period_start and first.period_end == second.period_end


def _periods_overlap(first: ClaimFacts, second: ClaimFacts) -> bool:
    if first.period_start is None or second.period_start is None:
        # Stocks: levels at dates; two levels are read side by side when taken within a month.
        return abs((first.period_end - second.period_end).days) <= 31
    return first.period_start <= second.period_end and second.period_start <= first.period_end


def _pairs(groups: Iterable[list[ClaimFacts]], involving: int | None) -> Iterator[tuple[ClaimFacts, ClaimFacts]]:
    for group in groups:
        if involving is None:
            yield from itertools.combinations(group, 2)
        else:
            me = [claim for claim in group if claim.id == involving]
            for mine in me:
                for other in group:
                    if other.id != involving:
                        yield mine, other


def _cross(
    index: ClaimIndex, graph: PlaceGraph, related, involving: int | None
) -> Iterator[tuple[ClaimFacts, ClaimFacts]]:
    """Pairs (claim, other) with the same metric whose places are related by `related(place_id)`.

    Each unordered pair comes once in a full run: from the side whose place id is smaller when
    `related` is symmetric, or from the part when it lists ancestors.
    """
    if involving is not None:
        claim = index.claims.get(involving)
        if claim is None:
            return
        for place_id in related(claim.place_id):
            for other in index.by_metric_place.get((claim.metric_id, place_id), ()):
                yield claim, other
        return
    for (metric_id, place_id), group in list(index.by_metric_place.items()):
        for other_place in related(place_id):
            others = index.by_metric_place.get((metric_id, other_place))
            if not others:
                continue
            for claim in group:
                for other in others:
                    yield claim, other


# --------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------


class Rule(abc.ABC):
    code = ""
    kind = ""

    @abc.abstractmethod
    def check(
        self, index: ClaimIndex, graph: PlaceGraph, *, involving: int | None = None, consistent: bool = False
    ) -> Iterator[Finding]:
        """The findings (or, with `consistent`, the explanations of consistent pairs) among the indexed claims."""


class ValueMismatch(Rule):
    """Same place, metric, unit and period, but values further apart than their qualifiers allow.

    "more than 3,100" and "3,000" conflict; "about 3,100" and "3,150" do not
    (see QUALIFIER_TOLERANCE).
    """

    code = "value_mismatch"
    kind = "value_mismatch"

    def check(self, index, graph, *, involving=None, consistent=False):
        by_figure: dict[tuple, list[ClaimFacts]] = defaultdict(list)
        for group in self._groups(index, involving):
            for claim in group:
                by_figure[(claim.metric_id, claim.place_id, claim.unit, claim.period_start, claim.period_end)].append(
                    claim
                )
        groups = [group for group in by_figure.values() if len(group) > 1]
        for first, second in _pairs(groups, involving):
            yield from self.compare(first, second, graph, consistent=consistent)

    @staticmethod
    def _groups(index, involving):
        if involving is None:
            return index.by_metric_place.values()
        claim = index.claims.get(involving)
        return [index.by_metric_place[(claim.metric_id, claim.place_id)]] if claim else []

    def compare(self, first, second, graph, *, consistent=False):
        if first.unit != second.unit or not _same_period(first, second):
            return
        # The same words whichever side the pair was found from, so a re-run never rewrites them.
        first, second = sorted((first, second), key=lambda claim: claim.id)
        first_range, second_range = first.interval, second.interval
        if first_range.overlaps(second_range):
            if consistent:
                yield make_finding(
                    self,
                    first,
                    second,
                    severity=Severity.LOW,
                    is_conflict=False,
                    explanation=(
                        f"{describe(first, graph)} and {describe(second, graph)}: the same place, metric and "
                        f"period, and the figures the qualifiers allow overlap; consistent."
                    ),
                )
            return
        low, high = sorted((first, second), key=lambda claim: claim.value)
        gap = percent(high.value - low.value, low.value) if low.value else "n/a"
        yield make_finding(
            self,
            first,
            second,
            severity=Severity.HIGH,
            is_conflict=True,
            explanation=(
                f"{describe(first, graph)} vs {describe(second, graph)}: same place, metric and period, but "
                f"{describe_value(high)} is {gap} above {describe_value(low)}, beyond what "
                f"'{qualifier_words(first.qualifier)}' ({tolerance_meaning(first)}) and "
                f"'{qualifier_words(second.qualifier)}' ({tolerance_meaning(second)}) allow."
            ),
        )


class PartExceedsWhole(Rule):
    """An additive stock or flow for a part is larger than the same metric for a place it is part of.

    Compared only when the whole's period contains the part's (a stock: the same as-of date).
    When asked, reports the consistent readings too, including pairs whose periods do not allow
    the comparison ("part within whole, but the part's period is longer").
    """

    code = "part_exceeds_whole"
    kind = "part_exceeds_whole"

    def check(self, index, graph, *, involving=None, consistent=False):
        if involving is None and not consistent:
            pairs = self._possible_conflicts(index, graph)
        elif involving is None:
            pairs = _cross(index, graph, graph.ancestors, None)
        else:
            pairs = itertools.chain(
                _cross(index, graph, graph.ancestors, involving),
                ((other, me) for me, other in _cross(index, graph, graph.descendants, involving)),
            )
        for part, whole in pairs:
            yield from self.compare(part, whole, graph, consistent=consistent)

    @staticmethod
    def _possible_conflicts(index, graph):
        """Only wholes whose value is at most the part's lowest figure can be exceeded by it."""
        for (metric_id, place_id), group in index.by_metric_place.items():
            ancestors = graph.ancestors(place_id)
            if not ancestors:
                continue
            lows = [part.interval.low for part in group if part.interval.low is not None]
            if not lows:
                continue
            highest_low = max(lows)
            for whole_place in ancestors:
                wholes = index.spans(metric_id, whole_place)
                if wholes is None or wholes.lowest > highest_low:
                    continue  # every whole is larger than every part: the usual case
                for part in group:
                    if part.interval.low is not None:
                        for whole in wholes.containing_at_most(part, part.interval.low):
                            yield part, whole

    def compare(self, part, whole, graph, *, consistent=False):
        if part.nature not in ("stock", "flow") or not part.is_additive or part.unit != whole.unit:
            return
        if whole.place_id not in graph.ancestors(part.place_id):
            return
        if part.nature == "stock":
            comparable = part.period_end == whole.period_end
            why_not = "the levels are taken at different dates"
        else:
            comparable = _contains(whole, part)
            if part.period_start is not None and whole.period_start is not None and _contains(part, whole):
                why_not = "the part's period is longer"
            else:
                why_not = "the whole's period does not contain the part's"

        def head():
            return f"{describe(part, graph)} is {percent(part.value, whole.value)} of {describe(whole, graph)}"

        if not comparable:
            if consistent:
                yield make_finding(
                    self,
                    part,
                    whole,
                    severity=Severity.LOW,
                    is_conflict=False,
                    verdict=Verdict.NOT_COMPARABLE,
                    explanation=f"{head()}: part within whole, but {why_not}; not comparable, not a contradiction.",
                )
            return
        if whole.interval.is_below(part.interval):
            yield make_finding(
                self,
                part,
                whole,
                severity=Severity.HIGH,
                is_conflict=True,
                explanation=(
                    f"{head()}: {graph.name(part.place_id)} is part of {graph.name(whole.place_id)} and the whole's "
                    f"period contains the part's, yet the part's figure exceeds the whole's."
                ),
            )
        elif consistent:
            yield make_finding(
                self,
                part,
                whole,
                severity=Severity.LOW,
                is_conflict=False,
                explanation=f"{head()}: part within whole over a contained period; consistent.",
            )


class PeriodMismatch(Rule):
    """Same place and flow: the figure over a sub-period is larger than over a period containing it."""

    code = "period_mismatch"
    kind = "period_mismatch"

    def check(self, index, graph, *, involving=None, consistent=False):
        if involving is None and not consistent:
            for (metric_id, place_id), group in index.by_metric_place.items():
                outers = index.spans(metric_id, place_id)
                for inner in group:
                    if inner.nature == "flow" and inner.is_additive and inner.interval.low is not None:
                        for outer in outers.containing_at_most(inner, inner.interval.low):
                            if outer is not inner:
                                yield from self.compare(inner, outer, graph)
            return
        groups = ValueMismatch._groups(index, involving)
        flows = [[claim for claim in group if claim.nature == "flow" and claim.is_additive] for group in groups]
        for first, second in _pairs(flows, involving):
            yield from self.compare(first, second, graph, consistent=consistent)

    def compare(self, first, second, graph, *, consistent=False):
        if first.unit != second.unit or _same_period(first, second):
            return
        if _contains(first, second):
            outer, inner = first, second
        elif _contains(second, first):
            outer, inner = second, first
        else:
            return
        if outer.interval.is_below(inner.interval) or consistent:
            head = f"{describe(inner, graph)} is {percent(inner.value, outer.value)} of {describe(outer, graph)}"
        if outer.interval.is_below(inner.interval):
            yield make_finding(
                self,
                inner,
                outer,
                severity=Severity.HIGH,
                is_conflict=True,
                explanation=f"{head}: the sub-period's figure exceeds that of the period containing it.",
            )
        elif consistent:
            yield make_finding(
                self,
                inner,
                outer,
                severity=Severity.LOW,
                is_conflict=False,
                explanation=f"{head}: sub-period within its containing period; consistent.",
            )


class ScopeMismatch(Rule):
    """Places whose names read alike (or are alias-related) but differ in kind, with figures that clash if read as one.

    "Kashi" in one article is the Kashgar area of the FTZ, in another Kashgar Prefecture. When
    two articles give the same metric for both over the same period (a stock: within a month),
    a reader takes them for one place; flagged when, read that way, the figures would
    contradict each other. This is the reader's trap, not an error in either claim. Nested
    periods are left to the part-whole rule: flagging every one of them would bury real
    conflicts under warnings.
    """

    code = "scope_mismatch"
    kind = "scope_mismatch"

    def check(self, index, graph, *, involving=None, consistent=False):
        def alike_other_kind(place_id):
            return [other for other in graph.alike(place_id) if graph.kind(other) != graph.kind(place_id)]

        if involving is None:
            pairs = self._same_period_pairs(index, alike_other_kind)
        else:
            pairs = _cross(index, graph, alike_other_kind, involving)
        for first, second in pairs:
            yield from self.compare(first, second, graph, consistent=consistent)

    @staticmethod
    def _same_period_pairs(index, alike_other_kind):
        """Each pair once (from the smaller place id), only where `compare` can say something: the same unit and
        period, or two levels (stocks), whose dates it compares itself."""
        for (metric_id, place_id), group in list(index.by_metric_place.items()):
            for other_place in alike_other_kind(place_id):
                others = index.by_metric_place.get((metric_id, other_place)) if place_id < other_place else None
                if not others:
                    continue

                def key(claim):
                    return claim.unit, claim.period_start, claim.period_end if claim.period_start else None

                by_period: dict[tuple, list[ClaimFacts]] = defaultdict(list)
                for other in others:
                    by_period[key(other)].append(other)
                for claim in group:
                    for other in by_period.get(key(claim), ()):
                        yield claim, other

    @staticmethod
    def clash_as_one_place(first: ClaimFacts, second: ClaimFacts) -> str | None:
        """How the figures would clash if for one place; "" when they agree; None when not compared."""
        if first.source_id is not None and first.source_id == second.source_id:
            return None  # an article that gives both names them apart
        if first.period_start is None or second.period_start is None:
            same_time = first.period_start is None and second.period_start is None
            if not same_time or abs((first.period_end - second.period_end).days) > 31:
                return None
            return "" if first.interval.overlaps(second.interval) else "the two levels disagree"
        if not _same_period(first, second):
            return None
        return "" if first.interval.overlaps(second.interval) else "the two figures for one period disagree"

    def compare(self, first, second, graph, *, consistent=False):
        if first.unit != second.unit:
            return
        first, second = sorted((first, second), key=lambda claim: claim.id)
        clash = self.clash_as_one_place(first, second)
        if clash is None or (not clash and not consistent):
            return
        shared = graph.shared_name(first.place_id, second.place_id)
        if second.place_id in graph.ancestors(first.place_id):
            relation = f"{graph.name(first.place_id)} is part of {graph.name(second.place_id)}"
        elif first.place_id in graph.ancestors(second.place_id):
            relation = f"{graph.name(second.place_id)} is part of {graph.name(first.place_id)}"
        else:
            relation = "neither is part of the other"
        head = (
            f"{describe(first, graph)} ({graph.kind(first.place_id)}) vs {describe(second, graph)} "
            f"({graph.kind(second.place_id)}): both read as '{shared}' but are different places ({relation})"
        )
        if clash:
            yield make_finding(
                self,
                first,
                second,
                severity=Severity.MEDIUM,
                is_conflict=True,
                verdict=Verdict.NOT_COMPARABLE,
                explanation=f"{head}. Read as one place, {clash}; not comparable: compare them only as different "
                "scopes.",
            )
        else:
            yield make_finding(
                self,
                first,
                second,
                severity=Severity.LOW,
                is_conflict=False,
                verdict=Verdict.NOT_COMPARABLE,
                explanation=f"{head}. Even read as one place the figures would agree; no trap here.",
            )


class Arithmetic(Rule):
    """Within one source and place, a level or flow and a growth rate imply a figure the source also states.

    A stock's level at the period end and its growth over the period imply the increase
    (5,173 registered after a 154.6% increase implies 5,173 × 154.6 / 254.6 ≈ 3,141 new); a
    flow and its year-on-year growth imply the same period a year earlier. Flags when the
    implied figure lies outside what the stated one's qualifier allows.
    """

    code = "arithmetic"
    kind = "arithmetic"

    def check(self, index, graph, *, involving=None, consistent=False):
        if involving is None:
            groups = index.by_source_place.values()
        else:
            claim = index.claims.get(involving)
            groups = [index.by_source_place.get((claim.source_id, claim.place_id), [])] if claim else []
        for group in groups:
            yield from self.check_group(group, graph, consistent=consistent)

    def check_group(self, group, graph, *, consistent=False):
        by_metric: dict[int, list[ClaimFacts]] = defaultdict(list)
        for claim in group:
            by_metric[claim.metric_id].append(claim)
        for growth in group:
            if growth.nature != "rate" or growth.growth_of_id is None or growth.period_start is None:
                continue
            for base in by_metric.get(growth.growth_of_id, ()):
                if base.nature == "stock" and base.period_end == growth.period_end:
                    for increment in group:
                        if (
                            increment.increment_of_id == base.metric_id
                            and increment.period_start == growth.period_start
                            and increment.period_end == growth.period_end
                            and increment.unit == base.unit
                        ):
                            yield from self.compare_increase(base, growth, increment, graph, consistent=consistent)
                elif base.nature == "flow" and _same_period(base, growth):
                    for earlier in by_metric.get(base.metric_id, ()):
                        if earlier.unit == base.unit and _one_year_earlier(earlier, base):
                            yield from self.compare_previous(base, growth, earlier, graph, consistent=consistent)

    def compare_increase(self, level, growth, increment, graph, *, consistent=False):
        """increase = level × g / (100 + g): rises with both level and growth, so the bounds map across."""
        level_range, growth_range = _bounded(level), _bounded(growth)
        if level_range is None or growth_range is None or growth_range[0] <= -100:
            return

        def implied(level_value, growth_value):
            return level_value * growth_value / (100 + growth_value)

        central = implied(level.value, growth.value)
        implied_range = Interval(implied(level_range[0], growth_range[0]), implied(level_range[1], growth_range[1]))
        holds = implied_range.overlaps(increment.interval)
        head = (
            f"{describe(level, graph)} after a {format_decimal(growth.value)}% increase (claim #{growth.id}) implies "
            f"{format_decimal(level.value)} × {format_decimal(growth.value)} / {format_decimal(100 + growth.value)} "
            f"≈ {round_significant(central)} new, against the stated {describe_value(increment)} "
            f"(claim #{increment.id})"
        )
        yield from self._result(increment, level, growth, head, holds, consistent)

    def compare_previous(self, current, growth, earlier, graph, *, consistent=False):
        """previous = current / (1 + g/100): falls as growth rises."""
        current_range, growth_range = _bounded(current), _bounded(growth)
        if current_range is None or growth_range is None or growth_range[0] <= -100:
            return

        def implied(value, growth_value):
            return value * 100 / (100 + growth_value)

        central = implied(current.value, growth.value)
        implied_range = Interval(implied(current_range[0], growth_range[1]), implied(current_range[1], growth_range[0]))
        holds = implied_range.overlaps(earlier.interval)
        head = (
            f"{describe(current, graph)} after {format_decimal(growth.value)}% growth year on year "
            f"(claim #{growth.id}) implies {round_significant(central)} {current.unit} a year "
            f"earlier, against the stated {describe_value(earlier)} (claim #{earlier.id})"
        )
        yield from self._result(earlier, current, growth, head, holds, consistent)

    def _result(self, stated, base, growth, head, holds, consistent):
        if holds:
            if consistent:
                yield make_finding(
                    self,
                    stated,
                    base,
                    others=(growth,),
                    severity=Severity.LOW,
                    is_conflict=False,
                    explanation=f"{head}: within the stated figure's qualifier; consistent.",
                )
            return
        yield make_finding(
            self,
            stated,
            base,
            others=(growth,),
            severity=Severity.HIGH,
            is_conflict=True,
            explanation=f"{head}: the implied figure is outside what '{qualifier_words(stated.qualifier)}' allows.",
        )


def _bounded(claim: ClaimFacts) -> tuple[Decimal, Decimal] | None:
    interval = claim.interval
    if interval.low is None or interval.high is None:
        return None
    return interval.low, interval.high


def _one_year_earlier(earlier: ClaimFacts, current: ClaimFacts) -> bool:
    if earlier.period_start is None or current.period_start is None:
        return False
    try:
        return earlier.period_start == current.period_start.replace(
            year=current.period_start.year - 1
        ) and earlier.period_end == current.period_end.replace(year=current.period_end.year - 1)
    except ValueError:  # 29 February has no date a year earlier
        return False


# Observed range of the CNY per USD reference rate in each year (rounded outwards). Override or
# extend with settings.CONTRADICTION_RATE_BANDS = {"CNY/USD": {2027: ("6.8", "7.2")}}.
DEFAULT_RATE_BANDS: dict[str, dict[int, tuple[str, str]]] = {
    "CNY/USD": {
        2015: ("6.11", "6.49"),
        2016: ("6.45", "6.96"),
        2017: ("6.45", "6.96"),
        2018: ("6.26", "6.97"),
        2019: ("6.68", "7.18"),
        2020: ("6.50", "7.18"),
        2021: ("6.35", "6.58"),
        2022: ("6.30", "7.33"),
        2023: ("6.70", "7.35"),
        2024: ("7.08", "7.30"),
        2025: ("7.00", "7.35"),
        # Provisional: the yuan crossed 7.0 per dollar at the turn of 2025/26; widen it with the
        # setting once the year's range is known.
        2026: ("6.85", "7.10"),
    },
}

# An undated article converted its figures at some day after its newest figure: accept the
# rates of that day's year up to this many months later.
UNDATED_CONVERSION_MONTHS = 15
# A dated article converted at the rate of its day or of the weeks before it.
DATED_CONVERSION_LOOKBACK = dt.timedelta(days=31)


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def implied_rate(numerator: ClaimFacts, denominator: ClaimFacts) -> tuple[Decimal, Interval]:
    """The rate two figures imply, and its range when both are read as rounded to their last stated digit."""
    num_low, num_high = rounding_interval(numerator.value)
    den_low, den_high = rounding_interval(denominator.value)
    return numerator.value / denominator.value, Interval(num_low / den_high, num_high / den_low)


def _currency_pair(original: ClaimFacts, converted: ClaimFacts, bands: dict) -> tuple[str, ClaimFacts, ClaimFacts]:
    """The configured pair name ('CNY/USD') and which figure is its numerator."""
    pair = f"{original.unit}/{converted.unit}"
    if pair not in bands and f"{converted.unit}/{original.unit}" in bands:
        return f"{converted.unit}/{original.unit}", converted, original
    return pair, original, converted


class Conversion(Rule):
    """A value and its stated conversion imply an exchange rate; flag a rate no day the article could have used had.

    Articles convert at the rate of the day they are written, old figures included: "690
    million yuan (about 96.14 million U.S. dollars) in 2020" was converted in late 2023. So the
    plausible rates are those of the publication date (and the month before it); when the
    article is undated, those from its newest figure's period end (it was written after that)
    to UNDATED_CONVERSION_MONTHS later. Bands are per currency pair and year; a window that
    spans years takes the union of their bands. Both figures are read as rounded to their last
    stated digit, so "$2.4 billion" allows 2.35–2.45 billion.
    """

    code = "conversion"
    kind = "conversion"

    def __init__(self, bands: dict[str, dict[int, tuple[str, str]]] | None = None):
        source = bands if bands is not None else DEFAULT_RATE_BANDS
        self.bands = {
            pair: {int(year): (Decimal(str(low)), Decimal(str(high))) for year, (low, high) in years.items()}
            for pair, years in source.items()
        }

    def check(self, index, graph, *, involving=None, consistent=False):
        if involving is None:
            candidates = [claim for group in index.conversions.values() for claim in group]
        else:
            claim = index.claims.get(involving)
            candidates = [claim] if claim and claim.conversion_of_id else []
            candidates += index.conversions.get(involving, [])
        for converted in candidates:
            original = index.claims.get(converted.conversion_of_id)
            if original is not None:
                yield from self.compare(original, converted, graph, consistent=consistent, index=index)

    @staticmethod
    def window(original: ClaimFacts, converted: ClaimFacts, index: ClaimIndex | None) -> tuple[dt.date, dt.date, str]:
        """The days the article may have converted on, and how they were found."""
        published = converted.published_on or original.published_on
        if published is not None:
            return published - DATED_CONVERSION_LOOKBACK, published, f"the article is dated {published:%Y-%m-%d}"
        start = max(index.article_end(converted), index.article_end(original)) if index else converted.period_end
        end = add_months(start, UNDATED_CONVERSION_MONTHS)
        return (
            start,
            end,
            f"the article is undated; its newest figure ends {start:%Y-%m-%d}, so it converted by {end:%Y-%m}",
        )

    def band(self, pair: str, start: dt.date, end: dt.date) -> tuple[Decimal, Decimal, str] | None:
        years = [year for year in range(start.year, end.year + 1) if year in self.bands.get(pair, {})]
        if not years:
            return None
        low = min(self.bands[pair][year][0] for year in years)
        high = max(self.bands[pair][year][1] for year in years)
        span = str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"
        return low, high, span

    def compare(self, original, converted, graph, *, consistent=False, index=None):
        if original.unit == converted.unit or not original.value or not converted.value:
            return
        pair, numerator, denominator = _currency_pair(original, converted, self.bands)
        rate, rate_range = implied_rate(numerator, denominator)
        start, end, when = self.window(original, converted, index)
        head = (
            f"{describe(original, graph)} restated as {describe_value(converted)} (claim #{converted.id}) implies "
            f"{format_number(numerator.value)} / {format_number(denominator.value)} = {rate:.3f} {pair}"
        )
        band = self.band(pair, start, end)
        if band is None:
            if consistent:
                yield make_finding(
                    self,
                    original,
                    converted,
                    severity=Severity.LOW,
                    is_conflict=False,
                    verdict=Verdict.NOT_COMPARABLE,
                    explanation=f"{head}; {when}, and no rate band is configured for {pair} then, so it is not "
                    "checked.",
                )
            return
        low, high, span = band
        band_text = f"the {pair} range of {span} ({low}–{high}; {when})"
        if rate_range.overlaps(Interval(low, high)):
            if consistent:
                yield make_finding(
                    self,
                    original,
                    converted,
                    severity=Severity.LOW,
                    is_conflict=False,
                    explanation=f"{head}, within {band_text}; consistent.",
                )
            return
        yield make_finding(
            self,
            original,
            converted,
            severity=Severity.MEDIUM,
            is_conflict=True,
            explanation=(
                f"{head} ({rate_range.low:.3f}–{rate_range.high:.3f} allowing for rounding), outside {band_text}; "
                "inconsistent."
            ),
        )


class ConversionConsistency(Rule):
    """The conversions within one article should imply one exchange rate, within rounding; flag the outlier.

    An article converts its figures at one rate, its day's. Each conversion's rate is read as a
    range (both figures rounded to their last stated digit); the rate most of them allow is the
    article's, and a conversion whose range misses it is flagged, at low severity, against the
    article's agreeing conversion with the lowest id. Of two conversions that disagree neither
    is the outlier: the pair is flagged.
    """

    code = "conversion_consistency"
    kind = "conversion_consistency"

    def __init__(self, bands: dict | None = None):
        self.bands = bands if bands is not None else DEFAULT_RATE_BANDS

    def check(self, index, graph, *, involving=None, consistent=False):
        if involving is None:
            sources = [source for source, group in index.by_source.items() if len(group) > 1]
        else:
            claim = index.claims.get(involving)
            sources = [claim.source_id] if claim and claim.source_id is not None else []
        for source_id in sources:
            yield from self.check_article(index, index.by_source.get(source_id, []), graph, consistent=consistent)

    def check_article(self, index, group, graph, *, consistent=False):
        by_pair: dict[str, list[tuple[ClaimFacts, ClaimFacts, Decimal, Interval]]] = defaultdict(list)
        for converted in group:
            original = index.claims.get(converted.conversion_of_id) if converted.conversion_of_id else None
            if original is None or original.unit == converted.unit or not original.value or not converted.value:
                continue
            pair, numerator, denominator = _currency_pair(original, converted, self.bands)
            by_pair[pair].append((original, converted, *implied_rate(numerator, denominator)))
        for pair, conversions in by_pair.items():
            if len(conversions) > 1:
                yield from self.judge(pair, sorted(conversions, key=lambda item: item[1].id), graph, consistent)

    def judge(self, pair, conversions, graph, consistent):
        # The rate the most ranges contain: a sweep over the range ends (starts before ends at a tie).
        events = sorted(
            [(item[3].low, 0, n) for n, item in enumerate(conversions)]
            + [(item[3].high, 1, n) for n, item in enumerate(conversions)]
        )
        best, best_at, open_now = -1, None, 0
        for point, is_end, _ in events:
            open_now += -1 if is_end else 1
            if not is_end and open_now > best:
                best, best_at = open_now, point
        agreeing = [item for item in conversions if item[3].low <= best_at <= item[3].high]
        outliers = [item for item in conversions if not item[3].low <= best_at <= item[3].high]

        def text(item):
            original, converted, rate, _ = item
            return f"claim #{converted.id} ({describe_value(original)} as {describe_value(converted)}: {rate:.3f})"

        if len(conversions) == 2 and outliers:
            first, second = conversions
            yield make_finding(
                self,
                first[1],
                second[1],
                others=(first[0], second[0]),
                severity=Severity.LOW,
                is_conflict=True,
                verdict=Verdict.SUSPICIOUS,
                explanation=(
                    f"One article, two conversions at different {pair} rates even allowing for rounding: "
                    f"{text(first)} and {text(second)}; one of them is off."
                ),
            )
            return
        reference = agreeing[0]
        agreed = f"{len(agreeing)} of its {len(conversions)} conversions agree on about {best_at:.3f} {pair}"
        for item in outliers:
            yield make_finding(
                self,
                item[1],
                reference[1],
                others=(item[0], reference[0]),
                severity=Severity.LOW,
                is_conflict=True,
                verdict=Verdict.SUSPICIOUS,
                explanation=(
                    f"Within one article {agreed} (e.g. {text(reference)}), but {text(item)} implies "
                    f"{item[3].low:.3f}–{item[3].high:.3f} allowing for rounding: the outlier conversion."
                ),
            )
        if consistent:
            for item in agreeing[1:]:
                yield make_finding(
                    self,
                    item[1],
                    reference[1],
                    others=(item[0], reference[0]),
                    severity=Severity.LOW,
                    is_conflict=False,
                    explanation=f"Within one article {agreed}: {text(item)} and {text(reference)}; consistent.",
                )


# --------------------------------------------------------------------------------------
# Arithmetic over time: pace and base-period spikes
# --------------------------------------------------------------------------------------

# The months a cumulative figure leaves uncovered may run this much faster than the paces
# observed (30% above) before the pair is suspicious.
PACE_LIMIT = Decimal("1.3")
# The months a base-period figure leaves over may average this many times the part's average
# month before the pair is suspicious.
SPIKE_LIMIT = Decimal(2)


def months_in(start: dt.date, end: dt.date) -> Decimal:
    """Calendar months from start to end; whole when the period runs from a 1st to a month's last day."""
    if start.day == 1 and (end + dt.timedelta(days=1)).day == 1:
        return Decimal((end.year - start.year) * 12 + end.month - start.month + 1)
    return (Decimal((end - start).days + 1) / Decimal("30.4375")).quantize(Decimal("0.1"))


def _within_year(claim: ClaimFacts) -> bool:
    return claim.period_start is not None and claim.period_start.year == claim.period_end.year


def _previous_year_of(claim: ClaimFacts) -> tuple[dt.date, dt.date] | None:
    try:
        return (
            claim.period_start.replace(year=claim.period_start.year - 1),
            claim.period_end.replace(year=claim.period_end.year - 1),
        )
    except ValueError:  # 29 February
        return None


def _growth_range(growth: ClaimFacts) -> tuple[Decimal, Decimal] | None:
    bounded = _bounded(growth)
    if bounded is None or bounded[0] <= -100:
        return None
    return bounded


def _times(ratio: Decimal) -> str:
    return f"{ratio:.2f}×"


class _TimeRule(Rule):
    """Shared lookup: part-year flows that have a year-on-year growth rate, and the flows of their group.

    Converted figures (a claim restating another in a second currency) are left out: the growth
    rate is the original figure's, and the conversion rules judge the restatement.
    """

    def parts_with_growth(self, index):
        for (metric_id, place_id, start, end), rates in index.growth_of.items():
            for part in index.periods(metric_id, place_id).get((start, end), ()):
                if part.nature == "flow" and part.is_additive and part.conversion_of_id is None and _within_year(part):
                    for growth in rates:
                        if growth.nature == "rate" and _growth_range(growth) and _bounded(part):
                            yield part, growth

    def check(self, index, graph, *, involving=None, consistent=False):
        for part, growth in self.parts_with_growth(index):
            for other in index.by_metric_place.get((part.metric_id, part.place_id), ()):
                if (
                    other is not part
                    and other.period_start is not None
                    and self.wants(part, other)
                    and other.unit == part.unit
                    and other.nature == "flow"
                    and other.conversion_of_id is None
                ):
                    yield from self.compare(part, growth, other, index, graph, consistent=consistent)

    @staticmethod
    @abc.abstractmethod
    def wants(part: ClaimFacts, other: ClaimFacts) -> bool:
        """A cheap look at the periods before the arithmetic: could `other` be this rule's longer figure?"""

    @abc.abstractmethod
    def compare(self, part, growth, other, index, graph, *, consistent=False):
        """The rule's arithmetic on one part-year figure, its growth rate and the longer figure."""


class Pace(_TimeRule):
    """A part-year flow with its growth rate, against a cumulative flow over a longer window containing it.

    "258,000 vehicles in January–August 2025, up 8.5% year on year" implies 237,800 in the same
    months of 2024: about 29,720 a month then and 32,250 a month in 2025. "Nearly 780,000 from
    November 2023 to September 2025" then leaves the rest for the 15 months the part does not
    cover. Each uncovered month is expected at the pace of its year: the part's year at the
    current pace, earlier years at the previous year's pace (generous while the flow grows).
    When even the most favourable reading of the qualifiers needs those months to run more
    than PACE_LIMIT times the expected total, the pair is suspicious: possible, but only at a
    pace far above any observed. A cumulative figure smaller than the part is left to the
    period containment rule.
    """

    code = "pace"
    kind = "pace"

    @staticmethod
    def wants(part, other):
        year = part.period_end.year
        return (
            other.period_start <= part.period_start
            and other.period_end >= part.period_end
            and (other.period_start.year < year or other.period_end.year > year)
        )

    def compare(self, part, growth, whole, index, graph, *, consistent=False):
        year = part.period_end.year
        if not _contains(whole, part) or _within_year(whole) and whole.period_start.year == year:
            return  # not a window reaching beyond the part's year: the spike rule's case
        whole_low = whole.interval.low
        if whole_low is None:
            return
        part_low, part_high = _bounded(part)
        growth_low, growth_high = _growth_range(growth)
        part_months = months_in(part.period_start, part.period_end)
        before_end = min(whole.period_end, dt.date(year - 1, 12, 31))
        months_before = months_in(whole.period_start, before_end) if whole.period_start.year < year else Decimal(0)
        months_after = (
            months_in(dt.date(year + 1, 1, 1), whole.period_end) if whole.period_end.year > year else Decimal(0)
        )
        in_year = months_in(max(whole.period_start, dt.date(year, 1, 1)), min(whole.period_end, dt.date(year, 12, 31)))
        months_same_year = in_year - part_months
        uncovered = months_before + months_same_year + months_after
        if uncovered <= 0 or part_months <= 0:
            return

        def expected(part_value, growth_value):
            now = part_value / part_months
            then = part_value * 100 / (100 + growth_value) / part_months
            return now, then, months_before * then + (months_same_year + months_after) * now

        now_c, then_c, expected_c = expected(part.value, growth.value)
        _, _, expected_max = expected(part_high, growth_low)
        required_c, required_min = whole.value - part.value, whole_low - part_high
        if expected_c <= 0 or expected_max <= 0:
            return
        ratio_c, ratio_min = required_c / expected_c, required_min / expected_max
        if ratio_min <= PACE_LIMIT and not consistent:
            return  # most pairs: nothing to say, and the words below are the costly part
        unit = part.unit
        months_text = f"{format_significant(uncovered, 3)} months"
        split = ", ".join(
            text
            for number, text in (
                (months_before, f"{format_significant(months_before, 3)} before {year}"),
                (months_same_year, f"{format_significant(months_same_year, 3)} in {year} outside the part"),
                (months_after, f"{format_significant(months_after, 3)} after {year}"),
            )
            if number
        )
        explanation = (
            f"{describe(part, graph)}, up {format_decimal(growth.value)}% year on year (claim #{growth.id}), "
            f"implies {quantity(part.value * 100 / (100 + growth.value), unit)} in the same months a year earlier: "
            f"{quantity(then_c, unit)} a month then, {quantity(now_c, unit)} a month in {year}. "
            f"{describe(whole, graph)} leaves {quantity(required_c, unit)} (at least {quantity(required_min, unit)}) "
            f"for the {months_text} the part does not cover ({split}): {quantity(required_c / uncovered, unit)} a "
            f"month, where the observed paces give about {quantity(expected_c / uncovered, unit)} a month. "
            f"Those months must run at {_times(ratio_c)} the observed pace ({_times(ratio_min)} at the most "
            f"favourable reading of the qualifiers)"
        )
        if ratio_min > PACE_LIMIT:
            yield make_finding(
                self,
                part,
                whole,
                others=(growth,),
                severity=Severity.MEDIUM,
                is_conflict=True,
                verdict=Verdict.SUSPICIOUS,
                explanation=f"{explanation}, more than {_times(PACE_LIMIT)}: possible, but implausible; suspicious.",
            )
        elif consistent:
            yield make_finding(
                self,
                part,
                whole,
                others=(growth,),
                severity=Severity.LOW,
                is_conflict=False,
                explanation=f"{explanation}, within {_times(PACE_LIMIT)}; consistent.",
            )


class BasePeriodSpike(_TimeRule):
    """A part-year flow with its growth rate implies the same months a year earlier; with a longer stretch of that
    year it implies the months in between. Flag when they must average more than SPIKE_LIMIT times the part's month.

    The longer stretch is either a figure for the previous year itself ("28.28 billion yuan in
    2022" against "45.657 billion yuan in January–November 2023, up 98.10%": 23.05 billion in
    January–November 2022 leaves 5.23 billion for December 2022, 2.5 times the 2.10 billion of
    an average month before it), or a longer stretch of the same year with its own growth rate
    (January–November against January–September), whose previous-year figures differ by the
    months in between. When the longer stretch must hold less than the part, it is inconsistent.
    """

    code = "base_period_spike"
    kind = "base_period_spike"

    @staticmethod
    def wants(part, other):
        year = other.period_start.year
        return year == other.period_end.year and year in (part.period_end.year - 1, part.period_end.year)

    def compare(self, part, growth, longer, index, graph, *, consistent=False):
        previous = _previous_year_of(part)
        if previous is None or not _within_year(longer):
            return
        part_low, part_high = _bounded(part)
        growth_low, growth_high = _growth_range(growth)
        if longer.period_start.year == part.period_end.year - 1:
            # The previous year's own figure for a stretch containing the part's months.
            if not (longer.period_start <= previous[0] and previous[1] <= longer.period_end):
                return
            bounded = _bounded(longer)
            if bounded is None:
                return
            longer_low, longer_high = bounded
            longer_c, others = longer.value, (growth,)

            def longer_text():
                return describe(longer, graph)
        elif longer.period_start.year == part.period_end.year and _contains(longer, part):
            rates = [rate for rate in index.growth_rates(longer) if _growth_range(rate) and rate.nature == "rate"]
            if not rates or _bounded(longer) is None:
                return
            longer_rate = min(rates, key=lambda rate: rate.id)  # whatever order the claims were loaded in
            (w_low, w_high), (g_low, g_high) = _bounded(longer), _growth_range(longer_rate)
            longer_low, longer_high = w_low * 100 / (100 + g_high), w_high * 100 / (100 + g_low)
            longer_c = longer.value * 100 / (100 + longer_rate.value)
            others = (growth, longer_rate)

            def longer_text():
                return (
                    f"{describe(longer, graph)}, up {format_decimal(longer_rate.value)}% (claim #{longer_rate.id}), "
                    f"implies {quantity(longer_c, longer.unit)} a year earlier"
                )
        else:
            return
        part_months = months_in(part.period_start, part.period_end)
        rest_months = months_in(longer.period_start, longer.period_end) - part_months
        if rest_months <= 0 or part_months <= 0:
            return
        base_c = part.value * 100 / (100 + growth.value)
        base_low, base_high = part_low * 100 / (100 + growth_high), part_high * 100 / (100 + growth_low)
        rest_c, rest_min, rest_max = longer_c - base_c, longer_low - base_high, longer_high - base_low
        if rest_max >= 0 and not consistent:
            if base_c <= 0 or base_high <= 0:
                return
            if (rest_min / rest_months) / (base_high / part_months) <= SPIKE_LIMIT:
                return  # most pairs: nothing to say, and the words below are the costly part
        unit = part.unit
        head = (
            f"{describe(part, graph)}, up {format_decimal(growth.value)}% year on year (claim #{growth.id}), implies "
            f"{quantity(base_c, unit)} in the same months a year earlier ({quantity(base_c / part_months, unit)} a "
            f"month). {longer_text()}"
        )
        months_text = "month" if rest_months == 1 else f"{format_significant(rest_months, 3)} months"
        if rest_max < 0:
            yield make_finding(
                self,
                part,
                longer,
                others=others,
                severity=Severity.HIGH,
                is_conflict=True,
                explanation=f"{head}: less than the part's months alone, even at the widest reading "
                f"({quantity(rest_max, unit)} left for the other {months_text}); inconsistent.",
            )
            return
        if base_c <= 0 or base_high <= 0:
            return
        ratio_c = (rest_c / rest_months) / (base_c / part_months)
        ratio_min = (rest_min / rest_months) / (base_high / part_months)
        explanation = (
            f"{head}, which leaves {quantity(rest_c, unit)} for the other {months_text} "
            f"({quantity(rest_c / rest_months, unit)} a month): {_times(ratio_c)} the average month of the part a "
            f"year earlier ({_times(ratio_min)} at the most favourable reading of the qualifiers)"
        )
        if ratio_min > SPIKE_LIMIT:
            yield make_finding(
                self,
                part,
                longer,
                others=others,
                severity=Severity.MEDIUM,
                is_conflict=True,
                verdict=Verdict.SUSPICIOUS,
                explanation=f"{explanation}, more than {_times(SPIKE_LIMIT)}: possible only with a sharp spike in "
                "those months; suspicious.",
            )
        elif consistent:
            yield make_finding(
                self,
                part,
                longer,
                others=others,
                severity=Severity.LOW,
                is_conflict=False,
                explanation=f"{explanation}, within {_times(SPIKE_LIMIT)}; consistent.",
            )


def default_rules(*, rate_bands: dict | None = None) -> list[Rule]:
    return [
        ValueMismatch(),
        PartExceedsWhole(),
        PeriodMismatch(),
        ScopeMismatch(),
        Arithmetic(),
        Conversion(rate_bands),
        ConversionConsistency(rate_bands),
        Pace(),
        BasePeriodSpike(),
    ]


# --------------------------------------------------------------------------------------
# Corroboration: the same figure from independent sources
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Corroboration:
    """Who reports one claim's figure: the claim's own sources and those of the agreeing claims."""

    claim_id: int
    origins: int  # independent outlets: an outlet counts once, syndicated copies count once
    claim_ids: tuple[int, ...]  # the claims reporting the figure, this one first
    source_ids: tuple[int, ...]


def corroboration(
    claims: Iterable[ClaimFacts],
    *,
    sources_of: dict[int, tuple[int, ...]],
    outlet_of: dict[int, int | None],
    same_text: Callable[[int, int], bool],
    counted_statuses: frozenset[str] = frozenset({"approved"}),
) -> dict[int, Corroboration]:
    """Independent outlets reporting each claim's figure (same place, metric, unit, period; agreeing values).

    Claims alone with their figure and one source are left out of the result: one outlet.

    A claim's own sources always count; another claim's only when its status is counted
    (approved: what the public may see). Sources of one outlet are one origin; a source with
    no outlet is an origin of its own unless `same_text` finds it a near-duplicate (a
    syndicated copy) of a source of another origin, which merges the two.
    """
    groups: dict[tuple, list[ClaimFacts]] = defaultdict(list)
    for claim in claims:
        groups[(claim.place_id, claim.metric_id, claim.unit, claim.period_start, claim.period_end)].append(claim)
    result: dict[int, Corroboration] = {}
    for group in groups.values():
        if len(group) == 1 and len(sources_of.get(group[0].id, ())) < 2:
            continue  # one claim, one source: one outlet, the default
        for claim in group:
            reporting = [claim] + [
                other
                for other in group
                if other is not claim and other.status in counted_statuses and other.interval.overlaps(claim.interval)
            ]
            source_ids = tuple(dict.fromkeys(s for item in reporting for s in sources_of.get(item.id, ())))
            result[claim.id] = Corroboration(
                claim_id=claim.id,
                origins=count_origins(source_ids, outlet_of=outlet_of, same_text=same_text),
                claim_ids=tuple(item.id for item in reporting),
                source_ids=source_ids,
            )
    return result


def count_origins(source_ids: Iterable[int], *, outlet_of: dict[int, int | None], same_text) -> int:
    """Independent origins among sources: one per outlet, one per unattributed source, near-duplicates merged."""
    source_ids = list(source_ids)
    if len(source_ids) < 2:
        return len(source_ids)
    parent: dict[tuple, tuple] = {}

    def origin(source_id):
        outlet = outlet_of.get(source_id)
        return ("outlet", outlet) if outlet is not None else ("source", source_id)

    def root(key):
        while parent.get(key, key) != key:
            key = parent[key]
        return key

    for source_id in source_ids:
        parent.setdefault(origin(source_id), origin(source_id))
    for first, second in itertools.combinations(source_ids, 2):
        a, b = root(origin(first)), root(origin(second))
        if a != b and same_text(first, second):
            parent[b] = a
    return len({root(key) for key in parent})


def _preferred(finding: Finding) -> tuple:
    return (not finding.is_conflict, finding.also_involves)


def find(
    claims: Iterable[ClaimFacts],
    graph: PlaceGraph,
    *,
    rules: list[Rule] | None = None,
    involving: int | None = None,
    consistent: bool = False,
) -> list[Finding]:
    """Run the rules; with `involving`, only findings that rest on that claim; with `consistent`, also non-conflicts."""
    index = claims if isinstance(claims, ClaimIndex) else ClaimIndex.build(claims)
    found: dict[tuple[str, int, int, str], Finding] = {}
    for rule in rules if rules is not None else default_rules():
        for finding in rule.check(index, graph, involving=involving, consistent=consistent):
            if involving is not None and involving not in finding.claim_ids:
                continue
            key = (finding.rule, *finding.key)
            # A conflict outranks a consistent reading of the same pair by the same rule; between two
            # readings resting on different third claims (a figure's growth rate stated twice, by
            # an article and its syndicated copy), the one on the lowest ids is kept. Never the first
            # found: the order claims are loaded in differs between the full run and a claim's check.
            if key not in found or _preferred(finding) < _preferred(found[key]):
                found[key] = finding
    return sorted(found.values(), key=lambda finding: (finding.claim_a, finding.claim_b, finding.kind))

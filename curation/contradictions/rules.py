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

import bisect
import datetime as dt
import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from curation.formatting import format_claim_value, format_decimal, format_number, format_period, qualifier_words

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
        )

    @cached_property
    def interval(self) -> Interval:
        return value_interval(self)


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


@dataclass(frozen=True)
class Interval:
    """The figures a claim allows. None is an unbounded side."""

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


def value_interval(claim: ClaimFacts) -> Interval:
    """The figures a claim's value and qualifier allow, following QUALIFIER_TOLERANCE."""
    tolerance = QUALIFIER_TOLERANCE.get(claim.qualifier, QUALIFIER_TOLERANCE["exact"])
    top = claim.value_max if claim.qualifier == "between" and claim.value_max is not None else claim.value
    low = None if tolerance.below is None else claim.value - abs(claim.value) * tolerance.below
    high = None if tolerance.above is None else top + abs(top) * tolerance.above
    return Interval(low, high, tolerance.below_open, tolerance.above_open)


def rounding_interval(value: Decimal) -> tuple[Decimal, Decimal]:
    """The range a figure covers when read as rounded to its last stated digit (2.4 billion: 2.35–2.45)."""
    exponent = value.normalize().as_tuple().exponent
    half = Decimal(5) * Decimal(10) ** (exponent - 1) if isinstance(exponent, int) else Decimal(0)
    return value - half, value + half


# --------------------------------------------------------------------------------------
# Words and numbers for explanations
# --------------------------------------------------------------------------------------

def round_significant(value: Decimal, digits: int = 4) -> str:
    """A computed figure to `digits` significant digits, as a reader writes it: 3,141 or 284.1 or 3.142 billion."""
    if value == 0:
        return "0"
    exponent = value.adjusted() - digits + 1
    return format_number(value.quantize(Decimal(1).scaleb(exponent)))


def describe_value(claim: ClaimFacts) -> str:
    """The claim's value as the article says it (the one formatter, curation.formatting)."""
    return format_claim_value(claim)


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
) -> Finding:
    low, high = sorted((first, second), key=lambda claim: claim.id)
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
    _by_span: dict[tuple[int, int], SpanGroups] = field(default_factory=dict)

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
            if claim.conversion_of_id is not None:
                index.conversions[claim.conversion_of_id].append(claim)
        return index


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

    def containing_at_most(self, inner: ClaimFacts, bound: Decimal) -> Iterator[ClaimFacts]:
        """Claims whose period's years cover `inner`'s and whose value is at most `bound`."""
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


class Rule:
    code = ""
    kind = ""

    def check(
        self, index: ClaimIndex, graph: PlaceGraph, *, involving: int | None = None, consistent: bool = False
    ) -> Iterator[Finding]:
        raise NotImplementedError


class ValueMismatch(Rule):
    """Same place, metric, unit and period, but values further apart than their qualifiers allow.

    "more than 3,100" and "3,000" conflict; "about 3,100" and "3,150" do not
    (see QUALIFIER_TOLERANCE).
    """

    code = "value_mismatch"
    kind = "value_mismatch"

    def check(self, index, graph, *, involving=None, consistent=False):
        groups = []
        for group in self._groups(index, involving):
            by_period: dict[tuple, list[ClaimFacts]] = defaultdict(list)
            for claim in group:
                by_period[(claim.unit, claim.period_start, claim.period_end)].append(claim)
            groups.extend(by_period.values())
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
                f"'{qualifier_words(first.qualifier)}' ({QUALIFIER_TOLERANCE[first.qualifier].meaning}) and "
                f"'{qualifier_words(second.qualifier)}' ({QUALIFIER_TOLERANCE[second.qualifier].meaning}) allow."
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
            for whole_place in graph.ancestors(place_id):
                wholes = index.spans(metric_id, whole_place)
                if wholes is None:
                    continue
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
                    explanation=f"{head()}: part within whole, but {why_not}; scope differs, not a contradiction.",
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

        for first, second in _cross(index, graph, alike_other_kind, involving):
            if involving is None and first.place_id > second.place_id:
                continue  # the symmetric relation yields each pair from both sides
            yield from self.compare(first, second, graph, consistent=consistent)

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
                explanation=f"{head}. Read as one place, {clash}; compare them only as different scopes.",
            )
        else:
            yield make_finding(
                self,
                first,
                second,
                severity=Severity.LOW,
                is_conflict=False,
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
# extend with settings.CONTRADICTION_RATE_BANDS = {"CNY/USD": {2026: ("6.8", "7.2")}}.
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
    },
}


class Conversion(Rule):
    """A value and its stated conversion into another currency imply an exchange rate; flag rates outside the band.

    The band is per currency pair and year (of the period's end). Both figures are read as
    rounded to their last stated digit, so "$2.4 billion" allows 2.35–2.45 billion.
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
                yield from self.compare(original, converted, graph, consistent=consistent)

    def compare(self, original, converted, graph, *, consistent=False):
        if original.unit == converted.unit or not original.value or not converted.value:
            return
        pair, year = f"{original.unit}/{converted.unit}", converted.period_end.year
        band = self.bands.get(pair, {}).get(year)
        inverted = False
        if band is None and f"{converted.unit}/{original.unit}" in self.bands:
            pair, inverted = f"{converted.unit}/{original.unit}", True
            band = self.bands[pair].get(year)
        numerator, denominator = (converted, original) if inverted else (original, converted)
        rate = numerator.value / denominator.value
        num_low, num_high = rounding_interval(numerator.value)
        den_low, den_high = rounding_interval(denominator.value)
        rate_range = Interval(num_low / den_high, num_high / den_low)
        head = (
            f"{describe(original, graph)} restated as {describe_value(converted)} (claim #{converted.id}) implies "
            f"{format_number(numerator.value)} / {format_number(denominator.value)} = {rate:.3f} {pair}"
        )
        if band is None:
            if consistent:
                yield make_finding(
                    self,
                    original,
                    converted,
                    severity=Severity.LOW,
                    is_conflict=False,
                    explanation=f"{head}; no rate band is configured for {pair} in {year}, so it is not checked.",
                )
            return
        within = rate_range.overlaps(Interval(band[0], band[1]))
        band_text = f"the {year} band {band[0]}–{band[1]}"
        if within:
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
                f"{head} ({rate_range.low:.3f}–{rate_range.high:.3f} allowing for rounding), outside {band_text}."
            ),
        )


def default_rules(*, rate_bands: dict | None = None) -> list[Rule]:
    return [
        ValueMismatch(),
        PartExceedsWhole(),
        PeriodMismatch(),
        ScopeMismatch(),
        Arithmetic(),
        Conversion(rate_bands),
    ]


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
            # A conflict outranks a consistent reading of the same pair by the same rule.
            if key not in found or (finding.is_conflict and not found[key].is_conflict):
                found[key] = finding
    return sorted(found.values(), key=lambda finding: (finding.claim_a, finding.claim_b, finding.kind))

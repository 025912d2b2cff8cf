"""The contradiction rules, on plain snapshots of claims: no database."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from curation.contradictions import rules
from curation.contradictions.rules import ClaimFacts, PlaceFacts, PlaceGraph
from curation.models import Claim

D = dt.date
_ids = itertools.count(1)

# Places of the seed story: the Kashgar area lies in the zone AND in the prefecture (two parents).
REGION, ZONE, AREA, PREFECTURE, CITY, BONDED = 1, 2, 3, 4, 5, 6
GRAPH = PlaceGraph(
    [
        PlaceFacts(REGION, "Xinjiang Uygur Autonomous Region", "region", ("Xinjiang",)),
        PlaceFacts(ZONE, "China (Xinjiang) Pilot Free Trade Zone", "zone", ("Xinjiang FTZ",)),
        PlaceFacts(AREA, "Kashgar Area (FTZ)", "ftz_area", ("Kashi Area",)),
        PlaceFacts(PREFECTURE, "Kashgar Prefecture", "prefecture", ("Kashi",)),
        PlaceFacts(CITY, "Urumqi", "city", ()),
        PlaceFacts(BONDED, "Kashi Comprehensive Bonded Zone", "bonded_zone", ()),
    ],
    [(ZONE, REGION), (AREA, ZONE), (AREA, PREFECTURE), (PREFECTURE, REGION), (BONDED, PREFECTURE)],
)

NEW_ENTERPRISES, REGISTERED, GROWTH, TRADE, TRADE_GROWTH, SHARE = 1, 2, 3, 4, 5, 6
METRICS = {
    NEW_ENTERPRISES: dict(metric_code="new_enterprises", nature="flow", is_additive=True, increment_of_id=REGISTERED),
    REGISTERED: dict(metric_code="registered_enterprises", nature="stock", is_additive=True),
    GROWTH: dict(metric_code="registered_growth", nature="rate", is_additive=False, growth_of_id=REGISTERED),
    TRADE: dict(metric_code="trade_value", nature="flow", is_additive=True),
    TRADE_GROWTH: dict(metric_code="trade_growth_yoy", nature="rate", is_additive=False, growth_of_id=TRADE),
    SHARE: dict(metric_code="share", nature="rate", is_additive=False),
}
UNITS = {NEW_ENTERPRISES: "enterprises", REGISTERED: "enterprises", GROWTH: "%", TRADE: "CNY", TRADE_GROWTH: "%"}


YEAR_START, YEAR_END = D(2025, 1, 1), D(2025, 12, 31)


def claim(value, *, metric=NEW_ENTERPRISES, place=AREA, qualifier="exact", start=YEAR_START, end=YEAR_END, **fields):
    details = METRICS[metric]
    if details["nature"] == "stock":
        start = None
    return ClaimFacts(
        id=fields.pop("id", next(_ids)),
        place_id=place,
        metric_id=metric,
        metric_name=details["metric_code"].replace("_", " "),
        value=Decimal(str(value)),
        unit=fields.pop("unit", UNITS.get(metric, "%")),
        qualifier=qualifier,
        period_start=start,
        period_end=end,
        **{key: item for key, item in details.items()},
        **fields,
    )


def conflicts(*claims, rule=None):
    chosen = [rule] if rule else None
    return [finding for finding in rules.find(claims, GRAPH, rules=chosen) if finding.is_conflict]


def readings(*claims, rule):
    return rules.find(claims, GRAPH, rules=[rule], consistent=True)


# ---- the qualifier tolerance table -------------------------------------------------------


def test_every_qualifier_a_claim_can_have_has_a_tolerance():
    assert set(Claim.Qualifier.values) == set(rules.QUALIFIER_TOLERANCE)


@pytest.mark.parametrize(
    ("first", "second", "clash"),
    [
        (("more_than", 3100), ("exact", 3000), True),
        (("about", 3100), ("exact", 3150), False),
        (("about", 3100), ("exact", 3300), True),
        (("exact", 3100), ("more_than", 3100), False),  # rounding: "3,100" may be 3,104
        (("more_than", 3100), ("less_than", 3100), True),  # open bounds that touch do not meet
        (("at_least", 3100), ("up_to", 3100), False),  # closed bounds that touch do
        (("nearly", 370), ("exact", 355), False),
        (("nearly", 370), ("exact", 380), True),
        (("up_to", 100), ("at_least", 101), True),
        (("exact", 93.16), ("exact", 93.2), False),
        (("exact", 93.16), ("exact", 95), True),
    ],
)
def test_tolerance_table_decides_which_values_clash(first, second, clash):
    a = claim(first[1], qualifier=first[0])
    b = claim(second[1], qualifier=second[0])
    assert (not a.interval.overlaps(b.interval)) is clash


def test_between_allows_its_whole_range():
    ranged = claim(20, qualifier="between", value_max=Decimal(30), metric=SHARE)
    assert ranged.interval.overlaps(claim(25.4, metric=SHARE).interval)
    assert not ranged.interval.overlaps(claim(35, metric=SHARE).interval)


def test_rounding_interval_reads_a_figure_to_its_last_stated_digit():
    assert rules.rounding_interval(Decimal("2400000000")) == (Decimal("2350000000"), Decimal("2450000000"))
    assert rules.rounding_interval(Decimal("13.36")) == (Decimal("13.355"), Decimal("13.365"))


# ---- 1. value mismatch --------------------------------------------------------------------


def test_value_mismatch_flags_same_place_metric_and_period_beyond_qualifiers():
    found = conflicts(claim(3100, qualifier="more_than"), claim(3000))
    assert [finding.rule for finding in found] == ["value_mismatch"]
    assert "more than 3,100" in found[0].explanation and "3,000" in found[0].explanation
    assert "3%" in found[0].explanation  # 3,100 is 3% above 3,000
    # Qualifiers in words, as a reader writes them, never their codes.
    assert "'more than' (above the value" in found[0].explanation and "more_than" not in found[0].explanation


def test_explanations_write_large_values_as_the_article_does():
    found = conflicts(claim(3940000000, qualifier="about"), claim(5000000000))
    assert "about 3.94 billion" in found[0].explanation and "5 billion" in found[0].explanation
    assert "3940000000" not in found[0].explanation and "3,940,000,000" not in found[0].explanation


def test_value_mismatch_leaves_values_within_their_qualifiers():
    assert conflicts(claim(3100, qualifier="about"), claim(3150)) == []


def test_value_mismatch_needs_the_same_period_and_unit():
    other_year = claim(6000, start=D(2024, 1, 1), end=D(2024, 12, 31))
    assert conflicts(claim(3100), other_year, rule=rules.ValueMismatch()) == []
    assert conflicts(claim(93, metric=TRADE), claim(13, metric=TRADE, unit="USD"), rule=rules.ValueMismatch()) == []


# ---- 2. part exceeds whole ----------------------------------------------------------------


def test_part_exceeding_its_whole_over_a_contained_period_is_flagged():
    part = claim(20000, start=D(2025, 1, 1), end=D(2025, 6, 30))
    whole = claim(18000, place=ZONE, start=D(2024, 1, 1), end=D(2025, 9, 30))
    found = conflicts(part, whole, rule=rules.PartExceedsWhole())
    assert len(found) == 1 and found[0].kind == "part_exceeds_whole"
    assert "111%" in found[0].explanation


def test_part_smaller_than_its_whole_is_consistent_and_says_how_large_a_share_it_is():
    part, whole = claim(3100), claim(18000, place=ZONE)
    assert conflicts(part, whole, rule=rules.PartExceedsWhole()) == []
    (reading,) = readings(part, whole, rule=rules.PartExceedsWhole())
    assert not reading.is_conflict and "17%" in reading.explanation and "consistent" in reading.explanation


def test_part_with_a_longer_period_is_explained_as_scope_not_contradiction():
    span = dict(start=D(2023, 11, 1), end=D(2026, 1, 31), period_label="Nov 2023 – early 2026")
    part = claim(3100, qualifier="more_than", **span)
    whole = claim(18000, place=ZONE, qualifier="more_than", start=D(2023, 11, 1), end=D(2025, 9, 30))
    assert conflicts(part, whole) == []
    (reading,) = readings(part, whole, rule=rules.PartExceedsWhole())
    assert reading.explanation.startswith(f"claim #{part.id}, Kashgar Area (FTZ): more than 3,100 enterprises")
    assert "is 17% of" in reading.explanation
    assert "part's period is longer; scope differs, not a contradiction" in reading.explanation


def test_part_of_graph_with_two_parents_checks_each_parent_and_their_ancestors():
    part = claim(5000)
    zone, prefecture, region = claim(9000, place=ZONE), claim(4000, place=PREFECTURE), claim(4500, place=REGION)
    found = conflicts(part, zone, prefecture, region, rule=rules.PartExceedsWhole())
    pairs = {frozenset((finding.claim_a, finding.claim_b)) for finding in found}
    # The area exceeds its prefecture and, through either parent, the region; the zone exceeds the region too.
    assert pairs == {
        frozenset((part.id, prefecture.id)),
        frozenset((part.id, region.id)),
        frozenset((zone.id, region.id)),
    }


def test_part_exceeds_whole_ignores_non_additive_metrics_and_unrelated_places():
    assert conflicts(claim(80, metric=SHARE), claim(40, metric=SHARE, place=ZONE), rule=rules.PartExceedsWhole()) == []
    assert conflicts(claim(5000, place=CITY), claim(10, place=ZONE), rule=rules.PartExceedsWhole()) == []


def test_part_exceeds_whole_for_stocks_needs_the_same_date():
    part, whole = claim(6000, metric=REGISTERED), claim(5173, metric=REGISTERED, place=ZONE)
    assert len(conflicts(part, whole, rule=rules.PartExceedsWhole())) == 1
    later = claim(5173, metric=REGISTERED, place=ZONE, end=D(2024, 12, 31))
    assert conflicts(part, later, rule=rules.PartExceedsWhole()) == []


# ---- 3. period containment ----------------------------------------------------------------


def test_sub_period_larger_than_its_containing_period_is_flagged():
    year = claim(258000)
    months = claim(300000, start=D(2025, 1, 1), end=D(2025, 8, 31))
    (found,) = conflicts(year, months)
    assert found.rule == "period_mismatch" and found.kind == "period_mismatch"
    assert "116%" in found.explanation


def test_sub_period_within_its_containing_period_is_consistent():
    year, months = claim(780000, qualifier="nearly"), claim(258000, start=D(2025, 1, 1), end=D(2025, 8, 31))
    assert conflicts(year, months) == []
    (reading,) = readings(year, months, rule=rules.PeriodMismatch())
    assert "33%" in reading.explanation and not reading.is_conflict


def test_overlapping_periods_that_do_not_contain_each_other_are_not_compared():
    first = claim(100, start=D(2025, 1, 1), end=D(2025, 6, 30))
    second = claim(900, start=D(2025, 4, 1), end=D(2025, 9, 30))
    assert readings(first, second, rule=rules.PeriodMismatch()) == []


# ---- 4. scope mismatch --------------------------------------------------------------------


def test_alike_names_of_different_kinds_with_clashing_figures_are_a_scope_mismatch():
    area = claim(93.16, metric=TRADE)
    prefecture = claim(77.15, metric=TRADE, place=PREFECTURE)
    found = conflicts(area, prefecture, rule=rules.ScopeMismatch())
    assert len(found) == 1
    assert "'kashgar'" in found[0].explanation or "'kashi'" in found[0].explanation
    assert "Kashgar Area (FTZ) is part of Kashgar Prefecture" in found[0].explanation


def test_alias_relates_places_whose_names_differ():
    assert "kashi" in {rules.place_name_key(name) for name in ("Kashi", "Kashi Area", "Kashi Prefecture")}
    assert PREFECTURE in GRAPH.alike(AREA) and BONDED not in GRAPH.alike(AREA)


def test_scope_mismatch_is_silent_for_unrelated_names_other_periods_or_agreeing_figures():
    area = claim(93.16, metric=TRADE)
    assert conflicts(area, claim(10, metric=TRADE, place=CITY), rule=rules.ScopeMismatch()) == []
    other_year = claim(10, metric=TRADE, place=PREFECTURE, start=D(2023, 1, 1), end=D(2023, 11, 30))
    assert conflicts(area, other_year, rule=rules.ScopeMismatch()) == []
    agreeing = claim(93.2, metric=TRADE, place=PREFECTURE)
    assert conflicts(area, agreeing, rule=rules.ScopeMismatch()) == []
    (reading,) = readings(area, agreeing, rule=rules.ScopeMismatch())
    assert not reading.is_conflict


# ---- 5. arithmetic ------------------------------------------------------------------------


def arithmetic_story(new_value, qualifier="more_than", source_of_new=1):
    span = dict(start=D(2023, 11, 1), end=D(2026, 1, 31))
    level = claim(5173, metric=REGISTERED, end=span["end"], source_id=1)
    growth = claim(154.6, metric=GROWTH, source_id=1, **span)
    new = claim(new_value, qualifier=qualifier, source_id=source_of_new, **span)
    return level, growth, new


def test_level_and_growth_implying_the_stated_increase_is_consistent():
    level, growth, new = arithmetic_story(3100)
    assert conflicts(level, growth, new, rule=rules.Arithmetic()) == []
    (reading,) = readings(level, growth, new, rule=rules.Arithmetic())
    assert "5,173 × 154.6 / 254.6 ≈ 3,141 new" in reading.explanation
    assert reading.also_involves == (growth.id,)


def test_level_and_growth_contradicting_the_stated_increase_is_flagged():
    level, growth, new = arithmetic_story(2000, qualifier="exact")
    (found,) = conflicts(level, growth, new, rule=rules.Arithmetic())
    assert {found.claim_a, found.claim_b} == {level.id, new.id} and growth.id in found.claim_ids


def test_arithmetic_only_combines_figures_from_one_source():
    level, growth, new = arithmetic_story(2000, qualifier="exact", source_of_new=2)
    assert readings(level, growth, new, rule=rules.Arithmetic()) == []


def test_flow_and_year_on_year_growth_imply_the_previous_year():
    current = claim(356.31, metric=TRADE, source_id=7)
    growth = claim(25.4, metric=TRADE_GROWTH, source_id=7)
    right = claim(284.1, metric=TRADE, start=D(2024, 1, 1), end=D(2024, 12, 31), source_id=7)
    assert conflicts(current, growth, right, rule=rules.Arithmetic()) == []
    wrong = claim(200, metric=TRADE, start=D(2024, 1, 1), end=D(2024, 12, 31), source_id=7)
    (found,) = conflicts(current, growth, wrong, rule=rules.Arithmetic())
    assert "implies 284.1 CNY a year earlier" in found.explanation


# ---- 6. conversion ------------------------------------------------------------------------


def conversion_pair(cny, usd, year=2023, **usd_fields):
    end = D(year, 11, 30)
    original = claim(cny, metric=TRADE, start=D(year, 1, 1), end=end)
    converted = claim(usd, metric=TRADE, start=D(year, 1, 1), end=end, unit="USD", conversion_of_id=original.id,
                      **usd_fields)  # fmt: skip
    return original, converted


def test_conversion_within_the_years_band_is_consistent():
    original, converted = conversion_pair("77150000000", "10750000000")
    assert conflicts(original, converted) == []
    (reading,) = readings(original, converted, rule=rules.Conversion())
    assert "7.177 CNY/USD" in reading.explanation


def test_conversion_outside_the_band_is_flagged_with_the_implied_rate():
    original, converted = conversion_pair("93160000000", "13360000000", year=2025)
    (found,) = conflicts(original, converted)
    assert found.rule == "conversion" and "6.973 CNY/USD" in found.explanation and "7.00–7.35" in found.explanation


def test_conversion_allows_for_the_rounding_of_a_two_digit_figure():
    original, converted = conversion_pair("17600000000", "2400000000")  # 7.33 within 2023's 6.70–7.35
    assert conflicts(original, converted) == []


def test_conversion_bands_are_configurable_per_pair_and_year():
    original, converted = conversion_pair("77150000000", "10750000000")
    strict = rules.Conversion({"CNY/USD": {2023: ("7.30", "7.40")}})
    assert len(conflicts(original, converted, rule=strict)) == 1
    unknown_year = rules.Conversion({"CNY/USD": {}})
    (reading,) = readings(original, converted, rule=unknown_year)
    assert "no rate band" in reading.explanation and not reading.is_conflict


# ---- the engine as a whole ----------------------------------------------------------------


def test_findings_for_one_claim_are_only_those_resting_on_it():
    first, second = claim(3100, qualifier="more_than"), claim(3000)
    third, fourth = claim(10, metric=TRADE), claim(20, metric=TRADE)
    found = rules.find([first, second, third, fourth], GRAPH, involving=first.id)
    assert [(finding.claim_a, finding.claim_b) for finding in found] == [(first.id, second.id)]


def test_fingerprint_changes_with_the_compared_fields_only():
    first, second = claim(3100, qualifier="more_than", id=901), claim(3000, id=902)
    (before,) = conflicts(first, second)
    again = claim(3000, id=902)
    assert conflicts(first, again)[0].fingerprint == before.fingerprint
    changed = claim(2900, id=902)
    assert conflicts(first, changed)[0].fingerprint != before.fingerprint


def test_candidates_come_from_groups_not_from_all_pairs(monkeypatch):
    compared = []
    original = rules.ValueMismatch.compare

    def counting(self, first, second, graph, **kwargs):
        compared.append((first.id, second.id))
        return original(self, first, second, graph, **kwargs)

    monkeypatch.setattr(rules.ValueMismatch, "compare", counting)
    many = [claim(100 + number, end=D(2000 + number % 20, 12, 31), start=D(2000 + number % 20, 1, 1))
            for number in range(400)]  # fmt: skip
    rules.find(many, GRAPH, rules=[rules.ValueMismatch()])
    # 400 claims in 20 periods: pairs only inside a period (20 × C(20, 2) = 3,800), not C(400, 2) = 79,800.
    assert len(compared) == 20 * 190


def test_scope_mismatch_leaves_nested_periods_and_single_articles_to_other_rules():
    area = claim(93.16, metric=TRADE, source_id=1)
    quarter = claim(500, metric=TRADE, place=PREFECTURE, start=D(2025, 1, 1), end=D(2025, 3, 31), source_id=2)
    assert readings(area, quarter, rule=rules.ScopeMismatch()) == []
    same_article = claim(77.15, metric=TRADE, place=PREFECTURE, source_id=1)
    assert readings(area, same_article, rule=rules.ScopeMismatch()) == []
    other_article = claim(77.15, metric=TRADE, place=PREFECTURE, source_id=2)
    assert len(conflicts(area, other_article, rule=rules.ScopeMismatch())) == 1

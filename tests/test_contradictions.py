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
    assert "part's period is longer; not comparable, not a contradiction" in reading.explanation
    assert reading.verdict == rules.Verdict.NOT_COMPARABLE


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


def test_conversion_outside_the_band_of_the_publication_date_is_flagged_with_the_implied_rate():
    original, converted = conversion_pair("93160000000", "13360000000", year=2025, published_on=D(2025, 6, 30))
    (found,) = conflicts(original, converted)
    assert found.rule == "conversion" and "6.973 CNY/USD" in found.explanation and "7.00–7.35" in found.explanation
    assert "dated 2025-06-30" in found.explanation and found.verdict == rules.Verdict.INCONSISTENT


def test_an_undated_article_may_convert_up_to_15_months_after_its_newest_figure():
    # Article 000: full-year 2025 at 6.97, a rate of early 2026; undated, so 2025-11 to 2027-02 is accepted.
    original, converted = conversion_pair("93160000000", "13360000000", year=2025)
    assert conflicts(original, converted) == []
    (reading,) = readings(original, converted, rule=rules.Conversion())
    assert "undated" in reading.explanation and "2025–2026 (6.85–7.10" not in reading.explanation
    assert "6.85–7.35" in reading.explanation and reading.verdict == rules.Verdict.CONSISTENT


def test_an_old_figure_is_judged_by_the_rate_of_the_day_the_article_converted_it():
    # "690 million yuan (about 96.14 million U.S. dollars) in 2020", written in late 2023: 7.18 was 2023's rate.
    period = dict(metric=TRADE, start=D(2020, 1, 1), end=D(2020, 12, 31))
    original = claim("690000000", **period, published_on=D(2023, 12, 30))
    converted = claim("96140000", **period, unit="USD", conversion_of_id=original.id, published_on=D(2023, 12, 30))
    assert conflicts(original, converted) == []
    # The same conversion in an article of 2021, when the yuan traded at 6.35–6.58, is off.
    original_2021 = claim("690000000", **period, published_on=D(2021, 6, 1))
    converted_2021 = claim(
        "96140000", **period, unit="USD", conversion_of_id=original_2021.id, published_on=D(2021, 6, 1)
    )
    (found,) = conflicts(original_2021, converted_2021)
    assert "7.177 CNY/USD" in found.explanation and "6.35–6.58" in found.explanation


def test_an_undated_article_is_dated_by_its_newest_figure_not_the_converted_one():
    old = claim("690000000", metric=TRADE, start=D(2020, 1, 1), end=D(2020, 12, 31), source_id=5)
    converted = claim("96140000", metric=TRADE, start=D(2020, 1, 1), end=D(2020, 12, 31), unit="USD",
                      conversion_of_id=old.id, source_id=5)  # fmt: skip
    newest = claim(118, metric=REGISTERED, end=D(2023, 12, 29), source_id=5)
    (reading,) = [r for r in rules.find([old, converted, newest], GRAPH, consistent=True) if r.rule == "conversion"]
    assert "newest figure ends 2023-12-29" in reading.explanation and "2023–2025" in reading.explanation


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


# ---- exact counts -------------------------------------------------------------------------


def test_exact_counts_stated_to_the_unit_are_different_numbers():
    implemented, assigned = claim(205, end=D(2026, 1, 31)), claim(207, end=D(2026, 1, 31))
    (found,) = conflicts(implemented, assigned, rule=rules.ValueMismatch())
    assert "207 enterprises is 1.0% above 205 enterprises" in found.explanation
    assert "an exact count: that number and no other" in found.explanation
    # An amount keeps the ±0.5% that stands for rounding: 205.5 and 206 million yuan agree.
    assert conflicts(claim("205500000", metric=TRADE), claim("206000000", metric=TRADE)) == []


def test_a_round_count_is_read_as_rounded():
    assert conflicts(claim(258000), claim(258400)) == []  # 258,000 is rounded to the thousand
    assert conflicts(claim(6663), claim(6664))  # 6,663 is not


# ---- pace ----------------------------------------------------------------------------------

VEHICLES, VEHICLES_GROWTH = TRADE, TRADE_GROWTH  # an additive flow and its growth rate


def pace_case(cumulative, *, qualifier="nearly"):
    part = claim(258000, metric=VEHICLES, unit="vehicles", start=D(2025, 1, 1), end=D(2025, 8, 31))
    growth = claim("8.5", metric=VEHICLES_GROWTH, start=D(2025, 1, 1), end=D(2025, 8, 31))
    whole = claim(cumulative, metric=VEHICLES, unit="vehicles", qualifier=qualifier, start=D(2023, 11, 1),
                  end=D(2025, 9, 30))  # fmt: skip
    return part, growth, whole


def test_pace_within_thirty_percent_of_the_observed_pace_is_consistent():
    part, growth, whole = pace_case(780000)
    assert conflicts(part, growth, whole) == []
    (reading,) = readings(part, growth, whole, rule=rules.Pace())
    assert reading.verdict == rules.Verdict.CONSISTENT and reading.also_involves == (growth.id,)
    text = reading.explanation
    assert "implies 237,800 vehicles in the same months a year earlier" in text
    assert "29,720 vehicles a month then, 32,250 vehicles a month in 2025" in text
    assert "leaves 522,000 vehicles (at least 481,700 vehicles) for the 15 months" in text
    assert "14 before 2025, 1 in 2025 outside the part" in text
    assert "1.16× the observed pace (1.07× at the most favourable reading" in text


def test_pace_far_above_any_observed_is_suspicious_with_its_arithmetic():
    part, growth, whole = pace_case(1200000, qualifier="exact")
    (found,) = conflicts(part, growth, whole)
    assert found.rule == "pace" and found.verdict == rules.Verdict.SUSPICIOUS and found.is_conflict
    assert (found.claim_a, found.claim_b) == (part.id, whole.id)
    assert "leaves 942,000 vehicles" in found.explanation and "suspicious" in found.explanation
    # The same figures without a growth rate are not judged for pace.
    assert [f for f in conflicts(part, whole) if f.rule == "pace"] == []


def test_pace_is_not_judged_on_converted_figures():
    part, growth, whole = pace_case(1200000, qualifier="exact")
    converted = claim(36000, metric=VEHICLES, unit="USD", start=D(2025, 1, 1), end=D(2025, 8, 31),
                      conversion_of_id=part.id)  # fmt: skip
    assert [f.claim_ids for f in conflicts(part, growth, whole, converted) if converted.id in f.claim_ids] == []


# ---- base-period spikes ----------------------------------------------------------------------


def bonded_zone(full_year_2022):
    part = claim("45657000000", metric=TRADE, place=BONDED, start=D(2023, 1, 1), end=D(2023, 11, 30))
    growth = claim("98.10", metric=TRADE_GROWTH, place=BONDED, start=D(2023, 1, 1), end=D(2023, 11, 30))
    year = claim(full_year_2022, metric=TRADE, place=BONDED, start=D(2022, 1, 1), end=D(2022, 12, 31))
    return part, growth, year


def test_a_month_that_must_hold_several_average_months_is_suspicious():
    part, growth, year = bonded_zone("28280000000")
    (found,) = conflicts(part, growth, year)
    assert found.rule == "base_period_spike" and found.verdict == rules.Verdict.SUSPICIOUS
    text = found.explanation
    assert "implies 23.05 billion CNY in the same months a year earlier (2.095 billion CNY a month)" in text
    assert "leaves 5.233 billion CNY for the other month" in text
    assert "2.50× the average month" in text and "2.33× at the most favourable" in text


def test_a_plausible_remaining_month_is_consistent_and_an_impossible_one_inconsistent():
    part, growth, year = bonded_zone("25000000000")  # December 2022: 1.95 billion, under the average month
    assert conflicts(part, growth, year) == []
    (reading,) = readings(part, growth, year, rule=rules.BasePeriodSpike())
    assert reading.verdict == rules.Verdict.CONSISTENT
    part, growth, year = bonded_zone("20000000000")  # less than January-November 2022 alone
    (found,) = conflicts(part, growth, year, rule=rules.BasePeriodSpike())
    assert found.verdict == rules.Verdict.INCONSISTENT and "less than the part's months alone" in found.explanation


def test_a_growth_rate_stated_twice_gives_the_same_finding_whatever_order_the_claims_are_loaded_in():
    # An article and its syndicated copy both state the growth rate: the full run loads the claims
    # in table order, a claim's check in another; both must keep the reading on the lower id.
    part, growth, year = bonded_zone("28280000000")
    copy = claim("98.10", metric=TRADE_GROWTH, place=BONDED, start=D(2023, 1, 1), end=D(2023, 11, 30))
    nine = claim("30000000000", metric=TRADE, place=BONDED, start=D(2023, 1, 1), end=D(2023, 9, 30))
    nine_growth = claim("98.5", metric=TRADE_GROWTH, place=BONDED, start=D(2023, 1, 1), end=D(2023, 9, 30))
    nine_copy = claim("98.5", metric=TRADE_GROWTH, place=BONDED, start=D(2023, 1, 1), end=D(2023, 9, 30))
    loaded = [part, growth, copy, year, nine, nine_growth, nine_copy]
    orders = [loaded, loaded[::-1], [nine_copy, copy, *loaded]]
    for consistent in (False, True):
        found = [rules.find(order, GRAPH, consistent=consistent) for order in orders]
        assert found[0] == found[1] == found[2]
        spikes = [item for item in found[0] if item.rule == "base_period_spike"]
        assert spikes and all(copy.id not in item.claim_ids and nine_copy.id not in item.claim_ids for item in spikes)
    assert any(item.claim_ids == (part.id, year.id, growth.id) for item in spikes if item.is_conflict)


def test_two_stretches_of_one_year_with_their_growth_rates_imply_the_months_between():
    # Kashgar prefecture: Jan-Sep 2023 61.04 billion (+89.7%), Jan-Nov 2023 77.15 billion (+80.8%).
    nine = claim("61040000000", metric=TRADE, place=PREFECTURE, start=D(2023, 1, 1), end=D(2023, 9, 30))
    nine_growth = claim("89.7", metric=TRADE_GROWTH, place=PREFECTURE, start=D(2023, 1, 1), end=D(2023, 9, 30))
    eleven = claim("77150000000", metric=TRADE, place=PREFECTURE, start=D(2023, 1, 1), end=D(2023, 11, 30))
    eleven_growth = claim("80.8", metric=TRADE_GROWTH, place=PREFECTURE, start=D(2023, 1, 1), end=D(2023, 11, 30))
    (reading,) = readings(nine, nine_growth, eleven, eleven_growth, rule=rules.BasePeriodSpike())
    assert reading.verdict == rules.Verdict.CONSISTENT and "1.47× the average month" in reading.explanation
    assert set(reading.also_involves) == {nine_growth.id, eleven_growth.id}


# ---- conversions within one article ----------------------------------------------------------


def article_conversion(cny, usd, *, source_id=40, year=2023):
    original = claim(cny, metric=TRADE, start=D(year, 1, 1), end=D(year, 11, 30), source_id=source_id)
    converted = claim(usd, metric=TRADE, start=D(year, 1, 1), end=D(year, 11, 30), unit="USD",
                      conversion_of_id=original.id, source_id=source_id)  # fmt: skip
    return original, converted


def test_the_conversion_off_the_articles_own_rate_is_the_outlier():
    pairs = [
        article_conversion("77150000000", "10750000000"),
        article_conversion("45657000000", "6360000000"),
        article_conversion("28280000000", "3940000000"),
        article_conversion("690000000", "99000000"),  # 6.97: inside 2023's band, but not this article's rate
    ]
    claims = [item for pair in pairs for item in pair]
    found = [f for f in conflicts(*claims) if f.rule == "conversion_consistency"]
    assert [(f.claim_a, f.claim_b) for f in found] == [(pairs[0][1].id, pairs[3][1].id)]
    (flag,) = found
    assert flag.severity == rules.Severity.LOW and flag.verdict == rules.Verdict.SUSPICIOUS
    assert "3 of its 4 conversions agree" in flag.explanation and "6.970" in flag.explanation
    assert [f for f in conflicts(*claims) if f.rule == "conversion"] == []  # each rate alone is plausible


def test_conversions_that_agree_within_rounding_are_consistent():
    claims = [
        *article_conversion("77150000000", "10750000000"),
        *article_conversion("28280000000", "3940000000", year=2022),
    ]
    assert conflicts(*claims) == []
    (reading,) = readings(*claims, rule=rules.ConversionConsistency())
    assert reading.verdict == rules.Verdict.CONSISTENT and "2 of its 2 conversions agree" in reading.explanation


# ---- corroboration ---------------------------------------------------------------------------


def test_corroboration_counts_independent_outlets_once_and_merges_syndicated_copies():
    figure = dict(place=ZONE, metric=REGISTERED, end=D(2025, 9, 30))
    first, second, third = claim(179.66, **figure), claim(179.66, **figure), claim("179.7", **figure)
    other = claim(181, **figure)  # outside 179.66's ±0.5%
    draft = claim(179.66, status="draft", **figure)
    sources_of = {first.id: (1, 2), second.id: (3,), third.id: (4,), other.id: (5,), draft.id: (6,)}
    outlet_of = {1: 10, 2: 10, 3: 20, 4: None, 5: 30, 6: 40}  # sources 1 and 2 are one outlet's

    def same_text(a, b):
        return {a, b} == {3, 4}  # source 4 is a syndicated copy of source 3

    result = rules.corroboration(
        [first, second, third, other, draft], sources_of=sources_of, outlet_of=outlet_of, same_text=same_text
    )
    assert result[first.id].origins == 2  # outlet 10, and outlet 20 with its copy; not the draft, not 181
    assert result[other.id].origins == 1  # nobody agrees with 181
    assert result[draft.id].origins == 3  # its own source counts, the approved ones agreeing too
    assert set(result[first.id].claim_ids) == {first.id, second.id, third.id}


def test_findings_carry_a_verdict_on_the_editors_scale():
    found = rules.find([claim(3100, qualifier="more_than"), claim(3000)], GRAPH)
    assert {finding.verdict for finding in found} <= set(rules.Verdict.ALL)
    assert found[0].verdict == rules.Verdict.INCONSISTENT

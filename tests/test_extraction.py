"""The extraction rules, without the database: values, units, qualifiers, ranges, quotes, guesses, hostile text."""

import datetime as dt
import time
from decimal import Decimal
from pathlib import Path

import pytest

from bench.extraction_quality import (
    EVAL_DIR,
    SEEDS,
    eval_split,
    extractor_predictions,
    guess_accuracy,
    label_spans,
    load_eval,
    load_labels,
    score,
    seed_place_index,
    seed_rows,
)
from curation.extraction.candidates import PlaceIndex, extract_candidates, find_mentions
from curation.text.quotes import locate_quote


def only(text: str):
    mentions, _ = find_mentions(text)
    assert len(mentions) == 1, mentions
    return mentions[0]


def test_labelled_seed_articles_meet_the_quality_bar():
    figures = score(extractor_predictions(), load_labels())
    assert figures["labelled"] >= 80
    assert figures["mention_recall"] >= 0.95
    assert figures["recall"] >= 0.95
    assert figures["precision"] >= 0.90


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("a volume of 93.16 billion yuan last year", "93160000000", "CNY"),
        ("trade reached RMB 3.66 billion here", "3660000000", "CNY"),
        ("trade reached 3.66 billion yuan here", "3660000000", "CNY"),
        ("worth $13.36 billion here", "13360000000", "USD"),
        ("worth USD 516 million here", "516000000", "USD"),
        ("worth about 10.75 billion U.S. dollars", "10750000000", "USD"),
        ("throughput reached 68,100 tonnes", "68100", "t"),
        ("purchased 1,500 metric tons of walnuts", "1500", "t"),
        ("covers 28.48 square kilometers", "28.48", "km2"),
        ("the 179.66-square-kilometer zone", "179.66", "km2"),
        ("an increase of 154.6 percent", "154.6", "%"),
        ("contributing 40% of trade", "40", "%"),
        ("integrating six international labs", "6", "labs"),
        ("links with eight countries", "8", "countries"),
        ("shortened from two months", "2", "months"),
        ("at around 1.47 million hectares", "1470000", "ha"),
        ("a cold store of 2.4 million cubic meters", "2400000", "m3"),
        ("a 30,000-cubic-metre granary", "30000", "m3"),
        ("tanks holding 800 m³ of juice", "800", "m3"),
    ],
)
def test_values_are_read_in_base_units(text, value, unit):
    mention = only(text)
    assert (mention.value, mention.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("attracted more than 3,100 new enterprises", "more_than"),
        ("attracted over 18,000 new enterprises", "more_than"),
        ("a surge of nearly 370%", "nearly"),
        ("output of about 14 million tons", "about"),
        ("stable at around 1.47 million hectares", "about"),
        ("handles up to 500 trucks", "up_to"),
        ("at least 20 enterprises", "at_least"),
        ("trade reached RMB 3.66 billion (~USD 516 million)", "about"),
        ("in less than ten days", "less_than"),
        ("exactly as stated: 6,663 new enterprises", "exact"),
    ],
)
def test_qualifier_comes_from_the_words_before_the_number(text, qualifier):
    mentions, _ = find_mentions(text)
    assert mentions[-1].qualifier == qualifier


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("have grown between 20 percent and 30 percent annually", "20", "30", "%"),
        ("reach the market in just three to five days", "3", "5", "days"),
        ("deliveries within 48–72 hours", "48", "72", "h"),
        ("deliveries within 48-72 hours", "48", "72", "h"),
    ],
)
def test_ranges_give_value_and_upper_bound_with_between(text, low, high, unit):
    mention = only(text)
    assert (mention.value, mention.value_max, mention.unit, mention.qualifier) == (
        Decimal(low),
        Decimal(high),
        unit,
        "between",
    )


def test_a_figure_followed_by_its_conversion_in_brackets_is_kept_as_a_pair():
    text = "The area recorded a total import and export volume of 93.16 billion yuan ($13.36 billion) in 2025."
    yuan, dollars = extract_candidates(text).candidates
    assert (yuan.unit, dollars.unit) == ("CNY", "USD")
    assert dollars.conversion_of == 0 and yuan.conversion_of is None
    assert dollars.quote == yuan.quote


def test_figures_in_brackets_of_one_currency_are_not_conversions():
    text = "Exports rose to 20 billion yuan (up from 15 billion yuan) this year."
    assert all(candidate.conversion_of is None for candidate in extract_candidates(text).candidates)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_every_quote_is_verbatim_and_found_by_the_citation_matcher(path):
    text = path.read_text()
    for candidate in extract_candidates(text).candidates:
        assert text[candidate.quote_start : candidate.quote_end] == candidate.quote
        assert locate_quote(candidate.quote, text) is not None
        mention = candidate.mention
        assert candidate.quote_start <= mention.number_start < mention.number_end <= candidate.quote_end


def test_quote_is_the_clause_with_its_subject_not_the_whole_paragraph():
    text = (
        "Since its establishment in November 2023, the Kashgar area has attracted more than 3,100 new "
        "enterprises, bringing the total number of registered businesses to 5,173 — an increase of 154.6 percent."
    )
    first, second, third = extract_candidates(text).candidates
    assert first.quote == "the Kashgar area has attracted more than 3,100 new enterprises"
    assert second.quote.startswith("the Kashgar area") and second.quote.endswith("to 5,173")
    assert third.quote.endswith("an increase of 154.6 percent")


@pytest.mark.parametrize(
    "sentence, published_on, start, end",
    [
        ("In the first eight months of 2025, trade reached 5 billion yuan.", None, "2025-01-01", "2025-08-31"),
        ("From January to August, trade reached 5 billion yuan.", dt.date(2025, 11, 13), "2025-01-01", "2025-08-31"),
        ("In the first eight months of this year, 6,663 new enterprises were set up.", dt.date(2025, 11, 13),
         "2025-01-01", "2025-08-31"),
        ("Since its establishment in November 2023, it attracted 3,100 new enterprises.", dt.date(2026, 1, 20),
         "2023-11-01", "2026-01-20"),
        ("By September 2025, the FTZ had attracted over 18,000 new enterprises.", None, None, "2025-09-30"),
        ("Trade reached 93.16 billion yuan in 2025.", None, "2025-01-01", "2025-12-31"),
        ("Trade reached 61.04 billion yuan in the first three quarters of 2023.", None, "2023-01-01", "2023-09-30"),
        ("With nearly 780,000 vehicles shipped from November 2023 to September 2025.", None, "2023-11-01",
         "2025-09-30"),
        ("Exports rose to 2.4 billion yuan from November to March.", dt.date(2026, 4, 8), "2025-11-01",
         "2026-03-31"),
    ],
)  # fmt: skip
def test_period_phrases_resolve_to_dates(sentence, published_on, start, end):
    (candidate,) = extract_candidates(sentence, published_on=published_on).candidates
    assert candidate.period_start == (dt.date.fromisoformat(start) if start else None)
    assert candidate.period_end == dt.date.fromisoformat(end)
    assert candidate.period_label


def test_a_relative_period_without_a_publication_date_stays_empty():
    (candidate,) = extract_candidates(
        "In the first eight months of this year, 6,663 new enterprises were set up."
    ).candidates
    assert candidate.period_label == "the first eight months of this year"
    assert candidate.period_start is None and candidate.period_end is None


def test_stock_metrics_keep_only_the_end_of_the_period():
    text = "The number of trade partners reached 118 in 2023."
    (candidate,) = extract_candidates(
        text, metric_codes={"trade_partners"}, stock_metric_codes={"trade_partners"}
    ).candidates
    assert candidate.metric_code == "trade_partners"
    assert (candidate.period_start, candidate.period_end) == (None, dt.date(2023, 12, 31))


def test_place_is_the_name_before_the_number_or_the_subject_of_the_sentence_before():
    places = PlaceIndex({"Kashgar area": "4", "Kashi": "7", "Xinjiang": "2"})
    text = (
        "The influx of enterprises into the Kashgar area in Xinjiang has emerged as a driver. "
        "According to its office, the area recorded trade of 93.16 billion yuan in 2025. "
        "Kashi reached 61.04 billion yuan."
    )
    first, second = extract_candidates(text, places=places).candidates
    assert first.place_key == "4"
    assert second.place_key == "7"


def test_guesses_that_cannot_be_made_stay_empty():
    (candidate,) = extract_candidates("Somewhere, 20,000 hair dryers were sold.", places=PlaceIndex({})).candidates
    assert (candidate.metric_code, candidate.place_key, candidate.period_end) == ("", "", None)


@pytest.mark.parametrize(
    "text",
    [
        "Founded in 2013, it moved in March 2024 and again in 2025.",
        "URUMQI, 13th November, 2025 (WAM) -- established on 1st November, 2023.",
        "2023-11-13source:Global Times, statement on December 29, 2023.",
        "Call +86 991 123 4567 or 0998-2812345 or 13912345678 for details.",
        "It is the first of its kind; the second phase opens at 10:30.",
        "ONE\nTWO\nTHREE",
        "A three-in-one review, one-stop services, one of the fastest, a 5G-driven hub.",
    ],
)
def test_years_dates_ordinals_and_phone_numbers_are_not_measurements(text):
    mentions, unparsed = find_mentions(text)
    assert mentions == []
    assert unparsed == []


def test_an_ordinal_the_text_makes_a_rank_is_a_measurement():
    mentions, _ = find_mentions("ranking from the bottom of the list to 49th place; its output ranks second nationwide")
    assert [(mention.value, mention.unit) for mention in mentions] == [(Decimal(49), "rank"), (Decimal(2), "rank")]


def test_empty_text_gives_nothing():
    assert extract_candidates("").candidates == []
    assert extract_candidates(None).unparsed == []


def test_text_with_only_years_gives_no_candidate():
    assert extract_candidates("2019 2020 2021. In 2022 and 2023, then 2024.").candidates == []


def test_chinese_numerals_do_not_crash_and_are_reported_as_unparsed():
    text = "双边贸易额达3.66亿元，同比增长。Trade reached 68,100 tonnes. 出口三千万元。"
    result = extract_candidates(text)
    assert [candidate.value for candidate in result.candidates] == [Decimal(68100)]
    assert [item.text for item in result.unparsed] == ["3.66亿元", "三千万元"]


def test_html_fragments_are_read_between_the_tags_and_quoted_verbatim():
    text = '<p class="x" data-id="2025">Trade reached <b>93.16 billion yuan</b> in 2025.</p><img width="300">'
    result = extract_candidates(text)
    assert [(candidate.value, candidate.unit) for candidate in result.candidates] == [(Decimal(93160000000), "CNY")]
    assert locate_quote(result.candidates[0].quote, text) is not None


def test_extraction_time_grows_linearly_with_the_text_not_faster():
    # How long 5 MB takes is measured by bench/extraction_quality.py --mb 5; here only the shape:
    # five times the text costs about five times the CPU, where a quadratic step would cost 25.
    corpus = "\n\n".join(path.read_text() for path in sorted(Path(SEEDS).glob("*.txt")))
    one_megabyte = corpus * (1_000_000 // len(corpus) + 1)
    five_megabytes = corpus * (5_000_000 // len(corpus) + 1)
    started = time.process_time()
    small = extract_candidates(one_megabyte)
    small_seconds = time.process_time() - started
    started = time.process_time()
    large = extract_candidates(five_megabytes)
    large_seconds = time.process_time() - started
    assert len(large.candidates) > 20_000
    assert len(large.candidates) >= 4 * len(small.candidates)
    assert large_seconds < 12 * small_seconds, f"{small_seconds:.1f} s for 1 MB, {large_seconds:.1f} s for 5 MB"


def test_two_figures_after_from_are_a_change_not_a_range():
    mentions, _ = find_mentions("The share rose from 5 to 10 percent, and from two months to less than ten days.")
    assert [(m.value, m.value_max, m.unit, m.qualifier) for m in mentions] == [
        (Decimal(5), None, "%", "exact"),
        (Decimal(10), None, "%", "exact"),
        (Decimal(2), None, "months", "exact"),
        (Decimal(10), None, "days", "less_than"),
    ]


def test_a_place_name_that_begins_a_company_or_newspaper_name_is_not_a_place():
    places = PlaceIndex({"Xinjiang": "2", "Kashgar": "8"})
    text = "Xinjiang Withyoung Health Food Co reported a revenue of 110 million yuan in 2025."
    (candidate,) = extract_candidates(text, places=places).candidates
    assert candidate.place_key == ""


def test_a_figure_describing_the_place_after_it_takes_that_place():
    places = PlaceIndex({"Kashi area": "4", "Xinjiang pilot FTZ": "3"})
    text = (
        "The Kashi area, which covers 28.48 square kilometers, is part of the "
        "179.66-square-kilometer Xinjiang pilot FTZ."
    )
    area, zone = extract_candidates(text, places=places).candidates
    assert (area.place_key, zone.place_key) == ("4", "3")


def test_growth_of_registered_enterprises_is_not_taken_for_year_on_year_growth_of_new_ones():
    codes = {"new_enterprises_growth_yoy", "registered_enterprises_growth"}
    text = "It attracted 3,100 new enterprises, bringing registered businesses to 5,173 — an increase of 154.6 percent."
    rate = extract_candidates(text, metric_codes=codes).candidates[-1]
    assert rate.metric_code == "registered_enterprises_growth"


def test_a_number_word_continues_a_count_only_where_the_sentence_makes_it_one():
    mentions, _ = find_mentions("It developed 81 cases, among which 15 have been promoted and one adopted nationwide.")
    assert [(mention.value, mention.unit) for mention in mentions] == [(81, "cases"), (15, "cases"), (1, "cases")]
    assert find_mentions("It counted 81 cases; it is one of the best and one of the largest.")[0][1:] == []


# The four seed figures whose place or period the extractor used to guess wrong (article 002):
# "Horgos, as the FTZ's primary railway port" is the port (curated: Horgos Port), not the city,
# and "an international legal service zone in August 2024 ... cases ... to date" counts cases
# since August 2024, not in August 2024.
SEED_ARTICLE_002 = (Path(SEEDS) / "002_d89e7c86d8491532.txt").read_text()
HORGOS_CITY, HORGOS_PORT = "10", "11"


def seed_candidate(value: str, unit: str):
    places = seed_place_index(seed_rows())
    candidates = extract_candidates(SEED_ARTICLE_002, places=places).candidates
    (candidate,) = [c for c in candidates if (c.value, c.unit) == (Decimal(value), unit)]
    return candidate


@pytest.mark.parametrize("value, unit", [("1", "h"), ("780000", "vehicles")])
def test_a_city_name_the_text_calls_a_port_is_not_guessed_to_be_the_city(value, unit):
    candidate = seed_candidate(value, unit)
    assert candidate.place_key != HORGOS_CITY
    assert candidate.place_key in {"", HORGOS_PORT}


@pytest.mark.parametrize("value, unit", [("100", "cases"), ("270", "disputes")])
def test_a_running_total_does_not_take_the_date_an_event_began(value, unit):
    candidate = seed_candidate(value, unit)
    assert candidate.period_end != dt.date(2024, 8, 31)
    assert candidate.period_end is None  # undated article: "to date" cannot be resolved


def test_no_guess_against_the_curated_seed_claims_is_wrong_and_right_ones_stay_right():
    accuracy = guess_accuracy()
    assert accuracy["claims"] == (85, 85)
    # The seed grew from 52 to 85 claims (every figure of the articles, issue 18); measured then:
    # metric 58 right / 3 wrong, place 50 / 11, period end 36 / 2. Issue 17's rules (references,
    # nationwide scope, part/whole, promoted/adopted cases, anchored periods) brought them to
    # metric 82 / 0, place 77 / 0, period end 42 / 2 (the two: "35 enterprises ... settling in" dated
    # by the publication date where the curator took the unveiling two days earlier).
    wrong = {key: accuracy[key]["wrong"] for key in ("metric", "place", "period_end")}
    assert wrong["metric"] == 0 and wrong["place"] == 0 and wrong["period_end"] <= 2, wrong
    assert (accuracy["metric"]["right"], accuracy["place"]["right"], accuracy["period_end"]["right"]) >= (82, 77, 42)


HORGOS_PLACES = PlaceIndex({"Horgos": "10", "Horgos Port": "11", "Horgos area": "6", "Horgos Area (FTZ)": "6"})


@pytest.mark.parametrize(
    "text",
    [
        "Horgos, the busiest railway port, handled 5,000 trains.",
        "Horgos, whose FTZ area opened first, attracted 300 new enterprises.",
        "Horgos is a border port. The port handled 5,000 trains.",
    ],
)
def test_a_bare_name_called_by_the_kind_of_a_namesake_place_is_left_empty(text):
    (candidate,) = extract_candidates(text, places=HORGOS_PLACES).candidates
    assert candidate.place_key == ""


@pytest.mark.parametrize(
    "text, place_key",
    [
        ("In Horgos, approval costs fell by 60 percent.", "10"),
        ("At Horgos Port, clearance efficiency rose by 80 percent.", "11"),
        ("The Horgos area attracted 300 new enterprises.", "6"),
        ("Horgos handled 5,000 trains, more than any other port.", "10"),  # the kind word comes after the figure
    ],
)
def test_a_name_without_a_namesake_kind_before_the_figure_keeps_its_place(text, place_key):
    (candidate,) = extract_candidates(text, places=HORGOS_PLACES).candidates
    assert candidate.place_key == place_key


def test_a_name_whose_longer_names_are_its_own_aliases_is_not_ambiguous():
    places = PlaceIndex({"Kashi": "7", "Kashi Prefecture": "7"})
    (candidate,) = extract_candidates("Kashi, a prefecture, traded 61.04 billion yuan.", places=places).candidates
    assert candidate.place_key == "7"


@pytest.mark.parametrize(
    "text",
    [
        "The zone, launched in December 2023, has attracted 500 enterprises.",
        "Founded in 2013, the company employs 300 workers.",
        "The establishment of a legal service zone in August 2024 has helped 100 companies.",
    ],
)
def test_the_date_of_an_event_is_not_the_period_of_a_figure(text):
    (candidate,) = extract_candidates(text, published_on=dt.date(2025, 11, 13)).candidates
    # "employs 300 workers" is a level as the article speaks (the present tense), never the founding year's
    assert candidate.period_start is None and candidate.period_end in (None, dt.date(2025, 11, 13))


def test_to_date_ends_the_period_at_the_publication_date_when_known():
    text = "The legal service zone, set up in August 2024, has handled over 100 litigation cases to date."
    (dated,) = extract_candidates(text, published_on=dt.date(2025, 11, 13)).candidates
    (undated,) = extract_candidates(text).candidates
    assert (dated.period_label, dated.period_end) == ("to date", dt.date(2025, 11, 13))
    assert (undated.period_label, undated.period_end) == ("to date", None)


def test_a_year_after_a_verb_that_is_no_event_still_dates_the_figure():
    (candidate,) = extract_candidates("Trade reached 93.16 billion yuan in 2025.").candidates
    assert candidate.period_end == dt.date(2025, 12, 31)


# --------------------------------------------------------------------------------------
# Issue 17: place, metric and period on articles the rules were not written on
# --------------------------------------------------------------------------------------
KINDS = {"3": "zone", "4": "ftz_area", "5": "ftz_area", "2": "region", "7": "prefecture", "11": "port", "12": "port"}
KINDED_PLACES = PlaceIndex(
    {
        "China (Xinjiang) Pilot Free Trade Zone": "3",
        "Kashgar area": "4",
        "Urumqi area": "5",
        "Xinjiang": "2",
        "Kashi": "7",
        "Kashi Prefecture": "7",
        "Horgos Port": "11",
        "Urumqi International Airport": "12",
    },
    kinds=KINDS,
    national_key="1",
)
CODES = {
    "trade_value", "trade_value_growth_yoy", "contracted_investment", "reform_measures_implemented",
    "reform_measures_assigned", "institutional_innovation_cases", "innovation_cases_promoted_regionally",
    "innovation_cases_adopted_nationally", "registered_enterprises", "new_enterprises", "customs_clearance_time",
    "comprehensive_bonded_zones", "intl_cargo_throughput",
}  # fmt: skip
STOCKS = {
    "reform_measures_implemented", "reform_measures_assigned", "institutional_innovation_cases",
    "innovation_cases_promoted_regionally", "innovation_cases_adopted_nationally", "registered_enterprises",
    "customs_clearance_time", "comprehensive_bonded_zones",
}  # fmt: skip


def extracted(text: str, published_on=None, title=""):
    return extract_candidates(
        text,
        published_on=published_on,
        places=KINDED_PLACES,
        metric_codes=CODES,
        stock_metric_codes=STOCKS,
        title=title,
    ).candidates


def by_value(candidates, value):
    (candidate,) = [c for c in candidates if c.value == Decimal(value)]
    return candidate


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Trade has exceeded 75 billion yuan.", "more_than"),
        ("Trade topped 30 billion yuan in 2024.", "more_than"),
        ("Exports will exceed 100 billion yuan by 2028.", "more_than"),
        ("Trade surpassed 12 billion yuan.", "more_than"),
    ],
)
def test_exceeded_and_topped_are_more_than(text, qualifier):
    assert only(text).qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "It attracted more than 62 billion yuan ($8.8 billion).",
        "It saved more than one million yuan (about US$140,000).",
    ],
)
def test_a_bracketed_conversion_carries_the_figures_bound(text):
    mentions, _ = find_mentions(text)
    assert [mention.qualifier for mention in mentions] == ["more_than", "more_than"]


def test_an_approximate_conversion_of_an_exact_figure_stays_approximate():
    mentions, _ = find_mentions("It invested 8 billion yuan (about $1.1 billion).")
    assert [mention.qualifier for mention in mentions] == ["exact", "about"]


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Exports of auto parts more than doubled over the year.", "more_than"),
        ("Cargo throughput rose, nearly doubling from 2024.", "nearly"),
        ("The port cleared 162,000 vehicles, roughly double the figure of 2023.", "about"),
        ("Processing trade has doubled since 2022.", "exact"),
    ],
)
def test_doubling_is_an_increase_of_one_hundred_percent(text, qualifier):
    doubled = [mention for mention in find_mentions(text)[0] if mention.unit == "%"]
    assert [(mention.value, mention.qualifier) for mention in doubled] == [(Decimal(100), qualifier)]


@pytest.mark.parametrize("text", ["a double-digit rise", "double taxation agreements", "a double win"])
def test_double_as_an_adjective_is_no_figure(text):
    assert find_mentions(text)[0] == []


def test_headline_numbers_are_no_candidates_but_the_body_repeating_them_is():
    text = (
        "Urumqi area's trade tops 40 billion yuan as reforms take hold\n\n"
        "The Urumqi area has exceeded 40 billion yuan in annual trade for the first time.\n"
        "Urumqi area's trade tops 40 billion yuan as reforms take hold\n"
    )
    candidates = extract_candidates(text).candidates
    assert [(c.value, c.qualifier) for c in candidates] == [(Decimal(40_000_000_000), "more_than")]


def test_a_title_repeated_in_the_text_gives_no_candidate():
    text = "Kashi imported more goods. Trade rose.\nKashi's partners number 118\nIt has 118 partners."
    candidates = extract_candidates(text, title="Kashi's partners number 118").candidates
    assert len(candidates) == 1 and candidates[0].quote.startswith("It has 118")


def test_a_text_without_a_sentence_is_no_headline():
    assert len(find_mentions("Trade: 93.16 billion yuan")[0]) == 1


@pytest.mark.parametrize(
    "text, units",
    [
        ("It handled 3,870 China-Europe freight trains.", ["trains"]),
        ("Officials said 186 of the 197 pilot reform measures were implemented.", ["measures", "measures"]),
        ("It has 42 institutional innovation cases, nine of which have been promoted.", ["cases", "cases"]),
        ("Total registered businesses stand at 11,250 as of June 2026.", ["enterprises"]),
    ],
)
def test_what_a_bare_number_counts_is_read_from_the_words_around_it(text, units):
    assert [mention.unit for mention in find_mentions(text)[0]] == units


def test_the_same_ten_months_is_no_measurement():
    assert [m.value for m in find_mentions("Trade reached 82.6 billion yuan over the same ten months.")[0]] == [
        Decimal("82600000000")
    ]


def test_references_stand_for_the_last_place_of_their_kind():
    text = (
        "The Urumqi area of the China (Xinjiang) Pilot Free Trade Zone has grown.\n\n"
        "The area's foreign trade reached 41.38 billion yuan in 2025. "
        "Since January, the zone has added 5,480 new enterprises. "
        "At Horgos Port, trucks waited. Trucks now clear the port in 30 minutes."
    )
    candidates = extracted(text, dt.date(2026, 1, 15))
    assert [c.place_key for c in candidates] == ["5", "3", "11"]


def test_the_x_area_of_the_ftz_is_the_area_not_the_whole_zone():
    (candidate,) = extracted("The Kashgar area of the China (Xinjiang) Pilot Free Trade Zone exported 5 billion yuan.")
    assert candidate.place_key == "4"


def test_a_figure_without_a_place_in_its_sentence_takes_the_place_the_paragraph_is_about():
    text = (
        "The Urumqi area recorded growth.\n\n"
        "“Customs clearance for our cargo has been cut to under six hours,” said Li.\n\n"
        "Kashi traded more. The prefecture's import and export value reached 82.6 billion yuan."
    )
    clearance, trade = extracted(text)
    assert (clearance.place_key, trade.place_key) == ("5", "7")


def test_a_place_in_a_relative_clause_or_a_list_is_not_the_subject():
    text = (
        "At Urumqi International Airport, which lies inside the Urumqi area, cargo reached 100,000 tonnes. "
        "The China (Xinjiang) Pilot Free Trade Zone grew. Its areas in Urumqi, Kashgar and Horgos cover 179.66 km2."
    )
    cargo, area = extracted(text)
    assert cargo.place_key == "12"
    assert area.place_key == "3"


def seed_places_extracted(text: str, published_on=None):
    return extract_candidates(
        text, published_on=published_on, places=seed_place_index(seed_rows()), metric_codes=CODES
    ).candidates


def test_the_old_value_of_a_city_to_city_flight_frequency_takes_the_city_too():
    text = (
        "The China (Xinjiang) Pilot Free Trade Zone keeps growing.\n\n"
        "Cargo flights between Doha and Urumqi rose to five a week, up from two last year."
    )
    now, before = seed_places_extracted(text, dt.date(2026, 5, 1))
    assert (now.place_key, before.place_key) == ("9", "9")


def test_trade_with_china_as_the_second_party_of_a_hyphened_pair_is_nationwide_but_not_in_a_title():
    (trade,) = extracted("The zone grew.\n\nQatar-China bilateral trade came to US$20 billion in 2025.")
    assert trade.place_key == "1"
    text = "Oman-China trade grows\n\nThe Kashgar area exported 3 billion yuan.\n\nSales rose 9 percent."
    assert [c.place_key for c in extracted(text)] == ["4", "4"]


def test_a_place_in_an_apposition_that_says_what_a_name_is_part_of_is_not_the_subject():
    (candidate,) = extracted(
        "Urumqi International Airport, the busiest hub in the Urumqi area, handled 150,000 tonnes of cargo."
    )
    assert candidate.place_key == "12"
    size = extracted("The Urumqi area, the largest of the FTZ's three areas, covers 60 square kilometers.")[-1]
    assert size.place_key == "5"


def test_a_reference_after_a_city_named_since_the_last_place_of_its_kind_is_the_citys_namesake():
    text = (
        "The Horgos area grew fast.\n\n"
        "Most new traders chose Urumqi, where the area's committee says 300 enterprises registered in 2025."
    )
    candidate = seed_places_extracted(text)[-1]
    assert candidate.place_key == "5"


@pytest.mark.parametrize(
    "text, place_key",
    [
        ("The zone grew. Kashgar's bonded zone handled 2 billion yuan of trade in 2025.", "13"),
        ("Urumqi is growing. The city's airport handled 30,000 tonnes of cargo in 2025.", "12"),
    ],
)
def test_a_places_own_bonded_zone_or_airport_is_the_one_whose_name_begins_with_the_owners(text, place_key):
    candidate = seed_places_extracted(text)[-1]
    assert candidate.place_key == place_key


def test_a_clearance_at_a_bare_city_name_is_at_the_citys_port():
    text = (
        "The China (Xinjiang) Pilot Free Trade Zone grew.\n\n"
        "Inspection of a grain truck at Khorgos now takes 40 minutes. In Horgos, firms saved 9 percent."
    )
    clearance, savings = seed_places_extracted(text)
    assert (clearance.place_key, savings.place_key) == ("11", "6")


def test_an_ambiguous_name_is_the_namesake_a_reference_after_it_stands_for():
    text = "Many traders settled in Urumqi, where the area's committee counted 400 firms by June, up 20 percent."
    assert [c.place_key for c in seed_places_extracted(text, dt.date(2026, 7, 1))] == ["5", "5"]


@pytest.mark.parametrize(
    "text, place_key",
    [
        ("The Kashgar area grew. Trade was a tenth of the 900 billion yuan handled by Horgos Port in 2025.", "11"),
        ("The Kashgar area grew. Its trade was a third of the 60 billion yuan recorded by the Tianjin pilot zone.", ""),
    ],
)
def test_a_figure_handled_or_recorded_by_a_place_is_that_places_or_none_when_the_portal_does_not_know_it(
    text, place_key
):
    assert extracted(text)[-1].place_key == place_key


def test_a_part_of_which_is_where_its_own_clause_puts_it():
    text = "The Kashgar area grew. Kashi's trade was 12 billion yuan, of which 5 billion yuan went via the FTZ area."
    assert [c.place_key for c in extracted(text)] == ["7", "4"]
    text = "The pilot free trade zone covers 120 square kilometers, of which 30 square kilometers lie in Urumqi."
    assert [c.place_key for c in seed_places_extracted(text)] == ["3", "5"]


def test_the_wider_area_or_prefecture_stands_for_the_last_of_its_kind():
    text = (
        "Urumqi International Airport, which lies inside the Urumqi area, is busy.\n\n"
        "The wider area is feeling the pull. Its trade rose 12 percent."
    )
    assert seed_places_extracted(text)[-1].place_key == "5"
    broader = "The broader prefecture of Kashi has gained, with trade up 9 percent."
    assert seed_places_extracted(broader)[-1].place_key == "7"


def test_a_part_of_it_or_of_them_is_where_its_own_clause_puts_it():
    text = "Investors put 2 billion yuan into the Xinjiang FTZ, about half of it in the zone's Kashgar area."
    assert seed_places_extracted(text)[-1].place_key == "4"
    text = "Xinjiang imported 900 tonnes of dates, and a third of them came through Horgos Port."
    assert [c.place_key for c in seed_places_extracted(text)] == ["2", "11"]


def test_a_share_of_a_places_whole_with_no_place_before_it_is_that_places():
    text = "Xinjiang grew fast.\n\nMachinery made up 12 percent of the Horgos area's exports."
    assert seed_places_extracted(text)[-1].place_key == "6"
    text = "The Kashgar area grew fast.\n\nIts exports made up 12 percent of the zone's exports."
    assert seed_places_extracted(text)[-1].place_key == "4"


def test_how_long_one_flies_somewhere_is_no_places_and_has_no_period():
    text = "The Urumqi area grew. Flights reach Almaty in about two hours, and you fly in from Doha in under seven."
    flight = seed_places_extracted(text, dt.date(2026, 5, 1))[0]
    assert (flight.place_key, flight.period_end) == ("", None)
    trucks = seed_places_extracted("The Urumqi area grew. Trucks reach Almaty in 10 hours.")[-1]
    assert trucks.place_key == "5"


@pytest.mark.parametrize(
    "extract, text, place_key",
    [
        # a place in an of which clause that closes before the figure is not its subject
        (
            extracted,
            "In the Urumqi area, of which Urumqi International Airport is a part, 900 enterprises registered in 2025.",
            "5",
        ),
        # a bare name is the namesake the text then names in full
        (
            seed_places_extracted,
            (
                '"Ten years ago few had heard of Horgos," said Li, who opened a cold store in the Horgos area in May. '
                "His firm has stored 5,000 tonnes there so far."
            ),
            "6",
        ),
        # a reference that names an office is not the figure's subject
        (
            extracted,
            "Li Na, of the prefecture trade bureau, said 300 enterprises registered in the Kashgar area in 2025.",
            "4",
        ),
    ],
)
def test_the_only_figure_is_of_the_place_its_rule_names(extract, text, place_key):
    (only_figure,) = extract(text)
    assert only_figure.place_key == place_key


@pytest.mark.parametrize(
    "extract, text, place_key",
    [
        # a place in an as clause after the figure is not where the figure is
        (
            extracted,
            "The pilot free trade zone grew.\n\nTrade with Iran fell 5 percent as exports through Horgos Port slowed.",
            "3",
        ),
        # a port the portal does not know opening its sentence is no place of the portal
        (
            extracted,
            "The Kashgar area grew. Meanwhile, Alashankou, Xinjiang's second rail port, handled 5,000 trips in 2025.",
            "",
        ),
        # a long apposition after a name says what the name is
        (
            extracted,
            (
                "Xinjiang's trade grew.\n\n"
                "Horgos Port, the region's largest rail gateway to Central Asia and Europe, handled 7,000 train trips "
                "in 2025."
            ),
            "11",
        ),
        # a figure at ports the portal does not know is not the paragraph's place
        (
            extracted,
            "The Kashgar area grew.\n\nNew lanes at the Torugart and Irkeshtam ports cut waits to 40 minutes.",
            "",
        ),
        # the hub stands for the airport or port named last
        (
            extracted,
            (
                "Urumqi International Airport grew. The Urumqi area plans to lift the hub's cargo to 200,000 tonnes "
                "by 2028."
            ),
            "12",
        ),
        # a place beside which something lies only locates it
        (
            seed_places_extracted,
            "Horgos Port handled 9 million tonnes.\n\nBeside the port, the Horgos area grew. It registered 386 firms.",
            "6",
        ),
        # things counted in the place named right after them are its
        (
            seed_places_extracted,
            "The region wants the zone's trade to double and 9,000 registered enterprises in the Kashgar area by 2028.",
            "4",
        ),
        # things counted of a place are its
        (seed_places_extracted, "Horgos is one of the three areas of the Xinjiang FTZ.", "3"),
        # things counted in a list of places are not the first members
        (seed_places_extracted, "The pilot free trade zone spans three areas in Urumqi, Kashgar and Horgos.", "3"),
    ],
)
def test_the_last_figure_is_of_the_place_its_rule_names(extract, text, place_key):
    assert extract(text)[-1].place_key == place_key


@pytest.mark.parametrize(
    "extract, text, place_keys",
    [
        # the airport after a city name is the one airport whose name begins with the city
        (
            seed_places_extracted,
            "Freight is booming. In Urumqi, air cargo handled at the airport grew 12 percent to 30,000 tonnes in 2025.",
            ["12", "12"],
        ),
        # a part of them in a place is that place's
        (
            extracted,
            "About 60 Omani firms have registered in the zone, roughly a third of them in its Kashgar area.",
            ["3", "4"],
        ),
        # a duration by sea is the coastal routes and no place of the text
        (
            extracted,
            "From the Kashgar area, goods reach Almaty in three days, against 20 days by sea from the coast.",
            ["4", ""],
        ),
        # a city that did something in an article about its port is the port
        (
            seed_places_extracted,
            "Horgos Port moved 9 million tonnes.\n\nHorgos handled 40 million tonnes. In Horgos, 300 firms opened.",
            ["11", "11", "10"],
        ),
        # an old value with no place of its own is of its new value's place
        (
            seed_places_extracted,
            "Xinjiang grew.\n\nFruit made up 9% of the Horgos area's exports, up from 6% a year earlier.",
            ["6", "6"],
        ),
        # a route end stays the city in an article about the zone
        (
            seed_places_extracted,
            (
                "The Xinjiang FTZ grew.\n\nFlights between Dubai and Urumqi rose, and cargo on the route reached "
                "14,500 tonnes. In Urumqi, trade rose 9 percent."
            ),
            ["9", "5"],
        ),
        # clearance at the border gate is at the place's port
        (
            seed_places_extracted,
            "The Horgos area grew.\n\nTraders say clearance at the border gate now takes 40 minutes. Trade rose 9%.",
            ["11", "6"],
        ),
    ],
)
def test_each_figure_is_of_the_place_its_rule_names(extract, text, place_keys):
    assert [c.place_key for c in extract(text)] == place_keys


def test_a_figure_for_the_countrys_zones_combined_is_nationwide():
    text = "The Kashgar area's trade grew 20 percent, against 5 percent for the country's 22 pilot zones combined."
    assert [c.place_key for c in extracted(text)][:2] == ["4", "1"]


@pytest.mark.parametrize(
    "text",
    [
        "Nationwide, pilot free trade zones accounted for about 19.6 percent of China's foreign trade.",
        "The Kashgar area ranks 21st among more than 160 comprehensive bonded zones nationwide.",
    ],
)
def test_a_nationwide_figure_gets_the_nation_not_a_local_place(text):
    candidate = extracted(text)[-1]
    assert candidate.place_key == "1"


def test_cases_promoted_or_adopted_stay_the_places_cases_with_their_own_metric():
    text = (
        "Of the 57 institutional innovation cases the Urumqi area has developed, "
        "11 have been promoted across Xinjiang and two adopted nationwide."
    )
    developed, promoted, adopted = extracted(text)
    assert [c.metric_code for c in (developed, promoted, adopted)] == [
        "institutional_innovation_cases",
        "innovation_cases_promoted_regionally",
        "innovation_cases_adopted_nationally",
    ]
    assert {c.place_key for c in (developed, promoted, adopted)} == {"5"}


@pytest.mark.parametrize(
    "text, implemented, assigned",
    [
        ("The Urumqi area had completed 168 of its 173 reform measures.", "168", "173"),
        ("The Kashgar area has rolled out 132 reform measures, of which 118 have been implemented.", "118", "132"),
        ("Of the 96 reform measures assigned to the Kashgar area, 91 have been put in place.", "91", "96"),
    ],
)
def test_implemented_measures_are_told_from_the_measures_assigned(text, implemented, assigned):
    candidates = extracted(text)
    assert by_value(candidates, implemented).metric_code == "reform_measures_implemented"
    assert by_value(candidates, assigned).metric_code == "reform_measures_assigned"


def test_planned_investment_is_no_contracted_investment_and_is_a_forecast():
    text = (
        "The Kashgar area signed contracted investment of 41.7 billion yuan, "
        "while a further 19 projects with planned investment of 12.3 billion yuan are being negotiated."
    )
    contracted, projects, planned = extracted(text)
    assert (contracted.metric_code, contracted.is_forecast) == ("contracted_investment", False)
    assert (planned.metric_code, planned.is_forecast) == ("", True)
    assert projects.is_forecast is False


def test_once_completed_in_2027_is_a_forecast_for_2027():
    (candidate,) = extracted("Once completed in 2027, it is expected to handle 1.2 million tonnes of fruit a year.")
    assert candidate.is_forecast
    assert (candidate.period_start, candidate.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))


def test_what_a_plan_envisages_is_a_forecast():
    (candidate,) = extracted("The memorandum envisages yearly sales of 600 million yuan by 2029.")
    assert candidate.is_forecast
    assert (candidate.period_start, candidate.period_end) == (dt.date(2029, 1, 1), dt.date(2029, 12, 31))


def test_a_plan_before_the_end_of_the_year_is_dated_at_its_end():
    (candidate,) = extracted(
        "The airline plans to add five weekly flights to Almaty before the end of the year.",
        published_on=dt.date(2026, 5, 4),
    )
    assert candidate.is_forecast
    assert (candidate.period_start, candidate.period_end) == (None, dt.date(2026, 12, 31))


def test_a_forecast_by_a_year_covers_that_year():
    (candidate,) = extracted(
        "Officials forecast that import and export value through Horgos Port will exceed 100 billion yuan by 2028."
    )
    assert candidate.is_forecast and candidate.metric_code == "trade_value"
    assert (candidate.period_start, candidate.period_end) == (dt.date(2028, 1, 1), dt.date(2028, 12, 31))


def test_first_nine_months_without_a_year_is_the_latest_before_publication():
    (trade, *_rest) = extracted(
        "The FTZ reported trade of 51.2 billion yuan in the first nine months.", dt.date(2025, 10, 22)
    )
    assert (trade.period_start, trade.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    (early,) = extracted("Trade reached 8 billion yuan in the first 11 months.", dt.date(2026, 1, 10))
    assert (early.period_start, early.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 11, 30))


def test_as_of_figures_are_dated_by_the_publication_date():
    text = "The Urumqi area now hosts more than 9,600 registered enterprises."
    (candidate,) = extracted(text, dt.date(2026, 1, 15))
    assert (candidate.period_start, candidate.period_end) == (None, dt.date(2026, 1, 15))


def test_an_undated_article_is_anchored_on_the_statement_it_reports():
    text = (
        "Kashi exported fruit. “Since autumn, more than 2,400 trucks have crossed the border,” "
        "Zhou Ming said on November 18, 2024."
    )
    (trucks,) = extracted(text)
    assert (trucks.period_start, trucks.period_end) == (dt.date(2024, 9, 1), dt.date(2024, 11, 18))


def test_this_season_is_the_season_named_before():
    text = (
        "Since the grape harvest began in the autumn, Kashi has sent 9,200 tonnes abroad. "
        "Exports were worth 1.5 billion yuan in the past 12 months. "
        "About 640 growers joined cooperatives this season."
    )
    tonnes, _, growers = extracted(text, dt.date(2026, 1, 20))
    assert (tonnes.period_start, tonnes.period_end) == (dt.date(2025, 9, 1), dt.date(2026, 1, 20))
    assert (growers.period_start, growers.period_end) == (dt.date(2025, 9, 1), dt.date(2026, 1, 20))


def test_down_from_a_dated_value_dates_the_old_value_not_the_new_one():
    text = "In the Urumqi area, trucks now clear customs in about 40 minutes, down from two hours in 2023."
    new, old = extracted(text, dt.date(2025, 10, 22))
    assert (new.metric_code, new.period_end) == ("customs_clearance_time", dt.date(2025, 10, 22))
    assert (old.period_start, old.period_end) == (None, dt.date(2023, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "The bureau plans to add 50,000 tonnes of refrigerated capacity by 2028.",
        "The zone aims to host 90 logistics firms by the end of next year.",
    ],
)
def test_a_planned_capacity_or_count_is_a_level_at_the_years_end(text):
    (planned,) = extracted(text, dt.date(2027, 3, 2))
    assert (planned.period_start, planned.period_end) == (None, dt.date(2028, 12, 31))


def test_the_old_value_of_a_level_is_a_level_though_another_figure_comes_between():
    text = "The port now runs 12 bonded yards covering 80 hectares, up from five yards in 2024."
    *_, old = extracted(text, dt.date(2026, 2, 10))
    assert (old.value, old.period_start, old.period_end) == (Decimal(5), None, dt.date(2024, 12, 31))


def test_the_same_period_is_the_period_named_before():
    text = (
        "Kashi exported 186,000 tonnes in the first ten months of 2024. Since autumn, 2,400 trucks crossed. "
        "Its import and export value reached 82.6 billion yuan over the same ten months."
    )
    trade = extracted(text, dt.date(2024, 11, 18))[-1]
    assert (trade.period_start, trade.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 10, 31))


def test_a_part_and_its_whole_share_the_time_named_after_them():
    text = "Officials said 186 of the 197 pilot reform measures had been implemented by the end of September."
    part, whole = extracted(text, dt.date(2025, 10, 22))
    assert part.period_end == whole.period_end == dt.date(2025, 9, 30)


def test_a_count_set_up_in_a_year_takes_that_year_though_set_up_dates_events():
    text = "The Urumqi area hosts 9,600 registered enterprises, over 3,300 of which were set up in 2025."
    new = extracted(text, dt.date(2026, 1, 15))[-1]
    assert (new.metric_code, new.period_start, new.period_end) == (
        "new_enterprises",
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )


def test_the_evaluation_labels_use_the_seed_vocabulary_and_quote_their_articles():
    data = load_eval()
    rows = seed_rows()
    places = {row["fields"]["name"] for row in rows["curation.place"]}
    metrics = {row["fields"]["code"]: row["fields"] for row in rows["curation.metric"]}
    assert len(data["split"]["dev"]) >= 4 and len(data["split"]["test"]) == 4  # dev grew in a second round
    # Every article is in exactly one split, and says which.
    by_split = [name for names in data["split"].values() for name in names]
    assert sorted(by_split) == sorted(data["articles"])
    assert all(data["articles"][name]["split"] == split for split, names in data["split"].items() for name in names)
    for name, article in data["articles"].items():
        text = (EVAL_DIR / name).read_text()
        assert 250 <= len(text.split()) <= 400, name
        for claim in article["claims"]:
            assert claim["quote"] in text and claim["text"] in text
            assert claim["place"] is None or claim["place"] in places
            assert claim["metric"] is None or claim["metric"] in metrics
            if claim["metric"] and metrics[claim["metric"]]["nature"] == "stock":
                assert claim["period_start"] is None, claim


def test_a_label_is_looked_for_after_the_headline_which_is_never_labelled():
    title = "Logistics group plans AED1.5 billion hub"
    text = f"{title}\n\nThe group announced plans to invest AED1.5 billion in a hub."
    (span,) = label_spans(text, [{"text": "AED1.5 billion"}], title)
    assert span[0] == text.index("AED1.5 billion", len(title))
    # An article with no headline line, or another first line, is searched from its start.
    (span,) = label_spans(text, [{"text": "AED1.5 billion"}], "Another title")
    assert span[0] == text.index("AED1.5 billion")


def test_the_development_split_meets_the_targets_the_test_split_is_measured_against():
    figures = eval_split("dev")["figures"]
    assert figures["exact"] / figures["labelled"] >= 0.97
    assert figures["exact"] / figures["predicted"] >= 0.95
    for key in ("place", "metric", "period"):
        assert figures[f"{key}_right"] / figures["found"] >= 0.90, key


def test_a_dateline_is_not_what_the_article_is_about_and_a_bare_city_in_an_ftz_article_is_its_area():
    places = PlaceIndex(
        {"China (Xinjiang) Pilot Free Trade Zone": "3", "Horgos": "10", "Horgos area": "6", "Urumqi": "9"},
        kinds={"3": "zone", "10": "city", "6": "ftz_area", "9": "city"},
    )
    text = (
        "URUMQI, 13th November, 2025 (WAM) -- The China (Xinjiang) Pilot Free Trade Zone has grown fast.\n\n"
        "In Horgos, a new review mechanism cut costs by 60 percent."
    )
    (candidate,) = extract_candidates(text, places=places).candidates
    assert candidate.place_key == "6"


def test_china_as_a_sentences_subject_is_the_nation_but_not_inside_a_name_or_mid_sentence():
    (zones,) = extracted("China now has 22 pilot free trade zones.")
    assert zones.place_key == "1"
    (port,) = extracted("At Horgos Port, China's largest land port, 780,000 vehicles were shipped.")
    assert port.place_key == "11"


@pytest.mark.parametrize(
    "text, unit, code",
    [
        ("Kashgar prefecture has close links with eight countries.", "countries", "connected_countries"),
        ("It implemented 205 measures related to 117 reform tasks.", "tasks", "reform_tasks"),
        ("The lab integrates six international labs across Central Asia.", "labs", "international_labs_integrated"),
        ("This cut approval time to less than ten days.", "days", "pharma_approval_time"),
        ("It saved more than one million yuan.", "CNY", "cost_savings"),
        ("Export categories have doubled from 2013.", "%", "export_categories_growth"),
    ],
)
def test_metric_rules_for_the_grown_seed_vocabulary(text, unit, code):
    codes = {code, "trade_value", "reform_measures_implemented", "reform_measures_assigned"}
    candidate = [c for c in extract_candidates(text, metric_codes=codes).candidates if c.unit == unit][-1]
    assert candidate.metric_code == code


# --------------------------------------------------------------------------------------
# Issue 17, third round: rules from the development articles e13-e16
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("Exports of machinery grew by one-quarter, while imports rose.", "25", "%", "exact"),
        ("Orchards cover 613,000 hectares, about half of the farmland.", "50", "%", "about"),
        ("The firm cut its costs by half.", "50", "%", "exact"),
        ("It shipped 3,200 tonnes, a fivefold increase on 2022.", "400", "%", "exact"),
        ("Parcel volumes grew 2.5-fold.", "150", "%", "exact"),
        ("Trade has quadrupled.", "300", "%", "exact"),
    ],
)
def test_halves_fractions_of_a_change_and_n_fold_multipliers_are_percentages(text, value, unit, qualifier):
    mention = find_mentions(text)[0][-1]
    assert (mention.value, mention.unit, mention.qualifier) == (Decimal(value), unit, qualifier)
    assert str(mention.value) == value  # printed as a person would write it, not 5E+1


@pytest.mark.parametrize(
    "text",
    [
        "Trade rose 20 percent in the first half of the year.",
        "Its first-half total reached 15.1 billion yuan.",
        "Growth slowed in the second half.",
        "It took half a day.",
    ],
)
def test_a_half_year_or_a_bare_fraction_word_is_no_fraction(text):
    assert all(mention.value != 50 for mention in find_mentions(text)[0])


def test_a_dozen_and_a_number_of_the_things_counted_in_the_sentence_before():
    cases = find_mentions("It produced 27 innovation cases, a dozen of which have been promoted.")[0]
    assert [(m.value, m.unit) for m in cases] == [(27, "cases"), (12, "cases")]
    deals = find_mentions("Firms signed 14 investment agreements. Twelve of them are in the Urumqi area.")[0]
    assert [(m.value, m.unit) for m in deals] == [(14, "agreements"), (12, "agreements")]
    far = "Firms signed 14 investment agreements. Trade grew. Twelve of them are in the Urumqi area."
    assert [(m.value, m.unit) for m in find_mentions(far)[0]] == [(14, "agreements")]


def test_an_old_rank_and_a_count_the_noun_numbered():
    ranks = find_mentions("The zone ranked 21st nationwide last year, up from 34th in 2023.")[0]
    assert [(m.value, m.unit) for m in ranks] == [(21, "rank"), (34, "rank")]
    assert find_mentions("It came first. Sales were up from 34th-floor offices.")[0] == []
    (numbered,) = find_mentions("Its registered enterprises numbered 12,900 at the end of April.")[0]
    assert numbered.unit == "enterprises"


@pytest.mark.parametrize(
    "text, published_on, start, end",
    [
        ("Trade reached 19.7 billion yuan in the first quarter.", dt.date(2026, 4, 16), "2026-01-01", "2026-03-31"),
        ("Trade reached 8.6 billion yuan in the second quarter of 2025.", None, "2025-04-01", "2025-06-30"),
        ("Trade reached 8.6 billion yuan in Q3 2024.", None, "2024-07-01", "2024-09-30"),
        ("Trade reached 8.6 billion yuan in the fourth quarter.", dt.date(2026, 2, 1), "2025-10-01", "2025-12-31"),
        ("Trade reached 8.6 billion yuan in the second half of 2024.", None, "2024-07-01", "2024-12-31"),
        ("Its first-half total reached 15.1 billion yuan.", dt.date(2025, 8, 1), "2025-01-01", "2025-06-30"),
        ("Trade was 11.2 billion yuan in the January-April period.", dt.date(2026, 5, 1), "2026-01-01", "2026-04-30"),
        ("Trade reached 11.2 billion yuan in 2021-2025.", None, "2021-01-01", "2025-12-31"),
        ("Trade reached 11.2 billion yuan between 2021 and 2025.", None, "2021-01-01", "2025-12-31"),
        ("Trade reached 11.2 billion yuan in the 2023–24 period.", None, "2023-01-01", "2024-12-31"),
        ("In July alone, the port cleared 2,900 trucks.", dt.date(2025, 8, 14), "2025-07-01", "2025-07-31"),
        ("In 2025, the port cleared 2,900 trucks.", None, "2025-01-01", "2025-12-31"),
    ],
)
def test_quarters_halves_month_and_year_ranges(text, published_on, start, end):
    candidate = extracted(text, published_on)[-1]
    assert (str(candidate.period_start), str(candidate.period_end)) == (start, end)


def test_the_end_of_last_year_and_a_month_end_before_a_figure():
    (measures, _) = extracted(
        "By the end of last year, the zone had put in place 226 of the 238 reform measures.", dt.date(2026, 4, 16)
    )
    assert (measures.period_start, measures.period_end) == (None, dt.date(2025, 12, 31))
    (registered, new) = extracted(
        "The number of registered enterprises exceeded 14,000 at the end of June, 2,050 of them added in the first "
        "half of the year.",
        dt.date(2025, 8, 14),
    )
    assert registered.period_end == dt.date(2025, 6, 30)
    (by_date,) = extracted("It had 14,000 registered enterprises by June 30, 2025.", dt.date(2025, 8, 14))
    assert by_date.period_end != dt.date(2025, 6, 30) or by_date.period_label != "by June"


def test_the_time_a_figure_is_compared_with_is_only_the_old_values():
    (value, dollars, growth) = extracted(
        "The zone recorded trade of 19.7 billion yuan (2.77 billion U.S. dollars) in the first quarter, up 14.2 "
        "percent from a year earlier.",
        dt.date(2026, 4, 16),
    )
    assert (growth.period_start, growth.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    (share, points) = extracted(
        "The zone accounted for 21.6 percent of trade in the January-March period, 2.4 percentage points higher "
        "than in the same period last year.",
        dt.date(2026, 4, 16),
    )
    assert (points.period_start, points.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    (new, old) = extracted(
        "Its total import and export value in 2025 was 96.4 billion yuan, up from 77.3 billion yuan the year before.",
        dt.date(2026, 5, 21),
    )
    assert (old.period_start, old.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert new.period_end == dt.date(2025, 12, 31)
    (now, earlier) = extracted(
        "In July alone, the port cleared 2,900 trucks a day on average, up from about 2,100 a year earlier.",
        dt.date(2025, 8, 14),
    )
    assert (earlier.period_start, earlier.period_end) == (dt.date(2024, 7, 1), dt.date(2024, 7, 31))


def test_a_sum_planned_over_years_keeps_its_years_and_is_a_forecast():
    (planned,) = extracted(
        "A further 12 billion yuan is planned for logistics parks over the 2026-2028 period.", dt.date(2026, 4, 16)
    )
    assert planned.is_forecast and planned.metric_code != "contracted_investment"
    assert (planned.period_start, planned.period_end) == (dt.date(2026, 1, 1), dt.date(2028, 12, 31))


def test_a_data_release_dates_an_undated_article():
    (registered,) = extracted(
        "Data from the committee showed on August 14, 2025 that registered enterprises now number 14,000."
    )
    assert registered.period_end == dt.date(2025, 8, 14)


ALL_CODES = {row["fields"]["code"] for row in seed_rows()["curation.metric"]}


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Exports of dried fruit reached 186,000 tonnes in 2025, up 17.8 per cent year-on-year.", "17.8", ""),
        (
            "The zone's trade reached 19.7 billion yuan in 2025, up 14.2 percent from a year earlier.",
            "14.2",
            "trade_value_growth_yoy",
        ),  # noqa: E501
        ("Exports of electromechanical products grew by one-quarter.", "25", ""),
        ("Imports of farm produce rose 6.5 percent.", "6.5", ""),
        ("Foreign trade rose 6.5 percent.", "6.5", "trade_value_growth_yoy"),
        ("E-commerce exports rose to 6.3 billion yuan, about one-third of them bound for Kazakhstan.", "33.3", ""),
        ("Trade in the Kashgar area nearly tripled to 4.2 billion yuan.", "4200000000", "trade_value"),
        ("The Horgos area handled goods worth 5.7 billion yuan.", "5700000000", "trade_value"),
        ("Its orchards of walnuts and apricots cover 613,000 hectares.", "613000", "forest_fruit_area"),
        ("Its orchards yielded 2.1 million tonnes of fruit last year.", "2100000", "forest_fruit_output"),
        ("Flights from the airport now reach 28 countries.", "28", "connected_countries"),
        ("Freight volume through the port rose to 10.4 million tonnes.", "10400000", "intl_cargo_throughput"),
        ("Registered enterprises numbered 14,000, 2,050 of them added in June.", "2050", "new_enterprises"),
        ("Fruit can be on shelves in Tashkent in two to three days.", "2", "delivery_time_to_market"),
    ],
)
def test_metric_wording_of_the_third_round(text, value, code):
    candidate = by_value(extract_candidates(text, metric_codes=ALL_CODES).candidates, value)
    assert candidate.metric_code == code


def test_across_the_country_and_the_whole_a_share_is_of_are_places_read_right():
    (national,) = extracted("Across the country, pilot free trade zones handled 8.4 trillion yuan of trade in 2025.")
    assert national.place_key == "1"
    (share, points) = extracted(
        "The China (Xinjiang) Pilot Free Trade Zone accounted for 21.6 percent of Xinjiang's total foreign trade, "
        "2.4 percentage points higher than a year before."
    )
    assert (share.place_key, points.place_key) == ("3", "3")


def test_a_decimal_point_does_not_close_a_relative_clause():
    places = PlaceIndex(
        {"Kashi Comprehensive Bonded Zone": "13", "Kashgar area": "4", "China (Xinjiang) Pilot Free Trade Zone": "3"},
        kinds={"13": "bonded_zone", "4": "ftz_area", "3": "zone"},
    )
    text = (
        "Exports through the Kashi Comprehensive Bonded Zone grew.\n\nThe bonded zone, which covers 3.56 square "
        "kilometers in the Kashgar area of the China (Xinjiang) Pilot Free Trade Zone, ranked 21st last year."
    )
    rank = [c for c in extract_candidates(text, places=places).candidates if c.unit == "rank"][0]
    assert rank.place_key == "13"


def test_a_flow_in_a_paragraph_that_names_no_time_is_counted_over_the_period_named_last():
    text = (
        "The zone recorded foreign trade of 19.7 billion yuan in the first quarter.\n\n"
        "Of the three areas, the Urumqi area posted the largest volume, at 9.8 billion yuan, up 12 percent.\n\n"
        "In 2025, trade was 80 billion yuan. The port is busy.\n\nIt handled 52,000 tonnes of cargo."
    )
    candidates = extracted(text, dt.date(2026, 4, 16))
    area, growth, cargo = (by_value(candidates, value) for value in ("9800000000", "12", "52000"))
    assert (area.period_start, area.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    # the change of a figure is counted over the figure's time (issue 17, fourth round: "Exports climbed nearly 40
    # percent, while imports fell 3.2 percent." after a ten-month paragraph); a share still is not (see
    # tests/test_extraction_general_rules.py)
    assert (growth.period_start, growth.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert (cargo.period_start, cargo.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("Exports rose 14.2 pct year on year.", "14.2", "%", "exact"),
        ("Trade reached RMB1.2 billion.", "1200000000", "CNY", "exact"),
        ("Trade reached 1.2bn yuan.", "1200000000", "CNY", "exact"),
        ("Trade reached $1.2bn.", "1200000000", "USD", "exact"),
        ("Trade reached 3.5 bln yuan.", "3500000000", "CNY", "exact"),
        ("Sales reached 12 mln yuan.", "12000000", "CNY", "exact"),
        ("A 10,000-tonne cold store opened.", "10000", "t", "exact"),
        ("Stocks reached 10 thousand tonnes.", "10000", "t", "exact"),
        ("The zone has 1,200-plus enterprises.", "1200", "enterprises", "more_than"),
        ("The zone signed 300-odd contracts.", "300", "contracts", "about"),
    ],
)
def test_wire_abbreviations_glued_currencies_and_plus_or_odd(text, value, unit, qualifier):
    (mention,) = find_mentions(text)[0]
    assert (mention.value, mention.unit, mention.qualifier) == (Decimal(value), unit, qualifier)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Trade reached 9 billion yuan in Jan-Sept.", "2025-01-01", "2025-09-30"),
        ("The zone had 500 registered enterprises as of end-September.", "None", "2025-09-30"),
        ("The zone had 500 registered enterprises by end of 2024.", "None", "2024-12-31"),
        ("Trade reached 9 billion yuan last month.", "2025-11-01", "2025-11-30"),
        ("Trade reached 9 billion yuan in H1.", "2025-01-01", "2025-06-30"),
        ("The zone had 500 registered enterprises as of Nov. 30.", "None", "2025-11-30"),
        ("The zone had 500 registered enterprises as of December 31.", "None", "2024-12-31"),
        ("The zone had 500 registered enterprises as of 30th June 2025.", "None", "2025-06-30"),
        ("Trade reached 9 billion yuan for the whole of 2024.", "2024-01-01", "2024-12-31"),
        ("Trade reached 9 billion yuan year-to-date.", "2025-01-01", "2025-12-02"),
        ("By the end of 2025, trade will reach 9 billion yuan.", "2025-01-01", "2025-12-31"),
    ],
)
def test_wire_dates_as_of_a_day_month_abbreviations_last_month_and_h1(text, start, end):
    candidate = extracted(text, dt.date(2025, 12, 2))[-1]
    assert (str(candidate.period_start), str(candidate.period_end)) == (start, end)


def test_a_distance_or_a_running_total_does_not_take_the_period_of_the_paragraph_before():
    text = (
        "Trade reached 40 billion yuan in 2025.\n\n"
        "Over 2,000 kilometers of roads link the area. Since its establishment, the area has attracted more than "
        "6,800 new enterprises."
    )
    _, distance, enterprises = extracted(text, dt.date(2026, 1, 15))
    assert distance.period_start is None and distance.period_end is None
    assert enterprises.period_start != dt.date(2025, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "In the first nine months, sales rose 8 percent, and the full-year target was beaten by 2 percent.",
        "In the first nine months, sales rose 8 percent, beating this year's export goal by 2 percent.",
    ],
)
def test_a_targets_time_is_not_a_stated_figures_period(text):
    for candidate in extracted(text, dt.date(2025, 10, 20)):
        assert (str(candidate.period_start), str(candidate.period_end)) == ("2025-01-01", "2025-09-30")


def test_a_count_or_change_after_a_level_in_its_sentence_is_read_at_the_levels_date():
    text = (
        "Trade reached 9 billion yuan in the first half.\n\n"
        "At the end of June, 2,400 firms were registered in the zone. Among them, 150 are foreign-owned, "
        "from 19 countries.\n\nInspection has been cut to 2 hours, down 40 percent from a year earlier."
    )
    _, firms, foreign, countries, hours, change = extracted(text, dt.date(2025, 7, 20))
    assert (firms.period_start, firms.period_end) == (None, dt.date(2025, 6, 30))
    for candidate in (foreign, countries):
        assert (candidate.period_start, candidate.period_end) == (None, dt.date(2025, 6, 30))
    assert (change.period_start, change.period_end) == (hours.period_start, hours.period_end)


def test_over_the_period_a_share_of_a_total_or_increase_and_a_restated_share_take_the_time_named_before():
    text = (
        "Exports reached 30 billion yuan in the first half, up 12 percent.\n\n"
        "The park made up 40 percent of the province's exports during the period.\n\n"
        "Machinery sold 9 billion yuan, nearly a third of the park's total. Cars shipped 6 billion yuan of it, "
        "or about 20 percent. About half of the increase came from new buyers."
    )
    for candidate in extracted(text, dt.date(2025, 7, 20))[2:]:
        assert (str(candidate.period_start), str(candidate.period_end)) == ("2025-01-01", "2025-06-30")


def test_a_level_with_no_time_in_a_paragraph_that_opens_on_a_day_is_read_at_that_day():
    text = (
        "Trade reached 9 billion yuan in the first half.\n\n"
        "As of June 30, 64 reform measures had been completed. Twelve innovation cases have been promoted "
        "regionally.\n\nThe zone has also produced 30 innovation cases."
    )
    _, measures, promoted, produced = extracted(text, dt.date(2025, 7, 20))
    assert (measures.period_start, measures.period_end) == (None, dt.date(2025, 6, 30))
    assert (promoted.period_start, promoted.period_end) == (None, dt.date(2025, 6, 30))
    assert (produced.period_start, produced.period_end) == (None, dt.date(2025, 7, 20))


def test_a_frequency_is_a_level_as_of_now_and_an_average_a_day_is_over_the_period():
    text = (
        "The port handled 3,000 trains in the first half.\n\n"
        "Bus services to Almaty rose to six a week, from two a year ago.\n\n"
        "Trains through the port numbered 3,000 in the first half, averaging about 16 trains a day."
    )
    _, weekly, old, _, daily = extracted(text, dt.date(2025, 7, 20))
    assert (weekly.period_start, weekly.period_end) == (None, dt.date(2025, 7, 20))
    assert (old.period_start, old.period_end) == (None, dt.date(2024, 7, 20))
    assert (daily.period_start, daily.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


def test_the_whole_year_is_the_year_its_sentence_opens_with():
    text = (
        "In 2022, the port moved 4.5 million tonnes over the whole year.\n\n"
        "Sales hit 1.4 billion yuan last year and should top 2 billion yuan for the full year."
    )
    old, last, forecast = extracted(text, dt.date(2025, 6, 17))
    assert (old.period_start, old.period_end) == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert (last.period_start, last.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (forecast.period_start, forecast.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_so_many_years_ago_dates_a_level_back_from_the_publication_day():
    text = (
        '"Two years ago we had 15 staff," said manager Li Jun. "Now we employ 90 people."\n\n'
        "About 40 percent of sales come from lines we did not make three years ago."
    )
    then, now, share = extracted(text, dt.date(2025, 5, 20))
    assert (then.period_start, then.period_end) == (None, dt.date(2023, 5, 20))
    assert (now.period_start, now.period_end) == (None, dt.date(2025, 5, 20))
    assert share.period_end != dt.date(2022, 5, 20)


def test_a_capacity_raised_to_a_level_in_a_year_is_a_level_unless_it_is_yearly():
    text = (
        "The dairy will expand its storage capacity to 8,000 tonnes next year.\n\n"
        "The new berth will lift annual handling capacity to 2 million tonnes in 2027."
    )
    level, yearly = extracted(text, dt.date(2026, 3, 2))
    assert (level.period_start, level.period_end) == (None, dt.date(2027, 12, 31))
    assert (yearly.period_start, yearly.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 12, 31))


def test_the_xinjiang_zone_said_launched_in_2023_opened_on_its_known_day():
    text = (
        "Kazakh firms in the Xinjiang pilot free trade zone number 40, up from 12 at its launch. The zone was "
        "launched in 2023."
    )
    old = extracted(text, dt.date(2026, 2, 10))[1]
    assert old.period_end == dt.date(2023, 11, 1)


@pytest.mark.parametrize(
    "text, published_on, period_start, period_end",
    [
        # since a month then a comma and a figure is a period not a day
        (
            "Since March, 2,480 new firms have registered in the zone.",
            dt.date(2025, 7, 20),
            dt.date(2025, 3, 1),
            dt.date(2025, 7, 20),
        ),
        # the morning or the early hours of a day is that day
        (
            "In the early hours of 9 March, the first train left with 52 containers.",
            dt.date(2026, 4, 1),
            dt.date(2026, 3, 9),
            dt.date(2026, 3, 9),
        ),
    ],
)
def test_the_only_figure_is_over_the_period_its_rule_names(text, published_on, period_start, period_end):
    (only_figure,) = extracted(text, published_on)
    assert (only_figure.period_start, only_figure.period_end) == (period_start, period_end)


def test_a_rank_in_last_years_review_and_a_move_to_a_rank_end_that_year():
    text = (
        "The park ranked 18th in last year's provincial ranking, up five places.\n\n"
        "The port rose four places to 12th in the national assessment for 2023."
    )
    ends = [(c.period_start, c.period_end) for c in extracted(text, dt.date(2025, 6, 17))]
    assert ends == [(None, dt.date(2024, 12, 31))] * 2 + [(None, dt.date(2023, 12, 31))] * 2


@pytest.mark.parametrize(
    "text",
    [
        "The first trucks arrive by half past seven and leave at a quarter past ten.",
        "Gates open at nine o'clock.",
        "It is now one of our four largest markets and the two most active corridors.",
        "Hotline: call the zone's service hotline on 0998-2812345, officials said.",
        "The target was met three weeks ahead of schedule and two months early.",
    ],
)
def test_times_of_day_superlative_bands_phone_numbers_and_time_ahead_are_not_measurements(text):
    assert find_mentions(text)[0] == []


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("Shipping used to take eight or nine days.", "8", "9", "days"),
        ("The group will invest Dh1 billion to Dh1.5 billion in the park.", "1000000000", "1500000000", "AED"),
        ("a budget of between $40 million and $60 million", "40000000", "60000000", "USD"),
    ],
)
def test_ranges_joined_by_or_and_ranges_with_the_currency_sign_on_both_ends(text, low, high, unit):
    mention = only(text)
    assert (mention.value, mention.value_max, mention.unit, mention.qualifier) == (
        Decimal(low),
        Decimal(high),
        unit,
        "between",
    )


def test_a_change_from_one_sum_to_another_is_two_figures_not_a_range():
    mentions, _ = find_mentions("Sales grew from $40 million to $60 million.")
    assert [(mention.value_max, mention.qualifier) for mention in mentions] == [(None, "exact"), (None, "exact")]


@pytest.mark.parametrize(
    "text, qualifier",
    [("The park hopes to host 40 or more tenants.", "at_least"), ("Checks take three or fewer days.", "up_to")],
)
def test_or_more_and_or_fewer_after_a_figure_are_bounds(text, qualifier):
    assert only(text).qualifier == qualifier


@pytest.mark.parametrize(
    "text, value",
    [("The port rose to 12th among inland ports.", 12), ("The park moved up three places to 40th this year.", 40)],
)
def test_the_rank_a_move_ends_on_is_a_rank(text, value):
    assert (find_mentions(text)[0][-1].value, find_mentions(text)[0][-1].unit) == (Decimal(value), "rank")


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("Sales crossed 5 billion yuan in May.", "5000000000", "more_than"),
        ("The firm wants to take revenue past 2 billion yuan.", "2000000000", "more_than"),
        ("Over the past 4 months, sales held at 2 billion yuan.", "2000000000", "exact"),
        ("Of 40 firms, 30 reported profits, about three in four.", "75", "about"),
    ],
)
def test_crossed_and_past_are_bounds_and_a_share_in_words_may_end_a_clause(text, value, qualifier):
    mention = find_mentions(text)[0][-1]
    assert (mention.value, mention.qualifier) == (Decimal(value), qualifier)


ENTERPRISE_CODES = {
    "new_enterprises", "registered_enterprises", "enterprises_settled", "new_enterprises_growth_yoy",
    "registered_enterprises_growth", "trade_value_growth_yoy",
}  # fmt: skip


def metrics_of(text: str, codes: set[str]) -> list[tuple[Decimal, str]]:
    return [(c.value, c.metric_code) for c in extract_candidates(text, metric_codes=codes).candidates]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a count that registered over a span is the new ones; one registered by a date is all there are
        ("Since April, 512 enterprises have registered in the zone.", [("512", "new_enterprises")]),
        ("Some 90 enterprises registered there during the half.", [("90", "new_enterprises")]),
        ("By the end of May, 4,300 enterprises had registered in the zone.", [("4300", "registered_enterprises")]),
        ("Some 30,000 enterprises have registered there since its launch.", [("30000", "registered_enterprises")]),
        # "new ones" of the enterprises just named, and the change of those
        (
            "The zone counted 8,000 registered enterprises, and 950 new ones had joined this year, 12 percent more "
            "than a year earlier.",
            [("8000", "registered_enterprises"), ("950", "new_enterprises"), ("12", "new_enterprises_growth_yoy")],
        ),
        # "registered" whose object is new ones, and "signed up" or "made up", say no growth of registered ones
        (
            "The city registered 700 new enterprises, a rise of 9 percent.",
            [("700", "new_enterprises"), ("9", "new_enterprises_growth_yoy")],
        ),
        # the firms of some investors, and their change, are no count of the registry
        (
            "Saudi-funded enterprises in the zone numbered 58 at the end of June, up 16 percent on a year earlier.",
            [("58", ""), ("16", "")],
        ),
        ("The zone aims to raise the number of Korean-invested enterprises to 90 by 2028.", [("90", "")]),
    ],
)
def test_enterprises_that_registered_over_a_span_are_new_and_a_kind_of_firm_is_no_registry_count(text, expected):
    assert metrics_of(text, ENTERPRISE_CODES) == [(Decimal(value), code) for value, code in expected]


def test_a_share_said_of_the_next_figure_is_not_this_ones_and_a_share_of_the_regions_trade_is_read():
    text = (
        "The plan is to hold trade growth above 10 percent and raise the area's share of the region's trade to "
        "30 percent."
    )
    codes = {"trade_value_growth_yoy", "share_of_regional_trade"}
    assert metrics_of(text, codes) == [
        (Decimal(10), "trade_value_growth_yoy"),
        (Decimal(30), "share_of_regional_trade"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # new firms by any name, and their growth
        (
            "The port district registered 640 new businesses in the half, up 9 percent.",
            [("640", "new_enterprises"), ("9", "new_enterprises_growth_yoy")],
        ),
        # a year-on-year change said "from a year ago", "on a year earlier"
        (
            "Vehicle exports reached 2,000 units, up 15 percent from a year ago.",
            [("2000", "vehicle_exports"), ("15", "vehicle_exports_growth_yoy")],
        ),
        (
            "New enterprises rose 7 percent on a year earlier to 450.",
            [("7", "new_enterprises_growth_yoy"), ("450", "new_enterprises")],
        ),
        # more verbs of change: "eased", "dipped", "soared"
        (
            "Import and export value eased 2 percent to 6 billion yuan.",
            [("-2", "trade_value_growth_yoy"), ("6000000000", "trade_value")],
        ),
    ],
)
def test_new_firms_by_any_name_changes_on_a_year_ago_and_more_verbs_of_change(text, expected):
    codes = ENTERPRISE_CODES | VEHICLE_CODES | {"trade_value"}
    assert metrics_of(text, codes) == [(Decimal(value), code) for value, code in expected]


def test_a_change_right_after_a_counted_figure_is_that_figures_growth_not_the_clauses_trade():
    text = "Kashgar exported 8,400 vehicles, up 27 percent."
    assert metrics_of(text, VEHICLE_CODES) == [
        (Decimal(8400), "vehicle_exports"),
        (Decimal(27), "vehicle_exports_growth_yoy"),
    ]


def test_a_whole_said_after_out_of_is_what_was_assigned():
    text = "By June, 72 pilot reform measures had been carried out, out of 80 assigned to the area."
    assert metrics_of(text, {"reform_measures_implemented", "reform_measures_assigned"}) == [
        (Decimal(72), "reform_measures_implemented"),
        (Decimal(80), "reform_measures_assigned"),
    ]


def test_vehicles_that_left_through_a_port_are_exports_and_their_multiple_on_last_year_is_their_growth():
    text = "About 3,300 vehicles left via the port in May, roughly double the figure a year earlier."
    assert metrics_of(text, VEHICLE_CODES) == [
        (Decimal(3300), "vehicle_exports"),
        (Decimal(100), "vehicle_exports_growth_yoy"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # market entities newly registered over a span are new ones
        ("About 900 market entities were newly registered there in the first half.", [("900", "new_enterprises")]),
        # a "while" statement with its own subject is not about what the sentence measured first
        (
            "Airport cargo grew 12 percent year on year to 40,000 tonnes, while passenger numbers rose 9 percent.",
            [("12", "intl_cargo_throughput_growth_yoy"), ("40000", "intl_cargo_throughput"), ("9", "")],
        ),
    ],
)
def test_entities_newly_registered_and_a_while_statement_of_its_own(text, expected):
    codes = ENTERPRISE_CODES | {"intl_cargo_throughput", "intl_cargo_throughput_growth_yoy"}
    assert metrics_of(text, codes) == [(Decimal(value), code) for value, code in expected]


def test_the_time_a_pronoun_takes_is_the_time_just_measured():
    text = (
        "Customs now clears a container at the airport in two hours, officials said. "
        "In 2023 it took about nine hours, traders recalled."
    )
    assert metrics_of(text, {"customs_clearance_time"}) == [
        (Decimal(2), "customs_clearance_time"),
        (Decimal(9), "customs_clearance_time"),
    ]


VEHICLE_CODES = {"vehicle_exports", "vehicle_exports_growth_yoy", "trade_value_growth_yoy"}


@pytest.mark.parametrize(
    "text, expected",
    [
        # a multiple of the figure a year before is its growth on the year
        (
            "Horgos shipped 7,200 vehicles abroad in the half, almost triple the number a year before.",
            [("7200", "vehicle_exports"), ("200", "vehicle_exports_growth_yoy")],
        ),
        (
            "The port exported 900 vehicles in May, double the figure of last year, and vehicles made up a third of "
            "its exports.",
            [("900", "vehicle_exports"), ("100", "vehicle_exports_growth_yoy"), ("33.3", "")],
        ),
        # a multiple of another time or place is not
        (
            "Kashgar exported 3,000 vehicles, roughly double the level of three years earlier.",
            [("3000", "vehicle_exports"), ("100", "")],
        ),
        # the change's span may stand between it and the figure it led to
        (
            "Vehicle exports dropped 6 percent in the first half to 4,100 units.",
            [("-6", "vehicle_exports_growth_yoy"), ("4100", "vehicle_exports")],
        ),
    ],
)
def test_a_multiple_of_last_years_figure_and_a_change_over_a_span_to_a_figure_are_its_growth(text, expected):
    assert metrics_of(text, VEHICLE_CODES) == [(Decimal(value), code) for value, code in expected]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The shop has a staff of three dozen.", "36", "jobs"),
        ("Border crossings hit a record 9,800 on Sunday.", "9800", "passengers"),
        ("Traveller crossings rose to 2.4 million.", "2400000", "passengers"),
        ("The zone saw 200 truck crossings a day.", "200", "trucks"),
        ("Five of its practices have been copied elsewhere.", "5", "cases"),
        ("Checks now take four hours instead of nine.", "9", "h"),
        ("The hub wants 500 flights a month. In 2024 the monthly total was about 310.", "310", "flights"),
    ],
)
def test_a_team_crossings_practices_and_a_figure_said_again_count_what_the_portal_counts(text, value, unit):
    mention = find_mentions(text)[0][-1]
    assert (mention.value, mention.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a cut said with what was cut, or costs that fell, many words apart
        ("The new rail link has cut freight costs for shippers by 12 percent.", [("12", "cost_reduction")]),
        ("Warehousing costs for small traders in the park have dropped by a quarter.", [("25", "cost_reduction")]),
        # measures put into practice, with the count between the verb and its object
        (
            "The area has put 40 of its 52 assigned reform measures into effect.",
            [("40", "reform_measures_implemented"), ("52", "reform_measures_assigned")],
        ),
        # only the figure a target is named for is above it
        (
            "Trade reached 9 billion yuan, up 11 percent year on year and beating its target by 3.5 percent.",
            [("9000000000", "trade_value"), ("11", "trade_value_growth_yoy"), ("3.5", "trade_value_above_target")],
        ),
        # a partner named by its initials is a partner ("trade with the EU"), whose trade is not the place's
        ("Horgos's trade with the EU rose 9 percent.", [("9", "")]),
        # the area of a facility, a comma after its name
        ("The logistics hub, covering 2.2 square kilometers, opened in May.", [("2.2", "")]),
    ],
)
def test_costs_cut_measures_put_into_effect_a_target_a_partners_initials_and_a_facilitys_area(text, expected):
    codes = {
        "cost_reduction", "reform_measures_implemented", "reform_measures_assigned", "trade_value",
        "trade_value_growth_yoy", "trade_value_above_target", "area",
    }  # fmt: skip
    assert metrics_of(text, codes) == [(Decimal(value), code) for value, code in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # months are no trading parties: the trade of those months
        ("The park handled 3.4 billion yuan of trade between March and June.", [("3400000000", "trade_value")]),
        # the portal's side named by a common noun, a partner named in several words
        (
            "Trade between the area and Tajikistan grew 14 percent to 2.6 billion yuan.",
            [("14", ""), ("2600000000", "bilateral_trade_tajikistan")],
        ),
        (
            "Trade between Xinjiang's Kashgar area and the Gulf states rose 9 percent to 5 billion yuan, as investors "
            "took note.",
            [("9", ""), ("5000000000", "")],
        ),
    ],
)
def test_trade_between_two_parties_is_theirs_and_between_two_months_the_places(text, expected):
    codes = {"trade_value", "trade_value_growth_yoy", "bilateral_trade_tajikistan", "contracted_investment"}
    assert metrics_of(text, codes) == [(Decimal(value), code) for value, code in expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an approval of a licence or permit is no drug approval; a drug's is
        ("Approval of building permits for new warehouses now takes 12 days.", [("12", "")]),
        ("Licensing for traders is online, with approvals issued in four working days.", [("4", "")]),
        ("Approval of imported medicines now takes 20 working days.", [("20", "pharma_approval_time")]),
        # a queue or a wait at the gate is no clearance time, unless it is the clearance before
        ("Lorries queued for up to three days at the crossing, though officials say clearance is faster.", [("3", "")]),
        ("A lorry now waits about 50 minutes at the gate.", [("50", "")]),
        (
            "Lorries now clear in 30 minutes, where they waited four hours in 2023.",
            [("30", "customs_clearance_time"), ("4", "customs_clearance_time")],
        ),
    ],
)
def test_a_licences_approval_and_a_queue_are_no_drug_approval_or_clearance_time(text, expected):
    assert metrics_of(text, {"pharma_approval_time", "customs_clearance_time"}) == [
        (Decimal(value), code) for value, code in expected
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the old value measures what the new one does, after "just" or a multiple and a change between them
        ("Some 40 Kazakh-owned firms are now registered in the zone, up from just 12 a year earlier.", ["", ""]),
        ("About 50 Gulf companies are registered in the area, roughly triple the 17 counted in 2024.", ["", "", ""]),
        ("The zone had 5,100 registered enterprises, up from only 3,900 in 2024.", ["registered_enterprises"] * 2),
    ],
)
def test_an_old_value_after_just_or_a_multiple_measures_what_the_new_one_does(text, expected):
    codes = {"registered_enterprises", "registered_enterprises_growth", "new_enterprises"}
    assert [code for _, code in metrics_of(text, codes)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # how much a level grew is no level: a bare "N more", "N tonnes more", "N more <things>" of a stock
        ("Six of its cases are used nationwide, three more than in 2024.", ["", ""]),
        ("Throughput hit 300,000 tonnes, 40,000 tonnes more than last year.", ["intl_cargo_throughput", ""]),
        ("The zone plans at least five more innovation cases next year.", [""]),
        ("About 80 or more innovation cases have been developed.", ["institutional_innovation_cases"]),
    ],
)
def test_an_increment_of_a_level_measures_no_level(text, expected):
    codes = {"institutional_innovation_cases", "innovation_cases_adopted_nationally", "intl_cargo_throughput"}
    assert [code for _, code in extract_metrics_with_stocks(text, codes)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # new measures rolled out are a flow, neither the assigned nor the implemented ones
        ("In April the area launched eight new customs measures.", [""]),
        (
            "Of the 40 reform measures assigned to the area, 35 are in place.",
            ["reform_measures_assigned", "reform_measures_implemented"],
        ),
    ],
)
def test_new_measures_rolled_out_are_neither_assigned_nor_implemented(text, expected):
    codes = {"reform_measures_assigned", "reform_measures_implemented"}
    assert [code for _, code in metrics_of(text, codes)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # what a plane, a train or a route carried is its load, not what the port handled
        ("When the first freighter landed in Kashgar, it carried 64 tonnes of cherries.", [""]),
        ("The goods carried on the new rail line reached 9,200 tonnes in May.", [""]),
        ("The airport handled 52,000 tonnes of cargo in May.", ["intl_cargo_throughput"]),
    ],
)
def test_a_load_carried_is_no_ports_cargo_throughput(text, expected):
    assert [code for _, code in metrics_of(text, {"intl_cargo_throughput"})] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the figure", "it" with no words of its own: the amount just measured, at another time
        ("Foreign trade hit 9 billion yuan in May. In 2024, the figure was 7 billion yuan.", ["trade_value"] * 2),
        ("Horgos handled 2 billion yuan of trade in March. In 2024, it handled 1.5 billion yuan.", ["trade_value"] * 2),
        # a figure naming what it measures itself is not the one before
        ("Trade hit 5 billion yuan. The firm said it had recorded 200 million yuan in orders.", ["trade_value", ""]),
    ],
)
def test_the_figure_or_it_with_no_words_of_its_own_measures_what_was_just_measured(text, expected):
    assert [code for _, code in metrics_of(text, {"trade_value"})] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # vehicle exports as the subject of the change right before it
        ("Car shipments out of Alashankou, meanwhile, fell 14 percent in the quarter.", ["vehicle_exports_growth_yoy"]),
        ("Trade rose 3 percent, while car exports via Horgos dropped by a third.", ["", "vehicle_exports_growth_yoy"]),
        # not a change of something that leans on car exports
        ("Output at the plant, which relies on car exports to Russia, fell 5 percent.", [""]),
    ],
)
def test_a_change_whose_subject_is_vehicle_exports_is_their_growth(text, expected):
    assert [code for _, code in metrics_of(text, {"vehicle_exports_growth_yoy"})] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the time a share of the goods clears within is the share's bound, not the time clearance takes
        ("Now 90 percent of parcels are cleared within 30 minutes.", ["", ""]),
        ("Half of all trucks clear in under an hour.", ["", ""]),
        ("Trucks now clear in under an hour.", ["customs_clearance_time"]),
    ],
)
def test_the_time_a_share_clears_within_is_no_clearance_time(text, expected):
    assert [code for _, code in metrics_of(text, {"customs_clearance_time"})] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "such zones" are the kind of zone named last before
        ("It ranked 12th among China's comprehensive bonded zones. There are 168 such zones.", ["zones"]),
        ("Xinjiang's pilot free trade zone opened in 2023. There are now 22 such zones in China.", [""]),
    ],
)
def test_such_zones_are_the_kind_of_zone_named_before(text, expected):
    codes = {"comprehensive_bonded_zones"}
    found = [(c.unit, c.metric_code) for c in extract_candidates(text, metric_codes=codes).candidates]
    assert [code for unit, code in found if unit == "zones"] == [
        "comprehensive_bonded_zones" if kind == "zones" else "" for kind in expected
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the change of a load kept from the port's throughput is kept from its growth too
        ("The goods carried on the new route reached 9,000 tonnes, nearly double the same month of 2025.", ["", ""]),
        (
            "Cargo throughput at the airport reached 9,000 tonnes, up 12 percent year on year.",
            ["intl_cargo_throughput", "intl_cargo_throughput_growth_yoy"],
        ),
    ],
)
def test_the_change_of_a_figure_kept_from_a_metric_is_kept_from_its_growth(text, expected):
    codes = {"intl_cargo_throughput", "intl_cargo_throughput_growth_yoy"}
    assert [code for _, code in metrics_of(text, codes)] == expected


def extract_metrics_with_stocks(text: str, codes: set[str]) -> list[tuple[Decimal, str]]:
    stocks = {"institutional_innovation_cases", "innovation_cases_adopted_nationally"}
    candidates = extract_candidates(text, metric_codes=codes, stock_metric_codes=stocks & codes).candidates
    return [(c.value, c.metric_code) for c in candidates]


@pytest.mark.parametrize(
    "text, expected",
    [
        # trade said to go past a sum, with words between
        ("Officials expect the area's trade this year to top 12 billion yuan.", [("12000000000", "trade_value")]),
        ("The port hopes to lift its trade beyond 5 billion yuan.", [("5000000000", "trade_value")]),
        # a part of the trade just named
        ("The bonded zone handled 2.4 billion yuan of that trade.", [("2400000000", "trade_value")]),
        # a bound per month is no trade value
        ("Monthly trade stayed above 3 billion yuan in each month of the summer.", [("3000000000", "")]),
        # money put into a place is invested, not contracted
        ("Foreign investors poured 6 billion yuan into the coastal provinces.", [("6000000000", "")]),
        ("Investors signed contracted investment of 2 billion yuan.", [("2000000000", "contracted_investment")]),
    ],
)
def test_trade_past_a_sum_of_that_trade_per_month_and_money_put_into_a_place(text, expected):
    codes = {"trade_value", "contracted_investment"}
    assert metrics_of(text, codes) == [(Decimal(value), code) for value, code in expected]


@pytest.mark.parametrize(
    "text, value",
    [
        ("The port plans to halve waiting times by 2028.", "-50"),
        ("It wants to raise the share of rail freight to a third.", "33.3"),
    ],
)
def test_to_halve_is_a_fall_and_a_share_raised_to_a_fraction_is_a_figure(text, value):
    assert (only(text).value, only(text).unit) == (Decimal(value), "%")


def test_a_clock_time_is_no_figure_and_a_hyphenated_range_before_its_unit_is_one():
    assert find_mentions("Gates open at 6 in the morning and close at ten at night.")[0] == []
    mention = only("It is a 20-to-25-day voyage.")
    assert (mention.value, mention.value_max, mention.unit, mention.qualifier) == (
        Decimal(20),
        Decimal(25),
        "days",
        "between",
    )


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Sales were north of 8 billion yuan.", "more_than"),
        ("Sales broke through 8 billion yuan.", "more_than"),
        ("Sales are nearing 8 billion yuan.", "nearly"),
        ("Sales came in just shy of 8 billion yuan.", "nearly"),
    ],
)
def test_a_figure_gone_beyond_or_neared_is_a_bound(text, qualifier):
    assert only(text).qualifier == qualifier


def test_a_figure_opening_a_sentence_counts_what_the_sentence_before_opened_on():
    text = "Containers were the surprise of the year. About 4,100 moved through the yard in May."
    mention = only(text)
    assert (mention.value, mention.unit, mention.qualifier) == (Decimal(4100), "TEU", "about")
    assert only("Trade was strong. 300 signed up.").unit == ""


@pytest.mark.parametrize(
    "text",
    [
        "Orders slumped 9 percent.",
        "Orders plummeted 9 percent.",
        "Orders posted a 9 percent slide.",
        "Orders were 9 percent lower than in 2024.",
    ],
)
def test_more_words_for_a_fall_make_the_change_negative(text):
    assert only(text).value == Decimal(-9)


def test_between_with_to_is_a_range_and_a_container_size_is_no_figure():
    mention = only("Checks took between four to five hours.")
    assert (mention.value, mention.value_max, mention.unit, mention.qualifier) == (
        Decimal(4),
        Decimal(5),
        "h",
        "between",
    )
    assert [(m.value, m.unit) for m in find_mentions("It moved 80 20-foot containers.")[0]] == [(Decimal(80), "TEU")]


def test_an_old_value_named_as_an_average_or_peak_keeps_its_time_to_itself():
    text = "A new desk cut the wait for refunds from an average of six days last year to within 48 hours."
    old, new = extracted(text, dt.date(2025, 11, 7))
    assert old.period_end == dt.date(2024, 12, 31)
    assert new.period_end == dt.date(2025, 11, 7)


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("The park wants 50 logistics firms within two years.", 50, "enterprises"),
        ("Carriers run 30 freight trains via border crossings.", 30, "trains"),
        ("The country has 21 such zones.", 21, "zones"),
        ("Two dozen Kazakh trading houses opened offices.", 24, "enterprises"),
    ],
)
def test_a_preposition_ends_what_is_counted_and_such_or_trading_houses_name_it(text, value, unit):
    mention = find_mentions(text)[0][0]
    assert (mention.value, mention.unit) == (Decimal(value), unit)


@pytest.mark.parametrize(
    "text, value, unit, qualifier",
    [
        ("Waits shrank to 2 hours, a reduction of 30 percent.", -30, "%", "exact"),
        ("The new line brought a 15 percent cut in fees.", -15, "%", "exact"),
        ("Traders expect sales would top 3 billion yuan.", 3000000000, "CNY", "more_than"),
        ("Kazakhstan is the region's second-largest trading partner.", 2, "rank", "exact"),
        ("Horgos became the country's 4th busiest land port.", 4, "rank", "exact"),
    ],
)
def test_a_reduction_is_a_fall_would_top_is_a_bound_and_an_ordinal_superlative_a_rank(text, value, unit, qualifier):
    mention = find_mentions(text)[0][-1]
    assert (mention.value, mention.unit, mention.qualifier) == (Decimal(value), unit, qualifier)


def test_a_month_without_a_year_in_a_plan_is_the_next_such_month():
    plan = "The chamber plans to bring around 40 companies to Kashgar in October."
    (delegation,) = extracted(plan, dt.date(2026, 9, 2))
    assert (delegation.period_start, delegation.period_end) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    (stated,) = extracted("The chamber brought around 40 companies to Kashgar in October.", dt.date(2026, 9, 2))
    assert stated.period_end == dt.date(2025, 10, 31)


def test_a_share_of_the_figure_before_is_at_its_time_not_another_clauses():
    text = (
        "Between 2021 and 2025, exports grew 18 percent a year, and the mills now employ about 3,000 people, "
        "two-thirds of them from nearby towns."
    )
    *_, staff, share = extracted(text, dt.date(2026, 2, 10))
    assert (staff.period_start, staff.period_end) == (None, dt.date(2026, 2, 10))
    assert (share.period_start, share.period_end) == (None, dt.date(2026, 2, 10))


def test_a_share_of_that_trade_takes_the_period_of_the_trade_named_before():
    text = (
        "Trade with the Gulf reached 3.1 billion yuan in the first half of the year.\n\n"
        "Roughly a third of that trade went through the port, officials said."
    )
    _, share = extracted(text, dt.date(2026, 7, 20))
    assert (share.period_start, share.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The park hopes to sign 40 tenants within two years.", [(40, "tenants", "exact")]),
        ("Licences now come within three months.", [(3, "months", "up_to")]),
        ("The depot has five cranes and one weighbridge.", [(5, "cranes", "exact"), (1, "weighbridges", "exact")]),
        ("The queue could stretch to six hours.", [(6, "h", "up_to")]),
    ],
)
def test_a_counts_deadline_is_no_figure_one_more_in_a_list_is_counted_and_stretch_to_is_a_bound(text, expected):
    mentions, _ = find_mentions(text)
    assert [(mention.value, mention.unit, mention.qualifier) for mention in mentions] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


@pytest.mark.parametrize(
    "text, published_on, period_start, period_end",
    [
        # a paragraph that says the same period goes on in it
        (
            (
                "Exports reached 4 billion yuan in the first quarter.\n\n"
                "The city's imports came to 1.5 billion yuan in the same period, up 8 percent. They accounted for 27 "
                "percent of the region's imports."
            ),
            dt.date(2025, 4, 20),
            dt.date(2025, 1, 1),
            dt.date(2025, 3, 31),
        ),
        # the same period skips the year of a ranking
        (
            (
                "Exports rose to 6 billion yuan from January to September. The park ranked 9th in the 2024 index.\n\n"
                "Online orders reached 3 million in the same period."
            ),
            dt.date(2025, 10, 20),
            dt.date(2025, 1, 1),
            dt.date(2025, 9, 30),
        ),
        # a multiple with a time of its own is over that time not the figure before
        (
            (
                "Flights rose to 9 a week from 3 in 2024, and parcel exports doubled in the first half from a year "
                "earlier."
            ),
            dt.date(2026, 8, 1),
            dt.date(2026, 1, 1),
            dt.date(2026, 6, 30),
        ),
        # a change said after a level and its old value spans the two days
        (
            (
                "The park had 3,200 firms at the end of last year, against 1,600 at the end of 2023, "
                "an increase of 100 percent."
            ),
            dt.date(2026, 2, 10),
            dt.date(2023, 12, 31),
            dt.date(2025, 12, 31),
        ),
        # the old value of a level is a level at its year's end
        ("The depot now runs 30 trucks, up from 18 in 2024.", dt.date(2026, 5, 4), None, dt.date(2024, 12, 31)),
    ],
)
def test_the_last_figure_is_over_the_period_its_rule_names(text, published_on, period_start, period_end):
    last = extracted(text, published_on)[-1]
    assert (last.period_start, last.period_end) == (period_start, period_end)


def test_a_share_restated_with_or_is_at_the_time_of_the_level_before_it():
    text = (
        "The area rolled out 20 new reform measures in June, taking the number implemented since the zone's launch "
        "to 210, or 84 percent of the 250 measures assigned to it."
    )
    _, level, share, _ = extracted(text, dt.date(2026, 7, 10))
    assert (share.period_start, share.period_end) == (level.period_start, level.period_end)
    assert share.period_start is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Tourist numbers climbed to 45,000.", [(45000, None, "tourists")]),
        ("Checks take 50 minutes, down from four to five hours.", [(50, None, "min"), (4, 5, "h")]),
    ],
)
def test_what_numbers_are_named_for_is_counted_and_a_range_after_down_from_is_a_range(text, expected):
    mentions, _ = find_mentions(text)
    assert [(mention.value, mention.value_max, mention.unit) for mention in mentions] == [
        (Decimal(value), None if top is None else Decimal(top), unit) for value, top, unit in expected
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare figure a long subject moved to counts the noun the sentence opens on
        (
            "Daily trains between Kashgar and ports such as Osh, Andijan and Almaty have grown to 9, from 4 in 2024.",
            [(Decimal(9), "trains"), (Decimal(4), "trains")],
        ),
        # points a share moved by to a percentage are percentage points
        ("Rail freight gained 4 points to 61 percent.", [(Decimal(4), "pp"), (Decimal(61), "%")]),
        # a number word after a count moved to is its old value
        (
            "Weekly flights climbed to 12 a week from three in 2023.",
            [(Decimal(12), "flights"), (Decimal(3), "flights")],
        ),
        # an old amount before to takes the scale of the new one
        ("Sales grew from 6 to 9 million dollars.", [(Decimal(6000000), "USD"), (Decimal(9000000), "USD")]),
    ],
)
def test_each_figure_has_the_value_and_unit_its_rule_names(text, expected):
    mentions, _ = find_mentions(text)
    assert [(mention.value, mention.unit) for mention in mentions] == expected


def test_a_levels_change_on_a_year_earlier_spans_the_year_to_the_levels_day():
    text = "Bonded warehouses numbered 64 at the end of September, up 14 percent on a year earlier."
    _, change = extracted(text, dt.date(2025, 10, 20))
    assert (change.period_start, change.period_end) == (dt.date(2024, 9, 30), dt.date(2025, 9, 30))
    text = "By the end of June, checks took 3 hours, a reduction of 25 percent from a year earlier."
    _, cut = extracted(text, dt.date(2025, 7, 20))
    assert (cut.period_start, cut.period_end) == (dt.date(2024, 6, 30), dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    "record",
    [
        "the strongest quarter since the zone was launched in 2023",
        "the highest monthly figure since 2019",
        "a record since March",
    ],
)
def test_a_since_after_a_record_is_what_the_figure_beat_not_its_time(record):
    text = (
        "The zone's trade reached 61.4 billion yuan in the first three quarters. "
        f"In the third quarter alone, trade topped 23 billion yuan, {record}.\n\n"
        "The Horgos area's trade rose 24.6 percent to 27.9 billion yuan."
    )
    quarter, growth, horgos = extracted(text, dt.date(2025, 10, 24))[1:]
    assert (quarter.period_start, quarter.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    # the paragraphs after it go on in the period the article reports on
    assert (horgos.period_start, horgos.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    (since,) = extracted("Trade has grown 40 percent since 2023.", dt.date(2025, 10, 24))
    assert since.period_start == dt.date(2023, 1, 1)


def test_a_level_in_a_paragraph_that_opens_on_the_end_of_last_year_is_read_at_31_december():
    text = (
        "By the end of last year, the zone had implemented 120 reform measures. It has formed 30 innovation "
        "cases, 12 of which were promoted across the region.\n\nThe zone has also produced 40 innovation cases."
    )
    measures, formed, promoted, produced = extracted(text, dt.date(2026, 2, 11))
    for level in (measures, formed, promoted):
        assert (level.period_start, level.period_end) == (None, dt.date(2025, 12, 31))
    assert (produced.period_start, produced.period_end) == (None, dt.date(2026, 2, 11))


@pytest.mark.parametrize(
    "text, end",
    [
        ("In May, a courier firm opened a 30,000-square-metre sorting hall in the zone.", dt.date(2025, 5, 31)),
        ("The group built a 5,000 square meter cold store in 2024.", dt.date(2024, 12, 31)),
    ],
)
def test_a_size_built_or_opened_in_a_time_is_a_level_at_its_end(text, end):
    (size,) = extracted(text, dt.date(2025, 10, 2))
    assert (size.period_start, size.period_end) == (None, end)


@pytest.mark.parametrize(
    "text, day",
    [
        # a plan's day with no year is the next such day, not the last
        ("A Doha-Urumqi route is due to start on February 3 with two flights a week.", dt.date(2026, 2, 3)),
        ("The service will begin on Jan. 10 with three flights a week.", dt.date(2026, 1, 10)),
        # a day already passed stays in its year
        ("The carrier launched the route on March 2 with four flights a week.", dt.date(2025, 3, 2)),
    ],
)
def test_a_frequency_from_a_day_is_a_level_on_that_day_and_a_plans_day_is_the_next(text, day):
    (frequency,) = extracted(text, dt.date(2025, 4, 9))
    assert (frequency.period_start, frequency.period_end) == (None, day)


@pytest.mark.parametrize(
    "text, units",
    [
        ("Vehicle exports via the pass climbed to 4,200 units, about 600 of them electric.", ["vehicles"] * 2),
        ("The plant shipped 300 units of wind turbines.", ["units"]),
    ],
)
def test_units_in_a_sentence_about_vehicles_count_vehicles(text, units):
    assert [mention.unit for mention in find_mentions(text)[0]] == units


@pytest.mark.parametrize(
    "text",
    [
        "The carrier will lift its Almaty service to five flights a week from June 1.",
        "From 1st June, the crossing will handle 900 trucks a day.",
    ],
)
def test_a_plan_from_a_day_is_dated_at_that_day(text):
    (planned,) = extracted(text, dt.date(2025, 4, 9))
    assert (planned.period_start, planned.period_end) == (None, dt.date(2025, 6, 1))
    assert planned.is_forecast

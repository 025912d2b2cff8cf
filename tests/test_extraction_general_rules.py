"""Rules added in the second round of issue 17 (generalising beyond the development articles):
one test per rule, on sentences written for the test, not copied from the evaluation set."""

import datetime as dt
from decimal import Decimal

import pytest

from curation.extraction.candidates import extract_candidates, find_mentions
from curation.extraction.places import PlaceIndex, _paragraph_starts
from tests.test_extraction import CODES, KINDED_PLACES, STOCKS, by_value

MORE_CODES = CODES | {
    "intl_cargo_throughput_growth_yoy", "vehicle_exports", "vehicle_exports_growth_yoy", "delivery_time_to_market",
    "parcel_delivery_time", "share_of_regional_trade", "connected_countries",
}  # fmt: skip
MORE_STOCKS = STOCKS | {"delivery_time_to_market", "parcel_delivery_time", "connected_countries"}
PUBLISHED = dt.date(2026, 3, 9)


def extracted(text: str, published_on=PUBLISHED):
    return extract_candidates(
        text, published_on=published_on, places=KINDED_PLACES, metric_codes=MORE_CODES, stock_metric_codes=MORE_STOCKS
    ).candidates


def surfaces(text: str) -> list[tuple]:
    mentions, _ = find_mentions(text)
    return [(mention.value, mention.value_max, mention.unit, mention.qualifier) for mention in mentions]


# Rules of the tune9fields round ------------------------------------------------------------------------------------
# A cut said of what was cut is a fall ("was cut by 42 percent", "cut approval times by 30 percent"); what costs lose
# is the size of a cost reduction, counted up as the seed claims count it
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Average clearance time was cut by 35 percent from 2023.", Decimal("-35")),
        ("Waiting times have been reduced by about 20 percent.", Decimal("-20")),
        ("The port shortened inspection times by 15 percent last year.", Decimal("-15")),
        ("The bureau slashed approval times by a further 25 percent.", Decimal("-25")),
        ("Freight costs per container fell by about 12 percent this year.", Decimal("12")),
        ("The scheme cut logistics costs by 30 percent.", Decimal("30")),
        ("Costs rose 5 percent, while prices fell 3 percent.", Decimal("-3")),
    ],
)
def test_a_cut_is_a_fall_and_a_cost_cut_is_a_cost_reduction(text, expected):
    assert [value for value, _, unit, _ in surfaces(text) if unit == "%"][-1] == expected


# '2. "Green lanes" at the ports ...': a list item's number before a quoted name is no figure either
def test_a_list_items_number_before_a_quoted_name_is_no_figure():
    text = 'Steps taken:\n1. Cold stores opened in May.\n2. "Green lanes" cut waits to 50 minutes.\n3. (Pilot) rules apply.'  # noqa: E501
    assert [value for value, *_ in surfaces(text)] == [Decimal(50)]


# No whole-trade metric for the trade with a partner the sentence opens on ("Kazakhstan remained the zone's largest
# trading partner, with trade of ..."), for goods exported or imported ("exported goods worth"), nor for one way of
# trading ("Processing trade in the bonded zone reached ..."); the zone's own trade keeps its metric
@pytest.mark.parametrize(
    "text, value, expected",
    [
        ("Kazakhstan remained the area's largest trading partner, with trade of 8.3 billion yuan.", "8300000000", None),
        ("Kazakhstan was the biggest partner at 8.3 billion yuan, up 12.5 percent.", "12.5", None),
        ("Russia became the zone's second-largest partner, with trade worth 8.3 billion yuan.", "8300000000", None),
        ("The prefecture exported goods worth 8.3 billion yuan in 2025.", "8300000000", None),
        ("Processing trade in the zone reached 8.3 billion yuan, up 12.5 percent.", "12.5", None),
        ("The zone's trade reached 8.3 billion yuan, up 12.5 percent.", "12.5", "trade_value_growth_yoy"),
        ("The zone handled goods worth 8.3 billion yuan in 2025.", "8300000000", "trade_value"),
    ],
)
def test_partner_trade_exports_and_one_way_of_trading_are_no_whole_trade(text, value, expected):
    assert seed_metric(text, value) == expected


# In a text about the free trade zone, a bonded zone named only where something happened ("clearance at the Kashi
# Comprehensive Bonded Zone fell") is not what "the zone" in the next sentence stands for
def test_the_zone_after_a_bonded_zone_named_only_as_a_location_is_the_free_trade_zone():
    text = (
        "The China (Xinjiang) Pilot Free Trade Zone grew in the quarter.\n\nThe zone rolled out new measures, and "
        "clearance at the Kashi Comprehensive Bonded Zone fell to 90 minutes. The zone had implemented 231 of its "
        "reform measures by March."
    )
    assert seed_place(text, "231") == "China (Xinjiang) Pilot Free Trade Zone"


# "The Xinjiang zone handled ...", "the Xinjiang pilot zone": the region's own zone is its free trade zone
@pytest.mark.parametrize("words", ["The Xinjiang zone", "The Xinjiang pilot zone"])
def test_the_regions_zone_is_its_free_trade_zone(words):
    text = f"Gulf investors are keen.\n\n{words} handled trade worth 17.2 billion yuan in the first quarter."
    assert seed_place(text, "17200000000") == "China (Xinjiang) Pilot Free Trade Zone"


# "rose 38 percent to 5.4 billion yuan for the prefecture and to 2.2 billion yuan for the area": the place a figure is
# for
@pytest.mark.parametrize(
    "text, value, expected",
    [
        (
            "Kashgar Prefecture's trade with Uzbekistan rose to 5.4 billion yuan, and to 2.2 billion yuan for the "
            "Kashgar "
            "area.",
            "2200000000",
            "Kashgar Area (FTZ)",
        ),
        ("The Kashgar area's exports reached 3.1 billion yuan, against 8.8 billion yuan for Kashgar Prefecture.",
         "8800000000", "Kashgar Prefecture"),
    ],
)  # fmt: skip
def test_a_figure_for_a_place_is_that_places(text, value, expected):
    assert seed_place(text, value) == expected


# The whole a share is of ("28.3 percent of Xinjiang's foreign trade", "a third of the region's exports") is no
# subject: the shares said after it are still the zone's; "9.4 percent growth for Xinjiang as a whole" is the region's
@pytest.mark.parametrize(
    "text, value, expected",
    [
        (
            "The zone accounted for 28.3 percent of Xinjiang's foreign trade, up from 26.9 percent in 2025.",
            "26.9",
            "China (Xinjiang) Pilot Free Trade Zone",
        ),
        (
            "The zone made up a third of the region's exports, against 27.5 percent a year earlier.",
            "27.5",
            "China (Xinjiang) Pilot Free Trade Zone",
        ),
        (
            "The zone's trade rose 36.8 percent, against 9.4 percent growth for Xinjiang as a whole.",
            "9.4",
            "Xinjiang Uygur Autonomous Region",
        ),
    ],
)
def test_the_whole_a_share_is_of_is_no_subject_and_a_place_as_a_whole_is_the_figures(text, value, expected):
    assert seed_place(text, value) == expected


# How long goods take to get to a market, said by the route or the mode: "delivers goods from Urumqi to Jebel Ali in
# 14 days", "about 35 days by sea", "Shipping from Lianyungang took us 25 days", "reach a wind farm in three days"; a
# parcel that reaches a customer keeps the parcel's delivery time
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The rail route delivers goods from Kashgar to Tashkent in 6 days.", "delivery_time_to_market"),
        ("Rail takes 9 days, compared with about 6 days by road.", "delivery_time_to_market"),
        ('"Shipping from Tianjin took us 6 days," he said.', "delivery_time_to_market"),
        ("From here, the blades reach a building site near Almaty in 6 days.", "delivery_time_to_market"),
        ("A parcel from the warehouse took 6 days to reach a customer.", "parcel_delivery_time"),
    ],
)
def test_how_long_goods_take_by_a_route_or_mode_is_the_delivery_time_to_market(text, expected):
    assert seed_metric(text, "6") == expected


# A ranking of places by what the paragraph before measured ("Among the three areas, Horgos ranked first with ...,
# Urumqi came second with ..., and Kashgar third with ...") measures it too; "the zone's trade had come to" is trade
@pytest.mark.parametrize(
    "text, value, expected",
    [
        (
            "The zone's import and export value reached 90.5 billion yuan in 2025.\n\nAmong the three areas, Horgos "
            "ranked first with 40.1 billion yuan. Urumqi came second with 30.2 billion yuan, and Kashgar third with "
            "20.2 billion yuan.",
            "30200000000",
            "trade_value",
        ),
        (
            "The zone's import and export value reached 90.5 billion yuan in 2025.\n\nAmong the three areas, Horgos "
            "ranked first with 40.1 billion yuan. Urumqi came second with 30.2 billion yuan, and Kashgar third with "
            "20.2 billion yuan.",
            "20200000000",
            "trade_value",
        ),
        ("In its first two months, the zone's trade had come to 15.2 billion yuan.", "15200000000", "trade_value"),
    ],
)
def test_a_ranking_of_places_measures_what_was_measured_and_trade_that_had_come_to(text, value, expected):
    assert seed_metric(text, value) == expected


# What goods are worth is no contracted investment, even beside an investor in the sentence
@pytest.mark.parametrize(
    "text",
    [
        "Insurance for UAE-Xinjiang trade covered goods worth AED1.2 billion, while a Gulf investor now opens an "
        "account in three days.",
        "Shipments worth US$40 million left for Dubai, investors said.",
    ],
)
def test_what_goods_are_worth_is_no_contracted_investment(text):
    value = "1200000000" if "AED" in text else "40000000"
    assert seed_metric(text, value) != "contracted_investment"


# "handled less than a fifth of Xinjiang's trade", "a third of the region's foreign trade": the zone's share of the
# region's trade, said as a fraction
@pytest.mark.parametrize(
    "text, value",
    [
        ("In 2025 the zone handled less than a fifth of Xinjiang's trade.", "20"),
        ("The zone now accounts for about a third of the region's foreign trade.", "33.3"),
    ],
)
def test_a_fraction_of_the_regions_trade_is_its_share(text, value):
    assert seed_metric(text, value) == "share_of_regional_trade"


# A school or hospital bearing a place's name stands in that place, as a facility does: what it counts is the place's,
# even when its sentence dates it by a free trade zone area's launch
@pytest.mark.parametrize(
    "school", ["Kashgar Vocational and Technical College", "Kashgar University", "the Horgos Language Institute"]
)
def test_what_a_school_bearing_a_places_name_counts_is_the_places(school):
    text = (
        f"Trade is growing.\n\n{school} opened a logistics course in 2023, months before the Kashgar area of the "
        "China (Xinjiang) Pilot Free Trade Zone was unveiled. The course now enrolls 240 students."
    )
    assert seed_place(text, "240") in ("Kashgar City", "Horgos")


# "came second", "finished third" are ranks as "ranked first" is, and "..., and Kashgar third with ..." after a rank in
# its sentence is the next place's rank; "came back in the third quarter" is none
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Urumqi came second with 44.6 billion yuan.", [Decimal(2)]),
        ("The port finished third among land ports.", [Decimal(3)]),
        ("Horgos ranked first with 40 billion yuan, Urumqi second, and Kashgar third with 20 billion yuan.",
         [Decimal(1), Decimal(3)]),
        ("Trade came back in the third quarter.", []),
    ],
)  # fmt: skip
def test_came_or_finished_second_and_the_next_places_rank_are_ranks(text, expected):
    assert [value for value, _, unit, _ in surfaces(text) if unit == "rank"] == expected


# What is counted, named as the portal counts it: manufacturers are firms, laboratories the labs the metric counts, and
# people helped into work are jobs
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The industrial park now houses 64 manufacturers.", ("64", "enterprises")),
        ("Six international laboratories joined the testing network.", ("6", "labs")),
        ("The scheme helped about 2,300 rural residents into jobs.", ("2300", "jobs")),
        ("The fund put 900 young villagers into stable work in 2025.", ("900", "jobs")),
        ("The project turned 40 warehouses into offices.", ("40", "warehouses")),
    ],
)
def test_manufacturers_laboratories_and_people_helped_into_work_are_counted_as_the_portal_counts(text, expected):
    assert [(str(value), unit) for value, _, unit, _ in surfaces(text)] == [expected]


# A year naming a cohort ("the program's 2024 graduates"), a named group of countries ("the five Central Asian
# countries", "the six GCC states") and a number in a quoted name of a model ('a "one declaration, two inspections"
# model') are no figures
@pytest.mark.parametrize(
    "text",
    [
        "Some 88 percent of the college's 2025 graduates found work.",
        "Trade with the five Central Asian countries rose 88 percent.",
        "Investors from the six GCC states pledged 88 percent more.",
        'The port adopted a "one window, three checks" model, and clearance improved 88 percent.',
        'A "1+N" mechanism was set up; 88 percent of firms use it.',
    ],
)
def test_cohort_years_named_groups_and_quoted_model_names_are_no_figures(text):
    assert [value for value, *_ in surfaces(text)] == [Decimal(88)]


# Rules of the tune8num round (numbers: what is a figure, what it counts) ---------------
# A telephone number with an area code or a hotline's number is no figure; an aircraft's model number is a name
@pytest.mark.parametrize(
    "text",
    [
        "Enterprises numbered 1,200. Hotline: 0991-12345",
        "Enterprises numbered 1,200. For details, call the service hotline on 0998-2345678.",
        "Enterprises numbered 1,200. Tel: (0991) 5566 7788",
        "Enterprises numbered 1,200, and questions go to the 12345 government hotline.",
        "Enterprises numbered 1,200. Investors may dial 12345 for help.",
        "Enterprises numbered 1,200, the airline said, and the route is flown by Boeing 777 freighters.",
        "Enterprises numbered 1,200; the carrier will deploy an Airbus 330 on the route.",
        "Enterprises numbered 1,200, and Boeing 747-8F freighters serve the route.",
    ],
)
def test_phone_hotline_and_aircraft_model_numbers_are_no_figures(text):
    assert [value for value, *_ in surfaces(text)] == [Decimal(1200)]


# How long a visit, a fair or a forum lasted names the event, as 'the nine-day holiday' does: no figure
@pytest.mark.parametrize(
    "text",
    [
        "A delegation signed five agreements during a three-day visit that ended on Saturday.",
        "The two-day forum drew buyers from 30 countries.",
        "At a four-day trade fair in Kashgar, deals worth 2 billion yuan were signed.",
        "The week-long expo opened on Monday, and a five-day business summit follows in May.",
    ],
)
def test_the_length_of_a_visit_or_fair_is_no_figure(text):
    assert not [unit for _, _, unit, _ in surfaces(text) if unit in ("days", "weeks", "h")]


# People a business employs or hires are jobs, as 'creating 5,400 jobs' are; people who are trained or travel are not
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The plant employs about 2,300 workers.", ("2300", "jobs", "about")),
        ("Logistics firms in the area employ more than 12,000 people.", ("12000", "jobs", "more_than")),
        ("The company will hire another 250 staff next year.", ("250", "jobs", "exact")),
        ('"We now have 85 employees," she said.', ("85", "jobs", "exact")),
        ("Recruiting some 600 local workers, the park opened in May.", ("600", "jobs", "about")),
        ("The new lines give work to nearly 900 people.", ("900", "jobs", "nearly")),
        ("About 3,000 people crossed the border on Saturday.", ("3000", "passengers", "about")),
        ("The training centre taught 1,500 workers in 2025.", ("1500", "workers", "exact")),
        ("The fair drew 40,000 people.", ("40000", "people", "exact")),
    ],
)
def test_people_a_business_employs_or_hires_are_jobs(text, expected):
    value, unit, qualifier = expected
    assert surfaces(text) == [(Decimal(value), None, unit, qualifier)]


# 'double our cargo volumes', 'triple his sales': a multiple with a possessive object is a change, as 'double its' is
@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We plan to double our exports to Kazakhstan by 2027," he said.', ("100", "exact")),
        ("He hopes to double his storage capacity next year.", ("100", "exact")),
        ('"I want to triple my sales," she said.', ("200", "exact")),
        ("The scheme could nearly double your turnover.", ("100", "nearly")),
        ("Firms aim to triple her company's output.", ("200", "exact")),
    ],
)
def test_a_multiple_of_a_possessed_thing_is_a_change(text, expected):
    value, qualifier = expected
    assert surfaces(text) == [(Decimal(value), None, "%", qualifier)]


# "Of these, 24 have been promoted": a sentence opening on a part of the things the sentence before counted
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The zone has produced 71 innovation cases. Of these, 24 have been promoted and five adopted nationwide.",
            [("71", "cases"), ("24", "cases"), ("5", "cases")],
        ),
        (
            "Some 1,200 firms registered in May. Among them, 300 are foreign-funded.",
            [("1200", "enterprises"), ("300", "enterprises")],
        ),
        ("The port opened 14 routes in 2025. Of those, nine run to Kazakhstan.", [("14", "routes"), ("9", "routes")]),
    ],
)
def test_a_sentence_opening_on_a_part_of_what_the_last_counted_counts_it(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


# "at least 10 more innovation cases", "three more flights a week": 'more' before a noun is no end of the count
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The zone will register 9,000 enterprises and produce at least 10 more innovation cases.", ("10", "cases")),
        ("The airline will add three more flights a week.", ("3", "flights")),
        ("The port plans 20 additional lanes.", ("20", "lanes")),
        ("It has 12 routes, five more than a year earlier.", ("5", "routes")),
    ],
)
def test_more_before_a_noun_keeps_the_noun_counted(text, expected):
    value, unit = expected
    assert (Decimal(value), unit) in [(value, unit) for value, _, unit, _ in surfaces(text)]


# A subject with what it is doing ("Trucks crossing the port averaged ...") is what a bare figure after the verb counts
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Trucks crossing the port averaged about 520 a day in May, up from 380 a year earlier.",
            [("520", "trucks"), ("380", "trucks")],
        ),
        ("Passengers using the new terminal numbered 41,000 in May.", [("41000", "passengers")]),
        ("Freight trains leaving Horgos averaged 25 a day.", [("25", "trains")]),
    ],
)
def test_a_subject_with_a_participle_is_what_the_figure_after_its_verb_counts(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


# A part named right after its whole ("1,200 businesses ..., among them 46 duty-free operators") counts the same things
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "More than 1,200 businesses operate there, among them 46 duty-free operators.",
            [("1200", "enterprises"), ("46", "enterprises")],
        ),
        (
            "The delegation signed 14 agreements, among them five investment deals.",
            [("14", "agreements"), ("5", "agreements")],
        ),
        ("The park hosts 85 firms, of which 30 logistics providers.", [("85", "enterprises"), ("30", "enterprises")]),
    ],
)
def test_a_part_named_after_its_whole_counts_what_the_whole_counts(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


# Car carriers, lorries and trailers are trucks; with cars or buses they are vehicles
@pytest.mark.parametrize(
    "text, unit",
    [
        ("In April, roughly 2,100 car carriers and trucks crossed the port each day.", "trucks"),
        ("Some 900 car carriers left the port in May.", "trucks"),
        ("The checkpoint cleared 640 lorries and trailers.", "trucks"),
        ("The port cleared 61,500 cars and trucks.", "vehicles"),
    ],
)
def test_car_carriers_and_lorries_are_trucks(text, unit):
    assert [found for _, _, found, _ in surfaces(text)] == [unit]


# Rules of the t3-numbers round (numbers) ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value",
    [
        ("Inspectors at the gate checked 3,400 truckloads of melons in August.", "3400"),
        ("Some 950 lorryloads of cotton left the depot last month.", "950"),
    ],
)
def test_truckloads_count_trucks(text, value):
    mention = next(mention for mention in find_mentions(text)[0] if mention.value == Decimal(value))
    assert mention.unit == "trucks"


# A range of bare figures ("between 600 and 750") counts what the words around it name; truck crossings count trucks
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Daily truck crossings at the checkpoint ranged between 600 and 750 last week.", ("600", "750", "trucks")),
        ("Cargo rose to 2 million tonnes, and buses leaving averaged between 40 and 55 a day.", ("40", "55", "buses")),
    ],
)
def test_a_range_of_bare_figures_counts_what_its_sentence_names(text, expected):
    low, high, unit = expected
    assert surfaces(text)[-1] == (Decimal(low), Decimal(high), unit, "between")


# "double" as a verb after "to" or a modal is an increase of 100 percent: "aims to double grain exports by 2030",
# "expects its fleet to double", "will double"; not "to double-check"
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The province aims to double grain exports to Kazakhstan by 2030.", [Decimal("100")]),
        ("The carrier expects its fleet of freighters to double within five years.", [Decimal("100")]),
        ("A new terminal will double handling capacity at the depot.", [Decimal("100")]),
        ("Traders still have to double-check the forms.", []),
    ],
)
def test_double_after_to_or_a_modal_is_an_increase_of_100_percent(text, expected):
    assert [value for value, _, unit, _ in surfaces(text) if unit == "%"] == expected


# A number word opening a sentence, a verb after it, is a part of what the sentence before counted: "... 40 pilot
# reforms. Nine have been copied elsewhere."; not after a measure ("It took 12 hours. Two were ...")
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The port has trialled 40 pilot reforms since 2022. Nine have been copied by other ports.",
            [("40", "reforms"), ("9", "reforms")],
        ),
        ("Loading took 12 hours last year. Two were lost to storms.", [("12", "h")]),
    ],
)
def test_a_number_word_opening_a_sentence_on_a_verb_counts_what_the_sentence_before_counted(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(v), u) for v, u in expected]


# One unit of time said without a digit: what a task took ("took a day"), and a minute under a bound ("in under a
# minute"); "a day early" is no amount
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Filing a permit took a day in 2022; it now takes two hours.", [("1", "days", "exact"), ("2", "h", "exact")]),
        ("Scanners check a pallet in under a minute.", [("1", "min", "less_than")]),
        ("The forms were filed a day early.", []),
    ],
)  # fmt: skip
def test_a_unit_of_time_taken_or_under_a_bound_is_one_of_it(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(v), u, q) for v, u, q in expected
    ]


# The old value of a frequency ("from three to five a week") counts the runs its sentence names, as the new one does
def test_the_old_value_of_a_frequency_counts_the_runs_named():
    text = "Cargo trains between the two depots rose from three to five a week in May."
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(3), "trains"), (Decimal(5), "trains")]


# A single run said per period ("one sailing a week", "one departure every day") is a frequency of one run
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The ferry line starts in May with one sailing a week.", [(Decimal(1), "sailings")]),
        ("A new bus route will have one departure every day.", [(Decimal(1), "departures")]),
        ("It is one of the busiest routes.", []),
    ],
)
def test_a_single_run_per_period_is_a_frequency_of_one(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == expected


# "a few hundred", "several thousand": a rough size, no figure (as "hundreds of traders" is none)
@pytest.mark.parametrize(
    "text, expected",
    [
        ("A few hundred traders rent stalls in the market, a few hundred metres from the gate.", []),
        ("Several thousand visitors came, and 120 firms exhibited.", [(Decimal(120), "firms")]),  # taking part
    ],
)
def test_a_few_hundred_or_several_thousand_is_no_figure(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == expected


# A number word after a figure starts another phrase, not the figure's noun: "up from 12 three years ago"
def test_a_number_word_after_a_figure_is_not_its_noun():
    text = "The depot now serves 20 routes, up from 12 three years ago."
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(20), "routes"), (Decimal(12), "routes")]


# "with two months still to go", "with three weeks remaining": a countdown to a date, no figure; "took three days to go
# through customs" is one
@pytest.mark.parametrize(
    "text, expected",
    [
        ("With three weeks still to go, sales have passed 2 billion yuan.", [Decimal("2e9")]),
        ("With ten days remaining, the fair has drawn 40,000 visitors.", [Decimal(40000)]),
        ("Each truck took three days to go through inspection.", [Decimal(3)]),
    ],
)
def test_the_time_still_to_go_is_no_figure(text, expected):
    assert [value for value, _, _, _ in surfaces(text)] == expected


# A size restated in imperial units in brackets is no figure of its own: "800 hectares (nearly 2,000 acres)"
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The park covers 800 hectares (nearly 2,000 acres) east of the city.", [(Decimal(800), "ha")]),
        ("The new lake sits 12 sq km (about 4.6 square miles) from the depot.", [(Decimal(12), "km2")]),
        ("The road is 40 miles long.", [(Decimal(40), "miles")]),
    ],
)
def test_a_size_restated_in_imperial_units_in_brackets_is_no_figure(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == expected


# What a plan expects a count to top or reach counts the noun before it: "expects visitors to top 2 million"
def test_a_count_expected_to_top_a_figure_counts_the_noun_before_it():
    text = "The mall covers 3 square kilometres, and its owner expects shoppers to top 2 million this year."
    assert [(value, unit) for value, _, unit, _ in surfaces(text)][-1] == (Decimal(2000000), "shoppers")


# Passenger throughput or traffic that reached a bare figure counts passengers
@pytest.mark.parametrize(
    "text", ["Passenger throughput at the station reached 96,000 in May.", "Passenger traffic rose to 96,000 in May."]
)
def test_passenger_throughput_counts_passengers(text):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(96000), "passengers")]


# A count of containers is in TEU, as the conventions count containers
def test_a_count_of_containers_is_in_teu():
    text = "The dry port handled 7,400 containers in the first half."
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(7400), "TEU")]


# Costs named with a long phrase of what they are for still lose a cost reduction, counted up
def test_costs_named_with_a_long_phrase_lose_a_cost_reduction():
    text = (
        "Shipping costs for parcels sent from coastal warehouses to inland hubs by rail and road have fallen 9 percent "
        "this year."
    )
    candidates = extract_candidates(text, metric_codes={"cost_reduction"}).candidates
    assert [(figure.value, figure.metric_code) for figure in candidates] == [(Decimal("9"), "cost_reduction")]


# "Flights ... have risen to five a week": a bare count per day or week counts the runs its sentence names
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Direct passenger flights between Dubai and Urumqi have risen to five a week.", ("5", "flights")),
        ("China-Europe freight trains through the port now run at 18 a day.", ("18", "trains")),
        ("Freighter services to Almaty were cut to three per week.", ("3", "flights")),
    ],
)
def test_a_bare_count_per_day_or_week_counts_the_runs_named(text, expected):
    value, unit = expected
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(value), unit)]


# A list entry's value written in words ("New facilitation measures introduced: a dozen.") counts what its label names
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Highlights of the year:\n- New facilitation measures introduced: a dozen.\n", ("12", "measures")),
        ("Results:\n- Routes opened: three\n- Trains run: 4,100\n", ("3", "routes")),
        ("Key figures: cases promoted nationwide: seven; cases adopted: 12.", ("7", "cases")),
    ],
)
def test_a_list_entrys_value_in_words_counts_what_its_label_names(text, expected):
    value, unit = expected
    assert (Decimal(value), unit) in [(value, unit) for value, _, unit, _ in surfaces(text)]


# Yen are a currency the extractor reads, as tenge and euros are
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Sales at its Central Asia unit rose 14% to 8.2 billion yen.", ("8200000000", "JPY")),
        ("The trading house invested 1.5 billion Japanese yen in the park.", ("1500000000", "JPY")),
        ("Orders reached JPY 300 million in May.", ("300000000", "JPY")),
    ],
)
def test_yen_are_a_currency(text, expected):
    value, unit = expected
    assert (Decimal(value), unit) in [(value, unit) for value, _, unit, _ in surfaces(text)]


# What a price or fare 'starts from' is its least: 'at_least', as 'from as little as' is
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Introductory one-way fares start from AED899.", ("899", "AED")),
        ("Return tickets starting at 2,400 yuan went on sale on Monday.", ("2400", "CNY")),
        ("Rents in the bonded warehouse start at 25 yuan a square metre.", ("25", "CNY")),
        ("Fares range from as little as $150.", ("150", "USD")),
    ],
)
def test_what_a_price_starts_from_is_its_least(text, expected):
    value, unit = expected
    assert (Decimal(value), None, unit, "at_least") in surfaces(text)


# "Factoring firms registered in the zone numbered 1,340": what numbered is the noun before its participle phrase
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "By then, supply-chain finance and factoring firms registered in the zone numbered 1,340.",
            ("1340", "enterprises"),  # firms are counted as enterprises
        ),
        ("In June, foreign-funded logistics companies operating in the park totalled 420.", ("420", "enterprises")),
        ("Meanwhile, bonded and overseas warehouses opened since the launch now number 46.", ("46", "warehouses")),
        ("Trade partners of the zone numbered 118.", ("118", "partners")),
    ],
)
def test_a_noun_with_a_participle_before_numbered_is_what_is_counted(text, expected):
    value, unit = expected
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(value), unit)]


# "a gain of 7.4 points in under two years": the years or months a change took date it, and are no figure
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The share rose 7.4 percentage points in under two years.", [("7.4", "pp")]),
        ("Trade grew 2.5-fold in three years.", [("150", "%")]),
        ("Exports doubled within 18 months.", [("100", "%")]),
        ("The zone aims to double its trade in less than five years.", [("100", "%")]),
        ("The railway is to be completed in six years.", [("6", "years")]),
        ("Clearance now takes under two days.", [("2", "days")]),
    ],
)
def test_the_years_a_change_took_are_no_figure(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


# A numbered track, runway, booth or stand is a name, as 'Hall 5' and 'Platform 2' are
@pytest.mark.parametrize(
    "text",
    [
        "Track 3 handles most of the 1,200 freight trains.",
        "Runway 2 reopened, and the airport handled 1,200 freight trains' worth of cargo.",
        "At Booth 18, a Kazakh firm took orders for 1,200 freight trains.",
    ],
)
def test_a_numbered_track_runway_or_booth_is_a_name(text):
    assert [value for value, *_ in surfaces(text)] == [Decimal(1200)]


# A person's age, a round-the-clock service, a 'top 10' band and a standard's or disease's name are no figures
@pytest.mark.parametrize(
    "text",
    [
        "The trader, aged 45, now employs 30 people.",
        "The plant hires workers aged 18 to 35 and now employs 30 people.",
        "Chen, who is 47, now employs 30 people.",
        "Her son, 12, helps out; the shop now employs 30 people.",
        "The port offers a 24-hour customs service and now employs 30 people.",
        "Customs officers work 24 hours a day, seven days a week, and the hall now employs 30 people.",
        "The zone ranks among the top 10 in China and now employs 30 people.",
        "Horgos, one of the top three ports, now employs 30 people.",
        "After the COVID-19 pandemic, the ISO 9001-certified plant now employs 30 people.",
        "The Industry 4.0 workshop on Page 4 now employs 30 people.",
    ],
)
def test_ages_round_the_clock_services_top_bands_and_names_are_no_figures(text):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [(Decimal(30), "jobs")]


# "create 2,000 jobs over five years": the years a plan or a change spans date it; 'for over 30 years' is a bound
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The project will create 2,000 jobs over five years.", [("2000", "jobs", "exact")]),
        ("Investors pledged 3 billion yuan over three years.", [("3000000000", "CNY", "exact")]),
        ("Freight volumes will rise by a third over 18 months.", [("33.3", "%", "about")]),
        ("The land lease runs for over 30 years.", [("30", "years", "more_than")]),
    ],
)
def test_the_years_a_plan_spans_are_no_figure(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


# Sixths and eighths are fractions as thirds and fifths are; 'more or less' is 'about'
@pytest.mark.parametrize(
    "text, expected",
    [
        ("A sixth of the trucks carried fruit.", ("16.7", "about")),
        ("Exports to Kazakhstan rose by one-eighth.", ("12.5", "exact")),
        ("Five-sixths of the parcels went to Central Asia.", ("83.3", "about")),
        ("Three-eighths of the trade is in yuan.", ("37.5", "exact")),
        ("Trade was more or less 5 billion yuan.", ("5000000000", "about")),
    ],
)
def test_sixths_and_eighths_are_fractions_and_more_or_less_is_about(text, expected):
    value, qualifier = expected
    assert [(value, qualifier) for value, _, _, qualifier in surfaces(text)] == [(Decimal(value), qualifier)]


# "Last year we had three trucks. Now we have 11": a count said again for a later time counts the same things
@pytest.mark.parametrize(
    "text, expected",
    [
        ('"Last year we had three trucks. Now we have 11," he said.', [("3", "trucks"), ("11", "trucks")]),
        ("In 2024 the port ran 12 routes. This year it runs 18.", [("12", "routes"), ("18", "routes")]),
        ("Last year I sold about 40 boxes a day. This year it is more than 60.", [("40", "boxes"), ("60", "boxes")]),
        ("Exports rose 5 percent in May. Now the rate is 12.", [("5", "%"), ("12", "")]),
    ],
)
def test_a_count_said_again_for_a_later_time_counts_the_same_things(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


# "Visits to Xinjiang by UAE residents rose 64 per cent ... to about 21,500": a subject with the places and people it
# is of is what the bare figure after its verb counts
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Visits to Xinjiang by UAE residents rose 64 per cent in the first half of the year to about 21,500.",
            [("64", "%"), ("21500", "visits")],
        ),
        ("Departures from Urumqi to the Gulf climbed to 46 in May.", [("46", "departures")]),
        ("Arrivals at Kashgar airport from Dubai rose to 3,200 in May.", [("3200", "arrivals")]),
    ],
)
def test_a_subject_with_its_phrases_is_what_the_figure_after_its_verb_counts(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


# "four out of five firms" is a share, as "one in five" is; "205 out of 207 measures" stays a count of a whole
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Four out of five firms in the zone are private.", [("80", "%", "exact")]),
        ("Nine out of ten trucks carried fruit.", [("90", "%", "exact")]),
        ("Nearly two out of three say trade will grow.", [("66.7", "%", "nearly")]),
        (
            "205 out of 207 measures have been implemented.",
            [("205", "measures", "exact"), ("207", "measures", "exact")],
        ),
    ],
)
def test_n_out_of_m_in_words_is_a_share(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


# "half a dozen routes" is six; "a dozen or so trucks", "20 or so firms" are about their number
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The airline opened half a dozen routes.", ("6", "routes", "exact")),
        ("A dozen or so trucks wait at the gate.", ("12", "trucks", "about")),
        ("Some 20 or so firms came to the fair.", ("20", "firms", "about")),  # firms taking part keep their word
        ("It opened 30 or so new routes.", ("30", "routes", "about")),
    ],
)
def test_half_a_dozen_and_or_so(text, expected):
    value, unit, qualifier = expected
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier)
    ]


# "rose by a factor of three" is a multiple, as "threefold" is: an increase of 200 percent
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trade rose by a factor of three.", [("200", "%", "exact")]),
        ("Parcel volumes grew by a factor of 2.5 in two years.", [("150", "%", "exact")]),
        ("Exports increased by roughly a factor of four.", [("300", "%", "about")]),
    ],
)
def test_by_a_factor_of_n_is_a_multiple(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


# Rules of the tune7h round (numbers and periods that generalise) ---------------------
# A part of the time the article speaks of, singled out ("alone", "by itself"), is not the time it goes on in
@pytest.mark.parametrize(
    "singled_out",
    [
        "The fourth quarter alone brought in 3.9 billion yuan.",
        "In December alone, exports reached 1.2 billion yuan.",
        "The month of June by itself accounted for 800 million yuan.",
        "The third quarter on its own added 2.5 billion yuan.",
    ],
)
def test_a_part_of_the_period_singled_out_does_not_carry_on(singled_out):
    opening = "Trade of the zone totalled 13.2 billion yuan in 2025, up 19.6 percent."
    text = f"{opening} {singled_out}\n\nThe zone also handled 8,150 freight trains."
    trains = by_value(extracted(text, published_on=dt.date(2026, 1, 12)), "8150")
    assert (trains.period_start, trains.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


# "N times" followed by what it multiplies is a change; the count after it keeps the unit counted before
@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Enterprises numbered 900, 2.2 times the 410 recorded at launch.",
            [("900", "enterprises"), ("120", "%"), ("410", "enterprises")],
        ),
        ("Cargo reached 3,000 tonnes, three times its 2023 level.", [("3000", "t"), ("200", "%")]),
        ("The port handled 1.5 times last year's volume.", [("50", "%")]),
        ("Clearances were four times those of the old hall.", [("300", "%")]),
    ],
)
def test_times_before_what_it_multiplies_is_a_change(text, expected):
    assert [(str(value), unit) for value, _, unit, _ in surfaces(text)] == expected


# A frequency counts the runs its sentence names, one or many, or the flying that makes them
@pytest.mark.parametrize(
    "text, unit",
    [
        ("Flight G9 528 will operate three times a week.", "flights"),
        ("The airline now flies five times weekly to Dubai.", "flights"),
        ("The new bus runs twice a day.", "buses"),
        ("A freight train leaves four times a week.", "trains"),
    ],
)
def test_a_frequency_counts_the_runs_named_one_or_many(text, unit):
    assert [found_unit for _, _, found_unit, _ in surfaces(text) if found_unit != ""] == [unit]


# Dates with "Sept.", flight and train numbers, and exchange rates are no figures; the figure beside them stays
@pytest.mark.parametrize(
    "text, expected",
    [
        ("KASHGAR, Sept. 21 (Xinhua) -- Trade rose 5%.", [("5", "%")]),
        ("The fair closes on Sept 30 with 40 exhibitors.", [("40", "exhibitors")]),
        ("Flight G9 528 takes 6 hours.", [("6", "h")]),
        ("Flight CZ6901 and train No. 12 left; the flight 3 hours long.", [("3", "h")]),
        ("($1 = 7.1720 yuan)", []),
        ("At 1 USD = 7.2 CNY the deal is worth 3 billion yuan.", [("3000000000", "CNY")]),
        ("(1 euro = 7.8 yuan) Sales reached 2 million euros.", [("2000000", "EUR")]),
    ],
)
def test_dates_run_numbers_and_exchange_rates_are_no_figures(text, expected):
    assert [(str(value), unit) for value, _, unit, _ in surfaces(text)] == expected


# "N in M" is a share of what follows it, a counted noun or the subject of a verb
@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("Now roughly four in ten are in yuan.", "40", "about"),
        ("Two in three say the rules are clear.", "66.7", "about"),
        ("One in five was Kazakh.", "20", "exact"),
        ("Three in ten traders have an account.", "30", "exact"),
    ],
)
def test_n_in_m_before_a_verb_is_a_share(text, value, qualifier):
    assert surfaces(text) == [(Decimal(value), None, "%", qualifier)]


# A level stated "at year-end" is of a year-end that has passed when the article is written
@pytest.mark.parametrize(
    "phrase",
    ["at year-end", "at the end of the year", "by year end", "as at year-end"],
)
def test_a_stated_level_at_year_end_is_of_a_year_end_passed(phrase):
    text = f"New enterprises numbered 900 in 2025, lifting the number of registered enterprises to 29,860 {phrase}."
    level = by_value(extracted(text, published_on=dt.date(2026, 1, 12)), "29860")
    assert level.period_end == dt.date(2025, 12, 31)


# A level with no time of its own (a rank, a stock) is at the end of the time its sentence spoke of
@pytest.mark.parametrize(
    "text, value",
    [
        ("The bonded zone contributed 10.2 billion yuan in 2025, up 35.1 percent, and ranked 58th nationwide.", "58"),
        ("Trade reached 4 billion yuan in the first half of 2025, and the zone ranked 12th among the areas.", "12"),
        ("Exports came to 9 billion yuan in 2025, and the port was ranked 7th in the country.", "7"),
    ],
)
def test_a_level_without_a_time_is_at_the_end_of_its_sentences_period(text, value):
    rank = by_value(extracted(text, published_on=dt.date(2026, 1, 12)), value)
    assert rank.period_end is not None and rank.period_end < dt.date(2026, 1, 1)


# A multiple of an old value ("double the amount in 2025", "nearly double a year earlier") is at the time its figure
# took, not at the time it is compared with; "has doubled since 2024" keeps its own run of years
@pytest.mark.parametrize(
    "text, value",
    [
        (
            "The firm exported 2,600 tonnes in the first eight months, more than double the amount a year earlier.",
            "100",
        ),
        (
            "It sold 2,600 tonnes in the first eight months, more than double the amount in the same period of 2025.",
            "100",
        ),
        ("Vegetable exports reached 517,000 tonnes in the first three quarters, nearly double a year earlier.", "100"),
        ("Sales came to 90 million yuan in the first half, three times the level of 2024.", "200"),
    ],
)
def test_a_multiple_of_an_old_value_is_at_the_time_its_figure_took(text, value):
    candidates = extracted(text, published_on=dt.date(2026, 10, 1))
    figure, multiple = candidates[0], by_value(candidates, value)
    assert figure.period_start is not None
    assert (multiple.period_start, multiple.period_end) == (figure.period_start, figure.period_end)


def test_a_multiple_since_a_year_keeps_its_own_run_of_years():
    candidates = extracted(
        "Trade reached 9 billion yuan in 2025 and has doubled since 2023.", published_on=dt.date(2026, 3, 1)
    )
    assert by_value(candidates, "100").period_start == dt.date(2023, 1, 1)


# "a further" or "another" between a fall and its size keeps it a fall
@pytest.mark.parametrize(
    "text, value",
    [
        ("Exports fell by a further 3 percent.", "-3"),
        ("Imports declined another 4.5 per cent.", "-4.5"),
        ("The share dropped a further 2%.", "-2"),
    ],
)
def test_a_further_fall_is_a_fall(text, value):
    assert [found for found, _, _, _ in surfaces(text)] == [Decimal(value)]


# A change said with what changed ("raised its farm exports by 34.6 percent") is a change, so it goes on in the
# period the article spoke of, as "rose 34.6 percent" does
def test_a_change_said_with_what_changed_goes_on_in_the_period_spoken_of():
    text = (
        "Exports through the zone reached 14.6 billion yuan in the first three quarters.\n\n"
        "In the south, the Kashgar area raised its farm exports by 34.6 percent."
    )
    change = by_value(extracted(text, published_on=dt.date(2026, 10, 23)), "34.6")
    assert (change.period_start, change.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 30))


# "at that date", "on that day", "as of that point": the day named before
@pytest.mark.parametrize("phrase", ["at that date", "on that day", "as of that point", "by that date"])
def test_that_date_is_the_day_named_before(phrase):
    text = f"Loans stood at 9.3 billion yuan as of end-September. Factoring firms numbered 1,340 {phrase}."
    level = by_value(extracted(text, published_on=dt.date(2026, 11, 26)), "1340")
    assert level.period_end == dt.date(2026, 9, 30)


# Numbers -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("One-third of the cargo went by rail.", "33.3", "about"),
        ("Exports rose by roughly one-fifth more than planned.", "20", "about"),
        ("Two-thirds of the firms are private.", "66.7", "about"),
        ("One-quarter of the trade passed through Horgos.", "25", "exact"),
    ],
)
def test_a_fraction_is_a_percentage_to_one_decimal(text, value, qualifier):
    assert surfaces(text) == [(Decimal(value), None, "%", qualifier)]


def test_a_period_of_quarters_is_no_fraction():
    assert surfaces("Trade reached 5 billion yuan in the first three quarters of 2023.") == [
        (Decimal("5000000000"), None, "CNY", "exact")
    ]


def test_the_scale_word_of_a_ranges_upper_bound_is_the_lower_bounds_too():
    assert surfaces("The centre could handle between 3 and 5 million parcels a month.") == [
        (Decimal("3000000"), Decimal("5000000"), "parcels", "between")
    ]
    assert surfaces("It takes between 3 and 5 days.") == [(Decimal(3), Decimal(5), "days", "between")]


def test_consecutive_years_are_a_trends_duration_not_a_figure():
    assert surfaces("Trade has grown for three consecutive years to 9 billion yuan.") == [
        (Decimal("9000000000"), None, "CNY", "exact")
    ]


def test_a_number_word_can_be_a_part_of_a_whole_but_one_of_is_no_figure():
    assert surfaces("Nine of its 19 innovation cases have been promoted.") == [
        (Decimal(9), None, "cases", "exact"),
        (Decimal(19), None, "cases", "exact"),
    ]
    assert surfaces("It is one of the 22 zones.") == [(Decimal(22), None, "zones", "exact")]


def test_a_part_takes_the_noun_of_its_whole_not_the_last_thing_counted():
    units = [
        unit for _, _, unit, _ in surfaces("It implemented 148 measures, and 21 of its innovation cases were promoted.")
    ]
    assert units == ["measures", "cases"]


def test_an_adverb_ends_the_counted_noun():
    assert surfaces("More than 1,000 enterprises now ship vehicles abroad.") == [
        (Decimal(1000), None, "enterprises", "more_than")
    ]


# Metrics -------------------------------------------------------------------------------
def test_a_percentage_that_says_up_is_the_growth_of_the_figure_before_it():
    candidates = extracted("Cargo at the airport reached 48,600 tonnes in the first half, up 62.5 percent.")
    assert by_value(candidates, "62.5").metric_code == "intl_cargo_throughput_growth_yoy"


def test_more_than_in_the_year_before_is_year_on_year_and_that_year_is_no_period():
    (tonnes, growth) = extracted(
        "The airport handled 126,000 tonnes of cargo in 2025, nearly 40 percent more than in 2024."
    )
    assert growth.metric_code == "intl_cargo_throughput_growth_yoy"
    assert (growth.period_start, growth.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_a_share_only_gets_a_share_metric():
    candidates = extracted("Trade rose 21.3 percent, accounting for nearly 30 percent of the zone's total.")
    assert by_value(candidates, "30").metric_code == ""
    assert by_value(candidates, "21.3").metric_code == "trade_value_growth_yoy"


def test_a_running_total_of_enterprises_is_the_registered_count():
    candidates = extracted("The area added 1,960 new enterprises in 2025, bringing the total to 13,400.")
    assert by_value(candidates, "1960").metric_code == "new_enterprises"
    assert by_value(candidates, "13400").metric_code == "registered_enterprises"


def test_a_subset_of_new_enterprises_gets_only_what_its_own_words_say():
    candidates = extracted("The area attracted 1,180 new enterprises, of which 426 were foreign-invested enterprises.")
    assert by_value(candidates, "1180").metric_code == "new_enterprises"
    assert by_value(candidates, "426").metric_code == ""


def test_cases_promoted_of_an_uncounted_whole_are_the_promoted_cases():
    candidates = extracted(
        "The area implemented 148 of its 173 measures, and 21 of its innovation cases had been promoted across "
        "Xinjiang, two of which were adopted nationwide."
    )
    assert by_value(candidates, "21").metric_code == "innovation_cases_promoted_regionally"
    assert by_value(candidates, "2").metric_code == "innovation_cases_adopted_nationally"


def test_money_of_planned_investment_named_after_it_is_a_plan_without_a_period():
    (plan,) = extracted("A further 15 billion yuan of planned investment broke ground in September.")
    assert plan.metric_code == ""
    assert plan.is_forecast
    assert (plan.period_start, plan.period_end) == (None, None)


def test_a_capacity_a_year_is_no_throughput():
    (capacity,) = extracted("The park is expected to handle 300,000 tonnes of cargo a year once completed in 2028.")
    assert capacity.metric_code == ""
    assert capacity.is_forecast


# Places --------------------------------------------------------------------------------
def test_the_other_end_of_a_link_is_not_the_figures_place():
    (countries,) = extracted("Urumqi International Airport now links Kashi with 31 countries.")
    assert countries.place_key == "12"


def test_a_place_in_an_aside_that_closes_before_the_figure_is_not_the_subject():
    (vehicles,) = extracted("Horgos Port, in the Kashgar area of the FTZ, cleared 9,000 vehicles in 2025.")
    assert vehicles.place_key == "11"


def test_a_place_after_through_the_is_the_figures_place():
    (share,) = extracted("One-third of that trade passed through the Urumqi area.")
    assert share.place_key == "5"


def test_a_nationwide_subject_gives_the_nation_to_the_sentences_figures():
    candidates = extracted(
        "In the Urumqi area trade grew.\n\nThe 22 zones nationwide reported trade of 4.1 trillion yuan."
    )
    assert by_value(candidates, "4100000000000").place_key == "1"


# Periods -------------------------------------------------------------------------------
def test_a_flow_without_a_period_takes_its_paragraphs_period():
    candidates = extracted("The port handled 9,000 trucks in 2025. It also processed 1.2 million parcels.")
    parcels = by_value(candidates, "1200000")
    assert (parcels.period_start, parcels.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    # A paragraph that names no time goes on with the period named last (issue 17, third round: "Of the three
    # areas, the Urumqi area posted ... 9.8 billion yuan" after a first-quarter paragraph); a share does not.
    other_paragraph = extracted("The port handled 9,000 trucks in 2025.\n\nIt also processed 1.2 million parcels.")
    assert by_value(other_paragraph, "1200000").period_end == dt.date(2025, 12, 31)
    share = extracted("The port handled 9,000 trucks in 2025.\n\nIt also handled 40 percent of the parcels.")
    assert by_value(share, "40").period_end is None


def test_an_old_value_does_not_take_a_period_named_before_it():
    candidates = extracted("Since autumn, goods arrive in one to two days, down from between 3 and 5 days.")
    old = by_value(candidates, "3")
    assert (old.period_start, old.period_end) == (None, None)


def test_now_in_a_figures_clause_outweighs_a_period_in_another_clause():
    candidates = extracted(
        "Cargo reached 48,600 tonnes in the first half, and the airport now operates 26 cargo routes."
    )
    routes = by_value(candidates, "26")
    assert (routes.period_start, routes.period_end) == (None, PUBLISHED)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("For the full year, the area aims to add 2,000 new enterprises.", "2026-01-01", "2026-12-31"),
        ("Contracts worth 6.8 billion yuan were signed in May.", "2025-05-01", "2025-05-31"),
        ("Contracts worth 6.8 billion yuan were signed in February.", "2026-02-01", "2026-02-28"),
    ],
)
def test_the_full_year_and_a_month_without_a_year_are_read_from_the_publication_date(text, start, end):
    (candidate,) = extracted(text)
    assert (candidate.period_start, candidate.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_an_undated_texts_month_is_in_the_latest_year_it_has_named_and_by_then_repeats_it():
    text = (
        "Trade reached 38.4 billion yuan in the first ten months of 2026. A hub is due once completed in 2028.\n\n"
        "By the end of October, the area had implemented 121 of its 132 measures. "
        "Contracted investment had exceeded 60 billion yuan by then."
    )
    candidates = extracted(text, published_on=None)
    assert by_value(candidates, "121").period_end == dt.date(2026, 10, 31)
    assert by_value(candidates, "60000000000").period_end == dt.date(2026, 10, 31)


def test_to_top_is_more_than_and_a_forecast_for_this_year_covers_all_of_it():
    text = "The Horgos area expects trade to top 80 billion yuan this year, after 61.2 billion yuan in 2024."
    forecast, old = extracted(text)
    assert (forecast.qualifier, forecast.metric_code, forecast.is_forecast) == ("more_than", "trade_value", True)
    assert (forecast.period_start, forecast.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert (old.period_start, old.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def test_what_rose_to_a_number_is_what_it_counts():
    text = "The zone's innovation cases rose to 85 this year; 20 of them have been promoted across Xinjiang."
    total, promoted = extracted(text)
    assert (total.unit, promoted.unit) == ("cases", "cases")
    assert promoted.metric_code == "innovation_cases_promoted_regionally"


def test_the_same_period_of_an_earlier_year_is_the_period_named_before_in_that_year():
    text = (
        "It handled 3.1 million tonnes of cargo in the first nine months, "
        "up from 2.4 million tonnes in the same period of 2024."
    )
    new, old = extracted(text, published_on=dt.date(2025, 10, 20))
    assert (new.period_start, new.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    assert (old.period_start, old.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 9, 30))
    text = "Trade was 5 billion yuan in the first half, against 4 billion yuan in the same period last year."
    (_, last_year) = extracted(text)
    assert (last_year.period_start, last_year.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))


# Fourth round (issue 17): numbers -------------------------------------------------------
@pytest.mark.parametrize(
    "text, value, value_max, unit, qualifier",
    [
        ("Imports fell 3.2 percent year-on-year.", "-3.2", None, "%", "exact"),
        ("Sales of cotton were down 12 per cent.", "-12", None, "%", "exact"),
        ("It reversed a decline of 4.3 per cent a year earlier.", "-4.3", None, "%", "exact"),
        ("Freight rates dropped by about 15 percent.", "-15", None, "%", "about"),
        ("Its share slipped 0.6 percentage points.", "-0.6", None, "pp", "exact"),
        ("Prices declined 3-5 percent.", "-5", "-3", "%", "between"),
        ("Imports contracted by 2.4 percent.", "-2.4", None, "%", "exact"),
        ("Exports saw negative growth of 1.5 percent.", "-1.5", None, "%", "exact"),
        ("Contracted investment rose 5 percent.", "5", None, "%", "exact"),
        ("The share rose 2.1 percentage points.", "2.1", None, "pp", "exact"),
        ("Its share fell to 5 percent.", "5", None, "%", "exact"),
        ("The share is 8 percent, down from 12 percent.", "8", None, "%", "exact"),
    ],
)
def test_a_change_said_to_fall_is_negative_a_level_or_old_value_is_not(text, value, value_max, unit, qualifier):
    expected = (Decimal(value), Decimal(value_max) if value_max else None, unit, qualifier)
    assert surfaces(text)[0] == expected


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("Clearance time at the port was halved in 2025.", "-50", "exact"),
        ("Paperwork for exporters has been nearly halved.", "-50", "nearly"),
        ("Halving the waiting time took two years.", "-50", "exact"),
    ],
)
def test_halved_is_a_fall_of_fifty_percent(text, value, qualifier):
    assert surfaces(text)[0] == (Decimal(value), None, "%", qualifier)


@pytest.mark.parametrize(
    "text, value, qualifier",
    [
        ("Trade with the Gulf grew, with the UAE accounting for roughly a third.", "33.3", "about"),
        ("Private firms made up a quarter.", "25", "exact"),
        ("Kazakhstan accounts for nearly a fifth.", "20", "nearly"),
    ],
)
def test_a_fraction_that_something_accounts_for_or_makes_up_is_a_share(text, value, qualifier):
    assert surfaces(text) == [(Decimal(value), None, "%", qualifier)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Customs clear a shipment in between two and four hours.", [("2", "4", "h", "between")]),
        ("It has between five and eight warehouses.", [("5", "8", "warehouses", "between")]),
        ("One hundred and twenty firms signed up.", [("120", None, "enterprises", "exact")]),
    ],
)
def test_number_words_joined_by_and_are_a_range_unless_and_follows_hundred(text, expected):
    assert surfaces(text) == [
        (Decimal(value), Decimal(value_max) if value_max else None, unit, qualifier)
        for value, value_max, unit, qualifier in expected
    ]


@pytest.mark.parametrize(
    "text",
    [
        "During the 14th Five-Year Plan period (2021-2025), trade grew 16 per cent a year.",
        "The region's five-year plan sets a target of 16 per cent growth a year.",
    ],
)
def test_a_five_year_plan_is_a_name_not_a_duration(text):
    assert [unit for _, _, unit, _ in surfaces(text)] == ["%"]


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("New enterprises in the area more than doubled year-on-year to 4,120 in 2025.", "4120", "enterprises"),
        ("Freight trains nearly tripled to 930 in 2025.", "930", "trains"),
    ],
)
def test_what_doubled_to_a_bare_number_is_what_it_counts(text, value, unit):
    assert by_value(extracted(text), value).unit == unit


def test_a_part_of_the_newcomers_counts_what_the_sentence_before_counted():
    candidates = extracted("The area added 640 new enterprises in 2025. Seven of the newcomers are from Dubai.")
    assert by_value(candidates, "7").unit == "enterprises"


# Fourth round (issue 17): periods -------------------------------------------------------
@pytest.mark.parametrize(
    "text, value",
    [
        (
            "Trade rose 18.6 percent year-on-year to 82.4 billion yuan (about 11.6 billion U.S. dollars) in 2025.",
            "18.6",
        ),
        ("Trade in the area rose 9.6 per cent, year on year, to 14.8 billion yuan in 2025.", "9.6"),
        ("New enterprises more than doubled year-on-year to 5,630 in 2025.", "100"),
    ],
)
def test_a_change_to_a_figure_shares_the_figures_period(text, value):
    candidate = by_value(extracted(text), value)
    assert (candidate.period_start, candidate.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    "published_on, start",
    [(dt.date(2026, 11, 3), dt.date(2023, 11, 3)), (dt.date(2028, 2, 29), dt.date(2025, 2, 28))],
)
def test_over_the_past_three_years_ends_on_the_anchor_and_starts_three_years_before(published_on, start):
    (candidate,) = extracted("Over the past three years, cross-border settlement has grown 2.5-fold.", published_on)
    assert (candidate.value, candidate.period_start, candidate.period_end) == (Decimal(150), start, published_on)


def test_this_year_up_to_an_as_of_date_in_its_sentence_ends_on_that_date():
    candidates = extracted(
        "By the end of June, 1,080 new enterprises had registered in the area this year, bringing the total to 9,460.",
        dt.date(2026, 7, 21),
    )
    new = by_value(candidates, "1080")
    assert (new.period_start, new.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert by_value(candidates, "9460").period_end == dt.date(2026, 6, 30)


def test_money_said_to_be_expected_after_it_is_a_forecast():
    (money,) = extracted(
        "Officials said projects worth 3 to 5 billion yuan are expected to be signed by the end of the year."
    )
    assert money.is_forecast
    assert (money.period_start, money.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_what_something_is_worth_is_a_level_as_the_article_speaks():
    candidates = extracted(
        "Twenty firms have set up in the zone since January. Their projects are worth 3 billion yuan."
    )
    money = by_value(candidates, "3000000000")
    assert (money.period_start, money.period_end) == (None, PUBLISHED)


@pytest.mark.parametrize(
    "second_paragraph, value, expected",
    [
        ("Exports climbed nearly 40 percent, while imports fell 3.2 percent.", "40", (2025, 1, 1)),
        ("Exports climbed nearly 40 percent, while imports fell 3.2 percent.", "-3.2", (2025, 1, 1)),
        ("Its share of the zone's trade rose to 35 percent.", "35", (2025, 1, 1)),
        ("It also handled 40 percent of the parcels.", "40", None),  # a share without a change stays undated
    ],
)
def test_a_change_in_a_paragraph_without_a_time_takes_the_period_named_last(second_paragraph, value, expected):
    candidates = extracted(f"Trade reached 8 billion yuan in 2025.\n\n{second_paragraph}")
    start = by_value(candidates, value).period_start
    assert start == (dt.date(*expected) if expected else None)


def test_the_same_period_last_year_does_not_become_the_paragraphs_period():
    text = (
        "Trade rose 9.6 per cent to 14.8 billion yuan in the first half of 2026, reversing a decline of 4.3 per cent"
        " in the same period last year.\n\nExports of garments were down 6 per cent."
    )
    candidates = extracted(text, dt.date(2026, 7, 21))
    assert by_value(candidates, "-4.3").period_start == dt.date(2025, 1, 1)
    assert by_value(candidates, "-6").period_start == dt.date(2026, 1, 1)


# Fourth round (issue 17): metrics -------------------------------------------------------
ROUND_FOUR_CODES = MORE_CODES | {"trade_value_avg_annual_growth"}


def extracted_with(text: str, codes=ROUND_FOUR_CODES, published_on=PUBLISHED):
    return extract_candidates(
        text, published_on=published_on, places=KINDED_PLACES, metric_codes=codes, stock_metric_codes=MORE_STOCKS
    ).candidates


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("The area's foreign trade in 2025 was 38.7 billion yuan, down 2.1 percent.", "-2.1", "trade_value_growth_yoy"),
        (
            "The airport handled 34,200 tonnes of cargo in 2025, a decline of 4 percent.",
            "-4",
            "intl_cargo_throughput_growth_yoy",
        ),
    ],
)
def test_a_fall_after_a_measured_figure_is_its_change(text, value, code):
    assert by_value(extracted_with(text), value).metric_code == code


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Contracted investment reached 28.6 billion yuan in 2025, compared with 24.1 billion yuan a year earlier.",
         "24100000000", "contracted_investment"),
        ("The park will handle 300,000 tonnes of cargo a year.", "300000", ""),
    ],
)  # fmt: skip
def test_a_year_earlier_is_no_capacity_a_year(text, value, code):
    assert by_value(extracted_with(text), value).metric_code == code


@pytest.mark.parametrize(
    "text, code",
    [
        ("From 2021 to 2025, the prefecture's foreign trade grew by an average of 16 per cent a year.",
         "trade_value_avg_annual_growth"),
        ("From 2021 to 2025, the prefecture's fruit exports grew by an average of 11 percent a year.", ""),
    ],
)  # fmt: skip
def test_trade_growing_by_an_average_a_year_is_its_average_annual_growth(text, code):
    (growth,) = extracted_with(text)
    assert growth.metric_code == code


def test_growth_over_several_years_is_not_year_on_year():
    (growth,) = extracted_with(
        "Over the past three years, trade in yuan has grown 2.5-fold year on year.", published_on=dt.date(2026, 11, 3)
    )
    assert growth.metric_code == ""


@pytest.mark.parametrize(
    "text, code",
    [
        ("The area's share of Xinjiang's foreign trade rose to 7.2 per cent in 2025.", "share_of_regional_trade"),
        ("The area's share of the zone's trade rose to 35 per cent in 2025.", ""),
    ],
)
def test_a_share_of_xinjiangs_foreign_trade_is_the_regional_share(text, code):
    (share,) = extracted_with(text)
    assert share.metric_code == code


# "The park had 4,100 firms as of the end of June. About 2,500 of them have opened since its launch in 2024": a part of
# the level just dated, counted since the launch up to the same day, not to publication
def test_a_running_part_of_a_level_dated_in_the_sentence_before_ends_on_that_day():
    text = (
        "The park had 4,100 registered firms as of the end of June, its office said. About 2,500 of them have opened "
        "since its launch in March 2024."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 8, 20)), "2500")
    assert (figure.period_start, figure.period_end) == (dt.date(2024, 3, 1), dt.date(2026, 6, 30))


# "The mill plans to add four more looms next year": a planned increment has no start of its own, only the end of
# the year it is to be reached by
def test_a_planned_increment_next_year_gets_only_an_end():
    text = "The mill plans to add four more looms next year, its manager said."
    figure = by_value(extracted(text, published_on=dt.date(2026, 8, 20)), "4")
    assert figure.is_forecast
    assert (figure.period_start, figure.period_end) == (None, dt.date(2027, 12, 31))


# "signed 9 agreements on Thursday, worth a combined AED800 million. [two sentences] The largest deal, worth AED300
# million, ...": the largest of the deals is dated on the day they were signed, a few sentences back
def test_the_largest_deal_a_few_sentences_after_the_signing_is_dated_that_day():
    text = (
        "Emirati firms signed 9 agreements with the port on Thursday, worth a combined AED800 million. Fifteen "
        "companies took part. The deals cover storage and food processing. The largest deal, worth AED300 million, "
        "covers a cold store."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 5, 15)), "300000000")
    assert figure.is_forecast
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 5, 14), dt.date(2026, 5, 14))


# "Daily pay at the depot ranges from 180 to 260 yuan, she said": a range of a wage is a rate as the article speaks,
# not an old value after "from"
def test_a_wage_that_ranges_from_one_figure_to_another_is_dated_at_publication():
    text = "Daily pay at the new depot ranges from 180 to 260 yuan, the foreman said."
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 2)), "180")
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 6, 2))


# "signed 12 agreements on Tuesday, worth a combined AED900 million", "Five of the deals, worth a total of": the value
# of deals in a clause of its own after them is promised, a forecast with no metric; a tally signed "since January"
# is not
def test_deal_value_in_a_clause_after_the_deals_is_promised():
    text = (
        "Gulf investors signed 12 agreements with the port authority on Tuesday, worth a combined AED900 million. "
        "Five of the deals, worth a total of 700 million yuan, cover cold storage."
    )
    figures = extracted(text, published_on=dt.date(2026, 5, 14))
    combined, part = by_value(figures, "900000000"), by_value(figures, "700000000")
    assert combined.is_forecast and part.is_forecast
    assert combined.metric_code == "" and part.metric_code == ""
    tally = "Investors have signed 30 agreements in the zone since January, worth a combined US$400 million."
    assert not by_value(extracted(tally, published_on=dt.date(2026, 5, 14)), "400000000").is_forecast


# "signed during the fair, which ran from 3rd to 6th May, with a combined value of": a sum promised at an event of a
# few days is dated over those days, as are the parts of it and the largest deal that follow
def test_deals_signed_over_an_event_of_a_few_days_are_dated_over_them():
    text = (
        "The fair closed on Friday with 15 agreements signed by visiting firms during the event, which ran from 3rd "
        "to 6th May, with a combined value of AED1.2 billion.\n\n"
        "Four of the agreements, worth a total of 900 million yuan, cover storage. The largest deal, a 500 million "
        "yuan warehouse to be built by a Dubai group, will open in 2028."
    )
    figures = extracted(text, published_on=dt.date(2026, 5, 8))
    for value in ("1200000000", "900000000", "500000000"):
        figure = by_value(figures, value)
        assert figure.is_forecast, value
        assert (figure.period_start, figure.period_end) == (dt.date(2026, 5, 3), dt.date(2026, 5, 6)), value


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Contracted investment reached 21.5 billion yuan, and 37 projects worth a combined 5.2 billion yuan started.",
         "5200000000", ""),
        ("Contracted investment reached 21.5 billion yuan, and 37 projects worth a combined 5.2 billion yuan started.",
         "21500000000", "contracted_investment"),
        ("The UAE's direct investment in Xinjiang totalled 4.5 billion yuan in 2025.", "4500000000", ""),
        ("Gulf firms signed 14 agreements in the zone, worth a combined USD 640 million in contracted investment.",
         "640000000", "contracted_investment"),
    ],
)  # fmt: skip
def test_money_that_counted_things_are_worth_or_direct_investment_is_no_contracted_investment(text, value, code):
    assert by_value(extracted_with(text), value).metric_code == code


# Fourth round (issue 17): places --------------------------------------------------------
@pytest.mark.parametrize(
    "text, value, key",
    [
        ("In the Kashgar area, trade grew. The area's share of Xinjiang's foreign trade rose to 7.2 per cent.",
         "7.2", "4"),
        ("The Urumqi area's trade rose 21.4 percent, and its share of the zone's trade increased to 35 percent.",
         "35", "5"),
    ],
)  # fmt: skip
def test_the_place_whose_trade_a_share_is_of_is_not_the_figures_place(text, value, key):
    assert by_value(extracted(text), value).place_key == key


@pytest.mark.parametrize(
    "text",
    [
        "Since its launch in 2023, the Kashi-Almaty cargo route has carried more than 60,000 tonnes.",
        "The Almaty-Kashi cargo route has carried more than 60,000 tonnes.",
    ],
)
def test_a_place_joined_to_another_by_a_hyphen_is_the_end_of_a_route_not_the_subject(text):
    (tonnes,) = extracted(text)
    assert tonnes.place_key == ""


# Fourth round (issue 17): variants of the same rules, on wording the articles did not use ----------------
@pytest.mark.parametrize(
    "text, value",
    [
        ("Exports posted a 3.2 percent decline in 2025.", "-3.2"),
        ("Imports saw a 5 percent year-on-year drop in 2025.", "-5"),
    ],
)
def test_a_percentage_followed_by_a_fall_is_negative(text, value):
    (fall,) = extracted(text)
    assert fall.value == Decimal(value)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Trade posted a 12.5 percent year-on-year rise to 5 billion yuan in the third quarter of 2025.", "12.5"),
        ("Its share rose by 1.2 percentage points to 21 percent in the third quarter of 2025.", "1.2"),
    ],
)
def test_a_change_noun_or_points_to_a_figure_share_the_figures_period(text, value):
    candidate = by_value(extracted(text), value)
    assert (candidate.period_start, candidate.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Trade reached 5 billion yuan in Q1-Q3.", "2025-01-01", "2025-09-30"),
        ("Trade reached 5 billion yuan in Q2-Q3 2024.", "2024-04-01", "2024-09-30"),
    ],
)
def test_a_range_of_quarters_is_one_period(text, start, end):
    (money,) = extracted(text, dt.date(2026, 1, 20))
    assert (money.period_start, money.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_an_increase_over_the_same_period_last_year_is_this_years_not_last_years():
    candidates = extracted(
        "Trade reached 5 billion yuan in the first half, an increase of 12.5 percent over the same period last year.",
        dt.date(2026, 7, 21),
    )
    growth = by_value(candidates, "12.5")
    assert (growth.period_start, growth.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    # "Over the same period" alone is the period named last, as before
    (_, imports) = extracted("Trade reached 5 billion yuan in 2025. Over the same period, imports rose 3 percent.")
    assert (imports.period_start, imports.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    "text, code",
    [
        ("In 2025, trade grew 8.1 percent from the previous year to 5 billion yuan.", "trade_value"),
        ("Trade posted a 12.5 percent year-on-year rise to 5 billion yuan in 2025.", "trade_value"),
        ("Trade with Kazakhstan rose 9 percent to 3 billion yuan in 2025.", ""),
    ],
)
def test_money_that_trade_rose_to_is_the_trade_value_but_not_trade_with_one_partner(text, code):
    assert by_value(extracted(text), "5000000000" if "5 billion" in text else "3000000000").metric_code == code


def test_since_an_event_a_few_words_long_in_a_month_dates_a_running_total():
    (enterprises,) = extracted(
        "Since the launch of the free trade zone in August 2023, it has attracted 3,000 new enterprises."
    )
    assert (enterprises.period_start, enterprises.period_end) == (dt.date(2023, 8, 1), PUBLISHED)


def test_the_years_since_an_event_are_no_figure_but_the_years_up_to_the_anchor():
    (enterprises,) = extracted("In the two years since its launch, the zone has attracted 9,000 new enterprises.")
    assert (enterprises.period_start, enterprises.period_end) == (dt.date(2024, 3, 9), PUBLISHED)


def test_tonnes_of_freight_are_cargo_throughput_and_its_rise_the_throughputs_growth():
    tonnes, growth = extracted("Horgos Port handled 45 million tonnes of freight last year, up 8 percent year on year.")
    assert (tonnes.metric_code, growth.metric_code) == ("intl_cargo_throughput", "intl_cargo_throughput_growth_yoy")


def test_a_count_that_brings_the_total_to_a_number_is_a_level():
    (_, total) = extracted("The airport opened 12 new international routes this year, bringing the total to 31.")
    assert (total.period_start, total.period_end) == (None, PUBLISHED)


def test_a_change_to_a_figure_without_a_period_of_its_own_takes_the_period_the_figure_took():
    text = (
        "Trade reached 19.7 billion yuan in 2025.\n\n"
        "Trade in the Kashgar area nearly tripled year on year to 4.2 billion yuan."
    )
    tripled = by_value(extracted(text), "200")
    assert (tripled.period_start, tripled.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("The bonded zone's import and export value reached 12.5 billion yuan in 2025, accounting for 8.6% of the "
         "region's total.", "8.6", "share_of_regional_trade"),
        ("Orchards cover 600,000 hectares, about half of the region's total farmland.", "50",
         "forest_fruit_area_share"),
    ],
)  # fmt: skip
def test_trade_as_a_share_of_the_regions_total_is_the_regional_share(text, value, code):
    codes = ROUND_FOUR_CODES | {"forest_fruit_area_share"}
    assert by_value(extracted_with(text, codes), value).metric_code == code


def test_ones_counts_what_its_sentence_counted_before():
    assert surfaces("The zone now hosts 3,100 enterprises, including 420 foreign-funded ones.") == [
        (Decimal(3100), None, "enterprises", "exact"),
        (Decimal(420), None, "enterprises", "exact"),
    ]


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("Since the start of 2025, the zone has attracted 3,000 new enterprises.", "2025-01-01", "2026-03-09"),
        ("Over the past year, the zone has attracted 3,000 new enterprises.", "2025-03-09", "2026-03-09"),
        ("Over the last year, the zone has attracted 3,000 new enterprises.", "2025-03-09", "2026-03-09"),
        ("The zone attracted 3,000 new enterprises last year.", "2025-01-01", "2025-12-31"),
        ("Up to the end of February, the zone had registered 3,000 new enterprises.", None, "2026-02-28"),
    ],
)
def test_since_the_start_of_a_year_the_past_year_and_up_to_the_end_of_a_month(text, start, end):
    (enterprises,) = extracted(text)
    expected = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert (enterprises.period_start, enterprises.period_end) == expected


def test_a_year_span_written_with_two_digits_is_no_figure():
    assert surfaces("In the 2024-25 period, trade totalled 150 billion yuan.") == [
        (Decimal("150000000000"), None, "CNY", "exact")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trade reached 5 billion Chinese yuan.", [("5000000000", "CNY")]),
        ("It posted a 20-percent increase.", [("20", "%")]),
        ("Trade reached Rmb1.2bn.", [("1200000000", "CNY")]),
        ("The fair drew 1,500 people and 300 staff.", [("1500", "people"), ("300", "staff")]),
        ("The bonded zone ranked No. 1 in the region.", [("1", "rank")]),
        ("Pupils of No. 3 Middle School planted 200 trees.", [("200", "trees")]),
    ],
)
def test_more_ways_of_writing_units_ranks_and_plurals(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


def test_a_count_and_the_sum_it_is_worth_share_one_period():
    projects, money = extracted("The zone signed 120 projects with a total investment of 35 billion yuan in 2025.")
    assert (projects.period_start, projects.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (money.period_start, money.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


# Fifth round (issue 17, task 17t): rules the retired test articles and new phrasings called for ---------------
@pytest.mark.parametrize(
    "text, start, end",
    [
        # a change "over the previous year" is compared with that year; its own time is the one the sentence names
        ("Trade reached 5 billion yuan in 2025, an increase of 22 percent over the previous year.",
         "2025-01-01", "2025-12-31"),
        ("In 2025 exports grew 9 percent over the previous year.", "2025-01-01", "2025-12-31"),
        # "in the year since" is the year up to the anchor, as "in the two years since" is two
        ("The zone has attracted 22 new banks in the year since it was established.", "2025-03-09", "2026-03-09"),
    ],
)  # fmt: skip
def test_over_the_previous_year_is_a_comparison_and_the_year_since_an_event_a_period(text, start, end):
    figure = extracted(text)[-1]
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_a_count_a_change_brought_to_a_number_since_a_date_is_a_level_and_the_change_keeps_the_span():
    doubled, level = extracted("The number of processing enterprises in the zone has doubled since 2023 to 86.")
    assert (doubled.period_start, doubled.period_end) == (dt.date(2023, 1, 1), PUBLISHED)
    assert (level.unit, level.period_start, level.period_end) == ("enterprises", None, PUBLISHED)
    # new enterprises are a flow: counted since January, not a level
    (new,) = extracted("Since January, new enterprises in the zone rose to 1,200.")
    assert (new.period_start, new.period_end) == (dt.date(2026, 1, 1), PUBLISHED)


@pytest.mark.parametrize(
    "text, unit",
    [
        ("The hangar has serviced more than 150 foreign aircraft.", "aircraft"),
        ("The area's registered enterprises have exceeded 3,000.", "enterprises"),
        ("The Urumqi area accounts for the largest share of the zone's enterprises, with more than 13,400.",
         "enterprises"),
        ("Since January, new firms in the zone rose to 1,200.", "enterprises"),
    ],
)  # fmt: skip
def test_what_a_bare_count_counts_is_read_from_the_noun_before_its_verb_or_with(text, unit):
    ((_, _, found, _),) = surfaces(text)
    assert found == unit


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Vehicle exports through Horgos Port exceeded 300,000 units in 2025.", "300000", "vehicle_exports"),
        ("Exports of new-energy vehicles reached 80,000 units.", "80000", "vehicle_exports"),
        ("The plant assembled 5,000 units.", "5000", ""),
        # a capacity is not what was handled
        ("The terminal will lift the airport's annual cargo capacity to 500,000 tonnes.", "500000", ""),
        ("The airport handled 52,300 tonnes of cargo.", "52300", "intl_cargo_throughput"),
        ("The Urumqi area has the largest share of the zone's enterprises, with more than 13,400.", "13400",
         "registered_enterprises"),
    ],
)  # fmt: skip
def test_vehicles_counted_in_units_capacity_and_a_places_enterprises(text, value, code):
    assert by_value(extracted(text), value).metric_code == code


@pytest.mark.parametrize(
    "text, value, start, end",
    [
        # a total reached by now, in a paragraph after one that named a period: not that period's
        ("Trade reached 47 billion yuan in the first three quarters.\n\nThe Kashgar area has signed 112 projects "
         "with total contracted investment of 52.4 billion yuan.", "112", None, "2026-03-09"),
        ("Trade reached 47 billion yuan in the first three quarters.\n\nThe Kashgar area has signed 112 projects "
         "with total contracted investment of 52.4 billion yuan.", "52400000000", None, "2026-03-09"),
        ("Trade reached 47 billion yuan in 2025.\n\nThe port has opened 26 freight train routes.", "26", None,
         "2026-03-09"),
        ("The number of documents required has fallen from 14 to six.", "6", None, "2026-03-09"),
        # the old value stays undated; a change has a base that "has grown" does not date; a start left unknown
        ("The number of documents required has fallen from 14 to six.", "14", None, None),
        ("Exports have grown 20 percent.", "20", None, None),
        ("Imports have grown by 3 billion yuan since the zone's launch.", "3000000000", None, None),
        # a state as the article speaks, after a semicolon
        ("The area attracted 60 billion yuan in 2025; another 35 projects are in preparation.", "35", None,
         "2026-03-09"),
        ("The area attracted 60 billion yuan in 2025; another 12 projects are under construction.", "12", None,
         "2026-03-09"),
    ],
)  # fmt: skip
def test_a_present_perfect_total_or_a_state_without_a_time_of_its_own_is_dated_by_the_anchor(text, value, start, end):
    figure = by_value(extracted(text), value)
    expected = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)
    assert (figure.period_start, figure.period_end) == expected


@pytest.mark.parametrize(
    "text, value, start, end",
    [
        ("A new park is expected to create 20,000 jobs and generate output value of 15 billion yuan a year once "
         "completed in 2027.", "20000", "2027-01-01", "2027-12-31"),
        ("Exports reached 5 billion yuan and imports 3 billion yuan in 2025.", "5000000000", "2025-01-01",
         "2025-12-31"),
        # not through a change of subject with no "and": the plan's sum is not 2027's
        ("Planned investment of 8 billion yuan will raise capacity to 10 million tonnes once completed in 2027.",
         "8000000000", None, None),
    ],
)  # fmt: skip
def test_figures_joined_by_and_share_the_period_after_the_second(text, value, start, end):
    figure = by_value(extracted(text), value)
    expected = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)
    assert (figure.period_start, figure.period_end) == expected


def test_a_number_word_including_that_is_a_part_of_the_count_before_and_the_whole_keeps_its_metric():
    cases, promoted = extracted(
        "The zone has developed 25 institutional innovation cases, including five that have been promoted "
        "across Xinjiang."
    )
    assert (promoted.value, promoted.unit, promoted.metric_code) == (5, "cases", "innovation_cases_promoted_regionally")
    assert cases.metric_code == "institutional_innovation_cases"
    whole, part = extracted(
        "In all, 25 institutional innovation cases have been developed, including five that have been promoted "
        "across Xinjiang."
    )
    assert (whole.metric_code, part.metric_code) == (
        "institutional_innovation_cases",
        "innovation_cases_promoted_regionally",
    )
    # a number word after "including" with no relative clause counts nothing
    assert surfaces("It is one of 40 zones, including one in Xinjiang.") == [(Decimal(40), None, "zones", "exact")]


def test_an_ambiguous_bare_name_in_a_title_is_not_what_the_article_is_about():
    from curation.extraction.candidates import PlaceIndex

    places = PlaceIndex(
        {"Urumqi": "9", "Urumqi area": "5", "Urumqi International Airport": "12"},
        kinds={"9": "city", "5": "ftz_area", "12": "port"},
    )
    text = (
        "Urumqi airport's cargo soars in H1\n\n"
        "URUMQI, July 30 (Xinhua) -- Cargo at Urumqi International Airport reached 52,300 tonnes in the first half.\n\n"
        "Customs procedures have been simplified. Clearance now takes less than four hours."
    )
    hours = by_value(extract_candidates(text, places=places).candidates, "4")
    assert hours.place_key == "12"


@pytest.mark.parametrize(
    "text, value, place",
    [
        # "the port" is the land port the paragraph described without a name, in the Urumqi area
        ("In the Urumqi area, the international land port has opened 26 routes. Clearance time at the port has "
         "fallen to 1.5 hours.", "1.5", "5"),
        # with nothing described, a reference with nothing to stand for still leaves the place empty
        ("In the Urumqi area, trade grew. Clearance time at the port has fallen to 1.5 hours.", "1.5", ""),
        # a relative clause about a nationwide count is nationwide
        ("There are now 22 pilot free trade zones across China, which together accounted for about 18 percent of "
         "the country's foreign trade.", "18", "1"),
        # a share that opens its sentence is of the place whose total it names
        ("Trade grew fast. Over 90 percent of Horgos Port's exports go to Central Asia.", "90", "11"),
        # with no place before it in its sentence, a share of a place's total is that place's (the exports are the
        # port's); a share of a region's or the nation's whole stays with the subject (c84512b)
        ("Exports reached 5 billion yuan, 30 percent of Horgos Port's total.", "30", "11"),
    ],
)  # fmt: skip
def test_a_described_port_a_nationwide_relative_clause_and_an_opening_share_of_a_place(text, value, place):
    assert by_value(extracted(text), value).place_key == place


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Freight trains made 1,234 trips, carrying 98,000 TEUs.", [("1234", "trips"), ("98000", "TEU")]),
        ("The port handled 2.1 million TEU of containers.", [("2100000", "TEU")]),
        ("The share rose 2.3 ppts.", [("2.3", "pp")]),
        ("Its share of trade rose 1.5 points to 12 percent.", [("1.5", "pp"), ("12", "%")]),
        ("The rate fell by 0.8 pct points.", [("-0.8", "pp")]),
        ("The team scored 80 points.", [("80", "points")]),
    ],
)
def test_containers_in_teu_and_points_of_a_share_are_percentage_points(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trade grew 10 times between 2013 and 2023.", [("900", "%", "exact")]),
        ("Trade rose more than 2.5 times year on year.", [("150", "%", "more_than")]),
        ("Trade reached 4.5 billion yuan, 1.3 times that of a year earlier.",
         [("4500000000", "CNY", "exact"), ("30", "%", "exact")]),
        ("The zone handled three times the volume of 2020.", [("200", "%", "exact")]),
        # occasions, not a multiple: a frequency counts the runs its sentence names
        ("Trains run three times a week.", [("3", "trains", "exact")]),
        ("Inspectors visited the site 20 times.", [("20", "times", "exact")]),
    ],
)  # fmt: skip
def test_n_times_an_old_value_is_an_increase_of_n_minus_one_hundred_percent(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Trade was worth RMB 4.5 billion in the third quarter.", "4500000000", "trade_value"),
        ("Trade with Kazakhstan was worth 3 billion yuan.", "3000000000", ""),
        ("The zone is home to 1,200 enterprises.", "1200", "registered_enterprises"),
        ("The Urumqi area hosts 900 enterprises.", "900", "registered_enterprises"),
    ],
)
def test_trade_was_worth_and_the_enterprises_a_place_is_home_to(text, value, code):
    assert by_value(extracted(text), value).metric_code == code


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("In the January-November period of 2024, trade reached 50 billion yuan.", "2024-01-01", "2024-11-30"),
        ("From January to October this year, trade reached 50 billion yuan.", "2026-01-01", "2026-10-31"),
        ("From January to October last year, trade reached 50 billion yuan.", "2025-01-01", "2025-10-31"),
        ("Trade reached 50 billion yuan between January and October, 2024.", "2024-01-01", "2024-10-31"),
        ("Since the zone's launch two years ago, it has attracted 9,000 new enterprises.", "2024-03-09",
         "2026-03-09"),
        ("Since its launch a year ago, the zone has attracted 900 new enterprises.", "2025-03-09", "2026-03-09"),
        # as before
        ("Trade reached 9 billion yuan last year.", "2025-01-01", "2025-12-31"),
    ],
)  # fmt: skip
def test_a_month_range_takes_the_year_written_after_it_and_since_years_ago_runs_to_the_anchor(text, start, end):
    (figure,) = extracted(text, published_on=dt.date(2026, 11, 13) if "this year" in text else PUBLISHED)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Trade rose 14 percent. The Urumqi area posted the largest volume, at 9.8 billion yuan.", "9800000000",
         "trade_value"),
        # one route's load is not the airport's throughput
        ("The Urumqi-Almaty all-cargo route has carried more than 60,000 tonnes of goods.", "60000", ""),
        ("The airport handled 60,000 tonnes of cargo via new routes.", "60000", "intl_cargo_throughput"),
    ],
)  # fmt: skip
def test_money_volume_is_trade_and_one_routes_cargo_is_not_the_ports_throughput(text, value, code):
    assert by_value(extracted(text), value).metric_code == code


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trade rose. Of the three areas, the Urumqi area posted the largest volume, at 9.8 billion yuan.",
         [("9800000000", "CNY")]),
        ("Among the three areas, Urumqi hosts 9,600 enterprises.", [("9600", "enterprises")]),
        # a part follows: the whole and the part are both figures
        ("Of the five projects, three have started.", [("5", "projects"), ("3", "projects")]),
        ("Of the 96 measures assigned to the area, 91 have been put in place.",
         [("96", "measures"), ("91", "measures")]),
    ],
)  # fmt: skip
def test_a_small_set_a_sentence_opens_on_to_pick_from_is_no_figure_unless_a_part_follows(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("Trade reached upwards of 5 billion yuan.", "more_than"),
        ("Trade reached in excess of 5 billion yuan.", "more_than"),
        ("Trade reached an estimated 5 billion yuan.", "about"),
    ],
)
def test_upwards_of_in_excess_of_and_an_estimated(text, qualifier):
    ((_, _, _, found),) = surfaces(text)
    assert found == qualifier


@pytest.mark.parametrize(
    "text, forecast, start, end",
    [
        ("Trade is set to reach 8 billion yuan next year.", True, "2027-01-01", "2027-12-31"),
        ("The zone targets 8 billion yuan in trade by 2028.", True, "2028-01-01", "2028-12-31"),
        ("Officials hope to attract 500 firms in 2027.", True, "2027-01-01", "2027-12-31"),
        ("The port is poised to handle 2 million tonnes in 2027.", True, "2027-01-01", "2027-12-31"),
        # a target met is a fact
        ("The zone exceeded its target by 5 percent in 2025.", False, "2025-01-01", "2025-12-31"),
    ],
)
def test_set_to_poised_to_hope_to_and_targets_make_a_forecast_and_next_year_is_the_year_after(
    text, forecast, start, end
):
    figure = extracted(text)[0]
    assert (figure.is_forecast, figure.period_start, figure.period_end) == (
        forecast,
        dt.date.fromisoformat(start),
        dt.date.fromisoformat(end),
    )


def test_trade_accounting_for_a_share_of_the_regions_total_is_the_regional_share():
    share = by_value(
        extracted(
            "Trade reached 5 billion yuan, accounting for 30 percent of Xinjiang's total.",
        ),
        "30",
    )
    assert share.metric_code == "share_of_regional_trade"


@pytest.mark.parametrize(
    "text, value, code",
    [
        (
            "Exports of vehicles through the land port rose 20 percent to 85,000 units.",
            "20",
            "vehicle_exports_growth_yoy",
        ),
        ("Cargo at the airport rose 12 percent to 21,000 tonnes.", "12", "intl_cargo_throughput_growth_yoy"),
        # a change of something with no growth metric gets none
        ("Fruit output rose 9 percent to 21,000 hectares.", "9", ""),
    ],
)
def test_a_change_to_a_measured_figure_is_that_figures_growth(text, value, code):
    assert by_value(extracted(text), value).metric_code == code


def test_what_a_count_a_percentage_rise_led_to_counts_is_the_noun_before_the_rise():
    assert [unit for _, _, unit, _ in surfaces("The area's registered enterprises rose 8 percent to 3,000.")] == [
        "%",
        "enterprises",
    ]


@pytest.mark.parametrize(
    "text, anchor",
    [
        ("Zone marks anniversary\n\n2024-11-01 source:Global Times\n\nThe zone now hosts 3,000 enterprises.",
         "2024-11-01"),
        ("Headline\nBy MA XIAOLI in Kashgar | China Daily | Updated: 2025-12-09 07:45\n\nThe zone now hosts 3,000 "
         "enterprises, officials said on December 1, 2025.", "2025-12-09"),
        ("URUMQI, 13th November, 2025 (WAM) -- The zone now hosts 3,000 enterprises.", "2025-11-13"),
        # no date in the head: the latest statement date, as before
        ("URUMQI, July 30 (Xinhua) -- The zone now hosts 3,000 enterprises, the committee said on July 29, 2025.",
         "2025-07-29"),
    ],
)  # fmt: skip
def test_an_undated_sources_anchor_is_the_date_its_head_or_dateline_gives(text, anchor):
    (figure,) = extracted(text, published_on=None)
    assert figure.period_end == dt.date.fromisoformat(anchor)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The zone attracted half a million visitors.", [("500000", "visitors", "exact")]),
        ("The port handled a million tonnes of cargo.", [("1000000", "t", "exact")]),
        ("Trade reached more than a billion yuan.", [("1000000000", "CNY", "more_than")]),
        ("Trade was twice as large as in 2023.", [("100", "%", "exact")]),
        ("Exports were nearly twice the 2023 level.", [("100", "%", "nearly")]),
        ("The zone has 1.2 million square metres of warehouses.", [("1200000", "m2", "exact")]),
        ("One in five enterprises is foreign-funded.", [("20", "%", "exact")]),
        ("Nearly one in three of the trucks carries fruit.", [("33.3", "%", "nearly")]),
        # a frequency counts the runs its sentence names; no figure: an article before no scale word
        ("Trains run twice a week.", [("2", "trains", "exact")]),
        ("A new terminal opened.", []),
    ],
)
def test_a_million_twice_square_metres_and_one_in_five(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


def test_as_in_a_year_is_what_a_multiple_is_compared_with_not_its_period():
    (twice,) = extracted("Trade was twice as large as in 2023.")
    assert (twice.period_start, twice.period_end) == (None, None)


def test_a_working_day_is_a_day_cut_is_a_present_perfect_and_an_old_duration_is_a_level():
    new, old = extracted(
        "The area has cut the time needed to register a company to one working day, from five days in 2023."
    )
    assert (new.value, new.unit, new.period_start, new.period_end) == (1, "days", None, PUBLISHED)
    assert (old.value, old.unit, old.period_start, old.period_end) == (5, "days", None, dt.date(2023, 12, 31))
    assert [(value, unit) for value, _, unit, _ in surfaces("Approval now takes three business days.")] == [
        (Decimal(3), "days")
    ]


def test_a_share_of_the_total_in_the_next_paragraph_is_of_the_total_named_before():
    text = (
        "Trade in the Kashgar area rose 18 percent to 6.3 billion yuan in the third quarter of 2025.\n\n"
        "Textiles accounted for about 40 percent of the total."
    )
    share = by_value(extracted(text), "40")
    assert (share.period_start, share.period_end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    # a share of something else stays read against its own paragraph, as before
    other = (
        "Trade reached 6.3 billion yuan in the third quarter of 2025.\n\nOver 80 percent of the orchards are irrigated."
    )
    assert by_value(extracted(other), "80").period_end is None


@pytest.mark.parametrize(
    "text, value, place",
    [
        # the zone only dates the count: the area before it is the subject
        ("The Kashgar area has signed 230 projects since the zone's launch, with contracted investment of "
         "78 billion yuan.", "78000000000", "4"),
        # with no other subject in the sentence, the place whose launch it is still stands
        ("Trade grew in the Kashgar area. Since the zone's launch in 2023, it has attracted 9,000 new enterprises.",
         "9000", "3"),
    ],
)  # fmt: skip
def test_a_place_that_only_dates_an_event_gives_way_to_the_subject_before_it(text, value, place):
    assert by_value(extracted(text), value).place_key == place


@pytest.mark.parametrize(
    "text, code",
    [
        ("Trade rose 9 percent, and fresh fruit exports grew 2.1-fold.", ""),
        ("The area's cross-border e-commerce exports rose 12 percent year on year.", ""),
        ("The zone's exports rose 12 percent year on year.", "trade_value_growth_yoy"),
        ("The zone's total exports rose 12 percent year on year.", "trade_value_growth_yoy"),
        ("The port's vehicle exports rose 20 percent year on year.", "vehicle_exports_growth_yoy"),
    ],
)
def test_exports_of_one_kind_of_goods_are_not_the_trade(text, code):
    assert extracted(text)[-1].metric_code == code


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The park drew 1.5m visitors.", [("1500000", "visitors")]),
        ("Trade hit RMB 300m.", [("300000000", "CNY")]),
        ("Trade hit 300m yuan.", [("300000000", "CNY")]),
        # metres, not millions: no figure read
        ("The bridge is 100m long.", []),
        ("A 100m-long bridge opened.", []),
    ],
)
def test_m_after_digits_is_a_million_before_money_or_a_counted_noun(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("In the past 12 months, the zone attracted 3,000 new enterprises.", "2025-03-09", "2026-03-09"),
        ("Over the last six months, trade reached 5 billion yuan.", "2025-09-09", "2026-03-09"),
        ("In the year to September, trade reached 5 billion yuan.", "2024-10-01", "2025-09-30"),
        ("Trade in the six months to the end of March 2025 reached 5 billion yuan.", "2024-10-01", "2025-03-31"),
    ],
)
def test_the_past_n_months_and_the_months_to_a_month(text, start, end):
    figures = extracted(text)
    assert [(f.period_start, f.period_end) for f in figures] == [
        (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    ]  # "12 months" / "six months" are the period, not a figure


def test_trading_with_the_world_is_the_trade_and_with_one_partner_is_not():
    world = extracted("Xinjiang as a whole traded 215 billion yuan with the world in 2025.")[0]
    partner = extracted("Xinjiang traded 5 billion yuan with Kazakhstan in 2025.")[0]
    assert (world.metric_code, partner.metric_code) == ("trade_value", "")


# Sixth round (issue 17, task 17t2): numbers and periods other writers' layouts and wording called for ---------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # a numbered list's item numbers are no figures; a decimal opening a line still is
        ("1. Trade. Exports reached 5 billion yuan.\n\n2. Parcels. 4 million parcels were cleared.",
         [("5000000000", "CNY"), ("4000000", "parcels")]),
        ("3) Enterprises. 412 enterprises had settled in the zone.", [("412", "enterprises")]),
        ("1.5 billion yuan of goods crossed the border.", [("1500000000", "CNY")]),
        # "N years on" dates what follows, as "N years after" does
        ("Three years on, the zone handled 5 billion yuan of trade.", [("5000000000", "CNY")]),
        ("Two years on from its launch, the zone hosts 900 enterprises.", [("900", "enterprises")]),
        # "in the nine months" is the period named before, not a figure
        ("Goods worth 41.3 billion yuan crossed by rail in the nine months.", [("41300000000", "CNY")]),
        ("During the six months, trade reached 5 billion yuan.", [("5000000000", "CNY")]),
    ],
)  # fmt: skip
def test_list_item_numbers_years_on_and_the_n_months_are_no_figures(text, expected):
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal(value), unit) for value, unit in expected
    ]


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("The station expects the full-year total to pass 8,500 trains.", "more_than"),
        ("Trade is on course to pass 20 billion yuan.", "more_than"),
        ("Trade passed 20 billion yuan in October.", "more_than"),
    ],
)
def test_to_pass_a_figure_is_more_than_it(text, qualifier):
    assert [found for _, _, _, found in surfaces(text)] == [qualifier]


@pytest.mark.parametrize(
    "text, value, start, end",
    [
        # a span of days, day first or month first, the year after the second day or after each
        ("During the reporting period (1 January to 30 September 2026), trade totalled RMB 8.37 billion.",
         "8370000000", "2026-01-01", "2026-09-30"),
        ("From March 1 to June 30, 2025, trade reached 5 billion yuan.", "5000000000", "2025-03-01", "2025-06-30"),
        ("Between 15 November 2024 and 31 March 2025, exports reached 3 billion yuan.", "3000000000", "2024-11-15",
         "2025-03-31"),
        # "the reporting period" and "in the nine months" are the period named before
        ("Trade totalled 8 billion yuan from 1 January to 30 September 2026.\n\nSome 57 new enterprises registered "
         "in the zone during the reporting period.", "57", "2026-01-01", "2026-09-30"),
        ("Trade reached 50 billion yuan in the first nine months of 2025. Goods worth 4 billion yuan went by rail "
         "in the nine months.", "4000000000", "2025-01-01", "2025-09-30"),
    ],
)  # fmt: skip
def test_a_span_of_days_and_the_reporting_period(text, value, start, end):
    figure = by_value(extracted(text), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize(
    "text, value, start, end",
    [
        # "As at" dates a level as "As of" does; it is no comparison ("as in 2023" still is)
        ("As at end-June, the area had carried out 165 reform measures.", "165", None, "2025-06-30"),
        ("As at the end of September 2025, the area counted 9,480 registered enterprises.", "9480", None,
         "2025-09-30"),
        # since early in a year, since the end of a year or month: from then to the anchor
        ("Trade has doubled since early 2025.", "100", "2025-01-01", "2026-03-09"),
        ("The number of warehouses has tripled since the end of 2023.", "200", "2023-12-31", "2026-03-09"),
        ("Exports have doubled since end-June 2024.", "100", "2024-06-30", "2026-03-09"),
        # a count a change brought to since the end of a year is a level
        ("The number of warehouses has tripled since the end of 2023 to 46.", "46", None, "2026-03-09"),
    ],
)  # fmt: skip
def test_as_at_a_date_and_since_early_or_the_end_of_a_year(text, value, start, end):
    figure = by_value(extracted(text), value)
    expected = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert (figure.period_start, figure.period_end) == expected


def _with_codes(text: str, codes: set[str]):
    return extract_candidates(text, places=KINDED_PLACES, metric_codes=codes, stock_metric_codes=MORE_STOCKS).candidates


@pytest.mark.parametrize(
    "text, codes, expected",
    [
        # trade with one partner is that partner's bilateral trade when the portal has the metric, else none
        ("Trade with Kyrgyzstan alone came to 6.9 billion yuan, up from 5.2 billion yuan a year earlier.",
         MORE_CODES | {"bilateral_trade_kyrgyzstan"}, ["bilateral_trade_kyrgyzstan", "bilateral_trade_kyrgyzstan"]),
        ("The area's imports and exports with Kyrgyzstan reached 6.9 billion yuan.",
         MORE_CODES | {"bilateral_trade_kyrgyzstan"}, ["bilateral_trade_kyrgyzstan"]),
        ("Trade with Kazakhstan was worth 3 billion yuan.", MORE_CODES | {"bilateral_trade_kyrgyzstan"}, [""]),
        ("Trade reached 9 billion yuan.", MORE_CODES | {"bilateral_trade_kyrgyzstan"}, ["trade_value"]),
        # a kind of goods opening its sentence is no more the trade than inside it; a place's exports are
        ("Fruit exports rose 12 percent year on year.", MORE_CODES, [""]),
        ("Textile exports reached 5 billion yuan in 2025.", MORE_CODES, [""]),
        ("Xinjiang exports rose 12 percent year on year.", MORE_CODES, ["trade_value_growth_yoy"]),
        ("Exports rose 12 percent year on year.", MORE_CODES, ["trade_value_growth_yoy"]),
    ],
)  # fmt: skip
def test_trade_with_one_partner_and_a_kind_of_goods_opening_a_sentence(text, codes, expected):
    assert [figure.metric_code for figure in _with_codes(text, codes)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # the UAE's dirham, written before or after the figure; a conversion in brackets carries the bound
        ("UAE firms have invested upwards of AED 1.1 billion (US$300 million) in the zone.",
         [("1100000000", "AED", "more_than"), ("300000000", "USD", "more_than")]),
        ("The deal is worth 500 million dirhams.", [("500000000", "AED", "exact")]),
    ],
)  # fmt: skip
def test_dirhams_are_money_and_their_conversion_carries_the_bound(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


@pytest.mark.parametrize(
    "text, code",
    [
        ("The zone added 3,000 new market entities in 2025.", "new_enterprises"),
        ("The zone now has 30,000 market entities.", "registered_enterprises"),
        ("The zone now has 30 entities.", ""),
    ],
)
def test_market_entities_are_enterprises(text, code):
    assert extracted(text)[0].metric_code == code


@pytest.mark.parametrize(
    "text, expected",
    [
        # a move in a ranking is counted in ranks, and is no rank metric
        ("The bonded zone ranked 58th nationwide, up 11 places from the previous evaluation.",
         [("58", "rank", "bonded_zone_national_rank"), ("11", "rank", "")]),
        ("The city fell by 3 positions in the ranking.", [("3", "rank", "")]),
        # places to park or sit are counted as places
        ("The park has 11 places for trucks.", [("11", "places", "")]),
    ],
)  # fmt: skip
def test_places_up_or_down_in_a_ranking_are_ranks_and_no_rank_metric(text, expected):
    figures = _with_codes(text, MORE_CODES | {"bonded_zone_national_rank"})
    assert [(str(figure.value), figure.unit, figure.metric_code) for figure in figures] == expected


# Numbers that generalise (issue 17, seventh round) ---------------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        ("The flight takes around six and a half hours.", [("6.5", "h", "about")]),
        ("Clearance now takes two-and-a-half days.", [("2.5", "days", "exact")]),
        ("Goods reach Almaty in 3 and a half days.", [("3.5", "days", "exact")]),
        ("Trade reached one and a half billion yuan.", [("1500000000", "CNY", "exact")]),
        ("Inspection takes half an hour.", [("30", "min", "exact")]),  # thirty minutes, as labelled
        ("Clearance was cut by half a day.", [("0.5", "days", "exact")]),
        ("The drive took an hour and a half.", [("1.5", "h", "exact")]),
        # a half with no unit of time after it is still a share or change
        ("Exports grew by half.", [("50", "%", "exact")]),
    ],
)
def test_a_half_added_to_a_number_or_of_a_unit_of_time_is_read(text, expected):
    assert [(str(value), unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Urumqi area now has a direct flight to Dubai. The flight takes about six hours.",
        "Trains leave the Kashgar area daily, and the journey to Tashkent takes two days.",
    ],
)
def test_how_long_a_trip_takes_is_about_no_place(text):
    (figure,) = extracted(text)
    assert figure.unit in ("h", "days") and figure.place_key == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        # a range whose ends both carry the unit
        ("Trade grew 8%-10%.", [("8", "10", "%", "between")]),
        ("Trade grew 8%, up from 5%.", [("8", None, "%", "exact"), ("5", None, "%", "exact")]),
        # names with a number, and a time of day
        ("Line 2 of the metro opened.", []),
        ("Version 2.0 of the platform launched.", []),
        ("At 9 a.m., 30 trucks were waiting.", [("30", None, "trucks", "exact")]),
        # a count restating a share after 'or' counts what the share is of; a count before it in the sentence wins
        ("Some 70% of firms, or about 840, are private.",
         [("70", None, "%", "about"), ("840", None, "enterprises", "about")]),
        ("1,140 trucks passed the checkpoint, which links the highway with China, or roughly 160 a day.",
         [("1140", None, "trucks", "exact"), ("160", None, "trucks", "about")]),
    ],
)  # fmt: skip
def test_ranges_with_both_units_names_with_numbers_times_of_day_and_restated_counts(text, expected):
    wanted = [
        (Decimal(value), Decimal(value_max) if value_max else None, unit, qualifier)
        for value, value_max, unit, qualifier in expected
    ]
    assert surfaces(text) == wanted


@pytest.mark.parametrize(
    "text, expected",
    [
        # one unit of time said as a bound
        ("The trip now takes less than a day.", [("1", "days", "less_than")]),
        ("Goods arrive within a week.", [("1", "weeks", "up_to")]),
        ("Clearance takes under an hour.", [("1", "h", "less_than")]),
        # without a bound it is no amount of time
        ("A day earlier, 30 trucks crossed.", [("30", "trucks", "exact")]),
        # a fall said as contracting
        ("Trade contracted 2%.", [("-2", "%", "exact")]),
    ],
)
def test_one_unit_of_time_after_a_bound_is_a_figure_and_contracting_is_a_fall(text, expected):
    wanted = [(Decimal(value), unit, qualifier) for value, unit, qualifier in expected]
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == wanted


# Seventh round (issue 17, fields): periods ------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Parcels numbered 4.7 million, 2.4 times the volume of the same period last year.",
        "Parcels numbered 4.7 million, up 31 percent on the same period last year.",
        "Parcels numbered 4.7 million, 18 percent above the same period of 2025.",
        "Parcels numbered 4.7 million, a 12 percent rise over the previous year.",
    ],
)
def test_the_same_period_of_an_earlier_year_after_a_figure_is_what_it_is_compared_with(sentence):
    text = f"Trade reached 8 billion yuan in the first nine months of 2026. {sentence}"
    candidates = extracted(text, published_on=dt.date(2026, 10, 16))
    for figure in candidates[1:]:
        assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 30))


def test_a_multiple_of_an_earlier_period_is_a_change_read_in_the_period_named_last():
    text = (
        "Trade reached 8 billion yuan in the first nine months of 2026.\n\n"
        "Parcels numbered 4.7 million, 2.4 times the volume of the same period last year."
    )
    multiple = by_value(extracted(text, published_on=dt.date(2026, 10, 16)), "140")
    assert (multiple.period_start, multiple.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 30))


def test_a_figure_in_the_same_period_of_an_earlier_year_keeps_that_time():
    text = "Trade rose 9 per cent in H1 2026, reversing a decline of 4 per cent in the same period last year."
    change = by_value(extracted(text), "-4")
    assert (change.period_start, change.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 6, 30))


@pytest.mark.parametrize(
    "phrase", ["during the reporting period", "in the same period", "over the same months", "in the same nine months"]
)
def test_a_stretch_of_time_referred_to_is_the_last_stretch_not_an_as_of_day(phrase):
    text = (
        "Trade totalled 8 billion yuan from 1 January to 30 September 2026. The clearance time was 1.2 hours at the "
        "end of the reporting period, down from 1.8 hours a year earlier. As of 30 September, 412 enterprises had "
        f"settled in the zone, of which 57 were newly registered {phrase}."
    )
    candidates = extracted(text, published_on=dt.date(2026, 10, 16))
    assert by_value(candidates, "1.2").period_end == dt.date(2026, 9, 30)
    assert by_value(candidates, "1.8").period_end == dt.date(2025, 9, 30)
    new = by_value(candidates, "57")
    assert (new.period_start, new.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 30))


@pytest.mark.parametrize(
    "text, end",
    [
        ("Customs will work to cut the clearance time to under one hour by the end of 2026.", dt.date(2026, 12, 31)),
        ("The airport aims to link 40 countries by 2026.", dt.date(2026, 12, 31)),
        ("The zone plans to cut clearance to 30 minutes by the end of the year.", dt.date(2026, 12, 31)),
    ],
)
def test_a_forecast_level_is_dated_at_its_target_day_not_the_publication_day(text, end):
    candidate = extracted(text, published_on=dt.date(2026, 10, 16))[0]
    assert candidate.is_forecast
    assert candidate.period_end == end


@pytest.mark.parametrize(
    "text, expected",
    [
        # a currency code or sign glued to the digits, as the Gulf press writes dirhams
        ("The deals are worth AED2.4 billion.", [("2400000000", "AED", "exact")]),
        ("Trade was worth Dh53.7 billion (about 104.5 billion yuan).",
         [("53700000000", "AED", "exact"), ("104500000000", "CNY", "about")]),
        ("Re-exports topped Dhs12 million.", [("12000000", "AED", "more_than")]),
        ("Turnover reached KZT48 billion.", [("48000000000", "KZT", "exact")]),
        # tenge after the figure, and a conversion in brackets of it
        ("Exports came to 5.9 trillion tenge ($11.8 billion).",
         [("5900000000000", "KZT", "exact"), ("11800000000", "USD", "exact")]),
        ("She spent about 300,000 tenge on tea.", [("300000", "KZT", "about")]),
        # a rough figure's conversion is as rough
        ("Investment stands at roughly $420 million (Dh1.54 billion).",
         [("420000000", "USD", "about"), ("1540000000", "AED", "about")]),
        # letters before the digits that are a word, not a currency
        ("In Riyadh 5 firms signed.", [("5", "enterprises", "exact")]),
    ],
)  # fmt: skip
def test_dirhams_and_tenge_written_before_or_after_the_figure_are_money(text, expected):
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == [
        (Decimal(value), unit, qualifier) for value, unit, qualifier in expected
    ]


@pytest.mark.parametrize(
    "text, code",
    [
        ("The zone's foreign trade was worth Dh53.7 billion in 2025.", "trade_value"),
        ("Imports and exports of the Horgos area reached AED9.8 billion.", "trade_value"),
        ("The area's contracted investment reached 48 billion tenge.", "contracted_investment"),
    ],
)
def test_a_money_metric_takes_dirhams_and_tenge_as_it_takes_yuan(text, code):
    assert extracted(text)[0].metric_code == code


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("In the week to Sunday, 1,140 trucks crossed the border.", "2026-11-02", "2026-11-08"),
        ("Cargo reached 1,240 tonnes in the week ending Friday.", "2026-10-31", "2026-11-06"),
        ("Some 9,000 people visited the fair in the 10 days to November 8.", "2026-10-30", "2026-11-08"),
        ("Visitors numbered 41,600 during the nine-day holiday, which ended on Monday.", "2026-11-01", "2026-11-09"),
        ("The five-day expo that closed on 6 November drew 52,000 visitors.", "2026-11-02", "2026-11-06"),
        ("Tourist visits reached 1.3 million during the holiday (February 15-23).", "2026-02-15", "2026-02-23"),
        ("Delegates signed 14 agreements during a visit from 9th to 13th November.", "2026-11-09", "2026-11-13"),
        ("The fair, held on June 3-7, 2025, drew 8,000 buyers.", "2025-06-03", "2025-06-07"),
    ],
)
def test_a_stretch_of_days_ending_on_a_weekday_or_a_date_is_those_days(text, start, end):
    figure = extracted(text, published_on=dt.date(2026, 11, 10))[0]  # a Tuesday
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_over_the_holiday_or_the_n_days_is_the_stretch_named_before_and_a_weekday_is_one_day():
    text = (
        "The port aims to handle at least 10,000 trains this year. Officers say 41,600 travellers crossed during "
        "the nine-day holiday, which ended on Monday. On the busiest day, Saturday, close to 6,000 people crossed. "
        "The station counted 312 trains over the holiday, and hotel occupancy averaged 82 percent over the nine "
        "days.\n\nThe airport ran 186 flights during the holiday, officials said on Tuesday."
    )
    candidates = extracted(text, published_on=dt.date(2026, 2, 24))
    holiday = (dt.date(2026, 2, 15), dt.date(2026, 2, 23))
    for value in ("41600", "312", "82", "186"):
        figure = by_value(candidates, value)
        assert (figure.period_start, figure.period_end) == holiday, value
    saturday = by_value(candidates, "6000")
    assert (saturday.period_start, saturday.period_end) == (dt.date(2026, 2, 21), dt.date(2026, 2, 21))


@pytest.mark.parametrize(
    "text, expected",
    [
        # lowercase modifiers joined by "and" before the noun, and a mass noun in -ics among them
        ("The area has 46 bonded and overseas warehouses.", [("46", "warehouses")]),
        ("The airport ran 186 international and regional flights during the holiday.", [("186", "flights")]),
        ("It now has 12 public or private terminals.", [("12", "terminals")]),
        ("Some 520 logistics and forwarding firms are registered there.", [("520", "enterprises")]),
        # firms, companies and businesses are counted as enterprises; travellers, and people crossing, as passengers
        ("Some 60 Emirati-funded companies are registered in the zone.", [("60", "enterprises")]),
        ("More than 2,300 e-commerce businesses operate there.", [("2300", "enterprises")]),
        ("41,600 inbound and outbound travellers crossed at the port.", [("41600", "passengers")]),
        ("Close to 6,000 people passed through the hall.", [("6000", "passengers")]),
        ("About 6,000 people live in the town.", [("6000", "people")]),
        # two kinds of vehicle together are vehicles; border crossings are ports
        ("61,500 cars and trucks left through the port.", [("61500", "vehicles")]),
        ("It is served by at least five international border crossings.", [("5", "ports")]),
        # a count of one thing and another stays the first's
        ("It hosts 35 enterprises and banks.", [("35", "enterprises")]),
    ],
)
def test_what_a_noun_phrase_counts_is_named_as_the_portal_counts_it(text, expected):
    assert [(str(value), unit) for value, _, unit, _ in surfaces(text)] == expected


@pytest.mark.parametrize(
    "text, code",
    [
        ("Some 60 Emirati-funded companies are registered in the zone.", ""),
        ("Some 520 logistics and forwarding firms are registered in the zone.", ""),
        ("The zone has 9,480 registered enterprises.", "registered_enterprises"),
        ("The zone added 1,200 new companies in 2025.", "new_enterprises"),
    ],
)
def test_a_count_of_one_kind_of_enterprise_gets_no_enterprise_metric(text, code):
    assert extracted(text)[0].metric_code == code


@pytest.mark.parametrize(
    "text, expected",
    [
        # upper bounds in other words
        ("Parcels took as long as five days to arrive.", [("5", "days", "up_to")]),
        ("The area lies within 500 kilometres of the border.", [("500", "km", "up_to")]),
        ("Clearance will be cut to no more than two hours.", [("2", "h", "up_to")]),
        ("Tariffs of as much as 8 percent were waived.", [("8", "%", "up_to")]),
        ("Each truck carries a maximum of 40 tonnes.", [("40", "t", "up_to")]),
        # and lower ones
        ("No fewer than 30 routes were opened.", [("30", "routes", "at_least")]),
        ("Trade grew not less than 12 percent.", [("12", "%", "at_least")]),
        # 'more than' inside 'no more than' is no lower bound
        ("It took no more than 3 days.", [("3", "days", "up_to")]),
    ],
)
def test_bounds_said_in_other_words_are_up_to_or_at_least(text, expected):
    assert [(str(value), unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a fraction after a bound or an 'about' is a figure wherever it stands in the clause
        ("Kashgar Prefecture supplied nearly half.", [("50", "%", "nearly")]),
        ("The area contributed 21 billion yuan, or roughly one-third.",
         [("21000000000", "CNY", "exact"), ("33.3", "%", "about")]),
        ("About half the firms are private.", [("50", "%", "about")]),
        ("Over a quarter went by rail.", [("25", "%", "more_than")]),
        # said to fall, it is negative
        ("Rents have fallen by roughly a tenth since spring.", [("-10", "%", "about")]),
        ("Prices dipped 4 percent.", [("-4", "%", "exact")]),
        # a half year stays a period
        ("Trade rose in the first half.", []),
        # doubling with an object, or a multiple after a bound
        ("The committee aims to double it by 2027.", [("100", "%", "exact")]),
        ("The airport ran more than double last year's number.", [("100", "%", "more_than")]),
        ("Output is nearly triple what it was.", [("200", "%", "nearly")]),
        ("It was a double-digit rise.", []),
    ],
)  # fmt: skip
def test_fractions_after_a_bound_and_multiples_with_an_object_or_a_bound_are_figures(text, expected):
    assert [(str(value), unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == expected


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("The station expects the full-year total to pass 8,500 trains.", "2026-01-01", "2026-12-31"),
        ("For the year as a whole, trade is expected to top 540 billion yuan.", "2026-01-01", "2026-12-31"),
        ("Whole-year exports should reach 90 billion yuan.", "2026-01-01", "2026-12-31"),
        ("The port handled 9,000 trains, beating last year's 8,150.", "2025-01-01", "2025-12-31"),
        ("October trade reached 47.3 billion yuan.", "2026-10-01", "2026-10-31"),
        ("September's exports came to 30 billion yuan.", "2026-09-01", "2026-09-30"),
    ],
)
def test_full_year_last_years_and_an_opening_month_date_their_figure(text, start, end):
    figure = extracted(text, published_on=dt.date(2026, 11, 18))[-1]
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_last_years_event_is_no_period_of_the_figure_before_it():
    text = "Visits rose 27 percent on last year's holiday."
    assert extracted(text, published_on=dt.date(2026, 2, 24))[0].period_end is None


@pytest.mark.parametrize(
    "lead_in",
    [
        "Main indicators for the first quarter (January-March) were:",
        "In the first quarter, the area kept growing.",
        "The figures below cover January to March.",
    ],
)
def test_a_sentence_without_figures_that_names_a_stretch_dates_the_figures_after_it(lead_in):
    text = (
        f"The Horgos area has released its figures.\n\n{lead_in}\n"
        "- Import and export value: 11.4 billion yuan, up 18.6 percent;\n- Contracted investment: RMB 5.2 billion."
    )
    figures = extracted(text, published_on=dt.date(2026, 4, 9))
    assert len(figures) == 3
    for figure in figures:
        assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))


def test_a_sentence_naming_a_plans_year_or_an_events_date_is_no_lead_in():
    text = (
        "The area aims to double trade in 2027.\nTrade: 11.4 billion yuan.\n\n"
        "The zone was launched in November 2023.\nIt has 500 firms."
    )
    figures = extracted(text, published_on=dt.date(2026, 4, 9))
    # the plan's own figure ("to double": 100 percent) is dated by its year; the figures after it are not
    assert all(figure.period_start is None for figure in figures if figure.unit != "%")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Some 40 UAE-funded firms are now registered in the zone, nearly half of them in Urumqi.", "50"),
        ("As of end-June, 520 firms had registered, about one in eight of its enterprises.", "12.5"),
        ("As of end-June, the area had 9,480 enterprises with capital of 96.3 billion yuan. Two hundred of them "
         "are foreign-invested.", "200"),
    ],
)  # fmt: skip
def test_a_share_or_part_of_the_figure_before_takes_its_time(text, value):
    candidates = extracted(text, published_on=dt.date(2026, 7, 15))
    part = by_value(candidates, value)
    assert part.period_end == candidates[0].period_end is not None


def test_an_as_of_day_does_not_stop_a_paragraph_going_on_with_the_articles_period():
    text = (
        "Trade reached 84.7 billion yuan in the first eight months of 2026.\n\n"
        "By the end of August the area was home to 9,310 enterprises. Its trade with Kyrgyzstan came to 6.2 billion "
        "yuan, against 4.7 billion yuan a year earlier."
    )
    candidates = extracted(text, published_on=dt.date(2026, 9, 15))
    new, old = by_value(candidates, "6200000000"), by_value(candidates, "4700000000")
    assert (new.period_start, new.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 8, 31))
    assert (old.period_start, old.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 8, 31))


@pytest.mark.parametrize(
    "text",
    [
        "That is roughly 24 trains a day, and the station expects the full-year total to pass 8,500 trains.",
        "It shipped 300 tonnes a week, and the firm plans to ship 20,000 tonnes in 2027.",
    ],
)
def test_a_stated_figure_does_not_take_the_time_of_a_plan_after_it(text):
    stated = extracted(text, published_on=dt.date(2026, 10, 27))[0]
    # a rate a week or a day is a level, dated as the text speaks (or undated), never the plan's year
    assert stated.period_start is None and stated.period_end in (None, dt.date(2026, 10, 27))


@pytest.mark.parametrize("verb", ["has tripled since the end of 2023", "has doubled over the past three years"])
def test_a_changes_run_of_years_is_not_the_next_paragraphs_period(verb):
    text = f"The number of warehouses {verb}.\n\nSome 520 logistics firms operate in the area."
    assert extracted(text, published_on=dt.date(2026, 10, 27))[-1].period_start is None


@pytest.mark.parametrize("state", ["are registered", "are based", "are now located"])
def test_a_count_in_a_present_state_is_as_of_the_publication_day(state):
    text = f"Trade rose in 2025.\n\nSome 520 forwarding firms {state} in the area."
    figure = extracted(text, published_on=dt.date(2026, 10, 27))[-1]
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 10, 27))


@pytest.mark.parametrize(
    "text",
    [
        "In the 2025 national performance evaluation of bonded zones, published in June, the zone ranked 58th.",
        "The zone ranked 58th in the 2025 ranking, released in March.",
        "Under the 2025 assessment of ports, the port ranked 58th.",
    ],
)
def test_the_year_of_an_evaluation_dates_a_rank_not_when_it_was_published(text):
    rank = extracted(text, published_on=dt.date(2026, 10, 16))[0]
    assert (rank.unit, rank.period_start, rank.period_end) == ("rank", None, dt.date(2025, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "The company, which began production in March, has reached output of 60 million yuan.",
        "The plant, which started operations in May, has handled 5,000 tonnes.",
        "The measures announced in 2024 have cut costs by 2 billion yuan.",
    ],
)
def test_the_date_an_event_began_or_was_announced_is_not_the_period_of_a_figure_before_or_after(text):
    figure = extracted(text, published_on=None)[0]
    assert (figure.period_start, figure.period_end) == (None, None)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a list or table entry names what its figure counts before it
        ("Horgos Port: cargo 31.4 million tonnes, up 6%; freight trains 7,180, up 8.5%.",
         [("31400000", "t"), ("6", "%"), ("7180", "trains"), ("8.5", "%")]),
        ("Kashgar: vehicles exported 12,300, up 4%.", [("12300", "vehicles"), ("4", "%")]),
        ("The committee released its figures.\n- Newly registered enterprises: 412, up 9 percent;\n"
         "- Routes opened this year: 14.", [("412", "enterprises"), ("9", "%"), ("14", "routes")]),
        ("- Vehicles exported through Horgos Port: 41,700, down 6.8 percent.", [("41700", "vehicles"), ("-6.8", "%")]),
        # a sentence that opens on what it counts, then says how the count moved
        ("Registered enterprises have more than doubled since the launch, to 31,700 from some 14,900.",
         [("100", "%"), ("31700", "enterprises"), ("14900", "enterprises")]),
        ("New registrations have slowed: 6,100 in the first nine months.", [("6100", "enterprises")]),
        ("Cargo flights rose sharply last year, to 2,400.", [("2400", "flights")]),
        # 'has' is no plural noun
        ("The zone has 1,200.", [("1200", "")]),
    ],
)  # fmt: skip
def test_a_bare_figure_counts_its_list_entrys_noun_or_its_sentences_subject(text, expected):
    wanted = [(Decimal(value), unit) for value, unit in expected]
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == wanted


# Seventh round (issue 17, fields): places -------------------------------------------------
@pytest.mark.parametrize(
    "text, value",
    [
        ("The zone's trade rose 17.9 percent, against national growth of 3.1 percent.", "3.1"),
        ("Over the same period, national import and export value was 37.1 trillion yuan.", "37100000000000"),
        ("The zone grew fast. Trade between China and the UAE reached US$101.8 billion in 2025.", "101800000000"),
        ("The port grew fast. Kazakhstan's trade with China reached $33.6 billion.", "33600000000"),
        ("The zone grew fast. China-UAE trade topped US$100 billion in 2025.", "100000000000"),
        ("The port grew fast. Exports to China came to $11.8 billion.", "11800000000"),
    ],
)
def test_a_figure_of_the_country_or_its_trade_with_a_partner_is_about_the_nation(text, value):
    text = "The China (Xinjiang) Pilot Free Trade Zone and Horgos Port reported growth.\n\n" + text
    assert by_value(extracted(text), value).place_key == "1"


def test_china_named_as_another_places_country_is_not_the_nation():
    text = "The zone grew. Trade between the UAE and China's Xinjiang region reached AED5.9 billion."
    assert by_value(extracted(text), "5900000000").place_key != "1"


@pytest.mark.parametrize(
    "sentence",
    [
        "In Xinjiang, the pilot zone accounted for 43.7 percent of foreign trade.",
        "After the Kashgar area reported, the pilot zone's imports and exports were put at 84.7 billion yuan.",
        "In Xinjiang, the pilot FTZ attracted 6,900 new enterprises.",
    ],
)
def test_the_pilot_zone_stands_for_the_free_trade_zone(sentence):
    text = "The China (Xinjiang) Pilot Free Trade Zone has grown fast.\n\n" + sentence
    assert extracted(text)[-1].place_key == "3"


@pytest.mark.parametrize(
    "text, expected",
    [
        # the days of a holiday in brackets are a date, not a count
        ("Visits reached 1.3 million over the holiday (February 15-23), up 26 percent.",
         [("1300000", "visits"), ("26", "%")]),
        ("During 15-23 February, 12 trains ran.", [("12", "trains")]),
        # ages, a person's years at a job, history in decades, a plan's length in its name
        ("A 52-year-old trader spent 5,000 yuan.", [("5000", "CNY")]),
        ("A fifty-two-year-old trader spent 5,000 yuan.", [("5000", "CNY")]),
        ("Orders are up, said Gulnar, 29, a ground-service supervisor.", []),
        ("He has driven trucks on the route for 15 years.", []),
        ("Dubai has spent four decades building free zones.", []),
        ("It is the final year of a three-year action plan.", []),
        # an address or a road's number
        ("Contact: Room 306, Building 2, No. 8 Kaiyuan Road.", []),
        ("The E-40 highway carried 1,140 trucks.", [("1140", "trucks")]),
        # list numbers after a colon or a sentence
        ("Notes: 1. Figures are preliminary. 2. Growth rates are comparable.", []),
        # what is still a figure
        ("The railway is to be completed in six years.", [("6", "years")]),
        ("In Urumqi, 12 new routes opened.", [("12", "routes")]),
    ],
)  # fmt: skip
def test_dates_ages_tenures_plan_names_addresses_and_list_numbers_are_no_figures(text, expected):
    wanted = [(Decimal(value), unit) for value, unit in expected]
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == wanted


# Seventh round (issue 17, fields): metrics ------------------------------------------------
@pytest.mark.parametrize(
    "text, code",
    [
        ("Trade between the UAE and Xinjiang rose 23 per cent to 9.6 billion yuan.", ""),
        ("China-UAE trade topped US$100 billion in 2025.", ""),
        ("Officials expect bilateral trade between Kazakhstan and China to exceed $44 billion.", ""),
        ("Kazakhstan's trade with China reached $33.6 billion, up 6.1%.", ""),
        # the portal's partner metric, named in the sentence before
        ("Trucks now run between China and Kyrgyzstan daily. Bilateral trade in the zones reached RMB 3.66 billion.",
         "bilateral_trade_kyrgyzstan"),
        ("Trade with Kyrgyzstan alone came to 6.9 billion yuan.", "bilateral_trade_kyrgyzstan"),
    ],
)  # fmt: skip
def test_trade_between_two_parties_is_the_partners_bilateral_trade_or_no_metric(text, code):
    codes = MORE_CODES | {"bilateral_trade_kyrgyzstan"}
    figures = _with_codes(text, codes)
    assert figures and all(figure.metric_code == code for figure in figures)


@pytest.mark.parametrize(
    "text, code",
    [
        ("The area's cross-border e-commerce trade came to 9.8 billion yuan last year.", ""),
        ("China's cross-border e-commerce trade reached 2.63 trillion yuan in 2025, up 10.8 percent.", ""),
        ("The zone's first-half trade reached 31.7 billion yuan.", "trade_value"),
        ("The area reported trade of 93.16 billion yuan.", "trade_value"),
    ],
)
def test_a_kind_of_goods_named_by_a_compound_before_trade_is_not_the_whole_trade(text, code):
    figures = _with_codes(text, MORE_CODES)
    assert figures and all(figure.metric_code in (code, code and "trade_value_growth_yoy") for figure in figures)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a number word that continues the count before it: the rest, an old value, a difference
        ("Of the 26 measures, 24 have been implemented; the remaining two are pending.",
         [("26", "measures"), ("24", "measures"), ("2", "measures")]),
        ("The port opened 12 lanes, and the other three will open in May.", [("12", "lanes"), ("3", "lanes")]),
        ("It now operates eight international routes, up from six a year ago.", [("8", "routes"), ("6", "routes")]),
        ("It traded with 198 countries, three more than a year earlier.", [("198", "countries"), ("3", "countries")]),
        # a part of a whole that opens the sentence without a number of its own
        ("Of the measures still pending, eight concern cross-border finance.", [("8", "measures")]),
        ("Among the cases it developed, five were adopted nationwide.", [("5", "cases")]),
        # a number word opening a sentence in apposition continues the sentence before's count
        ("It developed 42 cases, seven of which were promoted. One, a joint inspection model, was adopted.",
         [("42", "cases"), ("7", "cases"), ("1", "cases")]),
        # still no figure
        ("Trade rose from one of the lowest levels.", []),
        ("One, the zone's director said, is enough.", []),
    ],
)  # fmt: skip
def test_a_number_word_continuing_a_count_or_a_part_of_a_named_whole_counts_the_same(text, expected):
    wanted = [(Decimal(value), unit) for value, unit in expected]
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == wanted


@pytest.mark.parametrize(
    "text",
    [
        "Foreign trade by area was as follows:\n\nUrumqi area: 14.6 billion yuan.\nKashgar area: 9.3 billion yuan.",
        "Imports and exports reached 40 billion yuan. By area, Urumqi area 14.6 billion yuan; Kashgar area 9.3 billion "
        "yuan.",
        "Foreign trade, broken down by port: Horgos Port 14.6 billion yuan, Kashgar area 9.3 billion yuan.",
    ],
)
def test_a_breakdown_by_place_measures_what_its_lead_in_names(text):
    figures = [f for f in _with_codes(text, MORE_CODES) if f.value in (Decimal("14600000000"), Decimal("9300000000"))]
    assert len(figures) == 2 and all(figure.metric_code == "trade_value" for figure in figures)


def test_an_item_of_a_breakdown_with_words_of_its_own_is_not_the_whole():
    text = "Imports and exports reached 452.6 billion yuan. The breakdown is as follows. Exports: 358.1 billion yuan."
    assert by_value(_with_codes(text, MORE_CODES), "358100000000").metric_code == ""


@pytest.mark.parametrize("verb", ["lifted the zone's half-year total to", "brought the total to", "took the total to"])
def test_a_total_of_what_was_measured_before_measures_it_and_half_year_is_the_latest_half(verb):
    text = f"Imports and exports reached 36.8 billion yuan in the second quarter. The quarter {verb} 67.5 billion yuan."
    total = by_value(extracted(text, published_on=dt.date(2026, 7, 24)), "67500000000")
    assert total.metric_code == "trade_value"
    if "half-year" in verb:
        assert (total.period_start, total.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    "text, expected",
    [
        # after 'ranged' or 'varied', 'from ... to' is a range; after a change verb it is an old and a new value
        ("Average monthly wages ranged from 3,800 to 4,500 yuan.", [("3800", "4500", "CNY", "between")]),
        ("Delivery times varied from 2 to 5 days.", [("2", "5", "days", "between")]),
        ("Clearance fell from 5 to 3 days.", [("5", None, "days", "exact"), ("3", None, "days", "exact")]),
        # the denominator of a rank counts what the sentence ranks
        ("In the evaluation of comprehensive bonded zones, the zone ranked 58th of 167.",
         [("58", None, "rank", "exact"), ("167", None, "zones", "exact")]),
        # the subject of a count may carry a phrase before its verb
        ("Passengers on international routes exceeded 1.1 million.",
         [("1100000", None, "passengers", "more_than")]),
        # how often the runs a sentence names go
        ("Direct flights to Dubai now operate four times a week, up from twice weekly in 2024.",
         [("4", None, "flights", "exact"), ("2", None, "flights", "exact")]),
        ("Freight trains leave Kashgar three times a day.", [("3", None, "trains", "exact")]),
        ("Airlines run six scheduled freighter services a week into Urumqi.", [("6", None, "flights", "exact")]),
        ("The committee meets twice a year.", []),
    ],
)  # fmt: skip
def test_ranges_after_ranged_a_ranks_denominator_and_how_often_runs_go(text, expected):
    wanted = [
        (Decimal(value), Decimal(value_max) if value_max else None, unit, qualifier)
        for value, value_max, unit, qualifier in expected
    ]
    assert surfaces(text) == wanted


@pytest.mark.parametrize(
    "text, value",
    [
        ("Some 2,300 cross-border e-commerce businesses are registered in the area, up from about 900 in 2024.", "900"),
        ("Some 60 Emirati-funded enterprises are registered in the zone, up from 25 at the end of 2024.", "25"),
        ("Some 40 UAE-funded enterprises are now registered in the zone.", "40"),
        ("The zone is home to 120 foreign-invested enterprises.", "120"),
    ],
)
def test_firms_of_some_kind_or_owner_and_their_old_value_are_not_all_registered_firms(text, value):
    assert by_value(_with_codes(text, MORE_CODES), value).metric_code == ""


def test_an_old_value_measures_what_its_new_value_measures():
    text = "Customs clearance now takes 3.5 hours, down from more than 10 hours in 2022."
    figures = _with_codes(text, MORE_CODES)
    assert [figure.metric_code for figure in figures] == ["customs_clearance_time", "customs_clearance_time"]
    text = "Registered enterprises reached 13,400, up from 9,000 in 2024."
    assert {figure.metric_code for figure in _with_codes(text, MORE_CODES)} == {"registered_enterprises"}


@pytest.mark.parametrize(
    "text, key",
    [
        (
            "In the Urumqi area, cargo grew. Urumqi International Airport, the area's air hub, handled 61,800 tonnes.",
            "12",
        ),
        ("The Urumqi area grew. Horgos Port, the zone's busiest crossing, handled 5,000 trains.", "11"),
    ],
)
def test_a_place_in_an_apposition_describes_the_name_before_it(text, key):
    assert extracted(text)[-1].place_key == key


@pytest.mark.parametrize(
    "text",
    [
        "Kashi in Northwest China's Xinjiang received 1.32 million tourist visits.",
        "Kashi in Xinjiang received 1.32 million tourist visits.",
        "Kashi in southern Xinjiang received 1.32 million tourist visits.",
    ],
)
def test_a_place_in_which_another_lies_only_says_where_it_is(text):
    assert extracted(text)[0].place_key == "7"


@pytest.mark.parametrize(
    "launch_sentence",
    [
        "When Beijing launched the China (Xinjiang) Pilot Free Trade Zone in November 2023, few expected much.",
        "The zone, which was opened on November 1, 2023, is the first in the northwest.",
    ],
)
@pytest.mark.parametrize(
    "sentence, value, start, end",
    [
        ("Contracted investment totalled 68.5 billion yuan from the launch to the end of September.", "68500000000",
         "2023-11-01", "2026-09-30"),
        ("Registered enterprises stood at some 14,900 at the outset.", "14900", None, "2023-11-01"),
        ("It had 14,900 enterprises when it opened.", "14900", None, "2023-11-01"),
        ("Its share of regional trade was about 12 percent in its first full year.", "12", "2024-01-01", "2024-12-31"),
        ("The zone has signed 230 projects since the launch.", "230", "2023-11-01", "2026-11-12"),
        ("Output has risen 40 percent since the zone was launched.", "40", "2023-11-01", "2026-11-12"),
    ],
)  # fmt: skip
def test_the_launch_the_outset_and_the_first_full_year_count_from_the_day_the_zone_was_launched(
    launch_sentence, sentence, value, start, end
):
    text = f"{launch_sentence}\n\n{sentence}"
    figure = by_value(extracted(text, published_on=dt.date(2026, 11, 12)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert (figure.period_start, figure.period_end) == wanted


def test_without_a_dated_launch_the_outset_dates_nothing():
    figure = extracted("Enterprises numbered some 14,900 at the outset.", published_on=dt.date(2026, 11, 12))[0]
    assert figure.period_end is None


@pytest.mark.parametrize(
    "tail",
    [
        "bringing the number of registered enterprises in the area to 14,960",
        "bringing the total to 14,960",
        "raising its count of enterprises to 14,960",
    ],
)
def test_a_level_a_flow_brings_to_is_dated_when_the_flow_ended(tail):
    text = f"In the first half of the year, new enterprises numbered 1,480, {tail}."
    level = by_value(extracted(text, published_on=dt.date(2026, 7, 15)), "14960")
    assert (level.period_start, level.period_end) == (None, dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    "text",
    [
        "The area also wants to have more than 3,000 registered enterprises by the end of the year.",
        "That would require annual growth of around 15 percent from 2027 to 2030.",
        "The port wants to handle 10,000 trains in 2027.",
    ],
)
def test_what_a_place_wants_or_what_would_be_needed_is_a_forecast(text):
    assert extracted(text, published_on=dt.date(2026, 2, 24))[0].is_forecast


@pytest.mark.parametrize(
    "text, expected",
    [
        # abbreviations of percent, hours and minutes
        ("Trade rose 5pc.", [("5", "%", "exact")]),
        ("Imports fell 2.1pc.", [("-2.1", "%", "exact")]),
        ("Clearance takes 30 mins, down from 1.5 hrs.", [("30", "min", "exact"), ("1.5", "h", "exact")]),
        # euros, before or after the figure
        ("The fund is worth 500 million euros.", [("500000000", "EUR", "exact")]),
        ("The fund is worth €500 million.", [("500000000", "EUR", "exact")]),
        # a figure written as a hyphenated modifier, and a threshold passed or neared
        ("Trade topped the 100-billion-yuan mark.", [("100000000000", "CNY", "more_than")]),
        ("Cargo crossed the 1-million-tonne milestone.", [("1000000", "t", "more_than")]),
        ("Trade neared the 500 billion yuan threshold.", [("500000000000", "CNY", "nearly")]),
        ("It reached the 100 billion yuan mark.", [("100000000000", "CNY", "exact")]),
        ("It is a 3-billion-yuan project.", [("3000000000", "CNY", "exact")]),
        # a share written with digits is one figure, not its numerator too
        ("Nearly 9 in 10 firms are private.", [("90", "%", "nearly")]),
        # a sentence is no list entry: its verb is not what it counts (mu, the farmland measure, is the unit)
        ("The park spans 3,000 mu.", [("3000", "mu", "exact")]),
    ],
)
def test_abbreviated_units_euros_hyphenated_figures_thresholds_and_shares_in_digits(text, expected):
    wanted = [(Decimal(value), unit, qualifier) for value, unit, qualifier in expected]
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == wanted


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Customs will support the zone in reaching RMB 12 billion in annual trade this year.", "12000000000",
         "trade_value"),
        ("The regional plan targets 300 billion yuan of trade for the zone by 2030.", "300000000000", "trade_value"),
        ("Xinjiang's foreign trade grew at an average annual rate of 22.6 percent.", "22.6",
         "trade_value_avg_annual_growth"),
        ("The plan targets more trade, which would require annual growth of around 15 percent.", "15",
         "trade_value_avg_annual_growth"),
    ],
)  # fmt: skip
def test_money_of_trade_and_the_annual_pace_trade_grows_at_are_named_after_or_around_the_figure(text, value, code):
    assert by_value(_with_codes(text, MORE_CODES | {"trade_value_avg_annual_growth"}), value).metric_code == code


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("The firm reported revenue of Dh214 million for the fiscal first half to September 30, up 31 per cent.",
         "2026-04-01", "2026-09-30"),
        ("It reported revenue of AED412 million for the first half of its 2026-27 fiscal year, which ended on 30th "
         "September.", "2026-04-01", "2026-09-30"),
        ("Sales were 90 million yuan in the fiscal third quarter ended December 31, 2025.", "2025-10-01", "2025-12-31"),
    ],
)  # fmt: skip
def test_a_fiscal_half_or_quarter_is_the_months_up_to_the_day_it_ended(text, start, end):
    for figure in extracted(text, published_on=dt.date(2026, 11, 30)):
        assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


@pytest.mark.parametrize("phrase", ["by mid-2026", "as of mid-2026", "by mid-year"])
def test_mid_year_is_the_end_of_june(phrase):
    figure = extracted(f"Firms had invested 1.1 billion yuan in the zone {phrase}.", published_on=dt.date(2026, 8, 20))[
        0
    ]
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 6, 30))


def test_the_first_half_of_a_calendar_year_is_no_fiscal_part():
    figure = extracted(
        "Trade reached 5 billion yuan in the first half, up to June 30.", published_on=dt.date(2026, 8, 20)
    )[0]
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    "text",
    [
        "Pledged investment stands at roughly $420 million (Dh1.54 billion).",
        "Gulf investors' committed investment reached 3 billion yuan in 2025.",
        "Promised investment in the zone totals 900 million yuan.",
    ],
)
def test_pledged_or_committed_money_is_a_plan_with_no_metric_or_period(text):
    for figure in _with_codes(text, MORE_CODES):
        assert (
            figure.is_forecast and figure.metric_code == "" and (figure.period_start, figure.period_end) == (None, None)
        )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The zone hosts upward of 1,200 firms.", [("1200", "enterprises", "more_than")]),
        ("A 300-km highway links the two ports.", [("300", "km", "exact")]),
        # a verb after the counted noun ends its phrase: its object is not what is counted
        ("Twelve companies signed deals.", [("12", "enterprises", "exact")]),
        ("5,000 trucks carried fruit.", [("5000", "trucks", "exact")]),
        ("It has 1,200 bonded warehouses.", [("1200", "warehouses", "exact")]),
        # 'the two' names a pair already known; a larger set after 'the' may be a figure
        ("The gauge change between the two networks remains a bottleneck.", []),
        ("It tops the four comprehensive bonded zones in Xinjiang.", [("4", "zones", "exact")]),
        ("Of the five projects, three have started.", [("5", "projects", "exact"), ("3", "projects", "exact")]),
        ("The zone's three areas cover 120 square kilometres.", [("3", "areas", "exact"), ("120", "km2", "exact")]),
    ],
)
def test_upward_of_a_hyphenated_km_a_verb_ending_the_counted_phrase_and_the_two(text, expected):
    wanted = [(Decimal(value), unit, qualifier) for value, unit, qualifier in expected]
    assert [(value, unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == wanted


@pytest.mark.parametrize(
    "text",
    [
        "The 22 pilot free trade zones nationwide reported combined trade of 4.1 trillion yuan in the first half.",
        "Across China, the 22 pilot free trade zones accounted for 19.6 percent of trade in the first half.",
        "Trade grew in 2025.\n\nOf the 22 pilot free trade zones nationwide, none has kept that pace.",
        "The 160 comprehensive bonded zones across the country handled 30 percent of trade in May.",
    ],
)
def test_a_nationwide_set_the_article_names_as_known_is_counted_as_it_speaks(text):
    zones = next(figure for figure in extracted(text, published_on=dt.date(2026, 9, 15)) if figure.unit == "zones")
    assert (zones.period_start, zones.period_end) == (None, dt.date(2026, 9, 15))


@pytest.mark.parametrize(
    "text, key",
    [
        # a release about the region, which it named paragraphs before
        ("Xinjiang's trade grew.\n\nKashi Prefecture exported fruit.\n\nThe region's trade is expected to top 540 "
         "billion yuan.", "2"),
        # a text that never names a region leaves "the region" empty
        ("Kashi Prefecture exported fruit.\n\nThe region's trade is expected to top 540 billion yuan.", ""),
    ],
)  # fmt: skip
def test_the_region_beyond_its_paragraph_is_the_region_the_text_named(text, key):
    assert by_value(extracted(text), "540000000000").place_key == key


# Section headings and the namesake a reference stands for ----------------------------------
ROUNDUP_PLACES = PlaceIndex(
    {
        "China (Xinjiang) Pilot Free Trade Zone": "3", "Kashgar": "8", "Kashgar area": "4", "Urumqi": "9",
        "Urumqi area": "5", "Horgos": "10", "Horgos Port": "11", "Kashi Prefecture": "7", "Kashi": "7",
    },
    kinds={"3": "zone", "4": "ftz_area", "5": "ftz_area", "7": "prefecture", "8": "city", "9": "city",
           "10": "city", "11": "port"},
    national_key="1",
)  # fmt: skip
ROUNDUP_LEDE = "Zone roundup\n\nThe China (Xinjiang) Pilot Free Trade Zone kept a brisk pace this year.\n\n"


@pytest.mark.parametrize(
    "section, value, key",
    [
        ("HORGOS: TRAINS UP, CARS DOWN\n\nAt the port, 5,740 freight trains crossed the border.", "5740", "11"),
        ("HORGOS\n\nClearance for a truck at the port now takes about 40 minutes.", "40", "11"),
        ("Kashgar:\n\nThe area shipped 186,000 tonnes of fruit.", "186000", "4"),
        ("URUMQI AREA\n\nRegistrations kept climbing, with 2,315 new enterprises signing up.", "2315", "5"),
        ("Kashi\n\nOutput in the prefecture reached 2.4 million tonnes.", "2400000", "7"),
    ],
)
def test_a_section_heading_that_names_a_place_gives_its_section_the_place(section, value, key):
    candidates = extract_candidates(
        ROUNDUP_LEDE + section, published_on=PUBLISHED, places=ROUNDUP_PLACES, metric_codes=MORE_CODES,
        stock_metric_codes=MORE_STOCKS,
    ).candidates  # fmt: skip
    assert by_value(candidates, value).place_key == key


def test_a_title_below_a_masthead_is_no_section_heading():
    text = "Frontier Review | Analysis\n\nHorgos at three: the land-port bet\n\nClearance now takes 40 minutes."
    candidates = extract_candidates(
        text, published_on=PUBLISHED, places=ROUNDUP_PLACES, metric_codes=MORE_CODES, stock_metric_codes=MORE_STOCKS
    ).candidates
    assert by_value(candidates, "40").place_key == ""


@pytest.mark.parametrize(
    "text, value",
    [
        ("Over 2,000 kilometers away, the Urumqi area reported trade of 9 billion yuan.", "2000"),
        ("Some 670 kilometres to the east, the Urumqi area opened two routes.", "670"),
        ("The Urumqi area lies within 500 kilometres of five border crossings.", "500"),
        ("The Urumqi area is located about 300 km from the nearest border crossing.", "300"),
        ("The Urumqi area sits 1,200 kilometres north of Kashi.", "1200"),
    ],
)
def test_how_far_places_lie_apart_is_about_no_one_place(text, value):
    assert by_value(extracted(text), value).place_key == ""


def test_a_distance_goods_travel_through_a_place_keeps_the_place():
    text = "Goods from the Urumqi area now reach markets in just 600 kilometres."
    assert by_value(extracted(text), "600").place_key == "5"


@pytest.mark.parametrize(
    "text, value, key",
    [
        ("She began shipping Xinjiang dried apricots from a shop in the Urumqi area. Now she sends 40 tonnes a month.",
         "40", "5"),
        ("The firm sells Kashi melons in a store in the Urumqi area. It sold 3,000 tonnes last year.", "3000", "5"),
        ("Buyers who import Xinjiang cotton keep offices in the Urumqi area. They employ 1,200 people.", "1200", "5"),
        ("Kashi shipped 3,000 tonnes of melons last year.", "3000", "7"),
    ],
)  # fmt: skip
def test_a_place_naming_where_goods_come_from_is_not_the_figures_place(text, value, key):
    assert by_value(extracted(text), value).place_key == key


@pytest.mark.parametrize(
    "text, value",
    [
        ('"Almaty is only a two-hour flight away from the Urumqi area," she said.', "2"),
        ("From the Urumqi area it is a three-day drive to the border.", "3"),
        ("A 40-minute ride links the Urumqi area with the airport.", "40"),
    ],
)
def test_the_length_of_a_trip_named_after_it_is_about_no_one_place(text, value):
    assert by_value(extracted(text), value).place_key == ""


@pytest.mark.parametrize(
    "text",
    [
        "In the first half, foreign trade by area was as follows:\n\nUrumqi area: 14.6 billion yuan.\n"
        "Horgos area: 12.9 billion yuan.\nKashgar area: 9.3 billion yuan.\nAlashankou area: 4.4 billion yuan.",
        "Import and export value, broken down by port:\n- Horgos Port: 14.6 billion yuan\n- Alashankou Port: 12.9 "
        "billion yuan\n- Bakhty Port: 9.3 billion yuan\n- Jimunai Port: 4.4 billion yuan",
    ],
)
def test_every_item_of_a_listed_breakdown_measures_what_its_lead_in_names(text):
    candidates = extracted(text)
    assert [c.metric_code for c in candidates] == ["trade_value"] * 4


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Foreign trade reached 53.7 billion yuan in 2025, 16.1 per cent higher than a year ago.", "16.1",
         "trade_value_growth_yoy"),
        ("Its trade came to 9 billion yuan in 2025, 4 percent more than in 2024.", "4", "trade_value_growth_yoy"),
        ("Foreign trade stood at 7.2 billion yuan in June, 12 per cent up on a year earlier.", "12",
         "trade_value_growth_yoy"),
        ("Vehicle exports were 61,500 vehicles in 2025, a drop of 8.3 percent.", "-8.3", "vehicle_exports_growth_yoy"),
        ("The port handled 83,100 tonnes of cargo in 2025, a gain of 7 percent.", "7",
         "intl_cargo_throughput_growth_yoy"),
    ],
)  # fmt: skip
def test_a_change_said_before_or_after_its_percentage_is_the_growth_of_the_figure_before(text, value, code):
    assert by_value(extracted(text), value).metric_code == code


@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Kashi's foreign trade totalled 64.3 billion yuan. The Kashgar area contributed 21.4 billion yuan of that.",
         "21400000000", "trade_value"),
        ("The port handled 83,100 tonnes of cargo in 2025. Fresh fruit made up 12,000 tonnes of this total.", "12000",
         "intl_cargo_throughput"),
        ("Imports and exports reached 9 billion yuan; Urumqi accounted for 5 billion yuan of it.", "5000000000",
         "trade_value"),
    ],
)  # fmt: skip
def test_an_amount_that_is_part_of_the_amount_before_measures_what_the_whole_measures(text, value, code):
    assert by_value(extracted(text), value).metric_code == code


@pytest.mark.parametrize(
    "text",
    [
        "In the first half, the pilot zone accounted for 43.7 percent of Xinjiang's foreign trade.",
        "The zone handled 21 per cent of the region's imports and exports in 2025.",
        "Its trade made up 30% of Xinjiang's overall foreign trade last year.",
    ],
)
def test_a_percent_of_the_regions_foreign_trade_is_its_share_without_the_word_total(text):
    (candidate,) = extracted(text)
    assert candidate.metric_code == "share_of_regional_trade"


# Rules of the tune8period round (periods and the forecast flag) ---------------------
# A target count "by the end of" a year, or a count with no yearly rate "by" a year, is a level on that year's
# last day; a yearly amount, money or a rate "a year" by a year is the whole of that year
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "The station plans to raise its capacity to 12,000 trains a year by the end of 2028.",
            "12000",
            None,
            "2028-12-31",
        ),
        ("The committee aims to have 40 bonded warehouses by the end of 2027.", "40", None, "2027-12-31"),
        ("The city will add 5,000 jobs in logistics by the end of 2028.", "5000", None, "2028-12-31"),
        ("The zone wants to have 200 foreign firms registered there by 2029.", "200", None, "2029-12-31"),
        ("The airport aims to handle 3 million passengers a year by 2029.", "3000000", "2029-01-01", "2029-12-31"),
        (
            "Officials expect trade to exceed 90 billion yuan by the end of 2028.",
            "90000000000",
            "2028-01-01",
            "2028-12-31",
        ),
        ("The zone aims to lift annual exports to 50 billion yuan by 2028.", "50000000000", "2028-01-01", "2028-12-31"),
    ],
)
def test_a_target_count_by_the_end_of_a_year_is_a_level_a_yearly_amount_the_whole_year(text, value, start, end):
    figure = by_value(extracted(text), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert figure.is_forecast and (figure.period_start, figure.period_end) == wanted


# A period phrase after a later figure of the sentence is that figure's when the sentence named a time before
@pytest.mark.parametrize(
    "text",
    [
        "For the full year, the port aims to export more than 600,000 vehicles and to bring clearance under one hour "
        "by the end of 2026.",
        "In 2026, the airport expects to handle 3,000 cargo flights and to cut the wait to under two hours by the end "
        "of October.",
    ],
)
def test_a_period_after_a_later_figure_is_that_figures_when_one_came_before(text):
    figure = extracted(text, published_on=dt.date(2026, 5, 14))[0]
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


# More words of a plan: "strive to", "aims for", "our target ... is", "wants"; and a figure joined by "and" to a
# planned one, with no verb of its own, is planned too
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "The bureau said the area would strive to register 4,000 new enterprises this year.",
            "4000",
            "2026-01-01",
            "2026-12-31",
        ),
        ("The port aims for annual trade of 60 billion yuan by 2028.", "60000000000", "2028-01-01", "2028-12-31"),
        (
            "Our target for the park is 9 billion yuan in sales this year, the manager said.",
            "9000000000",
            "2026-01-01",
            "2026-12-31",
        ),
        ("The goal this year is 300 new routes, an official said.", "300", "2026-01-01", "2026-12-31"),
        ("The city wants 150 more logistics firms by the end of 2027.", "150", None, "2027-12-31"),
        ("We hope to sell 20,000 tonnes this year, and 25 cold stores by the end of 2028.", "25", None, "2028-12-31"),
    ],
)
def test_more_words_of_a_plan_and_a_figure_joined_to_a_planned_one(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert figure.is_forecast and (figure.period_start, figure.period_end) == wanted


# The value of deals or agreements signed, or money committed, is a plan: no metric and no period; contracts signed
# and contracted investment are facts
@pytest.mark.parametrize(
    "text, value",
    [
        (
            "A Saudi delegation signed seven cooperation agreements worth a combined 2.4 billion yuan during its "
            "visit in May.",
            "2400000000",
        ),
        ("The delegation signed 12 agreements worth 3.1 billion yuan from 9th to 12th May.", "3100000000"),
        ("Dubai firms have signed deals worth about US$900 million in the area since 2024.", "900000000"),
        (
            "In March, a Qatari fund signed a US$250 million agreement to build a cold-chain hub in the zone.",
            "250000000",
        ),
        ("Projects the area signed at the expo in June are worth 4.2 billion yuan.", "4200000000"),
        ("Projects signed at the 5th Eurasia Expo are worth 7.7 billion yuan in all.", "7700000000"),
        ("Gulf investors have committed more than US$1.5 billion to projects in the region since 2024.", "1500000000"),
        ("Emirati companies account for 800 million yuan of the commitments.", "800000000"),
    ],
)
def test_the_value_of_deals_signed_or_money_committed_is_a_plan(text, value):
    figure = by_value(extracted(text), value)
    assert figure.is_forecast and figure.metric_code == "" and (figure.period_start, figure.period_end) == (None, None)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Investors signed contracts worth 12.5 billion yuan in the first two months of 2026.", "12500000000"),
        ("The area has signed 80 projects with contracted investment of 30 billion yuan in 2025.", "30000000000"),
    ],
)
def test_contracts_signed_are_facts(text, value):
    figure = by_value(extracted(text), value)
    assert not figure.is_forecast and figure.period_end is not None


# A figure stated in the present tense with no time of its own is a level as the article speaks, not a flow of the
# period its paragraph named: "The plant employs 2,300 people", "they run 12 warehouses", "can handle 80,000 tonnes"
@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The plant employs some 2,300 people, most of them from nearby villages.", "2300"),
        ("Between them they run 12 cold stores in Kazakhstan.", "12"),
        ("More than 900 businesses operate there, among them 35 duty-free shops.", "900"),
        ("More than 900 businesses operate there, among them 35 duty-free shops.", "35"),
        ("A new warehouse opened in May that can handle up to 80,000 tonnes of cargo a year.", "80000"),
        ("Flights to Bishkek are served 12 times a week.", "12"),
        ("Our trucks reach Almaty in three to four days.", "3"),
        ("The park covers 4.6 square kilometers.", "4.6"),
        ("On a busy day we ship up to 30,000 parcels to Russia.", "30000"),
        ("Buyers send back roughly 4 percent of parcels.", "4"),
    ],
)
def test_a_figure_in_the_present_tense_is_a_level_as_the_article_speaks(sentence, value):
    opening = "Trade of the area reached 12.4 billion yuan in the first five months of the year, up 18 percent."
    figure = by_value(extracted(f"{opening} {sentence}", published_on=dt.date(2026, 6, 22)), value)
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 6, 22))


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("The port also handled 1.2 million tonnes of grain.", "1200000"),
        ("Kazakhstan took 57 percent of the vehicles.", "57"),
        ("Exports to Pakistan rose 9 percent.", "9"),
    ],
)
def test_a_figure_in_the_past_tense_goes_on_in_its_paragraphs_period(sentence, value):
    opening = "Trade of the area reached 12.4 billion yuan in the first five months of the year, up 18 percent."
    figure = by_value(extracted(f"{opening} {sentence}", published_on=dt.date(2026, 6, 22)), value)
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 5, 31))


# An increment ("eight more than at the end of last year") gets only an end: that of the level it adds to
@pytest.mark.parametrize(
    "text, value, end",
    [
        ("The airport now operates 31 cargo routes, five more than at the end of last year.", "5", "2026-06-22"),
        (
            "In the first five months, the zone traded with 88 countries, four more than a year earlier.",
            "4",
            "2026-05-31",
        ),
        ("Its cold stores can now hold 90,000 tonnes, 12,000 tonnes more than last year.", "12000", "2026-06-22"),
    ],
)
def test_an_increment_gets_only_the_end_of_the_level_it_adds_to(text, value, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), value)
    assert (figure.period_start, figure.period_end) == (None, dt.date.fromisoformat(end))


# A multiple of a level on an earlier day runs from that day to the day of the new level
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "Registered enterprises numbered 12,400 at the end of May, 2.5 times the 4,960 recorded at the end of "
            "2023.",
            "150",
            "2023-12-31",
            "2026-05-31",
        ),
        (
            "More than 40 Saudi firms are now registered in the zone, nearly double the 22 at the end of 2024.",
            "100",
            "2024-12-31",
            "2026-06-22",
        ),
        (
            "The zone was launched in November 2023. It had 30,100 enterprises at the end of May, twice the number at "
            "the zone's launch.",
            "100",
            "2023-11-01",
            "2026-05-31",
        ),
        (
            "Registered firms in the Xinjiang FTZ totalled 8,800 at the end of May, twice the number when the FTZ was "
            "launched.",
            "100",
            "2023-11-01",
            "2026-05-31",
        ),
    ],
)
def test_a_multiple_of_a_level_on_an_earlier_day_runs_from_that_day(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_a_level_compared_with_is_not_the_whole_of_a_part_after_it():
    text = (
        "The zone opened in November 2023. Registered enterprises totalled 9,900 at the end of May, 2.1 times the "
        "4,700 "
        "recorded when the zone opened. "
        "Only 14 of them are Kazakh-funded."
    )
    part = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), "14")
    assert part.period_end == dt.date(2026, 5, 31)


# The Xinjiang zone's launch (1 November 2023) dates "when the zone opened" and "since its launch" in a text about it
# that does not repeat the date
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "In the Xinjiang FTZ, clearance now takes 20 minutes, down from about 3 hours when the zone opened.",
            "3",
            None,
            "2023-11-01",
        ),
        (
            "The China (Xinjiang) Pilot Free Trade Zone has signed 95 projects since its launch.",
            "95",
            "2023-11-01",
            "2026-06-22",
        ),
    ],
)
def test_the_xinjiang_zones_launch_dates_its_launch_when_the_text_does_not(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert (figure.period_start, figure.period_end) == wanted


# A share of what a figure before counted, and a change said after its figure ("11 percentage points more than a year
# earlier"), go on in the period of the paragraph before, as a change said before it does
@pytest.mark.parametrize(
    "sentence, value",
    [
        ("Kazakhstan took 57 percent of the vehicles, followed by Uzbekistan.", "57"),
        ("Buyers in Russia bought some 30 percent of the trucks.", "30"),
        ("Electric models made up 41 percent of the total, 9 percentage points more than a year earlier.", "9"),
        ("Their share reached 22 percent, 4 percentage points higher than a year before.", "4"),
    ],
)
def test_a_share_of_what_was_counted_or_a_change_said_after_goes_on_in_the_period(sentence, value):
    opening = "Horgos Port exported 48,200 vehicles and 3,100 trucks in the first four months of 2026, up 22 percent."
    figure = by_value(extracted(f"{opening}\n\n{sentence}", published_on=dt.date(2026, 5, 14)), value)
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 4, 30))


# What a plan's sentence states as fact: a past-tense relative clause after the plan's word ("will connect ... a hub
# that handled 118,400 tonnes") and the level a planned cut starts from ("is expected to cut the trip from about
# seven days to two", dated as the article speaks); money that "will" do something is planned
@pytest.mark.parametrize(
    "text, value, forecast, start, end",
    [
        (
            "The route will link Sharjah with an airport that handled 96,000 tonnes of cargo in 2025.",
            "96000",
            False,
            "2025-01-01",
            "2025-12-31",
        ),
        (
            "The new line is expected to cut the trip from about six days by road to two days once it opens.",
            "6",
            False,
            None,
            "2026-06-22",
        ),
        ("The port aims to cut clearance from 90 minutes to 30 minutes.", "90", False, None, "2026-06-22"),
        (
            "Of these, 12 projects, worth 4.4 billion yuan, will be built in the Horgos area.",
            "4400000000",
            True,
            None,
            None,
        ),
    ],
)
def test_what_a_plans_sentence_states_as_fact(text, value, forecast, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end) if end else None)
    assert figure.is_forecast == forecast and (figure.period_start, figure.period_end) == wanted


# "Since the service was launched in July" runs from that month; "on September 10" is that one day (a statement's
# day, "said on May 13", is none), for a count signed with a planned sum too
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "Since the route was opened in March, it has carried more than 900 tonnes of fruit.",
            "900",
            "2026-03-01",
            "2026-06-22",
        ),
        (
            "Since the centre began operating in May, it has served 40,000 visitors.",
            "40000",
            "2026-05-01",
            "2026-06-22",
        ),
        (
            "Twelve projects with a total planned investment of 8.5 billion yuan were signed at the expo on June 8.",
            "12",
            "2026-06-08",
            "2026-06-08",
        ),
        ("The zone handled 2,100 trucks on 3rd June, a daily record.", "2100", "2026-06-03", "2026-06-03"),
    ],
)
def test_since_an_event_in_a_month_and_on_a_day(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_a_statements_day_is_no_period():
    text = "Customs officials said on June 12 that 4,200 trucks had been cleared."
    figure = by_value(extracted(text, published_on=dt.date(2026, 6, 22)), "4200")
    assert figure.period_label != "on June 12"


# A holiday named in more words than one ("the Spring Festival holiday (February 15-23)") takes its dates in brackets
@pytest.mark.parametrize(
    "text",
    [
        "Kashgar received 1.1 million visits during the Spring Festival holiday (February 15-23), officials said.",
        "Horgos recorded 86,000 crossings over the National Day holiday (October 1-7).",
        "Urumqi received 640,000 visits during the Eid al-Adha break (June 6-9).",
    ],
)
def test_a_holiday_of_several_words_takes_its_dates_in_brackets(text):
    figure = extracted(text, published_on=dt.date(2026, 11, 3))[0]
    assert figure.period_start is not None and figure.period_end is not None
    assert (figure.period_end - figure.period_start).days <= 8


# A clause that goes on with the plan before it is planned too: the next verb of a list in its plain form, or "with"
# and what supplies a share; an old value or a past-tense clause after a plan is not
@pytest.mark.parametrize(
    "text, value, forecast",
    [
        (
            "The area aims to lift exports to 9 billion yuan this year, attract at least 600 new enterprises and open "
            "two routes.",
            "600",
            True,
        ),
        (
            "The crop is expected to reach 1.8 million tonnes this year, with Aksu supplying nearly a third.",
            "33.3",
            True,
        ),
        ("The port expects 9,000 trips this year, after handling 8,150 in 2025.", "8150", False),
        (
            "Trade is expected to top 90 billion yuan this year, after reaching 81.2 billion yuan in 2025.",
            "81200000000",
            False,
        ),
    ],
)
def test_a_clause_going_on_with_a_plan_is_planned(text, value, forecast):
    figure = by_value(extracted(text, published_on=dt.date(2026, 10, 28)), value)
    assert figure.is_forecast == forecast


# Rules of the tune8place round (places and metrics that generalise) -------------------
def _seed_vocabulary():
    import json
    from pathlib import Path

    rows = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "seed.json").read_text())
    places = [row for row in rows if row["model"] == "curation.place"]
    countries = {row["pk"] for row in places if row["fields"]["kind"] == "country"}
    names = {row["fields"]["name"]: str(row["pk"]) for row in places if row["pk"] not in countries}
    names.update(
        {
            row["fields"]["name"]: str(row["fields"]["place"])
            for row in rows
            if row["model"] == "curation.placealias" and row["fields"]["place"] not in countries
        }
    )
    index = PlaceIndex(
        names, kinds={str(row["pk"]): row["fields"]["kind"] for row in places}, national_key=str(min(countries))
    )
    metrics = [row["fields"] for row in rows if row["model"] == "curation.metric"]
    by_name = {row["fields"]["name"]: str(row["pk"]) for row in places}
    return index, {m["code"] for m in metrics}, {m["code"] for m in metrics if m["nature"] == "stock"}, by_name


SEED_INDEX, SEED_CODES, SEED_STOCKS, SEED_KEY = _seed_vocabulary()


def seed_extracted(text: str, published_on=PUBLISHED):
    return extract_candidates(
        text, published_on=published_on, places=SEED_INDEX, metric_codes=SEED_CODES, stock_metric_codes=SEED_STOCKS
    ).candidates


def seed_place(text: str, value: str) -> str:
    key = by_value(seed_extracted(text), value).place_key
    return next((name for name, k in SEED_KEY.items() if k == key), None) if key else None


def seed_metric(text: str, value: str) -> str | None:
    return by_value(seed_extracted(text), value).metric_code or None


# A feature's byline ("By LI MING in Horgos | China Daily") says where the story is, when nothing before a figure does
@pytest.mark.parametrize(
    "byline, place",
    [
        ("By WANG LEI in Horgos, Xinjiang | China Daily | Updated: 2026-03-09 08:00", "Horgos"),
        ("By ZHAO MIN in Kashgar | China Daily | Updated: 2026-03-09 07:45", "Kashgar City"),
        ("By LI NA in Urumqi | China Daily", "Urumqi"),
    ],
)
def test_a_bylines_place_is_the_place_of_figures_no_sentence_places(byline, place):
    text = (
        f"Night market thrives\n\n{byline}\n\nThe bazaar, which opened near the station in 2019, drew 2.4 million "
        "visits in the first half.\n\nStallholders said sales of dried fruit rose 18 percent."
    )
    assert seed_place(text, "2400000") == place
    assert seed_place(text, "18") == place


# "Across Xinjiang, foreign trade ...", "trade across the zone reached ...": a scope that opens its clause or
# follows what is measured is the figure's place; "promoted across Xinjiang" stays a scope
@pytest.mark.parametrize(
    "text, value, place",
    [
        ("The Horgos area grew fast.\n\nAcross Xinjiang, foreign trade totalled 310.2 billion yuan in 2025.",
         "310200000000", "Xinjiang Uygur Autonomous Region"),
        ("Urumqi International Airport was busy.\n\nThroughout Xinjiang, ports exported 280,000 vehicles in 2025.",
         "280000", "Xinjiang Uygur Autonomous Region"),
        ("The Kashgar area held a fair.\n\nIn 2025, e-commerce trade across the pilot free trade zone reached 5.2 "
         "billion yuan.", "5200000000", "China (Xinjiang) Pilot Free Trade Zone"),
        ("The Kashgar area has 40 institutional innovation cases, 12 of which were promoted across Xinjiang.",
         "12", "Kashgar Area (FTZ)"),
    ],
)  # fmt: skip
def test_a_scope_opening_its_clause_or_after_a_measure_is_the_place(text, value, place):
    assert seed_place(text, value) == place


# "some 210 km west of Kashgar city", "women from villages around Kashgar city", "near Urumqi": a place that only
# locates something else is not what the text goes on about
@pytest.mark.parametrize(
    "locating",
    [
        "The plant, some 30 km west of Kashgar city, hires locally.",
        "Most of its workers come from villages around Kashgar city.",
        "The warehouse stands near Kashgar city.",
        "The site lies just north of Kashgar city.",
    ],
)
def test_a_place_that_only_locates_something_is_no_subject(locating):
    text = (
        f"The Kashgar area drew investors.\n\nThe garment maker has grown fast. {locating} "
        "Its revenue reached 95 million yuan."
    )
    assert seed_place(text, "95000000") == "Kashgar Area (FTZ)"


# "At 2 am, when most of Urumqi is asleep, the lines in the Urumqi area ...": a time clause only sets a scene
def test_a_place_in_a_closed_time_clause_is_not_the_lede_subject():
    text = (
        "Busy nights\n\nAt dawn, when most of Kashgar is asleep, a warehouse in the Kashgar area is already loading "
        'trucks.\n\n"We ship 9,000 parcels a night," the manager said.'
    )
    assert seed_place(text, "9000") == "Kashgar Area (FTZ)"


# The nation as a figure's place: "Nationally, ...", "China-Saudi Arabia trade", "China's largest trading partner"
@pytest.mark.parametrize(
    "text, value",
    [
        ("The Urumqi area grew. Nationally, cross-border e-commerce trade rose 7.2 percent.", "7.2"),
        ("The Urumqi area grew. China-Saudi Arabia trade reached US$98 billion in 2025.", "98000000000"),
        ("Xinjiang grew fast. The UAE is China's largest trading partner in the Arab world. Bilateral trade "
         "reached US$101.2 billion in 2025.", "101200000000"),
    ],
)  # fmt: skip
def test_nationwide_wording_makes_the_figure_national(text, value):
    assert seed_place(text, value) == "China"


# "in the zone's Horgos area", "in China's Xinjiang Uygur Autonomous Region", "in the same area": the place a figure
# goes to after it, past a possessive that only says whose it is
@pytest.mark.parametrize(
    "text, value, place",
    [
        ("A group signed a US$310 million deal to build a plant in the zone's Horgos area.", "310000000",
         "Horgos Area (FTZ)"),
        ("Investors have put US$1.4 billion into projects in China's Xinjiang Uygur Autonomous Region.", "1400000000",
         "Xinjiang Uygur Autonomous Region"),
        ("The zone's Kashgar area is growing. A cold store opened in the same area can hold 20,000 tonnes.", "20000",
         "Kashgar Area (FTZ)"),
    ],
)  # fmt: skip
def test_a_place_after_a_possessive_place_is_the_one_meant(text, value, place):
    assert seed_place(text, value) == place


# Money promised rather than invested: "signed five agreements worth AED735 million", "have committed US$2.1 billion
# to projects", "will jointly invest AED275 million" -- a plan with no metric, no period
@pytest.mark.parametrize(
    "text, value",
    [
        ("A delegation signed three investment agreements worth a combined AED410 million in Kashgar.", "410000000"),
        ("Gulf investors have committed more than US$1.3 billion to projects in the zone since 2024.", "1300000000"),
        ("The operator and the airport will jointly invest AED180 million in a cold store.", "180000000"),
        ("Firms from Oman signed deals worth about US$520 million in the Horgos area.", "520000000"),
    ],
)
def test_promised_money_is_a_plan_with_no_metric(text, value):
    candidate = by_value(seed_extracted(text), value)
    assert (candidate.metric_code, candidate.is_forecast, candidate.period_end) == ("", True, None)


# A verb before "imports and exports" ("handled imports and exports of ...") names no kind of goods
@pytest.mark.parametrize("verb", ["handled", "recorded", "reported", "posted"])
def test_a_verb_before_imports_and_exports_names_no_kind_of_goods(verb):
    text = f"The Horgos area {verb} imports and exports of 61.2 billion yuan in 2025."
    assert seed_metric(text, "61200000000") == "trade_value"


# Cargo through land ports is no airport's international cargo throughput (labels.json 'about': land-port tonnes)
@pytest.mark.parametrize(
    "text, value",
    [
        ("Cargo passing through the two land ports on the border totalled 1.7 million tonnes in 2025, up 9 percent.",
         "1700000"),
        ("Cargo passing through the two land ports on the border totalled 1.7 million tonnes in 2025, up 9 percent.",
         "9"),
        ("Torugart, a land port on the Kyrgyz border, handled 640,000 tonnes of cargo in 2025.", "640000"),
    ],
)  # fmt: skip
def test_land_port_cargo_has_no_throughput_metric(text, value):
    assert seed_metric(text, value) is None


# Travellers' wait at passport control or border checks is no customs clearance of goods
@pytest.mark.parametrize(
    "text",
    [
        "The average wait at passport control has been cut to under 20 minutes, the border inspection station said.",
        "Passengers now clear border checks in under 20 minutes at the airport.",
        "Immigration checks for travellers take under 20 minutes, officials said.",
    ],
)
def test_a_travellers_wait_at_border_checks_is_no_customs_clearance_time(text):
    assert seed_metric(text, "20") is None


# Clearing in days is customs clearance ("takes about six days to clear"); a time to reach a named market or a
# transport time is the delivery time to market
@pytest.mark.parametrize(
    "text, value, code",
    [
        ("Each returned parcel still takes about four days to clear.", "4", "customs_clearance_time"),
        ("Our trucks reach Almaty in three to four days.", "3", "delivery_time_to_market"),
        ("The railway will cut transport time from Kashgar to Andijan to two days.", "2", "delivery_time_to_market"),
    ],
)
def test_days_to_clear_or_to_reach_a_market(text, value, code):
    assert seed_metric(text, value) == code


# "Trade" naming a kind of zone, rule or fair ("the Pilot Free Trade Zone", "trade facilitation rules") is no trade
@pytest.mark.parametrize(
    "text",
    [
        "The market next to the Horgos area of the China (Xinjiang) Pilot Free Trade Zone received 2.1 million visits "
        "in 2025, up 12 percent from a year earlier.",
        "Sales of used cars, piloted under the area's trade facilitation rules, rose 12 percent.",
    ],
)
def test_trade_naming_a_zone_or_rule_is_no_trade(text):
    assert seed_metric(text, "12") is None


# New enterprises that registered are new enterprises, and their growth theirs ("874 new enterprises registered in
# the area, up 11 percent"); measures "put into practice" are implemented
def test_the_growth_of_new_enterprises_that_registered_is_theirs():
    text = "In 2025, 640 new enterprises registered in the Horgos area, up 9 percent."
    assert seed_metric(text, "9") == "new_enterprises_growth_yoy"


@pytest.mark.parametrize("done", ["put into practice", "put into effect"])
def test_measures_put_into_practice_are_implemented(done):
    text = f"The area had {done} 88 of its 96 assigned reform measures."
    assert seed_metric(text, "88") == "reform_measures_implemented"


# A company's own sales are its revenue: "Its sales reached", "the firm's sales"
@pytest.mark.parametrize("sales", ["Its sales", "The company's sales", "The firm's annual sales"])
def test_a_companys_sales_are_its_revenue(sales):
    text = f"The factory in the Kashgar area opened in 2023. {sales} reached 240 million yuan last year."
    assert seed_metric(text, "240000000") == "company_revenue"


# "with Central Asian markets taking more than 60 percent": a share taken, no growth
def test_a_share_taken_by_markets_is_no_growth():
    text = "Kashi Prefecture exported 3.2 billion yuan of garments, up 12 percent, with Central Asia taking 64 percent."
    assert seed_metric(text, "64") is None


# The area of something that is no place of the portal ("the center covers", "a park of 1.2 square kilometers")
@pytest.mark.parametrize(
    "text",
    [
        "The center covers 4.1 square kilometers, of which 2.2 sq km lie on the Chinese side.",
        "The Kashgar area is building a second logistics park of 4.1 square kilometers.",
    ],
)
def test_the_area_of_a_facility_is_no_area_metric(text):
    assert seed_metric(text, "4.1") is None


def test_the_area_of_a_place_keeps_its_metric():
    assert seed_metric("The Horgos area covers 4.1 square kilometers.", "4.1") == "area"


# "we expect the route to carry at least 9,000 tonnes": one route's load is no port's throughput
def test_what_a_route_is_expected_to_carry_is_no_throughput():
    text = "We expect the new route to carry at least 8,000 tonnes of cargo in its first year."
    assert seed_metric(text, "8000") is None


# A site's masthead ("Department of Commerce of Xinjiang Uygur Autonomous Region  >  News Release") says who publishes,
# not what the release is about: a release about the zone means its areas by bare city names
@pytest.mark.parametrize("separator", [">", "›", "|"])
def test_a_masthead_place_is_not_what_a_release_is_about(separator):
    text = (
        f"Department of Commerce of Xinjiang Uygur Autonomous Region  {separator}  News Release\n\n"
        "Release date: 2026-03-09\n\nThe China (Xinjiang) Pilot Free Trade Zone registered 5,200 new enterprises in "
        "2025. By area, Kashgar accounted for 1,830 of them."
    )
    assert seed_place(text, "1830") == "Kashgar Area (FTZ)"


# A flight frequency is the city's link (labels.json 'about': a city-to-city frequency takes the city), even in a
# paragraph about the city's airport, unless its sentence puts the flights at the airport
@pytest.mark.parametrize(
    "sentence, place",
    [
        ("Flights to Tashkent now depart three times a day.", "Urumqi"),
        ("Flights to Almaty run 12 times a week, said a manager of the airport group.", "Urumqi"),
        ("Cargo flights now land 14 times a week at the airport.", "Urumqi International Airport"),
        ("Urumqi International Airport now handles 40 cargo flights a week.", "Urumqi International Airport"),
    ],
)
def test_a_flight_frequency_in_a_paragraph_about_an_airport_is_the_citys(sentence, place):
    text = f"Urumqi International Airport handled 1.2 million passengers in 2025. {sentence}"
    candidate = [c for c in seed_extracted(text) if c.unit == "flights"][0]
    assert next(name for name, key in SEED_KEY.items() if key == candidate.place_key) == place


# The office that gives a figure names its place when nothing before the figure does: "..., according to Urumqi
# International Airport", "..., the Kashi Prefecture Commissioner's Office said"; and the office's place is what "the
# prefecture" stands for after it
@pytest.mark.parametrize(
    "text, value, place",
    [
        ("The new route will serve a hub that handled 96,000 tonnes of cargo last year, according to Urumqi "
         "International Airport.", "96000", "Urumqi International Airport"),
        ("Twenty projects worth 8.1 billion yuan were signed at the fair, the Kashi Prefecture Commissioner's Office "
         "said.", "8100000000", "Kashgar Prefecture"),
        ("Officials of the Kashi Prefecture Commissioner's Office spoke. In May, the prefecture's fruit exports rose "
         "14 percent.", "14", "Kashgar Prefecture"),
    ],
)  # fmt: skip
def test_the_office_giving_a_figure_names_its_place(text, value, place):
    assert seed_place(text, value) == place


# "21 projects, worth 16.8 billion yuan, will be located in the Kashgar area": where what is counted will be
def test_what_will_be_located_somewhere_is_that_places():
    text = "Of these, 14 projects, worth 6.2 billion yuan, will be located in the Kashgar area."
    assert seed_place(text, "14") == "Kashgar Area (FTZ)"
    assert seed_place(text, "6200000000") == "Kashgar Area (FTZ)"


# "Two cargo flights a week now link Kashgar with Dubai": the place linked is the figure's when its sentence has no
# other
def test_the_only_place_a_link_names_is_the_figures():
    text = (
        "Kashgar is growing.\n\nFive cargo flights a week now link Kashgar with Doha. Since May they have carried 900 "
        "tonnes."
    )
    assert seed_place(text, "5") == "Kashgar City"
    assert seed_place(text, "900") == "Kashgar City"


# "Direct flights between Dubai and Kashgar now run three times a week" in a story about the zone: the city's link,
# not the zone's area
@pytest.mark.parametrize(
    "sentence",
    [
        "Direct flights between Doha and Kashgar now run three times a week.",
        "The airline runs three weekly cargo flights between Sharjah and Kashgar.",
    ],
)
def test_a_flight_frequency_between_cities_is_the_citys_in_a_story_about_the_zone(sentence):
    text = f"The China (Xinjiang) Pilot Free Trade Zone drew Gulf investors in 2025. {sentence}"
    candidate = [c for c in seed_extracted(text) if c.unit == "flights"][0]
    assert candidate.place_key == SEED_KEY["Kashgar City"]


# Money companies "have invested" is put in, not contracted (labels.json 'about': direct investment has no metric)
def test_money_invested_is_no_contracted_investment():
    text = "Saudi companies had invested more than US$500 million in the Horgos area by mid-2025."
    assert seed_metric(text, "500000000") is None


# "Traders" are no trade: "Traders expect up to 12 percent growth in cross-border shopping"
def test_traders_are_no_trade():
    assert seed_metric("Traders expect up to 12 percent growth in cross-border shopping.", "12") is None


# "Cargo flown between Doha and Urumqi reached 900 tonnes": the load of one link, not a port's throughput
def test_cargo_between_two_places_is_no_throughput():
    assert seed_metric("Cargo flown between Doha and Urumqi reached 900 tonnes in May.", "900") is None


# A facility bearing a place's name stands in that place: "the Khorgos International Center of Boundary Cooperation"
@pytest.mark.parametrize(
    "facility", ["the Horgos International Center of Boundary Cooperation", "the Kashgar International Trade Market"]
)
def test_what_a_facility_bearing_a_places_name_counts_is_the_places(facility):
    text = f"Kazakh shoppers are back.\n\nSales at {facility} totalled 3.1 billion yuan in 2025, officials said."
    assert seed_place(text, "3100000000") in ("Horgos", "Kashgar City")


# "Across the whole FTZ, the import and export value reached ...": the whole zone is the zone
def test_the_whole_zone_is_the_zone():
    text = (
        "Urumqi International Airport handled 40,000 tonnes of cargo.\n\nAcross the whole FTZ, the import and export "
        "value reached 52.3 billion yuan in 2025."
    )
    assert seed_place(text, "52300000000") == "China (Xinjiang) Pilot Free Trade Zone"


# A title's reference ("... runs through the free trade zone") is no lede subject, and a place only locating something
# ("on the eastern edge of Kashgar", "on the outskirts of Urumqi") is no subject either
def test_a_titles_reference_and_a_locating_place_leave_the_lede_to_the_body():
    text = (
        "Feature: A trader's road runs through the free trade zone\n\nKASHGAR, May 3 (Xinhua) -- Each morning Ali "
        "walks "
        "the aisles of his cold store on the eastern edge of Kashgar.\n\nIn 2024 he moved his company into the Kashgar "
        "area of the China (Xinjiang) Pilot Free Trade Zone.\n\nThis year his firm exported 1,900 tonnes of raisins."
    )
    assert seed_place(text, "1900") == "Kashgar Area (FTZ)"


# In a text about the free trade zone, "the zone" beyond the paragraph that named a bonded zone is the free trade zone
def test_the_zone_beyond_a_bonded_zones_paragraph_is_the_free_trade_zone():
    text = (
        "The China (Xinjiang) Pilot Free Trade Zone grew in 2025. The Kashi Comprehensive Bonded Zone contributed 9.1 "
        "billion yuan.\n\nThe zone registered 6,400 new enterprises in 2025."
    )
    assert seed_place(text, "6400") == "China (Xinjiang) Pilot Free Trade Zone"


# "against 4.6% for the pilot zones combined and 3.1% for China as a whole", "the country's 22 pilot free trade zones":
# the nation's figures (labels.json 'about': the combined figure of all pilot free trade zones is nationwide)
@pytest.mark.parametrize(
    "text, value",
    [
        ("The Urumqi area's trade rose 12.1 percent, against 5.2 percent for the pilot zones combined.", "5.2"),
        ("The Urumqi area's trade rose 12.1 percent, against 2.9 percent for China as a whole.", "2.9"),
        ("The Urumqi area is among the fastest-growing parts of the country's 21 pilot free trade zones.", "21"),
    ],
)
def test_figures_for_all_zones_or_the_whole_country_are_national(text, value):
    assert seed_place(text, value) == "China"


# "flydubai, which opened its Dubai-Kashgar service in 2025, now flies four times weekly": the city of the route
def test_a_flight_frequency_on_a_hyphenated_route_is_the_citys():
    text = (
        "Gulf travel to Xinjiang booms. Air Oman, which opened its Muscat-Kashgar service in 2025, now flies four "
        "times weekly."
    )
    candidate = [c for c in seed_extracted(text) if c.unit == "flights"][0]
    assert candidate.place_key == SEED_KEY["Kashgar City"]


# "with a flying time of around six hours": a trip's duration is about no one place
@pytest.mark.parametrize("words", ["a flying time of around", "a travel time of about", "a flight time of"])
def test_a_flying_time_is_about_no_place(words):
    assert seed_place(f"Flights to Urumqi start in May, with {words} six hours.", "6") is None


# Rules of the tune9period round (periods on unseen text) ------------------------------
# "aims to double the number of Gulf-funded firms in the zone, currently about 120, by 2028": what is now is no plan
@pytest.mark.parametrize(
    "text, value",
    [
        ("The council aims to double the number of member firms, currently about 120, by 2028.", "120"),
        ("The port plans to add more berths, now 14, within three years.", "14"),
    ],
)
def test_what_is_now_inside_a_plan_is_no_plan(text, value):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert not figure.is_forecast and (figure.period_start, figure.period_end) == (None, dt.date(2026, 7, 20))


# "Payments that took two to three days in 2023 now clear in under an hour": a time after an earlier figure is that
# figure's; the figure after "now" is a level as the article speaks
@pytest.mark.parametrize(
    "text, value",
    [
        ("Checks that took six hours in 2024 now take 40 minutes.", "40"),
        ("A crossing that needed 3 days in 2023 is currently done in 5 hours.", "5"),
    ],
)
def test_a_figure_after_now_is_not_in_the_earlier_figures_year(text, value):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 7, 20))


# "Students spend at least six months on Chinese, and about half of them rely on scholarships": said in the present,
# levels as the article speaks
@pytest.mark.parametrize(
    "text, value",
    [
        ("Trainees spend at least six months on Russian before courses.", "6"),
        ("Trainees from abroad spend at least six months on Russian, and about half of them rely on grants.", "50"),
        ("About 30 percent of trainees depend on grants.", "30"),
    ],
)
def test_what_people_spend_or_rely_on_is_a_present_level(text, value):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 7, 20))


# "came to 5.9 billion yuan, compared with 4.6 billion yuan in the same period last year": the new value's period a
# year earlier, not a part singled out before ("March alone brought in ...")
def test_the_same_period_last_year_of_an_old_value_is_its_new_values():
    text = (
        "Trade reached 33 billion yuan in the first quarter. March alone brought in 13 billion yuan.\n\n"
        "Trade with Kyrgyzstan came to 5.9 billion yuan, compared with 4.6 billion yuan in the same period last year."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 4, 16)), "4600000000")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))


# A time that opens its sentence ("For the full year, ...", "In 2025, ...") holds for each statement in it, past
# "while" or a semicolon
@pytest.mark.parametrize(
    "text, value, start, end, forecast",
    [
        (
            "For the full year, the prefecture expects trade to top 65 billion yuan, while the area aims for 30 billion yuan.",  # noqa: E501
            "30000000000",
            "2026-01-01",
            "2026-12-31",
            True,
        ),
        (
            "In 2025, exports rose 12 percent; imports reached 4 billion yuan.",
            "4000000000",
            "2025-01-01",
            "2025-12-31",
            False,
        ),  # noqa: E501
    ],
)
def test_a_time_opening_its_sentence_holds_for_each_statement(text, value, start, end, forecast):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert figure.is_forecast == forecast
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


# How long something took in a year ("Payments that took two to three days in 2023") is a level at that year's end
@pytest.mark.parametrize(
    "text, value, end",
    [
        ("Payments that took two to three days in 2023 now clear in minutes.", "2", "2023-12-31"),
        ("Clearance averaged 14 hours in the first half of 2025.", "14", "2025-06-30"),
        ("In 2024, opening a bank account took about 15 days.", "15", "2024-12-31"),
    ],
)
def test_how_long_something_took_in_a_year_is_a_level_at_its_end(text, value, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (None, dt.date.fromisoformat(end))


# "could pass 15 billion yuan this year", "might reach 2 million tonnes": what may come is a forecast, over the year
@pytest.mark.parametrize(
    "text, value",
    [
        ("Analysts said trade with Uzbekistan alone could pass 15 billion yuan this year.", "15000000000"),
        ("Cargo might well reach 2 million tonnes this year, the port said.", "2000000"),
        ("The new terminal could easily handle 900 trucks a day this year.", "900"),
    ],
)
def test_what_could_come_is_a_forecast(text, value):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert figure.is_forecast and (figure.period_start, figure.period_end) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )  # noqa: E501


# "against 9.4 percent growth for Xinjiang as a whole": another subject's figure set against, over the same time
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "The zone's trade rose 36.8 percent in 2025, against 9.4 percent growth for Xinjiang as a whole.",
            "9.4",
            "2025-01-01",
            "2025-12-31",
        ),  # noqa: E501
        (
            "In the first half, exports grew 21 percent, compared with 6 percent for the country as a whole.",
            "6",
            "2026-01-01",
            "2026-06-30",
        ),  # noqa: E501
        (
            "Exports grew 21 percent in the first half, compared with 15 percent in 2025.",
            "15",
            "2025-01-01",
            "2025-12-31",
        ),  # noqa: E501
    ],
)
def test_another_subjects_figure_set_against_is_over_the_same_time(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


# "among the country's 22 pilot free trade zones", "China's 21 pilot zones combined": the nation's set, counted as
# the article speaks whatever period its sentence has
@pytest.mark.parametrize(
    "text",
    [
        "By export growth, the zone ranked third among the country's 22 pilot free trade zones in 2025.",
        "Over the past two years, trade grew 17 percent a year, against 4 percent for China's 22 pilot zones combined.",
        "In the first half, the zone's trade outpaced that of the nation's 22 pilot free trade zones.",
    ],
)
def test_the_nations_set_of_zones_is_counted_as_the_article_speaks(text):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), "22")
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 7, 20))


# "As of end-June, 11,930 enterprises were registered. Of these, 1,240 were newly registered this year": this year up
# to the as-of day its paragraph gave
@pytest.mark.parametrize(
    "text, value, end",
    [
        (
            "As of end-June, 9,100 firms were registered in the area. Of these, 1,240 signed up this year.",
            "1240",
            "2026-06-30",
        ),  # noqa: E501
        ("By the end of May the park had 310 tenants. It added 42 of them this year.", "42", "2026-05-31"),
        ("Trade reached 9 billion yuan in 2025.\n\nThe park added 42 tenants this year.", "42", "2026-07-20"),
    ],
)
def test_this_year_runs_to_the_as_of_day_its_paragraph_gave(text, value, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date.fromisoformat(end))


# A capacity ("storage for up to 30,000 tonnes at a time", "can hold 400 TEU") is a level, not a flow the paragraph's
# period counts; a planned capacity "by the end of 2027" is a level on that day, unless it is a yearly rate
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "Exports reached 2 billion yuan in the first half.\n\nA cold store opened in April, with storage for up "
            "to 30,000 tonnes of fruit at a time.",
            "30000",
            None,
            "2026-07-20",
        ),  # noqa: E501
        (
            "Exports reached 2 billion yuan in the first half.\n\nIts new yard can hold 600 containers.",
            "600",
            None,
            "2026-07-20",
        ),  # noqa: E501
        ("The park plans to raise its cold-storage capacity to 200,000 tonnes by 2028.", "200000", None, "2028-12-31"),
        (
            "The port plans to lift its handling capacity to 5 million tonnes a year by 2028.",
            "5000000",
            "2028-01-01",
            "2028-12-31",
        ),  # noqa: E501
    ],
)
def test_a_capacity_is_a_level(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert (figure.period_start, figure.period_end) == wanted


# "A train service launched in June made 96 trips by the end of November": a flow up to an as-of day, counted
# from the month of the event its sentence dates
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        ("A freight service launched in June made 96 trips by the end of November.", "96", "2026-06-01", "2026-11-30"),
        (
            "The warehouse, opened in March, had shipped 12,000 parcels by October 31.",
            "12000",
            "2026-03-01",
            "2026-10-31",
        ),  # noqa: E501
        ("Exports reached 2 billion yuan by the end of November.", "2000000000", None, "2026-11-30"),
    ],
)
def test_a_flow_up_to_an_as_of_day_runs_from_the_event_its_sentence_dates(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 12, 10)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert (figure.period_start, figure.period_end) == wanted


# Where people come from ("students from seven countries") is no old value; a wage, price or sum per unit of time is
# a rate, not a flow the paragraph's period counts: said in the present, each is a level as the article speaks
@pytest.mark.parametrize(
    "text, value",
    [
        (
            "Exports reached 9 billion yuan in the first half.\n\nThe school now teaches students from 11 countries.",
            "11",
        ),  # noqa: E501
        (
            "Exports reached 9 billion yuan in the first half.\n\nFreight forwarders now hire buyers from 14 nations, "
            "and drivers earn about 7,000 yuan a month.",
            "7000",
        ),  # noqa: E501
        (
            "Exports reached 9 billion yuan in the first half.\n\nThat is above the city's average wage of about "
            "4,800 yuan.",
            "4800",
        ),  # noqa: E501
        (
            "Exports reached 9 billion yuan in the first half.\n\nWarehouse rents are around 30 yuan per square "
            "metre, brokers say.",
            "30",
        ),  # noqa: E501
    ],
)
def test_origins_and_rates_are_levels_as_the_article_speaks(text, value):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 7, 20))


# A list under a heading that names a year to come ("By 2027:") is that year's targets: forecasts over the whole year,
# a count or a stock only at its end
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "The zone released its plan on Monday.\n\nMain targets\n\nBy 2028:\n- cross-border trade to exceed 90 "
            "billion yuan a year;\n- 60 overseas warehouses to be built.\n",
            "90000000000",
            "2028-01-01",
            "2028-12-31",
        ),  # noqa: E501
        (
            "The zone released its plan on Monday.\n\nMain targets\n\nBy 2028:\n- cross-border trade to exceed 90 "
            "billion yuan a year;\n- 60 overseas warehouses to be built.\n",
            "60",
            None,
            "2028-12-31",
        ),  # noqa: E501
        (
            "The zone released its plan on Monday.\n\nGoals for the plan period\n\nBy the end of 2029:\n1. passenger "
            "visits to reach 2 million a year;\n2. the zone's share of the region's trade to rise to 35 percent.\n",
            "35",
            "2029-01-01",
            "2029-12-31",
        ),  # noqa: E501
    ],
)
def test_a_list_under_a_heading_naming_a_year_to_come_is_its_targets(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    wanted = (dt.date.fromisoformat(start) if start else None, dt.date.fromisoformat(end))
    assert figure.is_forecast and (figure.period_start, figure.period_end) == wanted


def test_a_list_under_a_heading_naming_a_past_year_states_facts():
    text = "The zone released its results on Monday.\n\nResults\n\nIn 2025:\n- trade reached 80 billion yuan;\n- 40 new routes opened.\n"  # noqa: E501
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), "80000000000")
    assert not figure.is_forecast


# "the last two months of 2023" is that year's closing months; a look back at an earlier time is its paragraph's,
# and the next paragraph goes on in the period the article reports on
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "Exports reached 9 billion yuan in 2025. In the last two months of 2024, exports had come to 1.1 billion "
            "yuan.",
            "1100000000",
            "2024-11-01",
            "2024-12-31",
        ),
        (
            "Trade reached 40 billion yuan in 2025. During the final three months of 2024 it came to 8 billion yuan.",
            "8000000000",
            "2024-10-01",
            "2024-12-31",
        ),
        (
            "Trade reached 40 billion yuan in 2025.\n\nThat compares with 31 billion yuan in 2024.\n\nTrade with "
            "Kazakhstan rose to 12 billion yuan.",
            "12000000000",
            "2025-01-01",
            "2025-12-31",
        ),
        (
            "The zone's trade came to 50 billion yuan in 2025. In the last two months of 2024 it had handled 6 "
            "billion yuan.\n\nExports to Russia reached 4 billion yuan.",
            "4000000000",
            "2025-01-01",
            "2025-12-31",
        ),
        (
            "Trade reached 40 billion yuan in 2025, up from 31 billion yuan in 2024. Imports were 7 billion yuan.",
            "7000000000",
            "2025-01-01",
            "2025-12-31",
        ),
        (
            "Trade reached 40 billion yuan in 2025. In 2024, by contrast, trade was 31 billion yuan and imports 6 "
            "billion yuan.",
            "6000000000",
            "2024-01-01",
            "2024-12-31",
        ),
    ],
)
def test_a_years_closing_months_and_a_look_back_stay_in_their_paragraph(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 2, 10)), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


# "up from 26.9 percent for 2025 and 23.4 percent in 2024": each value of a listed comparison is an old value, and
# "over the same period" after it is the new value's period, not the last old value's year
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "The area took 31 percent of exports in the first quarter, up from 28 percent for 2025 and 24 percent in "
            "2024. Imports rose 6 percent over the same period.",
            "6",
            "2026-01-01",
            "2026-03-31",
        ),
        (
            "Sales hit 5 billion yuan in the first quarter, compared with 4.1 billion yuan in 2025 and 3.3 billion "
            "yuan in 2024. Exports rose 9 percent in the same period.",
            "9",
            "2026-01-01",
            "2026-03-31",
        ),
    ],
)
def test_each_old_value_of_a_listed_comparison_is_old(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 4, 16)), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


# "equal to 26.4 percent of the autonomous region's foreign trade": a share of the region's trade
def test_a_percent_of_the_autonomous_regions_trade_is_its_share():
    text = (
        "Trade across the zone totalled 98.1 billion yuan, equal to 24.2 percent of the autonomous region's foreign "
        "trade."
    )
    assert seed_metric(text, "24.2") == "share_of_regional_trade"


# "The zone's trade over the nine months came to 98.6 billion yuan": words between trade and its verb
@pytest.mark.parametrize("verb", ["came to", "amounted to", "totalled"])
def test_trade_over_a_period_coming_to_a_sum_is_the_trade_value(verb):
    text = f"The Horgos area's trade over the first half {verb} 31.6 billion yuan."
    assert seed_metric(text, "31600000000") == "trade_value"


# "in the quarter", "during the year", "over the half": the quarter, year or half named before
@pytest.mark.parametrize(
    "text, value, start, end",
    [
        (
            "Trade reached 30 billion yuan in the first quarter of 2026.\n\nThe zone took 28 percent of the region's "
            "trade in the quarter.",
            "28",
            "2026-01-01",
            "2026-03-31",
        ),
        (
            "The zone's trade reached 80 billion yuan in 2025.\n\nLast month, it said it had registered 4,100 new "
            "enterprises during the year.",
            "4100",
            "2025-01-01",
            "2025-12-31",
        ),
        (
            "Exports hit 12 billion yuan in the first half of 2026.\n\nAbout 31 percent of them went to Kazakhstan "
            "over the half.",
            "31",
            "2026-01-01",
            "2026-06-30",
        ),
        (
            "Imports came to 2 billion yuan in March 2026, and 40 firms signed up in the month.",
            "40",
            "2026-03-01",
            "2026-03-31",
        ),
    ],
)
def test_the_quarter_or_year_named_before(text, value, start, end):
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), value)
    assert (figure.period_start, figure.period_end) == (dt.date.fromisoformat(start), dt.date.fromisoformat(end))


def test_the_year_to_a_month_is_no_reference_to_the_year_before():
    text = "Trade reached 30 billion yuan in the first quarter. In the year to June, exports rose 9 percent."
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), "9")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 7, 1), dt.date(2026, 6, 30))


def test_a_place_headings_section_ends_at_the_next_heading():
    # Each heading's section holds its paragraphs and no more: the second section's figures are its own place's, and
    # a heading that names no place ends the section above it.
    text = ROUNDUP_LEDE + (
        "HORGOS\n\nAt the port, 5,740 freight trains crossed the border.\n\nThe port also cleared 41,000 trucks.\n\n"
        "KASHGAR\n\nThe area shipped 186,000 tonnes of fruit.\n\nIt also drew 420 new enterprises.\n\n"
        "OUTLOOK\n\nClearance should fall to 30 minutes."
    )
    candidates = extract_candidates(
        text, published_on=PUBLISHED, places=ROUNDUP_PLACES, metric_codes=MORE_CODES, stock_metric_codes=MORE_STOCKS
    ).candidates
    assert [by_value(candidates, value).place_key for value in ("5740", "41000", "186000", "420")] == [
        "11", "11", "4", "4",
    ]  # fmt: skip
    assert _paragraph_starts(text, ROUNDUP_PLACES) == [
        0, text.index("The China"), text.index("HORGOS"), text.index("KASHGAR"), text.index("OUTLOOK"),
        text.index("Clearance should"),
    ]  # fmt: skip


# Rules of the t2-periods-b round -----------------------------------------------------------------------------------
# A sum signed at a one-day event ("on Thursday", "on 4 March") is dated that day, as the count of deals is; a sum
# committed over time and reported on a day stays undated
@pytest.mark.parametrize(
    "text, value, day",
    [
        ("Gulf investors signed 11 deals worth a combined 2.4 billion yuan on Thursday at a fair in Kashgar.", "2.4e9",
         dt.date(2026, 3, 5)),
        ("On 4 March, two logistics firms signed agreements worth US$300 million with the area.", "3e8",
         dt.date(2026, 3, 4)),
        ("Investors have committed 2 billion yuan to the area since its launch, officials said on Thursday.", "2e9",
         None),
    ],
)  # fmt: skip
def test_a_sum_signed_on_one_day_is_dated_that_day(text, value, day):
    figure = next(c for c in extracted(text) if c.value == Decimal(value))
    assert (figure.period_start, figure.period_end) == (day, day)


# Rules of the t4-places round (places on unseen text) ------------------------------
# "The Horgos area ... Cargo through the port": a name made of a city's name and its noun calls "the port" by the city's
def test_the_port_after_a_citys_area_is_the_citys_port():
    text = (
        "Border trade grew fast in 2025.\n\nThe Horgos area, next to Kazakhstan, led the way. Freight through the port "
        "rose to 38 million tonnes last year."
    )
    assert seed_place(text, "38000000") == "Horgos Port"


# "Snow has not slowed trade in Kashgar. ... through the Kashi Comprehensive Bonded Zone ...": when the lede's name is
# ambiguous (the city, the prefecture or the area), a later paragraph with no place is about the place a later sentence
# of the lede's paragraph made its subject
def test_after_an_ambiguous_lede_name_the_ledes_next_subject_is_the_articles():
    text = (
        "Winter trade\n\nSnow has not slowed trade in Kashgar. In January, goods shipped through the Kashi "
        "Comprehensive Bonded Zone were worth 900 million yuan, the prefecture's customs office said.\n\n"
        "February was quieter, with shipments of 610 million yuan."
    )
    assert seed_place(text, "610000000") == "Kashi Comprehensive Bonded Zone"


# "Rows of tractors wait at the yard in Horgos. [next paragraph] Exports through Horgos Port reached ...": when the
# lede's paragraph names nothing more than an ambiguous name, the subject opening the next paragraph is the article's
def test_after_an_ambiguous_lede_alone_in_its_paragraph_the_next_paragraphs_subject_is_the_articles():
    text = (
        "Tractors roll west\n\nBy LI MING in Horgos, Xinjiang | China Daily | Updated: 2026-06-27 09:20\n\n"
        "Rows of tractors wait under canopies at the inspection yard in Horgos, marked for Almaty and Bishkek.\n\n"
        "Tractor exports through Horgos Port reached 4,400 units in the first half of the year, according to Horgos "
        "Customs. The tractors were worth 900 million yuan.\n\n"
        "Total tractor exports through the port rose 12 percent to 9,100 units over the period.\n\n"
        "Momentum picked up in the summer. In June alone, 1,300 farm vehicles crossed the border, nearly twice the "
        "number a year earlier."
    )
    assert seed_place(text, "1300") == "Horgos Port"


# "Horgos is about 380 kilometres from Almaty": a distance from another place says how far places lie apart, no place's
def test_a_distance_from_another_place_is_about_no_place():
    assert seed_place("Trade is booming. Horgos is about 380 kilometres from Almaty.", "380") is None


# "air cargo from Urumqi reaches Doha in about eight hours", "A freighter covers the distance between ... in": a cargo
# flight's duration, like a flight's, is about no place and no period
@pytest.mark.parametrize(
    "sentence",
    [
        "Air cargo from Urumqi reaches Doha in about eight hours.",
        "A freighter covers the distance between Urumqi and Doha in about eight hours.",
    ],
)
def test_a_cargo_flights_duration_is_about_no_place(sentence):
    figure = by_value(seed_extracted("Trade with Qatar grew in Urumqi this year. " + sentence), "8")
    assert figure.place_key == "" and figure.period_end is None


# "The zone, which covers 2 square kilometres in the Kashgar area of the free trade zone, ...": a place a relative
# clause names only to say where another lies is not what "the zone" stands for after it
def test_a_place_named_only_to_locate_another_is_not_what_the_zone_then_means():
    text = (
        "The Kashi Comprehensive Bonded Zone had a busy spring.\n\n"
        "The zone, which covers 2.4 square kilometres in the Kashgar area of the China (Xinjiang) Pilot Free Trade "
        "Zone, had 300 firms at the end of May.\n\n"
        "Trucks leaving the zone now clear customs in 50 minutes."
    )
    assert seed_place(text, "50") == "Kashi Comprehensive Bonded Zone"


# '"We sold 700 tonnes," said the head of a cooperative in Peyziwat county': a county lies in a prefecture, not in
# a zone's area; its figures are the prefecture's the text names
def test_figures_of_a_paragraph_set_in_a_county_are_the_prefectures():
    text = (
        "The Kashgar area of the China (Xinjiang) Pilot Free Trade Zone exported 40,000 tonnes of melons this autumn, "
        "Kashgar Prefecture's agriculture bureau said.\n\n"
        '"This autumn we sold 700 tonnes abroad," said the head of a melon cooperative in Peyziwat county.'
    )
    assert seed_place(text, "700") == "Kashgar Prefecture"


# "the county had 96,000 hectares of forest fruit, about 12 percent of the region's total": land under fruit trees
# however it is worded, and its share of the region's
def test_hectares_of_forest_fruit_are_the_fruit_area_and_its_share():
    text = (
        "At the end of last year the prefecture had 96,000 hectares of forest fruit, about 12 percent of the region's "
        "total."
    )
    assert seed_metric(text, "96000") == "forest_fruit_area"
    assert seed_metric(text, "12") == "forest_fruit_area_share"


# "growers harvested 1.4 million tonnes of fruit": a harvest of fruit is the orchards' output; the sub-total "of which
# apricots made up 300,000 tonnes" is only what its own clause says
def test_fruit_harvested_is_fruit_output_and_an_of_which_sub_total_is_not():
    text = (
        "Growers in the prefecture harvested 1.4 million tonnes of fruit last year, of which apricots made up 300,000 "
        "tonnes."
    )
    assert seed_metric(text, "1400000") == "forest_fruit_output"
    assert seed_metric(text, "300000") is None


# "The park had 5,400 registered enterprises ... and some 1,300 arrived this year": firms that arrived in a span are
# new ones
def test_enterprises_that_arrived_in_a_span_are_new_enterprises():
    text = (
        "The park had 5,400 registered enterprises at the end of June, and some 1,300 enterprises arrived in the first "
        "half of this year."
    )
    assert seed_metric(text, "1300") == "new_enterprises"


# "the airlines moved 3,200 tonnes of cargo between the UAE and Kashgar": a route's tonnes, not the place's cargo
# throughput, when a route end is named with "the" too
def test_cargo_between_two_places_named_with_the_is_a_routes():
    text = "From May to August the airlines moved 3,200 tonnes of cargo between the UAE and Urumqi."
    assert seed_metric(text, "3200") is None


# "the Horgos road port": a name that begins other places' names, with a word or two and one of their nouns, is that one
@pytest.mark.parametrize("words", ["rail port", "international land port"])
def test_a_name_with_a_namesakes_noun_after_a_word_or_two_is_that_namesake(words):
    text = f"Trade is booming. Clearance at the Khorgos {words} now takes 50 minutes on average."
    assert seed_place(text, "50") == "Horgos Port"


# "The Urumqi area ... Its airport now runs 11 routes", "Its bonded zone handled ...": "its airport" or "its bonded
# zone" is that of the place spoken of (or of the city that place is in), not the place itself
@pytest.mark.parametrize(
    "text, place",
    [
        ("The Urumqi area added 2,100 firms this year. Its airport now runs 14 international cargo routes.",
         "Urumqi International Airport"),
        ("Trade in the Kashgar area rose 20 percent. Its bonded zone handled 14 percent of it.",
         "Kashi Comprehensive Bonded Zone"),
        ("Kashgar keeps growing. Its comprehensive bonded zone rose to 14th in the ranking.",
         "Kashi Comprehensive Bonded Zone"),
    ],
)  # fmt: skip
def test_its_airport_or_bonded_zone_is_that_of_the_place_spoken_of(text, place):
    assert seed_place(f"The zone keeps growing.\n\n{text}", "14") == place


# "Kazakhstan and China aim to lift bilateral trade to ...": the country as a party to bilateral trade is the place
def test_china_as_a_party_to_bilateral_trade_is_the_nations_figure():
    text = (
        "The Xinjiang pilot FTZ hosted the talks.\n\nKazakhstan and China have agreed to raise bilateral trade to "
        "US$80 billion by 2030."
    )
    assert seed_place(text, "80000000000") == "China"


# "At the rail yard, which lies inside the area, ... The yard assembled 900 trains": a facility the portal does not
# know, said to lie inside a place, counts for that place when the paragraph names no other
def test_an_unknown_facility_inside_a_place_counts_for_that_place():
    text = (
        "Urumqi International Airport handled 30,000 tonnes of cargo in July.\n\nAt the rail yard, which lies inside "
        "the Urumqi area, freight trains keep coming. The yard assembled 900 trains this year."
    )
    assert seed_place(text, "900") == "Urumqi Area (FTZ)"


# "Firms that hire graduates from southern Xinjiang get 5,000 yuan": a place people come from is not the figure's place
@pytest.mark.parametrize("people", ["graduates", "workers", "tourists"])
def test_a_place_people_come_from_is_not_the_figures(people):
    text = f"The Kashgar area has new rules.\n\nShops hiring {people} from southern Xinjiang get a bonus of 3,000 yuan."
    assert seed_place(text, "3000") == "Kashgar Area (FTZ)"


# "run two block trains a month between Urumqi and Aktau": trains on a city-to-city route take the city, as flights do
def test_trains_on_a_city_to_city_route_take_the_city():
    text = (
        "The Urumqi area signed new deals.\n\nIn the area, a rail operator agreed to run three block trains a week "
        "between Urumqi and Aktau from March."
    )
    assert seed_place(text, "3") == "Urumqi"


# "moved 2,600 tonnes of Xinjiang tomato paste out of the Horgos area": a quantity of a place's goods says where the
# goods are from; the place they moved out of is the figure's
def test_goods_named_for_a_place_leave_the_place_they_moved_out_of():
    text = (
        "The Xinjiang pilot FTZ is busy.\n\nA trader said his firm moved 4,100 tonnes of Kashgar dried apricots out "
        "of the Urumqi area this year."
    )
    assert seed_place(text, "4100") == "Urumqi Area (FTZ)"


# "On the Kazakh side, the Khorgos Gateway dry port handled ...": a figure from beyond the border has no place
# (labels.json 'about': figures on the Kazakh side of the border have no place)
def test_a_figure_on_the_other_side_of_the_border_has_no_place():
    text = (
        "Horgos Port handled 3 million tonnes in May.\n\nThe port was busy. On the Kazakh side of the border, a dry "
        "port handled 21,000 TEU over the same month."
    )
    assert seed_place(text, "21000") is None


# Rules of the t2-periods-b round (continued) ---------------------------------------------------------------------
# "The operator plans a 20,000-square-metre cold store": what a company plans is a forecast, dated by its own time
def test_what_a_company_plans_is_a_forecast():
    text = "The operator plans a 20,000-square-metre cold store near the port, due to open once completed in 2028."
    figure = by_value(extracted(text), "20000")
    assert figure.is_forecast
    assert (figure.period_start, figure.period_end) == (dt.date(2028, 1, 1), dt.date(2028, 12, 31))


# "In the fourth quarter alone, ... . Over the period, ...": a part singled out in an earlier sentence is an aside; the
# period referred to later is the one it was singled out of
def test_the_period_after_a_part_singled_out_is_the_whole():
    text = (
        "Exports from the port reached 12 billion yuan in 2025. In the fourth quarter alone, they rose 20 percent.\n\n"
        "Fresh fruit made up much of the cargo, and the port cleared 9,500 trucks over the period."
    )
    figure = by_value(extracted(text), "9500")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


# Rules of the t1-periods-a round -----------------------------------------------------------------------------------
# "since April last year": the year named after the month is the start's year, not a period of its own
def test_since_a_month_of_last_year_runs_to_publication():
    text = "Since May last year, the depot has loaded 48,000 containers."
    figure = by_value(extracted(text, published_on=dt.date(2026, 2, 10)), "48000")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 5, 1), dt.date(2026, 2, 10))


# A month range without a year said before its first month is the latest such range that has begun, not the coming one
def test_a_yearless_month_range_said_early_in_the_year_is_last_years():
    text = "The terminal handled 7,300 wagons between September and November, a spokesman said."
    figure = by_value(extracted(text, published_on=dt.date(2026, 1, 6)), "7300")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 9, 1), dt.date(2025, 11, 30))


# "40 percent of the quarter's value": a share of the quarter named before, not of a month singled out since
def test_a_share_of_the_quarters_value_takes_the_quarter():
    text = (
        "Exports reached 2.1 billion yuan in the third quarter. September was the busiest month, with 900 million "
        "yuan. Machinery made up 40 percent of the quarter's value."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 10, 20)), "40")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))


# "The bakery opened with 12 staff in 2024": a business's headcount in a past year is a level at that year's end
@pytest.mark.parametrize("words", ["12 staff", "12 employees"])
def test_a_headcount_in_a_past_year_is_a_level_at_its_end(words):
    figure = by_value(extracted(f"The bakery opened in the area with {words} in 2024, and now has 40."), "12")
    assert (figure.period_start, figure.period_end) == (None, dt.date(2024, 12, 31))


# "will lend 2 billion yuan in the first half" said in February: a plan's yearless half is the coming one
def test_a_yearless_half_in_a_plan_is_the_coming_one():
    text = "The city's banks will lend 2 billion yuan to exporters in the first half, the bureau said."
    figure = by_value(extracted(text, published_on=dt.date(2026, 2, 12)), "2000000000")
    assert figure.is_forecast
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


# "Of this season's total, 30 percent ...": a share of the season named before, not of a year named since
def test_a_share_of_this_seasons_total_takes_the_season():
    text = (
        "Growers have shipped 52,000 tonnes of grapes since the harvest began in the summer. In 2024, they "
        "shipped 40,000 tonnes. Of this season's total, 30 percent went to Russia."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 10, 2)), "30")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 6, 1), dt.date(2026, 10, 2))


# "is designed to handle 50,000 tonnes a year once completed in 2028": what a facility will do when built is a forecast
@pytest.mark.parametrize("words", ["once completed in 2028", "when it is fully operational in 2028"])
def test_what_a_facility_does_once_built_is_a_forecast(words):
    text = f"The depot, to be built by a Dubai firm, is designed to store 50,000 tonnes a year {words}."
    figure = by_value(extracted(text), "50000")
    assert figure.is_forecast
    assert (figure.period_start, figure.period_end) == (dt.date(2028, 1, 1), dt.date(2028, 12, 31))


# "up from 40 at the start of the year": a level on 1 January of the year the text speaks in
def test_a_level_at_the_start_of_the_year_is_dated_1_january():
    text = "The depot now runs 65 electric forklifts, up from 40 at the start of the year."
    figure = by_value(extracted(text, published_on=dt.date(2026, 9, 14)), "40")
    assert (figure.period_start, figure.period_end) == (None, dt.date(2026, 1, 1))


# "Gulf firms signed nine deals on Thursday. The largest, a 900 million yuan cold store, ...": the sum of one of the
# deals just signed is promised money (a forecast, no metric), dated the signing day
def test_the_largest_of_the_deals_just_signed_is_promised_that_day():
    text = (
        "Gulf firms signed nine investment agreements with the area on Thursday. The largest, a 900 million yuan "
        "cold store near the airport, will be built by a Dubai group."
    )
    figure = by_value(extracted(text), "900000000")
    assert figure.is_forecast and not figure.metric_code
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 3, 5), dt.date(2026, 3, 5))


# "Its bonded zone, ranked 33rd at the end of last year, accounted for 3.1 billion yuan of that": a time inside an aside
# set off by commas is the aside's figure's, not the main clause's
def test_a_time_inside_an_aside_is_the_asides_figures():
    text = (
        "Trade in the area reached 20 billion yuan in the first half of 2026. Its largest park, ranked 12th nationally "
        "at the end of last year, handled 7 billion yuan of that."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), "7000000000")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


# "The depot now runs 14 routes and moved 2 million tonnes since March": "now" dates the figure after it, and the time
# that follows a later figure of the clause is that figure's
def test_now_dates_a_figure_before_a_later_figures_time():
    text = "The depot now runs 14 freight routes and moved 2 million tonnes of cargo since March."
    candidates = extracted(text, published_on=dt.date(2026, 9, 9))
    routes, tonnes = by_value(candidates, "14"), by_value(candidates, "2000000")
    assert (routes.period_start, routes.period_end) == (None, dt.date(2026, 9, 9))
    assert (tonnes.period_start, tonnes.period_end) == (dt.date(2026, 3, 1), dt.date(2026, 9, 9))


# "November was the busiest month on record. Shipments came to ...": a month named by a sentence without figures is
# what the figures after it are about, as a quarter named so is
def test_a_month_named_in_a_sentence_without_figures_dates_the_figures_after_it():
    text = (
        "November was the busiest month on record. Shipments came to 8,200 tonnes, well above the figure for the "
        "same month of 2024."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 1, 10)), "8200")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 11, 1), dt.date(2025, 11, 30))


# "at the trade fair next month": the month after the anchor's, and an event named just before it takes that time
@pytest.mark.parametrize(
    "text",
    [
        "About 15 contracts are expected to be signed next month.",
        "Some 15 contracts are expected to be signed when buyers return for the autumn fair next month.",
    ],
)
def test_next_month_is_the_month_after_the_anchor(text):
    figure = by_value(extracted(text, published_on=dt.date(2026, 8, 26)), "15")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


# "has passed last year's full-year figure of 12 million tonnes": the figure named is last year's, not this year's
def test_last_years_figure_is_dated_last_year():
    text = "With a month to go, the terminal has already passed last year's full-year figure of 12 million tonnes."
    figure = by_value(extracted(text, published_on=dt.date(2026, 11, 20)), "12000000")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


# "with March alone accounting for 2,100 of them": a month singled out is that month
def test_a_month_alone_is_that_month():
    text = "The depot loaded 5,800 wagons in the first quarter, with March alone accounting for 2,100 of them."
    figure = by_value(extracted(text, published_on=dt.date(2026, 4, 15)), "2100")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 3, 1), dt.date(2026, 3, 31))


# "truck crossings rose 20 percent to 9,800 so far this year": a count that rose to a figure this year is a flow
# over the year to date (not a level, as "has doubled since 2023 to 86" is)
def test_a_count_risen_to_a_figure_this_year_is_a_flow():
    text = "Truck crossings at the port rose 20 percent to 9,800 so far this year."
    figure = by_value(extracted(text, published_on=dt.date(2026, 9, 9)), "9800")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 9, 9))


# "the last 12 projects should be finished by the end of the year": what should be done is a forecast
def test_what_should_be_done_is_a_forecast():
    text = "The director said the last 12 projects should be finished by the end of the year."
    figure = by_value(extracted(text, published_on=dt.date(2026, 9, 9)), "12")
    assert figure.is_forecast and figure.period_end == dt.date(2026, 12, 31)


# "As of the end of August, ..., and 1,900 had joined since its launch in 2024": a running total up to the as-of day
def test_a_running_total_in_an_as_of_sentence_ends_on_that_day():
    text = (
        "As of the end of August, the park hosted 2,600 firms, and 1,900 of them had moved in since its opening in "
        "March 2024."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 10, 5)), "1900")
    assert (figure.period_start, figure.period_end) == (dt.date(2024, 3, 1), dt.date(2026, 8, 31))


# "In the logistics index for 2025, released in February, the park ranked 14th": the edition's year, not the month
# the index was released
def test_a_rank_in_an_edition_for_a_year_released_later_is_the_editions():
    text = "In the regional logistics index for 2025, released in February, the park ranked 14th among 60 parks."
    figure = by_value(extracted(text, published_on=dt.date(2026, 3, 20)), "14")
    assert (figure.period_start, figure.period_end) == (None, dt.date(2025, 12, 31))


# "The park, where a Dubai firm opened a depot last year, now ranks 14th": 'last year' after an event word dates the
# event, not the figure
def test_last_year_after_an_event_word_dates_the_event():
    text = "The park, where a Dubai firm opened a depot last year, climbed to 14th in the latest national ranking."
    figure = by_value(extracted(text, published_on=dt.date(2026, 3, 18)), "14")
    assert figure.period_end != dt.date(2025, 12, 31)


# "an industrial park spread over 42 square kilometers": what a thing is spread over is its extent, not a bound;
# "covers over 42 square kilometers" still is one
def test_what_a_thing_is_spread_over_is_its_extent_not_a_bound():
    assert surfaces("The logistics park, spread over 42 square kilometers, opened in May.")[0][3] == "exact"
    assert surfaces("A new orchard belt sprawling over 3,000 hectares was planted.")[0][3] == "exact"
    assert surfaces("The logistics park covers over 42 square kilometers.")[0][3] == "more_than"


# "At the end of 2025 the county had 9,000 hectares of orchards and picked 41,000 tonnes over the year": 'over the
# year' after an as-of year end is the year that day ends, not a season the article is about
def test_over_the_year_after_a_year_end_is_that_year():
    text = (
        "From December to February, the county shipped 3,100 tonnes of grapes abroad.\n\n"
        "At the end of 2025, the county had 9,000 hectares of vineyards and picked 41,000 tonnes of grapes over the "
        "year."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 3, 12)), "41000")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


# "The trade fair (Aug. 20-24) drew ..." said in January: an abbreviated month's days, and the latest such days,
# not the ones half a year ahead
def test_an_abbreviated_months_days_said_long_after_are_the_latest_such():
    text = "The trade fair (Aug. 20-24) drew as many as 9,000 buyers a day, organisers said."
    figure = by_value(extracted(text, published_on=dt.date(2026, 1, 20)), "9000")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 8, 20), dt.date(2025, 8, 24))


# "signed 12 memoranda of understanding and contracts": memoranda of understanding are agreements
def test_memoranda_of_understanding_are_agreements():
    assert surfaces("The delegation signed 12 memoranda of understanding with local firms.")[0][2] == "agreements"
    assert surfaces("Officials signed 8 memorandums of understanding on Monday.")[0][2] == "agreements"


# "Car exports from the port rose to 4,100": a bare count of vehicle trade counts the vehicles traded
def test_a_bare_count_of_vehicle_exports_counts_vehicles():
    assert surfaces("Car exports through the checkpoint rose to 4,100 in May.")[0][2] == "vehicles"
    assert surfaces("Truck imports totalled 910 last year.")[0][2] == "imports"


# "we aim for at least five more of our projects on the list": the part is counted in the noun after 'of our'
def test_more_of_our_counts_the_noun_after():
    assert surfaces("The bureau wants at least five more of its practices adopted next year.")[0][2:] == (
        "cases",
        "at_least",
    )


# "a thrice-weekly cargo service", "a twice-daily flight": a frequency joined to its period counts the runs after it
def test_a_hyphened_frequency_counts_the_runs_after_it():
    assert surfaces("A Sharjah airline will start a twice-weekly cargo service to Kashgar in May.") == [
        (Decimal(2), None, "flights", "exact")
    ]
    assert surfaces("The operator adds a once-weekly rail service to Tashkent.")[0][2] == "trains"


# "asked which of the four parks suits them": a choice among a set already known, no figure
def test_which_of_a_known_set_is_no_figure():
    assert surfaces("Investors now ask which of the four parks suits them best.") == []
    assert surfaces("Shippers choose whichever of the 12 routes is cheapest.") == []


# "The figure was nearly triple the 2.5 million visits recorded in 2023": a multiple of a flow in a year before the
# last spans the years from that one to the new figure's; a level's multiple of the level when something was
# launched in a month runs from that month
def test_a_multiple_of_an_older_years_flow_spans_the_years_between():
    text = (
        "The museum drew 1.4 million visitors in 2025, up 12 percent year on year. The figure was more than double "
        "the 600,000 visitors counted in 2022. Local schools sent about a third of them."
    )
    candidates = extracted(text, published_on=dt.date(2026, 2, 3))
    figure = by_value(candidates, "100")
    assert (figure.period_start, figure.period_end) == (dt.date(2022, 1, 1), dt.date(2025, 12, 31))
    share = by_value(candidates, "33.3")
    assert (share.period_start, share.period_end) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def test_a_multiple_of_a_level_at_a_launch_month_runs_from_that_month():
    text = (
        "By the end of December, the park had 3,200 tenants, nearly triple the number when it was opened in March 2024."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 1, 10)), "200")
    assert (figure.period_start, figure.period_end) == (dt.date(2024, 3, 1), dt.date(2025, 12, 31))


# "The number of foreign companies registered in the park has reached 310": firms are counted as enterprises, as any
# other count of firms is
def test_the_number_of_companies_counts_enterprises():
    assert surfaces("The number of foreign companies registered in the park has reached 310.")[0][2] == "enterprises"


# "the number of Kazakh companies registered ... is expected to pass 90": one country's firms are a part of those
# registered, not the place's registered enterprises
def test_one_countrys_firms_are_not_all_registered_enterprises():
    text = (
        "The number of Kazakh companies registered in the Horgos area has reached 64, and officials expect the "
        "figure to pass 90 next year."
    )
    assert {figure.metric_code for figure in extracted(text)} == {""}


# "Eleven Omani firms attended. The contracts cover food and farming, with four of them in farming": 'them' is the
# plural its own sentence opens on, not the count of the sentence before
def test_of_them_is_the_plural_its_sentence_opens_on():
    text = "Eleven Omani firms attended the fair. The contracts cover food and farming, with four of them in farming."
    assert [unit for _, _, unit, _ in surfaces(text)] == ["firms", "contracts"]  # firms taking part keep their word


# "bringing the number of registered businesses to 980": businesses keep their word, as the seed labels keep it
def test_the_number_of_businesses_keeps_its_word():
    assert surfaces("This brought the total number of registered businesses to 980.")[0][2] == "businesses"


# "A new terminal of 80,000 square metres is expected to open by the end of 2027": an area at a day named is a level,
# dated that day only
def test_a_planned_area_by_the_end_of_a_year_is_dated_at_its_end():
    text = "A new exhibition hall of 80,000 square metres is expected to open at the park by the end of 2027."
    figure = by_value(extracted(text, published_on=dt.date(2026, 5, 4)), "80000")
    assert figure.is_forecast and (figure.period_start, figure.period_end) == (None, dt.date(2027, 12, 31))


# "Since the start of November, the port has shipped 12,400 tonnes": from that month's first day to the anchor, the
# latest November by then
def test_since_the_start_of_a_month_runs_from_it_to_the_anchor():
    text = "Since the start of November, the port has shipped 12,400 tonnes of raisins, up 18 percent year on year."
    figure = by_value(extracted(text, published_on=dt.date(2026, 1, 14)), "12400")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 11, 1), dt.date(2026, 1, 14))


# "Since the depot opened on September 3, 640 containers have passed through it": from that day to the anchor, not
# that day alone
def test_since_an_event_on_a_day_runs_from_that_day_to_the_anchor():
    text = "Since the depot opened on September 3, 640 lorries have passed through it, the operator said."
    figure = by_value(extracted(text, published_on=dt.date(2026, 2, 2)), "640")
    assert (figure.period_start, figure.period_end) == (dt.date(2025, 9, 3), dt.date(2026, 2, 2))


# "From January to June, 8,400 tonnes ..., an increase of 12 percent, with the second quarter alone ...": a part
# singled out in a clause after the change is the next figure's time, not the change's
def test_a_part_singled_out_after_a_change_is_not_the_changes_time():
    text = (
        "From January to June, 8,400 tonnes were shipped through the yard, an increase of 12 percent, with the "
        "second quarter alone contributing 5,100 tonnes."
    )
    figure = by_value(extracted(text, published_on=dt.date(2026, 7, 20)), "12")
    assert (figure.period_start, figure.period_end) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))


def test_a_hyphened_count_of_times_a_period_counts_the_runs_after_it():
    # "a four-times-weekly Doha-Kashgar service" runs four flights a week, as "a twice-weekly service" runs two
    assert surfaces("A carrier will open a six-times-weekly Doha-Kashgar service in May.") == [
        (Decimal("6"), None, "flights", "exact")
    ]


def test_the_number_of_a_possessive_noun_counts_the_noun_not_the_possessive():
    # "the number of its member firms ... to 150": firms, not 'its'
    assert surfaces("The council wants to raise the number of its member firms in the region to 90 by 2028.") == [
        (Decimal("90"), None, "enterprises", "exact")
    ]


def test_a_long_place_after_a_participle_still_leaves_the_subject_counted():
    # "Parcels leaving the <four-word place name> reached 4.2 million": parcels counted
    assert surfaces("Parcels leaving the Aral Sea Logistics Park reached 4.2 million last year.") == [
        (Decimal("4200000"), None, "parcels", "exact")
    ]


def test_a_number_word_a_multiple_is_of_repeats_the_count_before_it():
    # "now 12 a week, double the six ...": the six are the same runs as the 12
    assert surfaces("Freight trains to Tashkent now number 12 a week, double the six that ran in 2024.") == [
        (Decimal("12"), None, "trains", "exact"),
        (Decimal("100"), None, "%", "exact"),
        (Decimal("6"), None, "trains", "exact"),
    ]


def test_a_range_of_more_repeats_the_count_named_before_it():
    # "open 20 new routes, and add four to six more next year": a range of routes
    assert surfaces("The carrier plans to open 20 new routes, and add four to six more next year.") == [
        (Decimal("20"), None, "routes", "exact"),
        (Decimal("4"), Decimal("6"), "routes", "between"),
    ]


def test_a_fraction_a_share_is_compared_with_is_the_old_share():
    # "half of sales now, compared with a third in 2022": the third is a share too
    assert surfaces("Online orders now make up half of its sales, compared with a third in 2022.") == [
        (Decimal("50"), None, "%", "exact"),
        (Decimal("33.3"), None, "%", "about"),
    ]


def test_a_bare_count_opening_a_clause_counts_what_the_clause_before_named_without_a_figure():
    # "A handful of firms were looking. Today more than 60 are registered": the firms, now counted
    assert surfaces("A few years ago a handful of Korean firms had offices here. Today about 45 are registered.") == [
        (Decimal("45"), None, "enterprises", "about"),
    ]
    # "The first convoy arrived in May; 14 have run since": convoys
    assert surfaces("The first caravan left Tashkent in March; 9 have followed since.") == [
        (Decimal("9"), None, "caravans", "exact"),
    ]


def test_a_bare_count_of_one_countrys_firms_named_the_sentence_before_is_no_registered_total():
    # the count continues "a handful of Korean firms": the firms of one country, not all those registered
    candidates = extracted("A few years ago a handful of Korean firms had offices here. Today about 45 are registered.")
    assert by_value(candidates, "45").metric_code == ""


def test_a_number_word_said_again_later_continues_the_duration_before_it():
    # "... sat here for four or five days. Now it is usually less than two": days again
    assert surfaces("Last winter the trucks waited three or four hours. Now it is usually under one.") == [
        (Decimal("3"), Decimal("4"), "h", "between"),
        (Decimal("1"), None, "h", "less_than"),
    ]


# Rules of the stop-27 probe: number forms written for the test, none taken from an article ----------------------
def test_one_in_n_may_describe_the_things_it_shares_out():
    # "one in five new companies": a share, though a word describes the companies
    assert surfaces("One in five new companies in the park is foreign-funded.") == [(Decimal("20"), None, "%", "exact")]
    assert surfaces("One in four foreign-funded firms sells to Almaty.") == [(Decimal("25"), None, "%", "exact")]


def test_a_compound_number_word_out_of_a_whole_is_a_part_not_a_share():
    # "Twenty-eight out of 35 measures": not "eight out of 35", a share of 22.9 percent
    assert surfaces("Twenty-eight out of 35 measures are in place.") == [
        (Decimal("28"), None, "measures", "exact"),
        (Decimal("35"), None, "measures", "exact"),
    ]


def test_a_league_tables_name_is_no_count_and_describes_what_is_counted():
    assert surfaces("The park now hosts 15 Fortune 500 companies.") == [(Decimal("15"), None, "enterprises", "exact")]
    assert surfaces("Twelve Fortune Global 500 companies have offices here.") == [
        (Decimal("12"), None, "enterprises", "exact")
    ]


def test_a_plural_abbreviation_is_what_is_counted():
    assert surfaces("Fourteen MoUs were signed at the forum.") == [(Decimal("14"), None, "agreements", "exact")]
    assert surfaces("Horgos exported 2,000 NEVs in May.") == [(Decimal("2000"), None, "vehicles", "exact")]
    assert surfaces("Some 300 SMEs joined the platform.") == [(Decimal("300"), None, "enterprises", "about")]


def test_square_km_and_mu_are_areas():
    assert surfaces("The park's area is 12.5 square km.") == [(Decimal("12.5"), None, "km2", "exact")]
    assert surfaces("Some 80,000 mu of apricot orchards were replanted.") == [(Decimal("80000"), None, "mu", "about")]
    # an orchard's size is the place's planting area, as hectares are
    candidates = extract_candidates(
        "Kashgar Prefecture has 6.9 million mu of orchards.",
        published_on=PUBLISHED,
        places=KINDED_PLACES,
        metric_codes=MORE_CODES | {"forest_fruit_area"},
        stock_metric_codes=MORE_STOCKS | {"forest_fruit_area"},
    ).candidates
    assert by_value(candidates, "6900000").metric_code == "forest_fruit_area"


def test_n_of_them_after_a_sentence_that_names_the_counted_things_again():
    text = (
        "Firms signed 21 memorandums of understanding on Monday.\n\n"
        "The deals span energy and retail. Eight of them concern warehousing."
    )
    assert surfaces(text) == [(Decimal("21"), None, "agreements", "exact"), (Decimal("8"), None, "agreements", "exact")]
    # a sentence between that is about something else leaves 'them' unread
    assert surfaces("The park signed 12 contracts. The weather was fine. Seven of them concern retail.") == [
        (Decimal("12"), None, "contracts", "exact")
    ]


def test_a_bare_number_for_another_place_continues_the_duration_before_it():
    assert surfaces("Melons reach Bishkek in three days and Osh in about five, against nine days in 2023.") == [
        (Decimal("3"), None, "days", "exact"),
        (Decimal("5"), None, "days", "about"),
        (Decimal("9"), None, "days", "exact"),
    ]


def test_a_count_said_with_number_or_total_may_carry_its_approximation():
    assert surfaces("Registered enterprises in the park now number about 4,100.") == [
        (Decimal("4100"), None, "enterprises", "about")
    ]
    # and the target said after it counts the same
    assert surfaces("Registered enterprises now number some 4,100, and the target is 5,000 by 2027.") == [
        (Decimal("4100"), None, "enterprises", "about"),
        (Decimal("5000"), None, "enterprises", "exact"),
    ]


def test_that_number_in_a_plan_says_the_count_before_it_again():
    assert surfaces("The park hosts 64 Korean firms. That number should reach around 80 next year.") == [
        (Decimal("64"), None, "enterprises", "exact"),
        (Decimal("80"), None, "enterprises", "about"),
    ]


def test_scheduled_services_in_a_sentence_about_flights_are_flights():
    assert surfaces("Qatar Airways adds two weekly flights, joining the five weekly services of another carrier.") == [
        (Decimal("2"), None, "flights", "exact"),
        (Decimal("5"), None, "flights", "exact"),
    ]
    assert surfaces("The airline offers 12 catering services.") == [(Decimal("12"), None, "services", "exact")]


def test_who_made_a_count_is_not_what_it_counts():
    assert surfaces("Visits to Almaty by Chinese residents rose to nearly 12,000 last year.") == [
        (Decimal("12000"), None, "visits", "nearly")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # firms named by their trade are enterprises; cars vehicles; deals agreements; garments counted in pieces
        ("The fair drew 45 exhibitors.", [("45", "exhibitors", "exact")]),  # firms taking part keep their word
        ("Thirty fruit exporters took part.", [("30", "enterprises", "exact")]),
        ("About 900 cars left through the port.", [("900", "vehicles", "about")]),
        ("The two sides signed 12 deals.", [("12", "agreements", "exact")]),
        ("The workshop made 40,000 pieces.", [("40000", "units", "exact")]),
        # "firms registered in the park numbered 640": firms are enterprises however the count is said
        ("Registered businesses now number 5,120.", [("5120", "enterprises", "exact")]),
    ],
)
def test_what_a_count_names_is_called_as_the_portal_counts_it(text, expected):
    assert [(str(value), unit, qualifier) for value, _, unit, qualifier in surfaces(text)] == expected


def test_one_in_n_now_and_one_in_n_yuan_are_shares():
    assert surfaces("The county has 9,100 growers, and one in five now sells abroad.")[-1] == (
        Decimal("20"),
        None,
        "%",
        "exact",
    )
    assert surfaces("Duty-free sales made up more than one in four yuan of the total.") == [
        (Decimal("25"), None, "%", "more_than")
    ]


def test_half_a_trillion_is_an_amount_not_a_share():
    assert surfaces("Its trade since launch has passed half a trillion yuan.") == [
        (Decimal("500000000000"), None, "CNY", "more_than")
    ]


def test_this_year_it_will_be_is_the_count_of_the_sentence_before_planned():
    assert surfaces('"We sold 420 truckloads last year. This year it will be close to 600," she said.') == [
        (Decimal("420"), None, "trucks", "exact"),
        (Decimal("600"), None, "trucks", "nearly"),
    ]


def test_a_workforce_is_counted_in_jobs_however_it_is_said():
    assert surfaces("The lines employ upwards of 2,000 seasonal workers on top of 900 permanent staff.") == [
        (Decimal("2000"), None, "jobs", "more_than"),
        (Decimal("900"), None, "jobs", "exact"),
    ]
    assert surfaces("Some 4,000 people now work in the park.") == [(Decimal("4000"), None, "jobs", "about")]


def test_another_n_opening_a_sentence_counts_what_the_sentence_before_counted():
    assert surfaces("Six of the deals concern retail. Another three cover cold storage.") == [
        (Decimal("6"), None, "agreements", "exact"),
        (Decimal("3"), None, "agreements", "exact"),
    ]


def test_a_share_or_a_kind_of_firm_or_one_firms_cars_get_no_metric_of_the_place():
    candidates = extracted("Trade rose 12 percent, and one in five yuan of it came from fruit.")
    assert by_value(candidates, "20").metric_code == ""
    codes = MORE_CODES | {"new_enterprises", "vehicle_exports"}
    candidates = extract_candidates(
        "Fifteen fruit exporters have registered in the area this year, bringing the number in the trade to 90. "
        "Chen said his firm shipped some 700 cars to Almaty last year.",
        published_on=PUBLISHED,
        places=KINDED_PLACES,
        metric_codes=codes,
        stock_metric_codes=MORE_STOCKS,
    ).candidates
    assert [(str(c.value), c.metric_code) for c in candidates] == [("15", ""), ("90", ""), ("700", "")]


def test_a_bare_count_after_things_counted_on_one_hand_counts_them():
    text = "Three years ago you could count the Korean firms here on one hand. Today 41 are registered."
    assert surfaces(text) == [(Decimal("41"), None, "enterprises", "exact")]


def test_this_year_i_have_already_done_says_the_count_before_again():
    assert surfaces('"In 2024 I made about 40 trips. This year I have already done 61," he said.') == [
        (Decimal("40"), None, "trips", "about"),
        (Decimal("61"), None, "trips", "exact"),
    ]


def test_number_words_listing_the_parts_of_a_count_count_the_same():
    text = "Of the 31 deals, 12 were in retail, nine in logistics, six in energy and four in finance."
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal("31"), "agreements"),
        (Decimal("12"), "agreements"),
        (Decimal("9"), "agreements"),
        (Decimal("6"), "agreements"),
        (Decimal("4"), "agreements"),
    ]


def test_pilot_ftzs_are_zones():
    assert surfaces("China's 22 pilot FTZs drew more investment.") == [(Decimal("22"), None, "zones", "exact")]
    # farmers' cooperatives are no firms: they keep their word
    assert surfaces("Growers sell through 58 cooperatives.") == [(Decimal("58"), None, "cooperatives", "exact")]


def test_a_staff_grown_to_a_bare_number_is_counted_in_jobs():
    assert surfaces("Her staff in Kashgar has grown to 64, from nine at the end of 2024.") == [
        (Decimal("64"), None, "jobs", "exact"),
        (Decimal("9"), None, "jobs", "exact"),
    ]


def test_a_target_share_and_multiples_said_against_what_was_or_last_year():
    assert surfaces('"Our target is a third by 2028," she said.') == [(Decimal("33.3"), None, "%", "about")]
    assert surfaces("We shipped 900 tonnes, three times what we shipped in 2024.")[-1] == (
        Decimal("200"),
        None,
        "%",
        "exact",
    )
    assert surfaces("We sold 800 tonnes, nearly twice last year's amount.")[-1] == (Decimal("100"), None, "%", "nearly")


def test_one_day_before_its_subject_is_some_day_not_a_duration():
    assert surfaces('"Maybe one day we open a shop in Almaty," he said.') == []
    assert surfaces("Clearance took one day.") == [(Decimal("1"), None, "days", "exact")]


def test_a_range_in_words_ending_its_clause_continues_the_duration_before_it():
    assert surfaces("Goods that took 8-10 days to reach Osh now arrive in two to three, he said.") == [
        (Decimal("8"), Decimal("10"), "days", "between"),
        (Decimal("2"), Decimal("3"), "days", "between"),
    ]


def test_from_a_bare_number_to_an_approximate_count_counts_the_same():
    assert surfaces("Shipments rose from 800 to nearly 2,000 containers.") == [
        (Decimal("800"), None, "TEU", "exact"),
        (Decimal("2000"), None, "TEU", "nearly"),
    ]
    assert surfaces("The fleet grew from 12 to about 30 trucks.") == [
        (Decimal("12"), None, "trucks", "exact"),
        (Decimal("30"), None, "trucks", "about"),
    ]


def test_a_list_entrys_label_is_read_from_its_line_and_its_value_may_be_approximate():
    text = (
        "Headline\n\nThe bureau gave these figures for the season.\n"
        "- refrigerated freight trains leaving the rail logistics centre in the bonded zone: 38, up from 21;\n"
        "- cross-border truck trips: upwards of 9,000.\n"
    )
    assert surfaces(text) == [
        (Decimal("38"), None, "trains", "exact"),
        (Decimal("21"), None, "trains", "exact"),
        (Decimal("9000"), None, "trips", "more_than"),
    ]


def test_only_another_kind_of_vehicle_follows_the_and_after_a_vehicle_count():
    assert surfaces("The firm runs 40 trucks and employs 90 people.") == [
        (Decimal("40"), None, "trucks", "exact"),
        (Decimal("90"), None, "jobs", "exact"),
    ]
    assert surfaces("In May, 300 refrigerated trucks and five cold-chain trains left the park.") == [
        (Decimal("300"), None, "trucks", "exact"),
        (Decimal("5"), None, "trains", "exact"),
    ]


def test_added_up_to_is_a_total_not_a_bound():
    assert surfaces("Its imports and exports added up to 12.4 billion yuan.") == [
        (Decimal("12400000000"), None, "CNY", "exact")
    ]


def test_today_there_are_says_the_count_before_again():
    assert surfaces('"We had 15 cold stores in 2023. Today there are more than 40," she said.') == [
        (Decimal("15"), None, "stores", "exact"),
        (Decimal("40"), None, "stores", "more_than"),
    ]


def test_a_number_word_with_a_value_after_with_counts_what_the_sentence_counted():
    text = "Dubai led with eight agreements worth AED1 billion, followed by Sharjah with five valued at AED300 million."
    assert [(value, unit) for value, _, unit, _ in surfaces(text)] == [
        (Decimal("8"), "agreements"),
        (Decimal("1000000000"), "AED"),
        (Decimal("5"), "agreements"),
        (Decimal("300000000"), "AED"),
    ]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Foreign-funded firms, which numbered 120 at the launch, have grown fourfold.", "120"),
        ("The plan aims for trade of 90 billion yuan, with registered enterprises topping 20,000.", "20000"),
        ("Registered enterprises in the Horgos area have risen 41 per cent since the launch to about 6,300.", "6300"),
    ],
)
def test_a_noun_said_to_number_top_or_rise_to_a_bare_figure_is_what_it_counts(text, value):
    assert (Decimal(value), "enterprises") in [(v, unit) for v, _, unit, _ in surfaces(text)]


def test_an_events_or_a_totals_length_in_days_or_months_is_no_figure():
    assert surfaces("Some 90 firms took part in a two-day UAE-Xinjiang Investment Roadshow.") == [
        (Decimal("90"), None, "firms", "about")
    ]
    assert surfaces("Of the seven-month total, melons made up half.") == [(Decimal("50"), None, "%", "exact")]


def test_one_described_run_a_week_is_a_frequency():
    assert surfaces("The carrier will launch one freighter flight a week to Kashgar.") == [
        (Decimal("1"), None, "flights", "exact")
    ]


@pytest.mark.parametrize(
    "text, unit",
    [
        # firms taking part in an event, a delegation or a visit keep the article's word
        ("More than 90 Emirati companies took part in the roadshow.", "companies"),
        ("A delegation of 35 Saudi firms visited Kashgar.", "firms"),
        ("Some 70 companies from Dubai joined the forum.", "companies"),
        # firms registered, set up or operating somewhere are enterprises
        ("Some 70 Emirati-funded companies are registered in the zone.", "enterprises"),
        ("Twelve Kazakh firms have set up in the area since May.", "enterprises"),
        ("More than 900 businesses now operate in the center.", "enterprises"),
    ],
)
def test_firms_taking_part_keep_their_word_and_firms_registered_are_enterprises(text, unit):
    assert surfaces(text)[0][2] == unit


def test_a_word_after_the_counted_noun_ends_its_phrase_and_possessives_or_ous_words_are_no_nouns():
    assert surfaces("The 40 member companies met upwards of 90 buyers.") == [
        (Decimal("40"), None, "companies", "exact"),
        (Decimal("90"), None, "buyers", "more_than"),
    ]
    assert surfaces("Some 75 logistics and forwarding firms have registered here.")[0][2] == "enterprises"
    assert surfaces("It ran 90 trains this winter, more than double the 41 of the previous winter.")[-1] == (
        Decimal("41"),
        None,
        "trains",
        "exact",
    )
    assert surfaces("Nine of the zone's institutional innovation cases were promoted.") == [
        (Decimal("9"), None, "cases", "exact")
    ]


def test_a_range_per_day_counts_the_runs_its_sentence_names():
    assert surfaces("Freight trains now pass the port at a rate of 18 to 21 a day, against 12 a day in 2023.") == [
        (Decimal("18"), Decimal("21"), "trains", "between"),
        (Decimal("12"), None, "trains", "exact"),
    ]


def test_new_ones_and_n_more_count_what_the_sentence_before_counted():
    assert surfaces("Registered enterprises reached 4,200 by June. Some 610 new ones were added this year.") == [
        (Decimal("4200"), None, "enterprises", "exact"),
        (Decimal("610"), None, "enterprises", "about"),
    ]
    assert [
        (v, u)
        for v, _, u, _ in surfaces("The area signed 96 projects. The fair alone added 14 more, worth 3 billion yuan.")
    ] == [
        (Decimal("96"), "projects"),
        (Decimal("14"), "projects"),
        (Decimal("3000000000"), "CNY"),
    ]


def test_from_a_number_word_after_risen_to_is_the_old_count():
    assert surfaces("Direct flights to Dubai have risen to eight a week, from two at the start of 2024.") == [
        (Decimal("8"), None, "flights", "exact"),
        (Decimal("2"), None, "flights", "exact"),
    ]


def test_a_seat_count_names_a_vehicles_kind():
    assert surfaces("He said his 45-seat coach is always full.") == []


def test_number_words_after_a_sentence_that_names_the_deals_again_count_them():
    text = (
        "The minister signed nine agreements on Monday.\n\n"
        "The deals, signed in Urumqi, cover energy and retail. Five are commercial contracts, while the other four "
        "are MoUs."
    )
    assert [(v, u) for v, _, u, _ in surfaces(text)] == [
        (Decimal("9"), "agreements"),
        (Decimal("5"), "agreements"),
        (Decimal("4"), "agreements"),
    ]


def test_half_an_hour_is_thirty_minutes_and_graduates_finding_jobs_are_jobs():
    assert surfaces("Trucks now clear in under half an hour.") == [(Decimal("30"), None, "min", "less_than")]
    assert surfaces("The bureau helped about 900 graduates find jobs.") == [(Decimal("900"), None, "jobs", "about")]


def test_firms_at_an_expo_take_part():
    assert surfaces("The two groups were among 14 Emirati companies that unveiled projects at the Urumqi Expo.") == [
        (Decimal("14"), None, "companies", "exact")
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The cooperative took on 55 seasonal workers.", ("55", "jobs", "exact")),
        ("The firm hired 30 extra drivers and loaders for the winter.", ("30", "jobs", "exact")),
        (
            "Traffic has grown, with about 7,000 people a day going through the checkpoint.",
            ("7000", "passengers", "about"),
        ),
        ("The area added 1,480 new market entities this year.", ("1480", "enterprises", "exact")),
        ("Lawyers handled more than 90 foreign-related lawsuits.", ("90", "cases", "more_than")),
        ("The carrier runs four weekly freighter rotations.", ("4", "flights", "exact")),
        ("The deals were valued at just under AED500 million.", ("500000000", "AED", "nearly")),
        ("Airlines now fly the route: carriers run 11 cargo services a week.", ("11", "flights", "exact")),
        ("It aims to bring registered enterprises to 20,000 by the end of 2027.", ("20000", "enterprises", "exact")),
        ("Foreign-invested enterprises there have passed 400.", ("400", "enterprises", "more_than")),
    ],
)
def test_round_27_forms_of_counts_and_bounds(text, expected):
    value, unit, qualifier = expected
    assert (Decimal(value), unit, qualifier) in [(v, u, q) for v, _, u, q in surfaces(text)]


def test_shares_fractions_and_ranks_of_round_27():
    assert surfaces("The area handled roughly one yuan in every eight of the zone's trade.") == [
        (Decimal("12.5"), None, "%", "about")
    ]
    assert surfaces("It aims to lift the share of such firms to one in 20 in 2026.") == [
        (Decimal("5"), None, "%", "exact")
    ]
    assert surfaces("Openness is the other half of the job.") == []
    assert surfaces("Nuts made up close to half of that, up from a third a year earlier.")[-1] == (
        Decimal("33.3"),
        None,
        "%",
        "about",
    )
    assert surfaces("It rose to 18th place among the bonded zones, five places higher than in 2024.")[-1] == (
        Decimal("5"),
        None,
        "rank",
        "exact",
    )


def test_a_cut_said_again_for_another_thing_is_a_cut_too():
    assert surfaces("Clearance time for imports has been cut by 40.5 percent, and for exports by 62.1 percent.") == [
        (Decimal("-40.5"), None, "%", "exact"),
        (Decimal("-62.1"), None, "%", "exact"),
    ]
    assert surfaces("The port has cut clearance time for such loads by nearly two-thirds.") == [
        (Decimal("-66.7"), None, "%", "nearly")
    ]


def test_counts_said_again_from_to_compared_with_expected_or_gapped():
    text = (
        'Gulf-funded firms registered here had grown from 12 in 2024 to 40 today. "We expect to pass 60 soon," he said.'
    )
    assert [(v, u) for v, _, u, _ in surfaces(text)] == [
        (Decimal("12"), "enterprises"),
        (Decimal("40"), "enterprises"),
        (Decimal("60"), "enterprises"),
    ]
    assert surfaces("Some 35 Gulf-funded enterprises are registered, compared with just six at the launch.")[-1] == (
        Decimal("6"),
        None,
        "enterprises",
        "exact",
    )
    assert surfaces("His workforce has grown from 25 at the end of 2024 to about 180.") == [
        (Decimal("25"), None, "jobs", "exact"),
        (Decimal("180"), None, "jobs", "about"),
    ]
    text = "Dubai firms took eight of the deals, worth AED1 billion, and Abu Dhabi firms five, worth AED400 million."
    assert [(v, u) for v, _, u, _ in surfaces(text)][:3] == [
        (Decimal("8"), "agreements"),
        (Decimal("1000000000"), "AED"),
        (Decimal("5"), "agreements"),
    ]


def test_n_of_the_documents_after_agreements_are_agreements_but_documents_required_are_not():
    text = "The two sides signed 14 agreements on Monday. Six of the documents are binding contracts."
    assert [(v, u) for v, _, u, _ in surfaces(text)] == [(Decimal("14"), "agreements"), (Decimal("6"), "agreements")]
    assert surfaces("The number of documents required has fallen from 12 to five.") == [
        (Decimal("12"), None, "documents", "exact"),
        (Decimal("5"), None, "documents", "exact"),
    ]


def test_a_part_of_the_whole_a_sentence_opens_on_counts_that_whole_not_the_count_named_last():
    text = "Of the 180 specific measures assigned to the zone under 95 reform tasks, 171 have been implemented."
    assert surfaces(text) == [
        (Decimal("180"), None, "measures", "exact"),
        (Decimal("95"), None, "tasks", "exact"),  # "under" a heading, not "under 95"
        (Decimal("171"), None, "measures", "exact"),
    ]


def test_employees_and_a_payroll_are_jobs_and_cooperatives_keep_their_word():
    assert surfaces("Her target is 30 employees by 2027.") == [(Decimal("30"), None, "jobs", "exact")]
    assert surfaces("The 18 people on his payroll load the trucks.") == [(Decimal("18"), None, "jobs", "exact")]
    assert surfaces("Growers sell through 58 cooperatives.") == [(Decimal("58"), None, "cooperatives", "exact")]


def test_two_after_a_comparison_is_an_old_count_not_a_pair_already_named():
    text = "The airline flies five times a week, more than double the two weekly flights it ran in 2024."
    assert [(v, u) for v, _, u, _ in surfaces(text)] == [
        (Decimal("5"), "flights"),
        (Decimal("100"), "%"),
        (Decimal("2"), "flights"),
    ]
    assert surfaces("The new line links the two ports.") == []


def test_n_of_the_documents_after_agreements_named_anywhere_before_are_agreements():
    text = (
        "The ministers witnessed 16 agreements. Thirty Emirati companies joined them. Six of the documents cover solar."
    )
    assert surfaces(text)[-1] == (Decimal("6"), None, "agreements", "exact")


def test_truck_departures_are_trucks():
    assert surfaces("Truck departures from the bonded zone averaged about 90 a day, up from 60 a year earlier.") == [
        (Decimal("90"), None, "trucks", "about"),
        (Decimal("60"), None, "trucks", "exact"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Trains rose 4 percent, with nearly one in three bound for Almaty.", ("33.3", None, "%", "nearly")),
        (
            "The sea route takes 35-40 days; rail cut it to about 18 days from 35-40 days.",
            ("35", "40", "days", "between"),
        ),
        ("It grew 6 percent, placing it 19th among comprehensive bonded zones.", ("19", None, "rank", "exact")),
        (
            "Qatar Airways will start twice-weekly Boeing 777 freighter flights to Urumqi.",
            ("2", None, "flights", "exact"),
        ),
        ("The carrier adds to the three weekly freighters already flying from Dubai.", ("3", None, "flights", "exact")),
        ("The port handled 2.3 million passenger trips.", ("2300000", None, "passengers", "exact")),
        ("About 1,800 Kazakh traders now rent stalls in the center.", ("1800", None, "enterprises", "about")),
        ("The plant made 90,000 washing machines.", ("90000", None, "units", "exact")),
        ("It ran 4,120 China-Europe (Central Asia) freight trains.", ("4120", None, "trains", "exact")),
        (
            "The bureau aims to lift annual visits to the center to 8 million by 2027.",
            ("8000000", None, "visits", "exact"),
        ),
    ],
)
def test_round_31_forms_of_counts_shares_ranks_and_ranges(text, expected):
    value, value_max, unit, qualifier = expected
    wanted = (Decimal(value), Decimal(value_max) if value_max else None, unit, qualifier)
    assert wanted in [(v, vm, u, q) for v, vm, u, q in surfaces(text)]


def test_them_after_a_duration_are_the_things_the_sentence_opens_on():
    text = "Trucks now clear in under 15 minutes, and between 900 and 1,100 of them cross every day."
    assert surfaces(text)[-1] == (Decimal("900"), Decimal("1100"), "trucks", "between")


def test_people_trained_or_at_a_fair_are_not_jobs_but_employees_are():
    assert surfaces("The training centre taught 1,200 workers in 2025.")[0][2] == "workers"
    assert surfaces("Her target is 25 employees.")[0][2] == "jobs"

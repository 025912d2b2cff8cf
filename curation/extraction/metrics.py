"""Which metric a figure measures: wording rules over the clause that carries it, and the roles
figures play towards each other in a sentence.

Pure text rules, no database: the portal's metric codes come in as a set, so a portal without a
code gets no guess for it, never a wrong one. A figure is first read in its own clause (between
commas, semicolons, dashes or "while"), then in its quote, then in its sentence; the first rule
whose unit and wording fit wins. On top of the wording:

* part and whole: "186 of the 197 measures", "42 cases, nine of which ...", "Of the 96 measures
  assigned to the area, 91 have been put in place" make the first a part of the second. A whole
  of measures is what was assigned, a part is what was implemented; a part of innovation cases is
  what was promoted across the region or adopted nationwide;
* planned money ("planned investment of", "plans to invest") is no contracted investment;
* a conversion in brackets measures what its original measures.
"""

import re

_IMPLEMENTED = (
    r"implemented|completed|put in place|carried out|in place|in effect|put into (?:practice|effect|force|place)"
    # "has put 84 of its 97 assigned measures into practice"
    r"|\bput\s[^.;]{0,60}?\binto (?:practice|effect|force|place)"
)
_NEW_MEASURES_RE = re.compile(r"\bnew[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?measures\b", re.I)
_PLANNED_RE = re.compile(r"\bplann(?:ed|ing)\b|\bplans?\s+to\b|\bintend|\bproposed\b|\bpipeline\b|\bexpected\b", re.I)
_PROMOTED_REGIONALLY_RE = re.compile(
    r"\b(?:promoted|replicated|adopted|rolled out|copied)\b[^.;]{0,30}?"
    r"\b(?:across|throughout|in)\s+(?:Xinjiang|the region)\b",
    re.I,
)
_ADOPTED_NATIONALLY_RE = re.compile(
    r"\b(?:promoted|replicated|adopted|rolled out|copied)\b[^.;]{0,30}?"
    r"\b(?:nationwide|nationally|across (?:the country|China))\b"
    r"|\b(?:nationwide|national)\b[^.;]{0,10}\b(?:promot|adopt)",
    re.I,
)
# "up" of a phrasal verb ("made up two-fifths", "new ones signed up", "set up") says no change, nor "rise" in
# "enterprises"
_PHRASAL_UP = "".join(
    rf"(?<!\b{verb} )"
    for verb in ("made", "make", "makes", "set", "sets", "signed", "picked", "stepped", "opened", "took")
)
_GROWTH_WORDS = (
    rf"(?:year-on-year|year on year|compared with the previous year|{_PHRASAL_UP}\bup\b|increase|(?<![a-z])rise"
    r"|\brose\b|growth|\bgrew\b|surge|grown)"
)
_YEAR_ON_YEAR = (
    r"(?:year-on-year|year on year|compared with the previous year|annually"
    # "up 20 percent from a year ago", "on a year earlier", "over the same period of 2024"
    r"|\b(?:from|on|over|against|versus)\s+(?:a|the)\s+year\s+(?:earlier|before|ago)\b"
    r"|\bsame\s+period\s+(?:of\s+|in\s+)?(?:last\s+year|a\s+year\s+(?:earlier|ago)|the\s+previous\s+year|(?:19|20)\d\d)\b"
    r"|\bfrom\s+(?:19|20)\d\d\b|\bthan\s+(?:in\s+)?(?:a\s+year\s+(?:earlier|before|ago)|the\s+previous\s+year|last\s+year|(?:19|20)\d\d\b))"
)  # "nearly 40 percent more than in 2024" is a change on the year before
# Trade as a whole; "exports of electromechanical products" or "imports of farm produce" are one kind of goods.
# "trade" naming a kind of zone, rule or event ("Free Trade Zone", "trade facilitation rules") is no trade
_TRADE_TOTAL = (
    r"import(?!s?\s+of\b)|export(?!s?\s+of\b)"
    r"|trade(?!rs?\b)(?!\s+(?:zones?|facilitation|fairs?|rules?|polic(?:y|ies)|promotion|missions?|delegations?|shows?|expos?))"
)
# Money in any currency the extractor reads: a metric of money takes yuan, dollars, dirhams, tenge, euros or yen alike.
MONEY_UNITS = frozenset({"CNY", "USD", "AED", "KZT", "EUR", "JPY"})
# (metric code, unit the candidate must have, pattern the clause must match); first match wins.
METRIC_RULES: list[tuple[str, set[str], re.Pattern]] = [
    (code, units, re.compile(pattern, re.I))
    for code, units, pattern in [
        (
            "trade_value_avg_annual_growth",
            {"%"},
            r"average annual (?:growth|rate)"
            r"|(?:import and export|imports and exports|foreign trade)\b[^.;]*\ban average of\b[^.;]*\b(?:a|per) year\b"
            r"|\b(?:require|need|take|mean)s?\b[^.;]{0,20}\bannual growth\b",
        ),  # "foreign trade grew by an average of 16 per cent a year", "an average annual rate of 22.6 percent",
        # "which would require annual growth of around 15 percent" (a pace needed); not "fruit exports"
        ("customs_clearance_efficiency_gain", {"%"}, r"clearance efficiency"),
        ("export_categories_growth", {"%"}, r"export categories"),
        # "cut logistics costs for exporters by 15 to 18 percent", "costs per tonne for trucking fruit to Osh have
        # fallen by about a third"
        (
            "cost_reduction",
            {"%"},
            r"\b(?:reduc\w*|cut(?:ting)?|lowered|lowering|slash\w*|trimm\w*|brought\s+down)\s+(?:[\w-]+\s+){0,4}costs"
            r"|\bcosts\s+(?:[\w'’-]+\s+){0,14}?(?:(?:have|has|had)\s+)?(?:been\s+)?"
            r"(?:down|reduced|cut|fell|fallen|dropped|declined|decreased|lowered|slashed)\b",
        ),
        ("trade_value_above_target", {"%"}, r"target"),
        (
            "share_of_regional_trade",
            {"%"},
            r"of (?:\w+’s |\w+'s )?total foreign trade"
            r"|\b(?:share of|percent of|per cent of|% of) (?:Xinjiang|the (?:autonomous )?region)['’]s"
            r" (?:total |overall )?"
            r"(?:foreign trade|imports and exports|import and export|trade\b)"
            # "handled less than a fifth of Xinjiang's trade"
            r"|\b(?:half|third|quarter|fifth|tenth)s? of (?:Xinjiang|the region)['’]s"
            r" (?:total |overall )?(?:foreign )?trade\b"
            r"|(?:import and export|imports and exports|foreign trade|trade value|\btrade)\b"
            r".*\bof (?:Xinjiang|the region)['’]s"
            r" (?:total|overall)\b(?!\s+(?:farmland|land|area|output|planting|acreage))",
        ),
        ("forest_fruit_area_share", {"%"}, r"cultivation|planting|orchards?|farmland|forest[\s-]+fruit"),
        ("intl_cargo_throughput_growth_yoy", {"%"}, rf"cargo.*{_YEAR_ON_YEAR}|{_YEAR_ON_YEAR}.*cargo"),
        ("vehicle_exports_growth_yoy", {"%"}, rf"vehicles?\b.*{_YEAR_ON_YEAR}"),
        ("new_enterprises_growth_yoy", {"%"}, rf"new enterprises.*{_YEAR_ON_YEAR}"),
        # not "874 new enterprises registered in the area, up 11 percent": new ones that registered
        # nor "The area registered 2,318 new enterprises, a rise of 22 percent": the verb's object is new ones;
        # "Registered enterprises have more than doubled", "twice the number at the zone's launch" are growth
        (
            "registered_enterprises_growth",
            {"%"},
            rf"(?<!new enterprises )(?<!newly )registered(?!\s+(?:\w+\s+)?[\d,.]+\s+new\b)"
            rf".*(?:{_GROWTH_WORDS}|\bdoubl|\btripl|\btwice\b|\btimes\b)",
        ),
        (
            "trade_value_growth_yoy",
            {"%"},
            rf"(?:{_TRADE_TOTAL}).*{_GROWTH_WORDS}|{_GROWTH_WORDS}.*(?:{_TRADE_TOTAL})",
        ),  # noqa: E501
        ("cost_savings", MONEY_UNITS, r"\bsav(?:ing|ed|es)\b"),
        ("contracted_investment", MONEY_UNITS, r"contracted|invest"),  # not after "planned" (metric_for)
        ("company_output_value", MONEY_UNITS, r"output value"),
        # "Its sales reached", "the company's sales": a company's own sales (not "duty-free sales")
        (
            "company_revenue",
            MONEY_UNITS,
            r"revenue|\b(?:its|(?:company|firm|factory|group|maker)['’]s)\s+(?:(?:annual|total|overseas)\s+)?sales\b",
        ),
        (
            "trade_value",
            MONEY_UNITS,
            r"import and export|imports and exports|foreign trade|trade volume|trade value"
            # "reaching RMB 12 billion in annual trade", "targets 300 billion yuan of trade": the trade the sum is
            r"|\d[\d.,]*(?:[^\S\n]+(?:thousand|million|billion|trillion|yuan|dollars?|dirhams?))*[^\S\n]+(?:in|of)[^\S\n]+"
            # "handled 9.1 billion yuan of that trade": a part of the trade just named
            r"(?:(?:that|this|the|its|their)[^\S\n]+)?(?:annual[^\S\n]+|yearly[^\S\n]+|foreign[^\S\n]+|total[^\S\n]+)?trade\b"
            r"|\btrade (?:of|reached|hit|to|will|would|could|in)\b|\bvalue of (?:the )?goods\b"
            r"|(?<!exported )(?<!imported )(?<!shipped )\bgoods worth\b"  # "exported goods worth": exports only
            r"|\btrade (?:was|is|stood|totall?ed|amounted|came|topped|exceeded|surpassed|(?:had|has) "
            r"(?:come|reached))\b"
            # "The zone's trade over the nine months came to 98.6 billion yuan"
            r"|\btrade\b(?!\s+(?:with|between|zones?|ports?))[^;,.]{0,40}?\b(?:came\s+to|amounted\s+to|totall?ed)\b"
            r"|\b(?:largest|biggest|highest|total|trade)\s+volume\b"  # money "posted the largest volume"
            # "Xinjiang traded 215 billion yuan with the world" (not "with Kazakhstan")
            r"|\btraded\b[^.;]{0,40}\bwith\s+the\s+(?:world|rest\s+of\s+the\s+world)\b"
            r"|\btrade\b(?!\s+(?:with|between))[^;]{0,60}?\b(?:rose|grew|increased|climbed|jumped|fell|dropped|declined|rise|increase)\b"
            r"[^;]{0,40}?\bto\s+(?:(?:about|nearly|over|some)\s+)?(?:US\$|\$|USD\s|RMB\s?|¥)?\d"
            # "expect the zone's trade for the full year to exceed 80 billion yuan", "push its trade past 90 billion"
            r"|\btrade\b(?!\s+(?:with|between|zones?|ports?))[^;,.\d]{0,40}?"
            r"\b(?:exceed\w*|top(?:s|ped)?|surpass\w*|pass(?:es|ed)?|past|above|beyond)\s+"
            r"(?:US\$|\$|USD\s|RMB\s?|¥|AED\s?|Dh\s?)?\d",
        ),  # noqa: E501
        ("enterprises_with_contracted_projects", {"enterprises"}, r"\d[\d,]*\s+have\s+contracted\s+projects"),
        # "1,214 new ones had signed up since January": the new ones of the enterprises just named
        (
            "new_enterprises",
            {"enterprises"},
            # "registered 1,200 new companies": new firms by any name
            r"\bnew\s+(?:[\w-]+\s+)?(?:enterprises|companies|firms|businesses|ones)\b|attracted|set up|established"
            # "some 9,800 arrived in the first nine months": firms that arrived (moved in) in a span are new ones
            r"|newly|\badded\b|\barrived\b|\bmoved[^\S\n]+in\b",
        ),
        ("enterprises_settled", {"enterprises"}, r"settl"),
        # "market entities" (firms and sole traders) are what the registries count as enterprises (the extractor
        # counts them in enterprises)
        ("new_enterprises", {"enterprises"}, r"\bnew(?:ly\s+registered)?\s+market\s+entities\b"),
        ("registered_enterprises", {"enterprises"}, r"\bmarket\s+entities\b"),
        # "the zone's enterprises, with more than 13,400": the enterprises a place has are those registered there
        (
            "registered_enterprises",
            {"businesses", "enterprises"},
            r"registered|\w['’]s\s+enterprises\b|\b(?:is|are)\s+home\s+to\b|\bhosts?\b|\bhoused?\b",
        ),  # "the zone is home to 1,200 enterprises", "hosts": those it has
        ("trade_partners", {"partners"}, r"partners"),
        (
            "connected_countries",
            {"countries"},
            r"\blinks?\b|\blinked\b|\bconnect|\bflights?\b|\broutes?\b|\breach(?:es)?\b",
        ),
        ("reform_tasks", {"tasks"}, r"reform tasks"),
        ("international_labs_integrated", {"labs"}, r"\blabs?\b|laborator"),
        ("ftz_areas", {"areas"}, r"\bconsists? of\b|\bareas\b"),
        ("transport_distance_to_market", {"km"}, r"\btravel|\breach\w*\s+(?:the\s+)?markets?"),
        ("pharma_approval_time", {"days", "months"}, r"approval"),
        ("customs_clearance_time", {"days"}, r"\bto\s+clear\b|\bclearance\b"),  # "takes about six days to clear"
        ("parcel_delivery_time", {"days"}, r"delivery times?|\bparcels?\b"),
        (
            "delivery_time_to_market",
            {"days"},
            r"reach\w*\s+(?:the\s+)?markets?|\barriv|\bon\s+(?:the\s+)?shelves\b"
            # "Our trucks reach Tashkent in", "cut transport time"
            r"|\breach(?:es|ed)?\s+(?-i:[A-Z])|\btransport\s+times?\b"
            # "the blades reach a wind farm near Almaty in three days" (a parcel reaching a customer is a parcel's),
            # "The sea-rail route delivers goods from Urumqi
            # to Jebel Ali in 14 days", "about 35 days by sea", "Shipping from Lianyungang took us 25 days"
            r"|\breach(?:es|ed)?\s+an?\s+(?!(?:customer|buyer|client|shopper|consumer)s?\b)|\bdeliver(?:s|ed|ing)?\s+(?:goods|cargo|freight)\b|\bshipping\s+from\b"
            r"|\bby\s+(?:sea|rail|road|truck|train)\b",
        ),
        ("project_time_to_completion", {"years"}, r"complet"),
        ("walnut_output_national_rank", {"rank"}, r"walnut"),
        ("crossborder_delivery_time", {"h"}, r"deliver(?:y|ies)|\breach\b"),
        (
            "intl_cargo_throughput",
            {"t"},
            r"cargo|freight\s+(?:volume|throughput)|\bthroughput|\btonnes\s+of\s+freight\b",
        ),
        # "harvested 2.36 million tonnes of fruit and nuts": a harvest of fruit is the orchards' output
        (
            "forest_fruit_output",
            {"t"},
            r"(?:fruit|orchards?).*(?:output|yield)|(?:output|yield\w*|\bharvested\b).*fruit",
        ),
        # "had 412,000 hectares of forest fruit": land under fruit trees, however it is worded
        ("forest_fruit_area", {"ha", "mu"}, r"acreage|planting|orchards?|forest[\s-]+fruit|fruit[\s-]+trees?"),
        # "61,500 cars and trucks left through the port": vehicles leaving through a border are exports
        ("vehicle_exports", {"vehicles"}, r"export|shipped|\b(?:left|leaves?|leaving)\s+(?:through|via)\b"),
        ("vehicle_exports", {"units"}, r"vehicles?\b[^.;]{0,40}\bexport|\bexports?\s+of\s+(?:[\w-]+\s+){0,2}vehicles"),
        ("area", {"km2"}, r"cover|square|area"),
        ("comprehensive_bonded_zones", {"zones"}, r"bonded zones"),
        ("bonded_zone_national_rank", {"rank"}, r"bonded zone"),
        ("reform_measures_implemented", {"measures"}, _IMPLEMENTED),  # a whole "of" which some are: assigned
        ("reform_measures_assigned", {"measures"}, r"measures"),
        ("institutional_innovation_cases", {"cases"}, r"innovation cases"),
        ("litigation_cases_handled", {"cases"}, r"litigation"),
        ("disputes_resolved", {"disputes"}, r"disputes"),
        ("customs_clearance_time", {"h", "min"}, r"customs|clearance|\bclear|inspection"),
    ]
]


# "accounting for nearly 30 percent of the zone's total": a share, which only a share metric measures
_SHARE_RE = re.compile(
    r"\b(?:taking|took|takes)\s+(?:(?:about|around|roughly|some|over|more\s+than|nearly|almost|just)\s+)?\d"
    r"|\baccount(?:s|ed|ing)?\s+for\b|\bshare\s+of\b|\bproportion\b|\bof\s+(?:the\s+)?[\w’']+(?:\s+\w+)?\s+total\b",
    re.I,
)
_OF_AFTER_RE = re.compile(r"[^\S\n]+of\b")  # "about one-third of them": a share too
_SHARE_CODES = {"share_of_regional_trade", "forest_fruit_area_share"}
# "bringing the total to 13,400": a running total of enterprises is how many are registered
_TOTAL_BEFORE_RE = re.compile(
    r"\b(?:bring(?:s|ing)?|brought|rais(?:es|ed|ing))\s+(?:the|its|their)\s+(?:total|number|count)\b[^.;]*$"
    r"|\btotal\s+(?:number\s+)?(?:of\s+[\w-]+\s+)?(?:to|at|reached|stands\s+at|stood\s+at)\s+(?:\w+\s+){0,2}$",
    re.I,
)
# A count that "registered" over a span of time counts the new ones, one "as of" a date all that are registered
_REGISTERED_AFTER_RE = re.compile(
    r"[^\S\n]+(?:(?:have|had|were|have[^\S\n]+been|had[^\S\n]+been)[^\S\n]+)?(?:newly[^\S\n]+)?registered\b(?![^\S\n]+capital)",
    re.I,
)
_FLOW_TIME_RE = re.compile(
    # "since January" (not "since its launch": all that registered there, which is how many are registered)
    r"\bsince[^\S\n]+(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|the[^\S\n]+(?:start|beginning)[^\S\n]+of[^\S\n]+the[^\S\n]+year)\b"
    r"|\b(?:during|so[^\S\n]+far|this[^\S\n]+year|between[^\S\n]+\w+[^\S\n]+and|from[^\S\n]+\w+[^\S\n]+to)\b"
    r"|\b(?:in|over)[^\S\n]+the[^\S\n]+(?:first|past|last|same|quarter|half|year|period)\b",
    re.I,
)
_AS_AT_RE = re.compile(r"\b(?:by|as[^\S\n]+(?:of|at)|at)[^\S\n]+(?:the[^\S\n]+)?end\b|\bas[^\S\n]+of\b|\bend-", re.I)
# "15 billion yuan of planned investment": the plan is named after the figure
_PLANNED_AFTER_RE = re.compile(
    r"[^\S\n]*(?:\w+[^\S\n]+)?(?:of|in)[^\S\n]+(?:planned|proposed|intended)\b"
    r"|[^\S\n]+(?:is|are|was|were|has[^\S\n]+been|have[^\S\n]+been)[^\S\n]+(?:planned|earmarked|budgeted|proposed)\b",
    re.I,
)  # "12 billion yuan is planned for logistics parks" too
# "to handle 300,000 tonnes of cargo a year once completed": a capacity, not a period's throughput
_CAPACITY_AFTER_RE = re.compile(
    r"^[^,;.]{0,40}?\b(?:(?:a|per)\s+(?:year|month|day)(?!\s+(?:earlier|before|ago|later|on\b))|capacity)\b", re.I
)  # not "compared with 24.1 billion yuan a year earlier"
# One route, line or flight carrying goods: its own load, not the throughput of the port it serves
_ONE_ROUTE_BEFORE_RE = re.compile(
    r"\b(?:route|line|flight|service|corridor|train)[^\S\n]+(?:(?:has|have|had|to|will|would|could)[^\S\n]+)?"
    r"(?:carried|transported|moved|handled|delivered|carry|transport|move|handle|deliver)[^\S\n]+"
    r"(?:(?:more[^\S\n]+than|over|nearly|almost|about|around|some|at[^\S\n]+least|up[^\S\n]+to)[^\S\n]+)?$",
    re.I,
)
# "it carried 98 tonnes", "the cargo carried on the route reached", "Cargo flown ...": what a plane, train, truck or
# route carried, not what a port handled
_CARRIED_BEFORE_RE = re.compile(r"\b(?:carr(?:y|ies|ied|ying)|flown)\b", re.I)
# "will lift the airport's annual cargo capacity to 500,000 tonnes": what it could handle, not what it handled
_CAPACITY_BEFORE_RE = re.compile(r"\bcapacit(?:y|ies)\b[^,;.\d]{0,30}$", re.I)


# The growth rate of each measured metric: "48,600 tonnes in the first half, up 62.5 percent".
GROWTH_OF = {
    "trade_value": "trade_value_growth_yoy",
    "intl_cargo_throughput": "intl_cargo_throughput_growth_yoy",
    "vehicle_exports": "vehicle_exports_growth_yoy",
    "new_enterprises": "new_enterprises_growth_yoy",
    "registered_enterprises": "registered_enterprises_growth",
}
_GROWTH_BEFORE_RE = re.compile(
    r"(?:^|[,;(][^\S\n]*|\b(?:an?|the)[^\S\n]+)(?:up|increas\w*|ris\w*|grew|grow\w*|surg\w*|jump\w*"
    r"|down|fell|fall\w*|declin\w*|decreas\w*|drop\w*|gain\w*|climb\w*"
    # "dipping 4 percent", "soared", "eased", "slid", "shrank", "edged up"
    r"|soar\w*|slipp\w*|dipp\w*|eas(?:ed|ing)|slid(?:e|ing)?|shr[aiu]nk\w*|plung\w*|slump\w*|tumbl\w*|edg(?:ed|ing))"
    r"\b[^,;.]{0,20}$",
    re.I,
)
# "16.1 per cent higher than a year ago", "11 percent more", "5 per cent lower": a change said after its figure
_GROWTH_AFTER_RE = re.compile(r"[^\S\n]*(?:higher|lower|more|less|up|down)\b(?![^\S\n]+(?:of|in)\b)", re.I)


# "nearly double the number a year ago", "three times the figure a year earlier": a multiple of the value a year
# before is a change on the year too (not "double the figure of two years earlier", "1.6 times the volume at
# Alashankou")
_MULTIPLE_RE = re.compile(r"\b(?:doubl|tripl|quadrupl)\w*|fold\b|\btimes\b", re.I)
_YEAR_BEFORE_AFTER_RE = re.compile(
    r"[^,;.]{0,25}?\b(?:(?:a|one)[^\S\n]+year[^\S\n]+(?:earlier|ago|before)|last[^\S\n]+year|the[^\S\n]+previous[^\S\n]+year)\b",
    re.I,
)


def growth_of(previous_code: str, before: str, metric_codes: set[str], *, after: str = "", figure: str = "") -> str:
    """The growth metric of the figure before a percentage that says it went up ("..., up 62.5 percent",
    "a drop of 8.3 percent", "16.1 per cent higher than a year ago", "nearly triple the number a year earlier"),
    when the percentage's own words name no metric."""
    code = GROWTH_OF.get(previous_code, "")
    says_change = (
        _GROWTH_BEFORE_RE.search(before)
        or _GROWTH_AFTER_RE.match(after)
        or (_MULTIPLE_RE.search(figure) and _YEAR_BEFORE_AFTER_RE.match(after))
    )
    return code if code in metric_codes and says_change else ""


def target_codes(metric_codes: set[str], *, before: str, after: str) -> set[str]:
    """The codes a figure may have given where a target is named: "up 19.4 percent year on year and exceeding its
    target for the period by 6.5 percent" puts only the second above the target."""
    if _TARGET_BEFORE_RE.search(before) or _ABOVE_TARGET_AFTER_RE.match(after):
        return set(metric_codes)
    return set(metric_codes) - {"trade_value_above_target"}


def guess_metric(clause: str, unit: str, metric_codes: set[str]) -> str:
    """The first metric rule whose unit and wording fit, among the metrics the portal has."""
    for code, units, pattern in METRIC_RULES:
        if code in metric_codes and unit in units and pattern.search(clause):
            return code
    return ""


# "37 projects worth a combined 5.2 billion yuan": the value of the things counted in the clause, which the
# clause alone may name a metric for; "the UAE's direct investment": money invested, not contracted
_WORTH_OF_COUNTED_RE = re.compile(
    r"\b\d[\d,]*[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}?[a-z]+s[^\S\n]+worth[^\S\n]+(?:a[^\S\n]+(?:combined|total[^\S\n]+of)[^\S\n]+)?"
    r"(?:(?:about|around|over|more[^\S\n]+than|nearly|some)[^\S\n]+)?(?:US\$|\$|USD|RMB|CNY|¥)?[^\S\n]?$",
    re.I,
)
_NOT_CONTRACTED_RE = re.compile(
    r"\b(?:direct|actual(?:ly)?|utili[sz]ed|paid-in)[^\S\n]+(?:\w+[^\S\n]+)?investment\b"
    # "Emirati companies had invested upwards of AED 1.1 billion": money put in, not contracted
    r"|\b(?:have|has|had)[^\S\n]+(?:\w+[^\S\n]+)?invested\b"
    # "the Dh40 billion that Gulf investors put into China's coastal provinces": money put in
    r"|\b(?:put|poured|pumped|ploughed|plowed|sank)\b[^.;]{0,40}?\binto\b"
    r"(?![^\S\n]+(?:operation|use|service|production|practice|effect|place|force)\b)",
    re.I,
)


# "fruit exports", "cross-border e-commerce exports": one kind of goods; "total exports", "the zone's exports" are not
_CATEGORY_TRADE_RE = re.compile(
    # not a verb: "handled imports and exports of 88.4 billion yuan"
    r"(?<![\w-])(?!(?:total|overall|foreign|annual|combined|its|their|the|and|of|whose|all|whole|saw|had|has|logged)\b)"
    r"(?![a-z]+ed\b)[a-z][a-z-]+"
    r"[^\S\n]+(?:exports|imports)\b"
    # "cross-border e-commerce trade": a kind of goods named by a compound is one kind's trade too; not a time
    # ("first-half trade", "full-year trade") nor the whole ("cross-border trade", "year-on-year")
    r"|(?<![\w-])(?!(?:first|second|third|fourth|half|full|whole|year|cross-border)\b)[a-z]+(?:-[a-z]+)+"
    r"[^\S\n]+trade\b(?![^\S\n]+(?:zones?|partners?|routes?|corridors?|fairs?|ports?|centres?|centers?))"
    # "Processing trade in the bonded zone reached ...", "barter trade": one way of trading, not the whole
    r"|(?<![\w-])(?i:processing|barter|entrepot)[^\S\n]+trade\b"
)  # lower case only: "Horgos exports" at a sentence's start are a place's, as capitalised "Fruit exports" stay
# "Trade with Kyrgyzstan alone came to 6.9 billion yuan": the trade with one partner, when the portal has a metric
# for that partner ("bilateral_trade_kyrgyzstan"); otherwise none, as before
_PARTNER_TRADE_RE = re.compile(
    r"\b(?i:trade|traded|imports?\s+and\s+exports?)[^.;]{0,40}?\b(?i:with|to\s+and\s+from)[^\S\n]+(?:the[^\S\n]+)?"
    # "its trade with the UAE": a partner's initials name it too (not the zone's own "FTZ")
    r"(?P<partner>[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+)?|(?!FTZ\b)[A-Z]{2,4})\b"
)
# A party of a trade: a name ("the UAE", "China's Xinjiang region", "the six Gulf Cooperation Council states") or the
# portal's own side ("the zone"); never a month ("trade between January and October" is the trade of those months)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b"
_SIDE = r"(?:zone|area|region|port|city)\b"


def _party(name: str) -> str:
    return (
        rf"(?:the[^\S\n]+)?(?:[a-z]+[^\S\n]+)?(?P<{name}>(?!{_MONTH})[A-Z][A-Za-z]+(?:['’]s)?(?:[^\S\n]+[A-Z][A-Za-z]+)*"
        rf"|{_SIDE})"
    )


# Trade between two parties: "Trade between the UAE and Xinjiang", "China-UAE trade", "bilateral trade between
# Kazakhstan and China", "Trade between the zone and Kyrgyzstan"; the partner is the party that is not the portal's side
_BETWEEN_TRADE_RE = re.compile(
    rf"\b(?i:trade|imports?\s+and\s+exports?)[^\S\n]+between[^\S\n]+{_party('a')}(?:[^\S\n]+[a-z]+)?[^\S\n]+and"
    rf"[^\S\n]+{_party('b')}"
)
_HYPHEN_TRADE_RE = re.compile(r"\b(?P<a>[A-Z][A-Za-z]+)-(?P<b>[A-Z][A-Za-z]+)[^\S\n]+(?:bilateral[^\S\n]+)?trade\b")
_BILATERAL_RE = re.compile(r"\bbilateral[^\S\n]+trade\b", re.I)
# "between China and Kyrgyzstan": who "bilateral trade" in the next sentence is between
_BETWEEN_PARTIES_RE = re.compile(rf"\bbetween[^\S\n]+{_party('a')}[^\S\n]+and[^\S\n]+{_party('b')}")
_HOME_PARTIES = {"china", "xinjiang", "zone", "area", "region", "port", "city"}


def _other_party(match: re.Match | None) -> str:
    if match is None:
        return ""
    parties = [
        "_".join(match.group(name).lower().replace("’s", "").replace("'s", "").split())
        for name in ("a", "b")
        if not _HOME_PARTIES & set(match.group(name).lower().replace("’s", "").replace("'s", "").split())
    ]
    return parties[0] if len(parties) == 1 else ""


# "Kazakhstan remained the zone's largest trading partner, with trade of 41.3 billion yuan", "Kazakhstan was the
# largest partner at 36.2 billion yuan": the trade with the partner the sentence opens on
_LARGEST_PARTNER_RE = re.compile(
    r"(?:^|[.;:]\s+|,[^\S\n]+)(?P<partner>[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+)?)[^\S\n]+"
    r"(?:remained|remains|was|is|stayed|became|ranked[^\S\n]+as)[^\S\n]+(?:the[^\S\n]+)?(?:[\w-]+['’]s[^\S\n]+)?"
    r"(?:(?:largest|biggest|top|leading|main|second|third|second-largest|third-largest|fastest-growing)[^\S\n]+)+"
    r"(?:trading[^\S\n]+|trade[^\S\n]+)?partner\b"
)


def trade_partner(text: str, preceding: str = "") -> str | None:
    """The partner a figure's trade is with ('kyrgyzstan', 'uae'), "" for a bilateral trade whose partner the words
    do not name, None when the trade is no bilateral one."""
    partner = _PARTNER_TRADE_RE.search(text) or _LARGEST_PARTNER_RE.search(text)
    if partner:
        return "_".join(partner.group("partner").lower().split())
    for pattern in (_BETWEEN_TRADE_RE, _HYPHEN_TRADE_RE):
        match = pattern.search(text)
        if match:
            return _other_party(match)
    if _BILATERAL_RE.search(text):
        between = list(_BETWEEN_PARTIES_RE.finditer(preceding + " " + text))
        return _other_party(between[-1]) if between else ""
    return None


# "UAE-funded", "Emirati-invested", "foreign-owned", "state-backed": who owns the firms counted
_FUNDED_BY_AFTER_RE = re.compile(r"[^\S\n]+(?:[\w-]+[^\S\n]+)?[\w]+-(?:funded|invested|owned|backed|financed)\b", re.I)
_FUNDED_KIND_BEFORE_RE = re.compile(
    r"\b\w+-(?:funded|invested|owned|backed|financed)[^\S\n]+(?:enterprises|firms|companies|businesses)\b[^.;]*$", re.I
)
# "the number of UAE companies registered in the area", "Kazakh firms": the firms of one country's investors
_NATIONALITY_KIND_BEFORE_RE = re.compile(
    r"\b(?:foreign|overseas|UAE|Emirati|Gulf|GCC|Kazakh|Kazakhstani|Uzbek|Kyrgyz|Tajik|Russian|Pakistani|Turkish"
    r"|Japanese|Korean|European|German|Saudi|Qatari|Omani|Kuwaiti|Bahraini)[^\S\n]+(?:enterprises|firms|companies"
    r"|businesses)\b[^.;]*$",
)
_FIRMS_RE = re.compile(r"\b(?:enterprises|firms|companies|businesses)\b", re.I)
_RANK_MOVE_BEFORE_RE = re.compile(
    r"\b(?:up|down|rose|risen|rising|climbed|climbing|jumped|moved\s+up|fell|fallen|dropped|slipped)"
    r"(?:[^\S\n]+by)?[^\S\n]+$",
    re.I,
)
_WHOLE_TRADE_RE = re.compile(r"\btrade\b|\bimports?\s+and\s+exports?\b|\bimport\s+and\s+export\b", re.I)
_TRADE_CODES = {"trade_value", "trade_value_growth_yoy", "trade_value_avg_annual_growth"}


# Cargo through land ports ("the Irkeshtam and Torugart land ports", "China's westernmost land port") is counted by no
# throughput metric of the portal (labels.json 'about': land-port cargo tonnes have no metric)
_GOODS_WORTH_BEFORE_RE = re.compile(
    r"\b(?:goods|cargo|products|shipments|exports|imports)[^\S\n]+worth[^\S\n]+(?:(?:about|around|some|over|nearly)"
    r"[^\S\n]+)?(?:US\$|\$|USD|RMB|AED|Dh|¥)?[^\S\n]?$",
    re.I,
)
_CUT_OBJECT_BEFORE_RE = re.compile(
    r"\b(?:cut|reduced|lowered|slashed|shortened|trimmed)[^\S\n]+(?P<cut>(?:[\w'’-]+[^\S\n]+){1,4}?)by[^\S\n]+"
    r"(?:[\w-]+[^\S\n]+){0,2}$",
    re.I,
)
# Vehicle exports as the subject of the change right after them: "vehicle shipments through Horgos Port dropped by",
# "Car exports through the port, however, halved" (not "Trade, which leans on car exports to Russia, fell")
_VEHICLE_EXPORTS_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:vehicle|car|auto)s?[^\S\n]+(?:exports|shipments)\b"
    r"(?:[^\S\n]+(?:through|via|from|at|out[^\S\n]+of)[^\S\n]+[^,.;%\d]{0,40}?)?"
    r"(?:,[^\S\n]*(?:however|though|meanwhile|also|too|in[^\S\n]+turn)[^\S\n]*,)?[^\S\n]+"
    r"(?:(?:rose|grew|fell|dropped|slipped|declined|decreased|increased|jumped|climbed|surged|plunged|slumped|"
    r"were|was)[^\S\n]+(?:by[^\S\n]+)?)?$",
    re.I,
)
_SHARE_WITHIN_BEFORE_RE = re.compile(
    r"(?:\d|\b(?:half|most|a[^\S\n]+third|two-thirds|a[^\S\n]+quarter|three-quarters))[^\S\n]*"
    r"(?:%|percent|per[^\S\n]+cent)?[^\S\n]+of[^\S\n]+(?:(?:the|all|its|their)[^\S\n]+)?(?:[\w-]+[^\S\n]+){1,3}?"
    r"(?:(?:are|were|is|was|now|can|could|get|got)[^\S\n]+){0,2}(?:[a-z]+(?:ed)?[^\S\n]+)?"
    r"(?:(?:within|in|under|in[^\S\n]+under|in[^\S\n]+less[^\S\n]+than)[^\S\n]+)?$",
    re.I,
)
_SUCH_ZONES_RE = re.compile(r"\bsuch[^\S\n]+zones\b", re.I)
_ZONE_KIND_RE = re.compile(
    r"\b(bonded|free[^\S\n]+trade|free-trade|economic|development|industrial|processing|cooperation)[^\S\n]+zones?\b",
    re.I,
)
_TARGET_BEFORE_RE = re.compile(r"\btargets?\b", re.I)
_ABOVE_TARGET_AFTER_RE = re.compile(
    r"[^\d,;]{0,20}\b(?:above|over|beyond|ahead\s+of)\s+(?:\w+\s+){0,2}targets?\b", re.I
)
# A figure per month (labels.json 'about': a per-month bound over several months has no metric)
_PER_MONTH_RE = re.compile(r"\bmonthly[^\S\n]+trade\b|\b(?:every|each|a|per)[^\S\n]+month\b", re.I)
_WHILE_CHANGE_RE = re.compile(
    r"[^\S\n]*(?:,[^\S\n]*)?(?:while|whereas)[^\S\n]+(?:[\w'’-]+[^\S\n]+){1,4}?"
    r"(?:rose|grew|fell|jumped|climbed|increased|decreased|declined|dropped|surged|was|were)\b",
    re.I,
)
_LAND_PORT_RE = re.compile(r"\bland[^\S\n]+ports?\b", re.I)
_CARGO_CODES = {"intl_cargo_throughput", "intl_cargo_throughput_growth_yoy"}
# Travellers' wait at passport control or border checks: no customs clearance of goods
_TRAVELLERS_CHECK_RE = re.compile(r"\bpassport|\bimmigration\b|\bborder[^\S\n]+(?:checks?|control)\b", re.I)
# The approval of a licence, permit or registration is no drug approval
_PERMIT_RE = re.compile(r"\blicen[cs]\w*|\bpermits?\b|\bregistration\b|\bvisas?\b|\bcertificates?\b", re.I)
_DRUG_RE = re.compile(r"\bdrugs?\b|\bmedic\w*|\bpharma\w*|\bvaccines?\b|\bmedical\s+devices?\b", re.I)
# Waiting in line before the gate ("trucks queued for two days", "waits of up to six hours") is no clearance time
_QUEUE_RE = re.compile(r"\bqueu\w*|\btailbacks?\b", re.I)
_WAIT_RE = re.compile(r"\bwait(?:s|ed|ing)?\b", re.I)
_CLEAR_RE = re.compile(r"\bclear(?:s|ed|ing|ance)?\b", re.I)
_GOODS_CLEARED_RE = re.compile(r"\bcustoms\b|\bcargo\b|\bgoods\b|\bfreight\b|\btrucks?\b|\bparcels?\b", re.I)


# The area of a facility, which is no place of the portal: "The center covers 5.28 square kilometers", "a second
# industrial park of 1.2 square kilometers"
_FACILITY_AREA_RE = re.compile(
    r"\b(?:park|cent(?:er|re)|plant|site|warehouse|hub|base|campus|facility|complex|market|mall|terminal|factory)"
    r",?[^\S\n]+(?:covers|covering|spans|spanning|occupies|occupying|of)[^\S\n]+"
    r"(?:(?:about|around|roughly|some|over|more[^\S\n]+than|nearly|almost)[^\S\n]+)?\d",
    re.I,
)


# "Cargo flown between Dubai and Urumqi reached 1,240 tonnes": the load of one link, not a port's throughput
# "between Urumqi and Almaty", "between the UAE and Urumqi": a route's two ends
_BETWEEN_TWO_PLACES_RE = re.compile(
    r"\bbetween[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)?[^\S\n]+and[^\S\n]+(?:the[^\S\n]+)?[A-Z]"
)


_OF_WHICH_CLAUSE_RE = re.compile(r"\s*of[^\S\n]+which\b", re.I)


_ONE_FIRMS_RE = re.compile(r"\b(?:his|her|their|its|the)\s+(?:firm|company)\b(?!['’]s)", re.I)
_KIND_OF_FIRM_RE = re.compile(r"\b(?:exporters|importers|exhibitors|forwarders)\b", re.I)


def metric_for(
    *,
    clause: str,
    quote: str,
    sentence: str,
    before: str,
    after: str,
    unit: str,
    role: str,
    metric_codes: set[str],
    preceding: str = "",
) -> str:
    """The metric of a figure from its own clause, quote and sentence, its role ("part", "whole" or
    "") among the figures of its sentence, the words of its clause before it and the words after it."""
    excluded = set()
    if _PLANNED_RE.search(before) or _PLANNED_AFTER_RE.match(after):
        excluded.add("contracted_investment")  # "planned investment of 4.6 billion yuan"
    if _GOODS_WORTH_BEFORE_RE.search(before):
        excluded.add("contracted_investment")  # "covered goods worth AED1.2 billion": what goods are worth
    if _NOT_CONTRACTED_RE.search(sentence) and not re.search(r"\bcontracted\b", clause, re.I):
        excluded.add("contracted_investment")  # "direct investment ... totalled 4.5 billion yuan"
    # "fresh fruit exports grew 2.1-fold": one kind of goods, not the trade; "..., up 10.8 percent" after "China's
    # cross-border e-commerce trade reached 2.63 trillion yuan" is that kind's change too
    for text in (clause, sentence):
        if _CATEGORY_TRADE_RE.search(text) and not _WHOLE_TRADE_RE.search(_CATEGORY_TRADE_RE.sub(" ", text)):
            excluded |= _TRADE_CODES
            break
        if _WHOLE_TRADE_RE.search(text):
            break
    if _LAND_PORT_RE.search(sentence):
        excluded |= _CARGO_CODES
    if _PER_MONTH_RE.search(clause):
        # "Monthly trade has exceeded 40 billion yuan in every month since April": a bound per month
        excluded |= _TRADE_CODES
    if _TRAVELLERS_CHECK_RE.search(sentence) and not _GOODS_CLEARED_RE.search(clause):
        excluded.add("customs_clearance_time")
    if _PERMIT_RE.search(sentence) and not _DRUG_RE.search(sentence):
        excluded.add("pharma_approval_time")  # "licensing for exporters, with approvals issued in three working days"
    if _QUEUE_RE.search(clause) or (_WAIT_RE.search(clause) and not _CLEAR_RE.search(sentence)):
        # "Trucks queued for as long as two days": a wait, not the clearance, unless it is the clearance before
        # ("now clear in about 40 minutes, where they waited up to 12 hours in 2023")
        excluded.add("customs_clearance_time")
    excluded |= set(metric_codes) - target_codes(metric_codes, before=before, after=after)
    codes = set(metric_codes) - excluded
    if unit == "zones" and _SUCH_ZONES_RE.search(clause):
        # "... among the country's comprehensive bonded zones. There are more than 160 such zones": the kind of
        # zone named last before
        kinds = _ZONE_KIND_RE.findall(preceding + " " + sentence[: max(0, sentence.find(clause))])
        if kinds and kinds[-1].lower() == "bonded":
            return "comprehensive_bonded_zones" if "comprehensive_bonded_zones" in codes else ""
        return ""
    if unit == "rank" and _RANK_MOVE_BEFORE_RE.search(before):
        return ""  # "up 11 places": a move in the ranking, not a rank
    if unit in MONEY_UNITS or unit in ("%", "pp"):
        # "Trade with Kyrgyzstan alone came to 6.9 billion yuan", "Trade between the UAE and Xinjiang rose 23 per
        # cent": the trade with one partner is that partner's bilateral trade when the portal has it, never the
        # place's whole trade
        partners = ((trade_partner(text, preceding), own) for text, own in ((clause, 1), (quote, 1), (sentence, 0)))
        partner, in_own_words = next((found for found in partners if found[0] is not None), (None, 0))
        if partner is not None:
            code = "bilateral_trade_" + partner
            if unit in MONEY_UNITS and code in codes:
                return code
            if in_own_words:
                return ""  # the figure's own words are about a trade with a partner the portal has no metric for
            excluded |= _TRADE_CODES
            codes = set(metric_codes) - excluded
    if unit in ("%", "pp") and "vehicle_exports_growth_yoy" in codes:
        lead = sentence[: max(0, sentence.find(clause))] + before if clause in sentence else before
        if _VEHICLE_EXPORTS_CHANGE_BEFORE_RE.search(lead):
            # "Car exports through the port, however, halved", "while vehicle exports through the port fell 11.2
            # percent": the change of the vehicle exports the figure's own subject names
            return "vehicle_exports_growth_yoy"
    if unit in ("%", "pp"):
        cut = _CUT_OBJECT_BEFORE_RE.search(before)
        if cut and not re.search(_TRADE_TOTAL, cut.group("cut"), re.I):
            # "and cut clearance times by a further 20 percent": the change of what was cut, not of the trade the
            # sentence speaks of
            return guess_metric(clause, unit, codes)
    if unit in MONEY_UNITS and _WORTH_OF_COUNTED_RE.search(before):
        return guess_metric(clause, unit, codes)
    if unit in ("h", "min", "days") and _SHARE_WITHIN_BEFORE_RE.search(before):
        return ""  # "80 percent of declarations clear within two hours": the bound of a share, not the time taken
    if unit not in ("%", "pp") and (_CAPACITY_AFTER_RE.search(after) or _CAPACITY_BEFORE_RE.search(before)):
        return ""
    if unit == "km2" and _FACILITY_AREA_RE.search(sentence):
        excluded.add("area")  # "The center covers 5.28 square kilometers": no place of the portal
        codes = set(metric_codes) - excluded
    if unit == "t" and (
        _ONE_ROUTE_BEFORE_RE.search(before)
        or _BETWEEN_TWO_PLACES_RE.search(clause)
        or _CARRIED_BEFORE_RE.search(before)
    ):
        excluded.add("intl_cargo_throughput")  # "the Urumqi-Almaty route has carried 60,000 tonnes": not the port's
        codes = set(metric_codes) - excluded
    # "keep trade growth at no less than 15 percent and lift the zone's share of the region's trade to a quarter":
    # the share is said of the figure after this one
    share_after = unit == "%" and _SHARE_RE.search(after) and not _OF_AFTER_RE.match(after)
    if share_after:
        codes -= _SHARE_CODES
    if unit == "%" and ((_SHARE_RE.search(clause) and not share_after) or _OF_AFTER_RE.match(after)):
        for text in (clause, sentence):
            code = guess_metric(text, unit, codes & _SHARE_CODES)
            if code:
                return code
        return ""
    if unit == "vehicles" and _ONE_FIRMS_RE.search(clause):
        codes -= {"vehicle_exports"}  # "his firm shipped some 1,800 cars": one company's, not the place's exports
    if unit in ("enterprises", "businesses") and (
        _KIND_OF_FIRM_RE.search(clause) or (_TOTAL_BEFORE_RE.search(before) and _KIND_OF_FIRM_RE.search(sentence))
    ):
        # "Twenty-two fruit exporters joined", "38 exhibitors": firms of one trade, not all those registered there;
        # "..., bringing the number in the trade to about 140": their total too
        codes -= {"registered_enterprises", "new_enterprises", "enterprises_settled"}
    if unit in ("enterprises", "businesses"):
        if (
            _FUNDED_BY_AFTER_RE.match(after)
            or _FUNDED_KIND_BEFORE_RE.search(before)
            or _NATIONALITY_KIND_BEFORE_RE.search(sentence[: max(0, sentence.find(clause))] + " " + before)
            # "A handful of Emirati companies were looking. Today more than 60 are registered": the firms named
            # in the sentence before, when this one names none
            or (
                not _FIRMS_RE.search(sentence)
                and _NATIONALITY_KIND_BEFORE_RE.search(re.sub(r"[\s\"”’.]+$", "", preceding))
            )
        ):
            # "Some 40 UAE-funded enterprises are now registered in the zone", "bring the number of Gulf-funded
            # enterprises to 60": the firms of some investors, not all the firms registered or settled there
            codes -= {"registered_enterprises", "enterprises_settled"}
        if _TOTAL_BEFORE_RE.search(before) and "registered_enterprises" in codes:
            return "registered_enterprises"
        if (
            _REGISTERED_AFTER_RE.match(after)
            and _FLOW_TIME_RE.search(sentence)
            and not _AS_AT_RE.search(sentence)
            and "new_enterprises" in codes
        ):  # "1,260 enterprises have registered since January", "430 firms registered during the quarter": new ones;
            # "By the end of March, 6,870 enterprises had registered" is how many there were
            return "new_enterprises"
        if role == "part":  # "of which 426 were foreign-invested": only what is said of the part
            return guess_metric(clause, unit, codes)
    if unit == "measures":
        if _NEW_MEASURES_RE.search(clause):
            return ""  # "rolled out 15 new reform measures in February": a flow of new ones, neither assigned nor done
        if role == "whole":
            return "reform_measures_assigned" if "reform_measures_assigned" in codes else ""
        if role == "part" and re.search(_IMPLEMENTED, after + " " + clause, re.I):
            return "reform_measures_implemented" if "reform_measures_implemented" in codes else ""
    if unit == "cases" and role != "whole":
        if _ADOPTED_NATIONALLY_RE.search(after):
            return "innovation_cases_adopted_nationally" if "innovation_cases_adopted_nationally" in codes else ""
        if _PROMOTED_REGIONALLY_RE.search(after):
            return "innovation_cases_promoted_regionally" if "innovation_cases_promoted_regionally" in codes else ""
    # "..., while passenger numbers rose 30 percent": a statement of its own about something else, which the
    # sentence's other words do not name
    own_statement = unit in ("%", "pp") and _WHILE_CHANGE_RE.match(clause)
    # "harvested 2.36 million tonnes of fruit, of which walnuts made up 1.12 million tonnes": a sub-total is only
    # what its own clause says
    own_statement = own_statement or bool(_OF_WHICH_CLAUSE_RE.match(clause))
    for text in (clause,) if own_statement else (clause, quote, sentence):
        code = guess_metric(text, unit, codes)
        if code:
            return code
    return ""

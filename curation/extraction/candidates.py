"""Reading an article's numbers as candidate claims: rules only, no network, no database.

`extract_candidates(text, ...)` finds every numeric mention that states a measurement and
returns one candidate per value: the value in base units, its unit, the qualifier the words
around it give, a range, a linked conversion ("93.16 billion yuan ($13.36 billion)"), the
verbatim quote (located with the same matcher that checks citations) and best guesses for
metric, place and period. Years, dates, ordinals that are not ranks and phone-like numbers
are skipped; numbers this module cannot read (Chinese numerals, digits glued to CJK text)
are reported as unparsed. Everything the ORM knows (place names, metric codes) comes in as
plain dicts, so the rules are tested without a database.
"""

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from text_to_num import text2num

from curation.extraction.metrics import _GROWTH_BEFORE_RE as _GROWTH_BEFORE_RE
from curation.extraction.metrics import _PLANNED_AFTER_RE as _PLANNED_AFTER_RE
from curation.extraction.metrics import _TOTAL_BEFORE_RE as _TOTAL_BEFORE_RE
from curation.extraction.metrics import (  # noqa: F401
    GROWTH_OF,
    METRIC_RULES,
    MONEY_UNITS,
    growth_of,
    guess_metric,
    metric_for,
    target_codes,
)
from curation.extraction.places import _NATION_POSSESSIVE_BEFORE_RE as _NATION_POSSESSIVE_BEFORE_RE
from curation.extraction.places import PlaceIndex, PlaceMentions  # noqa: F401 (re-exported)
from curation.text import sentences
from curation.text.quotes import locate_quote

EXACT, ABOUT, MORE_THAN, AT_LEAST, NEARLY, UP_TO, LESS_THAN, BETWEEN = (
    "exact",
    "about",
    "more_than",
    "at_least",
    "nearly",
    "up_to",
    "less_than",
    "between",
)  # the values of Claim.Qualifier, kept here so the rules need no Django

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------
_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand"
).split()
_SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9, "trn": 10**12,
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = "|".join(name for name in calendar.month_name if name)
_MONTH_ABBREVIATIONS = "|".join(name for name in calendar.month_abbr if name)

_QUALIFIER_WORDS = {
    "more than": MORE_THAN, "over": MORE_THAN, "above": MORE_THAN, "exceeding": MORE_THAN,
    "exceeded": MORE_THAN, "exceeds": MORE_THAN, "exceed": MORE_THAN, "topped": MORE_THAN,
    "tops": MORE_THAN, "to top": MORE_THAN, "will top": MORE_THAN, "would top": MORE_THAN, "could top": MORE_THAN,
    "may top": MORE_THAN, "might top": MORE_THAN, "should top": MORE_THAN,  # "hoped trade would top Dhs7 billion"
    "surpassed": MORE_THAN, "surpassing": MORE_THAN, "surpasses": MORE_THAN, "surpass": MORE_THAN,
    "pass": MORE_THAN, "passes": MORE_THAN, "passed": MORE_THAN, "crossed": MORE_THAN, "crosses": MORE_THAN,
    "to cross": MORE_THAN, "past": MORE_THAN,  # "crossed Dh400 billion", "push its trade past 90 billion yuan"
    "topping": MORE_THAN, "beyond": MORE_THAN, "north of": MORE_THAN, "broke through": MORE_THAN,
    "breaking through": MORE_THAN, "broken through": MORE_THAN,
    # a figure neared is nearly reached: "trade neared 5 billion yuan", "approaching 300 flights", "just shy of"
    "neared": NEARLY, "nearing": NEARLY, "approached": NEARLY, "approaching": NEARLY, "approaches": NEARLY,
    "short of": NEARLY, "shy of": NEARLY,
    # "just under AED700 million": a little less than the figure, as "nearly" says it
    "just under": NEARLY, "just below": NEARLY, "slightly under": NEARLY, "slightly below": NEARLY,
    "slightly less than": NEARLY, "a little under": NEARLY, "a little less than": NEARLY,
    "nearly": NEARLY, "almost": NEARLY, "close to": NEARLY,
    "more or less": ABOUT,
    "about": ABOUT, "around": ABOUT, "approximately": ABOUT, "roughly": ABOUT, "some": ABOUT, "~": ABOUT,
    "up to": UP_TO, "as many as": UP_TO, "as much as": UP_TO, "as long as": UP_TO, "as high as": UP_TO,
    "within": UP_TO, "no more than": UP_TO, "not more than": UP_TO, "no longer than": UP_TO,
    "not exceeding": UP_TO, "a maximum of": UP_TO, "at most": UP_TO,
    # how far a wait or queue can run is its most: "the wait could stretch to three hours"
    "stretch to": UP_TO, "stretches to": UP_TO, "stretched to": UP_TO, "stretching to": UP_TO,
    "no fewer than": AT_LEAST, "not less than": AT_LEAST, "not fewer than": AT_LEAST, "a minimum of": AT_LEAST,
    "at least": AT_LEAST, "no less than": AT_LEAST,
    # what a price or fare starts from is its least: "fares start from AED899", "tickets starting at 2,400 yuan"
    "start from": AT_LEAST, "starts from": AT_LEAST, "starting from": AT_LEAST, "start at": AT_LEAST,
    "starts at": AT_LEAST, "starting at": AT_LEAST, "as little as": AT_LEAST, "as low as": AT_LEAST,
    "upwards of": MORE_THAN, "upward of": MORE_THAN, "in excess of": MORE_THAN,
    "an estimated": ABOUT,
    "less than": LESS_THAN, "fewer than": LESS_THAN, "under": LESS_THAN, "below": LESS_THAN,
}  # fmt: skip

# Words that end a count noun phrase: after "35 enterprises are", "are" is not the unit.
_STOP_WORDS = set(
    """a an the and or but nor of in on at to from for with by across into onto over under between since per as
    than that which who whom whose where when while are is was were be been being have has had having do does
    did will would shall should can could may might must out up down off its their his her our your this these
    those it they them he she we you i each every all both some any such only just also more most less than
    very so not no now currently still already within during through until after before via among against
    without toward towards amid""".split()
)

# Plurals without an s: "1,500 people", "300 staff"
_IRREGULAR_PLURALS = {
    "people", "personnel", "staff", "cattle", "sheep", "livestock", "children", "women", "men", "aircraft", "crew",
    "fish", "deer", "species", "series", "memoranda",
}  # fmt: skip

_TIME_UNITS = {
    "hour": "h", "hours": "h", "hr": "h", "hrs": "h", "minute": "min", "minutes": "min", "min": "min", "mins": "min",
    "day": "days", "days": "days",
    "week": "weeks", "weeks": "weeks", "month": "months", "months": "months", "year": "years", "years": "years",
    "quarter": "quarters", "quarters": "quarters",
}  # fmt: skip

# Units the extractor reads; any other unit is the noun of what is counted ("enterprises").
MEASUREMENT_UNITS = frozenset(
    {
        "%",
        "pp",
        "CNY",
        "USD",
        "AED",
        "KZT",
        "EUR",
        "JPY",
        "km2",
        "km",
        "t",
        "ha",
        "mu",
        "h",
        "min",
        "days",
        "weeks",
        "months",
        "years",
        "quarters",
        "rank",
        "TEU",
        "m2",
    }
)

_SP = r"[^\S\n]"  # whitespace that does not cross a line: headings are not units of the line above
_UNIT_PATTERNS = [
    ("pp", rf"{_SP}+(?:percentage|pct\.?){_SP}+points?\b|[-\s]percentage[-\s]points?\b|{_SP}*ppts?\b|{_SP}*pps\b"),
    ("TEU", rf"{_SP}+(?:TEUs?|twenty-foot{_SP}+equivalent{_SP}+units)\b"),  # containers, counted in a unit of their own
    # "a 20-percent rise", and the British press's "5pc"
    ("%", rf"{_SP}*%|{_SP}*per{_SP}?cent\b|{_SP}+percent\b|{_SP}+pct\b|-per-?cent\b|{_SP}?pc\b"),
    ("CNY", rf"(?:{_SP}+|-)(?:Chinese{_SP}+)?(?:yuan|renminbi|RMB|CNY)\b"),  # "the 100-billion-yuan mark" too
    ("USD", rf"{_SP}+(?:U\.?S\.?{_SP}+dollars?|US{_SP}+dollars?|USD|dollars?)(?![\w])"),
    ("AED", rf"{_SP}+(?:UAE{_SP}+)?(?:dirhams?|AED)\b"),  # the UAE's money, as a Gulf agency writes it
    ("KZT", rf"{_SP}+(?:Kazakh{_SP}+)?(?:tenge|KZT)\b"),  # Kazakhstan's, as Kazinform writes it
    ("EUR", rf"{_SP}+(?:euros?|EUR)\b"),
    ("JPY", rf"{_SP}+(?:Japanese{_SP}+)?(?:yen|JPY)\b"),  # a Japanese trading house's sales, as Nikkei writes them
    ("km2", rf"[\s-]+square[\s-]+(?:kilomet(?:er|re)s?|km)\b|{_SP}*(?:km2|km²|sq\.?{_SP}?km)\b"),
    ("m2", rf"[\s-]+square[\s-]+met(?:er|re)s?\b|{_SP}*(?:m2|m²|sq\.?{_SP}?m)\b"),
    ("m3", rf"[\s-]+cubic[\s-]+met(?:er|re)s?\b|{_SP}*(?:m3|m³)\b"),  # a cold store's or a reservoir's volume
    ("km", rf"[\s-]+kilomet(?:er|re)s?\b|(?:{_SP}*|-)km\b"),  # "a 300-km highway" too
    ("t", rf"(?:{_SP}+|-)(?:metric[^\S\n-]+)?(?:tonnes?|tons?)\b"),  # "a 10,000-tonne cold store" too
    ("ha", rf"(?:{_SP}+|-)hectares?\b"),
    ("mu", rf"(?:{_SP}+|-)(?-i:mu)\b"),  # the Chinese farmland measure (15 mu make a hectare), as the articles keep it
    # "one working day", "three business days" too
    (
        "time",
        rf"[^\S\n-]*[\s-]{_SP}*(?:(?:working|business|calendar){_SP}+)?(?P<time>hours?|hrs?|minutes?|mins?|days?|weeks?|months?|years?|quarters?)\b",
    ),  # noqa: E501
]
_UNIT_RE = re.compile("|".join(f"(?P<u{index}>{pattern})" for index, (_, pattern) in enumerate(_UNIT_PATTERNS)), re.I)
# "1.2 billion", and the wire's "1.2bn", "3.5 bln", "12 mln"
_SCALE_RE = re.compile(rf"(?:{_SP}+|-)(thousand|million|billion|trillion)\b|{_SP}?(mn|mln|bn|bln|trn)\b", re.I)
_BARE_M_RE = re.compile(r"m\b")
_M_MILLION_AFTER_RE = re.compile(r"[^\S\n]+(?:yuan|dollars?|euros?|[a-z]+s)\b(?!-long)")
# "Rmb1.2bn", "AED2.4 billion", "Dh53.7 billion" (the Gulf press's dirham), "KZT 48 billion" too
_CURRENCY_PREFIX_RE = re.compile(r"(US\$|\$|USD|RMB|CNY|¥|AED|KZT|€|EUR|JPY|(?<![A-Za-z])(?-i:Dhs?))[^\S\n]?$", re.I)
_CURRENCY_PREFIX_UNITS = {
    "US$": "USD", "$": "USD", "USD": "USD", "RMB": "CNY", "CNY": "CNY", "¥": "CNY", "AED": "AED",
    "DH": "AED", "DHS": "AED", "KZT": "KZT", "€": "EUR", "EUR": "EUR", "JPY": "JPY",
}  # fmt: skip
_QUALIFIER_RE = re.compile(
    r"(?:^|[^\w~])("
    + "|".join(re.escape(word) for word in sorted(_QUALIFIER_WORDS, key=len, reverse=True))
    + r")[^\S\n]*\(?[^\S\n]*$",
    re.I,
)
# "300 40-foot containers": a size joined to its measure is a modifier of the noun too
_LEAGUE_TABLE_RE = re.compile(rf"{_SP}+Fortune{_SP}+(?:Global{_SP}+|China{_SP}+)?500\b")
# "6,215 China-Europe (Central Asia) freight trains": a name may stand in brackets among the modifiers
_COUNT_NOUN_RE = re.compile(rf"(?:{_SP}+\(?(?:[A-Za-z]|\d{{1,3}}-[A-Za-z])[A-Za-z'-]*\)?){{1,6}}")
_NUMBER_TOKEN_RE = re.compile(
    r"(?P<dozen>\b(?:half[^\S\n]+a|a|one|two|three)[^\S\n]+dozen\b)"
    # "half an hour", "half a day"; "an hour and a half", "a day and a half": a duration without digits
    r"|(?P<half_unit>\bhalf[^\S\n]+an?(?=[^\S\n]+(?:hour|day|week|month|year)\b))"
    # "less than a day", "within an hour", "under a week": one unit of time, said as a bound
    r"|(?P<one_unit>\ban?(?=[^\S\n]+(?:minute|hour|day|week)\b(?![^\S\n]+and[^\S\n]+a[^\S\n]+half)))"
    r"|(?P<unit_and_half>\ban?(?=[^\S\n]+(?:hour|day|week|month|year)[^\S\n]+and[^\S\n]+a[^\S\n]+half\b))"
    r"|(?P<article>\b(?:half[^\S\n]+a|a)(?=[^\S\n]+(?:thousand|million|billion|trillion)\b))"
    r"|(?P<digits>(?=\d)(?:(?<![\w.,])|(?<=RMB)|(?<=USD)|(?<=CNY)|(?<=AED)|(?<=KZT)|(?<=JPY)|(?<=Dh)|(?<=Dhs))(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"(?!(?!(?:mn|mln|bn|bln|trn|m|pc)\b)\w)(?![.,]\d))"
    r"|(?P<words>\b(?:"
    + "|".join(_NUMBER_WORDS)
    + r")(?:(?:[ -]|(?<=hundred)[ ]and[ ]|(?<=thousand)[ ]and[ ])(?:"
    + "|".join(_NUMBER_WORDS)
    + r"))*\b(?!-in\b))",
    re.I,
)
_BOUND_BEFORE_RE = re.compile(
    r"\b(?:less[^\S\n]+than|under|within|more[^\S\n]+than|nearly|almost|about|around|up[^\S\n]+to|no[^\S\n]+more[^\S\n]+than"
    r"|just|only)[^\S\n]+$",
    re.I,
)
# what a task took: "a declaration that took a day in 2023", "clearance takes an hour"
_TOOK_BEFORE_RE = re.compile(r"\b(?:took|takes|take|taking|taken)[^\S\n]+$", re.I)
_AND_A_HALF_RE = re.compile(r"[^\S\n]+and[^\S\n]+a[^\S\n]+half\b|-and-a-half\b", re.I)
# "1,200-plus enterprises", "300-odd contracts", "a dozen or so trucks"; "60 or more firms" is at least 60, "five or
# fewer days" up to five
_PLUS_AFTER_RE = re.compile(
    r"(?:(?:-|[^\S\n]+)(plus|odd)|[^\S\n]+or[^\S\n]+(so|more|above|over|higher|less|fewer|below))\b"
    r"(?![^\S\n]*\d)(?![^\S\n]+than\b)",
    re.I,
)
_PLUS_QUALIFIERS = {
    "plus": MORE_THAN, "odd": ABOUT, "so": ABOUT, "more": AT_LEAST, "above": AT_LEAST, "over": AT_LEAST,
    "higher": AT_LEAST, "less": UP_TO, "fewer": UP_TO, "below": UP_TO,
}  # fmt: skip
_ORDINAL_RE = re.compile(
    r"(?<![\w.,])(?P<number>\d+)(?:st|nd|rd|th)\b|\b(?P<word>" + "|".join(_ORDINAL_WORDS) + r")\b", re.I
)
_RANK_BEFORE_RE = re.compile(r"\brank(?:s|ed|ing)?[^\S\n]+(?:(?:at|as|to|the|in)[^\S\n]+)*$", re.I)
# "Urumqi came second with 44.6 billion yuan", "finished third among land ports": a rank said by what it was with or
# among (not "It came first.")
_CAME_BEFORE_RE = re.compile(r"\b(?:came|comes|finished|finishes)[^\S\n]+(?:in[^\S\n]+)?$", re.I)
_CAME_RANK_AFTER_RE = re.compile(
    r"[^\S\n]+(?:with|among|nationwide|nationally|in[^\S\n]+(?:China|the[^\S\n]+country))\b"
)
# "Urumqi came second with 44.6 billion yuan, and Kashgar third with ...": a place's rank after a rank in its sentence
_NEXT_RANKED_BEFORE_RE = re.compile(r",?[^\S\n]+and[^\S\n]+[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)?[^\S\n]+$")
_OLD_RANK_BEFORE_RE = re.compile(r"\b(?:from|than|compared\s+(?:with|to))[^\S\n]+$", re.I)
_RANK_AFTER_RE = re.compile(rf"{_SP}+place\b", re.I)
# "the region's ninth-largest trading partner", "its third busiest land port": an ordinal superlative is a rank
_SUPERLATIVE_AFTER_RE = re.compile(
    r"[-\s](?:largest|biggest|busiest|highest|fastest[-\s]growing|most[-\s]important|leading)\b", re.I
)
# "climbed to 31st", "moved up five places to 26th", "slipped to 12th": the rank a move ended on
_RANK_MOVED_TO_BEFORE_RE = re.compile(
    r"\b(?:climb(?:ed|s|ing)?|rose|risen|rising|jump(?:ed|s|ing)?|advanc(?:ed|es|ing)|mov(?:ed|es|ing)[^\S\n]+up"
    r"|fell|fallen|dropp(?:ed|ing)|slipp(?:ed|ing)|slid|mov(?:ed|es|ing)[^\S\n]+down)"
    r"(?:[^\S\n]+[\w-]+[^\S\n]+(?:places|positions|spots|notches))?[^\S\n]+to[^\S\n]+$"
    # "placing it 22nd among comprehensive bonded zones", "putting the zone fifth"
    r"|\b(?:plac(?:ed|es|ing)|put(?:s|ting)?|leav(?:es|ing)|left)[^\S\n]+(?:it|them|the[^\S\n]+[a-z]+)[^\S\n]+$",
    re.I,
)
_RANK_MOVE_BEFORE_RE = re.compile(
    r"\b(?:up|down|rose|risen|rising|climbed|climbing|jumped|moved\s+up|fell|fallen|dropped|slipped)"
    r"(?:[^\S\n]+by)?[^\S\n]+$",
    re.I,
)
# A threshold passed or neared: its figure is a bound, as "topped 100 billion yuan" is
_MARK_PASSED_BEFORE_RE = re.compile(
    r"\b(topped|tops|top|surpass(?:ed|es|ing)?|exceed(?:ed|s|ing)?|pass(?:ed|es|ing)?|cross(?:ed|es|ing)?|broke|broken"
    r"|break(?:s|ing)?|near(?:ed|s|ing)?|approach(?:ed|es|ing)?)[^\S\n]+the[^\S\n]+$",
    re.I,
)
_MARK_AFTER_RE = re.compile(r"[^\S\n-]*[-\s](?:mark|threshold|milestone|barrier)\b", re.I)
_NUMBERED_BEFORE_RE = re.compile(rf"\bNo\.?{_SP}?$")

# Spans that hold digits but state no measurement: dates, times, phone numbers, markup.
_NOT_MEASUREMENT_RES = [
    re.compile(r"\d{4}-\d{1,2}-\d{1,2}"),
    re.compile(
        rf"\b(?:{_MONTH_NAMES}|(?:{_MONTH_ABBREVIATIONS}|Sept)\.?)[^\S\n]+\d{{1,2}}(?:st|nd|rd|th)?\b(?:[-–]\d{{1,2}}\b)?"
        rf"(?:,?[^\S\n]+\d{{4}})?"
    ),  # "February 15-23" too: days of a month
    re.compile(
        rf"\b(?:\d{{1,2}}[-–])?\d{{1,2}}(?:st|nd|rd|th)?[^\S\n]+(?:of[^\S\n]+)?(?:{_MONTH_NAMES})\b(?:,?[^\S\n]+\d{{4}})?"
    ),
    re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?::\d{2})?[^\S\n]*(?:[ap]\.m\.|[ap]m\b)", re.I),  # "9 a.m."
    re.compile(r"(?<![\w,.])(?:\+\d{1,3}[ -]?)?(?:\(\d{2,4}\)[ -]?|\d{2,4}[ -])\d{3,4}[ -]?\d{4}(?!\w|,\d)"),
    re.compile(r"(?<![\w,.])(?:\+?86[ -]?)?1[3-9]\d{9}(?![\w,.])"),
    # a number with its area code ("0991-12345": no quantity is written with a leading zero and a hyphen), and an
    # aircraft's model ("Boeing 777 freighters", "an Airbus 330", "Boeing 747-8F"): names, not figures
    re.compile(r"(?<![\w,.])\(?0\d{2,3}\)?-\d{4,8}(?!\w|[,.]\d)"),  # "call 0991-3661234, the committee said"
    re.compile(
        r"\b(?:Boeing|Airbus|Embraer|Bombardier|COMAC|Comac|Ilyushin|Antonov|Tupolev)[^\S\n]+[A-Z]{0,3}\d{2,4}"
        r"(?:-\d{1,4}[A-Z]{0,3})?[A-Z]{0,3}\b"
    ),
    re.compile(r"<[^<>\n]{0,500}>|&#?\w{1,10};"),
    # "the 14th Five-Year Plan", "a three-year action plan": a plan's name or kind, no duration measured
    re.compile(r"\b[A-Za-z\d]+[-\s]year(?:[-\s][a-z]+)?[-\s](?:plan|programme|program|strategy|agenda)\b", re.I),
    # a person's age ("a 52-year-old trader", "Gulnar, 29, a supervisor"), how long a person has done something
    # ("who has worked the route for 15 years") and history in decades: no measurement of a place
    re.compile(r"\b[A-Z][a-z]+,[^\S\n]+\d{1,2},(?=[^\S\n])"),
    # "workers aged 18 to 35", "Chen, who is 47,", "her son, 12,": ages too
    re.compile(
        r"\baged[^\S\n]+(?:between[^\S\n]+)?\d{1,3}(?:[^\S\n]*(?:-|–|to|and)[^\S\n]*\d{1,3})?\b"
        r"|\b(?:who|he|she)[^\S\n]+(?:is|was|turned|turns)[^\S\n]+\d{1,3}(?=[^\S\n]*[,.;)—–])"
        r"|\b(?:son|daughter|wife|husband|father|mother|brother|sister|grandson|granddaughter|grandfather|grandmother"
        r"|owner|founder|trader|farmer|driver)[^\S\n]*,[^\S\n]+\d{1,2},(?=[^\S\n])"
    ),
    # a service said to run round the clock ("a 24-hour customs service", "24 hours a day, seven days a week", "24/7")
    # and a band of a ranking ("among the top 10", "one of the top three ports"; not "to top 540 billion yuan"): no
    # amount measured
    re.compile(
        r"\b24[-\s]hours?[^\S\n]+a[^\S\n]+day\b|\b24-hour[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:services?|operations?|hotlines?"
        r"|duty|shifts?|access|opening|clearance[^\S\n]+services?)\b|\b24/7\b|\b(?:seven|7)[^\S\n]+days[^\S\n]+a[^\S\n]+week\b"
        r"|\b[Tt]he[^\S\n]+top[-\s](?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|hundred)\b"
    ),
    # a time of day ("by half past eight", "a quarter past nine", "six o'clock", "at 7 in the morning"): no amount
    # measured; and a band
    # of a ranking said by a superlative ("one of our three busiest routes", "the two largest ports")
    re.compile(
        r"\b(?:half|(?:a[^\S\n]+)?quarter)[^\S\n]+past[^\S\n]+(?:one|two|three|four|five|six|seven|eight|nine|ten"
        r"|eleven|twelve|noon|midnight|\d{1,2})\b|\b(?:\d{1,2}|[a-z]+)[^\S\n]+o['’]clock\b"
        r"|\b(?:at|by|until|till|before|after|from|around)[^\S\n]+(?:\d{1,2}(?:[.:]\d{2})?|one|two|three|four|five|six"
        r"|seven|eight|nine|ten|eleven|twelve)[^\S\n]+(?:in[^\S\n]+the[^\S\n]+(?:morning|afternoon|evening)"
        r"|at[^\S\n]+night)\b"
        r"|\b(?:the|our|its|their|his|her|your|my)[^\S\n]+(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})"
        r"[^\S\n]+(?:most[^\S\n]+[a-z]+|(?!(?:interest|harvest|forest|request|west|test|guest|contest|protest|rest"
        r"|invest|digest|manifest|quest|conquest|nest|chest|crest)\b)[a-z]{2,}est)\b",
        re.I,
    ),
    # "his 50-seat coach": a vehicle's size names its kind
    re.compile(r"\b\d{1,3}-seat(?:er)?\b"),
    # "Maybe one day I drive less": some day, no duration
    re.compile(r"\b[Oo]ne[^\S\n]+day(?=,?[^\S\n]+(?:I|we|he|she|they|you)\b)"),
    # a container's or a vessel's size class names its kind: "a 40-foot container", "20-ft boxes"
    re.compile(r"\b\d{1,3}-(?:foot|ft)\b"),
    # a disease's, a standard's or an era's name: "COVID-19", "ISO 9001", "Industry 4.0"; a league table's
    # ("15 Fortune Global 500 companies": 15 is the count, 500 the list's name)
    re.compile(
        r"\b(?:COVID|Covid|covid)-?19\b|\bISO[^\S\n]?\d{3,5}\b|\b(?:Industry|Web)[^\S\n]+\d\.\d\b"
        r"|\bFortune[^\S\n]+(?:Global[^\S\n]+|China[^\S\n]+)?500\b"
    ),
    re.compile(
        r"\b(?:has|have|had)[^\S\n]+(?:been[^\S\n]+)?(?:worked|lived|served|traded|run|driven|operated|farmed|sold"
        r"|taught|been)\b[^.;\n\d]{0,60}?\bfor[^\S\n]+(?:(?:more[^\S\n]+than|over|nearly|about|almost)[^\S\n]+)?"
        r"(?:\d{1,2}|[a-z]+)[^\S\n]+(?:years|decades)\b",
        re.I,
    ),
    # an address or a name with a number: "Room 306", "Building 2", "Terminal 3", "the E-40 highway"
    re.compile(
        r"\b(?:Room|Building|Floor|Block|Gate|Suite|Platform|Terminal|Berth|Pier|Exit|Highway|Route|Window|Counter"
        r"|Hall|Lane|Line|Phase|Stage|Version|Batch|Article|Clause|Chapter|Section|Tower|Track|Runway|Booth|Stand"
        r"|Dock|Page)[^\S\n]+\d+(?:\.\d+)*[A-Za-z]?\b"
        r"|\b[A-Z]{1,2}-\d{1,4}\b"
    ),
    re.compile(r"(?<![\d,.])(?:19|20)\d\d[-–](?:19|20)?\d\d\b(?![\d,.])"),  # "the 2024-25 period": years
    # a flight's or a train's number, with its carrier's code or not: "Flight G9 528", "flight CZ6901", "train X9 12"
    re.compile(
        r"\b(?:[Ff]light|[Tt]rain)[^\S\n]+(?:(?:[Nn]o\.|[Nn]umber)[^\S\n]*(?:[A-Z\d]{2}[^\S\n]?)?"
        r"|(?:[A-Z][A-Z\d]|\d[A-Z])[^\S\n]?)\d{1,5}\b"
    ),
    # an exchange rate, said to convert the article's sums, not reported by it: "($1 = 7.1720 yuan)", "1 USD = 7.2 CNY"
    re.compile(
        r"(?:US\$|\$|€|£|¥)?(?<![\d.,])1(?:[^\S\n]+[A-Za-z]{3,7})?[^\S\n]*=[^\S\n]*(?:US\$|\$|€|£|¥|[A-Z]{3}[^\S\n]?)?"
        r"\d+(?:\.\d+)?(?:[^\S\n]+[A-Za-z]{3,7}\b)?"
    ),
    # a quoted name of a model or a scheme: 'a "one declaration, two inspections" model', 'the "1+N" mechanism'
    re.compile(
        r"[\"“][^\"”\n]{1,50}[\"”](?=[^\S\n]+(?:model|mechanism|approach|system|scheme|reform|mode|pattern|package"
        r"|initiative|strategy|programme|program|plan|policy|formula)\b)"
    ),
    # "1. Trade." opening a line, or after a sentence or a colon ("Notes: 1. Figures are ... 2. Growth ..."): a list
    # item's number, before a quoted name too ('2. "Green lanes" at the ports ...')
    re.compile(r"(?:^|(?<=[.:;]))[^\S\n]*\d{1,2}[.)](?=[^\S\n]+[\"“'‘(]?[A-Z])", re.M),
]
# The same, for phrases that need a word found first (texts are megabytes): (the word, the phrase around it, how far
# the phrase may reach before and after the word)
_HINTED_NOT_MEASUREMENT_RES = [
    # a hotline's or telephone's number: "Hotline: 12345", "dial 12345", "the 12345 government hotline"
    (
        re.compile(r"\b(?:hotlines?|tel|telephone|phone|fax|dial(?:ling)?|call(?:ing)?)\b", re.I),
        re.compile(
            r"\b(?:(?:hotlines?|tel|telephone|phone|fax)(?:[^\S\n]+(?:number|no\.?))?[^\S\n]*(?::|on|at)?"
            r"|(?:dial(?:ling)?|call(?:ing)?)(?:[^\S\n]+the(?:[^\S\n]+[a-z-]+){0,2}?[^\S\n]+hotline[^\S\n]+(?:on|at))?)"
            r"[^\S\n]*\+?\(?\d{3,}\)?(?:[ -]\d{2,})*(?!\w|[,.]\d)"
            r"|(?<![\w,.])\d{3,6}[^\S\n]+(?:[a-z-]+[^\S\n]+){0,2}hotlines?\b",
            re.I,
        ),
        40,
        30,
    ),
    # how long a visit, a fair or a forum lasts names the event, as "the nine-day holiday" does: "during a
    # three-day visit", "the two-day forum", "a four-day trade fair"
    (
        re.compile(
            r"\b(?:visit|forum|fair|expo|exhibition|conference|summit|meeting|festival|holiday|workshop|seminar|show"
            r"|campaign|celebration|talks|tour|gala|mission|roadshow|event|session|course|ceremony)s?\b",
            re.I,
        ),
        re.compile(
            r"\b(?:\d{1,3}|[a-z]+(?:-[a-z]+)?)-(?:day|hour|week|month)(?:-long)?[^\S\n]+"
            r"(?:(?!(?:at|in|on|of|for|to|with|by|during|after|before|and|or|than|from|is|was|are|were)\b)[A-Za-z-]+[^\S\n]+)"
            r"{0,4}?"
            r"(?:visit|forum|fair|expo|exhibition|conference|summit|meeting|festival|holiday|workshop|seminar|show"
            r"|campaign|celebration|talks|tour|gala|mission|roadshow|event|session|course|ceremony)s?\b",
            re.I,
        ),
        70,
        0,
    ),
    # "Of the seven-month total", "over the nine-month period": the time a figure covers, no duration measured
    (
        re.compile(r"\b(?:total|period|figure|tally)\b", re.I),
        re.compile(
            r"\b(?:\d{1,2}|[a-z]+(?:-[a-z]+)?)-(?:day|week|month|year)[^\S\n]+(?:total|period|figure|tally)\b", re.I
        ),
        40,
        0,
    ),
    (
        re.compile(r"years?[-\s]old\b", re.I),
        re.compile(r"\b(?:\d{1,3}|[A-Za-z]+(?:-[A-Za-z]+)?)[-\s]years?[-\s]old\b", re.I),
        40,
        0,
    ),
    (
        re.compile(r"decades?\b", re.I),
        re.compile(r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|several|few)[-\s]decades?\b", re.I),
        40,
        0,
    ),
]
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNPARSED_RE = re.compile(
    rf"\d[\d.,]*[^\S\n]*[{_CJK}]+|[〇零一二两三四五六七八九十百千万亿]*[百千万亿][〇零一二两三四五六七八九十百千万亿]*[元吨人家个]?"
)
_YEAR_CONTEXT_RE = re.compile(
    rf"\b(?:in|since|from|to|by|of|until|till|before|after|during|year|and|between|{_MONTH_NAMES}),?\s*$"
    # "the program's 2024 graduates", "its 2025 intake": a year naming a cohort after a possessive
    r"|(?:['’]s|\b(?:its|their|our|his|her))[^\S\n]+$",
    re.I,
)
_PERIOD_WORD_BEFORE_RE = re.compile(
    r"\b(?:first|past|last|next|previous|recent|initial|latter|same"
    r"|(?:in|during|over|for|within|across)[^\S\n]+the)[^\S\n]+$",  # "in the nine months": the period named
    re.I,
)
# after a change ("grew 30 percent in three years"), not "to be completed in six years" (a duration the seeds label)
_CHANGE_TOOK_BEFORE_RE = re.compile(
    r"(?:%|\bper[^\S\n]?cent|\bpercent|\bpoints?|\bpp|fold|\bdoubl[a-z]*|\btripl[a-z]*|\bhalv[a-z]*|\btimes)"
    r"(?![a-z])[^.;\d\n]{0,25}?\b(?:in|within|over)[^\S\n]+"
    r"(?:(?:under|less[^\S\n]+than|just|about|around|roughly|over|more[^\S\n]+than|nearly|almost|only)[^\S\n]+)?$",
    re.I,
)
_SPAN_OVER_BEFORE_RE = re.compile(r"\b([a-z]+)[^\S\n]+over[^\S\n]+$", re.I)
# "attract another 100 enterprises within three years", "open 12 routes within two years": the time a count is
# planned in, as "over five years" is; "clearance within three months" is a figure
_COUNT_WITHIN_BEFORE_RE = re.compile(
    rf"(?:\d|\b(?:{'|'.join(_NUMBER_WORDS)}|dozen))(?:{_SP}+[\w-]+){{0,4}}?{_SP}+[a-z-]+s{_SP}+within{_SP}+"
    rf"(?:the{_SP}+next{_SP}+)?$",
    re.I,
)
_NOT_SPANNING_WORDS = {
    "for", "of", "than", "lasting", "lasted", "lasts", "spanning", "aged", "is", "was", "are", "were", "be", "been",
    "took", "takes", "take", "taking",
}  # fmt: skip
_AFTER_AGO_RE = re.compile(
    rf"{_SP}+(?:after|ago|later|earlier|early|ahead|since|on(?={_SP}*(?:,|from\b))|(?:to|through|ending|ended){_SP}+(?:the{_SP}+end{_SP}+of{_SP}+)?(?:{_MONTH_NAMES})\b"
    rf"|(?:still{_SP}+)?(?:to{_SP}+go(?={_SP}*[,.;:)!?])|remaining\b))",
    re.I,
)  # "in the two years since its launch", "Three years on, the zone ...", "two months ahead of schedule"; "with two
# months still to go" counts down to a date
# "a few hundred", "several thousand", "some few dozen": a rough size, stated as no figure
_VAGUE_BEFORE_RE = re.compile(r"\b(?:a[^\S\n]+few|several|few)[^\S\n]+$", re.I)
# "six or seven days", "a 12-to-15-day trip" too
_RANGE_JOIN_RE = re.compile(rf"{_SP}*(?:-to-|to|-|–|—|and|or){_SP}*", re.I)
# "wages ranged from 3,800 to 4,500 yuan", "varying from 2 to 5 days": after these, "from ... to" is a range
# "down from two to three hours": after "up from" or "down from" the new value is said already, so "to" joins a range
_RANGE_VERB_BEFORE_RE = re.compile(
    r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|up|down)[^\S\n]+from[^\S\n]+$", re.I
)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween[^\S\n]+$", re.I)
_FROM_BEFORE_RE = re.compile(r"\bfrom[^\S\n]+(?:\S+[^\S\n]+){0,1}$", re.I)
_TO_BEFORE_RE = re.compile(r"\bto[^\S\n]+$", re.I)
_AND_BEFORE_RE = re.compile(r"\band[^\S\n]+$", re.I)
# "25 cases have been developed, including five that have been promoted": a part of the count before
_INCLUDING_BEFORE_RE = re.compile(r"\b(?:including|among\s+them|of\s+which)[^\S\n]+$", re.I)
_RELATIVE_AFTER_RE = re.compile(r"[^\S\n]+(?:that|which|who)\b", re.I)
_VERB_AFTER_RE = re.compile(  # "and one adopted", "and three were adopted"
    r"[^\S\n]+(?:(?:were|was|are|is|(?:have|has|had)[^\S\n]+been)[^\S\n]+)?[a-z]+ed\b"
)
# "the number of its member firms": a possessive before the noun is not what is counted
_NUMBER_OF_RE = re.compile(
    r"\bnumber of (?:(?:its|their|our|his|her|this|these|those)\s+)?((?:[a-z][a-z-]*\s+){0,3}?[a-z][a-z-]*s)\b", re.I
)
# an optional rough bound before a figure: "about 1,400", "more than 60", "just 11", "upwards of 12,000"
_ROUGHLY = (
    r"(?:(?:about|around|roughly|some|nearly|almost|over|more[^\S\n]+than|just|only|close[^\S\n]+to|upwards[^\S\n]+of"
    r"|approximately)[^\S\n]+)?"
)
# "partners numbers 118", "registered businesses stand at 11,250": the noun before the verb is what is counted
# "registered enterprises have exceeded 3,000", "new firms in the zone rose to 1,200", "the zone's enterprises, with
# more than 13,400" too
_NOUN_NUMBERS_RE = re.compile(
    r"\b(?!(?:its|his|this|has|was|is|as|us|does|thus|plus)\b)([a-z][a-z-]*s)"
    r"(?:[^\S\n]+(?:in|at|of|on|from|to|through|via)[^\S\n]+(?:the[^\S\n]+)?(?:[a-z-]+[^\S\n]+)?[a-z-]+)?"
    # "firms registered in the zone numbered 1,340", "companies operating in the park totalled 420"
    r"(?:[^\S\n]+[a-z]+(?:ed|ing)(?:[^\S\n]+[a-z-]+){0,3}?)?"
    # "Foreign-funded firms, which numbered 290 at the launch"; "Foreign-invested enterprises there have passed 700"
    r"(?:,[^\S\n]+(?:which|that))?(?:[^\S\n]+(?:there|here))?[^\S\n]+(?:now[^\S\n]+)?"
    r"(?:number(?:s|ed)?|stands?[^\S\n]+at|stood[^\S\n]+at|total(?:l?ed|s)?|reached"
    r"|(?:(?:has|have)[^\S\n]+)?(?:exceeded|topped|surpassed|passed)"
    # "with registered enterprises topping 70,000"
    r"|topping|exceeding|surpassing|passing|reaching|numbering|totalling|totaling"
    # "expects visits to top 8 million", "wants exports to exceed 50,000": what a plan counts
    r"|(?:to|will|would|could|should)[^\S\n]+(?:top|exceed|surpass|pass|reach|hit)"
    # "trucks crossing averaged between 1,300 and 1,500 a day": a range of the count
    r"|(?:averag|rang)(?:ed|es)[^\S\n]+between"
    r"|(?:(?:has|have|had)[^\S\n]+)?(?:rose|risen|grew|grown|increased|climbed|jumped|fell|fallen|dropped|declined)"
    r"(?:[^\S\n]+(?:by[^\S\n]+)?\d[\d.]*[^\S\n]*(?:%|percent|per[^\S\n]?cent|pct))?"
    # "have risen 68 per cent since the launch to about 9,800"
    # "registered in the zone had grown from 29 at the end of 2024 to 74 today": from the old count too
    r"(?:[^\S\n]+since[^\S\n]+(?:the[^\S\n]+)?[a-z]+(?:[^\S\n]+[a-z0-9]+)?)?[^\S\n]+(?:to|from))[^\S\n]+"
    + _ROUGHLY  # "Registered enterprises now number about 23,100"
    + "$"
    r"|\b([a-z][a-z-]*s),[^\S\n]+with[^\S\n]+(?:(?:more[^\S\n]+than|over|nearly|almost|about|around|some)[^\S\n]+)?$",
    re.I,
)
# "New enterprises in the zone more than doubled year-on-year to 5,630": what doubled to a bare number is what it counts
_NOUN_MULTIPLIED_TO_RE = re.compile(
    r"\b([a-z][a-z-]*s)(?:[^\S\n]+(?:in|at|of)[^\S\n]+the[^\S\n]+[a-z]+)?[^\S\n]+(?:(?:more[^\S\n]+than|nearly|almost)[^\S\n]+)?"
    r"(?:doubled|tripled|quadrupled|halved)(?:,?[^\S\n]+year(?:-|[^\S\n])on(?:-|[^\S\n])year,?)?[^\S\n]+to[^\S\n]+$",
    re.I,
)
# "Nine of the newcomers": a part of what the sentence before counted, named again by a word for it
_OF_NEWCOMERS_RE = re.compile(rf"{_SP}+of{_SP}+the{_SP}+(?:newcomers|new{_SP}+arrivals|new{_SP}+ones)\b", re.I)
# "186 of the 197 measures", "12 of its 64 cases", "205 out of 207": a part of a whole counted after it
_PART_OF_RE = re.compile(rf"{_SP}+(?:out{_SP}+)?of{_SP}+(?:(?:the|its|their|all){_SP}+)?")
_OF_WHICH_RE = re.compile(rf"{_SP}+of{_SP}+(?:which|them|these|those)\b", re.I)
_OF_THEM_RE = re.compile(rf"{_SP}+of{_SP}+(?:them|these|those)\b", re.I)
# Implicit multipliers: "doubled" is an increase of 100 percent, "tripled" of 200.
_FOLD_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_MULTIPLIER_RE = re.compile(
    # the verb with its object ("double it to 20 billion yuan", "triple its capacity") or a multiple after a
    # bound ("more than double last year's number")
    r"\b(?:(?P<double>doubled|doubling|doubles|double(?=[^\S\n]+(?:the|that|its|their|it|them|this|these|those"
    r"|our|his|her|my|your|from|since|in|last|what)\b)"
    r"|(?:(?<=than )|(?<=nearly )|(?<=almost )|(?<=roughly )|(?<=about ))double\b"
    # the verb after "to" or a modal: "aims to double trade by 2027", "expects investment to double", "will double"
    r"|(?:(?<=\bto )|(?<=\bwill )|(?<=\bwould )|(?<=\bcould )|(?<=\bshould )|(?<=\bcan )|(?<=\bmay ))double\b(?!-))"
    r"|(?P<triple>tripled|tripling|triples|triple(?=[^\S\n]+(?:the|that|its|their|it|them|this|these|those"
    r"|our|his|her|my|your|from|since|in|last|what)\b)"
    r"|(?:(?<=than )|(?<=nearly )|(?<=almost )|(?<=roughly )|(?<=about ))triple\b)"
    r"|(?P<quadruple>quadrupled|quadrupling|quadruples)"
    r"|(?P<halve>halved|halving|halves|halve)"  # "aims to halve approval times" too
    # "twice as large as", "nearly twice the level", "nearly twice last year's amount"
    r"|(?P<twice>twice(?=[^\S\n]+(?:as|the|that|its|their|what|last)\b))"
    r"|(?<![\d.])(?P<fold>\d+(?:\.\d+)?|" + "|".join(_FOLD_WORDS) + r")[-\s]?fold"
    # "rose by a factor of three": the same multiple
    r"|(?:a[^\S\n]+)?factor[^\S\n]+of[^\S\n]+(?P<factor>\d+(?:\.\d+)?|" + "|".join(_FOLD_WORDS) + r"))\b",
    re.I,
)
# "Of the three areas, the Urumqi area ...": a sentence that opens on a small set it then picks from; not "Of the
# five projects, three have started" (a part follows: both are counted)
_SET_OPENING_RE = re.compile(r"\s*(?:Of|Among)[^\S\n]+the[^\S\n]+")
_THE_BEFORE_RE = re.compile(r"\bthe[^\S\n]+$", re.I)
# "double the two weekly flights it operated a year ago", "up from the two ...": an old count, compared
_OLD_PAIR_BEFORE_RE = re.compile(
    r"\b(?:double|triple|twice|times|from|than|with|against)[^\S\n]+the[^\S\n]+$", re.I
)
_PASSENGER_FLOW_BEFORE_RE = re.compile(
    r"\bpassenger[^\S\n]+(?:throughput|traffic|volume|flow)[^\S\n]+"
    r"(?:(?:at|in|of|through)[^\S\n]+(?:the[^\S\n]+)?[\w'-]+[^\S\n]+)?(?:[a-z]+[^\S\n]+){1,3}$",
    re.I,
)
# a size restated in imperial units in brackets: "16.58 sq km (about 6.4 square miles)", "(2,000 acres)"
_IMPERIAL_UNITS = {"miles", "feet", "acres", "yards", "pounds", "gallons"}
_CONVERSION_BRACKET_BEFORE_RE = re.compile(r"\([^\S\n]*$")
_PART_AFTER_OPENING_RE = re.compile(r"\s*(?:Of|Among)[^\S\n]+the[^\S\n]+[^,.;\n]{1,60},[^\S\n]+")
_PART_VERB_AFTER_RE = re.compile(r"[^\S\n]+(?:have|has|had|are|is|were|was|will|[a-z]+ed)\b")
_NO_PART_AFTER_RE = re.compile(
    r",[^\S\n]+(?!(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a[^\S\n]+dozen)\b)", re.I
)
_TO_PERCENT_AFTER_RE = re.compile(
    r"[^\S\n]+(?:(?:from|to)[^\S\n]+(?:about|around|nearly|almost|over|more[^\S\n]+than[^\S\n]+)?"
    r"\d+(?:\.\d+)?[^\S\n]*(?:%|percent|per[^\S\n]?cent)|of[^\S\n]+(?:the[^\S\n]+)?(?:share|market))",
    re.I,
)
_POINTS_ARE_PP_RE = re.compile(r"percent|per\s+cent|%|\bshare\b|\bproportion\b|\brate\b|\bratio\b", re.I)
# "one in five enterprises", "1 in 4 trucks": a share; the denominator counts nothing of its own
_ONE_IN_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten"
_ONE_IN_RE = re.compile(
    # not the end of a compound number: "Twenty-eight out of 35 measures" counts a part of a whole
    # "one yuan in every eight": what is shared out may stand between the part and the whole
    rf"(?<![\w-])(?:(?P<n>{_ONE_IN_WORDS}|\d)(?:[^\S\n]+(?:yuan|dollar|dirham|tonne|truck|firm|company))?[^\S\n]+in"
    rf"(?:[^\S\n]+every)?|(?P<n_words>{_ONE_IN_WORDS})[^\S\n]+out[^\S\n]+of(?:[^\S\n]+every)?)"
    rf"[^\S\n]+(?P<m>{_ONE_IN_WORDS}|\d{{1,2}})\b"
    # "one in five firms", "four in ten are in yuan", "two in three say": a share of what follows or of the subject;
    # "four out of five firms" too, in words ("205 out of 207 measures" counts a part of a whole); "one in five new
    # companies", "one in four foreign-funded firms": the things counted may carry a word or two describing them
    # "one in five now sells abroad", "one in five yuan of the total"
    r"(?=[^\S\n]+(?:now[^\S\n]+)?(?:of\b|(?:yuan|renminbi|dirhams?|dollars?)\b"
    r"|(?:(?:new|foreign|foreign-funded|local|small|private|registered|[a-z]+-[a-z]+)[^\S\n]+){0,2}"
    r"[a-z][a-z-]*s\b|people\b|staff\b|are\b|were\b|is\b|was\b|say\b|said\b|have\b|had\b"
    r"|bound\b|headed\b|went\b|[a-z]+ed\b)"  # "with nearly one in three bound for Kazakhstan"
    r"|[^\S\n]*[.;](?:\s|$)"  # "87 of the 98 measures are in place, nearly nine in ten."
    r"|[^\S\n]+(?:in|by)[^\S\n]+(?:19|20)\d\d\b)",  # "to one in 20 in 2026"
    re.I,
)
_ONE_IN_DENOMINATOR_RE = re.compile(
    rf"(?<![\w-])(?:(?:{_ONE_IN_WORDS}|\d)(?:[^\S\n]+(?:yuan|dollar|dirham|tonne|truck|firm|company))?[^\S\n]+in"
    rf"|(?:{_ONE_IN_WORDS})[^\S\n]+out[^\S\n]+of)(?:[^\S\n]+every)?[^\S\n]+$",
    re.I,
)
# "grew 10 times", "1.3 times that of a year earlier", "three times the volume": the new value as a multiple of
# the old, an increase of (N - 1) x 100 percent as "a fivefold increase" is; "three times a week" is a frequency
_TIMES_RE = re.compile(r"(?<![\d.,\w])(?P<n>\d+(?:\.\d+)?|" + "|".join(_FOLD_WORDS) + r")[^\S\n]+times\b", re.I)
_TIMES_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:grew|grown|rose|risen|increased|expanded|jumped|surged|soared|climbed|multiplied)(?:[^\S\n]+by)?[^\S\n]+"
    r"(?:(?:more[^\S\n]+than|nearly|almost|about|around|roughly|over|some)[^\S\n]+)?$",
    re.I,
)
# "2.2 times the 15,100 recorded at launch", "three times its size", "1.5 times last year's": a thing's multiple,
# where "three times a week" counts occasions
_TIMES_COMPARED_AFTER_RE = re.compile(
    r"[^\S\n]+(?:that|those|the|its|their|his|her|our|last|what|as[^\S\n]+(?:much|many|high|large)"
    r"|higher|larger|more|greater|bigger)\b",
    re.I,
)


def _times_multiplier(text: str, match: re.Match) -> bool:
    """Whether 'N times' compares a value with an old one, rather than counting occasions."""
    return bool(
        _TIMES_COMPARED_AFTER_RE.match(text, match.end())
        or _TIMES_CHANGE_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
    )


# Where a multiplier can start: found first, so the long pattern runs only there (texts are megabytes).
_MULTIPLIER_HINT_RE = re.compile(r"doubl|tripl|quadrupl|halv|fold\b|twice|factor\b", re.I)
# "2.5-fold", "five-fold": the count belongs to the multiplier, read as a whole
_FACTOR_OF_BEFORE_RE = re.compile(r"\bfactor[^\S\n]+of[^\S\n]+$", re.I)
_FOLD_AFTER_RE = re.compile(r"[-\s]?fold\b", re.I)
_RUN_OF_PERIODS_RE = re.compile(
    rf"{_SP}+(?:consecutive|straight|successive|running){_SP}+(?:years|months|quarters|weeks|days)\b", re.I
)
# Fractions: "one-third of that trade" is a share of 33.3 percent, "two-thirds" 66.7.
_FRACTION_RE = re.compile(
    r"\b(?:(?P<count>one|two|three|four|five|seven|a)[-\s](?P<part>thirds?|quarters?|fifths?|sixths?|eighths?|tenths?)\b"
    # "half an hour" is a duration, read as one; "half a trillion yuan" an amount; "the other half of the job" none
    r"|(?<!\bother\s)(?P<half>half)\b"
    r"(?![^\S\n]+an?[^\S\n]+(?:hour|day|week|month|year|thousand|million|billion|trillion|dozen)\b))",
    re.I,
)
# A fraction states a figure when a share or change follows ("one-third of", "one-fifth more") or
# when it is the size of a change ("grew by one-quarter", "cut by half").
_FRACTION_USE_AFTER_RE = re.compile(r"[^\S\n]+(?:more|less|higher|lower|of|[a-z]+er\b)", re.I)
_FRACTION_USE_BEFORE_RE = re.compile(
    r"\b(?:by|account(?:s|ed|ing)?[^\S\n]+for|ma(?:de|ke|kes|king)[^\S\n]+up"
    r"|(?:share|proportion)\b[^,.;:!?\n]{0,40}?[^\S\n](?:to|at)"
    # "about half of shipments now, compared with a quarter in 2023": the old share a share is set against
    # "Our target is half by 2027": a share aimed at
    r"|compared[^\S\n]+(?:with|to)|(?:up|down)[^\S\n]+from|(?:target|goal|aim)[^\S\n]+is)[^\S\n]+"
    r"(?:(?:about|around|roughly|nearly|almost|some|over|more[^\S\n]+than|less[^\S\n]+than|just)[^\S\n]+)?$",
    re.I,
)  # "grew by one-quarter", "accounting for roughly a third", "made up a quarter", "lift the share to a quarter"
_HALF_YEAR_BEFORE_RE = re.compile(r"\b(?:first|second|latter|past|last|next|previous|same)[-\s]+$", re.I)
_FRACTION_PARTS = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10}
_BOUND_QUALIFIERS = {"more_than", "less_than", "at_least", "up_to", "nearly"}
_CONVERSION_OPEN_RE = re.compile(rf"{_SP}*\({_SP}*")
# A change said to go down is negative: "imports fell 3.2 percent", "was down 12 per cent", "a decline of 4.3
# per cent", "dropped by about 15 percent". "down from 12 percent" is an old value, "fell to 5 percent" a level.
_FALL_BEFORE_RE = re.compile(
    rf"\b(?:fell|falls?|falling|fallen|dipped|eased|sank|tumbled|plunged|dropped|drops?|dropping|declined|declines?|declining|decreased|decreases?|decreasing"
    rf"|slipped|slid|shrank|shrunk|down|contracted|negative{_SP}+growth{_SP}+of"
    rf"|slump(?:ed|s|ing)?|plummet(?:ed|s|ing)?|retreated|lost|shed|sagged|dived|dove|weakened"
    rf"|(?:a|an){_SP}+(?:\w+{_SP}+)?(?:decline|decrease|drop|fall|contraction|reduction|cut){_SP}+of)"
    rf"(?:{_SP}+by)?(?:{_SP}+(?:a{_SP}+further|another))?{_SP}+$",  # "fell by a further 3 percent"
    re.I,
)
# A cut said of what was cut, before or after it: "clearance time was cut by 42 percent", "has been reduced by a
# third", "cut approval times by 30 percent" are falls as "fell 42 percent" is
_CUT_BEFORE_RE = re.compile(
    rf"\b(?:cut|reduced|lowered|slashed|shortened|trimmed)(?:{_SP}+(?!by\b)[\w'-]+){{0,6}}?{_SP}+by"
    rf"(?:{_SP}+(?:a{_SP}+further|another))?{_SP}+(?:(?:about|around|roughly|some|nearly|almost|over|more{_SP}+than)"
    rf"{_SP}+)?$",
    re.I,
)
# What costs lose is the size of a cost reduction, counted up as the seed claims count it ("reducing manpower and
# material costs by 60 percent", "logistics costs per tonne fell by about 18 percent"): no negative change; the costs
# may be named with a long phrase of what they are for ("costs for goods moving between two ports via ... have fallen")
_COSTS_BEFORE_RE = re.compile(r"\bcosts?\b[^,.;:!?\n]{0,110}$", re.I)
# "posted a 3.2 percent decline", "a 5 percent year-on-year drop", "a 4 percent slide", "4 percent lower than in 2024"
_FALL_AFTER_RE = re.compile(
    rf"(?:{_SP}+year(?:-|{_SP})on(?:-|{_SP})year)?{_SP}+(?:decline|decrease|drop|fall|contraction|reduction|cut|slide|dip|slump"
    rf"|plunge|downturn|lower|less|smaller|fewer|down)\b",
    re.I,
)


# --------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Mention:
    """One number in the text that states a measurement."""

    start: int  # the number with its unit and qualifier words, as offsets into the text
    end: int
    value: Decimal
    unit: str
    qualifier: str = EXACT
    value_max: Decimal | None = None
    number_start: int = 0  # the digits or number words alone
    number_end: int = 0

    @property
    def surface_key(self) -> tuple:
        return (self.value, self.value_max, self.unit, self.qualifier)


@dataclass(frozen=True)
class Unparsed:
    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None
    label: str
    position: int = 0  # where the phrase stands in the text, to pick the one nearest a number
    dates_event: bool = False  # "the establishment of ... in August 2024": when something began, not a figure's period
    kind: str = ""  # which phrase: "by", "same" (the period named before), ...
    is_base: bool = False  # "up 14.2 percent from a year earlier": what the figure is compared with
    months: int | None = None  # "the same ten months": how long the period referred to is


@dataclass
class Candidate:
    """A proposed claim: what the text says about one value, and best guesses for the rest."""

    mention: Mention
    quote: str
    quote_start: int
    quote_end: int
    conversion_of: int | None = None  # index of the candidate this one restates in another currency
    metric_code: str = ""
    place_key: str = ""  # whatever key the caller's place index maps names to (an id in the portal)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_label: str = ""
    is_forecast: bool = False  # a plan, target or expectation ("once completed in 2027"), not a stated fact

    @property
    def value(self) -> Decimal:
        return self.mention.value

    @property
    def value_max(self) -> Decimal | None:
        return self.mention.value_max

    @property
    def unit(self) -> str:
        return self.mention.unit

    @property
    def qualifier(self) -> str:
        return self.mention.qualifier


@dataclass
class ExtractionResult:
    candidates: list[Candidate] = field(default_factory=list)
    unparsed: list[Unparsed] = field(default_factory=list)


# --------------------------------------------------------------------------------------
# Numbers
# --------------------------------------------------------------------------------------
_HEADLINE_MAX_WORDS = 25
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]*$")


def _headline_spans(text: str, title: str) -> list[tuple[int, int]]:
    """The lines of the article's head (before the first line that ends a sentence), and every line
    that repeats one of them or the title: 'Kashi's foreign trade partners numbers 118'."""
    lines = [(match.start(), match.end()) for match in re.finditer(r"[^\n]+", text)]
    heads: set[str] = set()
    spans = []
    for start, end in lines:
        line = text[start:end].strip()
        if not line:
            continue
        if _SENTENCE_END_RE.search(line) or len(line.split()) > _HEADLINE_MAX_WORDS:
            break
        heads.add(" ".join(line.lower().split()))
        spans.append((start, end))
    else:  # no sentence follows: a snippet or a list, not an article under its headline
        heads, spans = set(), []
    normalised_title = " ".join((title or "").lower().split())
    if normalised_title:
        heads.add(normalised_title)
    if heads:
        body_from = spans[-1][1] if spans else 0
        for start, end in lines:
            if start >= body_from and " ".join(text[start:end].lower().split()) in heads:
                spans.append((start, end))
    return spans


def _excluded_spans(text: str, title: str = "") -> list[tuple[int, int]]:
    spans = sorted(
        [match.span() for pattern in _NOT_MEASUREMENT_RES for match in pattern.finditer(text)]
        + [
            match.span()
            for hint_re, pattern, reach_before, reach_after in _HINTED_NOT_MEASUREMENT_RES
            for hint in hint_re.finditer(text)
            if (match := pattern.search(text, max(0, hint.start() - reach_before), hint.end() + reach_after))
            is not None
        ]
        + _headline_spans(text, title)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and spans[index][1] > start or (index + 1 < len(spans) and spans[index + 1][0] < end)


@dataclass
class _Token:
    start: int
    end: int  # after the scale word, if any
    value: Decimal
    is_word: bool
    is_plain_integer: bool  # digits without separators or decimals: may be a year
    scale: int = 1  # the scale word after it ("million"), 1 without one


def _parse_token(match: re.Match, text: str) -> _Token | None:
    surface = match.group(0)
    if match.group("dozen"):  # "a dozen of which": twelve
        count = surface.split()[0].lower()
        if count == "half":  # "half a dozen routes": six
            return _Token(match.start(), match.end(), Decimal(6), True, False)
        value, plain = Decimal(12 * (1 if count in ("a", "one") else int(text2num(count, "en")))), False
        return _Token(match.start(), match.end(), value, True, plain)
    if match.group("one_unit"):
        if not (
            _BOUND_BEFORE_RE.search(text, max(0, match.start() - 20), match.start())
            or _TOOK_BEFORE_RE.search(text, max(0, match.start() - 10), match.start())
        ):
            return None  # "twice a day", "a day earlier": no amount of time
        return _Token(match.start(), match.end(), Decimal(1), True, False)
    if match.group("half_unit") or match.group("unit_and_half"):  # "half an hour", "a day and a half"
        value = Decimal("0.5") if match.group("half_unit") else Decimal("1.5")
        return _Token(match.start(), match.end(), value, True, False)
    if match.group("article"):  # "a million tonnes", "half a million visitors"
        value, plain = Decimal("0.5") if surface.lower().startswith("half") else Decimal(1), False
    elif match.group("digits"):
        value = Decimal(surface.replace(",", ""))
        plain = surface.isdigit()
    else:
        try:
            value = Decimal(text2num(surface.lower().replace("-", " "), "en"))
        except ValueError:
            return None
        plain = False
    end = match.end()
    and_a_half = _AND_A_HALF_RE.match(text, end) if not match.group("article") else None
    if and_a_half and value == value.to_integral_value():  # "six and a half hours", "two and a half billion"
        value, plain, end = value + Decimal("0.5"), False, and_a_half.end()
    elif match.group("digits") and _BARE_M_RE.match(text, end):
        # "1.5m visitors", "RMB 300m": a million; "a 100m bridge" is metres, no figure read here
        if not (
            _M_MILLION_AFTER_RE.match(text, end + 1)
            or _CURRENCY_PREFIX_RE.search(text, max(0, match.start() - 5), match.start())
        ):
            return None
        value, plain = value * 10**6, False
        return _Token(match.start(), end + 1, value, False, plain, 10**6)
    scale = _SCALE_RE.match(text, end)
    factor = 1
    if scale:
        factor = _SCALES[(scale.group(1) or scale.group(2)).lower()]
        value *= factor
        end = scale.end()
        plain = False
    if match.group("article") and factor == 1:
        return None
    if match.group("article") or (and_a_half and factor > 1):
        value = _plain(value)  # "half a million": 500000, not 500000.0
    return _Token(match.start(), end, value, match.group("words") is not None, plain, factor)


def _unit_after(text: str, position: int) -> tuple[str, int] | None:
    match = _UNIT_RE.match(text, position)
    if not match:
        return None
    for index, (unit, _) in enumerate(_UNIT_PATTERNS):
        if match.group(f"u{index}") is not None:
            if unit == "time":
                return _TIME_UNITS[match.group("time").lower()], match.end()
            return unit, match.end()
    return None


def _count_noun_after(text: str, position: int) -> tuple[str, int] | None:
    """The head noun of a short noun phrase: '6,663 new enterprises were' -> enterprises, named as the portal
    counts it (_counted_as).

    Capitalised words are modifiers, never the head, and may be joined by "and": "3,870
    China-Europe and China-Central Asia freight trains" -> trains. So may lowercase modifiers before the head
    ("46 bonded and overseas warehouses", "41 international and regional routes"), and a mass noun in -ics is
    one of them ("520 logistics and forwarding firms").
    """
    league_table = _LEAGUE_TABLE_RE.match(text, position)
    if league_table:
        position = league_table.end()  # "15 Fortune Global 500 companies": the list's name describes what is counted
    match = _COUNT_NOUN_RE.match(text, position)
    if not match:
        return None
    head, head_end, offset = None, None, position
    heads: list[str] = []
    previous_capitalised = False
    vehicles_joined = False  # "cars and trucks": only another kind of vehicle may follow the "and"
    joined = False
    skipped = 0
    words = match.group(0).split()
    for index, word in enumerate(words):
        offset = text.index(word, offset) + len(word)
        bracketed = word.startswith("(") or word.endswith(")")
        word = word.strip("()")
        if bracketed and word[:1].isupper():
            previous_capitalised = True
            continue
        capitalised = word[0].isupper()
        if _PLURAL_ACRONYM_RE.match(word):
            # "Fourteen MoUs were signed", "2,000 NEVs": an abbreviation in the plural is what is counted
            if head is not None:
                break
            head, head_end = word, offset
            heads.append(word.lower())
            continue
        if capitalised:
            if head is not None:
                break  # a proper name after the noun phrase ("enterprises Pakistan")
            previous_capitalised = True
            continue
        lowered = word.lower()
        if head is not None and lowered.endswith("ed") and len(lowered) > 4:
            break  # a verb after the counted noun: "Twelve companies signed deals" counts companies, not deals
        if lowered in ("and", "or") and (
            previous_capitalised
            or head is None
            or head.lower().endswith("ics")
            or head.lower() in _VEHICLE_KINDS | _TRUCK_KINDS  # "cars and trucks", "car carriers and trucks"
        ):
            vehicles_joined = head is not None and head.lower() in _VEHICLE_KINDS | _TRUCK_KINDS
            joined = True  # "520 logistics and forwarding firms": modifiers of the next noun may follow
            previous_capitalised = False
            continue
        previous_capitalised = False
        if (
            head is None
            and lowered in ("more", "fewer")
            and index + 1 < len(words)
            and words[index + 1].lower() not in _STOP_WORDS
        ):
            continue  # "10 more innovation cases", "three more flights": not "five more than a year earlier"
        if (
            head is None
            and index == 0
            and lowered in ("more", "fewer")
            and index + 2 < len(words)
            and words[index + 1].lower() == "of"
            and words[index + 2].lower() in ("our", "its", "their", "the", "these", "those", "your")
        ):
            skipped = 2  # "at least 10 more of our cases": the cases, named after the part's pronoun
            continue
        if skipped:
            skipped -= 1
            continue
        if head is None and index == 0 and lowered == "such":
            continue  # "more than 160 such zones": the zones named before, counted again
        if lowered in _STOP_WORDS or ((head is None or vehicles_joined) and lowered in _NUMBER_WORDS):
            break  # "up from 29 two years ago", "412 trucks and six trains": another number starts another phrase
        if (
            vehicles_joined
            and (word.endswith("s") or lowered in _IRREGULAR_PLURALS)
            and lowered not in _VEHICLE_KINDS | _TRUCK_KINDS
        ):
            break  # "runs 58 trucks and employs 140 people": a verb after the "and", not another kind of vehicle
        # a possessive ("the zone's institutional innovation cases") or an adjective in -ous is no plural
        plural = (
            word.endswith("s") and not word.endswith(("ss", "ous", "'s", "’s")) and len(word) > 2
        ) or lowered in _IRREGULAR_PLURALS
        if plural:
            head, head_end = word, offset
            heads.append(lowered)
            joined = False
        elif head is not None and not vehicles_joined and not joined:
            break  # "28 member companies met upwards of 150 firms": the verb after the noun ends the phrase
    if head is None:
        return None
    return _counted_as(text, head.lower(), heads, head_end, text[position:head_end]), head_end


# What is counted, named as the portal counts it: a count of firms is one of enterprises whatever the article
# calls them; travellers are passengers
_COUNTED_AS = {
    "firms": "enterprises", "companies": "enterprises", "businesses": "enterprises",
    "travellers": "passengers", "travelers": "passengers", "registrations": "enterprises",
    # firms that make things are firms ("a park that houses 83 manufacturers"); laboratories are the labs the
    # portal's metric counts
    "manufacturers": "enterprises", "laboratories": "labs",
    # people crossing a border are passengers ("Passenger crossings rose to 1.37 million", "a record 31,500
    # crossings"; "five border crossings" are ports); practices adopted elsewhere are innovation cases
    "crossings": "passengers", "practices": "cases",
    # a load counts the vehicle that carries it: "cleared 12,600 truckloads of produce" counts trucks
    "truckloads": "trucks", "lorryloads": "trucks",
    # containers are counted in twenty-foot equivalent units, as the labels' conventions count them
    "containers": "TEU",
    # memoranda of understanding are agreements, as "19 agreements and memoranda of understanding" count them
    "memoranda": "agreements", "memorandums": "agreements", "mous": "agreements",
    # abbreviations in the plural: small firms, kinds of vehicle, containers
    "smes": "enterprises", "evs": "vehicles", "nevs": "vehicles", "suvs": "vehicles", "teus": "TEU",
    # firms named by their trade are firms; cars are vehicles; deals signed are agreements; garments are units
    "exporters": "enterprises", "importers": "enterprises", "forwarders": "enterprises",
    "cars": "vehicles", "deals": "agreements", "pieces": "units", "ftzs": "zones",
    # market entities are registered firms; lawsuits are cases; an airline's
    # rotations are flights
    "entities": "enterprises", "lawsuits": "cases", "rotations": "flights",
    # traders and shops registered somewhere are firms; goods made are counted in units, as the labels count them
    "traders": "enterprises", "shops": "enterprises",
    "garments": "units", "machines": "units", "jackets": "units", "dresses": "units", "shirts": "units",
    "assemblies": "units", "appliances": "units",
}  # fmt: skip
# Firms counted as they take part in something (a forum, a delegation, a visit) are not a count of the firms a place
# has: they keep the article's word ("around 60 Emirati companies attended the forum"), as the labels' conventions
# keep it; firms registered, set up or operating somewhere are enterprises
_PARTICIPANT_NOUN_RE = re.compile(r"\b(companies|firms|businesses)$", re.I)
_TAKING_PART_RE = re.compile(
    r"\b(?:(?:took|take|takes|taking)[^\S\n]+part|join(?:ed|s|ing)?|attend(?:ed|s|ing)?|participat\w*|delegations?"
    r"|came[^\S\n]+to|brought|bring(?:s|ing)?|met|meet(?:s|ing)?|visit(?:ed|ing|s)?|exhibit(?:ed|ing|ors?)?"
    # "among 11 Emirati companies that unveiled projects ... at the China-Eurasia Expo"
    r"|(?:at|during)[^\S\n]+(?:the|a|an)[^\S\n]+(?:[\w-]+[^\S\n]+){0,6}?(?:forum|fair|expo|roadshow|exhibition|summit))\b",
    re.I,
)
_REGISTERED_THERE_RE = re.compile(
    r"\b(?:regist\w*|set[^\S\n]+up|settled|operat\w*|based|home[^\S\n]+to|host(?:s|ed|ing)?|open(?:ed|ing)?[^\S\n]+offices?"
    r"|invested|funded)\b",
    re.I,
)


def _participants_named(text: str, sentence_starts, sentence_index: int, number_end: int, unit_end: int) -> str | None:
    """The article's word for firms counted as taking part in an event, a delegation or a visit."""
    noun = _PARTICIPANT_NOUN_RE.search(text, number_end, unit_end)
    if noun is None:
        return None
    sentence_end = sentence_starts[sentence_index + 1] if sentence_index + 1 < len(sentence_starts) else len(text)
    sentence = text[sentence_starts[sentence_index] : sentence_end]
    if _TAKING_PART_RE.search(sentence) and not _REGISTERED_THERE_RE.search(sentence):
        return noun.group(1).lower()
    return None


_PLURAL_ACRONYM_RE = re.compile(r"(?:MoU|MOU|SME|EV|NEV|SUV|TEU|FTZ)s$")
_VEHICLE_KINDS = {"cars", "trucks", "lorries", "buses", "vans", "vehicles"}
# "car carriers and trucks", "lorries and trailers": kinds of truck, counted as trucks
_TRUCK_KINDS = {"trucks", "lorries", "carriers", "trailers", "tankers"}
# "close to 6,000 people passed through the hall": people crossing a border or flying are passengers
_PEOPLE_TRAVELLING_AFTER_RE = re.compile(
    # "about 9,500 people a day going through the checkpoint"
    r"(?:[^\S\n]+(?:a|per)[^\S\n]+(?:day|week|month))?"
    r"[^\S\n]+(?:(?:have|had|were)[^\S\n]+)?(?:crossed|passed[^\S\n]+through|flew|travell?ed|entered|exited|departed"
    r"|arrived|(?:were[^\S\n]+)?cleared|(?:going|passing|crossing)(?:[^\S\n]+through)?)\b",
    re.I,
)
# "employs some 1,800 workers", "hire another 400 staff", "give work to nearly 900 people": people a business employs
# are jobs, as "creating 5,400 jobs" are; "we now have 62 workers" counts a workforce too (not so 'have 40,000 people')
_WORKFORCE_NOUNS = {"workers", "employees", "staff", "personnel", "people"}
# A business's headcount ("had 40 employees"), not people counted passing ("42 business people"): a level
_HEADCOUNT_UNITS = {"workers", "employees", "staff", "personnel"}
# the same, counted in jobs ("12 employees" are jobs): the noun the article used
_HEADCOUNT_NOUN_RE = re.compile(r"\b(?:" + "|".join(sorted(_HEADCOUNT_UNITS)) + r")\b", re.I)
# the verbs of taking people on: "employs", "hired", "recruiting", "took on"
_HIRE = r"employ(?:s|ed|ing)?|hir(?:e|es|ed|ing)|recruit(?:s|ed|ing)?|t(?:ook|ake|akes|aking|aken)[^\S\n]+on"
_EMPLOYING_BEFORE_RE = re.compile(
    rf"\b(?:{_HIRE}"
    r"|(?:give|gives|gave|giving|provid(?:e|es|ed|ing))"
    r"[^\S\n]+(?:work|jobs|employment)[^\S\n]+(?:to|for)|jobs[^\S\n]+for|(?:work[^\S\n]?force|payroll)[^\S\n]+of"
    r"|(?P<having>have|has|had|having))"
    r"(?:[^\S\n]+(?:now|another|an|additional|a|further|total|of|extra|more|than|some|nearly|about|around|roughly|over"
    r"|up|to|almost|at|least|close|approximately|local|new|upwards|well))*[^\S\n]+$",
    re.I,
)
_HIRING_BEFORE_RE = re.compile(
    rf"\b(?:{_HIRE})"
    r"(?:[^\S\n]+(?:another|an|additional|a|further|extra|more|some|nearly|about|around|over|up|to))*[^\S\n]+$",
    re.I,
)
_PAYROLL_AFTER_RE = re.compile(r"[^\S\n]+on[^\S\n]+(?:his|her|its|their|the|our|my)[^\S\n]+payroll\b", re.I)
# "Some 12,000 people now work in the center": people at work there are its jobs
_AT_WORK_AFTER_RE = re.compile(
    r"[^\S\n]+(?:now[^\S\n]+)?(?:work|works|worked|are[^\S\n]+employed)[^\S\n]+(?:in|at|for)\b"
)
# "employ 9,000 seasonal workers on top of 7,300 permanent staff": the workforce again, in the same sentence
_WORKFORCE_ADDED_BEFORE_RE = re.compile(
    r"\b(?:on[^\S\n]+top[^\S\n]+of|as[^\S\n]+well[^\S\n]+as|besides|plus|and|alongside)[^\S\n]+"
    r"(?:some[^\S\n]+|about[^\S\n]+)?$",
    re.I,
)
# People helped into work are jobs, as 'helped 3,100 graduates find jobs' is
_INTO_JOBS_AFTER_RE = re.compile(
    r"[^\S\n]+(?:(?:(?:back|get|gets|got)[^\S\n]+)?into|find|found|finding|get|got|land|landed|secure|secured)"
    r"[^\S\n]+(?:new[^\S\n]+|stable[^\S\n]+)?(?:jobs|work|employment)\b",  # "helped 3,100 graduates find jobs"
    re.I,
)
# units of a sentence about vehicles count vehicles
_VEHICLES_BEFORE_RE = re.compile(r"\bvehicles?\b", re.I)
_NOT_PEOPLE_NOUNS = {"enterprises", "firms", "companies", "projects", "vehicles", "trucks", "trains", "labs"}
_SCHEDULED_SERVICES_RE = re.compile(
    r"\s*(?:(?:weekly|daily|direct|scheduled|regular|return|non-?stop|passenger|cargo|freighter|more|new|additional)\s+)*"
    r"services",
    re.I,
)
_FLIGHTS_BEFORE_RE = re.compile(r"\b(?:flights|airlines?)\b[^.;!?\n]*$", re.I)
_AIR_SERVICE_RE = re.compile(r"\b(?:freighter|air|airline|flight|passenger[^\S\n]+flight|cargo[^\S\n]+flight)", re.I)
_BORDER_BEFORE_RE = re.compile(r"\bborder[^\S\n]+$", re.I)


def _counted_as(text: str, head: str, heads: list[str], head_end: int, phrase: str = "") -> str:
    """The portal's name for what a noun phrase counts: 'cars and trucks' are vehicles, 'border crossings' ports."""
    if (len(heads) >= 2 and set(heads) <= _TRUCK_KINDS) or re.search(r"\bcar[^\S\n]+carriers$", phrase, re.I):
        return "trucks"
    if len(set(heads) & (_VEHICLE_KINDS | _TRUCK_KINDS)) >= 2:
        return "vehicles"
    if head == "people" and _PEOPLE_TRAVELLING_AFTER_RE.match(text, head_end):
        return "passengers"
    if head == "houses" and re.search(r"\b(?:trading|export|import|commercial)[^\S\n]+houses$", phrase, re.I):
        return "enterprises"  # "two dozen Central Asian trading houses" are firms
    if head == "trips" and re.search(r"\bpassenger[^\S\n]+trips$", phrase, re.I):
        return "passengers"  # "5.86 million inbound and outbound passenger trips"
    if head == "freighters" and re.search(r"\b(?:weekly|daily)\b", phrase, re.I):
        return "flights"  # "three weekly freighters from Dubai": the flights they make
    if head == "services" and (
        _AIR_SERVICE_RE.search(phrase)
        or (
            _SCHEDULED_SERVICES_RE.fullmatch(phrase)
            and _FLIGHTS_BEFORE_RE.search(text, max(0, head_end - 160), head_end - len(phrase))
        )
    ):
        # "six scheduled freighter services a week"; "three weekly flights ..., adding to the eight weekly services
        # that flydubai operates": services in a sentence about flights are flights
        return "flights"
    if head == "crossings" and _BORDER_BEFORE_RE.search(text, max(0, head_end - 20), head_end - len(head)):
        return "ports"
    if head == "crossings":
        return _crossings_counted(text, head_end - len(head))
    return _COUNTED_AS.get(head, head)


_VEHICLE_CROSSINGS_BEFORE_RE = re.compile(
    r"\b(?:(?P<trucks>truck|lorry|lorries)|vehicle|car|bus|buses)s?(?:[^\S\n]+border)?[^\S\n]+$", re.I
)


def _crossings_counted(text: str, start: int) -> str:
    """What crossings count: "truck crossings" are trucks, "vehicle crossings" vehicles, any other people crossing
    (passengers)."""
    vehicles = _VEHICLE_CROSSINGS_BEFORE_RE.search(text, max(0, start - 20), start)
    if vehicles:
        return "trucks" if vehicles.group("trucks") else "vehicles"
    return "passengers"


# "the past 12 months", "over the last and past two years": a period, no bound
_PERIOD_PAST_BEFORE_RE = re.compile(r"\b(?:the|this|last|half|quarter|and)[^\S\n]+$", re.I)
# "a park spread over 50 hectares", "sprawling over 12 square kilometers": what a thing is spread over is its extent,
# not a bound ("covers over 50 hectares" still is one)
_SPREAD_OVER_BEFORE_RE = re.compile(r"\b(?:spread|spreads|spreading|sprawl(?:s|ed|ing)?)[^\S\n]+$", re.I)


def _qualifier_before(text: str, position: int) -> tuple[str, int]:
    window_start = max(0, position - 30)
    match = _QUALIFIER_RE.search(text, window_start, position)
    if not match or (
        match.group(1).lower() == "past"
        and _PERIOD_PAST_BEFORE_RE.search(text, max(0, match.start(1) - 10), match.start(1))
    ):
        return EXACT, position
    if match.group(1).lower() == "over" and _SPREAD_OVER_BEFORE_RE.search(
        text, max(0, match.start(1) - 12), match.start(1)
    ):
        return EXACT, position
    if match.group(1).lower() == "under" and _GROUPED_UNDER_BEFORE_RE.search(
        text, max(0, match.start(1) - 50), match.start(1)
    ):
        return EXACT, position  # "the 213 measures assigned to the zone under 126 reform tasks": where, not how many
    if match.group(1).lower() == "up to" and _ADDED_BEFORE_RE.search(text, max(0, match.start(1) - 12), match.start(1)):
        return EXACT, position  # "imports and exports added up to 385.6 billion yuan": a total, not a bound
    return _QUALIFIER_WORDS[match.group(1).lower()], match.start(1)


_GROUPED_UNDER_BEFORE_RE = re.compile(
    r"\b(?:assigned|listed|grouped|included|organi[sz]ed|filed|set[^\S\n]+out|fall|falls|fell|come|comes|came)\b"
    r"[^,.;:\d]{0,40}$",
    re.I,
)
_ADDED_BEFORE_RE = re.compile(r"\badd(?:s|ed|ing)?[^\S\n]+$", re.I)


_NOT_INHERITED_UNITS = {"%", "pp"} | MONEY_UNITS


def _unit_of(text: str, token: _Token, before: str) -> tuple[str | None, int, int]:
    """(unit, where it ends, where the figure starts): a currency sign before, or a unit after."""
    prefix = _CURRENCY_PREFIX_RE.search(before)
    if prefix:
        unit = _CURRENCY_PREFIX_UNITS[prefix.group(1).upper()]
        suffix = _unit_after(text, token.end)  # "USD 516 million US dollars": the repeated unit is part of it
        unit_end = suffix[1] if suffix and suffix[0] == unit else token.end
        return unit, unit_end, token.start - len(prefix.group(0))
    found = _unit_after(text, token.end)
    if found:
        return found[0], found[1], token.start
    return None, token.end, token.start


def _is_date_or_period(text: str, token: _Token, before: str, unit: str | None, unit_end: int) -> bool:
    """A year ("in 2025"), or a duration that dates something ("the first eight months", "two years after")."""
    if unit is None and token.is_plain_integer and 1800 <= token.value <= 2199:
        return _count_noun_after(text, token.end) is None or bool(_YEAR_CONTEXT_RE.search(before))
    if unit in {"months", "quarters", "years"} and _CHANGE_TOOK_BEFORE_RE.search(before):
        return True  # "a gain of 7.4 points in under two years", "doubled within 18 months": how long a change took
    spanned = _SPAN_OVER_BEFORE_RE.search(before) if unit in {"months", "quarters", "years"} else None
    if spanned and spanned.group(1).lower() not in _NOT_SPANNING_WORDS:
        return True  # "create 2,000 jobs over five years": the years a plan spans; "for over 30 years" is a bound
    if unit in {"months", "quarters", "years"} and _COUNT_WITHIN_BEFORE_RE.search(before):
        return True
    if unit in {"months", "quarters", "years", "weeks", "days"}:
        return bool(_PERIOD_WORD_BEFORE_RE.search(before) or _AFTER_AGO_RE.match(text, unit_end))
    return False


def _range_upper(text: str, token: _Token, upper: _Token | None, unit: str | None, unit_end: int, before: str):
    """(lower value, upper value, unit, unit end, range start) when the figure opens a range, else None.

    "three to five days", "48–72 hours", "between 20 percent and 30 percent". After "from",
    two figures are a change, not a range ("from two months to less than ten days").
    """
    if upper is None:
        return None
    lower = token.value
    if token.scale == 1 and upper.scale > 1 and token.value * upper.scale < upper.value:
        lower = token.value * upper.scale  # "between 3 and 5 million parcels": 3 million
    if upper.value <= lower:
        return None
    join = _RANGE_JOIN_RE.match(text, unit_end)
    if join is None:
        return None
    # "$250 million to $300 million", "Dh2 billion to Dh3 billion": both ends carry the currency sign
    upper_prefix = _CURRENCY_PREFIX_RE.fullmatch(text, join.end(), upper.start) if unit in MONEY_UNITS else None
    if join.end() != upper.start and not (
        upper_prefix and _CURRENCY_PREFIX_UNITS[upper_prefix.group(1).upper()] == unit
    ):
        return None
    upper_unit = _unit_after(text, upper.end) or _count_noun_after(text, upper.end)
    if upper_prefix:
        upper_unit = (unit, upper_unit[1] if upper_unit and upper_unit[0] == unit else upper.end)
    joined_by_and = join.group(0).strip().lower() == "and"
    if upper_unit is None:
        # "between 1,800 and 2,100 a day": a range of bare figures, counting what the words around it name
        between = _BETWEEN_BEFORE_RE.search(text, max(0, token.start - 20), token.start)
        if unit is None and joined_by_and and between:
            return lower, upper.value, None, upper.end, between.start()
        if (
            unit is None
            and not joined_by_and
            and _PER_PERIOD_AFTER_RE.match(text, upper.end)
            and not _FROM_BEFORE_RE.search(before)
        ):
            return lower, upper.value, None, upper.end, token.start  # "at a rate of 22 to 25 a day": runs named before
        return None
    lead = _CURRENCY_PREFIX_RE.search(before)
    figure_start = token.start - len(lead.group(0)) if lead else token.start  # "between Dh2 billion and ..."
    between = _BETWEEN_BEFORE_RE.search(text, max(0, figure_start - 20), figure_start)
    # "between 20 percent and 30 percent", and the loose "between two to three days"
    if between and (joined_by_and or join.group(0).strip().lower() == "to") and unit in (None, upper_unit[0]):
        return lower, upper.value, upper_unit[0], upper_unit[1], between.start()
    if (
        not between
        and not joined_by_and
        and unit is None
        # "to about 20 days from 40-45 days": a range written tight is a range after "from" too
        and (not _FROM_BEFORE_RE.search(before) or _RANGE_VERB_BEFORE_RE.search(before) or join.group(0) in ("-", "–"))
    ):
        return lower, upper.value, upper_unit[0], upper_unit[1], token.start
    changed_from = _FROM_BEFORE_RE.search(text, max(0, figure_start - 30), figure_start)
    if (
        not between
        and unit == upper_unit[0]
        and (join.group(0).strip() in ("-", "–", "—") or (upper_prefix and not joined_by_and and not changed_from))
    ):
        return lower, upper.value, unit, upper_unit[1], token.start  # "8%-10%", "2 days–3 days": both ends unit
    return None


def _counted_elsewhere(text, token, following, sentence_start, before, last_counted) -> str | None:
    """What a bare number counts, read around it; "" for digits with nothing counted, None for words.

    "205 out of 207 specific measures", "from 5 to 10 percent", "the number of trade partners ... from 28",
    "partners numbers 118", "Among the 35 enterprises, 30 have ...", "from three hours to one",
    "among which 15 have been promoted ... and one adopted nationwide".
    """
    # the count the sentence before made, if it made the last one
    counted_before = (
        last_counted[1] if last_counted and last_counted[2] and last_counted[0] != sentence_start else None
    )
    if following is not None and (not token.is_word or token.value > 1):
        part_of = _PART_OF_RE.fullmatch(text, token.end, following.start)
        out_of = _count_noun_after(text, following.end) if part_of else None
        if out_of:
            return out_of[0]
    if following is not None and _TO_ROUGHLY_RE.fullmatch(text, token.end, following.start):
        # "rose from 5 to 10 percent", "from 2,000 to nearly 5,000 containers"
        target = _unit_after(text, following.end) or _count_noun_after(text, following.end)
        if target:
            return target[0]
    if last_counted and last_counted[2] and _OF_NEWCOMERS_RE.match(text, token.end):
        return last_counted[1]  # "... 1,080 new enterprises had registered ... . Nine of the newcomers are from ..."
    part_of_named = _PART_OF_RE.match(text, token.end)
    if part_of_named and (not token.is_word or token.value > 1):
        named = _count_noun_after(text, part_of_named.end() - 1)
        if (
            named
            and named[0] == "documents"
            and _AGREEMENTS_EARLIER_RE.search(text, max(0, token.start - 1500), token.start)
        ):
            return "agreements"  # "signed 19 agreements ... Eight of the documents were ...": the agreements again
        if named:
            return named[0]
    number_of = _NUMBER_OF_RE.search(text, sentence_start, token.start)
    if number_of:  # "The number of UAE companies registered in the area has reached 126": firms are enterprises
        noun = number_of.group(1).split()[-1].lower()
        # but "the total number of registered businesses to 5,173" keeps its word, as the seed labels do
        return noun if noun == "businesses" else _COUNTED_AS.get(noun, noun)
    if _WORKFORCE_GROWN_BEFORE_RE.search(before):
        return "jobs"  # "His staff in Urumqi has grown to 85": a workforce, counted in jobs
    brought_to = _BRING_NOUN_TO_BEFORE_RE.search(before)
    if brought_to and brought_to.group(1).lower() not in _STOP_WORDS:
        # "aims to ... bring registered enterprises to 35,000 by the end of 2027": what a plan brings to a figure
        return _COUNTED_AS.get(brought_to.group(1).lower(), brought_to.group(1).lower())
    if _PASSENGER_FLOW_BEFORE_RE.search(before):
        return "passengers"  # "International passenger throughput reached 412,000": the passengers who passed through
    # "Registered enterprises in the area have risen 68 per cent since the launch to about 9,800": the noun may lie
    # further back than the usual window
    wide_before = text[max(sentence_start, token.start - 120) : token.start]
    noun_numbers = _NOUN_NUMBERS_RE.search(wide_before) or _NOUN_MULTIPLIED_TO_RE.search(before)
    if noun_numbers and _AGENT_BEFORE_RE.search(
        noun_numbers.string, 0, noun_numbers.start(1) if noun_numbers.group(1) else 0
    ):
        noun_numbers = None  # "Visits to Xinjiang by UAE residents rose to 38,000": the visits, not who made them
    if noun_numbers:  # people crossing are passengers: "Passenger crossings rose to 1.37 million"
        noun = (noun_numbers.group(1) or noun_numbers.group(2)).lower()
        if noun == "crossings":
            # "Daily truck crossings ranged between ...": the match is in the words before the figure
            noun_start = noun_numbers.start(1) if noun_numbers.group(1) else noun_numbers.start(2)
            return _crossings_counted(text, token.start - len(noun_numbers.string) + noun_start)
        # "firms registered in the zone numbered 1,340": firms are enterprises, as everywhere
        return _COUNTED_AS.get(noun, noun)
    ranked_among = _RANKED_OF_BEFORE_RE.search(before)
    if ranked_among:  # "the zone ranked 58th of 167" in an evaluation of bonded zones: the zones ranked
        plurals = [
            word.lower()
            for word in _PLURAL_WORD_RE.findall(text, sentence_start, token.start - len(ranked_among.group(0)))
            if word.lower() not in _STOP_WORDS and not word.lower().endswith(("ss", "ics"))
        ]
        if plurals:
            return _COUNTED_AS.get(plurals[-1], plurals[-1])
    if (
        counted_before
        and (not token.is_word or _ENDS_CLAUSE_RE.match(text, token.end))
        and _SAID_AGAIN_LATER_RE.fullmatch(text, sentence_start, token.start)
    ):
        return counted_before  # "Last year we had three trucks. Now we have 11", "This year it is more than 60"
    if (
        counted_before
        and counted_before not in MEASUREMENT_UNITS
        and _EXPECT_TO_REACH_OPENING_RE.fullmatch(text, sentence_start, token.start)
    ):
        return counted_before  # "... grown from 29 to 74 today. 'We expect to pass 100 by the end of the year'"
    if last_counted and last_counted[2] and not token.is_word and _TOTAL_WAS_BEFORE_RE.search(before):
        return last_counted[1]  # "... 2,000 trucks a day. Last year the daily average was about 1,400."
    if last_counted and last_counted[2] and _PART_OF_THOSE_OPENING_RE.fullmatch(text, sentence_start, token.start):
        return last_counted[1]  # "... 71 innovation cases ... . Of these, 24 have been promoted"
    # a number word is a list entry's value only as the whole of it ("New facilitation measures introduced: a dozen.");
    # the entry's label is read from its line's start, never from the middle of a word ("- freight trains ...: 46")
    listed = None
    if not token.is_word or _ENTRY_VALUE_END_RE.match(text, token.end):
        entry_start = max(0, token.start - 200)
        line_start = max(text.rfind("\n", entry_start, token.start) + 1, entry_start)
        listed = _listed_noun(text[line_start : token.start])
    if listed:
        return listed
    whole = _WHOLE_OPENING_RE.fullmatch(text, sentence_start, token.start)
    if whole:  # "Of the measures still pending, eight concern cross-border finance": a part of the whole named first
        for word in _PLURAL_WORD_RE.findall(whole.group("whole")):
            if word.lower() not in _STOP_WORDS and not word.lower().endswith(("ss", "ics")):
                return _COUNTED_AS.get(word.lower(), word.lower())
    if last_counted and last_counted[0] == sentence_start and _OF_WHICH_RE.match(text, token.end):
        return last_counted[1]  # "42 institutional innovation cases, nine of which have been promoted"
    if (
        last_counted
        and last_counted[2]
        and token.is_word
        and _BLANK_RE.fullmatch(text, sentence_start, token.start)
        and text.startswith(",", token.end)
    ):
        return last_counted[1]  # "... cases, seven of which were promoted. One, a joint inspection model, was adopted"
    if (
        counted_before
        and token.is_word
        and counted_before not in MEASUREMENT_UNITS
        and _BLANK_RE.fullmatch(text, sentence_start, token.start)
        and _PART_VERB_AFTER_RE.match(text, token.end)
    ):
        return counted_before  # "... bringing the total to 64 cases. Six have been adopted nationwide."
    if counted_before and counted_before not in MEASUREMENT_UNITS and _BARE_MORE_AFTER_RE.match(text, token.end):
        return counted_before  # "The area signed 214 projects. The event alone added 26 more, worth 14.3 billion yuan"
    if (
        counted_before
        and token.is_word
        and _ANOTHER_OPENING_RE.fullmatch(text, sentence_start, token.start)
        and _LOWER_WORD_AFTER_RE.match(text, token.end)
    ):
        return counted_before  # "Five of the deals concern a logistics hub. Another four cover cold storage."
    of_them = last_counted and last_counted[2] and _OF_THEM_RE.match(text, token.end)
    if (
        last_counted
        and last_counted[1] in MEASUREMENT_UNITS
        and (of_them or _RANGE_OF_THEM_AFTER_RE.match(text, token.end))
        and (opening := _PLURAL_OPENING_RE.match(text, sentence_start, token.start))
        and opening.group(1).lower() not in _STOP_WORDS
    ):
        # "Trucks now clear in under 20 minutes, and between 1,100 and 1,300 of them cross every day": 'them' are the
        # trucks the sentence opens on, not the minutes counted last
        return _COUNTED_AS.get(opening.group(1).lower(), opening.group(1).lower())
    if of_them:
        subject = _THE_PLURAL_OPENING_RE.match(text, sentence_start, token.start)
        if last_counted[0] != sentence_start and subject:
            # "22 firms took part. The agreements span four sectors, with seven of them in logistics": 'them' is
            # the plural its own sentence opens on, nearer than the count before
            return _COUNTED_AS.get(subject.group(1).lower(), subject.group(1).lower())
        return last_counted[1]  # "... signed 14 investment agreements ... . Twelve of them are in the Urumqi area"
    opening_whole = _OF_THE_N_OPENING_RE.fullmatch(text, sentence_start, token.start)
    if opening_whole and _PART_VERB_AFTER_RE.match(text, token.end):
        # "Of the 213 specific measures assigned to the zone under 126 reform tasks, 209 have been implemented": a
        # part of the whole the sentence opens on, not of the count named last
        whole = _count_noun_after(text, opening_whole.end("whole"))
        if whole:
            return whole[0]
    if last_counted and last_counted[0] == sentence_start:
        # A bare number word is too often no figure ("one of"); it continues a count only in
        # "from three hours to one" or "15 have been promoted ... and one adopted".
        if (
            not token.is_word
            or _TO_BEFORE_RE.search(before)
            or _INSTEAD_OF_BEFORE_RE.search(before)
            or (_AND_BEFORE_RE.search(before) and _VERB_AFTER_RE.match(text, token.end))
            or (_INCLUDING_BEFORE_RE.search(before) and _RELATIVE_AFTER_RE.match(text, token.end))
            # "the remaining two", "up from six a year ago", "three more than a year earlier": the same count again
            or _REMAINING_BEFORE_RE.search(before)
            or (_UP_FROM_BEFORE_RE.search(before) and not _OF_AFTER_WORD_RE.match(text, token.end))
            or _MORE_AFTER_RE.match(text, token.end)
            # "number 11 a week, nearly triple the four operated in 2023": the old count a multiple is of
            or _MULTIPLE_OF_BEFORE_RE.search(before)
            # "11 were in logistics, eight in agriculture and four in healthcare": the parts of a count, listed
            or (
                last_counted[1] not in MEASUREMENT_UNITS
                and _LISTED_PART_BEFORE_RE.search(before)
                and _IN_FIELD_AFTER_RE.match(text, token.end)
            )
            # "nine agreements worth AED2.3 billion, followed by Dubai with twelve valued at AED1.8 billion",
            # "Dubai-based companies took nine of the deals, ..., and Abu Dhabi entities seven, worth AED1.2 billion"
            or (last_counted[1] not in MEASUREMENT_UNITS and token.is_word and _WORTH_AFTER_RE.match(text, token.end))
            # "reaches Tashkent in four days and Almaty in about six": the same duration, to another place
            or (last_counted[1] in _DURATIONS and _ANOTHER_PLACE_IN_BEFORE_RE.search(before))
            # "Of the five projects, three have started": the part right after the whole that opens the sentence
            or (
                _PART_AFTER_OPENING_RE.fullmatch(text, sentence_start, token.start)
                and _PART_VERB_AFTER_RE.match(text, token.end)
            )
        ):
            return last_counted[1]
    restated = _OR_RESTATED_BEFORE_RE.search(before)
    if restated and not token.is_word:  # "Some 70% of firms, or about 840, are private": the firms again, counted
        plurals = [
            word.lower()
            for word in _PLURAL_WORD_RE.findall(text, sentence_start, token.start - len(restated.group(0)))
            if word.lower() not in _STOP_WORDS and not word.lower().endswith(("ss", "ics"))
        ]
        if plurals:
            return _COUNTED_AS.get(plurals[-1], plurals[-1])
    if not token.is_word:
        subject = _SUBJECT_OPENING_RE.match(text, sentence_start, token.start)
        if subject and subject.group(1).lower() == "crossings":
            return _crossings_counted(text, subject.start(1))  # "Daily truck crossings ranged between ..."
        if subject and subject.group(1).lower() not in _STOP_WORDS:
            return _COUNTED_AS.get(subject.group(1).lower(), subject.group(1).lower())
        # "Weekly flights between Urumqi and Gulf cities including Dubai, Doha and Riyadh have risen to 14": the
        # noun the sentence opens on, however long the phrase after it, is what moved to the bare figure
        moved_to = _MOVED_TO_BEFORE_RE.search(before)
        opening = _OPENING_NOUN_RE.match(text, sentence_start, token.start) if moved_to else None
        if opening and opening.group(1).lower() not in _STOP_WORDS:
            return _COUNTED_AS.get(opening.group(1).lower(), opening.group(1).lower())
    return None if token.is_word else ""


_ANOTHER_OPENING_RE = re.compile(r"\s*[\"“]?(?:Another|A[^\S\n]+further|The[^\S\n]+(?:other|remaining))[^\S\n]+")
_BARE_MORE_AFTER_RE = re.compile(r"[^\S\n]+more\b(?=[^\S\n]*[,.;]|[^\S\n]+(?:worth|valued|are|were|have|will)\b)")
_HIGHER_AFTER_RE = re.compile(r"[^\S\n]+(?:higher|lower|up|down)\b", re.I)  # "five places higher than in 2024"
_LOWER_WORD_AFTER_RE = re.compile(r",?[^\S\n]+[a-z]+\b")  # "The remaining seven, valued at ..." too
_DURATIONS = {"min", "h", "days", "weeks", "months"}
_RANGE_OF_THEM_AFTER_RE = re.compile(r"(?:[^\S\n]+(?:and|to)[^\S\n]+|[-–])[\d,.]+[^\S\n]+of[^\S\n]+them\b", re.I)
_PLURAL_OPENING_RE = re.compile(r"\s*(?:[A-Z][a-z-]*[^\S\n]+)?([A-Za-z][a-z-]*[a-z]s)\b")
_RUN_KIND_RE = re.compile(r"\b(truck|train|flight|bus)[^\S\n]+(?:departures|arrivals)\b", re.I)
_AGREEMENTS_EARLIER_RE = re.compile(r"\b(?:agreements|memorand(?:a|ums)|MoUs|deals)\b")
_OF_THE_N_OPENING_RE = re.compile(
    r"\s*(?:Of|Among)[^\S\n]+the[^\S\n]+(?P<whole>\d[\d,]*|[a-z]+)[^,.;\n]{1,100},[^\S\n]+"
)
_EXPECT_TO_REACH_OPENING_RE = re.compile(
    r"\s*[\"“‘']?(?:We|They|It|She|He|The[^\S\n]+[a-z]+)[^\S\n]+(?:now[^\S\n]+)?"
    r"(?:expects?|hopes?|aims?|plans?|wants?)[^\S\n]+(?:(?:it|that[^\S\n]+number|the[^\S\n]+number)[^\S\n]+)?"
    r"to[^\S\n]+(?:pass|reach|top|hit|exceed|surpass|double[^\S\n]+to)[^\S\n]+" + _ROUGHLY
)
_WORTH_AFTER_RE = re.compile(r",?[^\S\n]+(?:valued|worth)\b")
_TO_ROUGHLY_RE = re.compile(rf"{_SP}+to{_SP}+" + _ROUGHLY)
_BRING_NOUN_TO_BEFORE_RE = re.compile(
    r"\b(?:bring|brings|bringing|lift|lifts|lifting|raise|raises|raising|push|pushes|pushing|increase|increasing)"
    r"(?:[^\S\n]+the[^\S\n]+(?:number|total)[^\S\n]+of)?(?:[^\S\n]+(?:its|the|their))?(?:[^\S\n]+[a-z-]+){0,2}?"
    r"[^\S\n]+([a-z][a-z-]*[a-z]s)"
    # "lift annual visits to the cooperation center to 10 million"
    r"(?:[^\S\n]+(?:to|in|at|of|through)[^\S\n]+(?:the[^\S\n]+)?[\w-]+(?:[^\S\n]+[\w-]+){0,2}?)?"
    r"[^\S\n]+to[^\S\n]+" + _ROUGHLY + "$",
    re.I,
)
_WORKFORCE_GROWN_BEFORE_RE = re.compile(
    r"\b(?:staff|work[^\S\n]?force|headcount|payroll)\b[^.;,\d]{0,40}?\b(?:grown|grew|risen|rose|increased|expanded"
    r"|climbed|jumped|swelled|reached|stands[^\S\n]+at)(?:[^\S\n]+(?:to|from))?[^\S\n]+" + _ROUGHLY + "$",
    re.I,
)
_LISTED_PART_BEFORE_RE = re.compile(r"(?:,|\band)[^\S\n]+$")
_IN_FIELD_AFTER_RE = re.compile(r"[^\S\n]+in[^\S\n]+(?!(?:the|a|an|which|that|its|their|total|all)\b)[a-z]")
_ANOTHER_PLACE_IN_BEFORE_RE = re.compile(
    r"(?:,|\band|\bbut|\bwhile)[^\S\n]+(?:to[^\S\n]+)?(?:[A-Z][\w'-]*[^\S\n]+){1,3}in[^\S\n]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|just|under|less[^\S\n]+than|over|more[^\S\n]+than)[^\S\n]+)?$"
)
_AGENT_BEFORE_RE = re.compile(r"\bby[^\S\n]+(?:the[^\S\n]+)?(?:[A-Z][\w-]*[^\S\n]+){0,3}$")
# "which of the three areas", "whichever of the two routes": a choice among a set already known
_WHICH_OF_BEFORE_RE = re.compile(
    r"\bwhich(?:ever)?[^\S\n]+of[^\S\n]+(?:the|its|their|our|these|those|your)[^\S\n]+$", re.I
)
# "The agreements span ...": a sentence that opens on a plural it names with the article
_THE_PLURAL_OPENING_RE = re.compile(
    r"\s*(?:The|These|Those)[^\S\n]+(?:[a-z][a-z-]*[^\S\n]+){0,2}?([a-z][a-z-]*[a-z]s)\b"
)
# "Vehicle exports", "car imports": trade counted in the vehicles traded
_VEHICLE_TRADE_RE = re.compile(r"\b(?:vehicle|car|automobile)s?[^\S\n]+(?:exports|imports)\b", re.I)
_MOVED_TO_BEFORE_RE = re.compile(
    r"\b(?:(?:have|has|had)[^\S\n]+(?:risen|grown|climbed|increased|jumped|fallen|dropped|declined)"
    r"|rose|grew|climbed|increased|jumped|fell|dropped|declined)[^\S\n]+to[^\S\n]+$",
    re.I,
)
# the plural a sentence opens on, after a capitalised word and up to two more: "Weekly flights between ...",
# "Vehicles have been a standout"
_OPENING_PLURAL = r"\s*(?:[A-Z][a-z-]*[^\S\n]+)?(?:[a-z][a-z-]*[^\S\n]+){0,2}?([A-Za-z][a-z-]*[a-z]s)"
_OPENING_NOUN_RE = re.compile(_OPENING_PLURAL + r"\b")


# "Of the measures still pending, eight ...", "Among the 26 measures announced, 24 ...": the whole opens the sentence
_WHOLE_OPENING_RE = re.compile(
    r"\s*(?:Of|Among)[^\S\n]+(?:the|its|their|these|those)[^\S\n]+(?P<whole>[^,.;\n]{1,60}),[^\S\n]+"
)
# "Now we have 11", "This year it runs 18": a sentence that opens on a later time and says the count again
_SAID_AGAIN_LATER_RE = re.compile(
    r"\s*[\"“‘']?(?:Now|Today|These[^\S\n]+days|This[^\S\n]+(?:year|month|week|season|time))[^\S\n]*,?[^\S\n]+"
    r"(?:it|we|they|he|she|I|there|the[^\S\n]+[a-z]+)[^\S\n]+(?:now[^\S\n]+)?"
    # "This year it will be close to 1,300": a plan for the same count
    r"(?:is|are|has|have|runs?|sells?|handles?|employs?|operates?|counts?|stands?[^\S\n]+at"
    r"|(?:will|should|could|would|may|might)[^\S\n]+(?:be|reach|top|hit)"
    # "This year I have already done 52"
    r"|(?:have|has)[^\S\n]+(?:already[^\S\n]+)?(?:done|made|run|sold|handled|completed|shipped))[^\S\n]+"
    # "Now it is usually less than two": how often, and a bound below
    r"(?:(?:usually|typically|normally|generally|often|mostly)[^\S\n]+)?"
    r"(?:(?:less|fewer)[^\S\n]+than[^\S\n]+|under[^\S\n]+)?" + _ROUGHLY
)
# a number word that ends its clause is the whole of what is said: "Now it is usually less than two."
_ENDS_CLAUSE_RE = re.compile(r"[\"”’]?[,.;!?]")
# "Of these, 24 have been promoted", "Among them, 300 are foreign-funded": a part of what the sentence before counted
_PART_OF_THOSE_OPENING_RE = re.compile(r"\s*(?:Of|Among)[^\S\n]+(?:these|those|them|which)[^\S\n]*,[^\S\n]*")
_BLANK_RE = re.compile(r"\s*")
_OR_RESTATED_BEFORE_RE = re.compile(
    r",[^\S\n]+or[^\S\n]+(?:(?:about|around|roughly|some|nearly|almost|over|more[^\S\n]+than)[^\S\n]+)?$", re.I
)
_RANKED_OF_BEFORE_RE = re.compile(r"\b\d+(?:st|nd|rd|th)[^\S\n]+(?:out[^\S\n]+)?of[^\S\n]+$")
_REMAINING_BEFORE_RE = re.compile(r"\bthe[^\S\n]+(?:remaining|other|last|rest\s+of\s+the)[^\S\n]+$", re.I)
# "up from six a year ago"; "have risen to 14 a week from four": the old value of a count moved to
_UP_FROM_BEFORE_RE = re.compile(
    r"\b(?:(?:up|down|rising|falling|rose|fell|increasing|decreasing)"
    r"|to[^\S\n]+(?:[\d,.]+|[a-z]+)(?:[^\S\n]+[a-z]+){0,3}?,?)[^\S\n]+from[^\S\n]+$",
    re.I,
)
_PART_AFTER_WHOLE_BEFORE_RE = re.compile(
    r",[^\S\n]+(?:among[^\S\n]+(?:them|which|these|those)|of[^\S\n]+(?:which|them|these|those))[^\S\n]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|over|more[^\S\n]+than)[^\S\n]+)?$",
    re.I,
)
_OF_AFTER_WORD_RE = re.compile(r"[^\S\n]+of\b", re.I)
# "in two days instead of five", "six hours rather than 12": the other figure of a comparison counts the same
# ("47 enterprises are now registered, compared with just nine when it opened": an approximation may come between)
_INSTEAD_OF_BEFORE_RE = re.compile(
    r"\b(?:instead[^\S\n]+of|rather[^\S\n]+than|compared[^\S\n]+(?:with|to)|against|versus|vs\.?)[^\S\n]+"
    r"(?:(?:just|only|about|some|around|nearly)[^\S\n]+)?$",
    re.I,
)
# "Last year the daily average was about 1,400", "The total stood at 52": the count of the sentence before, again
_TOTAL_WAS_BEFORE_RE = re.compile(
    # "That number should reach around 90 by the end of the year": the count said again, as a plan
    r"\b(?:average|total|figure|number|tally|count)[^\S\n]+(?:(?:should|will|would|could|is[^\S\n]+expected[^\S\n]+to"
    r"|may)[^\S\n]+(?:reach|hit|top|exceed|be)|was|is|stood[^\S\n]+at|came[^\S\n]+to|reached)[^\S\n]+"
    + _ROUGHLY
    + "$",
    re.I,
)
# a sentence that opens on its figure, a verb after it, and a sentence before it that opens on a plural and states no
# figure: "Vehicles have been a standout. Some 12,480 left through the area"
_BARE_OPENING_RE = re.compile(r"\s*[\"“]?" + _ROUGHLY, re.I)
_VERB_AFTER_FIGURE_RE = re.compile(r"[^\S\n]+(?:(?:were|was|have|had)[^\S\n]+)?(?:left|went|came|[a-z]+ed)\b")
_TOPIC_SENTENCE_RE = re.compile(_OPENING_PLURAL + r"[^\S\n]+(?:have|has|had|were|are|was|is|kept|remained)\b[^\d\n]*")
# "A handful of firms were looking. Today more than 60 are registered", "The first convoy arrived in May; 14 have run
# since": a clause that opens on a bare figure and a verb counts what the clause before named without a figure
_CLAUSE_OPENING_RE = re.compile(
    r"\s*[\"“]?(?:(?:Today|Now|Nowadays|Since[^\S\n]+then|So[^\S\n]+far|By[^\S\n]+now)[^\S\n]*,?[^\S\n]+)?" + _ROUGHLY,
    re.I,
)
_COUNT_WITHOUT_FIGURE_RE = re.compile(
    r"\b(?i:a[^\S\n]+handful[^\S\n]+of|a[^\S\n]+few|several|a[^\S\n]+couple[^\S\n]+of|dozens[^\S\n]+of|the[^\S\n]+first"
    # "you could count the Emirati companies on one hand"
    r"|count[^\S\n]+the(?=[^.;\n]{0,60}\bon[^\S\n]+(?:one|two)[^\S\n]+hands?\b))"
    r"[^\S\n]+(?:[A-Z][A-Za-z-]*[^\S\n]+)?([a-z][a-z-]*[a-z])\b(?![^\S\n]+of\b)"
)
_NOT_COUNTED_AFTER_FIRST = {"time", "half", "quarter", "year", "month", "week", "day", "season", "phase", "stage"}


def _count_continued(text, sentence_starts, sentence_index, sentence_start, number_start, unit_end) -> str | None:
    """What a bare figure opening a clause counts when the clause before named it without a figure."""
    semicolon = text.rfind(";", sentence_start, number_start)
    if semicolon >= 0:
        clause_start, window_start = semicolon + 1, sentence_start
    elif sentence_index > 0:
        clause_start, window_start = sentence_start, sentence_starts[sentence_index - 1]
    else:
        return None
    if not _CLAUSE_OPENING_RE.fullmatch(text, clause_start, number_start) or not _PART_VERB_AFTER_RE.match(
        text, unit_end
    ):
        return None
    named = list(_COUNT_WITHOUT_FIGURE_RE.finditer(text, window_start, clause_start))
    if not named or re.search(r"\d", text[named[-1].end() : clause_start]):
        return None
    noun = named[-1].group(1).lower()
    if noun in _STOP_WORDS or noun in _NOT_COUNTED_AFTER_FIRST:
        return None
    noun = noun if noun.endswith("s") else _plural(noun)
    return _COUNTED_AS.get(noun, noun)


_TEAM_OF_BEFORE_RE = re.compile(
    r"\b(?:team|staff|work[^\S\n]?force|payroll|crew)[^\S\n]+of[^\S\n]+" + _ROUGHLY + "$",
    re.I,
)
_TO_JOIN_RE = re.compile(rf"{_SP}+to{_SP}+")  # "grew from 5 to 8 billion yuan"
_NAMED_NUMBERS_RE = re.compile(r"\b(?!the\b|its\b|their\b)([a-z][a-z-]*[a-z])[^\S\n]+numbers\b", re.I)
# "we had eight trucks and one warehouse": one thing more of a list of counts, named in the singular
_COUNT_AND_BEFORE_RE = re.compile(r"\b[a-z][a-z-]*s[^\S\n]+and[^\S\n]+$")
_SINGULAR_AFTER_RE = re.compile(
    r"[^\S\n]+(?P<modifier>[a-z][a-z-]*[^\S\n]+)?(?P<noun>[a-z][a-z-]*[a-z])"
    r"(?=[^\S\n]*[,.;:!?\"”’)]|[^\S\n]+(?:in|at|on|for|with|and|to|from|by|that|which|last|this|now)\b)"
)


def _plural(noun: str) -> str:
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


_MORE_OF_THEM_AFTER_RE = re.compile(r"[^\S\n]+(?:more|additional|further)\b(?![^\S\n]+than\b)", re.I)
_MULTIPLE_OF_BEFORE_RE = re.compile(
    r"\b(?:double|triple|quadruple|twice|times|half|compared[^\S\n]+(?:with|to))[^\S\n]+the[^\S\n]+$", re.I
)
_MORE_AFTER_RE = re.compile(r"[^\S\n]+(?:more|fewer|less|additional)[^\S\n]+than\b", re.I)


# A figure written as an entry of a list or table names what it counts before it: "freight trains 7,180",
# "vehicles exported 76,900", "- Newly registered enterprises: 412", "Vehicles exported through Horgos Port: 41,700"
_NOUN_THEN_FIGURE_RE = re.compile(
    r"(?:^|[\n;:,]|(?<![\w-])[-•*])[^\S\n]*(?!(?:the|a|an|its|their|this|that|these|those|it|they|we)\b)"
    r"(?:[a-z][a-z-]*[^\S\n]+){0,2}?([a-z][a-z-]*[a-z]s)(?:[^\S\n]+[a-z]+ed)?[^\S\n]+$",
    re.I,
)  # an entry has no article: "The park spans 3,000 mu" is a sentence
_ENTRY_VALUE_END_RE = re.compile(r"[^\S\n]*(?:;|\.?[^\S\n]*(?:\n|$))")
# "- refrigerated truck trips: upwards of 12,000": the value may carry its approximation
_LIST_ENTRY_RE = re.compile(
    r"(?:^|[\n;:]|(?<![\w-])[-•*])[^\S\n]*(?P<label>[^\n;:•*]{1,100}):[^\S\n]*" + _ROUGHLY + "$"
)
_PLURAL_WORD_RE = re.compile(r"\b([A-Za-z][a-z-]*[a-z]s)\b")


def _listed_noun(before: str) -> str | None:
    """What a bare figure counts when it is a list entry's value: the plural its label names first."""
    entry = _LIST_ENTRY_RE.search(before)
    if entry:
        for word in _PLURAL_WORD_RE.findall(entry.group("label")):
            if word.lower() not in _STOP_WORDS and not word.lower().endswith(("ss", "ics")):
                return _COUNTED_AS.get(word.lower(), word.lower())
        return None
    noun = _NOUN_THEN_FIGURE_RE.search(before)
    if noun and noun.group(1).lower() not in _STOP_WORDS and not noun.group(1).lower().endswith(("ss", "ics")):
        return _COUNTED_AS.get(noun.group(1).lower(), noun.group(1).lower())
    return None


# "Registered enterprises have more than doubled since the launch, to 31,700": a sentence that opens on what it
# counts, then says how that count moved
_SUBJECT_OPENING_RE = re.compile(
    r"\s*(?:[A-Z][a-z-]*[^\S\n]+)?(?:[a-z][a-z-]*[^\S\n]+){0,2}?([A-Za-z][a-z-]*[a-z]s)[^\S\n]+"
    # "Visits to Xinjiang by UAE residents rose ...", "Departures from Urumqi to the Gulf climbed ..."
    r"(?:(?:to|in|at|of|from|by|through|via|for|on)(?:[^\S\n]+[A-Za-z-]+){1,3}?[^\S\n]+){0,2}"
    # "Trucks crossing the port averaged about 520 a day", "Parcels leaving the Kashi Comprehensive Bonded Zone reached"
    r"(?:[a-z]+ing(?:[^\S\n]+[A-Za-z-]+){0,5}?[^\S\n]+)?"
    r"(?:(?:have|has|had|were|are)[^\S\n]+)?(?:(?:more[^\S\n]+than|nearly|almost)[^\S\n]+)?"
    r"(?:[a-z]+ed|rose|grew|fell|kept|stood|came|hit|reached)\b"
)  # "Passengers using the new terminal numbered 41,000" too


def find_mentions(text: str, *, title: str = "") -> tuple[list[Mention], list[Unparsed]]:
    """Every measurement the text states, in order, and the numbers it could not read.

    Headlines are no figures: the lines at the top of the text before its first sentence, and any
    line that repeats them or the source's `title`, give no mention.
    """
    text = text or ""
    excluded = _excluded_spans(text, title)
    excluded_starts = [start for start, _ in excluded]
    unparsed = [
        Unparsed(match.start(), match.end(), match.group(0), "Chinese numerals or digits in CJK text are not read")
        for match in _UNPARSED_RE.finditer(text)
        if match.group(0).strip()
    ]
    unparsed_spans = [(item.start, item.end) for item in unparsed]
    unparsed_starts = [start for start, _ in unparsed_spans]
    sentence_starts = sentences.sentence_starts(text)

    tokens: list[_Token] = []
    for match in _NUMBER_TOKEN_RE.finditer(text):
        if _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        if _inside(unparsed_spans, unparsed_starts, match.start(), match.end()):
            continue
        if tokens and match.start() < tokens[-1].end:
            continue  # the scale word of the token before ("10 thousand tonnes")
        if match.group("words") and _VAGUE_BEFORE_RE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "a few hundred companies", "several thousand traders": no figure, as "hundreds of" is none
        token = _parse_token(match, text)
        if token is not None:
            tokens.append(token)

    mentions: list[Mention] = []
    consumed_until = -1  # the upper bound of a range is not a figure of its own
    # (sentence start, unit, whether it is this sentence's or the one before) of the last thing counted
    last_counted: tuple[int, str, bool] | None = None
    for index, token in enumerate(tokens):
        if (
            token.start < consumed_until
            or (token.is_word and _fraction_at(text, token.start))
            or _FOLD_AFTER_RE.match(text, token.end)
            or _FACTOR_OF_BEFORE_RE.search(text, max(0, token.start - 12), token.start)
            or _is_times_multiplier_at(text, token.start)
            or _ONE_IN_DENOMINATOR_RE.search(text, max(0, token.start - 16), token.start)
            or _ONE_IN_RE.match(text, token.start)  # "9 in 10 firms": the share is read below, not its parts
        ):
            continue  # a range's upper bound; the count of a fraction ("one-quarter") or "fivefold", read below
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        sentence_index = sentences.sentence_index(sentence_starts, token.start)
        sentence_start = sentence_starts[sentence_index]
        if last_counted and last_counted[0] != sentence_start:
            previous_start = sentence_starts[sentence_index - 1] if sentence_index > 0 else -1
            last_counted = (last_counted[0], last_counted[1], last_counted[0] == previous_start)
        before = text[max(sentence_start, token.start - 60) : token.start]
        unit, unit_end, number_start = _unit_of(text, token, before)
        if _is_date_or_period(text, token, before, unit, unit_end):
            continue
        numbered = _NUMBERED_BEFORE_RE.search(before) if unit is None else None
        if numbered:  # "ranked No. 1" is a rank; "Document No. 5" or "No. 3 Middle School" is a name
            if not _RANK_BEFORE_RE.search(before, 0, numbered.start()):
                continue
            unit, unit_end = "rank", token.end
        qualifier, qualifier_start = _qualifier_before(text, number_start)
        passed_mark = _MARK_PASSED_BEFORE_RE.search(text, max(0, number_start - 40), number_start)
        if qualifier == EXACT and passed_mark and _MARK_AFTER_RE.match(text, unit_end):
            # "topped the 100-billion-yuan mark", "neared the 1 million-tonne threshold"
            qualifier = NEARLY if passed_mark.group(1).lower().startswith(("near", "approach")) else MORE_THAN
            qualifier_start = passed_mark.start()
        value_max = None
        value = token.value
        if unit == "h" and value == Decimal("0.5") and text.startswith(("half", "Half"), token.start):
            value, unit = Decimal(30), "min"  # "under half an hour": thirty minutes, as the labels count it
        bounded = _range_upper(text, token, following, unit, unit_end, before)
        if bounded is not None:
            value, value_max, unit, unit_end, range_start = bounded
            qualifier, qualifier_start, consumed_until = BETWEEN, range_start, following.end
        elif (
            unit is None
            and following is not None
            and following.value > token.value
            and last_counted
            and last_counted[0] == sentence_start
            and _TO_JOIN_RE.fullmatch(text, token.end, following.start)
            and _MORE_OF_THEM_AFTER_RE.match(text, following.end)
        ):
            # "at least 10 new cases this year, and have two to three more adopted": a range of the same count
            value_max, unit, unit_end = following.value, last_counted[1], following.end
            qualifier, qualifier_start, consumed_until = BETWEEN, number_start, following.end
        elif (
            unit is None
            and token.is_word
            and following is not None
            and following.is_word
            and following.value > token.value
            and last_counted
            and last_counted[0] == sentence_start
            and last_counted[1] in _DURATIONS
            and _TO_JOIN_RE.fullmatch(text, token.end, following.start)
            and _ENDS_CLAUSE_RE.match(text, following.end)
        ):
            # "Parcels that took 10-12 days ... now arrive in three to four, she said": the same duration, a range
            value_max, unit, unit_end = following.value, last_counted[1], following.end
            qualifier, qualifier_start, consumed_until = BETWEEN, number_start, following.end
        approximate = _PLUS_AFTER_RE.match(text, token.end) if unit is None else None
        if approximate and qualifier == EXACT:  # "1,200-plus enterprises", "300-odd contracts", "60 or more"
            qualifier = _PLUS_QUALIFIERS[(approximate.group(1) or approximate.group(2)).lower()]
        if unit is None:
            counted = _count_noun_after(text, approximate.end() if approximate else token.end)
            if counted:
                unit, unit_end = counted
                if unit == "enterprises":
                    unit = _participants_named(text, sentence_starts, sentence_index, token.end, unit_end) or unit
                if unit == "points" and (
                    _POINTS_ARE_PP_RE.search(text, sentence_start, token.start)
                    or _TO_PERCENT_AFTER_RE.match(text, unit_end)  # "up 3 points to 45 percent"
                ):
                    unit = "pp"  # "the share rose by 2.3 points": percentage points
                if unit == "units" and _VEHICLES_BEFORE_RE.search(text, sentence_start, token.start):
                    unit = "vehicles"  # "Vehicle exports reached 61,300 units", "exports of vehicles fell to 900 units"
                hiring = (
                    unit not in _WORKFORCE_NOUNS | _NOT_PEOPLE_NOUNS
                    and unit not in MEASUREMENT_UNITS
                    and _HIRING_BEFORE_RE.search(text, max(0, number_start - 40), number_start)
                )
                if hiring:
                    unit = "jobs"  # "hired 40 extra drivers and loaders for the season": people taken on are jobs
                if unit in _WORKFORCE_NOUNS:
                    employing = _EMPLOYING_BEFORE_RE.search(text, max(0, number_start - 60), number_start)
                    if (
                        unit == "employees"  # "a target of 40 employees": employees are jobs, however counted
                        or _PAYROLL_AFTER_RE.match(text, unit_end)  # "the 26 people on his payroll"
                    ) or (
                        (employing and not (employing.group("having") and unit == "people"))
                        or _AT_WORK_AFTER_RE.match(text, unit_end)
                        or (
                            last_counted
                            and last_counted[0] == sentence_start
                            and last_counted[1] == "jobs"
                            and _WORKFORCE_ADDED_BEFORE_RE.search(before)
                        )
                    ):
                        unit = "jobs"
                if unit not in _NOT_PEOPLE_NOUNS and _INTO_JOBS_AFTER_RE.match(text, unit_end):
                    unit = "jobs"  # "helping about 14,600 rural residents into jobs", "put 900 graduates into work"
                if unit in ("places", "positions", "spots", "notches") and (
                    _RANK_MOVE_BEFORE_RE.search(before) or _HIGHER_AFTER_RE.match(text, unit_end)
                ):
                    unit = "rank"  # "ranked 58th, up 11 places": a move in a ranking
                if unit == "times" and _PER_PERIOD_AFTER_RE.match(text, unit_end):
                    unit = _runs_named(text, sentence_start, token.start) or unit  # "flights ... four times a week"
                if (
                    (unit == "ones" or _PART_AFTER_WHOLE_BEFORE_RE.search(before))
                    and last_counted
                    and (last_counted[0] == sentence_start or (unit == "ones" and last_counted[2]))
                ):
                    # "3,100 enterprises, including 420 foreign-funded ones"; "1,200 businesses operate there, among
                    # them 46 duty-free operators": a part counts what its whole counts
                    unit = last_counted[1]
                if (
                    unit in ("countries", "states", "nations")
                    and _THE_BEFORE_RE.search(before)
                    and re.search(r"[A-Z]", text[token.end : unit_end])
                ):
                    continue  # "the five Central Asian countries", "the six GCC states": a named group, no count
                if _RUN_OF_PERIODS_RE.match(text, token.end):
                    continue  # "for three consecutive years": how long a trend has lasted
                if (
                    token.is_word
                    and _SET_OPENING_RE.fullmatch(text, sentence_start, token.start)
                    and _NO_PART_AFTER_RE.match(text, unit_end)
                ):
                    continue  # "Of the three areas, the Urumqi area posted ...": a known set to pick from
                if _WHICH_OF_BEFORE_RE.search(before):
                    continue  # "they ask which of the three areas suits them": a known set to choose from, no figure
                if (
                    token.is_word
                    and token.value == 2
                    and _THE_BEFORE_RE.search(before)
                    and not _OLD_PAIR_BEFORE_RE.search(before)
                ):
                    continue  # "between the two networks", "links the two ports": a pair already named, no figure
        if unit in _IMPERIAL_UNITS and _CONVERSION_BRACKET_BEFORE_RE.search(
            text, max(0, qualifier_start - 3), qualifier_start
        ):
            continue  # "16.58 sq km (about 6.4 square miles)": the same size restated for other readers, no figure
        counting = unit is None and token.is_word and token.value == 1 and last_counted
        single = _SINGULAR_AFTER_RE.match(text, token.end) if counting and last_counted[0] == sentence_start else None
        if (
            single
            and _COUNT_AND_BEFORE_RE.search(before)
            and not {word.strip() for word in single.groups() if word} & _STOP_WORDS
            and not single.group("noun").endswith(("ed", "ly", "s"))
        ):
            plural = _plural(single.group("noun"))
            unit, unit_end = _COUNTED_AS.get(plural, plural), single.end()
        one_run = _ONE_RUN_AFTER_RE.match(text, unit_end) if unit is None and token.value == 1 else None
        if one_run:  # "with one departure every week", "one flight a day": a frequency of one run
            unit, unit_end = one_run.group("run").lower() + "s", one_run.end("run")
        if unit is None and _PER_PERIOD_AFTER_RE.match(text, unit_end):
            # "Direct flights ... have risen to five a week": a bare count per day or week counts the runs named
            unit = _runs_named(text, sentence_start, token.start)
        elif (
            unit is None
            and following is not None
            and _TO_JOIN_RE.fullmatch(text, token.end, following.start)
            and _FROM_BEFORE_RE.search(before)
            and _PER_PERIOD_AFTER_RE.match(text, following.end)
        ):
            # "flights ... will rise from four to seven a week": the old value counts the runs the new one does
            unit = _runs_named(text, sentence_start, token.start)
        if unit is None and _TEAM_OF_BEFORE_RE.search(before):
            unit = "jobs"  # "a sales team of two dozen", "a workforce of 1,200": the people a business employs
        if (
            unit is None
            and not token.is_word
            and sentence_index > 0
            and _BARE_OPENING_RE.fullmatch(text, sentence_start, number_start)
            and _VERB_AFTER_FIGURE_RE.match(text, unit_end)
        ):
            # "Vehicles have been a standout. Some 12,480 left through the area": what the sentence before opened on
            topic = _TOPIC_SENTENCE_RE.fullmatch(text, sentence_starts[sentence_index - 1], sentence_start)
            if topic and topic.group(1).lower() not in _STOP_WORDS:
                unit = _COUNTED_AS.get(topic.group(1).lower(), topic.group(1).lower())
        if unit is None and not token.is_word:
            unit = _count_continued(text, sentence_starts, sentence_index, sentence_start, number_start, unit_end)
        if unit is None:
            unit = _counted_elsewhere(text, token, following, sentence_start, before, last_counted)
            if (
                unit is None
                and last_counted
                and sentence_index > 1
                and last_counted[0] == sentence_starts[sentence_index - 2]
                and _BLANK_RE.fullmatch(text, sentence_start, token.start)
                # "Seven of them ...", "Seven are commercial contracts"
                and (
                    _OF_THEM_RE.match(text, token.end)
                    or (token.is_word and _PART_VERB_AFTER_RE.match(text, token.end))
                )
                and (between := _THE_PLURAL_OPENING_RE.match(text, sentence_starts[sentence_index - 1], sentence_start))
                and between.group(1).lower() not in _STOP_WORDS
            ):
                # "... signed 19 agreements. The deals cover energy and logistics. Seven of them ...": the sentence
                # between names the same things again, so 'them' are those counted before it
                unit = last_counted[1]
            if unit is None:
                continue  # a number word with nothing counted ("one of", "ONE" as a heading)
            if unit in ("exports", "imports") and _VEHICLE_TRADE_RE.search(text, sentence_start, token.start):
                unit = "vehicles"  # "Vehicle exports through the port came to 38,600": the vehicles exported
            if (
                unit in MONEY_UNITS
                and token.scale == 1
                and following is not None
                and following.scale > 1
                and token.value * following.scale < following.value
                and _TO_JOIN_RE.fullmatch(text, token.end, following.start)
            ):
                value = token.value * following.scale  # "grew from 5 to 8 billion yuan": 5 billion
            named = _NAMED_NUMBERS_RE.search(text, sentence_start, token.start) if unit == "numbers" else None
            if named:  # "Passenger numbers hit 1.2 million", "visitor numbers rose to 80,000": passengers, visitors
                plural = _plural(named.group(1).lower())
                unit = _COUNTED_AS.get(plural, plural)
        if unit in ("departures", "arrivals"):
            kind = _RUN_KIND_RE.search(text, sentence_start, token.start)
            if kind:  # "Truck departures from the bonded zone have averaged about 110 a day": trucks
                unit = _plural(kind.group(1).lower())
        if unit and unit not in _NOT_INHERITED_UNITS:
            last_counted = (sentence_start, unit, True)
        mentions.append(
            Mention(
                start=min(qualifier_start, number_start),
                end=unit_end,
                value=value,
                value_max=value_max,
                unit=unit,
                qualifier=qualifier,
                number_start=number_start,
                number_end=token.end,
            )
        )

    mentions.extend(_ranks(text, excluded, excluded_starts))
    mentions.extend(_multipliers(text, excluded, excluded_starts))
    mentions.extend(_times(text, excluded, excluded_starts))
    mentions.extend(_one_in(text, excluded, excluded_starts))
    mentions.extend(_fractions(text, excluded, excluded_starts))
    mentions.extend(_frequencies(text, excluded, excluded_starts, sentence_starts))
    mentions.sort(key=lambda mention: mention.number_start)
    mentions = [_signed(text, mention) for mention in mentions]
    return _conversions_inherit_bounds(text, mentions), unparsed


# "one departure every week", "one flight a day": a single run, counted per period
_ONE_RUN_AFTER_RE = re.compile(
    # "one freighter flight a week", "one cold-chain train a day": the run may be described
    r"(?:[^\S\n]+(?:freighter|cargo|passenger|direct|scheduled|charter|cold-chain|freight|express|return))?"
    r"[^\S\n]+(?P<run>flight|train|departure|sailing|voyage|shuttle|trip)(?=[^\S\n]+(?:(?:a|per|each|every)[^\S\n]+"
    r"(?:day|week|month)|daily|weekly|monthly)\b)",
    re.I,
)
# How often something runs: "four times a week", "twice weekly", "once a day"; it counts the runs its sentence names
_PER_PERIOD_AFTER_RE = re.compile(
    r"[^\S\n]+(?:(?:a|per|each|every)[^\S\n]+(?:day|week|month|year)|daily|weekly|monthly|annually)\b", re.I
)
_OFTEN_RE = re.compile(
    r"\b(?P<n>once|twice|thrice)(?=[^\S\n]+(?:(?:a|per|each|every)[^\S\n]+(?:day|week|month|year)|daily|weekly"
    r"|monthly)\b|(?P<hyphened>-(?:daily|weekly|monthly)\b))"
    # "a four-times-weekly service", "a 10-times-daily shuttle": a count of runs joined to its period
    r"|(?<![\w.,-])(?P<times>\d+|" + "|".join(_FOLD_WORDS) + r")-times"
    r"(?=(?P<times_hyphened>-(?:daily|weekly|monthly)\b))",
    re.I,
)
# "a twice-weekly freighter service": the runs a frequency joined to its period describes, named right after it
_RUNS_AFTER_RE = re.compile(
    # "twice-weekly Boeing 777 freighter flights": an aircraft's model may name the runs' kind
    r"(?:[^\S\n]+[A-Za-z-]+|[^\S\n]+\d{3}[A-Z]?){0,3}?[^\S\n]+(?P<run>flight|train|service|sailing|departure|shuttle)s?\b"
)
_OFTEN_VALUES = {"once": 1, "twice": 2, "thrice": 3}
# The runs a frequency counts, one or many, or the flying that makes them: "Flight G9 528 will operate three times a
# week", "the airline now flies five times weekly"
_RUNS_RE = re.compile(
    r"\b(?:(?P<run>flight|train|service|trip|sailing|departure|bus|shuttle|voyage)(?:e?s)?|(?P<flying>fl(?:y|ies|ew|own)))\b",
    re.I,
)


def _runs_named(text: str, sentence_start: int, position: int) -> str | None:
    """The runs (flights, trains, ...) a frequency counts: the last its sentence names before it."""
    runs = list(_RUNS_RE.finditer(text, sentence_start, position))
    if not runs:
        return None
    run = (runs[-1].group("run") or "flight").lower()
    return "flights" if run == "service" else "buses" if run == "bus" else f"{run}s"


def _frequencies(text: str, excluded, excluded_starts, sentence_starts) -> list[Mention]:
    """'twice weekly', 'once a day': how often the runs its sentence names go, as a count of them."""
    found = []
    for match in _OFTEN_RE.finditer(text):
        if _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        sentence_start = sentence_starts[sentences.sentence_index(sentence_starts, match.start())]
        hyphened_end = match.end("hyphened") if match.group("hyphened") else match.end("times_hyphened")
        runs_after = _RUNS_AFTER_RE.match(text, hyphened_end) if hyphened_end > 0 else None
        if runs_after:
            run = runs_after.group("run").lower()
            # "a twice-weekly rail service" runs trains, "a twice-weekly freighter service" flights
            if run == "service":
                run = "train" if re.search(r"\b(?:rail|train|freight-train)\b", runs_after.group(0), re.I) else "flight"
            unit = f"{run}s"
        else:
            unit = _runs_named(text, sentence_start, match.start())
        if unit is None:
            continue
        qualifier, qualifier_start = _qualifier_before(text, match.start())
        if match.group("times"):
            times = match.group("times").lower()
            value = Decimal(_FOLD_WORDS[times] if times in _FOLD_WORDS else times)
        else:
            value = Decimal(_OFTEN_VALUES[match.group("n").lower()])
        found.append(
            Mention(
                min(qualifier_start, match.start()),
                match.end(),
                value,
                unit,
                qualifier,
                None,
                match.start(),
                match.end(),
            )
        )
    return found


_AND_FOR_BY_BEFORE_RE = re.compile(
    r",?[^\S\n]+and[^\S\n]+(?:for|at|in|on)[^\S\n]+[\w'-]+(?:[^\S\n]+[\w'-]+){0,3}?[^\S\n]+by[^\S\n]+"
    r"(?:(?:about|around|roughly|nearly|almost|some|over|more[^\S\n]+than)[^\S\n]+)?$",
    re.I,
)
_CUT_EARLIER_RE = re.compile(r"\b(?:cut|reduced|lowered|slashed|shortened)[^\S\n]+by\b(?:[^.;!?\n]|\.\d)*$", re.I)


def _signed(text: str, mention: Mention) -> Mention:
    """A percentage or percentage points said to fall is a negative change: 'fell 3.2 percent' and 'a 3.2 percent
    decline' are -3.2."""
    if mention.unit not in ("%", "pp") or mention.value <= 0:
        return mention
    if not (
        _FALL_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
        or _CUT_BEFORE_RE.search(text, max(0, mention.start - 70), mention.start)
        or _FALL_AFTER_RE.match(text, mention.end)
        # "has been cut by 58.4 percent since the launch, and for exports by 71.2 percent": the same cut again
        or (
            _AND_FOR_BY_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
            and _CUT_EARLIER_RE.search(text, max(0, mention.start - 160), mention.start)
        )
    ):
        return mention
    if _COSTS_BEFORE_RE.search(text, max(0, mention.start - 140), mention.start):
        return mention
    if mention.value_max is None:
        return dataclasses.replace(mention, value=-mention.value)
    return dataclasses.replace(mention, value=-mention.value_max, value_max=-mention.value)


def _multipliers(text: str, excluded, excluded_starts) -> list[Mention]:
    """'doubled', 'nearly doubling', 'roughly double the volume': an increase of 100 percent (tripled: 200,
    quadrupled: 300); 'a fivefold increase' is one of 400 percent, as five times the old value; 'halved' is
    a change of -50 percent."""
    found = []
    matches, searched_to = [], 0
    for hint in _MULTIPLIER_HINT_RE.finditer(text):
        if hint.start() < searched_to:
            continue
        match = _MULTIPLIER_RE.search(text, max(searched_to, hint.start() - 12), hint.end() + 10)
        if match is not None:
            matches.append(match)
            searched_to = match.end()
    for match in matches:
        if _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        if match.group("fold") or match.group("factor"):
            times = (match.group("fold") or match.group("factor")).lower()
            value = _plain((Decimal(_FOLD_WORDS[times]) if times in _FOLD_WORDS else Decimal(times)) * 100 - 100)
        else:
            value = Decimal(
                100
                if match.group("double") or match.group("twice")
                else 200
                if match.group("triple")
                else -50
                if match.group("halve")
                else 300
            )
        qualifier, qualifier_start = _qualifier_before(text, match.start())
        found.append(_percent_mention(match, value, qualifier, qualifier_start))
    return found


def _one_in(text: str, excluded, excluded_starts) -> list[Mention]:
    """'one in five enterprises' is a share of 20 percent; 'two in three' about 66.7."""
    found = []
    for match in _ONE_IN_RE.finditer(text):
        if _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        part, whole = (_count_value(match.group(key).lower()) for key in ("n" if match.group("n") else "n_words", "m"))
        if not 0 < part < whole:
            continue
        found.append(_share_mention(text, match, part, whole))
    return found


def _is_times_multiplier_at(text: str, position: int) -> bool:
    match = _TIMES_RE.match(text, position)
    return match is not None and _times_multiplier(text, match)


def _times(text: str, excluded, excluded_starts) -> list[Mention]:
    """'grew 10 times' is +900 percent, '1.3 times that of a year earlier' +30 percent."""
    found = []
    for match in _TIMES_RE.finditer(text):
        if not _times_multiplier(text, match) or _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        times = match.group("n").lower()
        multiple = Decimal(_FOLD_WORDS[times]) if times in _FOLD_WORDS else Decimal(times)
        if multiple <= 1:
            continue
        qualifier, qualifier_start = _qualifier_before(text, match.start())
        found.append(_percent_mention(match, _plain(multiple * 100 - 100), qualifier, qualifier_start))
    return found


def _percent_mention(match: re.Match, value: Decimal, qualifier: str, qualifier_start: int) -> Mention:
    """A percentage read from words ('doubled', 'one-third'): the mention spans its qualifier too."""
    start = min(qualifier_start, match.start())
    return Mention(start, match.end(), value, "%", qualifier, None, match.start(), match.end())


def _share_mention(text: str, match: re.Match, part: int, whole: int) -> Mention:
    """A share in words ('one in five', 'two-thirds') as a percentage to one decimal; a rounded one is 'about'."""
    exact = Decimal(100 * part) / Decimal(whole)
    value = _plain(exact.quantize(Decimal("0.1")))
    qualifier, qualifier_start = _qualifier_before(text, match.start())
    if qualifier == EXACT and value != exact:
        qualifier = ABOUT
    return _percent_mention(match, value, qualifier, qualifier_start)


def _plain(value: Decimal) -> Decimal:
    """50.0 -> 50, 33.30 -> 33.3: a computed percentage as it would be printed."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _fraction_at(text: str, position: int) -> re.Match | None:
    """The fraction that starts at position, if the words around it make it a figure."""
    match = _FRACTION_RE.match(text, position)
    if match is None:
        return None
    before = text[max(0, position - 40) : position]
    if _PERIOD_WORD_BEFORE_RE.search(before) or _HALF_YEAR_BEFORE_RE.search(before):
        return None  # "the first three quarters of 2023", "the first-half total": periods, no fraction
    if (
        _FRACTION_USE_AFTER_RE.match(text, match.end())
        or _FRACTION_USE_BEFORE_RE.search(before)
        # "supplying nearly half", "or roughly one-third": a fraction with a bound or an 'about' is a figure
        or _QUALIFIER_RE.search(before)
    ):
        return match
    return None


def _fractions(text: str, excluded, excluded_starts) -> list[Mention]:
    """'one-third of that trade', 'roughly one-fifth more': a share or change in percent, to one decimal;
    a fraction that is no whole percent is 'about' its rounded value."""
    found = []
    for found_at in _FRACTION_RE.finditer(text):
        match = _fraction_at(text, found_at.start())
        if match is None or _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        if match.group("half"):
            count, part = 1, 2
        else:
            count = 1 if match.group("count").lower() == "a" else int(text2num(match.group("count").lower(), "en"))
            part = _FRACTION_PARTS[match.group("part").lower().rstrip("s")]
        if count >= part:
            continue
        found.append(_share_mention(text, match, count, part))
    return found


def _conversions_inherit_bounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """'more than 62 billion yuan ($8.8 billion)': the converted figure is a bound too, even where
    the brackets say 'about' (the conversion is approximate; the bound is the text's); 'roughly $420 million
    (Dh1.54 billion)': a conversion of a rough figure is as rough."""
    for index in range(1, len(mentions)):
        original, converted = mentions[index - 1], mentions[index]
        if (original.qualifier in _BOUND_QUALIFIERS and converted.qualifier in (EXACT, ABOUT)) or (
            original.qualifier == ABOUT and converted.qualifier == EXACT
        ):
            if _is_conversion(text, original, converted):
                mentions[index] = dataclasses.replace(converted, qualifier=original.qualifier)
    return mentions


def _ranks(text: str, excluded, excluded_starts) -> list[Mention]:
    """Ordinals the text makes a rank: '49th place', 'ranks second nationwide'."""
    ranks = []
    for match in _ORDINAL_RE.finditer(text):
        if _inside(excluded, excluded_starts, match.start(), match.end()):
            continue
        after_place = _RANK_AFTER_RE.match(text, match.end()) or _SUPERLATIVE_AFTER_RE.match(text, match.end())
        after_rank_word = _RANK_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
        # "ranked 21st ..., up from 34th in 2023": the old rank of a rank stated before it in the sentence
        old_rank = (
            ranks
            and match.start() - ranks[-1].end < 200
            and _OLD_RANK_BEFORE_RE.search(text, max(0, match.start() - 30), match.start())
            and not re.search(r"[.!?]\s", text[ranks[-1].end : match.start()])
        )
        next_ranked = (
            ranks
            and match.start() - ranks[-1].end < 120
            and _NEXT_RANKED_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
            and not re.search(r"[.!?]\s", text[ranks[-1].end : match.start()])
        )
        after_rank_word = (
            after_rank_word
            or (
                _CAME_BEFORE_RE.search(text, max(0, match.start() - 20), match.start())
                and _CAME_RANK_AFTER_RE.match(text, match.end())
            )
            or _RANK_MOVED_TO_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
        )
        if not (after_place or after_rank_word or old_rank or next_ranked):
            continue
        if match.group("number"):
            value = Decimal(match.group("number"))
        else:
            value = Decimal(_ORDINAL_WORDS[match.group("word").lower()])
        end = after_place.end() if after_place else match.end()
        ranks.append(Mention(match.start(), end, value, "rank", EXACT, None, match.start(), match.end()))
    return ranks


# --------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------
_CLAUSE_BREAK_RE = re.compile(r",\s+|;\s+|\s+[—–]\s+|\s+-\s+|:\s+")
# A clause starting with one of these continues the one before it, whose subject it needs.
_CONTINUATION_RE = re.compile(
    r"(?:exceeding|an?\s|up\b|down\b|representing|with\b|bringing|which\b|and\b|or\b|among\b|while\b|"
    r"reducing|increasing|saving|cutting|yielding|topping|ranking|leaping|marking|setting|doubling|"
    r"contributing|handling|resolving|including|compared|year-on-year|respectively|over\b|from\b|to\b|"
    r"accounting|reaching|surging|rising|falling|growing|covering|as\b|it\b|this\b|these\b)",
    re.I,
)


def _quote_span(text: str, sentence_start: int, sentence_end: int, mention_start: int, mention_end: int):
    """The clause carrying the number, widened back to its subject and on to the end of its clause."""
    # A break needs space after the comma, so "3,100" is never split.
    breaks = list(_CLAUSE_BREAK_RE.finditer(text, sentence_start, sentence_end))
    clause_starts = [sentence_start] + [match.end() for match in breaks if match.end() <= mention_start]
    position = len(clause_starts) - 1
    # Widen back while the clause starts with a word that continues the previous clause.
    while position > 0 and _CONTINUATION_RE.match(text, clause_starts[position]):
        position -= 1
    start = clause_starts[position]
    end = sentence_end
    for match in breaks:
        if match.start() >= mention_end:
            end = match.start()
            break
    # The clause runs on past the figure, so a conversion in brackets and a period phrase
    # right after it ("($13.36 billion) in 2025") are part of the quote.
    quote = text[start:end].rstrip()
    while quote and quote[-1] in ".;:,":
        quote = quote[:-1]  # the closing full stop is the sentence's, not the claim's
    if quote.count("(") > quote.count(")"):  # a clause break inside brackets: close them
        closing = text.find(")", start + len(quote))
        if 0 <= closing < sentence_end + 1:
            quote = text[start : closing + 1]
    quote = quote.strip().strip('“”"‘’').strip()
    offset = text.find(quote, start)
    return offset, offset + len(quote)


# --------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------
_YEAR = r"(?:19|20)\d{2}"
_MONTH = rf"(?:{_MONTH_NAMES})"
_MONTH_OR_ABBR = rf"(?:{_MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"  # "Jan-Sept", "Nov. 30"
_COUNT = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
# After a bare month: no day ("June 30") and no year ("June, 2025"), but a figure may follow
# ("at the end of June, 2,050 of them ...").
_NO_DAY_OR_YEAR = r"(?!\s*\d{1,2}(?:st|nd|rd|th)?\b(?!,\d)|,?\s*(?:19|20)\d\d\b)"
# One pattern a line, so the table reads as a table (hence the long lines).
_PERIOD_RES = [
    # "for the fiscal first half to September 30", "the first half of its 2026-27 fiscal year, which ended on 30th
    # September": a company's half or quarter, the months up to the day it ended
    ("fiscal_part", re.compile(rf"\b(?:fiscal\s+)?(?P<part>(?:first|second)\s+half|(?:first|second|third|fourth)\s+quarter)\b[^.;]{{0,50}}?\b(?:to|ended|ending|through)\s+(?:on\s+)?(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}))(?:,?\s+(?P<y1>{_YEAR}))?", re.I)),  # noqa: E501
    # "by mid-2026", "as of mid-year": a level at the end of June
    ("mid_year", re.compile(rf"\b(?:by|as\s+of|as\s+at|at|until)\s+(?:the\s+)?mid-?(?:(?P<y1>{_YEAR})|year)\b", re.I)),  # noqa: E501
    ("quarter_range", re.compile(rf"\bQ(?P<q1>[1-4])\s*[-–]\s*Q?(?P<q2>[1-4])\b(?:,?\s+(?P<year>{_YEAR})\b)?")),
    ("quarter", re.compile(rf"\b(?:(?:the\s+)?(?P<ord>first|second|third|fourth|final)\s+quarter|Q(?P<q>[1-4]))(?:\s+of\s+(?P<year>{_YEAR}|this year|last year|the year)|,?\s+(?P<year2>{_YEAR}))?\b(?![-\s]+(?:of\s+)?(?:the\s+)?(?:way|century))", re.I)),  # noqa: E501
    ("second_half", re.compile(rf"\b(?:the\s+)?second[\s-]+half(?:\s+of\s+(?P<year>{_YEAR}|this year|last year|the year))?\b", re.I)),  # noqa: E501
    ("year_end", re.compile(r"\b(?:by|before|as\s+(?:of|at)|at|until|till|to)\s+(?:the\s+)?(?:end\s+of\s+(?P<which>last|this|next|the|the\s+previous|the\s+past)\s+year|year[-\s]end)\b", re.I)),  # noqa: E501
    ("year_span", re.compile(rf"\b(?:[Bb]etween\s+(?P<y1>{_YEAR})\s+and\s+(?P<y2>{_YEAR})|(?P<y3>{_YEAR})\s*[-–]\s*(?P<y4>(?:19|20)?\d\d))\b(?![-–]\d)")),  # noqa: E501
    ("first_months", re.compile(rf"\b(?:the\s+)?first\s+(?P<n>{_COUNT})\s+months(?:\s+of\s+(?P<year>{_YEAR}|this year|last year|the year))?\b", re.I)),  # noqa: E501
    # "in the last two months of 2023", "the final quarter of last year" is read as a quarter: a year's closing months
    ("last_months_of", re.compile(rf"\b(?:the\s+)?(?:last|final|closing)\s+(?P<n>{_COUNT})\s+months\s+of\s+(?P<year>{_YEAR}|this year|last year)\b", re.I)),  # noqa: E501
    ("first_quarters", re.compile(rf"\b(?:the\s+)?first[\s-]+(?:(?P<n>{_COUNT})\s+quarters?|(?P<half>half))(?:\s+of\s+(?P<year>{_YEAR}|this year|last year|the year))?\b", re.I)),  # noqa: E501
    # "in the quarter", "during the year": the quarter or year named before (not "the year to June", "the year before")
    ("same", re.compile(r"\b(?:in|during|over|for|throughout)\s+the\s+(?P<span>quarter|year|half|month)\b(?!['’]s|[-\s]+(?:to|through|ending|ended|of|before|earlier|ago|since|as\s+a\s+whole|on|end)\b)", re.I)),  # noqa: E501
    # "a quarter of the quarter's value", "the month's total": the quarter or month named before
    ("same", re.compile(r"\bthe\s+(?P<span>quarter|half|month|year)['’]s\b", re.I)),
    # "Of this season's volume, 57 percent ...": the season named before
    ("same", re.compile(r"\b(?:this|the)\s+season['’]s\b", re.I)),
    ("same", re.compile(rf"\b(?:(?:(?:the\s+)?same|(?:in|during|over|for)\s+the(?=\s+{_COUNT}\s+months\b(?!\s+(?:to|through|ending|ended)\b)))\s+(?:period|(?:(?P<n>{_COUNT})\s+)?(?:months|quarters|weeks))(?:\s+(?:of\s+)?(?:{_YEAR}|last\s+year|the\s+previous\s+year))?|in\s+the\s+period|(?:during|over|for|throughout)\s+the\s+period(?!\s+(?:of|from|since|between|to|ending|ended)\b)|(?:the\s+)?reporting\s+period|(?:of\s+)?that\s+total|by\s+then|by\s+that\s+time|(?:at|on|by|as\s+of)\s+that\s+(?:date|day|point)|(?:this|(?:during|over|throughout)\s+the)\s+season\b(?!['’]s))\b", re.I)),  # noqa: E501
    # Counted from the zone's launch, when the text dates it: "since the launch", "since the FTZ was launched",
    # "from the launch to the end of September", "at the outset", "when it opened", "its first full year"
    ("launch_to", re.compile(rf"\b[Ff]rom\s+(?:the|its)\s+(?:[\w-]+['’]s\s+)?(?:launch|establishment|inception|opening)\s+(?:to|until|through)\s+(?:the\s+end\s+of\s+|end-)?(?P<m2>{_MONTH})(?:\s+(?P<y2>{_YEAR}))?")),  # noqa: E501
    ("since_launch", re.compile(r"\b[Ss]ince\s+(?:(?:the|its)\s+(?:[\w-]+['’]s\s+)?(?:launch|establishment|inception|opening|founding)\b(?!\s+(?:in|on)\s+\w)|(?:it|the\s+(?:pilot\s+)?(?:zone|FTZ|area))\s+(?:was\s+)?(?:launched|established|set\s+up|opened|founded)\b(?!\s+(?:in|on|last|this)\s+\w))")),  # noqa: E501
    ("at_launch", re.compile(r"\b(?:at\s+the\s+(?:outset|start)|at\s+(?:its\s+|the\s+(?:pilot\s+)?(?:zone|FTZ|area)['’]s\s+)?launch|when\s+(?:it|the\s+(?:pilot\s+)?(?:zone|FTZ|area))\s+(?:was\s+)?(?:opened|launched|established|set\s+up|began))\b(?!\s+(?:in|on)\s+\w)", re.I)),  # noqa: E501
    ("first_full_year", re.compile(r"\b(?:its|the\s+(?:zone|FTZ|area)['’]s)\s+first\s+full\s+year\b", re.I)),
    ("since_season", re.compile(r"\b[Ss]ince\s+(?:[a-z’']+\s+){0,7}?(?P<last>last\s+)?(?P<season>spring|summer|autumn|fall|winter)\b")),  # noqa: E501
    # "since April", "since the start of November", "since April last year": from that month to the anchor date
    ("since_month", re.compile(rf"\b[Ss]ince\s+(?:the\s+(?:start|beginning)\s+of\s+|early[-\s]+)?(?P<m1>{_MONTH})\b(?!\s*\d|\s*,?\s*{_YEAR}\b)(?:\s+(?P<which>last|this)\s+year\b)?")),  # noqa: E501
    # "Since the service was launched in July": from that month, the latest such by the anchor date
    ("since_month", re.compile(rf"\b[Ss]ince\s+(?:[a-z’']+\s+){{1,7}}?in\s+(?P<m1>{_MONTH})\b(?!\s*\d|\s*,?\s*{_YEAR}\b)")),  # noqa: E501
    # "Since the lane opened on October 16, 1,150 trucks have used it": from that day to the anchor date
    ("since_day", re.compile(rf"\b[Ss]ince\s+(?:[a-z’']+\s+){{1,7}}?on\s+(?:(?P<m1>{_MONTH_OR_ABBR})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH}))\b(?:,?\s+(?P<y1>{_YEAR})\b)?")),  # noqa: E501
    ("this_year", re.compile(r"\b(?:since|from)\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+year\b", re.I)),
    # "up from 150 at the start of the year": a level on 1 January of the year the text speaks in
    ("year_start", re.compile(rf"\b(?:at|on)\s+the\s+(?:start|beginning)\s+of\s+(?:(?:the|this)\s+year|(?P<y1>{_YEAR}))\b", re.I)),  # noqa: E501
    ("since", re.compile(rf"\b[Ss]ince\s+(?:the\s+(?:start|beginning)\s+of\s+|early[-\s]+)(?P<m1>{_MONTH})?\s*(?P<y1>{_YEAR})\b")),  # noqa: E501
    ("since_end", re.compile(rf"\b[Ss]ince\s+(?:the\s+end\s+of\s+|end-)(?P<m1>{_MONTH})?\s*(?P<y1>{_YEAR})\b")),
    ("days_to", re.compile(rf"\b(?:(?:in|during|over|for)\s+)?the\s+(?:(?P<week>week)|(?P<n>{_COUNT}|\d{{2}})\s+days)\s+(?:to|ending|ended|through)\s+(?:(?:last\s+)?(?P<wd>{_WEEKDAY})|(?P<m1>{_MONTH_OR_ABBR})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_OR_ABBR}))\b", re.I)),  # noqa: E501
    ("days_to", re.compile(rf"\b(?P<n>{_COUNT}|\d{{2}})-day\s+(?:[\w-]+\s+){{0,4}}?(?:holiday|festival|break|fair|expo|exhibition|event|visit|trip|tour|campaign|period|show)s?\b(?:,\s*which|\s+that)?\s+(?:ended|ending|closed|concluded|finished)\s+(?:on\s+)?(?:(?:last\s+)?(?P<wd>{_WEEKDAY})|(?P<m1>{_MONTH_OR_ABBR})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_OR_ABBR}))\b", re.I)),  # noqa: E501
    ("stretch", re.compile(rf"\b(?:over|during|throughout|in|for)\s+the\s+(?:(?:{_COUNT}|\d{{2}})\s+days|(?:[\w-]+\s+){{0,2}}(?:holiday|festival|break|fair|expo|exhibition|visit|trip|tour|campaign|week))\b(?![\s-]+(?:holiday|festival|break|fair|expo|exhibition|week|period)s?\b)(?!\s+(?:to|ending|ended|through|of)\b)(?!\s*\(?\s*(?:from\s+)?(?:{_MONTH_OR_ABBR}|\d))(?!\s+(?:next|this|last)\s+(?:week|month|year)\b)", re.I)),  # noqa: E501
    ("day_range", re.compile(rf"\b(?:(?i:from|between)\s+)?(?:(?P<m5>{_MONTH_OR_ABBR})\s+(?P<d5>\d{{1,2}})|(?P<d7>\d{{1,2}})(?:st|nd|rd|th)?)\s*(?:to|until|through|and|-|–)\s*(?P<d6>\d{{1,2}})(?:st|nd|rd|th)?(?(d7)\s+(?P<m7>{_MONTH}))\b(?!\s*(?:{_MONTH}|[-–:.]\d))(?:,?\s+(?P<y5>{_YEAR})\b)?")),  # noqa: E501
    ("day_range", re.compile(rf"\b(?:(?i:from|between)\s+)?(?:(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH})|(?P<m3>{_MONTH})\s+(?P<d3>\d{{1,2}}))(?:,?\s+(?P<y1>{_YEAR}))?\s*(?:to|until|through|and|-|–)\s*(?:(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})|(?P<m4>{_MONTH})\s+(?P<d4>\d{{1,2}}))\b(?:,?\s+(?P<y2>{_YEAR})\b)?")),  # noqa: E501
    ("month_range", re.compile(rf"\b(?:(?i:from|between)\s+)?(?P<m1>{_MONTH_OR_ABBR})(?:\s+(?P<y1>{_YEAR}))?(?:\s+(?:to|and|through|until)\s+|\s*[-–]\s*)(?P<m2>{_MONTH_OR_ABBR})(?:(?:\s+period)?(?:\s+of|,)?\s+(?P<y2>{_YEAR}|this\s+year|last\s+year))?")),  # noqa: E501
    ("next_year", re.compile(r"\bnext\s+year\b(?!\s*['’]s)", re.I)),
    # "passed last year's full-year figure of 31.6 million tonnes": the figure is last year's
    ("last_year", re.compile(r"\blast\s+year['’]s\s+(?:[\w-]+\s+){0,2}?(?:figure|total|tally|level|volume|result|record)\b", re.I)),  # noqa: E501
    ("last_year", re.compile(r"(?<!compared with )(?<!compared to )(?<!than )(?<!over )(?<!from )(?<!end of )(?<!over the )(?<!in the )(?<!during the )\blast\s+year\b(?!\s*['’]s(?![^\S\n]+\d))", re.I)),  # noqa: E501
    ("year_to_month", re.compile(rf"\b[Ff]rom\s+(?P<y1>{_YEAR})\s+(?:to|until|through)\s+(?P<m2>{_MONTH})\s+(?P<y2>{_YEAR})")),  # noqa: E501
    ("year_range", re.compile(rf"\b[Ff]rom\s+(?P<y1>{_YEAR})\s+(?:to|until|through)\s+(?P<y2>{_YEAR})\b")),
    ("since", re.compile(rf"\b[Ss]ince\s+(?:(?:[a-z’']+\s+){{0,7}}?in\s+)?(?P<m1>{_MONTH})?\s*(?P<y1>{_YEAR})\b")),  # noqa: E501
    ("as_of_day", re.compile(rf"\b(?:[Bb]y|[Aa]s\s+(?:of|at)|[Uu]ntil|[Uu]p\s+to)\s+(?:(?P<m1>{_MONTH_OR_ABBR})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_OR_ABBR}))\b(?:,?\s+(?P<y1>{_YEAR})\b)?")),  # noqa: E501
    ("by", re.compile(rf"\b(?:(?:[Bb]y|[Bb]efore|[Aa]s\s+(?:of|at)|[Aa]t|[Uu]ntil)\s+(?:the\s+)?end[-\s]+of\s+|(?:[Bb]y|[Aa]s\s+(?:of|at))\s+)(?:(?P<m2>{_MONTH})\s+)?(?P<y2>{_YEAR})\b")),  # noqa: E501
    ("by_month", re.compile(rf"\b(?:(?:[Bb]y|[Aa]s\s+(?:of|at)|[Aa]t|[Uu]ntil|[Uu]p\s+to)\s+(?:the\s+)?end[-\s]+(?:of\s+)?|[Bb]y\s+|[Aa]s\s+(?:of|at)\s+)(?P<m2>{_MONTH_OR_ABBR})(?![\w.]\w){_NO_DAY_OR_YEAR}")),  # noqa: E501
    ("last_month", re.compile(r"\b(?:last|the\s+previous|the\s+past)\s+month\b", re.I)),
    ("next_month", re.compile(r"\bnext\s+month\b(?!\s*['’]s)", re.I)),  # "at the expo next month": the month after
    ("half_year", re.compile(r"\bhalf-year\b", re.I)),  # "the zone's half-year total": the latest half ended
    ("half_h", re.compile(rf"\bH(?P<h>[12])(?:\s+(?P<year>{_YEAR}))?\b")),
    ("in_month", re.compile(rf"\b[Ii]n\s+(?P<m1>{_MONTH})\s+(?P<y1>{_YEAR})\b")),
    ("in_month_bare", re.compile(rf"\b(?:[Ii]n|[Dd]uring)\s+(?P<m1>{_MONTH})\b{_NO_DAY_OR_YEAR}")),
    ("full_year", re.compile(rf"\b(?:(?:for\s+)?the\s+(?:(?:full|whole|entire)\s+year\b(?:\s+(?:of\s+)?(?P<y1>{_YEAR})\b)?|whole\s+of\s+(?P<y2>{_YEAR})\b|year\s+as\s+a\s+whole\b)|(?:full|whole)-year\b)", re.I)),  # noqa: E501
    # "October trade reached ...", "September's exports": a month that opens its sentence, as the subject's time
    ("in_month_bare", re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<m1>{_MONTH})(?:['’]s)?\s+(?=[a-z])")),
    # "with September alone accounting for 9,000 of them": a month singled out
    ("in_month_bare", re.compile(rf"\b(?P<m1>{_MONTH})\s+(?=alone\b)")),
    # "In the 2025 national performance evaluation of comprehensive bonded zones, ...": the year the edition is of
    ("in_year", re.compile(rf"\b(?:[Ii]n|[Oo]f|[Uu]nder|[Bb]y)\s+the\s+(?P<y1>{_YEAR})\s+(?:[\w-]+\s+){{0,4}}?(?:evaluation|ranking|rankings|assessment|survey|review|report|index|list|census|league\s+table)s?\b")),  # noqa: E501
    # "In the national performance assessment for 2025, released in January, ...": the year the edition is of
    ("in_year", re.compile(rf"\b(?:evaluation|ranking|rankings|assessment|survey|review|report|index|list|census|league\s+table)s?\s+(?:for|of)\s+(?P<y1>{_YEAR})\b")),  # noqa: E501
    # "ranked 41st in last year's national performance review": the year the edition is of
    ("last_year", re.compile(r"\b(?:[Ii]n|[Oo]f|[Uu]nder|[Bb]y)\s+last\s+year['’]s\s+(?:[\w-]+\s+){0,4}?(?:evaluation|ranking|rankings|assessment|survey|review|report|index|list|census|league\s+table)s?\b")),  # noqa: E501
    ("in_year", re.compile(rf"(?<!than )(?<!than in the year )\b(?:[Ii]n|[Ff]or|[Dd]uring)\s+(?:the\s+year\s+)?(?P<y1>{_YEAR})\b(?!\s*(?:-|–|to)\s*(?:19|20)\d\d)")),  # noqa: E501
    ("this_year", re.compile(r"\b(?:this year|so far this year|year[-\s]to[-\s]date)\b", re.I)),
    ("to_date", re.compile(r"\b(?:to date|so far|thus far|until now|up to now|as of now|as of today)\b", re.I)),
    # "up from 77.3 billion yuan the year before": an old value's time, a year before the period named last
    # "over the previous year" is no period but what a change is compared with (read as year_before below)
    ("past_months", re.compile(rf"\b(?:over|in|during|for|within)\s+the\s+(?:past|last|previous)\s+(?P<n>{_COUNT})\s+months\b", re.I)),  # noqa: E501
    ("months_to", re.compile(rf"\b(?:in|over|during|for)?\s*the\s+(?:(?P<n>{_COUNT})\s+months|(?P<year>year))\s+(?:to|through|ending|ended)\s+(?:the\s+end\s+of\s+)?(?P<m2>{_MONTH})(?:\s+(?P<y2>{_YEAR}))?\b", re.I)),  # noqa: E501
    ("years_ago", re.compile(rf"\b[Ss]ince\s+(?:[\w’']+\s+){{0,5}}?(?:(?P<n>{_COUNT})\s+years|(?P<one>a|one)\s+year)\s+ago\b", re.I)),  # noqa: E501
    ("past_years", re.compile(rf"\b(?:over|in|during|for|within)\s+the\s+(?:(?:past|last|previous)\s+(?P<n>{_COUNT})\s+years\b|(?:past|last)\s+(?P<one>year)\b|(?:(?P<n2>{_COUNT})\s+years|(?P<one2>year))\s+since\b)", re.I)),  # noqa: E501
    # "Three years ago we had eight trucks": that day, so many years before the anchor ("since ... ago" is above)
    ("years_back", re.compile(rf"\b(?P<n>{_COUNT})\s+years\s+ago\b", re.I)),
    ("year_before", re.compile(r"\b(?:the\s+(?:previous|prior|preceding)\s+year|the\s+year\s+(?:before|earlier)|a\s+year\s+(?:earlier|before|ago))\b", re.I)),  # noqa: E501
    # "signed at the fair on September 10", "on 3rd May": that day (a statement's day, "said on May 13", is none);
    # "in the early hours of April 12", "on the morning of 3 May": that day too
    ("on_day", re.compile(rf"\b(?:[Oo]n|[Ff]rom|(?:morning|afternoon|evening|night|hours)\s+of)\s+(?:(?P<m1>{_MONTH_OR_ABBR})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH_OR_ABBR}))\b(?:,?\s+(?P<y1>{_YEAR})\b)?")),  # noqa: E501
    # "On the busiest day, Saturday, ...", "signed on Monday": that day, the latest such by the anchor date
    ("weekday", re.compile(rf"\b(?P<wd>{_WEEKDAY})\b(?!\s*,?\s*(?:{_MONTH_OR_ABBR}|\d))")),
]  # fmt: skip
# What a pattern cannot match without (a month's name, a year), looked for once a sentence.
_PERIOD_NEEDS = {
    "since_month": ("month",), "since_day": ("month",), "month_range": ("month",), "day_range": ("month",),
    "by_month": ("month",), "in_month_bare": ("month",),
    "as_of_day": ("month",), "on_day": ("month",), "in_month": ("month", "year"), "year_to_month": ("month", "year"),
    "year_range": ("year",), "year_span": ("year",), "since": ("year",), "since_end": ("year",), "by": ("year",),
    "in_year": ("year",),
}  # fmt: skip
_ANY_MONTH_RE = re.compile(_MONTH_OR_ABBR)
# Words without which a pattern cannot match, checked before it runs.
_PERIOD_HINTS = {
    "last_month": ("month",),
    "next_month": ("month",),
    "quarter": ("quarter", "q1", "q2", "q3", "q4"),
    "quarter_range": ("q1", "q2", "q3"),
    "second_half": ("half",),
    "half_year": ("half-year",),
    "fiscal_part": ("fiscal",),
    "mid_year": ("mid",),
    "year_end": ("end",),
    "year_start": ("start", "beginning"),
    "year_span": ("between", "-", "–"),
    "year_before": ("year",),
    "past_years": ("year",),
    "years_ago": ("ago",),
    "years_back": ("ago",),
    "past_months": ("months",),
    "last_months_of": ("months",),
    "months_to": ("month", "year"),
    "days_to": ("day", "week"),
    "stretch": ("holiday", "festival", "break", "fair", "expo", "exhibition", "visit", "trip", "tour", "campaign",
                "week", "days"),
    "weekday": ("day",),
}  # fmt: skip
# "officials said on Tuesday": when a statement was made, not a figure's time
_PLANNED_START_BEFORE_RE = re.compile(
    r"\b(?:will|due|set|scheduled|slated|planned|expected)[^\S\n]+(?:to[^\S\n]+)?(?:[a-z]+[^\S\n]+){0,2}$", re.I
)
_STATEMENT_BEFORE_RE = re.compile(
    r"\b(?:said|says|told|announced|stated|reported|added|noted|confirmed|revealed|disclosed|released)\b[^.;]{0,40}?"
    r"\bon[^\S\n]+$",
    re.I,
)
# A period after these words is what a figure is compared with, not its own time: "up 14.2 percent
# from a year earlier", "2.4 points higher than in the same period last year".
_REDUCTION_OF_BEFORE_RE = re.compile(r"\b(?:reduction|cut)[^\S\n]+of[^\S\n]+$", re.I)
_OWN_TIME_GAP_RE = re.compile(r"[^\S\n]+(?:in|during|over)[^\S\n]+(?:the[^\S\n]+)?")
_OWN_TIME_BEFORE_RE = re.compile(r"\b(?:in|during|for|within|at)[^\S\n]+$", re.I)
_FIGURE_BEFORE_RE = re.compile(r"\d[^.;:\d]{0,60}$")
_BASE_BEFORE_RE = re.compile(
    r"\b(?:than|compared\s+(?:with|to)|from|versus|against|as)[^\S\n]+(?:(?:in|during)[^\S\n]+)?$", re.I
)
# Words that make the date right after them the date of an event, not the period of a figure
# in the same sentence: "The establishment of a legal service zone in August 2024 ... handling
# over 100 cases to date" (the cases are counted since then, not in August 2024).
_EVENT_BEFORE_RE = re.compile(
    r"\b(?:establish(?:ed|ment)|launch(?:ed)?|found(?:ed|ing)|inaugurat(?:ed|ion)|unveil(?:ed|ing)|opened|began|begun|"
    r"started|commenced|announced|published|issued|released|"
    r"set\s+up|put\s+into\s+(?:operation|use|service))\b[^,;.\d]{0,60}$",
    re.I,
)
_EVENT_DATED_KINDS = {"in_month", "in_month_bare", "in_year", "last_year"}  # "opened a warehouse last year"


_SEASON_STARTS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}


def _latest_year_ending(months: int, anchor: dt.date | None) -> int | None:
    """'The first nine months' without a year: the latest such period that has ended by the anchor date."""
    if anchor is None:
        return None
    return anchor.year if _month_end(anchor.year, months) <= anchor else anchor.year - 1


# A statement the article reports, dated: "..., Wang Yong ... stated on December 29, 2023."
_STATEMENT_DATE_RE = re.compile(
    rf"\b(?:said|says|stated|announced|told|reported|released|noted|added|showed|shows|revealed|disclosed|published)\b[^.\n]{{0,60}}?\bon\s+"
    rf"(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>{_YEAR})|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR}))"
)


# A date the article's head gives ("Updated: 2025-12-09 07:45", "2024-11-01 source:Global Times", "Published:
# October 22, 2025") or its dateline ("URUMQI, 13th November, 2025 (WAM) --"): when it was written
_HEAD_DATE_RE = re.compile(
    rf"\b(?P<iy>{_YEAR})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b"
    rf"|\b(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>{_YEAR})\b"
    rf"|\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b"
)
_LINE_RE = re.compile(r"[^\n]+")
_DATELINE_RE = re.compile(r"[A-Z][A-Z .'-]+,\s+(?P<date>[^()\n]{6,30}?)\s*\((?:WAM|Xinhua|AFP|Reuters|AP)\)")


def _header_date(text: str) -> dt.date | None:
    """The date in the lines above the first sentence, else in the first line's dateline."""
    spans = _headline_spans(text, "")
    stretches = [text[start:end] for start, end in spans]
    first_body = _LINE_RE.search(text, spans[-1][1] if spans else 0)
    if first_body is not None:
        dateline = _DATELINE_RE.match(first_body.group(0).strip())
        if dateline:
            stretches.append(dateline.group("date"))
    for stretch in stretches:
        match = _HEAD_DATE_RE.search(stretch)
        if match is None:
            continue
        try:
            if match.group("iy"):
                return dt.date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
            month = match.group("m1") or match.group("m2")
            day = match.group("d1") or match.group("d2")
            return dt.date(int(match.group("y1") or match.group("y2")), _MONTHS[month.lower()], int(day))
        except ValueError:
            continue
    return None


def anchor_date(text: str, published_on: dt.date | None) -> dt.date | None:
    """The date 'now' means in the text: its publication date, else the date its head or dateline gives, else the
    latest statement date it reports."""
    if published_on is not None:
        return published_on
    header_date = _header_date(text)
    if header_date is not None:
        return header_date
    dates = []
    for match in _STATEMENT_DATE_RE.finditer(text):
        month = match.group("m1") or match.group("m2")
        day = match.group("d1") or match.group("d2")
        year = match.group("y1") or match.group("y2")
        try:
            dates.append(dt.date(int(year), _MONTHS[month.lower()], int(day)))
        except ValueError:
            continue
    return max(dates) if dates else None


_YEAR_RE = re.compile(rf"\b{_YEAR}\b")


def _latest_years(text: str) -> tuple[list[int], list[int]]:
    """(positions, the latest year named up to each) for an undated text; a year in a plan
    ('once completed in 2028') is no year the text has reached."""
    positions, latest, best = [], [], 0
    for match in _YEAR_RE.finditer(text):
        if _FORECAST_RE.search(text, max(0, match.start() - 40), match.start()):
            continue
        best = max(best, int(match.group(0)))
        positions.append(match.start())
        latest.append(best)
    return positions, latest


def _month_number(word: str) -> int:
    """'September', 'Sept.', 'Sep' -> 9."""
    lowered = word.lower().rstrip(".")
    return _MONTHS.get(lowered) or _MONTH_ABBREVIATION_NUMBERS[lowered[:3]]


_HALF_YEAR = dt.timedelta(days=183)
_AREA_UNITS = {"m2", "km2", "ha", "mu"}
# "The figure was nearly triple ...": a sentence about the figure before it
_FIGURE_SUBJECT_RE = re.compile(
    r"\s*(?:(?:The|This|That)\s+(?:figure|total|number|volume|amount|tally)|It|This|That)\s+(?:was|is|is\s+now)\b"
)
_MONTH_ABBREVIATION_NUMBERS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _count_value(word: str) -> int:
    return int(word) if word.isdigit() else int(text2num(word.lower(), "en"))


def _year_of(word: str | None, published_on: dt.date | None) -> int | None:
    if not word:
        return None
    lowered = word.lower()
    if lowered.isdigit():
        return int(lowered)
    if published_on is None:
        return None
    return published_on.year - 1 if lowered == "last year" else published_on.year


def find_periods(
    text: str,
    start: int,
    end: int,
    published_on: dt.date | None,
    *,
    latest_year: int | None = None,
    launch: dt.date | None = None,
) -> list[Period]:
    """The period phrases between start and end, resolved to dates where the words allow.

    `latest_year` is the latest year an undated text has named so far: "by the end of October" then
    means October of that year. `launch` is the day the text says its zone was launched: "since the
    launch", "at the outset", "its first full year" are counted from it."""
    periods = []
    taken: list[tuple[int, int]] = []
    lowered = text[start:end].lower()
    has = {"month": bool(_ANY_MONTH_RE.search(text, start, end)), "year": bool(_YEAR_RE.search(text, start, end))}
    for kind, pattern in _PERIOD_RES:
        hints = _PERIOD_HINTS.get(kind)
        if hints and not any(hint in lowered for hint in hints):
            continue  # most sentences name no quarter: skip the pattern (texts are megabytes)
        if any(not has[need] for need in _PERIOD_NEEDS.get(kind, ())):
            continue
        for match in pattern.finditer(text, start, end):
            if any(match.start() < t_end and t_start < match.end() for t_start, t_end in taken):
                continue
            said_at = match.start() + (
                len(match.group(0)) - len(match.group(0)[2:].lstrip()) if kind == "on_day" else 0
            )
            planned_from = kind == "on_day" and match.group(0)[:4].lower() == "from"
            if planned_from and not _FORECAST_RE.search(text, start, end):
                continue  # "will rise to four flights a week from June 1": a plan's first day (not "up from ...")
            if kind in ("weekday", "on_day") and _STATEMENT_BEFORE_RE.search(
                text, max(start, match.start() - 60), said_at
            ):
                continue
            if kind in _SINCE_KINDS and _RECORD_BEFORE_RE.search(text, max(start, match.start() - 50), match.start()):
                # "the strongest quarter since the zone was launched in 2023": what the figure beat, not its time
                # (nor is the year inside it)
                taken.append(match.span())
                continue
            anchor = published_on
            if anchor is None and latest_year and kind in ("by_month", "in_month_bare"):
                anchor = dt.date(latest_year, 12, 31)
            period = (
                _resolve_launch(kind, match, anchor, launch) if kind in _LAUNCH_KINDS else _resolve(kind, match, anchor)
            )
            if (
                period is not None
                and kind == "on_day"
                and not match.group("y1")
                and published_on is not None
                and period.end is not None
                and period.end < published_on
                and (
                    planned_from or _PLANNED_START_BEFORE_RE.search(text, max(start, match.start() - 40), match.start())
                )
            ):  # "is due to start on January 15", "will open on June 20": a plan's day is the next such, not the last
                day = period.end.replace(year=period.end.year + 1)
                period = dataclasses.replace(period, start=day, end=day)
            if period is not None:
                months = _count_value(match.group("n")) if kind == "same" and match.groupdict().get("n") else None
                if kind == "same" and match.groupdict().get("span"):
                    months = _SPAN_MONTHS[match.group("span").lower()]
                is_base = bool(_BASE_BEFORE_RE.search(text, max(start, match.start() - 25), match.start())) or (
                    # "up 12.5 percent over the same period last year", "2.4 times the volume of the same period
                    # last year", "22 percent over the previous year": the same period in an earlier year, after a
                    # figure of its clause, is what that figure is compared with, whatever word joins them
                    # (not "reversing a decline of 4.3 per cent in the same period last year": that time's own)
                    kind in ("same", "year_before")
                    and bool(_OF_YEAR_RE.search(match.group(0)))
                    and bool(_FIGURE_BEFORE_RE.search(text, start, match.start()))
                    and not _OWN_TIME_BEFORE_RE.search(text, max(start, match.start() - 8), match.start())
                )
                period = dataclasses.replace(period, kind=kind, months=months, is_base=is_base)
                taken.append(match.span())
                if kind in _EVENT_DATED_KINDS and _EVENT_BEFORE_RE.search(
                    text, max(start, match.start() - 80), match.start()
                ):
                    period = dataclasses.replace(period, dates_event=True)
                periods.append(period)
    # "In 2023, it handled 8.1 billion yuan over the entire year": the whole of the year the sentence opens with
    opening = [
        p for p in periods if p.kind in ("in_year", "last_year") and p.start and not text[start : p.position].strip()
    ]
    if opening:
        year = opening[0].start.year
        periods = [
            dataclasses.replace(p, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))
            if p.kind == "full_year" and p.start is not None and not _YEAR_RE.search(p.label)
            else p
            for p in periods
        ]
    # "By the end of June, 1,080 new enterprises had registered ... this year": this year up to that date
    as_of = [p for p in periods if p.kind in ("by_month", "as_of_day", "by") and p.start is None and p.end]
    for index, period in enumerate(periods):
        if period.kind == "this_year" and period.start is not None and period.end is not None:
            ends = [p.end for p in as_of if p.end.year == period.start.year and p.end < period.end]
            if ends:
                periods[index] = dataclasses.replace(period, end=max(ends))
        # "As of the end of December, ..., and 3,700 had been set up since its launch in November 2023": the running
        # total up to that day, not to publication
        elif period.kind in _SINCE_KINDS and period.start is not None and period.end is not None:
            ends = [p.end for p in as_of if p.position < period.position and period.start < p.end < period.end]
            if ends:
                periods[index] = dataclasses.replace(period, end=max(ends))
    return periods


_LAUNCH_KINDS = {"launch_to", "since_launch", "at_launch", "first_full_year"}
_SINCE_KINDS = {"since", "since_launch", "since_end", "since_month", "since_day", "since_season"}
# a record or superlative before "since" ("the strongest quarter since 2023", "the highest monthly figure since 2019",
# "for the first time since the zone opened"): the time the figure is compared over, not the time it measures
_RECORD_BEFORE_RE = re.compile(
    r"(?:\b(?:highest|lowest|strongest|weakest|fastest|slowest|biggest|largest|smallest|best|worst|most|least)"
    r"|\brecord|\bfirst[^\S\n]+time)\b[^,.;:!?\n]{0,40}$",
    re.I,
)
# "When Beijing launched the China (Xinjiang) Pilot Free Trade Zone in November 2023", "The Xinjiang zone ... was
# opened on November 1, 2023": the day a zone began, which "since the launch" and "at the outset" count from
_LAUNCH_RE = re.compile(
    rf"\b(?:launch(?:ed)?|establish(?:ed|ment)|set\s+up|inaugurat(?:ed|ion)|opened|unveiled|founded)\b[^.;]{{0,80}}?"
    rf"\b(?:in|on)\s+(?:(?P<m>{_MONTH})\s+(?:(?P<d>\d{{1,2}}),?\s+)?)?(?P<y>{_YEAR})\b"
)
_ZONE_WORD_RE = re.compile(r"\b(?:zone|FTZ|area)\b", re.I)


# The portal's zone: the China (Xinjiang) Pilot Free Trade Zone opened on 1 November 2023, which a text about it
# need not repeat ("twice the number at the zone's launch", "down from about 2 hours when the zone opened")
_XINJIANG_FTZ_RE = re.compile(
    r"\bXinjiang\)?[^\S\n]+(?:Pilot[^\S\n]+)?Free[^\S\n]+Trade[^\S\n]+Zone\b|\bXinjiang[^\S\n]+FTZ\b", re.I
)
_XINJIANG_FTZ_LAUNCH = dt.date(2023, 11, 1)


def launch_date(text: str) -> dt.date | None:
    """The first day the text gives for a zone's (or area's) launch, else the Xinjiang zone's when it is the zone
    the text names."""
    for match in _LAUNCH_RE.finditer(text):
        if not _ZONE_WORD_RE.search(text, max(0, match.start() - 80), match.end()):
            continue
        if (
            not match.group("m")
            and int(match.group("y")) == _XINJIANG_FTZ_LAUNCH.year
            and _XINJIANG_FTZ_RE.search(text)
        ):
            return _XINJIANG_FTZ_LAUNCH  # "The Xinjiang pilot free trade zone, launched in 2023": its known day
        month = _MONTHS[match.group("m").lower()] if match.group("m") else 1
        try:
            return dt.date(int(match.group("y")), month, int(match.group("d") or 1))
        except ValueError:
            continue
    return _XINJIANG_FTZ_LAUNCH if _XINJIANG_FTZ_RE.search(text) else None


def _resolve_launch(kind: str, match: re.Match, published_on: dt.date | None, launch: dt.date | None) -> Period | None:
    """Periods counted from the launch; none when the text does not date it."""
    if launch is None:
        return None
    label, position = " ".join(match.group(0).split()), match.start()
    if kind == "at_launch":
        return Period(None, launch, label, position)
    if kind == "first_full_year":
        year = launch.year if (launch.month, launch.day) == (1, 1) else launch.year + 1
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label, position)
    if kind == "since_launch":
        return Period(launch, published_on, label, position) if published_on else None
    month = _month_number(match.group("m2"))
    if match.group("y2"):
        year = int(match.group("y2"))
    elif published_on is not None:
        year = published_on.year if _month_end(published_on.year, month) <= published_on else published_on.year - 1
    else:
        return None
    end = _month_end(year, month)
    return Period(launch, end, label, position) if end > launch else None


def _resolve(kind: str, match: re.Match, published_on: dt.date | None) -> Period | None:
    label = " ".join(match.group(0).split()).strip()
    position = match.start()
    groups = match.groupdict()
    try:
        if kind in ("quarter", "second_half"):
            if kind == "quarter":
                ordinal = (groups["ord"] or "").lower()
                quarter = int(groups["q"]) if groups["q"] else {"final": 4}.get(ordinal) or _ORDINAL_WORDS[ordinal]
                first_month, last_month = quarter * 3 - 2, quarter * 3
                year_word = groups["year"] or groups["year2"]
            else:
                first_month, last_month, year_word = 7, 12, groups["year"]
            year = _year_of(year_word, published_on) if year_word else _latest_year_ending(last_month, published_on)
            if year is None:
                return Period(None, None, label, position)
            return Period(dt.date(year, first_month, 1), _month_end(year, last_month), label, position)
        if kind == "quarter_range":  # "Q1-Q3 2026": the first three quarters
            first_month, last_month = int(groups["q1"]) * 3 - 2, int(groups["q2"]) * 3
            if last_month < first_month:
                return None
            year = _year_of(groups["year"], None) if groups["year"] else _latest_year_ending(last_month, published_on)
            if year is None:
                return Period(None, None, label, position)
            return Period(dt.date(year, first_month, 1), _month_end(year, last_month), label, position)
        if kind == "year_end":  # "by the end of last year": a level on 31 December
            which = (groups["which"] or "").split()
            if published_on is None:
                return Period(None, None, label, position)
            year = published_on.year - 1 if which and which[-1] in ("last", "previous", "past") else published_on.year
            year += 1 if which == ["next"] else 0  # "by the end of next year"
            return Period(None, dt.date(year, 12, 31), label, position)
        if kind == "year_span":  # "over the 2026-2028 period", "between 2021 and 2025"
            first_year = int(groups["y1"] or groups["y3"])
            last_word = groups["y2"] or groups["y4"]
            last_year = int(last_word) if len(last_word) == 4 else first_year // 100 * 100 + int(last_word)
            if last_year <= first_year:
                return None
            return Period(dt.date(first_year, 1, 1), dt.date(last_year, 12, 31), label, position)
        if kind == "on_day":  # "on September 10": that day, the latest such by the anchor date
            month = _month_number(groups["m1"] or groups["m2"])
            day = int(groups["d1"] or groups["d2"])
            if groups["y1"]:
                year = int(groups["y1"])
            elif published_on is not None:
                year = (
                    published_on.year
                    if (month, day) <= (published_on.month, published_on.day)
                    else published_on.year - 1
                )
            else:
                return Period(None, None, label, position)
            return Period(dt.date(year, month, day), dt.date(year, month, day), label, position)
        if kind == "as_of_day":  # "as of November 30, 2025", "by Oct. 31": a level on that day
            month = _month_number(groups["m1"] or groups["m2"])
            day = int(groups["d1"] or groups["d2"])
            if groups["y1"]:
                year = int(groups["y1"])
            elif published_on is not None:
                passed = (month, day) <= (published_on.month, published_on.day)
                year = published_on.year if passed else published_on.year - 1
            else:
                return Period(None, None, label, position)
            return Period(None, dt.date(year, month, day), label, position)
        if kind == "next_month":  # the whole month after the anchor's
            if published_on is None:
                return Period(None, None, label, position)
            first = _month_end(published_on.year, published_on.month) + dt.timedelta(days=1)
            return Period(first, _month_end(first.year, first.month), label, position)
        if kind == "last_month":  # the whole month before the anchor's
            if published_on is None:
                return Period(None, None, label, position)
            last = published_on.replace(day=1) - dt.timedelta(days=1)
            return Period(last.replace(day=1), last, label, position)
        if kind == "fiscal_part":  # six or three months up to the day the company's half or quarter ended
            if "fiscal" not in match.group(0).lower():
                return None
            month, day = _month_number(groups["m1"] or groups["m2"]), int(groups["d1"] or groups["d2"])
            if groups["y1"]:
                year = int(groups["y1"])
            elif published_on is not None:
                passed = (month, day) <= (published_on.month, published_on.day)
                year = published_on.year if passed else published_on.year - 1
            else:
                return Period(None, None, label, position)
            end = dt.date(year, month, day)
            months = 6 if "half" in groups["part"].lower() else 3
            first = end.year * 12 + end.month - months  # the month after the one `months` back
            return Period(dt.date(first // 12, first % 12 + 1, 1), end, label, position)
        if kind == "mid_year":  # "by mid-2026": a level on 30 June
            year = int(groups["y1"]) if groups["y1"] else published_on.year if published_on else None
            return Period(None, dt.date(year, 6, 30), label, position) if year else Period(None, None, label, position)
        if kind == "half_year":  # "lifted the half-year total to": the latest half-year ended by the anchor date
            if published_on is None:
                return Period(None, None, label, position)
            year = published_on.year if dt.date(published_on.year, 6, 30) <= published_on else published_on.year - 1
            last_month = 6 if year == published_on.year and published_on < dt.date(year, 12, 31) else 12
            return Period(dt.date(year, last_month - 5, 1), _month_end(year, last_month), label, position)
        if kind == "half_h":  # "H1 2025"
            last_month = 6 if groups["h"] == "1" else 12
            year = (
                _year_of(groups["year"], published_on)
                if groups["year"]
                else _latest_year_ending(last_month, published_on)
            )
            if year is None:
                return Period(None, None, label, position)
            return Period(dt.date(year, last_month - 5, 1), _month_end(year, last_month), label, position)
        if kind in ("past_months", "months_to"):  # "over the past six months", "in the 12 months to June"
            months = 12 if kind == "months_to" and groups["year"] else _count_value(groups["n"])
            if kind == "past_months":
                if published_on is None:
                    return Period(None, None, label, position)
                end = published_on
            else:
                month = _month_number(groups["m2"])
                if groups["y2"]:
                    year = int(groups["y2"])
                elif published_on is not None:
                    year = (
                        published_on.year
                        if _month_end(published_on.year, month) <= published_on
                        else published_on.year - 1
                    )
                else:
                    return Period(None, None, label, position)
                end = _month_end(year, month)
            if not 1 <= months <= 36:
                return Period(None, None, label, position)
            first_month = end.year * 12 + end.month - 1 - months + (1 if kind == "months_to" else 0)
            start = dt.date(first_month // 12, first_month % 12 + 1, 1)
            if kind == "past_months":
                start = dt.date(
                    first_month // 12,
                    first_month % 12 + 1,
                    min(end.day, calendar.monthrange(first_month // 12, first_month % 12 + 1)[1]),
                )
            return Period(start, end, label, position)
        if kind == "years_ago":  # "since its launch two years ago": the years up to the anchor
            if published_on is None:
                return Period(None, None, label, position)
            year = published_on.year - (1 if groups["one"] else _count_value(groups["n"]))
            day = min(published_on.day, calendar.monthrange(year, published_on.month)[1])
            return Period(published_on.replace(year=year, day=day), published_on, label, position)
        if kind == "years_back":  # "three years ago": the day so many years before the anchor date
            if published_on is None:
                return Period(None, None, label, position)
            year = published_on.year - _count_value(groups["n"])
            day = min(published_on.day, calendar.monthrange(year, published_on.month)[1])
            return Period(None, published_on.replace(year=year, day=day), label, position)
        if kind == "past_years":  # "over the past three years": the years up to the anchor date
            if published_on is None:
                return Period(None, None, label, position)
            one = groups["one"] or groups["one2"]  # "over the past year", "in the year since it was established"
            year = published_on.year - (1 if one else _count_value(groups["n"] or groups["n2"]))
            day = min(published_on.day, calendar.monthrange(year, published_on.month)[1])  # 29 February
            return Period(published_on.replace(year=year, day=day), published_on, label, position)
        if kind in ("year_before", "stretch"):  # resolved by the caller from the period named before
            return Period(None, None, label, position)
        if kind in ("days_to", "weekday"):  # "in the week to Sunday", "the nine-day holiday, which ended on Monday"
            if published_on is None:
                return Period(None, None, label, position)
            if groups.get("wd"):  # the latest such weekday by the anchor date
                weekday = _WEEKDAYS[groups["wd"].lower()]
                end = published_on - dt.timedelta(days=(published_on.weekday() - weekday) % 7)
            else:
                month, day = _month_number(groups["m1"] or groups["m2"]), int(groups["d1"] or groups["d2"])
                passed = (month, day) <= (published_on.month, published_on.day)
                end = dt.date(published_on.year if passed else published_on.year - 1, month, day)
            if kind == "weekday":  # "On the busiest day, Saturday, ...": that one day
                return Period(end, end, label, position)
            days = 7 if groups.get("week") else _count_value(groups["n"])
            if not 1 <= days <= 60:
                return Period(None, None, label, position)
            return Period(end - dt.timedelta(days=days - 1), end, label, position)
        if kind == "last_months_of":  # "the last two months of 2023": November and December
            months = _count_value(groups["n"])
            year = _year_of(groups["year"], published_on)
            if year is None or not 1 <= months <= 11:
                return Period(None, None, label, position)
            return Period(dt.date(year, 13 - months, 1), dt.date(year, 12, 31), label, position)
        if kind in ("first_months", "first_quarters"):
            if kind == "first_months":
                months = _count_value(groups["n"])
            else:
                months = 6 if groups["half"] else _count_value(groups["n"]) * 3
            if not 1 <= months <= 12:
                return Period(None, None, label, position)
            year = (
                _year_of(groups["year"], published_on) if groups["year"] else _latest_year_ending(months, published_on)
            )
            if year is None:
                return Period(None, None, label, position)
            return Period(dt.date(year, 1, 1), _month_end(year, months), label, position)
        if kind == "same":  # "over the same period": the period named before, found by the caller
            return Period(None, None, label, position)
        if kind in ("by_month", "in_month_bare"):  # "by the end of September": the latest such month end by the anchor
            if published_on is None:
                return Period(None, None, label, position)
            if kind == "in_month_bare":  # "signed in May": the latest May that has begun by the anchor date
                month = _month_number(groups["m1"])
                year = published_on.year if month <= published_on.month else published_on.year - 1
                return Period(dt.date(year, month, 1), _month_end(year, month), label, position)
            month = _month_number(groups["m2"])
            year = published_on.year if _month_end(published_on.year, month) <= published_on else published_on.year - 1
            return Period(None, _month_end(year, month), label, position)
        if kind == "since_season":
            if published_on is None:
                return Period(None, None, label, position)
            month = _SEASON_STARTS[groups["season"].lower()]
            year = published_on.year if dt.date(published_on.year, month, 1) <= published_on else published_on.year - 1
            if groups["last"] and year == published_on.year:
                year -= 1  # "last autumn" said in summer is the autumn of the year before
            return Period(dt.date(year, month, 1), published_on, label, position)
        if kind == "since_day":
            if published_on is None:
                return Period(None, None, label, position)
            month, day = _month_number(groups["m1"] or groups["m2"]), int(groups["d1"] or groups["d2"])
            first = dt.date(int(groups["y1"]) if groups["y1"] else published_on.year, month, day)
            if not groups["y1"] and first > published_on:
                first = dt.date(first.year - 1, month, day)  # the latest such day by the anchor
            return Period(first, published_on, label, position) if first <= published_on else None
        if kind == "since_month":
            if published_on is None:
                return Period(None, None, label, position)
            month = _month_number(groups["m1"])
            year = published_on.year if month <= published_on.month else published_on.year - 1
            if groups.get("which"):  # "since April last year", "since March this year": the year is named
                year = published_on.year - (1 if groups["which"].lower() == "last" else 0)
            return Period(dt.date(year, month, 1), published_on, label, position)
        if kind == "next_year":  # "is set to reach 8 billion yuan next year": the year after the anchor's
            if published_on is None:
                return Period(None, None, label, position)
            year = published_on.year + 1
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label, position)
        if kind == "last_year":
            if published_on is None:
                return Period(None, None, label, position)
            year = published_on.year - 1
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label, position)
        if kind == "day_range" and groups.get("d6"):  # "February 15-23", "from 9th to 13th November": one month's days
            year = int(groups["y5"]) if groups["y5"] else published_on.year if published_on else None
            if year is None:
                return Period(None, None, label, position)
            month = _month_number(groups["m5"] or groups["m7"])
            first, last = int(groups["d5"] or groups["d7"]), int(groups["d6"])
            if not 1 <= first < last <= calendar.monthrange(year, month)[1]:
                return None
            if (
                not groups["y5"]
                and published_on is not None
                and dt.date(year, month, first) > published_on + _HALF_YEAR
            ):
                year -= 1  # "the National Day holiday (Oct. 1-8)" said in January: the latest such days, not next
            return Period(dt.date(year, month, first), dt.date(year, month, last), label, position)
        if kind == "day_range":  # "1 January to 30 September 2026", "from March 1 to June 30": those days
            year_end = int(groups["y2"] or groups["y1"] or 0) or (published_on.year if published_on else None)
            if year_end is None:
                return Period(None, None, label, position)
            year_start = int(groups["y1"]) if groups["y1"] else year_end
            first_month = _month_number(groups["m1"] or groups["m3"])
            last_month = _month_number(groups["m2"] or groups["m4"])
            try:
                first = dt.date(year_start, first_month, int(groups["d1"] or groups["d3"]))
                last = dt.date(year_end, last_month, int(groups["d2"] or groups["d4"]))
            except ValueError:  # "31 June"
                return None
            return Period(first, last, label, position) if last >= first else None
        if kind == "month_range":  # "January-November", "in the January-November period of 2024", "... last year"
            year_end = _year_of(" ".join((groups["y2"] or groups["y1"] or "").split()), published_on) or (
                published_on.year if published_on else None
            )
            year_start = _year_of(groups["y1"], None) or year_end
            if year_end is None:
                return Period(None, None, label, position)
            if not groups["y1"] and _month_number(groups["m1"]) > _month_number(groups["m2"]):
                year_start -= 1  # "between October and February": the range runs over the new year
            if not (groups["y1"] or groups["y2"]) and published_on is not None:
                while dt.date(year_start, _month_number(groups["m1"]), 1) > published_on:
                    year_start, year_end = year_start - 1, year_end - 1  # "between October and December" said in
                    # January: the latest such months that have begun by the anchor date, not the months to come
            first = dt.date(year_start, _month_number(groups["m1"]), 1)
            last = _month_end(year_end, _month_number(groups["m2"]))
            return Period(first, last, label, position) if last >= first else None
        if kind == "year_to_month":
            last = _month_end(int(groups["y2"]), _month_number(groups["m2"]))
            return Period(dt.date(int(groups["y1"]), 1, 1), last, label, position)
        if kind == "year_range":
            first, last = dt.date(int(groups["y1"]), 1, 1), dt.date(int(groups["y2"]), 12, 31)
            return Period(first, last, label, position) if last >= first else None
        if kind == "since_end":  # "has tripled since the end of 2023": from that day to the anchor
            first = _month_end(int(groups["y1"]), _month_number(groups["m1"]) if groups["m1"] else 12)
            return Period(first, published_on, label, position)
        if kind == "since":
            month = _month_number(groups["m1"]) if groups["m1"] else 1
            return Period(dt.date(int(groups["y1"]), month, 1), published_on, label, position)
        if kind == "by":
            year = int(groups["y2"])
            last = _month_end(year, _month_number(groups["m2"])) if groups["m2"] else dt.date(year, 12, 31)
            return Period(None, last, label, position)
        if kind == "in_month":
            year, month = int(groups["y1"]), _month_number(groups["m1"])
            return Period(dt.date(year, month, 1), _month_end(year, month), label, position)
        if kind == "in_year":
            year = int(groups["y1"])
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label, position)
        if kind == "full_year":  # "for the full year": the whole of the year the text speaks in
            given = groups["y1"] or groups["y2"]
            year = int(given) if given else published_on.year if published_on else None
            if year is None:
                return Period(None, None, label, position)
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), label, position)
        if kind == "year_start":
            year = int(groups["y1"]) if groups["y1"] else published_on.year if published_on else None
            return Period(None, dt.date(year, 1, 1), label, position) if year else Period(None, None, label, position)
        if kind == "this_year":
            if published_on is None:
                return Period(None, None, label, position)
            return Period(dt.date(published_on.year, 1, 1), published_on, label, position)
        if kind == "to_date":  # a running total: it ends when the article was written, if that is known
            return Period(None, published_on, label, position)
    except (ValueError, KeyError):
        return None
    return None


_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")


def _nearest_period(periods: list[Period], mention: Mention, text: str) -> Period | None:
    """The period phrase that follows the figure with nothing but words between (its conversion in
    brackets aside), else the one nearest to it: '690 million yuan (...) in 2020 to 28.28 billion yuan
    (...) in 2022' gives 2020 to the first figure and 2022 to the second."""
    if not periods:
        return None
    for period in sorted(periods, key=lambda period: period.position):
        if period.position >= mention.end:
            gap = _PARENTHETICAL_RE.sub("", text[mention.end : period.position])
            if len(gap) < 80 and not any(char.isdigit() for char in gap):
                if "," in gap and _SINGLED_OUT_AFTER_RE.match(text, period.position) and len(periods) > 1:
                    # "an increase of 28.5 percent, with the third quarter alone contributing ...": a part singled
                    # out in a clause of its own is the next figure's time
                    periods = [p for p in periods if p is not period]
                    break
                return period
            break

    def distance(period: Period) -> int:
        return abs(period.position - mention.number_start) + (0 if period.position > mention.number_start else 5)

    return min(periods, key=distance)


# --------------------------------------------------------------------------------------
# Metric and place guesses
# --------------------------------------------------------------------------------------
# --------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------
def extract_candidates(
    text: str,
    *,
    published_on: dt.date | None = None,
    places: PlaceIndex | None = None,
    metric_codes: set[str] | frozenset[str] = frozenset(),
    stock_metric_codes: set[str] | frozenset[str] = frozenset(),
    title: str = "",
) -> ExtractionResult:
    """Candidate claims for every measurement in `text`, with the numbers it could not read.

    `published_on` anchors what the text says 'now' (as-of figures, "this year", "the first nine
    months" without a year); an undated text is anchored on the latest statement date it reports.
    `title` is the source's headline: numbers in it, or in a line repeating it, are no candidates.
    """
    text = text or ""
    mentions, unparsed = find_mentions(text, title=title)
    anchor = anchor_date(text, published_on)
    launch = launch_date(text)
    place_mentions = places.mentions(text) if places is not None else None
    sentence_starts = sentences.sentence_starts(text)
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(
            sentence_starts[sentences.sentence_index(sentence_starts, mention.number_start)], []
        ).append(mention)
    part_of_whole: dict[Mention, Mention] = {}
    roles = _roles(text, by_sentence, part_of_whole)
    groups = _conversion_groups(text, mentions)
    time_groups = dict(groups)  # figures that share one time: a conversion and its original, a part and its whole
    for whole, part in part_of_whole.items():
        time_groups[whole] = time_groups.get(part, part)
    candidates: list[Candidate] = []
    periods_by_sentence: dict[int, list[Period]] = {}
    earlier_periods: list[Period] = []  # what "over the same period" refers to: the last one named
    last_flow_period: Period | None = None  # the last full period a stated (not planned, not old) figure took
    # the period the article reports on: the last flow period that is no look back to before the one it had
    # ("results for 2024 ... In the last two months of 2023, ... had come to"), which the next paragraphs go on in
    main_flow_period: Period | None = None
    looking_back = False  # the last flow period is a digression to an earlier time
    year_positions, latest_years = _latest_years(text) if anchor is None else ([], [])
    target_headings = _target_headings(text, anchor)
    paragraph_starts = [0] + [match.end() for match in re.finditer(r"\n\s*\n|\n(?=[A-Z]+\n)", text)]
    last_sentence_read = -1
    original_promised: dict[int, bool] = {}  # candidate index -> its money is promised, not spent
    present_figures: dict[int, bool] = {}  # candidate index -> stated in the present tense, a level
    for mention in mentions:
        sentence_index = sentences.sentence_index(sentence_starts, mention.number_start)
        sentence_start = sentence_starts[sentence_index]
        sentence_end = sentence_starts[sentence_index + 1] if sentence_index + 1 < len(sentence_starts) else len(text)
        for lead_in in range(last_sentence_read + 1, sentence_index):
            # "Main indicators for the first quarter (January-March) were:" -- a sentence with no figure that names
            # a stretch of time: what the paragraph's figures after it are about
            lead = _lead_in_period(text, sentence_starts, lead_in, by_sentence, anchor)
            if lead is not None:
                last_flow_period, looking_back = lead, False
                if not _looks_back(lead, main_flow_period):
                    main_flow_period = lead
                earlier_periods.append(lead)
        last_sentence_read = max(last_sentence_read, sentence_index)
        quote_start, quote_end = _quote_span(text, sentence_start, sentence_end, mention.start, mention.end)
        # The citation check must find what is proposed. It runs on the quote's own stretch of
        # text (found there means found in the text), so a long text costs time in proportion.
        span = locate_quote(text[quote_start:quote_end], text[quote_start:quote_end])
        if span is None:
            quote_start, quote_end = mention.start, mention.end
            if locate_quote(text[quote_start:quote_end], text[quote_start:quote_end]) is None:
                continue
        candidate = Candidate(
            mention=mention, quote=text[quote_start:quote_end], quote_start=quote_start, quote_end=quote_end
        )

        previous = candidates[-1] if candidates else None
        previous_in_sentence = previous is not None and previous.mention.number_start >= sentence_start
        if previous is not None and _is_conversion(text, previous.mention, mention):
            candidate.conversion_of = len(candidates) - 1
            candidate.quote, candidate.quote_start, candidate.quote_end = (
                previous.quote,
                previous.quote_start,
                previous.quote_end,
            )

        clause_start, clause_end = _clause_bounds(text, sentence_start, sentence_end, mention)
        before = text[clause_start : mention.number_start]
        target_heading = next((h for h in target_headings if h[0] <= mention.number_start < h[1]), None)
        candidate.is_forecast = target_heading is not None or bool(
            _forecast_before(before)
            or _TARGETS_BEFORE_RE.search(before)
            or _PLANNED_AFTER_RE.match(text, mention.end, min(len(text), mention.end + 40))
            or _EXPECTED_AFTER_RE.match(text, mention.end, min(len(text), mention.end + 40))
            # "is designed to handle 50,000 tonnes a year once completed in 2028": what it will do when built
            or _ONCE_BUILT_AFTER_RE.search(text, mention.end, clause_end)
            # "21 projects, worth 16.8 billion yuan, will be located in the area": what the money will do
            or (mention.unit in MONEY_UNITS and _WILL_AFTER_RE.match(text, mention.end))
        )  # "15 billion yuan of planned investment" is a plan too; "3 to 5 billion yuan are expected to be signed"
        old_level_now = (
            candidate.is_forecast
            and mention.unit in _DURATION_UNITS
            and bool(_FROM_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start))
            and bool(_FORECAST_RE.search(before))
        )
        if old_level_now:  # "is expected to cut transport time from about seven days to 2 days": how long it takes now
            candidate.is_forecast = False
        # "pledged investment stands at roughly $420 million": money promised, not yet spent -- a plan, with no metric
        # and no period (the labels disagree on "signed contracts worth": a fact in e09/e15, a plan in e34/e40)
        is_promised = mention.unit in MONEY_UNITS and bool(
            _PLEDGED_RE.search(before)
            or _DEAL_WORTH_BEFORE_RE.search(before)
            or _COMMITTED_BEFORE_RE.search(before)
            or (_SIGNED_A_BEFORE_RE.search(before) and _DEAL_AFTER_RE.match(text, mention.end))
            or _OF_COMMITMENTS_AFTER_RE.match(text, mention.end)
            # "signed 17 agreements on Monday, worth a combined AED3.4 billion", "Seven of the agreements, worth a
            # total of": the deals' value in a clause of its own after them
            or (
                _DEAL_WORTH_CLAUSE_RE.search(text, sentence_start, mention.number_start)
                # "worth a combined USD 640 million in contracted investment": named as what was contracted
                and not _CONTRACTED_AFTER_RE.match(text, mention.end)
            )
        )
        # "signed 19 agreements worth AED1.6 billion on Tuesday. The largest, a 1.2 billion yuan plant, ...": the sum
        # of one of the deals just signed is promised too, on the same day
        deal_day: tuple | None = None  # (label, start, end) of the day the deals were signed, if named
        if (
            mention.unit in MONEY_UNITS
            and not is_promised
            and sentence_index >= 1
            and _LARGEST_OPENING_RE.match(text, sentence_start)
            and _SIGNED_DEALS_RE.search(text, sentence_starts[max(0, sentence_index - 2)], sentence_start)
        ):
            is_promised = True
            deal_day = next(
                (  # the days of a sum promised just before ("from 20th to 23rd September"), else any one day
                    (earlier.period_label, earlier.period_start, earlier.period_end)
                    for earlier in _deal_days_first(candidates, original_promised)
                    if sentence_starts[max(0, sentence_index - 2)] <= earlier.mention.start < sentence_start
                    and earlier.period_start is not None
                    and earlier.period_end is not None
                    and (
                        earlier.period_start == earlier.period_end
                        or (
                            original_promised.get(candidates.index(earlier), False)
                            and (earlier.period_end - earlier.period_start).days < 14
                        )
                    )
                ),
                None,
            )
        candidate.is_forecast = candidate.is_forecast or is_promised
        if (
            not candidate.is_forecast
            and previous_in_sentence
            and previous.is_forecast
            and (_AND_ALONE_RE.fullmatch(before) or _PLAN_GOES_ON_RE.match(before))
            and not _is_old_value(text, mention)
        ):  # "Our target is 15 billion yuan this year, and 30 overseas warehouses by the end of 2027", "aims to lift
            # trade above 150 billion yuan this year, attract at least 8,000 new enterprises", "expected to reach 2.4
            # million tonnes, with Kashgar supplying nearly half": a clause with no verb of its own goes on planning
            candidate.is_forecast = True
        if candidate.conversion_of is not None:
            original = candidates[candidate.conversion_of]
            candidate.metric_code, candidate.is_forecast = original.metric_code, original.is_forecast
            is_promised = is_promised or original_promised.get(candidate.conversion_of, False)
        elif is_promised:
            candidate.metric_code = ""
        if candidate.conversion_of is not None or is_promised:
            pass
        else:
            clause = text[clause_start:clause_end]
            goods = _OPENING_GOODS_RE.match(clause)
            if goods and not (places and places.names_any(text, clause_start, clause_start + goods.end(1))):
                # "Fruit exports rose 12 percent": one kind of goods, as "fruit exports" inside a sentence are;
                # "Horgos exports" (a place's) keep their capital
                clause = clause[: goods.start(1)] + clause[goods.start(1)].lower() + clause[goods.start(1) + 1 :]
            candidate.metric_code = metric_for(
                clause=clause,
                quote=text[candidate.quote_start : candidate.quote_end],
                sentence=text[sentence_start:sentence_end],
                before=before,
                after=_words_after(
                    text, roles.get(mention, ("", mention.end))[1], sentence_end, by_sentence, sentence_start
                ),
                unit=mention.unit,
                role=roles.get(mention, ("", 0))[0],
                metric_codes=set(metric_codes),
                preceding=text[max(0, sentence_start - 300) : sentence_start],
            )
            increment = _INCREMENT_AFTER_RE.match(text, mention.number_end, sentence_end) or _INCREMENT_AFTER_RE.match(
                text, mention.end, sentence_end
            )
            if (
                increment
                and mention.unit not in ("%", "pp")
                and (increment.group("bare") or candidate.metric_code in stock_metric_codes)
            ):
                # "two more than a year earlier", "50,000 tonnes more", "10 more innovation cases by 2027": how much
                # a level grew, which no level metric measures ("1,200 more enterprises registered" are new ones)
                candidate.metric_code = ""
            new_value = next((c for c in reversed(candidates) if c.unit == mention.unit), None)
            if (
                new_value is not None
                and new_value.mention.number_start >= sentence_start
                and _OLD_VALUE_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start)
            ):  # "2,300 e-commerce businesses ..., up from about 900": the old value of what the new one measures
                # ("More than 60 UAE companies ..., nearly double the 33 recorded in 2024", a change between them)
                candidate.metric_code = new_value.metric_code
            if (
                not candidate.metric_code
                and mention.unit in MEASUREMENT_UNITS - {"%", "pp"}
                and _PART_OF_BEFORE_AFTER_RE.match(text, mention.end)
            ):  # "Kashgar Prefecture's trade totalled 64.3 billion yuan ... The area contributed 21.4 billion yuan of
                # that": an amount that is part of the amount before measures what the whole measures (a share of
                # it, "one-third of it", or a count, "3,100 of them", is read by the share and part rules)
                whole = next((c for c in reversed(candidates) if c.unit == mention.unit), None)
                if whole is not None and whole.mention.number_start >= sentence_starts[max(0, sentence_index - 1)]:
                    candidate.metric_code = whole.metric_code
            if not candidate.metric_code and mention.unit in MEASUREMENT_UNITS - {"%", "pp"}:
                candidate.metric_code = _continued_metric(
                    text, mention, sentence_starts, sentence_index, before, candidates, set(metric_codes)
                )
            if (
                mention.unit == "%"
                and (share := _ONE_IN_RE.search(text, mention.start, mention.end + 60))
                and share.start() < mention.end
                and candidate.metric_code in GROWTH_OF.values()
            ):
                candidate.metric_code = ""  # "one in five now sells abroad": a share, never a growth rate
            if mention.unit == "%" and previous_in_sentence:
                # "186,000 tonnes of dried fruit ..., up 17.8 per cent": the change of the figure before,
                # unless the percentage's own clause names what it measures
                if (
                    previous.unit in MEASUREMENT_UNITS - {"%", "pp"} or previous.metric_code in GROWTH_OF
                ) and _GROWTH_BEFORE_RE.search(before):
                    own = guess_metric(
                        # the percentage's own words, after the figure it follows ("The area exported 12,300
                        # vehicles, up 35 percent": the vehicles' growth, not the exports' trade)
                        text[max(clause_start, previous.mention.end) : clause_end],
                        "%",
                        target_codes(set(metric_codes), before=before, after=text[mention.end : mention.end + 40]),
                    )
                    candidate.metric_code = own or growth_of(previous.metric_code, before, set(metric_codes))
                elif not candidate.metric_code:
                    candidate.metric_code = growth_of(
                        previous.metric_code,
                        before,
                        set(metric_codes),
                        after=text[mention.end : mention.end + 40],
                        figure=text[mention.start : mention.end],
                    )
                base = next((code for code, growth in GROWTH_OF.items() if growth == candidate.metric_code), "")
                if (
                    base
                    and base != "registered_enterprises"
                    and previous.unit in MEASUREMENT_UNITS - {"%", "pp"}
                    and not previous.metric_code
                    and mention.start - previous.mention.end <= 40
                    and guess_metric(text[sentence_start:sentence_end], previous.unit, {base})
                ):  # "the cargo carried on the route reached 14,500 tonnes, almost triple the same period of 2025":
                    # the change of a figure its rules keep from the metric is kept from the metric's growth too
                    candidate.metric_code = ""
                if (
                    previous.unit == "enterprises"
                    and not previous.metric_code
                    and {"registered_enterprises", "new_enterprises"} <= set(metric_codes)
                    and candidate.metric_code in ("registered_enterprises_growth", "new_enterprises_growth_yoy")
                ):  # "foreign-invested enterprises numbered 412 ..., up 19 per cent", "60 UAE companies ..., nearly
                    # double": the growth of firms that no enterprise metric of the portal counts is none either
                    candidate.metric_code = ""
        # how far one place lies from another ("Over 2,000 kilometers away", "Some 670 kilometres to the east",
        # "which lies within 500 kilometres of the border") and a trip's duration are about no one place; a
        # distance goods travel ("now reach markets in just 600 kilometres") is the route's place, as curators read it
        if (
            place_mentions is not None
            and not _TRIP_DURATION_BEFORE_RE.search(before)
            and not _TRIP_AFTER_RE.match(text, mention.end)
            and not (mention.unit == "km" and _places_apart(text, mention.end, before))
            # "compared with 10 to 12 days by sea and road": the sea route's time, from the coast, is no place's here
            and not (mention.unit in ("days", "hours") and _BY_SEA_AFTER_RE.match(text, mention.end))
        ):
            candidate.place_key = place_mentions.for_figure(
                number_start=mention.number_start,
                end=mention.end,
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                counts_things=mention.unit not in MEASUREMENT_UNITS,
                # "run two block trains a month between Urumqi and Aktau": trains on a city-to-city route are a link
                # frequency as flights are
                is_flight_frequency=(
                    mention.unit == "flights"
                    or (mention.unit == "trains" and bool(_BETWEEN_CITIES_AFTER_RE.match(text, mention.end)))
                )
                and (
                    bool(_PER_TIME_RE.match(text, mention.number_end, min(len(text), mention.end + 20)))
                    # "Flights between Dubai and Urumqi rose to eight a week, from three a year ago": the old value
                    # of a frequency is one too
                    or (
                        previous_in_sentence
                        and previous.unit == "flights"
                        and bool(_PER_TIME_RE.match(text, previous.mention.number_end, previous.mention.end + 20))
                        and _is_old_value(text, mention)
                    )
                ),
            )
            old_of = next((c for c in reversed(candidates) if c.unit == mention.unit), None)
            if (
                place_mentions is not None
                and old_of is not None
                and old_of.place_key
                and old_of.mention.number_start >= sentence_start
                and _OLD_VALUE_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start)
                and not place_mentions.index.names_any(text, mention.end, sentence_end)
                and not _OTHER_SUBJECT_AFTER_RE.match(text, mention.end)
                and not _BY_OR_FOR_AFTER_RE.match(text, mention.end, mention.end + 40)
            ):
                # "accounted for 8.4% of the zone's trade, up from 5.1% a year earlier": with no place of its own (nor
                # another's, "for Xinjiang as a whole", "handled by ..."), an old value is of the place its new value is
                candidate.place_key = old_of.place_key

        if sentence_start not in periods_by_sentence:
            seen = bisect.bisect_right(year_positions, sentence_start) - 1
            periods_by_sentence[sentence_start] = find_periods(
                text,
                sentence_start,
                sentence_end,
                anchor,
                latest_year=latest_years[seen] if seen >= 0 else None,
                launch=launch,
            )
        sentence_mentions = by_sentence.get(sentence_start, [])
        is_old_value = _is_old_value(text, groups.get(mention, mention))
        compared_other = is_old_value and bool(_OTHER_SUBJECT_AFTER_RE.match(text, mention.end))
        statement_start, statement_end = _statement_bounds(text, sentence_start, sentence_end, mention)
        sentence_periods = [
            period
            for period in periods_by_sentence[sentence_start]
            if (
                statement_start <= period.position < statement_end
                # "For the full year, the prefecture expects ..., while the area aims for 32 billion yuan": a time
                # that opens its sentence holds for each statement in it
                or (
                    period.position < statement_start
                    and not text[sentence_start : period.position].strip()
                    and bool(_OPENING_PHRASE_RE.match(text, period.position))
                )
            )
            # "3,300 of which were set up in 2025": an event date after the figure, in its clause, is its period
            and (not period.dates_event or mention.number_start < period.position < clause_end)
            and _may_take(text, period, mention, sentence_mentions, time_groups)
            # "Half of the increase came from goods we hardly exported two years ago": a look back that follows a
            # figure at a distance dates the words before it
            and not (
                period.kind == "years_back"
                and period.position > mention.end
                and len(text[mention.end : period.position].split()) > 3
            )
            # an old value's time follows it ("down from two hours in 2023"); one before it is the new value's
            # (not "against 9.4 percent growth for Xinjiang as a whole": another subject's figure over the same time)
            and not (is_old_value and not compared_other and period.position < mention.number_start)
            # "roughly 24 trains a day, and the station expects the full-year total to pass 8,500": a plan's time
            and not (
                period.position > mention.end
                and not candidate.is_forecast
                and _plan_between(text, mention.end, period.position)
            )
            # "up 14.2 percent from a year earlier": the time compared with is only an old value's
            and (is_old_value or not (period.is_base or period.kind == "year_before"))
            # "sales rose 12 percent, and the full-year target was beaten by 3 percent": the time of a target,
            # plan or goal is the plan's, not a stated figure's
            and (candidate.is_forecast or not _TARGET_TIME_RE.match(text, period.position))
        ]
        as_of_clause = bool(_AS_OF_RE.search(text, clause_start, clause_end))
        present_level = (
            anchor is not None
            and not candidate.is_forecast
            and not is_old_value
            and mention.unit != "km"
            and not _TRIP_DURATION_BEFORE_RE.search(before)
            and not _TRIP_AFTER_RE.match(text, mention.end)
            and not any(clause_start <= p.position < clause_end for p in sentence_periods)
            and _is_present_level(
                text,
                clause_start,
                clause_end,
                mention,
                previous_present=present_figures.get(len(candidates) - 1, False) and previous_in_sentence,
            )
        )
        present_figures[len(candidates)] = present_level
        if present_level:  # "..., and enterprises there employ nearly 38,000 people": no other clause's period
            sentence_periods = []
        if as_of_clause and anchor is not None:
            # "..., and the airport now operates 26 routes": "now" outweighs a period in another clause
            sentence_periods = [p for p in sentence_periods if clause_start <= p.position < clause_end]
        in_quote = [p for p in sentence_periods if candidate.quote_start <= p.position < candidate.quote_end]
        # "For the full year, the port aims to export 600,000 vehicles and to bring clearance under one hour by the
        # end of 2026": a phrase after a later figure is that figure's when the sentence gave this one a time before it
        later_owned = [
            p
            for p in sentence_periods
            if p.position > mention.end and any(mention.end <= m.number_start < p.position for m in sentence_mentions)
        ]
        if later_owned and (
            any(p.position < mention.number_start and not p.is_base for p in sentence_periods)
            # "The airport now serves 26 routes and carried 1.1 million passengers since January": "now" dates this one
            or _NOW_RE.search(text, clause_start, mention.number_start)
        ):
            sentence_periods = [p for p in sentence_periods if p not in later_owned]
            in_quote = [p for p in in_quote if p not in later_owned]
        period = _nearest_period(in_quote or sentence_periods, mention, text)
        if (
            period is not None
            and period.start is None
            and period.end is not None
            and period.kind in ("by_month", "as_of_day", "by")
            and not candidate.is_forecast
        ):  # "A train service launched in June made 96 trips by the end of November": counted from the event's month
            event = next(
                (
                    p
                    for p in reversed(periods_by_sentence[sentence_start])
                    if p.dates_event
                    and p.start is not None
                    and p.position < mention.number_start
                    and p.start < period.end
                ),
                None,
            )
            if event is not None:
                period = Period(event.start, period.end, f"{event.label} {period.label}", period.position, kind="since")
        if (
            period is not None
            and period.position < mention.number_start
            and not candidate.is_forecast
            and _NOW_RE.search(text, period.position, mention.number_start)
            and _period_owner(text, period, [m for m in sentence_mentions if m is not mention]) is not None
        ):  # "Payments that took two to three days in 2023 now clear in under an hour": the year is the old figure's
            period = None
        if period is None and target_heading is not None:  # "By 2027:\n- visits to reach 150,000 a year;"
            item_end = text.find("\n", mention.end)
            period = dataclasses.replace(
                target_heading[2], position=item_end if item_end >= 0 else len(text), kind="by"
            )
        compared_after = (
            period is not None
            and period.position > mention.end
            and period.kind not in _RUNNING_KINDS
            # "exports tripled in the first seven months from a year earlier": the multiple's own time, no base
            and not (
                period.kind not in ("same", "year_before")
                and not period.is_base
                and _OWN_TIME_GAP_RE.fullmatch(text, mention.end, period.position)
            )
        )
        paragraph_start = paragraph_starts[bisect.bisect_right(paragraph_starts, sentence_start) - 1]
        # "The 22 pilot free trade zones nationwide reported trade of 4.1 trillion yuan in the first half", "Of the 22
        # zones, none ...": a set the article names as known is counted as it speaks, whatever period its sentence has
        is_known_set = (
            mention.unit not in MEASUREMENT_UNITS
            and mention not in roles
            and not candidate.is_forecast
            and (
                bool(_KNOWN_SET_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start))
                and bool(
                    _NATIONAL_AFTER_RE.match(text, mention.end)
                    or _NATIONAL_BEFORE_RE.search(text, max(sentence_start, mention.start - 40), mention.start)
                )
                # "among the country's 22 pilot free trade zones", "China's 22 pilot zones combined": the nation's set
                or bool(_NATION_POSSESSIVE_BEFORE_RE.search(text, max(0, mention.start - 20), mention.start))
            )
        )
        if is_known_set:
            period = None
        whole = None
        if (
            period is not None
            and previous_in_sentence
            and mention.unit == "%"
            and previous.period_end is not None
            and not clause_start <= period.position < clause_end
            and (
                _SHARE_OF_BEFORE_AFTER_RE.match(text, mention.end)
                # "taking the number implemented since the launch to 268, or 94 percent of ...": the level said again
                or (
                    not candidate.is_forecast
                    and not previous.is_forecast
                    and _OR_RESTATED_BEFORE_RE.search(text, max(sentence_start, mention.start - 30), mention.start)
                )
            )
        ):  # "Between 2021 and 2025, trade grew ..., and the plants now employ 12,000 people, two-thirds of them
            # local": a share of the figure before is at that figure's time, whatever another clause's time
            period = None
        if period is None and previous is not None:
            if mention.unit == "%" and _SHARE_OF_BEFORE_AFTER_RE.match(text, mention.end):
                # "Some 40 firms are now registered, nearly half of them in Urumqi": a share of the figure before
                whole = previous if previous_in_sentence else None
            elif _OF_THEM_RE.match(text, mention.number_end) or _PART_OF_THOSE_OPENING_RE.fullmatch(
                text, sentence_start, mention.start
            ):
                # "... had 9,480 enterprises with capital of 96.3 billion yuan. Two hundred and twelve of them are
                # foreign-invested" ("Among them, 212 are ..."): a part of what the paragraph counted last in its unit
                whole = next(
                    (
                        c
                        for c in reversed(candidates)
                        if c.unit == mention.unit
                        and c.mention.number_start >= paragraph_start
                        # "33,400 ..., 2.2 times the 15,100 recorded when the zone opened. Only 11 of them": the
                        # level compared with is not the whole
                        and not _COMPARED_BEFORE_RE.search(text, max(0, c.mention.start - 25), c.mention.start)
                    ),
                    None,
                )
        if (
            period is None
            and whole is None
            and previous_in_sentence
            and not candidate.is_forecast
            and not previous.is_forecast
            and _OR_RESTATED_BEFORE_RE.search(text, max(sentence_start, mention.start - 30), mention.start)
        ):  # "handled 9.1 billion yuan of that trade, or roughly 49 percent": the figure before said again
            whole = previous
        if whole is not None and whole.period_end is not None:  # a part of a figure before, at its time
            period = Period(whole.period_start, whole.period_end, whole.period_label, mention.start)
        if (
            period is None
            and previous_in_sentence
            and previous.period_end is not None
            and mention.unit not in MEASUREMENT_UNITS
            and _TOTAL_BEFORE_RE.search(before)
        ):  # "New enterprises numbered 1,480, bringing the number registered to 14,960": a level when the flow ended
            period = Period(None, previous.period_end, previous.period_label, mention.start)
        if (
            period is None
            and previous_in_sentence
            and previous.period_start is None
            and previous.period_end is not None
            and not previous.is_forecast
            and not candidate.is_forecast
            and not is_old_value
            and not present_level
            and not as_of_clause
            and mention.unit not in MONEY_UNITS | {"t"}
            and not _is_old_value(text, groups.get(previous.mention, previous.mention))
            # a level dated long before the text ("Of the 26 measures announced in 2024, 24 have been implemented")
            # is a look back; what follows it speaks of now
            and (anchor is None or previous.period_end >= anchor - dt.timedelta(days=183))
        ):  # "Clearance has been cut to 1.2 hours, down 38 percent", "412 are foreign-invested, coming from 27
            # countries": a count or change with no time of its own after a level in its sentence is read at that date
            period = Period(None, previous.period_end, previous.period_label, mention.start)
        if period is not None and period.kind == "this_year" and not candidate.is_forecast and period.end is not None:
            # "As of end-June, 11,930 enterprises were registered. Of these, 1,240 were newly registered this year":
            # this year up to the day its paragraph gave
            as_of_day = next(
                (
                    p
                    for p in reversed(earlier_periods)
                    if p.position >= paragraph_start
                    and p.start is None
                    and p.end is not None
                    and p.kind in ("by_month", "as_of_day", "by")
                    and p.end.year == period.end.year
                    and p.end < period.end
                ),
                None,
            )
            if as_of_day is not None:
                period = dataclasses.replace(period, end=as_of_day.end)
        if period is not None and period.kind in ("same", "stretch"):  # "over the holiday": the stretch named before
            reference = earlier_periods
            if (
                period.kind == "same"
                and is_old_value
                and previous_in_sentence
                and previous.period_start is not None
                and previous.period_end is not None
            ):  # "came to 5.9 billion yuan, compared with 4.6 billion yuan in the same period last year": the new
                # value's period, a year earlier
                reference = [Period(previous.period_start, previous.period_end, previous.period_label, mention.start)]
            else:  # "In the third quarter alone, ... . Over the period, ...": a part singled out in an earlier sentence
                # is an aside; the period referred to later is the one it was singled out of
                reference = [
                    p
                    for p in reference
                    if p.position >= sentence_start or not _SINGLED_OUT_AFTER_RE.match(text, p.position)
                ]
            period = _earlier_year(_same_period(period, reference), period.label)
        elif period is not None and period.kind == "year_before":  # "... the year before", "a year earlier"
            reference = earlier_periods
            if (
                is_old_value
                and previous is not None
                and previous.period_end
                and previous.mention.number_start >= (sentence_start)
            ):  # "came to 6.2 billion yuan, against 4.7 billion yuan a year earlier": a year before the new value's
                reference = [Period(previous.period_start, previous.period_end, previous.period_label, mention.start)]
            period = _earlier_year(_same_period(period, reference), "last year")
        multiple_span = None
        is_multiple = bool(
            _MULTIPLIER_RE.fullmatch(text, mention.number_start, mention.number_end)
            or _is_times_multiplier_at(text, mention.number_start)
        )
        if (
            is_multiple
            and not candidate.is_forecast
            # "has doubled since 2024": a run of years of its own
            and (period is None or compared_after)
            and previous_in_sentence
            and previous.period_start is not None
            and not previous.is_forecast
        ):  # "2,600 tonnes in the first eight months, more than double the amount in the same period of 2025",
            # "517,000 tonnes, nearly double a year earlier": a multiple of an old value, at the time its figure took
            period = Period(previous.period_start, previous.period_end, previous.period_label, mention.start)
        if (
            (is_multiple or text[mention.number_start : mention.number_end].lower() in ("twice", "thrice"))
            and not candidate.is_forecast
            and previous_in_sentence
            and previous.period_start is None
            and previous.period_end is not None
            and not previous.is_forecast
        ):  # "More than 60 UAE companies are now registered, nearly double the 33 recorded at the end of 2024": a
            # multiple of a level on an earlier day, over the time from that day to the day of the new level
            old_day = next(
                (
                    p
                    for p in periods_by_sentence[sentence_start]
                    if mention.end <= p.position < clause_end
                    and (p.start is None or p.dates_event)
                    and p.end is not None
                    and p.end < previous.period_end
                ),
                None,
            )
            if old_day is not None:  # a change's span, which no figure after it goes on in; "double the figure when
                # the area was launched in November 2023": from the launch, its month's first day
                period = Period(
                    old_day.start or old_day.end, previous.period_end, old_day.label, mention.start, kind="since_end"
                )
        if (
            is_multiple
            and not candidate.is_forecast
            and previous is not None
            and (previous_in_sentence or _FIGURE_SUBJECT_RE.match(text, sentence_start))
            and previous.period_start is not None
            and previous.period_end is not None
            and not previous.is_forecast
        ):  # "7.26 million visits in 2025. The figure was nearly triple the 2.5 million recorded in 2023": a multiple
            # of a flow in a year before the last, over the years from that one to the new figure's
            old_span = next(
                (
                    p
                    for p in periods_by_sentence[sentence_start]
                    if mention.end <= p.position < clause_end
                    and p.start is not None
                    and p.end is not None
                    and not p.is_base
                    and p.kind not in ("same", "year_before")
                    and _years_later(p.end, 1) < previous.period_start
                ),
                None,
            )
            if old_span is not None:  # a change's span, which no later figure refers to
                period = Period(old_span.start, previous.period_end, old_span.label, mention.start, kind="since_end")
                multiple_span = period
        year_base = next(
            (
                p
                for p in periods_by_sentence[sentence_start]
                if mention.end <= p.position < clause_end and (p.is_base or p.kind == "year_before")
            ),
            None,
        )
        if (
            mention.unit == "%"
            and year_base is not None
            and "year" in year_base.label.lower()
            and not candidate.is_forecast
            and not is_old_value
            and previous_in_sentence
            and previous.period_start is None
            and previous.period_end is not None
            # a level on a day the text names (not "has been cut to 2 hours, down 40 percent from a year earlier")
            and not previous.period_label.startswith("as of")
            and not previous.is_forecast
            and (period is None or period.start is None)
            and (
                _CHANGE_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
                or _REDUCTION_OF_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
            )
        ):  # "412 firms by the end of October, up 19 per cent on a year earlier": a level's change over the year to
            # its day
            end = previous.period_end
            period = Period(_years_later(end, -1), end, year_base.label, mention.start, kind="since_end")
        level_before = candidates[-2] if len(candidates) >= 2 else None
        if (
            mention.unit == "%"
            and not candidate.is_forecast
            and previous is not None
            and level_before is not None
            and level_before.mention.number_start >= sentence_start
            and level_before.period_start is None
            and previous.period_start is None
            and previous.period_end is not None
            and level_before.period_end is not None
            and previous.period_end < level_before.period_end
            and _is_old_value(text, groups.get(previous.mention, previous.mention))
            and _CHANGE_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
            and (period is None or not clause_start <= period.position < clause_end)
        ):  # "4,870 firms at the end of 2025, against 1,950 at the end of 2023, an increase of about 150 percent": the
            # change of a level between the two days
            period = Period(
                previous.period_end, level_before.period_end, previous.period_label, mention.start, kind="since_end"
            )
        if (
            period is not None
            and period.kind == "year_end"
            and not candidate.is_forecast
            and anchor is not None
            and period.end is not None
            and period.end > anchor
            and not re.search(r"\b(?:this|next)\b", period.label, re.I)
        ):  # "lifting the number to 29,860 at year-end" said on 12 January: a level stated is of a year-end passed
            period = Period(
                None, period.end.replace(year=period.end.year - 1), period.label, period.position, kind="year_end"
            )
        if (
            period is not None
            and (
                period.kind in ("in_month_bare", "by_month")
                # "will provide loans of 3 billion yuan in the first half", "by June 30 the area aims to add ...":
                # a yearless half, quarter or day in a plan is the next one, not the last one ended
                or (
                    period.kind in ("first_quarters", "first_months", "quarter", "second_half", "half_h", "as_of_day")
                    and not re.search(r"\d{4}|\byear\b", period.label)
                )
            )
            and candidate.is_forecast
            and anchor is not None
            and period.end is not None
            and period.end < anchor
        ):  # "plans to lead a delegation in November" said in September: next November, not the last one
            period = dataclasses.replace(
                period,
                start=period.start.replace(year=period.start.year + 1) if period.start else None,
                end=_years_later(period.end, 1),
            )
        if period is not None:
            candidate.period_label = period.label
            candidate.period_start = period.start
            candidate.period_end = period.end
            if (
                period.end is not None
                and not is_old_value  # "down from 1.8 hours a year earlier": a time compared with, not referred to
                and not candidate.is_forecast  # "aims to handle 10,000 this year": a plan's time is not referred to
                and mention.unit != "rank"  # "33rd in the ranking for 2024": an edition's year, no period of flows
                and (not earlier_periods or earlier_periods[-1] is not period)
                and period is not multiple_span
            ):
                earlier_periods.append(period)
            if (
                candidate.is_forecast
                and period.kind in ("by", "year_end")
                and period.end
                and period.end.month == 12
                and not _is_level_target(text, mention, period, clause_start)
                # "a complex of 120,000 square meters is expected to open by the end of 2026": an area at a day
                # named is a level (not "a 12,000-square-metre warehouse by 2027", said of the year)
                and not (mention.unit in _AREA_UNITS and "end" in period.label.lower())
                # "to expand its cold-storage capacity to 500,000 tonnes by the end of 2027": a capacity is a level
                and not (
                    _is_capacity(text, mention, clause_start, clause_end)
                    and not _YEARLY_AFTER_RE.match(text, mention.end, max(mention.end, period.position))
                )
            ):
                candidate.period_start = dt.date(period.end.year, 1, 1)  # "will exceed 100 billion yuan by 2028"
            if (
                period.start is not None
                and period.end is not None
                and _is_capacity(text, mention, clause_start, clause_end)
                and not _YEARLY_BEFORE_RE.search(text, max(clause_start, mention.start - 50), mention.start)
                and not _YEARLY_AFTER_RE.match(text, mention.end, clause_end)
            ):  # "to double its storage capacity to 5,000 tonnes next year": what it can hold then, a level (not
                # "annual handling capacity to 10 million tonnes in 2027": a year's throughput)
                candidate.period_start = None
            if candidate.is_forecast and period.kind == "this_year" and period.end:
                candidate.period_end = dt.date(period.end.year, 12, 31)  # "expects ... this year": all of it
        is_plan = is_promised or (
            candidate.is_forecast
            and mention.unit in ("CNY", "USD")
            and bool(
                _PLANNED_RE.search(before)
                or _PLANNED_AFTER_RE.match(text, mention.end, min(len(text), mention.end + 40))
            )
        )
        original_promised[len(candidates)] = is_promised
        # "planned investment of 3.5 billion yuan ... broke ground in September": a plan's sum has no period,
        # unless it is spread over years of its own ("12 billion yuan is planned ... over the 2026-2028 period")
        # "signed 19 agreements worth AED1.6 billion on Tuesday": a sum promised at a one-day event is dated that day
        if is_promised and period is None and deal_day is None and sentence_index >= 1:
            # "... signed during the event, which ran from 20th to 23rd September, with a combined value of AED3.4
            # billion. Seven of the agreements, worth a total of 2.8 billion yuan, ...": a part of the sum just
            # promised at an event of a few days is dated over those days too
            deal_day = next(
                (
                    (earlier.period_label, earlier.period_start, earlier.period_end)
                    for index, earlier in reversed(list(enumerate(candidates)))
                    # "... signed 17 agreements on Monday, worth a combined AED3.4 billion. [two sentences] The
                    # largest deal, worth AED1.2 billion": the largest of them looks back further
                    if sentence_starts[
                        max(0, sentence_index - (3 if _LARGEST_OPENING_RE.match(text, sentence_start) else 1))
                    ]
                    <= earlier.mention.start
                    < sentence_start
                    and original_promised.get(index, False)
                    and earlier.period_start is not None
                    and earlier.period_end is not None
                    and (earlier.period_end - earlier.period_start).days < 14
                ),
                None,
            )
        signed_that_day = (
            is_promised
            and period is not None
            and period.kind in ("weekday", "on_day")
            and period.start == period.end
            and bool(_SIGNED_RE.search(text, sentence_start, sentence_end))
        ) or (  # "signed during the event, which ran from 20th to 23rd September": a sum promised at a few days' event
            is_promised
            and period is not None
            and period.kind == "day_range"
            and period.start is not None
            and period.end is not None
            and (period.end - period.start).days < 14
            # the event's days named before the sum, with the signing ("signed during the event, which ran from
            # 20th to 23rd September, with a combined value of"), not after it ("worth AED2.4 billion during a visit
            # ... from 9th to 13th November", which the labels leave undated)
            and period.position < mention.start
            and bool(_SIGNED_RE.search(text, sentence_start, period.position))
        )
        if is_plan and not signed_that_day and (period is None or period.kind != "year_span"):
            period = None
            candidate.period_label, candidate.period_start, candidate.period_end = "", None, None
            if deal_day is not None:
                candidate.period_label, candidate.period_start, candidate.period_end = deal_day
        running_total = (
            mention.unit not in ("%", "pp")  # a change has a base, which "has grown 20 percent" does not date
            and bool(_PRESENT_PERFECT_RE.search(text, clause_start, mention.number_start))
            and not _SINCE_RE.search(text, sentence_start, sentence_end)  # "since the FTZ's launch": a start unknown
            # "The zone, launched in December 2023, has attracted 500 enterprises": counted from an event, start unread
            and not any(p.dates_event for p in periods_by_sentence[sentence_start])
        )
        # "start on 5,000 to 6,500 yuan a month", "the city's average wage of about 4,100 yuan": a wage, price or sum
        # per unit of time is a rate, no flow the paragraph's period counts; with no time of its own, as it is now
        # "with storage for up to 30,000 tonnes at a time": a capacity is a level too
        is_rate = (
            period is None
            and not candidate.is_forecast
            and (
                mention.unit in MONEY_UNITS
                and bool(
                    _PER_TIME_AFTER_RE.match(text, mention.end)
                    or _RATE_NOUN_BEFORE_RE.search(text, max(clause_start, mention.start - 50), mention.start)
                )
                or _is_capacity(text, mention, clause_start, clause_end)
                # "Cargo flights rose to eight a week": a frequency is a level too (not an average over a period:
                # "That works out at 24 trains a day", "averaging 30 a day")
                or (
                    mention.unit not in MEASUREMENT_UNITS
                    and bool(_PER_TIME_RE.match(text, mention.number_end, min(len(text), mention.end + 20)))
                    and not _AVERAGE_BEFORE_RE.search(text, clause_start, mention.start)
                )
            )
        )
        if (
            last_flow_period is not None and last_flow_period.position < paragraph_start and looking_back
        ):  # "That compares with 113.9 billion yuan in 2024.\n\nKazakhstan ... 41.3 billion yuan": a look back at an
            # earlier year is its paragraph's; the next paragraph goes on in the period the article reports on
            last_flow_period, looking_back = main_flow_period, False
        if (
            period is None
            and not candidate.is_forecast
            and not is_old_value
            and not as_of_clause
            and not present_level
            and not is_known_set
            and not is_rate
            and not _MULTIPLIER_RE.fullmatch(text, mention.number_start, mention.number_end)
            and candidate.metric_code not in stock_metric_codes
            and last_flow_period is not None
            and (
                last_flow_period.position >= paragraph_start
                # only money, tonnes and counts carry on into the next paragraph: a share or change is read
                # against its own paragraph ("Over 80 percent of this cultivation"), a distance or a time
                # is no flow, and "since its establishment" is a running total of its own
                or (
                    (
                        mention.unit in ("CNY", "USD", "t")
                        or mention.unit not in MEASUREMENT_UNITS
                        # a change, not a share: "Exports climbed nearly 40 percent" after "... in the first 10 months"
                        or (
                            mention.unit in ("%", "pp")
                            and (
                                _CHANGE_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
                                or _is_times_multiplier_at(text, mention.number_start)  # "2.4 times the volume"
                            )
                        )
                        # a share "of the total" is of the total named before: "about 40 pct of the total"
                        or (mention.unit == "%" and _OF_THE_TOTAL_AFTER_RE.match(text, mention.end))
                        # "11 percentage points more than a year earlier": a change said after its figure
                        or (mention.unit in ("%", "pp") and _MORE_THAN_AFTER_RE.match(text, mention.end))
                        # "Kazakhstan took 57 percent of the vehicles": a share of what was counted before
                        or (mention.unit == "%" and _share_of_counted(text, mention, candidates))
                    )
                    and not _SINCE_RE.search(text, sentence_start, sentence_end)
                    # "... has tripled since the end of 2023.\n\nSome 520 firms are registered": a change's run of
                    # years is no period the next paragraph goes on with
                    and last_flow_period.kind not in _RUNNING_KINDS - {"this_year"}
                    # a paragraph that names a stretch of its own (an as-of day is none: "By the end of August
                    # the area was home to 9,310 enterprises. Its trade ... came to 6.2 billion yuan")
                    and not any(
                        earlier.position >= paragraph_start and earlier.start is not None for earlier in earlier_periods
                    )
                    # "The area has signed 112 projects": a total up to now, not the last paragraph's period
                    and not running_total
                )
            )
        ):
            # A flow with no time of its own is counted over the paragraph's period: "... in 2025.
            # It also processed 1.2 million parcels" (the parcels are 2025's too); in a paragraph that
            # names no time, over the period the article spoke of last ("Of the three areas, ...").
            last = last_flow_period
            candidate.period_label, candidate.period_start, candidate.period_end = last.label, last.start, last.end
        elif (
            period is not None
            and period.start is not None
            # "signed ... during the event, which ran from 20th to 23rd September, with a combined value of": the
            # days of the signing are the time the next figures go on in
            and (not candidate.is_forecast or signed_that_day)
            and not is_old_value
            and period.kind not in ("fiscal_part", "since_end")  # one company's half-year, a change's span: not
            # the time the article goes on in
            # "The fourth quarter alone brought in ...", "in June by itself": a part singled out of the time the
            # article speaks of, which the next figures go on in
            and not _SINGLED_OUT_AFTER_RE.match(text, period.position)
            # "reversing a decline of 4.3 per cent in the same period last year": a time compared with, not the
            # time the paragraph speaks of
            and not (
                period.kind == "same"
                and last_flow_period is not None
                and last_flow_period.end is not None
                and period.end is not None
                and period.end < last_flow_period.end
            )
        ):
            last_flow_period = period
            if not _looks_back(period, main_flow_period):
                main_flow_period = period
            # a look back inside a paragraph that spoke of the article's period, or said as a comparison ("That
            # compares with ... in 2024", "had come to"), is a digression; a paragraph given to an earlier year is not
            looking_back = _looks_back(period, main_flow_period) and (
                main_flow_period.position >= paragraph_start
                or bool(_LOOK_BACK_WORDS_RE.search(text, sentence_start, sentence_end))
            )
        if (
            candidate.metric_code.endswith("_growth_yoy")
            and candidate.period_start is not None
            and candidate.period_end is not None
            and candidate.period_end - candidate.period_start > dt.timedelta(days=366)
            # "have grown between 20 percent and 30 percent annually since the FTZ's launch": each year's change
            and not _YEARLY_AFTER_RE.match(text, mention.end, min(len(text), mention.end + 40))
        ):
            candidate.metric_code = ""  # "over the past three years ... grown 2.5-fold": no change on a year before
        is_stock = candidate.metric_code in stock_metric_codes
        if (
            mention.unit not in MEASUREMENT_UNITS
            and _TOTAL_BEFORE_RE.search(before)
            and not (period is not None and period.kind == "full_year")  # "the full-year total to pass 8,500": a flow
        ):
            candidate.period_start = None  # "..., bringing the total to 31" routes: a level at the period's end
        if (
            mention.unit not in MEASUREMENT_UNITS
            and period is not None
            and period.kind in _RUNNING_KINDS - {"this_year"}  # "rose 38 percent to 64,500 so far this year": a flow
            and _TO_BEFORE_RE.search(before)
            and _CHANGE_WORD_RE.search(before)
            and not _NEW_RE.search(before)  # "new enterprises rose to 1,200 since January" are a flow
        ):
            candidate.period_start = None  # "has doubled since 2023 to 86": the change spans the years, 86 is a level
        if mention.unit == "rank":
            candidate.period_start = None  # "ranked 58th", "up 11 places": a position at a time, as a stock's level
        if (
            candidate.period_start is not None
            and candidate.period_start == candidate.period_end
            and mention.unit not in MEASUREMENT_UNITS
            and _PER_TIME_RE.match(text, mention.number_end, min(len(text), mention.end + 20))
        ):  # "due to start on January 15 with two flights a week": a frequency from a day is a level on that day
            candidate.period_start = None
        if (
            period is not None
            and period.kind in _SINCE_KINDS
            and candidate.period_start is not None
            and candidate.period_end is not None
            and candidate.period_end == anchor
            and previous is not None
            and not previous_in_sentence
            and previous.unit == mention.unit
            and previous.period_start is None
            and previous.period_end is not None
            and candidate.period_start < previous.period_end < candidate.period_end
            and _OF_THEM_AFTER_RE.match(text, mention.number_end)
        ):  # "The zone had 32,600 enterprises as of the end of September. More than 24,000 of them have been set up
            # since its launch": a part of the level just dated, counted up to the same day
            candidate.period_end = previous.period_end
        if mention.unit in _AREA_UNITS and not candidate.is_forecast:
            # "opened a 30,000-square-metre warehouse in August", "built a 5,000 square meter cold store in 2024":
            # a size is a level at the end of the time named, not a stretch of building over it
            candidate.period_start = None
        headcount = mention.unit in _HEADCOUNT_UNITS or _HEADCOUNT_NOUN_RE.search(text, mention.number_end, mention.end)
        if headcount and not candidate.is_forecast:
            # "started with eight employees in 2023": a workforce is a level, at the end of the time named
            candidate.period_start = None
        if mention.unit in _DURATION_UNITS:
            # "from five days in 2023", "Payments that took two to three days in 2023": how long something took then,
            # a level at the end of that time, as a stock's
            candidate.period_start = None
        # the figure of its sentence in the same unit: "42 warehouses with a capacity of 260,000 tonnes, up from 17"
        new_value = None
        for earlier in reversed(candidates):
            if earlier.mention.number_start < sentence_start:
                break  # only the sentence's own figures, so long texts stay linear
            if earlier.unit == mention.unit:
                new_value = earlier
                break
        if (
            is_old_value
            and new_value is not None
            and new_value.period_start is None
            and new_value.period_end is not None
            and not new_value.is_forecast
        ):  # "Flights have risen to 14 a week from four in 2024": the old value of a level is a level, at its end
            candidate.period_start = None
        if is_stock:
            candidate.period_start = None
            if (
                not candidate.is_forecast  # "to cut the time to under one hour by the end of 2026": that day
                and anchor
                and candidate.period_end
                and candidate.period_end > anchor >= candidate.period_end.replace(day=1, month=1)
            ):
                candidate.period_end = anchor  # "118 in 2023" said on 29 December 2023 is a level on that day
        if (
            candidate.period_end is None
            and (is_stock or mention.unit == "rank")
            and not is_old_value
            and not candidate.is_forecast
            and not _PRESENT_PERFECT_RE.search(text, clause_start, clause_end)  # "24 have been implemented": up to now
            and not _AS_OF_RE.search(text, sentence_start, sentence_end)  # "The hub now links 22 countries"
            and previous_in_sentence
            and previous.period_end is not None
            and not previous.is_forecast
            and not _is_old_value(
                text, groups.get(previous.mention, previous.mention)
            )  # "up from 18 at the end of 2025"
            and (anchor is None or previous.period_end < anchor)
        ):  # "contributed 10.2 billion yuan in 2025 and ranked 58th": a level with no time of its own, at the end of
            # the time its sentence has spoken of, not on the day the article was written
            candidate.period_start, candidate.period_end = None, previous.period_end
            candidate.period_label = candidate.period_label or previous.period_label
        if candidate.period_end is None and anchor is not None and old_level_now:
            candidate.period_start, candidate.period_end = None, anchor  # the level a plan will change, as it is now
            candidate.period_label = candidate.period_label or f"as of {anchor.isoformat()}"
        if candidate.period_end is None and anchor is not None and not is_old_value and not candidate.is_forecast:
            if (
                is_stock
                or running_total
                or is_known_set
                or is_rate
                or present_level
                or _AS_OF_RE.search(text, clause_start, clause_end)
            ):
                candidate.period_start, candidate.period_end = None, anchor  # a level as the article speaks
                candidate.period_label = candidate.period_label or f"as of {anchor.isoformat()}"
                # "As of October 31, 112 measures had been implemented. Nine cases have been promoted", "By the end
                # of last year, ...": a level with no time of its own, in a paragraph that opens on the day it is
                # about, is read at that day, unless its clause says "now"
                paragraph_day = next(
                    (
                        p
                        for start in sorted(periods_by_sentence, reverse=True)
                        if paragraph_start <= start < sentence_start
                        for p in periods_by_sentence[start]
                        if p.kind in ("by_month", "as_of_day", "by", "year_end")
                        and p.start is None
                        and p.end is not None
                        and p.end < anchor
                        and not p.dates_event
                        and not text[paragraph_start : p.position].strip()
                    ),
                    None,
                )
                if paragraph_day is not None and not _AS_OF_RE.search(text, clause_start, clause_end):
                    candidate.period_end, candidate.period_label = paragraph_day.end, paragraph_day.label
        if (
            mention.unit not in ("%", "pp")
            and not candidate.is_forecast
            and (_MORE_AFTER_RE.match(text, mention.end) or _MORE_AFTER_RE.match(text, mention.number_end))
        ):  # "46 routes, eight more than at the end of last year", "50,000 tonnes more than last year": an increment
            # has no start of its own; it ends with the level it adds to
            level = previous if previous_in_sentence else None
            if level is not None and level.unit == mention.unit and level.period_end is not None:
                candidate.period_end = level.period_end
                candidate.period_label = candidate.period_label or level.period_label
            candidate.period_start = None
        if (
            candidate.is_forecast
            and mention.unit not in ("%", "pp")
            and candidate.period_start is not None
            and candidate.period_end is not None
            and (
                _INCREMENT_AFTER_RE.match(text, mention.number_end, sentence_end)
                or _INCREMENT_AFTER_RE.match(text, mention.end, sentence_end)
            )
        ):  # "plans to add three more production lines next year", "want at least 10 more of our cases on the list
            # next year": a planned increment has no start of its own; it ends when the level it adds to is reached
            candidate.period_start = None
        if mention.unit == "enterprises" and _ONE_KIND_OF_ENTERPRISE_RE.search(text, mention.number_end, mention.end):
            # "60 Emirati-funded companies": one kind of the zone's enterprises, no enterprise metric, but dated
            # as the count of registered ones it is part of
            candidate.metric_code = ""
        candidates.append(candidate)
    for change, figure in zip(candidates, candidates[1:], strict=False):
        # "Trade ... nearly tripled year on year to 4.2 billion yuan": the change has the time its figure took
        if (
            change.period_end is None
            and figure.period_end is not None
            and change.unit in ("%", "pp")
            and not change.is_forecast
            and _CHANGE_TO_RE.fullmatch(text, change.mention.end, figure.mention.start)
        ):
            change.period_label, change.period_start, change.period_end = (
                figure.period_label,
                figure.period_start,
                figure.period_end,
            )
        # "exports of vehicles ... rose 20 percent to 85,000 units": the change is the growth of what it led to
        if (
            not change.metric_code
            and change.unit == "%"
            and figure.metric_code
            and change.mention.value_max is None
            and _CHANGE_OVER_TIME_TO_RE.fullmatch(text, change.mention.end, figure.mention.start)
            and _CHANGE_BEFORE_RE.search(text, max(0, change.mention.start - 40), change.mention.start)
        ):
            change.metric_code = (
                GROWTH_OF.get(figure.metric_code, "") if GROWTH_OF.get(figure.metric_code) in (metric_codes) else ""
            )
    return ExtractionResult(candidates=candidates, unparsed=unparsed)


# "twice a day", "10 times a week", "five flights weekly": a frequency
_AVERAGE_BEFORE_RE = re.compile(r"\b(?:averag\w*|works?[^\S\n]+out|worked[^\S\n]+out|on[^\S\n]+average)\b", re.I)
_PER_TIME_RE = re.compile(r"[^.;,]*?\b(?:a|per|every)[^\S\n]+(?:day|week|month)\b|[^.;,]*?\b(?:daily|weekly)\b")
# "The flight takes around six hours", "the drive from Kashgar took two days": how long a trip lasts is, like a
# distance, about no place
_TRIP_DURATION_BEFORE_RE = re.compile(
    # "with a flying time of around six and a half hours"
    r"\b(?:flying|flight|travel|journey|driving)[^\S\n]+times?[^\S\n]+(?:of|is|was)[^\S\n]+(?:(?:about|around|roughly|some"
    r"|nearly|almost|just|only|over|more[^\S\n]+than|less[^\S\n]+than|under)[^\S\n]+)?$"
    r"|\b(?:flights?|journeys?|trips?|drives?|rides?|voyages?|crossings?)\b[^,;.\d]{0,40}?"
    r"\b(?:takes?|took|taking|lasts?|lasted)[^\S\n]+(?:(?:about|around|roughly|some|nearly|almost|just|only|over"
    r"|more[^\S\n]+than|less[^\S\n]+than|under)[^\S\n]+)?$"
    # "You fly in from Dubai in under six hours", "flights reach Almaty in about two hours"
    r"|\b(?:fly|flies|flew|flying|flights?[^\S\n]+(?:reach|get|arrive)\w*)\b[^,;.\d]{0,40}?[^\S\n]in[^\S\n]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|just|only|over|more[^\S\n]+than|less[^\S\n]+than|under)[^\S\n]+)?$"
    # "air freight from Urumqi reaches Dubai in about seven hours", "A freighter covers the distance between Urumqi and
    # Abu Dhabi in six hours": a cargo flight's duration, or the time to cover a distance, is a trip's too
    r"|\b(?:air[^\S\n]+(?:freight|cargo)|freighters?|cargo[^\S\n]+(?:planes?|jets?))[^\S\n]+(?:[^,;.\d]{0,40}?[^\S\n])?"
    r"(?:reach|arriv|get|cover|land)\w*\b[^,;.\d]{0,40}?[^\S\n](?:in|within)[^\S\n]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|just|only|over|more[^\S\n]+than|less[^\S\n]+than|under)[^\S\n]+)?$"
    r"|\bcover(?:s|ed|ing)?[^\S\n]+the[^\S\n]+distance\b[^,;.\d]{0,60}?[^\S\n]in[^\S\n]+"
    r"(?:(?:about|around|roughly|some|nearly|almost|just|only|over|more[^\S\n]+than|less[^\S\n]+than|under)[^\S\n]+)?$",
    re.I,
)
# "Tashkent is only a two-hour flight away", "a three-day drive": the trip named right after its length
# "up from 5.1% a year earlier for Xinjiang", "... handled by Horgos Port": an old value another place's words follow
_BY_OR_FOR_AFTER_RE = re.compile(r"[^\S\n]+(?:[a-z]+[^\S\n]+){0,2}(?:by|for)\b")
_BETWEEN_CITIES_AFTER_RE = re.compile(r"[^.;,\n]{0,30}?\bbetween[^\S\n]+[A-Z][\w-]*[^\S\n]+and[^\S\n]+")
_BY_SEA_AFTER_RE = re.compile(r"[^\S\n]+by[^\S\n]+sea\b", re.I)
_TRIP_AFTER_RE = re.compile(r"[^\S\n]+(?:flight|drive|journey|trip|ride|voyage|crossing)s?\b", re.I)
_DISTANCE_APART_AFTER_RE = re.compile(
    r"[^\S\n]+(?:away\b|to[^\S\n]+the[^\S\n]+(?:north|south)?-?(?:east|west)?(?:ern)?\b|(?:north|south|east|west)\w*[^\S\n]+of\b"
    # "Urumqi is some 4,300 kilometres from Dubai", not a route goods travel ("4,000 kilometres from Zhejiang to ...")
    r"|of\b|off\b|apart\b|distant\b|from\b(?![^.;,\n]{0,40}?[^\S\n]to[^\S\n]))",
    re.I,
)
_DISTANCE_APART_BEFORE_RE = re.compile(r"\b(?:lies|lie|lay|lying|located|situated|sits|stands)\b[^.;,\d]{0,30}$", re.I)


def _places_apart(text: str, end: int, before: str) -> bool:
    """Whether a distance says how far places lie apart: "kilometres away", "to the east", "of the border",
    "from Dubai", "lies ... 300 km from"."""
    return bool(_DISTANCE_APART_AFTER_RE.match(text, end) or _DISTANCE_APART_BEFORE_RE.search(before))


# In a count of enterprises (firms, companies), a word naming their origin or trade makes them one kind of the
# zone's enterprises, counted by no enterprise metric: "60 Emirati-funded companies", "520 logistics firms"
_ONE_KIND_OF_ENTERPRISE_RE = re.compile(
    r"\b(?!(?:new|newly|registered|market|more|additional|other)\b)[A-Za-z][\w-]*[^\S\n]+(?:[\w-]+[^\S\n]+)*?"
    r"(?:enterprises|firms|companies|businesses|entities)\b"
)
_OPENING_GOODS_RE = re.compile(r"\s*([A-Z][a-z-]+)[^\S\n]+(?:exports|imports)\b")
# Words before a figure in its clause that make it a plan or forecast, not a stated fact.
_FORECAST_RE = re.compile(
    r"\b(?:expect(?:s|ed|ing)?|forecasts?|forecasted|projected|projections?|plann(?:ed|ing)|plans?\s+(?:to|an?)|will|"
    r"aims?\s+to|aiming\s+to|envisag(?:es?|ed|ing)|envision(?:s|ed|ing)?|scheduled|target(?:ed|s)?\s+(?:of|to|at)|to\s+be\s+completed|once\s+completed"
    r"|(?:is|are)\s+(?:set|poised|on\s+track|due)\s+to|hop(?:es?|ing)\s+to|seeks?\s+to|intends?\s+to"
    r"|wants?|would\s+(?:need|require|take|reach|mean|lift|bring|add)|"
    # "trade with Uzbekistan alone could pass 15 billion yuan this year": what may come
    r"(?:could|might)\s+(?:well\s+|even\s+|soon\s+|easily\s+)?(?:pass|reach|exceed|top|hit|handle|rise|grow|climb"
    r"|surpass|double|triple|increase|fall|drop)|striv(?:es?|ing)\s+to|aim(?:s|ing)?\s+for"
    # "Our target for the zone is 15 billion yuan", "The goal this year is 300 new routes"
    r"|(?:target|goal)[^\S\n]+(?:[\w'-]+[^\S\n]+){0,4}?(?:is|are))\b",
    re.I,
)
# "It will connect the capital with a hub that handled 118,400 tonnes": a relative clause in the past tense after
# the plan's word states a fact
_RELATIVE_PAST_RE = re.compile(
    r"\b(?:that|which|who)[^\S\n]+(?:[\w-]+[^\S\n]+)?(?:[a-z]{2,}ed|had|was|were|rose|grew|fell|made|saw|took|hit)\b",
    re.I,
)
_WILL_AFTER_RE = re.compile(r",?[^\S\n]+(?:will|would)[^\S\n]+(?!have\b)[a-z]+")
_FROM_BEFORE_RE = re.compile(
    r"\bfrom[^\S\n]+(?:(?:about|around|roughly|some|nearly|more[^\S\n]+than|over)[^\S\n]+)?$", re.I
)


def _deal_days_first(candidates: list, promised: dict[int, bool]) -> list:
    """The candidates latest first, the sums promised before the others."""
    latest_first = list(reversed(candidates))
    return [c for c in latest_first if promised.get(candidates.index(c), False)] + [
        c for c in latest_first if not promised.get(candidates.index(c), False)
    ]


def _plan_between(text: str, start: int, end: int) -> bool:
    """A word of a plan between two points, not the adjective of "planned investment" (a sum's name)."""
    return any(
        not (match.group(0).lower().startswith("plann") and _INVESTMENT_AFTER_RE.match(text, match.end()))
        for match in _FORECAST_RE.finditer(text, start, end)
    )


_INVESTMENT_AFTER_RE = re.compile(r"[^\S\n]+investment\b", re.I)


def _forecast_before(before: str) -> bool:
    """A word of a plan in the figure's clause before it, with no past-tense relative clause between."""
    matches = list(_FORECAST_RE.finditer(before))
    return bool(matches) and not _RELATIVE_PAST_RE.search(before, matches[-1].end())


# A clause that goes on with the plan before it: the next verb of a list in its plain form (", attract at least
# 8,000 new enterprises", "and cut ... by"), or "with" and what supplies a share (", with Kashgar supplying nearly
# half")
_PLAN_GOES_ON_RE = re.compile(
    r"\s*(?:(?:and|or)[^\S\n]+)?(?:to[^\S\n]+)?(?!(?:with|after|from|than|against|which|who|that|while|up|down|and"
    r"|or|the|a|an|its|their|this|last|some|about|around|nearly|over|more|less|currently|now|still|already|once"
    r"|then)\b)[a-z]+(?<!ed)(?<!ing)(?<!s)[^\S\n]+"
    r"(?:(?:at[^\S\n]+least|more[^\S\n]+than|about|around|some|nearly|over|up[^\S\n]+to)[^\S\n]+)?$"
    r"|\s*with[^\S\n]+(?:[\w'-]+[^\S\n]+){1,4}[a-z]+ing[^\S\n]+(?:(?:about|around|nearly|some|more[^\S\n]+than|over"
    r"|almost|roughly)[^\S\n]+)?$",
    re.I,
)
# A clause that only joins a figure to the one before, with no verb of its own: ", and 30 warehouses by 2027"
_AND_ALONE_RE = re.compile(
    r"\s*(?:and|or|plus|as\s+well\s+as)[^\S\n]+(?:(?:about|around|some|at\s+least|more\s+than)\s+)?"
)
# "The zone targets 8 billion yuan in trade": a target, not "exceeded its target by 5 percent"
_TARGETS_BEFORE_RE = re.compile(
    r"\btarget(?:s|ing)[^\S\n]+(?:(?:about|around|over|more[^\S\n]+than|nearly)[^\S\n]+)?(?:US\$|\$|RMB|¥)?$", re.I
)
_PLANNED_RE = re.compile(r"\bplann(?:ed|ing)\b|\bplans?\s+to\b|\bproposed\b", re.I)
_KNOWN_SET_BEFORE_RE = re.compile(r"\b[Tt]he[^\S\n]+$")
# "... zones nationwide", "... zones across China": a nationwide set
_NATIONAL_AFTER_RE = re.compile(
    r"[^\S\n]+(?:[\w-]+[^\S\n]+){0,5}?(?:nationwide|(?:across|in)[^\S\n]+(?:the[^\S\n]+country|China))\b"
)
_NATIONAL_BEFORE_RE = re.compile(r"\b(?:[Nn]ationwide|[Aa]cross[^\S\n]+(?:China|the[^\S\n]+country)),[^.;]{0,20}$")
_PLEDGED_RE = re.compile(
    r"\b(?:pledged|promised|committed)\s+(?:\w+\s+)?investment\b"
    # "signed five investment agreements worth a combined AED735 million", "deals worth about US$1.2 billion": what
    # the deals promise (the labels read "signed contracts worth" both ways; agreements and deals are promises)
    r"|\b(?:agreements?|deals?|memorand(?:a|um)(?:\s+of\s+understanding)?|MoUs?)\s+worth\s+"
    r"(?:a\s+(?:combined|total(?:\s+of)?)\s+)?(?:(?:about|around|roughly|some|over|more\s+than|nearly|up\s+to)\s+)?"
    r"(?:US\$|\$|USD|RMB|AED|Dh|¥)?\s?$"
    # "have committed more than US$2.1 billion to projects", "will jointly invest AED275 million"
    r"|\b(?:pledged|promised|committed|(?:will|to)\s+(?:\w+\s+)?invest)\s+(?:(?:about|around|roughly|some|over"
    r"|more\s+than|nearly|up\s+to|a\s+combined|a\s+total\s+of)\s+)?(?:US\$|\$|USD|RMB|AED|Dh|¥)?\s?$",
    re.I,
)
# The value of deals signed is a plan, as the labels read 'signed ... agreements worth' (contracts signed and
# contracted investment are facts): "signed five agreements worth a combined", "Projects ... signed at the expo are
# worth", "signed a US$380 million agreement", "have committed more than US$2.1 billion", "of the commitments"
_DEAL_NOUNS = r"(?:agreements?|deals?|accords?|memorand(?:um|a)|MoUs?|projects?)"
# "signed", "signs", "signing": the verb every pattern about deals turns on
_SIGN = r"\bsign(?:ed|s|ing)\b"
_DEAL_WORTH_BEFORE_RE = re.compile(
    rf"(?:{_SIGN}[^.;]{{0,80}}?\b{_DEAL_NOUNS}\b|\b{_DEAL_NOUNS}\b[^.;\d]{{0,80}}?{_SIGN})"
    r"(?![^.;]*\bcontract)[^.;]{0,60}?\b(?:worth|valued[^\S\n]+at)\b[^.;\d]{0,20}$",
    re.I,
)
# The value of deals in a clause after them: "signed 17 agreements on Monday, worth a combined", "23 agreements signed
# during the event, with a combined value of", "The largest deal, worth"; not a tally "signed 14 agreements since
# January, worth ..." (contracted investment over a running period, as the labels read it)
_SIGNABLE = r"\b(?:agreements?|deals?|accords?|memorand(?:a|um)(?:[^\S\n]+of[^\S\n]+understanding)?|MoUs?)\b"
_DEAL_WORTH_CLAUSE_RE = re.compile(
    rf"(?:{_SIGN}[^.;]{{0,80}}?\b{_DEAL_NOUNS}\b(?:(?!\bsince\b)[^.;])*?|{_SIGNABLE}"
    rf"(?:[^\S\n]+(?:[\w-]+[^\S\n]+){{0,2}}?{_SIGN}(?:(?!\bsince\b)[^.;])*?)?)"
    r",[^\S\n]+(?:worth|valued[^\S\n]+at|(?:with[^\S\n]+)?an?[^\S\n]+(?:combined|total)[^\S\n]+value[^\S\n]+of)"
    r"[^\S\n]+(?:a[^\S\n]+(?:combined|total(?:[^\S\n]+of)?)[^\S\n]+)?"
    r"(?:(?:about|around|roughly|some|over|more[^\S\n]+than|nearly|up[^\S\n]+to)[^\S\n]+)?"
    r"(?:US\$|\$|USD|RMB|AED|Dh|¥)?[^\S\n]?$",
    re.I,
)
_CONTRACTED_AFTER_RE = re.compile(r"[^\S\n]+(?:in|of)[^\S\n]+contracted\b", re.I)
_OF_THEM_AFTER_RE = re.compile(r"[^\S\n]+of[^\S\n]+(?:them|these|those)\b", re.I)
_LARGEST_OPENING_RE = re.compile(r"\s*(?:The|Its)\s+(?:largest|biggest)\b", re.I)
_SIGNED_DEALS_RE = re.compile(
    # "signed 19 agreements", "23 memoranda of understanding and agreements signed"
    rf"{_SIGN}[^.;]{{0,80}}?\b{_DEAL_NOUNS}\b|\b{_DEAL_NOUNS}[^\S\n]+{_SIGN}",
    re.I,
)
_SIGNED_RE = re.compile(_SIGN, re.I)
_COMMITTED_BEFORE_RE = re.compile(r"\b(?:has|have|had)[^\S\n]+commit(?:ted)\b[^.;,\d]{0,25}$", re.I)
_SIGNED_A_BEFORE_RE = re.compile(rf"{_SIGN}[^\S\n]+(?:an?|the)[^\S\n]+[^\s\d]{{0,4}}$", re.I)
_DEAL_AFTER_RE = re.compile(rf"[^\S\n]+(?:[\w-]+[^\S\n]+){{0,2}}?{_DEAL_NOUNS}\b", re.I)
_OF_COMMITMENTS_AFTER_RE = re.compile(
    r"(?:[^\S\n]*\([^()\n]*\))?[^\S\n]+of[^\S\n]+(?:the|their|its|these|those)[^\S\n]+(?:commitments|pledges)\b", re.I
)

# "to handle 50,000 tonnes a year once completed in 2028": what a facility will do when it is built
_ONCE_BUILT_AFTER_RE = re.compile(
    r"\b(?:once|when|after)[^\S\n]+(?:it[^\S\n]+is[^\S\n]+)?(?:fully[^\S\n]+)?"
    r"(?:completed|finished|built|operational)\b",
    re.I,
)
# "projects worth 3 to 5 billion yuan are expected to be signed": the expectation is named after the figure
_EXPECTED_AFTER_RE = re.compile(
    r"[^\S\n]+(?:[a-z]+[^\S\n]+){0,2}?(?:(?:is|are)[^\S\n]+(?:expected|forecast|projected|scheduled|due|set)[^\S\n]+to"
    r"|should[^\S\n]+be[^\S\n]+[a-z]+ed)\b"  # "the remaining six measures should be completed by the end of the year"
)
# A change, as against a share: "Exports climbed nearly 40 percent", "were down 6 per cent", "rose to 7.2 per cent"
_CHANGE_BEFORE_RE = re.compile(
    r"\b(?:up|down|rose|risen|rise|rising|grew|grown|growing|climbed|jumped|surged|soared|increased|fell|fallen"
    r"|dropped|declined|decreased|slipped|expanded|gained|increase|decline|decrease|drop|fall|growth"
    r"|eased|dipped|slid|shrank|plunged|slumped|tumbled|edged[^\S\n]+(?:up|down)"
    # a change said with what changed: "raised its farm exports by", "cut clearance times by"
    r"|(?:raised|lifted|boosted|increased|expanded|cut|reduced|lowered|trimmed|slashed|shortened)"
    r"(?:[^\S\n]+[\w'-]+){0,5}?[^\S\n]+by(?=[^\S\n]+$))"
    r"(?:[^\S\n]+(?:by|to|of))?[^\S\n]+$",
    re.I,
)
# Words that date a figure at the time the article speaks: "now stands at", "so far".
_NOW_RE = re.compile(r"\b(?:now|currently|at\s+present)\b", re.I)
_AS_OF_RE = re.compile(
    r"\b(?:now|currently|still|at present|so far|to date|as of now|(?:is|are)\s+(?:worth|valued\s+at)"
    r"|(?:is|are)\s+(?:registered|based|located|listed|headquartered)\b"  # "520 firms are registered in the area"
    r"|(?:is|are)\s+(?:in\s+preparation|in\s+the\s+pipeline|under\s+(?:construction|way|negotiation|development)"
    r"|underway|in\s+progress|being\s+(?:built|prepared|negotiated|developed)))\b",
    re.I,
)  # "projects in the zone are worth 30 billion yuan", "another 35 projects are in preparation": as the article speaks
# "21.4 billion yuan of that", "a third of it", "3 billion yuan of this total": a part of the figure before
_PART_OF_BEFORE_AFTER_RE = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:that|this|it|them|these|those|the[^\S\n]+total|this[^\S\n]+total|that[^\S\n]+total)\b", re.I
)
# The old value of a change: "down from two hours in 2023", "compared with 12 hours", "from 28 in 2013".
# An increment, right after the figure or its unit: "two more than a year earlier", "seven more.", "50,000 tonnes
# more" (bare: "more" with no noun of its own after it), "10 more innovation cases" (not "60 or more")
_INCREMENT_AFTER_RE = re.compile(
    r"[^\S\n]+more\b(?:(?P<bare>[^\S\n]+than\b|[^\S\n]*(?:[.,;:)]|$))|[^\S\n]+[a-z])", re.I
)
_OLD_VALUE_BEFORE_RE = re.compile(
    # "nearly double the 33 recorded at the end of 2024": a multiple of the old value names it too
    r"\b(?:from|compared\s+with|compared\s+to|against|than|after|double|triple|twice|times)[^\S\n]+(?:the[^\S\n]+)?"
    # "from an average of five days last year", "against a peak of 12 hours": the old value named as a level
    r"(?:(?:an?|its|their)[^\S\n]+(?:average|peak|high|low|total|level)[^\S\n]+of[^\S\n]+)?"
    r"(?:(?:just|only|a\s+mere)[^\S\n]+)?$",  # "up from just 11 at the end of 2024"
    re.I,
)
_CLAUSE_BOUND_RE = re.compile(r",\s+|;\s+|\s+[—–]\s+|\s+-\s+|:\s+|\s+(?:while|whereas)\s+|\(|\)")
# "150 measures put in place, out of 164 assigned": the whole after its part
_OUT_OF_BEFORE_RE = re.compile(r"\bout[^\S\n]+of[^\S\n]+(?:(?:the|its|their|a[^\S\n]+total[^\S\n]+of)[^\S\n]+)?$")
_PART_OF_WHOLE_RE = re.compile(r"[^\S\n]+(?:out[^\S\n]+)?of[^\S\n]+(?:(?:the|its|their|all)[^\S\n]+)?$")
_WHOLE_THEN_PARTS_RE = re.compile(
    r"^[^.;]{0,80}?\b(?:of|among)[^\S\n]+(?:which|them)\b|^,?[^\S\n]+including\b|^[^.;\d]{0,60},[^\S\n]+including[^\S\n]+$",
    re.I,
)  # "25 cases have been developed, including five that ..." too
_OF_THE_OPENING_RE = re.compile(r"(?:^|[.;]\s*|\n)[Oo]f[^\S\n]+(?:the|its|their)[^\S\n]+$")


def _clause_bounds(text: str, sentence_start: int, sentence_end: int, mention: Mention) -> tuple[int, int]:
    """The figure's own clause: from the last break before it to the first after it."""
    start = sentence_start
    for match in _CLAUSE_BOUND_RE.finditer(text, sentence_start, mention.number_start):
        start = match.end()
    after = _CLAUSE_BOUND_RE.search(text, mention.end, sentence_end)
    return start, after.start() if after else sentence_end


def _roles(
    text: str, by_sentence: dict[int, list[Mention]], links: dict[Mention, Mention] | None = None
) -> dict[Mention, tuple[str, int]]:
    """For figures that are a part or a whole of another counted figure: (role, where the words
    about the part begin). "186 of the 197 measures ... implemented": 186 part, 197 whole; "81 cases,
    among which 15 have been promoted ... and one adopted": 81 whole, 15 and 1 parts; "Of the 96
    measures assigned to the area, 91 have been put in place": 96 whole, 91 part."""
    roles: dict[Mention, tuple[str, int]] = {}
    for sentence_mentions in by_sentence.values():
        counted = [m for m in sentence_mentions if m.unit and m.unit not in MEASUREMENT_UNITS]
        for mention in counted:  # "21 of its institutional innovation cases": a part of a whole left uncounted
            part_of = _PART_OF_RE.match(text, mention.number_end)
            if part_of and text[part_of.end() : part_of.end() + 1].isalpha():
                roles[mention] = ("part", mention.number_end)
        for first, second in zip(counted, counted[1:], strict=False):
            if first.unit != second.unit:
                continue
            gap = text[first.number_end : second.number_start]
            if _PART_OF_WHOLE_RE.fullmatch(gap + " ") or re.fullmatch(
                r"[^\S\n]+(?:out[^\S\n]+)?of[^\S\n]+(?:(?:the|its|their|all)[^\S\n]+)?", gap
            ):
                roles[first] = ("part", second.end)
                roles[second] = ("whole", second.end)
                if links is not None:
                    links[second] = first  # "186 of the 197 measures ... by the end of September": one time
            elif _OUT_OF_BEFORE_RE.search(gap):
                # "150 reform measures have been put in place, out of 164 assigned": the whole comes after
                roles[first] = ("part", second.end)
                roles[second] = ("whole", second.end)
            elif _WHOLE_THEN_PARTS_RE.search(text[first.end : second.number_start]) or _OF_WHICH_RE.match(
                text, second.number_end
            ):
                roles.setdefault(first, ("whole", first.end))
                roles[second] = ("part", second.number_end)
            elif _OF_THE_OPENING_RE.search(text, max(0, first.number_start - 12), first.number_start) and "," in gap:
                roles[first] = ("whole", first.end)
                roles[second] = ("part", second.number_end)
            elif roles.get(first, ("",))[0] == "part" and re.match(r"[^\S\n]+and[^\S\n]+$", gap):
                roles[second] = ("part", second.number_end)  # "15 have been promoted ... and one adopted"
            elif roles.get(first, ("",))[0] == "part" and re.search(r"\band[^\S\n]+$", gap):
                roles[second] = ("part", second.number_end)
    return roles


def _conversion_groups(text: str, mentions: list[Mention]) -> dict[Mention, Mention]:
    """Each converted figure mapped to its original (the original to itself)."""
    groups = {}
    for previous, mention in zip(mentions, mentions[1:], strict=False):
        if _is_conversion(text, previous, mention):
            groups[mention] = groups.get(previous, previous)
    return groups


# "up from 26.9 percent for the whole of 2025 and ": an old value, then "and" before the next one
_ORIGIN_UNITS = {"countries", "nations", "states", "regions", "provinces", "cities"}
_OLD_VALUES_LISTED_BEFORE_RE = re.compile(
    r"\b(?:(?:up|down)[^\S\n]+from|compared[^\S\n]+(?:with|to)|against)[^\S\n]+"
    r"(?:(?!\bto\b)(?:\d[.,]\d|[^.,;:()\n]))*?\d(?:(?!\bto\b)(?:\d[.,]\d|[^.,;:()\n]))*?[^\S\n]+and[^\S\n]+$",
    re.I,
)


_RANGES_FROM_BEFORE_RE = re.compile(r"\brang(?:es?|ed|ing)[^\S\n]+(?:from[^\S\n]+)?$", re.I)


def _is_old_value(text: str, mention: Mention) -> bool:
    """'down from two hours', 'compared with 12 hours', 'from 28 in 2013', 'previously travelled 4,000 km'."""
    if mention.value_max is not None and _RANGES_FROM_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start):
        return False  # "Monthly pay ranges from 4,500 to 6,000 yuan": the span of a range, no old value
    if _OLD_VALUE_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start):
        # "students from seven countries", "buyers from 30 nations": where they come from, no old value
        return mention.unit not in _ORIGIN_UNITS
    # "up from 26.9 percent for the whole of 2025 and 23.4 percent in 2024": the second old value of a list
    if _OLD_VALUES_LISTED_BEFORE_RE.search(text, max(0, mention.start - 90), mention.start):
        return True
    return bool(_PREVIOUSLY_RE.search(text, max(0, mention.start - 40), mention.start))


# "a year", "per year", "annually", "annual": a yearly rate, which a target by a year is the whole of
_YEARLY_AFTER_RE = re.compile(rf"(?:{_SP}+[\w-]+){{0,4}}?{_SP}+(?:(?:a|per|each){_SP}+year|annually)\b", re.I)
_YEARLY_BEFORE_RE = re.compile(r"\b(?:annual|yearly)\b", re.I)


def _is_level_target(text: str, mention: Mention, period: "Period", clause_start: int) -> bool:
    """A target count that is a level on a year's last day, not the year's amount: "40 bonded warehouses by the end
    of 2027", "capacity to 12,000 trains a year by the end of 2028", "200 foreign firms ... by 2029" (but "3 million
    passengers a year by 2029" and money or tonnes "by 2028" are the whole year's)."""
    if mention.unit in MEASUREMENT_UNITS:
        return False
    if "end" in period.label.lower():
        return True
    return not (
        _YEARLY_AFTER_RE.match(text, mention.end, period.position)
        or _YEARLY_BEFORE_RE.search(text, clause_start, mention.number_start)
    )


# The present tense of a figure's own clause: "The factory employs some 1,800 workers", "they run 17 warehouses",
# "More than 1,200 businesses operate there", "that can handle up to 250,000 tonnes", "are each served 10 times a
# week": a level as the article speaks. Verbs that say what a place or firm is or has; "take", "reach" and "arrive"
# only of a duration ("Our trucks reach Tashkent in four to five days"), not a share ("Kazakhstan takes 57 percent")
_LEVEL_VERBS = (
    r"employ|run|operate|host|house|cover|count|link|serve|handle|hold|number|send|lie|sit|span|comprise|boast|own"
    r"|offer|provide|fl(?:y|ie)|depart|connect|pack|store|come|border|has|have|rel(?:y|ie)|depend"
)
_DURATION_VERBS = r"take|reach|arrive|clear|need|last|spend"
_VERBISH_RE = re.compile(
    rf"\b(?:(?P<level>(?:{_LEVEL_VERBS})(?:e?s)?)|(?P<duration>(?:{_DURATION_VERBS})(?:e?s)?)|(?P<can>can)"
    r"|(?P<pronoun>we|they|I|you)|(?P<other>could|will|would|shall|should|may|might|must|was|were|had|did|is|are"
    r"|[a-z]{2,}ed|[a-z]{3,}ing|rose|grew|fell|took|made|saw|hit|stood|ran|won|sold|paid|spent|sent|brought|drew|came|went|held|led"
    r"|began|became|gave|got|kept|left|lay|met|put|set|told|said|flew|built|bought|reached))\b",
    re.I,
)
_PRESENT_PASSIVE_BEFORE_RE = re.compile(r"\b(?:is|are)[^\S\n]+(?:(?:each|now|also|still|only|usually)[^\S\n]+)?$", re.I)
_DURATION_UNITS = {"h", "min", "days", "weeks", "months"}


def _is_present_level(text: str, clause_start: int, clause_end: int, mention: Mention, previous_present: bool) -> bool:
    """The figure's own clause states it in the present tense: the verb nearest before it (else the first after it)
    is one of being or having, a pronoun's in its plain form ("we pack", "they run"), or follows "can" ("can
    handle"); a clause with no verb goes with the figure before it in its sentence."""
    tokens = [
        token
        for token in _VERBISH_RE.finditer(text, clause_start, mention.number_start)
        # "twice the number at the launch", "its total cost": a noun
        if not (
            token.lastgroup == "level" and _DETERMINER_BEFORE_RE.search(text, max(0, token.start() - 12), token.start())
        )
    ]
    if not tokens:  # "More than 1,200 businesses operate there": the verb right after the figure's words
        tokens = list(_VERBISH_RE.finditer(text, mention.end, min(clause_end, mention.end + 25)))[:1]
    if not tokens:
        return previous_present  # "More than 1,200 businesses operate there, among them 46 duty-free operators"
    token = tokens[-1]
    kind, word = token.lastgroup, token.group(0).lower()
    if _NOT_PRESENT_BEFORE_RE.search(text, max(0, token.start() - 30), token.start()):
        return False  # "plans to run", "will operate"
    if kind == "other" and word.endswith("ed"):
        return bool(_PRESENT_PASSIVE_BEFORE_RE.search(text, max(0, token.start() - 30), token.start()))  # "are served"
    if kind == "duration":
        return mention.unit in _DURATION_UNITS
    if kind == "level" and word in ("has", "have") and _PERFECT_AFTER_RE.match(text, token.end()):
        return False  # "have crossed", "has nearly tripled", "have been added": a perfect, not what is had
    if kind in ("can", "level"):
        return True
    if kind == "pronoun":  # "we pack up to 60,000 parcels": a pronoun's verb in its plain form
        following = _PRONOUN_VERB_RE.match(text, token.end())
        return bool(following) and not following.group(1).lower().endswith("ed")
    return False


_PERFECT_AFTER_RE = re.compile(
    r"[^\S\n]+(?:(?:now|also|already|since|nearly|almost|more[^\S\n]+than|just|so[^\S\n]+far|not|never|together)[^\S\n]+)*"
    r"(?:been|[a-z]{2,}(?:ed|en|wn|lt|ght|ne|un|id|de)|cut|set|put|hit|spent|sent|won|led|held|made|built|grown|risen)\b",
    re.I,
)
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|a|an|its|their|his|her|our|of|this|total)[^\S\n]+$", re.I)
_NOT_PRESENT_BEFORE_RE = re.compile(
    r"\b(?:to|will|would|could|should|may|might|must|did|had)[^\S\n]+(?:(?:not|now|also|still|each|then)[^\S\n]+)?$",
    re.I,
)
_PRONOUN_VERB_RE = re.compile(
    r"[^\S\n]+(?:(?:now|also|still|usually|typically|often)[^\S\n]+)?"
    r"(?!(?:will|would|could|should|may|might|had|did|were|was|expect|hope|plan|aim|want|need|intend|to)\b)([a-z]+)\b"
)


_MORE_THAN_AFTER_RE = re.compile(r"[^\S\n]+(?:more|higher|lower|less|fewer)[^\S\n]+than\b", re.I)
_SHARE_OF_NOUN_AFTER_RE = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:the|these|those|its|their|all)[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?([a-z][a-z-]*s)\b"
)


def _share_of_counted(text: str, mention: Mention, candidates: list) -> bool:
    """'57 percent of the vehicles' after '198,600 vehicles': a share of what a figure before counted."""
    match = _SHARE_OF_NOUN_AFTER_RE.match(text, mention.end)
    return bool(match) and any(c.unit == match.group(1).lower() for c in candidates[-12:])


_COMPARED_BEFORE_RE = re.compile(
    r"\b(?:times|double|triple|twice|from|than|against|compared[^\S\n]+(?:with|to))[^\S\n]+(?:the[^\S\n]+)?$", re.I
)
_SINCE_RE = re.compile(r"\b[Ss]ince\b")
# "half of them", "about a third of it", "one in eight of its enterprises": a share of what was just counted
_SHARE_OF_BEFORE_AFTER_RE = re.compile(r"[^\S\n]+of[^\S\n]+(?:them|it|these|those|its|their)\b", re.I)
# "of the total", "of the zone's total", "of the increase", "of that trade", "of those exports": a share of a figure
# the text gave before
_OF_THE_TOTAL_AFTER_RE = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:(?:the|its|their|this|that)[^\S\n]+(?:[\w-]+['’]s[^\S\n]+)?(?:total|increase|growth|rise|gain)\b"
    r"|(?:this|that|these|those)[^\S\n]+(?:trade|exports?|imports?|cargo|freight|investment|amount|sum|volume|value"
    r"|revenue|sales|spending|traffic|shipments)\b)",
    re.I,
)
# "has signed", "have exceeded", "has fallen from 14 to": a figure reached by now, when no time is named
_PRESENT_PERFECT_RE = re.compile(
    r"\b(?:has|have)[^\S\n]+(?:(?:now|already|also|so[^\S\n]+far|since|together)[^\S\n]+)?(?:been[^\S\n]+)?"
    r"(?:[a-z]{2,}(?:ed|en|wn|lt|ght|ne|un|id|de)|cut|set|put|hit|spent|sent|won|led|held|made|built)\b",
    re.I,
)
# Periods that run from a start up to now: the interval a change happened over, not a level's time
_SINGLED_OUT_AFTER_RE = re.compile(rf"(?:[\w-]+{_SP}+){{1,5}}?(?:alone|by{_SP}+itself|on{_SP}+its{_SP}+own)\b", re.I)
_RUNNING_KINDS = {"since", "since_end", "since_month", "since_day", "since_season", "past_years", "this_year"}
_CHANGE_WORD_RE = re.compile(
    r"\b(?:rose|risen|grew|grown|increased|climbed|jumped|surged|soared|doubled|tripled|quadrupled|fell|fallen"
    r"|dropped|declined|decreased|expanded)\b",
    re.I,
)
_NEW_RE = re.compile(r"\bnew(?:ly)?\b", re.I)
_PREVIOUSLY_RE = re.compile(r"\b(?:previously|formerly|used\s+to|originally)\b[^,;.]*$", re.I)
_STATEMENT_BREAK_RE = re.compile(r";\s+|,?\s+(?:while|whereas)\s+")


# Stretches a reporting sentence names ("for the first quarter", "January-March", "the week to Sunday"); a month or
# a year alone ("expanded to the Kashgar area in March 2024") dates an event as often as a stretch of figures
_LEAD_IN_KINDS = {
    "quarter", "quarter_range", "second_half", "first_months", "first_quarters", "half_h", "month_range", "day_range",
    "days_to", "months_to", "full_year", "year_span", "half_year",
}  # fmt: skip


# "Foreign trade by area was as follows:", "By area, Urumqi area 49.0 billion yuan; ...": a breakdown of what was
# measured before; "lifted the zone's half-year total to 67.5 billion yuan": a total of it
_BREAKDOWN_RE = re.compile(
    r"\b(?:by|per)[^\S\n]+(?:area|port|region|partner|city|country|destination|origin|sector|product|category|mode)\b"
    r"|\bas[^\S\n]+follows\b|\bbroken[^\S\n]+down\b|\bbreakdown\b"
    # "Among the three areas, Horgos ranked first with 47.8 billion yuan": a ranking of places by what was measured
    r"|\b(?:among|of)[^\S\n]+the[^\S\n]+(?:two|three|four|five|six|\d+)[^\S\n]+(?:areas|ports|cities|zones|prefectures)\b",
    re.I,
)
# "Horgos ranked first with", "and Kashgar third with": a place's rank, no words of the item's own
_RANKED_WITH_RE = re.compile(
    r"(?:\band[^\S\n]+)?\b[A-Z][\w-]*(?:[^\S\n]+(?:ranked|came|placed|finished|was))?[^\S\n]+"
    r"(?:first|second|third|fourth|fifth|sixth|last)[^\S\n]+with\b"
    r"|^[^\S\n]*with\b"  # what follows a rank read as a figure: "second" + " with 44.6 billion yuan"
)
# "Urumqi area:", "Horgos Port", "Kashi Comprehensive Bonded Zone": an item of a breakdown by place
_PLACE_LABEL_RE = re.compile(r"(?:[A-Z][\w-]*[^\S\n]+)+(?i:area|port|zone|airport|city|prefecture)\b")
_TOTAL_TO_BEFORE_RE = re.compile(r"\btotal[^\S\n]+(?:to|at|of)[^\S\n]+(?:[a-z]+[^\S\n]+){0,2}$", re.I)


# a line of a list: "Urumqi area: 14.6 billion yuan, up 9.8 percent.", "- Exports: 358.1 billion yuan"
_LIST_LINE_RE = re.compile(r"[^\S\n]*(?:[-•*][^\S\n]*)?[A-Z][^\n:.]{0,60}:[^\S\n]*\S")


def _list_start(text: str, position: int) -> int:
    """Where the run of list lines holding `position` begins (the line's own start when it is no list line)."""
    line_start = text.rfind("\n", 0, position) + 1
    if not _LIST_LINE_RE.match(text, line_start):
        return line_start
    while line_start > 0:
        previous_start = text.rfind("\n", 0, line_start - 1) + 1
        if not _LIST_LINE_RE.match(text[previous_start : line_start - 1]):
            break
        line_start = previous_start
    return line_start


_SAME_FIGURE_BEFORE_RE = re.compile(
    rf"(?:\b(?:the|that|this){_SP}+(?:figure|total|tally|sum|amount|number|value|volume)"
    rf"|\b(?:it|they)(?:{_SP}+(?:had|has|have))?){_SP}+"
    rf"(?:(?:stood|was|were|came|reached|hit|totall?ed|amounted|handled|recorded|posted|logged){_SP}+)"
    rf"(?:(?:at|to){_SP}+)?{_ROUGHLY}$",
    re.I,
)
# "it recorded 200 million yuan in orders": the figure names what it measures itself
_OWN_NOUN_AFTER_RE = re.compile(
    rf"{_SP}+(?:in|of|worth){_SP}+(?:(?:the|its|their|new){_SP}+)?"
    r"(?!(?:the|its|their|new|first|second|third|fourth|last|past|same|whole|entire|full|year|quarter|half|month|"
    r"period|January|February|March|April|May|June|July|August|September|October|November|December)\b)[a-z]",
    re.I,
)
_IT_TAKES_BEFORE_RE = re.compile(
    rf"\b(?:it|this|that){_SP}+(?:(?:now|still|once|only|then|usually|typically|used{_SP}+to){_SP}+)?"
    rf"(?:took|takes|take|needed|needs|had{_SP}+taken|has{_SP}+taken){_SP}+(?:[a-z]+{_SP}+){{0,2}}$",
    re.I,
)


def _continued_metric(text, mention, sentence_starts, sentence_index, before, candidates, metric_codes) -> str:
    """The metric a figure with no words of its own measures when it breaks down or totals what was measured just
    before: the metric the lead-in's words name, else the last figure's of its unit."""
    start = sentence_starts[max(0, sentence_index - 2)]
    list_start = _list_start(text, mention.number_start)
    if list_start < sentence_starts[sentence_index]:  # an item of a list, the third and beyond too: its lead-in
        # stands above the list's first line
        start = min(start, sentence_starts[sentences.sentence_index(sentence_starts, max(0, list_start - 2))])
    cues = list(_BREAKDOWN_RE.finditer(text, max(start, mention.number_start - 400), mention.number_start))
    cue = cues[-1] if cues else None
    if cue is None and not _TOTAL_TO_BEFORE_RE.search(before):
        if (mention.unit in _DURATION_UNITS and _IT_TAKES_BEFORE_RE.search(before)) or (
            _SAME_FIGURE_BEFORE_RE.search(before) and not _OWN_NOUN_AFTER_RE.match(text, mention.end)
        ):
            # "A parcel ... now arrives within three days ... Last year it took six or seven days": the time the
            # pronoun takes is the time just measured; "For the whole of last year, the figure stood at 172.5 billion
            # yuan", "In 2023, it handled 8.1 billion yuan": the amount just measured, at another time
            measured = [c for c in candidates if c.unit == mention.unit and c.metric_code and c.mention.start >= start]
            return measured[-1].metric_code if measured else ""
        return ""
    # the words since the lead-in or the item before: "Exports: ", "Urumqi area: ", ", Kashgar area "
    own_start = max(
        [sentence_starts[sentence_index], cue.end() if cue else 0] + [c.mention.end for c in candidates[-1:]]
    )
    own_words = _RANKED_WITH_RE.sub(" ", _PLACE_LABEL_RE.sub(" ", text[own_start : mention.number_start]))
    if cue is not None and re.search(r"[A-Za-z]{3,}", own_words):
        return ""  # "Exports: 358.1 billion yuan": an item with words of its own is not the whole broken down
    if cue is not None:  # the lead-in and the sentence before it: "Import and export value ...: 104.5 billion yuan"
        cue_index = sentences.sentence_index(sentence_starts, cue.start())
        code = guess_metric(
            text[sentence_starts[max(0, cue_index - 1)] : mention.number_start], mention.unit, metric_codes
        )
        if code:
            return code
    earlier = next(
        (c for c in reversed(candidates) if c.unit == mention.unit and c.metric_code and c.mention.start >= start), None
    )
    return earlier.metric_code if earlier is not None else ""


def _lead_in_period(text, sentence_starts, index, by_sentence, anchor) -> Period | None:
    """The stretch of time a sentence without figures names, when it states no plan and names no event's date."""
    start = sentence_starts[index]
    end = sentence_starts[index + 1] if index + 1 < len(sentence_starts) else len(text)
    if by_sentence.get(start) or _FORECAST_RE.search(text, start, end):
        return None
    stretches = [
        period
        for period in find_periods(text, start, end, anchor)
        if period.start is not None
        and period.end is not None
        and period.start < period.end
        and not period.is_base
        and not period.dates_event
        and (
            period.kind in _LEAD_IN_KINDS
            # "December was the busiest month on record.": a month that opens a sentence as its subject
            or (period.kind == "in_month_bare" and not re.match(r"(?:in|during)\b", period.label, re.I))
        )
    ]
    return stretches[-1] if stretches else None


_LOOK_BACK_WORDS_RE = re.compile(
    r"\b(?:compare[sd]?[^\S\n]+(?:with|to)|by[^\S\n]+contrast|against|(?:up|down)[^\S\n]+from|had[^\S\n]+(?:[a-z]+[^\S\n]+)?(?:been|come|reached|"
    r"totall?ed|stood|[a-z]+ed)\b)",
    re.I,
)


# "By 2027:", "Targets for 2030:", "By the end of 2026:" -- a line that names a year to come and opens a list
_TARGET_HEADING_RE = re.compile(
    rf"^[^\S\n]*(?P<label>(?:[A-Z][\w-]*[^\S\n]+){{0,3}}?(?:[Bb]y|[Ii]n|[Ff]or|[Uu]ntil)[^\S\n]+(?:the[^\S\n]+end[^\S\n]+of[^\S\n]+)?"
    rf"(?P<year>{_YEAR}))[^\S\n]*:[^\S\n]*$",
    re.M,
)
_LIST_ITEM_LINE_RE = re.compile(r"[^\S\n]*(?:[-•*–]|\d{1,2}[.)]|\([a-z\d]\))[^\S\n]+\S")


def _target_headings(text: str, anchor: dt.date | None) -> list[tuple[int, int, Period]]:
    """The list items under a heading that names a year still to come ("By 2027:"), with that year: the items are
    its targets, as "medical visits ... to reach 150,000 a year" under it is."""
    headings = []
    for match in _TARGET_HEADING_RE.finditer(text):
        year = int(match.group("year"))
        if anchor is None or year <= anchor.year:
            continue
        start = end = match.end()
        for line in _LINE_RE.finditer(text, match.end()):
            if not _LIST_ITEM_LINE_RE.match(line.group(0)):
                break
            end = line.end()
        if end > start:
            label = " ".join(match.group("label").split())
            headings.append((start, end, Period(None, dt.date(year, 12, 31), label, match.start("label"))))
    return headings


_PER_TIME_AFTER_RE = re.compile(r"[^\S\n]+(?:a|per|each|every)[^\S\n]+(?:month|week|day|hour)\b", re.I)
_RATE_NOUN_BEFORE_RE = re.compile(
    r"\b(?:wages?|salar(?:y|ies)|pay|earnings|income|prices?|fees?|rents?|fares?)[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?"
    # "Monthly pay on the lines ranges from 4,500 to 6,000 yuan": a range of a rate, a few words on
    r"(?:of|at|is|are|was|were|from|around|(?:[\w-]+[^\S\n]+){0,2}?(?:range[sd]?|start(?:s|ed)?)(?:[^\S\n]+from)?)[^\S\n]+(?:(?:about|around|roughly|some|nearly|over|under|just|only)[^\S\n]+)?"
    r"(?:US\$|\$|RMB|¥|AED)?$",
    re.I,
)


_CAPACITY_BEFORE_RE = re.compile(
    r"\b(?:capacity|storage[^\S\n]+for|space[^\S\n]+for|room[^\S\n]+for|(?:can|could|able[^\S\n]+to)[^\S\n]+"
    r"(?:hold|store|accommodate|house))\b[^.;\d]{0,30}$",
    re.I,
)
_AT_A_TIME_AFTER_RE = re.compile(
    r"[^.;\d]{0,50}?\bat[^\S\n]+(?:a|any[^\S\n]+one)[^\S\n]+time\b"
    r"|[^\S\n]+of[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}?capacity\b",  # "100,000 tonnes of cold-storage capacity"
    re.I,
)


def _is_capacity(text: str, mention: Mention, clause_start: int, clause_end: int) -> bool:
    """'storage for up to 30,000 tonnes at a time', 'capacity to 500,000 tonnes': how much a facility can hold."""
    return mention.unit not in ("%", "pp") and bool(
        _CAPACITY_BEFORE_RE.search(text, max(clause_start, mention.start - 50), mention.start)
        or _AT_A_TIME_AFTER_RE.match(text, mention.end, clause_end)
    )


# "against 9.4 percent growth for Xinjiang as a whole", "compared with 4 percent for China's 22 pilot zones": what
# another subject recorded, over the time of the figure it is set against
_OTHER_SUBJECT_AFTER_RE = re.compile(
    r"(?:[^\S\n]+[a-z]+){0,2}?[^\S\n]+for[^\S\n]+(?:the[^\S\n]+)?(?:[A-Z]|(?:country|nation|region|whole)\b)"
)


_OPENING_PHRASE_RE = re.compile(r"[^,;.\n]{2,40},")
# a period phrase that names a target's time: "the full-year target", "this year's goal", "the 2025 plan"
_TARGET_TIME_RE = re.compile(
    r"(?:the[^\S\n]+)?(?:(?:full|whole)-year|annual|(?:this|last|next)[^\S\n]+year['’]s|(?:19|20)\d\d(?:['’]s)?)"
    r"[^\S\n]+(?:[a-z-]+[^\S\n]+)?(?:targets?|goals?|quotas?)\b",
    re.I,
)


_NOW_RE = re.compile(r"\b(?:now|currently|at\s+present)\b", re.I)


def _looks_back(period: Period | None, main: Period | None) -> bool:
    """A period that ended before the period the article reports on began: a look back at an earlier time."""
    return (
        period is not None
        and main is not None
        and period.end is not None
        and main.start is not None
        and period.end < main.start
    )


def _statement_bounds(text: str, sentence_start: int, sentence_end: int, mention: Mention) -> tuple[int, int]:
    """The part of the sentence that states the figure: 'while' and semicolons start another statement,
    with its own time ("... in 2025, while planned investment ... stands at 4.6 billion yuan")."""
    start = sentence_start
    for match in _STATEMENT_BREAK_RE.finditer(text, sentence_start, mention.number_start):
        start = match.end()
    after = _STATEMENT_BREAK_RE.search(text, mention.end, sentence_end)
    return start, after.start() if after else sentence_end


_OF_YEAR_RE = re.compile(rf"(?P<year>{_YEAR})|last\s+year|the\s+previous\s+year", re.I)


def _years_later(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (earlier when negative); a month's last day stays its month's last day."""
    if day == _month_end(day.year, day.month):
        return _month_end(day.year + years, day.month)
    return day.replace(year=day.year + years, day=min(day.day, 28))


def _earlier_year(period: Period | None, label: str) -> Period | None:
    """'the same period of 2024', 'the same period last year': the period named before, in that year."""
    match = _OF_YEAR_RE.search(label)
    if period is None or match is None or period.end is None:
        return period
    shift = (int(match.group("year")) if match.group("year") else period.end.year - 1) - period.end.year
    if shift == 0:
        return period
    end = _years_later(period.end, shift)
    start = period.start.replace(year=period.start.year + shift) if period.start else None
    return dataclasses.replace(period, start=start, end=end)


_SPAN_MONTHS = {"quarter": 3, "year": 12, "half": 6, "month": 1}
_SPAN_ANAPHOR_RE = re.compile(r"\b(?:period|months|quarters|weeks)\b", re.I)


def _same_period(reference: Period, earlier: list[Period]) -> Period | None:
    """'over the same period' is the last period named; 'the same ten months' the last one that long. A stretch
    of time ('the reporting period', 'the same months') stands for a stretch, not for an as-of day named since:
    "As of 30 September, 412 enterprises ..., of which 57 were registered during the reporting period"."""
    spans_only = reference.kind == "stretch" or bool(_SPAN_ANAPHOR_RE.search(reference.label))
    days = re.search(r"(\S+)\s+days\b", reference.label) if reference.kind == "stretch" else None
    noun = re.sub(r"['’]s$", "", reference.label.split()[-1].lower())  # "this season's volume": the season
    if reference.kind == "stretch" and noun != "days":  # "during the holiday": the holiday named before, if one was
        earlier = [p for p in earlier if noun in p.label.lower()] or earlier
    if noun == "season":  # "this season": the season named before ("since the harvest began in the autumn")
        earlier = [p for p in earlier if p.kind == "since_season"] or earlier
    for period in reversed(earlier):
        if (
            reference.months == 12
            and not spans_only
            and period.start is None
            and period.end is not None
            and (period.end.month, period.end.day) == (12, 31)
        ):  # "At the end of 2025, it had 412,000 hectares and harvested 2.36 million tonnes over the year": the year
            # whose last day was named
            year = dataclasses.replace(period, start=dt.date(period.end.year, 1, 1))
            return dataclasses.replace(year, label=reference.label, kind="same", position=reference.position)
        if spans_only and (period.start is None or period.end is None or period.start >= period.end):
            continue  # a stretch is no day ("On the busiest day, Saturday, ...")
        length = (period.end - period.start).days + 1 if period.start and period.end else 0
        if reference.kind == "stretch" and (  # "over the holiday", "over the nine days": a stretch of days
            length > 62 or (days is not None and _count_value(days.group(1)) != length)
        ):
            continue
        if reference.months is None or (
            period.start is not None
            and period.end is not None
            and (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
            == reference.months
        ):
            # where the words stand: "in the same period" is named in its own paragraph, which goes on in it
            return dataclasses.replace(period, label=reference.label, kind="same", position=reference.position)
    return None


def _words_after(text: str, start: int, sentence_end: int, by_sentence, sentence_start: int) -> str:
    """The words after a figure up to the next figure of its sentence: what is said of it alone."""
    following = [m.number_start for m in by_sentence.get(sentence_start, []) if m.number_start >= start]
    return text[start : min(following + [sentence_end])]


def _period_owner(text: str, period: Period, sentence_mentions: list[Mention]) -> Mention | None:
    """The figure a period phrase directly follows (only words, or a bracketed conversion, between)."""
    before = [m for m in sentence_mentions if m.end <= period.position]
    if not before:
        return None
    owner = max(before, key=lambda m: m.end)
    gap = _PARENTHETICAL_RE.sub("", text[owner.end : period.position])
    if len(gap) < 80 and not any(char.isdigit() for char in gap):
        return owner
    return None


# "rose 18.6 percent year-on-year to", "more than doubled year on year to", "a 12.5 percent rise to": the change
# of the figure after it
_CHANGE_TO_RE = re.compile(
    rf"(?:,?{_SP}+(?:year(?:-|{_SP})on(?:-|{_SP})year|y-o-y|(?:from|on|over|against){_SP}+a{_SP}+year{_SP}+(?:earlier|before|ago)),?)?"
    rf"(?:{_SP}+(?:rise|increase|growth|jump|gain|decline|decrease|drop|fall))?{_SP}+to{_SP}+",
    re.I,
)
# "slipped 8 percent in the quarter to about 2,900 units": the span of the change may come between it and its figure
_CHANGE_OVER_TIME_TO_RE = re.compile(
    rf"(?:{_SP}+(?:in|over|during){_SP}+(?:the{_SP}+)?(?:[\w-]+{_SP}+){{0,3}}?"
    rf"(?:quarter|half|year|period|months|(?:19|20)\d\d|[A-Z][a-z]+-[A-Z][a-z]+))?{_CHANGE_TO_RE.pattern}",
    re.I,
)

# ", ranked 33rd ...", ", which handled 5,000 tonnes ...": an aside set off by a comma after its subject, and the
# comma that closes it before the main verb
_ASIDE_OPENING_BEFORE_RE = re.compile(
    rf"[A-Za-z],{_SP}+(?:(?:which|who){_SP}+(?:[a-z]+{_SP}+){{1,3}}?|[a-z]+ed{_SP}+)(?:[a-z-]+{_SP}+){{0,3}}?$"
)
_ASIDE_CLOSING_RE = re.compile(
    rf"[^,;.\d]{{0,60}},{_SP}+(?:[a-z]+ed|made|took|grew|rose|fell|saw|had|has|was|is)\b[^,;.\d]{{0,40}}$"
)
# "20,000 jobs and generate output value of": two figures of one statement, joined by "and" with no break between
_AND_JOINED_RE = re.compile(r"[^,;.:()\d]{0,40}?\band\b[^,;.:()\d]{0,50}")
# "120 projects with a total investment of", "14 agreements worth": the count and its sum are one statement
_WITH_WORTH_RE = re.compile(rf"{_SP}+(?:[a-z-]+{_SP}+){{0,3}}?(?:with|worth|valued{_SP}+at)\b[^,;.\d]{{0,40}}", re.I)


def _may_take(text: str, period: Period, mention: Mention, sentence_mentions: list[Mention], groups) -> bool:
    """A period that directly follows another figure is that figure's when the other is an old value
    ("down from two hours in 2023") or comes later ("8 billion yuan will raise capacity to 10 million
    tonnes once completed in 2027"), unless the earlier figure is the change that led to it ("rose 18.6
    percent to 82.4 billion yuan in the first 10 months")."""
    owner = _period_owner(text, period, sentence_mentions)
    if owner is None:
        return True
    owner_group, own_group = groups.get(owner, owner), groups.get(mention, mention)
    if owner_group is own_group:
        return True
    if mention.unit not in MEASUREMENT_UNITS and _WITH_WORTH_RE.fullmatch(text, mention.end, owner_group.start):
        return True  # "signed 120 projects with a total investment of 35 billion yuan in 2025": one time
    if (
        mention.unit in ("%", "pp") or (mention.unit == "rank" and not _is_old_value(text, mention))
    ) and _CHANGE_TO_RE.fullmatch(text, mention.end, owner_group.start):
        return True  # "rose 18.6 percent year-on-year to 82.4 billion yuan in the first 10 months", "climbed six
        # places to 33rd in the 2024 ranking": one time
    if _is_old_value(text, owner_group):
        return False
    if owner_group.number_start > own_group.number_start and _AND_JOINED_RE.fullmatch(
        text, mention.end, owner_group.start
    ):
        return True  # "expected to create 20,000 jobs and generate 15 billion yuan a year once completed in 2027"
    if (
        owner_group.number_start < own_group.number_start
        and _ASIDE_OPENING_BEFORE_RE.search(text, max(0, owner_group.start - 40), owner_group.start)
        and _ASIDE_CLOSING_RE.match(text, period.position, mention.start)
    ):
        return False  # "Its bonded zone, ranked 33rd at the end of last year, accounted for 3.1 billion yuan": the
        # time inside an aside set off by commas is the aside's figure's
    return owner_group.number_start < own_group.number_start


def _is_conversion(text: str, first: Mention, second: Mention) -> bool:
    """'93.16 billion yuan ($13.36 billion)': a money figure restated in brackets in another currency."""
    if first.unit == second.unit or not {first.unit, second.unit} <= MONEY_UNITS:
        return False
    opening = _CONVERSION_OPEN_RE.match(text, first.end)
    return opening is not None and opening.end() == second.start

"""Which place a figure is about: place names, the references that stand for them, and scopes.

Pure text rules, no database: the portal's places come in as names (and aliases) mapped to keys,
with each key's kind. A figure's place is, in order: a place its figure describes ("the
179.66-square-kilometer Xinjiang pilot FTZ"); the nation when the counted thing is nationwide
("over 100 comprehensive bonded zones nationwide"); the place named or referred to last before
the figure in its sentence; a place the figure is "in", "at", "through" or "to" in its clause; else
the place the text was last about (the subject of the nearest sentence before that has one).

References ("the FTZ", "the zone", "the area", "the wider area", "the port", "the airport", "the prefecture",
"the city", "the bonded zone") stand for the last place of a fitting kind named before them, else for the place
named by the paragraph's last name and their noun ("Horgos" ... "the port" is Horgos Port). A section
heading that opens with a place name ("HORGOS: TRAINS UP", "Kashgar:") is the subject of its section. A place
that only qualifies another ("the Kashgar area *of the FTZ*"), a scope ("promoted *across
Xinjiang*"), a member of a list ("in Urumqi, Kashgar and Horgos") and a place in a relative
clause that closes before the figure ("At the airport, *which lies inside the area*, cargo ...")
are not what a figure is about.
"""

import bisect
import dataclasses
import functools
import re
from dataclasses import dataclass

_PROPER_NAME_GOES_ON_RE = re.compile(r"[^\S\n]+(?:[A-Z][a-z]|[A-Z]{2,}\b)")
_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")

# Kinds a reference may stand for (Place.Kind values); "airport" and "port" split the port kind.
_REFERENCE_KINDS = {
    "ftz": {"zone"},
    "bonded": {"bonded_zone"},
    "zone": {"zone", "bonded_zone"},
    "area": {"ftz_area"},
    "airport": {"port"},
    "port": {"port"},
    "hub": {"port"},  # "the hub's international cargo": the airport or port named last
    "prefecture": {"prefecture"},
    "city": {"city"},
    "region": {"region", "prefecture"},  # "the region" is as often the prefecture just named as Xinjiang
}
_PARAGRAPH_BOUND_REFERENCES = {"region"}  # stand only for a place named in the same paragraph
_REFERENCE_RE = re.compile(
    # "the Xinjiang zone": the region's own zone is its free trade zone (its bonded zones bear a city's name)
    # "the FTZ area": one of the zone's areas
    r"\b[Tt]he[^\S\n]+(?:(?:same|whole|entire|wider|broader)[^\S\n]+)?(?:(?P<ftz>(?:pilot[^\S\n]+)?(?:FTZ|free[^\S\n]+trade[^\S\n]+zone)(?![^\S\n]+area\b)|pilot[^\S\n]+zone"
    r"|Xinjiang[^\S\n]+(?:pilot[^\S\n]+)?zone)|(?P<bonded>bonded[^\S\n]+zone)"
    r"|(?P<zone>zone)|(?P<area>(?:FTZ[^\S\n]+)?area)|(?P<airport>airport)|(?P<port>port)|(?P<hub>hub)|(?P<prefecture>prefecture)|(?P<city>city)|(?P<region>region))"
    r"(?![\w-])(?![^\S\n]+of\b)"
)
# "Its airport now runs 11 routes", "its international airport handled", "Its bonded zone, ranked 33rd": the airport or
# bonded zone of the place just spoken of
_ITS_PLACE_RE = re.compile(
    r"\b[Ii]ts[^\S\n]+(?:(?:international[^\S\n]+)?(?P<airport>airport)|(?P<bonded>(?:comprehensive[^\S\n]+)?bonded[^\S\n]+zone))(?![\w-])"
)
# "Nationwide, ...", "zones across China", and China as a sentence's subject ("China now has 22 pilot FTZs");
# not "China's largest land port" inside a sentence about a port, nor "China-Europe" or "China (Xinjiang)".
_NATIONAL_RE = re.compile(
    r"\b(?:[Nn]ationwide|[Nn]ationally|(?:[Aa]cross|[Tt]hroughout)[^\S\n]+(?:the[^\S\n]+country|China))\b"
    r"|(?:(?<=^)|(?<=\n)|(?<=[.!?][^\S\n]))China(?:['’]s)?\b(?![-(]|[^\S\n]+\()"
)
# The country as what a figure measures: China as a party to its trade ("Trade between China and the UAE",
# "Kazakhstan's trade with China", "China-UAE trade", "exports to China"; not "China's Xinjiang Uygur Autonomous
# Region") or "national" qualifying it ("national growth of 3.1 percent", "national import and export value")
_NATIONAL_FIGURE_RE = re.compile(
    r"\b(?:[Tt]rade[^\S\n]+(?:with|between)|[Ee]xports?[^\S\n]+to|[Ii]mports?[^\S\n]+from)[^\S\n]+(?:the[^\S\n]+)?"
    r"(?:[A-Z][A-Za-z]+[^\S\n]+and[^\S\n]+)?(?P<china>China)\b(?!['’]s[^\S\n]+[A-Z]|[-(])"
    r"|\b(?P<party>China)-[A-Z][A-Za-z]+(?:[^\S\n]+[A-Z][a-z]+)?(?=[^\S\n]+(?:(?:bilateral|non-oil)[^\S\n]+)?trade\b)"
    # "UAE-China non-oil trade reached US$95.6 billion": the country as the second party
    r"|(?<=[A-Za-z]-)(?P<second>China)(?=[^\S\n]+(?:(?:bilateral|non-oil)[^\S\n]+)?trade\b)"
    # "The UAE and China have set a target of lifting bilateral trade to ...": the country as a party to bilateral trade
    r"|(?<=\band[^\S\n])(?P<pair>China)\b(?![-(]|['’]s)(?=[^.;\n]{0,80}\bbilateral\b)"
    # "The UAE is China's largest trading partner": the trade spoken of next is the country's
    r"|\b(?P<partner>China)(?=['’]s[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}trad(?:ing|e)[^\S\n]+partners?\b)"
    r"|\b(?P<national>[Nn]ational)(?=[^\S\n]+(?:growth|average|total|trade|foreign[^\S\n]+trade|imports?|exports?"
    r"|import[^\S\n]+and[^\S\n]+export|GDP|output|figures?)\b)"
)
_NATIONAL_AFTER_RE = re.compile(
    r"[^\S\n]*,?[^\S\n]*(?:nationwide|(?:across|throughout)[^\S\n]+(?:the[^\S\n]+country|China))\b"
)
_WHOLE_NATION_AFTER_RE = re.compile(
    r"[^\S\n]+(?:for|in|across)[^\S\n]+(?:(?:China|the[^\S\n]+(?:country|nation))[^\S\n]+as[^\S\n]+a[^\S\n]+whole\b"
    r"|(?:all[^\S\n]+)?(?:the[^\S\n]+|(?:China|the[^\S\n]+country)['’]s[^\S\n]+)?(?:\d+[^\S\n]+)?(?:pilot[^\S\n]+)?(?:free[^\S\n]+trade[^\S\n]+)?zones[^\S\n]+"
    r"(?:combined|together|as[^\S\n]+a[^\S\n]+whole)\b)",
    re.I,
)
_NATION_POSSESSIVE_BEFORE_RE = re.compile(r"\b(?:[Tt]he[^\S\n]+(?:country|nation)|China)['’]s[^\S\n]+$")
_NAME_CLAUSE_BREAK_RE = re.compile(r"[,;.](?=\s)|\n")
_WHOLE_OF_SHARE_RE = re.compile(r"['’]s[^\S\n]+(?:total|overall|entire|whole)\b")
# "the area's share of Xinjiang's foreign trade", "accounted for 28.3 percent of Xinjiang's foreign trade", "a third
# of the region's exports": the whole a share is of
_SHARE_OF_BEFORE_RE = re.compile(
    r"(?:\bshare|\bpercent|\bper[^\S\n]?cent|%|\bproportion|\bhalf|\bthird|\bquarter|\bfifth)[^\S\n]+of[^\S\n]+"
    r"(?:the[^\S\n]+)?$",
    re.I,
)
_POSSESSIVE_RE = re.compile(r"['’]s\b")
_ROUTE_END_BEFORE_RE = re.compile(
    r"\b(?:between[^\S\n]+[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*)?[^\S\n]+and|from[^\S\n]+[A-Z][\w-]*[^\S\n]+to)[^\S\n]+$"
)
_ROUTE_END_AFTER_RE = re.compile(r"[^\S\n]+(?:and|to)[^\S\n]+[A-Z]")
# "Horgos handled", "Horgos moved": a name followed by what it did (not "Horgos city", "Horgos's population")
_VERB_AFTER_NAME_RE = re.compile(r"[^\S\n]+(?:(?:also|now|alone)[^\S\n]+)?[a-z]+ed\b")
# "It accounted for", "The figure accounted for", "By 2027 it expects to account for", "the zone accounted for": words
# that stand for a place or its figure
_ANAPHOR_RE = re.compile(
    r"\b(?:it|its|they|their|this|that|these|those|which|figure|total|zone|area|port|airport|hub|city|region"
    r"|prefecture)\b",
    re.I,
)
# "the Urumqi-Almaty all-cargo route": a place joined to another name by a hyphen is an end of a link
_HYPHEN_JOINED_AFTER_RE = re.compile(r"[-–][A-Z]")
_HYPHEN_JOINED_BEFORE_RE = re.compile(r"[A-Z][a-z]+[-–]$")
# "the Kashgar area of the FTZ", "Kashgar in Northwest China's Xinjiang Uygur Autonomous Region": the second only
# says where the first is
_CONTAINER_GAP_RE = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?"
    r"|[^\S\n]+in[^\S\n]+(?:the[^\S\n]+)?(?:(?:north|south)?(?:east|west)?(?:ern)?[^\S\n]+)?(?:China['’]s[^\S\n]+)?",
    re.I,
)
_SCOPE_BEFORE_RE = re.compile(
    r"\b(?:across|throughout|nationwide|beyond|outside|around|near|beside|alongside|next[^\S\n]+to|(?:edge|outskirts|fringe)[^\S\n]+of"
    # "some 210 km west of Kashgar city": a place that only locates something else
    r"|(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?[^\S\n]+of)[^\S\n]+$",
    re.I,
)
# "Across Xinjiang, foreign trade ...", "trade across the zone reached": a scope that opens its clause or follows
# what is measured is where the figure is (not "promoted across Xinjiang", "replicated throughout the region")
_MEASURED_SCOPE_BEFORE_RE = re.compile(
    r"(?:(?:^|[.!?;\n]|,)[^\S\n]*|\b(?:trade|exports?|imports?|sales|throughput|output|investment|value|volume"
    r"|enterprises|firms|companies|ports|traffic)[^\S\n]+)(?:across|throughout)[^\S\n]+$",
    re.I,
)
# "The airport now links Urumqi with 31 countries": the end of a link is not what the figure is about
_ENDPOINT_BEFORE_RE = re.compile(r"\b(?:links?|linked|linking|connects?|connected|connecting)[^\S\n]+$", re.I)
# "The 22 pilot free trade zones nationwide reported ...": a nationwide subject, a few words into its sentence
_SHORT_SUBJECT_RE = re.compile(r"(?:^|[.!?]\s+|\n)(?:[^\s.!?,;]+[^\S\n]+){1,6}$")
_LIST_AND_RE = re.compile(r",?[^\S\n]+(?:and|or)[^\S\n]+")
_LIST_COMMA_RE = re.compile(r",[^\S\n]+")
_RELATIVE_OPEN_RE = re.compile(
    r",[^\S\n]*(?:(?:of|at|from|through|under|with)[^\S\n]+which|which|where|when|as|part[^\S\n]+of|located|lying"
    r"|situated|home[^\S\n]+to|in|inside|within)\b[^,;]*$"
)
_APPOSITION_OPEN_RE = re.compile(
    r",[^\S\n]+(?:the|a|an|its)[^\S\n]+(?:[\w-]+[^\S\n]+){0,3}(?:of|in)[^\S\n]+(?:the[^\S\n]+)?"
)
# "the core of the area,", "the smallest of the FTZ's three areas,": where an apposition closes
_APPOSITION_CLOSE_RE = re.compile(r"(?:['’]s(?:[^\S\n]+[\w-]+){1,3})?[^\S\n]*,")
_SUBSET_IN_RE = re.compile(
    r"[^\S\n]+of[^\S\n]+(?:them|those|these)[^\S\n]+(?:(?:are|were|is|was|based|located)[^\S\n]+)*in[^\S\n]+"
    r"(?:(?:its|their)[^\S\n]+)?"
)
_PART_OF_WHICH_BEFORE_RE = re.compile(r"\bof[^\S\n]+(?:which|them|these|those)[^\S\n]+(?:[\w-]+[^\S\n]+){0,2}$")
# "committed US$1.2 billion, nearly half of it in the zone's Urumqi area", "40 per cent of them entered through the
# bonded zone": a part of the whole just named, which its own clause places
_PART_OF_IT_AFTER_RE = re.compile(r"[^\S\n]+of[^\S\n]+(?:it|them)\b")
_UNKNOWN_PORT_BEFORE_RE = re.compile(
    r"\b(?:at|through|via)[^\S\n]+(?:the[^\S\n]+)?(?P<name>[A-Z][\w-]+(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w-]+)*)"
    r"[^\S\n]+(?:land[^\S\n]+)?(?:ports?|pass|checkpoints?|crossings?)\b"
)
_AGENT_AFTER_RE = re.compile(
    r"(?:[^\S\n]+(?:of[^\S\n]+)?[a-z]+){0,3}?[^\S\n]+(?:handled|recorded|reported|posted|logged|achieved)[^\S\n]+by"
    r"[^\S\n]+(?:the[^\S\n]+)?(?P<name>[A-Z][\w'’-]*)"
)
_OTHER_PLACE_OPENING_RE = re.compile(
    r"(?:[A-Z][^,.;\n]{0,40},[^\S\n]+)?[\"“]?(?P<name>[A-Z][\w-]*(?:[^\S\n]+[A-Z][\w-]*){0,3}),[^\S\n]+(?:the|a|an|[A-Z][\w-]*['’]s)[^\S\n]+"
    r"(?:[\w-]+[^\S\n]+){0,4}(?:port|pass|checkpoint|crossing|zone|hub|terminal|station)s?,"
)
_OTHER_SIDE_OPENING_RE = re.compile(
    r"[^\S\n]*(?:On|Across)[^\S\n]+the[^\S\n]+(?:Kazakh|Kazakhstan|Kyrgyz|Kyrgyzstan|other)[^\S\n]+side\b"
    r"(?:[^\S\n]+of[^\S\n]+the[^\S\n]+border)?,"
)
# "Kashgar's bonded zone", "the city's airport": a place's own place of a kind
_POSSESSED_RE = re.compile(
    r"(?<=['’]s[^\S\n])(?:(?P<bonded>bonded[^\S\n]+zone)|(?P<airport>airport)|(?P<port>port)|(?P<area>area))(?![\w-])"
)
# "the Horgos road port", "Horgos international land port": a name, a word or two that say what kind, and the noun
_CALLED_AFTER_NAME_RE = re.compile(r"(?:[^\S\n]+[a-z][\w-]*){2,3}")
_NOT_A_KIND_WORD = {"and", "or", "with", "to", "in", "at", "of", "on", "for", "by", "from", "its", "their", "the", "a"}
_INSIDE_BEFORE_RE = re.compile(
    r",[^\S\n]*which[^\S\n]+(?:lies|sits|is)[^\S\n]+(?:inside|within|in)[^\S\n]+(?:the[^\S\n]+)?$"
)
_CLEARANCE_RE = re.compile(r"\b(?:clear(?:ance|s|ed|ing)?|inspections?)\b", re.I)
_GATE_CLEARANCE_RE = re.compile(
    r"\b(?:clearance|inspections?)[^\S\n]+at[^\S\n]+the[^\S\n]+(?:[\w-]+[^\S\n]+)?(?:gate|border|checkpoint|crossing)\b",
    re.I,
)
_AT_PORT_BEFORE_RE = re.compile(r"\b(?:at|through|via)[^\S\n]+$")
_REFERENCE_BODY_AFTER_RE = re.compile(
    r"(?:[^\S\n]+[a-z]+){0,2}[^\S\n]+(?:bureau|office|committee|commission|department|administration|authority"
    r"|government)\b"
)
_CLAUSE_OPENING_RE = re.compile(r"(?:^|[.,;:\n]|\b(?:and|while|but|whereas))[^\S\n]*$", re.I)
_NOUN_IN_PLACE_RE = re.compile(r"[^\S\n]+(?:in|across|throughout|(?P<of>of))[^\S\n]+(?:the[^\S\n]+)?$")
# "in the zone's Horgos area", "to projects in China's Xinjiang Uygur Autonomous Region": past a possessive
_AFTER_PREPOSITION_RE = re.compile(
    r"\b(?:in|at|through|via|to|out[^\S\n]+of)[^\S\n]+(?:the[^\S\n]+)?(?:[\w-]+['’]s[^\S\n]+)?"
    r"(?:(?:north|south)?(?:east|west)?(?:ern)?[^\S\n]+)?$"
)
_AT_PLACE_BEFORE_RE = re.compile(r"\b(?:at|into|from)[^\S\n]+(?:the[^\S\n]+)?$")  # "40 flights a week at the airport"
# A place's own office: "Commissioner's Office", "Management Committee", "People's Government" (not "Customs", whose
# districts reach beyond the place)
_BODY_AFTER_RE = re.compile(
    r"(?:[^\S\n]+[A-Z][\w'’]*){0,3}[^\S\n]+(?:Office|Bureau|Commission|Committee|Government|Department"
    r"|Administration)\b"
)
# "the Khorgos International Center of Boundary Cooperation", "Kashgar Vocational and Technical College": a facility or
# a school bearing the place's name
_FACILITY_AFTER_RE = re.compile(
    r"(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w'’]*){0,3}[^\S\n]+"
    r"(?:Center|Centre|Market|Bazaar|College|University|Institute|Hospital|School|Academy)\b"
)
_LOCATED_BEFORE_RE = re.compile(
    r"\b(?:located|based|built|sited|set[^\S\n]+up|housed)[^\S\n]+(?:in|at)[^\S\n]+(?:the[^\S\n]+)?$", re.I
)
_SOURCE_BEFORE_RE = re.compile(r"(?:\baccording[^\S\n]+to|,)[^\S\n]+(?:the[^\S\n]+)?$", re.I)
_SOURCE_AFTER_RE = re.compile(r"[^\S\n]*(?:[.!?]|$)|[^\S\n]+(?:said|says|announced|reported|told)\b")
_POSSESSIVE_GAP_RE = re.compile(r"['’]s[^\S\n]+")
_VERB_AFTER_RE = re.compile(r"[^\S\n]+(?:has|have|had|is|was|were|will)\b")
# "Trade with Russia fell 8.7 percent as vehicle exports through Horgos Port dropped": a clause of its own follows
_CLAUSE_END_RE = re.compile(r"[,;:]|\s[—–-]\s|[^\S\n]+(?:as|while|whereas|because)[^\S\n]+(?!well\b|much\b|many\b)")
_EVENT_OF_PLACE_AFTER_RE = re.compile(
    r"['’]s[^\S\n]+(?:launch|establishment|inauguration|opening|founding|creation|unveiling|start)\b", re.I
)
# "against 9.4 percent growth for Xinjiang as a whole", "3.1 percent for the region overall": the place the figure is
# for
_OPENING_SHARE_OF_RE = re.compile(
    r"(?:^|[.!?][\"'”’)]*\s+|\n)(?:[A-Za-z-]+[^\S\n]+){0,2}[\d.,]+[^\S\n]*(?:percent|per[^\S\n]?cent|%)[^\S\n]+of"
    r"[^\S\n]+(?:the[^\S\n]+)?$"
)
_LOCATING_BEFORE_RE = re.compile(r"\b(?:at|in|inside|within|through|via)[^\S\n]+(?:the[^\S\n]+)?$")
_FOR_PLACE_GAP_RE = re.compile(r"(?P<words>(?:[^\S\n]+[a-z-]+){0,2})[^\S\n]+for[^\S\n]+(?:the[^\S\n]+)?")
_AS_A_WHOLE_AFTER_RE = re.compile(r"[^\S\n]+(?:as[^\S\n]+a[^\S\n]+whole|overall|in[^\S\n]+total|combined)\b")
_OF_BEFORE_RE = re.compile(r"\bof[^\S\n]+(?:the[^\S\n]+)?$")
_OPENING_QUALIFIER_RE = re.compile(r"\s*(?:[A-Za-z]+[^\S\n]+){0,2}")  # "Over 90 percent", "More than half"
# "22 pilot free trade zones across China, which together accounted for ...": the relative clause is about them
_NATIONAL_WHICH_RE = re.compile(
    r"\d[\d,.]*[^\S\n]+(?:[\w-]+[^\S\n]+){0,5}?(?:nationwide|(?:across|throughout)[^\S\n]+(?:the[^\S\n]+country|China))"
    r",[^\S\n]+(?:which|that|who)\b[^.;]*$"
)
# "began shipping Xinjiang dried apricots", "sells Kashgar melons", "exports of Horgos-processed ..." : a place
# name between a verb of trade and the goods it names is an adjective of the goods, not the figure's place
_GOODS_VERB_BEFORE_RE = re.compile(
    r"\b(?:ship|sell|sold|export|import|buy|bought|carr(?:y|ie)|deliver|send|sent|grow|grew|produc|pack|trad|market)"
    r"\w*[^\S\n]+$",
    re.I,
)
# "a cooperative in Shache county", "an exporter in Shufu County"
_IN_COUNTY_RE = re.compile(r"\bin[^\S\n]+(?:[A-Z][\w'-]*[^\S\n]+){1,2}[Cc]ounty\b")
# "graduates from southern Xinjiang", "tourists from Urumqi": a place people come from
_PEOPLE_FROM_BEFORE_RE = re.compile(
    r"\b(?:graduates|students|workers|people|residents|tourists|visitors|travell?ers|passengers|shoppers|buyers|traders"
    r"|investors|delegations?|officials)[^\S\n]+from[^\S\n]+(?:the[^\S\n]+)?$",
    re.I,
)
# "2,600 tonnes of Xinjiang tomato paste", "3,000 boxes of Kashgar melons": a quantity of a place's goods
_GOODS_OF_BEFORE_RE = re.compile(r"\d[\d,.]*(?:[^\S\n]+[a-z]+){1,2}[^\S\n]+of[^\S\n]+$")
_LOWERCASE_NOUN_AFTER_RE = re.compile(r"[^\S\n]+[a-z]")
_SENTENCE_END_RE = re.compile(r"[.!?][\"'”’)]*\s*$")
_LINE_ENDS_SENTENCE_RE = re.compile(r"[.!?][\"'”’)]*[^\S\n]*$", re.M)
# "Horgos Port, the region's busiest rail gateway on the border with Kazakhstan, handled": what the name before is
_APPOSITION_AFTER_RE = re.compile(r"['’]s[^\S\n]+(?:[\w-]+[^\S\n]+){0,8}[\w-]+,")
# A feature's byline, "By LI JING in Horgos, Xinjiang | China Daily | Updated: ...": where the reporter writes from
_BYLINE_RE = re.compile(r"^By[^\S\n]+[^\n|]*?[^\S\n]in[^\S\n]+(?P<place>[A-Z][^\n|,]*?)[^\S\n]*(?:[,|]|$)", re.M)


def _in_headline(text: str, mention: "PlaceMention") -> bool:
    """Whether the place stands on a line that is no sentence (a title, a heading)."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return not _SENTENCE_END_RE.search(line)


def _in_masthead(text: str, mention: "PlaceMention") -> bool:
    """Whether the place stands on a site's navigation line or a byline ("... Region  >  News Release",
    "Government  ›  Local News", "By LI JING in Horgos | China Daily"), which says who publishes, not what about."""
    line_start = text.rfind("\n", 0, mention.start) + 1
    line_end = text.find("\n", mention.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return _in_headline(text, mention) and bool(re.search(r"[›|»]|\s>\s", line))


def _opens_heading(text: str, start: int) -> bool:
    """Whether a place name opens a section heading: a line of its own with no sentence end, below body text (a
    title or masthead above the first sentence is none) ("HORGOS: TRAINS UP, CARS DOWN", "Kashgar:", "URUMQI AREA")."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0 or text[line_start:start].strip():
        return False
    if _first_sentence_end(text) >= line_start:
        return False
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return 0 < len(line) <= 80 and not _SENTENCE_END_RE.search(line)


@functools.lru_cache(maxsize=1)
def _first_sentence_end(text: str) -> int:
    """Where the first line that ends a sentence ends its sentence (len(text) if none): found once per text, as
    every heading asks, where splitting every line above each heading made a long text's headings quadratic."""
    match = _LINE_ENDS_SENTENCE_RE.search(text)
    return match.start() if match else len(text)


def _paragraph_starts(text: str, index: "PlaceIndex") -> list[int]:
    """Where paragraphs start. A heading that opens with a place name starts a section: the paragraphs under it
    are one paragraph with it, up to the next heading (which starts a paragraph of its own)."""
    starts = [0]
    in_place_section = False
    for match in re.finditer(r"\n\s*\n", text):
        block_start = match.end()
        if _opens_heading(text, block_start):
            line_end = text.find("\n", block_start)
            names = index._names(text, block_start, line_end if line_end >= 0 else len(text))
            in_place_section = bool(names) and names[0].start() == block_start
            starts.append(block_start)
        elif not in_place_section:
            starts.append(block_start)
    return starts


def _namesake_of_last_name(
    text: str,
    index: "PlaceIndex",
    mentions: list,
    paragraph_start: int,
    reference: str,
    start: int,
    end: int,
    *,
    exact: bool = False,
) -> str:
    """The place called by the last name the paragraph gave and the reference's noun ("Horgos" + "the port" is
    "Horgos Port", "Kashi" + "the prefecture" is "Kashi Prefecture"), if the portal has it and it fits."""
    named = next((m for m in reversed(mentions) if m.is_name and m.start >= paragraph_start), None)
    if named is None:
        return ""
    noun = text[start:end].split()[-1].lower()
    name = text[named.start : named.end].lower()
    key = index.keys.get(f"{name} {noun}", "")
    if not key and " " in name:
        # "The Horgos area ... Cargo through the port": a name that is a city's name and its own noun calls the
        # reference by the city's name ("Horgos" + "the port" is "Horgos Port")
        city = index.city_of(named.key)
        key = next(
            (index.keys[f"{n} {noun}"] for n, k in index.keys.items() if k == city and f"{n} {noun}" in index.keys),
            "",
        )
    if not key and not exact:
        # "In Urumqi, cargo at the airport rose": the one place whose name runs from the name to the noun ("Urumqi
        # International Airport")
        longer = {k for n, k in index.keys.items() if n.startswith(f"{name} ") and n.endswith(f" {noun}")}
        key = longer.pop() if len(longer) == 1 else ""
    return key if key and index._fits(key, reference) else ""


def _described_before(text: str, paragraph_start: int, start: int, end: int) -> bool:
    """Whether the reference's noun ("the port") names a thing the paragraph described before with more
    words and no name ("the international land port")."""
    noun = text[start:end].split()[-1].lower()
    return bool(
        re.search(rf"\b[Tt]he[^\S\n]+(?:[a-z][\w-]*[^\S\n]+){{1,3}}{re.escape(noun)}\b", text[paragraph_start:start])
    )


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    key: str  # "" for a reference with nothing to stand for
    is_name: bool = True  # a name, not a reference ("the area") or the nation
    is_subject: bool = True  # not a container, scope or list member
    in_relative_clause: bool = False
    is_national: bool = False
    what: str = "name"  # name, reference or national
    names_an_event: bool = False  # "since the zone's launch": the place's own event, a weaker subject
    qualifies_next: bool = False  # "the zone's" in "the zone's Horgos area"


class PlaceIndex:
    """Place names and aliases, matched as whole words ignoring case; the longest name wins.

    A name that begins other places' names ("Horgos": "Horgos Port", "Horgos area") is ambiguous
    when the words between it and the figure call it by one of those places' kind ("Horgos, as
    the FTZ's primary railway port, ..."): the guess is then left empty rather than made wrong.
    `kinds` (key -> Place.Kind value) lets references ("the area") stand for places; `national_key`
    is the place nationwide figures are about (the country), if the portal has one.
    """

    def __init__(self, names: dict[str, str], *, kinds: dict[str, str] | None = None, national_key: str = ""):
        self.keys = {name.strip().lower(): key for name, key in names.items() if name.strip()}
        alternatives = sorted(self.keys, key=len, reverse=True)
        self.pattern = (
            re.compile(r"(?<!\w)(" + "|".join(re.escape(name) for name in alternatives) + r")(?!\w)", re.I)
            if alternatives
            else None
        )
        self.namesake_kinds = _namesake_kinds(self.keys)
        self.kinds = dict(kinds or {})
        self.airport_keys = {key for name, key in self.keys.items() if "airport" in name}
        self.national_key = national_key

    def _names(self, text: str, start: int, end: int) -> list[re.Match]:
        """Place names between start and end, leaving out those that begin a longer proper name
        ("Xinjiang Daily", "Kashgar Kangyi Intelligent Technology Co", "Urumqi Customs") and the ends of a
        route joined by a hyphen ("the Urumqi-Almaty route")."""
        if self.pattern is None:
            return []
        return [
            match
            for match in self.pattern.finditer(text, start, end)
            if not _PROPER_NAME_GOES_ON_RE.match(text, match.end())
            and not _HYPHEN_JOINED_AFTER_RE.match(text, match.end())
            and not _HYPHEN_JOINED_BEFORE_RE.search(text, max(0, match.start() - 20), match.start())
        ]

    def _key(self, text: str, name: re.Match, figure_start: int, figure_end: int) -> str:
        """The place `name` stands for, or "" when the words between it and the figure give it a namesake's kind."""
        lowered = name.group(1).lower()
        kinds = self.namesake_kinds.get(lowered)
        if kinds is not None:
            gap = text[name.end() : figure_start] if name.end() <= figure_start else text[figure_end : name.start()]
            # "the Horgos road port", "Horgos land port": the name with a few words and a namesake's noun is that one
            called = _CALLED_AFTER_NAME_RE.match(text, name.end())
            words = called.group(0).split() if called else []
            for at in range(1, len(words)):
                if words[at - 1] in _NOT_A_KIND_WORD:
                    break
                if kinds.fullmatch(words[at]) and f"{lowered} {words[at]}" in self.keys:
                    return self.keys[f"{lowered} {words[at]}"]
            if kinds.search(gap):
                # "could find Horgos on a map, ... opened a warehouse in the Horgos area ... 18,000 tonnes": the text
                # itself names the namesake it means
                namesakes = {
                    self.keys[other.group(1).lower()]
                    for other in self.pattern.finditer(gap[:1000])  # a paragraph's words, not a whole text's
                    if other.group(1).lower().startswith(lowered + " ")
                    and self.keys[other.group(1).lower()] != self.keys[lowered]
                }
                if len(namesakes) == 1 and len(gap) <= 1000 and not kinds.search(self.pattern.sub(" ", gap)):
                    return namesakes.pop()
                return ""
        return self.keys[lowered]

    def nearest_before(self, text: str, start: int, position: int) -> str:
        """The place named between start and `position` (where the figure starts), nearest to it."""
        names = self._names(text, start, position)
        return self._key(text, names[-1], position, position) if names else ""

    def first(self, text: str, start: int, end: int, *, figure_start: int | None = None) -> str:
        """The first place named between start and end: the subject of a sentence, usually."""
        names = self._names(text, start, end)
        figure_start = end if figure_start is None else figure_start
        return self._key(text, names[0], figure_start, figure_start) if names else ""

    def names_any(self, text: str, start: int, end: int) -> bool:
        """Whether a place's name (ambiguous ones too) stands between start and end."""
        return bool(self._names(text, start, end))

    def right_after(self, text: str, position: int) -> str:
        """A place named right after a figure, which it describes: "179.66-square-kilometer Xinjiang pilot FTZ"."""
        names = self._names(text, position, position + 80)
        return self._key(text, names[0], position, position) if names and names[0].start() <= position + 1 else ""

    def mentions(self, text: str) -> "PlaceMentions":
        return PlaceMentions(self, text)

    def _fits(self, key: str, reference: str) -> bool:
        kind = self.kinds.get(key)
        if kind not in _REFERENCE_KINDS[reference]:
            return False
        if reference == "airport":
            return key in self.airport_keys
        if reference == "port":
            return key not in self.airport_keys
        return True

    def city_of(self, key: str) -> str:
        """The city whose name begins a place's name ("Urumqi International Airport": Urumqi), if the portal has it."""
        for name, named in self.keys.items():
            if named == key and " " in name:
                city = self.keys.get(name.split()[0], "")
                if city and self.kinds.get(city) == "city":
                    return city
        return ""

    def owned(self, owner: str, reference: str) -> str:
        """The one place of the reference's kind whose name begins with a name of `owner` ("Kashgar" + bonded zone:
        "Kashgar Comprehensive Bonded Zone"), if the portal has exactly one."""
        owner_names = [name for name, key in self.keys.items() if key == owner]
        owned = {
            key
            for name, key in self.keys.items()
            if key != owner and self._fits(key, reference) and any(name.startswith(f"{o} ") for o in owner_names)
        }
        return owned.pop() if len(owned) == 1 else ""

    def _only(self, reference: str) -> str:
        """The one place of the reference's kind, when the portal has exactly one ("the FTZ")."""
        if reference not in ("ftz", "zone"):
            return ""
        keys = {key for key, kind in self.kinds.items() if kind == "zone"}
        return keys.pop() if len(keys) == 1 else ""


class PlaceMentions:
    """Every place a text names or refers to, in order, resolved once; answers 'which place is this figure about'."""

    def __init__(self, index: PlaceIndex, text: str):
        self.index = index
        self.text = text
        self._name_matches: dict[int, re.Match] = {}
        found: list[tuple[int, int, str, str]] = []  # (start, end, what, key or reference)
        for match in index._names(text, 0, len(text)):
            self._name_matches[match.start()] = match
            found.append((match.start(), match.end(), "name", index.keys[match.group(1).lower()]))
        if index.pattern is not None:
            # "the Kashgar Prefecture Commissioner's Office said", "Horgos Area Management Committee": a place's own
            # office names the place it speaks for (no subject, but what "the prefecture" stands for after it)
            for match in index.pattern.finditer(text):
                if match.start() in self._name_matches:
                    continue
                body = _BODY_AFTER_RE.match(text, match.end())
                if body:
                    found.append((match.start(), body.end(), "body", index.keys[match.group(1).lower()]))
                    continue
                # "the Khorgos International Center of Boundary Cooperation": a facility that bears the place's name
                # stands in it, and what it counts is the place's
                facility = _FACILITY_AFTER_RE.match(text, match.end())
                if facility and not _HYPHEN_JOINED_AFTER_RE.match(text, match.end()):
                    found.append((match.start(), facility.end(), "name", index.keys[match.group(1).lower()]))
        if index.kinds:
            for match in _REFERENCE_RE.finditer(text):
                found.append((match.start(), match.end(), "reference", match.lastgroup))
            for match in _ITS_PLACE_RE.finditer(text):
                found.append((match.start(), match.end(), "its", match.lastgroup))
            for match in _POSSESSED_RE.finditer(text):
                found.append((match.start(), match.end(), "possessed", match.lastgroup))
        for match in _NATIONAL_RE.finditer(text):
            found.append((match.start(), match.end(), "national", index.national_key))
        figure_national = set()
        if index.national_key:
            for match in _NATIONAL_FIGURE_RE.finditer(text):
                name = match.lastgroup or "china"
                if not any(start == match.start(name) for start, *_ in found):
                    found.append((match.start(name), match.end(name), "national", index.national_key))
                figure_national.add(match.start(name))
        found.sort()
        paragraph_starts = _paragraph_starts(text, index)
        mentions: list[PlaceMention] = []
        last_fitting: dict[str, tuple[str, int]] = {}  # reference -> the last place named that it may stand for
        first_region = next(
            (value for _, _, what, value in found if what == "name" and index.kinds.get(value) == "region"), ""
        )
        first_subject = ""  # the first place the body is about, so far
        for start, end, what, value in found:
            if mentions and start < mentions[-1].end:
                continue  # a reference inside a name ("The Kashi ... Zone"): the name wins
            unnamed_antecedent = False
            if what == "possessed":
                # "Kashgar's bonded zone", "the city's bonded zone": the place of that kind whose name begins with
                # the owner's ("Kashgar Comprehensive Bonded Zone"); the owner only says whose it is
                owner = mentions[-1] if mentions else None
                if owner is None or not owner.key or not _POSSESSIVE_GAP_RE.fullmatch(text, owner.end, start):
                    continue
                value = index.owned(owner.key, value)
                if not value:
                    continue
                mentions[-1] = dataclasses.replace(owner, is_subject=False, qualifies_next=True)
            if what == "its":
                # "The Urumqi area ... Its airport now runs": the airport (or bonded zone) of the place spoken of last
                # (or of its city), else whatever "the airport" would stand for
                owner = mentions[-1] if mentions else None
                owner_key = owner.key if owner is not None else ""
                value = index.owned(owner_key, value) or index.owned(index.city_of(owner_key), value) or value
                what = "possessed" if value in index.kinds else "reference"
            if what == "reference":
                paragraph_start = paragraph_starts[bisect.bisect_right(paragraph_starts, start) - 1]
                key, named_at = last_fitting.get(value, ("", -1))
                if value in _PARAGRAPH_BOUND_REFERENCES and named_at < paragraph_start:
                    # "the region's import and export value" in a release about Xinjiang: the region the text named
                    # first, when it named one (not a prefecture named some paragraphs before)
                    key = first_region
                if (
                    value == "zone"
                    and index.kinds.get(key) == "bonded_zone"
                    and named_at < paragraph_start
                    and last_fitting.get("ftz", ("", -1))[0]
                    and index.kinds.get(first_subject) != "bonded_zone"
                ):
                    # "The Kashi Comprehensive Bonded Zone contributed 10.2 billion yuan. ... [next paragraph] twice
                    # the number at the zone's launch": in a text not about the bonded zone, "the zone" beyond the
                    # bonded zone's paragraph is the free trade zone
                    key = last_fitting["ftz"][0]
                elif (
                    value == "zone"
                    and index.kinds.get(key) == "bonded_zone"
                    and last_fitting.get("ftz", ("", -1))[0]
                    and index.kinds.get(first_subject) == "zone"
                    and _LOCATING_BEFORE_RE.search(text, max(0, named_at - 20), named_at)
                ):
                    # "..., and clearance time at the Kashi Comprehensive Bonded Zone fell ... . As of the end of March,
                    # the zone had implemented 238 ...": in a text about the free trade zone, a bonded zone named only
                    # where something happened is not what "the zone" then stands for
                    key = last_fitting["ftz"][0]
                # "HORGOS: TRAINS UP ... At the port, 5,740 trains": with no port named yet, the port of the place the
                # paragraph named last ("Horgos Port"), when the portal knows one by that name and kind
                # "about a third of them in Urumqi, where the area's management committee says": a name given since the
                # last place of the reference's kind calls it by its own namesake ("Urumqi" + "the area")
                key = (
                    _namesake_of_last_name(
                        text, index, mentions, max(paragraph_start, named_at + 1), value, start, end, exact=True
                    )
                    or key
                )
                key = key or _namesake_of_last_name(text, index, mentions, paragraph_start, value, start, end)
                key = key or index._only(value)
                # "In the Urumqi area, the international land port has opened ... . Clearance at the port ...":
                # the port is one the paragraph described without naming; it says nothing of the place
                unnamed_antecedent = not key and _described_before(text, paragraph_start, start, end)
            else:
                key = value
            previous = mentions[-1] if mentions else None
            is_subject = True
            before = text[max(0, start - 40) : start]
            if previous is not None and _CONTAINER_GAP_RE.fullmatch(text, previous.end, start):
                if previous.is_name or what != "name":
                    is_subject = False  # "the Kashgar area of the FTZ": the FTZ only says where the area is
                else:  # "the prefecture of Kashi": the name says which the reference is
                    mentions[-1] = dataclasses.replace(previous, is_subject=False)
            elif what == "body" or (what == "reference" and _REFERENCE_BODY_AFTER_RE.match(text, end)):
                is_subject = False  # "the prefecture commerce bureau": an office that speaks, not a subject
            elif what == "name" and _opens_heading(text, start):
                is_subject = True  # "HORGOS: TRAINS UP", "Kashgar:": the section under it is about the place
            elif what == "name" and text[start:end].isupper() and len(text[start:end]) > 3:
                is_subject = False  # a dateline ("URUMQI, 13th November, 2025 (WAM) --"): where it was written
            elif what == "national" and start in figure_national:
                is_subject = True  # "Trade between China and the UAE reached", "against national growth of"
            elif what == "national":
                # "Nationwide, ..." and "The 22 zones nationwide reported", not "... over 100 zones nationwide"
                is_subject = bool(_CLAUSE_OPENING_RE.search(before)) or bool(
                    _SHORT_SUBJECT_RE.search(text, max(0, start - 60), start)
                    and (
                        previous is None
                        or text.rfind(".", previous.end, start) >= 0
                        or "\n" in text[previous.end : start]
                    )
                )
            elif what == "name" and _WHOLE_OF_SHARE_RE.match(text, end) and re.search(r"\bof[^\S\n]+$", before):
                is_subject = False  # "21.6 percent of Xinjiang's total foreign trade": the whole a share is of
            elif (
                _SHARE_OF_BEFORE_RE.search(before)
                and _POSSESSIVE_RE.match(text, end)
                # "Over 90 percent of Horgos Port's exports go to ...": a share opening its sentence is the place's
                and not _OPENING_SHARE_OF_RE.search(text, max(0, start - 60), start)
            ):
                is_subject = False  # "its share of the zone's trade": the whole, not whose share it is
            elif (
                what == "name"
                and (_GOODS_VERB_BEFORE_RE.search(before) or _GOODS_OF_BEFORE_RE.search(before))
                and _LOWERCASE_NOUN_AFTER_RE.match(text, end)
            ):
                is_subject = False  # "shipping Xinjiang dried apricots": the place says where the goods are from
            elif _PEOPLE_FROM_BEFORE_RE.search(before):
                is_subject = False  # "Firms that hire graduates from southern Xinjiang": where the people come from
            elif (_SCOPE_BEFORE_RE.search(before) and not _MEASURED_SCOPE_BEFORE_RE.search(before)) or (
                # "The airport now links Urumqi with 31 countries", not "Two cargo flights a week now link Kashgar
                # with Dubai", where the place linked is the only one its sentence has
                _ENDPOINT_BEFORE_RE.search(before)
                and previous is not None
                and not re.search(r"[.!?]\s|\n", text[previous.end : start])
            ):
                is_subject = False  # "promoted across Xinjiang", "links Urumqi with"
            elif previous is not None and what == "name" and _POSSESSIVE_GAP_RE.fullmatch(text, previous.end, start):
                # "the zone's Horgos area", "Xinjiang's Kashgar": the first only says whose the second is
                mentions[-1] = dataclasses.replace(previous, is_subject=False, qualifies_next=True)

            elif previous is not None and previous.is_name and what == "name":
                if _LIST_AND_RE.fullmatch(text, previous.end, start):
                    is_subject = False  # "in Urumqi, Kashgar and Horgos": no one of them is the subject
                    position = len(mentions) - 1
                    while position >= 0:
                        member = mentions[position]
                        mentions[position] = dataclasses.replace(member, is_subject=False)
                        before_member = mentions[position - 1] if position > 0 else None
                        if before_member is None or not _LIST_COMMA_RE.fullmatch(text, before_member.end, member.start):
                            break
                        position -= 1
            # the last break before the name; "3.56" and "3,100" break nothing
            breaks = list(_NAME_CLAUSE_BREAK_RE.finditer(text, max(0, start - 300), start))
            clause_start = breaks[-1].start() if breaks else -1
            relative = clause_start >= 0 and bool(_RELATIVE_OPEN_RE.match(text, clause_start, start))
            # "Urumqi International Airport, the area's air hub, handled ...": an apposition describes the name
            # before it; the place it names is not what the sentence is about
            relative = relative or (
                clause_start >= 0
                and text[clause_start:start] in (", ", ",\u00a0")
                and bool(_APPOSITION_AFTER_RE.match(text, end))
            )
            # "The Kashi Comprehensive Bonded Zone, the core of the area, handled ...": an apposition that says what the
            # name before it is part of
            relative = relative or (
                previous is not None
                and previous.end == clause_start
                and bool(_APPOSITION_OPEN_RE.fullmatch(text, clause_start, start))
                and bool(_APPOSITION_CLOSE_RE.match(text, end))
            )
            if unnamed_antecedent:
                continue
            mentions.append(
                PlaceMention(
                    start,
                    end,
                    key,
                    what == "name",
                    is_subject,
                    relative,
                    what == "national",
                    what,
                    bool(_EVENT_OF_PLACE_AFTER_RE.match(text, end)),
                )
            )
            if key and not first_subject and is_subject and not relative and not _in_headline(text, mentions[-1]):
                first_subject = key
            # "The zone, which covers 3.56 square kilometres in the Kashgar area of the free trade zone, had ...":
            # a place a relative clause names only to say where another lies is not what "the zone" then stands for
            locates_only = relative and not is_subject and previous is not None and previous.key
            if key and not locates_only:
                for reference in _REFERENCE_KINDS:
                    if index._fits(key, reference):
                        last_fitting[reference] = (key, start)
        self.mentions = mentions
        self.starts = [mention.start for mention in mentions]
        self.paragraph_starts = paragraph_starts
        body = next(
            (
                m
                for m in mentions
                if m.is_subject
                and m.key
                and not m.in_relative_clause
                # "Urumqi airport's int'l cargo soars": a bare name that begins other places' names, in a title
                and not (text[m.start : m.end].lower() in index.namesake_kinds and _in_headline(text, m))
                # "A Kashgar fruit trader's road west runs through the free trade zone": a title's reference
                and not (m.what == "reference" and _in_headline(text, m))
                # "Khorgos dry port handles record volume as Kazakhstan-China trade grows": the nation's trade in a
                # title is a setting
                and not (m.what == "national" and _in_headline(text, m))
                # "Department of Commerce of Xinjiang Uygur Autonomous Region  >  News Release": a site's masthead
                and not _in_masthead(text, m)
            ),
            None,
        )
        self.lede_subject = body  # what the article is about when a paragraph does not say
        # An article about the free trade zone means the zone's area by a bare city name: "In Horgos,
        # Consun Pharmaceutical ..." is the Horgos area of the FTZ (as curators read it), not the city.
        self.about_zone = body is not None and index.kinds.get(body.key) == "zone"
        self.about_port = body is not None and index.kinds.get(body.key) == "port"
        # "By GAO YAN in Horgos, Xinjiang | China Daily": a feature's lede often names only what it describes ("the
        # border cooperation center"); the place it is written from is where that is, when nothing else says
        byline = _BYLINE_RE.search(text, 0, min(len(text), 600))
        self.byline_key = index.keys.get(byline.group("place").lower(), "") if byline else ""

    @functools.cached_property
    def _prefecture_mentions(self) -> list[PlaceMention]:
        """The text's mentions of prefectures, in order: where a county's figures belong."""
        kinds = self.index.kinds
        return [mention for mention in self.mentions if mention.key and kinds.get(mention.key) == "prefecture"]

    def _resolved_key(self, mention: PlaceMention, figure_start: int, figure_end: int) -> str:
        match = self._name_matches.get(mention.start)
        if mention.is_name and match is not None:
            key = self.index._key(self.text, match, figure_start, figure_end) or self._namesake_referred_to(
                mention, figure_start
            )
            if (
                key
                and self.about_zone
                and self.index.kinds.get(key) == "city"
                # "six freighter flights a week between Dubai and Urumqi, and the cargo carried on the route": an end
                # of a route is the city
                and not _ROUTE_END_BEFORE_RE.search(self.text, max(0, mention.start - 40), mention.start)
                and not (
                    _ROUTE_END_AFTER_RE.match(self.text, mention.end)
                    and re.search(r"\b(?:between|from)[^\S\n]+$", self.text[max(0, mention.start - 10) : mention.start])
                )
            ):
                area = self.index.keys.get(match.group(1).lower() + " area", "")
                if self.index.kinds.get(area) == "ftz_area":
                    return area
            if key and self.about_port and self.index.kinds.get(key) == "city":
                # "HORGOS (Xinhua) -- Horgos Port handled ... . Horgos handled a record 36.4 million tonnes last year":
                # in an article about a city's port, the bare city name is the port
                port = self.index.keys.get(match.group(1).lower() + " port", "")
                if (
                    port
                    and port == self.lede_subject.key
                    and _CLAUSE_OPENING_RE.search(self.text, max(0, mention.start - 12), mention.start)
                    and _VERB_AFTER_NAME_RE.match(self.text, mention.end)
                ):
                    return port
            return key
        return mention.key

    def _namesake_referred_to(self, mention: PlaceMention, figure_start: int) -> str:
        """The namesake a reference between an ambiguous name and the figure stands for ("in Urumqi, where the area's
        committee says ... 412, up 19 per cent": the Urumqi area), when it is one."""
        paragraph = bisect.bisect_right(self.paragraph_starts, mention.start)
        if paragraph < len(self.paragraph_starts) and self.paragraph_starts[paragraph] <= figure_start:
            return ""  # a name in a paragraph before the figure's
        name = self.text[mention.start : mention.end].lower()
        between = self.mentions[
            bisect.bisect_right(self.starts, mention.start) : bisect.bisect_left(self.starts, figure_start)
        ]
        namesakes = {
            other.key
            for other in between
            if other.what == "reference"
            and other.key
            and any(n.startswith(f"{name} ") for n, k in self.index.keys.items() if k == other.key)
        }
        return namesakes.pop() if len(namesakes) == 1 else ""

    def _clearing_port(self, mention: PlaceMention, sentence_start: int, number_start: int) -> str:
        """The port called by a bare name a clearance is at ("Clearance for a truck at Horgos now takes about 30
        minutes": Horgos Port), if the portal has one: goods clear a place at its port."""
        if not mention.is_name or not _CLEARANCE_RE.search(self.text, sentence_start, number_start):
            return ""
        if not _AT_PORT_BEFORE_RE.search(self.text, max(0, mention.start - 10), mention.start):
            return ""
        port = self.index.keys.get(self.text[mention.start : mention.end].lower() + " port", "")
        return port if port and self.index._fits(port, "port") else ""

    def _usable(self, mention: PlaceMention, figure_start: int) -> bool:
        if not mention.is_subject:
            return False
        if mention.in_relative_clause and mention.end <= figure_start:
            return "," not in self.text[mention.end : figure_start]  # the clause closed before the figure
        return True

    def for_figure(
        self,
        *,
        number_start: int,
        end: int,
        sentence_start: int,
        sentence_end: int,
        counts_things: bool,
        is_flight_frequency: bool = False,
    ) -> str:
        """The key of the place a figure is about, or "" when the text does not say (or is ambiguous)."""
        key = self._for_figure(
            number_start=number_start,
            end=end,
            sentence_start=sentence_start,
            sentence_end=sentence_end,
            counts_things=counts_things,
        )
        if key and _GATE_CLEARANCE_RE.search(self.text, sentence_start, number_start):
            # "customs inspection at the Chinese gate now takes 20 to 30 minutes": goods clear a place at its port
            city = key if self.index.kinds.get(key) == "city" else self.index.city_of(key)
            names = [name for name, named in self.index.keys.items() if named == city]
            port = next((self.index.keys[f"{n} port"] for n in names if f"{n} port" in self.index.keys), "")
            if port and self.index._fits(port, "port"):
                return port
        if not is_flight_frequency:
            return key
        # A flight frequency is a city's link ("Direct flights between Dubai and Urumqi now operate four times a week",
        # "Flights to Almaty now depart twice a day" in a paragraph about the airport), unless its own sentence puts
        # the flights at the airport ("six freighter services a week into Urumqi International Airport")
        index = self.index
        first, last = bisect.bisect_left(self.starts, sentence_start), bisect.bisect_left(self.starts, sentence_end)
        in_sentence = self.mentions[first:last]
        for mention in in_sentence:
            if mention.key in index.airport_keys and (
                mention.start < number_start
                or _AT_PLACE_BEFORE_RE.search(self.text, max(0, mention.start - 12), mention.start)
            ):
                return mention.key
        for mention in in_sentence:
            named = index.keys.get(self.text[mention.start : mention.end].lower(), "") if mention.is_name else ""
            if index.kinds.get(named) == "city":
                return named
        if index.pattern is not None:
            for match in index.pattern.finditer(self.text, sentence_start, sentence_end):
                named = index.keys[match.group(1).lower()]
                if index.kinds.get(named) == "city" and _HYPHEN_JOINED_BEFORE_RE.search(
                    self.text, max(0, match.start() - 20), match.start()
                ):
                    return named  # "flydubai, which opened its Dubai-Urumqi service, now flies five times weekly"
        if key in index.airport_keys:
            return index.city_of(key) or key
        return key

    def _for_figure(
        self, *, number_start: int, end: int, sentence_start: int, sentence_end: int, counts_things: bool
    ) -> str:
        text, index = self.text, self.index
        described = index.right_after(text, end)
        if described:
            return described
        agent = _AGENT_AFTER_RE.match(text, end)
        if agent:
            # "the roughly 1.2 trillion yuan handled by the Shanghai pilot zone", "the 240 billion yuan recorded by
            # Hainan's free trade port": whoever the figure is by, a place the portal knows or none
            following = bisect.bisect_left(self.starts, agent.start("name"))
            if following < len(self.mentions) and self.starts[following] == agent.start("name"):
                return self._resolved_key(self.mentions[following], number_start, end)
            if index.pattern is None or not index.pattern.match(text, agent.start("name")):
                return ""
        if _PART_OF_WHICH_BEFORE_RE.search(text, max(sentence_start, number_start - 40), number_start) or (
            _PART_OF_IT_AFTER_RE.match(text, end)
        ):
            # "12.1 billion yuan, of which 6.3 billion yuan passed through the FTZ area", "179.66 square kilometers ...,
            # of which about 28.5 square kilometers lie in Kashgar": the part is where its own clause puts it
            clause_end = _CLAUSE_END_RE.search(text, end, sentence_end)
            stop = clause_end.start() if clause_end else sentence_end
            for mention in self.mentions[bisect.bisect_left(self.starts, end) : bisect.bisect_left(self.starts, stop)]:
                if (
                    mention.key
                    and not mention.qualifies_next
                    and _AFTER_PREPOSITION_RE.search(text, max(0, mention.start - 40), mention.start)
                ):
                    key = self._resolved_key(mention, number_start, end)
                    whole = self.mentions[
                        bisect.bisect_left(self.starts, sentence_start) : bisect.bisect_left(self.starts, number_start)
                    ]
                    if index.kinds.get(key) == "city" and any(index.kinds.get(m.key) == "zone" for m in whole):
                        # the part of the zone that lies in a city is the zone's area there
                        area = index.keys.get(text[mention.start : mention.end].lower() + " area", "")
                        key = area if index.kinds.get(area) == "ftz_area" else key
                    return key
        if _OTHER_SIDE_OPENING_RE.match(text, sentence_start, number_start):
            # "On the Kazakh side, the Khorgos Gateway dry port handled 48,000 TEU": beyond the border, no place of ours
            return ""
        other = _OTHER_PLACE_OPENING_RE.match(text, sentence_start, number_start)
        if other and not index.names_any(text, other.start("name"), other.end("name")):
            # "Elsewhere in the region, Alataw Pass, Xinjiang's other major rail port, handled 6,380 trips": a port or
            # zone the portal does not know is the subject; the places in its apposition only say where it is
            return ""
        subset = _SUBSET_IN_RE.match(text, end)
        if subset:
            # "Some 40 firms are registered in the zone, nearly half of them in its Urumqi area": where that part is
            following = bisect.bisect_left(self.starts, subset.end())
            if (
                following < len(self.mentions)
                and self.starts[following] == subset.end()
                and self.mentions[following].key
            ):
                return self._resolved_key(self.mentions[following], number_start, end)
        if counts_things and _NATIONAL_AFTER_RE.match(text, end):
            return index.national_key  # "over 100 comprehensive bonded zones nationwide"
        if index.national_key and (
            _WHOLE_NATION_AFTER_RE.match(text, end)
            or (counts_things and _NATION_POSSESSIVE_BEFORE_RE.search(text, max(0, number_start - 30), number_start))
        ):
            # "against 4.6% for the pilot zones combined and 3.1% for China as a whole", "the country's 22 pilot free
            # trade zones": the nation's figure (labels.json 'about': all pilot free trade zones combined are China's)
            return index.national_key
        if counts_things:
            after = bisect.bisect_left(self.starts, end)
            # not a list's first member ("three areas in Urumqi, Kashgar and Horgos": the zone's)
            if (
                after < len(self.mentions)
                and self.mentions[after].key
                and self.mentions[after].is_name
                and self.mentions[after].is_subject
            ):
                following = self.mentions[after]
                gap = _NOUN_IN_PLACE_RE.fullmatch(text, end, following.start)
                # "the four comprehensive bonded zones in Xinjiang", "one of three areas of the Xinjiang FTZ" (not
                # "3,000 boxes of Kashgar melons", where the place only says where the goods are from)
                if gap and not (gap.group("of") and _LOWERCASE_NOUN_AFTER_RE.match(text, following.end)):
                    return following.key
        following_at = bisect.bisect_left(self.starts, end)
        if following_at < len(self.mentions):
            following = self.mentions[following_at]
            gap = _FOR_PLACE_GAP_RE.fullmatch(text, end, following.start)
            if (
                following.key
                and gap
                and (not gap.group("words") or _AS_A_WHOLE_AFTER_RE.match(text, following.end))
                and not _POSSESSIVE_RE.match(text, following.end)
            ):
                # "9.4 percent growth for Xinjiang as a whole", "rose 38 percent to 5.4 billion yuan for the prefecture"
                return self._resolved_key(following, number_start, end)
        first = bisect.bisect_left(self.starts, sentence_start)
        last = bisect.bisect_left(self.starts, number_start)
        event_place = None
        for mention in reversed(self.mentions[first:last]):
            if self._usable(mention, number_start):
                if mention.names_an_event:
                    # "The Kashgar area has signed 230 projects since the zone's launch, with ... 78 billion
                    # yuan": the zone only dates the count; the subject before it, if any, is what it is about
                    event_place = event_place or mention
                    continue
                port = self._clearing_port(mention, sentence_start, number_start)
                if port:
                    return port
                # a reference with nothing to stand for ("the region" in "Xinjiang Daily"'s paragraph)
                # leaves the place empty rather than guessed from elsewhere
                return self._resolved_key(mention, number_start, end)
        if event_place is not None:
            return self._resolved_key(event_place, number_start, end)
        unknown = _UNKNOWN_PORT_BEFORE_RE.search(text, sentence_start, number_start)
        if unknown and not index.names_any(text, unknown.start("name"), unknown.end("name")):
            # "'Green lanes' at the Irkeshtam and Torugart ports cut clearance from about four hours to 50 minutes":
            # ports the portal does not know are where the figure is, not the paragraph's place
            return ""
        if index.national_key and _NATIONAL_WHICH_RE.search(text, sentence_start, number_start):
            return (
                index.national_key
            )  # "22 pilot free trade zones across China, which together accounted for 18 percent"
        opens_sentence = bool(_OPENING_QUALIFIER_RE.fullmatch(text, sentence_start, number_start))
        clause_end = _CLAUSE_END_RE.search(text, end, sentence_end)
        stop = clause_end.start() if clause_end else sentence_end
        for mention in self.mentions[last : bisect.bisect_left(self.starts, stop)]:
            if mention.start < end or mention.qualifies_next:
                continue
            if (
                not mention.is_subject
                and _GOODS_OF_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start)
                and _LOWERCASE_NOUN_AFTER_RE.match(text, mention.end)
            ):
                continue  # "moved 2,600 tonnes of Xinjiang tomato paste out of the Horgos area": the goods' origin
            if (
                mention.key
                and mention.is_subject
                and (
                    _AFTER_PREPOSITION_RE.search(text, max(0, mention.start - 40), mention.start)
                    or _VERB_AFTER_RE.match(text, mention.end)  # "the 57 cases the Urumqi area has developed"
                    # "Two cargo flights a week now link Kashgar with Dubai"
                    or _ENDPOINT_BEFORE_RE.search(text, max(0, mention.start - 14), mention.start)
                    # "Over 90 percent of the zone's exports go to ...": the share opens the sentence, of the zone's
                    or (
                        opens_sentence
                        and _OF_BEFORE_RE.search(text, max(0, mention.start - 8), mention.start)
                        and _POSSESSIVE_RE.match(text, mention.end)
                    )
                )
            ):
                return self._resolved_key(mention, number_start, end)
            if (
                mention.key
                and mention.start < end + 12
                and _SHARE_OF_BEFORE_RE.search(text, max(0, mention.start - 20), mention.start)
                and _POSSESSIVE_RE.match(text, mention.end)
                and not _ANAPHOR_RE.search(text, sentence_start, number_start)
            ):
                # "Gulf states accounted for 8.4% of the zone's trade": with no place (nor a word for one) before it,
                # a share is the share of the place whose whole it is of
                return self._resolved_key(mention, number_start, end)
            break
        # "21 projects, worth 16.8 billion yuan, will be located in the Kashgar area": where what is counted will be;
        # "..., according to Urumqi International Airport", "..., the Kashgar Prefecture Commissioner's Office said":
        # the place whose office gives the figure, when nothing before it in its sentence is a place
        after_first = bisect.bisect_left(self.starts, end)
        after_figure = self.mentions[after_first : bisect.bisect_left(self.starts, sentence_end)]
        for position, mention in enumerate(after_figure):
            if not mention.key:
                continue
            if position == 0 and _LOCATED_BEFORE_RE.search(text, max(0, mention.start - 30), mention.start):
                return self._resolved_key(mention, number_start, end)
            if (
                mention.what in ("name", "body")
                and _SOURCE_BEFORE_RE.search(text, max(0, mention.start - 20), mention.start)
                and _SOURCE_AFTER_RE.match(text, mention.end)
            ):
                return mention.key
        # The place the paragraph is about: the subject of the nearest sentence before that has one;
        # else what the article is about (the subject of its first place).
        paragraph_start = self.paragraph_starts[bisect.bisect_right(self.paragraph_starts, sentence_start) - 1]
        paragraph_end = text.find("\n", sentence_end)
        if _IN_COUNTY_RE.search(text, paragraph_start, paragraph_end if paragraph_end >= 0 else len(text)):
            # '"We shipped 860 tonnes this season," said the head of a cooperative in Yopurga county': a county lies
            # in a prefecture, not in a zone's area; its figures are the prefecture's the text names
            prefectures = self._prefecture_mentions
            if prefectures:
                before = [m for m in prefectures if m.start < number_start]
                return (before[-1] if before else prefectures[0]).key
        inside = None
        for position in range(first - 1, -1, -1):
            mention = self.mentions[position]
            if mention.start < paragraph_start:
                break
            if self._usable(mention, sentence_start) and mention.key:
                subject = self._sentence_subject(mention.start)
                if subject is not None:
                    return self._resolved_key(subject, number_start, end)
            if mention.in_relative_clause and mention.key and mention.is_subject:
                inside = mention
        # "At the international land port, which lies inside the area, ... The port had assembled 1,214 trains": a
        # facility the portal does not know, said to lie inside a place, counts for that place when nothing else does
        if inside is not None and _INSIDE_BEFORE_RE.search(self.text, max(0, inside.start - 30), inside.start):
            return self._resolved_key(inside, number_start, end)
        if self.lede_subject is not None and self.lede_subject.start < number_start:
            return self._resolved_key(self.lede_subject, number_start, end) or self._lede_after_ambiguous_name(
                number_start, end
            )
        return self.byline_key

    def _lede_after_ambiguous_name(self, number_start: int, end: int) -> str:
        """When the lede's name is ambiguous ("Frost has not slowed the produce trade in Kashgar. ... exported through
        the Kashi Comprehensive Bonded Zone were worth ..."), the place a later sentence of the lede's paragraph names
        as its subject: what the article goes on to be about."""
        lede = self.lede_subject
        later = self.paragraph_starts[bisect.bisect_right(self.paragraph_starts, lede.start) :]
        # "Rows of cars wait at the yard in Horgos. [next paragraph] Exports through Horgos Port reached ...": when the
        # lede's paragraph names nothing more, the subject that opens the next paragraph is what the article is about
        stop = min(later[1] if len(later) > 1 else len(self.text), number_start)
        for mention in self.mentions[bisect.bisect_right(self.starts, lede.start) :]:
            if mention.start >= stop:
                break
            if (
                mention.is_name
                and mention.is_subject
                and mention.key
                and not mention.in_relative_clause
                and (
                    re.search(r"[.!?]\s", self.text[lede.end : mention.start])
                    if not later or mention.start < later[0]
                    else not re.search(r"[.!?]\s", self.text[later[0] : mention.start])
                )
            ):
                return self._resolved_key(mention, number_start, end)
        return ""

    def _sentence_subject(self, position: int) -> PlaceMention | None:
        """The first usable place of the sentence holding `position`."""
        sentence_start = max(self.text.rfind(". ", 0, position) + 1, self.text.rfind("\n", 0, position) + 1)
        first = bisect.bisect_left(self.starts, sentence_start)
        for mention in self.mentions[first:]:
            if mention.start > position:
                break
            if mention.is_subject and mention.key and not mention.in_relative_clause:
                return mention
        return None


def _namesake_kinds(keys: dict[str, str]) -> dict[str, re.Pattern]:
    """For each name that begins other places' names, the head nouns of those names as one pattern:
    "horgos" -> port|area ("Horgos Port", "Horgos Area (FTZ)"). Names of the same place do not count."""
    names = sorted(keys)
    kinds: dict[str, re.Pattern] = {}
    for name in names:
        heads = set()
        index = bisect.bisect_right(names, name + " ")
        while index < len(names) and names[index].startswith(name + " "):
            longer = names[index]
            words = _PARENTHETICAL_RE.sub(" ", longer).split()
            if keys[longer] != keys[name] and len(words) > len(name.split()):
                heads.add(words[-1].strip(".,;:'’"))
            index += 1
        heads.discard("")
        if heads:
            kinds[name] = re.compile(r"\b(?:" + "|".join(re.escape(head) for head in sorted(heads)) + r")s?\b", re.I)
    return kinds

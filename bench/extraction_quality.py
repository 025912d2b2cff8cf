"""Measure the claim extractor against hand-labelled articles; prints figures, asserts nothing.

Run from the project folder:  .venv/bin/python bench/extraction_quality.py [--libraries] [--mb 5] [--show dev]

* the evaluation set (fixtures/eval/labels.json, the articles written for it, each round labelled before
  the rules were run on it), split into development (ninety-two: e01-e20, e25-e96; rules are changed looking
  at these), test (four: e21-e24, written without running the extractor; the earlier test articles e05-e08
  are development now) and each later round's own split (`round12` ... `round32`, e97-e264), scored the
  first time before any rule is changed for it. A round may be held out as a split, "check", scored
  beside the others and never shown, to say how far a round of tuning carries to new text: e43-e48 were
  one until their figures were recorded (labels.json's "about"), then became development. For each
  split: recall / precision of numbers
  (value+unit+qualifier), and of the numbers found, how often place, metric, period (start and end) and the
  forecast flag are decided right, a right "none" included. `--show dev` lists the development split's
  misses (and `--show round8` a new round's articles while they are kept apart from dev, until they have been
  tuned on); the test and check splits are only ever scored, never shown, so rules are not tuned on them;
* recall / precision of numeric mentions against tests/extraction_labels.json: a label is
  found when a candidate has its value (and upper bound); it is right when value, unit and
  qualifier all match;
* how often the metric, place and period guesses agree with the 52 curated seed claims
  (fixtures/seed.json), for the candidates that match one of them by source, value and unit;
* the time to extract from a text of --mb megabytes (the seed articles repeated);
* with --libraries, the libraries the extractor was compared with (pip install quantulum3
  dateparser): quantulum3's recall/precision and speed on the same labels; dateparser on the
  period phrases of the seed articles; rapidfuzz (a runtime dependency) choosing the metric by
  name similarity instead of the metric rules.
"""

import argparse
import datetime as dt
import inspect
import json
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from curation.extraction.candidates import PlaceIndex, extract_candidates, find_mentions  # noqa: E402

LABELS = BASE_DIR / "tests" / "extraction_labels.json"
EVAL_DIR = BASE_DIR / "fixtures" / "eval"
SEEDS = BASE_DIR / "fixtures" / "seeds"
SEED_JSON = BASE_DIR / "fixtures" / "seed.json"


def load_labels() -> dict[str, list[tuple]]:
    """{file name: [(value, value_max, unit, qualifier), ...]} from the labelled set."""
    articles = json.loads(LABELS.read_text())["articles"]
    return {
        name: [(Decimal(row[1]), Decimal(row[4]) if len(row) > 4 else None, row[2], row[3]) for row in rows]
        for name, rows in articles.items()
    }


def score(predicted: dict[str, list[tuple]], labels: dict[str, list[tuple]]) -> dict[str, float]:
    """Recall of mentions (by value), recall and precision on value+unit+qualifier, as multisets."""
    labelled = found_values = found_exact = predicted_total = correct = 0
    for name, wanted in labels.items():
        got = predicted.get(name, [])
        labelled += len(wanted)
        predicted_total += len(got)
        by_value = Counter((value, value_max) for value, value_max, _, _ in got)
        for value, value_max, _, _ in wanted:
            if by_value[(value, value_max)] > 0:
                by_value[(value, value_max)] -= 1
                found_values += 1
        exact_wanted = Counter(wanted)
        for item in got:
            if exact_wanted[item] > 0:
                exact_wanted[item] -= 1
                correct += 1
        found_exact = correct
    return {
        "labelled": labelled,
        "predicted": predicted_total,
        "mention_recall": found_values / labelled if labelled else 1.0,
        "recall": found_exact / labelled if labelled else 1.0,
        "precision": correct / predicted_total if predicted_total else 1.0,
    }


def extractor_predictions() -> dict[str, list[tuple]]:
    predictions = {}
    for path in sorted(SEEDS.glob("*.txt")):
        mentions, _ = find_mentions(path.read_text())
        predictions[path.name] = [
            (mention.value, mention.value_max, mention.unit, mention.qualifier) for mention in mentions
        ]
    return predictions


_QUANTULUM_UNITS = {
    "chinese yuan": "CNY", "dollar": "USD", "united states dollar": "USD", "percentage": "%", "tonne": "t",
    "ton": "t", "square kilometre": "km2", "kilometre": "km", "hectare": "ha", "hour": "h", "day": "days",
    "month": "months", "year": "years",
}  # fmt: skip


def quantulum_predictions() -> dict[str, list[tuple]]:
    """quantulum3's quantities in the labels' terms (its units mapped, its uncertainty read as a range)."""
    from quantulum3 import parser

    predictions = {}
    for path in sorted(SEEDS.glob("*.txt")):
        rows = []
        for quantity in parser.parse(path.read_text()):
            value = Decimal(str(abs(quantity.value))).normalize()
            unit = _QUANTULUM_UNITS.get(quantity.unit.name, quantity.unit.name)
            if unit == "dimensionless":
                unit = ""
            rows.append((value, None, unit, "exact"))
        predictions[path.name] = rows
    return predictions


def seed_rows() -> dict[str, list[dict]]:
    """The seed fixture's rows by model label."""
    by_model: dict[str, list[dict]] = {}
    for row in json.loads(SEED_JSON.read_text()):
        by_model.setdefault(row["model"], []).append(row)
    return by_model


def seed_place_index(by_model: dict[str, list[dict]]) -> PlaceIndex:
    """The seed places and aliases as the portal indexes them (countries are never guessed)."""
    countries = {row["pk"] for row in by_model["curation.place"] if row["fields"]["kind"] == "country"}
    names = {row["fields"]["name"]: row["pk"] for row in by_model["curation.place"] if row["pk"] not in countries}
    names.update(
        {
            row["fields"]["name"]: row["fields"]["place"]
            for row in by_model["curation.placealias"]
            if row["fields"]["place"] not in countries
        }
    )
    kinds = {str(row["pk"]): row["fields"]["kind"] for row in by_model["curation.place"]}
    national = sorted(countries)
    keywords = {"kinds": kinds, "national_key": str(national[0]) if len(national) == 1 else ""}
    if "kinds" not in inspect.signature(PlaceIndex).parameters:
        keywords = {}  # an older extractor, measured for the baseline
    return PlaceIndex({name: str(pk) for name, pk in names.items()}, **keywords)


def guess_accuracy(misses: list | None = None) -> dict[str, tuple[int, int]]:
    """Agreement of metric, place and period guesses with the curated seed claims."""
    by_model = seed_rows()
    metrics = {row["pk"]: row["fields"] for row in by_model["curation.metric"]}
    places = seed_place_index(by_model)
    codes = {fields["code"] for fields in metrics.values()}
    stock_codes = {fields["code"] for fields in metrics.values() if fields["nature"] == "stock"}
    claims = {row["pk"]: row["fields"] for row in by_model["curation.claim"]}
    primary_source = {
        row["fields"]["claim"]: row["fields"]["source"]
        for row in by_model["curation.citation"]
        if row["fields"]["is_primary"]
    }
    counts = {key: Counter() for key in ("metric", "place", "period_end", "period")}
    matched = 0
    for source in by_model["curation.source"]:
        fields = source["fields"]
        published = dt.date.fromisoformat(fields["published_on"]) if fields["published_on"] else None
        result = extract_candidates(
            fields["body"], published_on=published, places=places, metric_codes=codes, stock_metric_codes=stock_codes
        )
        for pk, claim in claims.items():
            if primary_source.get(pk) != source["pk"]:
                continue
            unit = claim["unit"]
            match = next(
                (c for c in result.candidates if c.value == Decimal(claim["value"]) and c.unit == unit),
                None,
            ) or next((c for c in result.candidates if c.value == Decimal(claim["value"])), None)
            if match is None:
                continue
            matched += 1
            checks = {
                "metric": (match.metric_code, metrics[claim["metric"]]["code"]),
                "place": (match.place_key, str(claim["place"])),
                "period_end": (match.period_end.isoformat() if match.period_end else "", claim["period_end"]),
                "period": (  # both ends; a stock claim's start is empty, so an empty start can be right
                    (match.period_start.isoformat() if match.period_start else None, match.period_end.isoformat())
                    if match.period_end
                    else "",
                    (claim["period_start"], claim["period_end"]),
                ),
            }
            for key, (guess, curated) in checks.items():
                counts[key]["empty" if not guess else "right" if guess == curated else "wrong"] += 1
                if misses is not None and guess and guess != curated:
                    misses.append((source["pk"], claim["value"], claim["unit"], key, guess, curated))
    return {"claims": (matched, len(claims)), **counts}


# Period phrases of the seed articles, with the period end an editor gives them (article dated 2025-11-13).
PERIOD_PHRASES = {
    "in 2025": "2025-12-31", "Since its establishment in November 2023": "2025-11-13",
    "the first eight months of this year": "2025-08-31", "Between January and August": "2025-08-31",
    "the first eight months of 2025": "2025-08-31", "the first three quarters of 2023": "2023-09-30",
    "By September 2025": "2025-09-30", "the first nine months of the year": "2025-09-30",
    "from November 2023 to September 2025": "2025-09-30", "the first nine months of 2025": "2025-09-30",
    "in August 2024": "2024-08-31", "the first 11 months of 2023": "2023-11-30",
    "From 2015 to November 2023": "2023-11-30", "in 2020": "2020-12-31", "in 2022": "2022-12-31",
    "from January to November 2023": "2023-11-30", "in 2013": "2013-12-31", "in 2023": "2023-12-31",
}  # fmt: skip


def dateparser_periods() -> tuple[dict[str, int], int]:
    import dateparser

    from curation.extraction.candidates import find_periods

    published = dt.date(2025, 11, 13)
    settings = {"PREFER_DAY_OF_MONTH": "last", "RELATIVE_BASE": dt.datetime(2025, 11, 13), "PREFER_DATES_FROM": "past"}
    right = Counter()
    for phrase, wanted in PERIOD_PHRASES.items():
        parsed = dateparser.parse(phrase, settings=settings)
        right["dateparser"] += int(parsed is not None and parsed.date().isoformat() == wanted)
        periods = find_periods(phrase, 0, len(phrase), published)
        right["rules"] += int(bool(periods) and periods[0].end is not None and periods[0].end.isoformat() == wanted)
    return right, len(PERIOD_PHRASES)


def rapidfuzz_metrics() -> tuple[int, int]:
    """Pick, among metrics of the claim's unit, the one whose name is most like the quote."""
    from rapidfuzz import fuzz

    rows = json.loads(SEED_JSON.read_text())
    metrics = {row["pk"]: row["fields"] for row in rows if row["model"] == "curation.metric"}
    quotes = {row["fields"]["claim"]: row["fields"]["quote"] for row in rows if row["model"] == "curation.citation"}
    right = total = 0
    for row in rows:
        if row["model"] != "curation.claim":
            continue
        claim = row["fields"]
        unit = "CNY" if claim["unit"] == "USD" else claim["unit"]
        fitting = [pk for pk, metric in metrics.items() if metric["unit"] == unit]
        if not fitting:
            continue
        best = max(fitting, key=lambda pk: fuzz.token_set_ratio(metrics[pk]["name"], quotes[row["pk"]]))
        right += int(best == claim["metric"])
        total += 1
    return right, total


# --------------------------------------------------------------------------------------
# The evaluation set
# --------------------------------------------------------------------------------------
EVAL_FIELDS = ("place", "metric", "period", "forecast")


def load_eval() -> dict:
    """fixtures/eval/labels.json: {"split": {"dev": [...], "test": [...]}, "articles": {file name: {...}}}."""
    return json.loads((EVAL_DIR / "labels.json").read_text())


def seed_vocabulary() -> dict:
    """What the portal knows when it extracts: the seed places (by name) and metrics (codes, stock codes)."""
    by_model = seed_rows()
    metrics = [row["fields"] for row in by_model["curation.metric"]]
    return {
        "places": seed_place_index(by_model),
        "place_names": {str(row["pk"]): row["fields"]["name"] for row in by_model["curation.place"]},
        "metric_codes": {metric["code"] for metric in metrics},
        "stock_metric_codes": {metric["code"] for metric in metrics if metric["nature"] == "stock"},
    }


def label_spans(text: str, claims: list[dict], title: str = "") -> list[tuple[int, int]]:
    """Where each label's printed words stand, searched in text order.

    When the text opens with its headline, the search starts after it, because headline numbers
    are never labelled: a body figure the headline repeats ('plans AED1.5 billion hub') would
    otherwise be looked for in the headline and scored as missed.
    """
    spans, position = [], len(title) if title and text.startswith(title) else 0
    for claim in claims:
        start = text.find(claim["text"], position)
        if start < 0:
            raise ValueError(f"label text {claim['text']!r} not found in order")
        spans.append((start, start + len(claim["text"])))
        position = start
    return spans


def _candidate_fields(candidate, place_names: dict[str, str]) -> dict:
    return {
        "place": place_names.get(candidate.place_key) if candidate.place_key else None,
        "metric": candidate.metric_code or None,
        "period": (
            candidate.period_start.isoformat() if candidate.period_start else None,
            candidate.period_end.isoformat() if candidate.period_end else None,
        ),
        "forecast": bool(getattr(candidate, "is_forecast", False)),
    }


def _label_fields(claim: dict) -> dict:
    return {
        "place": claim["place"],
        "metric": claim["metric"],
        "period": (claim["period_start"], claim["period_end"]),
        "forecast": bool(claim.get("forecast")),
    }


def _extract_article(name: str, article: dict, vocabulary: dict):
    """The extractor run as the portal runs it on a source: its text, publication date and title."""
    text = (EVAL_DIR / name).read_text()
    published = dt.date.fromisoformat(article["published_on"]) if article.get("published_on") else None
    keywords = {
        "published_on": published,
        "places": vocabulary["places"],
        "metric_codes": vocabulary["metric_codes"],
        "stock_metric_codes": vocabulary["stock_metric_codes"],
    }
    if "title" in inspect.signature(extract_candidates).parameters:
        keywords["title"] = article.get("title") or ""
    return text, extract_candidates(text, **keywords)


def eval_split(split: str, *, data: dict | None = None, vocabulary: dict | None = None) -> dict:
    """Figures for one split, and the misses (label, candidate or None, wrong field names)."""
    data = data or load_eval()
    vocabulary = vocabulary or seed_vocabulary()
    figures = Counter()
    misses = []
    for name in data["split"][split]:
        article = data["articles"][name]
        text, result = _extract_article(name, article, vocabulary)
        claims = article["claims"]
        candidates = list(result.candidates)
        figures["labelled"] += len(claims)
        figures["predicted"] += len(candidates)
        used: set[int] = set()
        for claim, (start, end) in zip(claims, label_spans(text, claims, article.get("title") or ""), strict=True):
            value = Decimal(claim["value"])
            value_max = Decimal(claim["value_max"]) if claim["value_max"] else None
            match = next(
                (
                    index
                    for index, candidate in enumerate(candidates)
                    if index not in used
                    and start <= candidate.mention.number_start < end
                    and candidate.value == value
                    and candidate.value_max == value_max
                ),
                None,
            )
            if match is None:
                misses.append((name, claim, None, ["number"]))
                continue
            used.add(match)
            candidate = candidates[match]
            figures["found"] += 1
            wrong = []
            if (candidate.unit, candidate.qualifier) == (claim["unit"], claim["qualifier"]):
                figures["exact"] += 1
            else:
                wrong.append("unit/qualifier")
            got, wanted = _candidate_fields(candidate, vocabulary["place_names"]), _label_fields(claim)
            for key in EVAL_FIELDS:
                if got[key] == wanted[key]:
                    figures[f"{key}_right"] += 1
                else:
                    wrong.append(key)
            if wrong:
                misses.append((name, claim, candidate, wrong))
        for index, candidate in enumerate(candidates):
            if index not in used:
                misses.append((name, None, candidate, ["extra"]))
    return {"figures": figures, "misses": misses}


def _percent(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def print_eval(split: str, outcome: dict) -> None:
    figures = outcome["figures"]
    labelled, predicted, found = figures["labelled"], figures["predicted"], figures["found"]
    print(
        f"eval {split:5}  labelled {labelled}  predicted {predicted}  found {found}   "
        f"numbers recall {_percent(figures['exact'], labelled)}   precision {_percent(figures['exact'], predicted)}"
        " (value+unit+qualifier)"
    )
    print(
        "  of the numbers found, decided right (a right none included):   "
        + "   ".join(f"{key} {_percent(figures[f'{key}_right'], found)}" for key in EVAL_FIELDS)
    )


def print_misses(outcome: dict, place_names: dict[str, str]) -> None:
    for name, claim, candidate, wrong in outcome["misses"]:
        if claim is None:
            print(f"  {name}: extra {candidate.value} {candidate.unit} in {candidate.quote[:70]!r}")
            continue
        print(f"  {name}: {claim['text']!r} wrong {', '.join(wrong)}")
        wanted = _label_fields(claim)
        wanted["number"] = (claim["value"], claim["unit"], claim["qualifier"])
        got = _candidate_fields(candidate, place_names) if candidate else {}
        if candidate:
            got["number"] = (str(candidate.value), candidate.unit, candidate.qualifier)
        for key in wrong:
            if key in ("number", "unit/qualifier"):
                key = "number"
            print(f"      {key}: wanted {wanted.get(key)}  got {got.get(key)}")


# Splits whose misses are never listed: rules are not tuned on them.
NEVER_SHOWN = ("test", "check")


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--libraries", action="store_true", help="also measure quantulum3, dateparser, rapidfuzz")
    arguments.add_argument("--mb", type=float, default=5.0, help="size of the timed text in megabytes")
    arguments.add_argument(
        "--show",
        help="list the misses of a development split (dev, or a new round's, such as round8) or of the seeds; "
        "never of the test or check split",
    )
    arguments.add_argument(
        "--splits", help="which splits to score, e.g. dev (alone while changing rules); all of labels.json's by default"
    )
    options = arguments.parse_args()
    if options.show in NEVER_SHOWN:
        arguments.error(f"the {options.show} split is only ever scored, never shown, so rules are not tuned on it")

    data, vocabulary = load_eval(), seed_vocabulary()
    for split in options.splits.split(",") if options.splits else data["split"]:
        outcome = eval_split(split, data=data, vocabulary=vocabulary)
        print_eval(split, outcome)
        if options.show == split:
            print_misses(outcome, vocabulary["place_names"])

    labels = load_labels()
    figures, seconds = timed(lambda: score(extractor_predictions(), labels))
    print(f"extractor  labelled {figures['labelled']}  predicted {figures['predicted']}")
    print(
        f"  mention recall {figures['mention_recall']:.1%}   recall {figures['recall']:.1%}   "
        f"precision {figures['precision']:.1%} (value+unit+qualifier)   {seconds:.2f} s for 5 articles"
    )
    seed_misses: list = []
    accuracy = guess_accuracy(seed_misses)
    matched, total = accuracy.pop("claims")
    print(f"  guesses against the curated seed claims ({matched} of {total} found among the candidates):")
    for key, count in accuracy.items():
        print(f"    {key:11} right {count['right']:2}   wrong {count['wrong']:2}   left empty {count['empty']:2}")
    if options.show == "seeds":
        for miss in seed_misses:
            print("     source {} {} {}: {} guessed {} curated {}".format(*miss))

    corpus = "\n\n".join(path.read_text() for path in sorted(SEEDS.glob("*.txt")))
    big = corpus * int(options.mb * 1_000_000 / len(corpus) + 1)
    result, seconds = timed(lambda: extract_candidates(big))
    print(f"  {len(big) / 1e6:.1f} MB text: {len(result.candidates)} candidates in {seconds:.1f} s")

    if options.libraries:
        import warnings

        warnings.simplefilter("ignore")
        right, total = dateparser_periods()
        print(f"dateparser period ends right {right['dateparser']}/{total}", end="   ")
        print(f"(extractor rules {right['rules']}/{total})")
        right, total = rapidfuzz_metrics()
        print(f"rapidfuzz metric by name similarity right {right}/{total}")
        figures, seconds = timed(lambda: score(quantulum_predictions(), labels))
        print(f"quantulum3 labelled {figures['labelled']}  predicted {figures['predicted']}")
        print(
            f"  mention recall {figures['mention_recall']:.1%}   recall {figures['recall']:.1%}   "
            f"precision {figures['precision']:.1%}   {seconds:.2f} s for 5 articles "
            f"(~{seconds / len(corpus) * 5e6 / 60:.0f} min for 5 MB at that rate)"
        )


if __name__ == "__main__":
    main()

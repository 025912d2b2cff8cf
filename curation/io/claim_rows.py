"""A claims file's columns and rows: every name a file may use loaded once, a claim's natural
key, and reading one row into claim values or into the problems that stop it, by column.

No django-import-export here: `curation.io.claim_import` calls these from the resource's hooks.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS

from curation.io import parsing
from curation.io.tabular import Columns
from curation.models import CLAIM_FIGURE_FIELDS, Citation, Claim, Metric, Place, PlaceAlias, Source
from curation.text.quotes import QuoteSpan, locate_quote, normalise

CLAIM_COLUMNS = Columns(
    required=("source", "place", "metric", "value", "unit", "period_start", "period_end", "quote"),
    optional=("qualifier", "value_max", "period_label", "attribution", "notes"),
    # Written by exports and releases for readers; an import ignores them (it never sets a status).
    ignored=("id", "status", "rank"),
)
CLAIM_EXPORT_ORDER = (
    "id",
    "source",
    "place",
    "metric",
    *CLAIM_FIGURE_FIELDS,
    "quote",
    "attribution",
    "notes",
    "status",
    "rank",
)
# The claim columns a re-import may change on a draft claim (the rest form its natural key).
CLAIM_UPDATABLE_FIELDS = ("value", "value_max", "qualifier", "period_label", "attribution", "notes")
# The preview shows what a row states, without the columns an import ignores.
CLAIM_PREVIEW_COLUMNS = tuple(column for column in CLAIM_EXPORT_ORDER if column not in {"id", "status", "rank"})
CLAIM_BATCH_SIZE = 2000
NUMERIC_EXPORT_COLUMNS = ("id", "value", "value_max")
CLAIM_EXPORTED_COLUMNS = ("id", *CLAIM_FIGURE_FIELDS, "attribution", "notes", "status", "rank")
CLAIM_VALIDATED_FIELDS = ("value", "value_max", "unit", "period_label", "attribution")
# Read once: the enum builds the list anew on every access.
QUALIFIER_CHOICES = tuple(Claim.Qualifier.choices)


@dataclass(frozen=True)
class ExistingClaim:
    pk: int
    status: str
    compared: tuple


@dataclass
class ParsedClaim:
    """One row read into claim values, or the problems that stop it, by column."""

    values: dict = field(default_factory=dict)
    source_id: int | None = None
    quote: str = ""
    span: QuoteSpan | None = None
    key: tuple | None = None
    errors: dict = field(default_factory=dict)


def claim_key(*, source_id, place_id, metric_id, period_start, period_end, unit, quote, normalised_quote=None) -> tuple:
    """The natural key that decides a claim's identity: source, place, metric, period, quote and unit.

    The unit belongs to the key because one sentence can state a figure and its conversion
    ("93.16 billion yuan ($13.36 billion)"): two claims, same quote, different units.
    """
    return (source_id, place_id, metric_id, period_start, period_end, unit, normalised_quote or normalise(quote))


def comparable_text(value: str) -> str:
    """Text as a file carries it: line breaks as LF and no outer spacing. The admin's text box
    stores Windows line breaks, an XLSX cell keeps only LF and the import strips cells, so an
    export re-imports as no change in every format."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def compared_values(values: dict) -> tuple:
    """The updatable columns of a row or a stored claim, as an import compares them."""
    return tuple(
        comparable_text(value) if isinstance(value, str) else value
        for value in (values.get(name) for name in CLAIM_UPDATABLE_FIELDS)
    )


def locate_quote_fast(quote: str, body: str, *, normalised_quote: str | None = None) -> QuoteSpan | None:
    """Where the quote stands; a verbatim match is found without normalising the whole text."""
    position = body.find(quote)
    if normalised_quote is None:
        normalised_quote = normalise(quote)
    if position >= 0 and normalised_quote == quote:
        return QuoteSpan(start=position, end=position + len(quote))
    return locate_quote(quote, body)


class ClaimLookups:
    """Every name a claims file may use, loaded once; the existing claims' keys, per batch of rows."""

    def __init__(self, *, source_names: set[str]):
        self.source_by_url: dict[str, int] = {}
        self.sources_by_title: dict[str, list[int]] = defaultdict(list)
        self.source_titles: dict[int, str] = {}
        for pk, url, title in Source.objects.values_list("pk", "url", "title").iterator(chunk_size=5000):
            if url:
                self.source_by_url[url] = pk
            self.sources_by_title[title.strip().lower()].append(pk)
            self.source_titles[pk] = title
        self.bodies: dict[int, str] = {}
        self.load_bodies(source_names)

        self.place_by_name: dict[str, int] = {}
        for pk, name in Place.objects.values_list("pk", "name"):
            self.place_by_name[name.strip().lower()] = pk
        for place_id, name in PlaceAlias.objects.values_list("place_id", "name"):
            self.place_by_name.setdefault(name.strip().lower(), place_id)
        self.place_names = list(Place.objects.values_list("name", flat=True)) + list(
            PlaceAlias.objects.values_list("name", flat=True)
        )
        self.metric_by_code: dict[str, Metric] = {metric.code: metric for metric in Metric.objects.all()}

        # The existing claims a file could repeat, by natural key: read per batch of rows (load_claims).
        self.claims: dict[tuple, ExistingClaim] = {}

    def load_claims(self, *, source_ids: set[int], period_ends: set) -> None:
        """Read the existing claims that rows with these sources and period ends could repeat: one query.

        Only the claims of the batch's sources whose period ends within the batch's, so the cost
        follows the batch, not the table (a row's key holds its source and period end).
        """
        if not source_ids or not period_ends:
            return
        primary_citations = Citation.objects.filter(
            is_primary=True,
            source_id__in_ids=source_ids,
            claim__period_end__range=(min(period_ends), max(period_ends)),
        ).values_list(
            "claim_id",
            "source_id",
            "claim__place_id",
            "claim__metric_id",
            "claim__period_start",
            "claim__period_end",
            "claim__unit",
            "quote",
            "claim__status",
            *(f"claim__{name}" for name in CLAIM_UPDATABLE_FIELDS),
        )
        for row in primary_citations.iterator(chunk_size=5000):
            claim_id, source_id, place_id, metric_id, start, end, unit, quote, status, *compared = row
            key = claim_key(
                source_id=source_id,
                place_id=place_id,
                metric_id=metric_id,
                period_start=start,
                period_end=end,
                unit=unit,
                quote=quote,
            )
            stored = dict(zip(CLAIM_UPDATABLE_FIELDS, compared, strict=True))
            self.claims[key] = ExistingClaim(pk=claim_id, status=status, compared=compared_values(stored))

    def source_ids(self, names: set[str]) -> set[int]:
        """The sources these names (URLs or titles) may give."""
        found = {self.source_by_url[name] for name in names if name in self.source_by_url}
        for name in names:
            found.update(self.sources_by_title.get(name.lower(), ()))
        return found

    def load_bodies(self, source_names: set[str]) -> None:
        """Load the texts of the sources these names give, those not loaded yet."""
        wanted_ids = self.source_ids(source_names) - self.bodies.keys()
        if wanted_ids:
            self.bodies.update(Source.objects.filter(pk__in_ids=wanted_ids).values_list("pk", "body"))

    def source_id(self, name: str) -> int:
        if name in self.source_by_url:
            return self.source_by_url[name]
        matches = self.sources_by_title.get(name.lower(), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise parsing.CellError(f"{len(matches)} sources have the title '{name}'; give the source's URL instead.")
        candidates = list(self.source_by_url) + list(self.source_titles.values())
        raise parsing.CellError(parsing.unknown_message(name, "source (URL or title)", candidates))

    def place_id(self, name: str) -> int:
        found = self.place_by_name.get(name.lower())
        if found is None:
            raise parsing.CellError(parsing.unknown_message(name, "place or alias", self.place_names))
        return found

    def metric(self, code: str) -> Metric:
        found = self.metric_by_code.get(code) or self.metric_by_code.get(code.lower())
        if found is None:
            raise parsing.CellError(parsing.unknown_message(code, "metric code", list(self.metric_by_code)))
        return found


def parse_claim_row(row, *, row_number: int, lookups: ClaimLookups, rows_by_key: dict[tuple, int]) -> ParsedClaim:
    """Read one row by the rules of curation.io.parsing: the claim's values, or what is wrong, by column.

    `rows_by_key` remembers the file's earlier rows by natural key, so a repeated row is named.
    """
    parsed = ParsedClaim()
    errors = parsed.errors
    values = parsed.values

    def read(column, reader, *, required=False, **options):
        raw = row.get(column)
        try:
            value = reader(raw, **options)
        except parsing.CellError as error:
            errors[column] = str(error)
            return None
        if required and value in (None, ""):
            errors[column] = "is empty; this column is required." if parsing.is_empty(raw) else "is required."
        return value

    def look_up(column, lookup):
        # A name the file must give and the portal must know; None (with the error) otherwise.
        name = read(column, parsing.text, required=True)
        if not name:
            return None
        try:
            return lookup(name)
        except parsing.CellError as error:
            errors[column] = str(error)
            return None

    parsed.source_id = look_up("source", lookups.source_id)
    values["place_id"] = look_up("place", lookups.place_id)
    values["metric"] = look_up("metric", lookups.metric)
    values["value"] = read("value", parsing.parse_number, required=True)
    values["value_max"] = read("value_max", parsing.parse_number)
    values["unit"] = read("unit", parsing.text, required=True) or ""
    qualifier = read("qualifier", parsing.parse_choice, choices=QUALIFIER_CHOICES, what="qualifier")
    values["qualifier"] = qualifier or Claim.Qualifier.EXACT
    values["period_start"] = read("period_start", parsing.parse_date, period_end=False)
    values["period_end"] = read("period_end", parsing.parse_date, period_end=True, required=True)
    for column in ("period_label", "attribution", "notes"):
        values[column] = read(column, parsing.text) or ""
    parsed.quote = read("quote", parsing.text, required=True) or ""

    normalised_quote = normalise(parsed.quote)
    if parsed.source_id and parsed.quote and "quote" not in errors:
        parsed.span = locate_quote_fast(
            parsed.quote, lookups.bodies[parsed.source_id], normalised_quote=normalised_quote
        )
        if parsed.span is None:
            title = lookups.source_titles[parsed.source_id]
            errors["quote"] = f"is not in the text of the source '{title}' (checked ignoring spacing and quote marks)."

    if not errors:
        parsed.key = claim_key(
            source_id=parsed.source_id,
            place_id=values["place_id"],
            metric_id=values["metric"].pk,
            period_start=values["period_start"],
            period_end=values["period_end"],
            unit=values["unit"],
            quote=parsed.quote,
            normalised_quote=normalised_quote,
        )
        earlier = rows_by_key.get(parsed.key)
        if earlier is not None:
            errors[NON_FIELD_ERRORS] = (
                f"repeats row {earlier} (same source, place, metric, period, unit and quote); remove one of them."
            )
        else:
            rows_by_key[parsed.key] = row_number
    return parsed

"""The database side of the extraction assistant: what the extractor needs to know, and accepting.

Reads: the portal's place names and aliases and its metrics, loaded once per run, and which
candidates of a source are already curated (a claim citing that source whose verified quote
covers the number, with the same value or unit). Writes: `candidates_accept` turns the
editor's corrected candidates into draft claims, each with its primary citation, in one
transaction, through `services.claim_save`.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from curation import services
from curation.extraction.candidates import MEASUREMENT_UNITS, Candidate, PlaceIndex, Unparsed, extract_candidates
from curation.models import Citation, Claim, Metric, Place, PlaceAlias, Source
from curation.text.quotes import locate_quote


@dataclass(frozen=True)
class Vocabulary:
    """Places by name and alias, metrics by code: what guesses are made from."""

    places: dict[int, Place]
    place_index: PlaceIndex
    metrics_by_code: dict[str, Metric]

    @classmethod
    def load(cls) -> "Vocabulary":
        places = {place.pk: place for place in Place.objects.all()}
        # A country is named in nearly every article as a setting ("China's largest land port"),
        # seldom as the subject of a figure, so countries are never guessed.
        guessable = {pk for pk, place in places.items() if place.kind != Place.Kind.COUNTRY}
        names = {place.name: str(pk) for pk, place in places.items() if pk in guessable}
        names.update(
            {alias.name: str(alias.place_id) for alias in PlaceAlias.objects.all() if alias.place_id in guessable}
        )
        countries = [pk for pk, place in places.items() if place.kind == Place.Kind.COUNTRY]
        return cls(
            places=places,
            # A country is no guess from its name, but it is the place of a nationwide figure
            # ("over 100 comprehensive bonded zones nationwide"), when the portal has exactly one.
            place_index=PlaceIndex(
                names,
                kinds={str(pk): place.kind for pk, place in places.items()},
                national_key=str(countries[0]) if len(countries) == 1 else "",
            ),
            metrics_by_code={metric.code: metric for metric in Metric.objects.all()},
        )


@dataclass
class SourceCandidate:
    """A candidate of one source with its guesses as portal rows, and the claim that already curates it."""

    key: int
    candidate: Candidate
    place: Place | None
    metric: Metric | None
    curated_claim: Claim | None

    @property
    def is_curated(self) -> bool:
        return self.curated_claim is not None

    @property
    def claim_unit(self) -> str:
        """The candidate's unit, or the metric's when the text only names what it counts ('businesses')."""
        unit = self.candidate.unit
        if self.metric is not None and (not unit or unit not in MEASUREMENT_UNITS):
            return self.metric.unit
        return unit

    @property
    def period_label(self) -> str:
        """The period as the text words it; a plan or forecast says so, since the claim has no other mark of it."""
        label = self.candidate.period_label
        if self.candidate.is_forecast:
            return f"forecast: {label}" if label else "forecast"
        return label

    @property
    def missing_fields(self) -> list[str]:
        """What a draft claim needs and was not guessed: the only fields the editor must fill in.
        A flow (a count over a period) needs the period's start as well as its end."""
        candidate = self.candidate
        missing = [
            name
            for name, present in (
                ("place", self.place is not None),
                ("metric", self.metric is not None),
                ("unit", bool(self.claim_unit)),
                ("period_end", candidate.period_end is not None),
            )
            if not present
        ]
        if candidate.period_start is None and self.metric is not None and self.metric.nature == Metric.Nature.FLOW:
            missing.insert(len(missing) - ("period_end" in missing), "period_start")
        return missing

    @property
    def is_complete(self) -> bool:
        """Everything a draft claim needs has been guessed."""
        return not self.missing_fields


def source_candidates(
    *, source: Source, vocabulary: Vocabulary | None = None
) -> tuple[list[SourceCandidate], list[Unparsed]]:
    """The candidate claims in a source's text, each marked when a claim already curates it."""
    vocabulary = vocabulary or Vocabulary.load()
    metrics = vocabulary.metrics_by_code
    result = extract_candidates(
        source.body,
        published_on=source.published_on,
        places=vocabulary.place_index,
        metric_codes=set(metrics),
        stock_metric_codes={code for code, metric in metrics.items() if metric.nature == Metric.Nature.STOCK},
        title=source.title,
    )
    citations = list(
        Citation.objects.filter(source=source, quote_start__isnull=False).select_related("claim").order_by("pk")
    )
    rows = []
    for key, candidate in enumerate(result.candidates):
        mention = candidate.mention
        curated = next(
            (
                citation.claim
                for citation in citations
                if citation.quote_start <= mention.number_start
                and mention.number_end <= citation.quote_end
                and (citation.claim.value == candidate.value or citation.claim.unit == candidate.unit)
            ),
            None,
        )
        rows.append(
            SourceCandidate(
                key=key,
                candidate=candidate,
                place=vocabulary.places.get(int(candidate.place_key)) if candidate.place_key else None,
                metric=metrics.get(candidate.metric_code),
                curated_claim=curated,
            )
        )
    return rows, result.unparsed


@dataclass(frozen=True)
class CandidateDraft:
    """A candidate as the editor accepts it, after corrections."""

    key: int
    place: Place
    metric: Metric
    value: Decimal
    unit: str
    quote: str
    period_end: object
    qualifier: str = Claim.Qualifier.EXACT
    value_max: Decimal | None = None
    period_start: object = None
    period_label: str = ""
    conversion_of_key: int | None = None
    conversion_of_claim: Claim | None = None  # when the original is already curated


@transaction.atomic
def candidates_accept(
    *, source: Source, drafts: list[CandidateDraft], user: AbstractBaseUser | None
) -> tuple[list[Claim], list[CandidateDraft]]:
    """Create a draft claim with its primary citation for each draft; all or none.

    A draft whose quote, value and unit a claim citing this source already has is skipped,
    so accepting twice does not duplicate. Conversions are linked to their original, whether
    it is accepted in the same batch or already curated. Returns (created claims, skipped).
    """
    created: dict[int, Claim] = {}
    skipped: list[CandidateDraft] = []
    # Originals first, so that a conversion can point at the claim made from its original.
    for draft in sorted(drafts, key=lambda draft: (draft.conversion_of_key is not None, draft.key)):
        label = f"Candidate {draft.key + 1} ({draft.quote[:60]})"
        if locate_quote(draft.quote, source.body) is None:
            raise ValidationError(f"{label}: the quote is not in the source text.")
        duplicate = Citation.objects.filter(
            source=source, quote=draft.quote, claim__value=draft.value, claim__unit=draft.unit
        ).exists()
        if duplicate:
            skipped.append(draft)
            continue
        claim = Claim(
            place=draft.place,
            metric=draft.metric,
            value=draft.value,
            value_max=draft.value_max,
            unit=draft.unit,
            qualifier=draft.qualifier,
            period_start=draft.period_start,
            period_end=draft.period_end,
            period_label=draft.period_label[:200],
            status=Claim.Status.DRAFT,
            conversion_of=created.get(draft.conversion_of_key) or draft.conversion_of_claim,
        )
        try:
            claim.full_clean(exclude=["created_by", "updated_by", "reviewed_by"])
        except ValidationError as error:
            raise ValidationError(f"{label}: {'; '.join(error.messages)}") from error
        # Saved with its citation, so the rules run knowing the article that states it.
        citation = Citation(source=source, quote=draft.quote, is_primary=True)
        services.claim_save(claim=claim, user=user, citations=[citation])
        created[draft.key] = claim
    return list(created.values()), skipped


def draft_from_candidate(row: SourceCandidate, *, conversion_of_claim: Claim | None = None) -> CandidateDraft:
    """The draft a complete candidate makes as it stands, with no correction."""
    candidate = row.candidate
    return CandidateDraft(
        key=row.key,
        place=row.place,
        metric=row.metric,
        value=candidate.value,
        value_max=candidate.value_max,
        unit=row.claim_unit,
        qualifier=candidate.qualifier,
        quote=candidate.quote,
        period_start=candidate.period_start,
        period_end=candidate.period_end,
        period_label=row.period_label,
        conversion_of_key=candidate.conversion_of,
        conversion_of_claim=conversion_of_claim,
    )


def _selected_sources(source_ids):
    """Every source, or those ids; an unknown id is refused by name."""
    sources = Source.objects.order_by("pk")
    if source_ids:
        sources = sources.filter(pk__in=source_ids)
        missing = set(source_ids) - set(sources.values_list("pk", flat=True))
        if missing:
            raise ValidationError(f"No source with id {', '.join(map(str, sorted(missing)))}.")
    return sources


EXTRACTION_COUNTS = ("candidates", "curated", "new", "complete", "unparsed", "created")


@dataclass(frozen=True)
class SourceExtraction:
    source: Source
    counts: dict
    refusal: str = ""


def extract_sources(*, source_ids=None, accept: bool = False, user=None, progress=None):
    """Read candidates from every source (or those ids), counting them; with accept, create the complete ones.

    Returns the totals and one SourceExtraction per source. `progress` (curation.jobs.progress)
    advances once per source. A source whose drafts are refused creates nothing; the others go on.
    """
    sources = _selected_sources(source_ids)
    if progress is not None:
        progress.begin(total=sources.count(), phase="Reading sources")
    vocabulary = Vocabulary.load()
    totals = dict.fromkeys(EXTRACTION_COUNTS, 0)
    per_source = []
    for source in sources.iterator(chunk_size=200):
        rows, unparsed = source_candidates(source=source, vocabulary=vocabulary)
        new = [row for row in rows if not row.is_curated]
        complete = [row for row in new if row.is_complete]
        counts = {
            "candidates": len(rows),
            "curated": len(rows) - len(new),
            "new": len(new),
            "complete": len(complete),
            "unparsed": len(unparsed),
            "created": 0,
        }
        refusal = ""
        if accept and complete:
            by_key = {row.key: row for row in rows}
            drafts = []
            for row in complete:
                original = by_key.get(row.candidate.conversion_of)
                drafts.append(
                    draft_from_candidate(row, conversion_of_claim=original.curated_claim if original else None)
                )
            try:
                created, _ = candidates_accept(source=source, drafts=drafts, user=user)
            except ValidationError as error:
                refusal = "; ".join(error.messages)
            else:
                counts["created"] = len(created)
        for key, value in counts.items():
            totals[key] += value
        per_source.append(SourceExtraction(source=source, counts=counts, refusal=refusal))
        if progress is not None:
            progress.advance()
    return totals, per_source
def _json_number(value: Decimal | None) -> int | float | None:
    """A Decimal as the JSON number that prints it: whole values as integers, others by their shortest text."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(str(value.normalize()))


def candidate_record(row: SourceCandidate, *, source: Source) -> dict:
    """One candidate as plain data for pipelines: what was read, the guesses (place name, metric code),
    the quote and where the number stands in the source text."""
    candidate = row.candidate
    return {
        "source": source.pk,
        "value": _json_number(candidate.value),
        "value_max": _json_number(candidate.value_max),
        "unit": candidate.unit,
        "qualifier": candidate.qualifier,
        "place": row.place.name if row.place else None,
        "metric": row.metric.code if row.metric else None,
        "period_start": candidate.period_start.isoformat() if candidate.period_start else None,
        "period_end": candidate.period_end.isoformat() if candidate.period_end else None,
        "forecast": candidate.is_forecast,
        "conversion_of": candidate.conversion_of,
        "quote": candidate.quote,
        "start": candidate.mention.number_start,
        "end": candidate.mention.number_end,
        "curated_claim": row.curated_claim.pk if row.curated_claim else None,
    }


def candidate_records(*, source_ids=None) -> list[dict]:
    """Every candidate of every source (or those ids) as plain data, in source and text order."""
    sources = _selected_sources(source_ids)
    vocabulary = Vocabulary.load()
    records = []
    for source in sources.iterator(chunk_size=200):
        rows, _ = source_candidates(source=source, vocabulary=vocabulary)
        records.extend(candidate_record(row, source=source) for row in rows)
    return records

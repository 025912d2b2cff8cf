"""The curation data model and the invariants the database itself holds.

Rules that need more than one row (workflow transitions, contradiction detection) live in
services and rule modules, not here. A row's own derived columns (a source's content hash, a
citation's quote position) are kept in step by its save(); nothing else is written there.
"""

import hashlib
from decimal import Decimal

from concurrency.fields import AutoIncVersionField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Lower
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from curation.contradictions.rules import place_name_key
from curation.text.formatting import format_claim_value
from curation.text.quotes import locate_quote

# SQLite keeps a DecimalField as an 8-byte float: a value survives the round trip exactly
# only if it has at most 15 significant digits. The column is wide enough for trillions
# with six decimals; the validator keeps every value inside what both databases return
# unchanged.
VALUE_MAX_DIGITS = 28
VALUE_DECIMAL_PLACES = 6
VALUE_MAX_SIGNIFICANT_DIGITS = 15


def validate_value_precision(value: Decimal) -> None:
    """Reject values that SQLite could not store exactly (more than 15 significant digits)."""
    if value is None:
        return
    if not value.is_finite():
        raise ValidationError("The value must be a finite number.", code="not_finite")
    digits = value.normalize().as_tuple().digits
    significant = len(digits) if any(digits) else 1
    if significant > VALUE_MAX_SIGNIFICANT_DIGITS:
        raise ValidationError(
            f"%(value)s has {significant} significant digits; at most {VALUE_MAX_SIGNIFICANT_DIGITS} are kept exactly.",
            code="too_precise",
            params={"value": value},
        )


def body_content_hash(body: str) -> str:
    """SHA-256 of an article text, ignoring line-ending style and surrounding blank space."""
    canonical = body.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class Outlet(models.Model):
    class Kind(models.TextChoices):
        STATE_MEDIA = "state_media", "State media"
        WIRE_AGENCY = "wire_agency", "Wire agency"
        REGIONAL_MEDIA = "regional_media", "Regional media"
        OFFICIAL_BODY = "official_body", "Official body"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.OTHER)
    website = models.URLField(blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SourceQuerySet(models.QuerySet):
    def with_claim_counts(self):
        """Each source's number of citing claims, read from its kept count (`SourceClaimCount`)."""
        return self.annotate(
            claim_count=models.functions.Coalesce(models.F("claim_tally__claims"), models.Value(0))
        )


class Source(models.Model):
    class Reliability(models.TextChoices):
        A = "A", "A: official record or primary data"
        B = "B", "B: established outlet, figures attributed"
        C = "C", "C: secondary, figures unattributed"
        D = "D", "D: doubtful"
        UNRATED = "U", "Unrated"

    title = models.CharField(max_length=500)
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="sources")
    url = models.URLField(max_length=1000, null=True, blank=True, unique=True, verbose_name="URL")
    published_on = models.DateField(null=True, blank=True, help_text="Leave empty when the article does not say.")
    body = models.TextField(help_text="The full article text, exactly as published. Quotes are checked against it.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    retrieved_on = models.DateField(default=timezone.localdate)
    reliability = models.CharField(max_length=1, choices=Reliability.choices, default=Reliability.UNRATED)
    is_ai_assisted = models.BooleanField(
        default=False, verbose_name="AI-assisted", help_text="The article declares AI-assisted content."
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Optimistic concurrency (django-concurrency): every save checks and moves on the version, so
    # a save from a page loaded before someone else's save is refused instead of undoing it.
    version = AutoIncVersionField(help_text="Moves on with every save; a stale edit is refused.")
    history = HistoricalRecords()
    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "title"]
        permissions = [
            ("import_source", "Can import sources from files"),
            ("export_source", "Can export sources to files"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="source_body_not_empty"),
            models.CheckConstraint(condition=~Q(url=""), name="source_url_null_not_blank"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The hash is this row's own derived column, so it is kept in step here.
        if self.url == "":
            self.url = None
        self.content_hash = body_content_hash(self.body)
        super().save(*args, **kwargs)

    def clean(self):
        if self.url == "":
            self.url = None
        if self.body:
            duplicate = Source.objects.filter(content_hash=body_content_hash(self.body)).exclude(pk=self.pk)
            if duplicate.exists():
                raise ValidationError({"body": f"This text is already stored as source #{duplicate.first().pk}."})

    @property
    def link_url(self) -> str | None:
        """The URL when it is a web address, to link to; anything else (a javascript: URL) is not linked."""
        if self.url and self.url.lower().startswith(("http://", "https://")):
            return self.url
        return None


class NameKeyQuerySet(models.QuerySet):
    """bulk_create fills `name_key` as a save does (bulk writes send no signals)."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for obj in objs:
            obj.name_key = place_name_key(obj.name)
        return super().bulk_create(objs, *args, **kwargs)


class PlaceQuerySet(NameKeyQuerySet):
    def resolve(self, name: str) -> "Place | None":
        """The place whose name or alias is `name`, ignoring case and surrounding space."""
        wanted = (name or "").strip()
        if not wanted:
            return None
        place = self.filter(name__iexact=wanted).first()
        if place is None:
            place = self.filter(aliases__name__iexact=wanted).first()
        return place


class Place(models.Model):
    class Kind(models.TextChoices):
        ZONE = "zone", "Free trade zone"
        FTZ_AREA = "ftz_area", "FTZ area"
        PREFECTURE = "prefecture", "Prefecture"
        REGION = "region", "Region"
        PORT = "port", "Port"
        BONDED_ZONE = "bonded_zone", "Bonded zone"
        CITY = "city", "City"
        COUNTRY = "country", "Country"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    area_km2 = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True, verbose_name="area (km²)")
    description = models.TextField(blank=True)
    part_of = models.ManyToManyField(
        "self",
        through="PlaceLink",
        through_fields=("part", "whole"),
        symmetrical=False,
        related_name="parts",
        blank=True,
        help_text="Places this one lies inside or belongs to. A place may have several.",
    )

    # The name's distinctive words (`rules.place_name_key`), kept by `_keep_name_key` and bulk_create:
    # alike-named places are found with an index instead of a scan of every name.
    name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        permissions = [
            ("import_place", "Can import places from files"),
            ("export_place", "Can export places to files"),
        ]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="place_name_unique_ignoring_case"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class PlaceLink(models.Model):
    """One edge of the part-of graph: `part` lies inside or belongs to `whole`."""

    part = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="links_up")
    whole = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="links_down")

    class Meta:
        verbose_name = "part-of link"
        constraints = [
            models.UniqueConstraint(fields=["part", "whole"], name="place_link_unique_pair"),
            models.CheckConstraint(condition=~Q(part=F("whole")), name="place_link_not_self"),
        ]

    def __str__(self):
        return f"{self.part_id} part of {self.whole_id}"


class PlaceAlias(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="Another spelling or name, e.g. Kashi for Kashgar.")
    name_key = models.CharField(max_length=200, blank=True, editable=False, db_index=True)

    objects = NameKeyQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "place aliases"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="place_alias_unique_ignoring_case"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        clash = Place.objects.filter(name__iexact=self.name.strip())
        if self.place_id:
            clash = clash.exclude(pk=self.place_id)
        if clash.exists():
            raise ValidationError({"name": f"'{self.name}' is already the name of another place."})


@receiver(pre_save, sender=Place)
@receiver(pre_save, sender=PlaceAlias)
def _keep_name_key(sender, instance, **kwargs):
    """A place's or alias's name key follows its name on every save, fixtures (raw saves) included."""
    instance.name_key = place_name_key(instance.name or "")


class Metric(models.Model):
    class Nature(models.TextChoices):
        STOCK = "stock", "Stock (level at a date)"
        FLOW = "flow", "Flow (summed over a period)"
        RATE = "rate", "Rate or percentage"

    code = models.SlugField(max_length=64, unique=True, help_text="Short stable key, e.g. trade_value.")
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=32, help_text="Default unit, e.g. CNY, enterprises, t, %.")
    nature = models.CharField(max_length=8, choices=Nature.choices)
    is_additive = models.BooleanField(
        default=True, help_text="Values for parts add up to the value for the whole (false for rates)."
    )
    description = models.TextField(blank=True)
    growth_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="growth_metrics",
        help_text="For a growth rate: the metric it measures the growth of (for a stock, from the period's start "
        "to its end; for a flow, against the same period a year earlier). Lets the engine check the arithmetic.",
    )
    increment_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="increment_metrics",
        help_text="For a flow: the stock it adds to (new enterprises add to registered enterprises).",
    )

    class Meta:
        ordering = ["code"]
        permissions = [
            ("import_metric", "Can import metrics from files"),
            ("export_metric", "Can export metrics to files"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(nature="rate", is_additive=True), name="metric_rate_not_additive"),
        ]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class ClaimQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Claim.Status.APPROVED)

    def not_deprecated(self):
        """Claims not set aside in favour of another one; dataset exports use this by default."""
        return self.exclude(rank=Claim.Rank.DEPRECATED)

    def with_evidence_strength(self, strong_grades):
        """Annotate `has_strong_source`: a citation from a source graded in `strong_grades` and not AI-assisted.

        A claim without one rests only on weak evidence (curation.review.evidence_strength).
        """
        strong = Citation.objects.filter(
            claim=models.OuterRef("pk"), source__reliability__in=strong_grades, source__is_ai_assisted=False
        )
        return self.annotate(has_strong_source=models.Exists(strong))

    def with_corroboration(self):
        """Annotate `corroboration_count`: the independent outlets reporting the claim's figure (1: its own only)."""
        return self.annotate(
            corroboration_count=Coalesce(F("corroboration__outlets"), models.Value(1)),
        )

    def corroborated(self):
        """Claims whose figure two or more independent outlets report (only those have a `ClaimCorroboration`)."""
        return self.filter(corroboration__outlets__gte=2)

    def with_related(self):
        """Place, metric and the primary citation's outlet and source, without a query per row."""
        primary = Citation.objects.filter(claim=models.OuterRef("pk"), is_primary=True)
        return self.select_related("place", "metric").annotate(
            primary_source_id=models.Subquery(primary.values("source_id")[:1]),
            primary_source_title=models.Subquery(primary.values("source__title")[:1]),
            primary_outlet_name=models.Subquery(primary.values("source__outlet__name")[:1]),
        )


# The figure a claim states and its period, in the order every table of claims lists them
# (import and export files, public downloads, the fields a reviewer sees change).
CLAIM_FIGURE_FIELDS = ("qualifier", "value", "value_max", "unit", "period_start", "period_end", "period_label")


class Claim(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        RETRACTED = "retracted", "Retracted"

    class Qualifier(models.TextChoices):
        EXACT = "exact", "exactly"
        ABOUT = "about", "about"
        MORE_THAN = "more_than", "more than"
        AT_LEAST = "at_least", "at least"
        NEARLY = "nearly", "nearly"
        UP_TO = "up_to", "up to"
        LESS_THAN = "less_than", "less than"
        BETWEEN = "between", "between"

    class Rank(models.TextChoices):
        PREFERRED = "preferred", "Preferred"
        NORMAL = "normal", "Normal"
        DEPRECATED = "deprecated", "Deprecated"

    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="claims")
    metric = models.ForeignKey(Metric, on_delete=models.PROTECT, related_name="claims")
    value = models.DecimalField(
        max_digits=VALUE_MAX_DIGITS, decimal_places=VALUE_DECIMAL_PLACES, validators=[validate_value_precision]
    )
    value_max = models.DecimalField(
        max_digits=VALUE_MAX_DIGITS,
        decimal_places=VALUE_DECIMAL_PLACES,
        null=True,
        blank=True,
        validators=[validate_value_precision],
        help_text="Upper bound, only for a range ('between 20 and 30 percent').",
    )
    unit = models.CharField(max_length=32, help_text="Unit of this value; usually the metric's unit, or a currency.")
    qualifier = models.CharField(max_length=16, choices=Qualifier.choices, default=Qualifier.EXACT)
    period_start = models.DateField(null=True, blank=True, help_text="Empty for a stock (a level at a date).")
    period_end = models.DateField(help_text="Last day of the period, or the as-of date of a stock.")
    period_label = models.CharField(
        max_length=200, blank=True, help_text="The period in the source's words, e.g. 'first eight months of 2025'."
    )
    attribution = models.CharField(
        max_length=300, blank=True, help_text="Who the source cites for the figure, e.g. 'Kashi Customs'."
    )
    notes = models.TextField(blank=True, verbose_name="editorial notes")
    conversion_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conversions",
        help_text="The claim whose value this one restates in another unit, as the source gives it.",
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    rank = models.CharField(max_length=16, choices=Rank.choices, default=Rank.NORMAL)
    rank_reason = models.TextField(blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_created"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_updated"
    )
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True, help_text="When the claim last went to review.")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="claims_reviewed"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)

    # Optimistic concurrency (django-concurrency): every save checks and moves on the version, so
    # a save from a page loaded before someone else's save is refused instead of undoing it.
    version = AutoIncVersionField(help_text="Moves on with every save; a stale edit is refused.")
    history = HistoricalRecords()
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "pk"]
        permissions = [
            ("submit_claim", "Can submit claims for review"),
            ("approve_claim", "Can approve or reject claims"),
            ("retract_claim", "Can retract approved claims"),
            ("import_claim", "Can import claims from files"),
            ("export_claim", "Can export claims to files"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True) | Q(period_end__gte=F("period_start")),
                name="claim_period_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(qualifier="between", value_max__isnull=False, value_max__gte=F("value"))
                | (~Q(qualifier="between") & Q(value_max__isnull=True)),
                name="claim_range_only_with_between",
            ),
            models.CheckConstraint(condition=~Q(unit=""), name="claim_unit_not_empty"),
            models.CheckConstraint(condition=~Q(conversion_of=F("pk")), name="claim_not_conversion_of_itself"),
        ]
        indexes = [
            models.Index(fields=["metric", "place"], name="claim_metric_place_idx"),
            # The public listing reads approved claims only, in period or value order; partial
            # indexes keep those reads to the rows they return, however many claims exist.
            models.Index(fields=["period_end", "id"], condition=Q(status="approved"), name="claim_approved_period_idx"),
            models.Index(fields=["value", "id"], condition=Q(status="approved"), name="claim_approved_value_idx"),
            # Filtering by place, and sorting by place name (PostgreSQL walks the places in name
            # order and each place's claims in period order instead of sorting every claim).
            models.Index(
                fields=["place", "period_end", "id"],
                condition=Q(status="approved"),
                name="claim_approved_place_idx",
            ),
            # The listing's qualifier filter with a period (a year): the matching ids, with the value
            # to sort by, from the index alone (an index-only scan), not from every claim of the year.
            models.Index(
                fields=["qualifier", "period_end", "id"],
                include=["value"],
                condition=Q(status="approved"),
                name="claim_approved_qualifier_idx",
            ),
            # A search's candidates (the ids the full-text indexes give) checked against the other
            # filters and ordered without reading each claim's row (PostgreSQL: INCLUDE).
            models.Index(
                fields=["id"],
                include=["place", "metric", "period_end", "value"],
                condition=Q(status="approved"),
                name="claim_approved_id_idx",
            ),
            # A place page's series (metric and unit), each read backwards for its latest points.
            models.Index(
                fields=["place", "metric", "unit", "period_end", "id"],
                condition=Q(status="approved"),
                name="claim_approved_series_idx",
            ),
            # The admin lists every claim in the admin's order (latest period first, then id) and
            # orders a sorted column by it too; each filter and sortable column has an index
            # starting with it and ending in that order, so a page is read from one index.
            models.Index(fields=["-period_end", "id"], name="claim_period_idx"),
            models.Index(fields=["status", "-period_end", "id"], name="claim_status_period_idx"),
            models.Index(fields=["qualifier", "-period_end", "id"], name="claim_qualifier_period_idx"),
            models.Index(fields=["rank", "-period_end", "id"], name="claim_rank_period_idx"),
            models.Index(fields=["metric", "-period_end", "id"], name="claim_metric_period_idx"),
            models.Index(fields=["place", "-period_end", "id"], name="claim_place_period_idx"),
            models.Index(fields=["value", "id"], name="claim_value_idx"),
        ]

    def __str__(self):
        # Own columns only (no hidden query), written as the article would: "Claim #53: about 3.94 billion USD".
        return f"Claim #{self.pk}: {format_claim_value(self)}"

    @property
    def value_display(self) -> str:
        """The value as a reader says it: qualifier, number without padding zeros, unit."""
        return format_claim_value(self)

    def clean(self):
        errors = {}
        if self.metric_id and self.metric.nature == Metric.Nature.STOCK and self.period_start:
            errors["period_start"] = "A stock is a level at one date: leave the start empty and set the as-of date."
        if self.metric_id and self.metric.nature == Metric.Nature.FLOW and not self.period_start:
            errors["period_start"] = "A flow is summed over a period: give its first day."
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "The period cannot end before it starts."
        if self.qualifier == self.Qualifier.BETWEEN and self.value_max is None:
            errors["value_max"] = "A range needs its upper bound."
        if self.qualifier != self.Qualifier.BETWEEN and self.value_max is not None:
            errors["value_max"] = "Only a 'between' claim has an upper bound."
        if self.value_max is not None and self.value is not None and self.value_max < self.value:
            errors["value_max"] = "The upper bound is below the value."
        if errors:
            raise ValidationError(errors)


class Citation(models.Model):
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="The words of the source that state the figure, copied verbatim.")
    is_primary = models.BooleanField(default=False, verbose_name="primary")
    quote_start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    quote_end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    note = models.CharField(max_length=300, blank=True)

    # Optimistic concurrency (django-concurrency): every save checks and moves on the version, so
    # a save from a page loaded before someone else's save is refused instead of undoing it.
    version = AutoIncVersionField(help_text="Moves on with every save; a stale edit is refused.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_primary", "pk"]
        # A source's citing claims (its page, its claim count in the admin) from the index alone: the
        # page marks every cited passage and orders its list by them, and a source's 500 citations lie
        # on 500 scattered heap pages (about 40 ms when they are not in shared buffers).
        indexes = [
            models.Index(
                fields=["source", "claim"],
                include=["id", "quote_start", "quote_end", "is_primary"],
                name="citation_source_spans_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_primary=True), name="citation_one_primary_per_claim"
            ),
            models.UniqueConstraint(fields=["claim", "source", "quote"], name="citation_unique_quote_per_claim"),
            models.CheckConstraint(condition=~Q(quote=""), name="citation_quote_not_empty"),
            models.CheckConstraint(
                condition=(Q(quote_start__isnull=True) & Q(quote_end__isnull=True))
                | Q(quote_start__isnull=False, quote_end__isnull=False, quote_end__gt=F("quote_start")),
                name="citation_quote_span_valid",
            ),
        ]

    def __str__(self):
        return f"Citation #{self.pk} of claim {self.claim_id}"

    def save(self, *args, **kwargs):
        # The span is this row's own derived column, so it is kept in step here.
        self.locate_quote()
        super().save(*args, **kwargs)

    @property
    def is_quote_found(self) -> bool:
        return self.quote_start is not None

    def locate_quote(self) -> None:
        """Store where the quote stands in the source text, or clear it when it is not there."""
        span = locate_quote(self.quote, self.source.body) if self.source_id else None
        self.quote_start, self.quote_end = (span.start, span.end) if span else (None, None)


class ClaimCorroboration(models.Model):
    """How many independent outlets report a claim's figure, for the claims that two or more report.

    Derived data kept by the contradiction detection (`detection.refresh_corroboration` on a
    save, the full run, an import); a claim without a row is reported by its own outlet only.
    Its own narrow table, not a claim column: a full run changes tens of thousands of counts,
    and each UPDATE of the wide claim table rewrote every one of its two dozen indexes (the
    count was in a partial index's predicate, so no update could be HOT). Its changes are not
    edits of the claim: no history.
    """

    claim = models.OneToOneField(Claim, on_delete=models.CASCADE, primary_key=True, related_name="corroboration")
    outlets = models.PositiveSmallIntegerField(
        verbose_name="independent outlets",
        help_text="Independent outlets reporting this figure (same place, metric, period; values within their "
        "qualifiers), counting this claim's own sources and those of approved agreeing claims; syndicated copies "
        "count once.",
    )

    class Meta:
        constraints = [
            # A claim its own outlet alone reports has no row: the table holds only what the filters look for.
            models.CheckConstraint(condition=Q(outlets__gte=2), name="claimcorroboration_two_or_more_outlets"),
        ]

    def __str__(self):
        return f"{self.claim_id}: {self.outlets}"


class PlaceClaimCount(models.Model):
    """How many claims name a place, kept by database triggers on the claim table (`curation.db.claim_counts`).

    Read by the place list; never written by Django: every insert, delete or place change of a
    claim, whatever wrote it (a form, an import, bulk_create, raw SQL), moves it in the same
    statement.
    """

    place = models.OneToOneField(Place, on_delete=models.CASCADE, primary_key=True, related_name="claim_tally")
    claims = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.place_id}: {self.claims}"


class SourceClaimCount(models.Model):
    """How many distinct claims cite a source, kept by database triggers on the citation table."""

    source = models.OneToOneField(Source, on_delete=models.CASCADE, primary_key=True, related_name="claim_tally")
    claims = models.BigIntegerField(default=0)

    def __str__(self):
        return f"{self.source_id}: {self.claims}"


class Contradiction(models.Model):
    class Kind(models.TextChoices):
        VALUE_MISMATCH = "value_mismatch", "Value mismatch"
        PART_EXCEEDS_WHOLE = "part_exceeds_whole", "Part exceeds whole"
        SCOPE_MISMATCH = "scope_mismatch", "Scope mismatch"
        PERIOD_MISMATCH = "period_mismatch", "Period mismatch"
        ARITHMETIC = "arithmetic", "Arithmetic"
        CONVERSION = "conversion", "Conversion"
        CONVERSION_CONSISTENCY = "conversion_consistency", "Conversions within one article"
        PACE = "pace", "Pace"
        BASE_PERIOD_SPIKE = "base_period_spike", "Base-period spike"
        OTHER = "other", "Other"

    class Verdict(models.TextChoices):
        CONSISTENT = "consistent", "Consistent"
        INCONSISTENT = "inconsistent", "Inconsistent"
        NOT_COMPARABLE = "not_comparable", "Not comparable (scope or period)"
        SUSPICIOUS = "suspicious", "Suspicious (possible but implausible)"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CONFIRMED = "confirmed", "Confirmed"
        EXPLAINED = "explained", "Explained"
        DISMISSED = "dismissed", "Dismissed"

    # The pair is stored in id order so that (a, b) and (b, a) are the same flag.
    claim_a = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_a")
    claim_b = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="contradictions_as_b")

    class Severity(models.TextChoices):
        HIGH = "high", "High"
        MEDIUM = "medium", "Medium"
        LOW = "low", "Low"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    verdict = models.CharField(
        max_length=16,
        choices=Verdict.choices,
        default=Verdict.INCONSISTENT,
        db_default=Verdict.INCONSISTENT,
        blank=True,
        help_text="What the flag means: the figures cannot all be right (inconsistent), they measure different "
        "scopes or periods (not comparable), or they fit only with an implausible pace, spike or rate (suspicious).",
    )
    severity = models.CharField(max_length=8, choices=Severity.choices, default=Severity.MEDIUM, db_index=True)
    explanation = models.TextField(help_text="What conflicts, in words and numbers.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolution_note = models.TextField(blank=True)
    detected_by = models.CharField(max_length=64, blank=True, help_text="Rule code; empty when flagged by hand.")
    fingerprint = models.CharField(
        max_length=64,
        blank=True,
        editable=False,
        help_text="Hash of the compared claims' state when the rule last judged the pair; a review holds while it "
        "is unchanged.",
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="contradictions_flagged"
    )
    flagged_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contradictions_resolved",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    # Optimistic concurrency (django-concurrency): every save checks and moves on the version, so
    # a save from a page loaded before someone else's save is refused instead of undoing it.
    version = AutoIncVersionField(help_text="Moves on with every save; a stale edit is refused.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-flagged_at"]
        # The contradiction list, newest first, whole or by status (the review queue of flags).
        indexes = [
            models.Index(fields=["-flagged_at", "-id"], name="contradiction_flagged_idx"),
            models.Index(fields=["status", "-flagged_at", "-id"], name="contradiction_status_idx"),
        ]
        permissions = [("resolve_contradiction", "Can confirm, explain or dismiss contradictions")]
        constraints = [
            models.CheckConstraint(condition=Q(claim_a__lt=F("claim_b")), name="contradiction_pair_ordered"),
            models.UniqueConstraint(fields=["claim_a", "claim_b", "kind"], name="contradiction_unique_pair_kind"),
            models.CheckConstraint(condition=~Q(explanation=""), name="contradiction_explanation_not_empty"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: claim {self.claim_a_id} vs {self.claim_b_id}"

    def clean(self):
        if not self.verdict:
            # A flag raised by hand without a verdict says the figures disagree.
            self.verdict = self.Verdict.INCONSISTENT
        if self.claim_a_id and self.claim_b_id:
            if self.claim_a_id == self.claim_b_id:
                raise ValidationError("A claim cannot contradict itself.")
            if self.claim_a_id > self.claim_b_id:
                # Assigning the ids also drops the cached objects, so the pair stays consistent.
                self.claim_a_id, self.claim_b_id = self.claim_b_id, self.claim_a_id


class Release(models.Model):
    """An immutable, numbered snapshot of the approved claims, published with its files."""

    version = models.PositiveIntegerField(unique=True, help_text="1, 2, 3 … in order of publication.")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="releases_published"
    )
    published_at = models.DateTimeField(default=timezone.now)
    claim_count = models.PositiveIntegerField()
    changes = models.JSONField(
        default=dict,
        help_text="Claim ids added, removed and changed since the previous release.",
    )

    class Meta:
        ordering = ["-version"]
        get_latest_by = "version"
        permissions = [("publish_release", "Can publish dataset releases")]
        constraints = [models.CheckConstraint(condition=Q(version__gte=1), name="release_version_positive")]

    def __str__(self):
        return f"v{self.version}: {self.title}"

    def save(self, *args, **kwargs):
        # Immutability is this row's own invariant: a published release is never rewritten.
        if not self._state.adding:
            raise ValidationError("A published release cannot be changed; publish a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A published release cannot be deleted.")


class ReleaseFile(models.Model):
    """One file of a release, stored byte for byte with its SHA-256 checksum."""

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="files")
    name = models.CharField(max_length=100)
    media_type = models.CharField(max_length=100)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64, verbose_name="SHA-256")

    class Meta:
        ordering = ["release", "name"]
        constraints = [models.UniqueConstraint(fields=["release", "name"], name="release_file_unique_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError("A release file cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A release file cannot be deleted.")


class JobQuerySet(models.QuerySet):
    def without_input(self):
        """Job rows without the uploaded file they carry (lists and status polls never need it)."""
        return self.defer("input_data")

    def unfinished(self):
        return self.filter(state__in=[Job.State.QUEUED, Job.State.RUNNING])

    def checks_pending_for(self, claim_id: int) -> list["Job"]:
        """The contradiction checks of imported claims covering this claim that have not succeeded.

        A queued or running check has yet to flag what it finds; a failed or cancelled one never
        did (run it again from its page). Few such jobs exist at any time, so their id ranges
        are read here rather than queried.
        """
        checks = self.without_input().filter(
            kind=Job.Kind.CONTRADICTIONS,
            state__in=[Job.State.QUEUED, Job.State.RUNNING, Job.State.FAILED, Job.State.CANCELLED],
            parameters__has_key="claim_ranges",
        )
        return [
            job
            for job in checks.order_by("pk")
            if any(first <= claim_id <= last for first, last in job.parameters["claim_ranges"])
        ]


class Job(models.Model):
    """A piece of long work run by a background worker: who started it, its state, progress and outcome.

    The work itself is in curation.jobs; this row is what the admin shows and what a worker
    claims (queued -> running, once) before it starts.
    """

    class Kind(models.TextChoices):
        IMPORT_PREVIEW = "import_preview", "Import preview"
        IMPORT = "import", "Import"
        RELEASE = "release", "Release publication"
        CONTRADICTIONS = "contradictions", "Contradiction run"
        EXTRACTION = "extraction", "Extraction"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=32, choices=Kind.choices)
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs_started"
    )
    parameters = models.JSONField(default=dict, blank=True, help_text="What the job works on (file, format, ids).")
    input_name = models.CharField(max_length=255, blank=True, help_text="Name of the uploaded file, if any.")
    input_data = models.BinaryField(null=True, blank=True, editable=False)
    # The confirm step of an import points at its preview: one confirm per preview, held by the database.
    preview = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="confirmation"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    items_done = models.PositiveIntegerField(default=0)
    items_total = models.PositiveIntegerField(null=True, blank=True)
    summary = models.TextField(blank=True, help_text="The outcome in words.")
    error = models.TextField(blank=True, help_text="Why it failed, in words.")
    result = models.JSONField(default=dict, blank=True, help_text="Structured outcome (counts, preview rows).")
    result_url = models.CharField(max_length=500, blank=True, help_text="Where to see what the job produced.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The task backend's id for the queued work.")

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="job_state_created")]
        constraints = [
            models.CheckConstraint(
                condition=Q(items_total__isnull=True) | Q(items_done__lte=F("items_total")),
                name="job_done_not_above_total",
            ),
            models.CheckConstraint(
                condition=Q(preview__isnull=True) | Q(kind="import"),
                name="job_only_an_import_confirms_a_preview",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED, self.State.CANCELLED}


class DataGeneration(models.Model):
    """The data generation (`curation.db.generation`): one row whose number every committed write moves on.

    Kept in the database rather than in a process's memory so that a write made by any process
    (a worker, a management command, a background job) retires every process's cached pages.
    """

    number = models.PositiveBigIntegerField(default=1)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="data_generation_is_one_row")]

    def __str__(self):
        return f"generation {self.number}"

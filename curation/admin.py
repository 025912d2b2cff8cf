"""The editors' admin: list columns they scan, filters, search and autocomplete.

Every changelist gets its related rows from one queryset (select_related and annotations),
so the number of queries does not grow with the rows shown. Writes go through services.
"""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from curation import services
from curation.admin_contradictions import ClaimContradictionsMixin, ContradictionSideBySideMixin
from curation.admin_extraction import SourceExtractionAdminMixin
from curation.admin_io import (
    ClaimImportExportMixin,
    MetricImportExportMixin,
    PlaceImportExportMixin,
    SourceImportExportMixin,
)
from curation.admin_workflow import (
    CitationWorkflowMixin,
    ClaimWorkflowAdminMixin,
    ContradictionResolutionMixin,
    QuoteInContextInlineMixin,
    RevertThroughWorkflowMixin,
    SourceEvidenceMixin,
)
from curation.formatting import format_period
from curation.models import (
    Citation,
    Claim,
    Contradiction,
    Metric,
    Outlet,
    Place,
    PlaceAlias,
    PlaceLink,
    Source,
)


def _admin_link(obj, label=None):
    url = reverse(f"admin:curation_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "source_count"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(ordering="source_count", description="sources")
    def source_count(self, outlet):
        return outlet.source_count


class SourceCitationInline(admin.TabularInline):
    """The claims a source supports, read-only: claims are edited on their own page."""

    model = Citation
    verbose_name = "claim citing this source"
    verbose_name_plural = "claims citing this source"
    fields = ["claim_link", "claim_status", "quote", "is_primary", "quote_found"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("claim__place", "claim__metric")

    @admin.display(description="claim")
    def claim_link(self, citation):
        claim = citation.claim
        return _admin_link(claim, f"#{claim.pk} {claim.place.name}: {claim.metric.name} = {claim.value_display}")

    @admin.display(description="status")
    def claim_status(self, citation):
        return citation.claim.get_status_display()

    @admin.display(description="quote found", boolean=True)
    def quote_found(self, citation):
        return citation.is_quote_found


@admin.register(Source)
class SourceAdmin(
    # The workflow and extraction mixins come first: their change-form templates win over
    # the import-export mixin's (which turns django-import-export's own off).
    SourceExtractionAdminMixin,
    SourceEvidenceMixin,
    RevertThroughWorkflowMixin,
    SourceImportExportMixin,
    SimpleHistoryAdmin,
):
    list_display = ["title", "outlet", "published_on", "reliability", "is_ai_assisted", "claim_count"]
    list_filter = ["reliability", "is_ai_assisted", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "url", "body", "outlet__name"]
    # The claim-count annotation groups rows, and Django drops Meta.ordering from grouped queries.
    ordering = ["-published_on", "title"]
    autocomplete_fields = ["outlet"]
    date_hierarchy = "published_on"
    readonly_fields = ["content_hash", "created_at"]
    fieldsets = [
        (None, {"fields": ["title", "outlet", "url", "published_on", "retrieved_on"]}),
        ("Assessment", {"fields": ["reliability", "is_ai_assisted", "notes"]}),
        ("Text", {"fields": ["body", "content_hash", "created_at"]}),
    ]
    inlines = [SourceCitationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_claim_counts()

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, source):
        return source.claim_count

    def save_model(self, request, obj, form, change):
        services.source_save(source=obj)


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 1


class PlaceLinkInline(admin.TabularInline):
    model = PlaceLink
    fk_name = "part"
    autocomplete_fields = ["whole"]
    extra = 1
    verbose_name = "part of"
    verbose_name_plural = "part of (a place may lie inside several)"


@admin.register(Place)
class PlaceAdmin(PlaceImportExportMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "alias_names", "area_km2", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlaceAliasInline, PlaceLinkInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("aliases")
            .annotate(claim_count=Count("claims", distinct=True))
        )

    @admin.display(description="aliases")
    def alias_names(self, place):
        return ", ".join(alias.name for alias in place.aliases.all())

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, place):
        return place.claim_count


@admin.register(Metric)
class MetricAdmin(MetricImportExportMixin, admin.ModelAdmin):
    list_display = ["code", "name", "unit", "nature", "is_additive"]
    list_filter = ["nature", "is_additive"]
    search_fields = ["code", "name", "unit"]


class ClaimCitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        try:
            services.citations_validate(primary_flags=[bool(form.cleaned_data.get("is_primary")) for form in kept])
        except ValidationError as error:
            raise ValidationError(error.messages) from error


class ClaimCitationInline(QuoteInContextInlineMixin, admin.StackedInline):
    model = Citation
    formset = ClaimCitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    fields = ["source", "quote", "is_primary", "note", "quote_location"]
    readonly_fields = ["quote_location"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    @admin.display(description="quote in source text")
    def quote_location(self, citation):
        if citation.pk is None:
            return "Checked when saved."
        if citation.is_quote_found:
            return f"Found verbatim at characters {citation.quote_start}–{citation.quote_end}."
        return format_html('<strong style="color:#b00">{}</strong>', "NOT FOUND in the source text.")


class ContradictionStatusFilter(admin.SimpleListFilter):
    title = "contradictions"
    parameter_name = "contradictions"

    def lookups(self, request, model_admin):
        return [("open", "Has open contradictions"), ("any", "Has any contradiction")]

    def queryset(self, request, queryset):
        if self.value() not in {"open", "any"}:
            return queryset
        flags = Contradiction.objects.all()
        if self.value() == "open":
            flags = flags.filter(status=Contradiction.Status.OPEN)
        return queryset.filter(
            Exists(flags.filter(claim_a=OuterRef("pk"))) | Exists(flags.filter(claim_b=OuterRef("pk")))
        )


@admin.register(Claim)
class ClaimAdmin(ClaimContradictionsMixin, ClaimWorkflowAdminMixin, ClaimImportExportMixin, SimpleHistoryAdmin):
    list_display = [
        "id",
        "place",
        "metric",
        "value_with_unit",
        "period",
        "status",
        "outlet",
        "quote_verified",
    ]
    list_display_links = ["id", "value_with_unit"]
    list_filter = ["status", ContradictionStatusFilter, "qualifier", "rank", "metric", "place__kind", "place"]
    search_fields = [
        "place__name",
        "place__aliases__name",
        "metric__code",
        "metric__name",
        "citations__quote",
        "attribution",
        "notes",
    ]
    autocomplete_fields = ["place", "metric", "conversion_of"]
    date_hierarchy = "period_end"
    inlines = [ClaimCitationInline]
    readonly_fields = ["created_by", "created_at", "updated_by", "updated_at", "reviewed_by", "reviewed_at"]
    fieldsets = [
        (None, {"fields": ["place", "metric", ("qualifier", "value", "value_max", "unit")]}),
        ("Period", {"fields": [("period_start", "period_end"), "period_label"]}),
        ("Context", {"fields": ["attribution", "conversion_of", "notes"]}),
        ("Review", {"fields": ["status", "rank", "rank_reason", "review_note"]}),
        (
            "Record",
            {
                "classes": ["collapse"],
                "fields": [
                    ("created_by", "created_at"),
                    ("updated_by", "updated_at"),
                    "submitted_at",
                    ("reviewed_by", "reviewed_at"),
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        verified = Citation.objects.filter(claim=OuterRef("pk"), quote_start__isnull=False)
        return super().get_queryset(request).with_related().annotate(has_verified_quote=Exists(verified))

    @admin.display(ordering="value", description="value")
    def value_with_unit(self, claim):
        return claim.value_display

    @admin.display(ordering="period_end", description="period")
    def period(self, claim):
        return claim.period_label or format_period(claim)

    @admin.display(ordering="primary_outlet_name", description="outlet")
    def outlet(self, claim):
        return claim.primary_outlet_name or "—"

    @admin.display(boolean=True, description="quote verified")
    def quote_verified(self, claim):
        return claim.has_verified_quote


@admin.register(Citation)
class CitationAdmin(CitationWorkflowMixin, SimpleHistoryAdmin):
    list_display = ["id", "claim", "source", "is_primary", "quote_found", "short_quote"]
    list_filter = ["is_primary", "source"]
    list_select_related = ["claim", "source"]
    search_fields = ["quote", "source__title", "claim__place__name"]
    autocomplete_fields = ["claim", "source"]
    readonly_fields = ["quote_start", "quote_end"]

    @admin.display(boolean=True, description="quote found")
    def quote_found(self, citation):
        return citation.is_quote_found

    @admin.display(description="quote")
    def short_quote(self, citation):
        return citation.quote if len(citation.quote) <= 90 else citation.quote[:87] + "…"


@admin.register(Contradiction)
class ContradictionAdmin(ContradictionSideBySideMixin, ContradictionResolutionMixin, SimpleHistoryAdmin):
    list_display = ["id", "kind", "claim_a_summary", "claim_b_summary", "status", "detected_by", "flagged_at"]
    list_filter = ["status", "kind", "detected_by"]
    search_fields = ["explanation", "resolution_note", "claim_a__place__name", "claim_b__place__name"]
    autocomplete_fields = ["claim_a", "claim_b"]
    readonly_fields = ["flagged_by", "flagged_at", "resolved_by", "resolved_at", "detected_by"]
    list_select_related = ["claim_a__place", "claim_a__metric", "claim_b__place", "claim_b__metric"]

    @staticmethod
    def _summary(claim):
        return f"#{claim.pk} {claim.place.name}: {claim.value_display}"

    @admin.display(description="claim A")
    def claim_a_summary(self, contradiction):
        return _admin_link(contradiction.claim_a, self._summary(contradiction.claim_a))

    @admin.display(description="claim B")
    def claim_b_summary(self, contradiction):
        return _admin_link(contradiction.claim_b, self._summary(contradiction.claim_b))

    def save_model(self, request, obj, form, change):
        if not change:
            obj.flagged_by = request.user
        super().save_model(request, obj, form, change)

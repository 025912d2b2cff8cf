"""Admin for claims and their citations: list columns a reviewer scans, filters, search, inlines."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from curation import services
from curation.admin.claim_entry import ClaimEntryMixin
from curation.admin.contradictions import ClaimContradictionsMixin
from curation.admin.dashboard import MyClaimsFilter
from curation.admin.display import did_you_mean_html
from curation.admin.imports import (
    ClaimImportExportMixin,
)
from curation.admin.workflow import (
    CitationWorkflowMixin,
    ClaimWorkflowAdminMixin,
    QuoteInContextInlineMixin,
)
from curation.formatting import format_period
from curation.models import (
    Citation,
    Claim,
    Contradiction,
)
from curation.review import workflow
from curation.text.quotes import nearest_passage


class ClaimCitationFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [form for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]
        flags = services.citations_primary_default(
            primary_flags=[bool(form.cleaned_data.get("is_primary")) for form in kept]
        )
        for form, flag in zip(kept, flags, strict=True):
            form.cleaned_data["is_primary"] = form.instance.is_primary = flag
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
        passage = nearest_passage(citation.quote, citation.source.body)
        miss = workflow.QuoteMiss(
            citation_id=citation.pk, quote=citation.quote, source_title=citation.source.title, passage=passage
        )
        return format_html(
            '<strong class="quote-not-found">{}</strong> {}', "NOT FOUND in the source text;", did_you_mean_html(miss)
        )


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
class ClaimAdmin(
    ClaimEntryMixin, ClaimContradictionsMixin, ClaimWorkflowAdminMixin, ClaimImportExportMixin, SimpleHistoryAdmin
):
    # The columns a reviewer needs, most important first; they fit 1,280 px beside the filters
    # (tests/test_browser_admin.py). The rank is a filter, and a deprecated value says so.
    list_display = [
        "id",
        "value_with_unit",
        "place_name",
        "metric_name",
        "period",
        "status",
        "quote_verified",
        "contradictions_link",
        "outlet",
    ]
    list_display_links = ["id", "value_with_unit"]
    list_filter = [
        "status",
        MyClaimsFilter,
        ContradictionStatusFilter,
        "qualifier",
        "rank",
        "metric",
        "place__kind",
        "place",
    ]
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

    def changelist_view(self, request, extra_context=None):
        # The list needs the width: the models are one click away in the breadcrumbs.
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    @admin.display(ordering="value", description="value")
    def value_with_unit(self, claim):
        if claim.rank == Claim.Rank.DEPRECATED:
            return f"{claim.value_display} (deprecated)"
        return claim.value_display

    @admin.display(ordering="place__name", description="place")
    def place_name(self, claim):
        return claim.place.name

    @admin.display(ordering="metric__name", description="metric")
    def metric_name(self, claim):
        return claim.metric.name

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



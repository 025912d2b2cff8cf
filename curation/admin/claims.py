"""Admin for claims and their citations: list columns a reviewer scans, filters, search, inlines."""

import datetime

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from curation import services
from curation.admin.base import ChoicesFilter
from curation.admin.claim_entry import ClaimEntryMixin
from curation.admin.concurrency import VersionCheckedAdminMixin, stale_form_error
from curation.admin.contradictions import ClaimContradictionsMixin
from curation.admin.dashboard import MyClaimsFilter
from curation.admin.display import PreloadedAutocompleteSelect, ReadableHistoryContextHelper, did_you_mean_html
from curation.admin.evidence import QuoteInContextInlineMixin
from curation.admin.imports import (
    ClaimImportExportMixin,
)
from curation.admin.scaling import LargeTableAdminMixin
from curation.admin.workflow import CitationWorkflowMixin, ClaimWorkflowAdminMixin
from curation.db.search import editor_search_claims
from curation.models import (
    Citation,
    Claim,
    Contradiction,
    Source,
)
from curation.review import workflow
from curation.review.evidence_strength import strong_grades
from curation.text.formatting import format_period
from curation.text.quotes import nearest_passage


class ClaimCitationFormSet(BaseInlineFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "version" in form.fields:
            # The version a citation was loaded at is bookkeeping, not an edit: an empty extra
            # form stays empty (and is not validated) although its version input is posted.
            form.fields["version"].has_changed = lambda initial, data: False

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        widget = getattr(form.fields["source"].widget, "widget", None)  # inside the related-field wrapper
        if isinstance(widget, PreloadedAutocompleteSelect) and form.instance.source_id:
            widget.preloaded = form.instance.source  # loaded with the citation (select_related)
        return form

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.save_as_new and self.instance.pk is not None:
            self._refuse_stale_or_unreviewed_edits()
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

    def _refuse_stale_or_unreviewed_edits(self):
        """Each edited citation must have been loaded at its current version (like the claim itself),
        and an approved claim's citations do not change (workflow.approved_edit_error)."""
        stored = {citation.pk: citation for citation in Citation.objects.filter(claim_id=self.instance.pk)}
        status = Claim.objects.filter(pk=self.instance.pk).values_list("status", flat=True).first()
        changed, errors = [], []
        for form in self.forms:
            deleted = bool(form.cleaned_data.get("DELETE"))
            current = stored.get(form.instance.pk)
            if current is None:
                if form.has_changed() and not deleted:
                    changed.append("a new citation")
                continue
            if not (deleted or form.has_changed()):
                continue
            error = stale_form_error(form, stored=current)
            if error:
                errors.append(error)
            elif deleted or workflow.citation_changes(before=current, after=form.instance):
                changed.append(f"citation #{current.pk}")
        if errors:
            raise ValidationError(errors)
        refused = workflow.approved_edit_error(claim_id=self.instance.pk, status=status, changed=changed)
        if refused:
            raise ValidationError(refused)


class ClaimCitationInline(QuoteInContextInlineMixin, admin.StackedInline):
    model = Citation
    formset = ClaimCitationFormSet
    extra = 1
    autocomplete_fields = ["source"]
    # The version each citation was loaded at: a stale edit of one is refused like the claim's.
    fields = ["source", "quote", "is_primary", "note", "quote_location", "version"]
    readonly_fields = ["quote_location"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            kwargs["widget"] = PreloadedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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


class ContradictionStatusFilter(ChoicesFilter):
    title = "contradictions"
    parameter_name = "contradictions"
    links = {"open": "Has open contradictions", "any": "Has any contradiction"}

    def narrow(self, request, queryset, value):
        flags = Contradiction.objects.order_by()
        if value == "open":
            flags = flags.filter(status=Contradiction.Status.OPEN)
        # Two IN lists from the small contradiction table, which PostgreSQL hashes once and
        # tests while it walks the claims in the list's order: 100 ms at a million claims and
        # 20,000 flags, against 1.6 s for a semi-join (it reads every claim, then sorts) and
        # 5 s for two EXISTS per claim.
        return queryset.filter(Q(pk__in=flags.values("claim_a_id")) | Q(pk__in=flags.values("claim_b_id")))


class PeriodYearFilter(admin.SimpleListFilter):
    """The year a claim's period ends in: Django's date hierarchy without its scan of every claim.

    The date hierarchy lists the years with SELECT DISTINCT over the whole table; the years here
    run from the earliest to the latest period end, two index lookups.
    """

    title = "period ends in"
    parameter_name = "period_year"

    def lookups(self, request, model_admin):
        # Two queries, each one index lookup (SQLite reads the whole table for MIN and MAX together).
        ends = Claim.objects.values_list("period_end", flat=True)
        first, last = ends.order_by("period_end").first(), ends.order_by("-period_end").first()
        if first is None:
            return []
        years = range(last.year, first.year - 1, -1)
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit() and 1 <= int(value) <= 9999:
            year = int(value)
            return queryset.filter(
                period_end__gte=datetime.date(year, 1, 1), period_end__lte=datetime.date(year, 12, 31)
            )
        return queryset


class EvidenceFilter(ChoicesFilter):
    title = "evidence"
    parameter_name = "evidence"
    links = {"weak": "Weak evidence only", "corroborated": "Corroborated by 2+ outlets"}

    def narrow(self, request, queryset, value):
        if value == "weak":
            return queryset.filter(has_strong_source=False)
        return queryset.corroborated()


@admin.register(Claim)
class ClaimAdmin(
    VersionCheckedAdminMixin,
    LargeTableAdminMixin,
    ClaimEntryMixin,
    ClaimContradictionsMixin,
    ClaimWorkflowAdminMixin,
    ClaimImportExportMixin,
    SimpleHistoryAdmin,
):
    # The columns a reviewer needs, most important first; they fit 1,280 px beside the filters
    # (tests/test_browser_admin.py). The primary source's outlet heads the evidence column; the
    # rank is a filter, and a deprecated value says so.
    list_display = [
        "id",
        "value_with_unit",
        "place_name",
        "metric_name",
        "period",
        "status",
        "evidence",
        "quote_verified",
        "contradictions_link",
    ]
    list_display_links = ["id", "value_with_unit"]
    # "Save as new" records a correction of an approved claim (whose public fields do not change)
    # as a new draft with the same citations, reviewed while the approved one stays public.
    save_as = True
    # Stated here (not only in Meta) so that it is part of the queryset: a sorted column is then
    # ordered by the column and this, which the claim indexes (column, -period_end, id) serve.
    ordering = ["-period_end", "id"]
    list_filter = [
        "status",
        MyClaimsFilter,
        ContradictionStatusFilter,
        EvidenceFilter,
        "qualifier",
        "rank",
        "metric",
        "place__kind",
        "place",
        PeriodYearFilter,
    ]
    # Searched by get_search_results (curation.db.search.editor_search_claims), not by Django's
    # joins over these fields; listed so that the search box and autocomplete are shown.
    search_fields = ["attribution"]
    search_help_text = (
        "Words in a quote, attribution or notes; a place, metric or source title; or a claim id (#123). "
        'Use "quotes" for a phrase.'
    )
    autocomplete_fields = ["place", "metric", "conversion_of"]
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
        return (
            super()
            .get_queryset(request)
            .with_related()
            .with_evidence_strength(strong_grades())
            .with_corroboration()
            .annotate(has_verified_quote=Exists(verified))
        )

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistoryContextHelper(self.model, historical_record)

    def changelist_view(self, request, extra_context=None):
        # The list needs the width: the models are one click away in the breadcrumbs.
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    def get_search_results(self, request, queryset, search_term):
        # Full-text search over indexed columns and ids from the small tables (PostgreSQL), or
        # one subquery per text (SQLite), instead of Django's LIKE over joins: no duplicates.
        return editor_search_claims(queryset, text=search_term), False

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

    @admin.display(description="evidence")
    def evidence(self, claim):
        """The primary source's outlet; 'weak evidence' when every source is weak (AI-assisted or graded
        low); the independent outlets."""
        parts = [claim.primary_outlet_name] if claim.primary_outlet_name else []
        if not claim.has_strong_source:
            parts.append(format_html('<strong style="color:#b00">{}</strong>', "weak evidence"))
        if claim.corroboration_count >= 2:
            parts.append(format_html("{} outlets", claim.corroboration_count))
        return format_html_join(" · ", "{}", ((part,) for part in parts)) if parts else "—"

    @admin.display(boolean=True, description="quote verified")
    def quote_verified(self, claim):
        return claim.has_verified_quote


class CitedSourceFilter(admin.SimpleListFilter):
    """Citations of one source, chosen by a link (a source's page), not from a list of every source.

    Django's related-field filter lists every source, each with its whole text, on every page
    of the citation list: at a few thousand sources that list was most of the page's time.
    """

    title = "source"
    parameter_name = "source__id__exact"

    def lookups(self, request, model_admin):
        value = self.value()
        if not (value and value.isdigit()):
            return []
        title = Source.objects.filter(pk=value).values_list("title", flat=True).first()
        return [(value, title or f"Source #{value}")]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(source_id=value)
        return queryset


@admin.register(Citation)
class CitationAdmin(VersionCheckedAdminMixin, LargeTableAdminMixin, CitationWorkflowMixin, SimpleHistoryAdmin):
    list_display = ["id", "claim", "source", "is_primary", "quote_found", "short_quote"]
    list_filter = ["is_primary", CitedSourceFilter]
    list_select_related = ["claim", "source"]
    # Newest first, from the primary key: the model's order (primary first, then id) sorted
    # every citation for the first page.
    ordering = ["-id"]

    def get_queryset(self, request):
        # The list shows a source's title; its text (kilobytes each) stays in the database.
        return super().get_queryset(request).defer("source__body")
    search_fields = ["quote", "source__title", "claim__place__name"]
    autocomplete_fields = ["claim", "source"]
    readonly_fields = ["quote_start", "quote_end"]

    @admin.display(boolean=True, description="quote found")
    def quote_found(self, citation):
        return citation.is_quote_found

    @admin.display(description="quote")
    def short_quote(self, citation):
        return citation.quote if len(citation.quote) <= 90 else citation.quote[:87] + "…"

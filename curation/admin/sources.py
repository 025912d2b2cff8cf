"""Admin for outlets and sources: the claims a source supports, its evidence view and extraction."""

from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from curation import services
from curation.admin.concurrency import VersionCheckedAdminMixin
from curation.admin.display import admin_link as _admin_link
from curation.admin.evidence import SourceEvidenceMixin
from curation.admin.extraction import SourceExtractionAdminMixin
from curation.admin.imports import (
    SourceImportExportMixin,
)
from curation.admin.scaling import LargeTableAdminMixin, ListCountsMixin
from curation.admin.workflow import RevertThroughWorkflowMixin
from curation.models import (
    Citation,
    Outlet,
    Source,
)


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
    VersionCheckedAdminMixin,
    ListCountsMixin,
    LargeTableAdminMixin,
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

    def list_counts(self, queryset):
        return queryset.with_claim_counts()

    def get_search_fields(self, request):
        # The source picker (the citation's autocomplete) matches titles, addresses and outlets:
        # matching each typed word against every article's whole text too took about 0.35 s of
        # SQL at 2,000 sources, on every keystroke. The list's search box still reads the text.
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            return [field for field in self.search_fields if field != "body"]
        return super().get_search_fields(request)

    @admin.display(ordering="claim_count", description="claims")
    def claim_count(self, source):
        return source.claim_count

    def save_model(self, request, obj, form, change):
        services.source_save(source=obj)



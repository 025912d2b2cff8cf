"""Admin for places (aliases, part-of links) and metrics."""

from django.contrib import admin
from django.db.models import F, Value
from django.db.models.functions import Coalesce

from curation.admin.imports import (
    MetricImportExportMixin,
    PlaceImportExportMixin,
)
from curation.admin.scaling import ListCountsMixin
from curation.models import (
    Metric,
    Place,
    PlaceAlias,
    PlaceLink,
)


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
class PlaceAdmin(ListCountsMixin, PlaceImportExportMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "alias_names", "area_km2", "claim_count"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases__name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlaceAliasInline, PlaceLinkInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("aliases")

    def list_counts(self, queryset):
        # Kept by triggers on the claim table (curation.db.claim_counts): no claim is read.
        return queryset.annotate(claim_count=Coalesce(F("claim_tally__claims"), Value(0)))

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



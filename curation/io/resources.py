"""django-import-export resources: claims, sources, places and metrics in files with human keys.

Claims are imported in bulk mode with skip_diff: every name a file may use (source URL or
title, place name or alias, metric code) and every existing claim's natural key are loaded
once into dicts in `before_import` (`claim_rows.ClaimLookups`), so a row costs no query. Each
row is read by the rules of `curation.io.parsing` in `before_import_row`
(`claim_rows.parse_claim_row`); its problems come back as a ValidationError keyed by column,
which django-import-export shows per row in the admin preview and which `row_error_lines`
turns into "row 7, place: …" lines for the command. `ClaimResource` is put together from one
mixin per job: `claim_import` (checking rows, saving them, the preview) and `claim_export`.

An import is all or nothing (`import_data` always rolls back when any row is invalid), never
approves anything (new claims are drafts; a row may change only a draft claim) and writes
history rows for what it creates or changes (created rows' history is copied inside the
database by `bulk_history.history_copy_created`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from import_export import fields, resources, widgets
from import_export.results import Result

from curation import services
from curation.io import parsing
from curation.io.claim_export import ClaimExportMixin, normalised_value_text
from curation.io.claim_import import ClaimBulkSaveMixin, ClaimPreviewMixin, ClaimRowCheckMixin
from curation.io.claim_rows import CLAIM_BATCH_SIZE, CLAIM_COLUMNS, CLAIM_EXPORT_ORDER
from curation.io.tabular import Columns, ImportFileError, check_columns
from curation.models import Claim, Metric, Outlet, Place, PlaceAlias, PlaceLink, Source


def row_error_lines(result: Result, *, offset: int = 0) -> list[str]:
    """Every problem of an import result as 'row 7, place: …' lines: file problems first, then by row.

    `offset` is the number of rows before this result's first (a file imported in chunks).
    """
    numbered = []
    for number, errors in result.row_errors():
        numbered.extend((number + offset, f"row {number + offset}: {error.error}") for error in errors)
    for invalid in result.invalid_rows:
        number = invalid.number + offset
        for column, messages in invalid.error_dict.items():
            prefix = f"row {number}" if column == NON_FIELD_ERRORS else f"row {number}, {column}"
            numbered.extend((number, f"{prefix}: {message}") for message in messages)
    numbered.sort(key=lambda item: item[0])
    return [f"file: {error.error}" for error in result.base_errors] + [line for _, line in numbered]


class SafeExportMixin:
    """Exports text cells with formulas made inert (django-import-export only guards '=')."""

    def export_field(self, field, instance, **kwargs):
        return parsing.escape_formula(super().export_field(field, instance, **kwargs))


class AllOrNothingMixin:
    """One invalid row and nothing is written: the whole import runs in one rolled-back transaction."""

    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors, use_transactions=True, **kwargs)


# ---------------------------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------------------------
class ClaimResource(
    ClaimPreviewMixin,
    ClaimRowCheckMixin,
    ClaimBulkSaveMixin,
    ClaimExportMixin,
    SafeExportMixin,
    AllOrNothingMixin,
    resources.ModelResource,
):
    """Claims with their primary citation, keyed by source, place, metric, period and quote.

    Each job is its own mixin: reading and checking rows (claim_import.ClaimRowCheckMixin),
    saving them (claim_import.ClaimBulkSaveMixin), the admin preview (claim_import.ClaimPreviewMixin)
    and exporting (claim_export.ClaimExportMixin); this class holds the columns and options.
    """

    source = fields.Field(column_name="source", attribute="source", readonly=True)
    place = fields.Field(column_name="place", attribute="place")
    metric = fields.Field(column_name="metric", attribute="metric")
    quote = fields.Field(column_name="quote", attribute="quote", readonly=True)

    class Meta:
        model = Claim
        fields = CLAIM_EXPORT_ORDER
        export_order = CLAIM_EXPORT_ORDER
        import_id_fields = ("source", "place", "metric", "period_start", "period_end", "unit", "quote")
        use_bulk = True
        batch_size = CLAIM_BATCH_SIZE
        skip_diff = True
        report_skipped = True
        chunk_size = 2000

    # Set by io.chunked when a file is imported in chunks: rows are numbered across the file,
    # and lookups and the keys seen carry over from one chunk to the next.
    row_offset = 0
    continues_file = False

    def __init__(self, *, preview_values: bool = False, **kwargs):
        super().__init__(**kwargs)
        # The admin preview shows each row's cells (skip_diff leaves no diff to show); the
        # command keeps no per-row copy, so 100k rows stay within memory.
        self.preview_values = preview_values


# ---------------------------------------------------------------------------------------------
# Sources, places, metrics: small tables, imported row by row with django-import-export's defaults
# ---------------------------------------------------------------------------------------------
class ParsedCellWidget(widgets.Widget):
    """A widget that reads a cell with one of the rules of curation.io.parsing."""

    def __init__(self, reader, **options):
        super().__init__(coerce_to_string=True)
        self.reader = reader
        self.options = options

    def clean(self, value, row=None, **kwargs):
        try:
            return self.reader(value, **self.options)
        except parsing.CellError as error:
            raise ValueError(str(error)) from error

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, datetime.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return normalised_value_text(value)
        return str(value)


class NameLookupWidget(widgets.ForeignKeyWidget):
    """A foreign key by name, with a suggestion for a name that is not known."""

    def __init__(self, model, field, *, what):
        super().__init__(model, field)
        self.what = what

    def clean(self, value, row=None, **kwargs):
        name = parsing.text(value)
        if not name:
            return None
        found = self.model.objects.filter(**{f"{self.field}__iexact": name}).first()
        if found is None:
            names = self.model.objects.values_list(self.field, flat=True)
            raise ValueError(parsing.unknown_message(name, self.what, names))
        return found


class FullCleanMixin:
    """Small tables: validate each row with the model's own rules, then import row by row."""

    columns: Columns

    def before_import(self, dataset, **kwargs):
        check_columns(list(dataset.headers), self.columns)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=list(errors), validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def _field(column, reader=parsing.text, **options):
    return fields.Field(attribute=column, column_name=column, widget=ParsedCellWidget(reader, **options))


class MetricResource(SafeExportMixin, AllOrNothingMixin, FullCleanMixin, resources.ModelResource):
    columns = Columns(required=("code", "name", "unit", "nature"), optional=("is_additive", "description"))

    code = _field("code")
    name = _field("name")
    unit = _field("unit")
    nature = _field("nature", parsing.parse_choice, choices=Metric.Nature.choices, what="nature")
    is_additive = _field("is_additive", parsing.parse_bool)
    description = _field("description")

    class Meta:
        model = Metric
        fields = ("code", "name", "unit", "nature", "is_additive", "description")
        import_id_fields = ("code",)
        skip_unchanged = True
        report_skipped = True


class SourceResource(SafeExportMixin, AllOrNothingMixin, FullCleanMixin, resources.ModelResource):
    """Sources keyed by URL, or by title when there is no URL."""

    columns = Columns(
        required=("url", "title", "body"),
        optional=("outlet", "published_on", "retrieved_on", "reliability", "is_ai_assisted", "notes"),
    )

    url = _field("url")
    title = _field("title")
    outlet = fields.Field(
        attribute="outlet", column_name="outlet", widget=NameLookupWidget(Outlet, "name", what="outlet")
    )
    published_on = _field("published_on", parsing.parse_date, period_end=False)
    retrieved_on = _field("retrieved_on", parsing.parse_date, period_end=False)
    reliability = _field("reliability", parsing.parse_choice, choices=Source.Reliability.choices, what="reliability")
    is_ai_assisted = _field("is_ai_assisted", parsing.parse_bool)
    body = _field("body")
    notes = _field("notes")

    class Meta:
        model = Source
        fields = (
            "url",
            "title",
            "outlet",
            "published_on",
            "retrieved_on",
            "reliability",
            "is_ai_assisted",
            "body",
            "notes",
        )
        import_id_fields = ("url", "title")
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Source.objects.select_related("outlet")

    def get_instance(self, instance_loader, row):
        url = parsing.text(row.get("url"))
        if url:
            return Source.objects.filter(url=url).first()
        title = parsing.text(row.get("title"))
        return Source.objects.filter(url__isnull=True, title__iexact=title).first()

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if instance.reliability is None:
            instance.reliability = Source.Reliability.UNRATED
        if instance.retrieved_on is None:
            instance.retrieved_on = datetime.date.today()
        instance.url = instance.url or None

    def do_instance_save(self, instance, is_create):
        # Through the service, so a corrected text re-finds every citation's quote.
        services.source_save(source=instance)

    def dehydrate_outlet(self, source):
        return source.outlet.name if source.outlet else ""


class PlaceResource(SafeExportMixin, AllOrNothingMixin, FullCleanMixin, resources.ModelResource):
    """Places keyed by name; aliases and part-of places as names separated by ';'."""

    columns = Columns(required=("name", "slug", "kind"), optional=("area_km2", "description", "aliases", "part_of"))

    name = _field("name")
    slug = _field("slug")
    kind = _field("kind", parsing.parse_choice, choices=Place.Kind.choices, what="kind of place")
    area_km2 = _field("area_km2", parsing.parse_number)
    description = _field("description")
    aliases = fields.Field(column_name="aliases", readonly=True)
    part_of = fields.Field(column_name="part_of", readonly=True)

    class Meta:
        model = Place
        fields = ("name", "slug", "kind", "area_km2", "description", "aliases", "part_of")
        import_id_fields = ("name",)
        skip_unchanged = True
        report_skipped = True

    def get_queryset(self):
        return Place.objects.prefetch_related("aliases", "part_of")

    def get_instance(self, instance_loader, row):
        return Place.objects.filter(name__iexact=parsing.text(row.get("name"))).first()

    @staticmethod
    def _names(raw) -> list[str]:
        return [name.strip() for name in parsing.text(raw).split(";") if name.strip()]

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        wholes = []
        for name in self._names(row.get("part_of")):
            whole = Place.objects.resolve(name)
            if whole is None and name.lower() != parsing.text(row.get("name")).lower():
                names = list(Place.objects.values_list("name", flat=True))
                errors.setdefault("part_of", []).append(parsing.unknown_message(name, "place", names))
            elif whole is not None:
                wholes.append(whole)
        for alias in self._names(row.get("aliases")):
            clash = Place.objects.resolve(alias)
            if clash is not None and clash.name.lower() != parsing.text(row.get("name")).lower():
                errors.setdefault("aliases", []).append(f"'{alias}' already names the place '{clash.name}'.")
        instance.import_wholes = wholes
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not super().skip_row(instance, original, row, import_validation_errors):
            return False
        return sorted(alias.lower() for alias in self._names(row.get("aliases"))) == sorted(
            alias.name.lower() for alias in original.aliases.all()
        ) and {whole.pk for whole in instance.import_wholes} == {whole.pk for whole in original.part_of.all()}

    def after_save_instance(self, instance, row, **kwargs):
        wanted = {alias.lower(): alias for alias in self._names(row.get("aliases"))}
        current = {alias.name.lower(): alias for alias in instance.aliases.all()}
        PlaceAlias.objects.filter(pk__in=[alias.pk for lower, alias in current.items() if lower not in wanted]).delete()
        PlaceAlias.objects.bulk_create(
            [PlaceAlias(place=instance, name=name) for lower, name in wanted.items() if lower not in current]
        )
        PlaceLink.objects.filter(part=instance).exclude(whole__in=instance.import_wholes).delete()
        for whole in instance.import_wholes:
            PlaceLink.objects.get_or_create(part=instance, whole=whole)

    def dehydrate_aliases(self, place):
        return "; ".join(alias.name for alias in place.aliases.all())

    def dehydrate_part_of(self, place):
        return "; ".join(whole.name for whole in place.part_of.all())


RESOURCES_BY_NAME = {
    "claims": ClaimResource,
    "sources": SourceResource,
    "places": PlaceResource,
    "metrics": MetricResource,
}


def check_file_columns(resource_class, headers: list[str]) -> None:
    """Raise ImportFileError when a file's columns do not fit the resource."""
    columns = CLAIM_COLUMNS if resource_class is ClaimResource else resource_class.columns
    check_columns(headers, columns)


__all__ = [
    "CLAIM_COLUMNS",
    "ClaimResource",
    "ImportFileError",
    "MetricResource",
    "PlaceResource",
    "SourceResource",
    "check_file_columns",
    "row_error_lines",
]

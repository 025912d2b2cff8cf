"""Exporting claims: one query for any number of rows, text cells made safe for spreadsheets,
numbers kept as numbers in binary formats. `ClaimExportMixin` is the export half of
`curation.io.resources.ClaimResource`; releases use the same cells.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, FilteredRelation, Q, QuerySet

from curation.io import parsing
from curation.io.claim_rows import CLAIM_EXPORTED_COLUMNS, NUMERIC_EXPORT_COLUMNS
from curation.models import Claim

# What an exported row reads: the claim's own columns and the ones export_queryset joins in.
EXPORT_ROW_NAMES = (
    *CLAIM_EXPORTED_COLUMNS,
    "export_place",
    "export_metric",
    "export_quote",
    "export_source_url",
    "export_source_title",
)


def normalised_value_text(value: Decimal | None) -> str:
    """A Decimal as plain digits without padding zeros or exponent: 93160000000.000000 -> 93160000000."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def spreadsheet_number(cell):
    """An exported number cell as an int or float for a spreadsheet; exact up to 15 significant digits,
    which is all a claim value may have (models.validate_value_precision)."""
    if cell in ("", None):
        return None
    number = float(cell)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _attribute_text(attribute: str):
    """A reader for a plain column: its value as text, empty for None."""

    def read(instance):
        value = getattr(instance, attribute)
        return "" if value is None else str(value)

    return read


class ClaimExportMixin:
    """The export side of the claims resource: the queryset, the cells and their order."""

    @staticmethod
    def export_queryset(queryset=None):
        """Claims with place name, metric code and primary citation's source joined in: one query for any number."""
        queryset = Claim.objects.all() if queryset is None else queryset
        # Place name and metric code come in as columns of the one query rather than as
        # select_related objects: building two extra model instances per row would cost more
        # than writing the whole row.
        return queryset.select_related(None).only(*CLAIM_EXPORTED_COLUMNS).annotate(
            export_place=F("place__name"),
            export_metric=F("metric__code"),
            primary_citation=FilteredRelation("citations", condition=Q(citations__is_primary=True)),
            export_quote=F("primary_citation__quote"),
            export_source_url=F("primary_citation__source__url"),
            export_source_title=F("primary_citation__source__title"),
        )

    def filter_export(self, queryset, **kwargs):
        return self.export_queryset(queryset)

    def get_queryset(self):
        return self.export_queryset()

    def iter_queryset(self, queryset):
        """The claims as named rows of the exported columns: a tuple costs a fraction of a model instance."""
        if not isinstance(queryset, QuerySet) or queryset._prefetch_related_lookups:
            yield from super().iter_queryset(queryset)
            return
        rows = queryset.values_list(*EXPORT_ROW_NAMES, named=True)
        yield from rows.iterator(chunk_size=self.get_chunk_size())

    def export_field(self, field, instance, **kwargs):
        cell = super().export_field(field, instance, **kwargs)
        if kwargs.get("force_native_type") and field.column_name in NUMERIC_EXPORT_COLUMNS:
            # Binary formats (XLSX) get real numbers, so a negative value stays a number there.
            return spreadsheet_number(cell)
        return cell

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The same cells as export_field gives, from a plan worked out once per export rather
        # than once per row and field (django-import-export recomputes the field order per row).
        native = bool(kwargs.get("force_native_type"))
        row = []
        for read, is_numeric in self._export_plan(selected_fields):
            cell = parsing.escape_formula(read(instance))
            row.append(spreadsheet_number(cell) if native and is_numeric else cell)
        return row

    def _export_plan(self, selected_fields):
        key = tuple(selected_fields) if selected_fields else None
        plans = self.__dict__.setdefault("_export_plans", {})
        if key not in plans:
            plan = []
            for field in self.get_export_fields(selected_fields):
                method = field.get_dehydrate_method(self.get_field_name(field))
                method = method if callable(method) else getattr(self, method, None)
                plan.append((method or _attribute_text(field.attribute), field.column_name in NUMERIC_EXPORT_COLUMNS))
            plans[key] = plan
        return plans[key]

    def dehydrate_source(self, claim):
        return claim.export_source_url or claim.export_source_title or ""

    def dehydrate_quote(self, claim):
        return claim.export_quote or ""

    def dehydrate_place(self, claim):
        return claim.export_place

    def dehydrate_metric(self, claim):
        return claim.export_metric

    def dehydrate_value(self, claim):
        return normalised_value_text(claim.value)

    def dehydrate_value_max(self, claim):
        return normalised_value_text(claim.value_max)

    def dehydrate_period_start(self, claim):
        return claim.period_start.isoformat() if claim.period_start else ""

    def dehydrate_period_end(self, claim):
        return claim.period_end.isoformat()

"""Exporting claims: one query for any number of rows, text cells made safe for spreadsheets,
numbers kept as numbers in binary formats. `ClaimExportMixin` is the export half of
`curation.io.resources.ClaimResource`; releases use the same cells.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from decimal import Decimal

from django.db.models import CharField, F, FilteredRelation, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from curation.io import parsing
from curation.io.claim_rows import CLAIM_EXPORTED_COLUMNS, NUMERIC_EXPORT_COLUMNS
from curation.models import Claim

# What an exported row reads: the claim's own columns and the ones export_queryset joins in.
EXPORT_ROW_NAMES = (
    *CLAIM_EXPORTED_COLUMNS,
    "export_place",
    "export_metric",
    "export_quote",
    "export_source",
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


# Cells that cannot read as a formula (digits, dates, choice codes): only the others are escaped.
NEVER_FORMULA_COLUMNS = frozenset(
    {"id", "value", "value_max", "period_start", "period_end", "qualifier", "status", "rank"}
)


def _attribute_text(attribute: str):
    """A reader for a plain column: its value as text, empty for None."""
    field = next((field for field in Claim._meta.concrete_fields if field.attname == attribute), None)
    if isinstance(field, CharField | TextField) and not field.null:
        # Already text and never None: read in C, without a Python call per cell.
        return operator.attrgetter(attribute)

    def read(instance):
        value = getattr(instance, attribute)
        return "" if value is None else str(value)

    return read


def _date_text(value) -> str:
    return value.isoformat() if value else ""


# export_rows: the query column of each exported column, and the conversion of its cells
# (None: the column is text already and never NULL), as the dehydrate methods below give them.
_QUERY_COLUMNS = {
    "source": "export_source",
    "quote": "export_quote",
    "place": "export_place",
    "metric": "export_metric",
}
_FAST_CONVERTERS = {
    "id": str,
    "source": None,
    "place": None,
    "metric": None,
    "qualifier": None,
    "value": normalised_value_text,
    "value_max": normalised_value_text,
    "unit": None,
    "period_start": _date_text,
    "period_end": _date_text,
    "period_label": None,
    "quote": None,
    "attribution": None,
    "notes": None,
    "status": None,
    "rank": None,
}
# A text cell that starts like a formula, in a row's text cells joined by NUL (which no text holds).
_FORMULA_AFTER_SEPARATOR = re.compile("\x00[" + re.escape("".join(parsing.FORMULA_TRIGGERS)) + "]")


class ClaimExportMixin:
    """The export side of the claims resource: the queryset, the cells and their order."""

    @staticmethod
    def export_queryset(queryset=None):
        """Claims with place name, metric code and primary citation's source joined in: one query for any number."""
        queryset = Claim.objects.all() if queryset is None else queryset
        # Place name and metric code come in as columns of the one query rather than as
        # select_related objects: building two extra model instances per row would cost more
        # than writing the whole row.
        return (
            queryset.select_related(None)
            .only(*CLAIM_EXPORTED_COLUMNS)
            .annotate(
                export_place=F("place__name"),
                export_metric=F("metric__code"),
                primary_citation=FilteredRelation("citations", condition=Q(citations__is_primary=True)),
                # Empty text rather than NULL in SQL, so each cell is read without a Python call.
                export_quote=Coalesce(F("primary_citation__quote"), Value(""), output_field=TextField()),
                export_source=Coalesce(
                    NullIf(F("primary_citation__source__url"), Value("")),
                    NullIf(F("primary_citation__source__title"), Value("")),
                    Value(""),
                    output_field=TextField(),
                ),
            )
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

    def export_rows(self, queryset, selected_fields=None) -> Iterator[list]:
        """The cells `export_resource` gives for each claim of an `export_queryset`, at a fraction of its cost.

        Each row comes as a plain tuple of the exported columns in export order; only the cells that
        need Python (numbers without padding, dates, the id) are converted, by position, and the text
        cells are checked for a formula with one search over the row.
        """
        fields = self.get_export_fields(selected_fields)
        names, converters, texts = [], [], []
        for position, field in enumerate(fields):
            column = field.column_name
            name = _QUERY_COLUMNS.get(column, column)
            if (
                column not in _FAST_CONVERTERS
                or not isinstance(queryset, QuerySet)
                or queryset._prefetch_related_lookups
            ):
                # A column this path does not know: every cell by the resource's own readers.
                for instance in self.iter_queryset(queryset):
                    yield self.export_resource(instance, selected_fields=selected_fields)
                return
            names.append(name)
            if _FAST_CONVERTERS[column] is not None:
                converters.append((position, _FAST_CONVERTERS[column]))
            if column not in NEVER_FORMULA_COLUMNS:
                texts.append(position)
        text_cells = operator.itemgetter(*texts) if len(texts) > 1 else None
        search = _FORMULA_AFTER_SEPARATOR.search
        for row in queryset.values_list(*names).iterator(chunk_size=self.get_chunk_size()):
            cells = list(row)
            for position, convert in converters:
                cells[position] = convert(cells[position])
            if texts and (
                search("\x00" + "\x00".join(text_cells(cells)))
                if text_cells
                else cells[texts[0]].startswith(parsing.FORMULA_TRIGGERS)
            ):
                for position in texts:
                    cells[position] = parsing.escape_formula(cells[position])
            yield cells

    def export_field(self, field, instance, **kwargs):
        cell = super().export_field(field, instance, **kwargs)
        if kwargs.get("force_native_type") and field.column_name in NUMERIC_EXPORT_COLUMNS:
            # Binary formats (XLSX) get real numbers, so a negative value stays a number there.
            return spreadsheet_number(cell)
        return cell

    def export_resource(self, instance, selected_fields=None, **kwargs):
        # The same cells as export_field gives, from a plan worked out once per export rather
        # than once per row and field (django-import-export recomputes the field order per row).
        readers, escaped, numeric = self._export_plan(selected_fields)
        row = [read(instance) for read in readers]
        for position in escaped:
            cell = row[position]
            if isinstance(cell, str) and cell.startswith(parsing.FORMULA_TRIGGERS):
                row[position] = parsing.escape_formula(cell)
        if kwargs.get("force_native_type"):
            for position in numeric:
                row[position] = spreadsheet_number(row[position])
        return row

    def _export_plan(self, selected_fields):
        """The cell readers, the positions of cells to make formula-safe and of numeric cells."""
        key = tuple(selected_fields) if selected_fields else None
        plans = self.__dict__.setdefault("_export_plans", {})
        if key not in plans:
            readers, escaped, numeric = [], [], []
            for position, field in enumerate(self.get_export_fields(selected_fields)):
                method = field.get_dehydrate_method(self.get_field_name(field))
                method = method if callable(method) else getattr(self, method, None)
                readers.append(method or _attribute_text(field.attribute))
                if field.column_name not in NEVER_FORMULA_COLUMNS:
                    escaped.append(position)
                if field.column_name in NUMERIC_EXPORT_COLUMNS:
                    numeric.append(position)
            plans[key] = (readers, escaped, numeric)
        return plans[key]

    # Columns of the query itself, never None: read in C rather than by a method per cell.
    dehydrate_source = operator.attrgetter("export_source")
    dehydrate_quote = operator.attrgetter("export_quote")
    dehydrate_place = operator.attrgetter("export_place")
    dehydrate_metric = operator.attrgetter("export_metric")

    def dehydrate_value(self, claim):
        return normalised_value_text(claim.value)

    def dehydrate_value_max(self, claim):
        return normalised_value_text(claim.value_max)

    def dehydrate_period_start(self, claim):
        return claim.period_start.isoformat() if claim.period_start else ""

    def dehydrate_period_end(self, claim):
        return claim.period_end.isoformat()

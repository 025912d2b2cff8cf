"""django-import-export resources: claims, sources, places and metrics in files with human keys.

Claims are imported in bulk mode with skip_diff: every name a file may use (source URL or
title, place name or alias, metric code) and every existing claim's natural key are loaded
once into dicts in `before_import`, so a row costs no query. Each row is read by the rules of
`curation.io.parsing` in `before_import_row`; its problems come back as a ValidationError keyed
by column, which django-import-export shows per row in the admin preview and which
`row_error_lines` turns into "row 7, place: …" lines for the command.

An import is all or nothing (`import_data` always rolls back when any row is invalid), never
approves anything (new claims are drafts; a row may change only a draft claim) and writes
history rows for what it creates or changes (created rows' history is copied inside the
database by `bulk_history.history_copy_created`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import F, FilteredRelation, Q
from django.utils import timezone
from import_export import fields, resources, widgets
from import_export.results import Result
from simple_history.utils import bulk_update_with_history

from curation import services
from curation.bulk_history import history_copy_created
from curation.io import parsing
from curation.io.tabular import Columns, ImportFileError, check_columns
from curation.models import Citation, Claim, Metric, Outlet, Place, PlaceAlias, PlaceLink, Source
from curation.text.quotes import QuoteSpan, locate_quote, normalise

CLAIM_COLUMNS = Columns(
    required=("source", "place", "metric", "value", "unit", "period_start", "period_end", "quote"),
    optional=("qualifier", "value_max", "period_label", "attribution", "notes"),
    # Written by exports and releases for readers; an import ignores them (it never sets a status).
    ignored=("id", "status", "rank"),
)
CLAIM_EXPORT_ORDER = (
    "id",
    "source",
    "place",
    "metric",
    "qualifier",
    "value",
    "value_max",
    "unit",
    "period_start",
    "period_end",
    "period_label",
    "quote",
    "attribution",
    "notes",
    "status",
    "rank",
)
# The claim columns a re-import may change on a draft claim (the rest form its natural key).
CLAIM_UPDATABLE_FIELDS = ("value", "value_max", "qualifier", "period_label", "attribution", "notes")
# The preview shows what a row states, without the columns an import ignores.
CLAIM_PREVIEW_COLUMNS = tuple(column for column in CLAIM_EXPORT_ORDER if column not in {"id", "status", "rank"})
CLAIM_BATCH_SIZE = 2000
NUMERIC_EXPORT_COLUMNS = ("id", "value", "value_max")
CLAIM_EXPORTED_COLUMNS = (
    "id",
    "qualifier",
    "value",
    "value_max",
    "unit",
    "period_start",
    "period_end",
    "period_label",
    "attribution",
    "notes",
    "status",
    "rank",
)
CLAIM_VALIDATED_FIELDS = ("value", "value_max", "unit", "period_label", "attribution")


def row_error_lines(result: Result) -> list[str]:
    """Every problem of an import result as 'row 7, place: …' lines: file problems first, then by row."""
    numbered = []
    for number, errors in result.row_errors():
        numbered.extend((number, f"row {number}: {error.error}") for error in errors)
    for invalid in result.invalid_rows:
        for column, messages in invalid.error_dict.items():
            prefix = f"row {invalid.number}" if column == NON_FIELD_ERRORS else f"row {invalid.number}, {column}"
            numbered.extend((invalid.number, f"{prefix}: {message}") for message in messages)
    numbered.sort(key=lambda item: item[0])
    return [f"file: {error.error}" for error in result.base_errors] + [line for _, line in numbered]


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
@dataclass(frozen=True)
class ExistingClaim:
    pk: int
    status: str
    compared: tuple


@dataclass
class ParsedClaim:
    """One row read into claim values, or the problems that stop it, by column."""

    values: dict = field(default_factory=dict)
    source_id: int | None = None
    quote: str = ""
    span: QuoteSpan | None = None
    key: tuple | None = None
    errors: dict = field(default_factory=dict)


def claim_key(*, source_id, place_id, metric_id, period_start, period_end, unit, quote, normalised_quote=None) -> tuple:
    """The natural key that decides a claim's identity: source, place, metric, period, quote and unit.

    The unit belongs to the key because one sentence can state a figure and its conversion
    ("93.16 billion yuan ($13.36 billion)"): two claims, same quote, different units.
    """
    return (source_id, place_id, metric_id, period_start, period_end, unit, normalised_quote or normalise(quote))


def _attribute_text(attribute: str):
    """A reader for a plain column: its value as text, empty for None."""

    def read(instance):
        value = getattr(instance, attribute)
        return "" if value is None else str(value)

    return read


def comparable_text(value: str) -> str:
    """Text as a file carries it: line breaks as LF and no outer spacing. The admin's text box
    stores Windows line breaks, an XLSX cell keeps only LF and the import strips cells, so an
    export re-imports as no change in every format."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def _compared(values: dict) -> tuple:
    return tuple(
        comparable_text(value) if isinstance(value, str) else value
        for value in (values.get(name) for name in CLAIM_UPDATABLE_FIELDS)
    )


def locate_quote_fast(quote: str, body: str, *, normalised_quote: str | None = None) -> QuoteSpan | None:
    """Where the quote stands; a verbatim match is found without normalising the whole text."""
    position = body.find(quote)
    if normalised_quote is None:
        normalised_quote = normalise(quote)
    if position >= 0 and normalised_quote == quote:
        return QuoteSpan(start=position, end=position + len(quote))
    return locate_quote(quote, body)


class ClaimLookups:
    """Every name a claims file may use, and every existing claim's key, loaded once."""

    def __init__(self, *, source_names: set[str]):
        self.source_by_url: dict[str, int] = {}
        self.sources_by_title: dict[str, list[int]] = defaultdict(list)
        self.source_titles: dict[int, str] = {}
        for pk, url, title in Source.objects.values_list("pk", "url", "title").iterator(chunk_size=5000):
            if url:
                self.source_by_url[url] = pk
            self.sources_by_title[title.strip().lower()].append(pk)
            self.source_titles[pk] = title
        wanted_ids = {self.source_by_url[name] for name in source_names if name in self.source_by_url}
        for name in source_names:
            wanted_ids.update(self.sources_by_title.get(name.lower(), ()))
        self.bodies: dict[int, str] = dict(Source.objects.filter(pk__in=wanted_ids).values_list("pk", "body"))

        self.place_by_name: dict[str, int] = {}
        for pk, name in Place.objects.values_list("pk", "name"):
            self.place_by_name[name.strip().lower()] = pk
        for place_id, name in PlaceAlias.objects.values_list("place_id", "name"):
            self.place_by_name.setdefault(name.strip().lower(), place_id)
        self.place_names = list(Place.objects.values_list("name", flat=True)) + list(
            PlaceAlias.objects.values_list("name", flat=True)
        )
        self.metric_by_code: dict[str, Metric] = {metric.code: metric for metric in Metric.objects.all()}

        self.claims: dict[tuple, ExistingClaim] = {}
        primary_citations = Citation.objects.filter(is_primary=True).values_list(
            "claim_id",
            "source_id",
            "claim__place_id",
            "claim__metric_id",
            "claim__period_start",
            "claim__period_end",
            "claim__unit",
            "quote",
            "claim__status",
            *(f"claim__{name}" for name in CLAIM_UPDATABLE_FIELDS),
        )
        for row in primary_citations.iterator(chunk_size=5000):
            claim_id, source_id, place_id, metric_id, start, end, unit, quote, status, *compared = row
            key = claim_key(
                source_id=source_id,
                place_id=place_id,
                metric_id=metric_id,
                period_start=start,
                period_end=end,
                unit=unit,
                quote=quote,
            )
            self.claims[key] = ExistingClaim(
                pk=claim_id, status=status, compared=_compared(dict(zip(CLAIM_UPDATABLE_FIELDS, compared, strict=True)))
            )

    def source_id(self, name: str) -> int:
        if name in self.source_by_url:
            return self.source_by_url[name]
        matches = self.sources_by_title.get(name.lower(), [])
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise parsing.CellError(f"{len(matches)} sources have the title '{name}'; give the source's URL instead.")
        candidates = list(self.source_by_url) + list(self.source_titles.values())
        raise parsing.CellError(parsing.unknown_message(name, "source (URL or title)", candidates))

    def place_id(self, name: str) -> int:
        found = self.place_by_name.get(name.lower())
        if found is None:
            raise parsing.CellError(parsing.unknown_message(name, "place or alias", self.place_names))
        return found

    def metric(self, code: str) -> Metric:
        found = self.metric_by_code.get(code) or self.metric_by_code.get(code.lower())
        if found is None:
            raise parsing.CellError(parsing.unknown_message(code, "metric code", list(self.metric_by_code)))
        return found


class ClaimResource(SafeExportMixin, AllOrNothingMixin, resources.ModelResource):
    """Claims with their primary citation, keyed by source, place, metric, period and quote."""

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

    def __init__(self, *, preview_values: bool = False, **kwargs):
        super().__init__(**kwargs)
        # The admin preview shows each row's cells (skip_diff leaves no diff to show); the
        # command keeps no per-row copy, so 100k rows stay within memory.
        self.preview_values = preview_values

    # ---- import ---------------------------------------------------------------------------
    def get_diff_headers(self):
        return list(CLAIM_PREVIEW_COLUMNS)

    def after_import_row(self, row, row_result, **kwargs):
        super().after_import_row(row, row_result, **kwargs)
        if not self.preview_values:
            return
        cells = {column: "" if row.get(column) is None else str(row.get(column)) for column in CLAIM_PREVIEW_COLUMNS}
        existing = self.lookups.claims.get(self.parsed.key) if self.parsed and self.parsed.key else None
        if existing is not None and row_result.import_type == row_result.IMPORT_TYPE_UPDATE:
            for column, old in zip(CLAIM_UPDATABLE_FIELDS, existing.compared, strict=True):
                if old != self.parsed.values.get(column):
                    shown = normalised_value_text(old) if isinstance(old, Decimal) else (old or "")
                    cells[column] = f"{shown} → {cells[column]}"
        row_result.diff = list(cells.values())

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not result.has_errors() and not result.has_validation_errors():
            # The claims came in with their citations: the rules run as for a claim saved by hand
            # (a dry run wrote no claim, so there is nothing to check).
            services.claims_written_in_bulk(claim_ids=self.written_ids)

    def get_user_visible_fields(self):
        return [
            self.fields[name] for name in CLAIM_EXPORT_ORDER if name in CLAIM_COLUMNS.required + CLAIM_COLUMNS.optional
        ]

    def before_import(self, dataset, **kwargs):
        check_columns(list(dataset.headers), CLAIM_COLUMNS)
        self.importing_user = kwargs.get("user")
        if self.importing_user is not None and not self.importing_user.is_authenticated:
            self.importing_user = None
        source_names = {parsing.text(value) for value in dataset["source"]}
        self.lookups = ClaimLookups(source_names=source_names)
        self.rows_by_key: dict[tuple, int] = {}
        self.parsed: ParsedClaim | None = None
        self.written_ids: list[int] = []

    def _check_import_id_fields(self, headers):
        # check_columns in before_import has already named every missing column in words.
        return

    def before_import_row(self, row, row_number=None, **kwargs):
        self.parsed = self.parse_row(row, row_number=row_number)

    def parse_row(self, row, *, row_number) -> ParsedClaim:
        parsed = ParsedClaim()
        errors = parsed.errors
        values = parsed.values
        lookups = self.lookups

        def read(column, reader, *, required=False, **options):
            raw = row.get(column)
            try:
                value = reader(raw, **options)
            except parsing.CellError as error:
                errors[column] = str(error)
                return None
            if required and value in (None, ""):
                errors[column] = "is empty; this column is required." if parsing.is_empty(raw) else "is required."
            return value

        source_name = read("source", parsing.text, required=True)
        if source_name:
            try:
                parsed.source_id = lookups.source_id(source_name)
            except parsing.CellError as error:
                errors["source"] = str(error)
        place_name = read("place", parsing.text, required=True)
        if place_name:
            try:
                values["place_id"] = lookups.place_id(place_name)
            except parsing.CellError as error:
                errors["place"] = str(error)
        metric_code = read("metric", parsing.text, required=True)
        if metric_code:
            try:
                values["metric"] = lookups.metric(metric_code)
            except parsing.CellError as error:
                errors["metric"] = str(error)
        values["value"] = read("value", parsing.parse_number, required=True)
        values["value_max"] = read("value_max", parsing.parse_number)
        values["unit"] = read("unit", parsing.text, required=True) or ""
        qualifier = read("qualifier", parsing.parse_choice, choices=Claim.Qualifier.choices, what="qualifier")
        values["qualifier"] = qualifier or Claim.Qualifier.EXACT
        values["period_start"] = read("period_start", parsing.parse_date, period_end=False)
        values["period_end"] = read("period_end", parsing.parse_date, period_end=True, required=True)
        for column in ("period_label", "attribution", "notes"):
            values[column] = read(column, parsing.text) or ""
        parsed.quote = read("quote", parsing.text, required=True) or ""

        normalised_quote = normalise(parsed.quote)
        if parsed.source_id and parsed.quote and "quote" not in errors:
            parsed.span = locate_quote_fast(
                parsed.quote, lookups.bodies[parsed.source_id], normalised_quote=normalised_quote
            )
            if parsed.span is None:
                title = lookups.source_titles[parsed.source_id]
                errors["quote"] = (
                    f"is not in the text of the source '{title}' (checked ignoring spacing and quote marks)."
                )

        if not errors:
            parsed.key = claim_key(
                source_id=parsed.source_id,
                place_id=values["place_id"],
                metric_id=values["metric"].pk,
                period_start=values["period_start"],
                period_end=values["period_end"],
                unit=values["unit"],
                quote=parsed.quote,
                normalised_quote=normalised_quote,
            )
            earlier = self.rows_by_key.get(parsed.key)
            if earlier is not None:
                errors[NON_FIELD_ERRORS] = (
                    f"repeats row {earlier} (same source, place, metric, period, unit and quote); remove one of them."
                )
            else:
                self.rows_by_key[parsed.key] = row_number
        return parsed

    def get_instance(self, instance_loader, row):
        parsed = self.parsed
        existing = self.lookups.claims.get(parsed.key) if parsed.key else None
        if existing is None:
            return None
        claim = Claim(pk=existing.pk, status=existing.status)
        claim.import_existing = existing
        return claim

    def import_instance(self, instance, row, **kwargs):
        parsed = self.parsed
        if parsed.errors:
            raise ValidationError(parsed.errors)
        for name, value in parsed.values.items():
            setattr(instance, name, value)
        existing = getattr(instance, "import_existing", None)
        if existing and existing.status != Claim.Status.DRAFT and existing.compared != _compared(parsed.values):
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: f"changes claim #{existing.pk}, which is {existing.status}; an import only "
                    "changes draft claims. Edit it in the admin, or leave this row out."
                }
            )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        existing = getattr(instance, "import_existing", None)
        return existing is not None and existing.compared == _compared(self.parsed.values)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        if import_validation_errors:
            # The row could not be read; checking the half-filled claim would only add noise.
            raise ValidationError(import_validation_errors)
        errors = {}
        # Only the columns an import sets are checked (lengths, precision): the rest of
        # clean_fields() would re-check foreign keys with a query per row.
        for name in CLAIM_VALIDATED_FIELDS:
            value = getattr(instance, name)
            if value in (None, ""):
                continue
            try:
                Claim._meta.get_field(name).run_validators(value)
            except ValidationError as error:
                errors[name] = error.messages
        if not errors:
            try:
                instance.clean()
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        instance.updated_by = self.importing_user
        if is_create:
            instance.status = Claim.Status.DRAFT
            instance.created_by = self.importing_user
            parsed = self.parsed
            instance.import_citation = Citation(
                source_id=parsed.source_id,
                quote=parsed.quote,
                is_primary=True,
                quote_start=parsed.span.start,
                quote_end=parsed.span.end,
            )
        super().save_instance(instance, is_create, row, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            # Every rule was checked row by row; a dry run writes nothing, so it costs no more
            # than the real import.
            self.create_instances.clear()
            return
        try:
            claims = Claim.objects.bulk_create(self.create_instances, batch_size=batch_size)
            citations = []
            for claim in claims:
                citation = claim.import_citation
                citation.claim_id = claim.pk
                citations.append(citation)
            Citation.objects.bulk_create(citations, batch_size=batch_size)
            self.written_ids += [claim.pk for claim in claims]
            user = self.importing_user
            history_copy_created(model=Claim, ids=[claim.pk for claim in claims], user=user, reason="import")
            history_copy_created(model=Citation, ids=[item.pk for item in citations], user=user, reason="import")
        except Exception as error:  # reported as a file error and rolled back by import_data
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            self.update_instances.clear()
            return
        try:
            # The history rows need every column, so the claims are loaded whole (one query a batch).
            stored = Claim.objects.in_bulk([claim.pk for claim in self.update_instances])
            changed = []
            for pending in self.update_instances:
                claim = stored[pending.pk]
                for name in (*CLAIM_UPDATABLE_FIELDS, "updated_by"):
                    setattr(claim, name, getattr(pending, name))
                claim.updated_at = timezone.now()
                changed.append(claim)
            self.written_ids += [claim.pk for claim in changed]
            bulk_update_with_history(
                changed,
                Claim,
                [*CLAIM_UPDATABLE_FIELDS, "updated_by", "updated_at"],
                batch_size=batch_size,
                default_user=self.importing_user,
                default_change_reason="import",
            )
        except Exception as error:  # reported as a file error and rolled back by import_data
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    # ---- export ---------------------------------------------------------------------------
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

"""Importing claims with django-import-export, one job per mixin: reading and checking each row
(`ClaimRowCheckMixin`), writing the checked rows in bulk with their history and citations, then
running the contradiction rules or, in a chunked import, keeping the written ids for the check its
caller queues (`ClaimBulkSaveMixin`), and the admin's preview of each row (`ClaimPreviewMixin`).
`curation.io.resources.ClaimResource` puts them together.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models.base import ModelState
from django.utils import timezone
from import_export.results import RowResult
from simple_history.utils import bulk_update_with_history

from curation import services
from curation.db.bulk_history import history_copy_created
from curation.db.bulk_insert import bulk_insert
from curation.io import parsing
from curation.io.claim_rows import (
    CLAIM_COLUMNS,
    CLAIM_EXPORT_ORDER,
    CLAIM_PREVIEW_COLUMNS,
    CLAIM_UPDATABLE_FIELDS,
    CLAIM_VALIDATED_FIELDS,
    ClaimLookups,
    ParsedClaim,
    compared_values,
    parse_claim_row,
)
from curation.io.tabular import ImportFileError, check_columns
from curation.models import Citation, Claim
from curation.text.formatting import format_number


def _period_ends(cells) -> set:
    """The period ends a batch's cells give (cells that are not a date are the rows' own errors)."""
    ends = set()
    for cell in cells:
        try:
            ends.add(parsing.parse_date(cell, period_end=True))
        except parsing.CellError:
            continue
    ends.discard(None)
    return ends


def _unsaved_copy(blank):
    """A new unsaved instance holding the blank's values.

    `copy.copy` of a model goes through `Model.__reduce__` (the pickling path) and costs about
    eight times this; an import makes two instances a row.
    """
    instance = blank.__class__.__new__(blank.__class__)
    instance.__dict__.update(blank.__dict__)
    instance._state = ModelState()
    return instance


class ClaimRowResult(RowResult):
    """A row's result without the claim's text: django-import-export keeps it for admin log
    entries, which an import of claims does not write (the claims' history records it)."""

    def add_instance_info(self, instance):
        if instance is not None:
            self.object_id = instance.pk


class ClaimRowCheckMixin:
    """Reads each row (names looked up in dicts loaded once) and refuses what breaks a rule."""

    def get_row_result_class(self):
        return ClaimRowResult

    def before_import(self, dataset, **kwargs):
        check_columns(list(dataset.headers), CLAIM_COLUMNS)
        self.importing_user = kwargs.get("user")
        if self.importing_user is not None and not self.importing_user.is_authenticated:
            self.importing_user = None
        source_names = {parsing.text(value) for value in dataset["source"]}
        if getattr(self, "continues_file", False):
            # A later chunk of the same file (io.chunked): the names, the existing claims and the
            # keys of the rows read so far carry over; only new sources' texts are loaded.
            self.lookups.load_bodies(source_names)
        else:
            self.lookups = ClaimLookups(source_names=source_names)
            self.rows_by_key: dict[tuple, int] = {}
        # The existing claims these rows could repeat (no duplicate on re-import): one query per batch.
        self.lookups.load_claims(
            source_ids=self.lookups.source_ids(source_names), period_ends=_period_ends(dataset["period_end"])
        )
        self.parsed: ParsedClaim | None = None
        self.written_ids: list[int] = []
        # New rows are copies of these: Model.__init__ works out every field's default on each
        # call, which costs about three times a copy (and 100,000 rows make 200,000 instances).
        user_id = getattr(self.importing_user, "pk", None)
        # A new claim is a draft created by the importing user (set by id: the user is the same for every row).
        self.blank_claim = Claim(status=Claim.Status.DRAFT, created_by_id=user_id, updated_by_id=user_id)
        self.blank_citation = Citation(is_primary=True)

    def init_instance(self, row=None):
        return _unsaved_copy(self.blank_claim)

    def _check_import_id_fields(self, headers):
        # check_columns in before_import has already named every missing column in words.
        return

    def before_import_row(self, row, row_number=None, **kwargs):
        # Rows are numbered across the file when it comes in chunks (io.chunked sets row_offset).
        number = getattr(self, "row_offset", 0) + (row_number or 0)
        self.parsed = parse_claim_row(row, row_number=number, lookups=self.lookups, rows_by_key=self.rows_by_key)

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
        if existing and existing.status != Claim.Status.DRAFT and existing.compared != compared_values(parsed.values):
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
        return existing is not None and existing.compared == compared_values(self.parsed.values)

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


class ClaimBulkSaveMixin:
    """Writes the checked rows in bulk: new drafts with their primary citation, changed drafts,
    history rows for both; then the contradiction rules over what was written."""

    def save_instance(self, instance, is_create, row, **kwargs):
        if is_create:
            # A copy of blank_claim: a draft, created and updated by the importing user.
            parsed = self.parsed
            citation = _unsaved_copy(self.blank_citation)
            citation.source_id = parsed.source_id
            citation.quote = parsed.quote
            citation.quote_start = parsed.span.start
            citation.quote_end = parsed.span.end
            instance.import_citation = citation
        else:
            instance.updated_by = self.importing_user
        super().save_instance(instance, is_create, row, **kwargs)

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if dry_run:
            # Every rule was checked row by row; a dry run writes nothing, so it costs no more
            # than the real import.
            self.create_instances.clear()
            return
        try:
            claims = bulk_insert(Claim, self.create_instances, batch_size=batch_size)
            citations = []
            for claim in claims:
                citation = claim.import_citation
                citation.claim_id = claim.pk
                citations.append(citation)
            bulk_insert(Citation, citations, batch_size=batch_size)
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
            # The history rows need every column, so the claims are loaded whole (one query a batch),
            # locked: a claim changed since the file was checked is not overwritten.
            stored = Claim.objects.select_for_update().in_bulk([claim.pk for claim in self.update_instances])
            changed = []
            for pending in self.update_instances:
                claim = stored[pending.pk]
                existing = pending.import_existing
                now = compared_values({name: getattr(claim, name) for name in CLAIM_UPDATABLE_FIELDS})
                if claim.status != existing.status or now != existing.compared:
                    raise ImportFileError(
                        f"Claim #{claim.pk} was changed by someone else while this file was being imported; "
                        "nothing was imported. Import the file again to check it against the current claims."
                    )
                for name in (*CLAIM_UPDATABLE_FIELDS, "updated_by"):
                    setattr(claim, name, getattr(pending, name))
                claim.updated_at = timezone.now()
                # Optimistic concurrency: a bulk update bypasses save(), so the version moves on
                # here; a change page opened before the import then refuses to save over it.
                claim.version += 1
                changed.append(claim)
            self.written_ids += [claim.pk for claim in changed]
            bulk_update_with_history(
                changed,
                Claim,
                [*CLAIM_UPDATABLE_FIELDS, "updated_by", "updated_at", "version"],
                batch_size=batch_size,
                default_user=self.importing_user,
                default_change_reason="import",
            )
        except Exception as error:  # reported as a file error and rolled back by import_data
            self.handle_import_error(result, error, raise_errors)
        finally:
            self.update_instances.clear()

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if not result.has_errors() and not result.has_validation_errors():
            # The claims came in with their citations: the rules run as for a claim saved by hand
            # (a dry run wrote no claim, so there is nothing to check). A file imported in chunks
            # (io.chunked: the command and the admin's import job) keeps the ids of everything it
            # wrote, and its caller queues one check of them for when the import has committed.
            if getattr(self, "defer_detection", False):
                self.deferred_ids = [*getattr(self, "deferred_ids", []), *self.written_ids]
            else:
                services.claims_written_in_bulk(claim_ids=self.written_ids)


class ClaimPreviewMixin:
    """What the admin shows before an import is confirmed: each row's cells, changes marked."""

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
                    # The stored figure as the article writes it, beside the cell as typed.
                    shown = format_number(old) if isinstance(old, Decimal) else (old or "")
                    cells[column] = f"{shown} → {cells[column]}"
        row_result.diff = list(cells.values())

    def get_user_visible_fields(self):
        return [
            self.fields[name] for name in CLAIM_EXPORT_ORDER if name in CLAIM_COLUMNS.required + CLAIM_COLUMNS.optional
        ]

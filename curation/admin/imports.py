"""Admin pieces for import and export: mixins that give each model admin django-import-export's flow.

Import and export are django-import-export's own flow (upload, dry-run preview, confirm);
these mixins choose the resources and formats, and judge an uploaded file (size, encoding,
format, columns) before django-import-export reads it, so a bad file gets a message, not a
traceback.
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.results import RowResult

from curation.io.resources import (
    ClaimResource,
    MetricResource,
    PlaceResource,
    SourceResource,
    check_file_columns,
    row_error_lines,
)
from curation.io.tabular import ImportFileError, read_dataset

MAX_LISTED_PROBLEMS = 20


def size_text(size: int) -> str:
    """A size in the unit that suits it, with the exact bytes: '3.9 KB (4004 bytes)'."""
    # filesizeformat joins number and unit with a no-break space; messages use a plain one.
    readable = filesizeformat(size).replace("\xa0", " ")
    return readable if readable.endswith("bytes") else f"{readable} ({size} bytes)"


class CheckedImportForm(ImportForm):
    """django-import-export's upload form, refusing oversized and unreadable files with a reason."""

    def __init__(self, formats, resources, **kwargs):
        super().__init__(formats, resources, **kwargs)
        self.import_formats = formats
        self.import_resources = resources

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("import_file")
        if upload is None:
            return cleaned
        limit = settings.IMPORT_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                {
                    "import_file": f"The file is {size_text(upload.size)}; uploads are limited to "
                    f"{size_text(limit)}, setting IMPORT_MAX_UPLOAD_BYTES. Import larger files "
                    "with 'python manage.py import_claims FILE'."
                }
            )
        data = b"".join(upload.chunks())
        upload.seek(0)
        chosen_format = self.import_formats[int(cleaned.get("format") or 0)]
        extension = chosen_format().get_extension()
        if not upload.name.lower().endswith(f".{extension}"):
            raise ValidationError(
                {"format": f"The file '{upload.name}' does not end in .{extension}: choose the format that matches it."}
            )
        resource_class = self.import_resources[int(cleaned.get("resource") or 0)]
        try:
            dataset = read_dataset(data, file_name=upload.name)
            check_file_columns(resource_class, list(dataset.headers))
        except ImportFileError as error:
            raise ValidationError({"import_file": str(error)}) from error
        return cleaned


class CheckedImportExportMixin(ImportMixin, ExportActionMixin):
    """Import and export with the portal's resources, checked uploads and the right permissions.

    ExportActionMixin adds "Export selected …" to the changelist actions beside the Export
    button, which exports the filtered changelist.
    """

    import_form_class = CheckedImportForm
    # Both buttons on the changelist (ImportMixin alone would show only Import).
    import_export_change_list_template = "admin/import_export/change_list_import_export.html"
    # Keep Django's change form (other features add their own buttons there); export from the list.
    change_form_template = None
    show_change_form_export = False
    import_formats = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]
    export_formats = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]

    def process_import(self, request, **kwargs):
        """The confirm step: re-check the previewed file against the data as it is now.

        Between preview and confirm the data may change (a draft the file changes is submitted
        in another tab), the confirm may be pressed twice or its form be stale. Each ends in a
        message saying what was written, or that nothing was and why; never in an error page.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        stored_name = confirm_form.data.get("import_file_name", "")
        if confirm_form.is_valid() and self._previewed_file_exists(stored_name):
            return super().process_import(request, **kwargs)
        messages.error(
            request,
            "This import was already confirmed, or its preview is no longer available. Nothing was "
            "written by this confirm; upload the file again to import it.",
        )
        return HttpResponseRedirect(self._changelist_url())

    def _previewed_file_exists(self, name: str) -> bool:
        # The name comes from the form: only a file directly in the temporary folder is read
        # (django-import-export would open any path it is given).
        if not name:
            return False
        storage = self.get_tmp_storage_class()(name=name, **self.get_tmp_storage_class_kwargs())
        if not hasattr(storage, "get_full_path"):
            return True
        path = Path(storage.get_full_path()).resolve()
        return path.parent == Path(tempfile.gettempdir()).resolve() and path.is_file()

    def _changelist_url(self) -> str:
        return reverse("admin:{}_{}_changelist".format(*self.get_model_info()), current_app=self.admin_site.name)

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            problems = row_error_lines(result)
            listed = "; ".join(problems[:MAX_LISTED_PROBLEMS])
            more = f" (and {len(problems) - MAX_LISTED_PROBLEMS} more)" if len(problems) > MAX_LISTED_PROBLEMS else ""
            messages.error(
                request,
                f"Import refused: the data changed since the preview. Nothing was written. {listed}{more}",
            )
            return HttpResponseRedirect(self._changelist_url())
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            f"Import finished: {totals[RowResult.IMPORT_TYPE_NEW]} new, {totals[RowResult.IMPORT_TYPE_UPDATE]} "
            f"updated, {totals[RowResult.IMPORT_TYPE_SKIP]} unchanged {self.model._meta.verbose_name_plural} "
            "written as checked at confirm.",
        )


class ClaimImportExportMixin(CheckedImportExportMixin):
    resource_classes = [ClaimResource]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "preview_values": True}


class SourceImportExportMixin(CheckedImportExportMixin):
    resource_classes = [SourceResource]


class PlaceImportExportMixin(CheckedImportExportMixin):
    resource_classes = [PlaceResource]


class MetricImportExportMixin(CheckedImportExportMixin):
    resource_classes = [MetricResource]

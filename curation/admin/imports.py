"""Admin pieces for import and export: mixins that give each model admin django-import-export's flow.

Import and export are django-import-export's own flow (upload, dry-run preview, confirm);
these mixins choose the resources and formats, and judge an uploaded file (size, encoding,
format, columns) before django-import-export reads it, so a bad file gets a message, not a
traceback.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm

from curation.io.resources import ClaimResource, MetricResource, PlaceResource, SourceResource, check_file_columns
from curation.io.tabular import ImportFileError, read_dataset


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

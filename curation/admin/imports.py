"""Admin pieces for import and export: mixins that give each model admin django-import-export's flow.

Import and export are django-import-export's own flow (upload, dry-run preview, confirm), with
the preview and the import run as background jobs (curation.jobs): the upload request checks
only the file's size and name and queues the preview job, which reads the file strictly and
checks every row; the preview page is filled from that job, and confirming queues the import.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export.admin import ExportActionMixin, ImportMixin
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.results import Error, Result, RowResult

from curation.admin.base import with_pages
from curation.admin.jobs import job_page_url
from curation.io.releases import csv_bytes
from curation.io.resources import (
    RESOURCES_BY_NAME,
    ClaimResource,
    MetricResource,
    PlaceResource,
    SourceResource,
)
from curation.jobs.runner import job_create, job_enqueue, job_start
from curation.models import Job

RESOURCE_NAMES = {resource: name for name, resource in RESOURCES_BY_NAME.items()}


def size_text(size: int) -> str:
    """A size in the unit that suits it, with the exact bytes: '3.9 KB (4004 bytes)'."""
    # filesizeformat joins number and unit with a no-break space; messages use a plain one.
    readable = filesizeformat(size).replace("\xa0", " ")
    return readable if readable.endswith("bytes") else f"{readable} ({size} bytes)"


class CheckedImportForm(ImportForm):
    """django-import-export's upload form, refusing oversized files and a wrong format choice with a reason."""

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
        chosen_format = self.import_formats[int(cleaned.get("format") or 0)]
        extension = chosen_format().get_extension()
        if not upload.name.lower().endswith(f".{extension}"):
            raise ValidationError(
                {"format": f"The file '{upload.name}' does not end in .{extension}: choose the format that matches it."}
            )
        # Reading and checking the file (encoding, structure, columns, every row) is the preview
        # job's first step: the upload request returns at once, however large the file.
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
    # The library's export page with its "Select all" inline handler replaced by a static script.
    export_template_name = "admin/curation/export.html"
    import_formats = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]
    export_formats = [base_formats.CSV, base_formats.XLSX, base_formats.JSON]

    # ---- import as background jobs -------------------------------------------------------
    # The upload request only checks the file's size and name and queues a preview job; the
    # preview page is django-import-export's own, filled from the job's result; confirming
    # queues the import job, which checks every row again against the data as it is then.

    def _kind(self) -> str:
        return RESOURCE_NAMES[self.get_import_resource_classes(None)[0]]

    def _changelist_url(self) -> str:
        return reverse("admin:{}_{}_changelist".format(*self.get_model_info()), current_app=self.admin_site.name)

    def get_urls(self):
        name = "{}_{}_import_preview".format(*self.get_model_info())
        return with_pages(self, super().get_urls(), ("import/preview/<int:object_id>/", self.import_preview_view, name))

    def import_action(self, request, **kwargs):
        if request.method != "POST":
            return super().import_action(request, **kwargs)
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = self.create_import_form(request)
        if not form.is_valid():
            return super().import_action(request, **kwargs)
        upload = form.cleaned_data["import_file"]
        job = job_start(
            kind=Job.Kind.IMPORT_PREVIEW,
            user=request.user,
            parameters={"kind": self._kind()},
            input_name=upload.name,
            input_data=b"".join(upload.chunks()),
        )
        return HttpResponseRedirect(job_page_url(job))

    def _preview_job(self, request, job_id) -> Job | None:
        job = (
            Job.objects.filter(pk=job_id, kind=Job.Kind.IMPORT_PREVIEW, parameters__kind=self._kind())
            .select_related("started_by")
            .defer("input_data")
            .first()
        )
        if job is None or not (job.started_by_id == request.user.pk or request.user.is_superuser):
            return None
        return job

    def import_preview_view(self, request, object_id):
        """django-import-export's preview page for a finished preview job, with its confirm form."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        job = self._preview_job(request, object_id)
        if job is None:
            messages.error(request, "There is no such import preview of yours; upload the file again.")
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))
        if job.state != Job.State.DONE:
            return HttpResponseRedirect(job_page_url(job))
        confirmation = Job.objects.filter(preview=job).defer("input_data").first()
        if confirmation is not None:
            messages.warning(request, f"This import was already confirmed: see {confirmation}.")
            return HttpResponseRedirect(job_page_url(confirmation))
        context = self.get_import_context_data()
        context.update(self.admin_site.each_context(request))
        context.update(
            {
                "title": f"Import preview: {job.input_name}",
                "opts": self.model._meta,
                "result": preview_result(job.result),
                "import_error_display": self.import_error_display,
                "preview_job": job,
                "fields_list": [],
            }
        )
        if job.result.get("ok"):
            context["confirm_form"] = ConfirmJobForm(initial={"preview_job": job.pk})
        request.current_app = self.admin_site.name
        return TemplateResponse(request, ["admin/curation/import_preview.html"], context)

    def process_import(self, request, **kwargs):
        """The confirm step: queue the import of a previewed file, once.

        Between preview and confirm the data may change (a draft the file changes is submitted
        in another tab); the import job checks every row again and says what it wrote, or that
        nothing was and why. A second press or a stale form gets a message, never an error page.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = ConfirmJobForm(request.POST)
        preview = self._preview_job(request, form.data.get("preview_job")) if form.is_valid() else None
        if preview is None or preview.state != Job.State.DONE or not preview.result.get("ok"):
            messages.error(
                request,
                "This import's preview is no longer available (or never passed its checks). Nothing was "
                "written by this confirm; upload the file again to import it.",
            )
            return HttpResponseRedirect(reverse("admin:{}_{}_import".format(*self.get_model_info())))
        try:
            with transaction.atomic():
                job = job_create(kind=Job.Kind.IMPORT, user=request.user, preview=preview)
        except IntegrityError:
            earlier = Job.objects.filter(preview=preview).defer("input_data").first()
            messages.warning(
                request,
                f"This import was already confirmed ({earlier}); confirming it again wrote nothing more.",
            )
            return HttpResponseRedirect(job_page_url(earlier) if earlier else self._changelist_url())
        job_enqueue(job)
        return HttpResponseRedirect(job_page_url(job))


class ConfirmJobForm(forms.Form):
    """The confirm step's form: which preview to import (its file and checks are on the job)."""

    preview_job = forms.IntegerField(widget=forms.HiddenInput)


def preview_result(payload: dict) -> Result:
    """django-import-export's Result, rebuilt from what a preview job kept, for its preview template."""
    result = Result()
    result.diff_headers = payload.get("diff_headers", [])
    result.total_rows = payload.get("rows", 0)
    result.totals.update(payload.get("totals", {}))
    for message in payload.get("base_errors", []):
        result.append_base_error(Error(message))
    # Errors raised while saving a row are listed with the file's errors, each naming its row.
    for row_error in payload.get("row_errors", []):
        for message in row_error["messages"]:
            result.append_base_error(Error(f"row {row_error['number']}: {message}"))
    for invalid in payload.get("invalid_rows", []):
        values = dict(zip(result.diff_headers, invalid["values"], strict=False))
        result.append_invalid_row(invalid["number"], values, ValidationError(invalid["errors"]))
    for stored in payload.get("valid_rows", []):
        row = RowResult()
        row.import_type = stored["type"]
        row.diff = stored["diff"]
        result.append_row_result(row)
    return result


class ClaimImportExportMixin(CheckedImportExportMixin):
    resource_classes = [ClaimResource]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "preview_values": True}

    def get_export_data(self, file_format, request, queryset, **kwargs):
        if not isinstance(file_format, base_formats.CSV):
            return super().get_export_data(file_format, request, queryset, **kwargs)
        if not self.has_export_permission(request):
            raise PermissionDenied
        # A CSV is written row by row from the resource's cells: django-import-export would first
        # gather every row in a tablib Dataset, which costs more time and memory than the file.
        form = kwargs.get("export_form")
        resource = self.choose_export_resource_class(form, request)(**self.get_export_resource_kwargs(request))
        selected = self.get_export_resource_fields_from_form(form)
        rows = resource.export_rows(resource.filter_export(queryset), selected_fields=selected)
        return csv_bytes(resource.get_export_headers(selected_fields=selected), rows)


class SourceImportExportMixin(CheckedImportExportMixin):
    resource_classes = [SourceResource]


class PlaceImportExportMixin(CheckedImportExportMixin):
    resource_classes = [PlaceResource]


class MetricImportExportMixin(CheckedImportExportMixin):
    resource_classes = [MetricResource]

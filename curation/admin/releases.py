"""Admin for releases: read-only published versions with their files; 'Add' publishes the next one."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from curation.admin.base import with_pages
from curation.admin.jobs import job_page_url
from curation.io.releases import PUBLISH_PERMISSION, release_file_response
from curation.jobs.runner import job_start
from curation.models import Job, Release


class PublishReleaseForm(forms.ModelForm):
    include_deprecated = forms.BooleanField(
        required=False, help_text="Deprecated claims are left out unless this is ticked."
    )

    class Meta:
        model = Release
        fields = ["title", "description"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Published releases, read-only, with their files for download; 'Add' publishes the next one."""

    list_display = ["version", "title", "published_at", "published_by", "claim_count", "change_summary"]
    list_select_related = ["published_by"]
    readonly_fields = [
        "version",
        "title",
        "description",
        "published_by",
        "published_at",
        "claim_count",
        "change_summary",
        "changed_claims",
        "downloads",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("published_by")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PublishReleaseForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["title", "description", "include_deprecated"]
        return self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj is not None else []

    def has_add_permission(self, request):
        return request.user.has_perm(PUBLISH_PERMISSION)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # Building the files of a large dataset takes longer than a request may: a job publishes it.
        obj.publish_job = job_start(
            kind=Job.Kind.RELEASE,
            user=request.user,
            parameters={
                "title": form.cleaned_data["title"],
                "description": form.cleaned_data["description"],
                "include_deprecated": form.cleaned_data["include_deprecated"],
            },
        )

    def response_add(self, request, obj, post_url_continue=None):
        job = obj.publish_job
        self.message_user(request, f"{job} queued: the release is published when it is done.")
        return redirect(job_page_url(job))

    def log_addition(self, request, obj, message):
        return None

    def save_related(self, request, form, formsets, change):
        return

    @admin.display(description="changes since previous")
    def change_summary(self, release):
        changes = release.changes
        return (
            f"{len(changes.get('added', []))} added, {len(changes.get('removed', []))} removed, "
            f"{len(changes.get('changed', []))} changed"
        )

    @admin.display(description="changed claims")
    def changed_claims(self, release):
        changes = release.changes
        parts = [
            ("Added", ", ".join(f"#{pk}" for pk in changes.get("added", [])) or "none"),
            ("Removed", ", ".join(f"#{pk}" for pk in changes.get("removed", [])) or "none"),
            (
                "Changed",
                "; ".join(f"#{item['id']} ({', '.join(item['columns'])})" for item in changes.get("changed", []))
                or "none",
            ),
        ]
        return format_html_join("", "<p><strong>{}:</strong> {}</p>", parts)

    @admin.display(description="files")
    def downloads(self, release):
        files = release.files.defer("content")
        rows = [
            (
                reverse("admin:curation_release_download", args=[release.pk, item.name]),
                item.name,
                item.size,
                item.sha256,
            )
            for item in files
        ]
        return format_html(
            "<table>{}</table>",
            format_html_join(
                "", '<tr><td><a href="{}">{}</a></td><td>{} bytes</td><td><code>sha256 {}</code></td></tr>', rows
            ),
        )

    def get_urls(self):
        return with_pages(
            self,
            super().get_urls(),
            ("<int:release_id>/files/<str:name>", self.download_view, "curation_release_download"),
        )

    def download_view(self, request, release_id, name):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return release_file_response(release=get_object_or_404(Release, pk=release_id), name=name)

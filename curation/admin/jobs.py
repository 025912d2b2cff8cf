"""Admin for background jobs: the list, a page per job with a live progress bar, cancel and run again.

The page polls `<id>/status.json` from a static script (curation/static/curation/job-progress.js;
the site's Content-Security-Policy allows no inline script). Everything the page says comes from
`curation.jobs.runner.job_status`; cancelling and running again are calls into the runner.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from curation.admin.base import with_pages
from curation.jobs.runner import JobRefused, job_cancel, job_retry, job_start, job_status, jobs_fail_stale
from curation.models import Job

VIEW_ALL_JOBS = "curation.view_job"
MANAGE_JOBS = "curation.change_job"


def job_page_url(job: Job) -> str:
    return reverse("admin:curation_job_change", args=[job.pk])


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "state", "started_by", "progress_text", "created_at", "outcome"]
    list_filter = ["state", "kind"]
    list_select_related = ["started_by"]
    search_fields = ["input_name", "summary", "error"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        queryset = super().get_queryset(request).without_input().select_related("started_by")
        if request.user.has_perm(VIEW_ALL_JOBS):
            return queryset
        return queryset.filter(started_by=request.user)

    # Jobs are started by the pages and commands that do the work, never added or edited here.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        if not request.user.is_active or not request.user.is_staff:
            return False
        if obj is None or request.user.has_perm(VIEW_ALL_JOBS):
            return True
        return obj.started_by_id == request.user.pk

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def may_manage(self, request, job: Job) -> bool:
        return request.user.has_perm(MANAGE_JOBS) or job.started_by_id == request.user.pk

    @admin.display(description="progress")
    def progress_text(self, job):
        if job.items_total:
            return f"{job.items_done:,} / {job.items_total:,}"
        return "—"

    @admin.display(description="outcome")
    def outcome(self, job):
        text = job.error or job.summary
        return text if len(text) <= 120 else text[:119] + "…"

    def changelist_view(self, request, extra_context=None):
        jobs_fail_stale()
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return with_pages(
            self,
            super().get_urls(),
            ("<int:object_id>/status.json", self.status_view, "curation_job_status"),
            ("<int:object_id>/cancel/", self.cancel_view, "curation_job_cancel"),
            ("<int:object_id>/retry/", self.retry_view, "curation_job_retry"),
            ("run-contradictions/", self.run_contradictions_view, "curation_job_run_contradictions"),
            ("<int:object_id>/change/", self.job_view, "curation_job_change"),
        )

    def _job_for(self, request, object_id) -> Job:
        job = get_object_or_404(Job.objects.without_input().select_related("started_by"), pk=object_id)
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return job

    def job_view(self, request, object_id):
        jobs_fail_stale()
        job = self._job_for(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "job": job,
            "status": job_status(job),
            "may_manage": self.may_manage(request, job),
        }
        return TemplateResponse(request, "admin/curation/job/job.html", context)

    def status_view(self, request, object_id):
        jobs_fail_stale()
        job = self._job_for(request, object_id)
        return JsonResponse(job_status(job), headers={"Cache-Control": "no-store"})

    def _job_to_manage(self, request, object_id) -> Job:
        job = self._job_for(request, object_id)
        if not self.may_manage(request, job):
            raise PermissionDenied
        return job

    @method_decorator(require_POST)
    def cancel_view(self, request, object_id):
        job = self._job_to_manage(request, object_id)
        self.message_user(request, job_cancel(job=job))
        return redirect(job_page_url(job))

    @method_decorator(require_POST)
    def retry_view(self, request, object_id):
        job = self._job_to_manage(request, object_id)
        try:
            job_retry(job=job)
        except JobRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, f"{job} queued again.")
        return redirect(job_page_url(job))

    def run_contradictions_view(self, request):
        return require_POST(self._run_contradictions)(request)

    def _run_contradictions(self, request):
        if not request.user.has_perm("curation.change_contradiction"):
            raise PermissionDenied
        job = job_start(kind=Job.Kind.CONTRADICTIONS, user=request.user, parameters={"dry_run": False})
        return redirect(job_page_url(job))


def job_link(job: Job) -> str:
    return format_html('<a href="{}">{}</a>', job_page_url(job), job)

"""The review workflow in the admin, one mixin per job: saving and deleting a claim through the
services (`ClaimRecordMixin`), the list's bulk actions (`ClaimWorkflowActionsMixin`), the
change page's buttons (`ClaimWorkflowButtonsMixin`), the reviewer's queue
(`ClaimReviewQueueMixin`), put together as `ClaimWorkflowAdminMixin`; citations saved on their
own page (`CitationWorkflowMixin`) and reverts that obey the workflow. The evidence views are
in `curation.admin.evidence`.

Everything here calls `curation.review.workflow` and `curation.services` and turns their
ValidationError or PermissionDenied into an admin message; no rule is decided here.
"""

from collections import defaultdict

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from curation import services
from curation.admin.base import ChoicesFilter, with_pages
from curation.models import Citation, Claim, Job
from curation.review import workflow
from curation.review.evidence_strength import claim_evidence


def _error_text(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You may not do this."


def _claims(count: int) -> str:
    return f"{count} claim" + ("" if count == 1 else "s")


class RevertThroughWorkflowMixin:
    """Reverting to an old version saves it like an edit, so the same rules and permissions apply.

    simple-history hides the Revert button from users who may only view, but accepts the POST;
    this refuses it.
    """

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, unquote(object_id))
            if obj is None or not self.has_change_permission(request, obj):
                raise PermissionDenied("You may not change this record, so you may not revert it.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class ReviewQueueFilter(ChoicesFilter):
    """Submitted claims the current user may decide on (four eyes by content, workflow.review_queue), oldest first."""

    title = "review queue"
    parameter_name = "review_queue"
    QUEUE = "mine"
    links = {QUEUE: "Awaiting my review"}

    def narrow(self, request, queryset, value):
        return workflow.review_queue(queryset, user=request.user)


class TransitionNoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 80}), required=False)


class ClaimRecordMixin(RevertThroughWorkflowMixin):
    """Editing, saving and deleting a claim go through the services; the workflow's columns are
    read-only and a retracted claim is frozen."""

    history_list_display = ["status"]
    # The rank is set by resolving a contradiction (curation.contradictions.resolution), never by hand.
    workflow_readonly_fields = ["status", "review_note", "submitted_at", "rank", "rank_reason"]

    def has_change_permission(self, request, obj=None):
        # A retracted claim is kept as it was retracted: it can be viewed, not edited or reverted.
        if obj is not None and workflow.is_frozen(obj.status):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and workflow.delete_error(status=obj.status):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *self.workflow_readonly_fields]

    def save_model(self, request, obj, form, change):
        if not change:
            return  # a new claim is saved with its citations, in save_related
        # The form refused what the service would (a stale version, an approved claim's public fields).
        services.claim_save(claim=obj, user=request.user)

    def save_related(self, request, form, formsets, change):
        citation_formsets = [formset for formset in formsets if formset.model is Citation]
        if not change:
            # The claim and its citations are saved together, so the rules know its article.
            citations = [citation for formset in citation_formsets for citation in formset.save(commit=False)]
            services.claim_save(claim=form.instance, user=request.user, citations=citations)
            form.save_m2m()
            for formset in formsets:
                if formset.model is not Citation:
                    self.save_formset(request, form, formset, change=change)
            return
        super().save_related(request, form, formsets, change)
        edited = any(f.new_objects or f.changed_objects or f.deleted_objects for f in citation_formsets)
        if edited:
            services.claim_evidence_changed(claim=form.instance, user=request.user, what="citations edited")

    def delete_model(self, request, obj):
        workflow.claim_delete(claim=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for claim in queryset:
            workflow.claim_delete(claim=claim, user=request.user)

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        kept = [
            f"{claim}: {workflow.delete_error(status=claim.status)}"
            for claim in objs
            if isinstance(claim, Claim) and workflow.delete_error(status=claim.status)
        ]
        if kept and super().has_delete_permission(request):
            # The user may delete claims; these are refused by the workflow, said in `kept`.
            perms_needed = perms_needed - {Claim._meta.verbose_name}
        return deleted, model_count, perms_needed, [*protected, *kept]


def _transition_action(action, description, *, permission):
    """The list's bulk action for one transition: straight through the workflow, or, where the
    transition needs a note, after a page that asks for it."""

    def apply(model_admin, request, queryset):
        if workflow.TRANSITIONS[action].needs_note:
            return model_admin._apply_with_note(request, queryset, action)
        return model_admin._apply_row_by_row(request, queryset, action)

    apply.__name__ = f"{action}_selected"
    return admin.action(description=description, permissions=[permission])(apply)


class ClaimWorkflowActionsMixin:
    """The claim list's bulk actions: each row through the workflow on its own, refusals grouped by reason."""

    actions = ["submit_selected", "approve_selected", "reject_selected", "revise_selected", "retract_selected"]

    # The actions are offered to users holding the transition's permission; the workflow checks again.

    def _may(self, request, action):
        return request.user.has_perm(workflow.TRANSITIONS[action].permission)

    def has_submit_permission(self, request):
        return self._may(request, "submit")

    def has_approve_permission(self, request):
        return self._may(request, "approve")

    def has_revise_permission(self, request):
        return self._may(request, "revise")

    def has_retract_permission(self, request):
        return self._may(request, "retract")

    def _apply_row_by_row(self, request, queryset, action, note=""):
        transition = workflow.TRANSITIONS[action]
        done, refused = [], defaultdict(list)
        for claim in queryset.order_by("pk"):
            try:
                workflow.claim_transition(claim=claim, user=request.user, action=action, note=note)
            except (ValidationError, PermissionDenied) as error:
                refused[_error_text(error)].append(f"#{claim.pk}")
            else:
                done.append(f"#{claim.pk}")
        total = len(done) + sum(len(ids) for ids in refused.values())
        if done:
            self.message_user(
                request, f"{len(done)} of {_claims(total)} {transition.past}: {', '.join(done)}.", messages.SUCCESS
            )
        for reason, ids in refused.items():
            self.message_user(
                request, f"{_claims(len(ids))} not {transition.past} ({', '.join(ids)}): {reason}", messages.WARNING
            )

    def _apply_with_note(self, request, queryset, action):
        transition = workflow.TRANSITIONS[action]
        form = TransitionNoteForm(request.POST if "confirm" in request.POST else None)
        if form.is_bound and form.is_valid():
            error = workflow.note_error(transition=transition, note=form.cleaned_data["note"])
            if error is None:
                self._apply_row_by_row(request, queryset, action, note=form.cleaned_data["note"])
                return None
            form.add_error("note", error)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{transition.action.capitalize()} {_claims(queryset.count())}",
            "opts": self.model._meta,
            "transition": transition,
            "claims": queryset.select_related("place", "metric").order_by("pk"),
            "form": form,
            "action": f"{action}_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/curation/claim/workflow_note_bulk.html", context)

    submit_selected = _transition_action("submit", "Submit selected claims for review", permission="submit")
    approve_selected = _transition_action("approve", "Approve selected claims", permission="approve")
    reject_selected = _transition_action("reject", "Reject selected claims (with a note)", permission="approve")
    revise_selected = _transition_action(
        "revise", "Revise selected rejected claims (back to draft)", permission="revise"
    )
    retract_selected = _transition_action(
        "retract", "Retract selected approved claims (with a reason)", permission="retract"
    )


class ClaimWorkflowButtonsMixin:
    """The change page's workflow buttons (from workflow.allowed_transitions), what blocks approval,
    and the page that asks for a note before a transition."""

    change_form_template = "admin/curation/claim/change_form.html"

    def get_urls(self):
        return with_pages(
            self,
            super().get_urls(),
            ("<path:object_id>/workflow/<str:action>/", self.transition_view, "curation_claim_transition"),
        )

    def workflow_buttons(self, request, claim, evidence=None):
        """The change page's buttons: the transitions the workflow allows this user on this claim.

        Approving a claim on weak evidence asks for the reviewer's note on its own page.
        """
        weak = evidence is not None and evidence.is_weak and evidence.independent_sources < 2
        return [
            {
                "action": transition.action,
                "label": transition.action.capitalize(),
                "needs_note": transition.needs_note or (transition.action == "approve" and weak),
                "url": reverse("admin:curation_claim_transition", args=[claim.pk, transition.action]),
            }
            for transition in workflow.allowed_transitions(claim=claim, user=request.user)
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if claim is not None:
            evidence = claim_evidence(claim)
            extra_context["evidence"] = evidence
            extra_context["workflow_buttons"] = self.workflow_buttons(request, claim, evidence)
            if claim.status == Claim.Status.SUBMITTED:
                extra_context["approval_blockers"] = workflow.approval_blockers(
                    open_contradictions=workflow.open_contradictions_of(claim),
                    has_verified_quote=workflow.has_verified_quote(claim),
                    evidence=evidence,
                    pending_checks=Job.objects.checks_pending_for(claim.pk),
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, object_id, action):
        claim = self.get_object(request, unquote(object_id))
        if claim is None or action not in workflow.TRANSITIONS:
            raise Http404("No such claim or workflow action.")
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        transition = workflow.TRANSITIONS[action]
        change_url = reverse("admin:curation_claim_change", args=[claim.pk])
        form = TransitionNoteForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            note = form.cleaned_data["note"]
            missing_note = request.user.has_perm(transition.permission) and workflow.note_error(
                transition=transition, note=note
            )
            if missing_note:
                # Asked again on the same page, so the reviewer does not lose the claim's context.
                form.add_error("note", missing_note)
            else:
                try:
                    workflow.claim_transition(claim=claim, user=request.user, action=action, note=note)
                except (ValidationError, PermissionDenied) as error:
                    self.message_user(
                        request, f"Claim #{claim.pk} not {transition.past}: {_error_text(error)}", messages.ERROR
                    )
                else:
                    self.message_user(request, f"Claim #{claim.pk} {transition.past}.", messages.SUCCESS)
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"{transition.action.capitalize()} claim #{claim.pk}",
            "opts": self.model._meta,
            "original": claim,
            "transition": transition,
            "form": form,
            "change_url": change_url,
            "evidence": claim_evidence(claim) if action == "approve" else None,
        }
        return TemplateResponse(request, "admin/curation/claim/workflow_note.html", context)


class ClaimReviewQueueMixin:
    """The reviewer's queue: a list filter, its ordering (longest waiting first) and its own URL."""

    def get_urls(self):
        return with_pages(
            self, super().get_urls(), ("review-queue/", self.review_queue_view, "curation_claim_review_queue")
        )

    def get_list_filter(self, request):
        return [ReviewQueueFilter, *super().get_list_filter(request)]

    def get_ordering(self, request):
        if request.GET.get(ReviewQueueFilter.parameter_name) == ReviewQueueFilter.QUEUE:
            return [F("submitted_at").asc(nulls_first=True), "pk"]
        return super().get_ordering(request)

    def review_queue_view(self, request):
        changelist = reverse("admin:curation_claim_changelist")
        return HttpResponseRedirect(f"{changelist}?{ReviewQueueFilter.parameter_name}={ReviewQueueFilter.QUEUE}")


class ClaimWorkflowAdminMixin(
    ClaimReviewQueueMixin, ClaimWorkflowButtonsMixin, ClaimWorkflowActionsMixin, ClaimRecordMixin
):
    """Submit, approve, reject, revise and retract claims from the list and the change page."""


class CitationForm(forms.ModelForm):
    """A citation's own page: an approved claim's public evidence is refused here, as a form error."""

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        citation = self.instance
        if citation.claim_id is None:
            return
        stored = Citation.objects.filter(pk=citation.pk).first() if citation.pk else None
        changed = ["citations"] if stored is None else [f"citation #{citation.pk}"]
        if stored is not None and not workflow.citation_changes(before=stored, after=citation):
            changed = []
        status = Claim.objects.filter(pk=citation.claim_id).values_list("status", flat=True).first()
        refused = workflow.approved_edit_error(claim_id=citation.claim_id, status=status, changed=changed)
        if refused:
            self.add_error(None, refused)


class CitationWorkflowMixin(RevertThroughWorkflowMixin):
    """A citation saved on its own page counts as a change to its claim (four eyes, history)."""

    form = CitationForm

    def has_change_permission(self, request, obj=None):
        if obj is not None and workflow.is_frozen(obj.claim.status):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and workflow.is_frozen(obj.claim.status):
            return False
        return super().has_delete_permission(request, obj)

    def delete_view(self, request, object_id, extra_context=None):
        citation = self.get_object(request, object_id)
        error = services.citation_delete_error(citation=citation) if citation is not None else None
        if error:
            self.message_user(request, error, messages.ERROR)
            return HttpResponseRedirect(reverse("admin:curation_citation_change", args=[citation.pk]))
        return super().delete_view(request, object_id, extra_context)

    def save_model(self, request, obj, form, change):
        services.citation_save(citation=obj, user=request.user)

    def delete_model(self, request, obj):
        services.citation_delete(citation=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for citation in queryset.select_related("claim"):
            try:
                services.citation_delete(citation=citation, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)

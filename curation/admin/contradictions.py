"""Admin for the contradiction engine: the side-by-side resolution page and the links to it.

`ContradictionSideBySideMixin` adds the resolution page to ContradictionAdmin;
`ClaimContradictionsMixin` puts a claim's contradictions one click away from the claim list
and the claim page. Rules live in curation.contradictions, writes in curation.contradictions.resolution and
curation.contradictions.detection; this module only shows and forwards.
"""

from concurrency.forms import VersionField
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from curation import services
from curation.admin.base import with_pages
from curation.admin.concurrency import VersionCheckedAdminMixin, missing_version_error
from curation.admin.display import admin_link as _admin_link
from curation.admin.scaling import LargeTableAdminMixin
from curation.admin.workflow import RevertThroughWorkflowMixin
from curation.contradictions import detection, resolution
from curation.models import (
    Citation,
    Claim,
    Contradiction,
)
from curation.review import versions
from curation.text.formatting import format_period
from curation.text.quotes import QuoteSpan, sentence_around


class ResolutionForm(forms.Form):
    status = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[
            (Contradiction.Status.CONFIRMED, "Confirm: the claims really conflict"),
            (Contradiction.Status.EXPLAINED, "Explain: they differ for a reason (scope, period, method)"),
            (Contradiction.Status.DISMISSED, "Dismiss: the rule is wrong about this pair"),
        ],
    )
    preferred = forms.ChoiceField(
        label="Preferred claim (when confirming)",
        widget=forms.RadioSelect,
        required=False,
        help_text="The other claim becomes deprecated: kept and shown with the reason, left out of exports.",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Required. What you checked and why you decided so; it is kept with the contradiction.",
    )

    # The version the page was loaded at: a decision on a contradiction changed since is refused.
    version = VersionField(required=False)

    def __init__(self, *args, contradiction: Contradiction, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = contradiction.version
        self.fields["preferred"].choices = [("", "No preference")] + [
            (str(claim.pk), f"Claim #{claim.pk}: {claim.value_display}")
            for claim in (contradiction.claim_a, contradiction.claim_b)
        ]


def claim_panel(claim: Claim) -> dict:
    """What the side-by-side page shows for one claim: the figure, its quote in context and its source."""
    citation = next((citation for citation in claim.citations.all() if citation.is_primary), None)
    panel = {"claim": claim, "period": format_period(claim), "citation": citation, "source": None}
    if citation is not None:
        panel["source"] = citation.source
        if citation.is_quote_found:
            before, quote, after = sentence_around(
                citation.source.body, QuoteSpan(citation.quote_start, citation.quote_end)
            )
            panel.update(before=before, quote=quote, after=after, quote_found=True)
        else:
            panel.update(before="", quote=citation.quote, after="", quote_found=False)
    return panel


class ClaimInvolvedFilter(admin.SimpleListFilter):
    """Contradictions in which a given claim takes part (either side of the pair)."""

    title = "claim"
    parameter_name = "claim"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"Claim #{value}")] if value and value.isdigit() else []

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(Q(claim_a_id=value) | Q(claim_b_id=value))
        return queryset


class ContradictionSideBySideMixin:
    """Adds the side-by-side resolution page (/admin/curation/contradiction/<id>/resolve/)."""

    resolve_template = "admin/curation/contradiction/resolve.html"

    def get_urls(self):
        return with_pages(
            self, super().get_urls(), ("<int:object_id>/resolve/", self.resolve_view, "curation_contradiction_resolve")
        )

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return [*shown, *(name for name in ("severity", "side_by_side") if name not in shown)]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "severity", ClaimInvolvedFilter]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj)]
        if obj is None:
            return fields
        # Decisions go through the side-by-side page, which checks the permission and asks for a note.
        return [*fields, "status", "resolution_note", "side_by_side"]

    @admin.display(description="review")
    def side_by_side(self, contradiction):
        if contradiction.pk is None:
            return "—"
        url = reverse("admin:curation_contradiction_resolve", args=[contradiction.pk])
        label = "Resolve side by side" if contradiction.status == Contradiction.Status.OPEN else "Side by side"
        return format_html('<a href="{}">{}</a>', url, label)

    def resolve_view(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        contradiction = get_object_or_404(
            Contradiction.objects.select_related(
                "claim_a__place", "claim_a__metric", "claim_b__place", "claim_b__metric", "resolved_by", "flagged_by"
            ),
            pk=object_id,
        )
        can_resolve = request.user.has_perm(resolution.RESOLVE_PERMISSION)
        form = ResolutionForm(request.POST or None, contradiction=contradiction)
        if request.method == "POST":
            if not can_resolve:
                raise PermissionDenied
            if "version" not in request.POST:
                # Without the version the page was loaded at, a decision could overrule one taken since.
                form.add_error(None, missing_version_error(label=f"The decision on contradiction #{contradiction.pk}"))
            elif form.is_valid():
                contradiction.version = form.cleaned_data["version"]
                preferred_id = form.cleaned_data["preferred"]
                preferred = next(
                    (c for c in (contradiction.claim_a, contradiction.claim_b) if str(c.pk) == preferred_id), None
                )
                try:
                    resolution.contradiction_resolve(
                        contradiction=contradiction,
                        user=request.user,
                        status=form.cleaned_data["status"],
                        note=form.cleaned_data["note"],
                        preferred=preferred,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                    if isinstance(error, versions.StaleEdit):
                        # Deciding again decides on the contradiction as it is now.
                        form.data = form.data.copy()
                        form.data["version"] = form.fields["version"]._signer.sign(error.conflict.current_version)
                else:
                    self.message_user(
                        request,
                        f"Contradiction #{contradiction.pk} {contradiction.get_status_display().lower()}.",
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(request.path)
        claims = (
            Claim.objects.filter(pk__in=[contradiction.claim_a_id, contradiction.claim_b_id])
            .select_related("place", "metric")
            .prefetch_related(_primary_citations())
            .in_bulk()
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Contradiction #{contradiction.pk}: {contradiction.get_kind_display()}",
            "contradiction": contradiction,
            "panels": [claim_panel(claims[contradiction.claim_a_id]), claim_panel(claims[contradiction.claim_b_id])],
            "readings": detection.explain_pair(contradiction=contradiction),
            "form": form,
            "can_resolve": can_resolve,
            "change_url": reverse("admin:curation_contradiction_change", args=[contradiction.pk]),
            "history_url": reverse("admin:curation_contradiction_history", args=[contradiction.pk]),
        }
        return TemplateResponse(request, self.resolve_template, context)


def _primary_citations():
    from django.db.models import Prefetch

    return Prefetch("citations", queryset=Citation.objects.filter(is_primary=True).select_related("source__outlet"))


def _count(status: str | None, side: str):
    flags = Contradiction.objects.filter(**{side: OuterRef("pk")})
    if status:
        flags = flags.filter(status=status)
    counted = flags.order_by().values(side).annotate(total=Count("pk")).values("total")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


class ClaimContradictionsMixin:
    """A claim's contradictions one click away: a list column and a section on the claim page."""

    def get_queryset(self, request):
        open_status = Contradiction.Status.OPEN
        return (
            super()
            .get_queryset(request)
            .annotate(
                open_contradiction_count=_count(open_status, "claim_a") + _count(open_status, "claim_b"),
                contradiction_count=_count(None, "claim_a") + _count(None, "claim_b"),
            )
        )

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        return shown if "contradictions_link" in shown else [*shown, "contradictions_link"]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj)]
        return [*fields, "contradiction_list"] if obj is not None else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.insert(1, ("Contradictions", {"fields": ["contradiction_list"]}))
        return fieldsets

    # Not sortable: the counts are subqueries per claim, computed only for the page's rows; to
    # see the claims with open flags first, filter by "Has open contradictions".
    @admin.display(description="contradictions")
    def contradictions_link(self, claim):
        total = getattr(claim, "contradiction_count", 0)
        if not total:
            return "—"
        url = reverse("admin:curation_contradiction_changelist") + f"?claim={claim.pk}"
        opened = claim.open_contradiction_count
        label = f"{opened} open of {total}" if opened else f"{total} resolved"
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description="contradictions")
    def contradiction_list(self, claim):
        flags = (
            Contradiction.objects.filter(Q(claim_a=claim) | Q(claim_b=claim))
            .select_related("claim_a__place", "claim_b__place")
            .order_by("status", "-flagged_at")
        )
        if not flags:
            return "None."
        rows = []
        for flag in flags:
            other = flag.claim_b if flag.claim_a_id == claim.pk else flag.claim_a
            rows.append(
                (
                    reverse("admin:curation_contradiction_resolve", args=[flag.pk]),
                    f"#{flag.pk} {flag.get_kind_display()}",
                    flag.get_status_display(),
                    f"with claim #{other.pk} ({other.place.name}: {other.value_display})",
                )
            )
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a> ({}) {}</li>', rows))


class ContradictionForm(forms.ModelForm):
    """A hand flag; a reviewer may record a decision with it, under the same rules as the side-by-side page."""

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        stored_status = self.instance.status if self.instance.pk else Contradiction.Status.OPEN
        if "status" in self.fields and status and status != stored_status:
            claims = {cleaned.get("claim_a") or self.instance.claim_a, cleaned.get("claim_b") or self.instance.claim_b}
            for error in resolution.decision_errors(
                kind=cleaned.get("kind") or self.instance.kind,
                pair={claim.pk for claim in claims if claim is not None},
                status=status,
                note=cleaned.get("resolution_note", ""),
                preferred_id=None,
            ):
                self.add_error("resolution_note" if "note" in error else None, error)
        return cleaned


class ContradictionResolutionMixin(RevertThroughWorkflowMixin):
    """Anyone who may add a contradiction can flag one (services.contradiction_flag); only reviewers
    change its status, through curation.contradictions.resolution."""

    form = ContradictionForm

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.has_perm(resolution.RESOLVE_PERMISSION):
            fields += ["status", "resolution_note"]
        if obj is not None:
            # A flag is about one pair: re-pointing it would carry its review over to claims
            # nobody reviewed. Flag the other pair instead.
            fields += ["claim_a", "claim_b", "kind"]
            if obj.status != Contradiction.Status.OPEN:
                fields.append("explanation")  # what the reviewer decided on stays as it was
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "severity" in form.base_fields:
            # A hand flag may leave the severity to the default.
            form.base_fields["severity"].required = False
        return form

    @transaction.atomic
    def save_model(self, request, obj, form, change):
        wanted = (obj.status, obj.resolution_note)
        if not change:
            stored = services.contradiction_flag(
                first=obj.claim_a,
                second=obj.claim_b,
                kind=obj.kind,
                explanation=obj.explanation,
                severity=obj.severity or Contradiction.Severity.MEDIUM,
                user=request.user,
            )
        else:
            stored = Contradiction.objects.get(pk=obj.pk)
            if wanted != (stored.status, stored.resolution_note):
                # A revert to an old decision meets today's rules before anything is written
                # (the form checks a decision taken on the page itself).
                refused = resolution.permission_error(user=request.user)
                if refused:
                    raise PermissionDenied(refused)
                errors = resolution.decision_errors(
                    kind=stored.kind,
                    pair={stored.claim_a_id, stored.claim_b_id},
                    status=wanted[0],
                    note=wanted[1],
                    preferred_id=None,
                )
                if errors:
                    self.message_user(request, "Not changed: " + " ".join(errors), messages.ERROR)
                    return
            # Anything but the decision is saved as an edit (only when something else changed,
            # compared with the stored row, so a revert keeps its other fields).
            obj.status, obj.resolution_note = stored.status, stored.resolution_note
            other_changes = [
                field.attname
                for field in Contradiction._meta.concrete_fields
                if getattr(stored, field.attname) != getattr(obj, field.attname)
            ]
            if other_changes:
                super().save_model(request, obj, form, change)
        if wanted != (stored.status, stored.resolution_note):
            resolution.contradiction_resolve(contradiction=stored, user=request.user, status=wanted[0], note=wanted[1])
        obj.pk = stored.pk
        obj.refresh_from_db()
        obj._state.adding = False


@admin.register(Contradiction)
class ContradictionAdmin(
    VersionCheckedAdminMixin,
    LargeTableAdminMixin,
    ContradictionSideBySideMixin,
    ContradictionResolutionMixin,
    SimpleHistoryAdmin,
):
    # What a reviewer scans, most important first; it fits 1,280 px beside the filters
    # (tests/test_browser_admin.py). The rule that found a pair is a filter and on its page.
    list_display = [
        "id",
        "severity",
        "kind",
        "claim_a_summary",
        "claim_b_summary",
        "status",
        "side_by_side",
        "flagged_at",
    ]
    list_filter = ["status", "kind", "detected_by"]
    # Newest first, ties by id: the order of the contradiction indexes.
    ordering = ["-flagged_at", "-id"]
    search_fields = ["explanation", "resolution_note", "claim_a__place__name", "claim_b__place__name"]
    autocomplete_fields = ["claim_a", "claim_b"]
    readonly_fields = ["flagged_by", "flagged_at", "resolved_by", "resolved_at", "detected_by"]
    list_select_related = ["claim_a__place", "claim_a__metric", "claim_b__place", "claim_b__metric"]

    class Media:
        css = {"all": ["curation/admin.css"]}

    def changelist_view(self, request, extra_context=None):
        # The list needs the width: the models are one click away in the breadcrumbs.
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False, **(extra_context or {})})

    @staticmethod
    def _summary(claim):
        return f"#{claim.pk} {claim.place.name}: {claim.value_display}"

    @admin.display(description="claim A")
    def claim_a_summary(self, contradiction):
        return _admin_link(contradiction.claim_a, self._summary(contradiction.claim_a))

    @admin.display(description="claim B")
    def claim_b_summary(self, contradiction):
        return _admin_link(contradiction.claim_b, self._summary(contradiction.claim_b))

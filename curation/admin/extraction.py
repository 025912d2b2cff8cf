"""The admin side of the extraction assistant: an action and a page on each Source.

The page lists the candidate claims the extractor reads from the source's text, each with
its quote highlighted in context. The editor corrects any field and accepts the checked
candidates in bulk, or turns one candidate into a draft claim in one click and lands on its
change page. Candidates a claim already curates are marked and cannot be accepted again.
Rules live in curation.extraction and curation.extraction.workflow; this module only wires
forms and pages to them.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from curation.admin.base import with_pages
from curation.admin.jobs import job_page_url
from curation.extraction.workflow import (
    CandidateDraft,
    SourceCandidate,
    Vocabulary,
    candidates_accept,
    source_candidates,
)
from curation.jobs.runner import job_start
from curation.models import Claim, Job, Metric, Source
from curation.text.formatting import format_claim_value

CONTEXT_CHARS = 160


class CandidateForm(forms.Form):
    """One candidate as the editor corrects it; fields are checked only when it is accepted."""

    accept = forms.BooleanField(required=False)
    key = forms.IntegerField(widget=forms.HiddenInput)
    place = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    metric = forms.TypedChoiceField(coerce=int, required=False, empty_value=None)
    qualifier = forms.ChoiceField(choices=Claim.Qualifier.choices)
    value = forms.DecimalField(max_digits=28, decimal_places=6, required=False)
    value_max = forms.DecimalField(max_digits=28, decimal_places=6, required=False)
    unit = forms.CharField(max_length=32, required=False, widget=forms.TextInput(attrs={"size": 9}))
    period_start = forms.DateField(required=False, widget=forms.DateInput(attrs={"size": 10, "type": "date"}))
    period_end = forms.DateField(required=False, widget=forms.DateInput(attrs={"size": 10, "type": "date"}))
    period_label = forms.CharField(max_length=200, required=False, widget=forms.TextInput(attrs={"size": 22}))
    conversion_of_key = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(
        self, *args, place_choices, metric_choices, accepting=frozenset(), flow_metric_ids=frozenset(), **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.accepting = accepting  # keys of the candidates a button accepts (one row's, or all complete ones)
        self.flow_metric_ids = flow_metric_ids
        self.fields["place"].choices = place_choices
        self.fields["metric"].choices = metric_choices
        self.fields["value"].widget.attrs["size"] = 14
        self.fields["value_max"].widget.attrs["size"] = 8

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("accept") or cleaned.get("key") in self.accepting:
            for name in ("place", "metric", "value", "unit", "period_end"):
                if cleaned.get(name) in (None, ""):
                    self.add_error(name, "Needed to accept this candidate.")
            if cleaned.get("metric") in self.flow_metric_ids and cleaned.get("period_start") is None:
                self.add_error("period_start", "Needed to accept this candidate: the metric counts over a period.")
        return cleaned

    def rendered_fields(self, missing: list[str]) -> tuple[list, list]:
        """(fields the editor must fill in, the rest): a complete candidate asks for nothing, an
        incomplete one for its empty fields only; a field with an error is always asked for."""
        asked = [name for name in _EDITABLE if name in missing or self[name].errors]
        return [self[name] for name in asked], [self[name] for name in _EDITABLE if name not in asked]


_EDITABLE = ("place", "metric", "qualifier", "value", "value_max", "unit", "period_start", "period_end", "period_label")


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


def _initial(row: SourceCandidate) -> dict:
    candidate = row.candidate
    return {
        "accept": False,
        "key": row.key,
        "place": row.place.pk if row.place else None,
        "metric": row.metric.pk if row.metric else None,
        "qualifier": candidate.qualifier,
        "value": candidate.value,
        "value_max": candidate.value_max,
        "unit": row.claim_unit,
        "period_start": candidate.period_start,
        "period_end": candidate.period_end,
        "period_label": row.period_label,
        "conversion_of_key": candidate.conversion_of,
    }


def quote_in_context(text: str, row: SourceCandidate):
    """The quote marked inside its surrounding text, the number in bold; everything escaped."""
    candidate, mention = row.candidate, row.candidate.mention
    start, end = candidate.quote_start, candidate.quote_end
    number_start, number_end = max(mention.start, start), min(mention.end, end)
    return format_html(
        '<span class="quote-context">…{}<mark>{}<strong>{}</strong>{}</mark>{}…</span>',
        text[max(0, start - CONTEXT_CHARS) : start],
        text[start:number_start],
        text[number_start:number_end],
        text[number_end:end],
        text[end : end + CONTEXT_CHARS],
    )


class SourceExtractionAdminMixin:
    """Adds the 'Extract candidate claims' action, change-page button and page to SourceAdmin."""

    actions = ["extract_candidate_claims", "extract_in_background", "extract_and_accept_in_background"]
    change_form_template = "admin/curation/source/change_form_with_extraction.html"

    def get_urls(self):
        return with_pages(
            self, super().get_urls(), ("<int:source_id>/extract/", self.extraction_view, "curation_source_extract")
        )

    @admin.action(description="Extract candidate claims")
    def extract_candidate_claims(self, request, queryset):
        sources = list(queryset.values_list("pk", flat=True)[:2])
        if len(sources) == 1:
            return HttpResponseRedirect(reverse("admin:curation_source_extract", args=[sources[0]]))
        self.message_user(
            request,
            "Choose one source: the candidates of each source are reviewed on its own page "
            "(or use 'Count candidates of the selected sources (background job)').",
            messages.WARNING,
        )
        return None

    @admin.action(description="Count candidates of the selected sources (background job)")
    def extract_in_background(self, request, queryset):
        return self._extraction_job(request, queryset, accept=False)

    @admin.action(description="Create drafts from the complete candidates of the selected sources (background job)")
    def extract_and_accept_in_background(self, request, queryset):
        if not (request.user.has_perm("curation.add_claim") and request.user.has_perm("curation.add_citation")):
            raise PermissionDenied
        return self._extraction_job(request, queryset, accept=True)

    def _extraction_job(self, request, queryset, *, accept: bool):
        source_ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        job = job_start(
            kind=Job.Kind.EXTRACTION, user=request.user, parameters={"source_ids": source_ids, "accept": accept}
        )
        return HttpResponseRedirect(job_page_url(job))

    def extraction_view(self, request, source_id):
        source = get_object_or_404(Source.objects.select_related("outlet"), pk=source_id)
        if not self.has_view_or_change_permission(request, source):
            raise PermissionDenied
        can_accept = request.user.has_perm("curation.add_claim") and request.user.has_perm("curation.add_citation")
        vocabulary = Vocabulary.load()
        rows, unparsed = source_candidates(source=source, vocabulary=vocabulary)
        form_kwargs = {
            "place_choices": [("", "---------")]
            + [(place.pk, place.name) for place in sorted(vocabulary.places.values(), key=lambda p: p.name)],
            "metric_choices": [("", "---------")]
            + [
                (metric.pk, f"{metric.name} ({metric.unit})")
                for metric in sorted(vocabulary.metrics_by_code.values(), key=lambda metric: metric.name)
            ],
        }
        initial = [_initial(row) for row in rows]

        form_kwargs["flow_metric_ids"] = {
            metric.pk for metric in vocabulary.metrics_by_code.values() if metric.nature == Metric.Nature.FLOW
        }
        if request.method == "POST":
            if not can_accept:
                raise PermissionDenied
            form_kwargs["accepting"] = _keys_accepted(request.POST, rows)
            formset = CandidateFormSet(request.POST, initial=initial, form_kwargs=form_kwargs)
            response = self._accept(request, source, rows, vocabulary, formset)
            if response is not None:
                return response
        else:
            formset = CandidateFormSet(initial=initial, form_kwargs=form_kwargs)

        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Candidate claims in “{source.title}”",
            "source": source,
            "rows": [
                {
                    "row": row,
                    "form": form,
                    "context": quote_in_context(source.body, row),
                    "number": row.candidate.mention,
                    "conversion_of_number": row.candidate.conversion_of + 1
                    if row.candidate.conversion_of is not None
                    else None,
                    "value_display": _value_display(row),
                    "guesses": _guesses_display(row),
                    "asked": form.rendered_fields(row.missing_fields)[0],
                    "other_fields": form.rendered_fields(row.missing_fields)[1],
                }
                for row, form in zip(rows, formset.forms, strict=True)
            ],
            "complete_count": sum(1 for row in rows if row.is_complete and not row.is_curated),
            "formset": formset,
            "unparsed": unparsed,
            "can_accept": can_accept,
            "new_count": sum(1 for row in rows if not row.is_curated),
            "curated_count": sum(1 for row in rows if row.is_curated),
        }
        return TemplateResponse(request, "admin/curation/source/extract_candidates.html", context)

    def _accept(self, request, source, rows, vocabulary, formset):
        """Accept the checked candidates, the one whose button was pressed, or every complete one;
        None to show the page again."""
        one = request.POST.get("accept_one")
        accepting = _keys_accepted(request.POST, rows)
        if formset.total_form_count() != len(rows):
            self.message_user(
                request,
                "The source text changed since the page was opened; its candidates were read again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        if not formset.is_valid():
            self.message_user(request, "Please correct the errors below.", messages.ERROR)
            return None
        by_key = {row.key: row for row in rows}
        metrics_by_pk = {metric.pk: metric for metric in vocabulary.metrics_by_code.values()}
        chosen = []
        for form in formset.forms:
            data = form.cleaned_data
            row = by_key.get(data["key"])
            wanted = data["key"] in accepting if accepting else data["accept"]
            if row is None or not wanted or row.is_curated:
                continue
            conversion_key = data.get("conversion_of_key")
            original = by_key.get(conversion_key) if conversion_key is not None else None
            chosen.append(
                CandidateDraft(
                    key=row.key,
                    place=vocabulary.places.get(data["place"]),
                    metric=metrics_by_pk.get(data["metric"]),
                    value=data["value"],
                    value_max=data["value_max"],
                    unit=data["unit"],
                    qualifier=data["qualifier"],
                    quote=row.candidate.quote,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    period_label=data["period_label"],
                    conversion_of_key=conversion_key,
                    conversion_of_claim=original.curated_claim if original else None,
                )
            )
        if not chosen:
            self.message_user(request, "No new candidate was checked.", messages.WARNING)
            if "accept_complete" in request.POST:
                return HttpResponseRedirect(request.path)
            return None
        try:
            created, skipped = candidates_accept(source=source, drafts=chosen, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return None
        if one is not None and created:
            self.message_user(request, f"Draft claim #{created[0].pk} created; complete it here.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:curation_claim_change", args=[created[0].pk]))
        self.message_user(
            request,
            f"{len(created)} draft claim(s) created with their citations"
            + (f"; {len(skipped)} already curated, skipped." if skipped else "."),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)


def _keys_accepted(post, rows: list[SourceCandidate]) -> set[int]:
    """The candidates a button accepts: its own row ("Draft claim", "Accept"), or every new complete
    one ("Accept all complete"); empty when the checked boxes decide."""
    for name in ("accept_one", "accept_now"):
        if post.get(name) is not None:
            try:
                return {int(post[name])}
            except ValueError:
                return {-1}  # no such candidate: nothing is accepted
    if "accept_complete" in post:
        return {row.key for row in rows if row.is_complete and not row.is_curated}
    return set()


def _guesses_display(row: SourceCandidate) -> str:
    """The guessed place, metric and period in words, for a candidate shown without its inputs."""
    candidate = row.candidate
    period = " – ".join(date.isoformat() for date in (candidate.period_start, candidate.period_end) if date is not None)
    parts = [
        row.place.name if row.place else "",
        row.metric.name if row.metric else "",
        period,
        "forecast" if candidate.is_forecast else "",
    ]
    return " · ".join(part for part in parts if part)


def _value_display(row: SourceCandidate) -> str:
    return format_claim_value(row.candidate)

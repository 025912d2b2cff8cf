"""Entering a claim in the admin: numbers as articles write them, the unit from the metric, the
article beside the form (add a claim from a source, select the quote in its text) and the
warning, with the nearest passage, when a quote is not in its article.

The number reader is the import's (curation.io.parsing), the formatter the one in
curation.text.formatting, the submission rule curation.review.workflow's: this module only shows
and forwards. The page's script is static (curation/static/curation/claim_form.js): the
Content-Security-Policy allows no inline script.
"""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from curation.admin.base import with_pages
from curation.admin.display import quote_miss_html
from curation.io.parsing import CellError, parse_number
from curation.models import Claim, Metric, Source
from curation.review import workflow
from curation.text.formatting import format_decimal, format_parsed_number
from curation.text.quotes import locate_quote, nearest_passage, passage_differences

NUMBER_HELP = "As the article writes it: 3.94 billion, 17.6 bn, 1,234 or 3,940,000,000."


class ArticleNumberField(forms.CharField):
    """A number typed as an article writes it, read by the import's number reader."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "spellcheck": "false", "size": 18}),
        )
        kwargs.setdefault("help_text", NUMBER_HELP)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            number = parse_number(value)
        except CellError as error:
            raise ValidationError(str(error), code="invalid") from error
        # Plain notation (3940000000, not 3.94E+9), as the column stores it.
        return Decimal(format(number, "f"))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format_decimal(value)
        return value


class ClaimForm(forms.ModelForm):
    value = ArticleNumberField(label="Value")
    value_max = ArticleNumberField(
        label="Value max", required=False, help_text="Upper bound, only for a range ('between 20 and 30 percent')."
    )

    class Meta:
        model = Claim
        # The admin passes the fields of its fieldsets; these are the ones an editor types.
        fields = ["place", "metric", "qualifier", "value", "value_max", "unit", "period_start", "period_end"]

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the posted values
        if self.instance.pk is None:
            return
        stored = Claim.objects.filter(pk=self.instance.pk).first()
        if stored is not None:
            refused = workflow.approved_edit_error(
                claim_id=stored.pk,
                status=stored.status,
                changed=workflow.substance_changes(before=stored, after=self.instance),
            )
            if refused:
                self.add_error(None, refused)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            # Left empty, the claim takes its metric's unit (services.claim_save); the page fills it in.
            self.fields["unit"].required = False
            self.fields["unit"].help_text = "Filled from the metric; change it when the article uses another (USD)."


class ClaimEntryMixin:
    """The claim form's editor aids; see the module docstring."""

    form = ClaimForm

    class Media:
        js = ["curation/claim_form.js"]
        css = {"all": ["curation/admin.css"]}

    def get_urls(self):
        return with_pages(
            self,
            super().get_urls(),
            ("read-number/", self.read_number_view, "curation_claim_read_number"),
            ("check-quote/", self.check_quote_view, "curation_claim_check_quote"),
        )

    def read_number_view(self, request):
        """What the number reader makes of a typed value: {"reading": "3,940,000,000 = 3.94 billion"} or {"error"}."""
        typed = request.GET.get("value", "")[:100]
        try:
            number = parse_number(typed)
        except CellError as error:
            return JsonResponse({"error": str(error)})
        return JsonResponse({"reading": format_parsed_number(number) if number is not None else ""})

    def check_quote_view(self, request):
        """Whether a quote stands in a source's text, and if not, the nearest passage in pieces.

        {"found": true} or {"found": false, "passage": [{"text": ..., "differs": bool}, ...]}
        (an empty list when nothing in the article is close). The page builds the message
        from text nodes, so the article's words are never read as markup.
        """
        if not request.user.has_perm("curation.view_source"):
            raise PermissionDenied
        source_id, quote = request.GET.get("source", ""), request.GET.get("quote", "")[:5000]
        source = Source.objects.filter(pk=source_id).only("body").first() if source_id.isdigit() else None
        if source is None or not quote.strip():
            return JsonResponse({"error": "Choose the source and type the quote."})
        if locate_quote(quote, source.body) is not None:
            return JsonResponse({"found": True})
        passage = nearest_passage(quote, source.body)
        pieces = passage_differences(quote, passage.text) if passage else []
        return JsonResponse(
            {"found": False, "passage": [{"text": piece.text, "differs": piece.differs} for piece in pieces]}
        )

    # --- the article beside the form -----------------------------------------------------

    def _source_from_query(self, request) -> Source | None:
        wanted = request.GET.get("source", "")
        if not wanted.isdigit():
            return None
        return Source.objects.select_related("outlet").filter(pk=wanted).first()

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if (obj is None or obj.pk is None) and inline.model.__name__ == "Citation":
            # A new claim's first citation: primary (a claim's only citation is its primary
            # one) and, when the claim is added from a source, that source.
            first = {"is_primary": True}
            source = self._source_from_query(request)
            if source is not None:
                first["source"] = source.pk
            kwargs["initial"] = [first]
        return kwargs

    def _entry_context(self, request, claim: Claim | None) -> dict:
        if claim is None:
            source = self._source_from_query(request)
        else:
            primary = claim.citations.select_related("source__outlet").filter(is_primary=True).first()
            source = primary.source if primary else None
        return {
            "entry_source": source,
            "entry_source_url": reverse("admin:curation_source_change", args=[source.pk]) if source else "",
            "metric_units": {str(pk): unit for pk, unit in Metric.objects.values_list("pk", "unit")},
            "read_number_url": reverse("admin:curation_claim_read_number"),
            "check_quote_url": reverse("admin:curation_claim_check_quote"),
        }

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), **self._entry_context(request, None)}
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        extra_context = dict(extra_context or {})
        if claim is not None:
            extra_context.update(self._entry_context(request, claim))
            if claim.status == Claim.Status.DRAFT:
                extra_context["submission_blockers"] = [
                    format_html("Submission blocked: {}", quote_miss_html(miss))
                    for miss in workflow.quote_misses_of(claim)
                ]
        return super().change_view(request, object_id, form_url, extra_context)

    # --- after saving: the warning at the top ----------------------------------------------

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        claim = form.instance
        misses = workflow.quote_misses_of(claim)
        if misses:
            items = format_html_join("", "<li>{}</li>", ((quote_miss_html(miss),) for miss in misses))
            self.message_user(
                request,
                format_html(
                    "Claim #{} is saved as a {}, but it cannot be submitted for review until every quote stands "
                    "verbatim in its article:<ul>{}</ul>",
                    claim.pk,
                    claim.get_status_display().lower(),
                    items,
                ),
                messages.WARNING,
            )

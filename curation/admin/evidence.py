"""The evidence in the admin: a citation's quote highlighted in its sentence on the claim page,
and on the source page the article text with every cited quote highlighted and linked to its
claim. Offsets come from curation.text (one highlighter, one sentence splitter); everything
from the article is escaped here.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from curation.models import Citation, Claim
from curation.text.highlighting import highlight_segments
from curation.text.quotes import QuoteSpan, sentence_around


class QuoteInContextInlineMixin:
    """On the claim page, each citation's quote shown highlighted inside its sentence."""

    def get_fields(self, request, obj=None):
        return [*super().get_fields(request, obj), "quote_in_context"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "quote_in_context"]

    @admin.display(description="quote in its sentence")
    def quote_in_context(self, citation):
        if citation.pk is None or not citation.is_quote_found:
            return "—"
        before, quote, after = sentence_around(
            citation.source.body, QuoteSpan(start=citation.quote_start, end=citation.quote_end)
        )
        return format_html('<span style="white-space:pre-wrap">{}<mark>{}</mark>{}</span>', before, quote, after)


class SourceEvidenceMixin:
    """On the source page, the article text with every cited quote highlighted and linked to its claim."""

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append(("Evidence: cited quotes in the text", {"fields": ["evidence"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "evidence"]

    @admin.display(description="article text")
    def evidence(self, source):
        if source.pk is None:
            return "—"
        citations = list(
            Citation.objects.filter(source=source).select_related("claim__place", "claim__metric").order_by("pk")
        )
        return render_evidence(source.body, citations)


def _claim_label(claim: Claim) -> str:
    return (
        f"Claim #{claim.pk} ({claim.get_status_display()}): "
        f"{claim.place.name}, {claim.metric.name} = {claim.value_display}"
    )


def render_evidence(body: str, citations: list[Citation]) -> str:
    """The body escaped, cited quotes in <mark>, each followed by links to the claims it supports."""
    by_id = {citation.pk: citation for citation in citations}
    spans = [(c.quote_start, c.quote_end, c.pk) for c in citations if c.is_quote_found]
    parts = []
    for segment in highlight_segments(body, spans):
        text = escape(segment.text)
        if segment.is_cited:
            title = escape("; ".join(_claim_label(by_id[pk].claim) for pk in segment.citation_ids))
            text = f'<mark title="{title}">{text}</mark>'
        for citation in (by_id[pk] for pk in segment.ending_ids):
            url = reverse("admin:curation_claim_change", args=[citation.claim_id])
            label = _claim_label(citation.claim)
            text += format_html('<sup><a href="{}" title="{}">#{}</a></sup>', url, label, citation.claim_id)
        parts.append(text)
    missing = [citation for citation in citations if not citation.is_quote_found]
    missing_html = ""
    if missing:
        items = format_html_join(
            "",
            '<li><a href="{}">claim #{}</a>: “{}”</li>',
            ((reverse("admin:curation_claim_change", args=[c.claim_id]), c.claim_id, c.quote) for c in missing),
        )
        missing_html = format_html("<p><strong>Quotes NOT FOUND in this text:</strong></p><ul>{}</ul>", items)
    # Every piece of the body went through escape() above; only our own tags are unescaped.
    text_html = mark_safe(
        '<div class="evidence" style="white-space:pre-wrap;max-width:60em;line-height:1.5">' + "".join(parts) + "</div>"
    )
    return format_html("{}{}", text_html, missing_html)

"""Small display helpers shared by the admin modules."""

from decimal import Decimal

from django.contrib.admin.widgets import AutocompleteSelect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.template_utils import HistoricalRecordContextHelper

from curation.text.formatting import format_number, qualifier_words
from curation.text.quotes import passage_differences


def admin_link(obj, label=None):
    """A link to the object's admin change page, labelled with `label` or the object itself."""
    url = reverse(f"admin:curation_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)


def did_you_mean_html(miss) -> str:
    """'did you mean: “… <mark>U.S.</mark> dollars …”' for a quote not in its article (a workflow.QuoteMiss)."""
    if miss.passage is None:
        return format_html("{}", "No passage of the article is close to it.")
    pieces = passage_differences(miss.quote, miss.passage.text)
    marked = format_html_join(
        "", "{}", ((format_html("<mark>{}</mark>", piece.text) if piece.differs else piece.text,) for piece in pieces)
    )
    return format_html('did you mean: “<span class="did-you-mean">{}</span>”?', marked)


def quote_miss_html(miss) -> str:
    """The warning for one quote not in its article, with the nearest passage and the difference marked."""
    return format_html(
        "The quote of citation #{} “{}” is not in the article “{}”; {}",
        miss.citation_id,
        miss.quote,
        miss.source_title,
        did_you_mean_html(miss),
    )


class ReadableHistoryContextHelper(HistoricalRecordContextHelper):
    """A History page's field diffs with values as articles write them and qualifiers in words."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, Decimal):
            return format_number(value)
        if change.field == "qualifier" and isinstance(value, str):
            return qualifier_words(value)
        return super().prepare_delta_change_value(change, value)


class PreloadedAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete select, showing an object the form already holds without querying it.

    Django's widget reads its selected option from the database, once per form: on the claim
    page that is one query per citation for its source. The formset hands each form's widget
    the source its row was loaded with (`preloaded`); anything else is read as usual.
    """

    preloaded = None

    def optgroups(self, name, value, attr=None):
        known = self.preloaded
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if known is None or chosen != [str(known.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        label = self.choices.field.label_from_instance(known)
        options.append(self.create_option(name, known.pk, label, set(chosen), len(options)))
        return [(None, options, 0)]

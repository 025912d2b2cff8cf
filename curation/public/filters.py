"""django-filter FilterSets for the public listing and its downloads.

The FilterSet only narrows the queryset it is given; the public views always give it
approved claims, so no filter value can widen the set to unpublished ones.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, QuerySet, TextField, Value
from django.db.models.functions import Cast
from django.forms.models import ModelChoiceIterator
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from curation.io.parsing import suggest
from curation.models import Citation, Claim, Metric, Outlet, Place, Source
from curation.public import selectors


class _PlainQueryChoiceIterator(ModelChoiceIterator):
    """The choices of a select from one plain query, or from the listing's one query for all three.

    Django reads them through QuerySet.iterator(), which on PostgreSQL is a server-side cursor:
    three round trips per select, three selects on every listing page, for tables of a few
    dozen rows. The listing reads the place, metric and outlet choices together
    (listing_choices); a field given them (`preloaded_choices`) reads no query of its own.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        preloaded = getattr(self.field, "preloaded_choices", None)
        if preloaded is not None:
            yield from preloaded
            return
        for choice in self.queryset.all():
            yield self.choice(choice)


class WrittenSelect(forms.Select):
    """A select written in Python, the same markup as Django's select templates.

    Django renders each option through two template includes, and builds a context per option
    first; the listing's six selects (about 90 options) took more of every listing page than its
    50 rows of claims. Options in groups are left to Django's way (none of the listing's has any).
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(iter(self.choices))  # not len(): ModelChoiceIterator counts its queryset for it
        if any(isinstance(label, list | tuple) for _, label in choices):
            return self._render_grouped(name, value, attrs)
        selected_values = self.format_value(value)
        parts = [format_html('<select name="{}"', name), _attributes(self.build_attrs(self.attrs, attrs)), ">"]
        has_selected = False
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            # Django's ChoiceWidget.optgroups: only the first option with the value is selected.
            selected = not has_selected and option_value in selected_values
            has_selected = has_selected or selected
            parts.append(
                f'\n  <option value="{conditional_escape(option_value)}"{" selected" if selected else ""}>'
                f"{conditional_escape(label)}</option>\n"
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))

    def _render_grouped(self, name, value, attrs):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attributes(widget["attrs"]), ">"]
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            for option in options:
                parts.append(format_html('\n  <option value="{}"', str(option["value"])))
                parts += [_attributes(option["attrs"]), format_html(">{}</option>\n", option["label"])]
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


def _attributes(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: a True value is a bare attribute, a False one is left out."""
    return "".join(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


class _PlainQueryChoiceField(forms.ModelChoiceField):
    iterator = _PlainQueryChoiceIterator
    widget = WrittenSelect
    preloaded_choices: list[tuple[str, str]] | None = None


def listing_choices() -> dict[str, list[tuple[str, str]]]:
    """The place, metric and outlet selects' (value, label) pairs, in the selects' order, from one query.

    Each label is the model's own str() (ModelChoiceField's label), made from the columns it reads.
    """
    text = TextField()
    lists = (
        Place.objects.order_by()
        .values_list(Value("place", output_field=text), "slug", "name", "kind")
        .union(
            Metric.objects.order_by().values_list(Value("metric", output_field=text), "code", "name", "unit"), all=True
        )
        .union(
            Outlet.objects.order_by().values_list(
                Value("outlet", output_field=text), Cast("pk", text), "name", Value("", output_field=text)
            ),
            all=True,
        )
    )
    labels = {
        "place": lambda name, kind: str(Place(name=name, kind=kind)),
        "metric": lambda name, unit: str(Metric(name=name, unit=unit)),
        "outlet": lambda name, _: str(Outlet(name=name)),
    }
    choices: dict[str, list] = {"place": [], "metric": [], "outlet": []}
    # Each select in its own queryset's order (by name, as the database collates).
    for kind, value, name, extra in lists.order_by("name"):
        choices[kind].append((value, labels[kind](name, extra)))
    return choices


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = _PlainQueryChoiceField


class ChoiceFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", WrittenSelect)
        super().__init__(*args, **kwargs)


@dataclass(frozen=True)
class Sort:
    label: str
    ordering: tuple[str, ...]


# Every ordering ends on the id in the same direction, so pages are stable and one index
# (read forwards or backwards) serves both directions.
SORTS = {
    "-date": Sort("Newest period first", ("-period_end", "-id")),
    "date": Sort("Oldest period first", ("period_end", "id")),
    "-value": Sort("Largest value first", ("-value", "-id")),
    "value": Sort("Smallest value first", ("value", "id")),
    "place": Sort("Place A–Z", selectors.BY_PLACE_NAME),
}
DEFAULT_SORT = "-date"


class ClaimFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_search",
        help_text="Words in the quote or attribution, or a place or metric name.",
    )
    place = ModelChoiceFilter(
        queryset=Place.objects.order_by("name"),
        to_field_name="slug",
        method="filter_place",
        label="Place",
        empty_label="Any place",
        help_text="Includes the places that are part of it.",
    )
    metric = ModelChoiceFilter(
        queryset=Metric.objects.order_by("name"), to_field_name="code", label="Metric", empty_label="Any metric"
    )
    year = django_filters.NumberFilter(
        label="Year", method="filter_year", min_value=1900, max_value=2100, help_text="The year the period ends in."
    )
    period_from = django_filters.DateFilter(
        field_name="period_end",
        lookup_expr="gte",
        label="Period ends on or after",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_to = django_filters.DateFilter(
        field_name="period_end",
        lookup_expr="lte",
        label="Period ends on or before",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    outlet = ModelChoiceFilter(
        queryset=Outlet.objects.order_by("name"), method="filter_outlet", label="Outlet", empty_label="Any outlet"
    )
    # A number rather than a select: the source filter is reached from a source's page, and a
    # select of every source would weigh on every listing page.
    # Only sources that approved claims cite: any other id is "not a valid choice", so a
    # guessed id cannot reveal an unpublished source's title in the active-filter list.
    source = django_filters.ModelChoiceFilter(
        queryset=selectors.source_detail_queryset(), method="filter_source", label="Source", widget=forms.HiddenInput
    )
    qualifier = ChoiceFilter(choices=Claim.Qualifier.choices, label="Qualifier", empty_label="Any")
    corroborated = ChoiceFilter(
        choices=[("yes", "Corroborated by 2+ independent outlets")],
        method="filter_corroborated",
        label="Corroboration",
        empty_label="Any",
        help_text="The same figure reported by two or more independent outlets (syndicated copies count once).",
    )
    sort = ChoiceFilter(
        choices=[(key, sort.label) for key, sort in SORTS.items()],
        method="filter_sort",
        label="Sort by",
        empty_label=None,
    )

    class Meta:
        model = Claim
        fields = [
            "q",
            "place",
            "metric",
            "year",
            "period_from",
            "period_to",
            "outlet",
            "source",
            "qualifier",
            "corroborated",
            "sort",
        ]

    # The share of citations a common-words search matches (PostgreSQL), for the count.
    search_fraction: float | None = None

    def load_choices(self) -> None:
        """Read the place, metric and outlet selects' choices in one query, for a page that shows the form."""
        for name, choices in listing_choices().items():
            self.form.fields[name].preloaded_choices = choices

    def filter_search(self, queryset, name, value):
        self.search_fraction = selectors.common_words_fraction(text=value)
        return selectors.search_claims(queryset, text=value, common_fraction=self.search_fraction)

    def filter_place(self, queryset, name, value):
        if getattr(self, "_place_ids", (None, None))[0] != value.pk:  # read once however often filtered
            self._place_ids = (value.pk, selectors.place_with_parts_ids(place=value))
        return queryset.filter(place_id__in=self._place_ids[1])

    def filter_year(self, queryset, name, value):
        year = int(value)
        return queryset.filter(period_end__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(Exists(Citation.objects.filter(claim=OuterRef("pk"), source__outlet=value)))

    def filter_source(self, queryset, name, value):
        return queryset.filter(Exists(Citation.objects.filter(claim=OuterRef("pk"), source=value)))

    def filter_corroborated(self, queryset, name, value):
        return queryset.corroborated() if value == "yes" else queryset

    def qs_without_search(self) -> QuerySet[Claim]:
        """The claims the other filters match: a common-words search's base, for its estimated count."""
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != "q":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_sort(self, queryset, name, value):
        # Applied last, in filter_queryset, so that a missing sort gets the default.
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or DEFAULT_SORT
        return queryset.order_by(*SORTS[sort].ordering)


@dataclass(frozen=True)
class ActiveFilter:
    label: str
    value: str
    remove_query: str


def active_filters(claim_filter: ClaimFilter, query) -> list[ActiveFilter]:
    """The filters in use, each with the query string that removes it (and goes back to page 1)."""
    if not claim_filter.is_bound or not claim_filter.is_valid():
        return []
    shown = []
    for name, value in claim_filter.form.cleaned_data.items():
        if name == "sort" or value in (None, ""):
            continue
        field = claim_filter.form.fields[name]
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            display = dict(field.choices).get(value, value)
        elif isinstance(value, Place | Metric | Outlet):
            display = value.name
        elif isinstance(value, Source):
            display = value.title
        elif isinstance(value, Decimal):
            display = str(int(value))
        else:
            display = str(value)
        remaining = query.copy()
        remaining.pop(name, None)
        remaining.pop("page", None)
        shown.append(ActiveFilter(label=str(field.label), value=display, remove_query=remaining.urlencode()))
    return shown


def filter_problems(claim_filter: ClaimFilter, query, *, allowed_extra: tuple[str, ...] = ()) -> dict[str, list[str]]:
    """Why a filter cannot be applied as asked, by parameter: each invalid value, each parameter that is no filter.

    A filter that cannot be applied must never fall back to the unfiltered set (django-filter
    drops an invalid value from its cleaned data and filters as if it had not been given), so
    a caller answers 400 with these reasons instead.
    """
    problems: dict[str, list[str]] = {}
    if claim_filter.is_bound and not claim_filter.is_valid():
        for name, messages in claim_filter.form.errors.items():
            problems[name] = [f"{name}: {message}" for message in messages]
    known = set(claim_filter.filters) | set(allowed_extra)
    for name in query:
        if name not in known:
            close = suggest(name, sorted(claim_filter.filters))
            problems[name] = [f"unknown filter '{name}'" + (f" (did you mean '{close}'?)" if close else "")]
    return problems

"""Admin list pages that stay fast with a million claims: counting, paging and page-only columns.

Django's changelist counts every matching row twice (COUNT(*) of the filtered and of the whole
table) and computes every column of every row it skips with OFFSET. Here:

- `show_full_result_count = False`: no count of the whole table.
- 50 rows a page, and the action checkbox written without a template per row.
- `LargeTablePaginator` counts with `curation.db.counting.count_rows` (exact up to 10,000 rows when
  that is cheap, the planner's estimate beyond, on PostgreSQL) and picks the page's ids with a
  plain ordered, sliced query before loading only those rows with their annotations, so a deep
  page does not compute per-row subqueries for the rows it skips.
"""

from django.contrib.admin import helpers
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from curation.db.counting import RowCount, count_rows
from curation.db.lookups import in_id_order


class LargeTablePaginator(Paginator):
    """Counts with the planner's estimate for large results; loads the page's rows by id."""

    @cached_property
    def row_count(self) -> RowCount:
        object_list = self.object_list
        if not hasattr(object_list, "query"):  # a list, not a queryset
            return RowCount(number=len(object_list), is_estimate=False)
        return count_rows(object_list)

    @property
    def count(self):
        return self.row_count.number

    @property
    def count_is_estimate(self) -> bool:
        """True when `count` is the planner's estimate (the list page then says "about")."""
        return self.row_count.is_estimate

    def _get_page(self, object_list, number, paginator):
        return Page(_rows_by_id(object_list), number, paginator)


def _rows_by_id(page_slice):
    """The rows of a sliced queryset, chosen by id first so that skipped rows are not dressed."""
    if not hasattr(page_slice, "query") or page_slice.query.distinct_fields:
        return page_slice
    ids = _ids_by_related_name(page_slice)
    if ids is None:
        ids = list(page_slice.values_list("pk", flat=True))
    if not ids:
        return []
    unsliced = page_slice._chain()
    unsliced.query.clear_limits()
    return in_id_order(unsliced.order_by(), ids)


class ListCountsMixin:
    """Counts over a large table (a place's or source's claims) computed for the list page only.

    The autocomplete fields and the change page read the same `get_queryset`; they show no
    counts, and counting a source's 500 claims for each of 20 suggestions, or a million claims
    for the 15 places of a place autocomplete, made them as slow as the list.
    """

    def list_counts(self, queryset):
        """The queryset with the list's count annotations (each admin adds its own)."""
        return queryset

    def changelist_view(self, request, extra_context=None):
        request.with_list_counts = True
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return self.list_counts(queryset) if getattr(request, "with_list_counts", False) else queryset


class LargeTableAdminMixin:
    """A changelist for tables that grow to a million rows: estimated counts, pages loaded by id."""

    paginator = LargeTablePaginator
    show_full_result_count = False
    # Rendering a row costs more than reading it: 50 rows are a screenful or two to scan.
    list_per_page = 50

    def action_checkbox(self, obj):
        # The same checkbox Django draws, written directly: Django renders a form widget
        # template for each row, which took a third of a list page's time.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            _("Select this object for an action - {}").format(obj),
        )


def _ids_by_related_name(page_slice) -> list | None:
    """A page's ids when the list is sorted by a related row's name (place, metric), on PostgreSQL.

    ORDER BY place.name, period_end DESC, id sorts every matching claim of the first places
    (a place has tens of thousands) to return 50. Here the related rows are walked in name
    order and, for each, its rows are read from the index on (place, -period_end, id), at most
    as many as the page reaches (LATERAL ... LIMIT): PostgreSQL stops when the page is full.
    Rows whose related names are equal come one related row after the other (by its id).
    None when the ordering is anything else, or on another database (the caller then reads the
    ids as usual).
    """
    query = page_slice.query
    order = list(query.order_by)
    if connection.vendor != "postgresql" or not order or not all(isinstance(term, str) for term in order):
        return None
    descending = order[0].startswith("-")
    relation, _, column = order[0].lstrip("-").partition("__")
    model = query.model
    try:
        field = model._meta.get_field(relation)
    except FieldDoesNotExist:
        return None
    if column != "name" or not field.many_to_one or field.null or query.high_mark is None:
        return None
    rest = order[1:]
    own_fields = {f.name for f in model._meta.concrete_fields} | {"pk"}
    if not all(term.lstrip("-") in own_fields for term in rest):
        return None
    related = field.related_model._meta
    sort_keys = {f"sort_key_{n}": F(term.lstrip("-")) for n, term in enumerate(rest)}
    within = page_slice._chain()
    within.query.clear_limits()
    within = (
        within.order_by(*rest)
        .filter(**{field.attname: RawSQL('"related_row"."id"', ())})
        .annotate(**sort_keys)
        .values("pk", *sort_keys)[: query.high_mark]
    )
    within_sql, params = within.query.sql_with_params()
    direction = "DESC" if descending else "ASC"
    terms = [f'"related_row"."name" {direction}', f'"related_row"."id" {direction}']
    for key, term in zip(sort_keys, rest, strict=True):
        terms.append(f'"page"."{key}" {"DESC" if term.startswith("-") else "ASC"}')
    name_column = connection.ops.quote_name(related.get_field("name").column)
    sql = (
        f'SELECT "page"."pk" FROM (SELECT {connection.ops.quote_name(related.pk.column)} AS "id", {name_column} '
        f'AS "name" FROM {connection.ops.quote_name(related.db_table)}) AS "related_row" '
        f'CROSS JOIN LATERAL ({within_sql}) AS "page" ORDER BY {", ".join(terms)} LIMIT %s OFFSET %s'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, query.high_mark - query.low_mark, query.low_mark])
        return [row[0] for row in cursor.fetchall()]

"""Admin list pages that stay fast with a million claims: counting, paging and page-only columns.

Django's changelist counts every matching row twice (COUNT(*) of the filtered and of the whole
table) and computes every column of every row it skips with OFFSET. Here:

- `show_full_result_count = False`: no count of the whole table.
- 50 rows a page, and the action checkbox written without a template per row.
- `LargeTablePaginator` counts with `curation.counting.count_rows` (exact up to 10,000 rows when
  that is cheap, the planner's estimate beyond, on PostgreSQL) and picks the page's ids with a
  plain ordered, sliced query before loading only those rows with their annotations, so a deep
  page does not compute per-row subqueries for the rows it skips.
"""

from django.contrib.admin import helpers
from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

from curation.counting import count_rows


class LargeTablePaginator(Paginator):
    """Counts with the planner's estimate for large results; loads the page's rows by id."""

    @cached_property
    def count(self):
        object_list = self.object_list
        if not hasattr(object_list, "query"):  # a list, not a queryset
            return len(object_list)
        return count_rows(object_list).number

    def _get_page(self, object_list, number, paginator):
        return Page(_rows_by_id(object_list), number, paginator)


def _rows_by_id(page_slice):
    """The rows of a sliced queryset, chosen by id first so that skipped rows are not dressed."""
    if not hasattr(page_slice, "query") or page_slice.query.distinct_fields:
        return page_slice
    ids = list(page_slice.values_list("pk", flat=True))
    if not ids:
        return []
    unsliced = page_slice._chain()
    unsliced.query.clear_limits()
    by_id = {row.pk: row for row in unsliced.filter(pk__in=ids).order_by()}
    return [by_id[pk] for pk in ids if pk in by_id]


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

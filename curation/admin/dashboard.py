"""The admin index with the desk's dashboard above the app list, and the claim list filter its
"my drafts" link uses. The reads are in curation.review.dashboard."""

from django.contrib import admin

from curation.review.dashboard import mine

# The index template adds the dashboard ({% dashboard_panels %}) to Django's own index page.
admin.site.index_template = "admin/curation/index_with_dashboard.html"


class MyClaimsFilter(admin.SimpleListFilter):
    """Claims the current user created or changed last."""

    title = "author"
    parameter_name = "mine"
    MINE = "yes"

    def lookups(self, request, model_admin):
        return [(self.MINE, "Created or last changed by me")]

    def queryset(self, request, queryset):
        if self.value() == self.MINE:
            return queryset.filter(mine(request.user))
        return queryset

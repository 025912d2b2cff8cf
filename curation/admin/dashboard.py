"""The admin index with the desk's dashboard above the app list, and the claim list filter its
"my drafts" link uses. The reads are in curation.review.dashboard."""

from django.contrib import admin

from curation.admin.base import ChoicesFilter
from curation.review.dashboard import mine

# The index template adds the dashboard ({% dashboard_panels %}) to Django's own index page.
admin.site.index_template = "admin/curation/index_with_dashboard.html"


class MyClaimsFilter(ChoicesFilter):
    """Claims the current user created or changed last."""

    title = "author"
    parameter_name = "mine"
    links = {"yes": "Created or last changed by me"}

    def narrow(self, request, queryset, value):
        return queryset.filter(mine(request.user))

"""The admin index's dashboard ({% desk_dashboard %}): the reads are curation.review.dashboard's."""

from django import template

from curation.review.dashboard import desk_dashboard

register = template.Library()


@register.inclusion_tag("admin/curation/dashboard.html", takes_context=True)
def dashboard_panels(context):
    user = context["request"].user
    return {"dashboard": desk_dashboard(user=user), "user_id": user.pk}

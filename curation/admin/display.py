"""Small display helpers shared by the admin modules."""

from django.urls import reverse
from django.utils.html import format_html


def admin_link(obj, label=None):
    """A link to the object's admin change page, labelled with `label` or the object itself."""
    url = reverse(f"admin:curation_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, label if label is not None else obj)

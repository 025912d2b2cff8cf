"""Pieces the admin areas build on: the URLs of their extra pages and list filters with fixed links."""

import abc

from django.contrib import admin
from django.urls import path


def with_pages(model_admin, urls, *pages):
    """`urls` (the admin's own) after the extra `pages`, each (route, view, name), behind the admin's
    login and staff check. The extra pages come first so that `<path:object_id>/` does not catch them."""
    admin_view = model_admin.admin_site.admin_view
    return [*(path(route, admin_view(view), name=name) for route, view, name in pages), *urls]


class ChoicesFilter(admin.SimpleListFilter, abc.ABC):
    """A list filter with fixed links: `links` maps each parameter value to its link's label, and
    `narrow` filters the list for the chosen one. Any other value in the URL leaves the list whole."""

    links: dict[str, str] = {}

    def lookups(self, request, model_admin):
        return list(self.links.items())

    def queryset(self, request, queryset):
        value = self.value()
        if value not in self.links:
            return queryset
        return self.narrow(request, queryset, value)

    @abc.abstractmethod
    def narrow(self, request, queryset, value):
        """The list narrowed to the links' `value`."""

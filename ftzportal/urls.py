"""Root URLs: the admin for editors and reviewers; the public site comes from curation.public.urls."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "FTZ Claims Portal"
admin.site.site_title = "FTZ Claims Portal"
admin.site.index_title = "Curation"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("", include("curation.public.urls")),
]

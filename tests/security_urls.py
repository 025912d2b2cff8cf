"""The project's URLs plus a view that fails, to see what a visitor gets when a page raises."""

from django.urls import path

from ftzportal.urls import urlpatterns as project_urlpatterns


def failing_view(request):
    raise RuntimeError("database password is hunter2; query SELECT * FROM curation_claim WHERE status='draft'")


urlpatterns = [path("failing-page/", failing_view), *project_urlpatterns]

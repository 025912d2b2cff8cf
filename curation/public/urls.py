"""The public site's URLs, mounted at the root of the project."""

from django.urls import path

from curation.public import views
from curation.public.cache import cache_public_page

app_name = "public"

urlpatterns = [
    path("", cache_public_page(views.claim_list), name="claim_list"),
    path("claims.csv", views.claim_csv, name="claim_csv"),
    path("claims.json", views.claim_json, name="claim_json"),
    path("claims/<int:pk>/", cache_public_page(views.claim_detail), name="claim_detail"),
    path("sources/<int:pk>/", cache_public_page(views.source_detail), name="source_detail"),
    path("places/<slug:slug>/", cache_public_page(views.place_detail), name="place_detail"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("releases/", cache_public_page(views.release_list), name="release_list"),
    path("releases/ftz-claims-v<int:version>.zip", views.release_zip, name="release_zip"),
    path("releases/<int:version>/<str:name>", views.release_file, name="release_file"),
]

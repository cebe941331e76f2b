"""The public catalogue under /services/ (namespace "catalog")."""

from django.urls import path

from renshe.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    # before "<code>/": a bundle's path must not be read as an item code
    path("bundles/<str:code>/", views.bundle_detail, name="bundle"),
    path("bundles/<str:code>/apply/", views.bundle_apply, name="bundle_apply"),
    path("<str:code>/", views.item_guide, name="guide"),
    path("<str:code>/apply/", views.item_apply, name="apply"),
]

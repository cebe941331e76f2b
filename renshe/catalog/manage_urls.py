"""Catalogue administration under /catalog/manage/ (namespace "catalog_manage")."""

from django.urls import path

from renshe.catalog import manage_views as views

app_name = "catalog_manage"
urlpatterns: list = [
    path("", views.item_list, name="item_list"),
    path("<str:code>/", views.item_edit, name="item_edit"),
    path("<str:code>/active/", views.item_toggle, name="item_toggle"),
]

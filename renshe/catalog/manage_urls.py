"""Catalogue administration under /catalog/manage/ (namespace "catalog_manage")."""

app_name = "catalog_manage"
urlpatterns: list = []

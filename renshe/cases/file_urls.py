"""URLs of the cases module's file pages (included by renshe/cases/urls.py, namespace "cases")."""

from django.urls import path

from renshe.cases import file_views

urlpatterns: list = [
    path("<int:case_pk>/materials/<int:pk>/download/", file_views.material_download, name="material_download"),
    path("<int:case_pk>/documents/<int:pk>/download/", file_views.document_download, name="document_download"),
]

from django.urls import path

from renshe.registry import import_views

urlpatterns = [
    path("", import_views.import_list, name="import_list"),
]

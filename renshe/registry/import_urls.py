from django.urls import path

from renshe.registry import import_views

urlpatterns = [
    path("", import_views.import_list, name="import_list"),
    path("<int:pk>/", import_views.import_detail, name="import_detail"),
    path("<int:pk>/status/", import_views.import_status, name="import_status"),
    path("<int:pk>/retry/", import_views.import_retry, name="import_retry"),
    path("<int:pk>/errors.xlsx", import_views.import_errors, name="import_errors"),
    path("templates/<slug:kind>.<slug:fmt>", import_views.import_template, name="import_template"),
]

"""URLs of the cases module's staff pages (included by renshe/cases/urls.py, namespace "cases")."""

from django.urls import path

from renshe.cases import staff_views as views

urlpatterns: list = [
    path("queue/", views.queue, name="queue"),
    path("queue/batch/", views.queue_batch, name="queue_batch"),
    path("queue/<int:pk>/", views.case_detail, name="case_detail"),
    path("queue/<int:pk>/act/", views.case_act, name="case_act"),
    path("window/new/", views.window_apply, name="window_apply"),
    path("rectifications/", views.rectification_list, name="rectification_list"),
    path("rectifications/<int:pk>/", views.rectification_detail, name="rectification_detail"),
    path("metrics/", views.metrics, name="metrics"),
    path("metrics/export.xlsx", views.metrics_export, name="metrics_export"),
]

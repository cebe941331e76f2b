"""Pages under /planning/, in the namespace "planning"."""

from django.urls import path, re_path

from renshe.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.register, name="register"),
    path("indicators/<str:code>/", views.detail, name="detail"),
    path("entry/", views.value_entry, name="value_entry"),
    path("values/<int:pk>/evidence/", views.evidence, name="evidence"),
    path("reports/", views.reports_page, name="reports"),
    path("reports/run/", views.report_start, name="report_start"),
    path("reports/runs/<int:pk>/", views.report_run_page, name="report_run"),
    path("reports/runs/<int:pk>/file/", views.report_run_file, name="report_run_file"),
    re_path(
        r"^reports/(?P<kind>annual|midterm)-(?P<year>20\d\d)\.(?P<fmt>xlsx|pdf)$", views.report_download, name="report"
    ),
]

"""Pages under /planning/projects/, in the namespace "majorprojects"."""

from django.urls import path

from renshe.planning.projects import views

app_name = "majorprojects"
urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("export.xlsx", views.ledger_export, name="export"),
    path("report/", views.progress_form, name="report"),
    path("<str:code>/", views.project_detail, name="detail"),
    path("<str:code>/milestones/", views.milestone_add, name="milestone_add"),
    path("<str:code>/milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
    path("<str:code>/issues/", views.issue_add, name="issue_add"),
    path("<str:code>/issues/<int:pk>/close/", views.issue_close, name="issue_close"),
    path("<str:code>/photos/", views.photo_add, name="photo_add"),
    path("<str:code>/photos/<int:pk>/", views.photo_file, name="photo"),
]

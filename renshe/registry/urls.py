from django.urls import include, path

from renshe.registry import views

app_name = "registry"
urlpatterns = [
    path("persons/", views.person_list, name="person_list"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/export.xlsx", views.person_export, name="person_export"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("persons/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("persons/<int:pk>/employments/", views.employment_start, name="employment_start"),
    path("employments/<int:pk>/end/", views.employment_end, name="employment_end"),
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/new/", views.employer_create, name="employer_create"),
    path("employers/export.xlsx", views.employer_export, name="employer_export"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("me/", views.my_record, name="my_record"),
    path("imports/", include("renshe.registry.import_urls")),
]

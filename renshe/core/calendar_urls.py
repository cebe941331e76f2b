"""Holiday notices entered by administrators, under /calendar/ (namespace "calendar")."""

from django.urls import path

from renshe.core import calendar_views as views

app_name = "calendar"
urlpatterns: list = [
    path("", views.year_list, name="year_list"),
    path("<int:year>/", views.year_edit, name="year_edit"),
]

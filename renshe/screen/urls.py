"""Pages under /screen/, in the namespace "screen"."""

from django.urls import path

from renshe.screen import views

app_name = "screen"
urlpatterns = [
    path("", views.screen, name="screen"),
    path("config/", views.config_edit, name="config"),
]

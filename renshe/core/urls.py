from django.urls import path

from renshe.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("portal/", views.portal, name="portal"),
    path("workbench/", views.workbench, name="workbench"),
]

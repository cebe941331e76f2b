from django.urls import path

from renshe.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("verify/", views.chain_status, name="chain_status"),
]

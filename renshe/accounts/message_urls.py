"""The message centre under /messages/ (namespace "messages")."""

from django.urls import path

from renshe.accounts import message_views

app_name = "messages"
urlpatterns = [
    path("", message_views.inbox, name="inbox"),
    path("<int:pk>/", message_views.message_open, name="open"),
]

"""The message centre under /messages/ (namespace "messages")."""

app_name = "messages"
urlpatterns: list = []

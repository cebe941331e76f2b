"""Pages under /labour/, in the namespace "labour"."""

app_name = "labour"
urlpatterns: list = []

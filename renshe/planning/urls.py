"""Pages under /planning/, in the namespace "planning"."""

app_name = "planning"
urlpatterns: list = []

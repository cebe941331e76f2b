"""Pages under /labour/inspection/, in the namespace "inspection"."""

app_name = "inspection"
urlpatterns: list = []

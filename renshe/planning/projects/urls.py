"""Pages under /planning/projects/, in the namespace "majorprojects"."""

app_name = "majorprojects"
urlpatterns: list = []

"""Pages under /labour/mediation/, in the namespace "mediation"."""

app_name = "mediation"
urlpatterns: list = []

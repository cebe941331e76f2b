"""Pages under /labour/wages/, in the namespace "wages"."""

app_name = "wages"
urlpatterns: list = []

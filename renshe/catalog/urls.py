"""The public catalogue under /services/ (namespace "catalog")."""

app_name = "catalog"
urlpatterns: list = []

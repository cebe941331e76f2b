"""Pages under /screen/, in the namespace "screen"."""

app_name = "screen"
urlpatterns: list = []

"""Pages under /labour/contracts/, in the namespace "contracts"."""

app_name = "contracts"
urlpatterns: list = []

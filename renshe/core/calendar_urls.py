"""Holiday notices entered by administrators, under /calendar/ (namespace "calendar")."""

app_name = "calendar"
urlpatterns: list = []

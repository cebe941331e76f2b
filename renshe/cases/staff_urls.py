"""URLs of the cases module's staff pages (included by renshe/cases/urls.py, namespace "cases")."""

urlpatterns: list = []

"""URLs of the cases module's public pages (included by renshe/cases/urls.py, namespace "cases")."""

urlpatterns: list = []

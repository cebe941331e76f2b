"""URLs of the cases module's file pages (included by renshe/cases/urls.py, namespace "cases")."""

urlpatterns: list = []

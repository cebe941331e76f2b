"""URLs of the employment module (merged into namespace "employment" by renshe/employment/urls.py)."""

urlpatterns: list = []

"""REST endpoints of the mediation app, included under /api/v1/ by renshe/api_urls.py."""

urlpatterns: list = []

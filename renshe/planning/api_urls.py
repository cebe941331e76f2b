"""REST endpoints of the planning app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.planning.api import IndicatorViewSet

router = DefaultRouter()
router.register("indicators", IndicatorViewSet, basename="indicator")

urlpatterns = router.urls

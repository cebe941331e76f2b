"""REST endpoints of the labour app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.labour.api import ArbitrationViewSet

router = DefaultRouter()
router.include_root_view = False  # /api/v1/ has one root, in renshe/api_urls.py
router.register("arbitration-cases", ArbitrationViewSet, basename="arbitration-case")

urlpatterns = router.urls

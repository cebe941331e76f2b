"""REST endpoints of the screen app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.screen.api import ScreenViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("screen", ScreenViewSet, basename="screen")

urlpatterns = router.urls

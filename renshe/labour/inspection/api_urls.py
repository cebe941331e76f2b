"""REST endpoints of the inspection app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.labour.inspection.api import ComplaintViewSet, InspectionCaseViewSet, InspectionDrawViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("complaints", ComplaintViewSet, basename="complaint")
router.register("inspection-cases", InspectionCaseViewSet, basename="inspection-case")
router.register("inspection-draws", InspectionDrawViewSet, basename="inspection-draw")

urlpatterns = router.urls

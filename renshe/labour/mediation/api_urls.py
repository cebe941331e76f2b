"""REST endpoints of the mediation app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.labour.mediation.api import MediationCaseViewSet, OrganisationViewSet

router = DefaultRouter()
router.include_root_view = False  # /api/v1/ has one root, in renshe/api_urls.py
router.register("mediation-cases", MediationCaseViewSet, basename="mediation-case")
router.register("mediation-organisations", OrganisationViewSet, basename="mediation-organisation")

urlpatterns = router.urls

"""REST endpoints of the majorprojects app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.planning.projects.api import MajorProjectViewSet

router = DefaultRouter()
router.include_root_view = False
router.register("major-projects", MajorProjectViewSet, basename="major-project")

urlpatterns = router.urls

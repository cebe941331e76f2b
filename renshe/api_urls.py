"""All REST endpoints under /api/v1/ (DESIGN.md)."""

from django.urls import include, path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from renshe.cases.api import CaseViewSet
from renshe.catalog.api import BundleViewSet, ServiceItemViewSet
from renshe.employment.api_fairs import JobFairViewSet
from renshe.employment.api_jobs import JobViewSet
from renshe.registry.api import EmployerViewSet, EmploymentViewSet, PersonViewSet

router = DefaultRouter()
router.register("persons", PersonViewSet, basename="person")
router.register("employers", EmployerViewSet, basename="employer")
router.register("employments", EmploymentViewSet, basename="employment")
router.register("service-items", ServiceItemViewSet, basename="service-item")
router.register("bundles", BundleViewSet, basename="bundle")
router.register("cases", CaseViewSet, basename="case")
router.register("job-fairs", JobFairViewSet, basename="job-fair")
router.register("jobs", JobViewSet, basename="job")

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="api-token"),
    *router.urls,
    # Each later module keeps its own endpoints in its api_urls.py.
    path("", include("renshe.labour.api_urls")),
    path("", include("renshe.labour.mediation.api_urls")),
    path("", include("renshe.labour.inspection.api_urls")),
    path("", include("renshe.labour.wages.api_urls")),
    path("", include("renshe.labour.contracts.api_urls")),
    path("", include("renshe.planning.api_urls")),
    path("", include("renshe.planning.projects.api_urls")),
    path("", include("renshe.screen.api_urls")),
]

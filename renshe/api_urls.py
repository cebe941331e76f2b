"""All REST endpoints under /api/v1/ (DESIGN.md)."""

from django.urls import path
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.routers import DefaultRouter

from renshe.registry.api import EmployerViewSet, EmploymentViewSet, PersonViewSet

router = DefaultRouter()
router.register("persons", PersonViewSet, basename="person")
router.register("employers", EmployerViewSet, basename="employer")
router.register("employments", EmploymentViewSet, basename="employment")

urlpatterns = [
    path("auth/token/", ObtainAuthToken.as_view(), name="api-token"),
    *router.urls,
]

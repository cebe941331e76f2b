"""REST endpoints of the wages app, included under /api/v1/ by renshe/api_urls.py."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from renshe.labour.wages import api

router = DefaultRouter()
router.register("wage-projects", api.WageProjectViewSet, basename="wage-project")
router.register("payrolls", api.PayrollViewSet, basename="payroll")
router.register("wage-warnings", api.WageWarningViewSet, basename="wage-warning")

urlpatterns = [
    path("partner/projects/", api.PartnerProjectsView.as_view(), name="partner-projects"),
    path("partner/bank-transactions/", api.PartnerBankView.as_view(), name="partner-bank-transactions"),
    *router.urls,
]

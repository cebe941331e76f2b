"""REST endpoints of the contracts app, included under /api/v1/ by renshe/api_urls.py."""

from rest_framework.routers import DefaultRouter

from renshe.labour.contracts.api import (
    ArrearsBlacklistViewSet,
    CreditRatingViewSet,
    DispatchLicenceViewSet,
    LabourContractViewSet,
)

router = DefaultRouter()
router.include_root_view = False  # /api/v1/ has its root already
router.register("labour-contracts", LabourContractViewSet, basename="labour-contract")
router.register("dispatch-licences", DispatchLicenceViewSet, basename="dispatch-licence")
router.register("credit-ratings", CreditRatingViewSet, basename="credit-rating")
router.register("arrears-blacklist", ArrearsBlacklistViewSet, basename="arrears-blacklist")

urlpatterns = router.urls

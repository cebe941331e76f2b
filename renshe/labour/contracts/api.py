"""REST endpoints of the contracts app.

- ``/api/v1/labour-contracts/``: an employer lists its own contracts and POSTs one (``id_number``,
  ``contract_type``, ``start_date``, ``end_date``, ``probation_months``, ``position``, ``monthly_wage``,
  ``platform_ref``, ``signed_on``); staff list their region's (identity numbers masked).
- ``/api/v1/dispatch-licences/``: valid licences for anyone; an employer also sees its own applications
  and POSTs one; staff their region's.
- ``/api/v1/credit-ratings/``: staff with ``contracts.view_creditrating`` (``year``, ``grade`` filters).
- ``/api/v1/arrears-blacklist/``: the current list, public, no personal data.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.response import Response

from renshe.accounts.models import Role
from renshe.core.api_views import ScopedViewSet
from renshe.labour.contracts import selectors, services_contracts, services_licences
from renshe.labour.contracts.models import (
    BlacklistEntry,
    ContractType,
    CreditRating,
    DispatchLicence,
    Grade,
    LabourContract,
)

# --- labour contracts -----------------------------------------------------------------------------


class ContractOut(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name")
    person_name = serializers.CharField(source="person.masked_name")
    id_number = serializers.CharField(source="masked_id_number")
    contract_type_label = serializers.CharField(source="get_contract_type_display")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = LabourContract
        fields = [
            "id",
            "employer",
            "employer_name",
            "person_name",
            "id_number",
            "contract_type",
            "contract_type_label",
            "start_date",
            "end_date",
            "probation_months",
            "position",
            "monthly_wage",
            "platform_ref",
            "signed_on",
            "status",
            "status_label",
            "terminated_on",
            "renewed_from",
        ]


class ContractIn(serializers.Serializer):
    id_number = serializers.CharField(max_length=18)
    contract_type = serializers.ChoiceField(choices=ContractType.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    probation_months = serializers.IntegerField(min_value=0, max_value=6, required=False, default=0)
    position = serializers.CharField(max_length=60)
    monthly_wage = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0)
    platform_ref = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    signed_on = serializers.DateField()


@extend_schema(tags=["labour"])
class LabourContractViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = ContractOut
    queryset = LabourContract.objects.none()
    permission_classes = [IsAuthenticated]

    def scoped_queryset(self, user):
        return selectors.contract_list(viewer=user, status=self.request.query_params.get("status", ""))

    def get_object(self):
        return selectors.get_contract_for_user_or_404(self.request.user, self.kwargs["pk"])

    @extend_schema(request=ContractIn, responses={201: ContractOut})
    def create(self, request):
        data = ContractIn(data=request.data)
        data.is_valid(raise_exception=True)
        contract = services_contracts.contract_register(actor=request.user, **data.validated_data)
        contract = selectors.get_contract_for_user_or_404(request.user, contract.pk)
        return Response(ContractOut(contract).data, status=status.HTTP_201_CREATED)


# --- dispatch licences ----------------------------------------------------------------------------


class LicenceOut(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name")
    credit_code = serializers.CharField(source="employer.credit_code")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = DispatchLicence
        fields = [
            "id",
            "employer",
            "employer_name",
            "credit_code",
            "kind",
            "number",
            "valid_from",
            "valid_until",
            "status",
            "status_label",
        ]


class LicenceIn(serializers.Serializer):
    registered_capital = serializers.DecimalField(max_digits=12, decimal_places=2, help_text="万元")
    premises_address = serializers.CharField(max_length=120)
    premises_area = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="平方米")
    rules_summary = serializers.CharField(max_length=2000)


@extend_schema(tags=["labour"])
class DispatchLicenceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = LicenceOut
    queryset = DispatchLicence.objects.none()

    def get_permissions(self):
        return [AllowAny()] if self.action in ("list", "retrieve") else [IsAuthenticated()]

    def scoped_queryset(self, user):
        own = selectors.licences_visible_to(user)
        public = selectors.public_licences(today=timezone.localdate())
        return (
            (
                DispatchLicence.objects.filter(pk__in=own.values("pk"))
                | DispatchLicence.objects.filter(pk__in=public.values("pk"))
            )
            .select_related("employer")
            .order_by("-id")
        )

    @extend_schema(request=LicenceIn, responses={201: LicenceOut})
    def create(self, request):
        data = LicenceIn(data=request.data)
        data.is_valid(raise_exception=True)
        licence = services_licences.licence_apply(actor=request.user, **data.validated_data)
        return Response(LicenceOut(licence).data, status=status.HTTP_201_CREATED)


# --- credit ratings -------------------------------------------------------------------------------


class CanViewRatings(BasePermission):
    def has_permission(self, request, view):
        user = request.user
        return bool(
            user.is_authenticated and user.role not in (Role.CITIZEN, Role.EMPLOYER, Role.TRAINING_ORG)
        ) and user.has_perm("contracts.view_creditrating")


class RatingOut(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name")
    credit_code = serializers.CharField(source="employer.credit_code")

    class Meta:
        model = CreditRating
        fields = [
            "id",
            "employer",
            "employer_name",
            "credit_code",
            "year",
            "grade",
            "computed_grade",
            "reasons",
            "adjusted",
            "adjust_reason",
            "published_on",
        ]


@extend_schema(tags=["labour"])
class CreditRatingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = RatingOut
    queryset = CreditRating.objects.none()
    permission_classes = [CanViewRatings]

    def scoped_queryset(self, user):
        params = self.request.query_params
        try:
            year = int(params.get("year") or 0) or None
        except ValueError:
            raise serializers.ValidationError({"year": "year must be a number"}) from None
        grade = params.get("grade", "")
        if grade and grade not in Grade.values:
            raise serializers.ValidationError({"grade": "grade must be A, B or C"})
        return selectors.rating_list(viewer=user, year=year, grade=grade)

    def get_object(self):
        return selectors.get_rating_for_user_or_404(self.request.user, self.kwargs["pk"])


# --- arrears blacklist ----------------------------------------------------------------------------


class BlacklistOut(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name")
    credit_code = serializers.CharField(source="employer.credit_code")
    ground_label = serializers.CharField(source="get_ground_display")

    class Meta:
        model = BlacklistEntry
        fields = ["id", "employer_name", "credit_code", "ground", "ground_label", "listed_on", "ends_on"]


@extend_schema(tags=["labour"])
class ArrearsBlacklistViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = BlacklistOut
    queryset = BlacklistEntry.objects.none()
    permission_classes = [AllowAny]

    def scoped_queryset(self, user):
        return selectors.public_blacklist(query=self.request.query_params.get("q", ""))

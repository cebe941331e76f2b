"""REST endpoints of the wages app.

Partners (``Authorization: Partner <token>``, see ``partners.py``):
- ``POST /api/v1/partner/projects/`` (scope ``projects:write``, the housing and construction bureau):
  ``{"projects": [...]}``, each upserted by its ``code``; the contractor is named by ``employer``
  (unified social credit code, already in the registry).
- ``POST /api/v1/partner/bank-transactions/`` (scope ``bank:write``, a bank): ``{"lines": [...]}`` with
  ``txn_id``, ``account``, ``kind`` (credit/payout), ``amount``, ``date`` and for a payout ``id_number`` or
  ``card``. All or nothing; resubmitting returns the same lines and applies nothing twice; a bad line is a
  400 naming it ("第 n 行：…").

Staff (scoped by region) and contractors (their own): ``/api/v1/wage-projects/``, ``/api/v1/payrolls/``,
``/api/v1/wage-warnings/`` (read).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle
from rest_framework.views import APIView

from renshe.core.api_views import ScopedViewSet
from renshe.core.identity import validate_uscc
from renshe.labour.wages import selectors as sel
from renshe.labour.wages import services_payroll as pay
from renshe.labour.wages import services_projects as svc
from renshe.labour.wages.models import Payroll, PayrollLine, Project, WageWarning
from renshe.labour.wages.partners import HasScope, PartnerAuthentication
from renshe.registry.models import Employer

# --- partners ------------------------------------------------------------------------------------------


class ProjectIn(serializers.Serializer):
    code = serializers.CharField(max_length=40)
    employer = serializers.CharField(max_length=18, help_text="unified social credit code of the general contractor")
    name = serializers.CharField(max_length=120)
    region = serializers.CharField(max_length=12, help_text="town code")
    address = serializers.CharField(max_length=120, required=False, default="")
    approval_number = serializers.CharField(max_length=60, required=False, default="")
    funding_source = serializers.CharField(max_length=60, required=False, default="")
    funds_in_place = serializers.BooleanField(required=False, default=False)
    permit_number = serializers.CharField(max_length=60, required=False, default="")
    contract_sum = serializers.DecimalField(max_digits=14, decimal_places=2)
    contract_signed_on = serializers.DateField()
    start_on = serializers.DateField()
    end_on = serializers.DateField()
    pay_day = serializers.IntegerField()
    transfer_cycle_days = serializers.IntegerField(required=False, default=30)
    labour_share = serializers.DecimalField(max_digits=5, decimal_places=2, required=False, default=20)


class ProjectsPushIn(serializers.Serializer):
    projects = ProjectIn(many=True, allow_empty=False)


class BankLineIn(serializers.Serializer):
    txn_id = serializers.CharField(max_length=64)
    account = serializers.CharField(max_length=32)
    kind = serializers.CharField(max_length=10)
    amount = serializers.CharField(max_length=20)
    date = serializers.CharField(max_length=10)
    id_number = serializers.CharField(max_length=20, required=False, default="")
    card = serializers.CharField(max_length=32, required=False, default="")


class BankPushIn(serializers.Serializer):
    lines = BankLineIn(many=True, allow_empty=False)


class PartnerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "renshe.labour.wages.partners.PartnerAuthentication"
    name = "PartnerToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Partner <token>"}


class PartnerThrottle(UserRateThrottle):
    def get_cache_key(self, request, view):
        return f"throttle_partner_{request.user.pk}"


class PartnerView(APIView):
    authentication_classes = [PartnerAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [PartnerThrottle]
    required_scope = ""


class PartnerProjectsView(PartnerView):
    required_scope = "projects:write"

    @extend_schema(request=ProjectsPushIn, responses={200: dict})
    def post(self, request):
        data = ProjectsPushIn(data=request.data)
        data.is_valid(raise_exception=True)
        results = []
        with transaction.atomic():
            for number, item in enumerate(data.validated_data["projects"], start=1):
                item = dict(item)
                code = item.pop("employer")
                try:
                    employer = Employer.objects.get(credit_code=validate_uscc(code))
                except (ValidationError, Employer.DoesNotExist):
                    raise ValidationError(
                        {
                            "projects": [
                                _("第 %(n)d 项：实名信息库中没有统一社会信用代码为 %(c)s 的单位")
                                % {"n": number, "c": code}
                            ]
                        }
                    ) from None
                try:
                    project, created = svc.project_upsert_by_code(partner=request.user, employer=employer, **item)
                except ValidationError as exc:
                    raise ValidationError(
                        {"projects": [_("第 %(n)d 项：%(e)s") % {"n": number, "e": "；".join(exc.messages)}]}
                    ) from None
                results.append({"code": project.code, "id": project.pk, "created": created})
        return Response({"projects": results})


class PartnerBankView(PartnerView):
    required_scope = "bank:write"

    @extend_schema(request=BankPushIn, responses={200: dict})
    def post(self, request):
        data = BankPushIn(data=request.data)
        data.is_valid(raise_exception=True)
        result = pay.bank_lines_push(partner=request.user, rows=[dict(r) for r in data.validated_data["lines"]])
        return Response(result, status=status.HTTP_200_OK)


# --- staff and contractors ---------------------------------------------------------------------------------


class WageProjectOut(serializers.ModelSerializer):
    employer_name = serializers.CharField(source="employer.name")
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    has_account = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "employer",
            "employer_name",
            "region",
            "region_name",
            "permit_number",
            "contract_sum",
            "contract_signed_on",
            "start_on",
            "end_on",
            "pay_day",
            "transfer_cycle_days",
            "labour_share",
            "notice_board",
            "status",
            "has_account",
        ]

    def get_has_account(self, obj) -> bool:
        return hasattr(obj, "account")


class WageProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = WageProjectOut

    def scoped_queryset(self, user):
        return sel.projects_visible_to(user).select_related("account").order_by("-id")


class PayrollLineOut(serializers.ModelSerializer):
    worker_name = serializers.CharField(source="worker.person.masked_name")

    class Meta:
        model = PayrollLine
        fields = ["id", "worker", "worker_name", "days", "amount_due", "amount_paid", "signature", "signed_at"]


class PayrollOut(serializers.ModelSerializer):
    lines = PayrollLineOut(many=True)

    class Meta:
        model = Payroll
        fields = ["id", "project", "month", "status", "filed_at", "lines"]


class PayrollViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = PayrollOut

    def scoped_queryset(self, user):
        return sel.payrolls_visible_to(user).prefetch_related("lines__worker__person").order_by("-month", "-id")


class WageWarningOut(serializers.ModelSerializer):
    project_name = serializers.CharField(source="project.name")
    employer_name = serializers.CharField(source="employer.name")
    region = serializers.CharField(source="region_id")

    class Meta:
        model = WageWarning
        fields = [
            "id",
            "rule",
            "level",
            "period",
            "project",
            "project_name",
            "employer",
            "employer_name",
            "region",
            "evidence",
            "status",
            "close_reason",
            "opened_on",
            "closed_at",
        ]


class WageWarningViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = WageWarningOut
    filterset_fields = ["rule", "level", "status"]

    def scoped_queryset(self, user):
        return sel.warnings_visible_to(user).order_by("-opened_on", "-id")

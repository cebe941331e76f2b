"""REST endpoint of arbitration cases: /api/v1/arbitration-cases/.

Applicants see their own cases, respondent employers the cases against them, staff the cases of
their region (``selectors.arbitrations_visible_to``; another region's case is a 404). A citizen
POSTs an application with its claims (``services.arbitration_apply``; bad input → 400 naming the
field, e.g. ``claims[0].amount``); staff POST actions to ``{id}/transition/`` (a stale
``expected_version`` or the wrong state → 409).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from renshe.accounts.models import Role
from renshe.core.api import Conflict
from renshe.core.api_views import ScopedViewSet
from renshe.labour import selectors, services
from renshe.labour.exceptions import ArbitrationConflict
from renshe.labour.models import ArbitrationCase, Channel, Claim, ClaimKind
from renshe.labour.timeline import timeline
from renshe.labour.views_public import respondent_by_code
from renshe.labour.views_staff import SIMPLE_ACTIONS


class ClaimOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Claim
        fields = ["order", "kind", "kind_label", "amount", "period_from", "period_to", "facts", "final", "upheld",
                  "awarded_amount"]  # fmt: skip


class DeadlineOut(serializers.Serializer):
    label = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    done_on = serializers.DateField(allow_null=True)
    colour = serializers.CharField(help_text="success, warning, danger or secondary")
    days_left = serializers.IntegerField(allow_null=True)


class StepOut(serializers.Serializer):
    at = serializers.DateTimeField()
    who = serializers.CharField()
    action = serializers.CharField()
    to_status = serializers.CharField()
    comment = serializers.CharField()


class ArbitrationOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    applicant_name = serializers.CharField(source="applicant.name")
    applicant_id_number = serializers.CharField(source="applicant.masked_id_number", help_text="masked")
    region = serializers.CharField(source="region_id")
    claims = ClaimOut(many=True, read_only=True)
    deadlines = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = ArbitrationCase
        fields = [
            "id", "number", "status", "status_label", "version", "channel", "applicant_name",
            "applicant_id_number", "respondent_name", "region", "migrant_worker", "workers", "knew_on",
            "green_channel", "collective", "simplified", "final_award", "time_barred", "amount_claimed",
            "amount_awarded", "received_on", "acceptance_due", "accepted_on", "award_due", "extended",
            "decided_on", "closed_on", "claims", "deadlines", "timeline",
        ]  # fmt: skip

    @extend_schema_field(DeadlineOut(many=True))
    def get_deadlines(self, case) -> list[dict]:
        return DeadlineOut(selectors.case_deadlines(case), many=True).data

    @extend_schema_field(StepOut(many=True))
    def get_timeline(self, case) -> list[dict]:
        if not self.context.get("detail"):
            return []
        return StepOut(timeline(case), many=True).data


class ClaimIn(serializers.Serializer):
    kind = serializers.CharField(help_text=f"one of {', '.join(ClaimKind.values)}")
    amount = serializers.CharField(required=False, allow_blank=True, help_text="元; money kinds: > 0")
    period_from = serializers.CharField(required=False, allow_blank=True, allow_null=True, help_text="YYYY-MM-DD")
    period_to = serializers.CharField(required=False, allow_blank=True, allow_null=True, help_text="YYYY-MM-DD")
    facts = serializers.CharField(required=False, allow_blank=True)


class ArbitrationIn(serializers.Serializer):
    respondent_credit_code = serializers.CharField(required=False, allow_blank=True)
    respondent_name = serializers.CharField(required=False, allow_blank=True)
    respondent_address = serializers.CharField(required=False, allow_blank=True)
    migrant_worker = serializers.BooleanField(required=False, default=False)
    workers = serializers.IntegerField(required=False, default=1)
    knew_on = serializers.DateField()
    employment_ended = serializers.BooleanField(required=False, default=False)
    employment_ended_on = serializers.DateField(required=False, allow_null=True)
    facts = serializers.CharField(required=False, allow_blank=True)
    acknowledge_time_bar = serializers.BooleanField(required=False, default=False)
    claims = ClaimIn(many=True)


class ArbitrationTransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=SIMPLE_ACTIONS)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, allow_null=True)


class ArbitrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = ArbitrationOut

    def scoped_queryset(self, user):
        return (
            selectors.queue_ordering(selectors.arbitrations_visible_to(user))
            .select_related("applicant")
            .prefetch_related("claims")
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["detail"] = self.action != "list"
        return context

    def _out(self, case, code=status.HTTP_200_OK) -> Response:
        case = self.get_queryset().get(pk=case.pk)
        return Response(ArbitrationOut(case, context={**self.get_serializer_context(), "detail": True}).data,
                        status=code)  # fmt: skip

    @extend_schema(request=ArbitrationIn, responses={201: ArbitrationOut})
    def create(self, request):
        user = request.user
        if user.role != Role.CITIZEN or not user.person_id:
            raise exceptions.PermissionDenied("只有个人用户可以在线申请仲裁；窗口请使用工作台录入")
        data = ArbitrationIn(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        employer = respondent_by_code(v.get("respondent_credit_code", ""))
        if v.get("respondent_credit_code") and employer is None:
            raise exceptions.ValidationError({"respondent_credit_code": ["未找到该统一社会信用代码的单位"]})
        try:
            case = services.arbitration_apply(
                actor=user,
                applicant=user.person,
                claims=[dict(c) for c in v["claims"]],
                knew_on=v["knew_on"],
                respondent_employer=employer,
                respondent_name=v.get("respondent_name", ""),
                respondent_address=v.get("respondent_address", ""),
                employment_ended=v["employment_ended"],
                employment_ended_on=v.get("employment_ended_on"),
                migrant_worker=v["migrant_worker"],
                workers=v["workers"],
                facts=v.get("facts", ""),
                channel=Channel.MOBILE,
                acknowledge_time_bar=v["acknowledge_time_bar"],
            )
        except ArbitrationConflict as exc:
            raise Conflict("；".join(exc.messages)) from None
        return self._out(case, status.HTTP_201_CREATED)

    @extend_schema(request=ArbitrationTransitionIn, responses={200: ArbitrationOut})
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        case = self.get_object()
        data = ArbitrationTransitionIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            case = services.arbitration_transition(
                case=case,
                action=data.validated_data["action"],
                actor=request.user,
                comment=data.validated_data["comment"],
                expected_version=data.validated_data.get("expected_version"),
            )
        except ArbitrationConflict as exc:
            raise Conflict("；".join(exc.messages)) from None
        return self._out(case)

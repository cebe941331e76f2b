"""REST endpoints of labour inspection (/api/v1/complaints/, /inspection-cases/, /inspection-draws/).

Complaints: a citizen POSTs their own and reads only theirs; staff read their region's (phones
masked) and enter phone/walk-in/transferred ones, and decide through ``transition``. Cases: staff
of the region read them, record actions (two inspectors at least) and close them. Draws: staff read
their region's and ``verify`` them; ``public`` lists the published results to anyone (employer
names and outcomes, no personal data). Bad input answers 400 naming the field, a wrong state 409.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from renshe.accounts.models import Role
from renshe.core.api_views import ScopedViewSet
from renshe.core.identity import mask_phone
from renshe.labour.inspection import selectors, services, services_complaints, services_draws
from renshe.labour.inspection.models import CaseStatus, Complaint, Draw, InspectionCase

# --- serializers ------------------------------------------------------------------------------------


class ComplaintOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    region = serializers.CharField(source="region_id")
    complainant_phone = serializers.SerializerMethodField()
    case_number = serializers.CharField(source="case.number", default="")

    class Meta:
        model = Complaint
        fields = [
            "id",
            "number",
            "kind",
            "channel",
            "status",
            "status_label",
            "employer_name",
            "region",
            "violation_types",
            "workers_affected",
            "amount_owed",
            "violation_last_on",
            "received_on",
            "acceptance_due",
            "refusal_reason",
            "decision_note",
            "transferred_to",
            "case_number",
            "result",
            "complainant_name",
            "complainant_phone",
            "version",
        ]

    def get_complainant_phone(self, complaint) -> str:
        return mask_phone(complaint.complainant_phone)


class ComplaintIn(serializers.Serializer):
    kind = serializers.CharField(required=False, help_text="complaint (实名) or report (可匿名)")
    channel = serializers.CharField(required=False, help_text="staff only: 12333, 12345, walk_in or transfer")
    transfer_body = serializers.CharField(required=False, allow_blank=True)
    transfer_ref = serializers.CharField(required=False, allow_blank=True)
    credit_code = serializers.CharField(required=False, allow_blank=True)
    employer_name = serializers.CharField(required=False, allow_blank=True)
    employer_address = serializers.CharField(required=False, allow_blank=True)
    region = serializers.CharField(required=False, allow_blank=True, help_text="town code (9 digits)")
    violation_types = serializers.ListField(child=serializers.CharField(), required=False)
    workers_affected = serializers.CharField(required=False)
    amount_owed = serializers.CharField(required=False)
    violation_last_on = serializers.CharField(required=False, help_text="YYYY-MM-DD")
    facts = serializers.CharField(required=False, allow_blank=True)
    complainant_name = serializers.CharField(required=False, allow_blank=True)
    complainant_phone = serializers.CharField(required=False, allow_blank=True)


class ComplaintTransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=["accept", "refuse", "transfer", "close"])
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    refusal_reason = serializers.CharField(required=False, allow_blank=True, default="")
    transferred_to = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class InspectionCaseOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    employer_name = serializers.CharField(source="employer.name")
    region = serializers.CharField(source="region_id")

    class Meta:
        model = InspectionCase
        fields = [
            "id",
            "number",
            "employer",
            "employer_name",
            "region",
            "source",
            "source_ref",
            "status",
            "status_label",
            "filed_on",
            "due_date",
            "extended",
            "violation_confirmed",
            "arrears_recovered",
            "workers_helped",
            "outcome_note",
            "closed_on",
            "version",
        ]


class ActionIn(serializers.Serializer):
    kind = serializers.CharField(help_text="site, inquiry, documents or notice")
    inspectors = serializers.ListField(child=serializers.IntegerField(), help_text="at least two inspector ids")
    note = serializers.CharField()
    refused = serializers.BooleanField(default=False, help_text="the employer refused or obstructed the inspection")
    version = serializers.IntegerField(required=False)


class CloseIn(serializers.Serializer):
    violation_confirmed = serializers.BooleanField()
    arrears_recovered = serializers.DecimalField(max_digits=14, decimal_places=2, default=0)
    workers_helped = serializers.IntegerField(default=0)
    outcome_note = serializers.CharField()
    version = serializers.IntegerField(required=False)


class DrawTargetOut(serializers.Serializer):
    position = serializers.IntegerField()
    employer_name = serializers.CharField(source="employer.name")
    region_name = serializers.CharField(source="employer.region.name")


class DrawOut(serializers.ModelSerializer):
    item = serializers.CharField(source="plan.item")
    region = serializers.CharField(source="plan.region_id")
    ratio = serializers.DecimalField(source="plan.ratio", max_digits=5, decimal_places=2)
    publication_due = serializers.SerializerMethodField()
    published = serializers.SerializerMethodField()
    targets = DrawTargetOut(many=True)

    class Meta:
        model = Draw
        fields = [
            "id",
            "item",
            "region",
            "ratio",
            "seed",
            "population_count",
            "population_hash",
            "drawn_count",
            "drawn_on",
            "publication_due",
            "published",
            "targets",
        ]

    def get_publication_due(self, draw) -> str:
        return services_draws.draw_publication_due(draw).isoformat()

    def get_published(self, draw) -> bool:
        return hasattr(draw, "publication")


class VerifyOut(serializers.Serializer):
    verified = serializers.BooleanField()


# --- viewsets ---------------------------------------------------------------------------------------


def _data(serializer_class, request):
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(tags=["inspection"])
class ComplaintViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = ComplaintOut
    permission_classes = [IsAuthenticated]

    def scoped_queryset(self, user):
        return selectors.complaints_visible_to(user).order_by("-id")

    @extend_schema(request=ComplaintIn, responses={201: ComplaintOut})
    def create(self, request):
        data = dict(_data(ComplaintIn, request))
        if request.user.role != Role.CITIZEN:
            data.setdefault("channel", "")
        complaint = services_complaints.complaint_file(actor=request.user, data=data)
        return Response(ComplaintOut(complaint).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ComplaintTransitionIn, responses=ComplaintOut)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        complaint = self.get_object()
        data = _data(ComplaintTransitionIn, request)
        complaint = services_complaints.complaint_transition(
            complaint=complaint,
            action=data["action"],
            actor=request.user,
            comment=data["comment"],
            refusal_reason=data["refusal_reason"],
            transferred_to=data["transferred_to"],
            expected_version=data.get("version"),
        )
        return Response(ComplaintOut(complaint).data)


@extend_schema(tags=["inspection"])
class InspectionCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = InspectionCaseOut
    permission_classes = [IsAuthenticated]

    def scoped_queryset(self, user):
        qs = selectors.cases_visible_to(user).order_by("-id")
        wanted = self.request.query_params.get("status", "")
        return qs.filter(status=wanted) if wanted in CaseStatus.values else qs

    @extend_schema(request=ActionIn, responses={201: InspectionCaseOut})
    @action(detail=True, methods=["post"])
    def actions(self, request, pk=None):
        case = self.get_object()
        data = _data(ActionIn, request)
        services.case_record_action(
            case=case,
            actor=request.user,
            kind=data["kind"],
            inspector_ids=data["inspectors"],
            note=data["note"],
            refused=data["refused"],
            expected_version=data.get("version"),
        )
        case.refresh_from_db()
        return Response(InspectionCaseOut(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CloseIn, responses=InspectionCaseOut)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        case = self.get_object()
        data = _data(CloseIn, request)
        case = services.case_close(
            case=case,
            actor=request.user,
            violation_confirmed=data["violation_confirmed"],
            arrears_recovered=data["arrears_recovered"],
            workers_helped=data["workers_helped"],
            outcome_note=data["outcome_note"],
            expected_version=data.get("version"),
        )
        return Response(InspectionCaseOut(case).data)


@extend_schema(tags=["inspection"])
class InspectionDrawViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = DrawOut
    permission_classes = [IsAuthenticated]

    def scoped_queryset(self, user):
        return selectors.draws_visible_to(user).prefetch_related("targets__employer__region").order_by("-id")

    @extend_schema(responses=DrawOut(many=True))
    @action(detail=False, methods=["get"], permission_classes=[AllowAny])
    def public(self, request):
        draws = selectors.published_draws().prefetch_related("targets__employer__region").order_by("-id")[:50]
        return Response(DrawOut(draws, many=True).data)

    @extend_schema(request=None, responses=VerifyOut)
    @action(detail=True, methods=["get"])
    def verify(self, request, pk=None):
        return Response({"verified": services_draws.draw_verify(self.get_object())})

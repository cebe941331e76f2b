"""REST endpoints of job fairs (DESIGN.md: /api/v1/job-fairs/).

Anyone may list and read announced fairs with their approved booths and published jobs, and the
live counts (the big screen calls ``live``); staff holding a fair permission also see their own
region's drafts. A signed-in citizen POSTs ``sign-up`` and gets the entry code; a signed-in employer
POSTs ``booths`` with the ids of its published jobs. Writes go through ``services_fairs``; a fair in
the wrong state answers 409, bad input 400 naming the field, the wrong kind of account 403.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response

from renshe.core.api_views import ScopedViewSet
from renshe.employment import rules
from renshe.employment import selectors_fairs as selectors
from renshe.employment import services_fairs as services
from renshe.employment.models import Booth, FairRegistration, Job, JobFair

# --- serializers ----------------------------------------------------------------------------


class FairOut(serializers.ModelSerializer):
    status = serializers.CharField(help_text="draft, open (报名中), closed or cancelled")
    theme = serializers.CharField(
        help_text="general, graduates, housekeeping, chef, veterans, migrants, rural, disabled"
    )
    mode = serializers.CharField(help_text="online, offline or hybrid")
    theme_label = serializers.CharField(source="get_theme_display")
    mode_label = serializers.CharField(source="get_mode_display")
    status_label = serializers.CharField(source="get_status_display")
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = JobFair
        fields = [
            "id",
            "title",
            "theme",
            "theme_label",
            "mode",
            "mode_label",
            "status",
            "status_label",
            "region",
            "region_name",
            "venue",
            "starts_at",
            "ends_at",
            "booth_count",
        ]


class BoothJobOut(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = Job
        fields = ["id", "title", "region", "region_name", "salary_min", "salary_max", "headcount", "hours"]
        extra_kwargs = {"hours": {"help_text": "full_time, part_time or any"}}


class BoothOut(serializers.ModelSerializer):
    employer = serializers.IntegerField(source="employer_id")
    employer_name = serializers.CharField(source="employer.name")
    jobs = BoothJobOut(source="public_jobs", many=True)

    class Meta:
        model = Booth
        fields = ["id", "number", "employer", "employer_name", "jobs"]


class FairDetailOut(FairOut):
    description = serializers.CharField()
    organiser = serializers.CharField(source="organiser.name")
    booths = serializers.SerializerMethodField()

    class Meta(FairOut.Meta):
        fields = [*FairOut.Meta.fields, "description", "organiser", "booths"]

    @extend_schema_field(BoothOut(many=True))
    def get_booths(self, fair) -> list:
        """Approved booths only, each with its published jobs."""
        return BoothOut(selectors.fair_booths_public(fair), many=True).data


class LiveCountsOut(serializers.Serializer):
    fair = serializers.IntegerField()
    signed_up = serializers.IntegerField()
    checked_in = serializers.IntegerField()
    booths = serializers.IntegerField()
    booth_requests = serializers.IntegerField()
    jobs = serializers.IntegerField()
    positions = serializers.IntegerField()
    applications = serializers.IntegerField()
    interviews = serializers.IntegerField()
    intentions = serializers.IntegerField(help_text="people who reached an intention to hire (intention or hired)")
    hires = serializers.IntegerField()
    as_of = serializers.DateTimeField()


class RegistrationOut(serializers.ModelSerializer):
    code = serializers.SerializerMethodField(
        help_text="the entry code, as ABCD-2345; the QR code carries it without the dash"
    )

    class Meta:
        model = FairRegistration
        fields = ["id", "fair", "code", "registered_at", "checked_in_at"]

    def get_code(self, registration) -> str:
        return rules.entry_code_display(registration.code)


class BoothIn(serializers.Serializer):
    jobs = serializers.ListField(child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=100)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class BoothBookedOut(serializers.ModelSerializer):
    status = serializers.CharField(help_text="requested, approved, rejected or cancelled")
    status_label = serializers.CharField(source="get_status_display")
    jobs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Booth
        fields = ["id", "fair", "status", "status_label", "number", "jobs", "note", "created_at"]


# --- viewset --------------------------------------------------------------------------------


@extend_schema(tags=["employment"])
class JobFairViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Job fairs: public reading, citizen sign-up, employer booth booking, live counts."""

    serializer_class = FairOut
    permission_classes = [AllowAny]
    queryset = JobFair.objects.none()  # for the schema; rows come from scoped_queryset

    def scoped_queryset(self, user):
        params = self.request.query_params
        filters = {
            "theme": params.get("theme", "").strip(),
            "mode": params.get("mode", "").strip(),
            "district": params.get("district", "").strip(),
        }
        if self.action == "list":
            return selectors.fair_list_public(viewer=user, **filters)
        return selectors.fairs_visible_to(user).select_related("region", "organiser")

    def get_object(self):
        return selectors.get_public_fair_or_404(self.kwargs["pk"], viewer=self.request.user)

    @extend_schema(
        parameters=[
            OpenApiParameter("theme", str, description="graduates, housekeeping, chef, veterans, migrants, rural, …"),
            OpenApiParameter("mode", str, description="online, offline or hybrid"),
            OpenApiParameter("district", str, description="county code, e.g. 440902"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(responses=FairDetailOut)
    def retrieve(self, request, pk=None):
        return Response(FairDetailOut(self.get_object()).data)

    @extend_schema(request=None, responses=LiveCountsOut)
    @action(detail=True, methods=["get"])
    def live(self, request, pk=None):
        return Response(LiveCountsOut(selectors.fair_live_counts(self.get_object())).data)

    @extend_schema(request=None, responses={201: RegistrationOut, 200: RegistrationOut})
    @action(detail=True, methods=["post"], url_path="sign-up", permission_classes=[IsAuthenticated])
    def sign_up(self, request, pk=None):
        registration, created = services.fair_sign_up(actor=request.user, fair=self.get_object())
        return Response(
            RegistrationOut(registration).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(request=BoothIn, responses={201: BoothBookedOut})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def booths(self, request, pk=None):
        fair = self.get_object()
        data = BoothIn(data=request.data)
        data.is_valid(raise_exception=True)
        booth = services.booth_book(
            actor=request.user, fair=fair, jobs=data.validated_data["jobs"], note=data.validated_data["note"]
        )
        return Response(BoothBookedOut(booth).data, status=status.HTTP_201_CREATED)

"""REST endpoints of the major-project ledger (DESIGN.md: /api/v1/major-projects/, staff).

List and read the projects of the caller's region (``majorprojects.view_majorproject``; others get
403), each with its cumulative completed investment and, on the detail, every quarter's versions.
Amounts are decimal strings in 万元, the plan's unit."""

from __future__ import annotations

from rest_framework import mixins, serializers
from rest_framework.permissions import BasePermission, IsAuthenticated

from renshe.core.api_views import ScopedViewSet
from renshe.planning.projects import selectors
from renshe.planning.projects.models import MajorProject, ProgressReport
from renshe.planning.projects.roles import VIEW


class CanViewLedger(BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.user.has_perm(VIEW)


class ReportOut(serializers.ModelSerializer):
    quarter_label = serializers.CharField(source="label")
    reported_by = serializers.CharField(source="reported_by.username", default="")

    class Meta:
        model = ProgressReport
        fields = [
            "year",
            "quarter",
            "quarter_label",
            "version",
            "is_current",
            "completed",
            "physical_progress",
            "note",
            "reason",
            "reported_by",
            "reported_at",
        ]


class ProjectOut(serializers.ModelSerializer):
    county = serializers.CharField(source="county_id")
    county_name = serializers.SerializerMethodField()
    completed_investment = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField(help_text="share of the total investment completed, 0–1")
    physical_progress = serializers.SerializerMethodField(help_text="latest reported 形象进度, 0–100")
    status = serializers.SerializerMethodField(help_text="not_started, in_progress or completed")
    latest_quarter = serializers.SerializerMethodField()

    class Meta:
        model = MajorProject
        fields = [
            "code",
            "order",
            "name",
            "county",
            "county_name",
            "owner",
            "content",
            "period",
            "total_investment",
            "plan_investment",
            "completed_investment",
            "progress",
            "physical_progress",
            "status",
            "latest_quarter",
        ]

    def _row(self, obj) -> dict:
        rows = self.context.setdefault("rows", {})
        if obj.pk not in rows:
            rows[obj.pk] = selectors.ledger_rows([obj])[0]
        return rows[obj.pk]

    def get_county_name(self, obj) -> str:
        return str(selectors.county_name(obj.county))

    def get_completed_investment(self, obj) -> str:
        return f"{self._row(obj)['completed_investment']:.2f}"

    def get_progress(self, obj) -> float:
        return round(float(self._row(obj)["progress"]), 4)

    def get_physical_progress(self, obj) -> int:
        return self._row(obj)["physical_progress"]

    def get_status(self, obj) -> str:
        return str(self._row(obj)["status"])

    def get_latest_quarter(self, obj) -> str:
        return self._row(obj)["latest_quarter"]


class ProjectDetailOut(ProjectOut):
    history = serializers.SerializerMethodField()

    class Meta(ProjectOut.Meta):
        fields = [*ProjectOut.Meta.fields, "history"]

    def get_history(self, obj) -> list[dict]:
        result = []
        for h in selectors.project_history(obj):
            data = ReportOut(h["report"]).data
            data["cumulative"] = f"{h['cumulative']:.2f}" if h["cumulative"] is not None else None
            result.append(data)
        return result


class MajorProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The plan's major projects in the caller's region, with progress; the detail adds the history."""

    permission_classes = [IsAuthenticated, CanViewLedger]
    lookup_field = "code"

    def scoped_queryset(self, user):
        return selectors.projects_visible(user).order_by("order")

    def get_serializer_class(self):
        return ProjectDetailOut if self.action == "retrieve" else ProjectOut

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":  # the nine projects' progress in two queries, not two per project
            context["rows"] = {r["project"].pk: r for r in selectors.ledger_rows(self.get_queryset())}
        return context

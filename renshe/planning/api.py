"""REST endpoints of the plan register (DESIGN.md: /api/v1/indicators/).

Staff with ``planning.view_register`` (statistician, leader, admin) list the register with each
indicator's latest value, progress and warning level as of the end of ``year`` (filters ``ref``,
``office``, ``level``, ``monitored``) and read one indicator with the history of its values (every
version). Read-only: values are entered on the page (services.value_record).
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from renshe.accounts.scoping import region_prefix
from renshe.core.api_views import ScopedViewSet
from renshe.planning import selectors
from renshe.planning.data.indicators import PLAN_END_YEAR, PLAN_START_YEAR
from renshe.planning.models import Indicator
from renshe.planning.roles import VIEW


class CanViewRegister(BasePermission):
    def has_permission(self, request, view):
        return request.user.has_perm(VIEW) and region_prefix(request.user) is not None


class IndicatorOut(serializers.Serializer):
    code = serializers.CharField()
    ref = serializers.CharField(source="indicator.ref")
    plan = serializers.CharField(source="indicator.plan")
    group = serializers.CharField(source="indicator.group")
    name = serializers.CharField()
    unit = serializers.CharField()
    attribute = serializers.CharField(help_text="预期性, 约束性 or / (none)")
    base_text = serializers.CharField(help_text="as printed in the plan")
    target_text = serializers.CharField(help_text="as printed: [ ] five-year cumulative, > or 以上 floor, 以内 ceiling")
    base = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    cumulative = serializers.BooleanField(source="indicator.cumulative")
    owner = serializers.CharField(source="indicator.owner")
    figure_key = serializers.CharField(source="indicator.figure_key")
    restates = serializers.CharField(source="indicator.restates")
    monitored = serializers.BooleanField(source="indicator.monitored")
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    value_text = serializers.CharField()
    period = serializers.CharField()
    progress = serializers.FloatField(allow_null=True, help_text="0–1")
    level = serializers.CharField(help_text="green, yellow, red or grey (no data)")
    reason = serializers.CharField()


class ValueOut(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField(help_text="0 = the whole year")
    region_code = serializers.CharField()
    value = serializers.DecimalField(max_digits=16, decimal_places=4)
    source = serializers.CharField()
    note = serializers.CharField()
    version = serializers.IntegerField()
    is_current = serializers.BooleanField()
    reason = serializers.CharField(help_text="why this version corrects the previous one")
    entered_at = serializers.DateTimeField()


class IndicatorDetailOut(IndicatorOut):
    wording = serializers.CharField(source="indicator.wording")
    history = ValueOut(many=True)


YEAR = OpenApiParameter("year", int, description=f"{PLAN_START_YEAR}–{PLAN_END_YEAR}; default the latest plan year")


def _year(request) -> int:
    raw = request.query_params.get("year")
    if raw in (None, ""):
        from renshe.planning.views import default_year

        return default_year()
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if not PLAN_START_YEAR <= year <= PLAN_END_YEAR:
        raise ValidationError({"year": f"{PLAN_START_YEAR}–{PLAN_END_YEAR}"})
    return year


class IndicatorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    permission_classes = [IsAuthenticated, CanViewRegister]
    lookup_field = "code"
    serializer_class = IndicatorOut

    def scoped_queryset(self, user):
        return Indicator.objects.all() if user.has_perm(VIEW) else Indicator.objects.none()

    @extend_schema(
        parameters=[
            YEAR,
            OpenApiParameter("ref", str, description="专栏1, 专栏2, 第二章 第三节, 专栏4 …"),
            OpenApiParameter("office", str, description="the owning office, e.g. 就业促进科"),
            OpenApiParameter("level", str, description="green, yellow, red or grey"),
        ]
    )
    def list(self, request, *args, **kwargs):
        rows = selectors.register_state(year=_year(request))
        params = request.query_params
        if params.get("ref"):
            rows = [r for r in rows if r["indicator"].ref == params["ref"]]
        if params.get("office"):
            rows = [r for r in rows if r["indicator"].owner == params["office"]]
        if params.get("level"):
            rows = [r for r in rows if r["level"] == params["level"]]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(IndicatorOut(page, many=True).data)

    @extend_schema(parameters=[YEAR], responses=IndicatorDetailOut)
    def retrieve(self, request, *args, **kwargs):
        indicator = self.get_object()
        row = selectors.register_state(year=_year(request), codes=[indicator.code])[0]
        prefix = region_prefix(request.user) or "-"
        row["history"] = [v for v in selectors.indicator_history(indicator) if v.region_code.startswith(prefix[:6])]
        return Response(IndicatorDetailOut(row).data)

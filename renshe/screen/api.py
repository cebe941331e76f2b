"""GET /api/v1/screen/: everything the big screen shows, in one response (DESIGN.md).

Staff holding ``screen.view_screen`` (leader, statistician, administrator); others 403.
``?region=440902`` drills down to one county (a county's staff see only their own: another is 404;
an unknown code 400). The assembled payload is cached a few seconds per region and language.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.response import Response

from renshe.screen import selectors


class CanViewScreen(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm("screen.view_screen"))


@extend_schema(tags=["screen"])
class ScreenViewSet(viewsets.ViewSet):
    """The big screen's data. Every panel carries ``status`` (ok, missing_module, no_data,
    not_ready) and, when it is not ok, the ``message`` the screen shows instead of numbers."""

    permission_classes = [CanViewScreen]

    @extend_schema(
        parameters=[OpenApiParameter("region", str, description="440900 (the city, default) or a county code")],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request):
        region = request.query_params.get("region", "").strip() or None
        return Response(selectors.screen_payload(viewer=request.user, region=region))

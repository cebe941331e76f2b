"""API settings shared by every module: pagination and the error shape.

No viewsets here: DRF imports this module while it loads (see ``api_views``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Paginator as DjangoPaginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

# The one exception core knows from a domain app: a ``ValidationError`` subclass meaning "someone
# else acted first / wrong state". It only depends on Django, so importing it here loads no models.
from renshe.cases.exceptions import CaseConflict


class CappedCountPaginator(DjangoPaginator):
    """Counts at most ``COUNT_CAP`` rows: an exact ``COUNT(*)`` over a district's 900 000 people
    costs more than the page itself. Beyond the cap, ``count`` reports the cap (and the response
    says ``count_capped``); the pages themselves are unaffected."""

    COUNT_CAP = 10_000

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        if hasattr(qs, "values"):
            return qs.order_by().values("pk")[: self.COUNT_CAP + 1].count()
        return len(qs)

    @property
    def capped(self) -> bool:
        return self.count > self.COUNT_CAP


class Pagination(PageNumberPagination):
    """``count`` and ``results`` as DESIGN.md says; the count is exact up to 10 000 rows."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200
    django_paginator_class = CappedCountPaginator

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response(
            {
                "count": min(paginator.count, paginator.COUNT_CAP),
                "count_capped": paginator.capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_capped"] = {"type": "boolean", "example": False}
        return response


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("操作冲突，请刷新后重试")
    default_code = "conflict"


def exception_handler(exc, context):
    """Turn a service's Django ``ValidationError`` / ``PermissionDenied`` into a 400 / 403 naming the
    field, and a ``CaseConflict`` (the case changed or is in the wrong state) into a 409."""
    if isinstance(exc, CaseConflict):
        exc = Conflict("；".join(exc.messages))
    elif isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)

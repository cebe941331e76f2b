"""API settings shared by every module: pagination and the error shape.

No viewsets here: DRF imports this module while it loads (see ``api_views``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler

# The one exception core knows from a domain app: a ``ValidationError`` subclass meaning "someone
# else acted first / wrong state". It only depends on Django, so importing it here loads no models.
from renshe.cases.exceptions import CaseConflict


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


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

from __future__ import annotations

from django.conf import settings


class IdleTimeoutMiddleware:
    """Staff sessions expire after 30 idle minutes (等保 2.0); the public's after two hours.

    The expiry is renewed on every request, so it measures idle time, not session age.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            seconds = (
                settings.STAFF_IDLE_TIMEOUT_SECONDS
                if getattr(user, "is_bureau_staff", False) or user.is_superuser
                else settings.PUBLIC_IDLE_TIMEOUT_SECONDS
            )
            request.session.set_expiry(seconds)
        return self.get_response(request)

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

# Renew the expiry at most once a minute: renewing on every request would write the session row
# on every page view; the idle timeout is then exact to within this interval.
RENEW_INTERVAL_SECONDS = 60


class IdleTimeoutMiddleware:
    """Staff sessions expire after 30 idle minutes (等保 2.0); the public's after two hours.

    The expiry is renewed while the user is active, so it measures idle time, not session age.
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
            session = request.session
            now = int(time.time())
            if (
                session.get("_expiry_seconds") != seconds
                or now - session.get("_renewed_at", 0) >= RENEW_INTERVAL_SECONDS
            ):
                session.set_expiry(seconds)
                session["_expiry_seconds"] = seconds
                session["_renewed_at"] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Until a user of a role in ``settings.OTP_REQUIRED_ROLES`` has given the second factor, every
    page leads to the code page (``renshe.accounts.two_factor``); signing out and static files stay open."""

    OPEN_PREFIXES = ("/accounts/two-factor/", "/accounts/logout/", "/static/", "/i18n/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from renshe.accounts.two_factor import second_factor_required

        user = getattr(request, "user", None)
        if (
            user is not None
            and settings.OTP_REQUIRED_ROLES
            and not request.path.startswith(self.OPEN_PREFIXES)
            and second_factor_required(user)
        ):
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

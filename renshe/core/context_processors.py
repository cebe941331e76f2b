from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import messages_for
from renshe.core import workdays
from renshe.core.navigation import workbench_menu


def platform(request) -> dict:
    user = getattr(request, "user", None)
    context: dict = {"platform_name": _("茂名人社公共服务平台")}
    if user is not None and user.is_authenticated:
        context["unread_messages"] = messages_for(viewer=user).filter(read_at__isnull=True).count()
    if user is not None and user.is_authenticated and getattr(user, "is_bureau_staff", False):
        today = timezone.localdate()
        missing = [y for y in (today.year, today.year + 1) if not workdays.is_official_year(y)]
        # The next year's notice usually comes out in November: warn from then on, and always for this year.
        if today.year in missing or (today.month >= 11 and missing):
            context["calendar_warning_years"] = missing
        context["workbench_menu"] = workbench_menu(user, request.path)
    return context

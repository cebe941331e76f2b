"""Pages of the big screen: the wall display (also the leaders' phone view) and its configuration.

The page itself carries no figures: ``static/js/screen.js`` fetches /api/v1/screen/ at once and then
every ``refresh_seconds``, and redraws in place (no reload). The region to show is in the URL
(``?region=440902``) so a drill-down survives a reload, and is checked here like in the API.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from renshe.core.forms import apply_service_errors
from renshe.screen import rules, selectors, services
from renshe.screen.forms import ScreenConfigForm

VIEW = "screen.view_screen"
CONFIGURE = "screen.configure_screen"


@login_required
@permission_required(VIEW, raise_exception=True)
@require_GET
def screen(request):
    requested = request.GET.get("region", "").strip() or None
    try:
        region = selectors.screen_region_for(request.user, requested)
    except ValidationError:
        return redirect("screen:screen")
    config = services.screen_config_get()
    return render(
        request,
        "screen/screen.html",
        {
            "region": region,
            "config": config,
            "panels": [(p, rules.PANELS[p][0]) for p in config.panels if p in rules.PANELS],
            "map_indicators": [(k, rules.METRICS[k].label) for k in rules.MAP_INDICATORS],
            "api_url": reverse("screen-list"),
        },
    )


@login_required
@permission_required(CONFIGURE, raise_exception=True)
@require_http_methods(["GET", "POST"])
def config_edit(request):
    config = services.screen_config_get()
    form = ScreenConfigForm(request.POST or None, config=config)
    if request.method == "POST" and form.is_valid():
        try:
            services.screen_config_update(
                actor=request.user,
                panels=form.cleaned_data["panels"],
                map_indicator=form.cleaned_data["map_indicator"],
                refresh_seconds=form.cleaned_data["refresh_seconds"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("大屏配置已保存。"))
            return redirect("screen:config")
    status = 400 if request.method == "POST" else 200
    return render(request, "screen/config.html", {"form": form, "config": config}, status=status)

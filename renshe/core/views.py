from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from renshe.core.models import Region, RegionLevel
from renshe.registry.selectors import employers_visible_to, persons_visible_to, registry_counts_for_user


@require_GET
def healthz(request):
    """Liveness for the load balancer, and the "bare Django view" baseline of ``make bench``."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request):
    if request.user.is_authenticated and request.user.is_bureau_staff:
        return redirect("core:workbench")
    return redirect("core:portal")


@require_GET
def portal(request):
    """The public portal: mobile-first; a signed-in citizen or employer sees their own record."""
    context = {}
    user = request.user
    if user.is_authenticated and user.person_id:
        context["my_person"] = persons_visible_to(user).select_related("residence_region").first()
    if user.is_authenticated and user.employer_id:
        context["my_employer"] = employers_visible_to(user).select_related("region", "industry").first()
    return render(request, "core/portal.html", context)


@login_required
@require_GET
def workbench(request):
    user = request.user
    if not user.is_bureau_staff:
        return redirect("core:portal")
    context: dict = {}
    if user.has_perm("registry.view_person") and user.region:
        counts = registry_counts_for_user(viewer=user)
        counties = Region.objects.filter(
            level=RegionLevel.COUNTY, code__startswith=user.region.scope_prefix[:6]
        ).order_by("code")
        context.update(
            person_count=counts["persons"],
            employer_count=counts["employers"],
            by_county=[{"region": c, "count": counts["by_county"].get(c.code, 0)} for c in counties],
        )
    return render(request, "core/workbench.html", context)

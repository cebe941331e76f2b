"""Public pages (no sign-in): valid dispatch licences, the current arrears blacklist and the
published C-rated employers. No personal data: employer name, credit code, grounds and dates."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from renshe.core.paging import page_of, query_string_without_page
from renshe.labour.contracts import selectors


@require_GET
def public_licences(request):
    query = request.GET.get("q", "").strip()[:60]
    page = page_of(selectors.public_licences(today=timezone.localdate(), query=query), request.GET.get("page"))
    return render(
        request,
        "contracts/public/licences.html",
        {"page_obj": page, "query": query, "query_string": query_string_without_page(request)},
    )


@require_GET
def public_blacklist(request):
    query = request.GET.get("q", "").strip()[:60]
    page = page_of(selectors.public_blacklist(query=query), request.GET.get("page"))
    return render(
        request,
        "contracts/public/blacklist.html",
        {"page_obj": page, "query": query, "query_string": query_string_without_page(request)},
    )


@require_GET
def public_credit(request):
    page = page_of(selectors.public_c_ratings(), request.GET.get("page"))
    return render(
        request,
        "contracts/public/credit.html",
        {"page_obj": page, "query_string": query_string_without_page(request)},
    )

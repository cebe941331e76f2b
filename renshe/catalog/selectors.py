"""Reads of the catalogue. The catalogue is public: no scoping by viewer."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from renshe.catalog.models import Bundle, ServiceItem, ServiceItemVersion


def current_version(item: ServiceItem) -> ServiceItemVersion | None:
    if item.current_version_id:
        return item.current_version
    return item.versions.order_by("-number").first()


def catalogue_search(*, query: str = "", category: str = "", active_only: bool = True) -> QuerySet[ServiceItem]:
    qs = ServiceItem.objects.select_related("current_version")
    if active_only:
        qs = qs.filter(is_active=True)
    if category:
        qs = qs.filter(category=category)
    q = (query or "").strip()
    if q:
        qs = qs.filter(Q(name__contains=q) | Q(code__iexact=q))
    return qs.order_by("code")


def get_item_or_404(code: str, *, active_only: bool = True) -> ServiceItem:
    qs = ServiceItem.objects.select_related("current_version")
    if active_only:
        qs = qs.filter(is_active=True)
    item = qs.filter(code=code).first()
    if item is None or current_version(item) is None:
        raise Http404
    return item


def bundles_active() -> QuerySet[Bundle]:
    ordered = Prefetch("items", queryset=ServiceItem.objects.order_by("bundleitem__order"))
    return Bundle.objects.filter(is_active=True).prefetch_related(ordered).order_by("code")


def get_bundle_or_404(code: str) -> Bundle:
    bundle = Bundle.objects.filter(code=code, is_active=True).first()
    if bundle is None:
        raise Http404
    return bundle

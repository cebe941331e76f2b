"""Reference lists used by filter forms on every list page, cached: they change a few times a year."""

from __future__ import annotations

from django.core.cache import cache

from renshe.core.models import Industry, PersonTag, Region, RegionLevel

TTL_SECONDS = 600


def _cached(key: str, build):
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TTL_SECONDS)
    return value


def towns_under(prefix: str) -> list[Region]:
    """Towns (and streets) whose code starts with ``prefix``, with their county, in code order."""
    return _cached(
        f"ref:towns:{prefix}",
        lambda: list(
            Region.objects.filter(level=RegionLevel.TOWN, code__startswith=prefix)
            .select_related("parent")
            .order_by("code")
        ),
    )


def counties_under(prefix: str) -> list[Region]:
    return _cached(
        f"ref:counties:{prefix}",
        lambda: list(Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=prefix[:6]).order_by("code")),
    )


def person_tags() -> list[PersonTag]:
    return _cached("ref:tags", lambda: list(PersonTag.objects.all()))


def industries() -> list[Industry]:
    return _cached("ref:industries", lambda: list(Industry.objects.all()))

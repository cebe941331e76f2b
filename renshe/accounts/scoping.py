"""The one place that turns "who is asking" into a filter (DESIGN.md: region scoping).

Staff see their org unit's region and everything below it, never a sibling's; the public see
only what is theirs. Every selector builds on ``region_q``; anything that must look across
regions says so in its name (``dangerously_*``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q

NOTHING = Q(pk__in=[])


def region_prefix(user) -> str | None:
    """The region-code prefix a staff user may see, or ``None`` for no region at all."""
    if not getattr(user, "is_authenticated", False) or not user.is_bureau_staff:
        return None
    region = user.region
    return region.scope_prefix if region is not None else None


def region_q(user, field: str) -> Q:
    """``Q`` restricting ``field`` (a ForeignKey to ``core.Region``) to the user's region.

    ``region__code__startswith`` compares the foreign-key column itself (Django trims the join
    because ``code`` is the target's primary key), so it uses the column's index.
    """
    prefix = region_prefix(user)
    if prefix is None:
        return NOTHING
    return Q(**{f"{field}__code__startswith": prefix})


def require_region_prefix(user) -> str:
    """The user's region prefix, or ``PermissionDenied`` for an account without a region (a staff page)."""
    prefix = region_prefix(user)
    if prefix is None:
        raise PermissionDenied
    return prefix


def user_can_see_region(user, region_code: str) -> bool:
    prefix = region_prefix(user)
    return prefix is not None and region_code.startswith(prefix)

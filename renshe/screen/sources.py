"""The screen's three sources besides the figure roll-up, each read defensively.

The planning apps' selectors (plan indicators, major projects) and the employment app's live fair
counts are other modules: when one is not installed or not ready (ImportError, AttributeError) the
panel says "数据未就绪" instead of failing. Their answers are read through ``pick``, which accepts a
mapping or an object, so a renamed attribute degrades to an empty cell rather than a crash.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from importlib import import_module

from django.utils import timezone

MAX_FAIRS = 4


class NotReady(Exception):
    """A source module is absent or does not (yet) offer the selector the screen needs."""


def _selector(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise NotReady(f"{module}.{name}") from exc


def pick(item, *names, default=None):
    """The first of ``names`` that ``item`` has (a mapping key or an attribute), else ``default``."""
    for name in names:
        if isinstance(item, dict):
            if item.get(name) is not None:
                return item[name]
        elif getattr(item, name, None) is not None:
            return getattr(item, name)
    return default


def number(value):
    """A JSON number (an int when whole), or None for no value."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    try:
        d = Decimal(str(value))
    except ArithmeticError:
        return None
    if not d.is_finite():
        return None
    if d == d.to_integral_value():
        return int(d)
    return float(round(d, 2))


def headline_indicators(*, year: int) -> list:
    return list(_selector("renshe.planning.selectors", "headline_indicators")(year=year))


def indicator_by_district(code, *, year: int) -> dict:
    return dict(_selector("renshe.planning.selectors", "indicator_by_district")(code, year=year) or {})


def projects_summary():
    return _selector("renshe.planning.projects.selectors", "projects_summary")()


def fairs_today(*, county: str | None, today: date | None = None) -> list[dict]:
    """Fairs whose doors are open today (announced, not online-only), with their live counts."""
    list_public = _selector("renshe.employment.selectors_fairs", "fair_list_public")
    live_counts = _selector("renshe.employment.selectors_fairs", "fair_live_counts")
    today = today or timezone.localdate()
    fairs = (
        list_public(district=county or "")
        .filter(status="open", starts_at__date__lte=today, ends_at__date__gte=today)
        .exclude(mode="online")[:MAX_FAIRS]
    )
    rows = []
    for fair in fairs:
        counts = live_counts(fair)
        rows.append(
            {
                "id": fair.pk,
                "name": str(pick(fair, "title", "name", default="")),
                "region": fair.region_id,
                "signed_up": number(counts.get("signed_up")),
                "checked_in": number(counts.get("checked_in")),
                "booths": number(counts.get("booths")),
                "positions": number(counts.get("positions")),
                "intentions": number(counts.get("intentions")),
            }
        )
    return rows

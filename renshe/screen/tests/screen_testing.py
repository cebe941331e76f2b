"""Helpers for the screen tests: figure rows stored as ``refresh_figures`` would, and the staff who look."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Role
from renshe.core import figures
from renshe.core.models import FigureValue


def put(key: str, values: dict[str, int | float], *, period: str | None = None) -> None:
    """Store ``{region code: value}`` for ``key`` in ``period`` (default: where the screen reads it)."""
    spec = figures.spec(key)
    today = timezone.localdate()
    if period is None:
        period = figures.LIVE if spec is not None and spec.kind == figures.STOCK else str(today.year)
    for code, value in values.items():
        FigureValue.objects.update_or_create(
            key=key,
            period=period,
            region_code=code,
            defaults={"value": Decimal(str(value)), "computed_at": timezone.now()},
        )


def leader(username: str = "leader", region: str = "440900"):
    return testing.staff(username, Role.LEADER, region)


def staff(username: str, role: str, region: str):
    return testing.staff(username, role, region)

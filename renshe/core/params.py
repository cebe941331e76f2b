"""Dated rule parameters (``core.Parameter``): the value in force on a date, with a default."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def param(key: str, on_date: date, default: Decimal | int | None = None) -> Decimal:
    """The value of ``key`` in force on ``on_date``; ``default`` if none was ever entered."""
    from renshe.core.models import Parameter

    row = Parameter.objects.filter(key=key, valid_from__lte=on_date).order_by("-valid_from").only("value").first()
    if row is not None:
        return row.value
    if default is None:
        raise LookupError(f"parameter {key!r} has no value on {on_date}")
    return Decimal(default)


def param_int(key: str, on_date: date, default: int | None = None) -> int:
    return int(param(key, on_date, default))

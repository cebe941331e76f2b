"""Writes of the screen app: the panel configuration (one transaction, audited)."""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.screen.models import ScreenConfig

GENERATION_KEY = "screen:generation"


def screen_config_get() -> ScreenConfig:
    """The configuration in force: the stored row, or the defaults (unsaved) before anyone configured it."""
    return ScreenConfig.objects.filter(name="default").first() or ScreenConfig(name="default")


def screen_cache_generation() -> int:
    return cache.get(GENERATION_KEY) or 0


def screen_cache_invalidate() -> None:
    """Make every cached screen payload stale at once (it is keyed by this generation)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def screen_config_update(*, actor, panels: list[str], map_indicator: str, refresh_seconds: int) -> ScreenConfig:
    """Store the panel configuration; bad values raise ``ValidationError`` naming the field, nothing stored."""
    with transaction.atomic():
        config = ScreenConfig.objects.select_for_update().filter(name="default").first()
        created = config is None
        config = config or ScreenConfig(name="default")
        before = {"panels": config.panels, "map_indicator": config.map_indicator, "refresh": config.refresh_seconds}
        config.panels = panels
        config.map_indicator = map_indicator
        config.refresh_seconds = refresh_seconds
        config.updated_by = actor if getattr(actor, "is_authenticated", False) else None
        config.full_clean()
        config.save()
        after = {"panels": config.panels, "map_indicator": config.map_indicator, "refresh": config.refresh_seconds}
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=config,
            changes={k: [before[k], after[k]] for k in after if created or before[k] != after[k]},
        )
        transaction.on_commit(screen_cache_invalidate)
    return config


def screen_config_ensure_default() -> tuple[ScreenConfig, bool]:
    """The default configuration row (created once; the demo and a fresh install call it)."""
    return ScreenConfig.objects.get_or_create(name="default")

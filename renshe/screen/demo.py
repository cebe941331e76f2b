"""Demo data of the screen app: the default panel configuration (idempotent)."""

from __future__ import annotations

from renshe.screen.services import screen_config_ensure_default


def demo_seed(*, scale: str, progress=None) -> None:
    _config, created = screen_config_ensure_default()
    if progress and created:
        progress("screen: default panel configuration")

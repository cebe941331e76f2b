"""Demo data of the screen app: the default panel configuration, and this year's figures so that the
demo's big screen shows the other modules' demo records at once (idempotent: the configuration is
created once; the figures are recomputed, which stores the same rows again)."""

from __future__ import annotations

from renshe.core.figures import figures_refresh
from renshe.screen.services import screen_config_ensure_default


def demo_seed(*, scale: str, progress=None) -> None:
    _config, created = screen_config_ensure_default()
    if progress and created:
        progress("screen: default panel configuration")
    # The screen reads only the roll-up: fill it now rather than at the first beat of refresh_figures.
    # At city scale that is the bench's business (bench/screen.py), not the seeding's.
    if scale != "city":
        outcome = figures_refresh()
        if progress:
            progress(f"screen: figures of this year recomputed ({outcome['figures']} figures, {outcome['rows']} rows)")

"""Why a panel or a figure has no number: the words the screen shows instead of a blank."""

from __future__ import annotations

from django.utils.translation import gettext as _

OK = "ok"
MISSING = "missing_module"  # no installed module declares the figure
NO_DATA = "no_data"  # declared, but nothing stored for this period and region
NOT_READY = "not_ready"  # another module's selector is absent or not (yet) usable


def status_message(status: str) -> str:
    return {MISSING: _("来源模块未安装"), NO_DATA: _("暂无数据"), NOT_READY: _("数据未就绪")}.get(status, "")


def panel_status(metrics: list[dict]) -> str:
    """A panel is "missing" when none of its modules is installed, "no data" when nothing has a value."""
    if metrics and all(m["status"] == MISSING for m in metrics):
        return MISSING
    if not any(m["status"] == OK for m in metrics):
        return NO_DATA
    return OK

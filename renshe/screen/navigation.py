"""The screen app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("大屏"),
        [
            MenuItem(_("大屏展示"), "screen:screen", "screen.view_screen"),
            MenuItem(_("大屏配置"), "screen:config", "screen.configure_screen"),
        ],
    ),
]

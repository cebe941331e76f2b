"""The planning app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("规划监测"),
        [
            MenuItem(_("指标台账"), "planning:register", "planning.view_register"),
            MenuItem(_("数据填报"), "planning:value_entry", "planning.enter_indicator_value"),
            MenuItem(_("评估报告"), "planning:reports", "planning.export_indicator_report"),
        ],
    )
]

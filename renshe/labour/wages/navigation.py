"""The wages app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("欠薪预警"),
        [
            MenuItem(_("预警看板"), "wages:board", "wages.monitor_wages"),
            MenuItem(_("在建项目"), "wages:project_list", "wages.monitor_wages"),
            MenuItem(_("工资专户"), "wages:account_list", "wages.monitor_wages"),
            MenuItem(_("合作方接口"), "wages:partner_list", "wages.manage_partners"),
        ],
    ),
]

"""The majorprojects app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("重大项目"),
        [
            MenuItem(_("项目台账"), "majorprojects:ledger", "majorprojects.view_majorproject"),
            MenuItem(_("进度填报"), "majorprojects:report", "majorprojects.report_progress"),
        ],
    ),
]

"""The mediation app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("劳动争议调解"),
        [
            MenuItem(_("调解案件"), "mediation:case_list", "mediation.view_mediationcase"),
            MenuItem(_("调解组织"), "mediation:organisation_list", "mediation.view_mediationcase"),
            MenuItem(_("调解统计"), "mediation:statistics", "mediation.view_mediation_stats"),
        ],
    ),
]

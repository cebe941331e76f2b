"""The labour app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("劳动关系"),
        [
            MenuItem(_("仲裁案件"), "labour:queue", "labour.view_arbitrationcase"),
            MenuItem(_("窗口录入仲裁申请"), "labour:window_apply", "labour.file_arbitration"),
            MenuItem(_("庭审排期"), "labour:hearings", "labour.view_hearing"),
            MenuItem(_("仲裁统计"), "labour:statistics", "labour.view_arbitration_stats"),
            MenuItem(_("公开裁决书"), "labour:published_awards", "labour.view_arbitrationcase"),
        ],
    )
]

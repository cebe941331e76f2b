"""The inspection app's sections of the workbench menu (merged by renshe.core.navigation)."""

from django.utils.translation import gettext_lazy as _

from renshe.core.navigation import MenuItem

MENU: list = [
    (
        _("劳动保障监察"),
        [
            MenuItem(_("举报投诉"), "inspection:complaint_list", "inspection.view_complaint"),
            MenuItem(_("监察案件"), "inspection:case_list", "inspection.view_inspectioncase"),
            MenuItem(_("双随机抽查"), "inspection:draw_list", "inspection.view_inspectionplan"),
            MenuItem(_("网格管理"), "inspection:grid", "inspection.view_inspectionplan"),
            MenuItem(_("监察统计"), "inspection:stats", "inspection.view_inspection_stats"),
        ],
    )
]

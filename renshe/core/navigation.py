"""The workbench's navigation, by module. A module appears when its app is installed and the user may use it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    perm: str | None
    icon: str = ""


MENU: list[tuple[str, list[MenuItem]]] = [
    (
        _("工作台"),
        [MenuItem(_("首页"), "core:workbench", None)],
    ),
    (
        _("实名信息库"),
        [
            MenuItem(_("人员"), "registry:person_list", "registry.view_person"),
            MenuItem(_("用人单位"), "registry:employer_list", "registry.view_employer"),
            MenuItem(_("批量导入"), "registry:import_list", "registry.import_registry"),
        ],
    ),
    (
        _("政务服务"),
        [
            MenuItem(_("待办队列"), "cases:queue", "cases.view_case"),
            MenuItem(_("窗口受理"), "cases:window_apply", "cases.apply_on_behalf"),
            MenuItem(_("差评整改"), "cases:rectification_list", "cases.review_case"),
            MenuItem(_("办件统计"), "cases:metrics", "cases.view_case_metrics"),
            MenuItem(_("事项管理"), "catalog_manage:item_list", "catalog.manage_catalog"),
            MenuItem(_("节假日安排"), "calendar:year_list", "core.manage_reference"),
            MenuItem(_("消息中心"), "messages:inbox", None),
        ],
    ),
    (
        _("就业服务"),
        [
            MenuItem(_("招聘会管理"), "employment:fair_manage_list", "employment.manage_fairs"),
            MenuItem(_("招聘会入场核验"), "employment:fair_checkin_list", "employment.check_in_fair"),
            MenuItem(_("岗位审核"), "employment:job_review_queue", "employment.review_job"),
            MenuItem(_("求职登记"), "employment:seeker_list", "employment.view_jobseeker"),
            MenuItem(_("就业援助"), "employment:assistance_home", "employment.manage_assistance"),
            MenuItem(_("联系台账"), "employment:assistance_ledger", "employment.manage_assistance"),
            MenuItem(_("就业登记"), "employment:monitoring_registrations", "employment.manage_assistance"),
            MenuItem(_("企业用工监测"), "employment:monitoring_home", "employment.manage_assistance"),
            MenuItem(_("创业担保贷款"), "employment:loan_list", "employment.manage_assistance"),
            MenuItem(_("就业统计"), "employment:statistics", "cases.view_case_metrics"),
        ],
    ),
    (
        _("系统"),
        [
            MenuItem(_("账号管理"), "accounts:user_list", "accounts.manage_users"),
            MenuItem(_("审计日志"), "audit:entry_list", "audit.view_auditentry"),
            MenuItem(_("接口文档"), "api-docs", None),
        ],
    ),
]


def full_menu() -> list[tuple[str, list[MenuItem]]]:
    """``MENU`` followed by the sections of every domain app's ``navigation.MENU`` (settings.DOMAIN_APPS),
    inserted before the closing 系统 section."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.conf import settings

    extra = []
    for app in settings.DOMAIN_APPS:
        if app != "renshe.core" and find_spec(f"{app}.navigation") is not None:
            extra += import_module(f"{app}.navigation").MENU
    return [*MENU[:-1], *extra, MENU[-1]]


def workbench_menu(user, current_path: str) -> list[dict]:
    sections = []
    for title, items in full_menu():
        entries = []
        for item in items:
            if item.perm and not user.has_perm(item.perm):
                continue
            try:
                url = reverse(item.url_name)
            except NoReverseMatch:
                continue
            active = current_path == url or (url != "/" and current_path.startswith(url) and url.count("/") > 2)
            entries.append({"label": item.label, "url": url, "active": active})
        if entries:
            sections.append({"title": title, "items": entries})
    return sections

"""The public service catalogue under /services/: search, the guide of each item, online applications,
and the 一件事 bundles. Anyone may read the guides; applying needs a citizen's real-name account."""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from renshe.accounts.models import Role
from renshe.cases import services as case_services
from renshe.cases.forms import ApplyForm, BundleApplyForm, apply_bundle_errors
from renshe.catalog import selectors
from renshe.catalog.models import Category, Channel, Requirement
from renshe.core.forms import apply_service_errors
from renshe.core.paging import page_of, query_string_without_page

ONLINE_CHANNELS = frozenset({Channel.WEB, Channel.MOBILE})
PHONE_AGENT = re.compile(r"Mobile|Android|iPhone|iPod|HarmonyOS|Windows Phone", re.IGNORECASE)
# 网上办理深度 (国务院办公厅《政务服务事项实施清单》): 一级 信息公开 … 四级 全程网办.
ONLINE_DEPTH = {
    1: gettext_lazy("一级（信息公开）"),
    2: gettext_lazy("二级（表格下载）"),
    3: gettext_lazy("三级（网上预审）"),
    4: gettext_lazy("四级（全程网办）"),
}
STEP_ROLES = {"clerk": Role.CLERK.label, "reviewer": Role.REVIEWER.label, "leader": Role.LEADER.label}
REQUIREMENT_BADGE = {
    Requirement.REQUIRED: "danger",
    Requirement.OPTIONAL: "secondary",
    Requirement.DEFERRABLE: "warning",
}


def application_channel(request) -> str:
    """掌上办理 when the browser looks like a phone, 网上办理 otherwise."""
    return Channel.MOBILE if PHONE_AGENT.search(request.headers.get("User-Agent", "")) else Channel.WEB


def _channel_labels(version) -> list[str]:
    labels = dict(Channel.choices)
    return [str(labels.get(c, c)) for c in version.channels or []]


def _is_online(version) -> bool:
    return bool(ONLINE_CHANNELS & set(version.channels or []))


def _apply_refusal(user, version) -> str:
    """Why this user cannot apply online for this version ("" when they can)."""
    if not _is_online(version):
        return _("本事项暂不支持网上申请，请到办理窗口申请。")
    if user.is_bureau_staff:
        return _("工作人员请在工作台“窗口受理”中为群众代办。")
    if user.role == Role.EMPLOYER:
        return _("单位网上申报暂未开通，请携带材料到办理窗口申请。")
    if user.role != Role.CITIZEN or not user.person_id:
        return _("请先完成个人实名注册后再申请。")
    return ""


# --- the catalogue ----------------------------------------------------------------------------


@require_GET
def catalogue(request):
    query = request.GET.get("q", "").strip()[:40]
    category = request.GET.get("category", "").strip()
    if category not in Category.values:
        category = ""
    page = page_of(selectors.catalogue_search(query=query, category=category), request.GET.get("page"), size=30)
    for item in page.object_list:
        item.channel_labels = _channel_labels(item.current_version) if item.current_version_id else []
    bundles = []
    if not category and page.number == 1:
        bundles = [
            b
            for b in selectors.bundles_active()
            if not query or query in b.name or any(query in i.name for i in b.items.all())
        ]
    context = {
        "page_obj": page,
        "bundles": bundles,
        "query": query,
        "category": category,
        "categories": Category.choices,
        "query_string": query_string_without_page(request),
    }
    template = "catalog/_results.html" if request.htmx else "catalog/catalogue.html"
    return render(request, template, context)


@require_GET
def item_guide(request, code: str):
    item = selectors.get_item_or_404(code)
    version = selectors.current_version(item)
    materials = list(version.materials.all())
    for m in materials:
        m.badge = REQUIREMENT_BADGE.get(m.requirement, "secondary")
    user = request.user
    context = {
        "item": item,
        "version": version,
        "materials": materials,
        "steps": [
            {"number": n, "name": s.get("name", ""), "role": STEP_ROLES.get(s.get("role"), s.get("role", ""))}
            for n, s in enumerate(version.steps or [], start=1)
        ],
        "channel_labels": _channel_labels(version),
        "online_depth": ONLINE_DEPTH.get(version.online_depth, version.online_depth),
        # a 0-day limit already reads 即时办结: do not repeat a note saying the same
        "limit_note": ""
        if not version.promised_limit_days and version.limit_note == "即时办结"
        else version.limit_note,
        "is_online": _is_online(version),
        "is_staff_user": user.is_authenticated and user.is_bureau_staff,
        "apply_refusal": _apply_refusal(user, version) if user.is_authenticated else "",
        "bundles": item.bundles.filter(is_active=True),
    }
    return render(request, "catalog/guide.html", context)


# --- applying ---------------------------------------------------------------------------------


def _refused(request, *, title, reason, back):
    return render(
        request, "catalog/apply_unavailable.html", {"title": title, "reason": reason, "back": back}, status=403
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_apply(request, code: str):
    item = selectors.get_item_or_404(code)
    version = selectors.current_version(item)
    refusal = _apply_refusal(request.user, version)
    if refusal:
        return _refused(request, title=item.name, reason=refusal, back=item)
    bound = request.method == "POST"
    form = ApplyForm(version, request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        try:
            case = case_services.case_submit(
                actor=request.user,
                item=item,
                applicant=request.user.person,
                channel=application_channel(request),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            if case.auto_approved:
                messages.success(
                    request,
                    _("秒批办结：系统自动核验通过，“%(item)s”已当场办结（办件编号 %(n)s）。")
                    % {"item": item.name, "n": case.number},
                )
            else:
                messages.success(
                    request,
                    _("申请已提交，办件编号 %(n)s。请留意消息中心的办理进度通知。") % {"n": case.number},
                )
            return redirect("cases:my_case", pk=case.pk)
    return render(
        request,
        "catalog/apply.html",
        {"item": item, "version": version, "form": form},
        status=400 if form.errors else 200,
    )


# --- 一件事 -------------------------------------------------------------------------------------


def _bundle_items(bundle) -> list[tuple]:
    """(item, its current version) of every active item of the bundle, in the bundle's order."""
    pairs = []
    for item in bundle.items.filter(is_active=True).select_related("current_version").order_by("bundleitem__order"):
        version = selectors.current_version(item)
        if version is not None:
            pairs.append((item, version))
    return pairs


def _combined_materials(pairs) -> list[dict]:
    """The materials of all items, a material several items ask for by the same name listed once
    (with the strictest requirement among them)."""
    strictness = {Requirement.OPTIONAL: 0, Requirement.DEFERRABLE: 1, Requirement.REQUIRED: 2}
    rows: dict[str, dict] = {}
    for item, version in pairs:
        for m in version.materials.all():
            row = rows.setdefault(m.name, {"material": m, "items": []})
            row["items"].append(item.name)
            if strictness.get(m.requirement, 0) > strictness.get(row["material"].requirement, 0):
                row["material"] = m
    for row in rows.values():
        row["badge"] = REQUIREMENT_BADGE.get(row["material"].requirement, "secondary")
    return list(rows.values())


@require_GET
def bundle_detail(request, code: str):
    bundle = selectors.get_bundle_or_404(code)
    pairs = _bundle_items(bundle)
    user = request.user
    refusal = ""
    if user.is_authenticated:
        refusal = next((_apply_refusal(user, v) for _i, v in pairs if _apply_refusal(user, v)), "")
    return render(
        request,
        "catalog/bundle.html",
        {
            "bundle": bundle,
            "pairs": pairs,
            "materials": _combined_materials(pairs),
            "apply_refusal": refusal,
            "is_staff_user": user.is_authenticated and user.is_bureau_staff,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def bundle_apply(request, code: str):
    bundle = selectors.get_bundle_or_404(code)
    pairs = _bundle_items(bundle)
    refusal = next((_apply_refusal(request.user, v) for _i, v in pairs if _apply_refusal(request.user, v)), "")
    if refusal or not pairs:
        return _refused(request, title=bundle.name, reason=refusal or _("该“一件事”暂无可办理的事项。"), back=None)
    bound = request.method == "POST"
    form = BundleApplyForm(pairs, request.POST if bound else None, request.FILES if bound else None)
    if bound and form.is_valid():
        try:
            application = case_services.bundle_submit(
                actor=request.user,
                bundle=bundle,
                applicant=request.user.person,
                channel=application_channel(request),
                **form.service_kwargs(),
            )
        except ValidationError as exc:
            apply_bundle_errors(form, exc)
        else:
            messages.success(
                request,
                _("“%(b)s”已提交，申请编号 %(n)s，共 %(c)d 个办件。")
                % {
                    "b": bundle.name,
                    "n": application.number,
                    "c": len(pairs),
                },
            )
            return redirect("cases:my_bundle", number=application.number)
    return render(
        request,
        "catalog/bundle_apply.html",
        {"bundle": bundle, "form": form},
        status=400 if form.errors else 200,
    )

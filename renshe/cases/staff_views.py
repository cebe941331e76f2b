"""Staff pages of the cases module: the queue with batch actions, the case page and its actions,
applying at the window, rectifications of bad ratings, and metrics.

Thin views (STYLE.md habit 8): every read goes through ``renshe.cases.selectors`` (scoped by who
asks; another district's case is a 404), every write through one service in
``renshe.cases.services``; the service's typed errors become messages or form errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.accounts.scoping import region_prefix
from renshe.cases import rules, selectors, services
from renshe.cases.exceptions import CaseConflict
from renshe.cases.models import FINISHED_STATUSES, Case, Channel, Rectification, SlaState, Status
from renshe.cases.staff_forms import (
    CaseActionForm,
    MetricsFilterForm,
    PersonLookupForm,
    RectificationStageForm,
    WindowApplyForm,
)
from renshe.cases.workflow import ACTIONS, BATCH_ACTIONS, Action, actions_from
from renshe.catalog import selectors as catalog_selectors
from renshe.core.excel import xlsx_bytes, xlsx_response
from renshe.core.forms import apply_service_errors
from renshe.core.models import Region, RegionLevel
from renshe.core.paging import page_of, query_string_without_page
from renshe.registry import selectors as registry_selectors

QUEUE_PAGE_SIZE = 30
BATCH_MAX = 100


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "；".join(exc.messages)
    return str(exc) or _("您没有权限执行该操作")


# --- time left, in colour -------------------------------------------------------------------


@dataclass
class TimeLeft:
    days: int | None
    tone: str  # a Bootstrap contextual class: success, warning, danger, secondary

    @property
    def overdue_days(self) -> int:
        return -self.days if self.days is not None and self.days < 0 else 0


def time_left(case: Case, today: date) -> TimeLeft:
    """Green with three working days or more, yellow with two or fewer (临期), red once overdue."""
    days = selectors.case_days_left(case, today)
    if days is None:
        return TimeLeft(None, "secondary")
    if days < 0:
        return TimeLeft(days, "danger")
    if days <= rules.DUE_SOON_DAYS:
        return TimeLeft(days, "warning")
    return TimeLeft(days, "success")


def review_step(case: Case) -> dict | None:
    """The review level the case is at, with the step's name and the role that acts on it."""
    if case.status not in (Status.IN_REVIEW, Status.SUSPENDED) or case.review_level < 1:
        return None
    steps = case.item_version.review_steps
    if case.review_level > len(steps):
        return None
    step = steps[case.review_level - 1]
    role = step.get("role", "")
    return {
        "level": case.review_level,
        "name": step.get("name", ""),
        "role": role,
        "role_label": Role(role).label if role in Role.values else role,
    }


def _actions_for(user, case: Case) -> list[Action]:
    """What ``user`` may do to ``case`` now: the declared transitions from its state, filtered by
    permission and, at a review step, by the step's role (the service checks all of it again)."""
    allowed = []
    for spec in actions_from(case.status):
        if not spec.staff or not spec.perm or not user.has_perm(spec.perm):
            continue
        if spec.review:
            step = review_step(case)
            if step is None or user.role not in (step["role"], Role.ADMIN):
                continue
        allowed.append(spec)
    return allowed


# --- queue ----------------------------------------------------------------------------------


def _queue_filters(request) -> dict:
    status = request.GET.get("status", "")
    sla = request.GET.get("sla", "")
    region = request.GET.get("region", "").strip()
    return {
        "status": status if status in Status.values else "",
        "item": request.GET.get("item", "").strip()[:20],
        "sla": sla if sla in SlaState.values else "",
        "region": region[:12] if region.isdigit() else "",
        "query": request.GET.get("q", "").strip()[:40],
    }


@login_required
@permission_required("cases.view_case", raise_exception=True)
@require_GET
def queue(request):
    filters = _queue_filters(request)
    page = page_of(selectors.case_queue(viewer=request.user, **filters), request.GET.get("page"), size=QUEUE_PAGE_SIZE)
    today = timezone.localdate()
    rows = [{"case": c, "left": time_left(c, today), "step": review_step(c)} for c in page.object_list]
    batch = [ACTIONS[name] for name in BATCH_ACTIONS if request.user.has_perm(ACTIONS[name].perm)]
    context = {
        "page_obj": page,
        "rows": rows,
        "filters": filters,
        "query_string": query_string_without_page(request),
        "batch_actions": batch,
        "statuses": Status.choices,
        "sla_states": [(s.value, s.label) for s in SlaState if s != SlaState.NONE],
        "items": catalog_selectors.catalogue_search(active_only=False).select_related(None).only("code", "name"),
        "towns": Region.objects.filter(level=RegionLevel.TOWN, code__startswith=region_prefix(request.user) or "-")
        .select_related("parent")
        .order_by("code"),
    }
    template = "cases/staff/_queue_rows.html" if request.htmx else "cases/staff/queue.html"
    return render(request, template, context)


def _parse_selection(values: list[str]) -> list[tuple[int, int]]:
    """Checkbox values ``"<case id>:<version seen>"``; anything else is ignored."""
    selected = []
    for value in values:
        pk, _sep, version = value.partition(":")
        if pk.isdigit() and version.isdigit():
            selected.append((int(pk), int(version)))
    return selected


@login_required
@permission_required("cases.view_case", raise_exception=True)
@require_POST
def queue_batch(request):
    """One action on many cases: each case is its own transaction, so one stale or refused case
    fails alone with its reason while the others go through."""
    back = f"{reverse('cases:queue')}?{QueryDict(request.POST.get('filters', '')).urlencode()}"
    action = request.POST.get("action", "")
    if action not in BATCH_ACTIONS:
        messages.error(request, _("不支持批量执行该操作"))
        return redirect(back)
    selected = _parse_selection(request.POST.getlist("case"))
    if not selected:
        messages.warning(request, _("请先勾选要处理的办件"))
        return redirect(back)
    if len(selected) > BATCH_MAX:
        messages.error(request, _("一次最多批量处理 %(n)d 件") % {"n": BATCH_MAX})
        return redirect(back)
    found = {c.pk: c for c in selectors.cases_visible_to(request.user).filter(pk__in=[pk for pk, _v in selected])}
    label = ACTIONS[action].label
    done: list[str] = []
    for pk, version in selected:
        case = found.get(pk)
        if case is None:
            messages.error(request, _("办件 %(pk)s：不存在或不在您的管辖范围内") % {"pk": pk})
            continue
        try:
            services.case_transition(case=case, action=action, actor=request.user, expected_version=version)
        except (ValidationError, PermissionDenied) as exc:
            messages.error(
                request, _("%(n)s 未能%(a)s：%(reason)s") % {"n": case.number, "a": label, "reason": _error_text(exc)}
            )
        else:
            done.append(case.number)
    if done:
        messages.success(
            request, _("已%(a)s %(k)d 件：%(numbers)s") % {"a": label, "k": len(done), "numbers": "、".join(done)}
        )
    return redirect(back)


# --- the case page --------------------------------------------------------------------------


def _form_rows(case: Case) -> list[tuple[str, str]]:
    labels = {f["name"]: f.get("label", f["name"]) for f in case.item_version.form_fields or []}
    rows = [(labels[name], case.form_data.get(name, "")) for name in labels]
    rows += [(name, value) for name, value in case.form_data.items() if name not in labels]
    return rows


def _render_case(request, case: Case, *, failed: CaseActionForm | None = None, status: int = 200):
    version = case.item_version
    materials = list(version.materials.all())
    actions = []
    for spec in _actions_for(request.user, case):
        if failed is not None and failed.data.get("action") == spec.name:
            form = failed
        else:
            form = CaseActionForm(
                initial={"action": spec.name, "expected_version": case.version},
                materials=materials,
                auto_id=f"id_{spec.name}_%s",  # one form per action on the page: ids must not repeat
            )
        actions.append({"spec": spec, "form": form, "danger": spec.name in ("reject", "deny")})
    submitted = case.materials.select_related("material", "file")
    present = {cm.material_id for cm in submitted}
    siblings = []
    if case.bundle_id:
        siblings = (
            selectors.cases_visible_to(request.user)
            .filter(bundle_id=case.bundle_id)
            .exclude(pk=case.pk)
            .select_related("item_version__item")
        )
    context = {
        "case": case,
        "version": version,
        "item": version.item,
        "form_rows": _form_rows(case),
        "case_materials": submitted,
        "not_submitted": [m for m in materials if m.pk not in present],
        "transitions": case.transitions.select_related("actor"),
        "documents": case.documents.all(),
        "left": time_left(case, timezone.localdate()),
        "step": review_step(case),
        "steps": [
            {"name": s.get("name", ""), "role_label": Role(s["role"]).label if s.get("role") in Role.values else ""}
            for s in version.steps
        ],
        "actions": actions,
        "siblings": siblings,
        "finished": case.status in FINISHED_STATUSES,
    }
    return render(request, "cases/staff/case_detail.html", context, status=status)


@login_required
@permission_required("cases.view_case", raise_exception=True)
@require_GET
def case_detail(request, pk: int):
    return _render_case(request, selectors.get_case_for_user_or_404(request.user, pk))


@login_required
@permission_required("cases.view_case", raise_exception=True)
@require_POST
def case_act(request, pk: int):
    case = selectors.get_case_for_user_or_404(request.user, pk)
    form = CaseActionForm(request.POST, materials=case.item_version.materials.all())
    if not form.is_valid():
        messages.error(request, _("提交的操作无效，请刷新页面后重试"))
        return _render_case(request, case, status=400)
    action = form.cleaned_data["action"]
    try:
        case = services.case_transition(
            case=case,
            action=action,
            actor=request.user,
            comment=form.comment_text(),
            expected_version=form.cleaned_data["expected_version"],
            missing=[int(m) for m in form.cleaned_data.get("missing", [])],
        )
    except CaseConflict as exc:
        messages.error(request, _error_text(exc))
        return _render_case(request, selectors.get_case_for_user_or_404(request.user, pk), status=409)
    except PermissionDenied as exc:
        messages.error(request, _error_text(exc))
        return _render_case(request, case, status=403)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        messages.error(request, _error_text(exc))
        return _render_case(request, case, failed=form, status=400)
    messages.success(
        request,
        _("办件 %(n)s：已%(a)s，当前状态“%(s)s”")
        % {"n": case.number, "a": ACTIONS[action].label, "s": case.get_status_display()},
    )
    return redirect("cases:case_detail", pk=case.pk)


# --- applying at the window -----------------------------------------------------------------


def _window_targets(item_code: str, bundle_code: str):
    """The items being applied for, each with its current version; the bundle if any."""
    if bundle_code:
        bundle = catalog_selectors.get_bundle_or_404(bundle_code)
        items = list(bundle.items.select_related("current_version").order_by("bundleitem__order"))
        targets = [(i, catalog_selectors.current_version(i)) for i in items]
        if not targets or any(v is None for _i, v in targets):
            raise Http404
        return bundle, targets
    item = catalog_selectors.get_item_or_404(item_code)
    return None, [(item, catalog_selectors.current_version(item))]


def _window_choices() -> tuple[list, list]:
    items = [
        i
        for i in catalog_selectors.catalogue_search()
        if i.current_version and Channel.WINDOW in (i.current_version.channels or [])
    ]
    return items, list(catalog_selectors.bundles_active())


@login_required
@permission_required("cases.apply_on_behalf", raise_exception=True)
@require_http_methods(["GET", "POST"])
def window_apply(request):
    """Counter application in three steps on one URL: find the applicant by identity number
    (only people of the clerk's region are found), choose the item or bundle, fill in and upload."""
    person_pk = request.GET.get("person", "")
    if not person_pk:
        return _window_lookup(request)
    person = registry_selectors.get_person_for_user_or_404(request.user, person_pk)
    item_code = request.GET.get("item", "").strip()[:20]
    bundle_code = request.GET.get("bundle", "").strip()[:20]
    if not item_code and not bundle_code:
        items, bundles = _window_choices()
        return render(request, "cases/staff/window_choose.html", {"person": person, "items": items, "bundles": bundles})
    bundle, targets = _window_targets(item_code, bundle_code)
    form = WindowApplyForm(*((request.POST, request.FILES) if request.method == "POST" else ()), targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            if bundle is not None:
                application = services.bundle_submit(
                    actor=request.user, bundle=bundle, applicant=person, channel=Channel.WINDOW, **form.submission()
                )
                cases = list(application.cases.order_by("id"))
            else:
                cases = [
                    services.case_submit(
                        actor=request.user,
                        item=targets[0][0],
                        applicant=person,
                        channel=Channel.WINDOW,
                        **form.submission(),
                    )
                ]
        except ValidationError as exc:
            form.add_service_errors(exc)
        except PermissionDenied as exc:
            form.add_error(None, _error_text(exc))
        else:
            numbers = "、".join(c.number for c in cases)
            if len(cases) == 1 and cases[0].auto_approved:
                messages.success(request, _("秒批办结：%(n)s（系统自动核验通过）") % {"n": numbers})
            else:
                messages.success(request, _("已录入申请：%(n)s。核对材料后即可受理。") % {"n": numbers})
            return redirect("cases:case_detail", pk=cases[0].pk)
    return render(
        request,
        "cases/staff/window_form.html",
        {"person": person, "bundle": bundle, "form": form},
        status=400 if form.errors else 200,
    )


def _window_lookup(request):
    form = PersonLookupForm(request.GET or None)
    not_found = False
    if form.is_bound and form.is_valid():
        number = form.cleaned_data["id_number"]
        person = registry_selectors.person_list(viewer=request.user, query=number).filter(id_number=number).first()
        if person is not None:
            return redirect(f"{reverse('cases:window_apply')}?person={person.pk}")
        not_found = True
    return render(
        request,
        "cases/staff/window_lookup.html",
        {"form": form, "not_found": not_found},
        status=400 if form.errors else 200,
    )


# --- rectifications of bad ratings ----------------------------------------------------------


def _rectification_tone(task: Rectification, today: date) -> TimeLeft:
    if task.stage == Rectification.Stage.DONE:
        return TimeLeft(None, "secondary")
    days = rules.working_days_left(today, task.due_date)
    if days < 0:
        return TimeLeft(days, "danger")
    return TimeLeft(days, "warning" if days <= rules.DUE_SOON_DAYS else "success")


STAGE_PROMPTS = {
    Rectification.Stage.VERIFY: gettext_lazy("核实情况"),
    Rectification.Stage.RESPOND: gettext_lazy("回复申请人的内容（将以短信和站内消息发送）"),
    Rectification.Stage.RECTIFY: gettext_lazy("整改措施"),
}


@login_required
@permission_required("cases.review_case", raise_exception=True)
@require_GET
def rectification_list(request):
    show = request.GET.get("show", "open")
    qs = selectors.rectifications_visible_to(request.user).annotate(
        finished=ExpressionWrapper(Q(stage=Rectification.Stage.DONE), output_field=BooleanField())
    )
    if show == "open":
        qs = qs.exclude(stage=Rectification.Stage.DONE)
    elif show == "done":
        qs = qs.filter(stage=Rectification.Stage.DONE)
    page = page_of(qs.order_by("finished", "due_date", "id"), request.GET.get("page"))
    today = timezone.localdate()
    rows = [{"task": t, "left": _rectification_tone(t, today)} for t in page.object_list]
    return render(
        request,
        "cases/staff/rectification_list.html",
        {"page_obj": page, "rows": rows, "show": show, "query_string": query_string_without_page(request)},
    )


@login_required
@permission_required("cases.review_case", raise_exception=True)
@require_http_methods(["GET", "POST"])
def rectification_detail(request, pk: int):
    task = selectors.get_rectification_for_user_or_404(request.user, pk)
    form = RectificationStageForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            task = services.rectification_advance(task=task, actor=request.user, text=form.cleaned_data["text"])
        except CaseConflict as exc:
            messages.error(request, _error_text(exc))
            status = 409
        except PermissionDenied as exc:
            messages.error(request, _error_text(exc))
            status = 403
        except ValidationError as exc:
            apply_service_errors(form, exc)
            status = 400
        else:
            messages.success(request, _("已记录，当前阶段：%(s)s") % {"s": task.get_stage_display()})
            return redirect("cases:rectification_detail", pk=task.pk)
    prompt = STAGE_PROMPTS.get(task.stage)
    if prompt:
        form.fields["text"].label = prompt
    rating = task.rating
    return render(
        request,
        "cases/staff/rectification_detail.html",
        {
            "task": task,
            "rating": rating,
            "case": rating.case,
            "form": form if prompt else None,
            "left": _rectification_tone(task, timezone.localdate()),
        },
        status=status,
    )


# --- metrics --------------------------------------------------------------------------------


def _metrics(request) -> tuple[MetricsFilterForm, dict]:
    form = MetricsFilterForm(request.GET or None)
    period = {}
    if form.is_bound and form.is_valid():
        period = {"date_from": form.cleaned_data["date_from"], "date_to": form.cleaned_data["date_to"]}
    tables = {
        group: selectors.case_metrics(viewer=request.user, group_by=group, **period) for group in ("item", "district")
    }
    return form, tables


def _totals(rows: list[dict]) -> dict:
    total = sum(r["total"] for r in rows)
    on_time = sum(r["on_time"] for r in rows)
    return {
        "total": total,
        "on_time": on_time,
        "on_time_rate": round(100 * on_time / total, 1) if total else None,
        "auto": sum(r["auto"] for r in rows),
        "ratings": sum(r["ratings"] for r in rows),
    }


@login_required
@permission_required("cases.view_case_metrics", raise_exception=True)
@require_GET
def metrics(request):
    form, tables = _metrics(request)
    return render(
        request,
        "cases/staff/metrics.html",
        {
            "form": form,
            "by_item": tables["item"],
            "by_district": tables["district"],
            "totals": _totals(tables["item"]),
            "query_string": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@permission_required("cases.view_case_metrics", raise_exception=True)
@require_GET
def metrics_export(request):
    _form, tables = _metrics(request)
    headers = [
        _("维度"),
        _("名称"),
        _("办结件数"),
        _("按时办结"),
        _("按时办结率（%）"),
        _("平均办理工作日"),
        _("秒批件数"),
        _("评价数"),
        _("满意率（%）"),
        _("平均评分"),
    ]
    dimension = {"item": _("事项"), "district": _("区县")}
    rows = (
        [
            dimension[group],
            r["name"],
            r["total"],
            r["on_time"],
            r["on_time_rate"],
            r["avg_days"],
            r["auto"],
            r["ratings"],
            r["satisfaction"],
            r["avg_grade"],
        ]
        for group in ("item", "district")
        for r in tables[group]
    )
    data = xlsx_bytes(headers, rows, title=_("办件统计"))
    return xlsx_response(f"办件统计-{timezone.localdate():%Y%m%d}.xlsx", data)

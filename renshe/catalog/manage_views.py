"""Catalogue administration in the workbench (/catalog/manage/, administrators only).

Saving an item publishes a new version through ``item_version_publish``: cases already filed keep
the version they were filed under. Steps, materials and application-form fields are edited as
rows of plain inputs with a few blank rows to add more — no JSON and no script.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import RegexValidator
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.catalog import selectors
from renshe.catalog.models import Category, Channel, ItemKind, ItemType, Requirement, ServiceItem, ServiceItemVersion
from renshe.catalog.services import STEP_ROLES, item_version_publish
from renshe.core.forms import apply_service_errors
from renshe.core.paging import page_of, query_string_without_page

BLANK_ROWS = {"steps": 2, "materials": 3, "fields": 2}
MAX_ROWS = 60
CHOICE_SEPARATOR = "|"

# Names of the 秒批 checks (renshe.cases.autochecks.CHECKS) for the edit form.
AUTO_CHECK_LABELS = {
    "real_name_verified": gettext_lazy("实名信息已核验"),
    "resides_in_maoming": gettext_lazy("居住地在茂名市"),
    "working_age": gettext_lazy("处于法定劳动年龄"),
    "no_open_case_same_item": gettext_lazy("无同一事项在办件"),
    "is_card_holder": gettext_lazy("持有有效社会保障卡"),
    "contribution_record_exists": gettext_lazy("存在参保缴费记录"),
}
FIELD_TYPES = [
    ("text", gettext_lazy("单行文本")),
    ("textarea", gettext_lazy("多行文本")),
    ("choice", gettext_lazy("选项")),
    ("number", gettext_lazy("数字")),
    ("date", gettext_lazy("日期")),
]


def _text(label, max_length, *, required=True, rows=None, **attrs):
    widget = (
        forms.Textarea(attrs={"class": "form-control", "rows": rows})
        if rows
        else forms.TextInput(attrs={"class": "form-control", **attrs})
    )
    return forms.CharField(label=label, max_length=max_length, required=required, widget=widget)


def _days(label):
    return forms.IntegerField(
        label=label, min_value=0, max_value=365, widget=forms.NumberInput(attrs={"class": "form-control"})
    )


class ItemVersionForm(forms.Form):
    """Every element of a service guide (DOMAIN.md §3) except the rows below."""

    item_type = forms.ChoiceField(
        label=gettext_lazy("事项类型"), choices=ItemType.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("办件类型"), choices=ItemKind.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    level = _text(gettext_lazy("实施层级"), 10)
    implementing_body = _text(gettext_lazy("实施主体"), 100)
    service_object = _text(gettext_lazy("服务对象"), 20)
    handling_office = _text(gettext_lazy("承办科室"), 100)
    legal_basis = _text(gettext_lazy("设定依据"), 5000, rows=3)
    conditions = _text(gettext_lazy("受理条件"), 5000, rows=4)
    legal_limit_days = _days(gettext_lazy("法定办结时限（工作日）"))
    promised_limit_days = _days(gettext_lazy("承诺办结时限（工作日）"))
    limit_note = _text(gettext_lazy("时限说明"), 120, required=False)
    fee = forms.DecimalField(
        label=gettext_lazy("收费标准（元）"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    fee_basis = _text(gettext_lazy("收费依据"), 120, required=False)
    result_name = _text(gettext_lazy("办理结果"), 80)
    channels = forms.MultipleChoiceField(
        label=gettext_lazy("办理渠道"),
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    place_hours = _text(gettext_lazy("办理地点和时间"), 200)
    visits = forms.IntegerField(
        label=gettext_lazy("到现场次数"),
        min_value=0,
        max_value=10,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    online_depth = forms.IntegerField(
        label=gettext_lazy("网上办理深度"),
        min_value=0,
        max_value=4,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    contacts = _text(gettext_lazy("咨询电话"), 60)
    auto_checks = forms.MultipleChoiceField(
        label=gettext_lazy("秒批自动核验（全部通过即自动办结）"),
        required=False,
        choices=list(AUTO_CHECK_LABELS.items()),
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    change_note = _text(gettext_lazy("变更说明"), 200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from renshe.cases.autochecks import CHECKS  # the checks the case module can run

        self.fields["auto_checks"].choices = [(code, AUTO_CHECK_LABELS.get(code, code)) for code in CHECKS]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("fee") == 0 and not cleaned.get("fee_basis"):
            cleaned["fee_basis"] = "不收费"
        return cleaned


class StepRow(forms.Form):
    name = _text(gettext_lazy("环节名称"), 30, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("办理角色"),
        required=False,
        choices=[("", "——")] + [(r, Role(r).label) for r in ("clerk", "reviewer", "leader") if r in STEP_ROLES],
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and not cleaned.get("role"):
            self.add_error("role", _("请选择该环节的办理角色"))
        if cleaned.get("role") and not cleaned.get("name"):
            self.add_error("name", _("请填写环节名称"))
        return cleaned


class MaterialRow(forms.Form):
    name = _text(gettext_lazy("材料名称"), 120, required=False)
    form = _text(gettext_lazy("形式"), 20, required=False)
    copies = forms.IntegerField(
        label=gettext_lazy("份数"),
        required=False,
        min_value=1,
        max_value=20,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    requirement = forms.ChoiceField(
        label=gettext_lazy("要求"),
        required=False,
        choices=[("", "——"), *Requirement.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    note = _text(gettext_lazy("备注"), 200, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name"):
            for field in ("form", "requirement"):
                if not cleaned.get(field):
                    self.add_error(field, _("请填写"))
        return cleaned


class FieldRow(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("字段代码"),
        required=False,
        max_length=40,
        validators=[RegexValidator(r"^[a-z][a-z0-9_]*$", gettext_lazy("只能用小写字母、数字和下划线，以字母开头"))],
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    label = _text(gettext_lazy("字段名称"), 40, required=False)
    type = forms.ChoiceField(
        label=gettext_lazy("类型"),
        required=False,
        choices=[("", "——"), *FIELD_TYPES],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    required = forms.BooleanField(
        label=gettext_lazy("必填"), required=False, widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )
    choices = _text(gettext_lazy("选项（用 | 分隔）"), 1000, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name"):
            return cleaned
        if not cleaned.get("label"):
            self.add_error("label", _("请填写字段名称"))
        if not cleaned.get("type"):
            self.add_error("type", _("请选择类型"))
        if cleaned.get("type") == "choice" and not _split_choices(cleaned.get("choices", "")):
            self.add_error("choices", _("选项类字段须至少有一个选项"))
        return cleaned


def _split_choices(text: str) -> list[str]:
    return [c.strip() for c in (text or "").replace("｜", CHOICE_SEPARATOR).split(CHOICE_SEPARATOR) if c.strip()]


def _formset(form_class, prefix: str, data, initial: list[dict]):
    factory = forms.formset_factory(
        form_class, extra=BLANK_ROWS[prefix], max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
    )
    return factory(data, initial=initial, prefix=prefix)


def _rows(formset, keep: str) -> list[dict]:
    """The filled-in rows in order; a row whose ``keep`` field was cleared is dropped."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and f.cleaned_data.get(keep)]


def _initial(version: ServiceItemVersion | None) -> tuple[dict, list, list, list]:
    if version is None:
        return {"fee": 0, "visits": 0, "online_depth": 4, "contacts": "12333"}, [], [], []
    from renshe.catalog.services import VERSION_FIELDS

    values = {f: getattr(version, f) for f in VERSION_FIELDS if f not in ("steps", "form_fields")}
    steps = [{"name": s.get("name", ""), "role": s.get("role", "")} for s in version.steps or []]
    materials = [
        {"name": m.name, "form": m.form, "copies": m.copies, "requirement": m.requirement, "note": m.note}
        for m in version.materials.all()
    ]
    fields = [
        {
            "name": f.get("name", ""),
            "label": f.get("label", ""),
            "type": f.get("type", "text"),
            "required": bool(f.get("required")),
            "choices": f" {CHOICE_SEPARATOR} ".join(f.get("choices") or []),
        }
        for f in version.form_fields or []
    ]
    return values, steps, materials, fields


def _cases_per_version(version_ids) -> dict[int, int]:
    # Cases point at the version they were filed under; the catalogue reads their count only.
    from renshe.cases.models import Case

    rows = Case.objects.filter(item_version_id__in=list(version_ids)).values("item_version_id").annotate(n=Count("id"))
    return {r["item_version_id"]: r["n"] for r in rows}


# --- the list ---------------------------------------------------------------------------------


@login_required
@permission_required("catalog.manage_catalog", raise_exception=True)
@require_GET
def item_list(request):
    query = request.GET.get("q", "").strip()[:40]
    category = request.GET.get("category", "")
    category = category if category in Category.values else ""
    page = page_of(
        selectors.catalogue_search(query=query, category=category, active_only=False), request.GET.get("page"), size=50
    )
    versions = list(
        ServiceItemVersion.objects.filter(item__in=page.object_list)
        .order_by("item_id", "number")
        .values("pk", "item_id", "number")
    )
    counts = _cases_per_version(v["pk"] for v in versions)
    by_item: dict[int, list] = {}
    for v in versions:
        by_item.setdefault(v["item_id"], []).append({"number": v["number"], "cases": counts.get(v["pk"], 0)})
    rows = [{"item": item, "versions": by_item.get(item.pk, [])} for item in page.object_list]
    return render(
        request,
        "catalog/manage/item_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "query": query,
            "category": category,
            "categories": Category.choices,
            "query_string": query_string_without_page(request),
        },
    )


# --- editing: a new version -------------------------------------------------------------------


@login_required
@permission_required("catalog.manage_catalog", raise_exception=True)
@require_http_methods(["GET", "POST"])
def item_edit(request, code: str):
    item = selectors.get_item_or_404(code, active_only=False)
    current = selectors.current_version(item)
    values, steps, materials, fields = _initial(current)
    data = request.POST if request.method == "POST" else None
    form = ItemVersionForm(data, initial=values)
    step_rows = _formset(StepRow, "steps", data, steps)
    material_rows = _formset(MaterialRow, "materials", data, materials)
    field_rows = _formset(FieldRow, "fields", data, fields)
    section_errors: dict[str, list[str]] = {}
    status = 200
    if data is not None:
        valid = all([form.is_valid(), step_rows.is_valid(), material_rows.is_valid(), field_rows.is_valid()])
        changed = [f for f in form.changed_data if f != "change_note"] or any(
            rows.has_changed() for rows in (step_rows, material_rows, field_rows)
        )
        if valid and current is not None and not changed:
            messages.info(request, _("没有修改任何内容，未发布新版本"))
            return redirect("catalog_manage:item_edit", code=item.code)
        if valid:
            try:
                version = item_version_publish(
                    actor=request.user,
                    item=item,
                    values=_values(form.cleaned_data, step_rows, field_rows),
                    materials=[
                        {
                            "name": m["name"],
                            "form": m["form"],
                            "copies": m.get("copies") or 1,
                            "requirement": m["requirement"],
                            "note": m.get("note", ""),
                        }
                        for m in _rows(material_rows, "name")
                    ],
                    change_note=form.cleaned_data["change_note"],
                )
            except ValidationError as exc:
                for key in ("steps", "materials", "form_fields"):
                    if hasattr(exc, "error_dict") and key in exc.error_dict:
                        section_errors[key] = [m for e in exc.error_dict.pop(key) for m in e.messages]
                apply_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("已发布“%(name)s”第 %(n)d 版；已受理的办件仍按原版本办理。")
                    % {"name": item.name, "n": version.number},
                )
                return redirect("catalog_manage:item_edit", code=item.code)
        status = 400
    history = list(item.versions.select_related("published_by").order_by("-number"))
    counts = _cases_per_version(v.pk for v in history)
    return render(
        request,
        "catalog/manage/item_edit.html",
        {
            "item": item,
            "current": current,
            "form": form,
            "step_rows": step_rows,
            "material_rows": material_rows,
            "field_rows": field_rows,
            "section_errors": section_errors,
            "history": [{"version": v, "cases": counts.get(v.pk, 0)} for v in history],
        },
        status=status,
    )


def _values(cleaned: dict, step_rows, field_rows) -> dict:
    values = {k: v for k, v in cleaned.items() if k != "change_note"}
    values["steps"] = [{"name": s["name"], "role": s["role"]} for s in _rows(step_rows, "name")]
    values["form_fields"] = [
        {
            "name": f["name"],
            "label": f["label"],
            "type": f["type"],
            "required": bool(f.get("required")),
            "choices": _split_choices(f.get("choices", "")) if f["type"] == "choice" else [],
        }
        for f in _rows(field_rows, "name")
    ]
    return values


# --- activating and deactivating ---------------------------------------------------------------


@transaction.atomic
def item_active_set(*, actor, item: ServiceItem, active: bool) -> ServiceItem:
    """Stop or resume accepting applications for an item. Cases already filed are not affected."""
    if actor is not None and not actor.has_perm("catalog.manage_catalog"):
        raise PermissionDenied(_("您没有维护政务服务事项的权限"))
    item = ServiceItem.objects.select_for_update().get(pk=item.pk)
    if item.is_active == active:
        return item
    item.is_active = active
    item.save(update_fields=["is_active"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=item, changes={"is_active": [not active, active]})
    return item


@login_required
@permission_required("catalog.manage_catalog", raise_exception=True)
@require_POST
def item_toggle(request, code: str):
    item = selectors.get_item_or_404(code, active_only=False)
    if request.POST.get("active") not in ("0", "1"):
        return HttpResponseBadRequest(_("参数 active 须为 0 或 1"))
    active = request.POST.get("active") == "1"
    item = item_active_set(actor=request.user, item=item, active=active)
    if item.is_active:
        messages.success(request, _("“%(name)s”已恢复办理") % {"name": item.name})
    else:
        messages.warning(request, _("“%(name)s”已停止受理新申请；在办件不受影响") % {"name": item.name})
    return redirect("catalog_manage:item_edit", code=item.code)

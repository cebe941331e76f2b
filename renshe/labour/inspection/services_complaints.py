"""Complaints and reports (举报投诉): filing from every channel, acceptance or written refusal within
5 working days, transfer, routing to the grid inspectors of the employer's town, the complainant
told of every decision through the message centre."""

from __future__ import annotations

import secrets
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.cases.exceptions import CaseConflict
from renshe.core.files import file_store, file_validate
from renshe.core.models import Region, RegionLevel
from renshe.labour import rules
from renshe.labour.inspection.documents import refusal_pdf_store
from renshe.labour.inspection.models import (
    CaseSource,
    Complaint,
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintTransition,
    GridAssignment,
    InspectionCase,
    RefusalReason,
    ViolationType,
)
from renshe.labour.inspection.models.complaints import STAFF_CHANNELS
from renshe.labour.inspection.workflow import COMPLAINT_ACTIONS
from renshe.registry.models import Employer

MAX_ATTACHMENTS = 5


def _today() -> date:
    return timezone.localdate()


def _authenticated(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _text(data: dict, name: str, limit: int) -> str:
    return str(data.get(name, "") or "").strip()[:limit]


def _clean(actor, data: dict, files: list) -> tuple[dict, dict]:
    """Every field checked, every error collected (a form shows them all at once)."""
    errors: dict = {}
    out: dict = {}
    is_citizen = actor is not None and actor.role == Role.CITIZEN
    channel = ComplaintChannel.WEB if is_citizen else _text(data, "channel", 10)
    if not is_citizen:
        if actor is None or not actor.has_perm("inspection.enter_complaint"):
            raise PermissionDenied(_("您没有录入举报投诉的权限"))
        if channel not in (*STAFF_CHANNELS, ComplaintChannel.TRANSFER):
            errors["channel"] = _("请选择渠道：12333、12345、来访或其他部门移送")
    out["channel"] = channel
    if channel == ComplaintChannel.TRANSFER:
        out["transfer_body"] = _text(data, "transfer_body", 100)
        out["transfer_ref"] = _text(data, "transfer_ref", 60)
        if not out["transfer_body"]:
            errors["transfer_body"] = _("请填写移送单位")
        if not out["transfer_ref"]:
            errors["transfer_ref"] = _("请填写移送文号")
    kind = _text(data, "kind", 10) or ComplaintKind.COMPLAINT
    if kind not in ComplaintKind.values:
        errors["kind"] = _("请选择投诉或举报")
    out["kind"] = kind
    name, phone = _text(data, "complainant_name", 40), _text(data, "complainant_phone", 11)
    if is_citizen and actor.person_id:
        name = name or actor.person.name
        phone = phone or actor.person.phone
    if kind == ComplaintKind.COMPLAINT:
        if not name:
            errors["complainant_name"] = _("投诉须实名，请填写姓名")
        if not (len(phone) == 11 and phone.isdigit()):
            errors["complainant_phone"] = _("投诉须留联系电话（11位手机号码）")
    elif phone and not (len(phone) == 11 and phone.isdigit()):
        errors["complainant_phone"] = _("手机号码应为11位数字")
    out["complainant_name"] = name if kind == ComplaintKind.COMPLAINT else ""
    out["complainant_phone"] = phone if kind == ComplaintKind.COMPLAINT else ""
    # the employer: by credit code in the register, or by name and address with its town
    code = _text(data, "credit_code", 18).upper()
    employer = Employer.objects.filter(credit_code=code).first() if code else None
    if code and employer is None:
        errors["credit_code"] = _("未找到该统一社会信用代码的单位，请核对或只填写单位名称和地址")
    out["employer"] = employer
    out["employer_name"] = employer.name if employer else _text(data, "employer_name", 100)
    out["employer_address"] = (employer.address if employer else "") or _text(data, "employer_address", 120)
    if employer is None and not code and not out["employer_name"]:
        errors["employer_name"] = _("请填写被投诉单位的名称或统一社会信用代码")
    region_code = employer.region_id if employer else _text(data, "region", 12)
    region = Region.objects.filter(pk=region_code, level=RegionLevel.TOWN, code__startswith="4409").first()
    if region is None and "credit_code" not in errors:
        errors["region"] = _("请选择单位所在的镇/街道")
    out["region"] = region
    types = data.getlist("violation_types") if hasattr(data, "getlist") else data.get("violation_types") or []
    if isinstance(types, str):
        types = [types]
    types = [t for t in dict.fromkeys(types) if t]
    if not types:
        errors["violation_types"] = _("请至少选择一种违法类型")
    elif any(t not in ViolationType.values for t in types):
        errors["violation_types"] = _("违法类型无效")
    out["violation_types"] = types
    try:
        out["workers_affected"] = int(data.get("workers_affected") or 1)
        if not 1 <= out["workers_affected"] <= 100000:
            raise ValueError
    except (TypeError, ValueError):
        errors["workers_affected"] = _("涉及人数应为1以上的整数")
    try:
        amount = Decimal(str(data.get("amount_owed") or "0")).quantize(Decimal("0.01"))
        if amount < 0 or amount >= Decimal("1e12"):
            raise InvalidOperation
        out["amount_owed"] = amount
    except (InvalidOperation, ValueError):
        errors["amount_owed"] = _("涉及金额应为不小于0的数字")
    last_on = data.get("violation_last_on")
    try:
        last_on = last_on if isinstance(last_on, date) else date.fromisoformat(str(last_on or "").strip())
        if last_on > _today():
            errors["violation_last_on"] = _("日期不能晚于今天")
        out["violation_last_on"] = last_on
    except ValueError:
        errors["violation_last_on"] = _("请填写违法行为最后发生的日期（年-月-日）")
    out["facts"] = _text(data, "facts", 5000)
    if len(out["facts"]) < 10:
        errors["facts"] = _("请具体说明事实与理由（至少10个字）")
    if len(files) > MAX_ATTACHMENTS:
        errors["attachments"] = _("最多上传%(n)d个附件") % {"n": MAX_ATTACHMENTS}
    for upload in files:
        try:
            file_validate(uploaded=upload, field="attachments")
        except ValidationError as exc:
            errors.update(exc.message_dict)
    return out, errors


@transaction.atomic
def complaint_file(*, actor, data, files=()) -> Complaint:
    """File a complaint or report. A citizen files their own (web); staff enter phone, walk-in and
    transferred ones. A violation beyond the 2-year limitation is refused at once, in writing."""
    files = list(files or [])
    cleaned, errors = _clean(actor, data, files)
    if errors:
        raise ValidationError(errors)
    today = _today()
    complaint = Complaint.objects.create(
        number=f"tmp{secrets.token_hex(8)}",
        complainant=actor if actor.role == Role.CITIZEN else None,
        received_on=today,
        acceptance_due=rules.inspection_acceptance_deadline(today),
        created_by=_authenticated(actor),
        **cleaned,
    )
    complaint.number = f"TS{today:%Y%m%d}{complaint.pk:06d}"
    complaint.save(update_fields=["number"])
    for upload in files:
        complaint.attachments.add(file_store(uploaded=upload, actor=actor, field="attachments"))
    _record(complaint, "file", "", complaint.status, actor, "")
    audit_record(actor=actor, action=AuditAction.CREATE, obj=complaint, changes={"channel": complaint.channel})
    if not rules.inspection_within_limitation(complaint.violation_last_on, today):
        _refuse(complaint, None, RefusalReason.LIMITATION, _("违法行为发生在两年以前，依法不再查处"))
    else:
        _route_to_grid(complaint)
    return complaint


def grid_inspectors_of(region_id: str) -> list[User]:
    ids = GridAssignment.objects.filter(town_id=region_id).values_list("inspector_id", flat=True)
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def _route_to_grid(complaint: Complaint) -> None:
    for inspector in grid_inspectors_of(complaint.region_id):
        message_send(
            recipient=inspector,
            title=_("新的举报投诉 %(n)s 待受理") % {"n": complaint.number},
            body=_("%(e)s：%(t)s。请于%(d)s前决定是否受理。")
            % {"e": complaint.employer_name, "t": "、".join(complaint.violation_labels), "d": complaint.acceptance_due},
            link=f"/labour/inspection/complaints/{complaint.pk}/",
        )


def _tell_complainant(complaint: Complaint, title: str, body: str) -> None:
    if complaint.complainant_id:
        message_send(
            recipient=complaint.complainant,
            title=title,
            body=body,
            link=f"/labour/inspection/my/{complaint.pk}/",
            sms=True,
        )


def _record(complaint, action, from_status, to_status, actor, comment) -> ComplaintTransition:
    return ComplaintTransition.objects.create(
        complaint=complaint,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=_authenticated(actor),
        comment=(comment or "")[:2000],
    )


def _refuse(complaint: Complaint, actor, reason: str, note: str) -> None:
    from_status = complaint.status
    complaint.status = ComplaintStatus.REFUSED
    complaint.refusal_reason = reason
    complaint.decision_note = note
    complaint.decided_on = complaint.closed_on = _today()
    complaint.version += 1
    complaint.refusal_file = refusal_pdf_store(complaint)
    complaint.save()
    _record(complaint, "refuse", from_status, complaint.status, actor, note)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=complaint, changes={"action": "refuse", "reason": reason})
    _tell_complainant(
        complaint,
        _("您的举报投诉 %(n)s 不予受理") % {"n": complaint.number},
        _("理由：%(r)s。%(note)s") % {"r": RefusalReason(reason).label, "note": note},
    )


def _lock(complaint: Complaint, expected_version: int | None) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if expected_version is not None and locked.version != expected_version:
        raise CaseConflict(_("举报投诉 %(n)s 已被他人处理，请刷新后重试") % {"n": locked.number})
    return locked


@transaction.atomic
def complaint_transition(
    *,
    complaint: Complaint,
    action: str,
    actor,
    comment: str = "",
    refusal_reason: str = "",
    transferred_to: str = "",
    expected_version: int | None = None,
) -> Complaint:
    """Accept, refuse (with a reason), transfer (outside jurisdiction) or close a complaint."""
    spec = COMPLAINT_ACTIONS.get(action)
    if spec is None or action == "open_case":
        raise ValidationError({"action": _("未知的操作 %(a)s") % {"a": action}})
    complaint = _lock(complaint, expected_version)
    if not actor.has_perm(spec.perm):
        raise PermissionDenied(_("您没有“%(a)s”的权限") % {"a": spec.label})
    if not user_can_see_region(actor, complaint.region_id):
        raise PermissionDenied(_("该举报投诉不在您的管辖范围内"))
    if complaint.status not in spec.sources:
        raise CaseConflict(
            _("举报投诉当前状态为“%(s)s”，不能%(a)s") % {"s": complaint.get_status_display(), "a": spec.label}
        )
    comment = (comment or "").strip()
    today = _today()
    if action == "refuse":
        if refusal_reason not in RefusalReason.values:
            raise ValidationError({"refusal_reason": _("请选择不予受理的理由")})
        if not comment:
            raise ValidationError({"comment": _("请填写不予受理的说明（将书面告知投诉人）")})
        _refuse(complaint, actor, refusal_reason, comment)
        return complaint
    if spec.comment_required and not comment:
        raise ValidationError({"comment": _("请填写%(a)s的理由或结果") % {"a": spec.label}})
    from_status = complaint.status
    if action == "accept":
        if not rules.inspection_within_limitation(complaint.violation_last_on, today):
            raise ValidationError(
                {"violation_last_on": _("违法行为发生在两年以前（劳动保障监察条例第二十条），应不予受理")}
            )
        complaint.decided_on = today
        title = _("您的举报投诉 %(n)s 已受理")
    elif action == "transfer":
        transferred_to = (transferred_to or "").strip()[:100]
        if not transferred_to:
            raise ValidationError({"transferred_to": _("请填写移送的机关")})
        complaint.transferred_to = transferred_to
        complaint.decided_on = complaint.closed_on = today
        title = _("您的举报投诉 %(n)s 已移送") + f" {transferred_to}"
    else:  # close without a case (e.g. settled at once)
        complaint.closed_on = today
        complaint.result = comment
        title = _("您的举报投诉 %(n)s 已办结")
    complaint.decision_note = comment or complaint.decision_note
    complaint.status = spec.target
    complaint.version += 1
    complaint.save()
    _record(complaint, action, from_status, complaint.status, actor, comment)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=complaint, changes={"action": action})
    _tell_complainant(complaint, title % {"n": complaint.number}, comment)
    return complaint


@transaction.atomic
def complaint_open_case(*, complaint: Complaint, actor, credit_code: str = "", summary: str = "") -> InspectionCase:
    """立案 on an accepted complaint (the employer must be in the register: link it by credit code)."""
    from renshe.labour.inspection.services import inspection_case_open

    complaint = _lock(complaint, None)
    spec = COMPLAINT_ACTIONS["open_case"]
    if not user_can_see_region(actor, complaint.region_id):
        raise PermissionDenied(_("该举报投诉不在您的管辖范围内"))
    if complaint.status not in spec.sources:
        raise CaseConflict(_("举报投诉当前状态为“%(s)s”，不能立案") % {"s": complaint.get_status_display()})
    if complaint.case_id:
        return complaint.case
    employer = complaint.employer
    code = (credit_code or "").strip().upper()
    if code:
        employer = Employer.objects.filter(credit_code=code).first()
        if employer is None:
            raise ValidationError({"credit_code": _("未找到该统一社会信用代码的单位")})
    if employer is None:
        raise ValidationError({"credit_code": _("请先在实名信息库登记该单位，再填写其统一社会信用代码立案")})
    case = inspection_case_open(
        actor=actor,
        employer=employer,
        summary=(summary or "").strip() or complaint.facts[:500],
        source=CaseSource.COMPLAINT,
        source_ref=complaint.number,
    )
    if "wage_arrears" in complaint.violation_types and not case.wage_arrears:
        case.wage_arrears = True
        case.save(update_fields=["wage_arrears"])
    complaint.case = case
    complaint.employer = employer
    complaint.version += 1
    complaint.save()
    _record(complaint, "open_case", complaint.status, complaint.status, actor, case.number)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=complaint, changes={"case": case.number})
    _tell_complainant(complaint, _("您的举报投诉 %(n)s 已立案调查") % {"n": complaint.number}, case.number)
    return case


def complaints_close_with_case(*, case: InspectionCase, actor) -> None:
    """Inside ``case_close``'s transaction: each open complaint behind the case is closed, its
    complainant told the result."""
    for complaint in Complaint.objects.select_for_update().filter(case=case, status=ComplaintStatus.ACCEPTED):
        complaint.status = ComplaintStatus.CLOSED
        complaint.closed_on = _today()
        complaint.result = case.outcome_note
        complaint.version += 1
        complaint.save()
        _record(complaint, "close", ComplaintStatus.ACCEPTED, ComplaintStatus.CLOSED, actor, case.outcome_note)
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=complaint, changes={"action": "close"})
        body = case.outcome_note
        if case.arrears_recovered:
            body += _("（追发工资 %(a)s 元，涉及 %(w)d 人）") % {"a": case.arrears_recovered, "w": case.workers_helped}
        _tell_complainant(complaint, _("您的举报投诉 %(n)s 已办结") % {"n": complaint.number}, body)

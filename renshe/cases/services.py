"""Every write to a case: filing, transitions, materials, ratings. One transaction each, audited."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Role, User
from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.cases import rules
from renshe.cases.autochecks import run_checks
from renshe.cases.exceptions import CaseConflict
from renshe.cases.models import (
    BAD_GRADES,
    Bundle,
    Case,
    CaseMaterial,
    Channel,
    Grade,
    MaterialStatus,
    Rating,
    Rectification,
    Status,
    Transition,
)
from renshe.cases.workflow import ACTIONS, TARGETS
from renshe.catalog.models import Requirement, ServiceItem, ServiceItemVersion
from renshe.catalog.selectors import current_version
from renshe.core import workdays
from renshe.core.files import file_store, file_validate
from renshe.core.params import param_int

DEFERRAL_DAYS_KEY = "cases.deferral_supply_days"  # 容缺受理: working days to supply the missing material
RECTIFICATION_DAYS_KEY = "cases.rectification_days"  # 好差评: working days to rectify (DOMAIN.md §3, default 15)


def _today():
    return timezone.localdate()


def _numbered(case: Case, prefix: str = "RS") -> None:
    case.number = f"{prefix}{timezone.localtime():%Y%m%d}{case.pk:07d}"
    case.save(update_fields=["number"])


# --- approval hooks ---------------------------------------------------------------------------
# A domain app attaches the effect of an approval to a service item by its code (失业登记 approved →
# an unemployment registration), registering a handler in its AppConfig.ready() — no database work
# there. The handlers run inside the approving transaction, after the status became APPROVED (or
# CLOSED by 秒批): a handler that raises rolls the approval back with it, and its ValidationError
# reaches the reviewer. A case reaches APPROVED only once, so a handler runs once per case.

ApprovalHandler = Callable[..., None]  # handler(*, case: Case, actor: User | None) -> None
_APPROVAL_HANDLERS: dict[str, list[ApprovalHandler]] = {}


def approval_handler_register(item_code: str, handler: ApprovalHandler) -> None:
    """Run ``handler(case=…, actor=…)`` when a case of the item ``item_code`` is approved. Idempotent."""
    handlers = _APPROVAL_HANDLERS.setdefault(item_code, [])
    if handler not in handlers:
        handlers.append(handler)


def approval_handler_unregister(item_code: str, handler: ApprovalHandler) -> None:
    if handler in _APPROVAL_HANDLERS.get(item_code, []):
        _APPROVAL_HANDLERS[item_code].remove(handler)


def approval_handlers_for(item_code: str) -> list[ApprovalHandler]:
    return list(_APPROVAL_HANDLERS.get(item_code, []))


def _run_approval_handlers(case: Case, actor) -> None:
    for handler in approval_handlers_for(case.item_version.item.code):
        handler(case=case, actor=actor)


# --- filing -----------------------------------------------------------------------------------


def _check_applicant(actor, applicant, channel: str) -> None:
    if actor is None:
        return
    if actor.role == Role.CITIZEN:
        if actor.person_id != applicant.pk:
            raise PermissionDenied(_("只能为本人申请"))
        if channel == Channel.WINDOW:
            raise ValidationError({"channel": _("窗口代办只能由工作人员录入")})
        return
    if not actor.has_perm("cases.apply_on_behalf"):
        raise PermissionDenied(_("您没有代为申请的权限"))
    if not user_can_see_region(actor, applicant.residence_region_id):
        raise ValidationError({"applicant": _("申请人不在您的管辖范围内")})


def _clean_form(version: ServiceItemVersion, form_data: dict) -> tuple[dict, dict]:
    """The application form's values, and an error per bad field (all of them, not the first)."""
    cleaned: dict = {}
    errors: dict = {}
    for field in version.form_fields or []:
        name = field["name"]
        value = str(form_data.get(name, "") or "").strip()
        if field.get("required") and not value:
            errors[name] = _("请填写%(label)s") % {"label": field["label"]}
            continue
        if value and field.get("type") == "choice" and field.get("choices") and value not in field["choices"]:
            errors[name] = _("%(label)s的取值无效") % {"label": field["label"]}
            continue
        if value and field.get("type") == "number":
            try:
                float(value)
            except ValueError:
                errors[name] = _("%(label)s应为数字") % {"label": field["label"]}
                continue
        if value and field.get("type") == "date":
            try:
                timezone.datetime.strptime(value, "%Y-%m-%d")
            except ValueError:
                errors[name] = _("%(label)s应为日期（年-月-日）") % {"label": field["label"]}
                continue
        if len(value) > 2000:
            errors[name] = _("%(label)s过长") % {"label": field["label"]}
            continue
        cleaned[name] = value
    return cleaned, errors


def _material_errors(
    *, version: ServiceItemVersion, files: dict, deferred: set[int], commitment: str, shared: dict | None
) -> dict:
    """Everything wrong with the materials, before anything is stored: missing required ones,
    uploads that are not what they claim, and a 容缺 without a signed commitment."""
    errors: dict = {}
    deferred_names = []
    for material in version.materials.all():
        upload = files.get(material.pk)
        field = f"material_{material.pk}"
        if upload is not None:
            try:
                file_validate(uploaded=upload, field=field)
            except ValidationError as exc:
                errors.update(exc.message_dict)
        elif shared and material.name in shared:
            continue
        elif material.requirement == Requirement.DEFERRABLE and material.pk in deferred:
            deferred_names.append(material.name)
        elif material.requirement in (Requirement.REQUIRED, Requirement.DEFERRABLE):
            errors[field] = _("缺少必交材料：%(name)s") % {"name": material.name}
    if deferred_names and not (commitment or "").strip():
        errors["commitment"] = _("容缺受理须签署承诺书，承诺在期限内补交：%(names)s") % {
            "names": "、".join(deferred_names)
        }
    return errors


def _attach_materials(
    *,
    case: Case,
    version: ServiceItemVersion,
    files: dict,
    deferred: set[int],
    actor,
    shared: dict | None = None,
) -> list[str]:
    """Store the (already checked) uploads against the item's materials; return the deferred names.

    ``files`` maps material id → uploaded file; ``shared`` maps material name → an already stored
    file (一件事: a material uploaded once serves every item that asks for it by the same name).
    """
    deferred_names = []
    for material in version.materials.all():
        upload = files.get(material.pk)
        stored = None
        if upload is not None:
            stored = file_store(uploaded=upload, actor=actor, field=f"material_{material.pk}")
            if shared is not None:
                shared[material.name] = stored
        elif shared and material.name in shared:
            stored = shared[material.name]
        if stored is not None:
            CaseMaterial.objects.create(case=case, material=material, file=stored, status=MaterialStatus.SUBMITTED)
        elif material.requirement == Requirement.DEFERRABLE and material.pk in deferred:
            CaseMaterial.objects.create(case=case, material=material, status=MaterialStatus.DEFERRED)
            deferred_names.append(material.name)
    return deferred_names


@transaction.atomic
def case_submit(
    *,
    actor,
    item: ServiceItem,
    applicant,
    channel: str,
    form_data: dict | None = None,
    files: dict | None = None,
    deferred: Iterable[int] = (),
    commitment: str = "",
    bundle: Bundle | None = None,
    shared_files: dict | None = None,
) -> Case:
    """File an application online (the applicant) or at the window (a clerk on someone's behalf).

    Required materials must be uploaded; deferrable ones may be left for later under 容缺受理 with
    a signed commitment. When the item declares 秒批 checks and all pass, the case is accepted and
    approved at once.
    """
    if channel not in Channel.values:
        raise ValidationError({"channel": _("申请渠道无效")})
    if not item.is_active:
        raise ValidationError({"item": _("该事项已停止办理")})
    version = current_version(item)
    if version is None:
        raise ValidationError({"item": _("该事项尚未发布办事指南")})
    if channel not in (version.channels or []) and not (channel == Channel.MOBILE and Channel.WEB in version.channels):
        raise ValidationError({"channel": _("该事项不支持此申请渠道")})
    _check_applicant(actor, applicant, channel)
    files = files or {}
    deferred_ids = {int(d) for d in deferred}
    cleaned, errors = _clean_form(version, form_data or {})
    errors.update(
        _material_errors(
            version=version, files=files, deferred=deferred_ids, commitment=commitment, shared=shared_files
        )
    )
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    checks = run_checks(applicant, version) if version.auto_checks else []
    case = Case.objects.create(
        number=uuid.uuid4().hex[:24],
        verify_token=secrets.token_urlsafe(16)[:24],
        item_version=version,
        applicant=applicant,
        region=applicant.residence_region,
        channel=channel,
        bundle=bundle,
        form_data=cleaned,
        submitted_at=now,
        acceptance_due=rules.acceptance_due(timezone.localdate(now)),
        deferral_commitment=(commitment or "").strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _numbered(case)
    deferred_names = _attach_materials(
        case=case, version=version, files=files, deferred=deferred_ids, actor=actor, shared=shared_files
    )
    _record(
        case=case,
        action="submit",
        from_status="",
        to_status=Status.SUBMITTED,
        actor=actor,
        comment=_("容缺材料：%(n)s") % {"n": "、".join(deferred_names)} if deferred_names else "",
    )
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=case,
        changes={
            "item": [None, version.item.code],
            "version": [None, version.number],
            "status": [None, Status.SUBMITTED],
        },
    )
    # What is stored (decision notes, messages) is in the platform's language, not the actor's.
    with translation.override(settings.LANGUAGE_CODE):
        if checks and all(c.passed for c in checks) and not deferred_names:
            _auto_approve(case, version, checks)
        else:
            _notify_applicant(
                case,
                _("您的申请已提交：%(item)s") % {"item": version.item.name},
                _("办件编号 %(n)s，我们将在 %(d)s 前完成受理审查。") % {"n": case.number, "d": case.acceptance_due},
            )
    return case


def _auto_approve(case: Case, version: ServiceItemVersion, checks) -> None:
    today = _today()
    summary = "；".join(c.message for c in checks)
    case.status = Status.CLOSED
    case.auto_approved = True
    case.accepted_on = case.decided_on = case.closed_on = today
    case.due_date = case.legal_due_date = today
    case.decision_note = _("秒批：系统自动核验通过（%(s)s）") % {"s": summary}
    case.sla_state = "none"
    case.version += 1
    case.save()
    _record(
        case=case,
        action="auto_approve",
        from_status=Status.SUBMITTED,
        to_status=Status.CLOSED,
        actor=None,
        comment=case.decision_note,
    )
    audit_record(
        actor=None,
        action=AuditAction.UPDATE,
        obj=case,
        changes={"status": [Status.SUBMITTED, Status.CLOSED], "auto_approved": [False, True]},
    )
    _run_approval_handlers(case, None)
    _notify_applicant(case, _("秒批办结：%(item)s") % {"item": version.item.name}, case.decision_note, sms=True)
    _issue_document(case, "decision")


# --- transitions ------------------------------------------------------------------------------


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().select_related("item_version__item").get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise CaseConflict(
            _("办件 %(n)s 已被他人处理（当前状态：%(s)s），请刷新后重试")
            % {"n": locked.number, "s": locked.get_status_display()}
        )
    return locked


def _check_actor(action, case: Case, actor) -> None:
    if action.staff:
        if actor is None:
            return
        if action.perm and not actor.has_perm(action.perm):
            raise PermissionDenied(_("您没有“%(a)s”的权限") % {"a": action.label})
        if not user_can_see_region(actor, case.region_id):
            raise PermissionDenied(_("该办件不在您的管辖范围内"))
        if action.review:
            step = case.item_version.review_steps[case.review_level - 1]
            if actor.role not in (step["role"], Role.ADMIN):
                raise PermissionDenied(
                    _("第%(n)d级审核须由%(role)s办理") % {"n": case.review_level, "role": Role(step["role"]).label}
                )
        return
    # The applicant's own actions; a clerk may act for someone at the window.
    if actor is not None and actor.person_id == case.applicant_id:
        return
    if (
        actor is not None
        and actor.is_bureau_staff
        and actor.has_perm("cases.apply_on_behalf")
        and user_can_see_region(actor, case.region_id)
    ):
        return
    raise PermissionDenied(_("只有申请人本人可以%(a)s") % {"a": action.label})


@transaction.atomic
def case_transition(
    *,
    case: Case,
    action: str,
    actor,
    comment: str = "",
    expected_version: int | None = None,
    files: dict | None = None,
    missing: Iterable[int] = (),
) -> Case:
    """Move a case along one declared transition (``renshe.cases.workflow``).

    Locks the row; ``expected_version`` (the version the actor saw) makes two people acting at
    once safe: exactly one succeeds, the other gets ``CaseConflict``. ``files`` are the re-uploaded
    materials of a resubmission; ``missing`` the material ids a 一次性告知 names.
    """
    spec = ACTIONS.get(action)
    if spec is None:
        raise ValidationError({"action": _("未知的操作 %(a)s") % {"a": action}})
    case = _lock(case, expected_version)
    if case.status not in spec.sources:
        raise CaseConflict(_("办件当前状态为“%(s)s”，不能%(a)s") % {"s": case.get_status_display(), "a": spec.label})
    _check_actor(spec, case, actor)
    comment = (comment or "").strip()
    if spec.comment_required and not comment:
        raise ValidationError({"comment": _("请填写%(a)s的理由或意见") % {"a": spec.label}})
    from_status = case.status
    today = _today()
    version = case.item_version
    to_status = TARGETS[action]
    level = case.review_level

    if action == "accept":
        case.accepted_on = today
        case.due_date = rules.completion_due(today, version.promised_limit_days)
        case.legal_due_date = rules.completion_due(today, version.legal_limit_days)
        case.handler = actor
        if case.materials.filter(status=MaterialStatus.DEFERRED).exists():
            case.deferred_until = workdays.add_working_days(today, param_int(DEFERRAL_DAYS_KEY, today, 10))
        if version.review_levels == 0:
            to_status, case.decided_on = Status.APPROVED, today
        else:
            case.review_level = level = 1
    elif action == "approve":
        if case.review_level < version.review_levels:
            case.review_level += 1
        else:
            to_status, case.decided_on = Status.APPROVED, today
        case.decision_note = comment or case.decision_note
    elif action == "deny":
        case.decided_on = today
        case.decision_note = comment
    elif action == "reject":
        case.decided_on = case.closed_on = today
        case.decision_note = comment
    elif action == "suspend":
        case.suspended_since = today
    elif action == "resume":
        extra = rules.suspended_days(case.suspended_since or today, today)
        case.suspended_working_days += extra
        case.suspended_since = None
        if case.accepted_on:
            case.due_date = rules.completion_due(
                case.accepted_on, version.promised_limit_days, case.suspended_working_days
            )
            case.legal_due_date = rules.completion_due(
                case.accepted_on, version.legal_limit_days, case.suspended_working_days
            )
    elif action == "request_correction":
        _mark_missing(case, {int(m) for m in missing})
    elif action == "resubmit":
        _resupply(case, files or {}, actor)
        case.acceptance_due = rules.acceptance_due(today)
    elif action == "deliver" or action == "withdraw":
        case.closed_on = today

    case.status = to_status
    case.version += 1
    case.sla_state = _sla_for(case, today)
    case.save()
    _record(
        case=case,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        comment=comment,
        level=level,
    )
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        changes={
            "status": [from_status, to_status],
            "action": [None, action],
            "review_level": [None, case.review_level],
        },
    )
    if to_status == Status.APPROVED:
        _run_approval_handlers(case, actor)
    with translation.override(settings.LANGUAGE_CODE):
        _after_transition(case, action, comment)
    return case


def _sla_for(case: Case, today) -> str:
    if case.status in (Status.SUBMITTED, Status.CORRECTION):
        return rules.sla_state(today, case.acceptance_due) if case.status == Status.SUBMITTED else "none"
    if case.status == Status.IN_REVIEW:
        return rules.sla_state(today, case.due_date)
    return "none"


def _mark_missing(case: Case, material_ids: set[int]) -> None:
    """一次性告知: the materials named as missing or not in order show as 缺少 until re-supplied."""
    for material in case.item_version.materials.filter(pk__in=material_ids):
        CaseMaterial.objects.update_or_create(case=case, material=material, defaults={"status": MaterialStatus.MISSING})


def _resupply(case: Case, files: dict, actor) -> None:
    """补正: replace the files of the materials the applicant re-uploads."""
    for cm in case.materials.select_related("material"):
        upload = files.get(cm.material_id)
        if upload is not None:
            cm.file = file_store(uploaded=upload, actor=actor, field=f"material_{cm.material_id}")
            cm.status = MaterialStatus.SUBMITTED
            cm.save(update_fields=["file", "status"])
    present = {cm.material_id for cm in case.materials.all()}
    for material in case.item_version.materials.all():
        upload = files.get(material.pk)
        if material.pk not in present and upload is not None:
            stored = file_store(uploaded=upload, actor=actor, field=f"material_{material.pk}")
            CaseMaterial.objects.create(case=case, material=material, file=stored, status=MaterialStatus.SUBMITTED)


@transaction.atomic
def case_material_supply(*, case: Case, material_id: int, upload, actor) -> CaseMaterial:
    """Supply a material deferred under 容缺受理 (or re-upload one)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _check_actor(ACTIONS["resubmit"], case, actor)
    if not case.is_open:
        raise CaseConflict(_("办件已结束，不能再补交材料"))
    cm = case.materials.select_related("material").filter(material_id=material_id).first()
    if cm is None:
        raise ValidationError({"material": _("该事项没有这项材料")})
    cm.file = file_store(uploaded=upload, actor=actor, field="file")
    cm.status = MaterialStatus.SUBMITTED
    cm.save(update_fields=["file", "status"])
    if not case.materials.filter(status=MaterialStatus.DEFERRED).exists():
        case.deferred_until = None
        case.save(update_fields=["deferred_until"])
    _record(
        case=case,
        action="supply",
        from_status=case.status,
        to_status=case.status,
        actor=actor,
        comment=_("补交材料：%(n)s") % {"n": cm.material.name},
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=case, changes={"material": [None, cm.material.name]})
    return cm


def _record(*, case, action, from_status, to_status, actor, comment="", level=0) -> Transition:
    return Transition.objects.create(
        case=case,
        action=action,
        from_status=from_status,
        to_status=to_status,
        level=level,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        comment=comment,
    )


# --- notices ----------------------------------------------------------------------------------

_DOCUMENT_FOR_ACTION = {"accept": "acceptance", "request_correction": "correction", "reject": "refusal"}


def _after_transition(case: Case, action: str, comment: str) -> None:
    name = case.item_version.item.name
    if action == "accept":
        _notify_applicant(
            case,
            _("已受理：%(item)s") % {"item": name},
            _("办件编号 %(n)s，承诺于 %(d)s 前办结。") % {"n": case.number, "d": case.due_date},
        )
    elif action == "request_correction":
        _notify_applicant(case, _("请补正材料：%(item)s") % {"item": name}, comment, sms=True)
    elif action == "reject":
        _notify_applicant(case, _("不予受理：%(item)s") % {"item": name}, comment, sms=True)
    elif case.status in (Status.APPROVED, Status.DENIED) and action in ("approve", "deny", "accept"):
        _notify_applicant(
            case,
            _("办理结果：%(item)s %(s)s") % {"item": name, "s": case.get_status_display()},
            case.decision_note,
            sms=True,
        )
        _issue_document(case, "decision")
    elif action == "deliver":
        _notify_applicant(case, _("已办结：%(item)s，欢迎评价") % {"item": name}, _("请对本次服务作出评价（好差评）。"))
    if action in _DOCUMENT_FOR_ACTION:
        _issue_document(case, _DOCUMENT_FOR_ACTION[action])


def _notify_applicant(case: Case, title: str, body: str = "", *, sms: bool = False) -> None:
    link = f"/cases/mine/{case.pk}/"
    for user in User.objects.filter(person_id=case.applicant_id, is_active=True):
        message_send(recipient=user, title=title, body=body, link=link, sms=sms)


def _issue_document(case: Case, kind: str) -> None:
    """Generate the notice as PDF after the transaction commits (a worker's job in production)."""
    from renshe.cases.tasks import case_document_generate

    case_id = case.pk
    transaction.on_commit(lambda: case_document_generate.delay(case_id, kind))


# --- 一件事 ------------------------------------------------------------------------------------


@transaction.atomic
def bundle_submit(
    *,
    actor,
    bundle,
    applicant,
    channel: str,
    form_data: dict | None = None,
    files: dict | None = None,
    deferred: Iterable[int] = (),
    commitment: str = "",
) -> Bundle:
    """One application that files a case for every item of a 一件事 bundle.

    ``files`` and ``form_data`` are keyed ``"<item code>:<material id>"`` / ``"<item code>:<field>"``;
    a material uploaded once is reused by later items that ask for a material of the same name.
    """
    if not bundle.is_active:
        raise ValidationError({"bundle": _("该“一件事”已停止办理")})
    application = Bundle.objects.create(
        number=uuid.uuid4().hex[:24],
        bundle=bundle,
        applicant=applicant,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    application.number = f"YJS{timezone.localtime():%Y%m%d}{application.pk:07d}"
    application.save(update_fields=["number"])
    shared: dict = {}
    errors: dict = {}
    for item in bundle.items.order_by("bundleitem__order"):
        prefix = f"{item.code}:"
        item_form = {k[len(prefix) :]: v for k, v in (form_data or {}).items() if k.startswith(prefix)}
        item_files = {int(k[len(prefix) :]): v for k, v in (files or {}).items() if str(k).startswith(prefix)}
        item_deferred = [int(str(d)[len(prefix) :]) for d in deferred if str(d).startswith(prefix)]
        try:
            with transaction.atomic():
                case_submit(
                    actor=actor,
                    item=item,
                    applicant=applicant,
                    channel=channel,
                    form_data=item_form,
                    files=item_files,
                    deferred=item_deferred,
                    commitment=commitment,
                    bundle=application,
                    shared_files=shared,
                )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors[f"{item.code}:{field}"] = [f"{item.name}：{m}" for m in messages]
    if errors:
        raise ValidationError(errors)
    return application


# --- 好差评 -------------------------------------------------------------------------------------


@transaction.atomic
def case_rate(
    *, case: Case, actor, grade: int, window_grade: int | None = None, staff_grade: int | None = None, comment: str = ""
) -> Rating:
    """The applicant rates a finished case, its window and its handler. A bad grade (不满意 or
    非常不满意) opens a rectification with the configurable deadline (default 15 working days)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if actor is None or actor.person_id != case.applicant_id:
        raise PermissionDenied(_("只有申请人本人可以评价"))
    if case.status not in (Status.CLOSED, Status.REJECTED):
        raise CaseConflict(_("办件办结后才能评价"))
    if Rating.objects.filter(case=case).exists():
        raise CaseConflict(_("该办件已评价"))
    grades = {}
    for field, value in (
        ("grade", grade),
        ("window_grade", window_grade or grade),
        ("staff_grade", staff_grade or grade),
    ):
        try:
            grades[field] = Grade(int(value))
        except (TypeError, ValueError):
            raise ValidationError({field: _("评价等级无效")}) from None
    if min(grades.values()) in BAD_GRADES and not (comment or "").strip():
        raise ValidationError({"comment": _("差评请说明原因，以便我们核实整改")})
    handler = case.handler
    rating = Rating.objects.create(
        case=case,
        comment=(comment or "").strip()[:2000],
        rated_by=actor,
        window=handler.org_unit if handler else None,
        staff=handler,
        **grades,
    )
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=rating, changes={k: [None, int(v)] for k, v in grades.items()}
    )
    if rating.is_bad:
        today = _today()
        task = Rectification.objects.create(
            rating=rating,
            region=case.region,
            due_date=workdays.add_working_days(today, param_int(RECTIFICATION_DAYS_KEY, today, 15)),
        )
        audit_record(actor=None, action=AuditAction.CREATE, obj=task, changes={"due_date": [None, task.due_date]})
        for user in _region_staff(case.region_id, roles=(Role.ADMIN, Role.REVIEWER)):
            message_send(
                recipient=user,
                title=_("差评待整改：%(n)s") % {"n": case.number},
                body=rating.comment,
                link=f"/cases/rectifications/{task.pk}/",
            )
    return rating


@transaction.atomic
def rectification_advance(*, task: Rectification, actor, text: str) -> Rectification:
    """Record the next stage of a rectification: 核实 → 回复 → 整改 → 办结."""
    task = Rectification.objects.select_for_update().select_related("rating__case").get(pk=task.pk)
    if actor is None or not actor.has_perm("cases.review_case") or not user_can_see_region(actor, task.region_id):
        raise PermissionDenied(_("您没有处理该整改的权限"))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写内容")})
    stage_field = {"verify": "finding", "respond": "response", "rectify": "measures"}
    if task.stage not in stage_field:
        raise CaseConflict(_("该整改已办结"))
    before = task.stage
    setattr(task, stage_field[task.stage], text)
    order = [
        Rectification.Stage.VERIFY,
        Rectification.Stage.RESPOND,
        Rectification.Stage.RECTIFY,
        Rectification.Stage.DONE,
    ]
    task.stage = order[order.index(task.stage) + 1]
    if task.stage == Rectification.Stage.DONE:
        task.done_on = _today()
    task.updated_by = actor
    task.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=task, changes={"stage": [before, task.stage]})
    if before == Rectification.Stage.RESPOND:
        _notify_applicant(
            task.rating.case, _("关于您评价的回复：%(n)s") % {"n": task.rating.case.number}, text, sms=True
        )
    return task


def _region_staff(region_code: str, *, roles) -> list[User]:
    """Staff whose region covers ``region_code`` (the county and the city above it)."""
    prefixes = {region_code[:6], "440900"}
    return list(User.objects.filter(role__in=roles, is_active=True, org_unit__region_id__in=prefixes))


# --- SLA ---------------------------------------------------------------------------------------


def cases_flag_sla(*, today=None, batch_size: int = 2000) -> dict[str, int]:
    """Recompute the SLA state of open cases; notify the handler and the section chiefs of each
    case that became due-soon or overdue. Safe to run twice: only changes are notified."""
    today = today or _today()
    counts = {"checked": 0, "changed": 0, "notified": 0}
    qs = Case.objects.filter(status__in=[Status.SUBMITTED, Status.IN_REVIEW]).select_related(
        "item_version__item", "handler"
    )
    for case in qs.iterator(chunk_size=batch_size):
        counts["checked"] += 1
        state = _sla_for(case, today)
        if state == case.sla_state:
            continue
        with transaction.atomic():
            updated = Case.objects.filter(pk=case.pk, version=case.version).update(sla_state=state)
            if not updated:
                continue
            counts["changed"] += 1
            if state in ("due_soon", "overdue"):
                label = _("临期") if state == "due_soon" else _("超期")
                recipients = set(_region_staff(case.region_id, roles=(Role.REVIEWER,)))
                if case.handler_id:
                    recipients.add(case.handler)
                for user in recipients:
                    message_send(
                        recipient=user,
                        title=_("办件%(s)s：%(n)s %(item)s")
                        % {"s": label, "n": case.number, "item": case.item_version.item.name},
                        link=f"/cases/queue/{case.pk}/",
                    )
                    counts["notified"] += 1
    return counts

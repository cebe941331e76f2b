"""Entrepreneurship: guarantee loans (创业担保贷款, DOMAIN.md §11) and incubation bases (创业孵化基地).

The loan rule in force on a date is read from ``core.Parameter`` (caps, term, rate margins, and one
on/off parameter per eligible group), computed by the pure ``rules.loan_terms``, and kept on each
loan as ``rule_snapshot`` — the version it was decided under, used again when the bank's actual rate
is recorded, and after a default or an extension (no subsidy then).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.scoping import region_q
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.core.models import Parameter, Region
from renshe.core.params import param
from renshe.employment import rules
from renshe.employment.assistance import MANAGE, require_region, require_staff, setting, setting_int
from renshe.employment.models import GuaranteeLoan, IncubationBase, IncubationTenant
from renshe.registry.models import Employer, Person

LOAN_KEYS = (
    "employment.loan_individual_cap",
    "employment.loan_partnership_member_cap",
    "employment.loan_partnership_cap",
    "employment.loan_enterprise_cap",
    "employment.loan_max_term_months",
    "employment.loan_bank_margin_bp",
    "employment.loan_borrower_margin_bp",
)
GROUP_KEY = "employment.loan_group.{}"
# When no parameter was ever entered, the rule's version is the national notice's date.
DEFAULT_RULE_DATE = date(2020, 4, 29)  # 财金〔2020〕21号


def _today() -> date:
    return timezone.localdate()


def loan_rule(on_date: date) -> rules.LoanRule:
    """The guarantee-loan rule in force on ``on_date``, from the dated parameters (defaults: Guangdong)."""
    group_keys = [GROUP_KEY.format(code) for code in rules.LOAN_GROUPS]
    entered = Parameter.objects.filter(key__in=[*LOAN_KEYS, *group_keys], valid_from__lte=on_date)
    latest = max((p.valid_from for p in entered), default=DEFAULT_RULE_DATE)
    groups = frozenset(code for code in rules.LOAN_GROUPS if param(GROUP_KEY.format(code), on_date, Decimal(1)) != 0)
    return rules.LoanRule(
        valid_from=max(latest, DEFAULT_RULE_DATE),
        individual_cap=setting("employment.loan_individual_cap", on_date),
        partnership_member_cap=setting("employment.loan_partnership_member_cap", on_date),
        partnership_cap=setting("employment.loan_partnership_cap", on_date),
        enterprise_cap=setting("employment.loan_enterprise_cap", on_date),
        max_term_months=setting_int("employment.loan_max_term_months", on_date),
        bank_margin_bp=setting_int("employment.loan_bank_margin_bp", on_date),
        borrower_margin_bp=setting_int("employment.loan_borrower_margin_bp", on_date),
        eligible_groups=groups,
    )


def loan_terms(amount, kind: str, group: str, lpr, bank_rate, on_date: date, **options) -> rules.LoanTerms:
    """``rules.loan_terms`` under the rule in force on ``on_date``."""
    return rules.loan_terms(amount, kind, group, lpr, bank_rate, on_date, rule=loan_rule(on_date), **options)


def refusal_message(terms: rules.LoanTerms) -> str:
    return str(rules.LOAN_REFUSALS[terms.refusal]) % (terms.refusal_params or {})


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("请填写数字")}) from None


def on_loan_case_approved(*, case, actor) -> None:
    """The 创业担保贷款申请 item's approval: the loan under the rule in force today, or the refusal.

    The form asks for the amount in 万元 and the term; the bank and its rate are not known yet: the
    loan is recorded at the highest rate the rule allows (LPR + margin, LPR from the dated parameter)
    and ``loan_disburse`` records the bank's actual rate later. A partnership's member count comes
    from the form's ``partner_count`` when present, else the minimum of two.
    """
    form = case.form_data or {}
    today = _today()
    kind = rules.LOAN_KIND_CODES.get(form.get("applicant_type", ""), "")
    group = rules.LOAN_GROUP_CODES.get(form.get("eligible_group", ""), "")
    amount = _decimal(form.get("loan_amount", ""), "loan_amount") * 10000
    term = int(_decimal(form.get("loan_term_months", ""), "loan_term_months"))
    members = int(_decimal(form.get("partner_count") or 2, "partner_count")) if kind == "partnership" else 1
    lpr = setting("employment.loan_lpr", today)
    rule = loan_rule(today)
    bank_rate = (
        _decimal(form["bank_rate"], "bank_rate")
        if form.get("bank_rate")
        else lpr + rule.bank_margin_bp * Decimal("0.01")
    )
    terms = rules.loan_terms(amount, kind, group, lpr, bank_rate, today, rule=rule, term_months=term, members=members)
    if not terms.ok:
        raise ValidationError({"loan_amount": _("不符合创业担保贷款条件：%(why)s") % {"why": refusal_message(terms)}})
    loan = GuaranteeLoan.objects.create(
        case=case,
        person=case.applicant,
        employer=case.applicant_employer,
        borrower_kind=kind,
        eligible_group=group,
        amount=amount,
        term_months=term,
        bank=(form.get("bank") or "")[:60],
        annual_rate=bank_rate,
        lpr=lpr,
        borrower_rate=terms.borrower_rate,
        subsidy_rate=terms.subsidy_rate,
        rule_snapshot={**rule.snapshot(), "members": members, "decided_on": today.isoformat()},
        decided_on=today,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=loan, changes=diff({}, snapshot(loan)))


def _lock_loan(actor, loan: GuaranteeLoan) -> GuaranteeLoan:
    loan = GuaranteeLoan.objects.select_for_update().select_related("case").get(pk=loan.pk)
    require_staff(actor)
    require_region(actor, loan.case.region_id, _("该贷款不在您的管辖范围内"))
    return loan


@transaction.atomic
def loan_disburse(*, actor, loan: GuaranteeLoan, bank: str, annual_rate, lpr=None) -> GuaranteeLoan:
    """The bank lent: record it and its actual rate; the rates are recomputed under the loan's own rule."""
    loan = _lock_loan(actor, loan)
    if loan.status != GuaranteeLoan.Status.APPROVED:
        raise ValidationError({"status": _("只有已核准的贷款可以登记放款")})
    bank = (bank or "").strip()
    if not bank:
        raise ValidationError({"bank": _("请填写经办银行")})
    rate = _decimal(annual_rate, "annual_rate")
    lpr_value = _decimal(lpr, "lpr") if lpr not in (None, "") else loan.lpr
    rule = rules.LoanRule.from_snapshot(loan.rule_snapshot)
    terms = rules.loan_terms(
        loan.amount,
        loan.borrower_kind,
        loan.eligible_group,
        lpr_value,
        rate,
        loan.decided_on,
        rule=rule,
        term_months=loan.term_months,
        members=int(loan.rule_snapshot.get("members", 1)),
    )
    if not terms.ok:
        raise ValidationError({"annual_rate": refusal_message(terms)})
    before = snapshot(loan)
    loan.bank, loan.annual_rate, loan.lpr = bank[:60], rate, lpr_value
    loan.borrower_rate, loan.subsidy_rate = terms.borrower_rate, terms.subsidy_rate
    loan.status = GuaranteeLoan.Status.DISBURSED
    loan.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=loan, changes=diff(before, snapshot(loan)))
    return loan


@transaction.atomic
def loan_mark(*, actor, loan: GuaranteeLoan, event: str, extra_months: int = 0) -> GuaranteeLoan:
    """``repaid``, ``defaulted`` or ``extended``. After a default or an extension the treasury pays no
    more interest (财金〔2020〕21号): the borrower carries the bank's whole rate from then on."""
    loan = _lock_loan(actor, loan)
    if loan.status not in (GuaranteeLoan.Status.APPROVED, GuaranteeLoan.Status.DISBURSED):
        raise ValidationError({"event": _("贷款当前为“%(s)s”，不能变更") % {"s": loan.get_status_display()}})
    before = snapshot(loan)
    snapshot_data = dict(loan.rule_snapshot)
    if event == "repaid":
        loan.status = GuaranteeLoan.Status.REPAID
    elif event in ("defaulted", "extended"):
        if event == "extended":
            if not extra_months or extra_months < 1:
                raise ValidationError({"extra_months": _("请填写展期月数")})
            loan.term_months += extra_months
            snapshot_data["extended"] = True
        else:
            loan.status = GuaranteeLoan.Status.DEFAULTED
            snapshot_data["defaulted"] = True
        terms = rules.loan_terms(
            loan.amount,
            loan.borrower_kind,
            loan.eligible_group,
            loan.lpr,
            loan.annual_rate,
            loan.decided_on,
            rule=rules.LoanRule.from_snapshot(loan.rule_snapshot),
            members=int(loan.rule_snapshot.get("members", 1)),
            defaulted=event == "defaulted",
            extended=event == "extended",
        )
        loan.borrower_rate, loan.subsidy_rate = terms.borrower_rate, terms.subsidy_rate
        snapshot_data["subsidy_ended_on"] = _today().isoformat()
    else:
        raise ValidationError({"event": _("未知的操作")})
    loan.rule_snapshot = snapshot_data
    loan.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=loan, changes=diff(before, snapshot(loan)))
    return loan


def loans(*, viewer, status: str = "") -> QuerySet[GuaranteeLoan]:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        return GuaranteeLoan.objects.none()
    qs = GuaranteeLoan.objects.filter(region_q(viewer, "case__region"))
    if status:
        qs = qs.filter(status=status)
    return qs.select_related("person", "employer", "case").order_by("-decided_on", "-pk")


def get_loan_or_404(viewer, pk) -> GuaranteeLoan:
    try:
        return loans(viewer=viewer).get(pk=pk)
    except (GuaranteeLoan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- incubation bases ---------------------------------------------------------------------------------


def _clean_base(values: dict) -> dict:
    name = (values.get("name") or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写基地名称")})
    capacity = values.get("capacity")
    if capacity is None or int(capacity) < 1:
        raise ValidationError({"capacity": _("可入驻数至少为1")})
    return {
        "name": name[:80],
        "level": (values.get("level") or "").strip()[:20],
        "capacity": int(capacity),
        "address": (values.get("address") or "").strip()[:120],
    }


def _base_region(actor, region) -> Region:
    if not isinstance(region, Region):
        region = Region.objects.filter(pk=str(region or "")).first()
    if region is None:
        raise ValidationError({"region": _("请选择区划")})
    require_region(actor, region.code, _("所选区划不在您的管辖范围内"))
    return region


@transaction.atomic
def incubation_base_create(*, actor, operator: Employer, region, **values) -> IncubationBase:
    require_staff(actor)
    base = IncubationBase.objects.create(operator=operator, region=_base_region(actor, region), **_clean_base(values))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=base, changes=diff({}, snapshot(base)))
    return base


@transaction.atomic
def incubation_base_update(*, actor, base: IncubationBase, operator: Employer, region, **values) -> IncubationBase:
    base = IncubationBase.objects.select_for_update().get(pk=base.pk)
    require_staff(actor)
    require_region(actor, base.region_id, _("该基地不在您的管辖范围内"))
    cleaned = _clean_base(values)
    occupied = base.tenants.filter(until__isnull=True).count()
    if cleaned["capacity"] < occupied:
        raise ValidationError({"capacity": _("可入驻数不能少于在孵企业数 %(n)s") % {"n": occupied}})
    before = snapshot(base)
    for key, value in cleaned.items():
        setattr(base, key, value)
    base.operator, base.region = operator, _base_region(actor, region)
    base.save()
    changes = diff(before, snapshot(base))
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=base, changes=changes)
    return base


@transaction.atomic
def incubation_tenant_add(
    *,
    actor,
    base: IncubationBase,
    employer: Employer,
    since: date,
    founder: Person | None = None,
    jobs_created: int = 0,
) -> IncubationTenant:
    base = IncubationBase.objects.select_for_update().get(pk=base.pk)
    require_staff(actor)
    require_region(actor, base.region_id, _("该基地不在您的管辖范围内"))
    if since is None or since > _today():
        raise ValidationError({"since": _("入驻日期不能为空或晚于今天")})
    if base.tenants.filter(employer=employer, until__isnull=True).exists():
        raise ValidationError({"credit_code": _("该企业已在本基地入驻")})
    if base.tenants.filter(until__isnull=True).count() >= base.capacity:
        raise ValidationError({"credit_code": _("基地已满（可入驻 %(n)s 家）") % {"n": base.capacity}})
    if jobs_created is None or int(jobs_created) < 0:
        raise ValidationError({"jobs_created": _("带动就业人数不能为负数")})
    tenant = IncubationTenant.objects.create(
        base=base, employer=employer, founder=founder, since=since, jobs_created=int(jobs_created)
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=tenant, changes=diff({}, snapshot(tenant)))
    return tenant


@transaction.atomic
def incubation_tenant_update(
    *, actor, tenant: IncubationTenant, jobs_created: int | None = None, until: date | None = None
) -> IncubationTenant:
    """Record the jobs a tenant created, or its moving out."""
    tenant = IncubationTenant.objects.select_for_update().select_related("base").get(pk=tenant.pk)
    require_staff(actor)
    require_region(actor, tenant.base.region_id, _("该基地不在您的管辖范围内"))
    before = snapshot(tenant)
    if jobs_created is not None:
        if int(jobs_created) < 0:
            raise ValidationError({"jobs_created": _("带动就业人数不能为负数")})
        tenant.jobs_created = int(jobs_created)
    if until is not None:
        if tenant.until is not None:
            raise ValidationError({"until": _("该企业已迁出")})
        if until < tenant.since:
            raise ValidationError({"until": _("迁出日期不能早于入驻日期")})
        tenant.until = until
    tenant.save()
    changes = diff(before, snapshot(tenant))
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=tenant, changes=changes)
    return tenant


def incubation_bases(*, viewer) -> QuerySet[IncubationBase]:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        return IncubationBase.objects.none()
    return (
        IncubationBase.objects.filter(region_q(viewer, "region"))
        .annotate(
            occupied=Count("tenants", filter=Q(tenants__until__isnull=True)),
        )
        .select_related("region", "operator")
        .order_by("name", "pk")
    )


def get_base_or_404(viewer, pk) -> IncubationBase:
    try:
        return incubation_bases(viewer=viewer).get(pk=pk)
    except (IncubationBase.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_tenant_or_404(viewer, pk) -> IncubationTenant:
    if not getattr(viewer, "is_bureau_staff", False) or not viewer.has_perm(MANAGE):
        raise Http404
    try:
        return (
            IncubationTenant.objects.filter(region_q(viewer, "base__region"))
            .select_related("base", "employer", "founder")
            .get(pk=pk)
        )
    except (IncubationTenant.DoesNotExist, ValueError, TypeError):
        raise Http404 from None

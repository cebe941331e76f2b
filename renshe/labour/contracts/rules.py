"""Pure rules of labour contracts, dispatch licences, the credit rating and the arrears blacklist.

No database, no request: amounts that change with the law (the minimum wage, the blacklist threshold,
the dispatch capital) are passed in by the services, which read them from the dated tables.

Sources (docs/contracts.md cites each one):
- 劳动合同法 (2012 修正) Arts. 12, 14, 19, 57; 劳务派遣行政许可实施办法 (人社部令第19号, 2013) Arts. 8, 14, 18.
- 企业劳动保障守法诚信等级评价办法 (人社部规〔2016〕1号) Art. 7, as the 广东省 rating applies it.
- 拖欠农民工工资失信联合惩戒对象名单管理暂行办法 (人社部令第45号, 2021) Arts. 5, 9, 13, 14.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from renshe.core.workdays import add_working_days

FIXED, OPEN_ENDED, TASK = "fixed", "open", "task"

# --- labour contracts ---------------------------------------------------------------------------


def _months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to the day after ``end`` (a contract 2025-01-01–2025-12-31 is 12)."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    if after.day < start.day:
        months -= 1
    return months


def probation_limit_months(contract_type: str, start: date, end: date | None) -> int:
    """The longest probation 劳动合同法 Art. 19 allows: none for a task-based contract or a term under
    3 months; 1 month for under a year; 2 months for 1–3 years; 6 months for 3 years or more and for
    an open-ended contract."""
    if contract_type == TASK:
        return 0
    if contract_type == OPEN_ENDED or end is None:
        return 6
    months = _months_between(start, end)
    if months < 3:
        return 0
    if months < 12:
        return 1
    if months < 36:
        return 2
    return 6


def contract_problems(
    *,
    contract_type: str,
    start: date,
    end: date | None,
    probation_months: int,
    monthly_wage: Decimal,
    minimum_wage: Decimal,
    signed_on: date,
) -> dict[str, str]:
    """What is wrong with a contract's terms, by field (empty when nothing is)."""
    problems: dict[str, str] = {}
    if contract_type not in (FIXED, OPEN_ENDED, TASK):
        problems["contract_type"] = _("合同类型无效")
        return problems
    if contract_type == OPEN_ENDED and end is not None:
        problems["end_date"] = _("无固定期限劳动合同不填终止日期")
    if contract_type == FIXED and end is None:
        problems["end_date"] = _("固定期限劳动合同必须填写终止日期")
    if end is not None and end < start:
        problems["end_date"] = _("终止日期不能早于起始日期")
    if "end_date" not in problems:
        limit = probation_limit_months(contract_type, start, end)
        if probation_months > limit:
            problems["probation_months"] = _("试用期不得超过 %(n)d 个月（劳动合同法第十九条）") % {"n": limit}
    if monthly_wage < minimum_wage:
        problems["monthly_wage"] = _("月工资不得低于当地最低工资标准 %(w)s 元") % {"w": minimum_wage}
    if signed_on > start + timedelta(days=30):
        # 劳动合同法 Art. 10: a written contract within one month of the start of work.
        problems["signed_on"] = _("应自用工之日起一个月内订立书面劳动合同（劳动合同法第十条）")
    return problems


def contract_valid_on(*, start: date, end: date | None, terminated_on: date | None, day: date) -> bool:
    """In force on ``day``: started, not past its end, and not terminated before ``day``."""
    if day < start:
        return False
    if end is not None and day > end:
        return False
    return terminated_on is None or day <= terminated_on


def signing_rate(signed: int, employed: int) -> Decimal | None:
    """企业劳动合同签订率 in percent to one decimal (专栏1 #12); None when nobody is employed."""
    if employed <= 0:
        return None
    return (Decimal(signed) * 100 / Decimal(employed)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# --- dispatch licences ----------------------------------------------------------------------------

LICENCE_YEARS = 3  # 劳务派遣行政许可实施办法 Art. 14: 有效期为3年
RENEWAL_DEADLINE_DAYS = 60  # Art. 18: 延续申请应当在有效期届满60日前提出
RENEWAL_OPENS_DAYS = 180  # the platform opens renewal 6 months before expiry (not fixed by law)
REMINDER_DAYS = 90  # expiry reminders start 90 days before expiry, 30 days before the renewal deadline


def _plain_number(value: Decimal) -> str:
    """30000.0000 → "30000", 1750.50 → "1750.5" (never 3E+4)."""
    return f"{value.normalize():f}"


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def licence_valid_until(valid_from: date) -> date:
    """The last day of a licence issued (or continued) from ``valid_from``: 3 years less a day."""
    return _years_after(valid_from, LICENCE_YEARS) - timedelta(days=1)


def renewal_window(valid_until: date) -> tuple[date, date]:
    """First and last day on which a renewal may be applied for."""
    return valid_until - timedelta(days=RENEWAL_OPENS_DAYS), valid_until - timedelta(days=RENEWAL_DEADLINE_DAYS)


def licence_problems(*, registered_capital: Decimal, minimum_capital: Decimal, premises_area: Decimal, rules: str):
    """Art. 57 of 劳动合同法 and Art. 8 of the licensing measures: capital ≥ the minimum (200万元),
    premises and equipment fit for the business, and dispatch management rules."""
    problems: dict[str, str] = {}
    if registered_capital < minimum_capital:
        problems["registered_capital"] = _("注册资本不得少于人民币 %(n)s 万元（劳动合同法第五十七条）") % {
            "n": _plain_number(minimum_capital)
        }
    if premises_area <= 0:
        problems["premises_area"] = _("应有与开展业务相适应的固定经营场所")
    if len((rules or "").strip()) < 10:
        problems["rules_summary"] = _("应有符合法律、行政法规规定的劳务派遣管理制度（请写明制度名称和要点）")
    return problems


# --- credit rating --------------------------------------------------------------------------------

SERIOUS_CASES = 3  # 人社部规〔2016〕1号 Art. 7 (一): 查处三次以上 → C


def credit_grade(inspection: dict, dispute: dict, *, blacklisted: bool) -> tuple[str, list[str]]:
    """The grade (A/B/C) and the reasons in words.

    ``inspection`` has the keys of ``employer_inspection_record`` (cases, violations, penalties,
    penalty_amount, arrears_cases, orders_unmet, refused_inspection); ``dispute`` those of
    ``employer_dispute_record`` (cases, awards_against, wage_awards_against, amount_awarded).
    C — serious: an administrative penalty, an order (to pay wages or correct) not complied with,
    refusing or obstructing inspection, three or more violation cases, or being on the arrears blacklist.
    B — violations found but corrected on time (no penalty, no unmet order), or an award against it.
    A — no violation found and no award against it in the period.
    """
    violations = int(inspection.get("violations") or 0)
    penalties = int(inspection.get("penalties") or 0)
    orders_unmet = int(inspection.get("orders_unmet") or 0)
    refused = bool(inspection.get("refused_inspection"))
    awards = int(dispute.get("awards_against") or 0)
    wage_awards = int(dispute.get("wage_awards_against") or 0)

    serious: list[str] = []
    if penalties:
        serious.append(
            _("因劳动保障违法行为受到行政处罚 %(n)d 次（罚款 %(a)s 元）")
            % {"n": penalties, "a": inspection.get("penalty_amount") or 0}
        )
    if orders_unmet:
        serious.append(_("拒不履行责令支付拖欠工资或限期整改指令 %(n)d 次") % {"n": orders_unmet})
    if refused:
        serious.append(_("无理抗拒、阻挠劳动保障监察"))
    if violations >= SERIOUS_CASES:
        serious.append(_("因劳动保障违法行为被查处 %(n)d 次（三次以上）") % {"n": violations})
    if blacklisted:
        serious.append(_("被列入拖欠农民工工资失信联合惩戒对象名单"))
    if serious:
        return "C", serious

    minor: list[str] = []
    if violations:
        minor.append(_("监察发现违法行为 %(n)d 起，均已按期整改") % {"n": violations})
    if awards:
        text = _("劳动人事争议仲裁裁决其承担责任 %(n)d 件") % {"n": awards}
        if wage_awards:
            text += _("（其中涉及工资 %(n)d 件）") % {"n": wage_awards}
        minor.append(text)
    if minor:
        return "B", minor
    return "A", [_("评价期内未发现劳动保障违法行为，无败诉仲裁裁决")]


# --- arrears blacklist ----------------------------------------------------------------------------

LISTING_YEARS = 3  # 45号令 Art. 13: 列入名单的期限为3年
EARLY_REMOVAL_YEARS = 1  # Art. 14: 列入名单满1年, 已改正且未再发生 → 可申请提前移出
STATEMENT_WORKING_DAYS = 5  # Art. 9: 告知后当事人可在5个工作日内陈述、申辩


def blacklist_problems(*, ground: str, arrears_amount: Decimal, threshold: Decimal, order_date: date | None, today):
    """Whether an employer may be proposed for the list (Art. 5): for arrears, the unpaid amount after
    an order to pay reaches the threshold in force."""
    problems: dict[str, str] = {}
    if order_date is None or order_date > today:
        problems["order_date"] = _("应在作出责令限期支付工资文书且逾期未支付后列入")
    if ground == "arrears" and arrears_amount < threshold:
        problems["arrears_amount"] = _("拖欠工资数额未达到认定标准 %(n)s 元") % {"n": _plain_number(threshold)}
    if arrears_amount <= 0:
        problems["arrears_amount"] = _("拖欠工资数额应大于0")
    return problems


def statement_period_ends(notified_on: date) -> date:
    """The last day of the statement and defence period after the notice (5 working days)."""
    return add_working_days(notified_on, STATEMENT_WORKING_DAYS)


def may_list(notified_on: date, today: date) -> bool:
    """A listing decision only after the statement period has passed."""
    return today > statement_period_ends(notified_on)


def listing_ends_on(listed_on: date) -> date:
    """The day the entry leaves the list by itself: 3 years after listing (on the list until the day before)."""
    return _years_after(listed_on, LISTING_YEARS)


def early_removal_from(listed_on: date) -> date:
    """The first day early removal may be granted: one full year after listing."""
    return _years_after(listed_on, EARLY_REMOVAL_YEARS)


def may_remove_early(*, listed_on: date, today: date, arrears_paid: bool, new_violations: int) -> dict[str, str]:
    """Why early removal is not possible yet (empty when it is)."""
    problems: dict[str, str] = {}
    if today < early_removal_from(listed_on):
        problems["removal"] = _("列入名单满1年后（%(d)s 起）方可申请提前移出") % {"d": early_removal_from(listed_on)}
    if not arrears_paid:
        problems["arrears_paid"] = _("拖欠的农民工工资全部清偿后方可提前移出")
    if new_violations:
        problems["new_violations"] = _("列入名单后又发生拖欠工资违法行为，不予提前移出")
    return problems

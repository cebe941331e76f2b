"""Wage-payment rules: the guarantee deposit and the warning tests W1–W9. Pure functions, no database.

Source: 保障农民工工资支付条例 2020 (DOMAIN.md §6) — pay in full monthly on the agreed day, a pay day on a
rest day moving earlier (Arts. 12–14, ``renshe.labour.rules.pay_day``); labour-cost transfer cycle ≤ 1
month (Art. 24); a special wage account within 30 days of the construction contract (Art. 26); wages paid
from it into each worker's own account (Art. 31); a deposit of 1–3% of the contract sum, waived or raised
by the arrears record (Art. 32 [M]). Every threshold comes in ``Thresholds`` (read from dated
``core.Parameter`` rows by the caller), never typed in here.

Periods: the wages of a work month M are due on the pay day of month M + 1. A warning's ``period`` is
"" for a standing condition (W1, W2, W5 without contract, W6, W8, W9), the pay day (YYYY-MM-DD) for W3
and the work month (YYYY-MM) for W4, W5 (attendance without pay) and W7.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

from django.utils.translation import gettext_lazy as _

from renshe.labour.rules import pay_day

CENT = Decimal("0.01")
DEPOSIT_RATE_MIN, DEPOSIT_RATE_MAX = Decimal(1), Decimal(3)  # Art. 32 and the province's range, in %
MAX_TRANSFER_CYCLE_DAYS = 31  # Art. 24: at most one month

# rule → (level, Chinese title); levels are the default of the board's colours
RULES: dict[str, tuple[str, str]] = {
    "W1": ("orange", _("未按期开设工资专用账户")),
    "W2": ("orange", _("人工费用未按期足额拨付")),
    "W3": ("red", _("发薪日已过未代发工资")),
    "W4": ("orange", _("专户余额不足本月工资")),
    "W5": ("yellow", _("考勤与合同、登记或工资不符")),
    "W6": ("orange", _("工资保证金未存储或保函失效")),
    "W7": ("yellow", _("工资支付表未按月报送或确认")),
    "W8": ("yellow", _("未设置维权信息告示牌")),
    "W9": ("yellow", _("外部风险信号")),
}


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, n: int) -> date:
    index = month.year * 12 + month.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


# --- deposit (Art. 32) ----------------------------------------------------------------------------


def deposit_rate(base_rate: Decimal, record: str, *, arrears_factor: Decimal, clean_factor: Decimal) -> Decimal:
    """The rate (%) for a contractor: the base rate kept within 1–3%; an arrears record multiplies it by
    ``arrears_factor`` (still at most 3%); a clean record by ``clean_factor`` (0 waives the deposit)."""
    rate = min(max(Decimal(base_rate), DEPOSIT_RATE_MIN), DEPOSIT_RATE_MAX)
    if record == "arrears":
        return min(rate * Decimal(arrears_factor), DEPOSIT_RATE_MAX)
    if record == "clean":
        return rate * Decimal(clean_factor)
    return rate


def deposit_amount(contract_sum: Decimal, rate_percent: Decimal) -> Decimal:
    """The deposit for a contract sum at a rate in %, to the cent (half up)."""
    if Decimal(contract_sum) <= 0:
        raise ValueError("the contract sum must be positive")
    return (Decimal(contract_sum) * Decimal(rate_percent) / 100).quantize(CENT, ROUND_HALF_UP)


# --- the facts of one project and the thresholds --------------------------------------------------


@dataclass(frozen=True)
class Thresholds:
    account_days: int = 30  # W1: special account within 30 days of the contract (Art. 26)
    deposit_required: Decimal = Decimal(0)  # W6: the deposit this project owes (0: waived)
    w2_min_ratio: Decimal = Decimal("0.8")  # W2: credits below this share of the expected labour cost
    lookback_months: int = 3  # W3/W5/W7: how many past pay days are checked
    w9_signals: int = 1  # W9: this many external signals raise the warning


@dataclass(frozen=True)
class WorkerFacts:
    id: int
    contract_signed: bool
    registered: bool
    joined_on: date
    left_on: date | None = None

    def active_in(self, month: date) -> bool:
        end = add_months(month, 1) - timedelta(days=1)
        return self.joined_on <= end and (self.left_on is None or self.left_on >= month)


@dataclass(frozen=True)
class PayrollFacts:
    submitted: bool
    unsigned_lines: int
    total_due: Decimal
    days_by_worker: dict[int, int] = field(default_factory=dict)
    due_by_worker: dict[int, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class ProjectFacts:
    contract_sum: Decimal
    contract_signed_on: date
    start_on: date
    end_on: date
    agreed_pay_day: int
    transfer_cycle_days: int
    labour_share: Decimal  # % of the contract sum
    account_opened_on: date | None = None
    deposit_amount: Decimal | None = None  # None: no deposit lodged
    guarantee_expires_on: date | None = None
    balance: Decimal = Decimal(0)
    workers: tuple[WorkerFacts, ...] = ()
    attendance_months: dict[int, frozenset[date]] = field(default_factory=dict)  # worker → months attended
    credits: tuple[tuple[date, Decimal], ...] = ()
    payouts: tuple[tuple[date, int, Decimal], ...] = ()  # (day, worker id, amount)
    payrolls: dict[date, PayrollFacts] = field(default_factory=dict)  # work month → payroll
    notice_board: bool = False
    external_signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    rule: str
    period: str
    evidence: str

    @property
    def level(self) -> str:
        return RULES[self.rule][0]


def _money(value: Decimal) -> str:
    return f"{Decimal(value).quantize(CENT)}"


def pay_periods(agreed_day: int, today: date, count: int) -> list[tuple[date, date]]:
    """The last ``count`` (work month, pay day) pairs whose pay day is on or before ``today``, newest
    first. The work month is the month before the pay day's calendar month, even when a holiday moved
    the pay day back into that month (a 5 October pay day paid on 30 September is still October's)."""
    periods, month = [], month_start(today)
    while len(periods) < count:
        day = pay_day(month.year, month.month, agreed_day)
        if day <= today:
            periods.append((add_months(month, -1), day))
        month = add_months(month, -1)
    return periods


def past_pay_days(agreed_day: int, today: date, count: int) -> list[date]:
    """The last ``count`` pay days on or before ``today``, newest first."""
    return [day for _month, day in pay_periods(agreed_day, today, count)]


# --- the tests, one function each ----------------------------------------------------------------


def w1_special_account(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """No special account ``account_days`` after the construction contract (Art. 26)."""
    due = f.contract_signed_on + timedelta(days=t.account_days)
    if f.account_opened_on is None and today > due:
        return [Finding("W1", "", f"施工合同 {f.contract_signed_on} 签订，应于 {due} 前开设工资专用账户，至今未开设")]
    return []


def w2_labour_cost(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """No labour-cost credit within the transfer cycle, or credits below the agreed share (Art. 24)."""
    if today < f.start_on or f.account_opened_on is None:
        return []
    cycle = min(f.transfer_cycle_days, MAX_TRANSFER_CYCLE_DAYS)
    found = []
    since = today - timedelta(days=cycle)
    if today - f.start_on >= timedelta(days=cycle) and not any(day > since for day, _ in f.credits):
        found.append(f"{since} 至 {today} 的拨付周期（{cycle} 天）内无人工费用入账")
    total_days = max((f.end_on - f.start_on).days, 1)
    elapsed = min(max((today - f.start_on).days, 0), total_days)
    expected = Decimal(f.contract_sum) * Decimal(f.labour_share) / 100 * elapsed / total_days
    credited = sum((amount for day, amount in f.credits if day <= today), Decimal(0))
    if expected > 0 and credited < expected * Decimal(t.w2_min_ratio):
        found.append(f"累计拨付人工费 {_money(credited)} 元，低于按工期应拨 {_money(expected)} 元的 {t.w2_min_ratio:%}")
    return [Finding("W2", "", "；".join(found))] if found else []


def _unpaid(f: ProjectFacts, month: date, previous: date, today: date) -> list[WorkerFacts]:
    """Registered workers active in the work ``month`` with no payout since the pay day before."""
    paid = {worker for day, worker, _ in f.payouts if previous < day <= today}
    return [w for w in f.workers if w.registered and w.active_in(month) and w.id not in paid]


def w3_pay_day(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """A pay day passed with no payout to registered workers (Arts. 12, 31). Checked for the last
    ``lookback_months`` pay days; a payout after the pay day before clears that month."""
    periods = pay_periods(f.agreed_pay_day, today, t.lookback_months + 1)
    found = []
    for (month, due), (_previous_month, previous) in pairwise(periods):
        if due >= today or month < month_start(f.start_on):
            continue
        unpaid = _unpaid(f, month, previous, today)
        if unpaid:
            found.append(
                Finding("W3", due.isoformat(), f"发薪日 {due} 已过，{len(unpaid)} 名登记工人未见专户代发工资记录")
            )
    return found


def w4_balance(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """The special account's balance is below the payroll due on the coming pay day."""
    if f.account_opened_on is None:
        return []
    month = month_start(today)
    due = pay_day(month.year, month.month, f.agreed_pay_day)
    if due < today:
        month = add_months(month, 1)
        due = pay_day(month.year, month.month, f.agreed_pay_day)
    work_month = add_months(month, -1)
    payroll = f.payrolls.get(work_month)
    if payroll is None:
        return []
    previous = past_pay_days(f.agreed_pay_day, due - timedelta(days=1), 1)[0]
    paid = sum((a for day, _, a in f.payouts if previous < day <= today), Decimal(0))
    still_due = payroll.total_due - paid
    if still_due > 0 and f.balance < still_due:
        return [
            Finding(
                "W4",
                f"{work_month:%Y-%m}",
                f"专户余额 {_money(f.balance)} 元，不足 {due} 应发的 {work_month:%Y-%m} 工资 {_money(still_due)} 元",
            )
        ]
    return []


def w5_attendance(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """Attendance of a worker without contract or registration (Art. 28); attendance in a filed month
    with no wage on the payroll."""
    found = []
    by_id = {w.id: w for w in f.workers}
    irregular = [
        w
        for wid, months in f.attendance_months.items()
        if months and (w := by_id.get(wid)) and not (w.contract_signed and w.registered)
    ]
    if irregular:
        found.append(Finding("W5", "", f"{len(irregular)} 名有考勤的工人未签订劳动合同或未实名登记"))
    for month, payroll in sorted(f.payrolls.items()):
        if month < add_months(month_start(today), -t.lookback_months):
            continue
        unpaid = [
            wid
            for wid, months in f.attendance_months.items()
            if month in months and payroll.due_by_worker.get(wid, Decimal(0)) <= 0
        ]
        if unpaid:
            found.append(
                Finding("W5", f"{month:%Y-%m}", f"{month:%Y-%m} 有 {len(unpaid)} 名工人有考勤但工资表无应发工资")
            )
    return found


def w6_deposit(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """No deposit, less than required, or an expired bank guarantee (Art. 32)."""
    if t.deposit_required <= 0 and f.deposit_amount is None:
        return []
    if f.deposit_amount is None:
        return [Finding("W6", "", f"应存储工资保证金 {_money(t.deposit_required)} 元，未存储")]
    if f.guarantee_expires_on is not None and f.guarantee_expires_on < today:
        return [Finding("W6", "", f"银行保函已于 {f.guarantee_expires_on} 到期")]
    if f.deposit_amount < t.deposit_required:
        return [
            Finding("W6", "", f"工资保证金 {_money(f.deposit_amount)} 元，低于应存 {_money(t.deposit_required)} 元")
        ]
    return []


def w7_payroll(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """A work month whose pay day passed without a submitted payroll signed by every worker (Art. 15)."""
    found = []
    for month, due in pay_periods(f.agreed_pay_day, today, t.lookback_months):
        if due >= today or month < month_start(f.start_on) or not any(w.active_in(month) for w in f.workers):
            continue
        payroll = f.payrolls.get(month)
        if payroll is None or not payroll.submitted:
            found.append(Finding("W7", f"{month:%Y-%m}", f"{month:%Y-%m} 工资支付表未报送（发薪日 {due}）"))
        elif payroll.unsigned_lines:
            found.append(
                Finding("W7", f"{month:%Y-%m}", f"{month:%Y-%m} 工资支付表有 {payroll.unsigned_lines} 人未确认")
            )
    return found


def w8_notice_board(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """No rights-information notice board on the site (Art. 34)."""
    if today >= f.start_on and not f.notice_board:
        return [Finding("W8", "", "施工现场未设置维权信息告示牌")]
    return []


def w9_external(f: ProjectFacts, today: date, t: Thresholds) -> list[Finding]:
    """External risk signals: complaints or arbitration against the contractor, a staff flag."""
    if len(f.external_signals) >= max(t.w9_signals, 1):
        return [Finding("W9", "", "；".join(f.external_signals))]
    return []


TESTS = (
    w1_special_account,
    w2_labour_cost,
    w3_pay_day,
    w4_balance,
    w5_attendance,
    w6_deposit,
    w7_payroll,
    w8_notice_board,
    w9_external,
)


def evaluate(
    facts: ProjectFacts, today: date, thresholds: Thresholds, rules: Iterable[str] | None = None
) -> list[Finding]:
    """Every finding of the project as of ``today`` (an empty list: nothing to warn about)."""
    wanted = set(rules) if rules is not None else set(RULES)
    out = []
    for test in TESTS:
        for finding in test(facts, today, thresholds):
            if finding.rule in wanted:
                out.append(finding)
    return out

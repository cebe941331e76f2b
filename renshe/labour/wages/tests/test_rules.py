"""The wage rules against worked examples (DOMAIN.md §6): deposit, pay days and each warning test."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from renshe.labour.wages import rules
from renshe.labour.wages.rules import Finding, PayrollFacts, ProjectFacts, Thresholds, WorkerFacts

pytestmark = pytest.mark.django_db  # the pay day reads the administrators' calendar entries

TODAY = date(2026, 3, 20)
T = Thresholds(deposit_required=Decimal("20000.00"))


@pytest.mark.parametrize(
    ("base", "record", "expected"),
    [
        (Decimal(2), "normal", Decimal(2)),
        (Decimal(5), "normal", Decimal(3)),  # kept within 1–3%
        (Decimal("0.5"), "normal", Decimal(1)),
        (Decimal(2), "arrears", Decimal(3)),  # 2 × 1.5
        (Decimal(3), "arrears", Decimal(3)),  # never above 3%
        (Decimal(2), "clean", Decimal(1)),  # 2 × 0.5
    ],
)
def test_deposit_rate(base, record, expected):
    assert rules.deposit_rate(base, record, arrears_factor=Decimal("1.5"), clean_factor=Decimal("0.5")) == expected


def test_deposit_rate_waived_with_a_zero_factor():
    assert rules.deposit_rate(Decimal(2), "clean", arrears_factor=Decimal(1), clean_factor=Decimal(0)) == 0


@pytest.mark.parametrize(
    ("contract_sum", "rate", "expected"),
    [
        (Decimal(1_000_000), Decimal(2), Decimal("20000.00")),
        (Decimal("12345678.90"), Decimal(1), Decimal("123456.79")),
        (Decimal("12345678.90"), Decimal(3), Decimal("370370.37")),
    ],
)
def test_deposit_amount(contract_sum, rate, expected):
    assert rules.deposit_amount(contract_sum, rate) == expected


@pytest.mark.parametrize("bad", [Decimal(0), Decimal(-1)])
def test_deposit_amount_refuses_a_sum_not_positive(bad):
    with pytest.raises(ValueError):
        rules.deposit_amount(bad, Decimal(2))


def test_past_pay_days_move_earlier_on_rest_days():
    # 2026-03-15 is a Sunday → Friday 13th; 2026-02-14 is a Saturday worked (调休) and stays.
    assert rules.past_pay_days(15, TODAY, 3) == [date(2026, 3, 13), date(2026, 2, 14), date(2026, 1, 15)]


W1, W2, W3 = (101, 102, 103)
WORKERS = tuple(WorkerFacts(i, True, True, date(2025, 12, 15)) for i in (W1, W2, W3))
MONTHS = frozenset({date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)})
PAYDAYS = [date(2026, 1, 15), date(2026, 2, 14), date(2026, 3, 13)]


def _payroll(**kw) -> PayrollFacts:
    base = {
        "submitted": True,
        "unsigned_lines": 0,
        "total_due": Decimal(9000),
        "days_by_worker": {w: 10 for w in (W1, W2, W3)},
        "due_by_worker": {w: Decimal(3000) for w in (W1, W2, W3)},
    }
    return PayrollFacts(**(base | kw))


CLEAN = ProjectFacts(
    contract_sum=Decimal(1_000_000),
    contract_signed_on=date(2025, 12, 1),
    start_on=date(2025, 12, 15),
    end_on=date(2026, 12, 31),
    agreed_pay_day=15,
    transfer_cycle_days=30,
    labour_share=Decimal(20),
    account_opened_on=date(2025, 12, 5),
    deposit_amount=Decimal(20000),
    balance=Decimal(93000),
    workers=WORKERS,
    attendance_months={w: MONTHS for w in (W1, W2, W3)},
    credits=tuple(
        (d, Decimal(30000)) for d in (date(2025, 12, 20), date(2026, 1, 20), date(2026, 2, 20), date(2026, 3, 10))
    ),
    payouts=tuple((d, w, Decimal(3000)) for d in PAYDAYS for w in (W1, W2, W3)),
    payrolls={m: _payroll() for m in (date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1))},
    notice_board=True,
)


def _keys(facts, today=TODAY, thresholds=T):
    return sorted((f.rule, f.period) for f in rules.evaluate(facts, today, thresholds))


def test_a_clean_project_raises_nothing():
    assert _keys(CLEAN) == []


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        ("W1 no account 30 days after the contract", {"account_opened_on": None, "credits": (), "payouts": ()}, None),
        ("W2 no credit within the cycle", {"credits": ((date(2026, 2, 10), Decimal(100000)),)}, [("W2", "")]),
        ("W2 below the agreed share", {"credits": ((date(2026, 3, 10), Decimal(10000)),)}, [("W2", "")]),
        (
            "W3 pay day passed without payout",
            {"payouts": tuple(p for p in CLEAN.payouts if p[0] != date(2026, 3, 13))},
            [("W3", "2026-03-13")],
        ),
        (
            "W4 balance below the coming payroll",
            {"payrolls": CLEAN.payrolls | {date(2026, 3, 1): _payroll(total_due=Decimal(150000))}},
            [("W4", "2026-03")],
        ),
        (
            "W5 attendance without a contract",
            {"workers": (replace(WORKERS[0], contract_signed=False), *WORKERS[1:])},
            [("W5", "")],
        ),
        (
            "W5 attendance without pay",
            {
                "payrolls": CLEAN.payrolls
                | {date(2026, 2, 1): _payroll(due_by_worker={W1: Decimal(0), W2: Decimal(3000), W3: Decimal(3000)})}
            },
            [("W5", "2026-02")],
        ),
        ("W6 no deposit", {"deposit_amount": None}, [("W6", "")]),
        ("W6 guarantee expired", {"guarantee_expires_on": date(2026, 3, 1)}, [("W6", "")]),
        ("W6 deposit short", {"deposit_amount": Decimal(19999)}, [("W6", "")]),
        (
            "W7 payroll not filed",
            {"payrolls": {k: v for k, v in CLEAN.payrolls.items() if k != date(2026, 2, 1)}},
            [("W7", "2026-02")],
        ),
        (
            "W7 payroll not signed",
            {"payrolls": CLEAN.payrolls | {date(2026, 2, 1): _payroll(unsigned_lines=2)}},
            [("W7", "2026-02")],
        ),
        (
            "W7 payroll only a draft",
            {"payrolls": CLEAN.payrolls | {date(2026, 2, 1): _payroll(submitted=False)}},
            [("W7", "2026-02")],
        ),
        ("W8 no notice board", {"notice_board": False}, [("W8", "")]),
        ("W9 a staff flag", {"external_signals": ("投诉",)}, [("W9", "")]),
    ],
)
def test_each_rule(name, change, expected):
    facts = replace(CLEAN, **change)
    if expected is None:  # W1: no account at all also means nothing was ever paid out
        assert ("W1", "") in _keys(facts)
        assert rules.w1_special_account(facts, TODAY, T)[0].evidence.startswith("施工合同 2025-12-01 签订")
        return
    assert _keys(facts) == expected, name


def test_w1_not_before_the_30_days_pass():
    facts = replace(CLEAN, account_opened_on=None, contract_signed_on=date(2026, 2, 20))
    assert rules.w1_special_account(facts, date(2026, 3, 22), T) == []
    assert rules.w1_special_account(facts, date(2026, 3, 23), T)[0].rule == "W1"


def test_w3_ignores_workers_not_registered_and_counts_on_the_pay_day_itself_as_not_passed():
    unregistered = (replace(WORKERS[0], registered=False), *WORKERS[1:])
    facts = replace(CLEAN, workers=unregistered, payouts=tuple(p for p in CLEAN.payouts if p[1] != W1))
    assert rules.w3_pay_day(facts, TODAY, T) == []
    no_march = replace(CLEAN, payouts=tuple(p for p in CLEAN.payouts if p[0] != date(2026, 3, 13)))
    assert rules.w3_pay_day(no_march, date(2026, 3, 13), T) == []
    assert rules.w3_pay_day(no_march, date(2026, 3, 14), T) == [
        Finding("W3", "2026-03-13", "发薪日 2026-03-13 已过，3 名登记工人未见专户代发工资记录")
    ]


def test_w3_a_late_payout_clears_the_month():
    late = tuple(p for p in CLEAN.payouts if p[0] != date(2026, 3, 13)) + tuple(
        (date(2026, 3, 18), w, Decimal(3000)) for w in (W1, W2, W3)
    )
    assert rules.w3_pay_day(replace(CLEAN, payouts=late), TODAY, T) == []


def test_w3_a_worker_who_left_before_the_month_is_not_owed():
    left = (replace(WORKERS[0], left_on=date(2026, 1, 31)), *WORKERS[1:])
    facts = replace(
        CLEAN, workers=left, payouts=tuple(p for p in CLEAN.payouts if not (p[1] == W1 and p[0] == date(2026, 3, 13)))
    )
    assert rules.w3_pay_day(facts, TODAY, T) == []


def test_thresholds_are_honoured():
    assert rules.w9_external(replace(CLEAN, external_signals=("a",)), TODAY, replace(T, w9_signals=2)) == []
    short = replace(CLEAN, credits=((date(2026, 3, 10), Decimal(30000)),))
    assert rules.w2_labour_cost(short, TODAY, replace(T, w2_min_ratio=Decimal("0.5"))) == []
    assert rules.w2_labour_cost(short, TODAY, replace(T, w2_min_ratio=Decimal("0.8")))[0].rule == "W2"


def test_every_rule_has_a_level():
    assert {r: lvl for r, (lvl, _t) in rules.RULES.items()}["W3"] == "red"
    assert len(rules.RULES) == 9


def test_a_pay_day_moved_back_by_a_holiday_still_pays_its_own_month():
    # 2026-10-05 falls in the National Day holiday: October's pay day is 30 September, for September's work.
    assert rules.pay_periods(5, date(2026, 10, 10), 2) == [
        (date(2026, 9, 1), date(2026, 9, 30)),
        (date(2026, 8, 1), date(2026, 9, 4)),
    ]

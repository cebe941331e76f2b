"""The pure rules, table-tested against the worked examples of the sources (docs/contracts.md)."""

from datetime import date
from decimal import Decimal

import pytest

from renshe.labour.contracts import rules


@pytest.mark.parametrize(
    ("kind", "start", "end", "limit"),
    [
        ("task", date(2025, 1, 1), None, 0),
        ("open", date(2025, 1, 1), None, 6),
        ("fixed", date(2025, 1, 1), date(2025, 3, 30), 0),  # under 3 months
        ("fixed", date(2025, 1, 1), date(2025, 3, 31), 1),  # exactly 3 months
        ("fixed", date(2025, 1, 1), date(2025, 12, 30), 1),  # just under a year
        ("fixed", date(2025, 1, 1), date(2025, 12, 31), 2),  # one year
        ("fixed", date(2025, 1, 1), date(2027, 12, 30), 2),  # just under 3 years
        ("fixed", date(2025, 1, 1), date(2027, 12, 31), 6),  # 3 years
    ],
)
def test_probation_limit_labour_contract_law_art_19(kind, start, end, limit):
    assert rules.probation_limit_months(kind, start, end) == limit


def _problems(**over):
    terms = {
        "contract_type": "fixed",
        "start": date(2025, 3, 1),
        "end": date(2028, 2, 29),
        "probation_months": 2,
        "monthly_wage": Decimal("1750"),
        "minimum_wage": Decimal("1750"),
        "signed_on": date(2025, 3, 1),
    }
    terms.update(over)
    return rules.contract_problems(**terms)


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({}, None),
        ({"monthly_wage": Decimal("1749.99")}, "monthly_wage"),
        ({"end": date(2025, 2, 28)}, "end_date"),
        ({"contract_type": "open", "end": date(2026, 1, 1)}, "end_date"),
        ({"contract_type": "fixed", "end": None}, "end_date"),
        ({"end": date(2026, 2, 28), "probation_months": 3}, "probation_months"),  # 1 year: at most 2
        ({"contract_type": "task", "end": None, "probation_months": 1}, "probation_months"),
        ({"signed_on": date(2025, 3, 31)}, None),  # 30 days after the start: in time
        ({"signed_on": date(2025, 4, 1)}, "signed_on"),  # Art. 10: within one month
        ({"contract_type": "bogus"}, "contract_type"),
    ],
)
def test_contract_problems(over, field):
    problems = _problems(**over)
    assert (set(problems) == {field}) if field else problems == {}


@pytest.mark.parametrize(
    ("day", "terminated", "valid"),
    [
        (date(2025, 2, 28), None, False),
        (date(2025, 3, 1), None, True),
        (date(2028, 2, 29), None, True),
        (date(2028, 3, 1), None, False),
        (date(2026, 6, 30), date(2026, 6, 30), True),  # the termination date is the last day
        (date(2026, 7, 1), date(2026, 6, 30), False),
    ],
)
def test_contract_valid_on(day, terminated, valid):
    assert (
        rules.contract_valid_on(start=date(2025, 3, 1), end=date(2028, 2, 29), terminated_on=terminated, day=day)
        is valid
    )


@pytest.mark.parametrize(
    ("signed", "employed", "rate"),
    [
        (0, 0, None),
        (0, 5, Decimal("0.0")),
        (988, 1000, Decimal("98.8")),
        (2, 3, Decimal("66.7")),
        (1, 8, Decimal("12.5")),
    ],
)
def test_signing_rate(signed, employed, rate):
    assert rules.signing_rate(signed, employed) == rate


def test_licence_validity_and_renewal_window():
    assert rules.licence_valid_until(date(2025, 7, 1)) == date(2028, 6, 30)
    assert rules.licence_valid_until(date(2024, 2, 29)) == date(2027, 2, 27)
    assert rules.renewal_window(date(2028, 6, 30)) == (date(2028, 1, 2), date(2028, 5, 1))


@pytest.mark.parametrize(
    ("capital", "area", "text", "fields"),
    [
        (Decimal("200"), Decimal("50"), "劳动合同管理、工资支付、社会保险制度", set()),
        (Decimal("199.99"), Decimal("50"), "劳动合同管理、工资支付、社会保险制度", {"registered_capital"}),
        (Decimal("500"), Decimal("0"), "劳动合同管理、工资支付、社会保险制度", {"premises_area"}),
        (Decimal("500"), Decimal("50"), "有制度", {"rules_summary"}),
    ],
)
def test_licence_problems(capital, area, text, fields):
    problems = rules.licence_problems(
        registered_capital=capital, minimum_capital=Decimal("200"), premises_area=area, rules=text
    )
    assert set(problems) == fields


NONE = {}
CLEAN = {"cases": 1, "violations": 0, "penalties": 0, "orders_unmet": 0, "refused_inspection": False}


@pytest.mark.parametrize(
    ("inspection", "dispute", "blacklisted", "grade", "words"),
    [
        (NONE, NONE, False, "A", "未发现"),
        (CLEAN, {"cases": 2, "awards_against": 0}, False, "A", "未发现"),
        ({**CLEAN, "violations": 1}, NONE, False, "B", "按期整改"),
        ({**CLEAN, "violations": 2}, NONE, False, "B", "2 起"),
        (NONE, {"awards_against": 1, "wage_awards_against": 1}, False, "B", "涉及工资"),
        ({**CLEAN, "violations": 3}, NONE, False, "C", "三次以上"),
        ({**CLEAN, "violations": 1, "penalties": 1, "penalty_amount": "20000"}, NONE, False, "C", "行政处罚"),
        ({**CLEAN, "orders_unmet": 1}, NONE, False, "C", "拒不履行"),
        ({**CLEAN, "refused_inspection": True}, NONE, False, "C", "阻挠"),
        (NONE, NONE, True, "C", "失信"),
    ],
)
def test_credit_grade(inspection, dispute, blacklisted, grade, words):
    got, reasons = rules.credit_grade(inspection, dispute, blacklisted=blacklisted)
    assert got == grade
    assert any(words in r for r in reasons)


@pytest.mark.parametrize(
    ("amount", "threshold", "order", "fields"),
    [
        (Decimal("30000"), Decimal("30000"), date(2025, 5, 1), set()),
        (Decimal("29999.99"), Decimal("30000"), date(2025, 5, 1), {"arrears_amount"}),
        (Decimal("50000"), Decimal("30000"), None, {"order_date"}),
        (Decimal("50000"), Decimal("30000"), date(2025, 7, 2), {"order_date"}),  # an order in the future
    ],
)
def test_blacklist_problems(amount, threshold, order, fields):
    problems = rules.blacklist_problems(
        ground="arrears", arrears_amount=amount, threshold=threshold, order_date=order, today=date(2025, 7, 1)
    )
    assert set(problems) == fields


@pytest.mark.django_db
def test_statement_period_is_five_working_days():
    # 2025-09-30 notice: 10-01…10-08 off, then 10-09, 10-10, 10-11 (Sat, worked), 10-13, 10-14.
    assert rules.statement_period_ends(date(2025, 9, 30)) == date(2025, 10, 14)
    assert not rules.may_list(date(2025, 9, 30), date(2025, 10, 14))
    assert rules.may_list(date(2025, 9, 30), date(2025, 10, 15))


def test_listing_and_early_removal_periods():
    listed = date(2025, 3, 10)
    assert rules.listing_ends_on(listed) == date(2028, 3, 10)
    assert rules.early_removal_from(listed) == date(2026, 3, 10)
    ok = {"arrears_paid": True, "new_violations": 0}
    assert "removal" in rules.may_remove_early(listed_on=listed, today=date(2026, 3, 9), **ok)
    assert rules.may_remove_early(listed_on=listed, today=date(2026, 3, 10), **ok) == {}
    assert "arrears_paid" in rules.may_remove_early(
        listed_on=listed, today=date(2026, 6, 1), arrears_paid=False, new_violations=0
    )
    assert "new_violations" in rules.may_remove_early(
        listed_on=listed, today=date(2026, 6, 1), arrears_paid=True, new_violations=1
    )

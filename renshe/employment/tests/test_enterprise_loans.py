"""创业担保贷款: the dated rule, the loan created on the case's approval with its rule snapshot, and
what happens at disbursement, default and extension."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe.cases.models import Status
from renshe.core.models import Parameter
from renshe.employment import enterprise
from renshe.employment.models import GuaranteeLoan
from renshe.employment.tests import assistance_testing as at

FORM = {
    "applicant_type": "个人",
    "eligible_group": "退役军人",
    "business_name": "茂南区老兵餐饮店",
    "loan_amount": "30",
    "loan_term_months": "36",
    "business_plan": "购置厨房设备及流动资金",
}


def _approved(clerk, reviewer, **form):
    person = at.person(name="冯军")
    case = at.file_case(clerk, person, "RS-JY-008", {**FORM, **form}, channel="window")
    return at.approve(case, clerk=clerk, reviewer=reviewer)


@pytest.mark.django_db
def test_default_rule_is_guangdong():
    rule = enterprise.loan_rule(date(2025, 6, 1))
    assert rule.individual_cap == 300000 and rule.enterprise_cap == 5000000 and rule.max_term_months == 36
    assert rule.bank_margin_bp == 50 and rule.borrower_margin_bp == 150
    assert "veteran" in rule.eligible_groups and rule.valid_from == date(2020, 4, 29)


@pytest.mark.django_db
def test_rule_follows_the_dated_parameters():
    Parameter.objects.create(
        key="employment.loan_individual_cap", valid_from=date(2026, 1, 1), value=500000, description="提高额度"
    )
    Parameter.objects.create(
        key="employment.loan_group.graduate", valid_from=date(2026, 1, 1), value=0, description="暂停"
    )
    assert enterprise.loan_rule(date(2025, 12, 31)).individual_cap == 300000
    later = enterprise.loan_rule(date(2026, 1, 1))
    assert later.individual_cap == 500000 and "graduate" not in later.eligible_groups
    assert later.valid_from == date(2026, 1, 1)
    assert enterprise.loan_terms(400000, "individual", "veteran", "3.0", "3.5", date(2026, 2, 1)).ok
    refused = enterprise.loan_terms(400000, "individual", "veteran", "3.0", "3.5", date(2025, 2, 1))
    assert refused.refusal == "amount_cap" and "300,000" in enterprise.refusal_message(refused)


@pytest.mark.django_db
def test_approval_creates_the_loan_with_its_rule(clerk_maonan, reviewer_maonan):
    case = _approved(clerk_maonan, reviewer_maonan)
    assert case.status == Status.APPROVED
    loan = GuaranteeLoan.objects.get(case=case)
    assert loan.amount == Decimal("300000") and loan.borrower_kind == "individual" and loan.eligible_group == "veteran"
    # No bank rate yet: recorded at the ceiling (LPR 3.0 % + 50 bp); borrower LPR − 150 bp.
    assert (loan.lpr, loan.annual_rate, loan.borrower_rate, loan.subsidy_rate) == (
        Decimal("3.000"),
        Decimal("3.500"),
        Decimal("1.500"),
        Decimal("2.000"),
    )
    assert loan.rule_snapshot["individual_cap"] == "300000" and loan.rule_snapshot["members"] == 1
    assert GuaranteeLoan.objects.count() == 1


@pytest.mark.django_db
def test_a_loan_beyond_the_cap_cannot_be_approved(clerk_maonan, reviewer_maonan):
    with pytest.raises(ValidationError, match="超过额度上限"):
        _approved(clerk_maonan, reviewer_maonan, loan_amount="31")
    assert not GuaranteeLoan.objects.exists()


@pytest.mark.django_db
def test_a_group_for_the_wrong_borrower_kind_cannot_be_approved(clerk_maonan, reviewer_maonan):
    with pytest.raises(ValidationError, match="扶持对象类别与借款人类型不符"):
        _approved(clerk_maonan, reviewer_maonan, eligible_group="小微企业")


@pytest.mark.django_db
def test_disbursement_recomputes_under_the_loan_s_rule(clerk_maonan, reviewer_maonan, clerk_gaozhou, citizen):
    loan = GuaranteeLoan.objects.get(case=_approved(clerk_maonan, reviewer_maonan))
    # A later, stricter rule does not change a loan decided before it.
    Parameter.objects.create(
        key="employment.loan_bank_margin_bp", valid_from=date(2000, 1, 1), value=0, description="x"
    )
    for actor in (clerk_gaozhou, citizen):
        with pytest.raises(PermissionDenied):
            enterprise.loan_disburse(actor=actor, loan=loan, bank="茂名农商银行", annual_rate="3.2")
    with pytest.raises(ValidationError) as err:
        enterprise.loan_disburse(actor=clerk_maonan, loan=loan, bank="茂名农商银行", annual_rate="3.6")
    assert "annual_rate" in err.value.message_dict
    loan = enterprise.loan_disburse(actor=clerk_maonan, loan=loan, bank="茂名农商银行", annual_rate="3.2")
    assert loan.status == "disbursed" and (loan.borrower_rate, loan.subsidy_rate) == (
        Decimal("1.500"),
        Decimal("1.700"),
    )


@pytest.mark.django_db
def test_no_subsidy_after_default_or_extension(clerk_maonan, reviewer_maonan):
    loan = GuaranteeLoan.objects.get(case=_approved(clerk_maonan, reviewer_maonan))
    with pytest.raises(ValidationError):
        enterprise.loan_mark(actor=clerk_maonan, loan=loan, event="extended", extra_months=0)
    loan = enterprise.loan_mark(actor=clerk_maonan, loan=loan, event="extended", extra_months=6)
    assert loan.term_months == 42 and loan.subsidy_rate == 0 and loan.borrower_rate == loan.annual_rate
    assert loan.rule_snapshot["extended"] is True
    loan = enterprise.loan_mark(actor=clerk_maonan, loan=loan, event="defaulted")
    assert loan.status == "defaulted" and loan.subsidy_rate == 0
    with pytest.raises(ValidationError):
        enterprise.loan_mark(actor=clerk_maonan, loan=loan, event="repaid")

"""The pure rules of unemployment, assistance, monitoring and loans, with worked examples."""

from datetime import date
from decimal import Decimal

import pytest

from renshe.employment import rules

# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 3, 15), -3, date(2024, 12, 15)),
        (date(1965, 1, 10), 721, date(2025, 2, 10)),
    ],
)
def test_add_months(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_months_between_counts_whole_months():
    assert rules.months_between(date(2024, 3, 1), date(2025, 3, 1)) == 12
    assert rules.months_between(date(2024, 3, 2), date(2025, 3, 1)) == 11
    assert rules.months_between(date(2025, 3, 2), date(2025, 3, 1)) == 0


# --- retirement ages (渐进式延迟法定退休年龄, from 2025-01-01) ------------------------------------------


@pytest.mark.parametrize(
    ("born", "gender", "base", "years", "months"),
    [
        # men: 60 → 63, one month per 4 birth months from 1965-01
        (date(1964, 12, 15), "M", 55, 60, 0),
        (date(1965, 1, 10), "M", 55, 60, 1),
        (date(1965, 4, 30), "M", 55, 60, 1),
        (date(1965, 5, 1), "M", 55, 60, 2),
        (date(1970, 1, 1), "M", 55, 61, 4),
        (date(1976, 8, 1), "M", 55, 62, 11),
        (date(1976, 9, 1), "M", 55, 63, 0),
        (date(1990, 5, 17), "M", 55, 63, 0),
        # women on the 55 schedule: 55 → 58 from 1970-01
        (date(1969, 12, 31), "F", 55, 55, 0),
        (date(1970, 1, 1), "F", 55, 55, 1),
        (date(1981, 9, 1), "F", 55, 58, 0),
        # women on the 50 schedule: 50 → 55, one month per 2 birth months from 1975-01
        (date(1974, 12, 1), "F", 50, 50, 0),
        (date(1975, 1, 1), "F", 50, 50, 1),
        (date(1975, 3, 1), "F", 50, 50, 2),
        (date(1984, 10, 1), "F", 50, 54, 11),
        (date(1984, 11, 1), "F", 50, 55, 0),
    ],
)
def test_retirement_age_examples(born, gender, base, years, months):
    assert rules.retirement_age_months(born, gender, female_base=base) == years * 12 + months


def test_retirement_date_is_birth_plus_the_age():
    # The decision's table: a man born January 1965 retires in February 2025 (60 years 1 month).
    assert rules.retirement_date(date(1965, 1, 10), "M") == date(2025, 2, 10)
    # A woman worker born March 1975 retires at 50 years 2 months: May 2025.
    assert rules.retirement_date(date(1975, 3, 20), "F", female_base=50) == date(2025, 5, 20)


def test_unknown_schedule_is_an_error():
    with pytest.raises(ValueError):
        rules.retirement_age_months(date(1980, 1, 1), "F", female_base=60)


@pytest.mark.parametrize(
    ("born", "gender", "on", "expected"),
    [
        (date(2009, 6, 2), "M", date(2025, 6, 1), "below"),
        (date(2009, 6, 1), "M", date(2025, 6, 1), "within"),  # the 16th birthday itself
        (date(1965, 1, 10), "M", date(2025, 2, 9), "within"),  # the reform's extra month
        (date(1965, 1, 10), "M", date(2025, 2, 10), "above"),
        (date(1970, 1, 5), "F", date(2025, 2, 4), "within"),
    ],
)
def test_working_age_status(born, gender, on, expected):
    assert rules.working_age_status(born, gender, on, female_base=55, min_age=16) == expected


# --- 失业登记 -------------------------------------------------------------------------------------


def test_unemployment_registration_allowed_when_every_condition_holds():
    assert (
        rules.unemployment_registration_refusals(
            working_age="within", employed=False, already_registered=False, able_and_willing=True
        )
        == []
    )


def test_unemployment_registration_lists_every_reason():
    reasons = rules.unemployment_registration_refusals(
        working_age="above", employed=True, already_registered=True, able_and_willing=False
    )
    assert reasons == ["above_working_age", "employed", "already_registered", "not_able_or_willing"]
    assert rules.unemployment_registration_refusals(
        working_age="below", employed=False, already_registered=False, able_and_willing=True
    ) == ["below_working_age"]


@pytest.mark.parametrize(
    ("household", "residence", "expected"),
    [
        ("440902", "440902001", False),
        ("440981", "440902001", True),
        ("450102", "440902001", True),
        ("", "440902", True),
    ],
)
def test_non_local(household, residence, expected):
    assert rules.is_non_local(household, residence) is expected


def test_a_job_change_is_not_new_urban_employment():
    assert rules.is_urban_new_employment(had_other_open_employment=False) is True
    assert rules.is_urban_new_employment(had_other_open_employment=True) is False


# --- 就业困难人员认定 -----------------------------------------------------------------------------------

T = rules.DifficultyThresholds(
    female_age=40,
    male_age=50,
    long_unemployed_months=12,
    veteran_unemployed_months=6,
    female_retirement_base=55,
    min_working_age=16,
)
ON = date(2025, 6, 1)


def facts(**overrides):
    values = {
        "gender": "M",
        "birth_date": date(1990, 5, 17),
        "household_code": "440902",
        "employed": False,
    }
    values.update(overrides)
    return rules.DifficultyFacts(**values)


def test_a_young_man_with_no_criterion_is_not_recognised():
    result = rules.difficulty_assessment(facts(), ON, T)
    assert result.unmet == () and result.criteria == () and not result.eligible


@pytest.mark.parametrize(
    ("overrides", "criterion"),
    [
        ({"gender": "F", "birth_date": date(1985, 6, 1)}, "older_worker"),  # 40 on 2025-06-01
        ({"gender": "M", "birth_date": date(1975, 6, 1)}, "older_worker"),  # 50 on 2025-06-01
        ({"disabled": True}, "disabled"),
        ({"subsistence_allowance": True}, "subsistence_allowance"),
        ({"urban_zero_employment_household": True}, "urban_zero_employment_household"),
        ({"rural_zero_transfer_poor_household": True}, "rural_zero_transfer_poor_household"),
        ({"landless": True}, "landless"),
        ({"unemployed_registered_since": date(2024, 6, 1)}, "long_unemployed"),
        ({"recovered_drug_user": True}, "recovered_drug_user"),
        ({"released_prisoner": True}, "released_prisoner"),
        ({"recovered_mental_patient": True}, "recovered_mental_patient"),
        ({"veteran": True, "unemployed_registered_since": date(2024, 12, 1)}, "veteran_unemployed"),
    ],
)
def test_each_criterion(overrides, criterion):
    result = rules.difficulty_assessment(facts(**overrides), ON, T)
    assert result.eligible and criterion in result.criteria


@pytest.mark.parametrize(
    "overrides",
    [
        {"gender": "F", "birth_date": date(1985, 6, 2)},  # 39 the day before her birthday
        {"gender": "M", "birth_date": date(1975, 6, 2)},  # 49
        {"unemployed_registered_since": date(2024, 6, 2)},  # 11 months
        {"veteran": True, "unemployed_registered_since": date(2024, 12, 2)},  # 5 months
        {"veteran": True},  # a veteran not registered unemployed
    ],
)
def test_criteria_just_short_of_the_threshold(overrides):
    assert not rules.difficulty_assessment(facts(**overrides), ON, T).eligible


@pytest.mark.parametrize(
    ("overrides", "unmet"),
    [
        ({"household_code": "450102"}, "guangdong_household"),
        ({"employed": True}, "without_work"),
        ({"able_and_willing": False}, "able_and_willing"),
        ({"birth_date": date(1962, 1, 1)}, "working_age"),
    ],
)
def test_preconditions(overrides, unmet):
    result = rules.difficulty_assessment(facts(disabled=True, **overrides), ON, T)
    assert unmet in result.unmet and not result.eligible


def test_several_criteria_are_all_recorded_in_order():
    result = rules.difficulty_assessment(
        facts(gender="F", birth_date=date(1980, 1, 1), disabled=True, subsistence_allowance=True), ON, T
    )
    assert result.criteria == ("older_worker", "disabled", "subsistence_allowance")


def test_catalogue_categories_map_to_criteria():
    assert set(rules.DIFFICULTY_CATEGORY_CODES.values()) == set(rules.DIFFICULTY_CRITERIA)


# --- the contact ledger ---------------------------------------------------------------------------


def test_contact_overdue_only_after_the_interval():
    assert rules.contact_due_on(date(2025, 3, 1), 30) == date(2025, 3, 31)
    assert not rules.contact_overdue(date(2025, 3, 1), 30, date(2025, 3, 31))
    assert rules.contact_overdue(date(2025, 3, 1), 30, date(2025, 4, 1))
    assert not rules.contact_overdue(date(2025, 3, 1), 90, date(2025, 5, 30))
    assert rules.contact_overdue(date(2025, 3, 1), 90, date(2025, 5, 31))


# --- public-welfare posts ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "served", "limit", "error"),
    [
        (36, 0, 36, None),
        (37, 0, 36, "beyond_limit"),
        (12, 24, 36, None),
        (13, 24, 36, "beyond_limit"),
        (0, 0, 36, "term_too_short"),
    ],
)
def test_welfare_term(requested, served, limit, error):
    assert rules.welfare_term_error(requested_months=requested, served_months=served, max_months=limit) == error


def test_welfare_term_end_and_ending_soon():
    assert rules.welfare_term_ends_on(date(2025, 3, 1), 12) == date(2026, 2, 28)
    assert rules.ending_within(date(2025, 7, 1), date(2025, 6, 1), 30)
    assert not rules.ending_within(date(2025, 7, 2), date(2025, 6, 1), 30)
    assert not rules.ending_within(date(2025, 5, 31), date(2025, 6, 1), 30)


# --- zero-employment households ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([(True, False), (True, False)], True),
        ([(True, False), (True, True)], False),
        ([(True, False), (False, True)], True),  # a working pensioner does not count
        ([(False, False)], False),  # no member of working age
        ([], False),
    ],
)
def test_zero_employment_household(members, expected):
    assert rules.is_zero_employment_household(members) is expected


# --- 规模性裁员预警 ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "current", "reasons"),
    [
        (100, 90, ("percent",)),  # exactly 10 %
        (101, 91, ()),  # 9.9 % (10 people)
        (1000, 980, ("people",)),  # exactly 20 people (2 %)
        (1000, 981, ()),  # 19 people (1.9 %)
        (200, 180, ("percent", "people")),  # 10 % and 20 people
        (100, 120, ()),  # growth
        (0, 0, ()),
    ],
)
def test_layoff_boundaries(previous, current, reasons):
    result = rules.layoff_assessment(previous=previous, current=current, percent=Decimal(10), people=20)
    assert result.reasons == reasons
    assert result.warn is bool(reasons)


def test_layoff_percent_is_exact_at_the_boundary():
    assert rules.layoff_assessment(previous=101, current=91, percent=Decimal(10), people=20).drop_percent == Decimal(
        "9.90"
    )
    # 10/99 = 10.1 %: above; the comparison multiplies out, no rounding decides it.
    assert rules.layoff_assessment(previous=99, current=89, percent=Decimal(10), people=20).reasons == ("percent",)
    assert rules.layoff_assessment(previous=1000, current=900, percent=Decimal("10.5"), people=200).reasons == ()


def test_report_due_on_the_nth_working_day():
    from renshe.core.workdays import add_working_days

    # September 2025's report: 5 working days after 09-30 across National Day (10-01…10-08 off,
    # 10-11 Saturday worked) → 10-09, 10-10, 10-11, 10-13, 10-14.
    assert rules.headcount_report_due(date(2025, 9, 1), 5, add_working_days) == date(2025, 10, 14)


# --- 创业担保贷款 -----------------------------------------------------------------------------------

RULE = rules.LoanRule(
    valid_from=date(2020, 4, 29),
    individual_cap=Decimal(300000),
    partnership_member_cap=Decimal(300000),
    partnership_cap=Decimal(3000000),
    enterprise_cap=Decimal(5000000),
    max_term_months=36,
    bank_margin_bp=50,
    borrower_margin_bp=150,
    eligible_groups=frozenset(rules.LOAN_GROUPS),
)
D = date(2025, 6, 1)


def terms(amount, kind="individual", group="registered_unemployed", lpr="3.00", bank="3.50", **kw):
    return rules.loan_terms(Decimal(amount), kind, group, Decimal(lpr), Decimal(bank), D, rule=RULE, **kw)


def test_loan_at_the_bank_cap():
    # LPR 3.00 %, bank 3.50 % (= LPR + 50 bp): the borrower pays LPR − 150 bp = 1.50 %, the treasury 2.00 %.
    t = terms(300000)
    assert t.ok and t.borrower_rate == Decimal("1.500") and t.subsidy_rate == Decimal("2.000")


def test_loan_below_the_cap():
    t = terms(200000, bank="3.20")
    assert (t.borrower_rate, t.subsidy_rate) == (Decimal("1.500"), Decimal("1.700"))


def test_a_bank_rate_below_the_borrower_share_is_all_the_borrower_s():
    t = terms(100000, bank="1.20")
    assert (t.borrower_rate, t.subsidy_rate) == (Decimal("1.200"), Decimal("0.000"))


def test_a_low_lpr_never_makes_the_borrower_rate_negative():
    t = terms(100000, lpr="1.20", bank="1.70")
    assert (t.borrower_rate, t.subsidy_rate) == (Decimal("0.000"), Decimal("1.700"))


def test_no_subsidy_after_a_default_or_an_extension():
    for flag in ("defaulted", "extended"):
        t = terms(100000, **{flag: True})
        assert t.ok and not t.subsidised
        assert (t.borrower_rate, t.subsidy_rate) == (Decimal("3.500"), Decimal("0.000"))


@pytest.mark.parametrize(
    ("kwargs", "refusal"),
    [
        ({"amount": "300000.01"}, "amount_cap"),
        ({"amount": "0"}, "amount"),
        ({"amount": "5000000", "kind": "enterprise", "group": "small_enterprise"}, None),
        ({"amount": "5000001", "kind": "enterprise", "group": "small_enterprise"}, "amount_cap"),
        ({"amount": "100000", "kind": "enterprise", "group": "veteran"}, "group_kind"),
        ({"amount": "100000", "group": "small_enterprise"}, "group_kind"),
        ({"amount": "100000", "group": "lottery_winner"}, "group"),
        ({"amount": "100000", "kind": "cooperative"}, "kind"),
        ({"amount": "600000", "kind": "partnership", "members": 2}, None),
        ({"amount": "600001", "kind": "partnership", "members": 2}, "amount_cap"),
        ({"amount": "3000000", "kind": "partnership", "members": 12}, None),  # the overall cap
        ({"amount": "3000001", "kind": "partnership", "members": 12}, "amount_cap"),
        ({"amount": "100000", "kind": "partnership", "members": 1}, "members"),
        ({"amount": "100000", "bank": "3.51"}, "rate_cap"),
        ({"amount": "100000", "bank": "-0.1"}, "rate"),
        ({"amount": "100000", "term_months": 36}, None),
        ({"amount": "100000", "term_months": 37}, "term"),
    ],
)
def test_loan_refusals(kwargs, refusal):
    assert terms(**kwargs).refusal == refusal


def test_a_group_switched_off_is_refused():
    rule = rules.LoanRule(**{**RULE.__dict__, "eligible_groups": frozenset({"veteran"})})
    result = rules.loan_terms(Decimal(1000), "individual", "graduate", Decimal(3), Decimal(3), D, rule=rule)
    assert result.refusal == "group"


def test_rule_snapshot_round_trip():
    assert rules.LoanRule.from_snapshot(RULE.snapshot()) == RULE


def test_catalogue_loan_choices_are_known_groups():
    assert set(rules.LOAN_GROUP_CODES.values()) == set(rules.LOAN_GROUPS)

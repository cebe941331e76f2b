"""Pure rules of jobs and matching: the discrimination table, the pay and age floors, the hard constraints."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from renshe.employment import rules

# (text, expected code or None, expected severity)
DISCRIMINATION_CASES = [
    ("限男性", "sex_exclusive", rules.REFUSE),
    ("仅限女性，35岁以下", "sex_exclusive", rules.REFUSE),
    ("性别：男", "sex_exclusive", rules.REFUSE),
    ("只招女工", "sex_exclusive", rules.REFUSE),
    ("男性优先", "sex_preferred", rules.REFUSE),
    ("女生优先", "sex_preferred", rules.REFUSE),
    ("女士勿扰", "sex_excluded", rules.REFUSE),
    ("不要女的", "sex_excluded", rules.REFUSE),
    ("适合女性", "sex_suitable", rules.HOLD),
    ("已婚已育", "marital", rules.REFUSE),
    ("三年内不得生育", "marital", rules.REFUSE),
    ("入职体检含妊娠检测", "marital", rules.REFUSE),
    ("孕妇勿扰", "marital", rules.REFUSE),
    ("限汉族", "ethnic", rules.REFUSE),
    ("谢绝少数民族", "ethnic", rules.REFUSE),
    ("限本地户口", "household", rules.REFUSE),
    ("限茂名户籍", "household", rules.REFUSE),
    ("本地户口优先", "household", rules.REFUSE),
    ("农村户口勿扰", "household", rules.REFUSE),
    ("乙肝携带者勿扰", "hbv_excluded", rules.REFUSE),
    ("入职体检含乙肝两对半", "hbv_excluded", rules.REFUSE),
    ("无乙肝", "hbv_excluded", rules.REFUSE),
    ("负责乙肝疫苗接种登记", "hbv_mentioned", rules.HOLD),
    ("无宗教信仰", "religion", rules.HOLD),
    ("不招河南人", "origin", rules.HOLD),
    ("限本地人", "origin", rules.HOLD),
    ("四肢健全，身体无残疾", "disability", rules.HOLD),
    ("残疾人勿扰", "disability", rules.HOLD),
    ("18-35岁", "age_text", rules.HOLD),
    ("35岁以下", "age_text", rules.HOLD),
    ("90后优先", "age_text", rules.HOLD),
    ("身高165cm以上", "looks", rules.HOLD),
    ("形象气质佳", "looks", rules.HOLD),
    ("五官端正", "looks", rules.HOLD),
]

CLEAN_TEXTS = [
    "男女不限，有经验者优先",
    "性别不限",
    "性别：男女不限",
    "不限男女",
    "负责男装区导购",
    "招聘男女服务员各2名",
    "可协助办理茂名户口迁入",
    "退役军人优先",
    "18-50岁，身体健康",
    "负责粤菜烹饪、炒锅、切配，持中式烹调师证书",
    "南粤家政培训合格优先",
    "缴纳五险一金，包吃住",
]


@pytest.mark.parametrize(("text", "code", "severity"), DISCRIMINATION_CASES)
def test_discriminatory_requirements_are_found_with_their_law(text, code, severity):
    findings = rules.posting_findings(title="", description=text)
    assert [f.code for f in findings][:1] == [code], findings
    finding = findings[0]
    assert finding.severity == severity
    assert finding.phrase and finding.phrase in text
    assert "《" in str(finding.source)  # every row names its legal source
    assert str(finding.reason)


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_ordinary_postings_pass(text):
    assert rules.posting_findings(title="", description=text) == []


def test_a_refusal_hides_the_softer_warning_of_the_same_kind():
    codes = [f.code for f in rules.posting_findings(title="", description="乙肝携带者勿扰，乙肝疫苗")]
    assert codes == ["hbv_excluded"]


def test_the_title_is_checked_too():
    (finding,) = rules.posting_findings(title="保安（限男性）", description="门岗值守")
    assert finding.field == "title"


def test_every_rule_cites_a_law():
    for rule in rules.DISCRIMINATION_RULES:
        assert "《" in str(rule.source), rule.code
        assert rule.severity in (rules.REFUSE, rules.HOLD)


@pytest.mark.parametrize(
    ("age_min", "age_max", "errors"),
    [
        (None, None, set()),
        (16, 65, set()),
        (15, None, {"age_min"}),
        (None, 15, {"age_max"}),
        (18, 70, {"age_max"}),
        (40, 30, {"age_max"}),
        (70, None, {"age_min"}),
    ],
)
def test_age_limits(age_min, age_max, errors):
    assert set(rules.age_limit_errors(age_min, age_max)) == errors


def test_child_labour_is_refused_with_the_law():
    assert "劳动法" in rules.age_limit_errors(14, None)["age_min"]


def test_a_tight_upper_age_is_held_not_refused():
    (finding,) = rules.age_limit_findings(18, 35)
    assert finding.severity == rules.HOLD and finding.field == "age_max"
    assert rules.age_limit_findings(18, 45) == []


@pytest.mark.parametrize(
    ("salary_min", "salary_max", "full_time", "errors"),
    [
        (1750, 2000, True, set()),
        (1749, 2000, True, {"salary_min"}),
        (1200, 1500, False, set()),  # part-time: paid by the hour, checked by the reviewer
        (3000, 2500, True, {"salary_max"}),
        (None, None, True, {"salary_min", "salary_max"}),
        (0, 3000, True, {"salary_min"}),
    ],
)
def test_pay(salary_min, salary_max, full_time, errors):
    found = rules.salary_errors(
        salary_min=salary_min, salary_max=salary_max, full_time=full_time, minimum_monthly=Decimal("1750.00")
    )
    assert set(found) == errors


def test_the_minimum_wage_message_names_both_amounts():
    message = rules.salary_errors(salary_min=1500, salary_max=2000, full_time=True, minimum_monthly=Decimal("1750.00"))[
        "salary_min"
    ]
    assert "1500" in message and "1750" in message


# --- hard constraints and score parts ----------------------------------------------------------


@pytest.mark.parametrize(
    ("seeker", "job", "ok"),
    [
        ("any", "full_time", True),
        ("full_time", "any", True),
        ("full_time", "part_time", False),
        ("part_time", "part_time", True),
    ],
)
def test_hours(seeker, job, ok):
    assert rules.hours_compatible(seeker, job) is ok


def test_education_meets():
    assert rules.education_meets(60, None)
    assert rules.education_meets(60, 60)
    assert not rules.education_meets(50, 60)
    assert not rules.education_meets(None, 30)


def test_age():
    assert rules.age_on(date(1990, 5, 17), date(2026, 5, 16)) == 35
    assert rules.age_on(date(1990, 5, 17), date(2026, 5, 17)) == 36
    assert rules.age_allowed(30, None, None)
    assert not rules.age_allowed(15, None, None)  # never a child
    assert not rules.age_allowed(46, 18, 45)
    assert rules.age_allowed(45, 18, 45)


@pytest.mark.parametrize(
    ("job_region", "desired", "reachable", "fit"),
    [
        ("440902001", [], True, "home_town"),
        ("440902001", ["440902"], True, "exact"),
        ("440902001", ["440902001"], True, "exact"),
        ("440902003", ["440902001"], True, "county"),  # same county as the town they want
        ("440902", ["440902001"], True, "county"),  # a county-level posting
        ("440981002", ["440902"], False, ""),
    ],
)
def test_place(job_region, desired, reachable, fit):
    assert rules.region_reachable(job_region, desired) is reachable
    assert rules.place_fit(job_region, desired, "440902001")[1] == fit


def test_pay_fit_tiers():
    assert rules.pay_fit(5000, 6000, 4500) == (1.0, "met")
    assert rules.pay_fit(4000, 6000, 4500) == (0.8, "range")
    assert rules.pay_fit(3000, 4000, 4500) == (0.3, "near")
    assert rules.pay_fit(2000, 3000, 4500) == (0.0, "below")
    assert rules.pay_fit(2000, 3000, None)[1] == "unknown"


def test_score_is_bounded_and_saturates():
    top = rules.match_score(text=100, text_ref=1, occupation=True, pay=1, place=1)
    assert top == pytest.approx(1.0)
    assert rules.match_score(text=0, text_ref=1, occupation=False, pay=0, place=0) == 0
    assert rules.match_score(text=1, text_ref=1, occupation=False, pay=0, place=0) == pytest.approx(0.3)


def test_synonyms_go_both_ways():
    assert "烹饪" in rules.synonym_expansion(["做饭"])
    assert "保洁" in rules.synonym_expansion(["清洁"])
    assert "做饭" not in rules.synonym_expansion(["做饭"])

"""就业困难人员认定: by a clerk or through the catalogue item; the criteria recorded, the person tagged."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe.cases.models import Status
from renshe.employment import assistance
from renshe.employment.models import DifficultyRecognition
from renshe.employment.tests import assistance_testing as at

CASE_FORM = {"difficulty_category": "大龄失业人员", "household_register": "茂名市茂南区"}


def _tags(person):
    return set(person.tags.values_list("code", flat=True))


@pytest.mark.django_db
def test_older_woman_is_recognised_from_the_registry(clerk_maonan):
    woman = at.person(name="李梅", born=date(1980, 2, 2), female=True)
    rec = assistance.difficulty_recognise(actor=clerk_maonan, person=woman)
    assert rec.criteria == ["older_worker"] and rec.recognised_by == clerk_maonan
    assert "employment_difficulty" in _tags(woman)


@pytest.mark.django_db
def test_claims_and_registry_tags_are_both_counted(clerk_maonan):
    man = at.person(tags=["disabled"])
    rec = assistance.difficulty_recognise(actor=clerk_maonan, person=man, claims=["subsistence_allowance"])
    assert rec.criteria == ["disabled", "subsistence_allowance"]


@pytest.mark.django_db
def test_long_unemployment_runs_from_the_registration(clerk_maonan):
    man = at.person()
    assistance.unemployment_register(actor=clerk_maonan, person=man, reason="其他", registered_on=date(2024, 1, 5))
    rec = assistance.difficulty_recognise(actor=clerk_maonan, person=man, recognised_on=date(2025, 1, 5))
    assert rec.criteria == ["long_unemployed"]


@pytest.mark.django_db
def test_no_criterion_is_refused(clerk_maonan):
    with pytest.raises(ValidationError) as err:
        assistance.difficulty_recognise(actor=clerk_maonan, person=at.person())
    assert "claims" in err.value.message_dict


@pytest.mark.django_db
def test_employed_person_is_refused_naming_the_job(clerk_maonan):
    man = at.person(tags=["disabled"])
    at.employ(man, at.employer("茂名市福利工厂"))
    with pytest.raises(ValidationError) as err:
        assistance.difficulty_recognise(actor=clerk_maonan, person=man)
    assert "处于无业状态" in str(err.value) and "茂名市福利工厂" in str(err.value)


@pytest.mark.django_db
def test_household_outside_guangdong_is_refused(clerk_maonan):
    migrant = at.person(id_region="450102", tags=["disabled"])
    with pytest.raises(ValidationError, match="具有本省户籍"):
        assistance.difficulty_recognise(actor=clerk_maonan, person=migrant)


@pytest.mark.django_db
def test_maoming_household_record_overrides_the_identity_number(clerk_maonan):
    moved = at.person(id_region="450102", household_region="440902001", tags=["disabled"])
    assert assistance.difficulty_recognise(actor=clerk_maonan, person=moved)


@pytest.mark.django_db
def test_only_one_active_recognition(clerk_maonan):
    man = at.person(tags=["disabled"])
    assistance.difficulty_recognise(actor=clerk_maonan, person=man)
    with pytest.raises(ValidationError, match="已被认定"):
        assistance.difficulty_recognise(actor=clerk_maonan, person=man)


@pytest.mark.django_db
def test_unknown_claim_is_refused(clerk_maonan):
    with pytest.raises(ValidationError) as err:
        assistance.difficulty_recognise(actor=clerk_maonan, person=at.person(), claims=["lottery"])
    assert "claims" in err.value.message_dict


@pytest.mark.django_db
def test_permissions(clerk_gaozhou, citizen):
    with pytest.raises(PermissionDenied):
        assistance.difficulty_recognise(actor=clerk_gaozhou, person=at.person(tags=["disabled"]))
    with pytest.raises(PermissionDenied):
        assistance.difficulty_recognise(actor=citizen, person=citizen.person, claims=["disabled"])


@pytest.mark.django_db
def test_ending_removes_the_tag(clerk_maonan):
    man = at.person(tags=["disabled"])
    rec = assistance.difficulty_recognise(actor=clerk_maonan, person=man)
    rec = assistance.difficulty_end(actor=clerk_maonan, recognition=rec, reason="实现稳定就业")
    assert rec.ended_on and "employment_difficulty" not in _tags(man)
    assert "disabled" in _tags(man)


@pytest.mark.django_db
def test_case_approval_recognises(clerk_maonan, reviewer_maonan):
    woman = at.person(name="周兰", born=date(1979, 9, 9), female=True)
    case = at.file_case(clerk_maonan, woman, "RS-JY-004", CASE_FORM, channel="window")
    case = at.approve(case, clerk=clerk_maonan, reviewer=reviewer_maonan)
    assert case.status == Status.APPROVED
    rec = DifficultyRecognition.objects.get(person=woman)
    assert rec.case == case and rec.recognised_by == reviewer_maonan and rec.criteria == ["older_worker"]
    assert "employment_difficulty" in _tags(woman)
    assert DifficultyRecognition.objects.count() == 1


@pytest.mark.django_db
def test_case_not_meeting_the_criteria_cannot_be_approved(clerk_maonan, reviewer_maonan):
    young = at.person(name="吴九")  # 36, claims 大龄失业人员
    case = at.file_case(clerk_maonan, young, "RS-JY-004", CASE_FORM, channel="window")
    with pytest.raises(ValidationError, match="不符合任何一项认定条件"):
        at.approve(case, clerk=clerk_maonan, reviewer=reviewer_maonan)
    case.refresh_from_db()
    assert case.status == Status.IN_REVIEW and case.review_level == 2
    assert not DifficultyRecognition.objects.exists()
    assert "employment_difficulty" not in _tags(young)

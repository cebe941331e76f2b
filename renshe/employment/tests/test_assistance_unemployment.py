"""失业登记: at the window, from an approved case, refused while the registry shows the person employed."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe.audit.models import AuditEntry
from renshe.cases.models import Case, Status
from renshe.employment import assistance
from renshe.employment.models import UnemploymentRegistration
from renshe.employment.tests import assistance_testing as at
from renshe.registry import services as registry_services

CASE_FORM = {
    "unemployment_reason": "劳动合同期满终止",
    "unemployment_date": "2025-05-01",
    "registration_place": "常住地",
}


@pytest.mark.django_db
def test_clerk_registers_at_the_window(clerk_maonan, maonan_person):
    reg = assistance.unemployment_register(actor=clerk_maonan, person=maonan_person, reason="用人单位解除劳动合同")
    assert reg.status == UnemploymentRegistration.Status.ACTIVE
    assert reg.region_id == maonan_person.residence_region_id and reg.created_by == clerk_maonan
    assert not reg.is_non_local  # household (from the identity number) in 茂南, lives in 茂南
    assert AuditEntry.objects.filter(object_type="employment.unemploymentregistration", object_id=str(reg.pk)).exists()


@pytest.mark.django_db
def test_registering_while_employed_is_refused_with_the_reason(clerk_maonan, maonan_person):
    at.employ(maonan_person, at.employer("茂名石化配套有限公司"), start=date(2023, 7, 1))
    with pytest.raises(ValidationError) as err:
        assistance.unemployment_register(actor=clerk_maonan, person=maonan_person, reason="其他")
    text = " ".join(err.value.message_dict["person"])
    assert "仍在职" in text and "茂名石化配套有限公司" in text and "2023-07-01" in text
    assert not UnemploymentRegistration.objects.exists()


@pytest.mark.django_db
def test_after_the_job_ends_the_registration_is_allowed(clerk_maonan, maonan_person):
    job = at.employ(maonan_person, at.employer())
    registry_services.employment_end(actor=clerk_maonan, employment=job, end_date=date(2025, 1, 31), reason="期满")
    assert assistance.unemployment_register(actor=clerk_maonan, person=maonan_person, reason="劳动合同期满终止")


@pytest.mark.django_db
def test_clerk_of_another_district_cannot_register(clerk_gaozhou, maonan_person):
    with pytest.raises(PermissionDenied):
        assistance.unemployment_register(actor=clerk_gaozhou, person=maonan_person, reason="其他")


@pytest.mark.django_db
def test_citizen_cannot_register_directly(citizen):
    with pytest.raises(PermissionDenied):
        assistance.unemployment_register(actor=citizen, person=citizen.person, reason="其他")


@pytest.mark.django_db
def test_one_active_registration(clerk_maonan, maonan_person):
    assistance.unemployment_register(actor=clerk_maonan, person=maonan_person, reason="其他")
    with pytest.raises(ValidationError, match="已有有效的失业登记"):
        assistance.unemployment_register(actor=clerk_maonan, person=maonan_person, reason="其他")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("born", "female", "message"),
    [
        (date(1955, 1, 1), False, "已达到法定退休年龄"),
        (date(1960, 1, 1), True, "已达到法定退休年龄"),
        (timezone.localdate() - timedelta(days=15 * 365), False, "未满法定劳动年龄"),
    ],
)
def test_outside_working_age_is_refused(clerk_maonan, born, female, message):
    p = at.person(born=born, female=female)
    with pytest.raises(ValidationError, match=message):
        assistance.unemployment_register(actor=clerk_maonan, person=p, reason="其他")


@pytest.mark.django_db
def test_bad_input_names_the_field(clerk_maonan, maonan_person):
    with pytest.raises(ValidationError) as err:
        assistance.unemployment_register(actor=clerk_maonan, person=maonan_person, reason=" ")
    assert "reason" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        assistance.unemployment_register(
            actor=clerk_maonan,
            person=maonan_person,
            reason="其他",
            registered_on=timezone.localdate() + timedelta(days=1),
        )
    assert "registered_on" in err.value.message_dict
    with pytest.raises(ValidationError, match="劳动能力"):
        assistance.unemployment_register(
            actor=clerk_maonan, person=maonan_person, reason="其他", able_and_willing=False
        )


@pytest.mark.django_db
def test_non_local_worker_registers_where_they_live(clerk_maonan):
    migrant = at.person(name="黄六", id_region="450102")  # a 南宁 identity number, living in 茂南
    reg = assistance.unemployment_register(actor=clerk_maonan, person=migrant, reason="其他")
    assert reg.is_non_local and reg.region_id == migrant.residence_region_id


@pytest.mark.django_db
def test_ending_on_request(clerk_maonan, clerk_gaozhou, maonan_person):
    reg = assistance.unemployment_register(
        actor=clerk_maonan, person=maonan_person, reason="其他", registered_on=date(2025, 3, 1)
    )
    with pytest.raises(PermissionDenied):
        assistance.unemployment_end(actor=clerk_gaozhou, registration=reg, reason="本人申请")
    with pytest.raises(ValidationError) as err:
        assistance.unemployment_end(actor=clerk_maonan, registration=reg, ended_on=date(2025, 2, 1), reason="本人申请")
    assert "ended_on" in err.value.message_dict
    reg = assistance.unemployment_end(actor=clerk_maonan, registration=reg, reason="本人申请注销")
    assert reg.status == UnemploymentRegistration.Status.ENDED and reg.end_reason == "本人申请注销"
    with pytest.raises(ValidationError, match="已于"):
        assistance.unemployment_end(actor=clerk_maonan, registration=reg, reason="再次")


@pytest.mark.django_db
def test_online_application_is_instantly_approved_and_registers(citizen):
    case = at.file_case(citizen, citizen.person, "RS-JY-001", CASE_FORM)
    assert case.status == Status.CLOSED and case.auto_approved
    reg = UnemploymentRegistration.objects.get(person=citizen.person)
    assert reg.case == case and reg.reason == "劳动合同期满终止" and reg.created_by is None


@pytest.mark.django_db
def test_online_application_while_employed_is_refused_and_nothing_is_stored(citizen):
    at.employ(citizen.person, at.employer("茂名港务有限公司"))
    with pytest.raises(ValidationError) as err:
        at.file_case(citizen, citizen.person, "RS-JY-001", CASE_FORM)
    assert "茂名港务有限公司" in str(err.value)
    assert not Case.objects.exists() and not UnemploymentRegistration.objects.exists()


@pytest.mark.django_db
def test_window_case_registers_when_accepted(clerk_maonan, reviewer_maonan):
    woman = at.person(name="陈七", born=date(1972, 3, 3), female=True)  # 53: routed to a person, not 秒批
    case = at.file_case(clerk_maonan, woman, "RS-JY-001", CASE_FORM, channel="window")
    assert case.status == Status.SUBMITTED
    case = at.approve(case, clerk=clerk_maonan, reviewer=reviewer_maonan)
    assert case.status == Status.APPROVED
    reg = UnemploymentRegistration.objects.get(person=woman)
    assert reg.case == case and reg.created_by == clerk_maonan


@pytest.mark.django_db
def test_the_hook_fires_once(clerk_maonan, reviewer_maonan):
    from renshe.cases import services as case_services
    from renshe.cases.exceptions import CaseConflict

    woman = at.person(name="蒋八", born=date(1972, 3, 3), female=True)
    case = at.approve(
        at.file_case(clerk_maonan, woman, "RS-JY-001", CASE_FORM, channel="window"),
        clerk=clerk_maonan,
        reviewer=reviewer_maonan,
    )
    with pytest.raises(CaseConflict):
        case_services.case_transition(case=case, action="accept", actor=clerk_maonan)
    case_services.case_transition(case=case, action="deliver", actor=clerk_maonan)
    assert UnemploymentRegistration.objects.filter(person=woman).count() == 1

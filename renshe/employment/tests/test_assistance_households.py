"""零就业家庭: identified from the registry, alerted the moment one appears, cleared by a hire."""

from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from renshe.accounts.models import Message
from renshe.employment import assistance
from renshe.employment.models import ZeroEmploymentHousehold
from renshe.employment.monitoring import employment_register
from renshe.employment.tests import assistance_testing as at
from renshe.registry import services as registry_services

S = ZeroEmploymentHousehold.Status


@pytest.fixture
def family():
    return [
        at.person(name="孙父", born=date(1972, 3, 1)),
        at.person(name="孙母", born=date(1974, 5, 1), female=True),
        at.person(name="孙祖", born=date(1945, 1, 1)),  # retired: not a working-age member
    ]


@pytest.mark.django_db
def test_household_appears_with_an_alert(clerk_maonan, family):
    household = assistance.zero_household_identify(actor=clerk_maonan, household_ref="440902-0001", members=family)
    assert household.status == S.OPEN and household.members.count() == 3
    alert = Message.objects.get(recipient=clerk_maonan)
    assert "零就业家庭" in alert.title and "440902-0001" in alert.title


@pytest.mark.django_db
def test_a_working_member_means_not_zero(clerk_maonan, family):
    at.employ(family[1], at.employer("茂名市家政服务有限公司"))
    with pytest.raises(ValidationError) as err:
        assistance.zero_household_identify(actor=clerk_maonan, household_ref="440902-0002", members=family)
    assert "茂名市家政服务有限公司" in str(err.value)
    assert not ZeroEmploymentHousehold.objects.exists() and not Message.objects.exists()


@pytest.mark.django_db
def test_a_working_pensioner_does_not_count(clerk_maonan, family):
    at.employ(family[2], at.employer("返聘单位有限公司"))
    assert assistance.zero_household_identify(actor=clerk_maonan, household_ref="440902-0003", members=family)


@pytest.mark.django_db
def test_hire_clears_and_job_loss_reopens(clerk_maonan, family):
    household = assistance.zero_household_identify(actor=clerk_maonan, household_ref="440902-0004", members=family)
    reg = employment_register(
        actor=clerk_maonan,
        person=family[0],
        employer=at.employer(),
        start_date=timezone.localdate(),
        contract_type="fixed",
        source="window",
    )
    household.refresh_from_db()
    assert household.status == S.CLEARED and household.cleared_on == timezone.localdate()
    registry_services.employment_end(
        actor=clerk_maonan, employment=reg.employment, end_date=timezone.localdate(), reason="裁员"
    )
    before = Message.objects.count()
    assert assistance.zero_households_refresh() == {"checked": 1, "cleared": 0, "reopened": 1}
    assert assistance.zero_households_refresh() == {"checked": 1, "cleared": 0, "reopened": 0}
    household.refresh_from_db()
    assert household.status == S.OPEN and Message.objects.count() == before + 1


@pytest.mark.django_db
def test_refresh_command_clears(clerk_maonan, family):
    household = assistance.zero_household_identify(actor=clerk_maonan, household_ref="440902-0005", members=family)
    at.employ(family[1], at.employer())  # recorded in the registry directly, not through 就业登记
    call_command("refresh_zero_households", stdout=StringIO())
    household.refresh_from_db()
    assert household.status == S.CLEARED


@pytest.mark.django_db
def test_identify_bad_input_and_permissions(clerk_maonan, clerk_gaozhou, citizen, family):
    with pytest.raises(ValidationError) as err:
        assistance.zero_household_identify(actor=clerk_maonan, household_ref=" ", members=family)
    assert "household_ref" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        assistance.zero_household_identify(actor=clerk_maonan, household_ref="x", members=[])
    assert "members" in err.value.message_dict
    with pytest.raises(ValidationError, match="没有法定劳动年龄内的成员"):
        assistance.zero_household_identify(actor=clerk_maonan, household_ref="x", members=family[2:])
    with pytest.raises(PermissionDenied):
        assistance.zero_household_identify(actor=clerk_gaozhou, household_ref="x", members=family)
    with pytest.raises(PermissionDenied):
        assistance.zero_household_identify(actor=citizen, household_ref="x", members=family)
    assistance.zero_household_identify(actor=clerk_maonan, household_ref="dup", members=family)
    with pytest.raises(ValidationError, match="已在零就业家庭名单中"):
        assistance.zero_household_identify(actor=clerk_maonan, household_ref="dup", members=family)

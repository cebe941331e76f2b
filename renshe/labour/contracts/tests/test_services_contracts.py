"""Filing, renewing and ending labour contracts: the good path and every kind of bad input."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.audit.models import AuditEntry
from renshe.labour.contracts import services_contracts as svc
from renshe.labour.contracts.models import ContractStatus, LabourContract
from renshe.labour.contracts.tests.support import TERMS, employer_with_staff

pytestmark = pytest.mark.django_db


def _register(user, person, **over):
    return svc.contract_register(actor=user, id_number=person.id_number, **{**TERMS, **over})


def test_employer_files_a_contract_of_its_employee():
    user, (worker, _other) = employer_with_staff()
    contract = _register(user, worker)
    assert contract.status == ContractStatus.ACTIVE
    assert contract.employer == user.employer and contract.person == worker
    assert AuditEntry.objects.filter(object_type="contracts.labourcontract", object_id=str(contract.pk)).exists()


@pytest.mark.parametrize(
    ("over", "field"),
    [
        ({"monthly_wage": "1749"}, "monthly_wage"),  # below 1750 in force from 2025-03-01
        ({"end_date": date(2025, 2, 1)}, "end_date"),
        ({"contract_type": "open"}, "end_date"),  # open-ended with an end date
        ({"position": " "}, "position"),
        ({"probation_months": 6, "end_date": date(2026, 2, 28)}, "probation_months"),
    ],
)
def test_bad_terms_are_refused_naming_the_field(over, field):
    user, (worker, _other) = employer_with_staff()
    with pytest.raises(ValidationError) as exc:
        _register(user, worker, **over)
    assert field in exc.value.message_dict
    assert not LabourContract.objects.exists()


def test_wage_checked_against_the_minimum_in_force_on_the_start_date():
    user, (worker, _other) = employer_with_staff()
    # 1620 was in force before 2025-03-01: 1700 is fine for a contract that started then.
    old = {"start_date": date(2024, 6, 1), "signed_on": date(2024, 6, 1), "end_date": date(2025, 5, 31)}
    assert _register(user, worker, monthly_wage="1700", **old).monthly_wage == 1700


@pytest.mark.parametrize("number", ["440902199001010000", "12345", ""])
def test_invalid_identity_number(number):
    user, _people = employer_with_staff()
    with pytest.raises(ValidationError) as exc:
        svc.contract_register(actor=user, id_number=number, **TERMS)
    assert "id_number" in exc.value.message_dict


def test_person_not_employed_by_this_employer():
    user, _people = employer_with_staff()
    stranger = testing.person(name="王五")
    with pytest.raises(ValidationError) as exc:
        _register(user, stranger)
    assert "不是本单位在职职工" in exc.value.message_dict["id_number"][0]


def test_duplicate_active_contract():
    user, (worker, _other) = employer_with_staff()
    _register(user, worker)
    with pytest.raises(ValidationError) as exc:
        _register(user, worker, start_date=date(2025, 4, 1), signed_on=date(2025, 4, 1))
    assert "履行中" in exc.value.message_dict["id_number"][0]
    assert LabourContract.objects.count() == 1


def test_only_employer_accounts_file(citizen, clerk_maonan):
    _user, (worker, _other) = employer_with_staff()
    for actor in (citizen, clerk_maonan):
        with pytest.raises(PermissionDenied):
            _register(actor, worker)


def test_renewal_starts_the_day_after_and_keeps_history():
    user, (worker, _other) = employer_with_staff()
    old = _register(user, worker)
    new = svc.contract_renew(
        actor=user,
        contract=old,
        contract_type="open",
        end_date=None,
        monthly_wage="3500",
        position="班组长",
        signed_on=date(2028, 2, 1),
    )
    old.refresh_from_db()
    assert old.status == ContractStatus.RENEWED
    assert new.start_date == date(2028, 3, 1) and new.renewed_from == old and new.probation_months == 0
    with pytest.raises(ValidationError):
        svc.contract_renew(
            actor=user,
            contract=old,
            contract_type="open",
            end_date=None,
            monthly_wage="3500",
            position="x",
            signed_on=date(2028, 2, 1),
        )


def test_termination_and_its_bad_input():
    user, (worker, _other) = employer_with_staff()
    contract = _register(user, worker)
    with pytest.raises(ValidationError) as exc:
        svc.contract_terminate(actor=user, contract=contract, terminated_on=date(2025, 2, 1), reason="协商一致")
    assert "terminated_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        svc.contract_terminate(actor=user, contract=contract, terminated_on=date(2026, 1, 1), reason="")
    done = svc.contract_terminate(actor=user, contract=contract, terminated_on=date(2026, 1, 1), reason="协商一致解除")
    assert done.status == ContractStatus.TERMINATED and done.terminated_on == date(2026, 1, 1)
    # A new contract may follow once the old one ended.
    assert _register(user, worker, start_date=date(2026, 2, 1), signed_on=date(2026, 2, 1), end_date=date(2027, 1, 31))


def test_an_employer_cannot_act_on_another_employers_contract():
    user, (worker, _other) = employer_with_staff()
    contract = _register(user, worker)
    rival, _people = employer_with_staff("employer_rival", name="茂名市另一家有限公司")
    with pytest.raises(PermissionDenied):
        svc.contract_terminate(actor=rival, contract=contract, terminated_on=date(2026, 1, 1), reason="x")

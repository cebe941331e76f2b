"""person_register, person_update and person_reveal (renshe.registry.services)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditAction, AuditEntry
from renshe.registry import services
from renshe.registry.models import Person

pytestmark = pytest.mark.django_db


def _entries(obj, action=None):
    qs = AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
    return qs.filter(action=action) if action else qs


def _register(actor, **overrides):
    fields = {
        "name": "王五",
        "id_number": "440902198506150023",
        "residence_region": testing.MAONAN_TOWN,
        "phone": "+86 138-1234-5678",
    }
    fields.update(overrides)
    return services.person_register(actor=actor, **fields)


def test_register_derives_birth_date_gender_and_initials(clerk_maonan):
    person = _register(clerk_maonan)
    person.refresh_from_db()
    assert person.birth_date == date(1985, 6, 15)
    assert person.gender == "F"
    assert person.name_initials == "ww"
    assert person.phone == "13812345678"
    assert person.residence_region_id == testing.MAONAN_TOWN


def test_register_normalises_a_lowercase_x_and_a_fifteen_digit_number(clerk_maonan):
    assert _register(clerk_maonan, id_number="11010519491231002x").id_number == "11010519491231002X"
    old = _register(clerk_maonan, id_number="440524800101001")
    assert old.id_number == "440524198001010013"
    assert old.gender == "M"


def test_register_writes_an_audit_entry_with_the_new_values(clerk_maonan):
    person = _register(clerk_maonan, tags=["graduate"], education="21")
    entry = _entries(person).get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor_id == clerk_maonan.pk
    assert entry.actor_username == "clerk_maonan"
    assert entry.changes["name"] == [None, "王五"]
    assert entry.changes["id_number"] == [None, "440902198506150023"]
    assert entry.changes["birth_date"] == [None, "1985-06-15"]
    assert entry.changes["tags"] == [None, ["graduate"]]
    assert entry.changes["education"] == [None, "21"]


def test_duplicate_identity_number_is_refused_and_nothing_is_stored(clerk_maonan):
    _register(clerk_maonan)
    persons, entries = Person.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as info:
        _register(clerk_maonan, name="另一人")
    messages = info.value.message_dict["id_number"]
    assert any("已登记" in m for m in messages)
    assert any("440902********0023" in m for m in messages)  # the message does not echo the full number
    assert (Person.objects.count(), AuditEntry.objects.count()) == (persons, entries)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("phone", "12345", "手机号码"),
        ("id_number", "440902198506150024", "校验位"),
        ("id_number", "", "18位"),
        ("name", "   ", "姓名"),
        ("name", "张" * 41, "过长"),
        ("residence_region", "", "区划"),
        ("residence_region", "449999001", "不存在"),
        ("residence_region", "440900", "区县"),
        ("education", "99", "学历"),
        ("tags", ["no_such_tag"], "no_such_tag"),
    ],
)
def test_bad_input_is_refused_naming_the_field(clerk_maonan, field, value, fragment):
    persons, entries = Person.objects.count(), AuditEntry.objects.count()
    with pytest.raises(ValidationError) as info:
        _register(clerk_maonan, **{field: value})
    assert field in info.value.message_dict
    assert any(fragment in m for m in info.value.message_dict[field])
    assert (Person.objects.count(), AuditEntry.objects.count()) == (persons, entries)


def test_a_clerk_cannot_register_a_person_in_another_district(clerk_maonan):
    with pytest.raises(ValidationError) as info:
        _register(clerk_maonan, residence_region=testing.GAOZHOU_TOWN)
    assert "管辖范围" in info.value.message_dict["residence_region"][0]
    assert not Person.objects.exists()


def test_city_admin_registers_anywhere_in_the_city(city_admin):
    assert _register(city_admin, residence_region=testing.GAOZHOU_TOWN).residence_region_id == testing.GAOZHOU_TOWN


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.STATISTICIAN, Role.REVIEWER, Role.MEDIATOR])
def test_roles_without_the_permission_cannot_register(role):
    actor = testing.staff(f"u_{role}", role, "440902")
    with pytest.raises(PermissionDenied):
        _register(actor)
    assert not Person.objects.exists()


# --- person_update ----------------------------------------------------------------------------


def test_correcting_the_identity_number_keeps_derived_fields_consistent(clerk_maonan):
    person = _register(clerk_maonan)  # 1985-06-15, female
    corrected = testing.id_number("440902", date(1979, 2, 3))  # male
    services.person_update(actor=clerk_maonan, person=person, id_number=corrected)
    person.refresh_from_db()
    assert person.id_number == corrected
    assert person.birth_date == date(1979, 2, 3)
    assert person.gender == "M"
    entry = _entries(person, AuditAction.UPDATE).get()
    assert entry.changes["id_number"] == ["440902198506150023", corrected]
    assert entry.changes["birth_date"] == ["1985-06-15", "1979-02-03"]
    assert entry.changes["gender"] == ["F", "M"]
    assert "updated_at" not in entry.changes


def test_update_refuses_a_number_held_by_another_person(clerk_maonan):
    first = _register(clerk_maonan)
    second = _register(clerk_maonan, name="赵六", id_number=testing.id_number("440902"))
    with pytest.raises(ValidationError) as info:
        services.person_update(actor=clerk_maonan, person=second, id_number=first.id_number)
    assert "另一人" in info.value.message_dict["id_number"][0]
    second.refresh_from_db()
    assert second.id_number != first.id_number


def test_update_refuses_an_invalid_number_and_keeps_the_record(clerk_maonan):
    person = _register(clerk_maonan)
    with pytest.raises(ValidationError) as info:
        services.person_update(actor=clerk_maonan, person=person, id_number="440902199902300011", name="新名字")
    assert "id_number" in info.value.message_dict
    person.refresh_from_db()
    assert (person.name, person.id_number) == ("王五", "440902198506150023")
    assert not _entries(person, AuditAction.UPDATE).exists()


def test_update_of_name_refreshes_the_initials_and_audits_before_and_after(clerk_maonan):
    person = _register(clerk_maonan)
    services.person_update(actor=clerk_maonan, person=person, name="曾小贤", phone="139 0000 1111", tags=["veteran"])
    person.refresh_from_db()
    assert person.name_initials == "zxx"
    assert person.phone == "13900001111"
    entry = _entries(person, AuditAction.UPDATE).get()
    assert entry.changes["name"] == ["王五", "曾小贤"]
    assert entry.changes["phone"] == ["13812345678", "13900001111"]
    assert entry.changes["tags"] == [[], ["veteran"]]


def test_an_update_that_changes_nothing_writes_no_audit_entry(clerk_maonan):
    person = _register(clerk_maonan)
    services.person_update(actor=clerk_maonan, person=person, name="王五")
    assert not _entries(person, AuditAction.UPDATE).exists()


def test_a_clerk_cannot_update_a_person_of_another_district(clerk_gaozhou, maonan_person):
    with pytest.raises(ValidationError):
        services.person_update(actor=clerk_gaozhou, person=maonan_person, name="改名")
    maonan_person.refresh_from_db()
    assert maonan_person.name == "张三"


def test_a_clerk_cannot_move_a_person_out_of_their_district(clerk_maonan, maonan_person):
    with pytest.raises(ValidationError) as info:
        services.person_update(actor=clerk_maonan, person=maonan_person, residence_region=testing.GAOZHOU_TOWN)
    assert "residence_region" in info.value.message_dict
    maonan_person.refresh_from_db()
    assert maonan_person.residence_region_id == testing.MAONAN_TOWN


# --- person_reveal ----------------------------------------------------------------------------


def test_reveal_returns_full_values_and_is_audited(clerk_maonan):
    person = _register(clerk_maonan)
    values = services.person_reveal(actor=clerk_maonan, person=person)
    assert values == {"id_number": "440902198506150023", "phone": "13812345678"}
    entry = _entries(person, AuditAction.REVEAL).get()
    assert entry.actor_username == "clerk_maonan"
    assert entry.changes == {"fields": ["id_number", "phone"]}


def test_reveal_without_the_permission_is_refused_and_not_audited(maonan_person):
    mediator = testing.staff("mediator_maonan", Role.MEDIATOR, "440902")
    with pytest.raises(PermissionDenied):
        services.person_reveal(actor=mediator, person=maonan_person)
    assert not _entries(maonan_person, AuditAction.REVEAL).exists()

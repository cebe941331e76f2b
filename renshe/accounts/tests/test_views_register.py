"""Real-name self-registration of citizens and employers (/accounts/register/…)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role, User
from renshe.audit.models import AuditAction, AuditEntry
from renshe.registry.models import Employer, Person

pytestmark = pytest.mark.django_db

CITIZEN = reverse("accounts:register_citizen")
EMPLOYER = reverse("accounts:register_employer")


def _citizen(**overrides):
    data = {
        "username": "wangwu",
        "password": "Renshe@2026x",
        "password2": "Renshe@2026x",
        "name": "王五",
        "id_number": "440902198506150023",
        "phone": "13812345678",
        "residence_region": testing.MAONAN_TOWN,
    }
    data.update(overrides)
    return data


def _errors(response, field):
    return " ".join(response.context["form"].errors.get(field, []))


def test_the_forms_render(client):
    assert client.get(CITIZEN).status_code == 200
    assert client.get(EMPLOYER).status_code == 200


def test_a_citizen_registers_is_logged_in_and_sees_only_their_record(client, gaozhou_person):
    response = client.post(CITIZEN, _citizen())
    assert response.status_code == 302
    assert response["Location"] == reverse("core:portal")
    user = User.objects.get(username="wangwu")
    assert user.role == Role.CITIZEN
    assert user.person.id_number == "440902198506150023"
    assert user.person.gender == "F"
    assert user.person.phone == "13812345678"
    assert int(client.session["_auth_user_id"]) == user.pk
    body = client.get(reverse("registry:my_record")).content.decode()
    assert "王五" in body
    assert "李四" not in body
    assert client.get(reverse("registry:person_detail", args=[gaozhou_person.pk])).status_code == 403
    assert client.get("/api/v1/persons/").status_code == 403
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="registry.person").exists()


def test_an_invalid_identity_number_shows_the_field_error(client):
    response = client.post(CITIZEN, _citizen(id_number="440902198506150024"))
    assert response.status_code == 400
    assert "校验位" in _errors(response, "id_number")
    assert not Person.objects.exists()
    assert not User.objects.filter(username="wangwu").exists()


def test_an_invalid_phone_shows_the_field_error(client):
    response = client.post(CITIZEN, _citizen(phone="12345"))
    assert response.status_code == 400
    assert "手机号码" in _errors(response, "phone")
    assert not Person.objects.exists()


def test_a_weak_password_stores_nothing(client):
    response = client.post(CITIZEN, _citizen(password="abcdefgh1", password2="abcdefgh1"))
    assert response.status_code == 400
    assert _errors(response, "password")
    assert not Person.objects.exists()
    assert not User.objects.filter(username="wangwu").exists()


def test_mismatched_passwords_are_refused(client):
    response = client.post(CITIZEN, _citizen(password2="Renshe@2026y"))
    assert response.status_code == 400
    assert _errors(response, "password2")


def test_a_taken_username_stores_nothing(client, citizen):
    response = client.post(CITIZEN, _citizen(username="CITIZEN_ZS"))
    assert response.status_code == 400
    assert "已被使用" in _errors(response, "username")
    assert not Person.objects.filter(id_number="440902198506150023").exists()


def test_a_known_number_links_to_the_bureaus_record_when_the_name_matches(client):
    held = testing.person(name="王五", id_number="440902198506150023", phone="13900000000")
    response = client.post(CITIZEN, _citizen(id_number="440902198506150023"))
    assert response.status_code == 302
    user = User.objects.get(username="wangwu")
    assert user.person_id == held.pk
    assert Person.objects.count() == 1


def test_a_known_number_is_refused_when_the_name_does_not_match(client):
    testing.person(name="王五", id_number="440902198506150023")
    response = client.post(CITIZEN, _citizen(name="王六"))
    assert response.status_code == 400
    assert "不一致" in _errors(response, "name")
    assert not User.objects.filter(username="wangwu").exists()


def test_a_number_that_already_has_an_account_is_refused(client, citizen):
    response = client.post(CITIZEN, _citizen(name=citizen.person.name, id_number=citizen.person.id_number))
    assert response.status_code == 400
    assert "已注册" in _errors(response, "id_number")
    assert not User.objects.filter(username="wangwu").exists()


def test_a_lowercase_x_matches_the_held_record(client):
    held = testing.person(name="王五", id_number="11010519491231002X")
    response = client.post(CITIZEN, _citizen(id_number="11010519491231002x"))
    assert response.status_code == 302
    assert User.objects.get(username="wangwu").person_id == held.pk


# --- employers --------------------------------------------------------------------------------


def _employer(**overrides):
    data = {
        "username": "shihua",
        "password": "Renshe@2026x",
        "password2": "Renshe@2026x",
        "credit_code": "91350100M000100Y43",
        "name": "茂名市石化机械有限公司",
        "industry": "C",
        "region": testing.MAONAN_TOWN,
        "size": "medium",
        "ownership": "private",
        "legal_representative": "陈志明",
        "contact_phone": "",
    }
    data.update(overrides)
    return data


def test_an_employer_registers_and_sees_only_itself(client):
    other = testing.employer(name="别家公司")
    response = client.post(EMPLOYER, _employer())
    assert response.status_code == 302
    user = User.objects.get(username="shihua")
    assert user.role == Role.EMPLOYER
    assert user.employer.credit_code == "91350100M000100Y43"
    body = client.get(reverse("core:portal")).content.decode()
    assert "茂名市石化机械有限公司" in body
    assert other.name not in body
    assert client.get(reverse("registry:employer_list")).status_code == 403


def test_an_invalid_credit_code_shows_the_field_error(client):
    response = client.post(EMPLOYER, _employer(credit_code="91350100M000100Y44"))
    assert response.status_code == 400
    assert "校验位" in _errors(response, "credit_code")
    assert not Employer.objects.exists()


def test_a_known_credit_code_links_when_the_name_matches(client):
    held = testing.employer(name="茂名市石化机械有限公司", credit_code="91350100M000100Y43")
    response = client.post(EMPLOYER, _employer(credit_code="91350100m000100y43"))
    assert response.status_code == 302
    assert User.objects.get(username="shihua").employer_id == held.pk
    assert Employer.objects.count() == 1


def test_a_known_employer_with_an_account_gets_no_second_one_by_self_registration(client):
    held = testing.employer(name="茂名市石化机械有限公司", credit_code="91350100M000100Y43")
    assert client.post(EMPLOYER, _employer()).status_code == 302
    client.logout()
    response = client.post(EMPLOYER, _employer(username="impostor"))
    assert response.status_code == 400
    assert "窗口" in _errors(response, "credit_code")
    assert list(User.objects.filter(employer=held).values_list("username", flat=True)) == ["shihua"]


def test_a_known_employer_needs_its_legal_representative(client):
    testing.employer(name="茂名市石化机械有限公司", credit_code="91350100M000100Y43", legal_representative="陈志明")
    response = client.post(EMPLOYER, _employer(legal_representative="李冒名"))
    assert response.status_code == 400
    assert "法定代表人" in _errors(response, "legal_representative")
    assert not User.objects.filter(username="shihua").exists()
    assert client.post(EMPLOYER, _employer()).status_code == 302


def test_a_known_credit_code_is_refused_when_the_name_does_not_match(client):
    testing.employer(name="茂名市石化机械有限公司", credit_code="91350100M000100Y43")
    response = client.post(EMPLOYER, _employer(name="冒名公司"))
    assert response.status_code == 400
    assert "不一致" in _errors(response, "name")
    assert not User.objects.filter(username="shihua").exists()


def test_a_weak_password_registers_no_employer(client):
    response = client.post(EMPLOYER, _employer(password="abcdefgh1", password2="abcdefgh1"))
    assert response.status_code == 400
    assert not Employer.objects.exists()

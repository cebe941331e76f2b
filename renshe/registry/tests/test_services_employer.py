"""employer_register and employer_update (renshe.registry.services)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditAction, AuditEntry
from renshe.registry import services
from renshe.registry.models import Employer

pytestmark = pytest.mark.django_db


def _register(actor, **overrides):
    fields = {
        "credit_code": "91350100M000100Y43",
        "name": "茂名市石化机械有限公司",
        "industry": "C",
        "region": testing.MAONAN_TOWN,
        "size": "medium",
        "ownership": "private",
        "contact_phone": "138-0000-1234",
    }
    fields.update(overrides)
    return services.employer_register(actor=actor, **fields)


def test_register_normalises_and_audits(clerk_maonan):
    employer = _register(clerk_maonan, credit_code=" 91350100m000100y43 ")
    employer.refresh_from_db()
    assert employer.credit_code == "91350100M000100Y43"
    assert employer.contact_phone == "13800001234"
    entry = AuditEntry.objects.get(object_type="registry.employer", object_id=str(employer.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.actor_id == clerk_maonan.pk
    assert entry.changes["credit_code"] == [None, "91350100M000100Y43"]
    assert entry.changes["industry"] == [None, "C"]


def test_labels_are_accepted_for_choices_and_industry(clerk_maonan):
    employer = _register(clerk_maonan, industry="制造业", size="中型", ownership="私营")
    assert (employer.industry_id, employer.size, employer.ownership) == ("C", "medium", "private")


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("credit_code", "91350100M000100Y44", "校验位"),
        ("credit_code", "91350100M0001O0Y43", "O"),
        ("credit_code", "", "18位"),
        ("name", "  ", "单位名称"),
        ("industry", "Z", "行业"),
        ("region", "440981999", "不存在"),
        ("size", "huge", "huge"),
        ("ownership", "", "无效"),
        ("contact_phone", "0668-1234", "手机号码"),
    ],
)
def test_bad_input_is_refused_naming_the_field(clerk_maonan, field, value, fragment):
    with pytest.raises(ValidationError) as info:
        _register(clerk_maonan, **{field: value})
    assert any(fragment in m for m in info.value.message_dict[field])
    assert not Employer.objects.exists()
    assert not AuditEntry.objects.filter(object_type="registry.employer").exists()


def test_duplicate_credit_code_is_refused(clerk_maonan):
    _register(clerk_maonan)
    with pytest.raises(ValidationError) as info:
        _register(clerk_maonan, name="另一家公司")
    assert "已登记" in info.value.message_dict["credit_code"][0]
    assert Employer.objects.count() == 1


def test_a_clerk_cannot_register_an_employer_in_another_district(clerk_maonan):
    with pytest.raises(ValidationError) as info:
        _register(clerk_maonan, region=testing.GAOZHOU_TOWN)
    assert "管辖范围" in info.value.message_dict["region"][0]
    assert not Employer.objects.exists()


def test_a_role_without_the_permission_cannot_register():
    auditor = testing.staff("auditor_x", Role.AUDITOR, "440900")
    with pytest.raises(PermissionDenied):
        _register(auditor)


def test_update_audits_before_and_after(clerk_maonan):
    employer = _register(clerk_maonan)
    services.employer_update(actor=clerk_maonan, employer=employer, name="茂名市石化机械股份有限公司", size="large")
    entry = AuditEntry.objects.get(object_type="registry.employer", object_id=str(employer.pk), action="update")
    assert entry.changes == {
        "name": ["茂名市石化机械有限公司", "茂名市石化机械股份有限公司"],
        "size": ["medium", "large"],
    }


def test_update_by_a_clerk_of_another_district_is_refused(clerk_maonan, clerk_gaozhou):
    employer = _register(clerk_maonan)
    with pytest.raises(ValidationError):
        services.employer_update(actor=clerk_gaozhou, employer=employer, name="改名")
    with pytest.raises(ValidationError):
        services.employer_update(actor=clerk_maonan, employer=employer, region=testing.GAOZHOU_TOWN)
    employer.refresh_from_db()
    assert (employer.name, employer.region_id) == ("茂名市石化机械有限公司", testing.MAONAN_TOWN)


def test_update_refuses_an_empty_name(clerk_maonan):
    employer = _register(clerk_maonan)
    with pytest.raises(ValidationError) as info:
        services.employer_update(actor=clerk_maonan, employer=employer, name=" ")
    assert "name" in info.value.message_dict

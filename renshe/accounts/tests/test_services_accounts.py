"""user_create and the role groups (renshe.accounts.services, permissions)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Role, User
from renshe.accounts.permissions import role_permissions
from renshe.accounts.services import role_groups_sync, user_create
from renshe.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def _create(actor, **overrides):
    fields = {
        "username": "clerk_new",
        "password": "Abcdefg1!x",
        "role": Role.CLERK,
        "org_unit": testing.org_unit("440902"),
        "display_name": "新人",
    }
    fields.update(overrides)
    return user_create(actor=actor, **fields)


def test_role_groups_hold_exactly_the_table(db):
    role_groups_sync()
    role_groups_sync()  # idempotent
    for role, perms in role_permissions().items():
        group = Group.objects.get(name=role)
        held = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
        assert held == set(perms), role


@pytest.mark.parametrize(
    ("role", "view", "reveal", "add"),
    [
        (Role.CLERK, True, True, True),
        (Role.REVIEWER, True, True, False),
        (Role.MEDIATOR, True, False, False),
        (Role.STATISTICIAN, False, False, False),
        (Role.AUDITOR, False, False, False),
    ],
)
def test_a_user_gets_the_permissions_of_their_role(role, view, reveal, add):
    user = User.objects.get(pk=testing.staff(f"u_{role}", role, "440902").pk)
    assert user.has_perm("registry.view_person") is view
    assert user.has_perm("registry.reveal_personal_data") is reveal
    assert user.has_perm("registry.add_person") is add


def test_admin_creates_staff_in_their_region_and_it_is_audited(city_admin):
    user = _create(city_admin)
    assert user.groups.filter(name=Role.CLERK).exists()
    assert user.check_password("Abcdefg1!x")
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="accounts.user", object_id=str(user.pk))
    assert entry.actor_id == city_admin.pk
    assert entry.changes["role"] == [None, Role.CLERK]
    assert "password" not in entry.changes


def test_a_district_admin_cannot_create_staff_in_a_sibling_district():
    admin = testing.staff("admin_maonan", Role.ADMIN, "440902")
    with pytest.raises(ValidationError) as info:
        _create(admin, org_unit=testing.org_unit("440981"))
    assert "org_unit" in info.value.message_dict
    assert not User.objects.filter(username="clerk_new").exists()


def test_staff_need_an_org_unit(city_admin):
    with pytest.raises(ValidationError) as info:
        _create(city_admin, org_unit=None)
    assert "org_unit" in info.value.message_dict


def test_a_clerk_cannot_create_accounts(clerk_maonan):
    with pytest.raises(PermissionDenied):
        _create(clerk_maonan)


@pytest.mark.parametrize(
    ("field", "value"),
    [("username", "  "), ("username", "CLERK_MAONAN"), ("password", "abcdefgh1"), ("role", "god")],
)
def test_bad_input_names_the_field(city_admin, clerk_maonan, field, value):
    with pytest.raises(ValidationError) as info:
        _create(city_admin, **{field: value})
    assert field in info.value.message_dict
